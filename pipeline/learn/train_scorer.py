"""Train the link scorer (`models/assembly/scorer.json`) on the tune samples only.

1. Run the pipeline over the tune samples (train, feed-train, tune reviews) with candidate
   collection on: every investment fact keeps its candidates and their features.
2. Label each candidate from the gold investment with the same amount (`amount_key`):
   investor by `same_org`, country by code, period by end year; the "none" candidate is
   right when the gold slot is empty. Facts whose amount is not a gold investment teach
   nothing about links (no candidate is right: the slot models skip them) but teach the
   row confidence (such a row is wrong).
3. Per slot a logistic regression (scikit-learn, fixed solver and C, no randomness) on
   standardized features; out-of-fold picks (grouped by document) measure it, and feed
   the row-confidence calibration (a logistic regression of "the row is right" on the
   picks' probabilities and margins): fitted on cross-validated predictions, never on a
   held-out split.
4. Written as plain JSON with sorted keys and rounded floats: same samples -> same bytes.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.facts.scorer import SLOTS, choose, confidence_features, probability
from pipeline.learn.evaluate import amount_key, norm, same_org

VERSION_KEY = "version"
FOLDS = 5
C = 1.0


@dataclass(slots=True)
class Group:
    """The candidates of one slot of one fact, with their labels."""

    doc_id: str
    slot: str
    features: list[dict[str, float]]
    labels: list[int]
    rule_confidence: float = 0.5
    row: tuple = field(default=())      # (doc_id, amount start): ties the slots of one fact
    values: list[str] = field(default_factory=list)


def _gold_investments(facts: dict) -> dict[tuple, dict]:
    return {amount_key(i.get("amount_value"), i.get("currency")): i for i in facts.get("investments", [])}


def _label(slot: str, value: str, gold: dict) -> int:
    want = {"investor": gold.get("investor"), "country": gold.get("country"),
            "period": gold.get("period_end")}[slot]
    want = "" if want in (None, "") else str(want)
    if value == "" or want == "":
        return int(value == want)
    if slot == "investor":
        return int(same_org(want, value) or norm(want) == norm(value))
    return int(value == want)


def groups_of(doc_id: str, facts: Iterable, gold_facts: dict) -> list[Group]:
    gold = _gold_investments(gold_facts)
    out = []
    for fact in facts:
        if fact.kind != "investment" or not fact.candidates or fact.amount is None:
            continue
        g = gold.get(amount_key(fact.amount.obj.value, fact.amount.obj.currency))
        for slot in SLOTS:   # an amount that is no gold investment: every pick is wrong
            cands = fact.candidates[slot]
            out.append(Group(doc_id, slot, [c.features for c in cands],
                             [_label(slot, c.value, g) if g else 0 for c in cands], fact.confidence,
                             (doc_id, fact.amount.start), [c.value for c in cands]))
    return out


def collect_groups(samples, nlp) -> list[Group]:
    """Candidate groups of every tune sample (the pipeline runs with collection on)."""
    from pipeline.facts.scorer import collect
    from pipeline.nlp.model import make_doc

    collect(True)
    try:
        out = []
        for s in samples:
            a = s.article
            doc = nlp(make_doc(nlp, a.text, a.published, a.body_start))
            out += groups_of(s.doc_id, doc._.facts or [], s.facts)
        return out
    finally:
        collect(False)


def _names(groups: list[Group]) -> list[str]:
    return sorted({n for g in groups for f in g.features for n in f})


def _matrix(groups: list[Group], names: list[str]):
    import numpy as np

    rows = [[f.get(n, 0.0) for n in names] for g in groups for f in g.features]
    labels = [y for g in groups for y in g.labels]
    return np.array(rows, dtype=float), np.array(labels, dtype=int)


def fit_slot(groups: list[Group], c: float = C) -> dict:
    """A logistic regression over the candidates of `groups` (inverse L2 strength `c`), as a
    JSON-ready dict."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    groups = [g for g in groups if any(g.labels)]   # the right value is no candidate: no lesson
    names = _names(groups)
    x, y = _matrix(groups, names)
    if len(set(y.tolist())) < 2:   # nothing to learn from (a tiny corpus): every feature weighs 0
        return {"features": names, "mean": [0.0] * len(names), "scale": [1.0] * len(names),
                "coef": [0.0] * len(names), "intercept": 0.0}
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-3] = 1.0
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
    model.fit((x - mean) / scale, y)
    return {"features": names, "mean": _round(mean), "scale": _round(scale),
            "coef": _round(model.coef_[0]), "intercept": round(float(model.intercept_[0]), 6)}


def _round(values) -> list[float]:
    return [round(float(v), 6) for v in values]


def _fold(doc_id: str) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def cross_validated(groups: list[Group]) -> dict[int, tuple[float, float, int]]:
    """Out-of-fold (probability of the pick, margin, pick is right) per group index."""
    out = {}
    for fold in range(FOLDS):
        train = [g for g in groups if _fold(g.doc_id) != fold]
        for slot in SLOTS:
            model = fit_slot([g for g in train if g.slot == slot])
            model["override_margin"] = tune_margin([g for g in train if g.slot == slot])
            for i, g in enumerate(groups):
                if g.slot == slot and _fold(g.doc_id) == fold:
                    out[i] = _pick(model, g)
    return out


def _pick(model: dict, group: Group) -> tuple[float, float, int]:
    """(probability of the pick, its margin over the runner-up, whether it is right)."""
    scores = [probability(model, f) for f in group.features]
    best = choose(scores, [bool(f.get("rule_pick")) for f in group.features], model.get("override_margin", 0.0))
    others = [s for i, s in enumerate(scores) if i != best]
    return scores[best], scores[best] - max(others, default=0.0), group.labels[best]


MIN_GAIN = 2      # picks the model must win over the rule, out of fold, to override it
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01)


def tune_margin(groups: list[Group]) -> float:
    """How much more likely than the rule's pick a candidate must be to replace it: the
    margin with the best out-of-fold accuracy, if it beats the rule alone by `MIN_GAIN`
    picks (else the rule always stays: margin 1.01)."""
    scored = []
    for fold in range(FOLDS):
        model = fit_slot([g for g in groups if _fold(g.doc_id) != fold])
        for g in (g for g in groups if _fold(g.doc_id) == fold):
            scored.append((g, [probability(model, f) for f in g.features]))
    right = {margin: sum(g.labels[choose(s, [bool(f.get("rule_pick")) for f in g.features], margin)]
                         for g, s in scored) for margin in MARGINS}
    best = (right[MARGINS[-1]] + MIN_GAIN, MARGINS[-1])    # the rule alone, plus the gain asked for
    for margin in MARGINS:
        best = max(best, (right[margin], margin))
    return best[1]


def fit_confidence(groups: list[Group], oof: dict[int, tuple[float, float, int]]) -> tuple[dict, list]:
    """Calibration of the row confidence on out-of-fold picks; also its (p, right) pairs."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows: dict[tuple, dict] = {}
    for i, g in enumerate(groups):
        entry = rows.setdefault(g.row, {"probs": {}, "right": True, "rule": g.rule_confidence})
        p, margin, right = oof[i]
        entry["probs"][g.slot] = (p, margin)
        if g.slot in ("investor", "country"):
            entry["right"] = entry["right"] and bool(right)
    feats = [confidence_features(e["rule"], e["probs"]) for _, e in sorted(rows.items())]
    labels = [int(e["right"]) for _, e in sorted(rows.items())]
    names = sorted({n for f in feats for n in f})
    if len(set(labels)) < 2:
        return {}, []
    x = np.array([[f.get(n, 0.0) for n in names] for f in feats])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-3] = 1.0
    if len(set(labels)) < 2:
        return {}, []
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000).fit((x - mean) / scale, labels)
    calib = {"features": names, "mean": _round(mean), "scale": _round(scale),
             "coef": _round(model.coef_[0]), "intercept": round(float(model.intercept_[0]), 6)}
    pairs = [(probability(calib, f), y) for f, y in zip(feats, labels)]
    return calib, pairs


def data_sha256(groups: list[Group]) -> str:
    blob = json.dumps([[g.doc_id, g.slot, g.features, g.labels] for g in groups], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def train(groups: list[Group], version: int) -> dict:
    """The scorer model (JSON-ready) trained on `groups`."""
    oof = cross_validated(groups)
    slots = {slot: fit_slot([g for g in groups if g.slot == slot]) for slot in SLOTS}
    for slot, model in slots.items():
        model["override_margin"] = tune_margin([g for g in groups if g.slot == slot])
    calib, pairs = fit_confidence(groups, oof)
    cv = {}
    for slot in SLOTS:
        picks = [oof[i][2] for i, g in enumerate(groups) if g.slot == slot]
        rules = [int(any(y and f.get("rule_pick") for f, y in zip(g.features, g.labels)))
                 for g in groups if g.slot == slot]
        cv[slot] = {"groups": len(picks), "cv_accuracy": round(sum(picks) / max(1, len(picks)), 4),
                    "rule_accuracy": round(sum(rules) / max(1, len(rules)), 4)}
    return {VERSION_KEY: version, "kind": "logistic_regression", "C": C, "folds": FOLDS,
            "slots": slots, "confidence": calib, "training": {
                "sha256": data_sha256(groups), "groups": len(groups), "cv": cv,
                "reliability_cv": reliability(pairs)}}


def reliability(pairs: list[tuple[float, int]], bins: int = 5) -> list[dict]:
    """Per confidence bin: count, mean confidence, share right.

    >>> reliability([(0.9, 1), (0.85, 0), (0.1, 0)], bins=2)[1]
    {'bin': '0.5-1.0', 'count': 2, 'mean_confidence': 0.875, 'accuracy': 0.5}
    """
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "count": len(inside),
                        "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                        "accuracy": round(sum(y for _, y in inside) / len(inside), 3)})
    return out


def dumps(model: dict) -> str:
    """Deterministic JSON text of a model."""
    return json.dumps(model, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write(model: dict, path: Path) -> None:
    from pipeline.io.atomic import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dumps(model).encode("utf-8"))


def retrain_scorer(splits, models: Path, candidate: Path) -> bool:
    """Train a scorer on the tune samples with the rules of `models`; write it into the
    `candidate` folder. Returns whether it differs from the current one."""
    from pipeline.facts.scorer import MODEL_FILE
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load

    current = models / MODEL_FILE
    old = json.loads(current.read_text(encoding="utf-8")) if current.exists() else {}
    with rules_folder(models):
        groups = collect_groups(splits.tune, load())
    same_data = old.get("training", {}).get("sha256") == data_sha256(groups)
    model = train(groups, int(old.get(VERSION_KEY, 0)) + (0 if same_data else 1))
    write(model, candidate / MODEL_FILE)
    return dumps(model) != (current.read_text(encoding="utf-8") if current.exists() else "")
