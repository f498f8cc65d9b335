"""An article passage -> nested pieces for the page: plain text and labelled mentions.

Every text piece carries its char offsets in `Article.text`, so the page can map a
selection back to offsets. Mentions nest (a QUANTITY inside a COMMITMENT); a mention that
crosses another one's boundary cannot nest and is listed apart instead (`Passage.crossing`).

>>> text = "Microsoft investit 4 milliards en France."
>>> ms = [{"label": "ORG", "start": "0", "end": "9", "value": "Microsoft", "rule": "org"}]
>>> p = passage(text, 0, 19, ms)
>>> [(n["type"], n["start"], n["end"]) for n in p.nodes]
[('mark', 0, 9), ('text', 9, 41)]
>>> p.nodes[0]["children"][0]["text"], p.nodes[1]["evidence"]
('Microsoft', False)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

LABELS = ("PERSON", "ORG", "COUNTRY", "SITE", "PLACE", "AMOUNT", "QUANTITY", "DATE", "COMMITMENT")
_CSS_LABEL = re.compile(r"[A-Z_]{1,20}")


@dataclass(slots=True)
class Passage:
    """A stretch of article text: `nodes` to render, the mentions inside, the crossing ones."""

    start: int
    end: int
    nodes: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    crossing: list[dict] = field(default_factory=list)


def paragraph_bounds(text: str, start: int, end: int, body_start: int = 0) -> tuple[int, int]:
    """The line-delimited paragraph holding text[start:end] (a date header excluded).

    >>> paragraph_bounds("a b\\nc d. e f.\\ng", 6, 9)
    (4, 13)
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    low = text.rfind("\n", 0, start) + 1
    high = text.find("\n", end)
    return max(low, body_start if body_start <= start else 0), len(text) if high < 0 else high


def passage(text: str, start: int, end: int, mentions: Iterable[Mapping],
            evidence: tuple[int, int] | None = None, body_start: int = 0) -> Passage:
    """The paragraph around text[start:end], its mentions nested, the evidence marked."""
    return span_passage(text, *paragraph_bounds(text, start, end, body_start), mentions, evidence)


def span_passage(text: str, low: int, high: int, mentions: Iterable[Mapping],
                 evidence: tuple[int, int] | None = None) -> Passage:
    """text[low:high] as nested pieces (see the module docstring)."""
    inside = sorted((m for m in (_mention(m) for m in mentions) if m and low <= m["start"]
                     and m["end"] <= high), key=lambda m: (m["start"], -m["end"], m["label"]))
    roots: list[dict] = []
    stack: list[dict] = []
    crossing = []
    for m in inside:
        while stack and stack[-1]["end"] <= m["start"]:
            stack.pop()
        if stack and m["end"] > stack[-1]["end"]:
            crossing.append(m)
            continue
        (stack[-1]["children"] if stack else roots).append(m)
        stack.append(m)
    cuts = evidence or (high, high)
    nodes = _fill(text, low, high, roots, cuts)
    return Passage(low, high, nodes, [_public(m) for m in inside], [_public(m) for m in crossing])


def _fill(text: str, low: int, high: int, marks: list[dict], evidence: tuple[int, int]) -> list[dict]:
    nodes: list[dict] = []
    cursor = low
    for mark in marks:
        nodes += _text_pieces(text, cursor, mark["start"], evidence)
        children = _fill(text, mark["start"], mark["end"], mark["children"], evidence)
        nodes.append({**_public(mark), "type": "mark", "children": children})
        cursor = mark["end"]
    return nodes + _text_pieces(text, cursor, high, evidence)


def _text_pieces(text: str, low: int, high: int, evidence: tuple[int, int]) -> list[dict]:
    cuts = sorted({low, high} | {c for c in evidence if low < c < high})
    return [{"type": "text", "start": a, "end": b, "text": text[a:b],
             "evidence": evidence[0] <= a and b <= evidence[1]}
            for a, b in zip(cuts, cuts[1:]) if a < b]


def _mention(m: Mapping) -> dict | None:
    try:
        start, end = int(m["start"]), int(m["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if start >= end:
        return None
    label = str(m.get("label", ""))
    return {"label": label, "css": label if _CSS_LABEL.fullmatch(label) else "OTHER",
            "start": start, "end": end, "value": str(m.get("value", "") or ""),
            "text": str(m.get("text", "") or ""), "rule": str(m.get("rule", "") or ""),
            "children": []}


def _public(m: dict) -> dict:
    return {k: v for k, v in m.items() if k != "children"}
