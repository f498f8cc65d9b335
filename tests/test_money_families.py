"""Money forms real text still breaks, one table group per family: tests/data/money_families.tsv.

Each row: group, publication date ("-" for none), sentence, expected amounts and, optionally,
a known gap (the case then runs as a strict xfail with that reason). Expected amounts are
``VALUE CUR KIND [max=V] [flag=F]``, ";"-separated; empty means no amount. A case is right
when every amount has that value, currency, kind, upper bound and flag, and nothing else is
found. Each family has cases that must NOT match next to the ones that must.
"""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from pipeline.amounts import find_amounts

CASES_FILE = Path(__file__).parent / "data" / "money_families.tsv"
FAMILIES = {"qualified_symbol", "subunit_joined", "slang_currency", "adjective_homograph",
            "historical_currency", "local_currency_plural", "crypto", "range_forms", "list_forms"}


def _expected(field: str) -> list[tuple]:
    """'2e6 EUR range max=3e6; 100 - exact flag=ambiguous_currency' -> comparable tuples."""
    out = []
    for item in filter(None, (part.strip() for part in field.split(";"))):
        value, currency, kind, *rest = item.split()
        options = dict(token.split("=", 1) for token in rest)
        value_max = float(options["max"]) if "max" in options else None
        out.append((float(value), None if currency == "-" else currency, kind, value_max, options.get("flag", "")))
    return out


def load_cases(path: Path = CASES_FILE) -> list:
    params = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        group, published, sentence, expected, gap = (line.split("\t") + ["", ""])[:5]
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        day = None if published == "-" else date.fromisoformat(published)
        params.append(pytest.param(sentence, day, _expected(expected), id=f"{group}-L{number}", marks=marks))
    return params


CASES = load_cases()


def observed(sentence: str, published: date | None) -> list[tuple]:
    return [(a.value, a.currency, a.kind, a.value_max, a.flag) for a in find_amounts(sentence, published)]


def same(got: list[tuple], expected: list[tuple]) -> bool:
    def close(a, b):
        return a is b if a is None or b is None else math.isclose(a, b, rel_tol=1e-9)
    return len(got) == len(expected) and all(
        close(g[0], e[0]) and g[1:3] == e[1:3] and close(g[3], e[3]) and g[4] == e[4] for g, e in zip(got, expected))


def test_money_families_every_family_has_must_and_must_not_cases():
    groups: dict[str, list] = {}
    for case in CASES:
        groups.setdefault(case.id.rsplit("-", 1)[0], []).append(case.values[2])
    assert FAMILIES <= set(groups)
    for family in FAMILIES:
        assert any(groups[family]), family
        assert any(not e or any(kind != "range" and len(e) == 1 for _, _, kind, *_ in e) for e in groups[family])


@pytest.mark.parametrize("sentence, published, expected", CASES)
def test_money_families_exactly_right(sentence, published, expected):
    got = observed(sentence, published)
    assert same(got, expected), (got, expected)


@pytest.mark.parametrize("sentence, published, expected", CASES)
def test_money_families_offsets_point_into_the_text(sentence, published, expected):
    found = find_amounts(sentence, published)
    assert all(sentence[a.start:a.end] == a.text == a.text.strip() for a in found)
