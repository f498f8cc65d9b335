"""The review page's fixture grown for the report: two outlets disagreeing on one plan, an
unreadable document, an events table, and saved decisions (one of them orphaned).

>>> import tempfile
>>> output, corpus = write_fixture(Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in output.glob("*.csv"))
['documents.csv', 'events.csv', 'investments.csv', 'mentions.csv']
"""
from __future__ import annotations

from pathlib import Path

from pipeline.facts.events import cluster, group_of
from pipeline.review import fixture as review_fixture
from pipeline.review.store import ReviewStore
from pipeline.io.table import frame, read_table, row_id, write_table

OUTLETS = {   # doc_id: (published, own figure, its EUR value)
    "fx_es_a": ("2024-02-19", "2100000000", "USD", "1940000000"),
    "fx_es_b": ("2024-02-20", "1900000000", "EUR", "1900000000"),
}
BROKEN = {"doc_id": "fx_broken", "source": "corpus/articles/broken.bin", "status": "error",
          "error": "binary file (NUL bytes), not text"}
ORPHAN = "0123456789abcdef"


def write_fixture(root: Path) -> tuple[Path, Path]:
    """Write the report fixture under `root`; return (output, corpus)."""
    output, corpus = review_fixture.write_fixture(root)
    documents = read_table(output, "documents").to_dict("records")
    investments = read_table(output, "investments").to_dict("records")
    for row in investments:        # an amount in EUR is its own EUR value, as the batch writes it
        if row["amount_currency"] == "EUR" and not row["amount_eur"]:
            row["amount_eur"] = row["amount_value"]
    for doc_id, (published, value, currency, eur) in OUTLETS.items():
        text = f"Microsoft investira {value} {currency} en Espagne, à Madrid."
        path = corpus / "articles" / f"{doc_id}.txt"
        path.write_text(f"date {published} {text}", encoding="utf-8")
        documents.append({"doc_id": doc_id, "source": str(path), "published": published,
                          "chars": len(text), "status": "ok", "title": f"Outlet {doc_id[-1]}"})
        investments.append({"doc_id": doc_id, "kind": "investment", "investor": "Microsoft",
                            "country": "ES", "amount_value": value, "amount_currency": currency,
                            "amount_kind": "exact", "amount_eur": eur, "evidence": text,
                            "start": 16, "end": 16 + len(text), "rule": "invest.verb_investir",
                            "confidence": "0.85", "period_start": "2024", "period_end": "2026",
                            "row_id": row_id(doc_id, "investment", 16), "published": published})
    documents.append(BROKEN)
    write_table(frame("documents", documents), output, "documents")
    write_table(frame("investments", investments), output, "investments")
    write_table(frame("events", events(investments)), output, "events")
    _decide(corpus, investments)
    return output, corpus


def events(rows: list[dict]) -> list[dict]:
    """events.csv rows from investment rows, as the batch makes them."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] == "investment":
            groups.setdefault(group_of(row), []).append(row)
    return [event for key in sorted(groups) for event in cluster(groups[key])]


def _decide(corpus: Path, rows: list[dict]) -> None:
    """Accept the first outlet's row; leave a decision on a row no run produces any more."""
    store = ReviewStore(corpus / "reviews", reviewer="fixture")
    first = next(r for r in rows if r["doc_id"] == "fx_es_a")
    article = {"id": "fx_es_a", "text": first["evidence"], "published": first["published"]}
    store.decide(article, first["row_id"], "accept", original=first)
    gone = {**first, "row_id": ORPHAN, "amount_value": "2000000000"}
    store.decide(article, ORPHAN, "reject", original=gone)
