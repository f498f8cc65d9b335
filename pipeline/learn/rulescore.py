"""Score every rule against labelled samples, the way Snorkel reports labelling functions.

Each rule output becomes a *vote* on a fact of a document (field, key, value):
- rows of `investments.csv` (rule = cue id): `amounts` (is the amount an investment?),
  `investors`, `links` (country), `periods` (period end) and `commitments` (category);
- mentions (rule = gazetteer entry id, `ner.<LABEL>`, ...): `people`, `orgs`,
  `countries`, `sites` by value, `money` (AMOUNT mentions against the gold spans);
- cues as labelling functions: `amount_cues`, every investment / not-investment cue that
  fires in the sentence of an AMOUNT votes on whether that amount is an investment.
A vote is correct, wrong, or unjudged (None) against the gold facts and, for reviewed
documents, the decisions (accept = correct, reject = wrong, correct = wrong on the
corrected fields). Per rule and field: fires (votes, docs), correct, wrong, precision,
unique correct (no other rule found it), overlaps (another rule, same value) and
conflicts (another rule, another value), with the wrong examples.

>>> scores = rule_scores([Vote("d", "amounts", ("k",), "investment", "cue.a", True),
...                       Vote("d", "amounts", ("k",), "investment", "cue.b", False)])
>>> scores.set_index("rule").loc["cue.a", ["correct", "unique_correct", "overlaps"]].tolist()
[1, 1, 1]
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from pipeline.learn.evaluate import SAME, amount_key, gold_sets, norm
from pipeline.rules.lexicon import cues

MENTION_FIELDS = {"PERSON": "people", "ORG": "orgs", "COUNTRY": "countries", "SITE": "sites"}
ROW_FIELDS = {"investor": "investors", "country": "links", "period_end": "periods"}
CHANGED = {"amounts": ("amount_value", "amount_currency"), "investors": ("investor",),
           "links": ("country",), "periods": ("period_end",), "commitments": ("category",)}
COLUMNS = ["rule", "field", "fires", "docs", "correct", "wrong", "unjudged", "precision",
           "unique_correct", "overlaps", "conflicts", "wrong_examples"]


@dataclass(frozen=True, slots=True)
class Vote:
    """One rule's claim about one fact of one document, and whether it is right."""

    doc_id: str
    field: str
    key: tuple
    value: str
    rule: str
    correct: bool | None
    text: str = ""
    evidence: str = ""


def _decision_for(row: dict, decisions: list[dict]) -> dict | None:
    """The decision on this row: by row_id, else by the amount (or category) it was about."""
    for decision in decisions:
        if decision.get("row_id") == row.get("row_id"):
            return decision
    key = _row_key(row)
    for decision in decisions:
        original = decision.get("original") or {}
        if decision.get("decision") != "add" and original.get("kind") == row["kind"] and _row_key(original) == key:
            return decision
    return None


def _row_key(row: dict) -> tuple:
    if row.get("kind") == "commitment":
        return ("commitment", row.get("category") or "")
    return amount_key(row.get("amount_value"), row.get("amount_currency") or None)


def _changed(decision: dict, field: str) -> bool:
    fields, original = decision.get("fields") or {}, decision.get("original") or {}
    return any(name in fields and str(fields[name] or "") != str(original.get(name) or "")
               for name in CHANGED[field])


def _judge_by_decision(decision: dict, field: str) -> bool | None:
    if decision["decision"] == "accept":
        return True
    if decision["decision"] == "reject":
        return False if field in ("amounts", "commitments") else None
    if decision["decision"] == "correct":
        return not _changed(decision, field)
    return None


def row_votes(sample, rows) -> list[Vote]:
    """Votes of the fact rows of one processed sample."""
    gold = gold_sets(sample.facts)
    out = []
    for row in rows.investments:
        decision = _decision_for(row, sample.decisions)
        key, evidence = _row_key(row), row.get("evidence", "")
        if row["kind"] == "commitment":
            fields = {"commitments": row.get("category") or ""}
        else:
            fields = {"amounts": "investment"} | {
                f: str(row.get(c) or "") for c, f in ROW_FIELDS.items() if row.get(c)}
        amount_ok = None
        for field, value in fields.items():
            if decision is not None:
                correct = _judge_by_decision(decision, field)
            elif not sample.complete:
                correct = None
            elif field == "commitments":
                correct = value in gold["commitments"]
            elif field == "amounts":
                correct = amount_ok = key in gold["amounts"]
            else:   # investor, country, period: judged only on a real investment
                correct = (key + (value,) in gold[field]) if amount_ok else None
            rule = row["rule"].split("+")[0] if field == "amounts" else row["rule"]   # cue + scorer
            out.append(Vote(sample.doc_id, field, key, value, rule, correct,
                            row.get("amount_text") or row.get("category") or "", evidence))
    return out


def mention_votes(sample, rows) -> list[Vote]:
    """Votes of the PERSON / ORG / COUNTRY / SITE mentions and of the money mentions."""
    gold = gold_sets(sample.facts)
    text = sample.article.text
    spans = {(s["start"], s["end"]): str(s.get("value") or "") for s in sample.spans
             if s.get("label") == "AMOUNT"}
    out = []
    for m in rows.mentions:
        evidence = text[m["sentence_start"]:m["sentence_end"]]
        field = MENTION_FIELDS.get(m["label"])
        if field:
            same = SAME.get(field, lambda a, b: a == b)
            hit = any(same(g, m["value"]) for g in gold[field])
            correct = hit if (sample.complete or hit) else None
            out.append(Vote(sample.doc_id, field, (norm(m["value"]),), m["value"], m["rule"],
                            correct, m["text"], evidence))
        elif m["label"] == "AMOUNT" and sample.spans:
            gold_value = spans.get((m["start"], m["end"]))
            correct = gold_value == m["value"]
            out.append(Vote(sample.doc_id, "money", (m["start"], m["end"]), m["value"], m["rule"],
                            correct, m["text"], evidence))
    return out


def cue_votes(sample, rows) -> list[Vote]:
    """Investment and not-investment cues as labelling functions on every AMOUNT."""
    gold = gold_sets(sample.facts)
    judged = {_row_key(d["original"]): d for d in sample.decisions
              if d.get("original") and d["original"].get("kind") == "investment"}
    text = sample.article.text
    out = []
    for m in (m for m in rows.mentions if m["label"] == "AMOUNT"):
        key = mention_amount_key(m["value"])
        if key in judged:
            decision = judged[key]
            truth = None if decision["decision"] == "add" else (
                decision["decision"] == "accept"
                or (decision["decision"] == "correct" and not _changed(decision, "amounts")))
        else:
            truth = (key in gold["amounts"]) if sample.complete else None
        sentence = text[m["sentence_start"]:m["sentence_end"]]
        for group, vote in (("investment_cues", "investment"), ("not_investment_cues", "not_investment")):
            for cue in cues(group):
                if cue.regex.search(sentence):
                    correct = None if truth is None else (vote == "investment") == truth
                    out.append(Vote(sample.doc_id, "amount_cues", (m["start"],), vote, cue.id,
                                    correct, m["text"], sentence))
    return out


def mention_amount_key(value: str) -> tuple:
    """The amount key of an AMOUNT mention value (a range counts by its low end).

    >>> mention_amount_key("2000000000-3000000000 EUR"), mention_amount_key("5000")
    ((2000000000, 'EUR'), (5000, None))
    """
    number, _, currency = value.partition(" ")
    return amount_key(number.split("-")[0], currency or None)


def collect_votes(samples, rows_by_doc: dict) -> list[Vote]:
    """Every vote of every processed sample."""
    out: list[Vote] = []
    for sample in samples:
        rows = rows_by_doc.get(sample.doc_id)
        if rows is not None and rows.document.get("status") != "error":
            out += row_votes(sample, rows) + mention_votes(sample, rows) + cue_votes(sample, rows)
    return out


def rule_scores(votes: list[Vote], examples: int = 5) -> pd.DataFrame:
    """One row per (rule, field): coverage, precision, unique / overlapping / conflicting votes."""
    by_fact: dict[tuple, list[Vote]] = defaultdict(list)
    for vote in votes:
        by_fact[(vote.doc_id, vote.field, vote.key)].append(vote)
    stats: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    docs: dict[tuple, set] = defaultdict(set)
    wrong: dict[tuple, list[str]] = defaultdict(list)
    for vote in votes:
        name = (vote.rule, vote.field)
        s, others = stats[name], [v for v in by_fact[(vote.doc_id, vote.field, vote.key)] if v.rule != vote.rule]
        docs[name].add(vote.doc_id)
        s["fires"] += 1
        s["correct" if vote.correct else "wrong" if vote.correct is False else "unjudged"] += 1
        s["unique_correct"] += bool(vote.correct and not any(o.correct for o in others))
        s["overlaps"] += any(o.value == vote.value for o in others)
        s["conflicts"] += any(o.value != vote.value for o in others)
        if vote.correct is False and len(wrong[name]) < examples:
            wrong[name].append(f"{vote.doc_id}: {vote.text!r} in {' '.join(vote.evidence.split())[:160]!r}")
    rows = []
    for (rule, field), s in stats.items():
        judged = s["correct"] + s["wrong"]
        rows.append({"rule": rule, "field": field, "fires": s["fires"], "docs": len(docs[(rule, field)]),
                     "correct": s["correct"], "wrong": s["wrong"], "unjudged": s["unjudged"],
                     "precision": round(s["correct"] / judged, 3) if judged else None,
                     "unique_correct": s["unique_correct"], "overlaps": s["overlaps"],
                     "conflicts": s["conflicts"], "wrong_examples": " | ".join(wrong[(rule, field)])})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["field", "rule"], ignore_index=True)


def rich_table(scores: pd.DataFrame, title: str = "rule scores (tune split)", limit: int = 40):
    """The scores as a rich Table: rules with wrong votes first, least precise first."""
    from rich.table import Table

    table = Table(title=title)
    for column in COLUMNS[:-1]:
        table.add_column(column, justify="left" if column in ("rule", "field") else "right",
                         no_wrap=column in ("rule", "field"))
    for record in ranked(scores).head(limit).to_dict("records"):
        precision = "" if pd.isna(record["precision"]) else f"{record['precision']:.2f}"
        table.add_row(record["rule"], record["field"], *(str(record[c]) for c in COLUMNS[2:7]),
                      precision, *(str(record[c]) for c in COLUMNS[8:11]))
    if len(scores) > limit:
        table.caption = f"{limit} of {len(scores)} rows; all in output/rule_scores.csv"
    return table


def ranked(scores: pd.DataFrame) -> pd.DataFrame:
    """Rules with wrong votes first (least precise, most fired first), then the others."""
    key = scores.assign(_clean=scores["wrong"] == 0, _p=scores["precision"].fillna(2.0))
    return key.sort_values(["_clean", "_p", "fires"], ascending=[True, True, False]).drop(columns=["_clean", "_p"])


def wrong_examples(scores: pd.DataFrame, rules: int = 12) -> list[str]:
    """Lines 'rule (field): example | example' for the least precise rules."""
    worst = ranked(scores)
    worst = worst[worst["wrong"] > 0].head(rules)
    return [f"{r['rule']} ({r['field']}, {r['wrong']} wrong): {r['wrong_examples']}"
            for r in worst.to_dict("records")]
