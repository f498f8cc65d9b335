"""One match of the money grammar -> Amounts: a single amount, a pair (a range "entre 2 et
3 milliards" or two amounts), a list ("1, 2 ou 3 millions"); the currency, scale and
sub-unit of each element read from its named groups (`pipeline.normalize.money_grammar`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pipeline.normalize import numbers as nb
from pipeline.normalize.money_grammar import (
    APOSTROPHE,
    ARTICLE_FIRST,
    COMPLEMENT,
    CUE_BEFORE,
    CURRENCY_OF,
    ENGLISH_SCALES,
    LINKS_RANGE,
    LIST_ITEM_RE,
    MONEY_CONTEXT,
    NOT_CURRENCY_AFTER,
    REST,
    SINGULAR_COIN,
    SENTENCE_END,
    SUBUNIT_AFTER,
    SUBUNIT_END,
    SUBUNIT_OF,
    SUBUNIT_STOP,
    SUBUNIT_TEXT,
    WHOLE_OR_WORDS,
    WORDS_THEN_CENTS,
    currency_key,
)


@dataclass(frozen=True, slots=True)
class Amount:
    """One money mention; offsets index the original text (see module docstring)."""

    start: int
    end: int
    text: str
    value: float
    currency: str | None
    kind: str
    value_max: float | None = None
    alt_value: float | None = None
    alt_currency: str | None = None
    rule: str = ""
    flag: str = ""                     # why ``currency`` is None though one is named (see README)


_ELEMENT_GROUPS: dict[tuple[int, int], tuple[str, ...]] = {}


def element_groups(regex: re.Pattern, n: int) -> tuple[str, ...]:
    """Names of the groups pre, n, s, h, c of element ``n`` that a regex has (LIST_ITEM_RE has
    two); keyed by id, as hashing a compiled pattern hashes all its code."""
    key = (id(regex), n)
    if key not in _ELEMENT_GROUPS:
        _ELEMENT_GROUPS[key] = tuple(f"{k}{n}" if f"{k}{n}" in regex.groupindex else ""
                                     for k in ("pre", "n", "s", "h", "c"))
    return _ELEMENT_GROUPS[key]


def element_parts(m: re.Match, n: int) -> dict | None:
    """Value and form of element ``n`` of a match; None when the number does not parse."""
    names = element_groups(m.re, n)
    pre, number, scale_text, half, currency = (m.group(k) if k else None for k in names)
    approx = nb.approx_noun_value(number) if not number[0].isdigit() else None
    english = bool(pre and scale_text and scale_text.lower() in ENGLISH_SCALES)
    if approx is not None and ARTICLE_FIRST.match(number):
        base, form = Decimal(approx), "approx_noun"
    elif number[0].isdigit():
        base, form = nb.parse_money_digits(number, prefix=bool(pre), scaled=bool(scale_text), english=english), "digits"
    else:
        base = nb.parse_decimal(number)
        form = "half" if "demi" in number.lower() else "words"
    if base is None:
        return None
    iso, weak, ratio = currency_of(pre or currency)
    end = max(m.end(k) for k, v in zip(names[1:], (number, scale_text, half, currency)) if v is not None)
    return {
        "start": m.start(names[0]) if pre else m.start(names[1]),
        "end": end, "base": base, "form": form, "scale_text": scale_text, "english": english,
        "half": half is not None, "iso": iso, "weak": weak, "ratio": ratio, "rest": Decimal(0),
        "coin": bool(currency) and SINGULAR_COIN.fullmatch(currency) is not None,
    }


def with_rest(text: str, m: re.Match, p: dict) -> dict:
    """``p`` extended by a smaller number and a currency after its scale word ("1 million
    200 000 euros" -> 1 200 000 EUR); ``p`` itself when there is none."""
    if not p["scale_text"] or p["scale_text"] in nb.SCALE_ABBREVIATIONS or m.group("c1") or m.group("h1"):
        return p
    rest = REST.match(text, m.end("s1"))
    value = nb.parse_decimal(rest.group("r")) if rest else None
    if value is None:
        return p
    value *= nb.scale_value(rest.group("rs")) if rest.group("rs") else 1
    if value >= nb.scale_value(p["scale_text"]):
        return p
    iso, weak, ratio = currency_of(rest.group("c"))
    return dict(p, rest=value, end=rest.end(), iso=iso, weak=weak, ratio=ratio)


@lru_cache(maxsize=1024)
def currency_of(text: str | None) -> tuple[str | None, bool, Decimal]:
    """ISO code (or "*ambiguous id"), weakness and unit ratio of a currency mention.

    >>> currency_of("centimes d'euro"), currency_of("de dollars")
    (('EUR', False, Decimal('0.01')), ('USD', False, Decimal('1')))
    """
    if not text:
        return None, False, Decimal(1)
    sub = SUBUNIT_TEXT.fullmatch(text)
    entry = SUBUNIT_OF.get(currency_key(sub.group("sub"))) if sub else None
    if entry is not None:
        iso = CURRENCY_OF.get(currency_key(sub.group("of")), (None,))[0] if sub.group("of") else entry["of"]
        return iso, False, Decimal(str(entry["ratio"]))
    iso, weak = CURRENCY_OF.get(currency_key(text), (None, False))
    return iso, weak, Decimal(1)


def element_value(p: dict, scale_text: str | None) -> float:
    if scale_text and p["english"]:
        scale = Decimal(ENGLISH_SCALES[scale_text.lower()])
    else:
        scale = Decimal(nb.scale_value(scale_text)) if scale_text else Decimal(1)
    value = p["base"] * scale + (scale / 2 if p["half"] else 0) + p["rest"]
    return float(value * p["ratio"] + p.get("minor", 0))


def is_plausible(text: str, p: dict, scale_text: str | None) -> bool:
    """Form checks one element must pass (currency checks come later)."""
    if p["form"] == "half" and not scale_text or p["form"] == "approx_noun" and not (scale_text or p["iso"]):
        return False
    if p["weak"] and not scale_text and not talks_money(text, p["start"], p["end"]):
        return False                   # "Elle a lu 300 livres", "Il pèse 80 livres"
    if p["weak"] and (COMPLEMENT.match(text, p["end"]) or NOT_CURRENCY_AFTER.match(text, p["end"])):
        return False                   # "300 livres de science-fiction", "un franc succès", "franc-tireur"
    if p["coin"] and (p["form"] != "digits" or p["base"] >= 2):
        return False                   # "1 cent" is a coin, "50 Cent" a rapper, "un cent" a number
    if p["form"] == "words" and not scale_text and p["iso"] is None:
        return False
    return True


def talks_money(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` has a money word ("coûte", "payé", "budget")."""
    sentence_start = sentence_start_of(text, start)
    return MONEY_CONTEXT.search(text[sentence_start:start] + " " + text[end:end + 40]) is not None


def minor_part(text: str, m: re.Match) -> re.Match | None:
    """Cents written after the currency ("2 euros 50", "10 dollars et 25 cents"), if any."""
    if not (m.group("pre1") or m.group("c1")) or m.group("s1") or m.group("h1"):
        return None
    if not WHOLE_OR_WORDS.fullmatch(m.group("n1")) or SUBUNIT_OF.get(currency_key(m.group("c1") or "")):
        return None                    # "2,50 €" already has its cents; "30 centimes" is the minor unit
    cents = SUBUNIT_AFTER.match(text, m.end())
    if cents is None:
        return None
    minor, unit = cents.group("minor"), cents.group("unit")
    spoken = WORDS_THEN_CENTS.fullmatch(minor) if not unit else None
    if spoken:                         # "douze euros et trente cents": the number words swallowed "cents"
        minor, unit = spoken.group("minor"), spoken.group("unit")
    if cents.group("et") and not unit and (not SUBUNIT_STOP.match(text, cents.end())
                                           or _opens_range(text, m.start())):
        return None                    # "20 dollars et 25." is 20.25, "entre 10 euros et 20." a range
    if not unit and not SUBUNIT_END.match(text, cents.end()):
        return None                    # "2 euros 50 personnes"
    value = nb.parse_decimal(minor)
    return (cents, value) if value is not None and value < 100 else None


def _opens_range(text: str, start: int) -> bool:
    opened = CUE_BEFORE.search(text, max(0, start - 40), start)
    return opened is not None and opened.group("open") is not None


def money_rule(p: dict, scale_text: str | None, shape: str) -> str:
    scale = "" if not scale_text else (
        "_scale_abbr" if scale_text in nb.SCALE_ABBREVIATIONS else "_scale_word")
    return f"money.{p['form']}{scale}{shape}"


def single_amounts(m: re.Match | None) -> list[Amount] | None:
    if m is None:
        return None
    p = element_parts(m, 1)
    p = p and with_rest(m.string, m, p)
    if p is None or not is_plausible(m.string, p, p["scale_text"]):
        return None
    minor = minor_part(m.string, m)
    if minor is not None:
        p.update(end=minor[0].end(), minor=minor[1] / 100)
    kind = "approx" if p["form"] == "approx_noun" else "exact"
    return [make_amount(m.string, p, element_value(p, p["scale_text"]), p["iso"], kind, money_rule(p, p["scale_text"], ""))]


def pair_amounts(text: str, m: re.Match) -> list[Amount] | None:
    """A range ("2 à 3 milliards") or a list ("1,2 ou 1,5 milliard"); None if not one."""
    if not m.group("link"):
        return None
    p1, p2 = element_parts(m, 1), element_parts(m, 2)
    if p1 is None or p2 is None or not (p2["scale_text"] or p2["iso"]):
        return None
    if p1["scale_text"] and not p2["scale_text"]:
        return None
    link = APOSTROPHE.sub("'", m.group("link").lower())
    if link in "-–—" and not (p1["form"] == p2["form"] == "digits"):
        return None                    # "quatre-vingts" is one number, not a range
    scale1 = p1["scale_text"] or p2["scale_text"]
    if not (is_plausible(text, p1, scale1) and is_plausible(text, p2, p2["scale_text"])):
        return None
    v1, v2 = element_value(p1, scale1), element_value(p2, p2["scale_text"])
    cur1, cur2 = p1["iso"] or p2["iso"], p2["iso"] or p1["iso"]
    opened = CUE_BEFORE.search(text, max(0, m.start() - 40), m.start())
    is_range = link in LINKS_RANGE or (link == "et" and opened is not None and opened.group("open"))
    if is_range:
        if v1 >= v2 or cur1 != cur2:
            return None
        p = dict(p1, end=p2["end"])
        return [make_amount(text, p, v1, cur1, "range", money_rule(p1, scale1, "_range"), v2)]
    return [
        make_amount(text, p1, v1, cur1, "exact", money_rule(p1, scale1, "list_amounts")),
        make_amount(text, p2, v2, cur2, "exact", money_rule(p2, p2["scale_text"], "list_amounts")),
    ]


def list_amounts(text: str, m: re.Match) -> list[Amount] | None:
    """Three or more numbers sharing the last one's currency and scale ("1, 2 ou 3 milliards
    d'euros" -> three amounts); None if the last element has no currency."""
    last = element_parts(m, 2)
    if last is None or not last["iso"]:
        return None
    items = [element_parts(item, 1) for item in LIST_ITEM_RE.finditer(text, m.start("items"), m.end("items"))]
    if None in items or (any(p["scale_text"] for p in items) and not last["scale_text"]):
        return None
    amounts = []
    for p in items + [last]:
        p.update(iso=last["iso"], weak=last["weak"], ratio=last["ratio"])
        scale = p["scale_text"] or last["scale_text"]
        if not is_plausible(text, p, scale):
            return None
        amounts.append(make_amount(text, p, element_value(p, scale), last["iso"], "exact", money_rule(p, scale, "list_amounts")))
    return amounts


def make_amount(text, p, value, currency, kind, rule, value_max=None) -> Amount:
    return Amount(p["start"], p["end"], text[p["start"]:p["end"]], value, currency, kind,
                  value_max=value_max, rule=rule + ("" if currency else "_bare"))


SENTENCE_LOOKBACK = 400   # a feed sentence runs up to ~300 characters before its amount


def sentence_start_of(text: str, start: int) -> int:
    """Start of the sentence (or line) holding ``start``: after the last sentence end within
    `SENTENCE_LOOKBACK` characters before it.

    >>> t = "Le projet coûte 122 millions. " + "La Commission y apportera " + "x" * 200 + " 61 millions"
    >>> t[sentence_start_of(t, len(t) - 11):][:13]
    'La Commission'
    """
    low = max(0, start - SENTENCE_LOOKBACK)
    ends = [e.end() for e in SENTENCE_END.finditer(text, low, start)]
    return ends[-1] if ends else low
