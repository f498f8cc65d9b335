"""Sanity checks for the labelled samples in corpus/labelled/ (format of corpus/README.md)."""
import json
import re
from pathlib import Path

import pycountry
import pytest

from pipeline.rules.cities import city_country

LABELLED = Path(__file__).resolve().parent.parent / "corpus" / "labelled"
SPLITS = {"train": 32, "test": 16, "feed-train": 50, "feed-test": 30}  # minimum number of articles per split

REQUIRED_KEYS = {"id", "split", "published", "title", "url", "text", "spans", "facts"}
FACT_KEYS = {"published", "investments", "people", "orgs", "countries", "sites", "commitments"}
INVESTMENT_KEYS = {"investor", "country", "amount_value", "currency", "amount_kind", "amount_max",
                   "period_start", "period_end", "sites"}
COMMITMENT_KEYS = {"category", "value", "unit", "year"}
SPAN_LABELS = {"AMOUNT", "QUANTITY", "PERSON", "ORG", "COUNTRY", "SITE"}
AMOUNT_KINDS = {"exact", "approx", "min", "max", "range"}
CATEGORIES = {"datacenter", "compute", "training", "startups", "cybersecurity", "responsible_ai",
              "jobs", "renewable_energy", "research", "other"}
UNITS = {"people", "jobs", "startups", "gpu", "MW", "GW", "datacenters", "percent", "countries",
         "researchers", "engineers", "files", "factor", "other", "companies", "sites", "users", "kW",
         "students"}

AMOUNT_RE = re.compile(r"^(\d+)(?:-(\d+))? ([A-Z]{3}|None)$")
QUANTITY_RE = re.compile(r"^(\d+(?:\.\d+)?) (\S+)$")
DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
YEAR_RE = re.compile(r"^(19|20)\d\d$")

CURRENCIES = {c.alpha_3 for c in pycountry.currencies} | {"BGN"}   # the lev, withdrawn in 2026, is still quoted
COUNTRIES = {c.alpha_2 for c in pycountry.countries}


def _is_state(name: str) -> bool:
    from babel import Locale

    return name in set(Locale("fr").territories.values())


def _load(split):
    path = LABELLED / f"{split}.jsonl"
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                rows.append((split, lineno, line))
    return rows


ROWS = [row for split in SPLITS for row in _load(split)]


def _parse(line):
    return json.loads(line)


@pytest.mark.parametrize("split,minimum", sorted(SPLITS.items()))
def test_split_size(split, minimum):
    assert len(_load(split)) >= minimum


def test_unique_ids():
    ids = [_parse(line)["id"] for _, _, line in ROWS]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, f"duplicate ids: {sorted(dup)}"


def test_no_duplicate_texts():
    texts = [_parse(line)["text"] for _, _, line in ROWS]
    assert len(texts) == len(set(texts))


@pytest.fixture(params=ROWS, ids=[f"{s}:{n}" for s, n, _ in ROWS])
def article(request):
    split, lineno, line = request.param
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:  # pragma: no cover - reported as failure
        pytest.fail(f"{split}.jsonl line {lineno}: invalid JSON ({exc})")
    return split, rec


def test_keys_and_split(article):
    split, rec = article
    assert REQUIRED_KEYS <= rec.keys(), REQUIRED_KEYS - rec.keys()
    assert rec["split"] == split
    assert isinstance(rec["id"], str) and rec["id"]
    assert isinstance(rec["text"], str) and rec["text"].strip()
    assert rec["published"] is None or DATE_RE.match(rec["published"]), rec["published"]
    n_words = len(rec["text"].split())
    assert 150 <= n_words <= 600, n_words


def test_spans(article):
    _, rec = article
    text = rec["text"]
    previous_end = -1
    for span in sorted(rec["spans"], key=lambda s: s["start"]):
        assert {"start", "end", "label", "value", "text"} <= span.keys(), span
        assert 0 <= span["start"] < span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span
        assert span["start"] >= previous_end, f"overlapping span {span}"
        previous_end = span["end"]
        assert span["label"] in SPAN_LABELS, span
        value = span["value"]
        assert isinstance(value, str) and value, span
        if span["label"] == "AMOUNT":
            m = AMOUNT_RE.match(value)
            assert m, span
            assert m.group(3) == "None" or m.group(3) in CURRENCIES, span
            if m.group(2):
                assert int(m.group(1)) < int(m.group(2)), span
        elif span["label"] == "QUANTITY":
            m = QUANTITY_RE.match(value)
            assert m and m.group(2) in UNITS, span
        elif span["label"] == "COUNTRY":
            assert value in COUNTRIES, span


def test_facts(article):
    split, rec = article
    facts = rec["facts"]
    assert FACT_KEYS <= facts.keys(), FACT_KEYS - facts.keys()
    if rec["published"]:
        assert facts["published"] == rec["published"][:7]
    elif split.startswith("feed"):   # the date is read from the text (corpus/README.md)
        assert facts["published"] is None or DATE_RE.match(facts["published"]), facts["published"]
    else:
        assert facts["published"] is None
    for key in ("people", "orgs", "countries", "sites"):
        assert isinstance(facts[key], list)
        assert len(facts[key]) == len(set(facts[key])), f"duplicates in {key}"
    for code in facts["countries"]:
        assert code in COUNTRIES, code
    # every entity span is reflected in the facts, and vice versa
    by_label = {}
    for span in rec["spans"]:
        by_label.setdefault(span["label"], set()).add(span["value"])
    for label, key in (("PERSON", "people"), ("ORG", "orgs"), ("COUNTRY", "countries"), ("SITE", "sites")):
        assert by_label.get(label, set()) == set(facts[key]), (label, key)
    for com in facts["commitments"]:
        assert COMMITMENT_KEYS <= com.keys(), com
        assert com["category"] in CATEGORIES, com
        assert com["unit"] is None or com["unit"] in UNITS, com
        assert com["value"] is None or isinstance(com["value"], (int, float)), com
        assert com["year"] is None or YEAR_RE.match(com["year"]), com


def test_investments(article):
    _, rec = article
    facts = rec["facts"]
    amounts = {s["value"] for s in rec["spans"] if s["label"] == "AMOUNT"}
    for inv in facts["investments"]:
        assert INVESTMENT_KEYS <= inv.keys(), INVESTMENT_KEYS - inv.keys()
        assert inv["currency"] in CURRENCIES, inv
        # null: an amount spread over several countries; a target may be implied by its sites only,
        # or by the article's own places (a round for a Lyon start-up whose text names no country)
        assert inv["country"] is None or inv["country"] in COUNTRIES, inv
        assert (inv["country"] is None or inv["country"] in facts["countries"] or inv["sites"]
                or inv["country"] in {city_country(site) for site in facts["sites"]}), inv
        # a state that invests itself is named as the state (corpus/README.md, feed conventions)
        assert inv["investor"] is None or inv["investor"] in facts["orgs"] or _is_state(inv["investor"]), inv
        if inv.get("recipient") is not None:
            assert inv["recipient"] in facts["orgs"], inv
        assert isinstance(inv["amount_value"], int) and inv["amount_value"] > 0, inv
        assert inv["amount_kind"] in AMOUNT_KINDS, inv
        if inv["amount_kind"] == "range":
            assert isinstance(inv["amount_max"], int) and inv["amount_max"] > inv["amount_value"], inv
            wanted = f"{inv['amount_value']}-{inv['amount_max']} {inv['currency']}"
        else:
            assert inv["amount_max"] is None, inv
            wanted = f"{inv['amount_value']} {inv['currency']}"
        assert wanted in amounts, f"{wanted} not among AMOUNT spans {sorted(amounts)}"
        for key in ("period_start", "period_end"):
            assert inv[key] is None or YEAR_RE.match(inv[key]), inv
        if inv["period_start"] and inv["period_end"]:
            assert inv["period_start"] <= inv["period_end"], inv
        assert set(inv["sites"]) <= set(facts["sites"]), inv


@pytest.mark.parametrize("split", ["feed-train", "feed-test"])
def test_feed_samples_sit_in_the_split_their_id_hash_gives(split):
    from pipeline.learn.tuning import feed_split

    misplaced = [json.loads(line)["id"] for _, _, line in _load(split) if feed_split(json.loads(line)["id"]) != split]
    assert not misplaced, f"move them with scripts/place_feed_samples.py: {misplaced}"
