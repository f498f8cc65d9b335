"""What a retrain changes: rule weights from rule scores, gazetteer forms from reviews.

- Weights (`models/rules.json`): a cue rule of `models/facts.json` scored on enough rows
  gets `confidence` = smoothed precision (correct + 1) / (judged + 2); below
  `min_precision` with at least `min_fires` judged votes it is disabled; below
  `lower_below` its confidence is capped at `min_precision` (lowered).
- Forms (`models/learned/*.json`, the schemas of the curated gazetteers): a reviewer's
  correction of an investor, a site or a person whose extracted value is written in the
  text while the corrected one is not makes that value an alias of the corrected one (when
  both are written, the reviewer picked another entity: nothing to learn); a text selection
  added as ORG / SITE / PERSON / COUNTRY becomes a form of its value. Unknown canonical
  values get a new entry (`source: "review"`, with the review time).

>>> smoothed(3, 4)
0.67
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline.learn.evaluate import norm
from pipeline.review.samples import split_list

# The field a cue group is scored on, for the groups whose rules a retrain may change.
PRIMARY_FIELD = {"investment_cues": "amounts", "commitment_categories": "commitments",
                 "not_investment_cues": "amount_cues"}
KIND_OF_LABEL = {"ORG": "org", "SITE": "site", "PERSON": "person", "COUNTRY": "country"}
FILE_OF_KIND = {"org": "orgs", "site": "sites", "person": "people", "country": "countries"}
_ARTICLE = re.compile(r"^(?:l['’]\s*|le\s+|la\s+|les\s+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_precision: float = 0.5
    min_fires: int = 3
    lower_below: float = 0.7


def smoothed(correct: int, judged: int) -> float:
    """Laplace-smoothed precision: a rule seen right once is not 100 % sure."""
    return round((correct + 1) / (judged + 2), 2)


def rule_updates(scores: pd.DataFrame, facts_rules: dict, current: dict,
                 thresholds: Thresholds) -> tuple[dict, pd.DataFrame]:
    """(new `rules` of rules.json, one row per scored rule: action and why)."""
    weights = {k: dict(v) for k, v in current.items()}
    actions = []
    for group, field in PRIMARY_FIELD.items():
        for rule in facts_rules.get(group, []):
            hit = scores[(scores["rule"] == rule["id"]) & (scores["field"] == field)]
            if hit.empty:
                continue
            correct, wrong = int(hit["correct"].iloc[0]), int(hit["wrong"].iloc[0])
            judged = correct + wrong
            if not judged:
                continue
            precision, confidence = correct / judged, smoothed(correct, judged)
            if judged >= thresholds.min_fires and precision < thresholds.min_precision:
                action, enabled = "disable", False
            elif judged >= thresholds.min_fires and precision < thresholds.lower_below:
                action, enabled, confidence = "lower", True, min(confidence, thresholds.min_precision)
            else:
                action, enabled = "calibrate", True
            weights[rule["id"]] = {"enabled": enabled, "confidence": confidence,
                                   "precision": round(precision, 3), "judged": judged,
                                   "field": field}
            actions.append({"rule": rule["id"], "field": field, "judged": judged,
                            "precision": round(precision, 3), "action": action,
                            "confidence": confidence,
                            "was": current.get(rule["id"], {}).get("confidence", "default")})
    return weights, pd.DataFrame(actions, columns=["rule", "field", "judged", "precision",
                                                   "action", "confidence", "was"])


@dataclass(frozen=True, slots=True)
class Form:
    """A written form a reviewer tied to a canonical value."""

    kind: str            # org, site, person, country
    form: str
    value: str
    doc_id: str
    row_id: str
    reviewer: str
    time: str


def review_forms(samples) -> list[Form]:
    """Forms learned from the decisions of `samples` (corrections and added selections)."""
    out = []
    for sample in samples:
        text = sample.article.text
        for d in sample.decisions:
            fields, original = d.get("fields") or {}, d.get("original") or {}
            meta = (sample.doc_id, d.get("row_id", ""), d.get("reviewer", ""), d.get("time", ""))
            if d.get("decision") == "add" and fields.get("label") in KIND_OF_LABEL and fields.get("text"):
                value = fields.get("value") or fields["text"]
                out.append(Form(KIND_OF_LABEL[fields["label"]], " ".join(fields["text"].split()), value, *meta))
            if d.get("decision") != "correct":
                continue
            for column, kind in (("investor", "org"), ("recipient", "org"), ("sites", "site"),
                                 ("people", "person")):
                if column not in fields:
                    continue
                for before, after in _replaced(original.get(column), fields.get(column)):
                    if _renamed(text, before, after):
                        out.append(Form(kind, before, after, *meta))
    return out


def _renamed(text: str, before: str, after: str) -> bool:
    """Whether a correction renames what the text calls `before` (an alias), rather than
    picking another entity: `before` is written in the text and `after` is not.

    >>> _renamed("la firme de Gotham investit", "la firme de Gotham", "Wayne Enterprises")
    True
    >>> _renamed("EIFO et la Fondation Novo Nordisk", "EIFO", "Fondation Novo Nordisk")
    False
    """
    return bool(before) and before in text and norm(after) not in norm(text) and norm(before) != norm(after)


def _replaced(before: str | None, after: str | None) -> list[tuple[str, str]]:
    """Pairs (extracted, corrected) of a one-for-one replacement in a ';' list."""
    old, new = split_list(before), split_list(after)
    removed, added = [v for v in old if v not in new], [v for v in new if v not in old]
    return list(zip(removed, added)) if len(removed) == len(added) == 1 else []


def learned_entries(forms: list[Form], known: dict[str, dict], learned: dict[str, list[dict]]
                    ) -> tuple[dict[str, list[dict]], list[str]]:
    """Learned files' entries (by file name) with `forms` added, and a note per form.

    `known` = every gazetteer entry by id (curated + learned); `learned` = the current
    learned entries by file name. A form already known for its value is skipped; a form
    that names another entry is refused (it would make two entries share a name)."""
    out = {name: [dict(e) for e in entries] for name, entries in learned.items()}
    notes = []
    for form in forms:
        owners = _owners(known, form.kind, form.form)
        target = _find(known, form.kind, form.value)
        if target and target["id"] in owners:
            notes.append(f"known: {form.form!r} is already a form of {form.value!r}")
            continue
        if owners:
            notes.append(f"refused: {form.form!r} already names {sorted(owners)[0]}")
            continue
        entry = _learned_entry(out.setdefault(FILE_OF_KIND[form.kind], []), form, target)
        key = _form_key(form)
        entry.setdefault(key, [])
        if form_text(form) not in entry[key]:
            entry[key].append(form_text(form))
        entry.setdefault("learned_from", []).append(
            {"form": form.form, "doc_id": form.doc_id, "row_id": form.row_id,
             "reviewer": form.reviewer, "time": form.time})
        known[entry["id"]] = {**entry, "kind": form.kind}
        notes.append(f"learned: {form.form!r} -> {form.value!r} ({entry['id']}.{key})")
    return out, notes


def _form_key(form: Form) -> str:
    """Names are matched case-sensitively, lowercase phrases case-insensitively."""
    lower = form.form[:1].islower()
    if form.kind == "country":
        return "periphrases" if lower else "names"
    if form.kind == "org":
        return "periphrases" if lower else "aliases"
    if form.kind == "site":
        return "periphrases" if lower else "aliases"
    return "aliases"


def form_text(form: Form) -> str:
    """The pattern text: a lowercase periphrasis loses its article ("la firme de X")."""
    return _ARTICLE.sub("", form.form) if form.form[:1].islower() else form.form


def _owners(known: dict[str, dict], kind: str, form: str) -> set[str]:
    keys = ("name", "names", "aliases", "periphrases", "adjectives")
    text = norm(_ARTICLE.sub("", form))
    out = set()
    for entry_id, item in known.items():
        if item.get("kind") != kind:
            continue
        for key in keys:
            values = item.get(key)
            values = [values] if isinstance(values, str) else values or []
            if any(norm(v) == text for v in values if isinstance(v, str)):
                out.add(entry_id)
    return out


def _find(known: dict[str, dict], kind: str, value: str) -> dict | None:
    """The entry whose canonical name (or ISO code, for a country) is `value`."""
    for item in known.values():
        if item.get("kind") == kind and (norm(item.get("name", "")) == norm(value)
                                         or (kind == "country" and item.get("code") == value)):
            return item
    return None


def _learned_entry(entries: list[dict], form: Form, target: dict | None) -> dict:
    """The learned entry to extend: the one with the target's id, else a new one."""
    entry_id = target["id"] if target else f"{form.kind}.learned.{_slug(form.value)}"
    for entry in entries:
        if entry["id"] == entry_id:
            return entry
    entry = {"id": entry_id, "name": target["name"] if target else form.value,
             "source": "review", "time": form.time}
    if target is None:
        entry |= {"org": {"kind": "company", "country": None, "aliases": [], "periphrases": [],
                          "ambiguous_forms": []},
                  "site": {"country": None, "type": "city", "aliases": [], "adjectives": [],
                           "ambiguous": False},
                  "person": {"aliases": [], "roles": [], "country": None, "ambiguous_forms": []},
                  "country": {"code": form.value, "names": []}}[form.kind]
    entries.append(entry)
    return entry


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", norm(value)).strip("_") or "entry"
