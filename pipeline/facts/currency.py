"""A currency written once carries to the amounts that follow it in the same passage.

"12 milliards d'euros en France, dont 900 millions dans la région": the second amount is
in euros too; so is "300 millions" in the next sentence of the same paragraph ("Il
consacrera aussi 300 millions à la formation"). The money grammar keeps such bare amounts
(`pipeline.normalize.amount_context.settle_currency`) without a currency; here each takes
the currency of the nearest amount written before it in its sentence, else in the
previous sentence of its paragraph (`Context.window`). Beyond its passage, a bare amount
takes the article's currency only when every amount written before it with one (a bracketed
conversion aside) is in that same currency: "2,4 milliards de couronnes danoises (environ
320 millions d'euros)", and two paragraphs on "EIFO lui accorde un prêt de 300 millions"
-> DKK. Where the article has used two currencies before it, it keeps none: a currency is
never guessed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.facts.context import Context
from pipeline.mentions.mention import Mention
from pipeline.normalize.lists import BULLET_MARK, is_item, list_block, paragraph_of
from pipeline.normalize.numbers import plain_number


def carry_currency(ctx: Context) -> list[Mention]:
    """Give every bare AMOUNT of `ctx` the currency written before it in its passage;
    returns the amounts that got one (their `obj` and `value` are updated in place). A bare
    figure that continues a count ("4,2 millions de foyers ..., contre 1,5 million
    aujourd'hui") is no money: it leaves the mentions."""
    carried, counts = [], []
    for amount in ctx.in_span("AMOUNT", 0, len(ctx.text)):
        if amount.obj is None or amount.obj.currency:
            continue
        if _continues_a_count(ctx, amount):
            counts.append(amount)
            continue
        currency = _currency_before(ctx, amount)
        if currency:
            amount.obj = replace(amount.obj, currency=currency)
            amount.value = f"{amount.value.split()[0]} {currency}" if amount.value else (
                f"{plain_number(amount.obj.value)} {currency}")
            carried.append(amount)
    if counts:
        ctx.mentions[:] = [m for m in ctx.mentions if all(m is not c for c in counts)]
        ctx.forget_index()
    return carried


def _continues_a_count(ctx: Context, amount: Mention) -> bool:
    """Whether the nearest figure before `amount` in its sentence is a count (QUANTITY) of
    the same scale, with no money amount between them: "4,2 millions de foyers ..., contre
    1,5 million", not "trois centres de données : 120 millions à Vilnius"."""
    s_start = amount.sentence_start
    figures = [m for m in ctx.in_span("QUANTITY", s_start, amount.start) + ctx.in_span("AMOUNT", s_start, amount.start)
               if m.end <= amount.start]
    if not figures:
        return False
    nearest = max(figures, key=lambda m: m.end)
    return nearest.label == "QUANTITY" and (nearest.obj is None or nearest.obj.value >= _COUNT_SCALE * amount.obj.value)


_COUNT_SCALE = 1e-3   # a count a thousand times smaller than the figure after it is no count it continues


def _currency_before(ctx: Context, amount: Mention) -> str:
    """The currency of the nearest amount before `amount` in its passage, a bracketed
    conversion skipped: "700 millions de couronnes (environ 94 millions d'euros). La
    Fondation en apporte 600 millions" -> DKK; else the article's one currency so far."""
    if _ITEM_VALUE.match(ctx.text, paragraph_of(ctx.text, amount.start)[0], amount.start):
        if currency := _list_currency(ctx, amount):
            return currency
    for start, end in ctx.window(amount.start):
        before = [m for m in ctx.in_span("AMOUNT", start, min(end, amount.start))
                  if m.obj is not None and m.obj.currency and m.end <= amount.start and not is_conversion(ctx, m)]
        if before:
            return before[-1].obj.currency
    earlier = {m.obj.currency for m in ctx.in_span("AMOUNT", 0, amount.start)
               if m.obj is not None and m.obj.currency and m.end <= amount.start and not is_conversion(ctx, m)}
    return earlier.pop() if len(earlier) == 1 else ""


# a list item's own value: right after its bullet, or after the colon that ends its name
# ("- 520 millions pour X ;", "- Tejo Compute : 550 millions ;", "- Eksfin : un prêt de 1 milliard")
_ITEM_VALUE = re.compile(BULLET_MARK + r"(?:[^:\n]*:\s*(?:[^\d:\n]{0,30}\s)?)?$")


def _list_currency(ctx: Context, amount: Mention) -> str:
    """The currency of the value of the nearest item before `amount` in its list, else of
    the line that opens the list: "L'enveloppe, 1,15 milliard d'euros, se répartit ainsi :\n-
    Tejo Compute : 550 millions d'euros ;\n- Atlantic Ridge, qui gère 12 milliards de dollars
    d'actifs : 420 millions ;" -> EUR, not the dollars of an item's apposition."""
    start, _ = list_block(ctx.text, amount.start)
    line_start = paragraph_of(ctx.text, amount.start)[0]
    values = [m for m in ctx.in_span("AMOUNT", start, line_start) if m.obj is not None and m.obj.currency
              and not is_conversion(ctx, m) and (not is_item(ctx.text, m.start)
                                                 or _ITEM_VALUE.match(ctx.text, paragraph_of(ctx.text, m.start)[0], m.start))]
    return values[-1].obj.currency if values else ""


_CONVERSION_OPEN = re.compile(r"\(\s*(?:soit|environ|près de|pr[èe]s d['’]|quelque|plus de|moins de)?\s*$")


def is_conversion(ctx: Context, amount: Mention) -> bool:
    """An amount in brackets right after another amount is its conversion, not a new fact."""
    before = ctx.text[max(0, amount.start - 20):amount.start]
    opening = _CONVERSION_OPEN.search(before)
    if opening is None:
        return False
    bracket = amount.start - len(before) + opening.start()
    return any(0 <= bracket - m.end <= 2 for m in ctx.in_span("AMOUNT", amount.start - 200, amount.start))


def currency_country(amount: Mention) -> str:
    """The country of a national currency (ISO 4217's first two letters: PLN -> PL, RSD ->
    RS), for a fact its own text does not place: money counted in dinars serbes in a
    Balkan live blog is spent in Serbia, whatever the page's main country. Not the euro,
    the dollar nor a shared currency (XOF, XAF)."""
    currency = amount.obj.currency if amount.obj is not None else None
    if not currency or currency in {"EUR", "USD"} or currency.startswith("X"):
        return ""
    return currency[:2]
