"""State -> the output tables (`documents`, `mentions`, `investments`, `events`), streamed.

Rows come out of the state (`pipeline.batch.state.Store`) document by document in `doc_id`
order, each document's rows sorted by the table's `SORT_KEYS`; they are written in
blocks to a temporary CSV and a temporary Parquet file per table. Only when every table
is complete are the temporary files renamed over the old ones: a crash or Ctrl-C leaves
the previous outputs as they were, and a reader never sees a half-written file.

Cells are formatted one way whatever the batch (`cell`): None is empty, 12 is `12`, 0.5 is
`0.5`; Parquet holds the same strings. The same state gives byte-identical files.

>>> [cell(v) for v in (None, 12, 0.5, 3.0, "x")]
['', '12', '0.5', '3', 'x']
"""
from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.facts.events import cluster
from pipeline.batch.state import Store
from pipeline.io.table import SORT_KEYS, TABLES

BLOCK = 5000           # rows per Parquet row group and per CSV write


def cell(value: object) -> str:
    """One cell as text (the CSV and the Parquet hold the same strings)."""
    if type(value) is str:                 # most cells: no other test needed
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def sorted_rows(name: str, rows: list[dict]) -> list[dict]:
    """One document's rows in the table's order (numbers in `start`/`end` sort as numbers)."""
    keys = SORT_KEYS[name]

    def key(row: dict) -> tuple:
        return tuple(_num(row.get(k)) if k in {"start", "end"} else cell(row.get(k)) for k in keys)

    return sorted(rows, key=key)


def _num(value: object) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return -1.0


def table_rows(store: Store, name: str) -> Iterator[dict]:
    """Every row of one table, in its final order, streamed from the state."""
    if name == "documents":
        yield from store.iter_docs("document")
    elif name == "events":
        for group in store.iter_fact_groups():
            yield from cluster(group)
    else:
        for rows in store.iter_docs(name):
            yield from sorted_rows(name, rows)


def write_outputs(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write every table as CSV + Parquet, atomically; returns the row count per table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    counts: dict[str, int] = {}
    try:
        for name in TABLES:
            csv_tmp, parquet_tmp = _temp(out, f"{name}.csv"), _temp(out, f"{name}.parquet")
            staged += [(csv_tmp, out / f"{name}.csv"), (parquet_tmp, out / f"{name}.parquet")]
            counts[name] = write_table_stream(name, table_rows(store, name), Path(csv_tmp), Path(parquet_tmp))
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return counts


def write_table_stream(name: str, rows: Iterable[dict], csv_path: Path, parquet_path: Path) -> int:
    """Write rows of table `name` to a CSV and a Parquet file, block by block."""
    columns = list(TABLES[name])
    schema = pa.schema([(c, pa.string()) for c in columns])
    count = 0
    with csv_path.open("w", encoding="utf-8", newline="") as handle, \
            pq.ParquetWriter(parquet_path, schema) as parquet:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(columns)
        for block in _blocks(rows, BLOCK):
            cells = [[cell(r.get(c)) for c in columns] for r in block]
            writer.writerows(cells)
            parquet.write_table(pa.table(
                {c: [row[i] if row[i] != "" else None for row in cells] for i, c in enumerate(columns)},
                schema=schema))
            count += len(block)
        if count == 0:
            parquet.write_table(pa.table({c: [] for c in columns}, schema=schema))
        handle.flush()
        os.fsync(handle.fileno())
    return count


def _blocks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    block: list[dict] = []
    for row in rows:
        block.append(row)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block


def _temp(out: Path, name: str) -> str:
    fd, path = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    return path
