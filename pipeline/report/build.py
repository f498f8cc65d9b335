"""`build_report(output_dir)` -> output/report.html: one self-contained page, offline.

The page embeds everything it needs: the CSS, the chart specs with their data, and the
Vega, Vega-Lite and Vega-Embed JavaScript (from `vl-convert-python`, which ships them), so
it opens from disk with no network. Article text and fields go through Jinja2 autoescape;
the chart specs are JSON inside a `<script type="application/json">` with `<` escaped.

>>> import tempfile
>>> from pipeline.review.fixture import write_fixture
>>> output, corpus = write_fixture(Path(tempfile.mkdtemp()))
>>> build_report(output, corpus / "reviews").name
'report.html'
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import vl_convert

from pipeline.io.atomic import atomic_write
from pipeline.report import charts
from pipeline.review.views import digits   # the review page writes figures the same way
from pipeline.report.figures import (commitments, events_with_sources, read_tables,
                                     review_state, totals)

REVIEW_URL = "http://127.0.0.1:8000"
THRESHOLD = 0.6
EMBED = """
const specs = JSON.parse(document.getElementById("chart-specs").textContent);
window.reportViews = {};
const shown = Object.entries(specs).map(([name, spec]) => {
  const box = document.getElementById("chart-" + name);
  return vegaEmbed(box, spec, {renderer: "svg", actions: false})
    .then((result) => { window.reportViews[name] = result.view; box.dataset.rendered = "1"; })
    .catch((error) => { box.dataset.rendered = "error"; box.textContent = "chart failed: " + error; });
});
Promise.all(shown).then(() => { document.body.dataset.charts = "done"; });
"""


@cache
def javascript() -> str:
    """Vega + Vega-Lite + Vega-Embed and the snippet drawing every chart (read once)."""
    return vl_convert.javascript_bundle(EMBED).replace("</script", "<\\/script")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(eur=eur, figure=figure, digits=digits, percent=percent)
    return env


def build_report(output_dir: str | Path, reviews_dir: str | Path | None = None,
                 review_url: str = REVIEW_URL, threshold: float = THRESHOLD,
                 target: str | Path | None = None) -> Path:
    """Write the report of `output_dir`'s tables to `target` (default output_dir/report.html)
    atomically and return its path; ReportError (one line) if the tables cannot be read."""
    output_dir = Path(output_dir)
    target = Path(target) if target else output_dir / "report.html"
    html = render(output_dir, Path(reviews_dir) if reviews_dir else None, review_url.rstrip("/"),
                  threshold)
    atomic_write(target, html.encode("utf-8"))
    return target


def render(output_dir: Path, reviews_dir: Path | None, review_url: str, threshold: float) -> str:
    """The report page as HTML text."""
    tables = read_tables(output_dir)
    events = tables["events"]
    by = {name: totals(events, name) for name in ("country", "investor", "month")}
    specs = {"map": charts.europe_map(by["country"], review_url),
             "country": charts.bars(by["country"], review_url, "country", "country"),
             "investor": charts.bars(by["investor"], review_url, "investor", "investor"),
             "month": charts.months(by["month"])}
    return environment().get_template("report.html").render(
        tables={name: len(df) for name, df in tables.items()}, totals=by,
        events=events_with_sources(events, tables["investments"], tables["documents"]),
        commitments=commitments(tables["investments"]),
        review=review_state(tables, reviews_dir, threshold),
        specs=json.dumps(specs, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"),
        javascript=javascript(), row_url=lambda row_id: f"{review_url}/row/{quote(str(row_id), safe='')}",
        list_url=lambda **query: charts.list_link(review_url, **query), review_url=review_url,
        source=str(output_dir), made=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


def eur(value: object, currency: str = "EUR") -> str:
    """An amount for reading: bn above a billion, M above a million.

    >>> eur(1.9e9), eur(250e6), eur(45000).replace("\u202f", " "), eur("2100000000", "USD"), eur(None), eur("")
    ('1.90 bn EUR', '250.0 M EUR', '45 000 EUR', '2.10 bn USD', '', '')
    """
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return ""
    if abs(amount) >= 1e9:
        return f"{amount / 1e9:.2f} bn {currency}"
    if abs(amount) >= 1e6:
        return f"{amount / 1e6:.1f} M {currency}"
    return f"{digits(round(amount))} {currency}"


def figure(text: str) -> str:
    """A source's own figure as events.csv writes it, for reading.

    >>> figure("2100000000 USD"), figure("?")
    ('2.10 bn USD', '?')
    """
    value, _, currency = str(text).partition(" ")
    return eur(value, currency) or str(text)


def percent(value: float | None) -> str:
    """0.105 -> '+10.5 %'."""
    return "" if value is None else f"+{100 * value:.1f} %"
