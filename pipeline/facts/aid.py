"""Public aid and loans (corpus/README.md, "Public aid, loans and joint ventures"): money a
public body grants or a lender lends, told by an `aid_cues` word in the amount's clause, or
in the clause before when the amount's own clause leaves the verb out ("..., et le Land de
Thuringe 150 millions supplémentaires"). Its period is only the one its own sentence ties
to it; the amount model does not overrule a named payer of it (`pipeline.facts.amount_status`).

Its payer may be named after the money: the agent of a verb of granting ("consenti par la
BERD": `agent_after`) or the body the subject receives it from ("une aide de 65 millions du
ministère": `giver_after`)."""
from __future__ import annotations

import re

from pipeline.facts.breakdowns import is_breakdown, later_parts, total_of_following, total_of_preceding
from pipeline.facts.context import Context, Fact, clause_of
from pipeline.facts.states import GAPPED, country_name
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_kind
from pipeline.rules.lexicon import cues
from pipeline.rules.programmes import programmes_in


def is_aid(ctx: Context, amount: Mention) -> bool:
    """Public aid or a loan: a cue of `aid_cues` in the amount's clause, or in the clause
    before when the amount's own is gapped ("accordera une subvention de 1,1 milliard, ...,
    et le Land de Thuringe 150 millions supplémentaires")."""
    s_start, s_end = ctx.sentences.of(amount.start)
    c_start, c_end = clause_of(ctx.text, amount.start, amount.end, s_start, s_end)
    if ctx.has_cue("aid_cues", c_start, c_end):
        return True
    return gapped(ctx, amount, c_start) and ctx.has_cue("aid_cues", s_start, c_start)


_EARLIER = re.compile(r"\b(?:avai(?:t|ent)|[ée]tai(?:t|ent))\s+(?:d[ée]j[àa]\s+)?\w+", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:au\s+total|(?:montant|total)\s+(?:global|total|cumulé)|total\s+de|en\s+tout|au\s+cumul)\b", re.IGNORECASE)
_OTHER_CLAUSE = re.compile(r",\s+(?:qui|que|dont|où|le reste|la suite)\b", re.IGNORECASE)
_INCLUDED = re.compile(r"[^.;:()]{0,30}?\b(?:d[ée]j[àa]\s+)?(?:compris|inclus)e?s?\s+dans\b", re.IGNORECASE)
_INCLUDES = re.compile(r"\b(?:compren(?:d|nent|ait|ant|dra)|inclu(?:t|ent|ait|ant|ra))\s+(?:notamment\s+|aussi\s+|également\s+)?$",
                       re.IGNORECASE)   # "Le projet ... comprend 180 millions d'euros d'aides publiques"
_GAP_OPENER = re.compile(r"\s*(?:et|ainsi que|puis)\s+(?:les\s+|la\s+|le\s+|l['’]\s*)?", re.IGNORECASE)


def gapped(ctx: Context, amount: Mention, c_start: int) -> bool:
    """The amount's clause is "et <payer> <amount>", with the verb left out."""
    payers = ctx.in_span("ORG", c_start, amount.start) + ctx.in_span("COUNTRY", c_start, amount.start)
    return any(_GAP_OPENER.fullmatch(ctx.text, c_start, m.start) and GAPPED.fullmatch(ctx.text, m.end, amount.start)
               for m in payers)


def named_aid(ctx: Context, amount: Mention, fact: Fact) -> bool:
    """Aid or a loan whose payer the amount's own sentence names ("La Région Grand Est
    accorde à l'entreprise une avance remboursable de 4 millions d'euros", "Investissement
    Québec lui prête 45 millions", "et le Land de Thuringe 150 millions supplémentaires").

    Told once and late in an article, with its currency said once before, such an amount
    looks to the amount model like a figure repeated in passing; its payer and its aid word
    say it is money of its own (the caller checks it is: `own_money`)."""
    if not fact.investor or not is_aid(ctx, amount):
        return False
    s_start, s_end = ctx.sentences.of(amount.start)
    named = {m.value for m in ctx.in_span("ORG", s_start, s_end)   # "La banque publique lui accorde": Bpifrance
             if m.rule != "org.descriptor" or org_kind(m.value) in {"fund", "public_body"}
             or m.value.lower().startswith(("ministère", "agence"))}
    named |= {country_name(m.value) for m in ctx.in_span("COUNTRY", s_start, s_end)}
    return fact.investor in named


def own_money(ctx: Context, amount: Mention) -> bool:
    """An amount told as money of its own: a known currency, not a "dont" part nor a part a
    plan "comprend", not a total its parts tell, not in a background or earlier-event
    sentence ("avait déjà investi ...", "un montant total de")."""
    if amount.obj is None or not amount.obj.currency:
        return False
    s_start, s_end = ctx.sentences.of(amount.start)
    if is_breakdown(ctx, amount) or later_parts(ctx, amount) or total_of_following(ctx, amount):
        return False   # "dont un prêt de 300 millions"; "trois prêts pour €500m", told by its parts
    other = _OTHER_CLAUSE.search(ctx.text, amount.end, s_end)   # ", qui avait valorisé X": about another noun
    sums = [m.start for m in ctx.in_span("AMOUNT", amount.end, s_end) if m.obj is not None and total_of_preceding(ctx, m)]
    end = min([other.start() if other else s_end] + sums)   # "..., soit 1,5 milliard au total": the shares' sum
    return not (ctx.has_cue("background_cues", s_start, end) or _EARLIER.search(ctx.text, s_start, end)
                or _TOTAL.search(ctx.text, max(s_start, amount.start - 40), amount.start)
                or _INCLUDED.match(ctx.text, amount.end, end)   # "une aide de 40 millions, déjà comprise dans l'enveloppe"
                or _INCLUDES.search(ctx.text, max(s_start, amount.start - 30), amount.start))


# the subject receives: "X a obtenu un prêt de", "X, basée à Cork, vient de décrocher une subvention de"
_RECEIVES = re.compile(r"(?:\s*,[^,.;:()]{3,90},)?\s+(?:(?:a|ont|avait|vient\s+d['’]|viennent\s+d['’]|va|vont)\s*)?"
                       r"(?:en\s+outre\s+|également\s+|aussi\s+|par\s+ailleurs\s+)?"
                       r"(?:obtenu|obtient|obtiennent|obtiendra|obtenir|décroch\w*|reçoit|reçoivent|recevra|recevront|"
                       r"recevoir|reçu|bénéficie\w*|bénéficié|touche|touchera)\b", re.IGNORECASE)
_STATE_AFTER = re.compile(r"[^.;:()]{0,40}?\b(?:de|du|par)\s+(?:l['’]\s*[ÉE]tat|le\s+gouvernement|gouvernement)\b")


def received_by_subject(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> tuple[str, str] | None:
    """(payer, receiver) when the organisation of the amount's clause is the subject of a
    verb of receiving ("L'hébergeur Lee Valley Digital a obtenu un prêt de 75 millions d'euros
    d'un groupe de banques irlandaises"): it receives the money, it does not pay it. The
    payer is the state when "de l'État" follows the amount, else unnamed ('') — a payer
    named after the amount is `giver_after`'s."""
    c_start = clause_of(ctx.text, amount.start, amount.end, s_start, ctx.sentences.of(amount.start)[1])[0]
    before = [m for m in orgs if c_start <= m.start and m.end <= amount.start and m.rule != "org.descriptor"]
    if not before or not _RECEIVES.match(ctx.text, before[-1].end, amount.start):
        return None
    state = _STATE_AFTER.match(ctx.text, amount.end)
    return (country_name(ctx.main_country()) if state else ""), before[-1].value


# ", versée par", "accordée par l'", "(environ 110 millions de lei) consenti par la", "financée à parts égales par":
# the agent of the aid named after its amount
_AGENT = re.compile(r"(?:[^.;:«»()]|\([^()]{0,40}\)){0,130}?\b(?:(?:vers|accord|octroy|attribu|allou|apport|financ|prêt|inject|débloqu)[ée]"
                    r"|consenti|fourni|investi)e?s?"
                    r"(?:\s+(?:à\s+parts\s+égales|conjointement|intégralement|entièrement|en\s+partie))?"
                    r"(?:\s+(?:à|au|aux)\s+[^,.;:()]{1,60}?)?\s+par\s+"   # "consenti à l'opérateur Warta Net par"
                    r"(?:l['’]\s*|la\s+|le\s+|les\s+)?(?P<words>(?:(?-i:[a-zà-ÿ-]+)\s+){0,3})")
_GAPPED_AGENT = re.compile(r"\s+par\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?(?P<words>(?:(?-i:[a-zà-ÿ-]+)\s+){0,3})")
_AGENT_NAME = re.compile(r"((?-i:[A-ZÀ-Ý][\w'’&-]*)(?:\s+(?-i:[A-ZÀ-Ý][\w'’&-]*)){0,3})")
_APPOSED = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?,\s*(?:l['’]\s*|la\s+|le\s+|un\s+|une\s+)")   # ", l'agence de ..."
_STATE_AGENT = re.compile(r"(?:(?:É|E)tat|gouvernement)\s+(?P<adjective>[a-zà-ÿ-]+)")
# the participle told before the amount: "une usine financée à hauteur de 204 millions d'euros par le gouvernement"
_PARTICIPLE_BEFORE = re.compile(r"\b(?:financ|cofinanc|subventionn|soutenu)\w*\s+(?:à\s+hauteur|pour\s+un\s+montant)\s+"
                                r"(?:de|d['’])\s*$", re.IGNORECASE)


def granting_agent(ctx: Context, amount: Mention) -> re.Match | None:
    """The words that name the agent granting `amount` after it, up to the agent's name (its
    descriptor words in group "words"), never past another amount ("..., et 30 millions apportés par").
    A share whose participle is left out takes the agent right after it when an earlier share
    of its sentence has one ("90 millions sont versés par le ministère et 30 millions par le Land"),
    and so does an amount after its participle ("financée à hauteur de 204 millions d'euros par
    le gouvernement néerlandais")."""
    agent = _AGENT.match(ctx.text, amount.end)
    if agent is None and (gapped := _GAPPED_AGENT.match(ctx.text, amount.end)):
        s_start = ctx.sentences.of(amount.start)[0]
        if any(_AGENT.match(ctx.text, other.end) for other in ctx.in_span("AMOUNT", s_start, amount.start)) \
                or _PARTICIPLE_BEFORE.search(ctx.text, max(s_start, amount.start - 40), amount.start):
            return gapped
    return None if agent is None or ctx.in_span("AMOUNT", amount.end + 1, agent.start("words")) else agent


JOINT = "\x00joint"   # what `agent_after` returns for money granted by two bodies together: no single investor
_JOINT_AGENT = re.compile(r"(?:\s*\([^()\n]{1,40}\))?\s+et\s+(?:par\s+)?(?:la\s+|le\s+|les\s+|l['’]\s*)\w")


def agent_after(ctx: Context, amount: Mention, orgs: list[Mention]) -> str:
    """The body or the state that grants the amount, named as the agent after it ("une subvention
    de 25 millions au titre de France 2030, versée par Bpifrance", "une prime de 6 millions de dinars
    accordée par l'État tunisien", "par le gouvernement néerlandais"): it pays, whoever the
    sentence's subject is."""
    agent = granting_agent(ctx, amount)
    if agent is None:
        return ""
    named = [m for m in orgs if agent.start("words") <= m.start <= agent.end()]   # "par la région Occitanie", "par le fonds X"
    if named:
        joint = _JOINT_AGENT.match(ctx.text, named[0].end)   # "financée à parts égales par la Région et l'agglomération"
        return JOINT if joint else named[0].value
    state = _STATE_AGENT.match(ctx.text, agent.start("words"))
    countries = ctx.in_span("COUNTRY", agent.start("words"), agent.end() + 30)
    if state and countries:
        return country_name(countries[0].value)
    name = _AGENT_NAME.match(ctx.text, agent.end())   # "sera versée par AD'OCC, l'agence de ...": a name the NER missed
    unnamed = name and agent.start("words") == agent.end() and not any(
        ctx.in_span(label, name.start(), name.end()) for label in ("COUNTRY", "SITE", "PLACE", "PERSON"))
    return name.group(1) if unnamed and _APPOSED.match(ctx.text, name.end()) else ""


def giver_after(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> Mention | None:
    """The body named right after aid money that the sentence's subject receives ("Cascade
    va investir 2,9 milliards et recevra 920 millions d'euros d'aides du ministère fédéral",
    "bénéficiera d'une subvention de 350 millions de zlotys du ministère"): it pays."""
    clause_start = clause_of(ctx.text, amount.start, amount.end, s_start, ctx.sentences.of(amount.start)[1])[0]
    if not ctx.has_cue("receive_cues", max(s_start, clause_start - 60), amount.end):
        return None
    after = [m for m in orgs if m.start >= amount.end]
    if after and any(c.regex.match(ctx.text[amount.end:after[0].start]) for c in cues("giver_after_cues")):
        return after[0]
    return None


def programme_giver_after(ctx: Context, amount: Mention, s_start: int) -> str:
    """The payer of the programme named right after aid money its sentence's subject receives
    ("le projet recevra 45 millions d'euros de subventions de la Facilité pour la reprise et la
    résilience" -> Commission européenne), '' if none."""
    clause_start = clause_of(ctx.text, amount.start, amount.end, s_start, ctx.sentences.of(amount.start)[1])[0]
    if not ctx.has_cue("receive_cues", max(s_start, clause_start - 60), amount.end):
        return ""
    named = programmes_in(ctx.text, amount.end, amount.end + 80)
    return next((payer for start, payer in named[:1] if any(c.regex.match(ctx.text[amount.end:start])
                                                              for c in cues("giver_after_cues"))), "")
