"""A state, a programme or a joint undertaking as the investor.

- A state invests as itself when its name is the subject of the cue verb ("Les Émirats
  arabes unis vont investir 30 milliards", "L'État apportera 54 millions") or its
  nationality qualifies the public share that pays ("La contribution française, de 300
  millions, financera"; `state_share_cues`): the investor is the state by its usual French
  name (the gazetteer's first name), "l'État" being the document's country; so does a
  capital written for its government ("Berlin apportera 150 millions d'euros":
  `capital_governments` in `models/entities.json`); the European Union so written pays
  through the Commission ("L'Union européenne financera": `union_payers`).
- A programme is no investor (`pipeline.rules.programmes`): the body that pays it is.
- Companies that invest together without their shares ("X et Y vont investir ensemble 1
  milliard", "L'entreprise commune détenue par X et Y prévoit un investissement de") give
  no single investor (corpus/README.md, "Fund raise": a consortium, a joint venture whose
  partners do not give their shares). The cues are `joint_investment_cues` in
  `models/facts.json`.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context, is_locative
from pipeline.mentions.actors import follows_actor_verb, follows_payer_verb
from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entries
from pipeline.rules.lexicon import cues, entity_lexicon, literal_alternation, rules_cache
from pipeline.rules.programmes import payer_of, programme_payer

_PARTNER = re.compile(r"\s+(?:et|avec)\s+(?:l['’]|la\s|le\s|les\s)?\s*$")
# a gapped clause, the verb left out: "X en apporte 600 millions, le fonds EIFO les 100 millions
# restants", "La Commission apportera 24 millions, et l'État grec 6 millions"
# between the payer of a gapped clause and its amount: "et l'État grec 6 millions", "et la
# Région Bretagne une avance remboursable de 6 millions", "et la Banque islamique de développement (BID) 30 milliards",
# "et l'éditeur Sanguinaires Logiciels, installé à Ajaccio, 4 millions", "la SFI, filiale du Groupe de la Banque mondiale, 15 milliards"
_BELONGING = r"(?:la\s+|l['’]\s*|une\s+)?(?:filiale|branche|membre|division|antenne)\b"   # "la filiale du groupe X"
GAPPED = re.compile(r"(?:\s*\([^()\n]{1,40}\))?(?:,\s+(?:(?:installé|basé|établi|implanté|situé|fondé|créé|détenu|contrôlé|"
                    rf"présidé|dirigé)e?s?\s[^,.;:()]{{1,40}}|{_BELONGING}[^,.;:()]{{1,60}})(?=,))?,?\s+(?:les|la|le|l['’]|ses|son|sa|leurs?)?\s*"
                    r"(?:(?:solde|reste|complément)\s*,?\s*soit\s+)?"   # "et Y le solde, soit 1 milliard"
                    r"(?:(?:une?|des)\s+(?-i:[a-zà-ÿ'’-]+\s+){1,3}?(?:de\s+|d['’]))?")
_STATE = re.compile(r"(?<!\w)(?:[Ll]['’]État|[Ll]e gouvernement|[Ll]a Confédération)(?!\w)")


_APPOSITION_HEAD = re.compile(rf",\s+{_BELONGING}[^,.;:()]*$", re.IGNORECASE)


def in_apposition(ctx: Context, org: Mention) -> bool:
    """An organisation named in the apposition that tells what another one belongs to ("la
    SFI, filiale du Groupe de la Banque mondiale, 15 milliards"): not the payer."""
    return bool(_APPOSITION_HEAD.search(ctx.text, max(0, org.start - 70), org.start))


def gapped_payer_of_another(ctx: Context, org: Mention, amount: Mention, s_end: int) -> bool:
    """Whether `org`, named after `amount`, opens a gapped clause of its own ("L'agence aws
    versera 300 millions d'euros, et le Land de Carinthie 40 millions"): it pays that other
    amount, not this one."""
    return org.start >= amount.end and any(
        other.start != amount.start and GAPPED.fullmatch(ctx.text, org.end, other.start)
        for other in ctx.in_span("AMOUNT", org.end, min(s_end, org.end + 80)))


@rules_cache
def _country_names() -> dict[str, str]:
    return {e["code"]: e["names"][0] for e in entries().values() if e["kind"] == "country" and e.get("names")}


def country_name(code: str) -> str:
    """'AE' -> 'Émirats arabes unis' ('' if unknown)."""
    return _country_names().get(code, "")


def state_subjects(ctx: Context, s_start: int, before: int) -> list[Mention]:
    """COUNTRY mentions of the sentence, before offset `before`, that are the subject of
    an investment verb (not an adjective, an origin or a locative 'en France')."""
    return [m for m in ctx.in_span("COUNTRY", s_start, before)
            if m.detail != "adjective" and m.role != "origin" and not is_locative(ctx.text, m)
            and follows_actor_verb(ctx.text, m.end) and not _partner_of_org(ctx, m)]


def _partner_of_org(ctx: Context, state: Mention) -> bool:
    """'Microsoft et l'Espagne s'engagent': a state coordinated with a company is its partner."""
    return any(_PARTNER.fullmatch(ctx.text, o.end, state.start)
               for o in ctx.in_span("ORG", state.start - 40, state.start))


def state_investor(ctx: Context, s_start: int, before: int) -> str:
    """The state investing as itself in the sentence [s_start, before), '' if none."""
    subjects = state_subjects(ctx, s_start, before)
    if subjects:
        return country_name(subjects[0].value)
    capital = _capital_regex().search(ctx.text, s_start, before)
    if capital and not ctx.in_span("ORG", capital.end(), before):   # "Berlin apportera 150 millions"
        return country_name(entity_lexicon()["capital_governments"]["names"][capital.group("capital")])
    union = _union_regex().search(ctx.text, s_start, before)
    if union and not ctx.in_span("ORG", union.end(), before):   # "L'Union européenne financera à hauteur de"
        return entity_lexicon()["union_payers"]["payer"]
    for adjective in ctx.in_span("COUNTRY", s_start, before):   # "La contribution française, de 300 millions"
        if adjective.detail == "adjective" and any(
                c.regex.search(ctx.text, max(s_start, adjective.start - 30), adjective.start)
                for c in cues("state_share_cues")):
            return country_name(adjective.value)
    for match in _STATE.finditer(ctx.text, s_start, before):
        named = [c for c in ctx.in_span("COUNTRY", match.end(), match.end() + 16)
                 if not ctx.text[match.end():c.start].strip()]   # "L'État hongrois versera"
        end = named[0].end if named else match.end()
        if follows_actor_verb(ctx.text, end) or follows_payer_verb(ctx.text, end) or GAPPED.fullmatch(ctx.text, end, before):
            return country_name(named[0].value if named else ctx.main_country())
    return ""


@rules_cache
def _capital_regex() -> re.Pattern:
    """A capital written for its government, subject of a verb of giving (`capital_governments`)."""
    section = entity_lexicon()["capital_governments"]
    names, verbs = literal_alternation(section["names"]), literal_alternation(section["verbs"])
    return re.compile(rf"(?<![\w'’-])(?<!\bà )(?<!\bde )(?<!\ben )(?P<capital>{names})\s*"
                      rf"(?:,(?:[^,.;:()]|\([^()]{{0,60}}\)){{3,90}},\s*)?(?:(?:lui|leur|y|en)\s+)?(?i:{verbs})\b")


@rules_cache
def _union_regex() -> re.Pattern:
    """The European Union written as the subject of a verb of giving (`union_payers`)."""
    names = literal_alternation(entity_lexicon()["union_payers"]["names"])
    verbs = literal_alternation(entity_lexicon()["capital_governments"]["verbs"])
    return re.compile(rf"(?<![\w'’-])(?<!\bà )(?<!\bde )(?<!\ben )(?:[Ll]['’]\s*)?(?-i:{names})\s*"
                      rf"(?:,(?:[^,.;:()]|\([^()]{{0,60}}\)){{3,90}},\s*)?(?:(?:lui|leur|y|en)\s+)?(?i:{verbs})\b")


def programme_investor(investor: str, sentence: str) -> str:
    """A programme picked as investor, or named in the sentence, gives way to its payer."""
    return payer_of(investor) or programme_payer(sentence)


def joint_subject(ctx: Context, s_start: int, before: int) -> bool:
    """Whether the sentence [s_start, before) has companies investing together: two
    organisations coordinated as the subject of the investment verb ("X et Y vont investir"),
    or coordinated before the amount with "ensemble" / "conjointement", or a joint venture
    with no name of its own as the subject ("La coentreprise prévoit", "une coentreprise qui
    investira")."""
    found = {c.id for c, _, _ in ctx.cue_matches("joint_investment_cues", s_start, before)}
    if found & {"joint.venture_subject", "joint.venture_relative"}:
        return True
    orgs = ctx.in_span("ORG", s_start, before)
    return any(_COORDINATED.fullmatch(ctx.text, a.end, b.start)
               and ("joint.together" in found or follows_actor_verb(ctx.text, b.end))
               for a, b in zip(orgs, orgs[1:]))


# "Microsoft et le groupe émirati G42", not "détenue par TSMC et à 10 % par Bosch"
_COORDINATED = re.compile(r"(?:(?!\b(?:par|à|de|du|des|pour|avec|chez|sur)\b)[^,.;:()]){0,20}?\s+et\s+"
                          r"(?:(?!\b(?:par|à|de|du|des|pour|avec|chez|sur)\b)[^,.;:()]){0,40}")

