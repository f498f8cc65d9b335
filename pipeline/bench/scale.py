"""`make bench` at scale: peak memory and throughput of `run` at 10,000 and 100,000 documents.

The machine has 2 cores and the full pipeline does about 100 documents/s, so 100,000 full
documents take ~17 minutes: more than a bench run may. What is measured instead, on one flat
folder of N generated files (`corpus_gen`), each size in a fresh output folder:

- `batch`: the whole batch (streamed walk, reading, hashing, incremental state, the four
  tables assembled and written) with the NLP replaced by a replay of real rows: the rows of
  `TEMPLATES` articles, made once by the real pipeline, handed back for every article
  under its own ids. Same rows per document as the real pipeline, none of its NLP cost:
  this is what grows with N, so it shows whether memory and documents/s stay flat.
- `full`: the real pipeline (`processes` workers) over the same folder for at most
  `budget` seconds, then interrupted like a Ctrl-C (it keeps every stored document): its
  documents/s and peak memory while it streams through the big folder, and how long
  until the first document is stored.

>>> replayed(DocRows({"doc_id": "t", "source": "s"}, [{"doc_id": "t", "label": "ORG", "start": 1, "end": 3}],
...                   [{"doc_id": "t", "kind": "investment", "start": 4}]),
...          Article("gen_1", "x/gen_1.txt", "abc")).investments[0]["doc_id"]
'gen_1'
"""
from __future__ import annotations

import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.batch.engines import LocalEngine, extract_chunk
from pipeline.batch.run import run
from pipeline.bench.benchmark import PeakMemory, warm_engine
from pipeline.bench.corpus_gen import write_corpus
from pipeline.facts.extract import DocRows
from pipeline.io.readers import Article, iter_articles
from pipeline.io.table import row_id

TEMPLATES = 200
Line = Callable[[str], None]


def replayed(template: DocRows, article: Article) -> DocRows:
    """`template`'s rows as if they came from `article` (its doc_id, source and hash)."""
    doc_id = article.doc_id
    document = {**template.document, "doc_id": doc_id, "source": article.source,
                "sha256": article.sha256, "chars": len(article.text)}
    mentions = [{**m, "doc_id": doc_id, "mention_id": row_id(doc_id, m.get("label"), m.get("start"), m.get("end"))}
                for m in template.mentions]
    facts = [{**r, "doc_id": doc_id, "row_id": row_id(doc_id, r.get("kind"), r.get("start"))}
             for r in template.investments]
    return DocRows(document, mentions, facts)


class ReplayEngine:
    """An engine (`pipeline.batch.engines` protocol) that replays real rows, no NLP."""

    workers = 1

    def __init__(self, templates: list[DocRows]):
        self.templates = templates

    def map(self, chunks: Iterable[tuple[object, list[Article]]]) -> Iterator[tuple[object, list[DocRows]]]:
        for block, articles in chunks:
            yield block, [replayed(self.templates[zlib.crc32(a.doc_id.encode()) % len(self.templates)], a)
                          for a in articles]

    def close(self) -> None:
        pass


def flat_corpus(workdir: Path, n: int) -> Path:
    """`workdir`/flat_N: N generated articles in ONE folder (made once, kept)."""
    folder = workdir / f"flat_{n}"
    if not (folder / f"gen_{n - 1:06d}.txt").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder.parent / f".tmp_flat_{n}", n, per_folder=n)
        (folder.parent / f".tmp_flat_{n}" / "0000").rename(folder)
        shutil.rmtree(folder.parent / f".tmp_flat_{n}", ignore_errors=True)
    return folder


def templates(folder: Path) -> list[DocRows]:
    """Rows of the first `TEMPLATES` articles of `folder`, by the real pipeline."""
    articles = []
    for item in iter_articles([folder]):
        if isinstance(item, Article):
            articles.append(item)
        if len(articles) == TEMPLATES:
            break
    return extract_chunk(articles)


def batch_run(folder: Path, out: Path, engine) -> tuple[float, float, object]:
    """(seconds, peak MB, summary) of a complete run from an empty state."""
    shutil.rmtree(out, ignore_errors=True)
    with PeakMemory() as memory:
        started = time.perf_counter()
        summary = run([folder], out, engine=engine, full=True)
        seconds = time.perf_counter() - started
    return seconds, memory.mb, summary


def full_run(folder: Path, out: Path, processes: int, budget: float) -> tuple[float, float, int, float, bool]:
    """(seconds, peak MB, documents stored, seconds to the first, finished) of the real
    pipeline over `folder`, interrupted once `budget` seconds have passed."""
    shutil.rmtree(out, ignore_errors=True)
    engine = warm_engine(processes)
    stored: list[float] = []
    started = time.perf_counter()

    def stop_at_budget(rows) -> None:
        stored.append(time.perf_counter() - started)
        if stored[-1] > budget:
            raise KeyboardInterrupt

    finished = True
    with PeakMemory() as memory:
        try:
            run([folder], out, engine=engine, full=True, on_document=stop_at_budget)
        except KeyboardInterrupt:
            finished = False
    seconds = time.perf_counter() - started if finished else stored[-1]
    return seconds, memory.mb, len(stored), stored[0] if stored else float("nan"), finished


def main(sizes: list[int], processes: int, workdir: Path, budget: float, say: Line = print) -> None:
    folders = {n: flat_corpus(workdir, n) for n in sorted(sizes)}
    say(f"scale: one flat folder per size ({', '.join(f'{n:,}' for n in folders)} files), {workdir}")
    engine = ReplayEngine(templates(folders[min(folders)]))
    rows = sum(len(t.mentions) + len(t.investments) for t in engine.templates) / len(engine.templates)
    for n, folder in folders.items():
        seconds, mb, summary = batch_run(folder, workdir / f"out_scale_{n}", engine)
        say(f"batch, NLP replayed {n:>8,} docs  {n / seconds:7.0f} docs/s  peak {mb:6.0f} MB  "
            f"({seconds:.1f} s, {summary.processed:,} processed, {sum(summary.rows.values()):,} rows "
            f"written, {rows:.0f} rows/doc as the real pipeline)")
    for n, folder in folders.items():
        seconds, mb, done, first, finished = full_run(folder, workdir / f"out_full_{n}", processes, budget)
        how = "all, tables written" if finished else f"stopped at the {budget:.0f} s budget"
        say(f"full pipeline       {n:>8,} docs  {done / seconds:7.1f} docs/s  peak {mb:6.0f} MB  "
            f"({done:,} documents in {seconds:.0f} s, {how}; {processes} processes; "
            f"first document stored after {first:.1f} s)")
