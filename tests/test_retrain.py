"""`make retrain` end to end on small labelled sets where the right outcome is known.

Each case copies `models/` and writes a tiny corpus into tmp_path, then runs the retrain
(which builds its own pipelines on the copied rules folder):
- a bad cue that fires on revenue sentences must be disabled, the version written;
- a made-up company periphrasis ("la firme de Gotham") corrected in a review must be
  learned, and found by the next run on an unseen article;
- a candidate tuned on mislabelled samples gets worse on held-back: rejected, nothing written;
- a tiny NER training run that does not beat the stock model is not kept.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.learn.lessons import Thresholds
from pipeline.learn.retrain import Options, retrain, rules_folder

ROOT = Path(__file__).resolve().parent.parent
BAD_CUE = {"id": "invest.bad_results", "pattern": "\\bchiffre d['’]affaires\\b"}
COMPANIES = [("Capgemini", "FR", "France"), ("Orange", "ES", "Espagne"), ("Atos", "DE", "Allemagne"),
             ("Mistral AI", "IT", "Italie"), ("OVHcloud", "PT", "Portugal"), ("Dassault Systèmes", "BE", "Belgique")]


def article(doc_id: str, company: str, country: str, place: str, revenue: int, invest: int,
            gold_invest: bool = True) -> dict:
    """A labelled article: a revenue sentence, then an investment sentence."""
    text = (f"{company} affiche un chiffre d'affaires annuel de {revenue} milliards d'euros. "
            f"Le groupe va investir {invest} milliards d'euros en {place} d'ici 2027.")
    spans = [{"start": text.index(company), "end": text.index(company) + len(company),
              "label": "ORG", "value": company, "text": company},
             {"start": text.index(place), "end": text.index(place) + len(place),
              "label": "COUNTRY", "value": country, "text": place}]
    investments = [{"investor": company, "country": country, "amount_value": invest * 10**9,
                    "currency": "EUR", "amount_kind": "exact", "amount_max": None,
                    "period_start": None, "period_end": "2027", "sites": []}] if gold_invest else []
    return {"id": doc_id, "published": "2025-01-15", "text": text, "spans": spans,
            "facts": {"published": "2025-01", "investments": investments, "people": [],
                      "orgs": [company], "countries": [country], "sites": [], "commitments": []}}


def write_corpus(root: Path, train: list[dict], test: list[dict]) -> Path:
    corpus = root / "corpus"
    (corpus / "labelled").mkdir(parents=True)
    for name, records in (("train", train), ("test", test)):
        lines = [json.dumps({**r, "split": name}, ensure_ascii=False) for r in records]
        (corpus / "labelled" / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def copy_models(root: Path, bad_cue: bool = False) -> Path:
    models = root / "models"
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns("model-best", "model-last", "learned"))
    (models / "rules.json").write_text(json.dumps({"version": "1", "rules": {}}), encoding="utf-8")
    (models / "metrics.json").unlink(missing_ok=True)
    # the cue rules alone: the trained amount model would already drop a bad cue's rows
    # (what it learned from revenue sentences), and the retrain must see the cue's own harm
    (models / "assembly" / "amounts.json").unlink(missing_ok=True)
    if bad_cue:
        facts = json.loads((models / "facts.json").read_text(encoding="utf-8"))
        facts["investment_cues"].insert(0, BAD_CUE)
        (models / "facts.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    return models


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def review_gotham(corpus: Path) -> None:
    """A reviewer corrects the missed investor and selects the periphrasis, with the store."""
    from pipeline.review.store import ReviewStore

    text = ("Selon nos informations, la firme de Gotham va investir 3 milliards d'euros en "
            "Allemagne d'ici 2028.")
    doc = {"id": "rev_gotham", "text": text, "published": "2025-02-01"}
    original = {"row_id": "row1", "doc_id": "rev_gotham", "kind": "investment", "investor": "",
                "country": "DE", "amount_value": "3000000000", "amount_currency": "EUR",
                "period_end": "2028", "rule": "invest.verb_investir", "evidence": text}
    store = ReviewStore(corpus / "reviews", reviewer="test")
    store.decide(doc, "row1", "correct", fields={"investor": "Wayne Enterprises"}, original=original)
    start = text.index("la firme de Gotham")
    store.decide(doc, "add1", "add", fields={"label": "ORG", "start": start, "end": start + 18,
                                             "text": "la firme de Gotham", "value": "Wayne Enterprises"})


def quiet_options(**changes) -> Options:
    return Options(**{"thresholds": Thresholds(0.5, 3, 0.7), "tune_share": 1.0, **changes})


@pytest.fixture(scope="module")
def accepted_run(tmp_path_factory):
    """Bad revenue cue + a Gotham review: the retrain must accept and write a version."""
    root = tmp_path_factory.mktemp("accepted")
    train = [article(f"tr{i}", c, code, place, 20 + i, 2 + i) for i, (c, code, place) in enumerate(COMPANIES[:4])]
    test = [article(f"te{i}", c, code, place, 30 + i, 1 + i) for i, (c, code, place) in enumerate(COMPANIES[4:])]
    corpus = write_corpus(root, train, test)
    review_gotham(corpus)
    models = copy_models(root, bad_cue=True)
    result = retrain(corpus, models, quiet_options(), out=root / "output")
    return models, result


def test_retrain_disables_a_bad_cue_and_writes_the_version(accepted_run):
    models, result = accepted_run
    rules = json.loads((models / "rules.json").read_text(encoding="utf-8"))
    assert result.accepted, result.reasons
    assert rules["version"] == "2"
    assert rules["rules"]["invest.bad_results"]["enabled"] is False
    assert rules["rules"]["invest.verb_investir"]["enabled"] is True
    held = result.after["held"]["amounts"]
    assert (held.fp, result.before["held"]["amounts"].fp) == (0, 2)   # the revenue rows are gone


def test_retrain_writes_metrics_with_before_and_after(accepted_run):
    models, result = accepted_run
    metrics = json.loads((models / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["version"] == "2" and metrics["accepted"] is True
    assert metrics["fields"]["held"]["amounts"]["after"]["f1"] > metrics["fields"]["held"]["amounts"]["before"]["f1"]
    assert {"rule": "invest.bad_results", "action": "disable"}.items() <= next(
        a for a in metrics["actions"] if a["rule"] == "invest.bad_results").items()


def test_retrain_gates_each_held_back_split_on_its_own(accepted_run):
    """A gain on one held-back split must not hide a drop on another: each labelled split is
    scored and checked apart from the pooled held-back scores."""
    models, result = accepted_run
    metrics = json.loads((models / "metrics.json").read_text(encoding="utf-8"))
    assert "held:test" in result.before and "held:test" in result.after
    assert metrics["fields"]["held:test"]["amounts"]["after"]["f1"] == metrics["fields"]["held"]["amounts"]["after"]["f1"]


def test_retrain_learns_a_corrected_periphrasis(accepted_run):
    models, _ = accepted_run
    learned = json.loads((models / "learned" / "orgs.json").read_text(encoding="utf-8"))["orgs"]
    entry = next(e for e in learned if e["name"] == "Wayne Enterprises")
    assert entry["periphrases"] == ["firme de Gotham"] and entry["source"] == "review"
    assert entry["learned_from"][0]["doc_id"] == "rev_gotham"


def test_retrain_learned_alias_is_found_by_the_next_run(accepted_run):
    from pipeline.nlp.model import load
    from pipeline.io.readers import Article
    from pipeline.batch.run import process

    models, _ = accepted_run
    text = "De son côté, la firme de Gotham injectera 5 milliards d'euros en Pologne."
    with rules_folder(models):
        rows = next(process([Article("new", "t", text, 0, "2025-03")], load()))
    assert [r["investor"] for r in rows.investments if r["kind"] == "investment"] == ["Wayne Enterprises"]


def test_retrain_rejects_a_candidate_worse_on_held_back(tmp_path):
    # The tune samples forget the investments ('investir' looks always wrong there), the
    # held-back ones have them: disabling the cue would lose them, so nothing is written.
    train = [article(f"tr{i}", c, code, place, 20 + i, 2 + i, gold_invest=False)
             for i, (c, code, place) in enumerate(COMPANIES[:4])]
    test = [article(f"te{i}", c, code, place, 30 + i, 1 + i) for i, (c, code, place) in enumerate(COMPANIES[4:])]
    corpus = write_corpus(tmp_path, train, test)
    models = copy_models(tmp_path)
    digest = tree_digest(models)
    result = retrain(corpus, models, quiet_options(), out=tmp_path / "output")
    assert not result.accepted
    assert any(reason.startswith("held amounts") for reason in result.reasons)
    assert tree_digest(models) == digest and not (models / "metrics.json").exists()


def test_retrain_keeps_no_ner_that_does_not_beat_the_current_one(tmp_path, capsys):
    train = [article(f"tr{i}", c, code, place, 20 + i, 2 + i) for i, (c, code, place) in enumerate(COMPANIES[:4])]
    test = [article(f"te{i}", c, code, place, 30 + i, 1 + i) for i, (c, code, place) in enumerate(COMPANIES[4:])]
    corpus = write_corpus(tmp_path, train, test)
    models = copy_models(tmp_path)
    result = retrain(corpus, models, quiet_options(ner_min_docs=1, ner_max_steps=2),
                     out=tmp_path / "output")
    assert result.ner["trained"] is True and result.ner["kept"] is False
    assert not (models / "ner" / "model-best").exists()


def test_retrain_says_when_there_are_too_few_documents_for_the_ner(accepted_run, capsys):
    _, result = accepted_run
    assert result.ner == {"trained": False, "docs": 5, "min_docs": 200}   # 4 labelled + 1 review span
