"""The row confidence: a calibration that says how often a row is right, and its fallback."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.facts.confidence import MODEL_FILE, predict
from pipeline.learn.calibrate import Row, fit_isotonic, fit_logistic, train
from pipeline.learn.reliability import bins, ece, is_right, pairs
from pipeline.learn.train_scorer import dumps

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Orange va investir 500 millions d'euros en Espagne d'ici 2027. Le groupe créera 300 emplois."


def _known_rows(per_level: int = 200) -> list[Row]:
    """Rows whose joint probability p is right exactly p of the time."""
    out = []
    for level in range(1, 10):
        p = level / 10
        for i in range(per_level):
            signals = {"p_amount": p, "p_investor": 1.0, "p_country": 1.0}
            out.append(Row(f"d{level}-{i}", "investment", int(i < round(p * per_level)), signals))
    return out


@pytest.mark.parametrize("fit", [fit_isotonic, fit_logistic])
@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_calibration_maps_signals_to_the_share_right(fit, p):
    model = fit(_known_rows())
    assert predict(model, {"p_amount": p, "p_investor": 1.0, "p_country": 1.0}) == pytest.approx(p, abs=0.05)


def test_calibration_same_rows_give_the_same_bytes():
    rows = _known_rows(20) + [Row("c1", "commitment", 1, {}, "jobs"), Row("c2", "commitment", 0, {}, "jobs")]
    first, second = dumps(train(rows)), dumps(train(rows))
    assert first == second
    model = json.loads(first)
    assert model["training"]["sha256"] and model["training"]["oof_ece"] is not None
    assert 0 < model["commitment"]["categories"]["jobs"] < 1


@pytest.fixture()
def rules_copy(tmp_path):
    from pipeline.learn.tuning import rules_folder

    folder = tmp_path / "models"
    shutil.copytree(ROOT / "models", folder, ignore=shutil.ignore_patterns("model-last"))
    (folder / MODEL_FILE).unlink(missing_ok=True)
    with rules_folder(folder):
        yield folder


def test_calibration_without_the_file_keeps_the_scorer_confidence(nlp, rules_copy):
    from pipeline.facts.scorer import SLOTS, load_scorer, row_confidence
    from pipeline.nlp.model import make_doc

    [fact] = [f for f in nlp(make_doc(nlp, TEXT, "2024-05"))._.facts if f.kind == "investment"]
    s = fact.signals
    probs = {slot: (s[f"p_{slot}"], s[f"margin_{slot}"]) for slot in SLOTS}
    assert fact.confidence == row_confidence(load_scorer(), s["rule_confidence"], probs)   # as before the stage


def test_calibration_file_sets_the_confidence_of_both_kinds(extract, rules_copy):
    from pipeline.learn.train_scorer import write
    from pipeline.rules.lexicon import clear_caches

    write({"investment": {"method": "isotonic", "x": [0.0, 1.0], "y": [0.77, 0.77]},
           "commitment": {"default": 0.66, "categories": {}}, "version": "t"}, rules_copy / MODEL_FILE)
    clear_caches()
    rows = extract(TEXT, "2024-05").investments
    assert {r["kind"]: r["confidence"] for r in rows} == {"investment": 0.77, "commitment": 0.66}


@pytest.mark.parametrize("text, cut_off, furniture", [
    (TEXT, 0.0, 0.0),
    ("Orange va investir 500 millions d'euros en Espagne.\nLire aussi : le cloud en Europe\n"
     "Le groupe prévoit aussi de recruter des ingénieurs dans ses centres de Madrid et", 1.0, 1 / 3),
])
def test_calibration_document_signals_tell_feed_excerpts(nlp, text, cut_off, furniture):
    from pipeline.nlp.model import make_doc

    doc = nlp(make_doc(nlp, text, "2024-05"))
    fact = next(f for f in doc._.facts if f.kind == "investment")
    assert fact.signals["doc_cut_off"] == cut_off
    assert fact.signals["doc_furniture_share"] == pytest.approx(furniture, abs=1e-3)


def test_reliability_table_of_a_tiny_set_of_rows():
    from pipeline.facts.extract import DocRows

    gold = {"d": {"investments": [{"amount_value": 5e8, "currency": "EUR", "investor": "Orange", "country": "ES"}],
                  "commitments": [{"category": "jobs"}]}}
    rows = [{"kind": "investment", "amount_value": 5e8, "amount_currency": "EUR", "investor": "Orange",
             "country": "ES", "confidence": 0.85},
            {"kind": "investment", "amount_value": 2e6, "amount_currency": "EUR", "investor": "Orange",
             "country": "ES", "confidence": 0.95},
            {"kind": "investment", "amount_value": 5e8, "amount_currency": "EUR", "investor": "Orange",
             "country": "FR", "confidence": 0.15},
            {"kind": "commitment", "category": "jobs", "confidence": 0.7}]
    scored = pairs({"d": {"rows": DocRows({}, [], rows)}}, gold)
    assert scored == [(0.85, True), (0.95, False), (0.15, False)]
    assert bins(scored, 0.5) == [{"bin": "0.0-0.5", "count": 1, "mean_confidence": 0.15, "accuracy": 0.0},
                                 {"bin": "0.5-1.0", "count": 2, "mean_confidence": 0.9, "accuracy": 0.5}]
    assert ece(scored, 0.5) == pytest.approx((0.15 + 2 * 0.4) / 3, abs=1e-4)
    assert is_right(rows[3], gold["d"]) and not is_right({**rows[3], "category": "startups"}, gold["d"])
