"""`make retrain`: rule scores -> a candidate rules version -> written only if it is no worse.

1. Run the current rules over the tune, held-back and seed samples (`pipeline.learn.tuning`);
   score every rule on the tune part (`pipeline.learn.rulescore`, `output/rule_scores.csv`).
2. Build a candidate in a temporary copy of the rules folder: weights and learned
   gazetteer forms (`pipeline.learn.lessons`), and a fine-tuned NER when there are enough labelled
   documents and it beats the current one (`pipeline.learn.ner_train`).
3. Score the candidate on held-back and seeds; it is written into the rules folder
   (`rules.json` with a new version, `learned/*.json`, `metrics.json`, `ner/model-best`,
   the link scorer `assembly/scorer.json` trained by `pipeline.learn.train_scorer`)
   only if no field's F1 drops by more than `tolerance` on either. A rejected candidate is
   reported, not written. The before/after table per field is always printed.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.io.atomic import atomic_write
from pipeline.learn.evaluate import FIELDS, Score, f1
from pipeline.learn.lessons import Thresholds, learned_entries, review_forms, rule_updates
from pipeline.learn.tuning import (Splits, evaluate_folder, load_splits, process_samples, rules_folder,
                                   scores_by_split)

LEARNED_FILES = ("orgs", "sites", "people", "countries")


@dataclass(frozen=True, slots=True)
class Options:
    thresholds: Thresholds = Thresholds()
    tolerance: float = 0.0
    tune_share: float = 0.8
    ner_min_docs: int = 200
    ner_max_steps: int = 600
    dry_run: bool = False


@dataclass(slots=True)
class Result:
    accepted: bool
    reasons: list[str]
    version: str
    before: dict[str, dict[str, Score]]
    after: dict[str, dict[str, Score]]
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ner: dict = field(default_factory=dict)


def score_rules(models: Path, splits: Splits, out: Path | None):
    """(rule scores on the tune part, current per-field scores on held-back and seeds)."""
    from pipeline.nlp.model import load
    from pipeline.learn.rulescore import collect_votes, rule_scores

    with rules_folder(models):
        nlp = load()
        rows = process_samples(splits.tune + splits.held + splits.seeds, nlp)
        scores = rule_scores(collect_votes(splits.tune, rows))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        scores.to_csv(out / "rule_scores.csv", index=False)
    before = scores_by_split(splits, rows)
    return scores, before


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def build_candidate(models: Path, splits: Splits, scores, options: Options, folder: Path):
    """Copy `models` into `folder` and write the candidate weights and learned forms there.
    Returns (weights, actions table, notes on learned forms, whether anything changed)."""
    from pipeline.rules.gazetteer import data_file, entries

    shutil.copytree(models, folder, ignore=shutil.ignore_patterns("model-last", ".model-best.new"))
    current = _read(models / "rules.json")
    weights, actions = rule_updates(scores, _read(models / "facts.json"), current.get("rules", {}),
                                    options.thresholds)
    with rules_folder(models):
        known = {k: dict(v) for k, v in entries().items()}
    learned = {name: _read(models / data_file(name, learned=True)).get(name, []) for name in LEARNED_FILES}
    new_learned, notes = learned_entries(review_forms(splits.tune), known, learned)
    for name, items in new_learned.items():
        if items:
            _write_json(folder / data_file(name, learned=True), {name: items})
    _write_json(folder / "rules.json", {**current, "rules": weights})
    changed = weights != current.get("rules", {}) or new_learned != learned
    return weights, actions, notes, changed


def _write_json(path: Path, data: dict) -> None:
    """Write atomically (temp file + rename): readers see the old file or the new one."""
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def verdict(before: dict[str, dict[str, Score]], after: dict[str, dict[str, Score]],
            tolerance: float) -> list[str]:
    """Why a candidate is worse (empty when it is not): each field whose F1 dropped.

    >>> verdict({"held": {"amounts": Score(2, 0, 0)}}, {"held": {"amounts": Score(1, 1, 1)}}, 0.0)
    ['held amounts: F1 1.000 -> 0.500']
    """
    reasons = []
    for split, fields in before.items():
        for name, score in fields.items():
            old, new = f1(score), f1(after[split][name])
            if new < old - tolerance - 1e-9:
                reasons.append(f"{split} {name}: F1 {old:.3f} -> {new:.3f}")
    return reasons


def next_version(version: str) -> str:
    """'1' -> '2'; a non-numeric version gets a suffix: 'x' -> 'x.1'."""
    return str(int(version) + 1) if str(version).isdigit() else f"{version}.1"


def before_after_table(before, after, title: str) -> Table:
    table = Table(title=title)
    for column in ("split", "field", "P before", "P after", "R before", "R after", "F1 before",
                   "F1 after", "ΔF1"):
        table.add_column(column, justify="left" if column in ("split", "field") else "right")
    for split, fields in before.items():
        for name in FIELDS:
            b, a = fields[name], after[split][name]
            delta = f1(a) - f1(b)
            mark = "green" if delta > 0 else "red" if delta < 0 else ""
            table.add_row(split, name, f"{b.precision:.3f}", f"{a.precision:.3f}", f"{b.recall:.3f}",
                          f"{a.recall:.3f}", f"{f1(b):.3f}", f"{f1(a):.3f}",
                          f"[{mark}]{delta:+.3f}[/{mark}]" if mark else f"{delta:+.3f}")
    return table


def actions_table(actions) -> Table:
    table = Table(title="rule weights (candidate)")
    for column in actions.columns:
        table.add_column(column, justify="left" if column in ("rule", "field", "action") else "right")
    for record in actions.to_dict("records"):
        table.add_row(*(str(record[c]) for c in actions.columns))
    return table


def _metrics(version: str, options: Options, splits: Splits, before, after, actions, notes,
             ner: dict, accepted: bool) -> dict:
    score = lambda s: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),  # noqa: E731
                       "f1": f1(s), "tp": s.tp, "fp": s.fp, "fn": s.fn}
    return {"version": version, "date": date.today().isoformat(), "accepted": accepted,
            "thresholds": asdict(options.thresholds),
            "tolerance": options.tolerance, "counts": splits.counts(),
            "fields": {split: {name: {"before": score(fields[name]), "after": score(after[split][name])}
                               for name in FIELDS} for split, fields in before.items()},
            "actions": actions.to_dict("records"), "learned": notes, "ner": ner}


def write_version(models: Path, candidate: Path, metrics: dict, ner_kept: bool) -> list[str]:
    """Copy the candidate's rule files into `models` (each atomically; rules.json last)."""
    from pipeline.rules.gazetteer import data_file

    written = []
    for name in LEARNED_FILES:
        relative = data_file(name, learned=True)
        if (candidate / relative).exists():
            _write_json(models / relative, _read(candidate / relative))
            written.append(relative)
    if ner_kept:
        target = models / "ner" / "model-best"
        staging = models / "ner" / ".model-best.new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(candidate / "ner" / "model-best", staging)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
        written.append("ner/model-best")
    scorer = candidate / "assembly" / "scorer.json"
    if scorer.exists():
        (models / "assembly").mkdir(exist_ok=True)
        atomic_write(models / "assembly" / "scorer.json", scorer.read_bytes())
        written.append("assembly/scorer.json")
    _write_json(models / "metrics.json", metrics)
    _write_json(models / "rules.json", _read(candidate / "rules.json"))
    return written + ["metrics.json", "rules.json"]


def retrain(corpus: Path, models: Path, options: Options = Options(), out: Path | None = None,
            console: Console | None = None) -> Result:
    """Score, learn, check on held-back and seeds, and write the new rules version if no worse."""
    from pipeline.learn.ner_train import maybe_train_ner
    from pipeline.learn.rulescore import rich_table, wrong_examples
    from pipeline.learn.train_scorer import retrain_scorer

    console = console or Console()
    splits = load_splits(corpus, options.tune_share)
    console.print(f"samples: {splits.counts()}; thresholds: {options.thresholds}, "
                  f"tolerance {options.tolerance}")
    scores, before = score_rules(models, splits, out)
    console.print(rich_table(scores))
    for line in wrong_examples(scores):
        console.print(f"  wrong: {line}", markup=False)
    version = next_version(str(_read(models / "rules.json").get("version", "0")))
    with tempfile.TemporaryDirectory(prefix="invest-retrain-") as tmp:
        candidate = Path(tmp) / "models"
        weights, actions, notes, changed = build_candidate(models, splits, scores, options, candidate)
        scorer_changed = retrain_scorer(splits, models, candidate)
        changed = changed or scorer_changed
        rules = _read(candidate / "rules.json")
        _write_json(candidate / "rules.json", {**rules, "version": version,
                                               "updated": date.today().isoformat()})
        console.print(actions_table(actions))
        for note in notes:
            console.print(f"  {note}")
        after = evaluate_folder(candidate, splits)
        ner = maybe_train_ner(splits, candidate, after, options, console, Path(tmp))
        after = ner.pop("after", after)
        console.print(before_after_table(before, after, f"rules {version} (candidate) vs current"))
        reasons = verdict(before, after, options.tolerance)
        accepted = not reasons and (changed or bool(ner.get("kept")))
        result = Result(accepted, reasons, version, before, after, notes=notes, ner=ner)
        if reasons:
            console.print(f"[red]rejected[/red] version {version}: " + "; ".join(reasons))
            return result
        if not result.accepted:
            console.print("[yellow]unchanged[/yellow]: every rule keeps its weight and nothing was "
                          "learned; nothing written")
            return result
        metrics = _metrics(version, options, splits, before, after, actions, notes, ner, True)
        if options.dry_run:
            console.print(f"[yellow]dry run[/yellow]: version {version} would be written")
            return result
        result.written = write_version(models, candidate, metrics, bool(ner.get("kept")))
        console.print(f"[green]accepted[/green] version {version}: wrote {', '.join(result.written)}")
        return result
