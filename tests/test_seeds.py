"""The five seed articles give the facts of their gold file (corpus/gold/seeds.facts.jsonl)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.learn.evaluate import evaluate_split, f1

ROOT = Path(__file__).resolve().parent.parent

THRESHOLDS = {"people": 0.95, "countries": 0.95, "sites": 0.95, "amounts": 0.95, "links": 0.95,
              "commitments": 0.8}


@pytest.fixture(scope="module")
def seed_scores(nlp):
    totals, details = evaluate_split("seeds", ROOT / "corpus", nlp)
    return totals, details


@pytest.mark.parametrize("field, minimum", sorted(THRESHOLDS.items()))
def test_seeds_field_f1_reaches_the_bar(seed_scores, field, minimum):
    totals, _ = seed_scores
    assert f1(totals[field]) >= minimum, totals[field]


def test_seeds_have_no_spurious_investment_rows(seed_scores):
    totals, _ = seed_scores
    assert totals["amounts"].fp == 0


@pytest.mark.parametrize("doc_id, investor, country, value, currency, period", [
    ("000_ff6c954e90904668", "Microsoft", "ES", "2100000000", "USD", ("2024", "2025")),
    ("001_14ab959632479485", "Microsoft", "ES", "1900000000", "EUR", ("2024", "2026")),
    ("001_14ab959632479485", "Microsoft", "DE", "3200000000", "EUR", ("", "")),
    ("002_6c9814ce4a1dd87c", "Microsoft", "FR", "4000000000", "EUR", ("", "2027")),
])
def test_seeds_investment_rows(seed_rows, doc_id, investor, country, value, currency, period):
    rows = [r for r in seed_rows[doc_id].investments
            if r["kind"] == "investment" and r["amount_value"] == value]
    assert len(rows) == 1
    row = rows[0]
    assert (row["investor"], row["country"], row["amount_currency"]) == (investor, country, currency)
    assert (row.get("period_start") or "", row.get("period_end") or "") == period
    assert row["amount_eur"] and row["fx_rate"] is not None
    if currency != "EUR":
        assert row["fx_date"] and row["amount_eur"] != value


def test_seeds_evidence_offsets_point_into_the_article(seed_rows):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus" / "seeds").glob("*.txt")}
    for doc_id, rows in seed_rows.items():
        for row in rows.investments:
            assert texts[doc_id][row["start"]:row["end"]] == row["evidence"]
        for mention in rows.mentions:
            assert texts[doc_id][mention["start"]:mention["end"]] == mention["text"]


def test_seeds_people_have_canonical_names_and_roles(seed_rows):
    people = {(m["value"], m["role"]) for m in seed_rows["000_ff6c954e90904668"].mentions
              if m["label"] == "PERSON"}
    assert ("Brad Smith", "président de Microsoft") in people
    assert ("Pedro Sánchez", "chef du gouvernement espagnol") in people
    obama = {m["value"] for m in seed_rows["003_5886c8d7f0b609f9"].mentions if m["label"] == "PERSON"}
    assert "Barack Obama" in obama


def test_seeds_summit_venue_and_speech_city_are_places_not_sites(seed_rows):
    def labels(doc_id, value):
        return {m["label"] for m in seed_rows[doc_id].mentions if m["value"] == value}
    assert labels("002_6c9814ce4a1dd87c", "Versailles") == {"PLACE"}
    assert labels("003_5886c8d7f0b609f9", "Bruxelles") == {"PLACE"}
    assert "SITE" in labels("002_6c9814ce4a1dd87c", "Mulhouse")


def test_seeds_training_commitment_has_quantity_and_deadline(seed_rows):
    rows = [r for r in seed_rows["002_6c9814ce4a1dd87c"].investments
            if r["kind"] == "commitment" and r["category"] == "training" and r.get("target_value")]
    assert rows and rows[0]["target_value"] == "1000000" and rows[0]["target_unit"] == "people"
    assert rows[0]["period_end"] == "2027"
