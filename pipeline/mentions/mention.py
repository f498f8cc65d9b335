"""Mentions: typed, normalized, traceable spans of one document, and its sentence map.

A `Mention` is one row of `mentions.csv`. `Sentences` maps a character offset to its
sentence (spaCy's `senter` sentences, also cut at line breaks so that a heading glued to
the next paragraph stays apart).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.mentions.furniture import furniture_lines, furniture_reason, glue_points, sentence_furniture

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
        """spaCy sentences of `doc` after `body_start`, split again at line breaks and where
        a title runs into the text ("en FranceLe groupe"); page furniture (credits, bylines,
        menus, "Lire aussi": `pipeline.mentions.furniture`) is left out."""
        text = doc.text if text is None else text
        furniture = furniture_lines(text, body_start)
        spans = []
        for sent_start, sent_end in _senter_spans(doc, text):
            start, end = max(sent_start, body_start), sent_end
            while start < end:
                cut = text.find("\n", start, end)
                piece_end = end if cut == -1 else cut
                if text.rfind("\n", 0, start) + 1 not in furniture:
                    spans += _pieces(text, start, piece_end)
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


_FRENCH_LETTERS = frozenset("àâäçéèêëîïôöùûüÿœæ’«»")
_CLAUSE_MARKS = frozenset(";,:")   # no sentence ends there: a next part in lowercase goes on with it


def _senter_spans(doc, text: str) -> list[tuple[int, int]]:
    """spaCy's sentences, except a cut inside a name: the senter starts a sentence at a
    capitalised word with a letter French does not write, right after a word on the same
    line ("Daugava | Tīkli va investir", "Zakłady | Łódzkie"); such a cut is merged back,
    and so is a cut after a semicolon, a comma or a colon before a lowercase word ("en
    Dalécarlie ; | la Finlande 2 milliards, à Kajaani")."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        word = next(iter(text[sent.start_char:sent.end_char].split(maxsplit=1)), "")
        same_line = bool(spans) and "\n" not in text[spans[-1][1]:sent.start_char]
        if same_line and word[:1].isupper() and text[spans[-1][1] - 1:spans[-1][1]].isalpha() \
                and (any(not c.isascii() and c.lower() not in _FRENCH_LETTERS for c in word)
                     or _name_goes_on(text[spans[-1][0]:spans[-1][1]], word)):
            spans[-1] = (spans[-1][0], sent.end_char)
        elif same_line and word[:1].isupper() and _cut_after_a_word(text[spans[-1][0]:spans[-1][1]], word):
            spans[-1] = (spans[-1][0], sent.end_char)   # "par l'intermédiaire de sa filiale | Northwind Compute"
        elif same_line and word[:1].islower() and text[spans[-1][1] - 1:spans[-1][1]] in _CLAUSE_MARKS:
            spans[-1] = (spans[-1][0], sent.end_char)   # "en Dalécarlie ; | la Finlande 2 milliards"
        else:
            spans.append((sent.start_char, sent.end_char))
    return spans


_SENTENCE_OPENERS = frozenset("le la les l un une des ce cet cette ces il elle ils elles on nous vous je son sa ses leur "
                              "leurs selon en au aux dans pour par avec après avant depuis mais et ou donc or ainsi "
                              "pourquoi comment que qui quand où lire voir".split())


def _name_goes_on(before: str, word: str) -> bool:
    """"L'énergéticien suédois Kallfors | Energi et ...": a cut between two capitalised words
    of one line, the second no word a French sentence starts with, splits a name."""
    last = before.split()[-1] if before.split() else ""
    head = re.split(r"[’'\s]", word, maxsplit=1)[0].lower()
    return last[:1].isupper() and last.isalpha() and head not in _SENTENCE_OPENERS


def _cut_after_a_word(before: str, word: str) -> bool:
    """A cut right after a lowercase word of the same line, no mark between ("sa filiale |
    Northwind Compute"), before a word no French sentence starts with: no sentence ended."""
    last = before.split()[-1] if before.split() else ""
    head = re.split(r"[’'\s]", word, maxsplit=1)[0].lower()
    return last.isalpha() and last.islower() and len(last) > 1 and head not in _SENTENCE_OPENERS


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stripped parts of [start, end) cut at glue points, furniture sentences dropped."""
    out = []
    glued = glue_points(text, start, end)
    for left, right in zip([start] + glued, glued + [end]):
        piece = text[left:right]
        if piece.strip() and not sentence_furniture(piece.lstrip()):
            lead = len(piece) - len(piece.lstrip())
            out.append((left + lead, left + len(piece.rstrip())))
    return out


def is_boilerplate(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is page furniture (credit, byline, menu).

    >>> is_boilerplate("© AFP / Justin Tallis", 0), is_boilerplate("Google investit.", 0)
    (True, False)
    """
    end = text.find("\n", line_start)
    return bool(furniture_reason(text[line_start:len(text) if end == -1 else end]))


_SENTENCE_END = tuple(".!?…»\"”)’'")


def _cut_off(text: str, last: tuple[int, int], count: int) -> int | None:
    """Start of the last sentence when the article stops in the middle of it (a feed that
    truncates: "... investira 2 milli"); a heading-like single line is not a sentence."""
    sentence = text[last[0]:last[1]].rstrip()
    if count < 2 or sentence.endswith(_SENTENCE_END) or len(sentence.split()) < 6:
        return None
    return last[0]


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
