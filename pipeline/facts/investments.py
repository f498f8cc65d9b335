"""Assembly: tie the mentions of one document into investment facts.

An investment is an AMOUNT (money) in a sentence that speaks of investing (cue rules of
`models/facts.json`), unless a revenue / valuation / fine cue sits closer to the amount.
Its investor and country (`pipeline.facts.payers`), period, sites and people come from that
sentence, then the previous sentence of the same paragraph, then the document (its main
company, its main country).
The same amount reported twice in one article is one fact. A later sentence about "cet
investissement" or "ce budget" that gives a period completes the fact before it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline.facts.aid import is_aid
from pipeline.facts.amount_status import decide_amount
from pipeline.facts.breakdowns import (breakdown_total, drop_parts_of_totals, drop_totals_of_parts, is_breakdown,
                                       later_total)
from pipeline.facts.closings import closing_country, closing_manager, closing_share
from pipeline.facts.context import Context, Fact, clause_of
from pipeline.facts.currency import currency_country, is_conversion
from pipeline.facts.interviews import answered_question
from pipeline.facts.merge import absorb, merge_rounded_headings
from pipeline.facts.period_tie import opening_date, tied_in_sentence
from pipeline.facts.payers import home_country, investor_of, target_of
from pipeline.facts.scorer import assign_links
from pipeline.rules.lexicon import Cue, cues, rule_confidence
from pipeline.rules.programmes import endowed_programme
from pipeline.mentions.mention import Mention


def investment_facts(ctx: Context) -> list[Fact]:
    """Every investment fact of a document, duplicates merged, periods completed."""
    facts = decide_investments(ctx)
    assign_links(ctx, facts)
    return finish_investments(ctx, facts)


def decide_investments(ctx: Context) -> list[Fact]:
    """The investment facts of the amounts, in text order, before their links are scored
    (`pipeline.facts.scorer`; only accepted amounts get their candidates scored)."""
    facts: list[Fact] = []
    kept_previous: dict[int, bool] = {}      # sentence start -> was its last amount a fact?
    for amount in (m for m in ctx.mentions if m.label == "AMOUNT"):
        fact = None if closing_share(ctx, amount) else \
            decide_amount(ctx, amount, _investment(ctx, amount), lambda: _investment(ctx, amount, False))
        if fact is not None and is_breakdown(ctx, amount) and not kept_previous.get(fact.start, True) \
                and breakdown_total(ctx, amount) is None:
            fact = None   # "150 milliards au total, dont 31 milliards pour la tech": part of a non-fact
        kept_previous[amount.sentence_start] = fact is not None
        if fact is not None:
            fact.period = _period(ctx, amount) or _total_period(ctx, amount)   # once kept: its tie may need a parse (perf)
            facts += [fact] + _each_payer(ctx, amount, fact)
    return facts


_EACH = re.compile(r"\s*chacun(?:e|s|es)?\b", re.IGNORECASE)


def _each_payer(ctx: Context, amount: Mention, fact: Fact) -> list[Fact]:
    """"La Commission européenne et l'Autriche, via l'agence FFG, apporteront 45 millions
    d'euros chacune": the same sum from each organisation named before it (after a colon, if
    any): one fact per payer, besides `fact`'s own."""
    if not fact.investor or not _EACH.match(ctx.text, amount.end):
        return []
    s_start = ctx.sentences.of(amount.start)[0]
    start = max(s_start, ctx.text.rfind(":", s_start, amount.start) + 1)
    payers = dict.fromkeys(m.value for m in ctx.in_span("ORG", start, amount.start) if m.value != fact.investor)
    return [replace(fact, investor=payer, recipient="", sites=list(fact.sites), people=list(fact.people),
                    signals={**fact.signals, "each_payer": 1.0}, other_evidence=list(fact.other_evidence))
            for payer in payers]


def finish_investments(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Scored facts -> duplicates merged, totals of parts dropped, periods and sites completed."""
    facts = merge_rounded_headings(ctx, _merge_duplicates(ctx, facts))   # "près de 4 milliards" over "3,9 milliards"
    facts = drop_parts_of_totals(ctx, drop_totals_of_parts(ctx, facts))
    _complete_periods_by_anaphora(ctx, facts)
    _complete_sites(ctx, facts)
    return facts


def _investment(ctx: Context, amount: Mention, strict: bool = True) -> Fact | None:
    """The rules' fact of `amount`; `strict=False` skips the soft checks (blocker,
    background, past period) so that the trained amount model weighs them
    (`amount_status`)."""
    s_start, s_end = ctx.sentences.of(amount.start)
    if ctx.sentences.cut_off is not None and s_start >= ctx.sentences.cut_off:
        return None   # the article stops mid-sentence: its figure may be cut too
    sentence = ctx.text[s_start:s_end]
    cue = nearest_cue(ctx, "investment_cues", s_start, s_end, amount.start - s_start) \
        or _total_cue(ctx, amount) or _answer_cue(ctx, amount)
    if cue is None:
        return None
    blocker = nearest_cue(ctx, "not_investment_cues", s_start, s_end, amount.start - s_start)
    if strict and blocker is not None and blocker[1] < cue[1]:
        return None
    clause = ctx.text[slice(*clause_of(ctx.text, amount.start, amount.end, s_start, s_end))]
    if strict and (any(c.regex.search(clause) for c in cues("background_cues")) or any(
            c.regex.search(sentence) for c in cues("sentence_background_cues"))):
        return None   # an earlier or cumulated figure told as background, not a new investment
    if strict and endowed_programme(ctx.text, amount.start):
        return None   # "Europe numérique, doté de 8,1 milliards d'euros": a programme's envelope
    if is_conversion(ctx, amount):
        return None   # "2 à 2,5 milliards de lei (400 à 500 millions d'euros)": the same money
    fact = Fact("investment", cue[0].id, s_start, s_end, amount=amount)
    fact.investor, fact.recipient = _shared_out(ctx, amount) or investor_of(ctx, amount, sentence, s_start)
    raised = fact.recipient or cue[0].id == "invest.raise"   # a round: where the company raising comes from
    fact.country = (home_country(ctx, fact.recipient, amount) if raised else "") or target_of(ctx, amount)
    fact.country = fact.country or currency_country(amount)   # "en Europe" but counted in zlotys
    if (manager := closing_manager(ctx, amount)) is not None:   # "a clôturé son deuxième véhicule à 210 millions"
        fact.investor, fact.recipient, fact.country = "", manager, closing_country(ctx, amount)
        fact.signals["fund_closing"] = 1.0   # its links are the convention's, not the scorer's
    if strict and _past_in_window(ctx, amount) and _is_past(ctx, _period(ctx, amount, own=False)):
        return None   # "racheté en 2020 pour 2,2 milliards": a past deal, not a new investment
    fact.sites = _all_in_window(ctx, amount, "SITE")
    fact.people = _all_in_window(ctx, amount, "PERSON")
    fact.confidence = _confidence(fact, cue[0], blocker is not None)
    fact.signals["rule_confidence"] = fact.confidence
    return fact


def _shared_out(ctx: Context, amount: Mention) -> tuple[str, str] | None:
    """"L'État apportera 54 millions d'euros ... La somme se répartit entre OVHcloud (24
    millions d'euros), Scaleway (18 millions)...": a total shared out among companies that
    receive it (`distribution_cues`); each part's payer is the total's, its company (named
    right before it) the recipient. None when the amount is no such part."""
    s_start, s_end = ctx.sentences.of(amount.start)
    total = later_total(ctx, amount)
    if total is None or not ctx.has_cue("distribution_cues", s_start, amount.start):
        return None
    t_start, t_end = ctx.sentences.of(total.start)
    payer, _ = investor_of(ctx, total, ctx.text[t_start:t_end], t_start)
    named = [m for m in ctx.in_span("ORG", max(s_start, amount.start - 40), amount.start)
             if not re.search(r"[.;]", ctx.text[m.end:amount.start])]
    return (payer, named[-1].value if named else "") if payer else None


def _total_cue(ctx: Context, amount: Mention) -> tuple[Cue, int] | None:
    """A part told after its total ("La Fondation en apporte 600 millions") is an
    investment candidate by the cue of its total's sentence."""
    total = later_total(ctx, amount)
    if total is None:
        return None
    s_start, s_end = ctx.sentences.of(total.start)
    return nearest_cue(ctx, "investment_cues", s_start, s_end, total.start - s_start)


def _answer_cue(ctx: Context, amount: Mention) -> tuple[Cue, int] | None:
    """An interview's answer opening with a figure is an investment candidate by the cue
    of its question ("Combien allez-vous investir ?" / "Rui Carvalhal : 8,5 milliards")."""
    question = answered_question(ctx, amount)
    cue = question and nearest_cue(ctx, "investment_cues", *question, question[1] - question[0])
    return (cue[0], amount.start - ctx.sentences.of(amount.start)[0]) if cue else None


def _is_past(ctx: Context, period: Mention | None) -> bool:
    """A period that ended before the publication year."""
    if period is None or period.obj is None or ctx.published_year is None:
        return False
    last = period.obj.year_end or period.obj.year_start
    return last is not None and last < ctx.published_year


def nearest_cue(ctx: Context, group: str, start: int, end: int, offset: int) -> tuple[Cue, int] | None:
    """The cue of `group` closest to `offset` in the sentence `text[start:end]` (offset in
    it), with its distance; the first one of the rules on a tie."""
    best = None
    for cue, m_start, m_end in ctx.cue_matches(group, start, end):
        distance = min(abs(m_start - offset), abs(m_end - offset))
        if best is None or distance < best[1]:
            best = (cue, distance)
    return best


def _period(ctx: Context, amount: Mention, own: bool = True) -> Mention | None:
    """The period nearest the amount in its sentence, else in the previous sentence unless
    that one speaks of an earlier investment ("Cet investissement ... d'ici 2026") or the
    amount is public aid or a loan ("une subvention de 1,1 milliard", "lui prête 25
    millions": the year before was the company's plan, the aid's timing is its own), or
    that sentence has an amount of its own (another figure), whose period it is (`own`; a past
    year there still tells that a deal is past)."""
    aid = is_aid(ctx, amount)
    for index, span in enumerate(ctx.window(amount.start)):
        if index and (aid or any(c.regex.search(ctx.text[span[0]:span[1]]) for c in cues("anaphora_cues"))
                      or own and _other_amount(ctx, amount, span)):
            break   # the previous sentence's period is its own amount's: "X y consacrera 48 millions sur trois ans. Son fonds y met 12 millions"
        found = [m for m in ctx.in_span("DATE", *span) if m.detail == "period" and tied_in_sentence(ctx, amount, m)]
        if found:
            return min(found, key=lambda m: abs(m.start - amount.start))
    return None


def _other_amount(ctx: Context, amount: Mention, span: tuple[int, int]) -> bool:
    """`span` has an amount of another value than `amount` (the same figure told again, as
    a live blog's line "ServiceNow : 1,15 milliard de livres d'ici 2029. L'éditeur investira
    1,15 milliard de livres", is the same money and its period)."""
    value = amount.obj.value if amount.obj else None
    return any(m.obj is None or m.obj.value != value for m in ctx.in_span("AMOUNT", *span))


def _total_period(ctx: Context, amount: Mention) -> Mention | None:
    """A share of a total broken down in full, with no period of its own, is spent over the
    total's ("L'enveloppe, 1,15 milliard d'euros d'ici 2029, se répartit ainsi :\n- Tejo
    Compute : 550 millions ;" -> 2029), or over the period told with the same total elsewhere
    (a title's "1,2 milliard de francs d'ici 2029"); not public aid, whose timing is its own."""
    total = None if is_aid(ctx, amount) else later_total(ctx, amount) or breakdown_total(ctx, amount)
    if total is None:
        return None
    told = [total] + [m for m in ctx.in_span("AMOUNT", 0, len(ctx.text)) if m is not total and m.obj and total.obj
                      and m.obj.value == total.obj.value and m.obj.currency in {total.obj.currency, None}]
    return next((p for m in told if (p := _period(ctx, m))), None)   # the title's "1,2 milliard d'ici 2029"


def _past_in_window(ctx: Context, amount: Mention) -> bool:
    """Some period `_period` may pick for `amount` is past (else none needs its parse)."""
    return any(m.detail == "period" and _is_past(ctx, m) for span in ctx.window(amount.start)
               for m in ctx.in_span("DATE", *span))


def _all_in_window(ctx: Context, amount: Mention, label: str) -> list[Mention]:
    s_start, s_end = ctx.sentences.of(amount.start)
    return ctx.in_span(label, s_start, s_end)


def _confidence(fact: Fact, cue: Cue, blocked_elsewhere: bool) -> float:
    score = rule_confidence(cue.id, 0.6)
    score += 0.1 * bool(fact.investor) + 0.1 * bool(fact.country)
    score += 0.05 * bool(fact.amount and fact.amount.obj and fact.amount.obj.currency)
    score -= 0.2 * blocked_elsewhere
    return round(max(0.05, min(0.95, score)), 2)


def _amount_key(fact: Fact) -> tuple:
    obj = fact.amount.obj
    return (round(obj.value, 2), obj.currency)


def _merge_duplicates(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """One fact per distinct amount (`pipeline.facts.merge`): "4 Md€" in the title and
    "quatre milliards d'euros" in the text are one fact, and so is a title figure whose
    currency is only written in the text."""
    merged: dict[tuple, Fact] = {}
    for fact in facts:
        key = _amount_key(fact)
        if key[1] is None:
            key = next((k for k in merged if k[0] == key[0]), key)
        elif (key[0], None) in merged:
            merged[key] = merged.pop((key[0], None))
        if key in merged and _remaining_share(ctx, merged[key], fact):
            key = (*key, fact.amount.start)   # "La Commission apportera 38 millions, et le ministère les 38 millions restants"
        merged[key] = absorb(ctx, merged[key], fact) if key in merged else fact
    return list(merged.values())


_REMAINING = re.compile(r"\s*(?:restant|restante|restants|restantes)\b", re.IGNORECASE)


def _remaining_share(ctx: Context, first: Fact, later: Fact) -> bool:
    """The same figure again as "the remaining" share of another payer, or as each payer's
    (`_each_payer`): a second share."""
    return bool(first.investor and later.investor and first.investor != later.investor
                and (_REMAINING.match(ctx.text, later.amount.end) or first.amount is later.amount))


def _complete_periods_by_anaphora(ctx: Context, facts: list[Fact]) -> None:
    """'Cet investissement ... au cours des deux prochaines années' completes the last fact before it
    (not public aid: its timing is its own)."""
    periods = [m for m in ctx.mentions if m.label == "DATE" and m.detail == "period"]
    for period in periods:
        s_start, s_end = ctx.sentences.of(period.start)
        sentence = ctx.text[s_start:s_end]
        if ctx.in_span("AMOUNT", s_start, s_end):
            continue
        if not any(c.regex.search(sentence) for c in cues("anaphora_cues") + cues("work_anaphora_cues")):
            continue
        if ctx.in_span("COMMITMENT", *clause_of(ctx.text, period.start, period.end, s_start, s_end)):
            continue   # "utiliser les fonds ..., et s'engage à recruter 300 ingénieurs d'ici 2024": the pledge's deadline
        if opening_date(ctx, period):
            continue   # "Le centre, qui doit entrer en service au premier trimestre 2026": when it opens
        before = [f for f in facts if f.amount.start < period.start and f.period is None and not is_aid(ctx, f.amount)]
        if before:
            max(before, key=lambda f: f.amount.start).period = period


def _complete_sites(ctx: Context, facts: list[Fact]) -> None:
    """An investment without sites in its sentence takes the document's sites in its
    country, when it is the only investment in that country."""
    by_country = Counter(f.country for f in facts)
    for fact in facts:
        if fact.sites or not fact.country or by_country[fact.country] > 1:
            continue
        seen: set[str] = set()
        for site in (m for m in ctx.mentions if m.label == "SITE" and m.country == fact.country):
            if site.value not in seen:
                seen.add(site.value)
                fact.sites.append(site)
