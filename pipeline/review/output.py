"""The pipeline output the review page shows: tables, filters, and article texts.

Tables are read through `pipeline.io.table.read_table` and read again when investments.csv
changes (the pipeline ran again). An article is re-read with `readers.load_article` only
from a file inside the corpus folder: a `source` pointing elsewhere is refused.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.io.readers import Article, load_article
from pipeline.io.table import read_table

FILTERS = ("doc", "investor", "country", "kind", "min_confidence", "state")
STATES = ("pending", "reviewed", "accept", "reject", "correct")


class OutputError(ValueError):
    """An output folder the page cannot open (one line, shown without traceback)."""


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article re-read for display, or why it could not be (`text` is None then)."""

    text: str | None
    body_start: int = 0
    published: str | None = None
    title: str | None = None
    url: str | None = None
    problem: str = ""


class Output:
    """The three tables of one output folder, reloaded when the pipeline writes them again."""

    def __init__(self, output_dir: str | Path, corpus_dir: str | Path) -> None:
        self.dir = Path(output_dir)
        self.corpus = Path(corpus_dir).resolve()
        if not self.dir.is_dir():
            raise OutputError(f"no output folder at {self.dir}: run `make run` first")
        if not self.corpus.is_dir():
            raise OutputError(f"no corpus folder at {corpus_dir}: pass --corpus")
        if not (self.dir / "investments.csv").is_file():
            raise OutputError(f"no investments.csv in {self.dir}: run `make run` first")
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._articles: dict[tuple, ArticleText] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the tables again if any of them changed on disk."""
        stamp = tuple(_stamp(self.dir / f"{n}.csv") for n in ("documents", "mentions", "investments"))
        with self._lock:
            if stamp == self._stamp:
                return
            try:
                investments = read_table(self.dir, "investments")
                documents = read_table(self.dir, "documents")
                mentions = read_table(self.dir, "mentions")
            except (OSError, ValueError, pd.errors.ParserError) as exc:
                raise OutputError(f"cannot read the tables in {self.dir}: {exc}") from None
            if "row_id" not in investments.columns:
                raise OutputError(f"{self.dir}/investments.csv has no row_id column: run again")
            self.rows = investments.to_dict("records")
            self.investments = investments
            self.by_id = {r["row_id"]: r for r in self.rows}
            self.documents = {d["doc_id"]: d for d in documents.to_dict("records")}
            self.mentions: dict[str, list[dict]] = {}
            for m in mentions.to_dict("records"):
                self.mentions.setdefault(m["doc_id"], []).append(m)
            self._stamp = stamp

    def doc_ids(self) -> list[str]:
        return sorted(set(self.documents) | {r["doc_id"] for r in self.rows})

    def article(self, doc_id: str) -> ArticleText:
        """The article's text as the pipeline read it, or an ArticleText with a `problem`."""
        document = self.documents.get(doc_id)
        if document is None:
            return ArticleText(None, problem="document not in documents.csv")
        path = self.source_path(document.get("source", ""))
        if path is None:
            return ArticleText(None, problem="article file not found inside the corpus folder")
        key = (str(path), doc_id, _stamp(path))
        if key not in self._articles:
            self._articles[key] = self._read_article(path, doc_id, document)
        return self._articles[key]

    def source_path(self, source: str) -> Path | None:
        """The article file named by a documents.csv `source`, only if inside the corpus."""
        if not source:
            return None
        given = Path(source)
        candidates = [given] if given.is_absolute() else [
            self.corpus.parent / given, self.corpus / given, Path.cwd() / given]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(self.corpus):
                return resolved
        return None

    @staticmethod
    def _read_article(path: Path, doc_id: str, document: Mapping) -> ArticleText:
        article: Article | None = load_article(str(path), doc_id)
        if article is None:
            return ArticleText(None, problem=f"{doc_id} not found in {path.name}")
        changed = document.get("sha256") and document["sha256"] != article.sha256
        return ArticleText(article.text, article.body_start, article.published or None,
                           article.title, article.url,
                           "the article changed since the run: offsets may be off" if changed else "")


def select_rows(rows: list[dict], query: Mapping[str, str], decisions: Mapping[str, dict]) -> list[dict]:
    """The rows that pass the list filters (`FILTERS`, from the page's query string).

    >>> rows = [{"row_id": "a", "doc_id": "d", "investor": "Microsoft", "country": "FR",
    ...          "kind": "investment", "confidence": "0.85"},
    ...         {"row_id": "b", "doc_id": "d", "investor": "Google", "country": "FR",
    ...          "kind": "commitment", "confidence": "0.5"}]
    >>> [r["row_id"] for r in select_rows(rows, {"min_confidence": "0.6"}, {})]
    ['a']
    >>> [r["row_id"] for r in select_rows(rows, {"state": "reviewed"}, {"b": {"decision": "reject"}})]
    ['b']
    """
    doc, kind = query.get("doc", ""), query.get("kind", "")
    investor, country = query.get("investor", "").casefold(), query.get("country", "").upper()
    minimum = _float(query.get("min_confidence", ""))
    state = query.get("state", "")
    out = []
    for row in rows:
        if doc and row.get("doc_id") != doc or kind and row.get("kind") != kind:
            continue
        if investor and investor not in (row.get("investor") or "").casefold():
            continue
        if country and (row.get("country") or "").upper() != country:
            continue
        if minimum is not None and (_float(row.get("confidence", "")) or 0.0) < minimum:
            continue
        if state and not _in_state(decisions.get(row["row_id"]), state):
            continue
        out.append(row)
    return out


def _in_state(decision: Mapping | None, state: str) -> bool:
    if state == "pending":
        return decision is None
    if state == "reviewed":
        return decision is not None
    return decision is not None and decision.get("decision") == state


def clean_query(args: Mapping[str, str]) -> dict[str, str]:
    """Only the known filters, non-empty, as strings (what links carry from page to page)."""
    return {k: str(args[k]).strip() for k in FILTERS if str(args.get(k, "")).strip()}


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)
