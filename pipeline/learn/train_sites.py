"""Train the site model (`models/assembly/sites.json`) on the tune samples only.

1. Run the pipeline over the tune samples (train, feed-train, tune reviews) with candidate
   collection on (`pipeline.facts.site_status.collect`), without a site model in use:
   every city or region mention, with its features and the rules' SITE verdict.
2. Label: the place's canonical name is a gold site of its document (the evaluation's
   site match).
3. The amount model's recipe (`train_amounts`): a logistic regression over standardized
   features, with a stronger L2 penalty (`C`: the cue features are many and sparse), 5 folds
   grouped by document for out-of-fold probabilities, the keep / add thresholds with the
   best out-of-fold F1 over distinct places of a document (as the evaluation counts sites), plain JSON with sorted keys and rounded floats: same samples -> same bytes.

`keep_if_no_worse` writes it only when no field's F1 drops on the held-back splits and the
seeds (`python -m pipeline train-amounts`, `make retrain`).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.facts.site_status import MODEL_FILE, collect, collected
from pipeline.learn.evaluate import SAME
from pipeline.learn.train_amounts import by_amount, decisions, fit, out_of_fold, prf, rules_free
from pipeline.learn.train_scorer import reliability

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 17))   # 0.10 ... 0.80
C = 0.1   # ~100 sparse cue features on ~900 places: C=1 overfits (out-of-fold log loss 0.37 -> 0.33)


def candidates(samples, nlp) -> list[tuple]:
    """(doc_id, features, label, rules' SITE verdict, place name) of every candidate place."""
    from pipeline.nlp.model import make_doc

    same = SAME["sites"]
    collect(True)
    try:
        out = []
        for s in samples:
            a = s.article
            nlp(make_doc(nlp, a.text, a.published, a.body_start))
            gold = list(s.facts.get("sites", []))
            for place, features, rule_site in collected():
                label = int(any(same(g, place.value) for g in gold))
                out.append((s.doc_id, features, label, int(rule_site), place.value))
        return out
    finally:
        collect(False)


def train(rows) -> dict:
    """The site model (JSON-ready) trained on candidate `rows`."""
    probs = out_of_fold(rows, C)
    threshold, add = best_pair(rows, probs)
    model = fit(rows, C)
    blob = json.dumps([[r[0], r[1], r[2]] for r in rows], sort_keys=True)
    training = {"sha256": hashlib.sha256(blob.encode("utf-8")).hexdigest(), "candidates": len(rows),
                "positives": sum(r[2] for r in rows), "documents": len({r[0] for r in rows}),
                "cv": prf(by_amount(rows, decisions(rows, probs, (threshold, add)))),
                "rules": prf(by_amount(rows, [r[3] for r in rows])),
                "reliability_cv": reliability([(p, r[2]) for p, r in zip(probs, rows)])}
    content = hashlib.sha256(json.dumps([model, threshold, add], sort_keys=True).encode("utf-8")).hexdigest()
    return {**model, "version": content[:8], "kind": "logistic_regression", "C": C,
            "threshold": threshold, "add_threshold": add, "training": training}


def best_pair(rows, probs: list[float]) -> tuple[float, float]:
    """(keep, add): a place the rules call a site stays unless its out-of-fold probability is
    under `keep`; another place becomes a site from `add` on. The pair with the best
    out-of-fold F1 over distinct places (the lowest among ties): the rules are a strong
    prior, so keeping wants less evidence than adding."""
    pairs = [(keep, add) for keep in THRESHOLDS for add in THRESHOLDS if add >= keep]
    scored = [(prf(by_amount(rows, decisions(rows, probs, pair)))["f1"], -pair[0], -pair[1]) for pair in pairs]
    best = max(scored)
    return -best[1], -best[2]


def train_on(splits, models: Path) -> dict:
    """Train on `splits.tune` with the rules of `models`, no site model in use."""
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load

    with rules_free(models, MODEL_FILE) as plain, rules_folder(plain):
        return train(candidates(splits.tune, load()))


def keep_if_no_worse(corpus: Path, models: Path, console, splits=None, dry_run: bool = False) -> bool:
    """Train the site model, write it only if no field drops on held-back splits and seeds."""
    from pipeline.learn.train_amounts import gate
    from pipeline.learn.tuning import load_splits

    splits = splits or load_splits(corpus)
    model = train_on(splits, models)
    console.print(f"site model {model['version']}: cv {model['training']['cv']} "
                  f"(rules {model['training']['rules']}), threshold {model['threshold']}")
    return gate("site", MODEL_FILE, model, models, splits, console, dry_run)


__all__ = ["candidates", "keep_if_no_worse", "train", "train_on"]
