"""Places the statistical NER wraps in a common noun or gives another type.

- A LOC span that opens with an administrative or site noun names the place after it:
  "dans le comté de Clare" (LOC "comté de Clare") -> Clare, "le parc d'Airdrie" -> Airdrie,
  "le parc technologique Y-Parc" -> Y-Parc. The nouns are data
  (`models/entities.json` `place_heads`).
- A name the NER reads as a person or a miscellaneous name is a place in a locative frame:
  "un campus à Benslimane" (PER), "un centre de données à Kokrdov" (MISC), "sera implanté à
  Spata" (PER), "dans la zone de Spata". The name must follow "à" or a place noun, and be a
  city GeoNames knows or come right after a facility or settling word (`facility_cues`).

>>> place_head_end("comté de Clare"), place_head_end("parc technologique Y-Parc"), place_head_end("Île-de-France")
(9, 19, 0)
>>> in_locative_frame("un campus de centres de données à Benslimane, entre", 34, 44, "Benslimane")
True
>>> in_locative_frame("Il a répondu à Dupont, hier.", 15, 21, "Dupont")
False
>>> in_locative_frame("un centre à Sidi Abdellah", 12, 25, "Sidi Abdellah")
True
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.rules.cities import city_country
from pipeline.rules.lexicon import cues, rules_cache, word_set

FRAME_CHARS = 80     # how far before the name a facility or settling word may stand
_NAME = re.compile(r"[A-ZÀ-Ý][\w’'-]*(?: (?:de |del |di |do |la )?[A-ZÀ-Ý][\w’'-]*){0,2}")


@rules_cache
def _head_pattern() -> re.Pattern | None:
    heads = sorted(word_set("place_heads"), key=len, reverse=True)
    if not heads:
        return None
    alternatives = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"(?:(?:la|le|l['’]|les)\s+)?(?:{alternatives})(?:\s+(?:de\s+la|du|des|de|d['’])\s*|\s+)(?=[A-ZÀ-Ý])")


def place_head_end(text: str) -> int:
    """How many characters of a place span are a leading common noun ('comté de '), or 0."""
    pattern = _head_pattern()
    match = pattern.match(text) if pattern else None
    return match.end() if match and match.end() < len(text) else 0


# first words of Maghreb place names ("Sidi Bouzid", "Aïn Sebaâ", "Bir Mcherga", "Tizi Ouzou")
_PLACE_PREFIXES = {"Sidi", "Aïn", "Ain", "Bir", "Oued", "Ksar", "Ras", "Beni", "Bni", "Hassi", "Tizi", "Bordj", "Douar"}
_LISTED_BEFORE = re.compile(r"(?:\bde|\bd['’]|\bdu|\bet|,)\s*$", re.IGNORECASE)
_FRAME_BEFORE = re.compile(r"(?:\b[àa]|\bprès\s+d(?:e|['’])|\bzone\s+d(?:e|['’])|\bcommune\s+d(?:e|['’]))\s*$", re.IGNORECASE)


def in_locative_frame(text: str, start: int, end: int, name: str) -> bool:
    """Whether the name at start:end, which the NER gives no place type, is a place: after
    'à' / 'près de' / 'zone de', a GeoNames city, or a name right after a facility word; a
    name with a Maghreb place prefix ("Sidi", "Aïn", "Oued") also after "de" or in a list."""
    if not _NAME.fullmatch(name):
        return False
    if name.split()[0] in _PLACE_PREFIXES and _LISTED_BEFORE.search(text, max(0, start - 12), start):
        return True   # "les gouvernorats de Kairouan, Kasserine et Sidi Bouzid", "au cyberparc de Sidi Abdellah"
    if not _FRAME_BEFORE.search(text, max(0, start - 12), start):
        return False
    if city_country(name) or name.split()[0] in _PLACE_PREFIXES:
        return True   # "à Sidi Abdellah", "près d'Aïn Témouchent"
    before = text[max(0, start - FRAME_CHARS):start]
    if "\n" in before:
        before = before[before.rindex("\n") + 1:]
    return len(name.split()) == 1 and any(c.regex.search(before) for c in cues("facility_cues"))


# "dans le district de Bugesera", "sur la zone d'activités des Bouriettes", "dans le Sutherland"
_IN_PLACE = re.compile(r"\b(?:dans|sur|en)\s+(?:le|la|l['’]|les)\s*")
# a town GeoNames knows that opens a title line before its colon: "Sept-Îles : un centre de calcul ..."
_TITLE_PLACE = re.compile(r"(?m)^(?P<name>[A-ZÀ-Ý][\w’'-]+(?:[ -][A-ZÀ-Ý][\w’'-]+){0,2})[ \t]*:[ \t]")


def headed_places(text: str, body: int, free) -> list[Mention]:
    """Names no mention covers that a place noun (`place_heads`: district, zone d'activités,
    parc, vallée...) or "dans le" puts in a locative frame: "un centre de calcul dans le
    district de Bugesera" (a district neither the NER nor GeoNames knows), "situé dans le
    Sutherland". The name's value is the name after the noun. A town GeoNames knows that
    opens a title line before its colon is a place too ("Sept-Îles : un centre de calcul")."""
    out = []
    head = _head_pattern()
    for match in _IN_PLACE.finditer(text, body):
        end = match.end()
        noun = head.match(text, end) if head else None
        start = noun.end() if noun else end
        name = _NAME.match(text, start)
        if name is None or not noun and text[start:start + 1].islower():
            continue
        n_start, n_end = name.span()
        if free(n_start, n_end) and name.group(0).split()[0] not in {"La", "Le", "Les"}:
            out.append(Mention("PLACE", name.group(0), name.group(0), n_start, n_end, "rule", "place.headed"))
    for match in _TITLE_PLACE.finditer(text, body):   # "Sept-Îles : un centre de calcul de 320 millions $"
        if free(*match.span("name")) and city_country(match.group("name")):
            out.append(Mention("PLACE", match.group("name"), match.group("name"), *match.span("name"), "rule", "place.title"))
    return out


__all__ = ["headed_places", "in_locative_frame", "place_head_end"]
