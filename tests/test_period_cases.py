"""Periods and dates on a table of French expressions: tests/data/period_cases.tsv.

Each row: group, finder (``period`` = ``find_periods``, ``date`` = ``find_dates``), publication
date ("-" for none), text, expected and, optionally, a known gap (the row then runs as a strict
xfail with that reason). Expected periods are ``START..END`` ("-" for an open or unknown end),
expected dates ISO days, ";"-separated, in text order; empty means nothing may be found. The
expected list is the whole output, so a row also fails on an extra match.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.normalize.periods import find_dates, find_periods

CASES_FILE = Path(__file__).parent / "data" / "period_cases.tsv"
GROUPS = {"explicit_date", "weekday_date", "day_list", "relative_day", "relative_weekday", "relative_month",
          "month_year", "quarter", "semester", "fiscal_year", "decade", "dici", "horizon", "range", "n_years",
          "relative_year", "season", "single_year", "since_past", "not_period"}


def load_rows(path: Path = CASES_FILE) -> list[tuple]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            group, finder, published, text, expected, gap = (line.split("\t") + ["", ""])[:6]
            day = None if published == "-" else date.fromisoformat(published)
            rows.append((number, group, finder, day, text, [e for e in expected.split(";") if e], gap))
    return rows


ROWS = load_rows()


def found(finder: str, text: str, published: date | None) -> list[str]:
    if finder == "date":
        return [d.value.isoformat() for d in find_dates(text, published)]
    as_text = lambda y: "-" if y is None else str(y)  # noqa: E731
    return [f"{as_text(p.year_start)}..{as_text(p.year_end)}" for p in find_periods(text, published)]


def _params(rows) -> list:
    return [pytest.param(finder, published, text, expected, id=f"{group}-L{number}",
                         marks=[pytest.mark.xfail(strict=True, reason=gap)] if gap else [])
            for number, group, finder, published, text, expected, gap in rows]


def test_period_cases_table_covers_every_group():
    assert len(ROWS) >= 300
    groups = {row[1] for row in ROWS}
    assert GROUPS <= groups
    for group in GROUPS - {"since_past", "not_period"}:
        assert any(row[1] == group and row[5] for row in ROWS), group


@pytest.mark.parametrize("finder, published, text, expected", _params(ROWS))
def test_period_cases_resolved_as_expected(finder, published, text, expected):
    assert found(finder, text, published) == expected


def dateparser_day(text: str, published: date | None) -> str | None:
    """What dateparser reads in ``text`` with the publication date as its reference."""
    import dateparser
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    parsed = dateparser.parse(text, languages=["fr"], settings={"DATE_ORDER": "DMY", "RELATIVE_BASE": base})
    return None if parsed is None else parsed.date().isoformat()


ONE_DAY = [row for row in ROWS if row[2] == "date" and len(row[5]) == 1 and not row[6]]


@pytest.mark.parametrize("finder, published, text, expected", _params(ONE_DAY))
def test_period_cases_agree_with_dateparser_where_it_is_right(finder, published, text, expected):
    """dateparser is the cross-check: where it reads the row's expected day, our reader reads it too."""
    if dateparser_day(text, published) != expected[0]:
        pytest.skip("dateparser reads another day here: not a cross-check")
    assert found(finder, text, published) == expected
