"""Review decisions -> the labelled-sample parts they imply (`facts`, `spans`), and field checks.

Pure functions, no I/O. A decision is a dict `{"row_id", "decision", "fields", "original",
"rule", "reviewer", "time"}`; `original` is the row as extracted (strings, as in
investments.csv) and `fields` the corrected or added values.

>>> row = {"kind": "investment", "investor": "Microsoft", "country": "FR",
...        "amount_value": "4000000000", "amount_currency": "EUR", "sites": "Mulhouse"}
>>> d = {"row_id": "x", "decision": "correct", "fields": {"amount_value": "5000000000"},
...      "original": row}
>>> facts = sample_facts([d], "2024-05-13")
>>> facts["investments"][0]["amount_value"], facts["sites"], facts["published"]
(5000000000, ['Mulhouse'], '2024-05')
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

DECISIONS = ("accept", "reject", "correct", "add")
KEPT = ("accept", "correct", "add")        # decisions whose row goes into facts and export
EDITABLE_FIELDS = (
    "investor", "recipient", "amount_value", "amount_currency", "amount_kind", "amount_max",
    "country", "sites", "people", "category", "target_value", "target_unit",
    "period_start", "period_end",
)
SPAN_LABELS = ("AMOUNT", "QUANTITY", "PERSON", "ORG", "COUNTRY", "SITE", "PLACE", "DATE",
               "COMMITMENT")
FACT_KINDS = ("investment", "commitment")
CATEGORIES = ("datacenter", "compute", "training", "startups", "cybersecurity",
              "responsible_ai", "jobs", "renewable_energy", "research", "other")
AMOUNT_KINDS = ("exact", "min", "max", "approx", "range")
LIST_SEPARATOR = ";"                        # how investments.csv joins sites and people

_NUMBER_FIELDS = {"amount_value", "amount_max", "target_value"}
_PATTERNS = {
    "amount_currency": (re.compile(r"[A-Z]{3}"), "an ISO 4217 code such as EUR"),
    "country": (re.compile(r"[A-Z]{2}"), "an ISO 3166-1 alpha-2 code such as FR"),
    "period_start": (re.compile(r"\d{4}(-\d{2})?"), "a year such as 2025"),
    "period_end": (re.compile(r"\d{4}(-\d{2})?"), "a year such as 2027"),
}
_CHOICES = {"category": CATEGORIES, "amount_kind": AMOUNT_KINDS}
MAX_TEXT = 300


class FieldError(ValueError):
    """A corrected or added value that cannot be right (one line, shown to the reviewer)."""


def clean_fields(raw: Mapping[str, object]) -> dict[str, str]:
    """Form values -> canonical strings for the editable fields; unknown keys are dropped.

    >>> clean_fields({"amount_value": "1 900 000 000", "amount_currency": "eur",
    ...               "sites": " Madrid ; Aragon;", "other": "x"})
    {'amount_value': '1900000000', 'amount_currency': 'EUR', 'sites': 'Madrid;Aragon'}
    >>> clean_fields({"country": "France"})
    Traceback (most recent call last):
    ...
    pipeline.review.samples.FieldError: country: 'FRANCE' is not an ISO 3166-1 alpha-2 code such as FR
    """
    out: dict[str, str] = {}
    for name in EDITABLE_FIELDS:
        if name in raw:
            out[name] = clean_value(name, "" if raw[name] is None else str(raw[name]))
    return out


def clean_value(name: str, value: str) -> str:
    """One field's canonical string ('' = empty); FieldError when it cannot be right."""
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise FieldError(f"{name}: longer than {MAX_TEXT} characters")
    if not value:
        return ""
    if name in _NUMBER_FIELDS:
        number = parse_number(value)
        if number is None:
            raise FieldError(f"{name}: {value!r} is not a number (write 1900000000 or 1,9e9)")
        return format_number(number)
    if name in {"amount_currency", "country"}:
        value = value.upper()
    if name in _PATTERNS:
        pattern, what = _PATTERNS[name]
        if not pattern.fullmatch(value):
            raise FieldError(f"{name}: {value!r} is not {what}")
    if name in _CHOICES and value not in _CHOICES[name]:
        raise FieldError(f"{name}: {value!r} is not one of {', '.join(_CHOICES[name])}")
    if name in {"sites", "people"}:
        return LIST_SEPARATOR.join(split_list(value))
    return value


def parse_number(text: str) -> float | None:
    """A plain written number -> float, or None (no guess).

    >>> [parse_number(s) for s in ("1 900 000 000", "1,9e9", "2.5", "12,5", "-3", "abc")]
    [1900000000.0, 1900000000.0, 2.5, 12.5, None, None]
    """
    compact = re.sub(r"[\s\u00a0\u202f_]", "", text)
    if "," in compact and "." not in compact:
        compact = compact.replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def format_number(number: float) -> str:
    """1900000000.0 -> '1900000000', 2.5 -> '2.5'."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def split_list(value: str | None) -> list[str]:
    """'Madrid;Aragon' -> ['Madrid', 'Aragon'] (empty parts and repeats dropped)."""
    out: list[str] = []
    for part in (value or "").split(LIST_SEPARATOR):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def reviewed_row(decision: Mapping) -> dict[str, str]:
    """The row as the reviewer left it: the original with corrected or added fields applied."""
    row = {k: "" if v is None else str(v) for k, v in (decision.get("original") or {}).items()}
    row.update({k: "" if v is None else str(v) for k, v in (decision.get("fields") or {}).items()})
    return row


def sample_facts(decisions: Iterable[Mapping], published: str | None) -> dict:
    """`facts` of a labelled sample, rebuilt from the accepted, corrected and added rows."""
    facts: dict = {"published": published[:7] if published else None, "investments": [],
                   "people": [], "orgs": [], "countries": [], "sites": [], "commitments": []}
    for decision in decisions:
        if decision.get("decision") not in KEPT:
            continue
        row = reviewed_row(decision)
        if row.get("kind") == "investment":
            facts["investments"].append(investment_fact(row))
        elif row.get("kind") == "commitment":
            facts["commitments"].append(commitment_fact(row))
        _add_unique(facts["people"], split_list(row.get("people")))
        _add_unique(facts["orgs"], [row.get("investor"), row.get("recipient")])
        _add_unique(facts["countries"], [row.get("country")])
        _add_unique(facts["sites"], split_list(row.get("sites")))
    return facts


def investment_fact(row: Mapping[str, str]) -> dict:
    fact = {
        "investor": row.get("investor") or None, "country": row.get("country") or None,
        "amount_value": _number(row.get("amount_value")),
        "currency": row.get("amount_currency") or None,
        "amount_kind": row.get("amount_kind") or None,
        "amount_max": _number(row.get("amount_max")),
        "period_start": row.get("period_start") or None,
        "period_end": row.get("period_end") or None,
        "sites": split_list(row.get("sites")),
    }
    if row.get("recipient"):
        fact["recipient"] = row["recipient"]
    return fact


def commitment_fact(row: Mapping[str, str]) -> dict:
    fact = {"category": row.get("category") or None, "value": _number(row.get("target_value")),
            "unit": row.get("target_unit") or None, "year": row.get("period_end") or None}
    if row.get("country"):
        fact["country"] = row["country"]
    return fact


def sample_spans(decisions: Iterable[Mapping]) -> list[dict]:
    """`spans` of a labelled sample: the text selections of added facts, sorted by offset."""
    spans = []
    for decision in decisions:
        fields = decision.get("fields") or {}
        if decision.get("decision") == "add" and fields.get("label"):
            spans.append({"start": int(fields["start"]), "end": int(fields["end"]),
                          "label": fields["label"], "value": fields.get("value") or None,
                          "text": fields.get("text", "")})
    return sorted(spans, key=lambda s: (s["start"], s["end"], s["label"]))


def _number(value: str | None) -> int | float | None:
    number = parse_number(value) if value else None
    if number is None:
        return None
    return int(number) if number.is_integer() else number


def _add_unique(target: list, values: Iterable[str | None]) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)
