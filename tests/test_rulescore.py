"""Rule scores (pipeline.learn.rulescore) and what a retrain learns from them (pipeline.learn.lessons).

No spaCy here: votes, rows and decisions are written by hand, so each table says which
case it covers.
"""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from pipeline.learn.lessons import Form, Thresholds, learned_entries, review_forms, rule_updates, smoothed
from pipeline.io.readers import Article
from pipeline.learn.rulescore import Vote, _judge_by_decision, row_votes, rule_scores
from pipeline.learn.tuning import Sample, in_tune

V = Vote


def scores_of(votes: list[Vote]) -> dict[tuple, dict]:
    return {(r["rule"], r["field"]): r for r in rule_scores(votes).to_dict("records")}


# (case, votes, rule, expected columns)
SCORE_CASES = [
    ("alone and right", [V("d", "amounts", (1,), "investment", "a", True)], "a",
     {"fires": 1, "correct": 1, "precision": 1.0, "unique_correct": 1, "overlaps": 0, "conflicts": 0}),
    ("two rules agree: overlap, not unique", [V("d", "amounts", (1,), "investment", "a", True),
                                              V("d", "amounts", (1,), "investment", "b", True)], "a",
     {"unique_correct": 0, "overlaps": 1, "conflicts": 0}),
    ("opposite votes: conflict", [V("d", "amount_cues", (5,), "investment", "a", False),
                                  V("d", "amount_cues", (5,), "not_investment", "b", True)], "a",
     {"wrong": 1, "precision": 0.0, "conflicts": 1, "overlaps": 0}),
    ("unjudged votes count as fires, not in precision",
     [V("d", "orgs", ("x",), "X", "a", None), V("d", "orgs", ("y",), "Y", "a", True),
      V("e", "orgs", ("z",), "Z", "a", False)], "a",
     {"fires": 3, "docs": 2, "unjudged": 1, "precision": 0.5}),
    ("same key in another document is no overlap", [V("d", "amounts", (1,), "investment", "a", True),
                                                    V("e", "amounts", (1,), "investment", "b", True)], "a",
     {"overlaps": 0, "unique_correct": 1}),
]


@pytest.mark.parametrize("case,votes,rule,expected", SCORE_CASES, ids=[c[0] for c in SCORE_CASES])
def test_rulescore_counts(case, votes, rule, expected):
    row = scores_of(votes)[(rule, votes[0].field)]
    assert {k: row[k] for k in expected} == expected


def test_rulescore_lists_wrong_examples_with_document_and_evidence():
    votes = [V("doc7", "amounts", (1,), "investment", "a", False, "22 milliards", "Un chiffre d'affaires de 22 milliards.")]
    row = scores_of(votes)[("a", "amounts")]
    assert row["wrong_examples"] == "doc7: '22 milliards' in \"Un chiffre d'affaires de 22 milliards.\""


# (case, decision, field, expected judgement)
DECISION_CASES = [
    ("accept", {"decision": "accept"}, "amounts", True),
    ("reject: not an investment", {"decision": "reject"}, "amounts", False),
    ("reject says nothing of the investor", {"decision": "reject"}, "investors", None),
    ("corrected investor: investor wrong", {"decision": "correct", "fields": {"investor": "B"},
                                            "original": {"investor": "A"}}, "investors", False),
    ("corrected investor: amount right", {"decision": "correct", "fields": {"investor": "B"},
                                          "original": {"investor": "A"}}, "amounts", True),
    ("same value re-typed is no correction", {"decision": "correct", "fields": {"country": "FR"},
                                              "original": {"country": "FR"}}, "links", True),
]


@pytest.mark.parametrize("case,decision,field,expected", DECISION_CASES, ids=[c[0] for c in DECISION_CASES])
def test_rulescore_judges_rows_by_review_decision(case, decision, field, expected):
    assert _judge_by_decision(decision, field) is expected


def _sample(facts: dict, decisions=(), complete=True) -> Sample:
    return Sample(Article("d", "t", "text", 0, "2025-01"), facts, "train", [], list(decisions), complete)


def _row(rule: str, amount: str, investor: str = "", row_id: str = "r") -> dict:
    return {"row_id": row_id, "kind": "investment", "rule": rule, "amount_value": amount,
            "amount_currency": "EUR", "investor": investor, "evidence": "...", "amount_text": amount}


def test_rulescore_marks_a_revenue_row_wrong_against_gold():
    facts = {"investments": [{"amount_value": 2e9, "currency": "EUR", "investor": "Atos"}]}
    rows = SimpleNamespace(investments=[_row("invest.bad", "20000000000", "Atos", "r1"),
                                        _row("invest.verb", "2000000000", "Atos", "r2")])
    votes = {(v.rule, v.field): v.correct for v in row_votes(_sample(facts), rows)}
    assert votes == {("invest.bad", "amounts"): False, ("invest.bad", "investors"): None,
                     ("invest.verb", "amounts"): True, ("invest.verb", "investors"): True}


def test_rulescore_reviewed_rows_follow_decisions_and_others_stay_unjudged():
    decisions = [{"row_id": "r1", "decision": "reject", "original": {}}]
    rows = SimpleNamespace(investments=[_row("invest.bad", "5", row_id="r1"), _row("invest.verb", "7", row_id="r2")])
    votes = {v.rule: v.correct for v in row_votes(_sample({}, decisions, complete=False), rows)
             if v.field == "amounts"}
    assert votes == {"invest.bad": False, "invest.verb": None}


def test_tuning_hash_split_is_stable_and_near_the_share():
    ids = [f"doc{i}" for i in range(1000)]
    share = sum(in_tune(i, 0.8) for i in ids) / len(ids)
    assert 0.75 < share < 0.85 and [in_tune(i, 0.8) for i in ids[:20]] == [in_tune(i, 0.8) for i in ids[:20]]


# (case, correct, wrong, action, confidence)
UPDATE_CASES = [
    ("precise rule is calibrated", 9, 1, "calibrate", smoothed(9, 10)),
    ("imprecise rule with enough firings is disabled", 1, 4, "disable", smoothed(1, 5)),
    ("imprecise rule with too few firings is only calibrated", 0, 2, "calibrate", smoothed(0, 2)),
    ("middling rule gets a lowered confidence", 3, 2, "lower", 0.5),
]


@pytest.mark.parametrize("case,correct,wrong,action,confidence", UPDATE_CASES, ids=[c[0] for c in UPDATE_CASES])
def test_learn_rule_updates(case, correct, wrong, action, confidence):
    scores = pd.DataFrame([{"rule": "invest.x", "field": "amounts", "correct": correct, "wrong": wrong}])
    weights, actions = rule_updates(scores, {"investment_cues": [{"id": "invest.x"}]}, {}, Thresholds(0.5, 3, 0.7))
    assert actions.iloc[0]["action"] == action
    assert weights["invest.x"]["confidence"] == confidence
    assert weights["invest.x"]["enabled"] is (action != "disable")


def test_learn_rule_updates_leave_unscored_rules_as_they_were():
    current = {"invest.y": {"enabled": False, "confidence": 0.1}}
    scores = pd.DataFrame(columns=["rule", "field", "correct", "wrong"])
    weights, actions = rule_updates(scores, {"investment_cues": [{"id": "invest.y"}]}, current, Thresholds())
    assert weights == current and actions.empty


KNOWN = {"org.apple": {"id": "org.apple", "name": "Apple", "aliases": ["Apple Inc."],
                       "periphrases": ["firme de Cupertino"], "kind": "org"},
         "org.atos": {"id": "org.atos", "name": "Atos", "aliases": [], "kind": "org"}}


def form(kind: str, text: str, value: str) -> Form:
    return Form(kind, text, value, "d", "r", "ana", "2025-01-01T00:00:00Z")


# (case, form, file, entry id, key, learned form or None, note prefix)
FORM_CASES = [
    ("new company from a periphrasis", form("org", "la firme de Gotham", "Wayne Enterprises"), "orgs",
     "org.learned.wayne_enterprises", "periphrases", "firme de Gotham", "learned"),
    ("alias of a known company", form("org", "Pomme Corp", "Apple"), "orgs", "org.apple", "aliases",
     "Pomme Corp", "learned"),
    ("a form already known is skipped", form("org", "la firme de Cupertino", "Apple"), "orgs", None, None,
     None, "known"),
    ("a form naming another entry is refused", form("org", "Atos", "Apple"), "orgs", None, None, None, "refused"),
    ("new site alias", form("site", "Gotham City", "Gotham"), "sites", "site.learned.gotham", "aliases",
     "Gotham City", "learned"),
]


@pytest.mark.parametrize("case,found,file,entry_id,key,learned,note", FORM_CASES, ids=[c[0] for c in FORM_CASES])
def test_learn_forms_become_gazetteer_entries(case, found, file, entry_id, key, learned, note):
    out, notes = learned_entries([found], {k: dict(v) for k, v in KNOWN.items()}, {})
    assert notes[0].startswith(note)
    if entry_id is None:
        assert out == {}
    else:
        entry = next(e for e in out[file] if e["id"] == entry_id)
        assert entry[key] == [learned] and entry["source"] == "review"


def test_learn_review_forms_from_corrections_and_selections():
    text = "Wayne Corp et la firme de Gotham investissent à Gotham."
    decisions = [
        {"row_id": "r1", "decision": "correct", "fields": {"investor": "Wayne Enterprises"},
         "original": {"investor": "Wayne Corp"}},
        {"row_id": "r2", "decision": "correct", "fields": {"investor": "Wayne Enterprises"},
         "original": {"investor": "Not In Text"}},
        {"row_id": "r3", "decision": "correct", "fields": {"investor": "Wayne Corp"},   # another org picked
         "original": {"investor": "Gotham"}},
        {"row_id": "a1", "decision": "add", "fields": {"label": "SITE", "text": "Gotham", "value": "Gotham City",
                                                       "start": 48, "end": 54}},
    ]
    sample = Sample(Article("d", "t", text, 0), {}, "review", [], decisions, False)
    found = {(f.kind, f.form, f.value) for f in review_forms([sample])}
    assert found == {("org", "Wayne Corp", "Wayne Enterprises"), ("site", "Gotham", "Gotham City")}
