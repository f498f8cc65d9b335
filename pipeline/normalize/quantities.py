"""Counts that are not money: ``find_quantities(text) -> list[Quantity]``.

"un million de Français" -> 1e6 people, "300 de ses chercheurs" -> 300 researchers,
"1,5 GW" -> 1.5 GW, "40 %" -> 40 percent. Units come from ``models/quantities.json``;
the number grammar and the kind cues ("plus de", "environ") are shared with
``pipeline.normalize.amounts``. As for amounts, ``text`` covers number and unit, not the cue.
A number without a unit word ("en 2024") is not a quantity, nor is a lone "un"/"une"
("un centre de données" is an article, not a count). Verbs that multiply are a factor:
"doubler" -> 2, "va tripler" -> 3 (text "tripler"), "multiplier par dix" -> 10.

>>> [(q.text, q.value, q.unit, q.kind) for q in find_quantities("former plus de 2,5 millions de personnes")]
[('2,5 millions de personnes', 2500000.0, 'people', 'min')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.normalize import numbers as nb
from pipeline.normalize.amount_context import kind_around

RULES = nb.load_json("quantities.json")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count; ``text == original[start:end]``. ``value_max`` is set for a range only."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str = "exact"
    rule: str = ""
    value_max: float | None = None


UNIT_OF: dict[str, str] = {}
for _entry in RULES["units"]:
    for _form in _entry.get("words", []):
        UNIT_OF[_form.lower().replace("’", "'")] = _entry["unit"]
    for _form in _entry.get("symbols", []):
        UNIT_OF[_form] = _entry["unit"]

UNIT_WORD = r"(?:(?:%s)(?![\w]))" % nb.alternation(
    (w for e in RULES["units"] for w in e.get("words", [])), caseless=True
)
UNIT_SYMBOL = "(?:%s)(?![\\w])" % "|".join(
    re.escape(s) for e in RULES["units"] for s in sorted(e.get("symbols", []), key=len, reverse=True)
)
DEFINITE = re.compile(r"(?i)(?<!\w)(?:les|ces|ses|leurs|nos)\s+\Z")
CUE_IN_TEXT = re.compile(r"(?i)(?<!\w)(?:%s)\s+\Z" % nb.alternation(RULES["cues_in_text"]))
PREFIX_UNIT = {p: e["unit"] for e in RULES["prefix_units"] for p in e["phrases"]}

_PREFIX_START = nb.caseless_alternation(sorted({p[:3] for p in PREFIX_UNIT}))   # "mul"
QUANTITY = re.compile(
    rf"""
    (?<![\w.,/-])                                     # not inside a word, a number or a date
    (?=\d|{_PREFIX_START}|\b{nb.WORD_START})          # how a match can start: skips most positions fast
    (?:(?P<prefix>{nb.alternation(PREFIX_UNIT, caseless=True)}){nb.SPACE}+)?   # "multiplié par 3"
    (?P<n>{nb.NUMBER})                                # digits, words, "une cinquantaine de"
    (?:{nb.SPACE}*(?P<link>(?i:à|et|-|–)){nb.SPACE}*(?P<n2>{nb.DIGITS}|{nb.WORD_NUMBER}))?   # "200 à 300"
    (?:{nb.SPACE}+(?P<s>{nb.SCALE_WORD}))?            # "millions"
    {nb.SPACE}*(?:(?i:de){nb.SPACE}+|(?i:d){nb.APOS}{nb.SPACE}*)?   # "de" / "d'"
    (?:(?:{nb.alternation(RULES['between'], caseless=True)}){nb.SPACE}+)?        # "de ses", "nouveaux"
    (?P<unit>{UNIT_SYMBOL}|{UNIT_WORD})?              # the unit (optional only after a prefix)
    """,
    re.VERBOSE,
)


_VERBS = RULES["factor_verbs"]
FACTOR_OF = {e["stem"]: e["value"] for e in _VERBS["stems"]}
FACTOR_VERB = re.compile(
    rf"""(?i)(?<![\w])(?P<stem>{nb.alternation(FACTOR_OF)})      # "doubl", "tripl", "décupl"
    (?:{nb.alternation(_VERBS["endings"])}(?![\w])                # "doubler", "triplera", "doublé"
      | (?:{nb.alternation(_VERBS["object_endings"])})(?![\w])    # "triple", only before its object:
        (?={nb.SPACE}+(?:{nb.alternation(_VERBS["object_words"])})(?![\w]))   # "triple la mise"
    )""",
    re.VERBOSE,
)
ARTICLE = re.compile(r"(?i)une?")     # "un centre", "une usine": an article, not a count
MAY_HAVE_FACTOR_VERB = nb.caseless_finder(FACTOR_OF)   # skips the scan in most texts
VERB_NOT_AFTER = re.compile(rf"(?i)(?<![\w])(?:{nb.alternation(_VERBS['not_after'])}){nb.SPACE}+\Z")


def find_factor_verbs(text: str) -> list[Quantity]:
    """Verbs that multiply, as ``factor`` quantities whose text is the verb.

    >>> [(q.text, q.value, q.kind) for q in find_factor_verbs("ce chiffre devrait presque doubler, il a réussi un triplé")]
    [('doubler', 2.0, 'approx')]
    """
    found = []
    if not MAY_HAVE_FACTOR_VERB(text):
        return found
    for m in FACTOR_VERB.finditer(text):
        if VERB_NOT_AFTER.search(text, max(0, m.start() - 12), m.start()):
            continue                   # "un triplé", "le doublé": nouns
        kind = kind_around(text, m.start(), m.end()) or "exact"
        value = float(FACTOR_OF[m.group("stem").lower()])
        found.append(Quantity(m.start(), m.end(), m.group(), value, "factor", kind, rule="quantity.factor_verb"))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """All counts with a unit in ``text``, sorted by start.

    >>> [(q.value, q.unit) for q in find_quantities("300 de ses chercheurs et 16 pays, 4 milliards d’euros")]
    [(300.0, 'researchers'), (16.0, 'countries')]
    """
    found = find_factor_verbs(text)
    for m in QUANTITY.finditer(text):
        quantity = _quantity(text, m)
        if quantity is not None:
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _quantity(text: str, m: re.Match) -> Quantity | None:
    number, unit_text, prefix = m.group("n", "unit", "prefix")
    if not unit_text and not prefix:
        return None                    # "en 2024": no unit, no count
    unit = UNIT_OF.get(unit_text) or UNIT_OF.get((unit_text or "").lower().replace("’", "'"))
    if prefix:
        unit = PREFIX_UNIT.get(re.sub(r"\s+", " ", prefix.lower()))
    if unit is None or (ARTICLE.fullmatch(number.strip()) and not m.group("s")):
        return None
    approx = nb.approx_noun_value(number) if not number[0].isdigit() else None
    base = Decimal(approx) if approx is not None else nb.parse_decimal(number)
    if base is None:
        return None
    scale = Decimal(nb.scale_value(m.group("s"))) if m.group("s") else Decimal(1)
    start = m.start("prefix") if prefix else m.start("n")
    if not number[0].isdigit() and approx is None and DEFINITE.search(text, max(0, start - 6), start):
        return None                    # "les deux pays": a reference, not a count
    cue = CUE_IN_TEXT.search(text, max(0, start - 20), start)
    end = m.end("unit") if unit_text else m.end("n")
    high = nb.parse_decimal(m.group("n2")) if m.group("n2") else None
    if m.group("n2") and (high is None or high <= base):
        return None
    kind = "range" if high is not None else (kind_around(text, start, end) or ("approx" if approx else "exact"))
    start = cue.start() if cue else start
    form = "digits" if number[0].isdigit() else ("approx_noun" if approx else "words")
    return Quantity(
        start, end, text[start:end], float(base * scale), unit, kind,
        rule=f"quantity.{'prefix' if prefix else form}", value_max=None if high is None else float(high * scale),
    )
