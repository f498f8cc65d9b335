"""Is this money amount a current investment of the article? A trained decision over the
amounts the investment rules consider.

A candidate is an AMOUNT whose sentence carries an investment cue (`models/facts.json`),
whether the rules accept it or reject it for a soft reason (a closer blocker cue, a
background cue, a past period): the model may drop an accepted amount (an earlier plan, a
cumulative total, a market size, a denied rumour...) or recover a rejected one.
Its features are named numbers a linguist would read (`amount_features`): the cue and its
distance, the rules' verdict, tense and time words, totals, parts and breakdown sums,
conversions, rumours and cancellations, market nouns, page furniture, position, size rank,
recurrence, the currency. The word lists are data: `models/assembly/amount_cues.json`.

Two kinds of amounts the model does not overrule (`amount_feature` says which), told once
and late, which the model, having seen few, reads as figures repeated in passing: aid or a
loan whose payer its own sentence names (`pipeline.facts.aid.named_aid`), and the lead of a
digest's or a live blog's item whose heading names the investor.

The model is plain JSON, `models/assembly/amounts.json` (`pipeline.learn.train_amounts`,
a logistic regression read with the link scorer's helpers). Without it, the rules decide
(`amount_feature` = "rule").
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

from pipeline.facts.aid import named_aid, own_money
from pipeline.facts.amount_features import CURRENCY_WORD, amount_features, has_group, money_in
from pipeline.facts.breakdowns import later_total, total_of_preceding
from pipeline.facts.context import Context, Fact, clause_of, item_headings
from pipeline.facts.scorer import contributions, logit_probability
from pipeline.facts.states import GAPPED, state_investor
from pipeline.facts.timing import timed
from pipeline.mentions.actors import follows_payer_verb
from pipeline.mentions.institutions import INSTITUTION_RULE
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_kind
from pipeline.mentions.local_bodies import REGIONAL_BODY_RULE
from pipeline.mentions.proposals import STATE_BODY_RULE
from pipeline.rules.lexicon import models_dir, rules_cache

MODEL_FILE = "assembly/amounts.json"
_COLLECT: dict = {"on": False, "rows": []}


def collect(on: bool) -> list:
    """Record every candidate with its features (training); returns the rows recorded so far."""
    rows = _COLLECT["rows"]
    _COLLECT["on"], _COLLECT["rows"] = on, []
    return rows


def collected() -> list:
    """(amount mention, features, rules accept) of the candidates seen since the last call."""
    rows, _COLLECT["rows"] = _COLLECT["rows"], []
    return rows


@rules_cache
def load_amount_model() -> dict | None:
    """The amount model of the rules folder in use, or None when there is none."""
    path = models_dir() / MODEL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def decide_amount(ctx: Context, amount: Mention, fact: Fact | None,
                  relaxed: Callable[[], Fact | None]) -> Fact | None:
    """The investment fact of `amount`, or None: the rules' `fact` without a model, else the
    model's decision (`relaxed()` builds the fact the soft checks rejected)."""
    model = load_amount_model()
    if model is None and not _COLLECT["on"]:
        if fact is not None:
            fact.amount_feature = "rule"
        return fact
    candidate = fact if fact is not None else relaxed()
    if candidate is None:
        return None   # no cue, a conversion, a cut-off sentence: not a candidate
    with timed("amount model"):
        features = amount_features(ctx, amount, candidate, fact is not None)
    if _COLLECT["on"]:
        _COLLECT["rows"].append((amount, features, fact is not None))
    if model is None:
        candidate.amount_feature = "rule"
        return fact
    with timed("amount model"):
        contrib = contributions(model, features)
        p_amount = logit_probability(model, contrib)
    kept = fact is not None and p_amount < model["threshold"] and _told_as_its_own(ctx, amount, fact)
    if p_amount < model["threshold" if fact is not None else "add_threshold"] and not kept:
        return None
    candidate.signals["p_amount"] = round(p_amount, 6)   # read by `pipeline.facts.confidence`
    candidate.amount_feature = kept or max(sorted(contrib), key=lambda n: contrib[n])
    candidate.rule = f"{candidate.rule}+assembly.amounts@{model['version']}"
    return candidate


def _told_as_its_own(ctx: Context, amount: Mention, fact: Fact) -> str:
    """Why the rules' amount stays whatever the model's score ("" when it does not): money of
    its own (`own_money`) that is aid or a loan whose payer its sentence names ("named_aid"),
    a share of a total broken down in full ("breakdown_share"), or the lead of a digest's or
    a live blog's item whose heading, or the lead itself, names the investor ("item_lead":
    "12h00 – Najd Data Centers s'agrandit à Djeddah. L'opérateur saoudien Najd Data Centers
    investira 2,5 milliards")."""
    if not fact.investor or not own_money(ctx, amount):
        return ""
    if named_aid(ctx, amount, fact):
        return "named_aid"
    if _payer_share(ctx, amount, fact):
        return "payer_share"
    if _named_share(ctx, amount, fact):
        return "breakdown_share"
    return "item_lead" if _item_lead(ctx, amount, fact) else ""


_ALONE = re.compile(r"\bà\s+(?:lui|elle|eux|elles)\s+seule?s?\b", re.IGNORECASE)


def _payer_share(ctx: Context, amount: Mention, fact: Fact) -> bool:
    """A share told in the story's currency, not written again, by its payer named as the
    subject of a verb of giving ("La Banque des Territoires, filiale de la Caisse des dépôts,
    entre au capital à hauteur de 70 millions", "Le ministère y contribue à hauteur de 70
    millions"): the model reads a bare figure as one repeated in passing; its named payer
    says it is money of its own."""
    s_start, s_end = ctx.sentences.of(amount.start)
    c_start = clause_of(ctx.text, amount.start, amount.end, s_start, s_end)[0]
    if _ALONE.search(ctx.text, c_start, amount.start):
        return False   # "Swisscom Ventures y apporte à lui seul 30 millions": a part of the round
    named = [m for m in ctx.in_span("ORG", s_start, amount.start) if m.value == fact.investor and m.rule != "org.descriptor"]
    if CURRENCY_WORD.search(amount.text):   # its currency told: only a public payer of its own clause
        return any(m.start >= c_start and _public(m) and follows_payer_verb(ctx.text, m.end) for m in named)
    if any(follows_payer_verb(ctx.text, m.end) for m in named):
        return True
    # the second share of a list, its verb left out: "La Région apporte 1,2 million d'euros, et l'État,
    # via la Banque des Territoires, 2 millions"
    # or "L'État apportera une aide de 95 millions d'euros, versée par Bpifrance, et la Région Normandie 20 millions"
    return any((_GAPPED_SHARE.fullmatch(ctx.text, m.end, amount.start) or GAPPED.fullmatch(ctx.text, m.end, amount.start))
               and money_in(ctx, s_start, m.start)
               and (any(follows_payer_verb(ctx.text, o.end) for o in ctx.in_span("ORG", s_start, m.start))
                    or state_investor(ctx, s_start, money_in(ctx, s_start, m.start)[0].start))
               for m in named)


_PUBLIC_RULES = {STATE_BODY_RULE, INSTITUTION_RULE, REGIONAL_BODY_RULE}


def _public(mention: Mention) -> bool:
    """A payer that grants or lends: a ministry, an agency, a region or city, a public body
    or a fund of the gazetteer (public banks such as Bpifrance, the BEI, the KfW)."""
    return mention.rule in _PUBLIC_RULES or org_kind(mention.value) in {"public_body", "fund"}


_GAPPED_SHARE = re.compile(r"\s*,?\s*(?:(?:les|la|le|l['’])\s*)?")


def _item_lead(ctx: Context, amount: Mention, fact: Fact) -> bool:
    """Under a marked item heading ("14h45 – ..."): the heading names the investor, or the
    amount's sentence is the item's first and names it before the money ("Le ministère
    fédéral des Communications consacrera 120 milliards de nairas"), not a summit's, a
    market's or an envelope's total."""
    headings = item_headings(ctx, amount.start, marked=True)
    if not headings:
        return False
    if any(m.value == fact.investor for span in headings for m in ctx.in_span("ORG", *span)):
        return True
    s_start, s_end = ctx.sentences.of(amount.start)
    if ctx.sentences.index(s_start) > ctx.sentences.index(max(end for _, end in headings) + 1):
        return False
    sentence, left = ctx.text[s_start:s_end], ctx.text[max(s_start, amount.start - 60):amount.start]
    if has_group("summit", sentence) or any(has_group(group, left) for group in ("total", "market", "envelope")):
        return False
    return any(m.value == fact.investor and m.rule != "org.descriptor" for m in ctx.in_span("ORG", s_start, amount.start))


def _named_share(ctx: Context, amount: Mention, fact: Fact) -> bool:
    """One share of a total broken down in full, with its payer named in its sentence ("La
    Commission y apportera 1,2 milliard de couronnes, le ministère 900 millions et la région
    300 millions"), the total told before or summed after ("..., soit 1,5 milliard au
    total"): each share is an investment (corpus/README.md, "Breakdowns")."""
    s_end = ctx.sentences.of(amount.start)[1]
    summed = any(total_of_preceding(ctx, m) for m in money_in(ctx, amount.end, s_end))   # "..., soit 1,5 milliard au total"
    if later_total(ctx, amount) is None and not summed:
        return False
    s_start = ctx.sentences.of(amount.start)[0]
    return any(m.value == fact.investor for m in ctx.in_span("ORG", s_start, amount.start))   # "Le groupe japonais apportera 720 millions"


