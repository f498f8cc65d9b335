"""Incremental runs: only new or changed documents are processed, outputs stay whole."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch import run as batch
from pipeline.io.table import TABLES, read_table

ARTICLES = {
    "a.txt": "date 2024-02 Microsoft va investir 2,1 milliards de dollars en Espagne d'ici 2025.",
    "b.txt": "date 2024-03 Amazon investira 1,2 milliard d'euros en Allemagne, à Francfort.",
}
FEED = [
    {"id": "f1", "text": "Google investit 500 millions d'euros en France.", "published": "2024-04-01"},
    {"id": "f2", "text": "Nvidia annonce 2 milliards de dollars au Japon.", "published": "2024-04-02"},
]


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in FEED), encoding="utf-8")
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture
def corpus(tmp_path):
    return _corpus(tmp_path / "in")


def test_batch_rerun_with_nothing_new_processes_nothing_and_keeps_files(nlp, corpus, tmp_path):
    out = tmp_path / "out"
    first = batch.run([corpus], out, nlp=nlp)
    before = _outputs(out)
    second = batch.run([corpus], out, nlp=nlp)
    assert (first.processed, first.skipped) == (4, 0)
    assert (second.processed, second.skipped, second.written) == (0, 4, False)
    assert _outputs(out) == before
    assert {f"{n}.{ext}" for n in TABLES for ext in ("csv", "parquet")} == set(before)


def test_batch_changed_and_new_documents_are_merged(nlp, corpus, tmp_path):
    out = tmp_path / "out"
    batch.run([corpus], out, nlp=nlp)
    (corpus / "b.txt").write_text("date 2024-03 Amazon investira 3 milliards d'euros en Allemagne.", encoding="utf-8")
    (corpus / "c.txt").write_text("date 2024-05 Meta investit 800 millions d'euros en Irlande.", encoding="utf-8")
    lines = (corpus / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "feed.jsonl").write_text(lines[0] + "\n", encoding="utf-8")   # f2 removed
    summary = batch.run([corpus], out, nlp=nlp)
    assert (summary.processed, summary.skipped) == (2, 2)
    docs = read_table(out, "documents")
    assert sorted(docs.doc_id) == ["a", "b", "c", "f1"]
    amounts = set(read_table(out, "investments").amount_value)
    assert "3000000000" in amounts and "1200000000" not in amounts


def test_batch_other_folders_stay_in_the_outputs(nlp, tmp_path):
    out = tmp_path / "out"
    day1, day2 = tmp_path / "d1", tmp_path / "d2"
    day1.mkdir(), day2.mkdir()
    (day1 / "a.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    (day2 / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    batch.run([day1], out, nlp=nlp)
    summary = batch.run([day2], out, nlp=nlp)
    assert summary.processed == 1
    assert sorted(read_table(out, "documents").doc_id) == ["a", "b"]


def test_batch_new_rules_version_reprocesses_everything(nlp, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    batch.run([corpus], out, nlp=nlp)
    monkeypatch.setattr(batch, "pipeline_version", lambda: "rules 999")
    summary = batch.run([corpus], out, nlp=nlp)
    assert (summary.processed, summary.skipped, summary.written) == (4, 0, True)


def test_batch_same_input_gives_byte_identical_files(nlp, corpus, tmp_path):
    batch.run([corpus], tmp_path / "o1", nlp=nlp)
    batch.run([corpus], tmp_path / "o2", nlp=nlp, chunk=1)
    batch.run([corpus], tmp_path / "o2", nlp=nlp, full=True)
    assert _outputs(tmp_path / "o1") == _outputs(tmp_path / "o2")


def test_batch_interrupted_run_keeps_outputs_and_resumes(nlp, corpus, tmp_path):
    out, clean = tmp_path / "out", tmp_path / "clean"
    batch.run([corpus / "a.txt"], out, nlp=nlp)
    before = _outputs(out)
    seen = []

    def interrupt(rows):
        seen.append(rows.document["doc_id"])
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run([corpus], out, nlp=nlp, on_document=interrupt, chunk=1)
    assert _outputs(out) == before, "previous outputs must stay whole"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    resumed = batch.run([corpus], out, nlp=nlp)
    assert resumed.skipped >= 2 and resumed.processed + resumed.skipped == 4
    batch.run([corpus], clean, nlp=nlp)
    assert _outputs(out) == _outputs(clean)


def test_batch_seeds_give_one_microsoft_spain_event(nlp, tmp_path):
    seeds = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
    out = tmp_path / "out"
    batch.run([seeds], out, nlp=nlp)
    events = read_table(out, "events")
    spain = events[(events.investor == "Microsoft") & (events.country == "ES")]
    assert len(spain) == 1
    assert spain.iloc[0].source_count == "2"
    assert "USD" in spain.iloc[0].figures and "EUR" in spain.iloc[0].figures


def test_batch_version_follows_every_rules_file(tmp_path, monkeypatch):
    import shutil

    from pipeline.rules.lexicon import PACKAGE_MODELS
    from pipeline.batch.state import pipeline_version

    rules = tmp_path / "models"
    shutil.copytree(PACKAGE_MODELS, rules)
    monkeypatch.setenv("INVEST_MODELS", str(rules))
    before = pipeline_version()
    assert pipeline_version() == before
    gazetteer = next(p for p in sorted(rules.rglob("*.json")))
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pipeline_version() != before
