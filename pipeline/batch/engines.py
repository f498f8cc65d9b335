"""Engines: chunks of articles in, their `DocRows` out, in input order.

Design (measured on this 2-core machine, see `make bench`):
- Workers never send spaCy Docs back: `nlp.pipe(n_process=...)` would pickle every Doc
  with our dataclass extensions. Each worker keeps one model (`batch_nlp()`, cached in
  this importable module, so Dask workers keep it between tasks too) and returns plain
  `DocRows` for a chunk of ~48 articles.
- `batch_nlp()` is `pipeline.nlp.model.load()`: only the components the rows need (see there).
- `LocalEngine(1)` runs in the calling process; `LocalEngine(n)` uses a spawn process
  pool (no fork of a parent holding threads or a model); `DaskEngine` submits the same
  function to a `dask.distributed` cluster. At most `2 x workers` chunks are in flight,
  so memory does not grow with the corpus.
- A chunk that fails as a whole (a worker killed, a text over spaCy's `max_length`) is
  redone one article at a time in the calling process: one error row, never a lost batch.

>>> [r.document["status"] for r in extract_chunk([])]
[]
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

from pipeline.facts.extract import DocRows, doc_rows, error_rows
from pipeline.io.readers import Article, ReadError

CHUNK = 48
T = TypeVar("T")


@lru_cache(maxsize=1)
def batch_nlp():
    """The extraction pipeline with only what the rows need (one per process)."""
    from pipeline.nlp.model import load

    return load()


def extract_chunk(articles: list[Article], nlp=None) -> list[DocRows]:
    """Rows of each article, in order; runs in a worker (its cached model) or in-process."""
    from pipeline.nlp.model import make_doc

    nlp = nlp or batch_nlp()
    docs = (make_doc(nlp, a.text, a.published, a.body_start) for a in articles)
    try:
        return [doc_rows(a, doc) for a, doc in zip(articles, nlp.pipe(docs, batch_size=len(articles) or 1))]
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch
        return [_one(nlp, a) for a in articles]


def _one(nlp, article: Article) -> DocRows:
    from pipeline.nlp.model import make_doc

    try:
        return doc_rows(article, nlp(make_doc(nlp, article.text, article.published, article.body_start)))
    except Exception as exc:  # noqa: BLE001
        reason = f"pipeline failed: {exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}"
        return error_rows(ReadError(article.doc_id, article.source, reason, article.sha256))


def default_processes() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """Chunks on this machine: in-process for 1 process, else a spawn process pool."""

    def __init__(self, processes: int = 1, nlp=None):
        self.processes = max(1, processes)
        self.nlp = nlp
        self._pool = None

    @property
    def workers(self) -> int:
        return self.processes

    def map(self, chunks: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[DocRows]]]:
        if self.processes == 1:
            for token, articles in chunks:
                yield token, extract_chunk(articles, self.nlp) if articles else []
            return
        yield from ordered(chunks, self._submit, lambda: 2 * self.processes, self._fallback)

    def _submit(self, articles: list[Article]):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.processes, multiprocessing.get_context("spawn"))
        return self._pool.submit(extract_chunk, articles)

    def _fallback(self, articles: list[Article]) -> list[DocRows]:
        if self._pool is not None and getattr(self._pool, "_broken", False):
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        return [_one(self.nlp or batch_nlp(), a) for a in articles]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine:
    """The same `extract_chunk` on a dask.distributed cluster (one model per worker).

    `scheduler` is an address (`tcp://host:8786`); without one a LocalCluster of
    `processes` single-threaded workers is started on loopback and closed afterwards.
    The workers must be able to import `pipeline` (same package installed there).
    """

    def __init__(self, scheduler: str | None = None, processes: int = 2):
        self.scheduler, self.processes = scheduler, processes
        self._client = self._cluster = None
        self._workers = 0

    @property
    def client(self):
        """Connected on first use: a run with nothing new never starts a cluster."""
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(n_workers=self.processes, threads_per_worker=1,
                                             processes=True, host="127.0.0.1",
                                             dashboard_address=None)
                self._client = Client(self._cluster)
                self._client.wait_for_workers(self.processes, timeout=120)
        return self._client

    @property
    def workers(self) -> int:
        if not self._workers:
            self._workers = max(1, sum(self.client.nthreads().values()))
        return self._workers

    def map(self, chunks: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[DocRows]]]:
        submit = lambda articles: self.client.submit(extract_chunk, articles, pure=False)  # noqa: E731
        window = lambda: 2 * self.workers  # noqa: E731
        yield from ordered(chunks, submit, window, lambda a: [_one(batch_nlp(), x) for x in a])

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def ordered(chunks: Iterable[tuple[T, list[Article]]], submit: Callable, window: Callable[[], int],
            fallback: Callable[[list[Article]], list[DocRows]]) -> Iterator[tuple[T, list[DocRows]]]:
    """Submit chunks with at most `window()` in flight; yield results in submission order.

    Chunks without articles (only skipped files) pass through without touching a worker.
    """
    pending: deque = deque()
    for token, articles in chunks:
        pending.append((token, articles, submit(articles) if articles else None))
        while pending and (pending[0][2] is None or len(pending) > window()):
            yield _result(pending.popleft(), fallback)
    while pending:
        yield _result(pending.popleft(), fallback)


def _result(entry, fallback) -> tuple:
    token, articles, future = entry
    if future is None:
        return token, []
    try:
        return token, future.result()
    except Exception:  # noqa: BLE001 - a lost worker: redo this chunk here, one by one
        return token, fallback(articles)


def make_engine(name: str = "local", processes: int | None = None, scheduler: str | None = None, nlp=None):
    """`local` or `dask` engine; `processes` defaults to every core."""
    processes = processes or default_processes()
    if name == "dask":
        return DaskEngine(scheduler, processes)
    if name != "local":
        raise ValueError(f"unknown engine {name!r} (local or dask)")
    return LocalEngine(processes, nlp)
