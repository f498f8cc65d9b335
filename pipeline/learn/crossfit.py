"""Out-of-fold rows for the confidence calibration, and `make retrain`'s calibration step.

Cross-fitting by document folds on the tune samples only (train, feed-train, tune
reviews; never test or feed-test): for each fold, the amount model
(`train_amounts.train`) and the link scorer (`train_scorer.train`) are trained on the
other folds, the pipeline runs on the fold with them (a temporary rules folder), and
each row keeps its signals and whether it is right. `pipeline.learn.calibrate` fits the
map on these rows. `keep_if_no_worse` writes `models/assembly/confidence.json` only when
the expected calibration error on the held-back splits does not get worse.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline.facts import amount_status, confidence, scorer
from pipeline.learn.calibrate import FOLDS, Row, fold_of, train
from pipeline.learn.reliability import ece, is_right
from pipeline.learn.train_scorer import dumps, write

IGNORED = shutil.ignore_patterns("model-last", ".model-best.new")


def sample_rows(samples, nlp) -> list[Row]:
    """Every row the pipeline produces on `samples`, with its signals and verdict. A
    reviewed document with partial gold counts only its rows a reviewer judged."""
    from pipeline.facts.extract import fact_row
    from pipeline.learn.evaluate import amount_key
    from pipeline.learn.tuning import judged_sets
    from pipeline.nlp.model import make_doc

    out = []
    for s in samples:
        a = s.article
        doc = nlp(make_doc(nlp, a.text, a.published, a.body_start))
        judged = None if s.complete else judged_sets(s)
        for fact in doc._.facts or []:
            row = fact_row(a, a.text, fact)
            if judged is not None and not (amount_key(row.get("amount_value"), row.get("amount_currency"))
                                           in judged["amounts"] or row.get("category") in judged["commitments"]):
                continue
            out.append(Row(s.doc_id, fact.kind, int(is_right(row, s.facts)), dict(sorted(fact.signals.items())),
                           fact.category, float(fact.confidence)))
    return out


def _bare(models: Path, folder: Path) -> Path:
    """A copy of `models` without the trained assembly models."""
    shutil.copytree(models, folder, ignore=IGNORED)
    for name in (amount_status.MODEL_FILE, scorer.MODEL_FILE, confidence.MODEL_FILE):
        (folder / name).unlink(missing_ok=True)
    return folder


def crossfit(splits, models: Path) -> list[Row]:
    """Out-of-fold rows of `splits.tune` with the rules of `models`."""
    from pipeline.learn.train_amounts import candidates, train as train_amounts
    from pipeline.learn.train_scorer import collect_groups, train as train_scorer
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="invest-calib-") as tmp:
        base = _bare(models, Path(tmp) / "base")
        with rules_folder(base):
            amount_rows = candidates(splits.tune, load())
        for fold in range(FOLDS):
            inside = [s for s in splits.tune if fold_of(s.doc_id) == fold]
            outside = [s for s in splits.tune if fold_of(s.doc_id) != fold]
            folder = Path(tmp) / f"fold{fold}"
            shutil.copytree(base, folder)
            write(train_amounts([r for r in amount_rows if fold_of(r[0]) != fold]), folder / amount_status.MODEL_FILE)
            with rules_folder(folder):
                groups = collect_groups(outside, load())
            write(train_scorer(groups, 1), folder / scorer.MODEL_FILE)
            with rules_folder(folder):
                rows += sample_rows(inside, load())
    return rows


def held_ece(models: Path, splits) -> dict[str, float]:
    """ECE of the investment and commitment rows of the held-back samples with `models`."""
    from pipeline.learn.tuning import rules_folder
    from pipeline.nlp.model import load

    with rules_folder(models):
        rows = sample_rows(splits.held, load())
    return {kind: ece([(r.confidence, r.right) for r in rows if r.kind == kind])
            for kind in ("investment", "commitment")}


def train_on(splits, models: Path) -> dict:
    return train(crossfit(splits, models))


def keep_if_no_worse(corpus: Path, models: Path, console, splits=None, dry_run: bool = False) -> bool:
    """Refit the calibration on the current models; write it if the held-back investment
    ECE does not get worse (compared with the current file, or none)."""
    from pipeline.learn.tuning import load_splits

    splits = splits or load_splits(corpus)
    calibration = train_on(splits, models)
    t = calibration["training"]
    console.print(f"confidence calibration {calibration['version']}: {t['method']} chosen, "
                  f"out-of-fold {t['oof']} on {t['investments']} investment rows "
                  f"({t['investments_right']} right), commitments {t['commitments_oof']}")
    current = models / confidence.MODEL_FILE
    with tempfile.TemporaryDirectory(prefix="invest-calib-") as tmp:
        before_dir, after_dir = Path(tmp) / "before", Path(tmp) / "after"
        for folder in (before_dir, after_dir):
            shutil.copytree(models, folder, ignore=IGNORED)
        write(calibration, after_dir / confidence.MODEL_FILE)
        before, after = held_ece(before_dir, splits), held_ece(after_dir, splits)
    console.print(f"held-back ECE: investments {before['investment']} -> {after['investment']}, "
                  f"commitments {before['commitment']} -> {after['commitment']}")
    if after["investment"] > before["investment"] + 1e-9:
        console.print("[red]calibration rejected[/red]: held-back ECE got worse")
        return False
    if current.exists() and current.read_text(encoding="utf-8") == dumps(calibration):
        console.print("calibration unchanged")
        return True
    if not dry_run:
        write(calibration, current)
        console.print(f"[green]calibration kept[/green]: wrote {confidence.MODEL_FILE}")
    return True
