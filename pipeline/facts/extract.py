"""Doc -> table rows: one documents row, its mention rows and its fact rows.

The column names come from `pipeline.io.table`; this module only fills them. Money is
converted to EUR at the ECB rate of the publication date (`pipeline.normalize.fx`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.facts.context import Fact
from pipeline.normalize.numbers import plain_number
from pipeline.rules.lexicon import rules_version
from pipeline.mentions.mention import Mention
from pipeline.io.readers import Article, ReadError
from pipeline.io.table import row_id


@dataclass(slots=True)
class DocRows:
    """Everything one document contributes to the output tables."""

    document: dict
    mentions: list[dict] = field(default_factory=list)
    investments: list[dict] = field(default_factory=list)


def error_rows(error: ReadError) -> DocRows:
    """A `status=error` documents row for an input that could not be read or processed."""
    return DocRows({"doc_id": error.doc_id, "source": error.source, "sha256": error.sha256,
                    "status": "error", "error": error.error, "mentions": 0, "facts": 0, "published_source": "none",
                    "rules_version": rules_version()})


def doc_rows(article: Article, doc) -> DocRows:
    """Rows of one processed article (its date read in the text when the feed gave none)."""
    source = doc._.published_source or ("meta" if article.published else "none")
    if not article.published and doc._.published:
        article = replace(article, published=doc._.published)
    mentions = [mention_row(article.doc_id, m) for m in doc._.mentions or []]
    facts = [fact_row(article, article.text, f) for f in doc._.facts or []]
    status, error = ("error", doc._.error) if doc._.error else ("ok", "")
    document = {
        "doc_id": article.doc_id, "source": article.source, "url": article.url,
        "title": article.title, "published": article.published, "sha256": article.sha256,
        "chars": len(article.text), "status": status, "error": error, "warning": article.warning,
        "mentions": len(mentions), "facts": len(facts), "rules_version": rules_version(),
        "published_source": source,
    }
    return DocRows(document, mentions, facts)


def mention_row(doc_id: str, m: Mention) -> dict:
    return {
        "doc_id": doc_id, "label": m.label, "text": m.text, "value": m.value, "start": m.start,
        "end": m.end, "sentence_start": m.sentence_start, "sentence_end": m.sentence_end,
        "method": m.method, "rule": m.rule, "role": m.role, "country": m.country,
        "detail": m.detail, "mention_id": row_id(doc_id, m.label, m.start, m.end),
    }


def fact_row(article: Article, text: str, fact: Fact) -> dict:
    """One row of `investments.csv`."""
    from pipeline.normalize.fx import to_eur
    from pipeline.normalize.periods import parse_published

    row = {
        "doc_id": article.doc_id, "kind": fact.kind, "investor": fact.investor,
        "recipient": fact.recipient, "country": fact.country,
        "sites": _join(s.value for s in fact.sites),
        "site_countries": _join(s.country for s in fact.sites),
        "people": _join(p.value for p in fact.people),
        "people_roles": _join(f"{p.value} ({p.role})" if p.role else p.value for p in fact.people),
        "category": fact.category, "evidence": text[fact.start:fact.end],
        "start": fact.start, "end": fact.end, "rule": fact.rule, "confidence": fact.confidence,
        "link_feature": fact.link_feature, "amount_feature": fact.amount_feature,
        "published": article.published, "title": article.title,
        "other_evidence": _join(f"{start}-{end}" for start, end in fact.other_evidence),
    }
    if fact.period is not None and fact.period.obj is not None:
        row["period_start"] = _year(fact.period.obj.year_start)
        row["period_end"] = _year(fact.period.obj.year_end)
    if fact.target is not None and fact.target.obj is not None:
        row["target_value"] = plain_number(fact.target.obj.value)
        row["target_unit"] = fact.target.obj.unit
    if fact.amount is not None:
        amount = fact.amount.obj
        row.update({
            "amount_value": plain_number(amount.value), "amount_currency": amount.currency,
            "amount_kind": amount.kind, "amount_max": plain_number(amount.value_max),
            "amount_text": fact.amount.text, "amount_alt_value": plain_number(amount.alt_value),
            "amount_alt_currency": amount.alt_currency,
        })
        conversion = to_eur(amount.value, amount.currency, parse_published(article.published))
        row.update({
            "amount_eur": plain_number(round(conversion.amount_eur, 2)) if conversion.amount_eur is not None else None,
            "fx_rate": conversion.rate, "fx_date": conversion.fx_date.isoformat() if conversion.fx_date else None,
            "fx_note": conversion.note,
        })
    key = ((fact.amount.start, fact.investor) if fact.signals.get("each_payer") else fact.amount.start) \
        if fact.amount is not None else (fact.category, plain_number(fact.target.obj.value) if fact.target and fact.target.obj else "", row["sites"])
    row["row_id"] = row_id(article.doc_id, fact.kind, key)
    return row


def _year(year: int | None) -> str | None:
    return str(int(year)) if year is not None else None


def _join(values) -> str:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return ";".join(out)
