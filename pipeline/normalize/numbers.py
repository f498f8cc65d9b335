"""French number normalizers and the shared number grammar (no spaCy).

Pure ``str -> value`` functions, plus the regex sources that ``amounts`` and
``quantities`` compile into their grammars. Word lists live in
``models/money/*.json``; this module only turns them into patterns.

>>> parse_number("2,1")
2.1
>>> parse_number("4\u202f000\u00a0000")
4000000.0
>>> parse_number("deux cents")
200.0
>>> parse_number("un et demi")
1.5
>>> parse_number("2024-05") is None
True
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import dropwhile
from pathlib import Path

from text_to_num import text2num

# the phrase-pattern builders are used through this module by the money and quantity grammars
from pipeline.normalize.patterns import (APOS, SPACE, alternation, caseless_alternation,  # noqa: F401
                                         caseless_finder, first_char_gate, phrase_pattern, trie_alternation)

MODELS = Path(__file__).resolve().parents[2] / "models"


# Digits as French (and English-influenced) news writes them. Longest forms first.
DIGITS = r"""(?:
    \d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[,.]\d+)?   # 4 000 000 / 4 000 000,50 (space-like thousands)
  | \d{1,3}(?:\.\d{3})+(?:,\d+)?                          # 125.000 / 125.000,50 (dot thousands)
  | \d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?                    # 1'500'000 / 1'500.50 (Swiss apostrophe thousands)
  | \d{1,3}(?:,\d{3}){2,}(?:\.\d+)?                       # 1,500,000 / 1,500,000.25 (English thousands)
  | \d{1,3}(?:,\d{3})+\.\d+                               # 1,500.50 (English thousands + decimal point)
  | \d+(?:[.,]\d+)?                                       # 2 / 2,1 / 1.5
)(?![\d])"""


def load_json(relative: str) -> dict:
    """Read one rules file under ``models/`` (cached by the callers at import)."""
    with open(MODELS / relative, encoding="utf-8") as handle:
        return json.load(handle)


SCALES = load_json("money/scales.json")


_WORDS = r"(?:%(w)s)(?:(?:[\s-]+et)?[\s-]+(?:%(w)s))*" % {"w": alternation(SCALES["number_words"])}
WORD_NUMBER = rf"(?:\b{first_char_gate(SCALES['number_words'])}(?i:{_WORDS}(?:\s+virgule\s+{_WORDS})?\b))"
"""Numbers in words: "quatre", "deux cents", "vingt-et-un", "trois cent mille", "deux virgule cinq"."""

APPROX_NOUNS = {w: e["value"] for e in SCALES["approximate_nouns"] for w in e["words"]}
APPROX_NOUN = (
    r"(?i:\b(?:une?|la)\s+(?:(?:petite|bonne|grosse)\s+)?(?:%s)\s+(?:de\s+|d%s\s*))"
    % (alternation(APPROX_NOUNS), APOS)
)
"""Approximate numbers: "une dizaine de", "une petite centaine de", "un millier de" (10, 100, 1000)."""

HALF_NUMBER = r"(?i:\bun[\s-]+demi(?=[\s-]))"
""""un demi-milliard": 0.5 followed by a scale word."""

NUMBER = rf"(?:{DIGITS}|{APPROX_NOUN}|{HALF_NUMBER}|{WORD_NUMBER})"
"""Any number: digits, approximate noun, half, or words (in that order of preference)."""

SCALE_WORDS = {w: e["value"] for e in SCALES["scale_words"] for w in e["words"]}
SCALE_WORD = r"(?:(?:%s)(?!\w))" % alternation(SCALE_WORDS, caseless=True)
SCALE_ABBREVIATIONS = {f: e["value"] for e in SCALES["scale_abbreviations"] for f in e["forms"]}
SCALE_ABBREVIATION = r"(?:%s)(?![^\W\d_A-Z])" % "|".join(      # "MUSD" = M + USD, "Kč" is not k
    re.escape(f) for f in sorted(SCALE_ABBREVIATIONS, key=len, reverse=True)
)
HALF_SUFFIX = r"(?i:\s+et\s+demie?\b)"
""""un milliard et demi": adds one half of the scale."""

WORD_START = r"(?:%s|%s\s)" % (caseless_alternation(sorted({w[:3] for w in SCALES["number_words"]})),
                                caseless_alternation(["la"]))
"""How a number in words starts, case aside: "deu", "cin", "un", "la " ("la moitié de")."""

_DIGIT_RE = re.compile(DIGITS, re.VERBOSE)
_WORD_RE = re.compile(WORD_NUMBER)
_GROUP_MARKS = re.compile(SPACE + "|['’]")                        # thousands separators but the dot
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACES = re.compile(r"\s+")
_AND_HALF = re.compile(r"(.*?)\s+et\s+demie?")
_HALF = re.compile(r"(un|une)[\s-]+demie?|demie?")
_ENGLISH_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALED_DECIMAL = re.compile(r"\d{1,3}\.\d\d[1-9]")
_COMMA_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_WORD = re.compile(r"\w+")


def parse_decimal(s: str) -> Decimal | None:
    """Exact value of a number written in digits or French words; None if unsure.

    Decimal comma or point; thousands with space, U+00A0, U+202F or dot; a dot
    followed by exactly three digits is a thousands separator ("1.500" = 1500).

    >>> parse_decimal("125.000,50")
    Decimal('125000.50')
    >>> parse_decimal("1,500,000")
    Decimal('1500000')
    >>> parse_decimal("trois millions et demi")
    Decimal('3500000.0')
    """
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit():
        return _parse_digits(s)
    return _parse_words(s)


def _parse_digits(s: str) -> Decimal | None:
    if not _DIGIT_RE.fullmatch(s):
        return None
    s = _GROUP_MARKS.sub("", s)
    if s.count(",") > 1 or ("," in s and "." in s and s.index(",") < s.index(".")):
        s = s.replace(",", "")                               # English thousands
    elif _DOT_THOUSANDS.fullmatch(s):
        s = s.replace(".", "")                               # dot thousands
    s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _parse_words(s: str) -> Decimal | None:
    text = _SPACES.sub(" ", s.lower().replace("’", "'"))
    if " virgule " in text:
        return _parse_virgule(*text.split(" virgule ", 1))
    half = _AND_HALF.fullmatch(text)
    if half:
        base = _parse_words(half.group(1))
        scale = _trailing_scale(half.group(1))
        return None if base is None else base + Decimal("0.5") * scale
    if _HALF.fullmatch(text):
        return Decimal("0.5")
    scale = _trailing_scale(text)
    if scale != 1:
        head = text.rsplit(" ", 1)[0] if " " in text else ""
        base = parse_decimal(head) if head else None
        return None if base is None else base * scale
    if not _WORD_RE.fullmatch(text):
        return None
    try:
        return Decimal(text2num(text, "fr"))
    except ValueError:
        return None


def _parse_virgule(whole: str, decimals: str) -> Decimal | None:
    """ "deux virgule cinq" -> 2.5, "un virgule zéro cinq" -> 1.05 (leading "zéro"s are zeros)."""
    units = _parse_words(whole)
    words = decimals.split(" ")
    zeros = len(words) - len(list(dropwhile(lambda w: w == "zéro", words)))
    rest = _parse_words(" ".join(words[zeros:])) if zeros < len(words) else Decimal(0)
    if units is None or rest is None or rest != int(rest):
        return None
    return Decimal(f"{int(units)}.{'0' * zeros}{int(rest)}")


def parse_money_digits(s: str, *, prefix: bool, scaled: bool, english: bool) -> Decimal | None:
    """Digits of an amount, read with the convention its neighbours imply; None if unsure.

    - ``english`` ("$1.5 billion"): a dot is the decimal point, a comma separates thousands.
    - ``scaled`` ("2.125 milliards"): a dot followed by three digits is a decimal point, since
      nobody writes thousands before a scale word, unless the digits end in 0 ("1.000
      milliards", "2.500 milliards" are thousands: a decimal is not written with a final 0).
    - ``prefix`` without scale ("$1,000", "€2,500"): a comma followed by exactly three
      digits separates thousands, as in the English writing a prefix symbol comes from.

    >>> [parse_money_digits(s, prefix=p, scaled=k, english=e) for s, p, k, e in [("1.5", True, True, True),
    ...  ("2.125", False, True, False), ("1.000", False, True, False), ("1,000", True, False, False),
    ...  ("1,000", False, False, False)]]
    [Decimal('1.5'), Decimal('2.125'), Decimal('1000'), Decimal('1000'), Decimal('1.000')]
    """
    if english and _ENGLISH_DIGITS.fullmatch(s):
        return Decimal(s.replace(",", ""))
    if scaled and _SCALED_DECIMAL.fullmatch(s):
        return Decimal(s)
    if prefix and not scaled and _COMMA_THOUSANDS.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return parse_decimal(s)


def _trailing_scale(text: str) -> Decimal:
    """Value of a final scale word ("millions" -> 10**6), 1 when there is none."""
    last = text.rsplit(" ", 1)[-1]
    if last in SCALE_WORDS and last not in ("mille",) and " " in text:
        return Decimal(SCALE_WORDS[last])
    return Decimal(1)


def parse_number(s: str) -> float | None:
    """Float value of a French number in digits or words; None on failure, never a guess.

    >>> parse_number("125.000,50")
    125000.5
    >>> parse_number("1.5")
    1.5
    >>> parse_number("quatre")
    4.0
    >>> parse_number("un milliard et demi")
    1500000000.0
    >>> parse_number("beaucoup") is None
    True
    """
    value = parse_decimal(s)
    return None if value is None else float(value)


@lru_cache(maxsize=256)
def scale_value(word: str) -> int | None:
    """Multiplier of a scale word or abbreviation: "milliards" -> 10**9, "Md" -> 10**9.

    >>> scale_value("Milliards"), scale_value("k"), scale_value("billion")
    (1000000000, 1000, 1000000000000)
    """
    word = word.strip()
    if word in SCALE_ABBREVIATIONS:
        return SCALE_ABBREVIATIONS[word]
    return SCALE_WORDS.get(word.lower())


def approx_noun_value(s: str) -> int | None:
    """Value of "une dizaine de" -> 10; None when ``s`` is not an approximate noun.

    >>> approx_noun_value("une petite centaine d’"), approx_noun_value("deux")
    (100, None)
    """
    for word in _WORD.findall(s.lower()):
        if word in APPROX_NOUNS:
            return APPROX_NOUNS[word]
    return None


def plain_number(value: float | None) -> str:
    """A number as a table cell, without a useless '.0' ('' for None).

    >>> plain_number(2100000000.0), plain_number(2.5), plain_number(None)
    ('2100000000', '2.5', '')
    """
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
