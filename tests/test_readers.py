"""Bad input gets a one-line error and the other documents go on."""
from __future__ import annotations

import json

import pytest

from pipeline.io import readers
from pipeline.io.readers import Article, ReadError, iter_articles


def _read(path):
    return list(iter_articles([path]))


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n", "empty file"),
    ("binary.txt", b"\x00\x01\x02PNG\x00", "binary file"),
    ("nothing.html", b"<html><body><nav>Menu</nav></body></html>", "HTML page without"),
])
def test_readers_bad_file_is_one_line_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [item] = _read(path)
    assert isinstance(item, ReadError)
    assert reason in item.error and "\n" not in item.error


def test_readers_cp1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Microsoft investit 4 milliards d’euros en France.".encode("cp1252"))
    [item] = _read(path)
    assert isinstance(item, Article) and "d’euros" in item.text
    assert "cp1252" in item.warning


def test_readers_bom_and_crlf_are_kept_out_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2024-05 Amazon investit.\r\nSuite.".encode("utf-8"))
    [item] = _read(path)
    assert item.published == "2024-05"
    assert item.text[item.body_start:].startswith("Amazon investit.")


def test_readers_date_header_is_publication_date_not_text():
    article = readers.parse_txt("d", "d.txt", " date 2024-02 Microsoft va investir.")
    assert article.published == "2024-02"
    assert article.text[article.body_start:] == "Microsoft va investir."


def test_readers_jsonl_bad_lines_do_not_lose_good_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {"id": "a1", "text": "Google investit 1 milliard.", "published": "2024-03-01",
            "url": "https://example.org/a1", "title": "Titre"}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "a2"}),
                               json.dumps([1, 2]), json.dumps({**good, "id": "a3"})]),
                    encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "ReadError", "Article"]
    assert items[0].url == "https://example.org/a1" and items[0].published == "2024-03-01"
    assert "line 2" in items[1].error and "malformed JSON" in items[1].error


def test_readers_html_main_text_is_extracted(tmp_path):
    body = " ".join(["Amazon Web Services va investir 1,2 milliard d'euros en Espagne."] * 5)
    html = (f"<html><head><title>AWS en Espagne</title></head><body><nav>Accueil | Tech</nav>"
            f"<article><h1>AWS en Espagne</h1><p>{body}</p></article><footer>© 2024</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, Article)
    assert "1,2 milliard" in item.text and "Accueil" not in item.text


def test_readers_too_large_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("x" * 500, encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, ReadError) and "too large" in item.error


def test_readers_walk_is_sorted_and_skips_annotations(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Deux.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "x.facts.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.md").write_text("pas un article", encoding="utf-8")
    assert [a.doc_id for a in _read(tmp_path)] == ["1", "2"]
