"""The worst errors of a split, per field: where the next fix is to be found.

For each field, the documents with the most errors first, each error as one line: the
doc id, what the gold expected (missed) or what the pipeline gave (spurious), and the
evidence sentence of the row or the mention's sentence, so that a reader sees at once
which general method would have got it right.

>>> from pipeline.learn.evaluate import FIELDS
>>> gold = {f: set() for f in FIELDS} | {"sites": {"Mulhouse"}}
>>> pred = {f: set() for f in FIELDS} | {"sites": {"Paris"}}
>>> [(e.kind, e.value) for e in field_errors("d1", "sites", gold, pred, [], [])]
[('missed', 'Mulhouse'), ('spurious', 'Paris')]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from pipeline.learn.evaluate import FIELDS, SAME, amount_key

MENTION_FIELDS = {"people": "PERSON", "orgs": "ORG", "countries": "COUNTRY", "sites": "SITE"}
ROW_FIELDS = {"amounts", "investors", "links", "periods"}
EVIDENCE_CHARS = 220


@dataclass(frozen=True, slots=True)
class FieldError:
    doc_id: str
    field: str
    kind: str          # missed (in the gold, not predicted) or spurious (predicted, not in the gold)
    value: str
    evidence: str = ""


def _text(value) -> str:
    return " ".join(str(v) for v in value) if isinstance(value, tuple) else str(value)


def _evidence(field: str, value, mentions: list[dict], rows: list[dict], text: str) -> str:
    """The sentence behind a value: the row with the same amount, or the mention's sentence."""
    if field in ROW_FIELDS and isinstance(value, tuple):
        for row in rows:
            if row["kind"] == "investment" and amount_key(row["amount_value"], row["amount_currency"]) == value[:2]:
                return str(row.get("evidence") or "")
    if field == "commitments":
        return next((str(r.get("evidence") or "") for r in rows
                     if r["kind"] == "commitment" and r.get("category") == value), "")
    label = MENTION_FIELDS.get(field)
    for m in mentions:
        if label and m["label"] == label and m["value"] == value and text:
            return text[int(m["sentence_start"]):int(m["sentence_end"])]
    return _around(text, value)


def _around(text: str, value) -> str:
    """Where the text says a value nobody extracted: its first occurrence, with context."""
    needle = str(value[-1] if isinstance(value, tuple) else value)
    at = text.find(needle) if needle else -1
    if at < 0:
        return ""
    start, end = max(0, at - EVIDENCE_CHARS // 2), at + len(needle) + EVIDENCE_CHARS // 2
    return "…" + " ".join(text[start:end].split()) + "…"


def field_errors(doc_id: str, field: str, gold: dict[str, set], pred: dict[str, set],
                 mentions: list[dict], rows: list[dict], text: str = "") -> list[FieldError]:
    """The missed and spurious values of one field of one document."""
    same = SAME.get(field, lambda a, b: a == b)
    missed = [g for g in gold[field] if not any(same(g, p) for p in pred[field])]
    spurious = [p for p in pred[field] if not any(same(g, p) for g in gold[field])]
    out = [FieldError(doc_id, field, "missed", _text(v), _evidence(field, v, mentions, rows, text))
           for v in sorted(missed, key=str)]
    out += [FieldError(doc_id, field, "spurious", _text(v), _evidence(field, v, mentions, rows, text))
            for v in sorted(spurious, key=str)]
    return out


def worst_errors(details: dict[str, dict], limit: int = 20) -> dict[str, list[FieldError]]:
    """Per field, up to `limit` errors, from the documents with the most errors in that field.

    `details` is `evaluate_split`'s second value (doc_id -> gold, pred, rows)."""
    out: dict[str, list[FieldError]] = {}
    for field in FIELDS:
        errors = []
        for doc_id, d in sorted(details.items()):
            rows = d["rows"]
            errors += field_errors(doc_id, field, d["gold"], d["pred"], rows.mentions, rows.investments,
                                   d.get("text", ""))
        per_doc = Counter(e.doc_id for e in errors)
        errors.sort(key=lambda e: (-per_doc[e.doc_id], e.doc_id, e.kind, e.value))
        out[field] = errors[:limit]
    return out


def as_records(errors: dict[str, list[FieldError]], split: str) -> list[dict]:
    return [{"split": split, **asdict(e), "evidence": e.evidence[:EVIDENCE_CHARS]}
            for field in errors for e in errors[field]]
