"""Units a group acts through: subsidiaries, national units and investment vehicles.

"NTT Data, via sa filiale NTT Global Data Centers, va investir": the group gives way to the
unit it acts through (`acting_unit`). A company written with a country or a company word
("Vodafone Czech Republic", "Swisscom Ventures", "Seiran Devices Europe") names its own unit
(`unit_name_end`, `brand_units`); a group the article names once as acting through a unit
named elsewhere gives way to it (`unit_named_elsewhere`). The words are data
(`models/entities.json`: `acting_units`, `unit_name_tails`).
"""
from __future__ import annotations

import re

from pipeline.mentions.actors import follows_actor_verb
from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entries
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set


@rules_cache
def _unit_regex() -> re.Pattern:
    units = literal_alternation(word_set("acting_units"))
    return re.compile(rf"""
        \s*,?\s*
        \b(?:via|par\s+l['’]interm[ée]diaire\s+de|[àa]\s+travers|au\s+travers\s+de|par\s+le\s+biais\s+de)
        \s+(?:sa|son|ses|leur|leurs)\s+
        (?:{units})\b[^,.;:()]{{0,40}}?\s*$      # "sa filiale allemande "
        """, re.IGNORECASE | re.VERBOSE)


def acting_unit(text: str, actor: Mention, orgs: list[Mention]) -> Mention:
    """The unit an actor acts through, named after it in its sentence ("X, via sa filiale Y",
    "X va investir 6 milliards ..., par l'intermédiaire de sa filiale Y"), else the actor
    itself."""
    for org in orgs:
        between = text[actor.end:org.start]
        if org.start > actor.end and org.value != actor.value and not _SENTENCE_END.search(between) \
                and _unit_regex().search(between[-120:]):
            return org
    return actor


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@rules_cache
def _unit_name_regexes() -> tuple[re.Pattern, re.Pattern]:
    """(country names French prose also writes, foreign-language country names and company
    words of a unit's name): "France"; "Czech Republic", "Polska", "España", "Ventures"."""
    from babel import Locale
    import pycountry

    french, foreign = set(), set()
    for item in entries().values():
        if item["kind"] != "country":
            continue
        code = item["code"]
        french.update(item.get("names", []))
        foreign.add(Locale("en").territories.get(code, ""))
        country = pycountry.countries.get(alpha_2=code)
        foreign.update(getattr(country, key, "") for key in ("name", "official_name", "common_name") if country)
        try:
            foreign.add(Locale.parse(f"und_{code}").territories.get(code, ""))   # "Polska", "España"
        except (ValueError, LookupError):
            pass
    foreign = {n for n in foreign - french if n[:1].isupper() and len(n) <= 30}
    foreign |= {w for w in entity_lexicon().get("unit_name_tails", {}).get("words", [])}

    def alternation(names: set[str]) -> re.Pattern:
        ordered = sorted(names, key=len, reverse=True)
        return re.compile(rf"[ \u00a0](?:{'|'.join(map(re.escape, ordered))})\b")
    return alternation(french), alternation(foreign)


def unit_name_end(text: str, end: int) -> int | None:
    """The end of a company's unit named by the company and a country or a company word: in
    a foreign language it is always a unit ("Orange Romania", "Orange Polska", "Swisscom
    Ventures"); a French country name makes one only when that unit acts ("AWS France, la
    filiale française d'Amazon Web Services, va investir"; "le siège de Microsoft France"
    stays the company and a country).

    >>> text = "Vodafone Czech Republic, opérateur. Le siège de Microsoft France."
    >>> unit_name_end(text, 8), unit_name_end(text, text.index(" France."))
    (23, None)
    """
    french, foreign = _unit_name_regexes()
    match = foreign.match(text, end, min(len(text), end + 40))
    if match:
        while more := foreign.match(text, match.end(), min(len(text), match.end() + 40)):
            match = more   # "Telekom Romania Communications"
        return match.end()
    match = french.match(text, end, min(len(text), end + 40))
    return match.end() if match and follows_actor_verb(text, match.end()) else None


def brand_units(text: str, body: int, orgs: list[Mention]) -> list[Mention]:
    """A company's country unit written with its brand alone ("Hoshino Canada" in an article
    about "Hoshino Electric"; "Vigilis Tunisie, la filiale locale du groupe Vigilis"): the
    brand, a company's one-word name or the first word of a longer one, followed by a
    country name, is that unit."""
    french, foreign = _unit_name_regexes()
    names = [o.text.split() for o in orgs if o.rule != "org.descriptor"]
    brands = {words[0] for words in names if words[0][:1].isupper() and len(words[0]) > 2}
    alone = brands - {words[0] for words in names if len(words) > 1}   # a one-word name: the unit must act
    full = {" ".join(words) for words in names if len(words) > 1}   # "Ravindra Cables Bénin, filiale du groupe indien"
    brands, alone = brands | full, alone | full
    taken = [(o.start, o.end) for o in orgs]
    out = []
    for brand in sorted(brands):
        for found in re.finditer(rf"(?<![\w-]){re.escape(brand)}(?=[ \u00a0])", text[body:]):
            start = body + found.start()
            tail = french.match(text, found.end() + body) or foreign.match(text, found.end() + body)
            if tail and brand in alone and not (_UNIT_APPOSITION.match(text, tail.end()) or follows_actor_verb(text, tail.end())
                                                or _unit_regex().search(text, max(0, start - 120), start)):   # "via sa filiale X Europe"
                continue
            if tail and not any(s < tail.end() and start < e for s, e in taken):
                name = text[start:tail.end()]
                out.append(Mention("ORG", name, name, start, tail.end(), "rule", "org.unit"))
                taken.append((start, tail.end()))
    return out


_UNIT_APPOSITION = re.compile(r"\s*,\s*(?:la\s+|sa\s+|une\s+)?(?:filiale|branche|entité|succursale)\b")


@rules_cache
def _unit_of_regex() -> re.Pattern:
    units = literal_alternation(word_set("acting_units"))
    return re.compile(rf"""
        \b(?:la|le|l['’]|sa|son)\s*(?:{units})             # "La filiale", "l'entité"
        (?:\s+(?!de\b|du\b|d['’])[\w-]+){{0,4}}?           # "roumaine", "de services numériques"
        (?:\s+(?:de|du|des|d['’])\s*[a-zà-ÿ-]+(?:\s+[a-zà-ÿ-]+)?)?
        \s+(?:de|d['’]|du)\s*(?:la\s+|l['’]|le\s+)?$""", re.IGNORECASE | re.VERBOSE)


def unit_named_elsewhere(text: str, actor: Mention, doc_orgs: list[Mention]) -> Mention:
    """The unit a periphrasis names by its group ("La filiale roumaine d'Orange prévoit
    d'investir", "La filiale de services numériques de Telefónica investira") when the
    document names exactly one unit of that group ("Orange Romania", "Telefónica Tech"),
    else the actor itself."""
    if not _unit_of_regex().search(text, max(0, actor.start - 70), actor.start):
        return actor
    units = {m.value: m for m in doc_orgs if m.value.startswith(actor.value + " ")
             or m.text.startswith(actor.text + " ")}
    return next(iter(units.values())) if len(units) == 1 else actor
