"""Table-driven tests of pipeline.normalize.quantities.find_quantities (tests/data/quantity_cases.tsv)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from pipeline.normalize.quantities import find_quantities

CASES_FILE = Path(__file__).parent / "data" / "quantity_cases.tsv"


def _expected(field: str) -> list[tuple]:
    out = []
    for item in filter(None, (part.strip() for part in field.split(";"))):
        tokens = item.split()
        value_max = next((float(t[4:]) for t in tokens[3:] if t.startswith("max=")), None)
        out.append((float(tokens[0]), tokens[1], tokens[2], value_max))
    return out


def _cases() -> list:
    params = []
    for number, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            group, sentence, expected = (line.split("\t") + [""])[:3]
            params.append(pytest.param(sentence, _expected(expected), id=f"{group}-L{number}"))
    return params


CASES = _cases()


def _same(q, expected) -> bool:
    value, unit, kind, value_max = expected
    return (math.isclose(q.value, value, rel_tol=1e-9) and (q.unit, q.kind) == (unit, kind)
            and (q.value_max is None if value_max is None else math.isclose(q.value_max, value_max)))


def test_quantities_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("sentence, expected", CASES)
def test_quantities_exactly_right(sentence, expected):
    found = find_quantities(sentence)
    observed = [(q.value, q.unit, q.kind, q.value_max) for q in found]
    assert len(found) == len(expected) and all(map(_same, found, expected)), (observed, expected)
    assert all(sentence[q.start:q.end] == q.text and q.rule.startswith("quantity.") for q in found)


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("Google a inauguré un centre où 300 de ses chercheurs travaillent.", "300 de ses chercheurs"),
        ("former plus de 2,5 millions de personnes", "2,5 millions de personnes"),
        ("comptera quelque 10 000 processeurs graphiques", "quelque 10 000 processeurs graphiques"),
    ],
)
def test_quantities_text_span(sentence, text):
    assert [q.text for q in find_quantities(sentence)] == [text]
