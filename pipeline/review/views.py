"""What the review pages show, computed from rows and decisions: progress, the previous and
next row, filter choices, a row's one-line description, line spans of an article, and the
fields of a fact added by selecting text. Pure functions; `app` serves them.
"""
from __future__ import annotations

from collections.abc import Mapping

from pipeline.review.samples import (AMOUNT_KINDS, CATEGORIES, FACT_KINDS, SPAN_LABELS,
                                     FieldError, clean_fields, clean_value)

ADD_FORM = ("investor", "country", "amount_value", "amount_currency", "amount_kind",
            "period_start", "period_end", "sites", "people", "category", "target_value",
            "target_unit")


def added_fields(text: str, form: Mapping[str, str]) -> dict:
    """The add-a-fact form -> the decision's fields (offsets checked against the text)."""
    start, end = as_int(form.get("start"), -1), as_int(form.get("end"), -1)
    if not 0 <= start < end <= len(text):
        raise FieldError("select some text in the paragraph first")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    label, kind = form.get("label", ""), form.get("kind", "")
    if label not in SPAN_LABELS:
        raise FieldError(f"label: {label!r} is not one of {', '.join(SPAN_LABELS)}")
    if kind and kind not in FACT_KINDS:
        raise FieldError(f"kind: {kind!r} is not investment or commitment")
    facts = clean_fields({k: form.get(k, "") for k in ADD_FORM}) if kind else {}
    return {"start": start, "end": end, "text": text[start:end], "label": label,
            "value": clean_value("value", form.get("value", "")), "kind": kind,
            **{k: v for k, v in facts.items() if v}}


def changed_fields(row: Mapping[str, str], cleaned: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in cleaned.items() if v != (row.get(k) or "")}


def neighbours(rows: list[dict], selected: list[dict], row_id: str) -> dict:
    """Position of `row_id` in the filtered list, with the previous and next row ids."""
    order = {r["row_id"]: i for i, r in enumerate(rows)}
    here = order.get(row_id, -1)
    before = [r["row_id"] for r in selected if order[r["row_id"]] < here]
    after = [r["row_id"] for r in selected if order[r["row_id"]] > here]
    inside = any(r["row_id"] == row_id for r in selected)
    return {"prev_id": before[-1] if before else None, "next_id": after[0] if after else None,
            "position": len(before) + 1 if inside else None, "count": len(selected)}


def progress(rows: list[dict], decisions: Mapping[str, dict]) -> dict:
    reviewed = sum(r["row_id"] in decisions for r in rows)
    return {"reviewed": reviewed, "total": len(rows),
            "percent": round(100 * reviewed / len(rows)) if rows else 100}


def filter_choices(rows: list[dict]) -> dict[str, list[str]]:
    return {name: sorted({r.get(name) or "" for r in rows} - {""})
            for name in ("investor", "country", "kind")}


def add_choices() -> dict:
    return {"span_labels": SPAN_LABELS, "fact_kinds": FACT_KINDS, "categories": CATEGORIES,
            "amount_kinds": AMOUNT_KINDS}


def describe(row: Mapping[str, str]) -> str:
    amount = " ".join(x for x in (row.get("amount_value"), row.get("amount_currency")) if x)
    return " ".join(x for x in (row.get("kind"), row.get("investor"), amount or row.get("category")) if x)


def line_spans(text: str, body_start: int) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of the article body."""
    out, cursor = [], body_start
    for line in text[body_start:].split("\n"):
        if line.strip():
            out.append((cursor, cursor + len(line)))
        cursor += len(line) + 1
    return out


def digits(value: object) -> str:
    """'1900000000' -> '1 900 000 000' (narrow spaces) for reading; other text unchanged.

    >>> digits("1900000000.5").replace("\u202f", " "), digits("USD"), digits(None)
    ('1 900 000 000.5', 'USD', '')
    """
    text = "" if value is None else str(value)
    whole, dot, fraction = text.partition(".")
    if not whole.isdigit():
        return text
    return f"{int(whole):,}".replace(",", "\u202f") + dot + fraction


def as_int(value: object, default: int = 0) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default
