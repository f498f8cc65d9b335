"""Bad input never stops a batch: each bad document is one error row, the rest goes on."""
from __future__ import annotations

import json
import pathlib

import pytest

from pipeline.io import readers
from pipeline.batch import run as batch
from pipeline.io.table import read_table

GOOD = "date 2024-02 Microsoft va investir 2 milliards d'euros en France."


def _documents(nlp, folder, out, **kwargs):
    summary = batch.run([folder], out, nlp=nlp, **kwargs)
    docs = read_table(out, "documents").set_index("doc_id")
    return summary, docs


@pytest.fixture(scope="module")
def messy(nlp, tmp_path_factory):
    """(summary, documents table) of a folder of bad inputs around good ones."""
    tmp_path = tmp_path_factory.mktemp("messy")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x01\x02" * 100)
    (folder / "latin.txt").write_bytes("Orange investit 3 millions d’euros à Lyon.".encode("cp1252"))
    (folder / "bom.txt").write_bytes("\ufeffdate 2024-05 SAP investit.\r\nSuite.\r\n".encode("utf-8"))
    (folder / "huge.txt").write_bytes(b"Un article ? " * (50_000_000 // 13))
    (folder / "menu.html").write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": GOOD}), "{broken", "", json.dumps({"id": "j2", "text": GOOD})]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return _documents(nlp, folder, tmp_path / "out")


@pytest.mark.parametrize("doc_id, status, reason", [
    ("good", "ok", ""),
    ("empty", "error", "empty file"),
    ("binary", "error", "binary file"),
    ("latin", "ok", ""),
    ("bom", "ok", ""),
    ("huge", "error", "too large"),
    ("menu", "error", "HTML page without"),
    ("j1", "ok", ""),
    ("feed:2", "error", "malformed JSON"),
    ("j2", "ok", ""),
])
def test_batch_bad_input_is_one_error_row(messy, doc_id, status, reason):
    summary, docs = messy
    assert len(docs) == 10 and summary.errors == 5
    row = docs.loc[doc_id]
    assert row.status == status and reason in row.error and "\n" not in row.error


def test_batch_cp1252_document_carries_a_warning(messy):
    _, docs = messy
    assert "cp1252" in docs.loc["latin"].warning


def test_batch_big_jsonl_is_streamed_and_a_long_line_is_an_error(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 2000)
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": "short", "text": GOOD}),
             json.dumps({"id": "long", "text": "mot " * 5000}),
             json.dumps({"id": "after", "text": GOOD})]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    _, docs = _documents(nlp, folder, tmp_path / "out")
    assert list(docs.status) == ["ok", "error", "ok"] and "too long" in docs.loc["feed:2"].error


def test_batch_unreadable_file_is_an_error_row(nlp, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.txt").write_text(GOOD, encoding="utf-8")
    real_open, real_read = pathlib.Path.open, pathlib.Path.read_bytes

    def deny(method):
        def guarded(self, *args, **kwargs):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return method(self, *args, **kwargs)
        return guarded

    monkeypatch.setattr(pathlib.Path, "open", deny(real_open))
    monkeypatch.setattr(pathlib.Path, "read_bytes", deny(real_read))
    summary, docs = _documents(nlp, folder, tmp_path / "out")
    assert docs.loc["a"].status == "ok"
    assert docs.loc["locked"].status == "error" and "Permission denied" in docs.loc["locked"].error


def test_batch_file_deleted_mid_run_is_an_error_row(nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(GOOD, encoding="utf-8")

    def delete_c(rows):
        (folder / "c.txt").unlink(missing_ok=True)

    summary, docs = _documents(nlp, folder, tmp_path / "out", on_document=delete_c, chunk=1)
    assert list(docs.status) == ["ok", "ok", "error"]
    assert "not found" in docs.loc["c"].error and summary.errors == 1
