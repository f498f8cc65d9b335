"""The offline report: figures that match the tables, every source of an announcement side
by side, what needs a reviewer, links to the review page, hostile text escaped."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report.build import build_report
from pipeline.report.figures import ReportError, events_with_sources, read_tables, review_state, totals
from pipeline.report.fixture import ORPHAN, write_fixture
from pipeline.review.fixture import HOSTILE

ROOT = Path(__file__).resolve().parent.parent


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def folders(tmp_path):
    return write_fixture(tmp_path)


@pytest.fixture
def tables(folders):
    return read_tables(folders[0])


@pytest.fixture
def html(folders):
    output, corpus = folders
    return build_report(output, corpus / "reviews", "http://127.0.0.1:9999/").read_text(encoding="utf-8")


@pytest.mark.parametrize("by, expected", [
    ("country", [("FR", 4e9, 1), ("ES", 1.94e9, 1), ("MA", 5e6, 1), ("DE", 0.0, 1)]),
    ("investor", [("Microsoft", 5.94e9, 2), (f"Evil {HOSTILE}", 5e6, 1), ("Google", 0.0, 1)]),
    ("month", [("2024-02", 1.94e9, 1), ("2024-05", 4e9, 1), ("2024-06", 0.0, 1), ("2024-07", 5e6, 1)]),
])
def test_report_totals_count_each_announcement_once(tables, by, expected):
    got = [(t.key, round(t.amount_eur), t.events) for t in totals(tables["events"], by)]
    assert got == [(k, round(a), n) for k, a, n in expected]


def test_report_events_show_every_outlet_and_their_spread(tables):
    events = events_with_sources(tables["events"], tables["investments"], tables["documents"])
    spain = next(e for e in events if e.row["country"] == "ES")
    assert [s.figure for s in spain.sources] == ["2100000000 USD", "1900000000 EUR"]
    assert spain.disagree and spain.spread == pytest.approx(1.94 / 1.9 - 1)
    assert not any(e.disagree for e in events if e is not spain)


def test_report_review_state_lists_what_needs_a_reviewer(folders, tables):
    state = review_state(tables, folders[1] / "reviews", threshold=0.6)
    assert [r["doc_id"] for r in state.low_confidence] == ["fx_002"]
    assert [d["doc_id"] for d in state.documents] == ["fx_broken"]
    assert [(r["doc_id"], r["amount_currency"]) for r in state.no_rate] == [("fx_002", "USD")]
    assert (state.reviewed, state.total, state.decisions, state.orphaned) == (1, 6, {"accept": 1}, 1)


def test_report_page_shows_the_tables_figures_with_links(html, tables):
    assert 'href="http://127.0.0.1:9999/row/' in html and "9999//" not in html
    events = re.findall(r'<tr class="event( disagree)?" data-event="(\w+)"', html)
    assert sorted(e for _, e in events) == sorted(tables["events"]["event_id"])
    assert [bool(flag) for flag, _ in events].count(True) == 1
    assert "2.10 bn USD" in html and "1.90 bn EUR" in html and "+2.1 %" in html
    assert 'href="http://127.0.0.1:9999/?country=FR&amp;kind=investment"' in html
    for row_id in tables["investments"].query("kind == 'commitment'")["row_id"]:
        assert f'http://127.0.0.1:9999/row/{row_id}' in html
    assert f"/row/{ORPHAN}" not in html        # an orphaned decision is no row of the tables


def test_report_page_is_self_contained(html):
    built = tags(html)
    assert not [a for _, a in built if any(k in a for k in ("src", "srcset"))]
    assert not [a["href"] for t, a in built if t == "link"]
    assert [a.get("type") for t, a in built if t == "script"] == ["application/json", "module"]
    specs = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>', html, re.S).group(1)
    assert set(json.loads(specs)) == {"map", "country", "investor", "month"}


def test_report_escapes_hostile_text(html):
    built = tags(html)
    assert [t for t, _ in built if t in ("img", "iframe", "object")] == []
    assert not [(t, k) for t, a in built for k in a if k.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 2 and "<script>alert" not in html
    specs = re.search(r'id="chart-specs">(.*?)</script>', html, re.S).group(1)
    labels = [v["label"] for v in json.loads(specs)["investor"]["data"]["values"]]
    assert "<" not in specs and f"Evil {HOSTILE}" in labels     # drawn as text by Vega, not HTML


def test_report_refuses_a_folder_without_tables(tmp_path):
    with pytest.raises(ReportError, match="no investments.csv"):
        read_tables(tmp_path)


@pytest.mark.parametrize("args, code, says", [
    (["{output}"], 0, "report -> "),
    (["{empty}"], 2, "error: no investments.csv in"),
])
def test_report_cli(folders, tmp_path, args, code, says):
    output, corpus = folders
    (tmp_path / "empty").mkdir()
    argv = [a.format(output=output, empty=tmp_path / "empty") for a in args]
    done = subprocess.run([sys.executable, "-m", "pipeline", "report", *argv, "--corpus", str(corpus)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert (output / "report.html").is_file() == (code == 0)
