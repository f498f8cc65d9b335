"""Table-driven tests of pipeline.normalize.amounts.find_amounts.

Cases live in tests/data/money_cases.tsv (group, sentence, expected amounts); a case is
"exactly right" when every amount is found with the right value, currency, kind, range
bound and conversion, and nothing extra is found.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from pipeline.amounts import Amount, find_amounts

CASES_FILE = Path(__file__).parent / "data" / "money_cases.tsv"

# Cases that should pass but do not yet: (group, sentence prefix) -> reason.
XFAIL: dict[tuple[str, str], str] = {}


def _expected(field: str) -> list[tuple]:
    """'2e9 EUR range max=3e9; 1e6 USD exact alt=9e5 EUR' -> tuples comparable to Amounts."""
    out = []
    for item in filter(None, (part.strip() for part in field.split(";"))):
        tokens = item.split()
        value, currency, kind = float(tokens[0]), tokens[1], tokens[2]
        value_max = alt_value = alt_currency = None
        rest = tokens[3:]
        while rest:
            token = rest.pop(0)
            if token.startswith("max="):
                value_max = float(token[4:])
            elif token.startswith("alt="):
                alt_value, alt_currency = float(token[4:]), rest.pop(0)
        out.append((value, None if currency == "-" else currency, kind, value_max, alt_value, alt_currency))
    return out


def _load_cases() -> list:
    params = []
    for number, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        group, sentence, expected = (line.split("\t") + [""])[:3]
        marks = [
            pytest.mark.xfail(strict=True, reason=reason)
            for (g, prefix), reason in XFAIL.items()
            if g == group and sentence.startswith(prefix)
        ]
        params.append(pytest.param(sentence, _expected(expected), id=f"{group}-L{number}", marks=marks))
    return params


CASES = _load_cases()
SENTENCES = [pytest.param(p.values[0], id=p.id) for p in CASES]   # without the xfail marks


def _observed(amount: Amount) -> tuple:
    return (amount.value, amount.currency, amount.kind, amount.value_max, amount.alt_value, amount.alt_currency)


def _same(observed: tuple, expected: tuple) -> bool:
    def close(a, b):
        if a is None or b is None:
            return a is b
        return math.isclose(a, b, rel_tol=1e-9)

    return (
        close(observed[0], expected[0]) and observed[1:3] == expected[1:3]
        and close(observed[3], expected[3]) and close(observed[4], expected[4]) and observed[5] == expected[5]
    )


def test_amounts_table_is_large_enough():
    assert len(CASES) >= 320
    groups = {p.id.rsplit("-", 1)[0] for p in CASES}
    assert {"not_money", "bracketed_conversions", "ranges", "word_numbers"} <= groups


@pytest.mark.parametrize("sentence, expected", CASES)
def test_amounts_exactly_right(sentence, expected):
    found = find_amounts(sentence)
    observed = [_observed(a) for a in found]
    assert len(observed) == len(expected) and all(map(_same, observed, expected)), (observed, expected)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_amounts_offsets_point_into_the_original_text(sentence):
    found = find_amounts(sentence)
    assert all(sentence[a.start:a.end] == a.text and a.text == a.text.strip() for a in found)
    assert [a.start for a in found] == sorted(a.start for a in found)
    assert all(a.rule.startswith("money.") for a in found)


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("Un plan de près de 2,1 milliards d’euros.", "2,1 milliards d’euros"),
        ("entre 2 et 3 milliards d'euros", "2 et 3 milliards d'euros"),
        ("4,3 milliards d'euros (4,8 milliards de dollars)", "4,3 milliards d'euros"),
        ("plus de 400 millions de zlotys", "400 millions de zlotys"),
        ("$2,1 milliards", "$2,1 milliards"),
        ("Le café coûte 2 euros 50.", "2 euros 50"),
        ("Il a payé 1 million 200 000 euros.", "1 million 200 000 euros"),
        ("Le repas m'a coûté 20Rs.", "20Rs"),
        ("La perte atteint -2 milliards d'euros.", "-2 milliards d'euros"),
    ],
)
def test_amounts_text_covers_number_and_currency_not_cues(sentence, text):
    assert [a.text for a in find_amounts(sentence)] == [text]


def test_amounts_seed_articles():
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        seeds = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
    found = {p.name[:3]: [(a.value, a.currency) for a in find_amounts(p.read_text(encoding="utf-8"))]
             for p in sorted(seeds.glob("*.txt"))}
    assert found == {
        "000": [(2.1e9, "USD"), (2.1e9, "USD")],
        "001": [(1.9e9, "EUR"), (3.2e9, "EUR")],
        "002": [(4e9, "EUR"), (4e9, "EUR")],
        "003": [],
        "004": [],
    }
