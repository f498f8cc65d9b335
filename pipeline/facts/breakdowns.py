"""Breakdowns (corpus/README.md): a plan split into parts that add up to it.

When the parts add up to the total (in its sentence, or in the next three sentences of its
paragraph and of the paragraph after it: "Le projet représente 700 millions de couronnes.
La Fondation en apporte 600 millions, le fonds EIFO les 100 millions restants"), each part
is an investment (with the total's deadline when it has none of its own) and the total is
not; when only part of a plan is broken down ("2 milliards ..., dont 1,2 milliard pour Nozay"), the total is the
investment and the part is not.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context, Fact
from pipeline.facts.states import GAPPED
from pipeline.mentions.mention import Mention
from pipeline.normalize.lists import list_block

LATER_SENTENCES = 2   # how far after a total its parts may be told (one more across a paragraph break)


def _adds_up(values: list[float], total: float) -> bool:
    """Two or more figures whose sum is the total, within 1 % (rounded parts)."""
    return len(values) >= 2 and abs(sum(values) - total) <= 0.01 * total


def total_of_following(ctx: Context, amount: Mention) -> bool:
    """The amounts after `amount` in its sentence, in its currency, add up to it: it is their
    total ("2,4 milliards : 1,2 milliard, 900 millions et 300 millions")."""
    s_end = ctx.sentences.of(amount.start)[1]
    after = [m.obj.value for m in ctx.in_span("AMOUNT", amount.start, s_end) if m.obj is not None
             and m.start > amount.start and m.obj.currency == amount.obj.currency]
    return _adds_up(after, amount.obj.value) and not _opens_shares(ctx, amount, s_end)


def _opens_shares(ctx: Context, amount: Mention, s_end: int) -> bool:
    """`amount` is the first share of a gapped series, not a total: the next payer follows
    it with its own figure ("la Région apporte 1,5 million d'euros, Angers Loire Métropole
    600 000 euros et l'État 900 000 euros", where 1,5 = 0,6 + 0,9 by chance)."""
    orgs = ctx.in_span("ORG", amount.end, s_end)
    if not orgs or not _SHARE_NEXT.fullmatch(ctx.text, amount.end, orgs[0].start):
        return False
    following = ctx.in_span("AMOUNT", orgs[0].end, s_end)
    return bool(following) and GAPPED.fullmatch(ctx.text, orgs[0].end, following[0].start) is not None


_SHARE_NEXT = re.compile(r"\s*,\s*(?:et\s+)?(?:l['’]\s*|la\s+|le\s+|les\s+)?")
_SUM_WORD = re.compile(r"\b(?:soit|au total|en tout|au cumul|total(?:e|isant)?\s+(?:de|d['’])|pour un total de)\W*(?:\w+\W+){0,2}$",
                       re.IGNORECASE)
_SUM_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:au total|en tout|au cumul)\b", re.IGNORECASE)


def parts_after(ctx: Context, total: Mention) -> list[Mention]:
    """The amounts after `total` in its sentence, in its currency, when they add up to it
    ("2,5 milliards ... : Altévia apportera 900 millions et Granite Harbor 1,6 milliard")."""
    if total.obj is None or not total.obj.currency:
        return []
    s_end = ctx.sentences.of(total.start)[1]
    after = [m for m in ctx.in_span("AMOUNT", total.end, s_end) if m.obj is not None and m.start >= total.end
             and m.obj.currency == total.obj.currency]
    return after if _adds_up([m.obj.value for m in after], total.obj.value) and not _opens_shares(ctx, total, s_end) else []


def total_of_preceding(ctx: Context, amount: Mention) -> bool:
    """`amount` sums up the amounts before it in its sentence, in its currency, and says so
    ("Kansai Denshi apportera 900 millions d'euros et Meuse Énergie 600 millions, soit 1,5
    milliard au total"): a total told after its parts, not an investment of its own."""
    s_start = ctx.sentences.of(amount.start)[0]
    before = [m.obj.value for m in ctx.in_span("AMOUNT", s_start, amount.start) if m.obj is not None
              and m.end <= amount.start and m.obj.currency == amount.obj.currency]
    said = _SUM_WORD.search(ctx.text, max(s_start, amount.start - 40), amount.start) or _SUM_AFTER.match(ctx.text, amount.end)
    return bool(said) and _adds_up(before, amount.obj.value)


def breakdown_total(ctx: Context, amount: Mention) -> Mention | None:
    """The amount of the same sentence that `amount` is a part of: an earlier figure in the
    same currency equal to the sum of the two or more figures after it, `amount` among them.

    The parts of "3 milliards : 2 milliards outre-Rhin et 1 milliard aux Pays-Bas"."""
    s_start, s_end = ctx.sentences.of(amount.start)
    money = [m for m in ctx.in_span("AMOUNT", s_start, s_end) if m.obj is not None and m.obj.value]
    for total in (m for m in money if m.end <= amount.start and m.obj.currency == amount.obj.currency):
        parts = [m for m in money if m.start >= total.end and m.obj.currency == total.obj.currency]
        if _adds_up([m.obj.value for m in parts], total.obj.value):
            return total
    return None


def is_breakdown(ctx: Context, amount: Mention) -> bool:
    """'..., dont 2,5 milliards en France': a part of the figure before it."""
    return bool(re.search(r"\b(?:dont|y compris)\s+(?:\w+\s+){0,2}$", ctx.text[max(0, amount.start - 30):amount.start]))


def drop_totals_of_parts(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """'3 milliards sur cinq ans : 2 milliards outre-Rhin et 1 milliard aux Pays-Bas': when
    amounts that follow a figure in its sentence add up to it, the figure is their total,
    not a fact; so is a figure whose parts are all facts in the next sentences
    (`later_parts`). Each part without a deadline of its own takes the total's."""
    kept = []
    for fact in facts:
        if total_of_preceding(ctx, fact.amount):
            continue   # "900 millions et 600 millions, soit 1,5 milliard au total"
        total = fact.amount.obj
        parts = [f for f in facts if f is not fact and f.start == fact.start
                 and f.amount.start > fact.amount.start and f.amount.obj.currency == total.currency]
        if later_total(ctx, fact.amount) is not None or _opens_shares(ctx, fact.amount, ctx.sentences.of(fact.amount.start)[1]):
            parts = []   # itself one share of a total told before ("2,4 milliards ... : 1,2 milliard, 900 et 300 millions")
        elif not _adds_up([p.amount.obj.value for p in parts], total.value):
            tellings = [m for m in ctx.in_span("AMOUNT", 0, len(ctx.text)) if m.obj is not None
                        and _key(m) == _key(fact.amount)]   # the title's figure is the body's
            keys = next(({_key(m) for m in later} for t in tellings
                         if (later := later_parts(ctx, t) or parts_after(ctx, t))), set())
            parts = [f for f in facts if f is not fact and _key(f.amount) in keys]
            parts = parts if keys and {_key(f.amount) for f in parts} == keys else []
        if parts:
            for part in parts:
                part.period = part.period or fact.period
            continue
        kept.append(fact)
    return kept


def _key(amount: Mention) -> tuple:
    return (round(amount.obj.value, 2), amount.obj.currency)


def drop_parts_of_totals(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """'2 milliards d'euros ..., dont 1,2 milliard pour Nozay': when a plan is only partly
    broken down, the part is no investment of its own (the total is). Parts that add up to
    their total were kept instead of it by `drop_totals_of_parts`."""
    def larger_before(fact: Fact, same_sentence: bool) -> bool:
        part = fact.amount
        return any(t is not fact and t.amount.start < part.start
                   and (t.amount.sentence_start == part.sentence_start or not same_sentence)
                   and t.amount.obj.currency == part.obj.currency and t.amount.obj.value > part.obj.value
                   for t in facts)

    def is_part(fact: Fact) -> bool:
        return (is_breakdown(ctx, fact.amount) and larger_before(fact, True)
                or _is_phase(ctx, fact.amount) and larger_before(fact, False)
                and breakdown_total(ctx, fact.amount) is None)   # not a share of a phase broken down in full
    return [f for f in facts if not is_part(f)]


def _is_phase(ctx: Context, amount: Mention) -> bool:
    """'La première tranche, 800 millions de livres, financera un bâtiment': a phase of a plan
    (its total told before is the investment; `phase_cues` in models/facts.json)."""
    s_start, s_end = ctx.sentences.of(amount.start)
    return any(start <= amount.start - s_start + 40 for _, start, _ in ctx.cue_matches("phase_cues", s_start, s_end))


def later_parts(ctx: Context, total: Mention) -> list[Mention]:
    """The amounts of the next sentences (its paragraph's and the next one's) that break
    `total` down: the first two or more amounts there in its currency, when they add up to it.

    "Le projet représente 700 millions de couronnes. La Fondation en apporte 600 millions,
    le fonds EIFO les 100 millions restants." -> the 600 and 100 millions."""
    if total.obj is None or not total.obj.currency or not total.obj.value:
        return []
    index = ctx.sentences.index(total.start)
    _, para_end = list_block(ctx.text, total.start)
    if para_end < len(ctx.text):   # the parts may open the next paragraph: "Le premier, doté de 1,05 milliard"
        para_end = list_block(ctx.text, para_end + 1)[1]
    reach = LATER_SENTENCES + 1 + ctx.text.count("\n", total.end, para_end)   # a list's items are sentences of their own
    spans = [s for s in ctx.sentences.spans[index + 1:index + 1 + reach] if s[0] < para_end]
    if not spans:
        return []
    money = [m for m in ctx.in_span("AMOUNT", spans[0][0], spans[-1][1]) if m.obj is not None]
    parts: list[Mention] = []
    for m in money:
        if m.obj.currency != total.obj.currency:
            continue
        parts.append(m)
        if _adds_up([p.obj.value for p in parts], total.obj.value):
            return parts
        if sum(p.obj.value for p in parts) > 1.01 * total.obj.value:
            break
    return []


def later_total(ctx: Context, part: Mention) -> Mention | None:
    """The amount of the sentences before `part` (its paragraph and the one before) that
    `part` is one of the `later_parts` of, or None."""
    index = ctx.sentences.index(part.start)
    para_start, _ = list_block(ctx.text, part.start)
    para_start = list_block(ctx.text, para_start - 1)[0] if para_start > 0 else para_start
    reach = LATER_SENTENCES + 1 + ctx.text.count("\n", para_start, part.start)
    for span in ctx.sentences.spans[max(0, index - reach):index]:
        if span[0] < para_start:
            continue
        for total in ctx.in_span("AMOUNT", *span):
            if any(p is part for p in later_parts(ctx, total)):
                return total
    return None
