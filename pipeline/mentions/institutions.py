"""Named institutions the NER cuts short: schools and public bodies named by their head noun.

The NER reads "l'université de Lorraine" as the region "Lorraine", "l'université Ibn Zohr"
as "Ibn Zohr", "la Banque hellénique de développement" as "Banque", "le Sénat néerlandais"
as "Sénat". Two shapes make an institution's name, as the text writes it:
- a school head (`institution_heads.schools`: université, école, cégep...), maybe with
  adjectives ("polytechnique fédérale"), then a capitalised name, after "de" or not:
  "université de Lorraine", "École polytechnique de Wrocław", "université Ibn Zohr";
- a capitalised body head (`institution_heads.bodies`: Banque, Agence, Sénat, Cour...)
  with adjectives or complements of its own: "Banque cantonale vaudoise", "Agence
  suédoise de l'énergie", "Cour des comptes européenne", "Association croate des
  entreprises numériques", "Banque cantonale du Valais".
An adjective is a word with an adjective ending (`state_body_adjective_endings`, and the
endings of "européenne", "publics", "vaudoise") or a nationality of the gazetteer. The word lists are data (`models/entities.json`).

>>> [m.value for m in institution_mentions("avec l'université de Lorraine et le Sénat néerlandais.", 0)]
['université de Lorraine', 'Sénat néerlandais']
>>> [m.value for m in institution_mentions("La Banque a prêté.", 0)]
[]
"""
from __future__ import annotations

import re

from pipeline.mentions.local_bodies import REGIONAL_BODY_RULE
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_kind
from pipeline.mentions.proposals import NAME_WORD, nationalities
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set

INSTITUTION_RULE = "org.institution"
_PARTICLE = r"(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)"
_MORE_ENDINGS = frozenset({"enne", "ennes", "ain", "aine", "ais", "aise", "ois", "oise", "ic", "ics"})   # européenne, publics


def _heads(kind: str) -> list[str]:
    return sorted(entity_lexicon().get("institution_heads", {}).get(kind, []), key=len, reverse=True)


@rules_cache
def _adjective() -> str:
    words = word_set("state_body_adjective_endings") | _MORE_ENDINGS
    endings = literal_alternation(words)
    peoples = literal_alternation(n for n in nationalities() if n.isalpha())
    return rf"(?:[a-zà-ÿ]+(?:{endings})|{peoples})(?![\w-])"


@rules_cache
def _school_regex() -> re.Pattern:
    heads = "|".join(f"(?i:{re.escape(h[0])}){re.escape(h[1:])}" for h in _heads("schools"))
    name = rf"{NAME_WORD}(?:\s+(?:(?:do|da|dos|das|di|del|della)\s+)?{NAME_WORD}){{0,2}}"   # "Viana do Castelo"
    return re.compile(rf"(?<![\w-])(?:{heads})(?:\s+{_adjective()}){{0,2}}\s+(?:{_PARTICLE})?{name}")


@rules_cache
def _body_regex() -> re.Pattern:
    heads = "|".join(re.escape(h) for h in _heads("bodies"))
    adjective = _adjective()
    schools = "|".join(f"(?i:{re.escape(h[0])}){re.escape(h[1:])}" for h in _heads("schools"))
    name = rf"(?!(?:{schools})\b){NAME_WORD}"   # "du Valais", not "de l'École polytechnique": another institution
    complement = rf"\s+{_PARTICLE}(?:[a-zà-ÿ]{{2,}}(?![\w'’-])|{name})(?:\s+{adjective}){{0,2}}"
    return re.compile(rf"(?<![\w-])(?:{heads})(?:(?:\s+{adjective}){{1,2}}(?:{complement}){{0,2}}"
                      rf"|(?:{complement}){{1,2}}(?:\s+{adjective})?)")


def institution_mentions(text: str, body_start: int) -> list[Mention]:
    """ORG mentions of schools and public bodies named by their head, as written."""
    out: list[Mention] = []
    for regex in (_school_regex(), _body_regex()):
        for match in regex.finditer(text, body_start):
            if not any(m.start < match.end() and match.start() < m.end for m in out):
                value = " ".join(match.group(0).split())
                out.append(Mention("ORG", match.group(0), value, match.start(), match.end(), "rule",
                                   INSTITUTION_RULE, detail="institution"))
    return sorted(out, key=lambda m: m.start)


def kept_institutions(text: str, body_start: int, named: list[Mention]) -> list[Mention]:
    """The institutions of `text` next to the organisations already `named` (gazetteer,
    state bodies): one that overlaps a named organisation only wins when it is longer and
    holds it whole ("École polytechnique de Wrocław" over the known "École polytechnique",
    "Cour des comptes européenne" over "Cour des comptes")."""
    return [m for m in institution_mentions(text, body_start)
            if all(m.start <= o.start and o.end <= m.end and o.end - o.start < m.end - m.start
                   for o in named if o.start < m.end and m.start < o.end)]


_BODY_REFERENCE = re.compile(r"\b(?:le|du|au)\s+(ministère)(?!\s+(?:de|des|du|d['’]|[a-zà-ÿ]+(?:ais|ien|ois|and|al|ain)e?s?)\b)"
                             r"|\b(?:l['’]\s*)(agence)(?!\s+(?:de|des|du|d['’]|pour)\b)"
                             r"|\b(?:la)\s+(banque\s+publique)(?!\s+(?:de|des|du|d['’]|(?-i:[A-ZÀ-Ý]))|\s+[a-zà-ÿ]+\s+(?-i:[A-ZÀ-Ý]))"
                             r"|\b(?:l['’]\s*|le\s+)((?:exécutif|gouvernement)\s+(?:régional|provincial|autonome))\b",
                             re.IGNORECASE)


def body_references(text: str, body_start: int, orgs: list[Mention]) -> list[Mention]:
    """"le ministère" (or "l'agence") alone, after a ministry (an agency) named in full: that
    body ("..., et le ministère les 47 millions restants" -> "ministère des Sciences"); "la
    banque publique" after a public bank named before ("Bpifrance ... La banque publique lui
    accorde une avance remboursable"); "l'exécutif régional" after a regional government
    named before ("la Junta de Andalucía ... L'exécutif régional accorde 14 millions")."""
    out = []
    for match in _BODY_REFERENCE.finditer(text, body_start):
        head = (match.group(1) or match.group(2) or match.group(3) or "").lower()
        named = [m for m in orgs if m.end <= match.start() and (
            m.value.lower().startswith(head) and m.value.lower() != head and not match.group(4)
            or head.startswith("banque") and org_kind(m.value) == "fund" and not m.value.lower().startswith("fonds")
            or match.group(4) and m.rule == REGIONAL_BODY_RULE)]
        if named and not any(m.start < match.end() and match.start() < m.end for m in orgs):
            out.append(Mention("ORG", match.group(0), named[-1].value, match.start(), match.end(), "rule",
                               "org.descriptor", detail=f"refers to {named[-1].value}"))
    return out
