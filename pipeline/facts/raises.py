"""A fund raise read in its sentence: who raises (the recipient) and who leads the round
(the investor, corpus/README.md "Fund raise").

- The recipient: the company named after "le tour de table de", "la levée de fonds de"
  ("ASML mène le tour de table de série C de Mistral AI" -> Mistral AI), else the subject
  of the sentence, else the document's main company.
- The lead: the organisation after "mené par", "auprès de" (the cues `raise_investor_cues`)
  in the sentence or the next two, or before "devient son premier actionnaire", "mène le
  tour" (`raise_investor_before_cues`); none when "auprès de" lists several
  ("auprès de X, de Y et de Z": participants without a leader).
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_kind
from pipeline.rules.lexicon import cues


def raise_parties(ctx: Context, amount: Mention, orgs: list[Mention], s_start: int) -> tuple[str, str]:
    """(lead investor or '', recipient) of the fund raise whose amount is `amount`; `orgs`
    are the organisations of its sentence."""
    leading = [m for m in orgs if m.end <= amount.start and (_leads(ctx, m) or _lead_agent(ctx, m))]   # "X a mené un
    before = [m for m in orgs if m.end <= amount.start and m not in leading]   # tour de table de", "Mené par X, le tour"
    named = [m for m in orgs if _RAISER_BEFORE.search(ctx.text, max(s_start, m.start - 40), m.start)]
    if not named and leading:   # "... de 9 millions d'euros dans la start-up Minett Robotics", "... bouclé par X"
        named = [m for m in orgs if m.start > amount.end and (_RAISER_AFTER.fullmatch(ctx.text, amount.end, m.start)
                                                              or _RAISER_AGENT.fullmatch(ctx.text, amount.end, m.start))]
    recipient = named[0].value if named else subject_org(before, amount.start).value if before else ""
    spans = [ctx.sentences.of(amount.start)] + _following(ctx, amount.start, 2)
    lead = next((name for span in spans if (name := _lead_investor(ctx, span, recipient))), "")
    if not recipient and (main := ctx.main_company()) != lead:   # not the lead, the only name of a short dispatch
        recipient = main
    return lead, recipient


# "le tour de table de série C de Mistral AI", "la levée de fonds de X": X is the one raising
_RAISER_BEFORE = re.compile(r"\b(?:tour de (?:table|financement)|lev[ée]e de fonds|s[ée]rie [A-F]|financement)"
                            r"(?:\s+de\s+s[ée]rie\s+[A-F])?\s+(?:de|d['’]|du)\s*(?:la\s+|l['’])?$", re.IGNORECASE)


# the company raising named after the amount of a round its lead opens: "dans la start-up X", "de X", "au capital de X"
_RAISER_AFTER = re.compile(r"[^,.;:()]{0,20}?\b(?:dans|de|d['’]|au\s+capital\s+de)\s*(?:la\s+|l['’]\s*|le\s+)?"
                           r"(?:(?:start-up|jeune\s+pousse|société|entreprise|scale-up|pépite)\s+(?:[a-zà-ÿ-]+\s+)?)?",
                           re.IGNORECASE)
# the company raising as the agent of the round after its amount: "le tour de table de 30 millions bouclé par X"
_RAISER_AGENT = re.compile(r"[^,.;:()]{0,30}?\b(?:annonc|boucl|lev|réalis|finalis|clôtur)[ée]e?s?\s+(?:\w+\s+)?par\s+"
                           r"(?:la\s+|l['’]\s*|le\s+)?(?:(?:start-up|jeune\s+pousse|société|entreprise|scale-up)\s+"
                           r"(?:[a-zà-ÿ-]+\s+)?)?", re.IGNORECASE)
_SUBJECT_GAP = re.compile(r"\s*(?:qui\s+)?")   # "C'est le fonds X qui mène le tour de table"
_AGENT_END = re.compile(r"^[^,.;:()]{0,40}$")


def _leads(ctx: Context, org: Mention) -> bool:
    """The organisation is the subject of a verb of leading a round ("X a mené un tour de table",
    "C'est X qui mène le tour de table")."""
    after = _SUBJECT_GAP.match(ctx.text, org.end).end()
    return any(cue.regex.match(ctx.text, after) for cue in cues("raise_investor_before_cues"))


def _lead_agent(ctx: Context, org: Mention) -> bool:
    """The organisation is the agent of a round's leading told before the amount ("Mené par le
    fonds tunisois X, le tour de table de 12 millions")."""
    lo = max(0, org.start - 60)
    return any(_AGENT_END.match(ctx.text[match.end():org.start]) and not match.group(0).lower().startswith("aupr")
               for cue in cues("raise_investor_cues") for match in cue.regex.finditer(ctx.text, lo, org.start))


def _following(ctx: Context, offset: int, count: int) -> list[tuple[int, int]]:
    index = ctx.sentences.index(offset)
    return ctx.sentences.spans[index + 1:index + 1 + count]


def _lead_investor(ctx: Context, span: tuple[int, int], recipient: str) -> str:
    """The lead investor of a fund raise: 'menée par X', 'auprès de X', 'X devient son
    premier actionnaire'. Descriptors ('la société') are not names here."""
    text = ctx.text[span[0]:span[1]]
    if _NO_LEAD.search(text):
        return ""   # "auprès de X, de Y et de Z, sans investisseur principal"
    orgs = [m for m in ctx.in_span("ORG", *span)
            if m.rule != "org.descriptor" and m.value != recipient and org_kind(m.value) != "media"]
    for cue in cues("raise_investor_cues"):
        for match in cue.regex.finditer(text):
            after = [m for m in orgs if 0 <= m.start - (span[0] + match.end()) <= 60]
            listed = bool(after) and (_listed(ctx.text, after)   # or "auprès de Wallonie Entreprendre, de Noshaq et du fonds X"
                                      or bool(re.search(r",|\bet\b|\bdont\b", ctx.text[span[0] + match.end():after[0].start])))
            if after and not (match.group(0).lower().startswith("aupr") and listed):
                return after[0].value   # "auprès de X, de Y et de Z", "auprès d'investisseurs dont X": no leader
    for cue in cues("raise_investor_before_cues"):
        for match in cue.regex.finditer(text):
            before = [m for m in orgs if 0 <= span[0] + match.start() - m.end <= 40]
            if before:
                return before[-1].value
    return ""


_NO_LEAD = re.compile(r"\b(?:sans|aucun)\s+(?:investisseur\s+(?:principal|de\s+référence)|chef\s+de\s+file)\b", re.IGNORECASE)
# ", de", " et du fonds", ", du grec": what joins two names of a list of participants
_LIST_JOINT = re.compile(r"\s*(?:,|\bet)\s*(?:de\s+|du\s+|d['’]|des\s+)?(?:la\s+|l['’]|le\s+|les\s+)?"
                         r"(?:(?-i:[a-zà-ÿ'’-]+)\s+){0,3}", re.IGNORECASE)
# "et de plusieurs business angels": participants named by kind
_MORE_PARTICIPANTS = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:,|\bet)\s*(?:de|d['’]|du|des)\s*"
                                r"(?:plusieurs|quelques|divers|nombreux|d['’]autres|un\s+groupe\s+d[e'’]|"
                                r"un\s+pool\s+d[e'’])?\s*(?:business\s+angels|investisseurs|fonds|family\s+offices|"
                                r"particuliers|actionnaires)\b", re.IGNORECASE)


def _listed(text: str, orgs: list[Mention]) -> bool:
    """Participants in a list: two organisations or more ('Linea Capital, de Navigli
    Ventures et de ...', 'du fonds bulgare X, du grec Y'), or one and others named by their
    kind ('du fonds X et de plusieurs business angels'), or one followed by another name
    ('auprès de Rhône Ventures, d'Auvergne Partenaires et de Bpifrance')."""
    return (len(orgs) > 1 and bool(_LIST_JOINT.fullmatch(text, orgs[0].end, orgs[1].start))
            or bool(_MORE_PARTICIPANTS.match(text, orgs[0].end) or _NEXT_NAMED.match(text, orgs[0].end)))


# ", d'Auvergne Partenaires et de Bpifrance": another participant named, whether or not a mention
_NEXT_NAMED = re.compile(r"\s*(?:,|\bet)\s*(?:de|d['’]|du)\s*(?:la\s+|l['’]\s*|le\s+)?(?-i:[A-ZÀ-Ý])", re.IGNORECASE)


def subject_org(orgs: list[Mention], before: int) -> Mention:
    """The organisation a sentence is about: the first one named before `before` (public
    bodies last: "a annoncé l'Élysée"), else the nearest one after."""
    ranked = sorted(orgs, key=lambda m: (m.start >= before, org_kind(m.value) == "public_body",
                                         m.start if m.start < before else m.start - before))
    return ranked[0]
