"""Batch run: articles in, `documents`, `mentions` and `investments` tables out.

Reading errors become `status=error` rows; a document that fails inside the pipeline is
marked in error too; the other documents are processed and nothing extracted is lost.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import DocRows, doc_rows, error_rows
from pipeline.readers import Article, ReadError, iter_articles
from pipeline.table import frame, write_table


@dataclass(slots=True)
class RunSummary:
    """What a run did, printed at its end."""

    processed: int = 0
    skipped: int = 0
    errors: int = 0
    investments: int = 0
    commitments: int = 0
    mentions: int = 0
    seconds: float = 0.0

    def add(self, rows: DocRows) -> None:
        if rows.document.get("status") == "error":
            self.errors += 1
        else:
            self.processed += 1
        self.mentions += len(rows.mentions)
        kinds = [r["kind"] for r in rows.investments]
        self.investments += kinds.count("investment")
        self.commitments += kinds.count("commitment")


def process(items: Iterable[Article | ReadError], nlp, batch_size: int = 16) -> Iterator[DocRows]:
    """Rows of every item, in input order; read errors pass through as error rows."""
    from pipeline.nlp import make_doc

    pending: list[Article] = []

    def flush() -> Iterator[DocRows]:
        pairs = ((make_doc(nlp, a.text, a.published, a.body_start), a) for a in pending)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield doc_rows(article, doc)
        pending.clear()

    for item in items:
        if isinstance(item, ReadError):
            yield from flush()
            yield error_rows(item)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def run(paths: list[str | Path], out_dir: str | Path, nlp=None,
        on_document: Callable[[DocRows], None] | None = None) -> RunSummary:
    """Process every article below `paths` and write the tables into `out_dir`."""
    from pipeline.nlp import cached

    started = time.perf_counter()
    nlp = nlp or cached()
    summary = RunSummary()
    tables: dict[str, list[dict]] = {"documents": [], "mentions": [], "investments": []}
    for rows in process(iter_articles(paths), nlp):
        summary.add(rows)
        tables["documents"].append(rows.document)
        tables["mentions"].extend(rows.mentions)
        tables["investments"].extend(rows.investments)
        if on_document:
            on_document(rows)
    out = Path(out_dir)
    for name, rows in tables.items():
        write_table(frame(name, rows), out, name)
    summary.seconds = time.perf_counter() - started
    return summary
