"""Batch progress and folder walks a user notices on a big input: the bar moves after every
document, also inside one big JSONL feed, and a huge folder starts at once."""
from __future__ import annotations

import json
import os

from pipeline.batch import run as batch
from pipeline.io import readers, walk


def feed(path, n: int):
    lines = [json.dumps({"id": f"f{i}", "text": f"Acme investit {i} millions d'euros en France.",
                         "published": "2024-05"}) for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Recorder(batch.Progress):
    def __init__(self):
        self.started, self.totals, self.done = [], [], []

    def start(self, total_bytes):
        self.started.append(total_bytes)

    def total(self, total_bytes):
        self.totals.append(total_bytes)

    def update(self, done_bytes, summary):
        self.done.append((done_bytes, summary.processed))


def test_batch_progress_plan_advances_per_document_inside_a_feed(tmp_path):
    path = feed(tmp_path / "big.jsonl", 50)
    items = list(batch.plan([path], None, "v1"))
    advances = [i.size for i in items if isinstance(i, batch.Advance)]
    assert len(advances) == 50 and all(a > 0 for a in advances)
    assert sum(advances) + items[-1].size == path.stat().st_size      # FileDone: the rest


def test_batch_progress_run_updates_after_every_document(nlp, tmp_path):
    path = feed(tmp_path / "big.jsonl", 12)
    recorder = Recorder()
    summary = batch.run([path], tmp_path / "out", nlp=nlp, processes=1, progress=recorder, chunk=4)
    seen = [d for d, _ in recorder.done]
    assert summary.processed == 12 and recorder.started == [None]
    assert len(set(seen)) >= 12 and seen == sorted(seen) and seen[-1] == path.stat().st_size
    assert recorder.totals == [path.stat().st_size]
    assert [p for _, p in recorder.done][-1] == 12


def test_readers_walk_gives_the_first_file_before_listing_a_big_folder(tmp_path, monkeypatch):
    for i in range(2000):
        (tmp_path / f"a{i:05d}.txt").touch()
    listed = []
    real = os.scandir

    class Counting:
        def __init__(self, path):
            self.inner = real(path)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.inner.close()

        def __iter__(self):
            for entry in self.inner:
                listed.append(entry.name)
                yield entry

    monkeypatch.setattr(walk.os, "scandir", Counting)
    first = next(readers.iter_paths([tmp_path]))
    assert first.suffix == ".txt" and len(listed) < 5
    assert sum(1 for _ in readers.iter_paths([tmp_path])) == 2000


def test_readers_walk_skips_annotations_and_other_suffixes_at_every_depth(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    for name in ("x/a.txt", "x/y/b.jsonl", "x/y/c.html", "x/d.facts.jsonl", "x/e.csv", "x/.f.txt",
                 "g.reviews.jsonl", "h.htm"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in readers.iter_paths([tmp_path]))
    assert found == ["h.htm", "x/a.txt", "x/y/b.jsonl", "x/y/c.html"]
