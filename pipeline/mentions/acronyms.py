"""An organisation written with its acronym in brackets after its long form.

- "Long form (ACR)": both mentions are one organisation, named by the acronym's canonical
  name ("Institut national de cybersécurité (INCIBE)" -> "INCIBE"); a long form the NER or
  a rule cuts short runs on to the bracket through complements only ("Caixa Geral" +
  " de Depósitos (CGD)").
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention

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
    """'Long form (ACR)': both mentions take the acronym's canonical name."""
    by_start = {m.start: m for m in orgs}
    for mention in orgs:
        match = re.match(r"\s*\(\s*([A-Z][A-Z0-9&\-]{1,9})\s*\)", text[mention.end:mention.end + 16])
        if not match:
            continue
        acronym = by_start.get(mention.end + match.start(1))
        name = acronym.value if acronym else match.group(1)
        if mention.value != name and len(mention.value.split()) > 1:
            mention.detail = f"long form of {name}"
            mention.value = name
