"""One row per fact: the same fact told twice (a heading and the body, a lead paragraph
and the body, twice in the body) is one fact.

The evidence of the merged fact is its most specific telling (`specificity`): a full
sentence before a heading, then the one naming most of the fact's parts (organisations,
countries, sites, periods, people), then the longest; the other tellings are kept as
`Fact.other_evidence` (their sentence offsets). Fields the kept telling lacks are filled
from the others.
"""
from __future__ import annotations

from pipeline.facts.context import Context, Fact

_SENTENCE_END = tuple(".!?…»\"”)")
_PARTS = ("ORG", "COUNTRY", "SITE", "DATE", "PERSON", "PLACE")


def is_heading(ctx: Context, start: int, end: int) -> bool:
    """A title, subtitle or question heading: a line (or a title glued to the text) that
    does not end like a sentence."""
    piece = ctx.text[start:end].rstrip()
    return not piece.endswith(_SENTENCE_END) or piece.endswith("?")


def specificity(ctx: Context, fact: Fact) -> tuple[bool, int, int]:
    """How much a telling of a fact says: a sentence beats a heading, then the count of
    parts it names, then its length."""
    parts = sum(len(ctx.in_span(label, fact.start, fact.end)) for label in _PARTS)
    return (not is_heading(ctx, fact.start, fact.end), parts, fact.end - fact.start)


def absorb(ctx: Context, kept: Fact, other: Fact) -> Fact:
    """Merge `other` (the same fact told elsewhere) into `kept`; returns the merged fact,
    whose evidence is the more specific of the two tellings."""
    if specificity(ctx, other) > specificity(ctx, kept):
        kept, other = other, kept
    tellings = [(other.start, other.end)] + other.other_evidence + kept.other_evidence
    if kept.amount is not None and other.amount is not None and other.amount.obj.currency \
            and not kept.amount.obj.currency:
        kept.amount = other.amount   # the heading's "4 milliards" is the text's "4 milliards d'euros"
    kept.other_evidence = sorted({t for t in tellings if t != (kept.start, kept.end)})
    kept.recipient = kept.recipient or other.recipient
    if kept.investor == kept.recipient:
        kept.investor = ""    # "La jeune entreprise utilisera ces 60 millions": the raiser spends, it does not pay
    if other.investor != kept.recipient:
        kept.investor = kept.investor or other.investor
    kept.country = kept.country or other.country
    kept.period = kept.period or other.period
    kept.target = kept.target or other.target
    kept.sites += [s for s in other.sites if s.value not in {x.value for x in kept.sites}]
    kept.people += [p for p in other.people if p.value not in {x.value for x in kept.people}]
    kept.confidence = max(kept.confidence, other.confidence)
    return kept


def merge_rounded_headings(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """A heading's hedged figure is the body's figure rounded ("AWS va injecter près de 4
    milliards d'euros" over "3,9 milliards d'euros" in the text): one fact, when a body
    telling in its currency, of the same or no investor, lies within 10 % of it."""
    bodies = [f for f in facts if f.amount is not None and not is_heading(ctx, f.start, f.end)]
    kept = []
    for fact in facts:
        amount = fact.amount.obj if fact.amount is not None else None
        twin = None
        if amount is not None and amount.kind in {"approx", "min", "max"} and is_heading(ctx, fact.start, fact.end):
            twin = next((b for b in bodies if b.amount.obj.currency == amount.currency
                         and b.amount.obj.value != amount.value
                         and abs(b.amount.obj.value - amount.value) <= 0.1 * amount.value
                         and (not fact.investor or not b.investor or b.investor == fact.investor)), None)
        if twin is None:
            kept.append(fact)
            continue
        merged = absorb(ctx, twin, fact)
        kept = [merged if f is twin else f for f in kept]
        bodies = [merged if f is twin else f for f in bodies]
    return kept
