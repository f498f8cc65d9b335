"""Score predicted facts against labelled samples: precision, recall, F1 per field and split.

Facts are compared as sets per article (the conventions of `corpus/gold/`): people and
orgs by name (a bare surname matches the full name), countries by code, sites by name
("Communauté de Madrid" matches "Madrid"), investments by amount and currency, the
investment-country link by amount, currency and country, commitments by category.

>>> f1(Score(tp=3, fp=1, fn=1))
0.75
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("people", "orgs", "countries", "sites", "amounts", "investors", "links", "periods",
          "commitments", "published")
SPLITS = ("seeds", "train", "test", "feed-train", "feed-test")   # labelled splits `make eval` scores
HELD_OUT = ("test", "feed-test")   # never tuned on: rules, scorer and calibration learn from the others


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def f1(score: Score) -> float:
    p, r = score.precision, score.recall
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def norm(name: str) -> str:
    """Case-, accent- and article-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", str(name).replace("’", "'")).encode("ascii", "ignore").decode().lower()
    for article in ("l'", "la ", "le ", "les "):
        if text.startswith(article):
            text = text[len(article):]
    return " ".join(text.replace("-", " ").replace("'", " ").split())


def _same_person(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    return g == p or g.split()[-1:] == p.split() or p.split()[-1:] == g.split()


def _same_site(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    return g == p or g in p.split(" ") or p in g.split(" ") or (len(g) > 3 and (g in p or p in g))


def match(gold: Iterable, pred: Iterable, same=lambda a, b: a == b) -> Score:
    """The largest one-to-one matching of two sets under `same` (augmenting paths, values in
    sorted order): the score does not depend on the order a set happens to iterate in.

    >>> match({"Moravie", "Moravie-Silésie"}, {"Moravie-Silésie"}, _same_site)
    Score(tp=1, fp=0, fn=1)
    """
    gold, pred = sorted(set(gold), key=repr), sorted(set(pred), key=repr)
    edges = [[i for i, p in enumerate(pred) if same(g, p)] for g in gold]
    owner: dict[int, int] = {}          # pred index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for i in edges[g]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = g
                    return True
        return False

    tp = sum(augment(g, set()) for g in range(len(gold)))
    return Score(tp, len(pred) - tp, len(gold) - tp)


def amount_key(value, currency) -> tuple:
    """The key facts are matched on: (rounded full units, ISO currency or None)."""
    try:
        return (round(float(value)), currency or None)
    except (TypeError, ValueError):
        return (None, currency or None)


def gold_sets(facts: dict) -> dict[str, set]:
    inv = facts.get("investments", [])
    return {
        "people": set(facts.get("people", [])), "orgs": set(facts.get("orgs", [])),
        "countries": set(facts.get("countries", [])), "sites": set(facts.get("sites", [])),
        "amounts": {amount_key(i["amount_value"], i.get("currency")) for i in inv},
        "investors": {(*amount_key(i["amount_value"], i.get("currency")), i.get("investor") or "") for i in inv},
        "links": {(*amount_key(i["amount_value"], i.get("currency")), i.get("country") or "") for i in inv},
        "periods": {(*amount_key(i["amount_value"], i.get("currency")), str(i.get("period_end") or ""))
                    for i in inv if i.get("period_end")},
        "commitments": {c["category"] for c in facts.get("commitments", [])},
        "published": {str(facts["published"])[:7]} if facts.get("published") else set(),
    }


def predicted_sets(mentions: list[dict], rows: list[dict], document: dict | None = None) -> dict[str, set]:
    """The predicted values per field; `document` (its documents.csv row) gives the
    publication month."""
    inv = [r for r in rows if r["kind"] == "investment"]
    by_label = lambda label: {m["value"] for m in mentions if m["label"] == label}  # noqa: E731
    return {
        "people": by_label("PERSON"), "orgs": by_label("ORG"), "countries": by_label("COUNTRY"),
        "sites": by_label("SITE"),
        "amounts": {amount_key(r["amount_value"], r["amount_currency"]) for r in inv},
        "investors": {(*amount_key(r["amount_value"], r["amount_currency"]), r["investor"] or "") for r in inv},
        "links": {(*amount_key(r["amount_value"], r["amount_currency"]), r["country"] or "") for r in inv},
        "periods": {(*amount_key(r["amount_value"], r["amount_currency"]), str(r.get("period_end") or ""))
                    for r in inv if r.get("period_end") not in (None, "")},
        "commitments": {r["category"] for r in rows if r["kind"] == "commitment"},
        "published": {str(document["published"])[:7]} if document and document.get("published") else set(),
    }


def same_org(gold: str, pred: str) -> bool:
    """Same organisation: same name, or one is the acronym of the other (gold README).

    >>> same_org("UK Research and Innovation", "UKRI"), same_org("Google", "Alphabet")
    (True, False)
    >>> same_org("Banque européenne d'investissement", "BEI")
    True
    >>> same_org("ministère de l'Économie, de l'Innovation et de l'Énergie", "MEIE")
    True
    """
    if norm(gold) == norm(pred):
        return True
    short, long = sorted((str(gold), str(pred)), key=len)
    letters = "".join(ch for ch in short if ch.isalnum())
    if len(letters) < 2 or not letters.isupper():
        return False
    plain = unicodedata.normalize("NFKD", long.replace("’", "'")).encode("ascii", "ignore").decode()   # "l'Économie" -> E
    capitals = "".join(ch for ch in plain if ch.isupper())
    words = [re.sub(r"^[dl]['’]", "", w) for w in plain.replace("-", " ").replace(",", " ").split()]
    initials = "".join(w[0] for w in words if w and w.lower() not in _FUNCTION_WORDS).upper()
    return letters in (capitals, initials)


_FUNCTION_WORDS = {"de", "du", "des", "la", "le", "les", "et", "of", "and", "for", "the", "pour", "à"}


def _same_fact_org(gold: tuple, pred: tuple) -> bool:
    return gold[:-1] == pred[:-1] and (gold[-1] == pred[-1] or same_org(gold[-1], pred[-1]))


SAME = {"people": _same_person, "sites": _same_site, "orgs": same_org, "investors": _same_fact_org}


def score_document(gold: dict, pred: dict) -> dict[str, Score]:
    return {f: match(gold[f], pred[f], SAME.get(f, lambda a, b: a == b)) for f in FIELDS}


def load_split(name: str, corpus: Path) -> tuple[list[Path], dict[str, dict]]:
    """(article paths, gold facts by doc_id) of a split: `seeds` or a labelled file
    (`train`, `test`, `feed-train`, `feed-test`: `corpus/labelled/<name>.jsonl`)."""
    if name == "seeds":
        gold = {}
        for line in (corpus / "gold" / "seeds.facts.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                gold[record["doc_id"]] = record
        return [corpus / "seeds"], gold
    path = corpus / "labelled" / f"{name}.jsonl"
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[str(record["id"])] = record["facts"]
    return [path], gold


def evaluate_split(name: str, corpus: Path, nlp) -> tuple[dict[str, Score], dict[str, dict]]:
    """Totals per field, and per-document details (for retraining and error listings)."""
    from pipeline.io.readers import iter_articles
    from pipeline.batch.run import process

    paths, gold = load_split(name, corpus)
    totals = {f: Score() for f in FIELDS}
    details: dict[str, dict] = {}
    articles = list(iter_articles(paths))
    texts = {a.doc_id: a.text for a in articles if hasattr(a, "text")}
    for rows in process(articles, nlp):
        doc_id = rows.document["doc_id"]
        if doc_id not in gold:
            continue
        g, p = gold_sets(gold[doc_id]), predicted_sets(rows.mentions, rows.investments, rows.document)
        scores = score_document(g, p)
        for f in FIELDS:
            totals[f].add(scores[f])
        details[doc_id] = {"gold": g, "pred": p, "rows": rows, "text": texts.get(doc_id, "")}
    return totals, details


def report_rows(split: str, totals: dict[str, Score]) -> list[dict]:
    return [{"split": split, "field": f, "precision": round(s.precision, 3),
             "recall": round(s.recall, 3), "f1": f1(s), "tp": s.tp, "fp": s.fp, "fn": s.fn}
            for f, s in totals.items()]
