"""Fit the row-confidence calibration (`models/assembly/confidence.json`) on out-of-fold rows.

The rows come from `pipeline.learn.crossfit`: every row the pipeline produced on a tune
document with models that never saw that document, with its signals (`Fact.signals`) and
whether it is right (`pipeline.learn.reliability.is_right`). Then:

- investments: two maps are compared by a second cross-validation over the same document
  folds, on log-loss (a proper score; the ECE of ~150 rows is noisy) and ECE:
  `logistic` (Platt scaling over `pipeline.facts.confidence.features`: logits of the model
  probabilities, margins, rule confidence, document signals; lbfgs, each C of `CS`) and
  `isotonic` (a monotone step map of the joint probability `confidence.score`). The one
  with the lowest out-of-fold log-loss is fitted on all rows and kept (on the first
  corpus: Platt with a strong penalty; the isotonic steps overfit ~120 rows);
- commitments (no model: a rule confidence only): the share right per category, smoothed
  towards the share right of all commitments by `SMOOTHING` pseudo-rows.
Written as plain JSON, sorted keys, rounded floats: same rows -> same bytes.

>>> round(log_loss([(0.5, 1), (0.5, 0)]), 4)
0.6931
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field

from pipeline.facts.confidence import commitment_probability, features, predict, score
from pipeline.learn.reliability import bins, ece

FOLDS = 5
CS = (0.03, 0.1, 0.3, 1.0)    # Platt regularization tried (smaller: closer to the base rate)
SMOOTHING = 5.0
METHODS = tuple(f"logistic:C={c}" for c in CS) + ("isotonic",)
BOUNDS = (0.02, 0.98)   # an isotonic step never says 0 or 1 on ~150 rows


@dataclass(slots=True)
class Row:
    """One out-of-fold row: its document, kind, signals, and whether it is right."""

    doc_id: str
    kind: str
    right: int
    signals: dict = field(default_factory=dict)
    category: str = ""
    confidence: float = 0.0


def fold_of(doc_id: str) -> int:
    """The document's fold (sha1 of its id, as the amount and scorer training folds)."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def log_loss(pairs: list[tuple[float, int]]) -> float:
    clip = lambda p: min(1 - 1e-6, max(1e-6, p))  # noqa: E731
    return sum(-math.log(clip(p)) if y else -math.log(1 - clip(p)) for p, y in pairs) / max(1, len(pairs))


def _round(values) -> list[float]:
    return [round(float(v), 6) for v in values]


def _constant(rows: list[Row]) -> dict:
    share = (sum(r.right for r in rows) + 0.5) / (len(rows) + 1)
    return {"method": "logistic", "features": [], "mean": [], "scale": [], "coef": [],
            "intercept": round(math.log(share / (1 - share)), 6)}


def fit_logistic(rows: list[Row], c: float = 0.1) -> dict:
    """Platt scaling over the row features (standardized), as JSON-ready coefficients."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len({r.right for r in rows}) < 2:
        return _constant(rows)
    feats = [features(r.signals) for r in rows]
    names = sorted({n for f in feats for n in f})
    x = np.array([[f.get(n, 0.0) for n in names] for f in feats], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-3] = 1.0
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000).fit((x - mean) / scale, [r.right for r in rows])
    return {"method": "logistic", "C": c, "features": names, "mean": _round(mean), "scale": _round(scale),
            "coef": _round(model.coef_[0]), "intercept": round(float(model.intercept_[0]), 6)}


def fit_isotonic(rows: list[Row]) -> dict:
    """A monotone map of the joint probability (`confidence.score`): its breakpoints."""
    from sklearn.isotonic import IsotonicRegression

    if len({r.right for r in rows}) < 2:
        share = _constant(rows)["intercept"]
        p = round(1 / (1 + math.exp(-share)), 6)
        return {"method": "isotonic", "x": [0.0, 1.0], "y": [p, p]}
    iso = IsotonicRegression(y_min=BOUNDS[0], y_max=BOUNDS[1], out_of_bounds="clip")
    iso.fit([score(r.signals) for r in rows], [r.right for r in rows])
    return {"method": "isotonic", "x": _round(iso.X_thresholds_), "y": _round(iso.y_thresholds_)}


def fit(rows: list[Row], method: str) -> dict:
    """The map named `method`: "isotonic" or "logistic:C=<c>"."""
    if method == "isotonic":
        return fit_isotonic(rows)
    return fit_logistic(rows, float(method.split("=")[1]))


def out_of_fold(rows: list[Row], method: str) -> list[tuple[float, int]]:
    """(calibrated probability, right) of every row, each from a map fitted on the other folds."""
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        inside = [i for i, r in enumerate(rows) if fold_of(r.doc_id) == fold]
        if not inside:
            continue
        model = fit([r for r in rows if fold_of(r.doc_id) != fold] or rows, method)
        for i in inside:
            probs[i] = predict(model, rows[i].signals)
    return [(p, r.right) for p, r in zip(probs, rows)]


def measures(pairs: list[tuple[float, int]]) -> dict[str, float]:
    return {"log_loss": round(log_loss(pairs), 4), "ece": ece(pairs)}


def fit_commitments(rows: list[Row]) -> dict:
    """Smoothed share right per commitment category."""
    prior = (sum(r.right for r in rows) + 1) / (len(rows) + 2)
    cats: dict[str, list[int]] = {}
    for r in rows:
        cats.setdefault(r.category, []).append(r.right)
    return {"default": round(prior, 4),
            "categories": {c: round((sum(v) + SMOOTHING * prior) / (len(v) + SMOOTHING), 4)
                           for c, v in sorted(cats.items())}}


def _commitment_oof(rows: list[Row]) -> list[tuple[float, int]]:
    out = []
    for fold in range(FOLDS):
        model = fit_commitments([r for r in rows if fold_of(r.doc_id) != fold])
        out += [(commitment_probability(model, r.category), r.right) for r in rows if fold_of(r.doc_id) == fold]
    return out


def data_sha256(rows: list[Row]) -> str:
    blob = json.dumps([[r.doc_id, r.kind, r.category, r.signals, r.right] for r in rows], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def train(rows: list[Row]) -> dict:
    """The calibration (JSON-ready) of out-of-fold `rows`."""
    inv = [r for r in rows if r.kind == "investment"]
    com = [r for r in rows if r.kind == "commitment"]
    oof = {m: out_of_fold(inv, m) for m in METHODS} if inv else {}
    scores = {m: measures(pairs) for m, pairs in oof.items()}
    chosen = min(METHODS, key=lambda m: (scores[m]["log_loss"], m)) if inv else ""
    com_oof = _commitment_oof(com) if com else []
    training = {"sha256": data_sha256(rows), "rows": len(rows), "investments": len(inv),
                "investments_right": sum(r.right for r in inv), "commitments": len(com),
                "documents": len({r.doc_id for r in rows}), "folds": FOLDS, "method": chosen,
                "oof": scores, "oof_ece": scores.get(chosen, {}).get("ece"),
                "before_ece": ece([(r.confidence, r.right) for r in inv]),
                "commitments_oof": measures(com_oof) if com else {},
                "reliability_oof": bins(oof[chosen], 0.1) if inv else []}
    model = {"investment": fit(inv, chosen) if inv else {}, "commitment": fit_commitments(com) if com else {}}
    content = hashlib.sha256(json.dumps(model, sort_keys=True).encode("utf-8")).hexdigest()
    return {**model, "version": content[:8], "smoothing": SMOOTHING, "training": training}


__all__ = ["Row", "fit_isotonic", "fit_logistic", "fold_of", "train"]
