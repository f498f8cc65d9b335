"""Read article files into `Article` records, or a one-line `ReadError` per bad input.

Inputs: `.txt` (UTF-8, optional leading `date YYYY-MM` token), `.jsonl` (one article per
line: `id`, `text`, optional `url`, `title`, `published`, else a leading `date YYYY-MM`
in `text`), `.html`/`.htm` (main text by trafilatura). Folders are walked recursively as a
stream (`walk`). A bad file or line never
stops the walk: it yields a `ReadError` that becomes a `status=error` row.

>>> a = parse_txt("001_x", "x.txt", " date 2024-02 Microsoft investit.")
>>> (a.published, a.text[a.body_start:])
('2024-02', 'Microsoft investit.')
"""
from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from pipeline.io.header import date_header

from pipeline.io.walk import walk

MAX_BYTES = 20_000_000          # larger files are refused (a news article is a few KB)
MIN_HTML_CHARS = 40            # less than that from a page is a menu, not an article
ARTICLE_SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
ANNOTATION_SUFFIXES = (".facts.jsonl", ".reviews.jsonl")


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
    """Article files below `paths` (files or folders), annotations skipped.

    Folders are walked as a stream (`os.scandir`, in the order the file system lists them):
    the first file comes at once and no folder's names are held in memory, so a folder of
    100,000 files starts like a folder of ten. The order is not sorted: the tables are
    sorted when they are assembled, so the outputs do not depend on it.
    """
    for root in paths:
        root = Path(root)
        for path in walk(root) if root.is_dir() else [root]:
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
    """Articles of one file; a file that cannot be read yields one `ReadError`.

    A `.jsonl` feed is streamed line by line (no size limit for the file, `MAX_BYTES` per
    line); any other file is one article and is refused above `MAX_BYTES`.
    """
    doc_id, source = path.stem, str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from stream_jsonl(path)
        return
    try:
        raw = _read_bytes(path)
    except (OSError, ValueError) as exc:
        yield ReadError(doc_id, source, _one_line(exc))
        return
    try:
        text, warning = decode(raw)
        if suffix in {".html", ".htm"}:
            yield parse_html(doc_id, source, text, warning)
        else:
            yield parse_txt(doc_id, source, text, warning)
    except Exception as exc:  # noqa: BLE001 - a bad file is an error row, never a crash
        yield ReadError(doc_id, source, _one_line(exc), hashlib.sha256(raw).hexdigest())


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ValueError("file not found (moved or deleted during the run?)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file too large: {size:,} bytes (limit {MAX_BYTES:,}); "
                         "a feed of many articles should be a .jsonl file")
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
    published, body_start = date_header(text)
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
    for item, _ in _jsonl_lines(io.BytesIO(raw), source):
        yield item


def stream_jsonl(path: Path) -> Iterator[Article | ReadError]:
    """`parse_jsonl` over a file read line by line: memory stays flat on a big feed."""
    for item, _ in stream_jsonl_positions(path):
        yield item


def read_file_positions(path: Path) -> Iterator[tuple[Article | ReadError, int]]:
    """`read_file` with, for each item, the bytes of the file read once it is out: a
    `.jsonl` feed advances line by line, any other file is read whole."""
    if path.suffix.lower() == ".jsonl":
        yield from stream_jsonl_positions(path)
        return
    for item in read_file(path):
        try:
            yield item, path.stat().st_size
        except OSError:
            yield item, 0


def stream_jsonl_positions(path: Path) -> Iterator[tuple[Article | ReadError, int]]:
    """`stream_jsonl`, each item with the byte offset just past its line."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        reason = "file not found (moved or deleted during the run?)" if not path.exists() else _one_line(exc)
        yield ReadError(path.stem, source, reason), 0
        return
    with handle:
        try:
            yield from _jsonl_lines(handle, source)
        except OSError as exc:
            yield ReadError(path.stem, source, f"read failed mid-file: {_one_line(exc)}"), 0


def _jsonl_lines(handle: BinaryIO, source: str) -> Iterator[tuple[Article | ReadError, int]]:
    stem = Path(source).stem
    head = handle.read(4096)
    if b"\x00" in head:
        yield ReadError(stem, source, "binary file (NUL bytes), not text"), len(head)
        return
    if not head.strip() and not handle.read(1):
        yield ReadError(stem, source, "empty file"), len(head)
        return
    handle.seek(0)
    for number, raw in enumerate(_lines(handle), start=1):
        if raw is None:
            yield ReadError(f"{stem}:{number}", source,
                            f"line {number}: too long (over {MAX_BYTES:,} bytes)"), handle.tell()
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        yield _article_from_line(raw, number, source, stem), handle.tell()


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """Lines of a binary file (None for a line over `MAX_BYTES`, which is skipped)."""
    while True:
        line = handle.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
            continue
        yield line


def _article_from_line(raw: bytes, number: int, source: str, stem: str) -> Article | ReadError:
    where = f"{stem}:{number}"
    try:
        line, warning = decode(raw)
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(where, source, f"line {number}: malformed JSON ({exc.msg})")
    except ValueError as exc:
        return ReadError(where, source, f"line {number}: {_one_line(exc)}")
    article = article_from_record(record, source, where)
    if warning and isinstance(article, Article):
        article = replace(article, warning=warning)
    return article


def article_from_record(record: object, source: str, where: str) -> Article | ReadError:
    if not isinstance(record, dict):
        return ReadError(where, source, f"{where}: a JSON object was expected")
    text, doc_id = record.get("text"), record.get("id")
    if not isinstance(text, str) or not text.strip():
        return ReadError(str(doc_id or where), source, f"{where}: missing or empty 'text'")
    if doc_id is None or str(doc_id).strip() == "":
        return ReadError(where, source, f"{where}: missing 'id'")
    published, body_start = record.get("published"), 0
    if not published:           # a feed that opens the text with "date 2024-05"
        published, body_start = date_header(text)
    return Article(str(doc_id), source, text, body_start,
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
