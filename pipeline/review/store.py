"""Review decisions, saved at once as labelled samples: `corpus/reviews/<doc_id>.reviews.jsonl`.

Each file holds ONE JSON line, the document's labelled sample (corpus/README.md) with
`split: "review"`, its `facts` and `spans` rebuilt from the decisions, plus `decisions`
(the latest one per `row_id`) and `history` (the decisions they replaced). Every write is
atomic (temp file in the same folder, fsync, `os.replace`) and done under a process-wide
lock plus a file lock, so two tabs or two servers never lose each other's decisions.
Rows are matched by `row_id`, never by line number, so a re-run keeps the review state.

>>> import tempfile
>>> store = ReviewStore(Path(tempfile.mkdtemp()) / "reviews", reviewer="ana")
>>> article = {"id": "d1", "text": "Microsoft investit 4 milliards.", "published": "2024-05"}
>>> row = {"row_id": "r1", "doc_id": "d1", "kind": "investment", "rule": "invest.plan"}
>>> store.decide(article, "r1", "accept", original=row)["decision"]
'accept'
>>> store.decisions()["r1"]["reviewer"], store.load("d1")["split"]
('ana', 'review')
"""
from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.review.samples import (DECISIONS, FieldError, format_number, reviewed_row,
                                     sample_facts, sample_spans)
from pipeline.io.atomic import atomic_write
from pipeline.io.table import INVESTMENT_COLUMNS

try:                                     # a file lock between processes where the OS has one
    import fcntl
except ImportError:                      # pragma: no cover - not on Linux
    fcntl = None

SUFFIX = ".reviews.jsonl"
REVIEW_COLUMNS = ("review_status", "reviewer", "reviewed_at")
EXPORT_COLUMNS = INVESTMENT_COLUMNS + REVIEW_COLUMNS
ADDED_RULE = "review.add"
SAFE_DOC_ID = re.compile(r"\w[\w.:\-]{0,199}")   # no '/', no leading '.', so no '../'
_LOCK = threading.RLock()                 # process-wide: read-modify-write is one step


class StoreError(RuntimeError):
    """A reviews file that cannot be read or written (one line, no traceback)."""


def utc_now() -> str:
    """The current time, ISO 8601 UTC to the second: '2025-01-31T09:15:00Z'."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_doc_id(doc_id: str) -> str:
    """`doc_id` if it can name a file in the reviews folder, else ValueError.

    >>> safe_doc_id("lab_train_007")
    'lab_train_007'
    >>> safe_doc_id("../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: refused doc_id: '../etc/passwd'
    """
    if not isinstance(doc_id, str) or not SAFE_DOC_ID.fullmatch(doc_id):
        raise ValueError(f"refused doc_id: {doc_id!r}")
    return doc_id


class ReviewStore:
    """Decisions of one reviews folder (`corpus/reviews/`)."""

    def __init__(self, reviews_dir: str | Path, reviewer: str = "reviewer") -> None:
        self.dir = Path(reviews_dir)
        self.reviewer = reviewer
        self._cache: dict[Path, tuple[tuple[int, int], dict]] = {}

    def path(self, doc_id: str) -> Path:
        return self.dir / f"{safe_doc_id(doc_id)}{SUFFIX}"

    def load(self, doc_id: str) -> dict | None:
        """The document's labelled sample, or None when nothing was decided on it yet."""
        return self._read(self.path(doc_id))

    def decisions(self) -> dict[str, dict]:
        """The latest decision of every reviewed row, by row_id (each with its `doc_id`)."""
        out: dict[str, dict] = {}
        for path in sorted(self.dir.glob(f"*{SUFFIX}")) if self.dir.is_dir() else []:
            sample = self._read(path) or {}
            for decision in sample.get("decisions", []):
                out[decision["row_id"]] = {**decision, "doc_id": sample.get("id")}
        return out

    def decide(self, article: Mapping, row_id: str, decision: str, fields: Mapping | None = None,
               original: Mapping | None = None, rule: str | None = None,
               reviewer: str | None = None) -> dict:
        """Save one decision on `row_id` of `article` (a dict with `id` and `text`, optional
        `published`, `title`, `url`); a newer decision replaces the older one."""
        if decision not in DECISIONS:
            raise FieldError(f"decision: {decision!r} is not one of {', '.join(DECISIONS)}")
        original = dict(original or {})
        record = {"row_id": row_id, "decision": decision, "fields": dict(fields or {}),
                  "original": original, "rule": rule or original.get("rule") or None,
                  "reviewer": reviewer or self.reviewer, "time": utc_now()}
        path = self.path(str(article["id"]))
        with self._locked():
            sample = self._read(path) or {"history": []}
            kept = [d for d in sample.get("decisions", []) if d["row_id"] != row_id]
            replaced = [d for d in sample.get("decisions", []) if d["row_id"] == row_id]
            sample = self._sample(article, kept + [record], sample.get("history", []) + replaced)
            self._write(path, sample)
        return record

    def orphaned(self, row_ids: set[str]) -> list[dict]:
        """Decisions on rows the pipeline no longer produces (`row_ids`: the rows it does),
        added facts aside; each keeps its `original` row, the old evidence."""
        found = [d for row_id, d in self.decisions().items()
                 if d["decision"] != "add" and row_id not in row_ids]
        return sorted(found, key=lambda d: (str(d["doc_id"]), str(d.get("time")), d["row_id"]))

    def drop(self, doc_id: str, row_id: str) -> None:
        """Withdraw the decision on `row_id` (it goes to the document's history)."""
        self._move(doc_id, row_id, None)

    def reattach(self, doc_id: str, row_id: str, row: Mapping) -> dict:
        """Move the decision on `row_id` to `row` (a row of today's table, same document):
        same decision and corrections, `row` as its new original; the old one goes to history."""
        return self._move(doc_id, row_id, dict(row))

    def _move(self, doc_id: str, row_id: str, row: dict | None) -> dict | None:
        path = self.path(doc_id)
        with self._locked():
            sample = self._read(path) or {}
            old = next((d for d in sample.get("decisions", []) if d["row_id"] == row_id), None)
            if old is None:
                raise FieldError(f"no decision on row {row_id} of {doc_id}")
            new = None if row is None else {**old, "row_id": row["row_id"], "original": row,
                                            "time": utc_now(), "reattached_from": row_id}
            kept = [d for d in sample["decisions"] if d["row_id"] not in {row_id, (row or {}).get("row_id")}]
            history = sample.get("history", []) + [d for d in sample["decisions"] if d not in kept]
            self._write(path, self._sample(sample, kept + ([new] if new else []), history))
        return new

    def export_frame(self, investments: pd.DataFrame, doc_ids: set[str] | None = None) -> pd.DataFrame:
        """The reviewed table: accepted and corrected rows of `investments` with corrections
        applied, then the added facts (of `doc_ids`, if given); `EXPORT_COLUMNS`."""
        decisions = self.decisions()
        rows = []
        for row in investments.to_dict("records"):
            decision = decisions.get(row.get("row_id", ""))
            if decision and decision["decision"] in ("accept", "correct"):
                rows.append(export_row({**decision, "original": row}))
        for decision in decisions.values():
            if decision["decision"] == "add" and (doc_ids is None or decision["doc_id"] in doc_ids):
                if (decision.get("fields") or {}).get("kind") in ("investment", "commitment"):
                    rows.append(export_row(decision))
        return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))

    def export_csv(self, investments: pd.DataFrame, doc_ids: set[str] | None = None) -> str:
        """`export_frame` as CSV text (UTF-8, header first)."""
        return self.export_frame(investments, doc_ids).to_csv(index=False, lineterminator="\n")

    @staticmethod
    def _sample(article: Mapping, decisions: list[dict], history: list[dict]) -> dict:
        published = article.get("published") or None
        return {
            "id": str(article["id"]), "split": "review", "published": published,
            "title": article.get("title") or None, "url": article.get("url") or None,
            "text": article["text"], "spans": sample_spans(decisions),
            "facts": sample_facts(decisions, published),
            "decisions": decisions, "history": history,
        }

    def _read(self, path: Path) -> dict | None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached and cached[0] == key:
            return cached[1]
        try:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            sample = json.loads(lines[-1]) if lines else None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{path}: unreadable reviews file ({exc}); fix or move it") from None
        if sample is not None and not isinstance(sample, dict):
            raise StoreError(f"{path}: a JSON object was expected")
        self._cache[path] = (key, sample)
        return sample

    def _write(self, path: Path, sample: dict) -> None:
        data = (json.dumps(sample, ensure_ascii=False) + "\n").encode("utf-8")
        atomic_write(path, data)
        self._cache.pop(path, None)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with _LOCK:
            self.dir.mkdir(parents=True, exist_ok=True)
            if fcntl is None:
                yield
                return
            with open(self.dir / ".lock", "a+b") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)


def export_row(decision: Mapping) -> dict:
    """One row of the reviewed table from a kept decision (corrections applied)."""
    row = {c: "" for c in INVESTMENT_COLUMNS}
    row.update(reviewed_row(decision))
    fields = decision.get("fields") or {}
    if decision["decision"] == "add":
        row.update({"doc_id": decision.get("doc_id", ""), "row_id": decision["row_id"],
                    "evidence": fields.get("text", ""), "rule": ADDED_RULE, "confidence": "1.0"})
    if {"amount_value", "amount_currency"} & set(fields):
        row.update(_eur(row))
    row.update({"review_status": decision["decision"], "reviewer": decision.get("reviewer", ""),
                "reviewed_at": decision.get("time", "")})
    return {c: row.get(c, "") for c in EXPORT_COLUMNS}


def _eur(row: Mapping[str, str]) -> dict[str, str]:
    """amount_eur and fx columns again after a corrected amount or currency."""
    blank = {"amount_eur": "", "fx_rate": "", "fx_date": "", "fx_note": "corrected in review"}
    try:
        from pipeline.normalize.fx import to_eur
        from pipeline.normalize.periods import parse_published

        conversion = to_eur(float(row["amount_value"]), row.get("amount_currency") or None,
                            parse_published(row.get("published") or None))
    except Exception:                           # no rate, no value: leave EUR empty, not a guess
        return blank
    if conversion.amount_eur is None:
        return {**blank, "fx_note": conversion.note or blank["fx_note"]}
    return {"amount_eur": format_number(round(conversion.amount_eur, 2)),
            "fx_rate": str(conversion.rate), "fx_date": conversion.fx_date.isoformat()
            if conversion.fx_date else "", "fx_note": conversion.note or ""}
