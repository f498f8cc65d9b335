"""The trained link scorer: picks an investment's investor, country and period among its
candidates (`pipeline.facts.candidates`), and gives the row a calibrated confidence.

The model is plain JSON, `models/assembly/scorer.json`, written by `make retrain`
(`pipeline.learn.train_scorer`): per slot a logistic regression over standardized
features (names, means, scales, coefficients, intercept), and a calibration of the row
confidence fitted on cross-validated predictions of the train splits. No pickle.
Without the file, the rules' picks stay (`link_feature` = "rule"); the candidates and
their features are still computed when `collect(True)` was called (training).

>>> sigmoid(0.0)
0.5
"""
from __future__ import annotations

import json
import math

from pipeline.facts.candidates import Candidate, country_candidates, investor_candidates, period_candidates
from pipeline.facts.context import Context, Fact, spread
from pipeline.facts.features import link_features
from pipeline.facts.timing import timed
from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import models_dir, rules_cache

MODEL_FILE = "assembly/scorer.json"
SLOTS = ("investor", "country", "period")
_COLLECT = {"on": False}


def collect(on: bool) -> None:
    """Compute candidates and features, and keep the rules' picks (to build training data:
    it then depends on the rules only, never on a scorer already there)."""
    _COLLECT["on"] = on


@rules_cache
def load_scorer() -> dict | None:
    """The scorer of the rules folder in use, or None when there is none."""
    path = models_dir() / MODEL_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_PREPARED: dict[int, tuple] = {}   # id(model) -> (model, its parameters, absent-feature terms, name -> parameters)


def _prepared(model: dict) -> tuple[dict[str, float], dict[str, tuple[float, float, float]]]:
    """The model's term of every absent feature (value 0), in its feature order, and each
    feature's (mean, scale, coef): computed once per model, again if its parameters change."""
    params = (model["features"], model["mean"], model["scale"], model["coef"])
    hit = _PREPARED.get(id(model))
    if hit is not None and hit[0] is model and hit[1] == params:
        return hit[2], hit[3]
    base, by_name = {}, {}
    for name, mean, scale, coef in zip(*params):
        base[name] = coef * (0.0 - mean) / scale
        by_name[name] = (mean, scale, coef)
    if len(_PREPARED) > 64:
        _PREPARED.clear()
    _PREPARED[id(model)] = (model, tuple(list(p) for p in params), base, by_name)
    return base, by_name


def contributions(model: dict, features: dict[str, float]) -> dict[str, float]:
    """Per feature: coefficient x standardized value (the logit is their sum + intercept).
    Most features of a row are absent (0): their terms are the model's, computed once."""
    base, by_name = _prepared(model)
    out = base.copy()
    for name, value in features.items():
        found = by_name.get(name)
        if found is not None:
            mean, scale, coef = found
            out[name] = coef * (value - mean) / scale
    return out


def logit_probability(model: dict, contrib: dict[str, float]) -> float:
    """`probability` from the row's `contributions` (computed once for both)."""
    return sigmoid(model["intercept"] + sum(contrib.values()))


def probability(model: dict, features: dict[str, float]) -> float:
    return logit_probability(model, contributions(model, features))


def choose(scores: list[float], rule: list[bool], margin: float) -> int:
    """Index of the pick: the best-scored candidate, unless the rule's pick is within
    `margin` of it (the rules are the prior; the model overrides them when it is sure).

    >>> choose([0.2, 0.6], [True, False], 0.3), choose([0.2, 0.6], [True, False], 0.5)
    (1, 0)
    """
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    ruled = next((i for i, r in enumerate(rule) if r), None)
    if ruled is not None and scores[best] - scores[ruled] <= margin:
        return ruled
    return best


def rule_picks(fact: Fact) -> dict[str, str]:
    period = fact.period.obj.year_end if fact.period is not None and fact.period.obj is not None else None
    return {"investor": fact.investor, "recipient": fact.recipient, "country": fact.country,
            "period": str(int(period)) if period is not None else ""}


def assign_links(ctx: Context, facts: list[Fact]) -> None:
    """Score the candidates of each fact and keep the best of each slot (when a model exists)."""
    for fact in facts:
        stage_links(ctx, fact)
    for fact in facts:
        score_links(ctx, fact)


def stage_links(ctx: Context, fact: Fact) -> None:
    """The candidates of `fact` (features not yet computed), or `link_feature` "rule" and
    none when there is no scorer and no training collection."""
    with timed("link scorer"):
        if load_scorer() is None and not _COLLECT["on"] or fact.signals.get("fund_closing"):
            fact.link_feature = "rule"
            return
        picks = rule_picks(fact)
        for slot in SLOTS:
            fact.candidates[slot] = _with_rule_pick(_candidates(ctx, fact.amount, slot, picks), slot, picks[slot], fact)
        if not picks["country"] and spread(ctx, fact.amount):   # several countries, or "en Europe": none, by convention
            fact.candidates["country"] = [c for c in fact.candidates["country"] if c.is_none]


def sentences_to_parse(ctx: Context, facts: list[Fact]) -> list[tuple[int, int]]:
    """The sentences whose dependency parse the link features read: those of the staged
    facts with a candidate mention of that very sentence."""
    return [ctx.sentences.of(f.amount.start) for f in facts
            if any(c.source == "sentence" and c.mention is not None for cands in f.candidates.values() for c in cands)]


def score_links(ctx: Context, fact: Fact) -> None:
    """Features and scores of the staged candidates of `fact`; the model's picks."""
    if not fact.candidates:
        return
    with timed("link scorer"):
        model, amount = load_scorer(), fact.amount
        picks, cue_id = rule_picks(fact), fact.rule.partition("+")[0]
        needs = ctx.parse is not None and bool(sentences_to_parse(ctx, [fact]))
        parsed = ctx.parse(*ctx.sentences.of(amount.start)) if needs else None
        for slot in SLOTS:
            for cand in fact.candidates[slot]:
                cand.features = link_features(ctx, amount, cand, picks, parsed, cue_id)
        if model is None or _COLLECT["on"]:   # collecting training data: the rules' picks stay
            fact.link_feature = "rule"
            return
        _apply(model, fact)


def _candidates(ctx: Context, amount: Mention, slot: str, picks: dict[str, str]) -> list[Candidate]:
    if slot == "investor":
        return investor_candidates(ctx, amount)
    if slot == "country":
        return country_candidates(ctx, amount, picks["investor"])
    return period_candidates(ctx, amount)


def _with_rule_pick(cands: list[Candidate], slot: str, pick: str, fact: Fact) -> list[Candidate]:
    """The rule's pick is always a candidate (it may come from beyond the context spans)."""
    if pick and pick not in {c.value for c in cands}:
        mention = fact.period if slot == "period" else None
        cands.insert(len(cands) - 1, Candidate(slot, pick, mention, "document"))
    return cands


def _apply(model: dict, fact: Fact) -> None:
    decided, probs = [], {}
    for slot in SLOTS:
        slot_model = model["slots"][slot]
        cands = fact.candidates[slot]
        for cand in cands:
            cand.score = probability(slot_model, cand.features)
        best = cands[choose([c.score for c in cands], [bool(c.features.get("rule_pick")) for c in cands],
                            slot_model.get("override_margin", 0.0))]
        ranked = [best] + sorted((c for c in cands if c is not best), key=lambda c: -c.score)
        probs[slot] = (best.score, best.score - (ranked[1].score if len(ranked) > 1 else 0.0))
        if slot == "investor":
            fact.investor = best.value
        elif slot == "country":
            fact.country = best.value
        else:
            fact.period = best.mention if not best.is_none else None
        decided.append(f"{slot}:{_deciding(slot_model, best, ranked[1:2])}")
    fact.link_feature = ";".join(decided)
    cue, plus, decided_by = fact.rule.partition("+")   # the scorer's mark right after the cue
    fact.rule = f"{cue}+assembly.scorer@{model['version']}{plus}{decided_by}"
    fact.confidence = row_confidence(model, fact.confidence, probs)
    for slot, (p, margin) in probs.items():   # read by `pipeline.facts.confidence`
        fact.signals[f"p_{slot}"], fact.signals[f"margin_{slot}"] = round(p, 6), round(margin, 6)


def _deciding(model: dict, best: Candidate, runner_up: list[Candidate]) -> str:
    """The feature that most separates the winner from the runner-up (largest contribution)."""
    mine = contributions(model, best.features)
    other = contributions(model, runner_up[0].features) if runner_up else {}
    name = max(sorted(mine), key=lambda n: mine[n] - other.get(n, 0.0))
    return name


def confidence_features(rule_confidence: float, probs: dict[str, tuple[float, float]]) -> dict[str, float]:
    out = {"rule_confidence": rule_confidence}
    for slot, (p, margin) in probs.items():
        out[f"p_{slot}"], out[f"margin_{slot}"] = p, margin
    return out


def row_confidence(model: dict, rule_confidence: float, probs: dict[str, tuple[float, float]]) -> float:
    """Calibrated probability that the row (amount, investor, country) is right."""
    calib = model.get("confidence")
    if not calib:
        return rule_confidence
    return round(probability(calib, confidence_features(rule_confidence, probs)), 2)
