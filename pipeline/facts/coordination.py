"""Payers of coordinated, cleft and reported clauses.

- Amounts given "respectivement": the n-th amount goes to the n-th payer named before.
- After another amount of the sentence, the organisation opening this amount's share with a
  verb of giving pays it ("..., l'opérateur apportant les 12 milliards restants"); so does the
  organisation a cleft puts forward ("c'est la communauté d'agglomération qui prend en charge
  les 6 millions"); in a reported clause ("X annonce que sa filiale Y investira"), Y acts.
- A clause coordinated after another payer's ("Investissement Québec nous prête 60 millions
  $, et Développement économique Canada (DEC) nous verse une contribution de 25 millions
  $", "tandis que la Région accorde une avance de 15 millions") is paid by its own subject.

"Proparco, la filiale de l'AFD dédiée au secteur privé, et DEG, filiale de la KfW, prêtent
respectivement 18 et 12 millions d'euros à Kavé": Proparco pays 18 millions, DEG 12. The
payers are the coordinated organisations of the subject, not those of their appositions
("de l'AFD", "de la KfW"); with no one-to-one reading, nothing is decided here.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context
from pipeline.mentions.actors import follows_actor_verb, follows_payer_verb
from pipeline.mentions.mention import Mention

_RESPECTIVELY = re.compile(r"\brespectivement\b", re.IGNORECASE)
# what opens a coordinated payer: the clause start, a comma or "et", then an article
_OPENS_PAYER = re.compile(r"(?:^|[,:;]\s*|\bet\s+|,\s*et\s+)(?:l['’]\s*|la\s+|le\s+|les\s+)?"
                          r"(?:(?-i:[a-zà-ÿ-]+)\s+){0,3}$")


def respective_payer(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> Mention | None:
    """The payer of `amount` when the sentence gives amounts "respectivement", else None.

    >>> from pipeline.mentions.mention import Mention as M
    >>> text = "Proparco, filiale de l'AFD, et DEG prêtent respectivement 18 et 12 millions d'euros."
    >>> class C: text = text
    >>> orgs = [M("ORG", "Proparco", "Proparco", 0, 8, "ner", "ner"), M("ORG", "AFD", "AFD", 23, 26, "ner", "ner"),
    ...         M("ORG", "DEG", "DEG", 31, 34, "ner", "ner")]
    >>> amounts = [M("AMOUNT", "18", "18", 58, 60, "rule", "m"), M("AMOUNT", "12 millions d'euros", "12", 64, 83, "rule", "m")]
    >>> C.in_span = lambda self, label, start, end: [a for a in amounts if start <= a.start < end]
    >>> [respective_payer(C(), a, orgs, 0).value for a in amounts]
    ['Proparco', 'DEG']
    """
    said = [m for m in _RESPECTIVELY.finditer(ctx.text, s_start, amount.start) if _only_amounts(ctx, m.end(), amount.start)]
    if not said:
        return None
    after = said[-1].end()
    amounts = [a for a in ctx.in_span("AMOUNT", after, after + 120)
               if _only_amounts(ctx, after, a.start)]
    payers = [o for o in orgs if s_start <= o.start < said[-1].start()
              and _OPENS_PAYER.search(ctx.text[max(s_start, o.start - 40):o.start])
              and not re.search(r"\b(?:de|du|des|d['’])\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?$",
                                ctx.text[max(s_start, o.start - 12):o.start])]
    index = next((i for i, a in enumerate(amounts) if a.start == amount.start), None)
    if index is None or len(payers) != len(amounts) or len(amounts) < 2:
        return None
    return payers[index]


def _only_amounts(ctx: Context, start: int, end: int) -> bool:
    """Between `start` and `end` only amounts and their separators ("18 et ", "18, 12 et ")."""
    gap = ctx.text[start:end]
    for a in ctx.in_span("AMOUNT", start, end):
        gap = gap.replace(ctx.text[a.start:a.end], "", 1)
    return re.fullmatch(r"[\s,]*(?:(?:et|,)\s*)*", gap) is not None


# what opens a coordinated clause with its own subject: ", et la", "tandis que le", "; l'"
# what opens another share of a sentence: ", et l'État 800 millions", "; la BEI ...", "tandis que ..."
SHARE_BREAK = r"(?:,\s*et\b|;|\btandis\s+que\b|\balors\s+que\b|,\s*puis\b)"
_COORDINATED = re.compile(SHARE_BREAK + r"\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?"
                          r"(?:(?-i:[a-zà-ÿ-]+)\s+){0,3}$", re.IGNORECASE)


def coordinated_payer(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> Mention | None:
    """The subject of the coordinated clause that gives `amount`, when an earlier clause of
    the sentence has money of its own ("Investissement Québec nous prête 60 millions $, et
    DEC nous verse une contribution remboursable de 25 millions $" -> DEC), else None."""
    for org in reversed([o for o in orgs if s_start <= o.start and o.end <= amount.start]):
        if ctx.in_span("AMOUNT", org.end, amount.start):
            return None   # another amount in between: not this amount's subject
        if (_COORDINATED.search(ctx.text[max(s_start, org.start - 40):org.start])
                and ctx.in_span("AMOUNT", s_start, org.start) and follows_payer_verb(ctx.text, org.end)):
            return org
    return None


def pays_own_share(ctx: Context, org: Mention, amount: Mention, s_start: int) -> bool:
    """After another amount of the sentence, the organisation that opens this amount's share
    with a verb of giving: "... 18 milliards par un prêt de la BAD, l'opérateur apportant
    les 12 milliards restants"."""
    before = [m.end for m in ctx.in_span("AMOUNT", s_start, amount.start) if m.end <= org.start]
    return bool(before) and follows_payer_verb(ctx.text, org.end) \
        and not ctx.in_span("AMOUNT", org.end, amount.start)


_CLEFT_BEFORE = re.compile(r"\bc['’]est\s+(?:(?:la|le|les)\s+|l['’]\s*)?$", re.IGNORECASE)
_CLEFT_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?qui\b")


def cleft_actor(ctx: Context, org: Mention) -> bool:
    """"c'est la communauté d'agglomération qui prend en charge les 6 millions": the
    organisation a cleft sentence puts forward is the actor of its clause."""
    return bool(_CLEFT_BEFORE.search(ctx.text, max(0, org.start - 12), org.start)
                and _CLEFT_AFTER.match(ctx.text, org.end))


# a clause that reports another: "Le groupe X annonce que sa filiale Y investira"
_REPORTING = re.compile(r"\b(?:annonce|annoncent|a annoncé|ont annoncé|indique|a indiqué|précise|a précisé|"
                        r"confirme|a confirmé|explique|assure)\s+(?:(?:aujourd['’]hui|ce\s+\w+|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
                        r"dimanche)\s+)?qu(?:e\b|['’])")   # "annonce ce mardi que", "a annoncé jeudi qu'"


def reported_clause(ctx: Context, orgs: list[Mention], s_start: int, before: int) -> list[Mention]:
    """The organisations of the reported clause when the sentence reports one ("Le groupe
    français X annonce que sa filiale Y investira 85 millions": Y acts), the unit in
    apposition to a subject "sa filiale ..." ("X a choisi la Wallonie : sa filiale belge, Y,
    investira"), else all of them."""
    said = list(_REPORTING.finditer(ctx.text, s_start, before))
    inside = [m for m in orgs if said and said[-1].end() <= m.start < before]
    apposed = [m for m in orgs if m.end <= before and _UNIT_APPOSED.search(ctx.text, max(s_start, m.start - 60), m.start)
               and (comma := _COMMA.match(ctx.text, m.end)) and follows_actor_verb(ctx.text, comma.end())]
    return apposed[-1:] or inside or orgs


# "sa filiale belge, Y, investira": Y names the unit the sentence's subject is
_UNIT_APPOSED = re.compile(r"\b(?:[Ss]a|[Ss]on|[Ll]eur)\s+(?:filiale|branche|unité|division|coentreprise)\b[^,.;:]{0,40},\s*$")
_COMMA = re.compile(r"\s*,")
