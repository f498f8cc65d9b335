"""`make eval`: score every labelled split, print the tables and the worst errors.

For each split: precision, recall and F1 per field; for the splits rules may be tuned on
(`train`, `feed-train`) also the 20 worst errors per field (doc id, missed or spurious
value, evidence), so that the next fix is easy to find. Held-out splits only get scores:
reading their errors is how a rule gets tuned on them. Writes `eval.json` (scores) and
`errors.json` (the listed errors) in the output folder.
"""
from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.learn.errors import as_records, worst_errors
from pipeline.learn.evaluate import HELD_OUT, evaluate_split, f1, report_rows

ERRORS_LISTED = 20


def score_table(name: str, totals) -> Table:
    table = Table(title=f"split: {name}")
    for column in ("field", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for field, score in totals.items():
        table.add_row(field, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{f1(score):.3f}",
                      str(score.tp), str(score.fp), str(score.fn))
    return table


def reliability_table(name: str, details, corpus: Path) -> Table:
    """Confidence bins (width 0.1) of the investment rows: count, mean confidence, share
    right; the expected calibration error of investments and commitments below."""
    from pipeline.learn.evaluate import load_split
    from pipeline.learn.reliability import bins, ece, pairs

    _, gold = load_split(name, corpus)
    scored, commitments = pairs(details, gold), pairs(details, gold, "commitment")
    table = Table(title=f"{name}: reliability of the confidence",
                  caption=f"ECE investments {ece(scored):.3f} ({len(scored)} rows), "
                          f"commitments {ece(commitments):.3f} ({len(commitments)} rows)")
    for column in ("bin", "count", "mean confidence", "accuracy"):
        table.add_column(column, justify="right")
    for b in bins(scored, 0.1):
        table.add_row(b["bin"], str(b["count"]), f"{b['mean_confidence']:.3f}", f"{b['accuracy']:.3f}")
    return table


def errors_table(name: str, field: str, errors) -> Table:
    table = Table(title=f"{name}: worst {field} errors", show_lines=False)
    for column in ("doc", "error", "value", "evidence"):
        table.add_column(column, overflow="fold")
    for e in errors:
        table.add_row(e.doc_id, e.kind, e.value, e.evidence[:160])
    return table


def run_eval(splits: list[str], corpus: Path, out: Path, nlp, console: Console,
             list_errors: int = ERRORS_LISTED) -> list[dict]:
    """Score `splits`, print them, write eval.json and errors.json; return the score rows."""
    rows, error_rows = [], []
    for name in splits:
        try:
            totals, details = evaluate_split(name, corpus, nlp)
        except FileNotFoundError as exc:
            console.print(f"[yellow]split {name} skipped:[/yellow] {exc.filename} not found")
            continue
        rows += report_rows(name, totals)
        console.print(score_table(name, totals))
        console.print(reliability_table(name, details, corpus))
        if name in HELD_OUT or name == "seeds" or not list_errors:
            continue
        worst = worst_errors(details, list_errors)
        error_rows += as_records(worst, name)
        for field, errors in worst.items():
            if errors:
                console.print(errors_table(name, field, errors))
    out.mkdir(parents=True, exist_ok=True)
    (out / "eval.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    (out / "errors.json").write_text(json.dumps(error_rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return rows
