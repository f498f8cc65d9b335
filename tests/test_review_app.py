"""The review web app through Flask's test client: pages, filters, progress, decisions,
escaping of hostile article text, and refusal of paths outside the output and corpus."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.review.app import create_app
from pipeline.review.fixture import write_fixture
from pipeline.review.output import OutputError
from pipeline.review.store import EXPORT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folders(tmp_path):
    return write_fixture(tmp_path)


@pytest.fixture
def app(folders):
    return create_app(*folders, reviewer="ana")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def rows(app):
    output, _ = app.extensions["review"]
    return {r["doc_id"] + ":" + r["kind"]: r for r in output.rows}


def post(client, app, url, **form):
    return client.post(url, data={"token": app.config["REVIEW_TOKEN"], **form})


def listed(client, **query) -> list[str]:
    html = client.get("/", query_string=query).get_data(as_text=True)
    return [line.split('data-row-id="')[1][:16] for line in html.splitlines() if "data-row-id=" in line]


class Tags(HTMLParser):
    """Every start tag with its attributes, to check what the browser would build."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_review_app_lists_rows_with_progress(client, rows):
    html = client.get("/").get_data(as_text=True)
    assert len(listed(client)) == 4
    assert 'id="progress-reviewed">0</b> / <b id="progress-total">4</b>' in html


@pytest.mark.parametrize("query, expected", [
    ({"doc": "fx_002"}, ["fx_002:investment"]),
    ({"investor": "micro"}, ["fx_001:investment", "fx_001:commitment"]),
    ({"country": "de"}, ["fx_002:investment"]),
    ({"kind": "commitment"}, ["fx_001:commitment"]),
    ({"min_confidence": "0.6"}, ["fx_001:investment", "fx_001:commitment", "fx_evil:investment"]),
    ({"state": "pending"}, ["fx_001:commitment", "fx_002:investment", "fx_evil:investment"]),
    ({"state": "accept"}, ["fx_001:investment"]),
    ({"state": "reviewed", "kind": "investment"}, ["fx_001:investment"]),
    ({"doc": "nope"}, []),
])
def test_review_app_filters(client, app, rows, query, expected):
    post(client, app, f"/row/{rows['fx_001:investment']['row_id']}/decision", decision="accept")
    assert listed(client, **query) == [rows[key]["row_id"] for key in expected]


def test_review_app_accept_saves_and_moves_to_next_row(client, app, rows, folders):
    first, second = rows["fx_001:investment"], rows["fx_001:commitment"]
    response = post(client, app, f"/row/{first['row_id']}/decision?kind=", decision="accept")
    assert response.status_code == 303 and response.headers["Location"] == f"/row/{second['row_id']}"
    html = client.get("/").get_data(as_text=True)
    assert 'id="progress-reviewed">1</b>' in html
    sample = json.loads((folders[1] / "reviews" / "fx_001.reviews.jsonl").read_text("utf-8"))
    assert sample["decisions"][0]["decision"] == "accept"
    page = client.get(f"/row/{first['row_id']}").get_data(as_text=True)
    assert 'id="state-decision">accept</b> by ana' in page


def test_review_app_next_keeps_the_filters(client, app, rows):
    google = rows["fx_002:investment"]
    response = post(client, app, f"/row/{rows['fx_001:investment']['row_id']}/decision?kind=investment",
                    decision="reject")
    assert response.headers["Location"] == f"/row/{google['row_id']}?kind=investment"


def test_review_app_correct_amount(client, app, rows, folders):
    google = rows["fx_002:investment"]
    response = post(client, app, f"/row/{google['row_id']}/decision", decision="correct",
                    investor="Google", amount_value="1 200 000 000", amount_currency="USD",
                    country="DE", period_end="2030")
    assert response.status_code == 303
    sample = json.loads((folders[1] / "reviews" / "fx_002.reviews.jsonl").read_text("utf-8"))
    assert sample["decisions"][0]["fields"] == {"amount_value": "1200000000"}
    assert sample["facts"]["investments"][0]["amount_value"] == 1200000000
    page = client.get(f"/row/{google['row_id']}").get_data(as_text=True)
    assert 'value="1200000000"' in page and 'id="state-decision">correct' in page


def test_review_app_unchanged_correction_is_an_accept(client, app, rows, folders):
    google = rows["fx_002:investment"]
    post(client, app, f"/row/{google['row_id']}/decision", decision="correct", investor="Google")
    assert client.get(f"/row/{google['row_id']}").get_data(as_text=True).count(">accept</b>") == 1


def test_review_app_bad_correction_is_not_saved(client, app, rows, folders):
    google = rows["fx_002:investment"]
    response = post(client, app, f"/row/{google['row_id']}/decision", decision="correct",
                    amount_value="beaucoup")
    assert response.status_code == 303
    assert not (folders[1] / "reviews" / "fx_002.reviews.jsonl").exists()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "not saved: amount_value" in page


def test_review_app_add_fact_from_selection(client, app, rows, folders):
    output, _ = app.extensions["review"]
    text = output.article("fx_002").text
    start = text.index("Allemagne")
    response = post(client, app, "/doc/fx_002/add", start=str(start - 1), end=str(start + 10),
                    label="COUNTRY", value="DE", kind="", back=rows["fx_002:investment"]["row_id"])
    assert response.headers["Location"] == f"/row/{rows['fx_002:investment']['row_id']}"
    sample = json.loads((folders[1] / "reviews" / "fx_002.reviews.jsonl").read_text("utf-8"))
    assert sample["spans"] == [{"start": start, "end": start + 9, "label": "COUNTRY",
                                "value": "DE", "text": "Allemagne"}]       # spaces trimmed
    assert text[start:start + 9] == "Allemagne"


@pytest.mark.parametrize("form", [
    {"start": "5", "end": "5", "label": "ORG"},
    {"start": "-1", "end": "4", "label": "ORG"},
    {"start": "0", "end": "99999", "label": "ORG"},
    {"start": "x", "end": "4", "label": "ORG"},
    {"start": "14", "end": "20", "label": "<script>"},
    {"start": "14", "end": "20", "label": "ORG", "kind": "investment", "country": "France"},
])
def test_review_app_add_fact_refuses_bad_forms(client, app, folders, form):
    response = post(client, app, "/doc/fx_002/add", **form)
    assert response.status_code == 303
    assert not (folders[1] / "reviews" / "fx_002.reviews.jsonl").exists()


def test_review_app_paragraph_highlights_mentions_with_offsets(client, app, rows):
    page = client.get(f"/row/{rows['fx_001:investment']['row_id']}").get_data(as_text=True)
    output, _ = app.extensions["review"]
    text = output.article("fx_001").text
    marks = [a for t, a in tags(page) if t == "mark" and "data-label" in a]
    assert [m["data-label"] for m in marks] == ["ORG", "AMOUNT", "COUNTRY", "SITE", "PERSON"]
    spans = [a for t, a in tags(page) if t == "span" and "t" in a.get("class", "").split()]
    pieces = [(int(a["data-start"]), int(a["data-end"])) for a in spans]
    assert pieces[0][0] == 13 and all(b == c for (_, b), (c, _) in zip(pieces, pieces[1:]))
    assert text[pieces[0][0]:pieces[-1][1]] == text.split("\n")[0][13:]


@pytest.mark.parametrize("url", ["/", "/row/{evil}", "/doc/fx_evil", "/row/{evil}?investor=<script>"])
def test_review_app_escapes_hostile_text(client, rows, url):
    html = client.get(url.format(evil=rows["fx_evil:investment"]["row_id"])).get_data(as_text=True)
    built = tags(html)
    assert [t for t, _ in built if t == "img"] == []
    assert [a for t, a in built if t == "script"] == [{"src": "/static/review.js", "defer": None}]
    assert not [(t, k) for t, a in built for k in a if k.startswith("on")]
    if url != "/":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_review_app_sets_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("url", [
    "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/..", "/doc/.hidden", "/doc/%2E%2E", "/row/..%2F..%2Fetc",
    "/static/..%2F..%2Fapp.py", "/static/../app.py", "/doc/fx_001%2F..%2F..%2Foutput",
    "/row/0000000000000000",
])
def test_review_app_refuses_paths(client, url):
    assert client.get(url).status_code in (400, 404)


def test_review_app_refuses_posts_to_paths(client, app, folders):
    assert post(client, app, "/doc/..%2Fx/add", start="0", end="4", label="ORG").status_code in (400, 404)
    assert post(client, app, "/doc/../add", start="0", end="4", label="ORG").status_code in (400, 404)
    assert not (folders[1] / "reviews").exists() and not (folders[1] / "x.reviews.jsonl").exists()


def test_review_app_refuses_article_files_outside_the_corpus(tmp_path):
    output, corpus = write_fixture(tmp_path)
    documents = (output / "documents.csv").read_text("utf-8")
    (output / "documents.csv").write_text(
        documents.replace(str(corpus / "articles" / "fx_002.txt"), "../../../../etc/passwd"), "utf-8")
    app = create_app(output, corpus)
    client = app.test_client()
    assert client.get("/doc/fx_002").status_code == 404
    row_id = next(r["row_id"] for r in app.extensions["review"][0].rows if r["doc_id"] == "fx_002")
    row_page = client.get(f"/row/{row_id}").get_data(as_text=True)
    assert "article file not found inside the corpus folder" in row_page
    assert "root:" not in row_page and 'id="passage"' not in row_page


def test_review_app_refuses_posts_without_token(client, rows, folders):
    row_id = rows["fx_001:investment"]["row_id"]
    assert client.post(f"/row/{row_id}/decision", data={"decision": "accept"}).status_code == 403
    assert client.post(f"/row/{row_id}/decision",
                       data={"decision": "accept", "token": "guess"}).status_code == 403
    assert not (folders[1] / "reviews").exists()


def test_review_app_refuses_other_hosts(client):
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_review_app_export_download(client, app, rows):
    post(client, app, f"/row/{rows['fx_002:investment']['row_id']}/decision", decision="correct",
         amount_value="1200000000")
    post(client, app, f"/row/{rows['fx_evil:investment']['row_id']}/decision", decision="reject")
    response = client.get("/export.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS) and len(lines) == 2
    assert ",1200000000,USD," in lines[1] and ",correct,ana," in lines[1]


def test_review_app_document_page_shows_all_paragraphs(client):
    html = client.get("/doc/fx_001").get_data(as_text=True)
    assert html.count('class="passage"') == 2 and "formera" in html and "date 2024" not in html


@pytest.mark.parametrize("make, message", [
    (lambda tmp: (tmp / "missing", tmp), "no output folder"),
    (lambda tmp: (tmp, tmp), "no investments.csv"),
])
def test_review_app_bad_output_is_a_one_line_error(tmp_path, make, message):
    with pytest.raises(OutputError, match=message) as caught:
        create_app(*make(tmp_path))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/output"], "error: no output folder at /nonexistent/output"),
    (["{out}", "--corpus", "{corpus}", "--host", "0.0.0.0"], "error: refused --host 0.0.0.0"),
])
def test_review_cli_errors_are_one_line(folders, args, message):
    out, corpus = folders
    args = [a.format(out=out, corpus=corpus) for a in args]
    done = subprocess.run([sys.executable, "-m", "pipeline", "review", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(message) and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
