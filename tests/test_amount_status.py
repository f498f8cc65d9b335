"""The amount model (`models/assembly/amounts.json`): which amounts become investments.

With the model: earlier plans, cumulative totals and denied rumours are no investments;
the current plan is. Without the model file, the rules decide exactly as before. Training
on the same samples writes the same bytes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.learn.tuning import rules_folder

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assembly" / "amounts.json"
needs_model = pytest.mark.skipif(not MODEL.exists(), reason="no trained amount model")


def amounts(rows) -> set[float]:
    return {float(r["amount_value"]) for r in rows.investments if r["kind"] == "investment"}


@needs_model
@pytest.mark.parametrize("text, expected", [
    ("Après les 800 millions d'euros investis en 2019 dans son site de Lyon, Capgemini investira "
     "2 milliards d'euros en France d'ici 2027, a annoncé le groupe.", {2e9}),
    ("Microsoft investit 4 milliards d'euros en France, portant à 10 milliards d'euros le total "
     "investi dans le pays depuis 2015.", {4e9}),
    pytest.param("Selon des sources proches du dossier, Amazon investirait 5 milliards d'euros en Italie. "
                 "Le groupe dément fermement cette information, qu'il juge fantaisiste.", set(),
                 marks=pytest.mark.xfail(strict=True, reason="too few denied rumours in the tune splits: "
                                                             "the rumour features carry little weight yet")),
    # "une vingtaine de petits centres" counts facilities, not the investors of a summit
    ("Au menu ce matin : l'Espagne et la Suisse.\nTelefónica Tech investira 300 millions d'euros d'ici 2027 "
     "pour déployer une vingtaine de petits centres de données de proximité en Espagne.", {3e8}),
])
def test_amount_status_keeps_only_current_investments(extract, text, expected):
    assert amounts(extract(text, "2025-05-12")) == expected


@needs_model
def test_amount_status_names_the_model_and_its_deciding_feature(extract):
    rows = extract("Capgemini va investir 2 milliards d'euros en France d'ici 2027.", "2025-05-12")
    row = next(r for r in rows.investments if r["kind"] == "investment")
    assert "assembly.amounts@" in row["rule"]
    assert row["amount_feature"] not in ("", "rule")


@pytest.mark.parametrize("text, expected", [
    ("Capgemini va investir 2 milliards d'euros en France d'ici 2027.", {2e9}),
    ("Capgemini avait investi 800 millions d'euros en 2019 à Lyon.", set()),
])
def test_amount_status_without_model_file_the_rules_decide(nlp, tmp_path, text, expected):
    from pipeline.batch.run import process
    from pipeline.io.readers import Article
    from pipeline.nlp.model import load

    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns("model-last", "amounts.json"))
    with rules_folder(models):
        rows = next(process([Article("t", "<test>", text, 0, "2025-05-12")], load()))
    assert amounts(rows) == expected
    assert all(r["amount_feature"] == "rule" and "assembly.amounts" not in r["rule"]
               for r in rows.investments if r["kind"] == "investment")


def test_amount_status_training_is_deterministic(nlp):
    """Same candidates -> same model bytes (fixed solver, sorted keys, rounded floats)."""
    from pipeline.learn.train_amounts import dumps, train

    rows = [(f"d{i}", {"rule_accepts": float(i % 2), "total@clause": float(i % 3 == 0),
                       "future@left": float(i % 4 == 1)}, int(i % 2 and i % 3), i % 2) for i in range(40)]
    first, second = dumps(train(rows)), dumps(train(list(rows)))
    assert first == second
    assert '"threshold"' in first and '"sha256"' in first
