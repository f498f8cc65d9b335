"""The row confidence: a calibrated probability that the row is right, the last step of assembly.

An investment row is right when its amount is a gold investment and its investor and
country are the gold ones (`pipeline.learn.reliability.row_right`); a commitment row when
its category is a gold commitment of the document. The calibration reads the signals the
row has (`Fact.signals`): the amount model's probability, the link scorer's slot
probabilities and margins, the rule's confidence, and document signals that tell a clean
article from a feed excerpt (share of furniture lines, a text cut mid-sentence, how many
amounts it has). One calibration serves both kinds of text.

The calibration is plain JSON, `models/assembly/confidence.json`, fitted on out-of-fold
predictions of the tune splits (`pipeline.learn.calibrate`): for investments a logistic
(Platt) map over `features(signals)` or an isotonic map (breakpoints) of one score; for
commitments a smoothed share right per category. Without the file the confidence stays
as the rules and the scorer set it.

>>> round(logit(0.5), 3), round(interpolate([0.0, 1.0], [0.2, 0.8], 0.25), 3)
(0.0, 0.35)
"""
from __future__ import annotations

import bisect
import json
import math

from pipeline.facts.amount_features import cue_groups
from pipeline.facts.context import Context, Fact
from pipeline.facts.scorer import probability
from pipeline.mentions.mention import is_boilerplate
from pipeline.rules.lexicon import models_dir, rules_cache

MODEL_FILE = "assembly/confidence.json"
PROBABILITIES = ("p_amount", "p_investor", "p_country", "p_period")
MARGINS = ("margin_investor", "margin_country", "margin_period")


@rules_cache
def load_calibration() -> dict | None:
    """The calibration of the rules folder in use, or None when there is none."""
    path = models_dir() / MODEL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def logit(p: float) -> float:
    p = min(1 - 1e-4, max(1e-4, p))
    return math.log(p / (1 - p))


def interpolate(xs: list[float], ys: list[float], x: float) -> float:
    """Piecewise-linear through (xs, ys), flat beyond the ends (as `numpy.interp`)."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def document_signals(ctx: Context) -> dict[str, float]:
    """What tells a clean article from a feed excerpt: furniture lines, a cut-off end, amounts."""
    furniture = cue_groups().get("furniture")
    offset, lines, noisy = 0, 0, 0
    for line in ctx.text.split("\n"):
        if line.strip():
            lines += 1
            noisy += is_boilerplate(ctx.text, offset) or bool(furniture and furniture.search(line))
        offset += len(line) + 1
    amounts = sum(1 for m in ctx.mentions if m.label == "AMOUNT")
    return {"doc_furniture_share": round(noisy / max(1, lines), 4),
            "doc_cut_off": float(ctx.sentences.cut_off is not None),
            "doc_amounts_log": round(math.log1p(amounts), 4)}


def features(signals: dict[str, float]) -> dict[str, float]:
    """The calibration's inputs from a row's signals: logits of the probabilities (a
    missing one is 0.5), margins, the rule's confidence and the document signals."""
    out = {f"logit_{name[2:]}": logit(signals.get(name, 0.5)) for name in PROBABILITIES}
    out.update({name: signals.get(name, 0.0) for name in MARGINS})
    out["rule_confidence"] = signals.get("rule_confidence", 0.5)
    out.update({k: v for k, v in signals.items() if k.startswith("doc_")})
    return out


def score(signals: dict[str, float]) -> float:
    """The one-dimensional score an isotonic map reads: the joint link probability."""
    return signals.get("p_amount", 0.5) * signals.get("p_investor", 0.5) * signals.get("p_country", 0.5)


def predict(calibration: dict, signals: dict[str, float]) -> float:
    """Calibrated probability of an investment row from its signals."""
    if calibration["method"] == "isotonic":
        return interpolate(calibration["x"], calibration["y"], score(signals))
    return probability(calibration, features(signals))


def commitment_probability(calibration: dict, category: str) -> float:
    return calibration["categories"].get(category, calibration["default"])


def calibrate(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Record every fact's document signals; with a calibration, set its confidence."""
    doc = document_signals(ctx)
    model = load_calibration()
    for fact in facts:
        fact.signals.setdefault("rule_confidence", fact.confidence)
        fact.signals.update(doc)
        if model is None:
            continue
        if fact.kind == "investment" and model.get("investment"):
            fact.confidence = round(predict(model["investment"], fact.signals), 2)
        elif fact.kind == "commitment" and model.get("commitment"):
            fact.confidence = round(commitment_probability(model["commitment"], fact.category), 2)
    return facts
