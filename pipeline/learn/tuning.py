"""Labelled samples for retraining: the tune part, the held-back part, and their scores.

- tune = `labelled/train.jsonl` + `labelled/feed-train.jsonl` + reviewed documents whose
  stable hash falls in the tune share (sha1 of the doc_id, ~80 %);
- held-back = `labelled/test.jsonl` + `labelled/feed-test.jsonl` + the other reviewed
  documents; the seeds
  (`gold/seeds.facts.jsonl`) are a separate regression guard.
A labelled test or seed document stays where it is when it is reviewed: the test split is
never tuned on, its reviews only add judged labels to the held-back score.
A reviewed document without labelled gold has partial gold (only the rows a reviewer saw):
its predictions are scored only where a reviewer judged them (`judged_sets`).

>>> in_tune("lab_test_001", 0.8) in (True, False)
True
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.learn.evaluate import FIELDS, HELD_OUT, SAME, Score, gold_sets, predicted_sets, score_document
from pipeline.io.readers import Article, article_from_record, iter_articles

REVIEWS_SUFFIX = ".reviews.jsonl"
TUNE_FILES = ("train", "feed-train")   # labelled files rules and the scorer may learn from


@dataclass(slots=True)
class Sample:
    """One labelled document: its article, gold facts, spans and review decisions."""

    article: Article
    facts: dict
    origin: str                       # train, feed-train, test, feed-test, seeds or review
    spans: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    complete: bool = True             # gold lists every fact (labelled), not only reviewed rows

    @property
    def doc_id(self) -> str:
        return self.article.doc_id


@dataclass(slots=True)
class Splits:
    tune: list[Sample]
    held: list[Sample]
    seeds: list[Sample]

    def counts(self) -> dict[str, int]:
        return {"tune": len(self.tune), "held": len(self.held), "seeds": len(self.seeds),
                "reviewed": sum(bool(s.decisions) for s in self.tune + self.held + self.seeds)}


def feed_split(doc_id: str) -> str:
    """The split of a feed-style labelled sample, fixed by its id: a third is held out.

    >>> sorted({feed_split(f"feed_{n:03d}") for n in range(1, 20)})
    ['feed-test', 'feed-train']
    """
    return "feed-test" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "feed-train"


def in_tune(doc_id: str, share: float) -> bool:
    """Whether a reviewed document belongs to the tune part (stable: sha1 of its id)."""
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 1000
    return bucket < round(share * 1000)


def _jsonl(path: Path) -> Iterator[dict]:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def _labelled(path: Path, origin: str) -> list[Sample]:
    out = []
    for number, record in enumerate(_jsonl(path), 1):
        article = article_from_record(record, str(path), f"line {number}")   # as `run` reads it
        if isinstance(article, Article):
            out.append(Sample(article, record.get("facts") or {}, origin, record.get("spans") or []))
    return out


def _seeds(corpus: Path) -> list[Sample]:
    gold = {r["doc_id"]: r for r in _jsonl(corpus / "gold" / "seeds.facts.jsonl")}
    if not (corpus / "seeds").is_dir():
        return []
    return [Sample(a, gold[a.doc_id], "seeds") for a in iter_articles([corpus / "seeds"])
            if isinstance(a, Article) and a.doc_id in gold]


def reviews(corpus: Path) -> dict[str, dict]:
    """The reviewed samples of `corpus/reviews/` by doc_id (the last line of each file)."""
    out = {}
    for path in sorted((corpus / "reviews").glob(f"*{REVIEWS_SUFFIX}")):
        records = list(_jsonl(path))
        if records and records[-1].get("decisions"):
            out[str(records[-1]["id"])] = records[-1]
    return out


def load_splits(corpus: Path, share: float = 0.8) -> Splits:
    """tune, held-back and seed samples of `corpus`, with the review decisions attached."""
    tune = [s for name in TUNE_FILES for s in _labelled(corpus / "labelled" / f"{name}.jsonl", name)]
    held = [s for name in HELD_OUT for s in _labelled(corpus / "labelled" / f"{name}.jsonl", name)]
    seeds = _seeds(corpus)
    splits = Splits(tune, held, seeds)
    known = {s.doc_id: s for s in tune + held + seeds}
    for doc_id, record in reviews(corpus).items():
        sample = known.get(doc_id)
        if sample is None:
            article = Article(doc_id, "review", record["text"], 0, record.get("published"),
                              record.get("url"), record.get("title"))
            sample = Sample(article, record.get("facts") or {}, "review",
                            record.get("spans") or [], complete=False)
            (tune if in_tune(doc_id, share) else held).append(sample)
        sample.decisions = record["decisions"]
    return splits


def judged_sets(sample: Sample) -> dict[str, set]:
    """Values a reviewer saw in a partially labelled document: the rows as extracted
    (accepted, corrected or rejected) and as kept."""
    from pipeline.review.samples import sample_facts

    seen = [{**d, "decision": "accept", "fields": {}} for d in sample.decisions if d.get("original")]
    judged = gold_sets(sample_facts(seen, sample.article.published))
    for name, values in gold_sets(sample.facts).items():
        judged[name] |= values
    return judged


def _only_judged(pred: dict[str, set], judged: dict[str, set]) -> dict[str, set]:
    same = lambda f: SAME.get(f, lambda a, b: a == b)  # noqa: E731
    return {f: {p for p in values if any(same(f)(j, p) for j in judged[f])}
            for f, values in pred.items()}


def score_samples(samples: Iterable[Sample], rows_by_doc: dict) -> dict[str, Score]:
    """Totals per field of already processed samples (`rows_by_doc`: doc_id -> DocRows)."""
    totals = {f: Score() for f in FIELDS}
    for sample in samples:
        rows = rows_by_doc.get(sample.doc_id)
        if rows is None:
            continue
        pred = predicted_sets(rows.mentions, rows.investments, rows.document)
        if not sample.complete:
            pred = _only_judged(pred, judged_sets(sample))
        for name, score in score_document(gold_sets(sample.facts), pred).items():
            totals[name].add(score)
    return totals


def process_samples(samples: Iterable[Sample], nlp) -> dict:
    """DocRows of every sample by doc_id (one pass of the pipeline)."""
    from pipeline.batch.run import process

    return {rows.document["doc_id"]: rows for rows in process([s.article for s in samples], nlp)}


@contextlib.contextmanager
def rules_folder(path: Path) -> Iterator[None]:
    """Use the rules of `path` in this process (`INVEST_MODELS`), then restore the old ones."""
    from pipeline.rules.lexicon import clear_caches

    old = os.environ.get("INVEST_MODELS")
    os.environ["INVEST_MODELS"] = str(path)
    clear_caches()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("INVEST_MODELS", None)
        else:
            os.environ["INVEST_MODELS"] = old
        clear_caches()


def evaluate_folder(models: Path, splits: Splits, which=("held", "seeds")) -> dict[str, dict[str, Score]]:
    """Per-field scores of the rules in `models` on the named parts of `splits` (`scores_by_split`)."""
    from pipeline.nlp.model import load

    with rules_folder(models):
        nlp = load()
        samples = [s for name in which for s in getattr(splits, name)]
        return scores_by_split(splits, process_samples(samples, nlp), which)


def scores_by_split(splits: Splits, rows_by_doc: dict, which=("held", "seeds")) -> dict[str, dict[str, Score]]:
    """Per-field scores of processed samples on the named parts of `splits`; the held-back part
    also per labelled split ("held:test", "held:feed-test"), so that a gate sees a drop on one
    split that a gain on the other would hide in the pooled scores."""
    out = {name: score_samples(getattr(splits, name), rows_by_doc) for name in which}
    if "held" in which:
        for origin in sorted({s.origin for s in splits.held} & set(HELD_OUT)):
            out[f"held:{origin}"] = score_samples([s for s in splits.held if s.origin == origin], rows_by_doc)
    return out
