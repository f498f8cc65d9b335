"""Currency conversion to euros with ECB reference rates: ``to_eur(value, currency, on)``.

Rates come from ``currency_converter`` (the ECB history file ships inside the package:
nothing is downloaded). The converter is built once, lazily, on first use.

Rate convention (ECB): ``rate`` is the number of units of ``currency`` for 1 EUR
(USD on 2024-02-01: 1.0814), so ``amount_eur = value / rate``.

Dates: the ECB publishes on business days only; a weekend or holiday takes the closest
EARLIER business day. A publication known to the month only is passed as the first of
the month by the caller, so it gets the rate of that day or, when the 1st is not an ECB
business day, of the last business day before it. No date -> the latest rate, said in
``note``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

MAX_LOOKBACK_DAYS = 10      # longest ECB closure (Christmas-New Year) is shorter than this


@dataclass(frozen=True, slots=True)
class Conversion:
    """``amount_eur`` of a value, the ECB ``rate`` used (units per EUR), its date, a note."""

    amount_eur: float | None
    rate: float | None
    fx_date: date | None
    note: str


@lru_cache(maxsize=1)
def converter() -> CurrencyConverter:
    """The one ECB rate table of the process (loaded on first use, from the package)."""
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def to_eur(value: float, currency: str | None, on: date | None) -> Conversion:
    """Convert ``value`` in ``currency`` to euros at the ECB rate of ``on``.

    >>> c = to_eur(1081.4, "USD", date(2024, 2, 1))
    >>> round(c.amount_eur, 6), c.rate, c.fx_date, c.note
    (1000.0, 1.0814, datetime.date(2024, 2, 1), '')
    >>> to_eur(5.0, "EUR", None).amount_eur
    5.0
    >>> to_eur(5.0, "XYZ", date(2024, 2, 1)).note
    'no ECB rate for XYZ'
    """
    if currency is None:
        return Conversion(None, None, None, "no currency given")
    currency = currency.upper()
    if currency == "EUR":
        return Conversion(float(value), 1.0, on, "")
    table = converter()
    if currency not in table.currencies:
        return Conversion(None, None, None, f"no ECB rate for {currency}")
    first, last = table.bounds[currency]
    note = ""
    if on is None:
        on, note = last, f"no publication date: latest ECB rate ({last.isoformat()})"
    elif on > last:
        on, note = last, f"date after the last ECB rate: latest ECB rate ({last.isoformat()})"
    elif on < first:
        return Conversion(None, None, None, f"no ECB rate for {currency} before {first.isoformat()}")
    rate, used = _rate_on_or_before(currency, on)
    if rate is None:
        return Conversion(None, None, None, f"no ECB rate for {currency} near {on.isoformat()}")
    return Conversion(float(value) / rate, rate, used, note)


@lru_cache(maxsize=4096)
def _rate_on_or_before(currency: str, on: date) -> tuple[float | None, date | None]:
    """ECB rate (units per EUR) on ``on`` or the closest earlier business day."""
    table = converter()
    for back in range(MAX_LOOKBACK_DAYS + 1):
        day = on - timedelta(days=back)
        try:
            return float(table.convert(1, "EUR", currency, date=day)), day
        except RateNotFoundError:
            continue
    return None, None
