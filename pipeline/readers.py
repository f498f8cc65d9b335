"""Read article files into `Article` records, or a one-line `ReadError` per bad input.

Inputs: `.txt` (UTF-8, optional leading `date YYYY-MM` token), `.jsonl` (one article per
line: `id`, `text`, optional `url`, `title`, `published`), `.html`/`.htm` (main text by
trafilatura). Folders are walked recursively in sorted order. A bad file or line never
stops the walk: it yields a `ReadError` that becomes a `status=error` row.

>>> a = parse_txt("001_x", "x.txt", " date 2024-02 Microsoft investit.")
>>> (a.published, a.text[a.body_start:])
('2024-02', 'Microsoft investit.')
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20_000_000          # larger files are refused (a news article is a few KB)
MIN_HTML_CHARS = 40            # less than that from a page is a menu, not an article
ARTICLE_SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
ANNOTATION_SUFFIXES = (".facts.jsonl", ".reviews.jsonl")
DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: `text` is what offsets refer to; analysis starts at `body_start`."""

    doc_id: str
    source: str
    text: str
    body_start: int = 0
    published: str | None = None
    url: str | None = None
    title: str | None = None
    warning: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read, with a one-line reason."""

    doc_id: str
    source: str
    error: str
    sha256: str = ""


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Article files below `paths` (files or folders), sorted, annotations skipped."""
    for root in paths:
        root = Path(root)
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file())
        else:
            files = [root]
        for path in files:
            if path.name.endswith(ANNOTATION_SUFFIXES) or path.name.startswith("."):
                continue
            if root.is_dir() and path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            yield path


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ReadError]:
    """Every article (or read error) found below `paths`."""
    for path in iter_paths(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[Article | ReadError]:
    """Articles of one file; a file that cannot be read yields one `ReadError`."""
    doc_id, source = path.stem, str(path)
    try:
        raw = _read_bytes(path)
    except (OSError, ValueError) as exc:
        yield ReadError(doc_id, source, _one_line(exc))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from parse_jsonl(raw, source)
        return
    try:
        text, warning = decode(raw)
        if suffix in {".html", ".htm"}:
            yield parse_html(doc_id, source, text, warning)
        else:
            yield parse_txt(doc_id, source, text, warning)
    except ValueError as exc:
        yield ReadError(doc_id, source, _one_line(exc), hashlib.sha256(raw).hexdigest())


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ValueError("file not found (moved or deleted during the run?)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file too large: {size:,} bytes (limit {MAX_BYTES:,})")
    return path.read_bytes()


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, warning). UTF-8 (BOM dropped), else cp1252 with a warning.

    >>> decode("é".encode("cp1252"))
    ('é', 'not valid UTF-8: decoded as cp1252')
    """
    if not raw.strip():
        raise ValueError("empty file")
    if b"\x00" in raw[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not valid UTF-8: decoded as cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not valid UTF-8: decoded as latin-1"


def parse_txt(doc_id: str, source: str, text: str, warning: str = "") -> Article:
    """A `.txt` article; a leading `date YYYY-MM` token is the publication date."""
    if not text.strip():
        raise ValueError("empty file")
    header = DATE_HEADER.match(text)
    published, body_start = (header.group(1), header.end()) if header else (None, 0)
    if _looks_like_html(text):
        return parse_html(doc_id, source, text, warning)
    return Article(doc_id, source, text, body_start, published, warning=warning)


def parse_html(doc_id: str, source: str, html: str, warning: str = "") -> Article:
    """Main text of an HTML page (trafilatura), with its title, URL and date if given."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.strip()) < MIN_HTML_CHARS:
        raise ValueError("HTML page without extractable article text")
    date = getattr(extracted, "date", None)
    return Article(doc_id, source, text, 0, date, getattr(extracted, "url", None),
                   getattr(extracted, "title", None), warning)


def parse_jsonl(raw: bytes, source: str) -> Iterator[Article | ReadError]:
    """One article per JSON line; a bad line is a `ReadError`, the good lines still count."""
    stem = Path(source).stem
    try:
        text, _ = decode(raw)
    except ValueError as exc:
        yield ReadError(stem, source, _one_line(exc))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{stem}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, source, f"line {number}: malformed JSON ({exc.msg})")
            continue
        article = _article_from_record(record, source, where)
        yield article


def _article_from_record(record: object, source: str, where: str) -> Article | ReadError:
    if not isinstance(record, dict):
        return ReadError(where, source, f"{where}: a JSON object was expected")
    text, doc_id = record.get("text"), record.get("id")
    if not isinstance(text, str) or not text.strip():
        return ReadError(str(doc_id or where), source, f"{where}: missing or empty 'text'")
    if doc_id is None or str(doc_id).strip() == "":
        return ReadError(where, source, f"{where}: missing 'id'")
    published = record.get("published")
    return Article(str(doc_id), source, text, 0,
                   str(published) if published else None,
                   _opt_str(record.get("url")), _opt_str(record.get("title")))


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _one_line(exc: BaseException) -> str:
    message = str(exc) or exc.__class__.__name__
    return " ".join(message.split())[:300]


def load_article(source: str, doc_id: str) -> Article | None:
    """Re-read one article by source path and id (the review page uses it)."""
    for item in read_file(Path(source)):
        if isinstance(item, Article) and item.doc_id == doc_id:
            return item
    return None
