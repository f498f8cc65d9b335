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

from pipeline import numbers as nb

CURRENCIES = nb.load_json("money/currencies.json")["currencies"]
CUES = nb.load_json("money/cues.json")


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


def _key(s: str) -> str:
    """Lookup key of a currency mention: lower case, no spaces, hyphens or elision."""
    s = re.sub(r"^(?:de\s+|d['’‘ʼ]\s*)", "", s.strip(), flags=re.I)
    return re.sub(r"[\s\-‑]", "", s.replace("’", "'")).lower()


# key -> (ISO code, weak). A weak word ("livres", "francs") is money only after digits or a scale.
CURRENCY_OF: dict[str, tuple[str, bool]] = {}
for _entry in CURRENCIES:
    for _form in _entry.get("words", []) + _entry.get("symbols", []):
        CURRENCY_OF[_key(_form)] = (_entry["iso"], False)
    for _form in _entry.get("weak_words", []):
        CURRENCY_OF[_key(_form)] = (_entry["iso"], True)

# Ambiguous words ("couronnes"): resolved from the text, see ``_resolve``.
AMBIGUOUS = {e["id"]: e for e in nb.load_json("money/currencies.json").get("ambiguous", [])}
AMBIGUOUS_CONTEXT = {
    key: re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(
        rf"(?P<{iso}>{nb.alternation(words)})" for iso, words in e["context"].items()))
    for key, e in AMBIGUOUS.items()
}
for _key_id, _entry in AMBIGUOUS.items():
    for _form in _entry["words"]:
        CURRENCY_OF[_key(_form)] = ("*" + _key_id, False)

_SYMBOLS = sorted({s for e in CURRENCIES for s in e.get("symbols", [])}, key=len, reverse=True)
SYMBOL = "(?:%s)" % "|".join(
    re.escape(s).replace(r"\ ", r"[ \u00a0\u202f]?") + (r"(?![^\W\d])" if s[-1].isalnum() else "")
    for s in _SYMBOLS
)
CURRENCY_WORD = r"(?i:(?:%s)(?![\w]))" % nb.alternation(
    [w for e in CURRENCIES for w in e.get("words", []) + e.get("weak_words", [])]
    + [w for e in AMBIGUOUS.values() for w in e["words"]]
)
POST_CURRENCY = rf"(?:(?:(?i:de){nb.SPACE}+|(?i:d){nb.APOS}{nb.SPACE}*)?{CURRENCY_WORD}|(?:de{nb.SPACE}+)?{SYMBOL})"
SCALE = rf"(?:{nb.SCALE_WORD}|{nb.SCALE_ABBREVIATION})"
LINK = nb.alternation(CUES["range_links"] + CUES["opened_range_links"] + CUES["list_links"][:-1])


SCALES_FIRST = _SYMBOLS + nb.SCALES["number_words"] + ["la"]


def _element(n: int) -> str:
    """Regex source for one amount element; groups suffixed with ``n`` (1 or 2)."""
    return rf"""
    (?:(?P<pre{n}>{SYMBOL}){nb.SPACE}?)?         # currency before: "$2 milliards", "€ 300", "USD 4 M"
    (?P<n{n}>{nb.NUMBER})                         # the number: digits, words, "une dizaine de", "un demi"
    (?:(?:{nb.SPACE}|-)?(?P<s{n}>{SCALE}))?       # scale: "milliards", "Md", "M" (abbreviations need a currency)
    (?P<h{n}>{nb.HALF_SUFFIX})?                   # "et demi"
    (?:{nb.SPACE}*(?P<c{n}>{POST_CURRENCY}))?     # currency after: "d'euros", "de dollars US", "€", "MUSD"
    """


SINGLE = re.compile(_element(1), re.VERBOSE)
PAIR = re.compile(
    _element(1)
    + rf"""{nb.SPACE}*(?P<link>{LINK}){nb.SPACE}*   # "et", "à", "-", "ou" joining two numbers
    """
    + _element(2),
    re.VERBOSE,
)
_FIRST_CHARS = "".join(sorted({re.escape(c) for w in SCALES_FIRST for c in (w[0], w[0].upper())}))
ANCHOR = re.compile(                   # the leading class lets the scan skip most positions fast
    rf"(?=[\d{_FIRST_CHARS}])(?:{SYMBOL}|\d+|{nb.APPROX_NOUN}|{nb.HALF_NUMBER}|{nb.WORD_NUMBER})"
)
LINK_AHEAD = re.compile(rf"{nb.SPACE}*(?:{LINK}){nb.SPACE}*")

_KIND_GROUPS = "|".join(
    rf"(?P<{c['kind']}{i}>{nb.alternation(c['phrases'])})" for i, c in enumerate(CUES["kind_before"])
)
CUE_BEFORE = re.compile(
    rf"(?i)(?<![\w])(?:(?P<open>{nb.alternation(CUES['range_openers'])})|{_KIND_GROUPS}){nb.SPACE}*\Z"
)
CUE_AFTER = re.compile(
    rf"(?i){nb.SPACE}*,?{nb.SPACE}*(?:%s)(?![\w])"
    % "|".join(rf"(?P<{c['kind']}{i}>{nb.alternation(c['phrases'])})" for i, c in enumerate(CUES["kind_after"]))
)
CONVERSION_OPEN = re.compile(
    rf"{nb.SPACE}*(?P<bracket>[(\[])?{nb.SPACE}*(?:,{nb.SPACE}*)?(?:(?:{nb.alternation(CUES['conversion_hedges'])}){nb.SPACE}*){{0,2}}"
)
COMPLEMENT = re.compile(rf"{nb.SPACE}+(?i:de{nb.SPACE}+|d{nb.APOS}{nb.SPACE}*)(?P<noun>\w[\w\-']*(?:\s\w+)?)")
MONEY_NOUNS = {n.lower() for n in CUES["money_nouns"]}
MONEY_CONTEXT = re.compile(rf"(?i:(?<!\w)(?:{nb.alternation(CUES['money_context'])})(?!\w))")
SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")
LINKS_RANGE = {nb.re.sub(nb.APOS, "'", link) for link in CUES["range_links"]}


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
        if start < done or (start and anchor.group()[0].isdigit() and text[start - 1] in "_.,/-‑" + "0123456789"):
            continue
        if start and text[start - 1].isalpha():
            continue
        amounts, done = _read(text, start, found)
        found.extend(amounts)
    return found


def _read(text: str, start: int, found: list[Amount]) -> tuple[list[Amount], int]:
    """Amounts whose first element starts at ``start``, and where scanning resumes."""
    m = single = SINGLE.match(text, start)
    amounts = None
    if single and LINK_AHEAD.match(text, single.end()):
        m = PAIR.match(text, start)
        amounts = _pair(text, m) if m else None
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
    return amounts, max(end, m.end())


def _parts(m: re.Match, n: int) -> dict | None:
    """Value and form of element ``n`` of a match; None when the number does not parse."""
    number = m.group(f"n{n}")
    approx = nb.approx_noun_value(number) if not number[0].isdigit() else None
    if approx is not None and re.match(r"(?i)une?\s|la\s", number):
        base, form = Decimal(approx), "approx_noun"
    else:
        base = nb.parse_decimal(number)
        form = "digits" if number[0].isdigit() else ("half" if "demi" in number.lower() else "words")
    if base is None:
        return None
    scale_text = m.group(f"s{n}")
    currency_text = m.group(f"pre{n}") or m.group(f"c{n}")
    iso, weak = CURRENCY_OF.get(_key(currency_text), (None, False)) if currency_text else (None, False)
    ends = [m.end(g) for g in (f"n{n}", f"s{n}", f"h{n}", f"c{n}") if m.group(g) is not None]
    return {
        "start": m.start(f"pre{n}") if m.group(f"pre{n}") else m.start(f"n{n}"),
        "end": max(ends), "base": base, "form": form, "scale_text": scale_text,
        "half": m.group(f"h{n}") is not None, "iso": iso, "weak": weak,
    }


def _value(p: dict, scale_text: str | None) -> float:
    scale = Decimal(nb.scale_value(scale_text)) if scale_text else Decimal(1)
    return float(p["base"] * scale + (scale / 2 if p["half"] else 0))


def _ok(text: str, p: dict, scale_text: str | None) -> bool:
    """Form checks one element must pass (currency checks come later)."""
    if p["form"] in ("half", "approx_noun") and not scale_text:
        return False
    if p["weak"] and (p["form"] == "words" and not scale_text or COMPLEMENT.match(text, p["end"])):
        return False
    if p["form"] == "words" and not scale_text and p["iso"] is None:
        return False
    return True


def _rule(p: dict, scale_text: str | None, shape: str) -> str:
    scale = "" if not scale_text else (
        "_scale_abbr" if scale_text in nb.SCALE_ABBREVIATIONS else "_scale_word")
    return f"money.{p['form']}{scale}{shape}"


def _single(m: re.Match | None) -> list[Amount] | None:
    if m is None:
        return None
    p = _parts(m, 1)
    if p is None or not _ok(m.string, p, p["scale_text"]):
        return None
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
    link = re.sub(nb.APOS, "'", m.group("link").lower())
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
    if not (opener.group("bracket") or re.search(r"(?i)soit|équivalent|,", opened)):
        return amount, amount.end
    m = SINGLE.match(text, opener.end())
    alt = _single(m) if m else None
    if not alt or alt[0].currency in (None, amount.currency):
        return amount, amount.end
    a = _resolve(text, alt[0], [])
    return replace(amount, alt_value=a.value, alt_currency=a.currency), a.end
