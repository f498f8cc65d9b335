"""PERSON mentions: canonical full names, surname-only links, and roles from the text.

A later "M. Smith" or "Smith" links to "Brad Smith" named earlier (or later) in the same
document, else to the gazetteer (`models/people.json`: "Obama" -> "Barack Obama"). The
role comes from an apposition ("Brad Smith, président de Microsoft") or a title in front
("le chancelier allemand Olaf Scholz").

>>> role_after(", président de Microsoft, a dit")
'président de Microsoft'
>>> role_before("auprès du président du gouvernement espagnol, ")
'président du gouvernement espagnol'
"""
from __future__ import annotations

import re

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.tokens import Span

from pipeline.rules.cities import city_country
from pipeline.rules.gazetteer import entries, entry
from pipeline.rules.lexicon import entity_lexicon, rules_cache, word_set
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import is_place_name

_WORD = r"[\w’'\-]+"
_COMPLEMENT = (rf"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|à\s+la\s+tête\s+de)\s*{_WORD}"
               rf"(?:\s+(?!et\b|qui\b|a\b|est\b){_WORD}){{0,3}})?")


@rules_cache
def _role_regexes() -> tuple[re.Pattern, re.Pattern]:
    heads = sorted(entity_lexicon().get("roles", {}).get("heads", []), key=len, reverse=True)
    heads_rx = "|".join(re.escape(h).replace("\\ ", r"\s+").replace("['’]", "['’]") for h in heads)
    adjective = r"(?:\s+(?!de\b|du\b|des\b)[a-zàâçéèêëîïôûùüÿœ\-]{4,})?"
    after = re.compile(rf"^\s*,\s*(?:l['’]|le\s+|la\s+|un\s+|une\s+|ex-|ancien\s+|ancienne\s+)?"
                       rf"(?P<role>(?:{heads_rx})\b{adjective}{_COMPLEMENT})", re.IGNORECASE)
    before = re.compile(rf"(?:^|[\s,(])(?P<role>(?:{heads_rx})\b{adjective}{_COMPLEMENT}"
                        rf"{adjective})\s*,?\s*$", re.IGNORECASE)
    return after, before


def role_after(following: str) -> str:
    """A role in apposition right after a name (`following` starts after the name)."""
    match = _role_regexes()[0].match(following[:120])
    return _clean_role(match.group("role")) if match else ""


def role_before(preceding: str) -> str:
    """A role or title right before a name (`preceding` ends where the name starts)."""
    window = re.split(r"[.;:!?«»\"]", preceding[-120:])[-1]
    match = _role_regexes()[1].search(window)
    return _clean_role(match.group("role")) if match else ""


def _clean_role(role: str) -> str:
    return " ".join(role.split()).strip(" ,")


def clean_name(text: str) -> str:
    """A person's name as written, without titles, with capitals restored.

    >>> clean_name("M. Smith"), clean_name("brad smith")
    ('Smith', 'Brad Smith')
    """
    titles = entity_lexicon().get("person_titles", [])
    name = " ".join(text.replace("\n", " ").split()).strip(" ,;:.’'")
    for title in titles:
        if name.startswith(title + " "):
            name = name[len(title) + 1:]
    if name.islower():
        name = " ".join(w.capitalize() for w in name.split())
    return name


def looks_like_name(name: str) -> bool:
    """Capitalised words (particles allowed), not a heading word, not a known place/org."""
    particles = set(entity_lexicon().get("person_particles", []))
    words = name.split()
    if not words or name.lower() in word_set("not_entities"):
        return False
    if any(not (w[0].isupper() or w.lower() in particles) for w in words):
        return False
    after_de = word_set("person_particles_after_de")
    if any(w in after_de and (i == 0 or words[i - 1] != "de") for i, w in enumerate(words)):
        return False   # "Móra la Nova" is a place; "Jean de la Fontaine" a person
    known = _other_names()
    return name not in known


@rules_cache
def _other_names() -> frozenset[str]:
    names = set()
    for item in entries().values():
        if item["kind"] in {"site", "org", "country", "region"}:
            for key in ("name", "names", "aliases"):
                value = item.get(key)
                names.update([value] if isinstance(value, str) else value or [])
    return frozenset(names)


@rules_cache
def _alias_index() -> dict[str, str]:
    index = {}
    for item in entries().values():
        if item["kind"] == "person":
            for alias in [item["name"], *item.get("aliases", [])]:
                index[alias] = item["name"]
    return index


_FIRST_NAME_BEFORE = re.compile(r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\s+$")


def someone_else(mention: Mention, text: str) -> bool:
    """A known person's family name alone, right after another first name: another person
    ("le ministre Óscar Ribera" is not Teresa Ribera).

    >>> other = Mention("PERSON", "Ribera", "Ribera", 18, 24, "rule", "person.teresa_ribera")
    >>> same = Mention("PERSON", "Ribera", "Ribera", 12, 18, "rule", "person.teresa_ribera")
    >>> someone_else(other, "le ministre Óscar Ribera"), someone_else(same, "la ministre Ribera")
    (True, False)
    """
    gaz = entry(mention.rule) if mention.method == "rule" else None
    before = _FIRST_NAME_BEFORE.search(text, max(0, mention.start - 25), mention.start)
    return bool(gaz and before and " " not in mention.text.strip()
                and before.group(1) not in gaz["name"].split() and before.group(1).lower() not in _NOT_FIRST_NAMES)


_NOT_FIRST_NAMES = {"le", "la", "les", "madame", "monsieur", "mme", "m", "ministre", "président", "présidente"}


def canonical_people(candidates: list[Mention]) -> list[Mention]:
    """Give each PERSON candidate its canonical full name; drop what is not a name."""
    kept = []
    for mention in candidates:
        name = clean_name(mention.text)
        gaz = entry(mention.rule) if mention.method == "rule" else None
        if gaz is None and not looks_like_name(name):
            continue
        mention.value = gaz["name"] if gaz else name
        kept.append(mention)
    full_names = {m.value for m in kept if len(m.value.split()) > 1}
    linked = []
    for mention in kept:
        longer = [n for n in full_names if n.endswith(" " + mention.value)]
        if len(mention.value.split()) > 1 and len(longer) == 1:
            mention.value = longer[0]   # "M. Van Acker" -> "Pieter Van Acker"
        if len(mention.value.split()) == 1:
            mention.value = _link_surname(mention.value, full_names)
            if len(mention.value.split()) == 1 and not _has_title(mention.text):
                continue  # a lone word never linked to a full name is rarely a person
        linked.append(mention)
    return linked


def _has_title(text: str) -> bool:
    return any(text.startswith(t + " ") for t in entity_lexicon().get("person_titles", []))


def _link_surname(surname: str, full_names: set[str]) -> str:
    matches = sorted(n for n in full_names if n.split()[-1] == surname)
    if not matches:   # family name first: "Choi Soo-yeon" ... "Mme Choi"
        matches = sorted(n for n in full_names if n.split()[0] == surname)
    if len(matches) == 1:
        return matches[0]
    return _alias_index().get(surname, surname)


def attach_roles(people: list[Mention], text: str) -> None:
    """Fill `role` from the text around each mention, then share it across one person's mentions."""
    for mention in people:
        mention.role = (role_after(text[mention.end:mention.end + 120])
                        or role_before(text[max(0, mention.start - 120):mention.start]))
    roles: dict[str, str] = {}
    for mention in people:
        if mention.role:
            roles.setdefault(mention.value, mention.role)
    for mention in people:
        mention.role = mention.role or roles.get(mention.value, "")


def person_roles(mention: Mention) -> list[str]:
    """A PERSON mention's roles: the one the text gives first, then the gazetteer's
    ("cofondateur et PDG de Nvidia" for Jensen Huang)."""
    gaz = entry(mention.rule) if mention.method == "rule" else None
    return [r for r in [mention.role, *((gaz or {}).get("roles") or [])] if r]


def coordinated_people(ner: list, text: str) -> list:
    """A MISC name, or a LOC no gazetteer knows, that reads as a person: coordinated with one
    ('par Tom Okman et Eimantas Sabaliauskas', 'par Magdalena Sroka et Piotr Kalinowski'),
    after a role ('Le vice-président Kashim Shettima') or followed by one in apposition ('Per
    Narvinger, responsable de la division réseaux'); an ORG name after a role and a comma ('a
    précisé le ministre de l'Économie, Marek Hudák'). Two or three capitalised words only."""
    people_ends = {e.end_char for e in ner if e.label_ == "PER"}
    people_starts = {e.start_char for e in ner if e.label_ == "PER"}
    found = []
    for span in ner:
        words = span.text.split()
        if span.label_ == "ORG":   # "a précisé le ministre de l'Économie, Marek Hudák" (ORG): a titled name
            if 2 <= len(words) <= 3 and looks_like_name(span.text) and re.search(r",\s*$", text[max(0, span.start_char - 3):span.start_char]) \
                    and role_before(text[max(0, span.start_char - 120):span.start_char]):
                found.append(span)
            continue
        if span.label_ not in {"MISC", "LOC"} or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) \
                or span.label_ == "LOC" and (is_place_name(span.text) or city_country(span.text)):
            continue
        joint = re.search(r"(?:\s+et\s+|\s*,\s*)$", text[max(0, span.start_char - 6):span.start_char])
        joint_after = re.match(r"\s+et\s+", text[span.end_char:span.end_char + 6])
        if (joint and span.start_char - len(joint.group(0)) in people_ends
                or joint_after and span.end_char + len(joint_after.group(0)) in people_starts   # "par Magdalena Sroka et Piotr Kalinowski"
                or _TITLE_BEFORE.search(text, max(0, span.start_char - 40), span.start_char)   # "Le vice-président Kashim Shettima"
                or role_after(text[span.end_char:span.end_char + 120])):
            found.append(span)
    return found


_TITLE_BEFORE = re.compile(r"\b(?:le|la|du|de\s+la|au)\s+(?:vice-)?(?:président|présidente|ministre|premier\s+ministre|"
                           r"directeur|directrice|patron|patronne|PDG|fondateur|fondatrice|cofondateur|cofondatrice)"
                           r"(?:\s+[a-zà-ÿ-]+){0,2}\s+$", re.IGNORECASE)


def widen_people(doc, entities: list) -> list:
    """PER spans the NER cut inside a person's name take the capitalised words right next to
    them ("Lucía" MISC + "Otero Barreiro" PER, "Giedrė" PER + " Paulauskaitė", "Mette" +
    "Kjærgaard" PER), within the line, up to four words; an entity a widened span covers
    goes away."""
    out, covered = [], set()
    named = {i for e in entities if e.label_ in {"ORG", "LOC"} for i in range(e.start, e.end)}   # "à Reuters Marcus Bell"
    for ent in entities:
        if ent.label_ != "PER":
            continue
        start, end = ent.start, ent.end
        while start > 0 and end - start < 4 and _name_token(doc[start - 1]) and start - 1 not in named \
                and not (start > 1 and doc[start - 2].text.endswith(("'", "’"))):   # "secrétaire d'État X"
            start -= 1
        while end < len(doc) and end - start < 4 and _name_token(doc[end]) and end not in named:
            end += 1
        if (start, end) != (ent.start, ent.end):
            covered.update(range(start, end))
            out.append((ent, Span(doc, start, end, label="PER")))
    widened = {id(old): new for old, new in out}
    return [widened.get(id(e), e) for e in entities
            if id(e) in widened or not any(i in covered for i in range(e.start, e.end))]


def _name_token(token) -> bool:
    """A capitalised word of letters that may belong to a name: not a function word, not a
    title, not across a line or a punctuation mark."""
    word = token.text
    return (word[:1].isupper() and word.replace("-", "").isalpha() and word.lower() not in STOP_WORDS
            and word.lower() not in word_set("person_titles") and not word.isupper())
