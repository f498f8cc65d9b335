"""Money amounts in French news text: ``find_amounts(text) -> list[Amount]``.

Pure function over a string, no spaCy. The grammar is a few compiled regexes built at
import from ``models/money/*.json`` (currencies, scales, cues); Python only checks and
combines what they match, so the cost is one regex match per number in the text.

Conventions (the contract others code against):

- ``Amount.text == text[start:end]`` and covers the number(s), the scale word and the
  currency written around them: ``"2,1 milliards de dollars"``, ``"$2,1 milliards"``,
  ``"2 et 3 milliards d'euros"``. Cue words that set the kind ("environ", "plus de",
  "jusqu'à", "entre") are never part of the text; they only set ``kind``.
- A range ("entre 2 et 3", "de 2 à 3", "2-3") is ONE Amount, ``value`` = low bound,
  ``value_max`` = high bound, ``kind="range"``. A list ("1,2 ou 1,5 milliard de
  dollars") is one Amount per number; a currency or scale written once applies to all.
- Cents written after the currency belong to it ("2 euros 50", "5€50", "10 dollars et 25
  cents" -> 2.5, 5.5, 10.25); a sub-unit alone is a fraction ("30 centimes" -> 0.3 EUR).
  Three or more numbers joined by commas share the last one's currency ("1, 2 ou 3
  milliards d'euros"). "$1.5 billion" is English (10^9); "1,5 billion de yens" is French.
  The reading conventions are listed in ``models/money/README.md``.
- A conversion in brackets or after "soit" in another currency ("4,3 milliards
  d'euros (4,8 milliards de dollars)") is ONE Amount with ``alt_value``/``alt_currency``;
  its text is the first amount only.
- Without a currency, a number with a scale word is money only when the sentence talks
  money ("un investissement de 2 milliards") and no noun follows ("10 millions de
  dossiers" is not money). After an amount with a currency in the same sentence a bare
  one is money too, with ``currency=None`` as annotated in ``corpus/labelled``
  ("96,4 milliards de dollars, dont 13,6 milliards pour le cloud").

>>> [(a.text, a.value, a.currency, a.kind) for a in find_amounts("Un plan de près de 2,1 milliards d’euros.")]
[('2,1 milliards d’euros', 2100000000.0, 'EUR', 'approx')]
>>> a = find_amounts("entre 2 et 3 Md$")[0]
>>> (a.value, a.value_max, a.currency, a.kind)
(2000000000.0, 3000000000.0, 'USD', 'range')
"""


from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from pipeline import numbers as nb
from pipeline.money_grammar import (
    AMBIGUOUS, AMBIGUOUS_CONTEXT, ANCHOR, APOSTROPHE, ARTICLE_FIRST, COMPLEMENT, CONVERSION_OPEN,
    CONVERSION_WORD, CUE_AFTER, CUE_BEFORE, CURRENCY_OF, ENGLISH_SCALES, LINK_AHEAD, LINKS_RANGE, LIST,
    LIST_AHEAD, LIST_ITEM_RE, MONEY_CONTEXT, MONEY_NOUNS, PAIR, REST, SENTENCE_END, SINGLE, SUBUNIT_AFTER,
    SUBUNIT_END, SUBUNIT_OF, SUBUNIT_TEXT, WHOLE_OR_WORDS, currency_key,
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



def find_amounts(text: str) -> list[Amount]:
    """All money amounts in ``text``, sorted by start (see the module docstring).

    >>> [(a.value, a.currency) for a in find_amounts("1,2 ou 1,5 milliard de dollars")]
    [(1200000000.0, 'USD'), (1500000000.0, 'USD')]
    >>> find_amounts("10 millions de dossiers médicaux, en 2024")
    []
    """
    found: list[Amount] = []
    done = 0
    for anchor in ANCHOR.finditer(text):
        start = anchor.start()
        negative = start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " (\n\u00a0")
        if start < done or (start and anchor.group()[0].isdigit() and text[start - 1] in "_.,/-‑−0123456789"
                            and not negative):
            continue                   # inside a number, a date, a code ("GPT-4"), but "de -2 milliards"
        if start and text[start - 1].isalpha():
            continue
        amounts, done = _read(text, start, found)
        if negative and len(amounts) == 1 and amounts[0].kind != "range" and anchor.group()[0].isdigit():
            a = amounts[0]
            amounts = [replace(a, start=start - 1, text=text[start - 1:a.end], value=-a.value)]
        found.extend(amounts)
    return found


def _read(text: str, start: int, found: list[Amount]) -> tuple[list[Amount], int]:
    """Amounts whose first element starts at ``start``, and where scanning resumes."""
    m = single = SINGLE.match(text, start)
    amounts = None
    if single and not (single.group("pre1") or single.group("c1")) and LIST_AHEAD.match(text, single.end()):
        m = LIST.match(text, start)
        amounts = _list(text, m) if m else None
    if amounts is None and single and LINK_AHEAD.match(text, single.end()) and not _minor(text, single):
        m = PAIR.match(text, start)
        amounts = _pair(text, m) if m else None
    if amounts is None and single is not None and _bare(single):
        return [], single.end("n1")    # what _single then _settle_currency would conclude
    if amounts is None:
        m = single
        amounts = _single(m)
    if amounts is None:
        return [], (m.end("n1") if m else start + 1)
    amounts = _settle_currency(text, amounts, found)
    if not amounts:
        return [], m.end("n1")
    end = amounts[-1].end
    first = _with_kind(text, amounts[0], amounts[0].end if len(amounts) > 1 else end)
    amounts[0] = first
    last, end = _with_conversion(text, amounts[-1])
    amounts[-1] = last
    return amounts, max(end, m.end(), amounts[-1].end)


def _bare(m: re.Match) -> bool:
    """Whether a single element has no currency and no scale word ("2027", "48", "3 M"): such a
    number alone is no amount (a bare amount needs a scale word, see ``_settle_currency``)."""
    scale = m.group("s1")
    return not (m.group("pre1") or m.group("c1")) and (not scale or scale in nb.SCALE_ABBREVIATIONS)


_ELEMENT_GROUPS: dict[tuple[int, int], tuple[str, ...]] = {}


def _element_groups(regex: re.Pattern, n: int) -> tuple[str, ...]:
    """Names of the groups pre, n, s, h, c of element ``n`` that a regex has (LIST_ITEM_RE has
    two); keyed by id, as hashing a compiled pattern hashes all its code."""
    key = (id(regex), n)
    if key not in _ELEMENT_GROUPS:
        _ELEMENT_GROUPS[key] = tuple(f"{k}{n}" if f"{k}{n}" in regex.groupindex else ""
                                     for k in ("pre", "n", "s", "h", "c"))
    return _ELEMENT_GROUPS[key]


def _parts(m: re.Match, n: int) -> dict | None:
    """Value and form of element ``n`` of a match; None when the number does not parse."""
    names = _element_groups(m.re, n)
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
    iso, weak, ratio = _currency_of(pre or currency)
    end = max(m.end(k) for k, v in zip(names[1:], (number, scale_text, half, currency)) if v is not None)
    return {
        "start": m.start(names[0]) if pre else m.start(names[1]),
        "end": end, "base": base, "form": form, "scale_text": scale_text, "english": english,
        "half": half is not None, "iso": iso, "weak": weak, "ratio": ratio, "rest": Decimal(0),
    }


def _with_rest(text: str, m: re.Match, p: dict) -> dict:
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
    iso, weak, ratio = _currency_of(rest.group("c"))
    return dict(p, rest=value, end=rest.end(), iso=iso, weak=weak, ratio=ratio)


@lru_cache(maxsize=1024)
def _currency_of(text: str | None) -> tuple[str | None, bool, Decimal]:
    """ISO code (or "*ambiguous id"), weakness and unit ratio of a currency mention.

    >>> _currency_of("centimes d'euro"), _currency_of("de dollars")
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


def _value(p: dict, scale_text: str | None) -> float:
    if scale_text and p["english"]:
        scale = Decimal(ENGLISH_SCALES[scale_text.lower()])
    else:
        scale = Decimal(nb.scale_value(scale_text)) if scale_text else Decimal(1)
    value = p["base"] * scale + (scale / 2 if p["half"] else 0) + p["rest"]
    return float(value * p["ratio"] + p.get("minor", 0))


def _ok(text: str, p: dict, scale_text: str | None) -> bool:
    """Form checks one element must pass (currency checks come later)."""
    if p["form"] == "half" and not scale_text or p["form"] == "approx_noun" and not (scale_text or p["iso"]):
        return False
    if p["weak"] and not scale_text and not _talks_money(text, p["start"], p["end"]):
        return False                   # "Elle a lu 300 livres", "Il pèse 80 livres"
    if p["weak"] and COMPLEMENT.match(text, p["end"]):
        return False                   # "300 livres de science-fiction"
    if p["form"] == "words" and not scale_text and p["iso"] is None:
        return False
    return True


def _talks_money(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` has a money word ("coûte", "payé", "budget")."""
    sentence_start = _sentence_start(text, start)
    return MONEY_CONTEXT.search(text[sentence_start:start] + " " + text[end:end + 40]) is not None


def _minor(text: str, m: re.Match) -> re.Match | None:
    """Cents written after the currency ("2 euros 50", "10 dollars et 25 cents"), if any."""
    if not (m.group("pre1") or m.group("c1")) or m.group("s1") or m.group("h1"):
        return None
    if not WHOLE_OR_WORDS.fullmatch(m.group("n1")) or SUBUNIT_OF.get(currency_key(m.group("c1") or "")):
        return None                    # "2,50 €" already has its cents; "30 centimes" is the minor unit
    cents = SUBUNIT_AFTER.match(text, m.end())
    if cents is None or (cents.group("et") and not cents.group("unit")):
        return None
    if not cents.group("unit") and not SUBUNIT_END.match(text, cents.end()):
        return None                    # "2 euros 50 personnes"
    value = nb.parse_decimal(cents.group("minor"))
    return cents if value is not None and value < 100 else None


def _rule(p: dict, scale_text: str | None, shape: str) -> str:
    scale = "" if not scale_text else (
        "_scale_abbr" if scale_text in nb.SCALE_ABBREVIATIONS else "_scale_word")
    return f"money.{p['form']}{scale}{shape}"


def _single(m: re.Match | None) -> list[Amount] | None:
    if m is None:
        return None
    p = _parts(m, 1)
    p = p and _with_rest(m.string, m, p)
    if p is None or not _ok(m.string, p, p["scale_text"]):
        return None
    cents = _minor(m.string, m)
    if cents is not None:
        p.update(end=cents.end(), minor=nb.parse_decimal(cents.group("minor")) / 100)
    kind = "approx" if p["form"] == "approx_noun" else "exact"
    return [_amount(m.string, p, _value(p, p["scale_text"]), p["iso"], kind, _rule(p, p["scale_text"], ""))]


def _pair(text: str, m: re.Match) -> list[Amount] | None:
    """A range ("2 à 3 milliards") or a list ("1,2 ou 1,5 milliard"); None if not one."""
    if not m.group("link"):
        return None
    p1, p2 = _parts(m, 1), _parts(m, 2)
    if p1 is None or p2 is None or not (p2["scale_text"] or p2["iso"]):
        return None
    if p1["scale_text"] and not p2["scale_text"]:
        return None
    link = APOSTROPHE.sub("'", m.group("link").lower())
    if link in "-–—" and not (p1["form"] == p2["form"] == "digits"):
        return None                    # "quatre-vingts" is one number, not a range
    scale1 = p1["scale_text"] or p2["scale_text"]
    if not (_ok(text, p1, scale1) and _ok(text, p2, p2["scale_text"])):
        return None
    v1, v2 = _value(p1, scale1), _value(p2, p2["scale_text"])
    cur1, cur2 = p1["iso"] or p2["iso"], p2["iso"] or p1["iso"]
    opened = CUE_BEFORE.search(text, max(0, m.start() - 40), m.start())
    is_range = link in LINKS_RANGE or (link == "et" and opened is not None and opened.group("open"))
    if is_range:
        if v1 >= v2 or cur1 != cur2:
            return None
        p = dict(p1, end=p2["end"])
        return [_amount(text, p, v1, cur1, "range", _rule(p1, scale1, "_range"), v2)]
    return [
        _amount(text, p1, v1, cur1, "exact", _rule(p1, scale1, "_list")),
        _amount(text, p2, v2, cur2, "exact", _rule(p2, p2["scale_text"], "_list")),
    ]


def _list(text: str, m: re.Match) -> list[Amount] | None:
    """Three or more numbers sharing the last one's currency and scale ("1, 2 ou 3 milliards
    d'euros" -> three amounts); None if the last element has no currency."""
    last = _parts(m, 2)
    if last is None or not last["iso"]:
        return None
    items = [_parts(item, 1) for item in LIST_ITEM_RE.finditer(text, m.start("items"), m.end("items"))]
    if None in items or (any(p["scale_text"] for p in items) and not last["scale_text"]):
        return None
    amounts = []
    for p in items + [last]:
        p.update(iso=last["iso"], weak=last["weak"], ratio=last["ratio"])
        scale = p["scale_text"] or last["scale_text"]
        if not _ok(text, p, scale):
            return None
        amounts.append(_amount(text, p, _value(p, scale), last["iso"], "exact", _rule(p, scale, "_list")))
    return amounts


def _amount(text, p, value, currency, kind, rule, value_max=None) -> Amount:
    return Amount(p["start"], p["end"], text[p["start"]:p["end"]], value, currency, kind,
                  value_max=value_max, rule=rule + ("" if currency else "_bare"))


def _settle_currency(text: str, amounts: list[Amount], found: list[Amount]) -> list[Amount]:
    """Keep amounts with a currency; a bare one needs a scale word and money talk."""
    if amounts[0].currency:
        return [_resolve(text, a, found) for a in amounts]
    if any(a.rule.find("_scale_word") < 0 for a in amounts):
        return []
    noun = COMPLEMENT.match(text, amounts[-1].end)
    if noun and noun.group("noun").lower() not in MONEY_NOUNS and noun.group("noun").split()[0].lower() not in MONEY_NOUNS:
        return []
    sentence_start = _sentence_start(text, amounts[0].start)
    previous = [a for a in found if a.currency and a.end > sentence_start]
    if previous:                       # "4 milliards de dollars, dont 2 milliards ...": money, currency unsaid
        return amounts
    window = text[sentence_start:amounts[0].start] + " " + text[amounts[-1].end:amounts[-1].end + 40]
    return amounts if MONEY_CONTEXT.search(window) or noun else []


def _resolve(text: str, amount: Amount, found: list[Amount]) -> Amount:
    """Currency of an ambiguous word ("couronnes"): the same family used earlier in the
    text, else the country named nearest before (then after) it, else the default."""
    if not amount.currency.startswith("*"):
        return amount
    entry = AMBIGUOUS[amount.currency[1:]]
    family = set(entry["context"])
    earlier = [a.currency for a in found if a.currency in family]
    iso = earlier[-1] if earlier else None
    if iso is None:
        hits = list(AMBIGUOUS_CONTEXT[entry["id"]].finditer(text))
        before = [h for h in hits if h.start() < amount.start]
        hit = before[-1] if before else (hits[0] if hits else None)
        iso = hit.lastgroup if hit else entry["default"]
    return replace(amount, currency=iso)


def _sentence_start(text: str, start: int) -> int:
    low = max(0, start - 160)
    ends = [e.end() for e in SENTENCE_END.finditer(text, low, start)]
    return ends[-1] if ends else low


def kind_around(text: str, start: int, end: int) -> str | None:
    """Kind set by a cue right before ``start`` ("plus de") or right after ``end`` ("environ").

    >>> kind_around("pas moins de 3 M€", 13, 17), kind_around("3 M€ environ", 0, 4)
    ('min', 'approx')
    """
    before = CUE_BEFORE.search(text, max(0, start - 40), start)
    for cue in (before, CUE_AFTER.match(text, end)):
        if cue is not None:
            kind = next((k for k, v in cue.groupdict().items() if v and k != "open"), None)
            if kind:
                return kind.rstrip("0123456789")
    return None


def _with_kind(text: str, amount: Amount, end: int) -> Amount:
    """Set the kind from a cue before or after the amount (a range stays a range)."""
    kind = None if amount.kind == "range" else kind_around(text, amount.start, end)
    return replace(amount, kind=kind) if kind else amount


def _with_conversion(text: str, amount: Amount) -> tuple[Amount, int]:
    """Attach a bracketed / "soit" conversion in another currency; return the resume point."""
    opener = CONVERSION_OPEN.match(text, amount.end)
    if amount.currency is None or opener is None or opener.end() == amount.end:
        return amount, amount.end
    opened = opener.group()
    if not (opener.group("bracket") or CONVERSION_WORD.search(opened)):
        return amount, amount.end
    m = SINGLE.match(text, opener.end())
    alt = _single(m) if m else None
    if not alt or alt[0].currency in (None, amount.currency):
        return amount, amount.end
    a = _resolve(text, alt[0], [])
    return replace(amount, alt_value=a.value, alt_currency=a.currency), a.end
