"""The review page in headless Chromium: open, filter, review with the keyboard alone,
correct an amount, reload and see it kept, export, add a fact by selecting text, and no
script from a hostile article."""
from __future__ import annotations

import csv
import json
import re

import pytest
from playwright.sync_api import expect

from pipeline.review.fixture import HOSTILE, write_fixture  # noqa: F401 (HOSTILE documents the case)
from pipeline.review.store import EXPORT_COLUMNS

pytestmark = pytest.mark.browser


def shown_rows(page):
    return page.locator("#rows tbody tr.row")


def sample(site, doc_id: str) -> dict:
    return json.loads((site.reviews / f"{doc_id}.reviews.jsonl").read_text(encoding="utf-8"))


def article_text(site, doc_id: str) -> str:
    from pipeline.io.readers import load_article

    return load_article(str(site.corpus / "articles" / f"{doc_id}.txt"), doc_id).text


def ready(page) -> None:
    """Wait until the page's script has set up its keys (after the new page is shown)."""
    page.wait_for_function("() => document.body && document.body.dataset.ready === '1'")


def open_row(page, **query) -> None:
    page.goto("/?" + "&".join(f"{k}={v}" for k, v in query.items()))
    page.locator("#rows a.open").first.click()
    expect(page).to_have_url(re.compile(r"/row/[0-9a-f]{16}"))
    expect(page.locator("#position")).to_be_visible()
    ready(page)


def test_review_browser_open_shows_rows_and_highlighted_paragraph(page):
    page.goto("/")
    expect(shown_rows(page)).to_have_count(4)
    expect(page.locator("#progress")).to_contain_text("reviewed 0 / 4")
    expect(page.locator("#keys")).to_contain_text("open")
    page.locator("#rows a.open").first.click()
    expect(page.locator("#evidence")).to_contain_text("Microsoft va investir 4 milliards")
    organisation = page.locator("#passage mark.ent-ORG").first
    expect(organisation).to_contain_text("Microsoft")
    expect(organisation.locator(".lbl")).to_have_text("ORG")
    labels = page.locator("#passage mark.ent").evaluate_all("ms => ms.map(m => m.dataset.label)")
    assert labels == ["ORG", "AMOUNT", "COUNTRY", "SITE", "PERSON"]
    colours = {page.locator(f"#passage mark.ent-{label}").first.evaluate(
        "m => getComputedStyle(m).backgroundColor") for label in labels}
    assert len(colours) == 5
    expect(page.locator("#rule")).to_have_text("invest.verb_investir")
    expect(page.locator("#confidence")).to_have_text("0.85")
    for key in ("accept", "reject", "correct", "next", "previous"):
        expect(page.locator("#keys")).to_contain_text(key)


def test_review_browser_filters(page):
    page.goto("/")
    page.select_option("#f-country", "DE")
    page.click("#f-apply")
    expect(shown_rows(page)).to_have_count(1)
    expect(shown_rows(page)).to_contain_text("Google")
    page.goto("/")
    page.fill("#f-confidence", "0.65")
    page.select_option("#f-kind", "investment")
    page.click("#f-apply")
    expect(shown_rows(page)).to_have_count(2)
    page.fill("#f-investor", "micro")
    page.click("#f-apply")
    expect(shown_rows(page)).to_have_count(1)
    expect(page.locator("#f-investor")).to_have_value("micro")


def test_review_browser_keyboard_alone_reviews_every_row(page, review_site):
    page.goto("/")
    ready(page)
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    steps = [  # key, then what the page shows
        ("a", "row 2 of 4"), ("r", "row 3 of 4"), ("k", "row 2 of 4"),
        ("ArrowRight", "row 3 of 4"), ("a", "row 4 of 4"),
    ]
    expect(page.locator("#position")).to_have_text("row 1 of 4")
    for key, position in steps:
        ready(page)
        page.keyboard.press(key)
        expect(page.locator("#position")).to_have_text(position)
        if key == "k":
            expect(page.locator("#state-decision")).to_have_text("reject")
        if key in "ar":
            expect(page.locator(".flash-ok")).to_contain_text("saved: ")
    ready(page)
    page.keyboard.press("c")
    expect(page.locator("#c-investor")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    expect(page.locator("#state-decision")).to_have_text("reject")     # last row: stays
    expect(page.locator("#progress")).to_contain_text("reviewed 4 / 4")
    ready(page)
    page.keyboard.press("u")
    expect(page.locator("#rows td.state")).to_have_text(["accept", "reject", "accept", "reject"])
    decisions = {d["decision"] for doc in ("fx_001", "fx_002", "fx_evil")
                 for d in sample(review_site, doc)["decisions"]}
    assert decisions == {"accept", "reject"}


def test_review_browser_correct_amount_is_kept_after_reload(page, review_site):
    open_row(page, doc="fx_002")
    page.keyboard.press("c")
    page.fill("#c-amount_value", "1 200 000 000")
    page.locator("#c-amount_value").press("Enter")
    expect(page.locator(".flash-ok")).to_contain_text("saved: correct")
    page.reload()
    expect(page.locator("#state-decision")).to_have_text("correct")
    expect(page.locator("#c-amount_value")).to_have_value("1200000000")
    expect(page.locator("#fields tr.changed")).to_have_count(1)
    decision = sample(review_site, "fx_002")["decisions"][0]
    assert decision["fields"] == {"amount_value": "1200000000"}
    assert decision["original"]["amount_value"] == "1000000000" and decision["reviewer"] == "browser"


def test_review_browser_export_downloads_the_reviewed_table(page):
    open_row(page, doc="fx_002")
    page.keyboard.press("c")
    page.fill("#c-amount_value", "1200000000")
    page.locator("#c-amount_value").press("Enter")
    expect(page.locator("#state-decision")).to_have_text("correct")
    open_row(page, doc="fx_001")
    page.keyboard.press("a")
    expect(page.locator(".flash-ok")).to_contain_text("saved: accept")
    with page.expect_download() as download:
        page.click("#export-link")
    with open(download.value.path(), encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(EXPORT_COLUMNS)
    assert [(r["investor"], r["amount_value"], r["review_status"]) for r in table] == [
        ("Microsoft", "4000000000", "accept"), ("Google", "1200000000", "correct")]


def test_review_browser_selection_maps_to_article_offsets(page, review_site):
    """A selection from after an emoji (2 UTF-16 units, 1 code point) into a mention."""
    text = article_text(review_site, "fx_002")
    open_row(page, doc="fx_002")
    page.evaluate("""() => {
        const spans = document.querySelectorAll('#passage span.t');
        const first = spans[0].firstChild;                        // '🚀 ' (emoji + space)
        const country = document.querySelector('#passage mark.ent-COUNTRY span.t').firstChild;
        const range = document.createRange();
        range.setStart(first, first.data.length);
        range.setEnd(country, 5);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    page.locator("#passage").dispatch_event("mouseup")
    start, end = text.index("Google"), text.index("Allemagne") + 5
    expect(page.locator("#add-offsets")).to_have_text(f"{start}–{end}")
    expect(page.locator("#add-text")).to_have_text(text[start:end])


def test_review_browser_add_missed_fact_by_double_click(page, review_site):
    text = article_text(review_site, "fx_002")
    open_row(page, doc="fx_002")
    expect(page.locator("#add-form")).to_be_hidden()
    page.locator("#passage mark.ent-COUNTRY span.t").dblclick()
    expect(page.locator("#add-form")).to_be_visible()
    start = text.index("Allemagne")
    expect(page.locator("#add-offsets")).to_have_text(f"{start}–{start + 9}")
    page.select_option("#add-label", "COUNTRY")
    page.fill("#add-value", "DE")
    page.click("#add-submit")
    expect(page.locator(".flash-ok")).to_contain_text("saved: added COUNTRY")
    spans = sample(review_site, "fx_002")["spans"]
    assert spans == [{"start": start, "end": start + 9, "label": "COUNTRY", "value": "DE",
                      "text": "Allemagne"}]
    assert text[spans[0]["start"]:spans[0]["end"]] == "Allemagne"


def test_review_browser_hostile_article_runs_no_script(page, review_site):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_row(page, doc="fx_evil")
    expect(page.locator("#evidence")).to_contain_text("<script>alert(1)</script>")
    for mark in page.locator("#passage mark.ent").all():
        mark.hover()
    page.goto("/doc/fx_evil")
    expect(page.locator(".article")).to_contain_text('<img src=x onerror=alert(1)>')
    page.locator(".article mark.ent-ORG").hover()
    page.goto("/")
    page.locator("#rows tbody tr").last.hover()
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img, main script').length") == 0
