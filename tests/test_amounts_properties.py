"""Property tests: render random amounts in the forms French news uses, parse them back exactly."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.amounts import find_amounts
from pipeline.normalize.numbers import parse_number

SPACES = [" ", "\u00a0", "\u202f"]
SCALES = [("millions", 10**6), ("milliards", 10**9), ("million", 10**6), ("milliard", 10**9), ("mille", 10**3)]
ABBREVIATIONS = [("M", 10**6), ("Md", 10**9), ("Mds", 10**9), ("Mrd", 10**9), ("k", 10**3), ("bn", 10**9)]
WORDS_AFTER = [("d’euros", "EUR"), ("d'euros", "EUR"), ("de dollars", "USD"), ("de livres sterling", "GBP"),
               ("de francs suisses", "CHF"), ("de couronnes suédoises", "SEK"), ("de zlotys", "PLN"),
               ("de yens", "JPY"), ("de dollars canadiens", "CAD"), ("de dollars américains", "USD")]
PLAIN_WORDS_AFTER = [("euros", "EUR"), ("dollars", "USD"), ("francs suisses", "CHF"), ("yuans", "CNY")]
SYMBOLS = [("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("USD", "USD"), ("EUR", "EUR"), ("CHF", "CHF"), ("US$", "USD")]
FRAMES = ["Le groupe a annoncé {} pour son projet.", "{} seront investis d’ici 2027.",
          "Selon Reuters, OVHcloud mettra {} sur la table.", "Un financement de {}, a-t-il dit."]

UNITS = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_words(n: int) -> str:
    """1..999 in French words (standard France spelling, hyphenated)."""
    if n < 17:
        return UNITS[n]
    if n < 20:
        return "dix-" + UNITS[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        return TENS[tens] + ("" if unit == 0 else "-et-un" if unit == 1 else "-" + UNITS[unit])
    if n < 80:
        return "soixante-" + ("et-onze" if n == 71 else french_words(n - 60))
    if n < 100:
        return "quatre-vingt" + ("s" if n == 80 else "-" + french_words(n - 80))
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else UNITS[hundreds] + " cent" + ("s" if rest == 0 else "")
    return head if rest == 0 else head + " " + french_words(rest)


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@st.composite
def digit_amounts(draw):
    """"2,1 milliards d'euros", "12.5 M$", "US$ 3 milliards": value, currency, text."""
    units = draw(st.integers(1, 999))
    decimals = draw(st.sampled_from([0, 1, 2]))
    digits = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    number = Decimal(units) + Decimal(digits) / (10**decimals) if decimals else Decimal(units)
    mark = draw(st.sampled_from([",", "."]))
    shown = f"{units}{mark}{digits:0{decimals}d}" if decimals else str(units)
    space = draw(st.sampled_from(SPACES))
    form = draw(st.sampled_from(["word_after", "abbr_symbol", "symbol_before"]))
    if form == "word_after":
        scale, factor = draw(st.sampled_from(SCALES[:4]))
        words, iso = draw(st.sampled_from(WORDS_AFTER))
        text = f"{shown}{space}{scale} {words}"
    elif form == "abbr_symbol":
        scale, factor = draw(st.sampled_from(ABBREVIATIONS))
        symbol, iso = draw(st.sampled_from(SYMBOLS))
        text = f"{shown}{draw(st.sampled_from(['', space]))}{scale}{draw(st.sampled_from(['', space]))}{symbol}"
    else:
        scale, factor = draw(st.sampled_from(SCALES[:4]))
        symbol, iso = draw(st.sampled_from(SYMBOLS))
        text = f"{symbol}{draw(st.sampled_from(['', ' ']))}{shown}{space}{scale}"
    return float(number * factor), iso, text


@st.composite
def thousands_amounts(draw):
    """"4 000 000 €", "125.000,50 $", "1 200 euros"."""
    n = draw(st.integers(1000, 99_999_999))
    sep = draw(st.sampled_from(SPACES + ["."]))
    cents = draw(st.sampled_from([None, draw(st.integers(0, 99))]))
    shown = grouped(n, sep) + ("" if cents is None else f",{cents:02d}")
    value = n + (cents or 0) / 100
    if draw(st.booleans()):
        symbol, iso = draw(st.sampled_from(SYMBOLS))
        text = f"{shown}{draw(st.sampled_from(['', ' ', chr(0xA0)]))}{symbol}"
    else:
        words, iso = draw(st.sampled_from(PLAIN_WORDS_AFTER))
        text = f"{shown} {words}"
    return value, iso, text


@st.composite
def word_amounts(draw):
    """"quatre milliards d'euros", "deux cents millions de dollars", "un milliard et demi d'euros"."""
    n = draw(st.integers(1, 999))
    scale, factor = draw(st.sampled_from(SCALES[:4]))
    words, iso = draw(st.sampled_from(WORDS_AFTER))
    half = n < 100 and draw(st.booleans())
    text = f"{french_words(n)} {scale}{' et demi' if half else ''} {words}"
    return (n + (0.5 if half else 0)) * factor, iso, text


def _parsed_back(case, frame):
    value, iso, text = case
    sentence = frame.format(text)
    found = find_amounts(sentence)
    assert [(a.text, a.currency) for a in found] == [(text, iso)], sentence
    assert math.isclose(found[0].value, value, rel_tol=1e-12), (sentence, found[0].value, value)


@settings(max_examples=400, deadline=None)
@given(digit_amounts(), st.sampled_from(FRAMES))
def test_amounts_digit_forms_parse_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=300, deadline=None)
@given(thousands_amounts(), st.sampled_from(FRAMES))
def test_amounts_thousands_forms_parse_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=300, deadline=None)
@given(word_amounts(), st.sampled_from(FRAMES))
def test_amounts_word_forms_parse_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999))
def test_numbers_words_render_and_parse_back(n):
    assert parse_number(french_words(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 500), st.integers(1, 500), st.sampled_from(["entre {} et {}", "de {} à {}", "{}-{}", "{} à {}"]))
def test_amounts_ranges_parse_back(low, extra, pattern):
    high = low + extra
    sentence = "Le projet coûtera " + pattern.format(low, high) + " millions d’euros."
    found = find_amounts(sentence)
    assert [(a.value, a.value_max, a.currency, a.kind) for a in found] == [(low * 1e6, high * 1e6, "EUR", "range")]


@st.composite
def subunit_amounts(draw):
    """"2 euros 50", "5€50", "10 dollars et 25 cents", "30 centimes", "20 pence"."""
    units, cents = draw(st.integers(1, 9999)), draw(st.integers(1, 99))
    form = draw(st.sampled_from(["word_cents", "symbol_cents", "et_subunit", "subunit_only"]))
    if form == "word_cents":
        words, iso = draw(st.sampled_from(PLAIN_WORDS_AFTER))
        return units + cents / 100, iso, f"{units} {words} {cents:02d}"
    if form == "symbol_cents":
        symbol, iso = draw(st.sampled_from([("€", "EUR"), ("$", "USD"), ("£", "GBP")]))
        return units + cents / 100, iso, f"{units}{draw(st.sampled_from(['', ' ']))}{symbol}{cents:02d}"
    if form == "et_subunit":
        major, minor, iso = draw(st.sampled_from([("euros", "centimes", "EUR"), ("dollars", "cents", "USD"),
                                                  ("livres sterling", "pence", "GBP")]))
        return units + cents / 100, iso, f"{units} {major} et {cents} {minor}"
    minor, iso = draw(st.sampled_from([("centimes", "EUR"), ("cents", "USD"), ("pence", "GBP"),
                                       ("centimes d'euro", "EUR"), ("cents de dollar", "USD")]))
    return cents / 100, iso, f"{cents} {minor}"


@st.composite
def english_amounts(draw):
    """"$1.5 billion", "€2 billion", "£300 million", "$1.7 trillion" (English scale after a prefix)."""
    units, tenths = draw(st.integers(1, 999)), draw(st.integers(0, 9))
    shown = f"{units}.{tenths}" if tenths else str(units)
    symbol, iso = draw(st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("US$", "USD")]))
    scale, factor = draw(st.sampled_from([("billion", 10**9), ("million", 10**6), ("trillion", 10**12)]))
    return float(Decimal(shown) * factor), iso, f"{symbol}{shown} {scale}"


@st.composite
def dot_decimal_scaled(draw):
    """"2.125 milliards d'euros": a dot and three digits (not ending in 0) before a scale is a decimal."""
    units, thousandths = draw(st.integers(1, 999)), draw(st.integers(1, 999).filter(lambda n: n % 10))
    scale, factor = draw(st.sampled_from(SCALES[:4]))
    words, iso = draw(st.sampled_from(WORDS_AFTER))
    return float(Decimal(f"{units}.{thousandths:03d}") * factor), iso, f"{units}.{thousandths:03d} {scale} {words}"


# Cents without a sub-unit word ("2 euros 50") are read only before punctuation or a
# function word ("à", "par", "pour"...): "2 euros 50 personnes" is two things.
SUBUNIT_FRAMES = ["Le ticket coûte {}.", "Le prix passe à {} pour les abonnés.", "Il a payé {}, a-t-il dit.",
                  "Le menu est à {} par personne.", "Selon Reuters, le titre vaut {} à la clôture."]


@settings(max_examples=300, deadline=None)
@given(subunit_amounts(), st.sampled_from(SUBUNIT_FRAMES))
def test_amounts_subunit_forms_parse_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=200, deadline=None)
@given(english_amounts(), st.sampled_from(FRAMES))
def test_amounts_english_scale_forms_parse_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=200, deadline=None)
@given(dot_decimal_scaled(), st.sampled_from(FRAMES))
def test_amounts_dot_decimal_before_scale_parses_back(case, frame):
    _parsed_back(case, frame)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 999), min_size=3, max_size=6, unique=True),
       st.sampled_from(["ou", "et", "voire"]), st.sampled_from(WORDS_AFTER), st.sampled_from(SCALES[:4]))
def test_amounts_lists_share_the_last_currency(numbers, link, currency, scale):
    words, iso = currency
    shown = ", ".join(map(str, numbers[:-1])) + f" {link} {numbers[-1]} {scale[0]} {words}"
    found = find_amounts(f"Le plan prévoit {shown} selon les scénarios.")
    assert [(a.value, a.currency) for a in found] == [(n * scale[1], iso) for n in numbers], shown
