"""One event per announcement: investment rows of several articles -> rows of `events.csv`.

Rows are grouped by investor and country (`group_of`; without an investor, by recipient;
with neither, a row is its own event). Inside a group, rows are clustered: a row joins an
event when every amount of the event stays within `TOLERANCE` of it (in EUR, so that
"2,1 milliards de dollars" and "1,9 milliard d'euros" are one event), when its period
overlaps the event's, and when its publication date is within `MAX_SPREAD_DAYS` of the
event's dates. Distinct amounts, periods or years stay distinct events.

Nothing is averaged away: `figures` keeps each source's own figure
(`doc_id:value CUR`), `amount_eur` is the figure of the earliest source (converted), and
`amount_eur_min` / `amount_eur_max` show the spread.

>>> rows = [
...   {"doc_id": "a", "row_id": "1", "investor": "Microsoft", "country": "ES", "amount_eur": "1940000000",
...    "amount_value": "2100000000", "amount_currency": "USD", "published": "2024-02-19"},
...   {"doc_id": "b", "row_id": "2", "investor": "Microsoft", "country": "ES", "amount_eur": "1900000000",
...    "amount_value": "1900000000", "amount_currency": "EUR", "published": "2024-02-20"}]
>>> [(e["source_count"], e["figures"]) for e in cluster(rows)]
[(2, 'a:2100000000 USD;b:1900000000 EUR')]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.io.table import row_id

TOLERANCE = 0.15          # relative spread of amounts in EUR inside one event
MAX_SPREAD_DAYS = 540     # sources of one announcement are published within ~18 months


def group_of(row: dict) -> str:
    """The key rows must share to be one event (sorts by investor, then country)."""
    investor, country = row.get("investor") or "", row.get("country") or ""
    if investor:
        return f"{investor}\x1f{country}"
    recipient = row.get("recipient") or ""
    if recipient:
        return f"\x1f{country}\x1f{recipient}"
    return f"\x1f{country}\x1f\x1f{row.get('doc_id')}\x1f{row.get('row_id')}"


@dataclass
class _Event:
    rows: list[dict] = field(default_factory=list)
    low: float | None = None
    high: float | None = None
    years: tuple[int, int] | None = None
    days: tuple[date, date] | None = None

    def accepts(self, row: dict) -> bool:
        amount, years, day = _amount(row), _years(row), _day(row)
        if (amount is None) != (self.low is None):
            return False
        if amount is None:
            return all(_figure(r) == _figure(row) for r in self.rows)
        if max(self.high, amount) > (1 + TOLERANCE) * min(self.low, amount):
            return False
        if years and self.years and (years[1] < self.years[0] or years[0] > self.years[1]):
            return False
        if day and self.days and ((day - self.days[0]).days > MAX_SPREAD_DAYS
                                  or (self.days[1] - day).days > MAX_SPREAD_DAYS):
            return False
        return True

    def add(self, row: dict) -> None:
        self.rows.append(row)
        amount, years, day = _amount(row), _years(row), _day(row)
        if amount is not None:
            self.low = amount if self.low is None else min(self.low, amount)
            self.high = amount if self.high is None else max(self.high, amount)
        if years:
            self.years = years if not self.years else (max(self.years[0], years[0]), min(self.years[1], years[1]))
        if day:
            self.days = (day, day) if not self.days else (min(self.days[0], day), max(self.days[1], day))


def cluster(rows: list[dict]) -> list[dict]:
    """Investment rows of one group -> event rows, sorted by first publication."""
    ordered = sorted(rows, key=lambda r: (_amount(r) is None, _amount(r) or 0.0,
                                          str(r.get("doc_id")), str(r.get("row_id"))))
    events: list[_Event] = []
    for row in ordered:
        target = next((e for e in events if e.accepts(row)), None)
        if target is None:
            target = _Event()
            events.append(target)
        target.add(row)
    out = [event_row(e.rows) for e in events]
    return sorted(out, key=lambda e: (e["first_published"] or "", e["event_id"]))


def event_row(rows: list[dict]) -> dict:
    """One `events.csv` row from the investment rows of one announcement."""
    by_date = sorted(rows, key=lambda r: (str(r.get("published") or "9999"), str(r.get("doc_id")), str(r.get("row_id"))))
    first = by_date[0]
    amounts = [a for a in (_amount(r) for r in rows) if a is not None]
    published = sorted(str(r["published"]) for r in rows if r.get("published"))
    starts = [r["period_start"] for r in rows if r.get("period_start")]
    ends = [r["period_end"] for r in rows if r.get("period_end")]
    doc_ids = _unique(str(r.get("doc_id")) for r in by_date)
    return {
        "event_id": row_id("event", first.get("investor"), first.get("country"), first.get("doc_id"), first.get("row_id")),
        "investor": first.get("investor") or "", "recipient": first.get("recipient") or "",
        "country": first.get("country") or "",
        "amount_eur": _fmt(_amount(first)), "amount_eur_min": _fmt(min(amounts) if amounts else None),
        "amount_eur_max": _fmt(max(amounts) if amounts else None),
        "amount_value": first.get("amount_value"), "amount_currency": first.get("amount_currency"),
        "period_start": min(starts) if starts else None, "period_end": max(ends) if ends else None,
        "sites": ";".join(_unique(s for r in by_date for s in str(r.get("sites") or "").split(";") if s)),
        "source_count": len(doc_ids), "doc_ids": ";".join(doc_ids),
        "row_ids": ";".join(str(r.get("row_id")) for r in by_date),
        "figures": ";".join(f"{r.get('doc_id')}:{_figure(r)}" for r in by_date),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
    }


def _amount(row: dict) -> float | None:
    try:
        value = float(row.get("amount_eur"))
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def _figure(row: dict) -> str:
    value, currency = row.get("amount_value"), row.get("amount_currency")
    return f"{value} {currency}".strip() if value not in (None, "") else "?"


def _years(row: dict) -> tuple[int, int] | None:
    start, end = _int(row.get("period_start")), _int(row.get("period_end"))
    if start is None and end is None:
        return None
    return (start if start is not None else end, end if end is not None else start)


def _int(value) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


def _day(row: dict) -> date | None:
    text = str(row.get("published") or "")
    try:
        parts = [int(p) for p in text[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _fmt(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _unique(values) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out
