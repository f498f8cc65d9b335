"""Named numeric features of a money amount, read by the amount model
(`pipeline.facts.amount_status`): the cue and its distance, the rules' verdict, tense and
time words, totals, parts and breakdown sums, conversions, rumours and cancellations,
market nouns, page furniture, position, size, recurrence, the only figure, the currency. The word
lists are data: `models/assembly/amount_cues.json`.
"""
from __future__ import annotations

import math
from collections import Counter
import re

from pipeline.facts.breakdowns import breakdown_total, later_parts, later_total, total_of_following
from pipeline.facts.context import Context, Fact, clause_of
from pipeline.mentions.actors import follows_actor_verb
from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import load_json, rules_cache

CUES_FILE = "assembly/amount_cues.json"
SCOPES = ("left", "right", "clause", "sentence")
NEXT_SENTENCE_GROUPS = ("rumour", "cancelled")   # also looked for in the sentence after

_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")
_HEAD_DATE = re.compile(r"\b(20[0-4]\d)-[01]\d-[0-3]\d\b|\b\d{1,2}(?:er)?\s+\w+\s+(20[0-4]\d)\b")
CURRENCY_WORD = re.compile(r"[€$£¥]|\b(?:eur|usd|gbp|chf|euros?|dollars?|livres?|francs?|couronnes?|zlotys?|"
                            r"lei|leu|dirhams?|yens?|yuans?|wons?|roupies?|reals?|rands?|forints?|riyals?|"
                            r"dinars?|pesos?|shekels?|lires?)\b", re.IGNORECASE)




@rules_cache
def cue_groups() -> dict[str, re.Pattern]:
    """One regex per cue group: the alternation of its patterns (a text has a match of the
    group when it has one of any of its patterns; one scan instead of one per pattern)."""
    groups = load_json(CUES_FILE).get("groups", {})
    return {name: re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)
            for name, patterns in sorted(groups.items())}


def has_group(group: str, text: str) -> bool:
    """Whether `text` has a match of the cue group `group`."""
    pattern = cue_groups().get(group)
    return pattern is not None and pattern.search(text) is not None


def amount_features(ctx: Context, amount: Mention, fact: Fact, accepted: bool) -> dict[str, float]:
    """Named numeric features of one candidate amount."""
    s_start, s_end = fact.start, fact.end
    c_start, c_end = clause_of(ctx.text, amount.start, amount.end, s_start, s_end)
    scopes = {"left": (max(s_start, amount.start - 60), amount.start),
              "right": (amount.end, min(s_end, amount.end + 40)),
              "clause": (c_start, c_end), "sentence": (s_start, s_end)}
    out: dict[str, float] = {"rule_accepts": float(accepted), f"cue={fact.rule.split('+')[0]}": 1.0}
    out.update(ctx.scope_flags(cue_groups(), scopes))
    following = ctx.sentences.spans[ctx.sentences.index(amount.start) + 1:][:1]
    after = ctx.text[slice(*following[0])] if following else ""
    for name in NEXT_SENTENCE_GROUPS:   # "X investirait 5 milliards. Le groupe dément."
        if has_group(name, after):
            out[f"{name}@next"] = 1.0
    line = _line(ctx.text, amount.start)
    if has_group("furniture", line):
        out["furniture@line"] = 1.0
    out.update(_cue_distance(ctx, s_start, s_end, amount.start - s_start))
    out.update(_named_actor(ctx, amount, s_start))
    out.update(_time(ctx, ctx.text[c_start:c_end]))
    out.update(_breakdown(ctx, amount, s_start, s_end))
    out.update(_position(ctx, amount, line))
    out.update(_size(ctx, amount))
    out["only_figure"] = float(accepted and _only_figure(ctx, amount))
    return out


def _only_figure(ctx: Context, amount: Mention) -> bool:
    """The document's one figure (a brief, a snippet): when the rules take it for an
    investment, it is its news, whatever tense tells it ("Microsoft a promis d'investir plus
    de 3,2 milliards d'euros outre-Rhin sur deux ans.")."""
    return set(_figures(ctx)) <= {round(amount.obj.value)}


def _figures(ctx: Context) -> Counter:
    """How many times each figure (rounded value) of the document is written, read once."""
    return ctx.derived("amount_figures", lambda: Counter(
        round(m.obj.value) for m in ctx.mentions if m.label == "AMOUNT" and m.obj is not None))


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)]


def _cue_distance(ctx: Context, s_start: int, s_end: int, offset: int) -> dict[str, float]:
    def nearest(group: str) -> tuple[str, int] | None:
        hits = [(min(abs(m_start - offset), abs(m_end - offset)), c.id)
                for c, m_start, m_end in ctx.cue_matches(group, s_start, s_end)]
        return (min(hits)[1], min(hits)[0]) if hits else None

    cue, blocker = nearest("investment_cues"), nearest("not_investment_cues")
    out = {"cue_distance": min(3.0, cue[1] / 100) if cue else 3.0}
    if blocker is not None:
        out[f"blocker={blocker[0]}"] = 1.0
        out["blocker_closer"] = float(cue is None or blocker[1] < cue[1])
    if ctx.has_cue("raise_cues", s_start, s_end):
        out["raise_sentence"] = 1.0
    return out


def _named_actor(ctx: Context, amount: Mention, s_start: int) -> dict[str, float]:
    """An organisation or a state named before the amount as the subject of an investment
    verb ("ASML a annoncé qu'il investirait 100 millions", "Shannon Edge Data a confirmé
    un investissement de"): a pledge told once, late in an article, is still one."""
    named = [m for m in ctx.in_span("ORG", s_start, amount.start) + ctx.in_span("COUNTRY", s_start, amount.start)
             if m.detail != "adjective" and m.rule != "org.descriptor"]
    return {"named_actor": float(any(follows_actor_verb(ctx.text, m.end) for m in named))}


def publication_year(ctx: Context) -> int | None:
    """The document's year: its published date, else the first date of its first lines."""
    if ctx.published_year is not None:
        return ctx.published_year
    found = _HEAD_DATE.search(ctx.text[:400])
    return int(found.group(1) or found.group(2)) if found else None


def _time(ctx: Context, clause: str) -> dict[str, float]:
    year = publication_year(ctx)
    years = [int(y) for y in _YEAR.findall(clause)]
    if year is None or not years:
        return {"year@clause": float(bool(years))}
    return {"past_year@clause": float(min(years) < year), "future_year@clause": float(max(years) > year),
            "publication_year@clause": float(year in years)}


def money_in(ctx: Context, start: int, end: int) -> list[Mention]:
    return [m for m in ctx.in_span("AMOUNT", start, end) if m.obj is not None]


def _breakdown(ctx: Context, amount: Mention, s_start: int, s_end: int) -> dict[str, float]:
    """Sums in the sentence (or in the next sentences, `pipeline.facts.breakdowns`): the
    amount is the total of the amounts after it, or one part of such a total, or smaller
    than an amount just before it (a part of it)."""
    value, currency = amount.obj.value, amount.obj.currency
    same = [m for m in money_in(ctx, s_start, s_end) if m.obj.currency == currency]
    out = {"amounts_in_sentence": float(len(same))}
    if breakdown_total(ctx, amount) is not None or later_total(ctx, amount) is not None:
        out["part_of_full_breakdown"] = 1.0
    # a part is not also the total of the parts after it ("2,4 milliards : 1,2 milliard, 900
    # millions et 300 millions", where 1,2 = 0,9 + 0,3 by chance)
    if "part_of_full_breakdown" not in out and (total_of_following(ctx, amount) or later_parts(ctx, amount)
                                                or _told_again_as_a_sum(ctx, amount)):
        out["sum_of_following"] = 1.0   # also parts told in the next sentences, or a heading's total told so below
    window = ctx.window(amount.start)
    before = [m for m in money_in(ctx, window[-1][0], amount.start) if m.obj.currency == currency]
    if any(m.obj.value > value for m in before):
        out["smaller_than_before"] = 1.0
    return out


def _told_again_as_a_sum(ctx: Context, amount: Mention) -> bool:
    """The same figure written elsewhere in the article is the total of the parts that follow
    it ("Pouilles : un campus d'IA de 900 millions d'euros, financé à trois" above "prévoit
    900 millions d'euros ... Le tour de table se répartit ainsi : - 520 millions ..."); a headline's
    figure without its currency is that figure too."""
    return any(m is not amount and m.obj.value == amount.obj.value and amount.obj.currency in {m.obj.currency, None}
               and (total_of_following(ctx, m) or later_parts(ctx, m)) for m in money_in(ctx, 0, len(ctx.text)))


def _position(ctx: Context, amount: Mention, line: str) -> dict[str, float]:
    spans = ctx.sentences.spans
    index = ctx.sentences.index(amount.start)
    return {"position": round(amount.start / max(1, len(ctx.text)), 3),
            "first_sentence": float(index == 0), "early_sentence": float(index <= 2),
            "short_line": float(len(line) < 90 and not line.rstrip().endswith(".")),
            "sentence_share": round(index / max(1, len(spans)), 3)}


def _size(ctx: Context, amount: Mention) -> dict[str, float]:
    """How big the figure is and how it is written. No rank among the article's figures: it
    compares yens with euros, and it taught the model that a second, smaller share is
    background (measured: seeds amounts 0.667 and feed-test 0.895 with it, 1.000 and 0.907
    without)."""
    key = round(amount.obj.value)
    recur = _figures(ctx)[key]
    return {"log_value": round(math.log10(max(1.0, amount.obj.value)), 3),
            "recurrences": float(recur), "range": float(amount.obj.value_max is not None),
            "currency_explicit": float(bool(CURRENCY_WORD.search(amount.text))),
            "currency_known": float(bool(amount.obj.currency))}
