"""Breakdowns (corpus/README.md): a plan split into parts that add up to it.

When the parts add up to the total, each part is an investment (with the total's
deadline when it has none of its own) and the total is not; when only part of a plan is
broken down ("2 milliards ..., dont 1,2 milliard pour Nozay"), the total is the
investment and the part is not.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context, Fact
from pipeline.mentions.mention import Mention


def breakdown_total(ctx: Context, amount: Mention) -> Mention | None:
    """The amount of the same sentence that `amount` is a part of: an earlier figure in the
    same currency equal to the sum of the two or more figures after it, `amount` among them.

    The parts of "3 milliards : 2 milliards outre-Rhin et 1 milliard aux Pays-Bas"."""
    s_start, s_end = ctx.sentences.of(amount.start)
    money = [m for m in ctx.in_span("AMOUNT", s_start, s_end) if m.obj is not None and m.obj.value]
    for total in (m for m in money if m.end <= amount.start and m.obj.currency == amount.obj.currency):
        parts = [m for m in money if m.start >= total.end and m.obj.currency == total.obj.currency]
        if len(parts) >= 2 and abs(sum(m.obj.value for m in parts) - total.obj.value) <= 0.01 * total.obj.value:
            return total
    return None


def is_breakdown(ctx: Context, amount: Mention) -> bool:
    """'..., dont 2,5 milliards en France': a part of the figure before it."""
    return bool(re.search(r"\b(?:dont|y compris)\s+(?:\w+\s+){0,2}$", ctx.text[max(0, amount.start - 30):amount.start]))


def drop_totals_of_parts(facts: list[Fact]) -> list[Fact]:
    """'3 milliards sur cinq ans : 2 milliards outre-Rhin et 1 milliard aux Pays-Bas': when
    amounts that follow a figure in its sentence add up to it, the figure is their total,
    not a fact; each part without a deadline of its own takes the total's."""
    kept = []
    for fact in facts:
        total = fact.amount.obj
        parts = [f for f in facts if f is not fact and f.start == fact.start
                 and f.amount.start > fact.amount.start and f.amount.obj.currency == total.currency]
        if len(parts) >= 2 and abs(sum(p.amount.obj.value for p in parts) - total.value) <= 0.01 * total.value:
            for part in parts:
                part.period = part.period or fact.period
            continue
        kept.append(fact)
    return kept


def drop_parts_of_totals(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """'2 milliards d'euros ..., dont 1,2 milliard pour Nozay': when a plan is only partly
    broken down, the part is no investment of its own (the total is). Parts that add up to
    their total were kept instead of it by `drop_totals_of_parts`."""
    def is_part(fact: Fact) -> bool:
        part = fact.amount
        return is_breakdown(ctx, part) and any(
            t is not fact and t.amount.sentence_start == part.sentence_start and t.amount.start < part.start
            and t.amount.obj.currency == part.obj.currency and t.amount.obj.value > part.obj.value
            for t in facts)
    return [f for f in facts if not is_part(f)]
