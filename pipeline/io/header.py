"""The `date YYYY-MM` line a feed may put before an article's text.

It opens a `.txt` file or a JSONL record's `text`, and may share its line with the first
sentence ("date 2024-05 Microsoft investit ...").

>>> date_header("date 2024-05 Microsoft investit."), date_header("Microsoft investit.")
(('2024-05', 13), (None, 0))
"""
from __future__ import annotations

import re

DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b\s*")


def date_header(text: str) -> tuple[str | None, int]:
    """(date, where the article starts) of a text opening with a date line; (None, 0) without one."""
    header = DATE_HEADER.match(text)
    return (header.group(1), header.end()) if header else (None, 0)
