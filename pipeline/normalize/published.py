"""The publication date a page prints in its text, when the feed gives none.

News pages print it in their header: "Publié le 19/05/25 à 09:31", "Mis à jour le 3 mars
2025", a timestamp "17/02/2025 à 16:50", a line "13 mai 2024 · 3 min", a press dateline
"Paris, le 13 mai 2024 -". The days are read by the date rules of `models/periods.json`;
its `published` rules say which of them is the publication date (what is written right
before or after it), in the head of the text only: a date in the body is an event.
"Publié le" beats "Mis à jour le"; among equals the first one written wins.

>>> published_in_text("Mis à jour le 3 mars 2025\\nPublié le 1er mars 2025 à 8h00").value
datetime.date(2025, 3, 1)
>>> published_in_text("Le 13 mai 2024, Microsoft a annoncé un plan.") is None
True
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipeline.normalize.period_grammar import GRAMMAR_PATH
from pipeline.normalize.periods import find_dates


@dataclass(frozen=True, slots=True)
class TextDate:
    """A publication date read in the text: `text[start:end]` is the day as written."""

    value: date
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    rank: int
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _rules() -> tuple[int, tuple[_Rule, ...]]:
    spec = json.loads(GRAMMAR_PATH.read_text(encoding="utf-8"))["published"]
    def compiled(pattern: str | None) -> re.Pattern[str] | None:
        return re.compile(pattern, re.IGNORECASE) if pattern else None
    rules = tuple(_Rule(r["id"], r["rank"], compiled(r.get("before")), compiled(r.get("after")))
                  for r in spec["rules"])
    return spec["head_chars"], rules


def _fits(rule: _Rule, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 80):start]
    if rule.before is not None and not rule.before.search(before if start >= 80 else "\n" + before):
        return False
    return rule.after is None or bool(rule.after.match(text[end:end + 80]))


def published_in_text(text: str, body_start: int = 0) -> TextDate | None:
    """The publication date written in the head of `text` (after `body_start`), or None."""
    head_chars, rules = _rules()
    head = text[:body_start + head_chars]
    best: tuple[int, int, TextDate] | None = None
    for day in find_dates(head, None):
        if day.start < body_start:
            continue
        rule = next((r for r in sorted(rules, key=lambda r: r.rank) if _fits(r, head, day.start, day.end)), None)
        if rule is not None and (best is None or (rule.rank, day.start) < best[:2]):
            best = (rule.rank, day.start, TextDate(day.value, day.start, day.end, rule.id))
    return best[2] if best else None
