"""Batch run: articles in, `documents`, `mentions`, `investments` and `events` tables out.

`run()` is incremental. Each file is hashed; a file whose bytes and pipeline version
(`pipeline.batch.state.pipeline_version`: rules, rules files, model) are unchanged is skipped
unparsed; in a changed file only the documents whose text changed are processed. New
rows are merged into the state (`pipeline.batch.state.Store`, one transaction per chunk) and
the output tables are rebuilt from it, streamed and atomically (`pipeline.batch.assemble`).
Documents of other folders processed before stay in the outputs (a daily run over a new
folder adds to them); `full=True` starts from an empty state.

Reading errors become `status=error` rows; a document that fails inside the pipeline is
marked in error too; the other documents are processed and nothing extracted is lost.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.facts.extract import DocRows, error_rows
from pipeline.io.readers import Article, ReadError, iter_paths, read_file, read_file_positions
from pipeline.batch.state import Store, doc_key, file_sha256, pipeline_version, source_key

CHUNK_ITEMS = 1000     # a chunk also closes after this many items (skipped files, errors)
COMMIT_EVERY = 256     # documents or files per state transaction


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
    rows: dict[str, int] = field(default_factory=dict)   # rows per output table
    written: bool = False                                 # False: outputs were up to date

    def add(self, rows: DocRows) -> None:
        if rows.document.get("status") == "error":
            self.errors += 1
        else:
            self.processed += 1
        self.mentions += len(rows.mentions)
        kinds = [r["kind"] for r in rows.investments]
        self.investments += kinds.count("investment")
        self.commitments += kinds.count("commitment")


@dataclass(slots=True)
class Skipped:
    """Documents found unchanged in the state (`size` bytes of input done)."""

    docs: int
    size: int = 0


@dataclass(slots=True)
class FileDone:
    """Every document of a file has been handed over; record the file once they are stored."""

    skey: str
    sha256: str
    keys: list[str]
    size: int


@dataclass(slots=True)
class Advance:
    """`size` more bytes of the input are read: the document before it is handed over."""

    size: int


Item = Article | ReadError | Skipped | FileDone | Advance


def plan(paths: Iterable[str | Path], store: Store | None, version: str) -> Iterator[Item]:
    """What to do, file by file: articles to process, errors, skipped documents, how far
    into the input each document is (`Advance`, also inside a big feed), file ends."""
    for path in iter_paths(paths):
        skey = source_key(str(path))
        try:
            size, sha = path.stat().st_size, file_sha256(path)
        except OSError:
            yield from read_file(path)          # the reader words the error row
            continue
        if store is not None and (known := store.unchanged_file(skey, sha, version)) is not None:
            yield Skipped(known, size)
            continue
        keys: list[str] = []
        read = 0
        for item, position in read_file_positions(path):
            keys.append(doc_key(item.source, item.doc_id))
            if (isinstance(item, Article) and store is not None
                    and store.unchanged_doc(keys[-1], item.sha256, version)):
                yield Skipped(1)
            else:
                yield item
            position = min(max(position, read), size)
            yield Advance(position - read)
            read = position
        yield FileDone(skey, sha, keys, size - read)


def chunks(items: Iterable[Item], size: int) -> Iterator[tuple[list[Item], list[Article]]]:
    """Consecutive items in chunks of at most `size` articles (and `CHUNK_ITEMS` items)."""
    block: list[Item] = []
    articles: list[Article] = []
    counted = 0                         # items but the Advance markers
    for item in items:
        block.append(item)
        counted += not isinstance(item, Advance)
        if isinstance(item, Article):
            articles.append(item)
        if len(articles) >= size or counted >= CHUNK_ITEMS:
            yield block, articles
            block, articles, counted = [], [], 0
    if block:
        yield block, articles


def through(engine, items: Iterable[Item], size: int) -> Iterator[tuple[Item, DocRows | None]]:
    """Each item with its rows (None for markers), in input order."""
    for block, rows in engine.map(chunks(items, size)):
        produced = iter(rows)
        for item in block:
            if isinstance(item, Article):
                yield item, next(produced)
            elif isinstance(item, ReadError):
                yield item, error_rows(item)
            else:
                yield item, None


def process(items: Iterable[Article | ReadError], nlp, batch_size: int = 32, engine=None) -> Iterator[DocRows]:
    """Rows of every item, in input order; read errors pass through as error rows."""
    from pipeline.batch.engines import LocalEngine

    engine = engine or LocalEngine(1, nlp)
    for _, rows in through(engine, items, batch_size):
        if rows is not None:
            yield rows


class Progress:
    """What `run` reports while it works (the CLI shows it as a rich progress bar).

    `start(None)` comes first: the total is not known yet; `total(bytes)` comes from a
    thread that sizes the input while the run already works; `update` after every document."""

    def start(self, total_bytes: int | None) -> None: ...
    def total(self, total_bytes: int) -> None: ...
    def update(self, done_bytes: int, summary: RunSummary) -> None: ...
    def stop(self) -> None: ...


def size_in_background(paths: list[str | Path], progress: Progress) -> threading.Thread:
    """Walk `paths` once more in a thread and give the progress their total size."""
    def count() -> None:
        progress.total(sum(_size(p) for p in iter_paths(paths)))

    thread = threading.Thread(target=count, name="input-size", daemon=True)
    thread.start()
    return thread


def run(paths: list[str | Path], out_dir: str | Path, nlp=None,
        on_document: Callable[[DocRows], None] | None = None, *, processes: int | None = None,
        engine="local", scheduler: str | None = None, full: bool = False,
        progress: Progress | None = None, chunk: int | None = None) -> RunSummary:
    """Process what is new or changed below `paths` and rebuild the tables in `out_dir`."""
    from pipeline.batch.assemble import write_outputs
    from pipeline.batch.engines import CHUNK, make_engine
    from pipeline.facts.events import group_of
    from pipeline.io.table import TABLES

    started = time.perf_counter()
    progress = progress or Progress()
    summary, done, uncommitted = RunSummary(), 0, 0
    version = pipeline_version()
    store = Store(out_dir, fresh=full)
    workers = (make_engine(engine, processes if nlp is None else (processes or 1), scheduler, nlp)
               if isinstance(engine, str) else engine)   # or a ready engine (the bench warms one)
    sizer = None
    if type(progress) is not Progress:
        progress.start(None)
        sizer = size_in_background(paths, progress)
    writing = False                       # inside a multi-statement write of the state
    try:
        for item, rows in through(workers, plan(paths, None if full else store, version), chunk or CHUNK):
            if rows is not None:
                writing = True
                store.put(doc_key(item.source, item.doc_id), source_key(item.source), rows, version, group_of)
                writing = False
                summary.add(rows)
                uncommitted += 1
                if on_document:
                    on_document(rows)
                if uncommitted >= COMMIT_EVERY:
                    store.commit()
                    uncommitted = 0
            elif isinstance(item, Advance):
                done += item.size
                progress.update(done, summary)
            elif isinstance(item, Skipped):
                summary.skipped += item.docs
                done += item.size
            elif isinstance(item, FileDone):
                writing = True
                store.file_done(item.skey, item.sha256, version, item.keys)
                writing = False
                done += item.size
                uncommitted += 1            # a file is recorded with its documents, in one commit
                if uncommitted >= COMMIT_EVERY:
                    store.commit()
                    uncommitted = 0
                progress.update(done, summary)
        store.commit()
        if sizer is not None:
            sizer.join()                    # the bar ends at its total
            progress.update(done, summary)
        out = Path(out_dir)
        stale = any(not (out / f"{name}.csv").exists() for name in TABLES)
        if stale or store.generation() != store.assembled():
            summary.rows = write_outputs(store, out)
            store.mark_assembled(store.generation())
            summary.written = True
    except BaseException:
        if not writing:
            store.commit()       # whole documents only: the next run resumes right after them
        raise
    finally:
        progress.stop()
        workers.close()
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
