"""Where the assembly time goes, summed per process for `make bench`.

`TIMES[name]` adds up seconds (and, for "... sentences", counts): "amount model"
(features and decision of each amount, `amount_status`), "link scorer" (candidates,
features and scoring of each fact's links, `scorer`), "parser" (tok2vec + parser over
the fact sentences, `pipeline.nlp.syntax`). CPU time of the process (`time.process_time`):
other work on a shared machine disturbs it less than wall clock. Reading or resetting it
is the caller's business; the pipeline only adds.

>>> with timed("doctest"):
...     pass
>>> TIMES["doctest"] >= 0
True
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

TIMES: Counter = Counter()


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the CPU time of the block (this process) to `TIMES[name]`."""
    started = time.process_time()
    try:
        yield
    finally:
        TIMES[name] += time.process_time() - started
