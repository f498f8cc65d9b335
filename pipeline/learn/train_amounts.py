"""Train the amount-status model (`models/assembly/amounts.json`) on the tune samples only.

1. Run the pipeline over the tune samples (train, feed-train, tune reviews) with candidate
   collection on (`pipeline.facts.amount_status.collect`), without any amount model in use:
   every amount the investment rules consider, with its features and the rules' verdict.
2. Label: the amount is a gold investment of its document (`amount_key` of value and
   currency; a range by its low bound, as the gold).
3. A logistic regression over standardized features (`train_scorer.fit_slot`: fixed solver
   and C, no randomness); 5 folds grouped by document give out-of-fold probabilities, the
   threshold with the best out-of-fold F1, and the cross-validated scores.
4. Plain JSON, sorted keys, rounded floats (`train_scorer.dumps`): same samples -> same bytes.

`keep_if_no_worse` writes it only when no field's F1 drops on the held-back splits and the
seeds (`make retrain`, `python -m pipeline train-amounts`).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.facts.amount_status import MODEL_FILE, collect, collected
from pipeline.facts.scorer import probability
from pipeline.learn.evaluate import amount_key
from pipeline.learn.train_scorer import Group, dumps, fit_slot, reliability, write

FOLDS = 5
C = 0.1   # ~120 sparse features on ~1 400 amounts; out-of-fold F1 0.9402 at C=1, 0.9418 at 0.3, 0.9442 at 0.1
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(4, 17))   # 0.20 ... 0.80
TIE = 0.005   # out-of-fold F1 differences below this are noise (one amount in ~200)


def candidates(samples, nlp) -> list[tuple]:
    """(doc_id, features, label, rules accept, amount key) of every candidate amount of `samples`."""
    from pipeline.nlp.model import make_doc

    collect(True)
    try:
        out = []
        for s in samples:
            a = s.article
            nlp(make_doc(nlp, a.text, a.published, a.body_start))
            gold = {amount_key(i.get("amount_value"), i.get("currency")) for i in s.facts.get("investments", [])}
            for amount, features, accepted in collected():
                key = amount_key(amount.obj.value, amount.obj.currency)
                out.append((s.doc_id, features, int(key in gold), int(accepted), key))
        return out
    finally:
        collect(False)


def _fold(doc_id: str) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def fit(rows, c: float = C) -> dict:
    """The logistic regression of `rows` (all in one group: negatives-only documents count)."""
    return fit_slot([Group("all", "amount", [r[1] for r in rows], [r[2] for r in rows])], c)


def prf(pairs: list[tuple[int, int]]) -> dict[str, float]:
    """Precision, recall, F1 of (predicted, gold) pairs.

    >>> prf([(1, 1), (1, 0), (0, 1), (0, 0)])
    {'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    tp = sum(1 for p, y in pairs if p and y)
    fp = sum(1 for p, y in pairs if p and not y)
    fn = sum(1 for p, y in pairs if not p and y)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def out_of_fold(rows, c: float = C) -> list[float]:
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        model = fit([r for r in rows if _fold(r[0]) != fold], c)
        for i, r in enumerate(rows):
            if _fold(r[0]) == fold:
                probs[i] = probability(model, r[1])
    return probs


def decisions(rows, probs: list[float], thresholds: tuple[float, float]) -> list[int]:
    """Kept or not: an amount the rules accept stays unless its probability is under the
    first threshold; one they reject is added when it reaches the second."""
    return [int(p >= thresholds[0] if r[3] else p >= thresholds[1]) for p, r in zip(probs, rows)]


def by_amount(rows, kept: list[int]) -> list[tuple[int, int]]:
    """(kept, gold) per distinct amount of a document, as the evaluation counts them: an
    amount is kept when one of its mentions is."""
    out: dict[tuple, list[int]] = {}
    for r, k in zip(rows, kept):
        entry = out.setdefault((r[0], r[4] if len(r) > 4 else id(r)), [0, r[2]])
        entry[0] |= k
    return [tuple(v) for v in out.values()]


def best_thresholds(rows, probs: list[float]) -> tuple[float, float]:
    """One threshold for keeping and adding: the best out-of-fold F1 over distinct amounts.
    The F1 curve is flat over a wide range (within a few thousandths from 0.3 to 0.65 on the
    tune splits), so the folds do not tell those thresholds apart: among the ones within
    `TIE` of the best, the one nearest 0.5, the decision boundary of a logistic model, wins
    (then the lowest). Separate keep / add thresholds were tried: they fit the folds, lose
    on held-back."""
    scored = {t: prf(by_amount(rows, decisions(rows, probs, (t, t))))["f1"] for t in THRESHOLDS}
    top = max(scored.values())
    best = min((t for t, f1 in scored.items() if f1 >= top - TIE), key=lambda t: (abs(t - 0.5), t))
    return best, best


def data_sha256(rows) -> str:
    blob = json.dumps([[r[0], r[1], r[2]] for r in rows], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def train(rows) -> dict:
    """The amount model (JSON-ready) trained on candidate `rows`."""
    probs = out_of_fold(rows)
    keep, add = best_thresholds(rows, probs)
    model = fit(rows)
    sha = data_sha256(rows)
    training = {"sha256": sha, "candidates": len(rows), "positives": sum(r[2] for r in rows),
                "documents": len({r[0] for r in rows}), "folds": FOLDS,
                "cv": prf(by_amount(rows, decisions(rows, probs, (keep, add)))),
                "rules": prf(by_amount(rows, [r[3] for r in rows])),
                "reliability_cv": reliability([(p, r[2]) for p, r in zip(probs, rows)])}
    content = hashlib.sha256(json.dumps([model, keep, add], sort_keys=True).encode("utf-8")).hexdigest()
    return {**model, "version": content[:8], "kind": "logistic_regression", "C": C,
            "threshold": keep, "add_threshold": add, "training": training}


@contextmanager
def rules_free(models: Path, *model_files: str) -> Iterator[Path]:
    """A temporary copy of the rules folder `models` without the given trained model files."""
    with tempfile.TemporaryDirectory(prefix="invest-models-") as tmp:
        plain = Path(tmp) / "models"
        shutil.copytree(models, plain, ignore=shutil.ignore_patterns("model-last", ".model-best.new"))
        for name in model_files:
            (plain / name).unlink(missing_ok=True)
        yield plain


def train_on(splits, models: Path) -> dict:
    """Train on `splits.tune` with the rules of `models`, no amount model in use."""
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load

    with rules_free(models, MODEL_FILE) as plain, rules_folder(plain):
        return train(candidates(splits.tune, load()))


def gate(name: str, model_file: str, model: dict, models: Path, splits, console, dry_run: bool = False) -> bool:
    """Compare held-back (each split) and seeds with the current rules folder (its current
    model, or the rules alone when it has none) and with `model`; write it if no field drops."""
    from pipeline.learn.retrain import before_after_table, verdict
    from pipeline.learn.tuning import evaluate_folder

    had_model = (models / model_file).exists()
    with rules_free(models) as current, rules_free(models) as with_model:
        write(model, with_model / model_file)
        before, after = evaluate_folder(current, splits), evaluate_folder(with_model, splits)
    against = "the current model" if had_model else "rules alone"
    console.print(before_after_table(before, after, f"{name} model vs {against}"))
    reasons = verdict(before, after, 0.0)
    if reasons:
        console.print(f"[red]{name} model rejected[/red]: " + "; ".join(reasons))
        return False
    if not dry_run:
        write(model, models / model_file)
        console.print(f"[green]{name} model kept[/green]: wrote {model_file}")
    return True


def keep_if_no_worse(corpus: Path, models: Path, console, splits=None, dry_run: bool = False) -> bool:
    """Train, compare held-back and seeds with and without the model, write it if no field drops."""
    from pipeline.learn.tuning import load_splits

    splits = splits or load_splits(corpus)
    model = train_on(splits, models)
    console.print(f"amount model {model['version']}: cv {model['training']['cv']} "
                  f"(rules {model['training']['rules']}), thresholds {model['threshold']} / {model['add_threshold']}")
    return gate("amount", MODEL_FILE, model, models, splits, console, dry_run)


__all__ = ["candidates", "dumps", "gate", "keep_if_no_worse", "prf", "rules_free", "train", "train_on"]
