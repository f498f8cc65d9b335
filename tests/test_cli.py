"""The command line as a user runs it: bad input is one line on stderr, never a traceback."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def test_cli_run_reports_bad_files_on_one_line_and_keeps_the_good_ones(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(" date 2024-05 Amazon Web Services va investir 1,2 milliard "
                                     "d'euros en Espagne d'ici 2027.", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    (corpus / "feed.jsonl").write_text('{"id": "f1", "text": "Google investit 1 milliard d\'euros en '
                                       'Finlande."}\n{broken\n', encoding="utf-8")
    out = tmp_path / "out"
    done = _run("run", str(corpus), "--out", str(out), "--processes", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        documents = {row["doc_id"]: row for row in csv.DictReader(handle)}
    assert documents["good"]["status"] == "ok" and documents["f1"]["status"] == "ok"
    errors = {doc_id: row["error"] for doc_id, row in documents.items() if row["status"] == "error"}
    assert set(errors) == {"empty", "binary", "feed:2"}
    assert all("\n" not in reason and reason for reason in errors.values())
    with (out / "investments.csv").open(encoding="utf-8") as handle:
        investments = [row for row in csv.DictReader(handle) if row["kind"] == "investment"]
    assert {(r["doc_id"], r["country"], r["amount_value"]) for r in investments} == {
        ("good", "ES", "1200000000"), ("f1", "FI", "1000000000")}


def test_cli_run_on_a_missing_folder_is_a_one_line_error(tmp_path):
    done = _run("run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1
