"""An organisation written with its acronym in brackets after its long form.

- "Long form (ACR)": both mentions are one organisation, named by its long form as the
  gold README's analyst writes it down, or by its gazetteer entry; a long form the NER or
  a rule cuts short runs on to the bracket through complements only ("Caixa Geral" +
  " de Depósitos (CGD)").
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entry

_CONNECTOR = r"(?:de|du|des|d['’]|et|pour|en|in|e|of|and|for|à|la|le|les|l['’])"
_TO_ACRONYM = re.compile(rf"((?:(?:\s+{_CONNECTOR}(?=\s)|\s+{_CONNECTOR}(?<=['’]))+\s*[\w’'-]+){{1,5}})"
                         r"\s*\(\s*[A-Z][A-Za-z0-9&\-]{1,9}\s*\)")


def extend_to_acronym(orgs: list[Mention], text: str) -> list[Mention]:
    """An organisation cut before the rest of its name, which runs to an acronym in brackets
    through complements only ("Caixa Geral" + " de Depósitos (CGD)", "Agence flamande" + " pour
    l'innovation et l'entrepreneuriat (VLAIO)", "ministère des Entreprises et du Made" + " in
    Italy (MIMIT)"), takes it. Returns the organisations so extended.

    >>> m = Mention("ORG", "Caixa Geral", "Caixa Geral", 3, 14, "ner", "ner.ORG")
    >>> [o.value for o in extend_to_acronym([m], "La Caixa Geral de Depósitos (CGD) prêtera")]
    ['Caixa Geral de Depósitos']
    """
    extended = []
    for org in orgs:
        match = _TO_ACRONYM.match(text, org.end, min(len(text), org.end + 90))
        if match and "\n" not in match.group(1):
            tail = match.group(1)
            org.end, org.text = org.end + len(tail), text[org.start:org.end + len(tail)]
            org.value = f"{org.value}{tail}".replace("’", "'")
            extended.append(org)
    return extended


def link_acronyms(orgs: list[Mention], text: str) -> None:
    """'Long form (ACR)': every mention of either form takes one canonical name, the long form
    as an analyst writes it down ("Centre Projets Pologne numérique (CPPC)" -> "Centre Projets
    Pologne numérique", also for a later bare "le CPPC"), unless the gazetteer names the
    organisation ("Banque européenne d'investissement (BEI)" -> its entry name "BEI").

    >>> long = Mention("ORG", "Vesdre Ventures Fonds", "Vesdre Ventures Fonds", 0, 21, "ner", "ner.ORG")
    >>> acr = Mention("ORG", "VVF", "VVF", 23, 26, "ner", "ner.ORG")
    >>> later = Mention("ORG", "VVF", "VVF", 32, 35, "ner", "ner.ORG")
    >>> link_acronyms([long, acr, later], "Vesdre Ventures Fonds (VVF). Le VVF prête")
    >>> acr.value, later.value
    ('Vesdre Ventures Fonds', 'Vesdre Ventures Fonds')
    """
    by_start = {m.start: m for m in orgs}
    renamed: dict[str, str] = {}
    for mention in orgs:
        match = re.match(r"\s*\(\s*([A-Z][A-Z0-9&\-]{1,9})\s*\)", text[mention.end:mention.end + 16])
        if not match or len(mention.value.split()) < 2:
            continue
        acronym = by_start.get(mention.end + match.start(1))
        if acronym is not None and _named_by_gazetteer(acronym) and not _named_by_gazetteer(mention):
            mention.detail = f"long form of {acronym.value}"
            mention.value = acronym.value
        else:
            renamed[acronym.value if acronym else match.group(1)] = mention.value
    for mention in orgs:
        if mention.value in renamed:
            mention.detail = f"acronym of {renamed[mention.value]}"
            mention.value = renamed[mention.value]


def _named_by_gazetteer(mention: Mention) -> bool:
    return mention.method == "rule" and entry(mention.rule) is not None
