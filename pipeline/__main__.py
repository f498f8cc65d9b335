"""Command line: `python -m pipeline COMMAND` (one function per command).

    python -m pipeline run corpus/ --out output/
    python -m pipeline eval --split seeds --split test
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from pipeline.learn.evaluate import SPLITS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="French tech-investment news -> a normalized, traceable table of facts.")
console = Console(stderr=True, soft_wrap=True)   # one message, one line (logs, pipes)


@app.command()
def run(
    paths: list[Path] = typer.Argument(..., help="Article files or folders (.txt, .jsonl, .html)."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the output tables."),
    processes: int = typer.Option(0, "--processes", "-p", help="Worker processes (0: every core)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                  "(--engine dask without it starts a local cluster)."),
    full: bool = typer.Option(False, "--full", help="Ignore the incremental state: reprocess everything."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, only the summary."),
) -> None:
    """Extract facts from what is new or changed below PATHS into OUT (CSV and Parquet)."""
    from pipeline.batch.progress import ProgressBar
    from pipeline.batch.run import run as run_batch

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]error:[/red] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    if engine not in {"local", "dask"}:
        console.print(f"[red]error:[/red] unknown engine {engine!r} (local or dask)")
        raise typer.Exit(2)

    def report(rows) -> None:
        if rows.document.get("status") == "error" and not quiet:
            console.print(f"[yellow]error row[/yellow] {rows.document['doc_id']}: {rows.document['error']}")

    try:
        summary = run_batch(paths, out, on_document=report, processes=processes or None,
                            engine=engine, scheduler=scheduler, full=full,
                            progress=ProgressBar(console, quiet))
    except KeyboardInterrupt:
        console.print("[red]interrupted:[/red] previous outputs kept; the next run resumes.")
        raise typer.Exit(130)
    rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items()) if summary.written \
        else "outputs already up to date"
    console.print(
        f"[green]done[/green] in {summary.seconds:.1f} s: {summary.processed} processed, "
        f"{summary.skipped} skipped (unchanged), {summary.errors} errors; {summary.investments} "
        f"investments, {summary.commitments} commitments, {summary.mentions} mentions new; "
        f"rows: {rows} -> {out}/")


@app.command()
def bench(
    docs: int = typer.Option(5000, "--docs", help="Articles in the generated corpus."),
    processes: int = typer.Option(2, "--processes", "-p", help="Processes for the pipeline and the ceiling."),
    workdir: Path = typer.Option(Path(".bench"), help="Where the corpus and the outputs go."),
    scale: str = typer.Option("", "--scale", help="Only the scale bench, at these sizes, e.g. "
                              "10000,100000: peak memory and docs/s of the batch and the full pipeline."),
    budget: float = typer.Option(120.0, "--budget", help="Seconds of full pipeline per size (--scale)."),
) -> None:
    """Throughput vs the senter+ner ceiling, memory, re-run time, scaling, money layer."""
    say = lambda line: print(line, flush=True)   # noqa: E731
    if scale:
        from pipeline.bench.scale import main as scale_main

        scale_main([int(n) for n in scale.split(",") if n.strip()], processes, workdir, budget, say)
        return
    from pipeline.bench.benchmark import main

    main(docs, processes, workdir, say=say)


@app.command("eval")
def evaluate(
    split: list[str] = typer.Option(list(SPLITS), "--split", "-s",
                                    help="Splits to score: " + ", ".join(SPLITS) + "."),
    corpus: Path = typer.Option(Path("corpus"), help="Corpus folder with gold/ and labelled/."),
    out: Path = typer.Option(Path("output"), help="Where eval.json and errors.json are written."),
    errors: int = typer.Option(20, help="Worst errors listed per field for the tune splits (0: none)."),
) -> None:
    """Print precision, recall and F1 per field for each labelled split, and the worst errors."""
    from pipeline.learn.eval_report import run_eval
    from pipeline.nlp.model import cached

    run_eval(split, corpus, out, cached(), Console(width=200), errors)


@app.command()
def review(
    output: Path = typer.Argument(Path("output"), help="Output folder of `run` (investments.csv...)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder: articles are "
                                "re-read from it, decisions saved in CORPUS/reviews/."),
    port: int = typer.Option(8000, "--port", "-p", help="Port on 127.0.0.1."),
    host: str = typer.Option("127.0.0.1", "--host", help="Loopback only: 127.0.0.1, localhost or ::1."),
    reviewer: str = typer.Option("", "--reviewer", help="Name saved with each decision (default: $USER)."),
) -> None:
    """Serve the review page on OUTPUT: accept, reject, correct or add facts (127.0.0.1 only)."""
    import os

    from pipeline.review.app import serve
    from pipeline.review.store import StoreError

    try:
        serve(output, corpus, host=host, port=port,
              reviewer=reviewer or os.environ.get("USER") or "reviewer")
    except (ValueError, OSError, StoreError) as exc:
        console.print(f"[red]error:[/red] {' '.join(str(exc).split())}", soft_wrap=True)
        raise typer.Exit(2)


@app.command()
def report(
    output: Path = typer.Argument(Path("output"), help="Output folder of `run` (investments.csv, events.csv...)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder: review progress is read "
                                "from CORPUS/reviews/."),
    review_url: str = typer.Option("http://127.0.0.1:8000", "--review-url",
                                   help="Base URL of the review page the numbers link to."),
    min_confidence: float = typer.Option(0.6, "--min-confidence", help="Rows below it need a reviewer."),
    to: Path = typer.Option(None, "--to", help="The HTML file to write (default OUTPUT/report.html)."),
) -> None:
    """Write OUTPUT/report.html: one self-contained page (charts, announcements, review needs), offline."""
    from pipeline.report.build import build_report
    from pipeline.report.figures import ReportError
    from pipeline.review.store import StoreError

    try:
        path = build_report(output, corpus / "reviews", review_url, min_confidence, to)
    except (ReportError, StoreError, OSError) as exc:
        console.print(f"[red]error:[/red] {' '.join(str(exc).split())}", soft_wrap=True)
        raise typer.Exit(2)
    console.print(f"[green]report[/green] -> {path} ({path.stat().st_size // 1024} KiB, opens offline)")


@app.command()
def retrain(
    corpus: Path = typer.Option(Path("corpus"), help="Corpus folder with labelled/, gold/, reviews/."),
    models: Path = typer.Option(Path("models"), help="Rules folder to score and to update."),
    min_precision: float = typer.Option(0.5, help="Disable a cue rule below this precision."),
    min_fires: int = typer.Option(3, help="Judged votes a rule needs before it is disabled or lowered."),
    lower_below: float = typer.Option(0.7, help="Cap the confidence of a rule below this precision."),
    tolerance: float = typer.Option(0.0, help="F1 drop allowed per field on held-back and seeds."),
    tune_share: float = typer.Option(0.8, help="Share of reviewed documents used for tuning."),
    ner_min_docs: int = typer.Option(200, help="Labelled documents needed to train the NER."),
    ner_max_steps: int = typer.Option(600, help="spaCy training steps for the NER."),
    out: Path = typer.Option(Path("output"), help="Where rule_scores.csv is written."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Score and compare, write nothing."),
    amounts: bool = typer.Option(True, help="Also train the amount model (models/assembly/amounts.json)."),
    calibration: bool = typer.Option(True, help="Then refit the confidence (models/assembly/confidence.json)."),
) -> None:
    """Score every rule, learn from reviews, write a new rules version if it is no worse."""
    from pipeline.learn.lessons import Thresholds
    from pipeline.learn.retrain import Options, retrain as run_retrain

    options = Options(Thresholds(min_precision, min_fires, lower_below), tolerance, tune_share,
                      ner_min_docs, ner_max_steps, dry_run)
    width = None if console.is_terminal else 160   # readable tables in logs and pipes too
    run_retrain(corpus, models, options, out, Console(width=width))   # a rejection is a report, not an error
    if amounts:
        train_amounts(corpus, models, dry_run)
    if calibration:
        calibrate(corpus, models, dry_run)


@app.command("train-amounts")
def train_amounts(
    corpus: Path = typer.Option(Path("corpus"), help="Corpus folder with labelled/, gold/, reviews/."),
    models: Path = typer.Option(Path("models"), help="Rules folder the amount model is written to."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Train and compare, write nothing."),
) -> None:
    """Train the amount and site models on the tune splits; keep each if no field drops on
    held-back and seeds."""
    from pipeline.learn import train_amounts, train_sites
    from pipeline.learn.tuning import load_splits

    out = Console(width=None if console.is_terminal else 160)
    splits = load_splits(corpus)
    train_amounts.keep_if_no_worse(corpus, models, out, splits, dry_run=dry_run)
    train_sites.keep_if_no_worse(corpus, models, out, splits, dry_run=dry_run)


@app.command()
def calibrate(
    corpus: Path = typer.Option(Path("corpus"), help="Corpus folder with labelled/, gold/, reviews/."),
    models: Path = typer.Option(Path("models"), help="Rules folder the calibration is written to."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Fit and compare, write nothing."),
) -> None:
    """Fit the row confidence on out-of-fold tune rows; keep it if held-back ECE is no worse."""
    from pipeline.learn.crossfit import keep_if_no_worse

    width = None if console.is_terminal else 160
    keep_if_no_worse(corpus, models, Console(width=width), dry_run=dry_run)


if __name__ == "__main__":
    app()
