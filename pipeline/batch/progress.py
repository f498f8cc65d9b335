"""A rich progress bar for `run` on stderr: input done (bytes), documents/s, ETA.

Progress is counted in bytes of input because the number of articles in a `.jsonl` feed
is not known before reading it; it advances after every document, also inside a feed.
The total comes from a thread that sizes the input while the run already works (until
then the bar pulses and the ETA is unknown); documents/s counts the documents processed.

>>> ProgressBar(quiet=True).update(10, None)
"""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)


class ProgressBar:
    """`pipeline.batch.run.Progress` drawn with rich (nothing at all when `quiet`)."""

    def __init__(self, console: Console | None = None, quiet: bool = False):
        self.quiet = quiet
        self.console = console or Console(stderr=True, soft_wrap=True)
        self._bar: Progress | None = None
        self._task = None
        self._started = 0.0

    def start(self, total_bytes: int | None) -> None:
        if self.quiet:
            return
        self._started = time.perf_counter()
        self._bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[docs]} docs, {task.fields[rate]:.1f} docs/s, "
                       "{task.fields[skipped]} skipped, {task.fields[errors]} errors"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False)
        self._task = self._bar.add_task("extracting", total=total_bytes and max(total_bytes, 1), docs=0,
                                        rate=0.0, skipped=0, errors=0)
        self._bar.start()

    def total(self, total_bytes: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, total=max(total_bytes, 1))

    def update(self, done_bytes: int, summary) -> None:
        if self._bar is None or summary is None:
            return
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        self._bar.update(self._task, completed=done_bytes, docs=summary.processed,
                         rate=summary.processed / elapsed, skipped=summary.skipped,
                         errors=summary.errors)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
