"""Review decisions store: atomic labelled samples, concurrent writers, re-runs, export."""
from __future__ import annotations

import doctest
import json
import os
import threading

import pandas as pd
import pytest

from pipeline.io import atomic
from pipeline.review import fixture, highlight, output, samples, store, views
from pipeline.review.fixture import write_fixture
from pipeline.review.output import Output
from pipeline.review.samples import FieldError, clean_fields
from pipeline.review.store import EXPORT_COLUMNS, ReviewStore, StoreError, safe_doc_id
from pipeline.io.table import INVESTMENT_COLUMNS, frame, write_table


@pytest.fixture
def folders(tmp_path):
    """(output_dir, corpus_dir) of the hand-made fixture."""
    return write_fixture(tmp_path)


@pytest.fixture
def tables(folders):
    return Output(*folders)


@pytest.fixture
def reviews(folders):
    return ReviewStore(folders[1] / "reviews", reviewer="ana")


def article(tables: Output, doc_id: str) -> dict:
    text = tables.article(doc_id)
    return {"id": doc_id, "text": text.text, "published": text.published}


def decide(reviews: ReviewStore, tables: Output, row: dict, decision: str, **fields) -> dict:
    return reviews.decide(article(tables, row["doc_id"]), row["row_id"], decision, fields, row)


@pytest.mark.parametrize("module", [samples, store, highlight, output, fixture, views])
def test_review_store_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_review_store_writes_one_labelled_sample_per_document(tables, reviews):
    first, commitment = tables.rows[0], tables.rows[1]
    decide(reviews, tables, first, "accept")
    decide(reviews, tables, commitment, "correct", target_value="2000000")
    path = reviews.path("fx_001")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    sample = json.loads(lines[0])
    assert sample["id"] == "fx_001" and sample["split"] == "review"
    assert sample["text"] == tables.article("fx_001").text and sample["published"] == "2024-05"
    assert [d["row_id"] for d in sample["decisions"]] == [first["row_id"], commitment["row_id"]]
    decision = sample["decisions"][1]
    assert set(decision) == {"row_id", "decision", "fields", "original", "rule", "reviewer", "time"}
    assert decision["fields"] == {"target_value": "2000000"}
    assert decision["original"]["target_value"] == "1000000" and decision["rule"] == "commit.training"
    assert decision["time"].endswith("Z") and decision["reviewer"] == "ana"
    facts = sample["facts"]
    assert facts["investments"] == [{
        "investor": "Microsoft", "country": "FR", "amount_value": 4000000000, "currency": "EUR",
        "amount_kind": "exact", "amount_max": None, "period_start": None, "period_end": "2027",
        "sites": ["Mulhouse"]}]
    assert facts["commitments"] == [{"category": "training", "value": 2000000, "unit": "people",
                                     "year": "2027", "country": "FR"}]
    assert (facts["people"], facts["orgs"], facts["countries"], facts["sites"]) == (
        ["Brad Smith"], ["Microsoft"], ["FR"], ["Mulhouse"])
    assert facts["published"] == "2024-05" and sample["spans"] == []


def test_review_store_newer_decision_replaces_older_and_keeps_history(tables, reviews):
    row = tables.rows[0]
    decide(reviews, tables, row, "accept")
    decide(reviews, tables, row, "reject")
    sample = reviews.load("fx_001")
    assert [d["decision"] for d in sample["decisions"]] == ["reject"]
    assert [d["decision"] for d in sample["history"]] == ["accept"]
    assert sample["facts"]["investments"] == [] and sample["facts"]["orgs"] == []
    assert reviews.decisions()[row["row_id"]]["decision"] == "reject"


def test_review_store_write_is_atomic(tables, reviews, monkeypatch):
    row = tables.rows[0]
    decide(reviews, tables, row, "accept")
    before = reviews.path("fx_001").read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError):
        decide(reviews, tables, row, "reject")
    assert reviews.path("fx_001").read_bytes() == before
    assert sorted(p.name for p in reviews.dir.iterdir()) == [".lock", "fx_001.reviews.jsonl"]


def test_review_store_concurrent_writers_lose_nothing(tables, folders):
    """Two 'tabs' (two store objects), four threads each, 25 decisions per thread, one file."""
    tabs = [ReviewStore(folders[1] / "reviews", reviewer=f"tab{i}") for i in range(2)]
    text = article(tables, "fx_001")
    row = tables.rows[0]

    def work(tab: ReviewStore, worker: int) -> None:
        for n in range(25):
            tab.decide(text, f"{tab.reviewer}-{worker}-{n}", "accept", {}, row)

    threads = [threading.Thread(target=work, args=(tab, w)) for tab in tabs for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sample = json.loads(tabs[0].path("fx_001").read_text(encoding="utf-8"))
    assert len(sample["decisions"]) == 200 == len({d["row_id"] for d in sample["decisions"]})
    assert len(tabs[1].decisions()) == 200


def test_review_store_rerun_keeps_review_state_by_row_id(folders, tables, reviews):
    """The pipeline runs again: rows move, a new row appears; decisions follow the row_id."""
    accepted, rejected = tables.rows[0], tables.rows[2]
    decide(reviews, tables, accepted, "accept")
    decide(reviews, tables, rejected, "reject")
    new_row = {**tables.rows[3], "row_id": "0000000000000000", "doc_id": "fx_000"}
    rows = [new_row] + list(reversed(tables.rows))
    rerun = pd.DataFrame(rows, columns=list(INVESTMENT_COLUMNS))
    write_table(rerun, folders[0], "investments")
    os.utime(folders[0] / "investments.csv", ns=(1, 1))       # a different stamp, surely
    tables.refresh()
    assert tables.rows[0]["row_id"] == "0000000000000000"
    decisions = reviews.decisions()
    states = {r["row_id"]: decisions.get(r["row_id"], {}).get("decision") for r in tables.rows}
    assert states[accepted["row_id"]] == "accept" and states[rejected["row_id"]] == "reject"
    assert states["0000000000000000"] is None
    exported = reviews.export_frame(tables.investments)
    assert exported["row_id"].tolist() == [accepted["row_id"]]


def test_review_store_export_applies_corrections(tables, reviews):
    invest, commitment, google, evil = tables.rows
    decide(reviews, tables, invest, "accept")
    decide(reviews, tables, commitment, "reject")
    decide(reviews, tables, google, "correct", amount_value="1200000000", amount_currency="EUR")
    text = article(tables, "fx_002")
    start = text["text"].index("Allemagne")
    reviews.decide(text, "added1", "add", {"start": start, "end": start + 9, "text": "Allemagne",
                                           "label": "COUNTRY", "value": "DE", "kind": "investment",
                                           "investor": "Google", "country": "DE"}, {}, "review.add")
    exported = reviews.export_frame(tables.investments)
    assert tuple(exported.columns) == EXPORT_COLUMNS
    assert tuple(exported.columns[:len(INVESTMENT_COLUMNS)]) == INVESTMENT_COLUMNS
    assert exported["row_id"].tolist() == [invest["row_id"], google["row_id"], "added1"]
    assert exported["review_status"].tolist() == ["accept", "correct", "add"]
    corrected = exported.iloc[1]
    assert (corrected["amount_value"], corrected["amount_currency"]) == ("1200000000", "EUR")
    assert corrected["amount_eur"] == "1200000000"
    assert corrected["amount_text"] == "1 milliard de dollars"     # what the text says, kept
    added = exported.iloc[2]
    assert (added["doc_id"], added["evidence"], added["rule"]) == ("fx_002", "Allemagne", "review.add")
    assert reviews.load("fx_002")["spans"] == [
        {"start": start, "end": start + 9, "label": "COUNTRY", "value": "DE", "text": "Allemagne"}]
    csv_text = reviews.export_csv(tables.investments)
    assert csv_text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    assert "Evil" not in csv_text


@pytest.mark.parametrize("doc_id", ["../etc/passwd", "..", ".hidden", "a/b", "", "a\\..\\b", "x" * 300])
def test_review_store_refuses_unsafe_doc_ids(reviews, doc_id):
    with pytest.raises(ValueError):
        reviews.path(doc_id)


@pytest.mark.parametrize("doc_id", ["lab_train_007", "000_ff6c954e90904668", "train:3", "été-2024"])
def test_review_store_accepts_doc_ids(doc_id):
    assert safe_doc_id(doc_id) == doc_id


def test_review_store_corrupt_file_is_an_error_not_a_loss(tables, reviews):
    reviews.dir.mkdir(parents=True)
    reviews.path("fx_001").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable reviews file"):
        decide(reviews, tables, tables.rows[0], "accept")
    assert reviews.path("fx_001").read_text(encoding="utf-8") == "{not json"


CLEAN_CASES = [
    ({"amount_value": "1 200 000 000"}, {"amount_value": "1200000000"}),
    ({"amount_value": "2,5"}, {"amount_value": "2.5"}),
    ({"amount_value": ""}, {"amount_value": ""}),
    ({"amount_currency": "usd", "country": "de"}, {"amount_currency": "USD", "country": "DE"}),
    ({"people": "Brad Smith ;; Satya Nadella;Brad Smith"}, {"people": "Brad Smith;Satya Nadella"}),
    ({"category": "training", "period_end": "2030"}, {"category": "training", "period_end": "2030"}),
    ({"investor": "  Microsoft  France "}, {"investor": "Microsoft France"}),
]
CLEAN_ERRORS = [
    {"amount_value": "quatre milliards"}, {"amount_value": "-5"}, {"amount_currency": "euro"},
    {"country": "France"}, {"period_start": "l'an prochain"}, {"category": "cloud"},
    {"amount_kind": "about"}, {"investor": "x" * 400},
]


@pytest.mark.parametrize("raw, expected", CLEAN_CASES)
def test_review_store_clean_fields(raw, expected):
    assert clean_fields(raw) == expected


@pytest.mark.parametrize("raw", CLEAN_ERRORS)
def test_review_store_clean_fields_refuses(raw):
    with pytest.raises(FieldError):
        clean_fields(raw)


def test_review_store_reviews_are_not_read_as_articles(tables, reviews, folders):
    from pipeline.io.readers import iter_paths

    decide(reviews, tables, tables.rows[0], "accept")
    assert all(not p.name.endswith(".reviews.jsonl") for p in iter_paths([folders[1]]))


def test_review_store_empty_output_exports_header_only(tmp_path):
    write_table(frame("investments", []), tmp_path, "investments")
    exported = ReviewStore(tmp_path / "reviews").export_csv(pd.read_csv(tmp_path / "investments.csv"))
    assert exported == ",".join(EXPORT_COLUMNS) + "\n"
