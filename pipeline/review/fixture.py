"""A small hand-made corpus and output folder for the review page's tests and demos.

Three articles: a French plan with an investment and a commitment, a German one with an
emoji before its amount (offsets count code points, JavaScript counts UTF-16 units), and a
hostile one whose text and fields try to inject HTML and script into the page.

>>> import tempfile
>>> output, corpus = write_fixture(Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in output.glob("*.csv"))
['documents.csv', 'investments.csv', 'mentions.csv']
"""
from __future__ import annotations

from pathlib import Path

from pipeline.io.table import frame, row_id, write_table

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> " onmouseover="alert(1)'
ARTICLES = {
    "fx_001": ("2024-05", "Microsoft va investir 4 milliards d’euros en France, à Mulhouse, "
                          "a annoncé Brad Smith.\n\nL’entreprise formera 1 million de personnes "
                          "d’ici 2027."),
    "fx_002": ("2024-06", "🚀 Google investira 1 milliard de dollars en Allemagne d’ici 2030."),
    "fx_evil": ("2024-07", f"Evil Corp {HOSTILE} investit 5 millions d’euros au Maroc."),
}
# (doc_id, label, text, value, rule) -- offsets are found in the text
MENTIONS = [
    ("fx_001", "ORG", "Microsoft", "Microsoft", "org.microsoft"),
    ("fx_001", "AMOUNT", "4 milliards d’euros", "4000000000 EUR", "money.scale_word"),
    ("fx_001", "COUNTRY", "France", "FR", "country.FR"),
    ("fx_001", "SITE", "Mulhouse", "Mulhouse", "site.mulhouse"),
    ("fx_001", "PERSON", "Brad Smith", "Brad Smith", "person.full_name"),
    ("fx_001", "COMMITMENT", "formera 1 million de personnes", "training", "commit.training"),
    ("fx_001", "QUANTITY", "1 million de personnes", "1000000 people", "quantity.people"),
    ("fx_001", "DATE", "2027", "2027", "period.year"),
    ("fx_002", "ORG", "Google", "Google", "org.google"),
    ("fx_002", "AMOUNT", "1 milliard de dollars", "1000000000 USD", "money.scale_word"),
    ("fx_002", "COUNTRY", "Allemagne", "DE", "country.DE"),
    ("fx_002", "DATE", "2030", "2030", "period.year"),
    ("fx_evil", "ORG", "Evil Corp", HOSTILE, "org.<b>bold</b>"),
    ("fx_evil", "AMOUNT", "5 millions d’euros", "5000000 EUR", "money.scale_word"),
    ("fx_evil", "COUNTRY", "Maroc", "MA", "country.MA"),
]


def write_fixture(root: Path) -> tuple[Path, Path]:
    """Write `root`/corpus/articles/*.txt and `root`/output/*.csv; return (output, corpus)."""
    corpus, output = Path(root) / "corpus", Path(root) / "output"
    (corpus / "articles").mkdir(parents=True, exist_ok=True)
    documents = []
    for doc_id, (published, body) in ARTICLES.items():
        path = corpus / "articles" / f"{doc_id}.txt"
        path.write_text(f"date {published} {body}", encoding="utf-8")
        documents.append({"doc_id": doc_id, "source": str(path), "published": published,
                          "chars": len(_text(doc_id)), "status": "ok", "title": ""})
    write_table(frame("documents", documents), output, "documents")
    write_table(frame("mentions", [_mention(*m) for m in MENTIONS]), output, "mentions")
    write_table(frame("investments", investment_rows()), output, "investments")
    return output, corpus


def investment_rows() -> list[dict]:
    """The four extracted rows (three investments, one commitment)."""
    return [
        _row("fx_001", "investment", "4 milliards d’euros", investor="Microsoft", country="FR",
             sites="Mulhouse", people="Brad Smith", amount_value="4000000000",
             amount_currency="EUR", amount_kind="exact", amount_eur="4000000000",
             period_end="2027", rule="invest.verb_investir", confidence="0.85"),
        _row("fx_001", "commitment", "formera 1 million de personnes", investor="Microsoft",
             country="FR", category="training", target_value="1000000", target_unit="people",
             period_end="2027", rule="commit.training", confidence="0.6"),
        _row("fx_002", "investment", "1 milliard de dollars", investor="Google", country="DE",
             amount_value="1000000000", amount_currency="USD", amount_kind="exact",
             period_end="2030", rule="invest.verb_investir", confidence="0.55"),
        _row("fx_evil", "investment", "5 millions d’euros", investor=f"Evil {HOSTILE}",
             country="MA", amount_value="5000000", amount_currency="EUR", amount_kind="exact",
             rule=f"invest.{HOSTILE}", confidence="0.7"),
    ]


def _text(doc_id: str) -> str:
    published, body = ARTICLES[doc_id]
    return f"date {published} {body}"


def _sentence(doc_id: str, at: int) -> tuple[int, int]:
    """(start, end) of the sentence holding offset `at`: its line, up to the next full stop."""
    text = _text(doc_id)
    line = text.rfind("\n", 0, at)
    start = line + 1 if line >= 0 else len(f"date {ARTICLES[doc_id][0]} ")
    return start, text.find(".", at) + 1


def _mention(doc_id: str, label: str, surface: str, value: str, rule: str) -> dict:
    text = _text(doc_id)
    start = text.index(surface)
    low, high = _sentence(doc_id, start)
    return {"doc_id": doc_id, "label": label, "text": surface, "value": value, "start": start,
            "end": start + len(surface), "sentence_start": low, "sentence_end": high,
            "method": "rule", "rule": rule, "mention_id": row_id(doc_id, label, start)}


def _row(doc_id: str, kind: str, anchor: str, **fields: str) -> dict:
    text = _text(doc_id)
    at = text.index(anchor)
    start, end = _sentence(doc_id, at)
    return {"doc_id": doc_id, "kind": kind, "evidence": text[start:end], "start": start,
            "end": end, "amount_text": anchor if kind == "investment" else "",
            "row_id": row_id(doc_id, kind, at), "published": ARTICLES[doc_id][0], **fields}
