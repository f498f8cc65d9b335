"""The gazetteer's matches a document keeps: non-overlapping, longest first, each checked
against the statistical NER and its neighbours.

- A name marked ambiguous, and a one-word organisation name opening a sentence
  ("Expansion de ..."), needs the NER to agree that it is a name.
- A lowercase match is no organisation ("dans le monde" is not Le Monde), unless written
  with an inner capital ("atNorth", "eBay").
- A one-word alias right after another capitalised word ends a longer name ("Polnet
  Telekom" is not Deutsche Telekom).
- A country opening an organisation's name is part of it ("France Travail").
- Two sites named alike are told apart by the country the document speaks of most.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.lang.fr.stop_words import STOP_WORDS

from pipeline.mentions.actors import in_actor_frame
from pipeline.mentions.mention import Mention, Sentences
from pipeline.rules.gazetteer import entry, is_ambiguous

GAZETTEER_KEY = "gazetteer"


def gazetteer_spans(doc, body: int, sentences: Sentences, entities: tuple | None = None) -> list[Mention]:
    """Non-overlapping gazetteer matches, longest first. Names marked ambiguous, and
    one-word organisation names opening a sentence ("Expansion de ..."), need the
    statistical NER to agree that they are names. `entities`: `doc.ents` when the caller
    has them already (each read of `doc.ents` builds its spans again)."""
    text = doc._.text or doc.text
    entities = doc.ents if entities is None else entities
    ents = {(e.start_char, e.end_char) for e in entities}
    org_starts = {e.start_char: e.end_char for e in entities if e.label_ == "ORG"}
    named_chars = Occupancy(len(text))
    for start, end in ents:
        named_chars.take(start, end)
    sentence_starts = {start for start, _ in sentences}
    # (start, end, label, entry id, one token?) read once from the spaCy spans
    candidates = [(s.start_char, s.end_char, s.label_, s.id_, len(s) == 1)
                  for s in doc.spans.get(GAZETTEER_KEY, []) if s.start_char >= body]
    countries = Counter((entry(c[3]) or {}).get("code") for c in candidates if c[2].startswith("COUNTRY"))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], -countries.get(_entry_country(c[3]), 0), c[3]))
    chosen: list[Mention] = []
    taken = Occupancy(len(text))
    for start, end, label, entry_id, one_token in candidates:
        if not taken.free(start, end):
            continue
        words = text[start:end]
        if is_ambiguous(entry(entry_id) or {}, words) and (start, end) not in ents:
            continue
        if (label == "ORG" and one_token and start in sentence_starts and words.istitle()
                and named_chars.free(start, end) and not in_actor_frame(text, start, end)):
            continue
        if label == "ORG" and not words[:1].isupper() and words[1:] == words[1:].lower():
            continue  # "dans le monde" is not the newspaper Le Monde ("atNorth", "eBay" are names)
        if label == "ORG" and one_token and _inside_longer_name(text, start, words, entry(entry_id) or {}):
            continue  # "Polnet Telekom" is not Deutsche Telekom
        if label in {"COUNTRY", "REGION"} and org_starts.get(start, end) > end:
            continue  # the first word of an organisation's name: "Albion Compute", "France Travail"
        detail = "adjective" if label.endswith("_ADJ") else ""
        chosen.append(Mention(label, words, words, start, end, "rule", entry_id, detail=detail))
        taken.take(start, end)
    return chosen


_NAME_WORD_BEFORE = re.compile(r"(?<![\w.!?:;\n])\s*([A-ZÀ-Ý][\w-]+) $")


def _inside_longer_name(text: str, start: int, words: str, gaz: dict) -> bool:
    """A one-word alias (not the entry's own name) right after a capitalised word that is
    not a function word ends another, longer name: "Polnet Telekom", "Sahara Orange"."""
    if words == gaz.get("name"):
        return False
    match = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(match) and match.group(1).lower() not in STOP_WORDS and match.start(1) > 0 \
        and text[match.start(1) - 1] == " "


def _entry_country(entry_id: str) -> str | None:
    """A site's or organisation's country: two sites named alike (Cambridge UK / US) are
    told apart by the country the document speaks of most."""
    return (entry(entry_id) or {}).get("country")


class Occupancy:
    """Which characters of a text are already covered by a span (O(length) checks)."""

    def __init__(self, length: int):
        self.chars = bytearray(length)

    def __len__(self) -> int:
        return len(self.chars)

    def take(self, start: int, end: int) -> None:
        self.chars[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.chars[start:end])
