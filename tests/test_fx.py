"""pipeline.normalize.fx.to_eur: ECB rates from the offline history shipped with currency_converter."""

from __future__ import annotations

import math
from datetime import date

import pytest

from pipeline.normalize.fx import converter, to_eur


def test_fx_eur_is_identity():
    c = to_eur(4e9, "EUR", date(2024, 5, 13))
    assert (c.amount_eur, c.rate, c.fx_date, c.note) == (4e9, 1.0, date(2024, 5, 13), "")


def test_fx_usd_matches_hand_checked_ecb_figure():
    # ECB euro foreign exchange reference rate, 1 February 2024: 1 EUR = 1.0814 USD
    c = to_eur(2.1e9, "USD", date(2024, 2, 1))
    assert c.rate == pytest.approx(1.0814)
    assert c.amount_eur == pytest.approx(2.1e9 / 1.0814)
    assert (c.fx_date, c.note) == (date(2024, 2, 1), "")


@pytest.mark.parametrize("currency", ["USD", "GBP", "CHF", "SEK", "PLN", "JPY", "CNY", "INR", "CAD", "AUD", "HKD"])
def test_fx_agrees_with_currency_converter(currency):
    on = date(2023, 6, 15)
    expected = converter().convert(1_000_000, currency, "EUR", date=on)
    assert to_eur(1_000_000, currency, on).amount_eur == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    "on, used",
    [
        (date(2024, 2, 3), date(2024, 2, 2)),     # Saturday -> Friday
        (date(2024, 2, 4), date(2024, 2, 2)),     # Sunday -> Friday
        (date(2024, 12, 25), date(2024, 12, 24)),  # Christmas (TARGET holiday)
        (date(2024, 1, 1), date(2023, 12, 29)),   # month-only publication "2024-01" -> last business day before
    ],
)
def test_fx_closed_day_uses_closest_earlier_business_day(on, used):
    c = to_eur(100.0, "USD", on)
    assert c.fx_date == used
    assert c.amount_eur == pytest.approx(100.0 / converter().convert(1, "EUR", "USD", date=used))


def test_fx_no_date_uses_latest_rate_and_says_so():
    c = to_eur(100.0, "USD", None)
    last = converter().bounds["USD"].last_date
    assert c.fx_date == last
    assert c.note == f"no publication date: latest ECB rate ({last.isoformat()})"
    assert math.isfinite(c.amount_eur)


def test_fx_future_date_uses_latest_rate_and_says_so():
    c = to_eur(100.0, "GBP", date(2099, 1, 1))
    assert c.fx_date == converter().bounds["GBP"].last_date and "latest ECB rate" in c.note


@pytest.mark.parametrize("currency, note", [("XYZ", "no ECB rate for XYZ"), ("XOF", "no ECB rate for XOF"),
                                            (None, "no currency given")])
def test_fx_unknown_currency_gives_no_amount_with_reason(currency, note):
    c = to_eur(1e6, currency, date(2024, 2, 1))
    assert (c.amount_eur, c.rate, c.note) == (None, None, note)


def test_fx_before_first_rate_gives_no_amount():
    c = to_eur(1e6, "USD", date(1990, 1, 1))
    assert c.amount_eur is None and "before 1999-01-04" in c.note
