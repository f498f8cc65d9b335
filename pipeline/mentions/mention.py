"""Mentions: typed, normalized, traceable spans of one document, and its sentence map.

A `Mention` is one row of `mentions.csv`. `Sentences` maps a character offset to its
sentence (spaCy's `senter` sentences, also cut at line breaks so that a heading glued to
the next paragraph stays apart).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.rules.lexicon import entity_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = ("PERSON", "ORG", "COUNTRY", "SITE", "PLACE", "AMOUNT", "QUANTITY", "DATE",
          "COMMITMENT")


@dataclass(slots=True)
class Mention:
    """One mention: `text[start:end] == text`; `value` is its normalized form."""

    label: str
    text: str
    value: str
    start: int
    end: int
    method: str            # "ner" (statistical model) or "rule"
    rule: str              # id of the rule or gazetteer entry that produced it
    sentence_start: int = 0
    sentence_end: int = 0
    role: str = ""         # person role, or "origin" for a nationality of a company
    country: str = ""      # ISO code of a site or place
    detail: str = ""       # e.g. "region", "acronym", "descriptor"
    obj: Any = field(default=None, repr=False)  # Amount / Quantity / Period behind it


class Sentences:
    """Sentence boundaries of a text: `Sentences(spans).of(offset) -> (start, end)`.

    >>> s = Sentences([(0, 10), (11, 20)])
    >>> s.of(12), s.index(3), s.of(99)
    ((11, 20), 0, (11, 20))
    """

    def __init__(self, spans: list[tuple[int, int]], cut_off: int | None = None):
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self.cut_off = cut_off   # start of a last sentence cut off mid-way (no facts from it)

    @classmethod
    def from_doc(cls, doc, body_start: int = 0, text: str | None = None) -> "Sentences":
        """spaCy sentences of `doc` after `body_start`, split again at line breaks; page
        furniture lines (credits, bylines, menus: `is_boilerplate`) are left out."""
        spans = []
        text = doc.text if text is None else text
        for sent in doc.sents:
            start, end = max(sent.start_char, body_start), sent.end_char
            while start < end:
                cut = text.find("\n", start, end)
                piece_end = end if cut == -1 else cut
                line_start = text.rfind("\n", 0, start) + 1
                if text[start:piece_end].strip() and not is_boilerplate(text, line_start):
                    lead = len(text[start:piece_end]) - len(text[start:piece_end].lstrip())
                    trail = len(text[start:piece_end].rstrip())
                    spans.append((start + lead, start + trail))
                start = piece_end + 1 if cut != -1 else end
        spans = spans or [(body_start, len(text))]
        return cls(spans, cut_off=_cut_off(text, spans[-1], len(spans)))

    def contains(self, offset: int) -> bool:
        """Whether `offset` falls inside a kept sentence."""
        start, end = self.of(offset)
        return start <= offset < end

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def of(self, offset: int) -> tuple[int, int]:
        return self.spans[self.index(offset)]

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self):
        return iter(self.spans)


@lru_cache(maxsize=None)
def _boilerplate_regex() -> re.Pattern | None:
    patterns = entity_lexicon().get("boilerplate_lines", {}).get("patterns", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def is_boilerplate(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is page furniture (credit, byline, menu).

    >>> is_boilerplate("© AFP / Justin Tallis", 0), is_boilerplate("Google investit.", 0)
    (True, False)
    """
    regex = _boilerplate_regex()
    return bool(regex and regex.match(text, line_start))


_SENTENCE_END = tuple(".!?…»\"”)’'")


def _cut_off(text: str, last: tuple[int, int], count: int) -> int | None:
    """Start of the last sentence when the article stops in the middle of it (a feed that
    truncates: "... investira 2 milli"); a heading-like single line is not a sentence."""
    sentence = text[last[0]:last[1]].rstrip()
    if count < 2 or sentence.endswith(_SENTENCE_END) or len(sentence.split()) < 6:
        return None
    return last[0]


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (text between blank-line or line breaks) holding `offset`.

    >>> paragraph_of("a\\nbc\\nd", 3)
    (2, 4)
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def text_of(doc: Doc) -> str:
    """The Doc's text, computed at most once per Doc."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


def sentences_of(doc: Doc):
    """The Doc's `Sentences` (senter sentences cut at line breaks), computed once."""
    if doc._.sentences is None:
        doc._.sentences = Sentences.from_doc(doc, doc._.body_start or 0, text_of(doc))
    return doc._.sentences
