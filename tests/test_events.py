"""One event per announcement: sources merge, distinct announcements stay distinct."""
from __future__ import annotations

import pytest

from pipeline.facts.events import cluster, group_of


def _row(doc, eur, value=None, currency="EUR", investor="Microsoft", country="ES",
         published="2024-02-19", start=None, end=None, sites="", recipient=""):
    return {"doc_id": doc, "row_id": f"r{doc}", "investor": investor, "country": country,
            "amount_eur": eur, "amount_value": value or eur, "amount_currency": currency,
            "published": published, "period_start": start, "period_end": end, "sites": sites,
            "recipient": recipient}


def _events(rows):
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(group_of(row), []).append(row)
    return [e for key in sorted(groups) for e in cluster(groups[key])]


CASES = [
    ("usd_and_eur_figures_of_one_announcement", [
        _row("a", "1940000000", "2100000000", "USD"), _row("b", "1900000000")], [2]),
    ("same_investor_country_other_amount", [
        _row("a", "4000000000"), _row("b", "1200000000")], [1, 1]),
    ("same_amount_other_period", [
        _row("a", "1000000000", start="2018", end="2019"),
        _row("b", "1000000000", start="2025", end="2027")], [1, 1]),
    ("same_amount_years_apart", [
        _row("a", "1000000000", published="2018-01-10"), _row("b", "1000000000", published="2024-03-01")], [1, 1]),
    ("other_country", [_row("a", "1000000000"), _row("b", "1000000000", country="PT")], [1, 1]),
    ("outside_tolerance", [_row("a", "1000000000"), _row("b", "1200000000")], [1, 1]),
    ("chain_does_not_drift", [
        _row("a", "1000000000"), _row("b", "1100000000"), _row("c", "1250000000")], [2, 1]),
    ("no_investor_no_recipient_stays_alone", [
        _row("a", "1000000000", investor=""), _row("b", "1000000000", investor="")], [1, 1]),
    ("recipient_groups_fund_raises", [
        _row("a", "600000000", investor="", recipient="Mistral AI"),
        _row("b", "600000000", investor="", recipient="Mistral AI")], [2]),
    ("two_rows_of_one_article_count_one_source", [
        _row("a", "1000000000"), {**_row("a", "1050000000"), "row_id": "other"}], [1]),
]


@pytest.mark.parametrize("name, rows, sources", CASES, ids=[c[0] for c in CASES])
def test_events_cluster(name, rows, sources):
    assert sorted(e["source_count"] for e in _events(rows)) == sorted(sources)


def test_events_keep_every_figure_and_dates():
    [event] = _events([_row("b", "1900000000", published="2024-02-20", sites="Madrid"),
                       _row("a", "1940000000", "2100000000", "USD", sites="Madrid;Aragon")])
    assert event["figures"] == "a:2100000000 USD;b:1900000000 EUR"
    assert event["doc_ids"] == "a;b" and event["sites"] == "Madrid;Aragon"
    assert (event["first_published"], event["last_published"]) == ("2024-02-19", "2024-02-20")
    assert (event["amount_eur"], event["amount_eur_min"], event["amount_eur_max"]) == (
        "1940000000", "1900000000", "1940000000")


def test_events_order_of_rows_does_not_matter():
    rows = [_row(d, str(v)) for d, v in zip("abcde", (1e9, 1.1e9, 1.3e9, 1.05e9, 4e9))]
    assert _events(rows) == _events(list(reversed(rows)))
