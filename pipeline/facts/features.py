"""Features of a candidate link (amount -> investor / country / period), as a linguist
would weigh it: distance, clause and sentence boundaries, the dependency path (subject of
the cue verb, apposition, coordination, `nmod` of the amount), the cue and its kind, the
mention's label and gazetteer kind, origin vs target readings of a nationality, position
in the document, how often it is named, whether it is the document's dominant one, and
whether today's rule picks it (`rule_pick`).

Values are floats in about [0, 1]; absent features are 0. Names are stable: they are the
columns of the trained scorer (`models/assembly/scorer.json`).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.facts.candidates import Candidate
from pipeline.facts.context import Context, clause_of, is_locative, gap
from pipeline.facts.currency import currency_country
from pipeline.facts.syntax import path_features
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_country, org_kind

_COMMA = re.compile(r",\s|;|:|\(|\)")


def link_features(ctx: Context, amount: Mention, cand: Candidate, picks: dict[str, str],
                  parsed, cue_id: str) -> dict[str, float]:
    """Every feature of one candidate (see the module doc)."""
    if cand.is_none:
        return {"is_none": 1.0, "rule_pick": float(picks.get(cand.slot, "") == ""),
                **_sentence_features(ctx, amount, cue_id, prefix="none_")}
    out = {f"src_{cand.source}": 1.0, "rule_pick": float(picks.get(cand.slot) == cand.value)}
    counts = _value_counts(ctx, cand.slot)
    out["mentions_log"] = math.log1p(counts.get(cand.value, 0)) / 3
    out["dominant"] = float(bool(counts) and counts.most_common(1)[0][0] == cand.value)
    m = cand.mention
    if m is not None:
        out.update(_position_features(ctx, amount, m))
        if parsed is not None and cand.source == "sentence":
            s_start = ctx.sentences.of(amount.start)[0]
            out.update(path_features(parsed, (amount.start - s_start, amount.end - s_start),
                                     (m.start - s_start, m.end - s_start)))
    out.update(SLOT_FEATURES[cand.slot](ctx, amount, cand, picks))
    return out


def _value_counts(ctx: Context, slot: str) -> Counter:
    """How often the document names each value of `slot` (once per document, not per candidate)."""
    label = {"investor": "ORG", "country": "COUNTRY", "period": "DATE"}[slot]
    if slot == "period":
        return ctx.derived("period_counts", lambda: Counter(
            str(m.obj.year_end) for m in ctx.mentions if m.label == label and m.detail == "period"
            and m.obj is not None and m.obj.year_end is not None))
    return ctx.derived(f"{label}_counts", lambda: Counter(m.value for m in ctx.mentions if m.label == label))


def _position_features(ctx: Context, amount: Mention, m: Mention) -> dict[str, float]:
    s_start, s_end = ctx.sentences.of(amount.start)
    out = {"before_amount": float(m.start < amount.start),
           "gap_log": math.log1p(gap(m, amount)) / 7,
           "in_lead": float(ctx.sentences.index(m.start) == 0)}
    if s_start <= m.start < s_end:
        clause = clause_of(ctx.text, amount.start, amount.end, s_start, s_end)
        out["same_clause"] = float(clause[0] <= m.start < clause[1])
        lo, hi = sorted((m.end, amount.start)) if m.start < amount.start else sorted((amount.end, m.start))
        out["breaks_between"] = min(len(_COMMA.findall(ctx.text, lo, hi)), 4) / 4
        same = [x for x in ctx.in_span(m.label, s_start, s_end) if x.value != m.value]
        out["others_between"] = min(sum(lo <= x.start < hi for x in same), 3) / 3
        out["first_in_sentence"] = float(not any(x.start < m.start for x in same))
    return out


def _sentence_features(ctx: Context, amount: Mention, cue_id: str, prefix: str) -> dict[str, float]:
    s_start, s_end = ctx.sentences.of(amount.start)
    out = {f"{prefix}raise": float(ctx.has_cue("raise_cues", s_start, s_end)),
           f"{prefix}orgs": min(len(ctx.in_span("ORG", s_start, s_end)), 3) / 3,
           f"{prefix}countries": min(len(ctx.in_span("COUNTRY", s_start, s_end)), 3) / 3,
           f"{prefix}region": float(any(m.detail == "region" for m in ctx.in_span("PLACE", s_start, s_end))),
           f"{prefix}periods": float(any(m.detail == "period" for m in ctx.in_span("DATE", s_start, s_end)))}
    out[f"{prefix}cue_{cue_id.split('.')[0]}"] = 1.0
    return out


def _investor(ctx: Context, amount: Mention, cand: Candidate, picks: dict[str, str]) -> dict[str, float]:
    m = cand.mention
    kind = org_kind(cand.value)
    out = {f"org_kind_{kind or 'company'}": 1.0,
           "is_recipient": float(picks.get("recipient") == cand.value),
           "raise": _sentence_features(ctx, amount, "x", "")["raise"]}
    if m is not None:
        out["org_ner"] = float(m.method == "ner")
        out["org_descriptor"] = float(m.rule == "org.descriptor")
        out["org_acronym"] = float(m.detail == "acronym")
        after = ctx.text[m.end:m.end + 14].lower()
        out["followed_by_filiale"] = float(bool(re.match(r"\s*,\s*(?:filiale|maison mère|propriétaire)", after)))
        before = ctx.text[max(0, m.start - 20):m.start].lower()
        out["after_de"] = float(bool(re.search(r"\b(?:de|du|des|d['’])\s*$", before)))
        out["after_par"] = float(bool(re.search(r"\b(?:par|auprès de|avec)\s*$", before)))
    return out


def _country(ctx: Context, amount: Mention, cand: Candidate, picks: dict[str, str]) -> dict[str, float]:
    m = cand.mention
    out = {"home_of_investor": float(bool(picks.get("investor")) and org_country(picks["investor"]) == cand.value),
           "home_of_recipient": float(bool(picks.get("recipient")) and org_country(picks["recipient"]) == cand.value),
           "currency_home": float(currency_country(amount) == cand.value)}   # "95 milliards de couronnes suédoises" -> SE
    if m is not None:
        out[f"from_{m.label.lower()}"] = 1.0
        out["origin"] = float(m.role == "origin")
        out["locative"] = float(is_locative(ctx.text, m))
        out["region_place"] = float(m.detail == "region")
    return out


def _period(ctx: Context, amount: Mention, cand: Candidate, picks: dict[str, str]) -> dict[str, float]:
    m = cand.mention
    year = int(cand.value)
    out = {"past": float(ctx.published_year is not None and year < ctx.published_year),
           "years_ahead": max(-5, min(10, year - (ctx.published_year or year))) / 10}
    if m is not None:
        before = ctx.text[max(0, m.start - 12):m.start + 8].lower()
        out["deadline_word"] = float(bool(re.search(r"d['’]ici|jusqu|horizon|sur \w+ ans|entre", before + m.text.lower())))
        out["has_start"] = float(m.obj.year_start is not None and m.obj.year_start != m.obj.year_end)
        s_start, s_end = ctx.sentences.of(m.start)
        out["anaphora"] = float(ctx.has_cue("anaphora_cues", s_start, s_end))
        out["other_amount_closer"] = float(any(gap(m, a) < gap(m, amount) for a in ctx.in_span("AMOUNT", s_start, s_end)
                                                if a is not amount))
    return out


SLOT_FEATURES = {"investor": _investor, "country": _country, "period": _period}
