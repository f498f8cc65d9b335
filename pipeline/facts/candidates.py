"""Candidate links of an investment amount: who invests, where, until when.

For an amount, every ORG of its sentence and nearby context (previous sentence, the rest
of its paragraph, the next sentence, the title / lead, the document's main company) is a
candidate investor, and so is the organisation a person there leads ("Jensen Huang
promet ..." -> Nvidia, from the person's role in the text or the gazetteer); every COUNTRY, site country and place country of the same context
(and the document's country, the investor's home country) a candidate country; every
period of the sentence and its neighbours a candidate period. Each slot also has a
"none" candidate (value ""): no investor named, a region only, no deadline.
One candidate per distinct value, from its closest mention.

>>> Candidate("investor", "Orange", None, "sentence").is_none
False
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.facts.context import Context
from pipeline.facts.period_tie import in_another_clause
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import led_org, org_country, org_kind
from pipeline.mentions.people import person_roles
from pipeline.normalize.lists import paragraph_of

SOURCES = ("sentence", "previous", "paragraph", "next", "lead", "document", "none")


@dataclass(slots=True)
class Candidate:
    slot: str                     # investor, country or period
    value: str                    # org name, ISO code or end year; "" for none
    mention: Mention | None       # the closest mention it comes from (None: document level)
    source: str                   # one of SOURCES
    features: dict = field(default_factory=dict)
    score: float = 0.0

    @property
    def is_none(self) -> bool:
        return self.value == ""


def context_spans(ctx: Context, offset: int) -> list[tuple[str, tuple[int, int]]]:
    """(source, span) around `offset`, nearest first."""
    spans = ctx.sentences.spans
    index = ctx.sentences.index(offset)
    para_start, para_end = paragraph_of(ctx.text, offset)
    out = [("sentence", spans[index])]
    if index > 0 and spans[index - 1][0] >= para_start:
        out.append(("previous", spans[index - 1]))
    out += [("paragraph", s) for s in spans[max(0, index - 4):max(0, index - 1)] if s[0] >= para_start]
    if index + 1 < len(spans) and spans[index + 1][1] <= para_end:
        out.append(("next", spans[index + 1]))
    if index > 1 and spans[0] not in [s for _, s in out]:
        out.append(("lead", spans[0]))
    return out


def _closest(found: dict[str, Candidate], cand: Candidate, anchor: Mention) -> None:
    old = found.get(cand.value)
    if old is None or (SOURCES.index(cand.source), _gap(cand, anchor)) < (SOURCES.index(old.source), _gap(old, anchor)):
        found[cand.value] = cand


def _gap(cand: Candidate, anchor: Mention) -> int:
    m = cand.mention
    return 10 ** 6 if m is None else max(0, m.start - anchor.end, anchor.start - m.end)


def investor_candidates(ctx: Context, amount: Mention) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for source, span in context_spans(ctx, amount.start):
        for m in ctx.in_span("ORG", *span):
            if org_kind(m.value) != "media":
                _closest(found, Candidate("investor", m.value, m, source), amount)
    for source, span in context_spans(ctx, amount.start):   # "Jensen Huang promet ..." -> Nvidia
        for person in ctx.in_span("PERSON", *span):
            org = led_org(person_roles(person), {m.value for m in ctx.mentions if m.label == "ORG"})
            if org and org not in found and org_kind(org) != "media":
                found[org] = Candidate("investor", org, person, source)
    main = ctx.main_company()
    if main and main not in found:
        found[main] = Candidate("investor", main, None, "document")
    return _sorted(found) + [Candidate("investor", "", None, "none")]


def country_candidates(ctx: Context, amount: Mention, investor: str = "") -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for source, span in context_spans(ctx, amount.start):
        for label in ("COUNTRY", "SITE", "PLACE"):
            for m in ctx.in_span(label, *span):
                value = m.value if label == "COUNTRY" else m.country
                if value and len(value) == 2:
                    _closest(found, Candidate("country", value, m, source), amount)
    for value in (ctx.main_country(), org_country(investor) if investor else ""):
        if value and value not in found:
            found[value] = Candidate("country", value, None, "document")
    return _sorted(found) + [Candidate("country", "", None, "none")]


def period_candidates(ctx: Context, amount: Mention) -> list[Candidate]:
    """The periods of the amount's context; in its own sentence, only those its parse ties
    to the amount ("dont la première tranche doit être opérationnelle en 2026" is another
    clause's year: `pipeline.facts.period_tie`)."""
    found: dict[str, Candidate] = {}
    for source, span in context_spans(ctx, amount.start):
        for m in ctx.in_span("DATE", *span):
            if m.detail == "period" and m.obj is not None and m.obj.year_end is not None \
                    and not in_another_clause(ctx, amount, m):
                _closest(found, Candidate("period", str(int(m.obj.year_end)), m, source), amount)
    return _sorted(found) + [Candidate("period", "", None, "none")]


def _sorted(found: dict[str, Candidate]) -> list[Candidate]:
    return sorted(found.values(), key=lambda c: (SOURCES.index(c.source), c.mention.start if c.mention else 10 ** 9, c.value))
