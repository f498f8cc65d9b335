"""Who pays an amount, and where a fund raise's money goes.

- The investor is the organisation the sentence is about (`subject_org`), unless a clause
  names another payer: a gapped or relative clause ("et l'État grec 6 millions", "et par la
  Région Grand Est, qui accordera une avance de 12 millions"), aid received from a body
  named after the amount ("recevra 920 millions d'euros d'aides du ministère fédéral"), a
  state or its public share ("La contribution française, de 300 millions"), a programme's
  payer, a person's company; the group acting through a unit gives way to that unit.
- Organisations that only own the subject ("propriété du fonds Brookfield") or that the
  money pays for ("financera la construction par le groupe Teltonika") do not pay it; a
  loan records its borrower as recipient.
- A fund raise (`pipeline.facts.raises`): the lead investor pays, the company raising
  receives, and the money goes where that company comes from.
"""
from __future__ import annotations

import re

from pipeline.facts.aid import (JOINT, agent_after, giver_after, granting_agent, is_aid, programme_giver_after,
                               received_by_subject)
from pipeline.facts.context import Context, clause_of, target_country
from pipeline.facts.coordination import cleft_actor, coordinated_payer, pays_own_share, reported_clause, respective_payer
from pipeline.facts.currency import currency_country
from pipeline.facts.interviews import answered_question, speaker_org, we_pay
from pipeline.facts.raises import raise_parties, subject_org
from pipeline.facts.states import (GAPPED, gapped_payer_of_another, in_apposition, joint_subject,
                                   programme_investor, state_investor)
from pipeline.mentions.actors import DATIVE_END, after_through, follows_actor_verb, follows_payer_verb
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import led_org, org_country, org_kind
from pipeline.mentions.people import person_roles
from pipeline.mentions.sources import told_to
from pipeline.mentions.units import acting_unit, unit_named_elsewhere
from pipeline.rules.lexicon import cues


def investor_of(ctx: Context, amount: Mention, sentence: str, s_start: int) -> tuple[str, str]:
    """(investor, recipient). In a fund raise the raiser is the recipient."""
    agent = granting_agent(ctx, amount)   # "un prêt de 22 millions consenti par la BERD, une aide de 65 millions du ..."
    named_agent = range(agent.start("words"), agent.end() + 1) if agent else range(0)
    orgs = [m for m in ctx.in_span("ORG", s_start, s_start + len(sentence)) if org_kind(m.value) != "media"
            and not told_to(ctx.text, m.start)
            and (m.start in named_agent or not gapped_payer_of_another(ctx, m, amount, s_start + len(sentence)))]
    if payer := respective_payer(ctx, amount, orgs, s_start) or coordinated_payer(ctx, amount, orgs, s_start):
        return payer.value, ""   # "Proparco et DEG prêtent respectivement 18 et 12 millions", "..., et DEC nous verse 25 millions"
    if owner := next((m for m in orgs if _OWNER_RELATIVE.fullmatch(ctx.text, amount.end, m.start)), None):
        return owner.value, ""   # "la ligne de 55 millions d'euros que l'entreprise installe"
    c_end = clause_of(ctx.text, amount.start, amount.end, s_start, s_start + len(sentence))[1]
    if ctx.has_cue("raise_cues", s_start, c_end):   # not "Nous investirons 1,1 milliard ..., en combinant cette levée"
        if payer := _clause_payer(ctx, amount, orgs, s_start):
            return payer.value, ""   # "Le tour de table est bouclé : X apporte 15 milliards, la BOAD lui prête 12 milliards"
        return raise_parties(ctx, amount, orgs, s_start)   # (lead investor, company raising)
    if joint_subject(ctx, s_start, amount.start):
        return "", ""         # "X et Y vont investir ensemble": no single investor
    if agent := agent_after(ctx, amount, orgs):   # "une subvention de 25 millions ..., versée par Bpifrance", "accordée par l'État tunisien"
        return ("" if agent == JOINT else agent), ""   # "financée à parts égales par la Région et l'agglomération": no single one
    if giver := giver_after(ctx, amount, orgs, s_start):
        return giver.value, ""   # "et recevra 920 millions d'euros d'aides du ministère fédéral de l'Économie"
    if payer := programme_giver_after(ctx, amount, s_start):
        return payer, ""         # "recevra 45 millions de subventions de la Facilité pour la reprise et la résilience"
    if received := received_by_subject(ctx, amount, orgs, s_start):   # "X a obtenu un prêt de 75 millions d'un groupe de banques"
        recipient = received[1] if ctx.has_cue("loan_cues", s_start, c_end) else ""   # only a loan names its borrower
        return received[0] or programme_investor("", sentence), recipient   # "Pasqal recevra 50 millions du programme Europe numérique"
    if announcer := _announcer_after(ctx, amount, orgs, s_start):
        return announcer, ""     # "Un montant de 4,5 milliards sera investi ..., a annoncé mardi Atlas Cloud Maroc"
    if (answered_question(ctx, amount) or we_pay(ctx, amount)) and not any(m.start < amount.start for m in orgs) \
            and (speaker := speaker_org(ctx, s_start, amount.start)):
        return speaker, ""   # "Combien investissez-vous ?" / "M. H. : 95 millions ..., sur le campus de l'université de Twente"
    clause = [m for m in orgs if m.end <= amount.start and not _dative(ctx, m) and not in_apposition(ctx, m)
              and (GAPPED.fullmatch(ctx.text, m.end, amount.start) or _RELATIVE.fullmatch(ctx.text, m.end, amount.start)
                   or pays_own_share(ctx, m, amount, s_start) or cleft_actor(ctx, m))]
    colon = ctx.text.rfind(":", s_start, amount.start)   # "L'État accompagne le projet : le ministère ... versera"
    state = "" if clause else state_investor(ctx, colon + 1 if colon >= 0 else s_start, amount.start)
    if state:                 # "Les Émirats arabes unis vont investir": the state itself,
        return _body_through(ctx, amount, orgs) or state, ""   # unless it pays through a body: "l'État, via Bpifrance,"
    if _PRONOUN_SUBJECT.match(ctx.text, s_start) and not any(m.start < amount.start for m in orgs):
        orgs = [m for m in orgs if not _dative(ctx, m)]   # "Elle versera 5 millions au CEA-Leti": the CEA receives
    funded = _funded_parties(ctx, amount, orgs)
    owners = {m.value for m in orgs if m.rule != "org.descriptor" and _owner_in_apposition(ctx, m)}
    if not clause and orgs and all(m.value in owners for m in orgs if m.start < amount.start):
        orgs = [m for m in orgs if m.value not in owners]   # "L'opérateur, propriété du fonds Brookfield, a annoncé"
    elif not clause and (parents := {m.value for m in orgs if m.value in owners and _OF_PARENT.search(
            ctx.text, max(0, m.start - 40), m.start)}) and any(m.value not in owners for m in orgs if m.start < amount.start):
        orgs = [m for m in orgs if m.value not in parents]   # "Filiale du groupe X, Y va investir": Y
    if orgs and not funded:
        pick = acting_unit(ctx.text, clause[-1] if clause else _aid_giver(ctx, amount, orgs)
                           or subject_org(reported_clause(ctx, orgs, s_start, amount.start), amount.start), orgs)
        pick = unit_named_elsewhere(ctx.text, pick, ctx.in_span("ORG", 0, len(ctx.text)))
        between = [o for o in orgs if pick.end < o.start and (o.end <= amount.start or o.start < c_end)]   # its clause
        if through := _body_through(ctx, amount, between):
            return through, ""   # "le gouvernement du Québec, par l'entremise d'Investissement Québec, lui prête"
        actor = (bool(clause) or follows_actor_verb(ctx.text, pick.end)
                 or org_kind(pick.value) in {"public_body", "fund"})
        return (pick.value if actor else programme_investor(pick.value, sentence) or pick.value), ""
    funded_names = {m.value for m in funded}
    # only a loan names its borrower (corpus/README.md); a grant's beneficiary stays unrecorded
    recipient = funded[0].value if funded and ctx.has_cue("loan_cues", s_start, amount.start) else ""
    if payer := programme_investor("", sentence):
        return payer, recipient
    if led := _person_led(ctx, s_start, amount.start) or speaker_org(ctx, s_start, amount.start):
        return led, recipient
    for span in ctx.window(amount.start)[1:]:
        prev = [m for m in ctx.in_span("ORG", *span) if org_kind(m.value) != "media" and not told_to(ctx.text, m.start)
                and m.value not in funded_names | owners]
        if _PRONOUN_SUBJECT.match(ctx.text, s_start):   # "Bpifrance lui prête 3 millions. Elle versera ...": the company
            prev = [m for m in prev if org_kind(m.value) not in {"public_body", "fund"}] or prev
        if prev:   # the previous sentence's actor, or the unit it acts through; the project of the company it funds
            funded_there = _beneficiary(ctx, prev, s_start, amount.start)
            return funded_there or acting_unit(ctx.text, subject_org(prev, span[1]), prev).value, recipient
    main = ctx.main_company()
    return ("" if main in funded_names | owners else main), recipient


# an amount in a noun phrase whose relative clause names who carries it out: "... de 55 millions
# d'euros que l'entreprise installe", "le campus de 2 milliards que Microsoft construit"
_OWNER_RELATIVE = re.compile(r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:qu['’]\s*|que\s+)(?:(?:le|la|les|l['’])\s*)?")


def _clause_payer(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> Mention | None:
    """In a sentence about a round, the organisation of the amount's own clause that gives it,
    named by a verb of giving that is no raise ("Teranga Devices apporte 15 milliards sur ses
    fonds propres, la BOAD lui prête 12 milliards et le FONSIS entre à son capital à hauteur
    de 5 milliards"): each share has its payer."""
    c_start = clause_of(ctx.text, amount.start, amount.end, s_start, ctx.sentences.of(amount.start)[1])[0]
    gapped = [m for m in orgs if c_start <= m.start and GAPPED.fullmatch(ctx.text, m.end, amount.start)]
    if gapped:
        return gapped[-1]   # "le FGIS apporte 12 milliards de FCFA en fonds propres et Lagune Télécom 8 milliards"
    payers = [m for m in orgs if c_start <= m.start and m.end <= amount.start and m.rule != "org.descriptor"
              and not _dative(ctx, m) and follows_payer_verb(ctx.text, m.end)
              and not ctx.has_cue("raise_cues", m.end, amount.start)]
    return payers[-1] if payers else None


_ANNOUNCED_BY = re.compile(r",\s*(?:a|ont)\s+(?:annoncé|indiqué|précisé|confirmé|fait\s+savoir|affirmé|communiqué)"
                           r"(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|ce\s+\w+|\w+ment))*"
                           r"\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?(?:[a-zà-ÿ-]+\s+){0,3}$")


def _announcer_after(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> str:
    """A dispatch that names no one before the money and its announcer after it ("Un
    montant de 4,5 milliards de dirhams sera investi d'ici 2027 ..., a annoncé mardi Atlas
    Cloud Maroc, la filiale du groupe Maghreb Connect"): the announcer invests."""
    if any(m.start < amount.start for m in orgs) or ctx.in_span("COUNTRY", s_start, amount.start) \
            or ctx.in_span("PERSON", s_start, amount.start):
        return ""
    after = [m for m in orgs if m.start >= amount.end]
    if after and _ANNOUNCED_BY.search(ctx.text, amount.end, after[0].start):
        return after[0].value
    return ""




_PRONOUN_SUBJECT = re.compile(r"\s*(?:Elle|Il|Elles|Ils|Celle-ci|Celui-ci)\b")


def _dative(ctx: Context, org: Mention) -> bool:
    """The organisation money goes to: "accorde à l'entreprise", "au groupe"."""
    return bool(DATIVE_END.search(ctx.text, max(0, org.start - 8), org.start))


def _aid_giver(ctx: Context, amount: Mention, orgs: list[Mention]) -> Mention | None:
    """In aid or a loan, the first organisation named before the money that is not its
    beneficiary ("La Région Grand Est accorde à l'entreprise une avance remboursable de 4
    millions": the region, public body or not, not "l'entreprise")."""
    if not is_aid(ctx, amount):
        return None
    givers = [m for m in orgs if m.start < amount.start and not _dative(ctx, m)]
    s_start, s_end = ctx.sentences.of(amount.start)
    part = _share_start(ctx, amount, s_start, s_end)   # "..., et la région Hauts-de-France a voté une subvention de 8 millions"
    own = [m for m in givers if m.start >= part]
    return min(own or givers, key=lambda m: m.start) if givers else None


_SHARE_BREAK = re.compile(r"\s*(?:[,;:]\s*(?:et|puis|tandis que|alors que)?|\bet)\s+(?=(?:l['’]|la |le |les )?[A-ZÀ-Ý])")


def _share_start(ctx: Context, amount: Mention, s_start: int, s_end: int) -> int:
    """Where the amount's own share of its sentence starts: after the last money amount before
    it, at the next break that opens a new subject (", et la région", " : le ministère")."""
    before = [m.end for m in ctx.in_span("AMOUNT", s_start, amount.start) if m.end <= amount.start]
    colon = ctx.text.rfind(":", s_start, amount.start)
    start = max(before + [colon + 1 if colon >= 0 else s_start, s_start])
    found = _SHARE_BREAK.search(ctx.text, start, amount.start)
    return found.end() if found and before else start


def _body_through(ctx: Context, amount: Mention, orgs: list[Mention]) -> str:
    """The body a state pays through, named in the amount's sentence ("L'État, via Bpifrance,
    versera une subvention", "l'État apportera 25 milliards via le ministère des Postes",
    "Les Émirats, via le fonds MGX, apporteront"): the named body pays (corpus/README.md, "A
    programme"); a programme it pays through ("via France 2030") is not one. Only between
    the money amounts around this one: another share's body is not this one's."""
    money = [m for m in ctx.in_span("AMOUNT", *ctx.sentences.of(amount.start)) if m is not amount]
    start = max([m.end for m in money if m.end <= amount.start], default=0)
    end = min([m.start for m in money if m.start >= amount.end], default=len(ctx.text))
    for org in (o for o in orgs if start <= o.start and o.end <= end):
        if org.rule != "org.descriptor" and not programme_investor(org.value, org.value) \
                and after_through(ctx.text, org.start):
            return org.value
    return ""


# the amount in a relative clause of the organisation: "et par la Région Grand Est, qui accordera une avance de 12 millions"
_RELATIVE = re.compile(r"\s*,\s*qui\s+[^,;:.()«»]{0,80}")


_OF_PARENT = re.compile(r"\b(?:du|de\s+la|de\s+l['’]|des|par|à)\s+(?:[a-zà-ÿ-]+\s+){0,3}$")   # not "sa filiale X"


def _owner_in_apposition(ctx: Context, org: Mention) -> bool:
    """An owner or backer named in an apposition of the subject ("L'opérateur français,
    propriété du fonds canadien Brookfield, a annoncé"), not itself acting."""
    before = ctx.text[max(0, org.start - 60):org.start]
    return any(c.regex.search(before) for c in cues("owner_apposition_cues")) \
        and not follows_actor_verb(ctx.text, org.end)


def _funded_parties(ctx: Context, amount: Mention, orgs: list[Mention]) -> list[Mention]:
    """The organisations of the sentence when all of them come after the amount and after a
    verb that says what the money pays for: "Le premier prêt, de 200 millions d'euros,
    financera la construction par le groupe Teltonika", "La contribution française, de 300
    millions, financera les travaux d'Orange". The money goes to them; the payer is named before."""
    if not orgs or any(m.start < amount.end for m in orgs):
        return []
    return orgs if all(ctx.has_cue("funded_party_cues", amount.end, m.start) for m in orgs) else []



def _beneficiary(ctx: Context, prev: list[Mention], s_start: int, before: int) -> str:
    """The company a funder of the previous sentence gives to, when this sentence is about
    the project or its company ("La KfW prête 400 millions à Taunus Digital. Le projet
    représente un investissement total de 2,2 milliards"): the project is Taunus Digital's."""
    if not any(c.regex.search(ctx.text[s_start:before]) for c in cues("project_subject_cues")):
        return ""
    funded = [m for m in prev if _dative(ctx, m) and org_kind(m.value) not in {"public_body", "fund"}]
    return funded[0].value if funded and any(not _dative(ctx, m) for m in prev) else ""


def _person_led(ctx: Context, s_start: int, before: int) -> str:
    """The organisation of a person who is the actor of the sentence and no organisation is
    named in it: "Jensen Huang promet 2 milliards" -> Nvidia (his role, in the text or the
    gazetteer)."""
    known = {m.value for m in ctx.mentions if m.label == "ORG"}
    for person in ctx.in_span("PERSON", s_start, before):
        if follows_actor_verb(ctx.text, person.end) and (org := led_org(person_roles(person), known)):
            return org
    return ""


def target_of(ctx: Context, amount: Mention) -> str:
    """Target country: nearest non-origin country or site country in the window, else the
    heading's, the currency's, the document's; none when the sentence names only a region
    ("en Europe")."""
    return target_country(ctx, amount, ctx.window(amount.start), currency_country(amount))


def home_country(ctx: Context, org: str, amount: Mention) -> str:
    """Where a company raising funds is from: 'la start-up allemande Helsing', else the
    gazetteer's home country."""
    for mention in (m for m in ctx.mentions if m.label == "ORG" and m.value == org and m.rule != "org.descriptor"):
        for country in ctx.in_span("COUNTRY", mention.start - 45, mention.end + 45):
            between = ctx.text[min(country.end, mention.end):max(country.start, mention.start)]
            lo, hi = min(country.end, mention.end), max(country.start, mention.start)
            if country.role == "origin" and not re.search(r"[,.;:()\n]", between) \
                    and not ctx.in_span("ORG", lo, hi) and not (   # not "le fonds américain Redwood ... Kerlys"
                        country.start > mention.end and ctx.in_span("ORG", country.end, country.end + 30)):
                return country.value   # not "Lumeo a levé 20 millions auprès du fonds américain Sequoia"
    return org_country(org) or _raiser_origin(ctx, amount, org)


def _raiser_origin(ctx: Context, amount: Mention, org: str) -> str:
    """The country of the place a young company is said to come from ("La jeune pousse
    parisienne", "la start-up de Cologne"): in the amount's sentence or the one before,
    else the first such place of the document next to the company's name (not "les
    start-up américaines du secteur" of a comparison)."""
    named = [m for m in ctx.mentions if m.label == "ORG" and m.value == org]
    window = ctx.window(amount.start)
    for index, span in enumerate(window + [(0, len(ctx.text))]):
        for place in (m for m in ctx.mentions if m.label in {"SITE", "PLACE", "COUNTRY"} and span[0] <= m.start < span[1]):
            country = place.value if place.label == "COUNTRY" else place.country
            if country and ctx.has_cue("raiser_origin_cues", max(0, place.start - 50), place.start) and (
                    index < len(window) or any(abs(m.start - place.end) < 60 for m in named)):
                return country
    return ""
