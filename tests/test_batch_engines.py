"""Engines give the same rows whatever runs them: in-process, 2 processes, a Dask cluster."""
from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from pipeline.batch import engines
from pipeline.batch import run as batch
from pipeline.io.readers import Article, iter_articles

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory):
    """Outputs of the seeds, in-process with the full session model."""
    out = tmp_path_factory.mktemp("ref")
    batch.run([SEEDS], out, nlp=nlp)
    return _outputs(out)


def test_batch_engines_excluded_pipes_change_no_row(seed_rows, monkeypatch):
    """tok2vec, morphologizer and attribute_ruler are left out because no row needs them."""
    import pipeline.nlp.model

    monkeypatch.setattr(pipeline.nlp.model, "EXCLUDED", ["parser", "lemmatizer"])
    full_nlp = pipeline.nlp.model.load()
    assert "morphologizer" in full_nlp.pipe_names
    articles = [a for a in iter_articles([SEEDS]) if isinstance(a, Article)]
    for rows in engines.extract_chunk(articles, full_nlp):
        lean = seed_rows[rows.document["doc_id"]]
        assert (rows.document, rows.mentions, rows.investments) == (lean.document, lean.mentions, lean.investments)


def test_batch_engines_two_processes_match_one(reference, tmp_path):
    out = tmp_path / "out"
    summary = batch.run([SEEDS], out, processes=2, chunk=2)
    assert summary.processed == 5
    assert _outputs(out) == reference


def test_batch_engines_dask_cluster_matches_local(reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        out = tmp_path / "out"
        summary = batch.run([SEEDS], out, engine="dask", scheduler=cluster.scheduler_address, chunk=2)
    assert summary.processed == 5
    assert _outputs(out) == reference


class _Failing(Future):
    def __init__(self):
        super().__init__()
        self.set_exception(RuntimeError("worker lost"))


def _done(value) -> Future:
    future = Future()
    future.set_result(value)
    return future


def test_batch_engines_results_come_back_in_input_order_and_lost_chunks_are_redone():
    chunks = [(i, [f"a{i}"] if i % 3 else []) for i in range(10)]

    def submit(articles):
        return _Failing() if articles == ["a4"] else _done([f"rows of {articles[0]}"])

    got = list(engines.ordered(chunks, submit, lambda: 3, lambda articles: [f"redone {articles[0]}"]))
    assert [token for token, _ in got] == list(range(10))
    assert dict(got)[4] == ["redone a4"] and dict(got)[5] == ["rows of a5"] and dict(got)[3] == []


def test_batch_engines_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        engines.make_engine("spark")
