"""Organisation names the statistical NER did not see, proposed from the words around them.

Three frames a reader uses to know that a capitalised word is an organisation, even a
name never met before:

- a state body: "le ministère polonais des Affaires numériques" is the organisation
  "ministère des Affaires numériques" (the nationality is not part of its name; the NER
  tags only "Affaires numériques", or nothing);
- the actor frame (`pipeline.mentions.actors`): "le coréen Naver", "le groupe internet
  sud-coréen Naver", "..., Naver va investir", and a name right after an organisation noun
  ("l'agence ANP", "les opérateurs locaux comme Atman");
- coordination with an organisation: "auprès de Bosch, SAP et du groupe Schwarz",
  "des opérateurs Atman ou Beyond.pl", "Lidl et Kaufland": the other members of a list
  one of whose members is an organisation are organisations too.

Only characters no other mention (gazetteer or NER, any label) covers are proposed, and
never a known place, a heading word or a word that opens its sentence without a frame.
The word lists are data (`models/entities.json`: `state_body_heads`,
`state_body_adjective_endings`, `not_entities`).

>>> [(m.text, m.value) for m in state_body_mentions("Le ministère polonais des Affaires numériques va", 0)]
[('ministère polonais des Affaires numériques', 'ministère des Affaires numériques')]
>>> [m.value for m in state_body_mentions("au ministère de l'Innovation et de la Croissance.", 0)]
["ministère de l'Innovation et de la Croissance"]
"""
from __future__ import annotations

import re

from spacy.lang.fr.stop_words import STOP_WORDS

from pipeline.mentions.actors import (after_actor_head, after_org_noun, after_role_of, after_through,
                                      before_gapped_share, before_org_apposition, follows_actor_verb, follows_payer_verb)
from pipeline.mentions.gazetteer_spans import Occupancy
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import is_place_name, org_name_tail
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set

STATE_BODY_RULE = "org.state_body"
ACTOR_RULE = "org.actor_frame"
COORDINATED_RULE = "org.coordinated"

_UPPER = re.escape("".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper()))   # A-Z, À-Ý, Č...
# one capitalised word of a name: "Naver", "Beyond.pl", "ČEZ", "O2", "AT&T" (a final full stop is not part of it)
NAME_WORD = rf"[{_UPPER}](?:[\w&-]|['’](?=[{_UPPER}]|s\b)|\.(?=\w))*"   # "L'Oréal", "Moody's", not "L'éditeur"
_NAME = re.compile(rf"(?<![\w.&'’-]){NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}")


@rules_cache
def _state_body_regex() -> re.Pattern:
    heads = literal_alternation(word_set("state_body_heads"))
    endings = literal_alternation(word_set("state_body_adjective_endings"))
    adjective = rf"[a-zà-ÿ]+(?:{endings})\b"                  # "numériques", "étrangères", "sociale"
    bare = rf"[{_UPPER}][a-zà-ÿ-]+[sx]\b(?:\s+{adjective}){{0,2}}"   # a plural noun after "et": "Télécommunications"
    complement = rf"\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+)(?:{literal_alternation(word_set('state_body_complements'))})\b"
    part = (rf"(?:(?:de|pour)\s+la\s+|(?:de|pour)\s+l['’]|des\s+|du\s+|pour\s+le\s+|d['’])[{_UPPER}][\w-]+"
            rf"(?:\s+(?:et\s+)?{adjective}){{0,2}}(?:{complement})?")   # "industrielle et numérique", "de l'administration"
    return re.compile(rf"""
        \b(?P<head>(?i:{heads}))                                # ministère, Ministère
        (?P<qualifier>(?:\s+[a-zà-ÿ-]+){{0,2}}?)                 # "polonais", "fédéral allemand"
        \s+(?P<name>{part}(?:(?:\s*,\s*|\s+et\s+){part}|\s+et\s+{bare})*)   # "de X et de Y", "des Postes et Télécommunications"
        """, re.VERBOSE)


@rules_cache
def nationalities() -> frozenset[str]:
    """Lowercase nationality adjectives of the gazetteer's countries and sites."""
    from pipeline.rules.gazetteer import entries

    return frozenset(a.lower() for e in entries().values() if e["kind"] in {"country", "site"}
                     for a in e.get("adjectives", []))


def state_body_mentions(text: str, body_start: int) -> list[Mention]:
    """ORG mentions of named state bodies, their value without the nationality adjective
    ("ministère polonais des Affaires numériques" -> "ministère des Affaires numériques",
    "ministère fédéral de l'Économie" keeps "fédéral")."""
    out = []
    for match in _state_body_regex().finditer(text, body_start):
        head, name = match.group("head"), match.group("name")
        kept = [w for w in match.group("qualifier").split() if w.lower() not in nationalities()]   # "fédéral"
        value = " ".join([head.lower(), *kept, *name.split()]).replace("’", "'")
        out.append(Mention("ORG", match.group(0), value, match.start(), match.end(), "rule",
                           STATE_BODY_RULE, detail="state body"))
    return out


def longest_bodies(bodies: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """The state bodies no known organisation overlaps, or that hold one whole and are longer
    (Québec's "ministère de l'Économie, de l'Innovation et de l'Énergie" over Bercy's
    "ministère de l'Économie")."""
    return [b for b in bodies if all(o.end <= b.start or b.end <= o.start
                                     or b.start <= o.start and o.end <= b.end and o.end - o.start < b.end - b.start
                                     for o in orgs)]


def _is_candidate_name(name: str) -> bool:
    """Not a single letter, a French function word ("Le", "Elle": spaCy's stop words), a
    heading word, a known place or a title."""
    lowered = name.lower()
    return not (len(name) < 2 or lowered in STOP_WORDS or lowered in word_set("not_entities")
                or is_place_name(name) or lowered in word_set("person_titles"))


@rules_cache
def _project_verb() -> re.Pattern:
    """A verb whose subject runs a facility project, right after a name ("Ria Sensores double sa
    capacité", "Iberfoton agrandit son usine"): `project_verbs` of `models/entities.json`."""
    return re.compile(rf"\s+(?:s['’]\s*)?(?:{literal_alternation(word_set('project_verbs'))})\b")


def opens_a_project(text: str, start: int, end: int) -> bool:
    """`text[start:end]` opens its line or sentence, is a name of several capitalised words on
    one line, and a verb of a facility project follows it ("Ria Sensores double sa capacité")."""
    words = text[start:end].split()
    return (len(words) > 1 and "\n" not in text[start:end] and all(w[:1].isupper() for w in words)
            and words[0].lower() not in STOP_WORDS and ("\n" in text[max(0, start - 3):start]
                                                         or text[max(0, start - 3):start].strip()[-1:] in {"", ".", ":", "»"})
            and bool(_project_verb().match(text, end)))


def unseen_names(text: str, body: int, orgs: list[Mention], ner: list, taken: Occupancy,
                 starts: set[int]) -> list[Mention]:
    """Names no mention covers that the actor frame or a list with an organisation makes
    organisations."""
    covered = Occupancy(len(text))
    covered.chars[:] = taken.chars
    for span in ner:
        covered.take(span.start_char, span.end_char)
    actors = actor_mentions(text, body, covered.free, starts)
    for mention in actors:
        covered.take(mention.start, mention.end)
    return actors + coordinated_mentions(text, orgs + actors, covered.free)


def actor_mentions(text: str, body_start: int, free, sentence_starts: set[int]) -> list[Mention]:
    """Uncovered names in the actor frame: after a company noun phrase ("le coréen Naver"),
    or right before an investment or payer verb, inside a sentence ("..., Naver va
    investir") or opening it with a name of several words ("Meseta Infra apporte 12
    millions"; one capitalised word there may be any word: "Ensuite va investir"); a name of
    several words before a verb of a facility project ("Ria Sensores double sa capacité")."""
    out = []
    for match in _NAME.finditer(text, body_start):
        start, end = match.span()
        name = match.group(0)
        if not free(start, end) or not _is_candidate_name(name):
            continue
        opens = start in sentence_starts or text[max(0, start - 2):start].strip() in {"", ".", ":", "»"}
        verb = (follows_actor_verb(text, end) or follows_payer_verb(text, end)) and not (
            opens and (" " not in name or name.split()[0].lower() in STOP_WORDS) and not before_org_apposition(text, end)) \
            or opens and opens_a_project(text, start, end)
        if after_actor_head(text, start) or after_org_noun(text, start) or after_role_of(text, start) or verb \
                or after_through(text, start) or before_gapped_share(text, start, end)   \
                or org_name_tail(name) and not opens and "\n" not in name:   # "16h40 – Elbtal Chips boucle"
            out.append(Mention("ORG", name, name, start, end, "rule", ACTOR_RULE,
                               detail="actor frame"))
    return out


@rules_cache
def _joint() -> re.Pattern:
    """What joins two members of a list: ", ", " et ", " ou ", maybe a determiner and an
    organisation noun ("et du groupe ") from `org_nouns_before_names`."""
    nouns = literal_alternation(word_set("org_nouns_before_names"))
    return re.compile(rf"\s*(?:,|\bet|\bou)\s+(?:(?:du|de\s+la|de\s+l['’]|des|de|d['’]|le|la|l['’]|les)\s*)?"
                      rf"(?:(?:{nouns})\s+)?")


def coordinated_mentions(text: str, orgs: list[Mention], free) -> list[Mention]:
    """Uncovered capitalised names listed with an organisation ("Bosch, SAP et du groupe
    Schwarz"; "Atman ou Beyond.pl"), left and right of it, within its sentence."""
    unique: dict[tuple[int, int], Mention] = {}
    for org in orgs:
        for start, end in list_members(text, org.start, org.end):
            if (start, end) not in unique and free(start, end) and _is_candidate_name(text[start:end]):
                unique[start, end] = Mention("ORG", text[start:end], text[start:end], start, end, "rule",
                                             COORDINATED_RULE, detail=f"listed with {org.value}")
    return [unique[k] for k in sorted(unique)]


def listed_with_orgs(text: str, ner: list, gazetteer_orgs: list[Mention], already: list) -> list:
    """Statistical NER names of another type (a one-word PER, a MISC, a LOC that is no known
    place) listed with an organisation: "auprès de Bosch (PER), SAP et du groupe Schwarz"."""
    anchors = [(m.start, m.end) for m in gazetteer_orgs] + [(e.start_char, e.end_char) for e in ner if e.label_ == "ORG"]
    spans = {(e.start_char, e.end_char): e for e in ner if e not in already and _retypable(e)}
    found = []
    for start, end in anchors:
        for member in list_members(text, start, end):
            if member in spans and spans[member] not in found:
                found.append(spans[member])
    return found


_LOCATIVE_BEFORE = re.compile(r"\b(?:à|au|aux|en|dans|près\s+de|basée?s?\s+à)\s+$", re.IGNORECASE)


def _retypable(span) -> bool:
    words = span.text.split()
    return (span.label_ == "MISC" or span.label_ == "PER" and len(words) == 1
            or span.label_ == "LOC" and not is_place_name(span.text) and not _located(span)) and _is_candidate_name(span.text)


def _located(span) -> bool:
    """A name after a locative ("basé à Kielce, X") is a place, not a listed organisation."""
    text = span.doc._.text or span.doc.text
    return bool(_LOCATIVE_BEFORE.search(text, max(0, span.start_char - 12), span.start_char))


def list_members(text: str, start: int, end: int, most: int = 4) -> list[tuple[int, int]]:
    """Spans of the capitalised names listed with the name at `text[start:end]`: up to `most`
    after it, then up to `most` before it ("Bosch, SAP et du groupe Schwarz" around SAP)."""
    out = []
    for step, cursor in ((_next_member, end), (_previous_member, start)):
        for _ in range(most):
            member = step(text, cursor)
            if member is None:
                break
            out.append(member)
            cursor = member[1] if step is _next_member else member[0]
    return out


def _next_member(text: str, offset: int) -> tuple[int, int] | None:
    joint = _joint().match(text, offset)
    if not joint:
        return None
    name = _NAME.match(text, joint.end())
    return name.span() if name else None


def _previous_member(text: str, offset: int) -> tuple[int, int] | None:
    window = text[max(0, offset - 60):offset]
    for name in reversed(list(_NAME.finditer(window))):
        joint = _joint().fullmatch(window, name.end())
        if joint:
            base = offset - len(window)
            return base + name.start(), base + name.end()
    return None


__all__ = ["actor_mentions", "coordinated_mentions", "listed_with_orgs", "longest_bodies", "state_body_mentions"]
