"""The output contract: column names of every table, in one place, and how they are written.

Names listed under "contract" are read by others: add columns freely, never rename or
drop one. CSV, Parquet and the review page all read these tuples.
"""
from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from pipeline.io.atomic import atomic_write

DOCUMENT_COLUMNS = (
    # contract
    "doc_id", "source", "url", "title", "published", "sha256", "chars", "status", "error",
    # added
    "warning", "mentions", "facts", "rules_version", "published_source",
)
MENTION_COLUMNS = (
    # contract
    "doc_id", "label", "text", "value", "start", "end", "sentence_start", "sentence_end",
    "method", "rule",
    # added
    "mention_id", "role", "country", "detail",
)
INVESTMENT_COLUMNS = (
    # contract
    "doc_id", "kind", "investor", "country", "sites", "people", "amount_value",
    "amount_currency", "amount_kind", "amount_max", "amount_eur", "amount_text", "category",
    "target_value", "target_unit", "period_start", "period_end", "evidence", "start", "end",
    "rule", "confidence",
    # added
    "row_id", "recipient", "people_roles", "site_countries", "amount_alt_value",
    "amount_alt_currency", "fx_rate", "fx_date", "fx_note", "published", "title",
    "link_feature", "amount_feature", "other_evidence",
)
EVENT_COLUMNS = (
    # one row per announcement, merged across articles (pipeline.facts.events)
    "event_id", "investor", "recipient", "country", "amount_eur", "amount_eur_min",
    "amount_eur_max", "amount_value", "amount_currency", "period_start", "period_end",
    "sites", "source_count", "doc_ids", "row_ids", "figures", "first_published",
    "last_published",
)
TABLES = {
    "documents": DOCUMENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "investments": INVESTMENT_COLUMNS,
    "events": EVENT_COLUMNS,
}
SORT_KEYS = {
    "documents": ("doc_id",),
    "mentions": ("doc_id", "start", "end", "label", "value"),
    "investments": ("doc_id", "start", "kind", "row_id"),
    "events": ("investor", "country", "first_published", "event_id"),
}


def row_id(*parts: object) -> str:
    """A stable id for a row from what identifies it (never a line number).

    >>> row_id("doc", "investment", 10, 42) == row_id("doc", "investment", 10, 42)
    True
    """
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def frame(name: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Rows -> a DataFrame with exactly the table's columns, sorted deterministically."""
    columns = list(TABLES[name])
    df = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
    if len(df):
        keys = list(SORT_KEYS[name])
        df = df.sort_values(keys, kind="mergesort", key=_sort_key).reset_index(drop=True)
    return df


def _sort_key(series: pd.Series) -> pd.Series:
    if series.name in {"start", "end"}:
        return pd.to_numeric(series, errors="coerce").fillna(-1)
    return series.astype(str)


def write_table(df: pd.DataFrame, out_dir: Path, name: str) -> None:
    """Write `name`.csv and `name`.parquet atomically (temp file, then rename)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    atomic_write(out_dir / f"{name}.csv", buffer.getvalue().encode("utf-8"))
    sink = io.BytesIO()
    df.astype({c: "string" for c in df.columns}).to_parquet(sink, index=False)
    atomic_write(out_dir / f"{name}.parquet", sink.getvalue())


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """Read a written table back as strings (empty cells as ''), or an empty frame."""
    path = Path(out_dir) / f"{name}.csv"
    if not path.exists():
        return pd.DataFrame(columns=list(TABLES[name]))
    return pd.read_csv(path, dtype=str, keep_default_na=False)
