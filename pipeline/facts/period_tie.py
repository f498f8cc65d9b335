"""Is a year the amount's period? Only when the text ties the two (corpus/README.md, "A
year is the amount's period").

In the amount's sentence the dependency parse decides: the time expression must hang on
the amount's own clause. It is not the amount's period when, on the way up from the year
to the word that governs both, the path enters another clause (a relative or participle
clause on a facility noun: "un centre ..., qui doit ouvrir en 2026", "dont la première
tranche doit être opérationnelle en 2026", "fondée en 2022"), another coordinated verb
("annonce le déploiement de GPU d'ici 2026 et promet 2 milliards"), or another money
amount ("après 250 millions investis en 2022"). A conjunct without a verb of its own shares
the sentence's time ("Sur cinq ans, la Wallonie y consacrera 35 millions, la Commission 15
millions et Cybelis les 10 millions restants": all three over five years). Without a parse
(or when the parse does not join the two) the year stays tied: the rules' reading is the
fallback.

The clause labels are the `tie` block of `models/periods.json` (data, see
`models/periods.README.md`).
"""
from __future__ import annotations

import re

from pipeline.facts.breakdowns import breakdown_total
from pipeline.facts.context import Context, clause_of
from pipeline.facts.coordination import SHARE_BREAK
from pipeline.facts.syntax import head_token
from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import load_json


def tie_rules() -> dict:
    """The `tie` block of `models/periods.json`: clause labels that cut a year off."""
    return load_json("periods.json").get("tie", {"clause_deps": []})


def _chain(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _on_amount(clause_head, ids_a: list[int], rules: dict) -> bool:
    """The clause hangs on the amount or a word governing it ("250 millions investis en
    2022", "un plan de 5 milliards qui sera déployé d'ici 2030"). A noun's clause (`acl`)
    parsed onto a verb is a parser slip, not the amount's: "va consacrer 50 millions ...,
    qui doit ouvrir en 2026"."""
    head = clause_head.head
    if head.i not in ids_a:
        return False
    return not (clause_head.dep_.startswith("acl") and head.dep_ in rules["verb_deps"])


def opening_date(ctx: Context, period: Mention) -> bool:
    """A year right after an opening or commissioning word ("doit entrer en service au
    premier trimestre 2026", "ouvrira d'ici fin 2027"): when a facility opens, not how long
    the money is spent (`event_before` of the `tie` block)."""
    pattern = tie_rules().get("event_before")
    return bool(pattern and re.search(pattern, ctx.text[max(0, period.start - 60):period.start], re.IGNORECASE))


def tied_in_sentence(ctx: Context, amount: Mention, period: Mention) -> bool:
    """False when the parse of the amount's sentence puts `period` in another clause than
    the amount, or under another amount of the sentence; True otherwise."""
    return not untie_reason(ctx, amount, period)


def in_another_clause(ctx: Context, amount: Mention, period: Mention) -> bool:
    """The year is a founding year, or hangs on a clause on another noun ("une première
    tranche, qui doit être opérationnelle en 2026"): never the amount's period, whatever
    the link scorer weighs (the coordination and other-amount cuts are softer)."""
    return untie_reason(ctx, amount, period) in {"founding", "loan_term", "headcount", "clause", "share"}


def untie_reason(ctx: Context, amount: Mention, period: Mention) -> str:
    """Why `period` is not the amount's ("founding", "loan_term", "headcount", "clause",
    "coordination", "amount"),
    or "" when it is tied."""
    before = tie_rules().get("founding_before")
    if before and re.search(before, ctx.text[max(0, period.start - 40):period.start], re.IGNORECASE):
        return "founding"   # "Evroc, fondée en 2022 à Stockholm": a founding year, in any sentence
    term = tie_rules().get("loan_term_before")
    if term and re.search(term, ctx.text[max(0, period.start - 40):period.start], re.IGNORECASE):
        return "loan_term"   # "un crédit de cinq milliards, remboursable sur dix ans": a loan's term
    if _DURATION.fullmatch(period.text) and (_lent(ctx, amount) or _lent(ctx, _amount_before(ctx, period))):
        return "loan_term"   # "la KfW prêtera 200 millions d'euros à Alcyre sur douze ans": its maturity, for no other share
    if _after_headcount(ctx, amount, period):
        return "headcount"   # "... avec 350 emplois à la clé d'ici 2028": the jobs' deadline
    s_start, s_end = ctx.sentences.of(amount.start)
    if s_start <= period.start < s_end and _in_earlier_share(ctx, amount, period, s_start, s_end):
        return "share"   # "X apportera 1,2 milliard entre 2026 et 2029, et l'État 800 millions": X's years only
    if ctx.parse is None:
        return ""
    if not s_start <= period.start < s_end:
        return ""
    total = breakdown_total(ctx, amount)
    if total is not None and not _untied(ctx, total, period, s_start, s_end):
        return ""   # "3 milliards sur cinq ans : 2 milliards outre-Rhin et 1 milliard ..."
    return _untied(ctx, amount, period, s_start, s_end)


_SHARE_BREAK = re.compile(SHARE_BREAK)
_RESTATED = re.compile(r"\bsoit\b")
# " et le fonds d'investissement public ": a new payer after the period ("600 millions sur trois ans et ... EIFO les 100 millions")
_AND_SUBJECT = re.compile(r"\s+et\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?(?:[a-zà-ÿ'’-]+\s+){0,4}")


def _in_earlier_share(ctx: Context, amount: Mention, period: Mention, s_start: int, s_end: int) -> bool:
    """The period sits in the share of an earlier amount of the sentence, a share break or a
    new payer ("et le fonds EIFO") between it and this amount, and that earlier amount is
    not this one's total."""
    if period.start > amount.start:
        return False
    earlier = [m for m in ctx.in_span("AMOUNT", s_start, period.start) if m.end <= period.start]
    total = breakdown_total(ctx, amount)
    if not earlier or total is not None and earlier[-1].start == total.start:
        return False   # "3 milliards sur cinq ans : 2 milliards outre-Rhin et 1 milliard": the total's years
    restated = _RESTATED.search(ctx.text, max(period.end, amount.start - 30), amount.start)   # "..., soit 3,8 millions chacun"
    payer_next = any(_AND_SUBJECT.fullmatch(ctx.text, period.end, o.start) for o in ctx.in_span("ORG", period.end, amount.start))
    return not restated and (_SHARE_BREAK.search(ctx.text, period.end, amount.start) is not None or payer_next)


_DURATION = re.compile(r"(?:sur|en|pendant)\s+(?:\w+|\d+)\s+ans", re.IGNORECASE)


def _after_headcount(ctx: Context, amount: Mention, period: Mention) -> bool:
    """`period` right follows a head count told after the amount in its sentence ("avec 350
    emplois à la clé d'ici 2028", "s'engage à former 2 000 personnes d'ici 2028"): that
    pledge's deadline (`headcount_units`, `headcount_gap` of the `tie` block)."""
    rules = tie_rules()
    units, gap = set(rules.get("headcount_units", [])), rules.get("headcount_gap")
    if not units or not gap:
        return False
    return any(amount.end <= q.start and q.obj is not None and q.obj.unit in units
               and re.match(gap, ctx.text[q.end:period.start])
               for q in ctx.in_span("QUANTITY", amount.end, period.start))


def _amount_before(ctx: Context, period: Mention) -> Mention | None:
    """The last amount of the sentence before `period`."""
    s_start, _ = ctx.sentences.of(period.start)
    before = ctx.in_span("AMOUNT", s_start, period.start)
    return before[-1] if before else None


def _lent(ctx: Context, amount: Mention | None) -> bool:
    """A loan: a word of lending in the amount's clause ("prêtera", "un prêt de")."""
    if amount is None:
        return False
    s_start, s_end = ctx.sentences.of(amount.start)
    return ctx.has_cue("loan_cues", *clause_of(ctx.text, amount.start, amount.end, s_start, s_end))


def _untied(ctx: Context, amount: Mention, period: Mention, s_start: int, s_end: int) -> str:
    doc = ctx.parse(s_start, s_end)
    a = head_token(doc, amount.start - s_start, amount.end - s_start)
    p = head_token(doc, period.start - s_start, period.end - s_start)
    if a is None or p is None:
        return ""
    up_a, up_p = _chain(a), _chain(p)
    ids_a = [t.i for t in up_a]
    common = next((t for t in up_p if t.i in ids_a), None)
    if common is None:
        return ""
    steps_p = up_p[:[t.i for t in up_p].index(common.i)]
    steps_a = up_a[:ids_a.index(common.i)]
    rules = tie_rules()
    if any(t.dep_ in rules["clause_deps"] and not _on_amount(t, ids_a, rules) for t in steps_p):
        return "clause"   # a clause on another noun: "un centre ..., qui doit ouvrir en 2026"
    verbal = set(rules.get("verb_child_deps", []))
    if any(t.dep_ in rules["coordination_deps"] and any(c.dep_ in verbal for c in t.children) for t in steps_a):
        return "coordination"   # "annonce le déploiement de GPU d'ici 2026 et promet 2 milliards"
    others = [m for m in ctx.in_span("AMOUNT", s_start, s_end) if m is not amount
              and not (m.start < amount.end and amount.start < m.end)]
    heads = {h.i for m in others if (h := head_token(doc, m.start - s_start, m.end - s_start)) is not None}
    return "amount" if any(t.i in heads for t in steps_p + [common] if t.i != a.i) else ""
