"""Folders walked as a stream: `walk(folder)` yields file paths as `os.scandir` lists them.

No folder's names are sorted or held in memory (a folder of 100,000 files gives its first
file at once); only the stack of folders still to list is kept.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> (root / "a").mkdir(); _ = (root / "a" / "x.txt").write_text("x"); _ = (root / "y.txt").write_text("y")
>>> sorted(p.relative_to(root).as_posix() for p in walk(root))
['a/x.txt', 'y.txt']
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def walk(folder: Path) -> Iterator[Path]:
    """Every file below `folder`, streamed depth first; a folder that cannot be listed
    (permissions, vanished during the walk) is skipped; symlinked folders are not followed."""
    stack = [folder]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    elif entry.is_file():
                        yield Path(entry.path)
                except OSError:
                    continue
