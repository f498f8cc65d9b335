"""The link scorer: candidates, features, training determinism, and the rules fallback."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.facts.scorer import MODEL_FILE, choose
from pipeline.learn.train_scorer import Group, dumps, train

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, investor, country", [
    ("Capgemini, filiale de Safran, investira 2 milliards d'euros en Pologne.", "Capgemini", "PL"),
    ("L'entreprise américaine Microsoft investira 3 milliards d'euros en Allemagne.", "Microsoft", "DE"),
    ("Orange va investir 500 millions d'euros en Espagne d'ici 2027.", "Orange", "ES"),
])
def test_assembly_scorer_picks_investor_and_target_country(extract, text, investor, country):
    rows = [r for r in extract(text, "2024-05").investments if r["kind"] == "investment"]
    assert [(r["investor"], r["country"]) for r in rows] == [(investor, country)]
    assert rows[0]["link_feature"]


@pytest.mark.parametrize("text, slot, values", [
    ("Capgemini, filiale de Safran, investira 2 milliards d'euros en Pologne.", "investor",
     ["Capgemini", "Safran", ""]),
    ("L'entreprise américaine Microsoft investira 3 milliards d'euros en Allemagne.", "country",
     ["US", "DE", ""]),
    ("Orange investira 500 millions d'euros en Espagne d'ici 2027.", "period", ["2027", ""]),
])
def test_assembly_candidates_of_an_amount(nlp, text, slot, values):
    from pipeline.facts.scorer import collect
    from pipeline.nlp.model import make_doc

    collect(True)
    try:
        doc = nlp(make_doc(nlp, text, "2024-05"))
    finally:
        collect(False)
    [fact] = [f for f in doc._.facts if f.kind == "investment"]
    assert sorted(c.value for c in fact.candidates[slot]) == sorted(values)


def test_assembly_subject_of_the_cue_verb_is_a_feature(nlp):
    from pipeline.facts.scorer import collect
    from pipeline.nlp.model import make_doc

    collect(True)
    try:
        doc = nlp(make_doc(nlp, "Capgemini, filiale de Safran, investira 2 milliards d'euros en Pologne.", "2024-05"))
    finally:
        collect(False)
    by_value = {c.value: c.features for c in doc._.facts[0].candidates["investor"]}
    assert by_value["Capgemini"].get("syn_subject") == 1.0
    assert not by_value["Safran"].get("syn_subject")
    country = {c.value: c.features for c in doc._.facts[0].candidates["country"]}
    assert country["PL"].get("locative") == 1.0


@pytest.mark.parametrize("scores, rule, margin, pick", [
    ([0.2, 0.6], [True, False], 0.3, 1),    # the model is sure enough: it overrides
    ([0.2, 0.6], [True, False], 0.5, 0),    # not sure enough: the rule stays
    ([0.2, 0.6], [False, False], 0.5, 1),   # no rule pick: the best one
])
def test_assembly_choose_overrides_the_rule_only_when_sure(scores, rule, margin, pick):
    assert choose(scores, rule, margin) == pick


def _groups():
    out = []
    for i in range(30):
        good = {"rule_pick": 1.0, "src_sentence": 1.0, "gap_log": 0.1 * (i % 3)}
        bad = {"src_previous": 1.0, "gap_log": 0.5 + 0.05 * (i % 4)}
        none = {"is_none": 1.0}
        for slot in ("investor", "country", "period"):
            labels = [1, 0, 0] if i % 5 else [0, 1, 0]
            out.append(Group(f"d{i}", slot, [good, bad, none], labels, 0.7, (f"d{i}", 0), ["a", "b", ""]))
    return out


def test_assembly_training_is_deterministic():
    assert dumps(train(_groups(), 1)) == dumps(train(_groups(), 1))
    model = json.loads(dumps(train(_groups(), 1)))
    assert set(model["slots"]) == {"investor", "country", "period"}
    assert model["training"]["sha256"] and model["version"] == 1


def test_assembly_without_a_model_file_the_rules_decide(tmp_path, extract):
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load
    from pipeline.io.readers import Article
    from pipeline.batch.run import process

    folder = tmp_path / "models"
    shutil.copytree(ROOT / "models", folder)
    (folder / MODEL_FILE).unlink(missing_ok=True)
    text = "Orange va investir 500 millions d'euros en Espagne d'ici 2027."
    with rules_folder(folder):
        rows = next(process([Article("t", "<test>", text, 0, "2024-05")], load())).investments
    assert [(r["investor"], r["country"], r["link_feature"]) for r in rows] == [("Orange", "ES", "rule")]
    assert "+assembly.scorer@" not in rows[0]["rule"]
