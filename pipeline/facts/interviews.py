"""Interviews: a question and its answer, and who "nous" is.

An interview tells its figures in answers that leave the verb and the payer in the question
or in the credit line: "Combien allez-vous investir ?" / "Rui Carvalhal : 8,5 milliards
d'euros d'ici 2031". `answered_question` finds the question an answer's opening figure
replies to; `we_pay` tells an answer whose subject is "Nous"; `speaker_org` finds the
organisation the interviewed person speaks for.

>>> bool(SPEAKER_LABEL.fullmatch("Gwenola Le Bihan : ")), bool(SPEAKER_LABEL.fullmatch("En 2027, "))
(True, False)
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context
from pipeline.facts.raises import subject_org
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import led_org, org_kind
from pipeline.mentions.people import person_roles

# the speaker's name opening an answer, before its colon ("Rui Carvalhal : ", "— G. Le Bihan : ")
SPEAKER_LABEL = re.compile(r"\s*(?:[-–—]\s*)?(?:[A-ZÀ-Ý][\w'’.-]*\s+){0,3}[A-ZÀ-Ý][\w'’.-]*\s*:\s*")

# an interview: its credit line, or a speaker's name opening an answer ("Chiara Valsecchi : Nous investirons")
_INTERVIEW = re.compile(r"\b(?i:propos recueillis|entretien avec|répond(?:ent)? à nos questions|interview)\b|"
                        r"^[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2} : ", re.MULTILINE)
_WE = re.compile(r"\b(?:[Nn]ous|Vous)\b")
_WE_OPEN = re.compile(r"\s*(?:[-–—«]\s*)?[Nn]ous\s")
# "Sa présidente, Gwenola Le Bihan, répond à nos questions": a role owned by the organisation named before
_POSSESSIVE_ROLE = re.compile(r"\b(?:[Ss]on|[Ss]a|[Ll]eur)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*,\s*$")
# a verb right after a name ("Scaleway annonce"), not a preposition or an article
_ACTING = re.compile(r" (?!(?:de|du|des|et|ou|à|au|aux|en|le|la|les|pour|par|sur|dans)\b)[a-zà-ÿ]")


def answered_question(ctx: Context, amount: Mention) -> tuple[int, int] | None:
    """The question sentence (start, end) that the answer opening with `amount` replies to:
    the previous sentence ends with "?" and nothing but the speaker's name stands before the
    figure. None otherwise."""
    s_start = ctx.sentences.of(amount.start)[0]
    opening = ctx.text[s_start:amount.start]
    return None if opening.strip() and not SPEAKER_LABEL.fullmatch(opening) else _question_before(ctx, s_start)


def we_pay(ctx: Context, amount: Mention) -> bool:
    """The amount's sentence opens with "Nous", its subject ("Nous apportons nous-mêmes 12
    milliards sur nos fonds propres ; l'État ... verse"), and no ";" stands between (the
    cases where "nous" receives, "Nous avons obtenu un prêt de X", are read before)."""
    s_start = ctx.sentences.of(amount.start)[0]
    return bool(_WE_OPEN.match(ctx.text, s_start)) and ";" not in ctx.text[s_start:amount.start]


def _question_before(ctx: Context, s_start: int) -> tuple[int, int] | None:
    """The sentence before the one at `s_start`, if it is a question."""
    index = ctx.sentences.index(s_start)
    if index == 0:
        return None
    q_start, q_end = ctx.sentences.spans[index - 1]
    return (q_start, q_end) if ctx.text[q_start:q_end].rstrip().endswith("?") else None


def speaker_org(ctx: Context, s_start: int, before: int) -> str:
    """In an interview, "Nous investirons 1,2 milliard", "Vous annoncez 350 millions",
    "Gwenola Le Bihan : 34 millions d'euros": the organisation the interviewed person leads,
    from their role in the text ("Entretien avec Luca Bernasconi, directeur général
    d'Alpinara Data", "Kerhuel Photonique construit ... Sa présidente, Gwenola Le Bihan")."""
    line_start = ctx.text.rfind("\n", 0, s_start) + 1
    speaker = [m for m in ctx.in_span("PERSON", line_start, before) if re.match(r"\s*:", ctx.text[m.end:])]
    if not (speaker or _WE.search(ctx.text, s_start, before) or _question_before(ctx, s_start)):
        return ""
    known = {m.value for m in ctx.mentions if m.label == "ORG"}
    people = speaker or [m for m in ctx.mentions if m.label == "PERSON"]
    for person in people:   # "Nadia Berset : Nous mettons"
        if org := led_org(person_roles(person), known):
            return org
    if not _INTERVIEW.search(ctx.text):
        return ""
    named = {m.value for m in people}
    for person in (m for m in ctx.mentions if m.label == "PERSON" and m.value in named):
        if org := _possessor(ctx, person):
            return org
    return ctx.main_company()   # "Sa directrice générale, Chiara Valsecchi, répond à nos questions"


def _possessor(ctx: Context, person: Mention) -> str:
    """The organisation a possessive role before the person refers to: the subject of the
    sentence before ("Kerhuel Photonique construit une usine. Sa présidente, Gwenola Le
    Bihan, ...", not the fund "menée par CDP Venture Capital" after it)."""
    if not _POSSESSIVE_ROLE.search(ctx.text, max(0, person.start - 60), person.start) \
            or not ctx.sentences.contains(person.start):
        return ""
    index = ctx.sentences.index(person.start)
    start, end = ctx.sentences.spans[max(0, index - 1)][0], ctx.sentences.spans[index][0]
    before = [m for m in ctx.in_span("ORG", start, end) if m.rule != "org.descriptor" and org_kind(m.value) != "media"]
    acting = [m for m in before if _ACTING.match(ctx.text, m.end)]   # "Scaleway annonce", not "Filiale du groupe Iliad,"
    return subject_org(acting or before, end).value if before else ""
