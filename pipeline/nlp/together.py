"""Run one task per document so that the sentence parses they ask for go through the parser
together, not one `nlp.pipe` call per sentence.

The assembly rules ask for a parse in the middle of their work (`pipeline.facts.period_tie`
reads the parse of an amount's sentence while the amount is being decided), and which
sentence they ask for next depends on the parses before. So `run_together` runs each task
in a thread of its own that stops when it asks for something (`ask`); when every task has
stopped or ended, `serve` gets all the requests at once (`pipeline.nlp.syntax.parse_all`:
one `nlp.pipe`), and each stopped task resumes in turn. Only one thread runs at any time
and tasks resume in input order, so each task makes the same calls, in the same order,
with the same answers as when run alone (a sentence is parsed alone, batched or not).
Outside `run_together`, `ask` says False and the caller serves itself.

>>> served = []
>>> run_together([lambda: ask("a"), lambda: 2, lambda: ask("b")], served.append), served, ask("c")
([True, 2, True], [['a', 'b']], False)
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_CURRENT = threading.local()    # in a task's thread: its `_Task`


class _Task:
    """One task, its thread, and what it waits for."""

    def __init__(self, work: Callable[[], Any], stopped: threading.Semaphore):
        self.work, self.stopped = work, stopped
        self.resume = threading.Semaphore(0)
        self.request: Any = None
        self.waiting = False
        self.result: Any = None
        self.error: BaseException | None = None

    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True, name="together").start()
        self.stopped.acquire()                 # until it asks for something or ends

    def _run(self) -> None:
        _CURRENT.task = self
        try:
            self.result = self.work()
        except BaseException as exc:  # noqa: BLE001 - raised again in the calling thread
            self.error = exc
        finally:
            self.stopped.release()

    def wait(self, request: Any) -> None:
        """In the task's thread: hand over until the request is served."""
        self.request, self.waiting = request, True
        self.stopped.release()
        self.resume.acquire()

    def go_on(self) -> None:
        """In the calling thread: resume the task until it asks again or ends."""
        self.request, self.waiting = None, False
        self.resume.release()
        self.stopped.acquire()


def ask(request: Any) -> bool:
    """In a task of `run_together`: wait until `request` has been served, say True.
    Elsewhere: say False at once."""
    task = getattr(_CURRENT, "task", None)
    if task is None:
        return False
    task.wait(request)
    return True


def run_together(works: list[Callable[[], Any]], serve: Callable[[list[Any]], None]) -> list[Any]:
    """The results of `works`, each run as if alone; their requests are served round by
    round. A failing `serve` is ignored (each task then serves itself); a task's exception
    is raised here once every task has ended."""
    stopped = threading.Semaphore(0)
    tasks = [_Task(work, stopped) for work in works]
    for task in tasks:
        task.start()
    while waiting := [task for task in tasks if task.waiting]:
        try:
            serve([task.request for task in waiting])
        except Exception:  # noqa: BLE001 - a failed batch: each task serves its own request
            pass
        for task in waiting:
            task.go_on()
    for task in tasks:
        if task.error is not None:
            raise task.error
    return [task.result for task in tasks]
