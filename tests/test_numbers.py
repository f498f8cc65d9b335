"""pipeline.normalize.numbers: French number normalizers (digits and words)."""

from __future__ import annotations

import pytest

from decimal import Decimal

from pipeline.normalize.numbers import approx_noun_value, parse_money_digits, parse_number, scale_value


@pytest.mark.parametrize(
    "text, value",
    [
        ("2,1", 2.1), ("1.5", 1.5), ("4 000 000", 4e6), ("4\u00a0000\u00a0000", 4e6), ("4\u202f000\u202f000", 4e6),
        ("125.000,50", 125000.5), ("3.500.000", 3.5e6), ("1.500", 1500.0), ("1,500,000", 1.5e6),
        ("2,500,000.50", 2500000.5), ("12 500,75", 12500.75), ("0,25", 0.25), ("300", 300.0),
        ("quatre", 4.0), ("deux cents", 200.0), ("vingt-et-un", 21.0), ("quatre-vingt-dix-neuf", 99.0),
        ("soixante et onze", 71.0), ("trois cent mille", 300000.0), ("mille", 1000.0), ("un et demi", 1.5),
        ("un demi", 0.5), ("un milliard et demi", 1.5e9), ("trois millions et demi", 3.5e6),
        ("deux milliards", 2e9), ("Quatre", 4.0), ("septante", 70.0), ("nonante", 90.0),
        ("deux virgule cinq", 2.5), ("un virgule zéro cinq", 1.05), ("trois virgule vingt-cinq", 3.25),
        ("1'500", 1500.0), ("1’500’000", 1.5e6), ("2'500.50", 2500.5),
    ],
)
def test_numbers_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["", "beaucoup", "2024-05", "1,2,3", "GPT-4", "deux trois quatre cinq six x", "12abc"])
def test_numbers_parse_number_refuses_to_guess(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "word, value",
    [("milliards", 10**9), ("Milliard", 10**9), ("millions", 10**6), ("mille", 10**3), ("billion", 10**12),
     ("Md", 10**9), ("Mds", 10**9), ("Mrd", 10**9), ("bn", 10**9), ("M", 10**6), ("k", 10**3), ("dollars", None),
     ("trillion", 10**18)],
)
def test_numbers_scale_value(word, value):
    assert scale_value(word) == value


@pytest.mark.parametrize(
    "text, value", [("une dizaine de", 10), ("une petite centaine d’", 100), ("un millier de", 1000), ("trois", None)]
)
def test_numbers_approx_noun_value(text, value):
    assert approx_noun_value(text) == value


@pytest.mark.parametrize(
    "digits, prefix, scaled, english, value",
    [
        ("1.5", True, True, True, "1.5"), ("1,500.25", True, True, True, "1500.25"),   # "$1.5 billion"
        ("2.125", False, True, False, "2.125"), ("1.000", False, True, False, "1000"),  # before "milliards"
        ("2.500", False, True, False, "2500"), ("1.500", False, False, False, "1500"),   # final 0 / no scale: thousands
        ("1,000", True, False, False, "1000"), ("1,859", False, False, False, "1.859"),  # "$1,000" vs "1,859 euro"
        ("1,5", True, True, False, "1.5"),                                                # "$1,5 milliard" stays French
    ],
)
def test_numbers_parse_money_digits(digits, prefix, scaled, english, value):
    assert parse_money_digits(digits, prefix=prefix, scaled=scaled, english=english) == Decimal(value)


# Characters Python's (?i) reads as another letter (long s, dotted and dotless i, Kelvin sign),
# and plain case changes: the class-based caseless patterns must read them exactly as (?i) does.
CASE_PROBES = ["deux", "DEUX", "Deux", "ſix", "SIX", "dİx", "dıx", "Kr", "KR", "milliards", "MİLLİARDS",
               "centimes", "CENTİMES", "ſur", "euros", "ÉCUS", "écus", "dollars canadiens", "DOLLARS  CANADIENS"]
CASE_PHRASES = ["deux", "six", "dix", "kr", "milliards", "centimes", "sur", "euros", "écus", "dollars canadiens"]


@pytest.mark.parametrize("probe", CASE_PROBES)
def test_numbers_caseless_patterns_read_case_as_re_ignorecase(probe):
    import re

    from pipeline.normalize.numbers import alternation, caseless_alternation, trie_alternation

    for caseless, by_flag in [
        (alternation(CASE_PHRASES, caseless=True), "(?i:%s)" % alternation(CASE_PHRASES)),
        (trie_alternation(CASE_PHRASES, caseless=True), "(?i:%s)" % trie_alternation(CASE_PHRASES)),
        (caseless_alternation(["deu", "six", "mil"]), "(?i:deu|six|mil)"),
    ]:
        assert bool(re.fullmatch(caseless, probe)) == bool(re.fullmatch(by_flag, probe))
        found = re.match(caseless, probe)
        assert (found and found.group()) == ((m := re.match(by_flag, probe)) and m.group())
