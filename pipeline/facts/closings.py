"""A fund's closing: a manager raises a fund that no one leads and that goes to no one country.

"Le fonds bruxellois Brabant Digital Partners a clôturé son deuxième véhicule à 210 millions
d'euros, dont 60 millions apportés par le FEI" is one investment of 210 millions: no
investor, the manager as recipient, no country (corpus/README.md, "Fund raise"). The shares
its backers subscribe, its first target, the sum it passes that target by, told in the same
sentence or in the next two ("Le FEI y a souscrit 35 millions", "Le véhicule, qui visait
initialement 250 millions,"), are no investments of their own. The fund goes to a country
only when its sentence names one it invests in ("pour investir dans les start-up grecques").

The words are data (`models/facts.json`: `fund_closing_cues`, `closing_share_cues`).
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context, clause_of
from pipeline.facts.raises import subject_org
from pipeline.mentions.mention import Mention

# what leads from the closing words to the fund's size: " à ", " de ", " d'un montant de "
_TO_SIZE = re.compile(r"[^.;:!?()\d]{0,30}?\b(?:à|de|d['’]un\s+montant\s+de|pour)\s+(?:plus\s+de\s+|près\s+de\s+)?$",
                      re.IGNORECASE)


def closing_manager(ctx: Context, amount: Mention) -> str | None:
    """The manager whose fund closes at `amount` ('' when it names none), None when
    `amount` is no fund's closing size."""
    if not ctx.has_cue("fund_closing_cues", 0, len(ctx.text)):
        return None   # most documents close no fund: one scan of the text, not one per amount
    s_start, _ = ctx.sentences.of(amount.start)
    for _cue, start, end in ctx.cue_matches("fund_closing_cues", s_start, amount.start):
        if _TO_SIZE.fullmatch(ctx.text, s_start + end, amount.start):
            before = ctx.in_span("ORG", s_start, s_start + start)
            return subject_org(before, s_start + start).value if before else ctx.main_company()
    return None


def closing_country(ctx: Context, amount: Mention) -> str:
    """The one country the closing's sentence says the fund invests in, after its size ("doté
    de 100 millions d'euros, pour investir dans les start-up grecques" -> GR), else ''."""
    s_end = ctx.sentences.of(amount.start)[1]
    codes = {m.value for m in ctx.in_span("COUNTRY", amount.end, s_end)}
    return codes.pop() if len(codes) == 1 else ""


def closing_share(ctx: Context, amount: Mention) -> bool:
    """Whether `amount` is a part or a target of a fund's closing told before it: a later
    amount of the closing's sentence, or an amount of the next two sentences whose clause
    says so (`closing_share_cues`)."""
    index = ctx.sentences.index(amount.start)
    for back in range(3):
        if index - back < 0:
            break
        start, end = ctx.sentences.spans[index - back]
        closing = [a for a in ctx.in_span("AMOUNT", start, min(end, amount.start)) if closing_manager(ctx, a) is not None]
        if closing and back == 0:
            return True   # "..., dont 60 millions apportés par le FEI", "au-delà de l'objectif initial de 90 millions"
        if closing:
            s_start, s_end = ctx.sentences.of(amount.start)
            return ctx.has_cue("closing_share_cues", *clause_of(ctx.text, amount.start, amount.end, s_start, s_end))
    return False
