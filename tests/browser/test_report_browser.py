"""The report in headless Chromium, opened from disk with every non-file request refused:
every chart is drawn, what it draws is what the tables say, and hostile text stays text."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pipeline.report.build import build_report
from pipeline.report.figures import number, read_tables
from pipeline.report.fixture import write_fixture
from pipeline.review.fixture import HOSTILE

pytestmark = pytest.mark.browser
CHARTS = ("map", "country", "investor", "month")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    output, corpus = write_fixture(tmp_path_factory.mktemp("report"))
    return build_report(output, corpus / "reviews", "http://127.0.0.1:9"), read_tables(output)


@pytest.fixture
def offline(page):
    """The page with the network cut: every request but file:// is aborted and recorded,
    as are script errors and dialogs."""
    seen = {"requests": [], "errors": [], "dialogs": []}

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    return page, seen


def open_report(offline, report):
    page, seen = offline
    page.goto(report[0].as_uri())
    expect(page.locator("body")).to_have_attribute("data-charts", "done", timeout=20000)
    return page, seen


def drawn(page, chart: str) -> dict[str, float]:
    """What a chart drew: its `totals` data as the Vega view holds it, key -> bn EUR."""
    values = page.evaluate(f"() => window.reportViews[{chart!r}].data('totals')")
    return {v["key"]: v["eur_bn"] for v in values}


def expected(events, column: str) -> dict[str, float]:
    sums: dict[str, float] = {}
    for row in events.to_dict("records"):
        key = row[column][:7] if column == "first_published" else row[column]
        sums[key] = sums.get(key, 0.0) + (number(row["amount_eur"]) or 0.0)
    return {k: round(v / 1e9, 3) for k, v in sums.items()}


def test_report_browser_offline_draws_every_chart(offline, report):
    page, seen = open_report(offline, report)
    for chart in CHARTS:
        box = page.locator(f"#chart-{chart}")
        expect(box).to_have_attribute("data-rendered", "1")
        expect(box.locator("svg path").first).to_be_attached()
    bars = page.locator("#chart-country g.mark-rect path")
    expect(bars).to_have_count(len(report[1]["events"]["country"].unique()))
    assert page.locator("#chart-map g.mark-shape path").count() > 100     # the countries' shapes
    assert seen == {"requests": [], "errors": [], "dialogs": []}


@pytest.mark.parametrize("chart, column", [
    ("country", "country"), ("investor", "investor"), ("month", "first_published")])
def test_report_browser_charts_match_the_tables(offline, report, chart, column):
    page, seen = open_report(offline, report)
    assert drawn(page, chart) == expected(report[1]["events"], column)
    table = page.locator(f"#{chart}-table tr.total").evaluate_all(
        "rows => rows.map(r => [r.dataset.key, Number(r.dataset.eur)])")
    assert {k: round(v / 1e9, 3) for k, v in table} == expected(report[1]["events"], column)
    assert seen["requests"] == []


def test_report_browser_map_colours_the_countries_with_money(offline, report):
    page, _ = open_report(offline, report)
    coloured = page.evaluate("() => window.reportViews.map.data('totals').map(v => v.key)")
    assert sorted(coloured) == sorted(set(report[1]["events"]["country"]) - {""})


def test_report_browser_shows_each_outlets_figure_and_links_to_review(offline, report):
    page, _ = open_report(offline, report)
    spain = page.locator("#events-table tr.disagree")
    expect(spain).to_have_count(1)
    expect(spain.locator("li.source a")).to_have_text(["2.10 bn USD", "1.90 bn EUR"])
    expect(spain.locator(".spread")).to_have_text("+2.1 %")
    href = spain.locator("li.source a").first.get_attribute("href")
    assert href.startswith("http://127.0.0.1:9/row/") and len(href.rsplit("/", 1)[1]) == 16
    expect(page.locator("#low-table tr.flagged")).to_have_count(1)
    expect(page.locator("#documents-table tr.document")).to_contain_text(["fx_broken"])
    expect(page.locator("#reviewed")).to_have_text("1 / 6")


def test_report_browser_hostile_article_stays_text(offline, report):
    page, seen = open_report(offline, report)
    expect(page.locator("#events-table")).to_contain_text(f"Evil {HOSTILE}")
    assert page.locator("main img, main iframe, main object").count() == 0
    page.locator("#chart-investor g.mark-rect path").nth(1).hover()        # the tooltip
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_contain_text(f"Evil {HOSTILE}")
    assert tooltip.locator("img, script").count() == 0
    assert seen["dialogs"] == [] and seen["errors"] == []
