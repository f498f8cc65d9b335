"""An organisation written with its acronym in brackets after its long form.

- "Long form (ACR)": both mentions are one organisation, named by its long form as the
  gold README's analyst writes it down, or by its gazetteer entry; a long form the NER or
  a rule cuts short runs on to the bracket through complements only ("Caixa Geral" +
  " de Depósitos (CGD)").
- An acronym in brackets whose long form no one named: the words before it whose initials
  fit become the organisation ("Développement économique Canada pour les régions du Québec
  (DEC)": `long_form_mentions`).
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entry

_CONNECTOR = r"(?:de|du|des|d['’]|et|pour|en|in|e|of|and|for|à|la|le|les|l['’])"
_TO_ACRONYM = re.compile(rf"((?:(?:\s+{_CONNECTOR}(?=\s)|\s+{_CONNECTOR}(?<=['’]))+\s*[\w’'-]+"
                         rf"(?:\s+(?!{_CONNECTOR}\s)[a-zà-ÿ-]+)?){{1,5}})"   # "de l'Afrique centrale"
                         r"\s*\(\s*[A-Z][A-Za-z0-9&/\-]{1,9}\s*\)")   # "(DER/FJ)"


def extend_to_acronym(orgs: list[Mention], text: str) -> list[Mention]:
    """An organisation cut before the rest of its name, which runs to an acronym in brackets
    through complements only ("Caixa Geral" + " de Depósitos (CGD)", "Agence flamande" + " pour
    l'innovation et l'entrepreneuriat (VLAIO)", "ministère des Entreprises et du Made" + " in
    Italy (MIMIT)"), takes it. Returns the organisations so extended.

    >>> m = Mention("ORG", "Caixa Geral", "Caixa Geral", 3, 14, "ner", "ner.ORG")
    >>> [o.value for o in extend_to_acronym([m], "La Caixa Geral de Depósitos (CGD) prêtera")]
    ['Caixa Geral de Depósitos']
    >>> m = Mention("ORG", "Banque de développement des États", "", 3, 36, "rule", "org.institution")
    >>> text = "La Banque de développement des États de l'Afrique centrale (BDEAC) va prêter"
    >>> [o.text for o in extend_to_acronym([m], text)]
    ["Banque de développement des États de l'Afrique centrale"]
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


LONG_FORM_RULE = "org.long_form"
_BRACKETED = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_FUNCTION = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "pour", "à", "en", "of", "and", "for", "the", "in"}
_WORD = re.compile(r"[\w’'-]+")
_ARTICLES = {"la", "le", "les", "l'", "l’"}


def long_form_mentions(orgs: list[Mention], text: str) -> list[Mention]:
    """The long form of an acronym in brackets that no one named ("et Développement économique
    Canada pour les régions du Québec (DEC) nous verse"): the words before the bracket, from a
    capitalised word, whose initials begin the acronym or that the acronym begins
    ("Société fédérale de participations et d'investissement (SFPIM)"). The longest such
    run of at most twelve words, within the clause, is the organisation. A name translated
    from another language keeps no initials of its acronym ("versée par le Centre Projets
    Pologne numérique (CPPC)"): then the capitalised run right after an article is.

    >>> text = "et Développement économique Canada pour les régions du Québec (DEC) nous verse"
    >>> dec = Mention("ORG", "DEC", "DEC", 63, 66, "ner", "ner.ORG")
    >>> [m.value for m in long_form_mentions([dec], text)]
    ['Développement économique Canada pour les régions du Québec']
    >>> text = "une subvention versée par le Centre Projets Pologne numérique (CPPC), l'agence"
    >>> cppc = Mention("ORG", "CPPC", "CPPC", 63, 67, "ner", "ner.MISC")
    >>> [m.value for m in long_form_mentions([cppc], text)]
    ['Centre Projets Pologne numérique']
    """
    named_ends = {m.end for m in orgs}
    out = []
    starts = {m.start for m in orgs}
    unnamed = [Mention("ORG", m.group(1), m.group(1), m.start(1), m.end(1), "rule", "org.acronym")
               for m in _BRACKETED.finditer(text) if m.start(1) not in starts]   # "(PFR)" the NER did not see
    for acronym in orgs + unnamed:
        letters = acronym.text
        if not (2 <= len(letters) <= 8 and letters.isupper() and text[acronym.start - 1:acronym.start] == "("
                and text[acronym.end:acronym.end + 1] == ")"):
            continue
        end = len(text[:acronym.start - 1].rstrip())
        if end in named_ends:
            continue   # the long form is a mention already
        clause_start = max(text.rfind(c, 0, end) for c in ",;:()\n.«»") + 1
        words = list(_WORD.finditer(text, max(clause_start, end - 120), end))[-12:]
        best = None
        for i, word in enumerate(words):
            if not word.group(0)[0].isupper() or word.group(0).lower() in _ARTICLES:
                continue   # "La Bank Gospodarstwa Krajowego (BGK)" opening a sentence: the name starts at "Bank"
            cores = [re.sub(r"^[dlDL]['’]", "", w.group(0)) for w in words[i:]]
            initials = "".join(c[0] for c in cores if c and c.lower() not in _FUNCTION).upper()
            initials = unicodedata.normalize("NFKD", initials).encode("ascii", "ignore").decode()   # "économique" -> E
            if len(words) - i >= 2 and len(initials) >= 2 and (initials.startswith(letters) or letters.startswith(initials)):
                best = word.start()
                break   # the first (longest) run that fits
        if best is None and acronym in unnamed:
            continue   # an unseen acronym needs its initials: "(EN)" after a heading is no name
        best = best if best is not None else _named_after_article(text, clause_start, end)
        if best is not None:
            value = " ".join(text[best:end].split()).replace("’", "'")
            out.append(Mention("ORG", text[best:end], value, best, end, "rule", LONG_FORM_RULE, detail="long form"))
    return out


def with_long_forms(orgs: list[Mention], text: str) -> list[Mention]:
    """`orgs` with the long forms of their acronyms (`long_form_mentions`): a long form takes
    the place of the shorter names it covers ("Jihomoravské" cut by the NER from
    "Jihomoravské inovační centrum (JIC)"), never of a name that runs past it.

    >>> text = "et l'agence Jihomoravské inovační centrum (JIC) 200 millions"
    >>> cut = Mention("ORG", "Jihomoravské", "Jihomoravské", 12, 24, "ner", "ner.ORG")
    >>> jic = Mention("ORG", "JIC", "JIC", 43, 46, "ner", "ner.ORG")
    >>> [m.value for m in with_long_forms([cut, jic], text)]
    ['JIC', 'Jihomoravské inovační centrum']
    """
    out = list(orgs)
    for long in long_form_mentions(orgs, text):
        overlapping = [o for o in out if o.start < long.end and long.start < o.end]
        if all(long.start <= o.start and o.end <= long.end for o in overlapping):
            out = [o for o in out if o not in overlapping] + [long]
    return out


_ARTICLE_END = re.compile(r"(?:^|\s)(?:le|la|les|l['’]|du|des|au|aux)\s*$", re.IGNORECASE)


def _named_after_article(text: str, clause_start: int, end: int) -> int | None:
    """Start of the name of at most six words, from a capitalised word right after an article,
    that ends at `end` ("par le Centre Projets Pologne numérique" -> "Centre ..."), else None."""
    words = list(_WORD.finditer(text, max(clause_start, end - 90), end))[-6:]
    for word in words:
        if word.group(0)[0].isupper() and _ARTICLE_END.search(text, max(0, word.start() - 8), word.start()):
            return word.start() if len(words) - words.index(word) >= 2 else None
    return None
