"""The output tables -> the figures the report shows (pure pandas, no HTML, no chart code).

Money is counted once per announcement: the sums by country, investor and month add the
events of `events.csv` (one row per announcement, at the figure of its earliest source),
not the investment rows, so an announcement covered by three outlets is not tripled.
Column names come from the output contract (`pipeline.io.table.TABLES`); a table missing a
contract column is refused with one line, never read by position.

>>> events = pd.DataFrame([{"country": "ES", "investor": "Microsoft", "amount_eur": "1900000000",
...                         "first_published": "2024-02"},
...                        {"country": "ES", "investor": "", "amount_eur": "", "first_published": ""}])
>>> [(s.key, s.amount_eur, s.events) for s in totals(events, "country")]
[('ES', 1900000000.0, 2)]
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pycountry

from pipeline.review.samples import split_list
from pipeline.review.store import ReviewStore
from pipeline.io.table import TABLES, read_table

UNNAMED = "(no investor named)"
UNDATED = "(no date)"


class ReportError(ValueError):
    """Output tables the report cannot be built from (one line, shown without traceback)."""


@dataclass(frozen=True)
class Total:
    """One bar: the EUR announced for `key` (a country code, an investor, a month)."""

    key: str
    label: str
    amount_eur: float
    events: int
    without_eur: int


@dataclass(frozen=True)
class Source:
    """One outlet's own figure for an announcement."""

    doc_id: str
    row_id: str
    figure: str
    amount_eur: float | None
    title: str
    published: str


@dataclass(frozen=True)
class Event:
    """One announcement of events.csv with every source's figure side by side."""

    row: dict
    sources: list[Source]
    spread: float | None          # max / min - 1 of the sources' EUR amounts
    disagree: bool                # the outlets give different figures


@dataclass(frozen=True)
class ReviewState:
    """What a reviewer still has to look at, and how far the review went."""

    threshold: float
    low_confidence: list[dict]
    documents: list[dict]                      # status error, or a warning
    no_rate: list[dict]                        # an amount without EUR value
    decisions: dict[str, int] = field(default_factory=dict)
    reviewed: int = 0
    total: int = 0
    orphaned: int = 0


def read_tables(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of `out_dir` as strings; ReportError when investments.csv is missing or a
    table lacks a column of the contract."""
    out_dir = Path(out_dir)
    if not (out_dir / "investments.csv").is_file():
        raise ReportError(f"no investments.csv in {out_dir}: run `make run` first")
    tables = {}
    for name, columns in TABLES.items():
        try:
            df = read_table(out_dir, name)
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            raise ReportError(f"cannot read {out_dir}/{name}.csv: {' '.join(str(exc).split())}") from None
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise ReportError(f"{out_dir}/{name}.csv has no column {', '.join(missing)}: run again")
        tables[name] = df
    return tables


def number(value: object) -> float | None:
    """A table cell -> float, or None for an empty or unreadable cell.

    >>> number("1900000000"), number(""), number("nan"), number(None)
    (1900000000.0, None, None, None)
    """
    try:
        result = float(str(value))
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def country_name(code: str) -> str:
    """'ES' -> 'Spain'; an unknown code stays itself."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code or "(no country)"


def country_numeric(code: str) -> str:
    """'FR' -> '250', the ISO 3166-1 numeric code the map's shapes are keyed by ('' if none)."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(found, "numeric", "") or ""


def totals(events: pd.DataFrame, by: str) -> list[Total]:
    """EUR announced per `by` ('country', 'investor' or 'month'), largest first (months in
    time order); events without an EUR figure are counted in `without_eur`."""
    groups: dict[str, list[float | None]] = {}
    for row in events.to_dict("records"):
        groups.setdefault(_key(row, by), []).append(number(row.get("amount_eur")))
    out = [Total(key, _label(key, by), sum(a for a in amounts if a is not None), len(amounts),
                 sum(a is None for a in amounts)) for key, amounts in groups.items()]
    if by == "month":
        return sorted(out, key=lambda t: t.key)
    return sorted(out, key=lambda t: (-t.amount_eur, t.key))


def _key(row: dict, by: str) -> str:
    if by == "month":
        return str(row.get("first_published") or "")[:7]
    return str(row.get(by) or "")


def _label(key: str, by: str) -> str:
    if by == "country":
        return country_name(key)
    if by == "investor":
        return key or UNNAMED
    return key or UNDATED


def events_with_sources(events: pd.DataFrame, investments: pd.DataFrame,
                        documents: pd.DataFrame) -> list[Event]:
    """Each event with its sources (from `figures` and `row_ids`, in the same order), the
    spread of their EUR amounts, and whether the outlets disagree; most sources first."""
    rows = {r["row_id"]: r for r in investments.to_dict("records")}
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    out = []
    for event in events.to_dict("records"):
        sources = [_source(figure, row_id, rows, docs) for figure, row_id in
                   zip(split_list(event.get("figures")), str(event.get("row_ids") or "").split(";"))]
        amounts = [s.amount_eur for s in sources if s.amount_eur]
        spread = max(amounts) / min(amounts) - 1 if len(amounts) > 1 else None
        disagree = len({s.figure for s in sources}) > 1
        out.append(Event(event, sources, spread, disagree))
    return sorted(out, key=lambda e: (-len(e.sources), -(number(e.row.get("amount_eur")) or 0),
                                      str(e.row.get("event_id"))))


def _source(figure: str, row_id: str, rows: dict, docs: dict) -> Source:
    doc_id, _, own = figure.partition(":")
    row, doc = rows.get(row_id, {}), docs.get(doc_id, {})
    return Source(doc_id, row_id, own, number(row.get("amount_eur")),
                  doc.get("title") or row.get("title") or "",
                  row.get("published") or doc.get("published") or "")


def commitments(investments: pd.DataFrame) -> dict[str, list[dict]]:
    """Commitment rows grouped by category (categories in name order, rows by deadline)."""
    rows = investments[investments["kind"] == "commitment"].to_dict("records")
    out: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: (r["category"] or "~", r["period_end"] or "~", r["doc_id"])):
        out.setdefault(row["category"] or "(no category)", []).append(row)
    return out


def review_state(tables: dict[str, pd.DataFrame], reviews_dir: Path | None,
                 threshold: float) -> ReviewState:
    """Rows below `threshold`, documents with an error or a warning, amounts without an EUR
    value, and the progress of the decisions saved in `reviews_dir` (None: no review yet)."""
    investments, documents = tables["investments"], tables["documents"]
    rows = investments.to_dict("records")
    low = [r for r in rows if (number(r["confidence"]) or 0.0) < threshold]
    flagged = [d for d in documents.to_dict("records") if d["status"] == "error" or d["warning"]]
    no_rate = [r for r in rows if r["kind"] == "investment" and r["amount_value"] and not r["amount_eur"]]
    decisions = ReviewStore(reviews_dir).decisions() if reviews_dir and reviews_dir.is_dir() else {}
    ids = {r["row_id"] for r in rows}
    counts: dict[str, int] = {}
    for row_id, decision in decisions.items():
        if row_id in ids:
            counts[decision["decision"]] = counts.get(decision["decision"], 0) + 1
    orphaned = sum(d["decision"] != "add" and row_id not in ids for row_id, d in decisions.items())
    return ReviewState(threshold, sorted(low, key=lambda r: (number(r["confidence"]) or 0.0, r["doc_id"])),
                       flagged, no_rate, dict(sorted(counts.items())), sum(counts.values()), len(rows),
                       orphaned)
