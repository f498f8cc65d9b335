"""Figures -> Vega-Lite specs (Altair), with their data inline: the report loads nothing.

Every bar links to the review page's list filtered on it (`href`), and every chart names
its data `totals` so a test can read back what was drawn. The map of Europe draws the
Natural Earth country shapes of world-atlas (`data/countries-110m.json`, TopoJSON keyed by
ISO 3166-1 numeric codes), coloured by the EUR announced for each country.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import altair as alt

from pipeline.report.figures import Total, country_numeric

SHAPES = Path(__file__).with_name("data") / "countries-110m.json"
BN = 1e9
COLOR = "#3465a4"
WIDTH = 520


@cache
def shapes() -> dict:
    """The world's country shapes (TopoJSON), read once."""
    return json.loads(SHAPES.read_text(encoding="utf-8"))


def list_link(base_url: str, **query: str) -> str:
    """The review page's row list filtered on `query`.

    >>> list_link("http://127.0.0.1:8000/", country="FR", kind="investment")
    'http://127.0.0.1:8000/?country=FR&kind=investment'
    """
    return f"{base_url.rstrip('/')}/?{urlencode({k: v for k, v in query.items() if v})}"


def _values(totals: list[Total], base_url: str, filter_name: str | None) -> list[dict]:
    return [{"key": t.key, "label": t.label, "eur_bn": round(t.amount_eur / BN, 3),
             "events": t.events, "without_eur": t.without_eur, "numeric": country_numeric(t.key),
             "link": list_link(base_url, **{filter_name: t.key, "kind": "investment"})
             if filter_name and t.key else ""}
            for t in totals]


def _tooltip(label: str) -> list:
    return [alt.Tooltip("label:N", title=label), alt.Tooltip("eur_bn:Q", title="bn EUR", format=",.2f"),
            alt.Tooltip("events:Q", title="announcements"),
            alt.Tooltip("without_eur:Q", title="without EUR figure")]


def bars(totals: list[Total], base_url: str, label: str, filter_name: str | None,
         limit: int = 20) -> dict:
    """A horizontal bar per total (the `limit` largest), bn EUR on x."""
    values = _values(totals[:limit], base_url, filter_name)
    chart = alt.Chart(alt.Data(name="totals", values=values)).mark_bar(color=COLOR).encode(
        x=alt.X("eur_bn:Q", title="announced, bn EUR"),
        y=alt.Y("label:N", title=None, sort=None),
        href="link:N", tooltip=_tooltip(label))
    return chart.properties(width=WIDTH - 180, height=max(60, 18 * len(values))).to_dict()


def months(totals: list[Total]) -> dict:
    """One bar per publication month, in time order."""
    values = [v for v in _values(totals, "", None) if v["key"]]
    chart = alt.Chart(alt.Data(name="totals", values=values)).mark_bar(color=COLOR).encode(
        x=alt.X("key:O", title="first published (month)", sort=None),
        y=alt.Y("eur_bn:Q", title="announced, bn EUR"), tooltip=_tooltip("month"))
    return chart.properties(width=WIDTH, height=220).to_dict()


def europe_map(totals: list[Total], base_url: str) -> dict:
    """Europe's countries coloured by bn EUR announced (grey: none); a click opens the list."""
    values = [v for v in _values(totals, base_url, "country") if v["numeric"]]
    land = alt.Data(values=shapes(), format=alt.DataFormat(type="topojson", feature="countries"))
    base = alt.Chart(land).mark_geoshape(fill="#e9e9e9", stroke="white", strokeWidth=0.5, clip=True)
    coloured = alt.Chart(land).mark_geoshape(stroke="white", strokeWidth=0.5, clip=True).transform_lookup(
        lookup="id", from_=alt.LookupData(alt.Data(name="totals", values=values), key="numeric",
                                          fields=["label", "eur_bn", "events", "without_eur", "link"]),
    ).transform_filter("isValid(datum.eur_bn)").encode(
        color=alt.Color("eur_bn:Q", title="bn EUR", scale=alt.Scale(scheme="blues", type="sqrt")),
        href="link:N", tooltip=_tooltip("country"))
    return alt.layer(base, coloured).project(
        type="azimuthalEqualArea", rotate=[-11, -54, 0], scale=640).properties(width=WIDTH, height=440).to_dict()
