"""Commitment facts: what an investor promises besides money.

Each COMMITMENT mention (`pipeline.mentions.commitments`) becomes a commitment; each takes the nearest
QUANTITY whose unit fits the category ("former un million de Français" -> 1000000
people), the deadline year of a period in the sentence, and the sentence's sites.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context, Fact, target_country
from pipeline.facts.merge import absorb
from pipeline.rules.lexicon import rule_confidence
from pipeline.mentions.mention import Mention


def commitment_facts(ctx: Context, investments: list[Fact] = ()) -> list[Fact]:
    """One fact per pledge (category, quantity, site; a repeat is merged into it, see
    `pipeline.facts.merge`). A commitment
    without a deadline of its own takes the period of the document's investment plan,
    when the document announces exactly one."""
    facts: list[Fact] = []
    plan_periods = {f.period.value: f.period for f in investments if f.period is not None}
    plan_period = next(iter(plan_periods.values())) if len(investments) == 1 and plan_periods else None
    for mention in (m for m in ctx.mentions if m.label == "COMMITMENT"):
        s_start, s_end = mention.sentence_start, mention.sentence_end
        target = _target(ctx, mention)
        if target is None and mention.value in _FACILITIES and _ABSTRACT.match(mention.text) \
                and not ctx.in_span("SITE", s_start, s_end):
            continue   # "étendre ses capacités de calcul en Europe": the money's aim, no facility promised
        fact = Fact("commitment", mention.rule, s_start, s_end, category=mention.value)
        fact.target = target
        periods = [m for m in ctx.in_span("DATE", s_start, s_end) if m.detail == "period"]
        fact.period = periods[0] if periods else plan_period
        fact.sites = ctx.in_span("SITE", s_start, s_end)
        fact.people = ctx.in_span("PERSON", s_start, s_end)
        orgs = [m for m in ctx.in_span("ORG", s_start, s_end)]
        fact.investor = orgs[0].value if orgs else ctx.main_company()
        fact.country = target_country(ctx, mention, [(s_start, s_end)])
        fact.confidence = round(rule_confidence(mention.rule, 0.55) + 0.1 * bool(fact.target), 2)
        same = next((f for f in facts if _same_pledge(f, fact)), None)
        if same is None:
            facts.append(fact)
        else:
            facts[facts.index(same)] = absorb(ctx, same, fact)
    return facts


# nouns of an aim rather than of a facility ("infrastructure d'IA", "capacités de calcul"): a
# pledge only with a figure ("1 GW de capacités de calcul") or a place below the country
_FACILITIES = frozenset({"datacenter", "compute"})
_ABSTRACT = re.compile(r"(?:infrastructures?|capacités?|puissance)\b", re.IGNORECASE)


def _same_pledge(a: Fact, b: Fact) -> bool:
    """Two tellings of one pledge: same category, and targets and first sites that agree
    where both are given (a heading often says less than the text)."""
    if a.category != b.category:
        return False
    targets = _target_key(a), _target_key(b)
    sites = [s.value for s in a.sites[:1]], [s.value for s in b.sites[:1]]
    return (not all(targets) or targets[0] == targets[1]) and (not all(sites) or sites[0] == sites[1])


def _target(ctx: Context, mention: Mention) -> Mention | None:
    units = set(mention.detail.split(",")) - {""}
    found = [q for q in ctx.in_span("QUANTITY", mention.sentence_start, mention.sentence_end)
             if q.obj is not None and q.obj.unit in units]
    return min(found, key=lambda q: abs(q.start - mention.start)) if found else None


def _target_key(fact: Fact) -> tuple:
    if fact.target is None or fact.target.obj is None:
        return ()
    return (fact.target.obj.value, fact.target.obj.unit)
