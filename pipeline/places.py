"""COUNTRY, SITE and PLACE mentions.

- COUNTRY: ISO 3166-1 alpha-2 from names, nationality adjectives and periphrases
  (`models/places/countries.json`). An adjective that qualifies a company ("le géant
  américain") is the company's origin (`role="origin"`), not a target. Europe / UE are
  regions: PLACE with `detail="region"`, never a country.
- SITE: a city or region where facilities are built or located: a place named in a
  sentence that speaks of a facility (data centre, campus, site...), or a city adjective
  there ("un centre parisien" -> Paris). A summit venue or a speech city is a PLACE.
"""
from __future__ import annotations

from collections import Counter

from pipeline.gazetteer import entry
from pipeline.lexicon import cues
from pipeline.mentions import Mention, Sentences


def country_mention(mention: Mention, text: str) -> Mention:
    """Normalize a COUNTRY gazetteer match: ISO code, and `origin` role after a company noun."""
    gaz = entry(mention.rule) or {}
    mention.value = gaz.get("code", mention.value)
    if mention.detail == "adjective":
        before = text[max(0, mention.start - 60):mention.start]
        if any(cue.regex.search(before) for cue in cues("origin_nouns")):
            mention.role = "origin"
    return mention


def region_mention(mention: Mention) -> Mention:
    """Europe, UE, Vieux Continent...: a PLACE of kind region."""
    gaz = entry(mention.rule) or {}
    mention.label, mention.value, mention.detail = "PLACE", gaz.get("code", mention.text), "region"
    return mention


def site_value(mention: Mention) -> tuple[str, str]:
    """(canonical name, country code) of a place from the gazetteer, else from the text."""
    gaz = entry(mention.rule) if mention.method == "rule" else None
    if gaz:
        return gaz["name"], gaz.get("country", "")
    name = " ".join(mention.text.split())
    for article in ("l’", "l'", "la ", "le "):
        if name.lower().startswith(article):
            name = name[len(article):]
    return name, ""


def classify_places(places: list[Mention], text: str, sentences: Sentences,
                    countries: list[Mention]) -> None:
    """Set each place's label (SITE or PLACE), canonical value and country."""
    fallback = dominant_country(countries)
    for mention in places:
        mention.value, mention.country = site_value(mention)
        s_start, s_end = sentences.of(mention.start)
        if not mention.country:
            mention.country = nearest_country(mention, countries, s_start, s_end) or fallback
        sentence = text[s_start:s_end]
        clause = text[max(s_start, _clause_start(text, mention.start)):mention.start]
        facility = any(c.regex.search(sentence) for c in cues("facility_cues"))
        venue = any(c.regex.search(clause) for c in cues("venue_cues"))
        mention.label = "SITE" if facility and not venue else "PLACE"
        mention.rule = mention.rule if mention.method == "rule" else (
            "site.facility_sentence" if mention.label == "SITE" else "place.other")


def _clause_start(text: str, offset: int) -> int:
    cut = max(text.rfind(ch, 0, offset) for ch in ",;:()«»\n")
    return cut + 1


def nearest_country(mention: Mention, countries: list[Mention], start: int, end: int) -> str:
    """The target country named closest to `mention` in the same sentence, or ''."""
    near = [c for c in countries if start <= c.start < end and c.role != "origin"]
    if not near:
        return ""
    return min(near, key=lambda c: abs(c.start - mention.start)).value


def dominant_country(countries: list[Mention]) -> str:
    """The country a document is about: the most mentioned target country, if clear."""
    counts = Counter(c.value for c in countries if c.role != "origin")
    if not counts:
        return ""
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else ""
