"""Local and regional governments, and public bodies named after their place: they pay.

- A regional government named by its region or its adjective ("la Région Grand Est
  accorde", "le gouvernement flamand a approuvé"): `regional_body_mentions`.
- A local or regional government written with a lowercase head, as the subject of a verb
  that pays or of a gapped share ("La région Occitanie apporte 12 millions", "le land de
  Hesse versera", "et la communauté de communes du Plateau de Lannemezan 800 000 euros"):
  `regional_payer_mentions`. Its name may be a place the gazetteers know or any
  capitalised name (`named_after_head`): "Plateau de Lannemezan" is no known place.
- A body named after its place: a city's intercommunal government ("Angers Loire
  Métropole") or a public agency or fund ("Wallonie Entreprendre"): `place_body_mentions`.

The place mention always stays for the place itself. Word lists are data
(`models/entities.json`: `regional_body_heads`, `regional_payer_heads`, `place_body_tails`).
"""
from __future__ import annotations

import re

from pipeline.mentions.actors import GAPPED_MONEY, follows_payer_verb
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import company_words
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set

REGIONAL_BODY_RULE = "org.regional_body"

PLACE_COMPANY_RULE = "org.place_company"
_COMPANY_AFTER = re.compile(r"((?:[ \t]+[A-ZÀ-Ý][\w-]+){1,2})\b")   # " Calcul", " Digital Parks"


_PLACE_BODY_AFTER = re.compile(r"(?:\s+[A-ZÀ-Ý][\w-]+)?\s+([A-ZÀ-Ý][\w-]+)\b")
# a city's intercommunal government: "Angers Loire Métropole", "Toulouse Métropole", "l'agglomération du Grand Montauban"
_CITY_BODY_AFTER = re.compile(r"(?:[\s-]+[A-ZÀ-Ý][\w-]+)?\s+(?:Métropole|Agglomération|Communauté)\b")
_CITY_BODY_NAME = re.compile(r"\s(?:Métropole|Agglomération|Communauté)$")
_PAYS_BEFORE = re.compile(r"\bPays\s+(?:de\s+|du\s+|d['’]\s*)$")   # "Pays de Montbéliard Agglomération"
_CITY_BODY_BEFORE = re.compile(r"(?i:agglomération|communauté\s+urbaine)\s+du\s+(Grand\s+)$")


_WHO = re.compile(r"\s*qui\b")
_PARTICLE_END = re.compile(r"\b(?:de|d['’]|du|des|la)\s*$", re.IGNORECASE)   # "gouvernement de" + adjective: no name


@rules_cache
def _regional_head_regex() -> re.Pattern:
    heads = entity_lexicon().get("regional_body_heads", {}).get("words", [])
    forms = [re.escape(h) if h[:1].isupper() else f"(?i:{re.escape(h)})"
             for h in sorted(heads, key=len, reverse=True)]
    return re.compile(rf"\b(?:{'|'.join(forms)})\s+(?:(?i:de\s+la|de\s+l['’]|de|d['’]|du|des)\s*)?$")


def _payer_head() -> str:
    """A lowercase regional head and its particle: "la communauté de communes du "."""
    heads = literal_alternation(word_set("regional_payer_heads"))
    return rf"\b(?i:{heads})\s+(?i:de\s+la\s+|de\s+l['’]\s*|de\s+|d['’]\s*|du\s+|des\s+)?"


@rules_cache
def _payer_head_regex() -> re.Pattern:
    """A lowercase regional head right before a place."""
    return re.compile(rf"{_payer_head()}$")




@rules_cache
def _head_then_name() -> re.Pattern:
    """A lowercase regional head, its particle, then a capitalised name of up to six words."""
    word = r"[A-ZÀ-Ý][\w’'-]*"
    particle = r"(?:de\s+la|de\s+l['’]|de|du|des|d['’]|et|sur|en)"
    return re.compile(rf"{_payer_head()}(?P<name>{word}(?:\s+(?:{particle}\s*)?{word}){{0,5}})")


def named_after_head(text: str) -> list[Mention]:
    """PLACE mentions of the capitalised names written after a lowercase regional head,
    known places or not: "la communauté de communes du Plateau de Lannemezan" names
    "Plateau de Lannemezan". They only serve `regional_payer_mentions`.

    >>> [m.text for m in named_after_head("et la communauté de communes du Plateau de Lannemezan 800 000 euros.")]
    ['Plateau de Lannemezan']
    """
    return [Mention("PLACE", m.group("name"), m.group("name"), m.start("name"), m.end("name"), "rule",
                    "place.after_regional_head") for m in _head_then_name().finditer(text)]


def regional_payer_mentions(text: str, places: list[Mention]) -> list[Mention]:
    """ORG mentions of a local or regional government named in lowercase, as the subject of
    a verb that pays ("La région Occitanie apporte 12 millions", "le land de Hesse versera",
    "Le canton de Vaud lui versera une subvention", "et l'agglomération de Chaumont 800 k€"):
    the place mention stays for the place.

    >>> text = "Le canton de Vaud lui versera 15 millions. Le campus est dans le canton de Vaud."
    >>> vaud = [Mention("SITE", "Vaud", "Vaud", s, s + 4, "rule", "site.vaud") for s in (13, 73)]
    >>> [(m.value, m.start) for m in regional_payer_mentions(text, vaud)]
    [('canton de Vaud', 3)]
    >>> text = "La Région wallonne accordera une prime de 45 millions."
    >>> [m.value for m in regional_payer_mentions(text, [Mention("SITE", "Région wallonne", "Wallonie", 3, 18, "rule", "")])]
    ['Région wallonne']
    """
    head = _payer_head_regex()
    out = []
    for place in places:
        match = head.search(text, max(0, place.start - 40), place.start)
        start = match.start() if match else place.start if head.search(place.text.split()[0] + " ") else None
        relative = _WHO.match(text, place.end)   # "c'est la communauté d'agglomération X qui prend en charge"
        if start is not None and (follows_payer_verb(text, relative.end() if relative else place.end)
                                  or GAPPED_MONEY.match(text, place.end)):
            value = " ".join(text[start:place.end].split()).replace("’", "'")
            out.append(Mention("ORG", text[start:place.end], value, start, place.end, "rule",
                               REGIONAL_BODY_RULE, detail="regional body"))
    return out


def regional_body_mentions(text: str, places: list[Mention]) -> list[Mention]:
    """ORG mentions of regional governments named by their region or its adjective ("la Région
    Grand Est accorde", "le gouvernement flamand a approuvé"): they pay, as a state body does.
    The place mention stays for the region itself."""
    out = []
    for place in places:
        match = _regional_head_regex().search(text, max(0, place.start - 30), place.start)
        if match and not (place.detail == "adjective" and _PARTICLE_END.search(match.group(0))):
            value = " ".join(text[match.start():place.end].split()).replace("’", "'")
            out.append(Mention("ORG", text[match.start():place.end], value, match.start(), place.end, "rule",
                               REGIONAL_BODY_RULE, detail="regional body"))
    return out


def place_body_mentions(text: str, places: list[Mention]) -> list[Mention]:
    """ORG mentions of a body named after its place: a city's intercommunal government,
    which pays as a region does ("Angers Loire Métropole 600 000 euros", "l'agglomération du
    Grand Montauban 3 millions"), or a public agency or fund ("Wallonie Entreprendre prend
    une participation de 25 millions", "Normandie Participations"; `place_body_tails`); a
    company named after its place with a company word ("Provence Calcul", `org_name_tails`).
    The place mention stays for the place.

    >>> angers = Mention("SITE", "Angers", "Angers", 0, 6, "rule", "site.angers")
    >>> [m.value for m in place_body_mentions("Angers Loire Métropole apporte", [angers])]
    ['Angers Loire Métropole']
    >>> lorient = Mention("SITE", "Lorient", "Lorient", 8, 15, "rule", "site.lorient")
    >>> [m.value for m in place_body_mentions("Pays de Lorient Agglomération 600 000 euros", [lorient])]
    ['Pays de Lorient Agglomération']
    >>> wallonie = Mention("SITE", "Wallonie", "Wallonie", 0, 8, "rule", "site.wallonie")
    >>> [m.value for m in place_body_mentions("Wallonie Entreprendre prête 40 millions", [wallonie])]
    ['Wallonie Entreprendre']
    """
    out = []
    for place in places:
        tail = _PLACE_BODY_AFTER.match(text, place.end)
        if _CITY_BODY_NAME.search(place.text):   # the NER's place "Pays de Montbéliard Agglomération"
            start, end, detail = place.start, place.end, "city body"
        elif city := _CITY_BODY_AFTER.match(text, place.end) or _CITY_BODY_BEFORE.search(text, max(0, place.start - 40), place.start):
            start, end = (place.start, city.end()) if city.start() == place.end else (city.start(1), place.end)
            if pays := _PAYS_BEFORE.search(text, max(0, start - 12), start):
                start = pays.start()
            detail = "city body"
        elif tail and tail.group(1).lower() in word_set("place_body_tails"):
            start, end, detail = place.start, tail.end(), "place body"
        elif (words := _COMPANY_AFTER.match(text, place.end)) and set(words.group(1).split()) & company_words():
            out.append(Mention("ORG", text[place.start:words.end()], " ".join(text[place.start:words.end()].split()),
                               place.start, words.end(), "rule", PLACE_COMPANY_RULE, detail="company named after its place"))
            continue   # "Provence Calcul", "Moselle Digital Parks": a company, no public body
        else:
            continue
        out.append(Mention("ORG", text[start:end], " ".join(text[start:end].split()), start, end, "rule",
                           REGIONAL_BODY_RULE, detail=detail))
    return out
