"""Review the extracted rows of labelled documents by their gold facts, through the review
store (the same calls the review page makes), to run a review round reproducibly.

    .venv/bin/python scripts/review_from_gold.py corpus/labelled/train.jsonl --corpus corpus \
        [--ids lab_train_001,lab_train_002] [--reviewer gold-review]

For each row of `output/investments.csv`-to-be (the pipeline is run on the documents):
an investment whose amount is in the gold is accepted, or corrected (investor, country)
when they differ; one that is not is rejected; a commitment is accepted when its category
is in the gold, else rejected. Gold organisations and sites the pipeline did not find are
added as text selections. Prints the decision counts.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipeline.learn.evaluate import amount_key, norm
from pipeline.nlp.model import load
from pipeline.io.readers import Article
from pipeline.review.store import ReviewStore
from pipeline.batch.run import process


def review_document(store: ReviewStore, record: dict, rows, counts: Counter) -> None:
    facts = record["facts"]
    gold = {amount_key(i["amount_value"], i.get("currency")): i for i in facts["investments"]}
    categories = {c["category"] for c in facts["commitments"]}

    def decide(row_id: str, decision: str, fields: dict | None = None, original: dict | None = None):
        store.decide(record, row_id, decision, fields=fields, original=original)
        counts[decision] += 1

    for row in rows.investments:
        if row["kind"] == "commitment":
            decide(row["row_id"], "accept" if row["category"] in categories else "reject", original=row)
            continue
        truth = gold.get(amount_key(row["amount_value"], row["amount_currency"]))
        if truth is None:
            decide(row["row_id"], "reject", original=row)
            continue
        fields = {key: value for key, value in (("investor", truth.get("investor") or ""),
                                                ("country", truth.get("country") or ""))
                  if str(row.get(key) or "") != value}
        decide(row["row_id"], "correct" if fields else "accept", fields=fields or None, original=row)
    found = {(m["label"], norm(m["value"])) for m in rows.mentions}
    for label, key in (("ORG", "orgs"), ("SITE", "sites")):
        for name in facts[key]:
            start = record["text"].find(name)
            if (label, norm(name)) in found or start < 0:
                continue
            decide(f"add-{label}-{name}", "add", fields={"label": label, "start": start,
                                                        "end": start + len(name), "text": name,
                                                        "value": name})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--ids", default="")
    parser.add_argument("--reviewer", default="gold-review")
    args = parser.parse_args()
    wanted = set(filter(None, args.ids.split(",")))
    records = {r["id"]: r for r in map(json.loads, args.labelled.read_text(encoding="utf-8").splitlines())
               if not wanted or r["id"] in wanted}
    store = ReviewStore(args.corpus / "reviews", reviewer=args.reviewer)
    articles = [Article(i, str(args.labelled), r["text"], 0, r.get("published"), r.get("url"), r.get("title"))
                for i, r in records.items()]
    counts: Counter = Counter()
    for rows in process(articles, load()):
        review_document(store, records[rows.document["doc_id"]], rows, counts)
    print(f"{len(records)} documents reviewed:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
