"""Periphrases that refer to a company named before ("le groupe", "le géant américain",
"la jeune pousse"): an ORG mention with the company's value (rule `org.descriptor`).

The company referred to is the one named most often so far (never a public body or an
institution: a ministry, a region, a university, an academy); a periphrasis that carries a
nationality ("le groupe japonais") refers to the one company the text introduced with that
nationality ("Le groupe japonais Sakai Networks et l'opérateur ivoirien Ivoire Data Hub"),
when there is exactly one. In a digest or a live blog, it is a company of its own brief
(`pipeline.normalize.lists.story_start`); a periphrasis other than a generic one ("le
groupe", "la société") never refers to a bank or a fund ("la start-up" is no bank); "la
filiale ... du groupe X" refers to a company of its paragraph that is not the parent X.
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.mentions.actors import DATIVE_END, after_through
from pipeline.mentions.institutions import INSTITUTION_RULE
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import org_kind
from pipeline.rules.gazetteer import entries
from pipeline.mentions.local_bodies import REGIONAL_BODY_RULE
from pipeline.mentions.proposals import STATE_BODY_RULE
from pipeline.normalize.lists import story_start
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache

# bodies named by what they are (a ministry, a region, a university, an agency): no company
_PUBLIC_RULES = frozenset({INSTITUTION_RULE, STATE_BODY_RULE, REGIONAL_BODY_RULE})


def descriptor_mentions(text: str, body_start: int, orgs: list[Mention], people: list[Mention] = ()) -> list[Mention]:
    """'le géant américain' -> an ORG mention naming the nearest company before it; 'cette
    dernière' -> the organisation named last, when no person was named after it."""
    regex = _descriptor_regex()
    companies = sorted((m for m in orgs if org_kind(m.value) not in {"media", "public_body"} and not _MENU.search(m.text)
                        and m.rule not in _PUBLIC_RULES and not after_through(text, m.start)),
                       key=lambda m: m.start)   # "l'entreprise" is no academy, nor the agency a state pays through
    if regex is None or not companies:
        return []
    out = []
    for match in regex.finditer(text, body_start):
        subsidiary = _head_in(match, "subsidiary_heads")
        parent = _parent_after(text, match, orgs) if subsidiary else ""
        if subsidiary and not parent and not _apposed(text, match.start(), orgs) \
                and (unit := _presented_unit(text, match.start(), orgs)) is not None:
            out.append(Mention("ORG", match.group(0), unit.value, match.start(), match.end(),   # "La filiale y investira"
                               "rule", "org.descriptor", detail=f"refers to {unit.value}"))
            continue
        if subsidiary and (not parent or _apposed(text, match.start(), orgs)):
            continue  # "Proparco, la filiale de l'AFD,": an apposition, not a reference
        if not parent and _name_follows(text, match.end(), orgs) \
                or any(m.start < match.end() and match.start() < m.end for m in orgs):
            continue  # "le géant américain Microsoft", "La Société financière internationale": a name is there
        before = [m for m in companies if m.end <= match.start() and m.value != parent
                  and (not subsidiary or "\n" not in text[m.end:match.start()])   # a subsidiary: same paragraph
                  and (_head_in(match, "generic_heads") or not (_finance_name(m.value) or _finance_name(m.text)))]   # "la start-up" is no bank
        story = story_start(text, match.start())   # in a digest or a live blog, the brief's own company
        before = [m for m in before if m.start >= story]
        funders = _funders(text, before)
        before = [m for m in before if m.value not in funders] or before   # "Le fabricant" is not who lends to it
        if before:
            target = _of_nationality(text, match.end(), before) or _same_head(text, match, before) or _most_named(before)
            out.append(Mention("ORG", match.group(0), target.value, match.start(), match.end(),
                               "rule", "org.descriptor", detail=f"refers to {target.value}"))
    return out + _partners(text, body_start, companies, out) + _latter(text, body_start, orgs, list(people))


_MENU = re.compile(r"\n|\s{2,}|[|›>·]")   # a menu or a breadcrumb the NER read as a name: no company

_LATTER = re.compile(r"\b(?:[Cc]e dernier|[Cc]ette dernière|[Cc]elui-ci|[Cc]elle-ci)\b")


def _latter(text: str, body_start: int, orgs: list[Mention], people: list[Mention]) -> list[Mention]:
    """"Mitsuhara Denki ... sa filiale belge, Mitsuhara Power Europe. C'est cette dernière qui
    portera l'investissement": the organisation named last before it, in its paragraph, when
    no person comes between ("son directeur, Jan Novák. Ce dernier ..." is a person)."""
    out = []
    for match in _LATTER.finditer(text, body_start):
        named = [m for m in orgs + people if m.end <= match.start() and "\n" not in text[m.end:match.start()]]
        last = max(named, key=lambda m: m.end, default=None)
        if last is not None and last.label == "ORG" and match.start() - last.end < 300:
            out.append(Mention("ORG", match.group(0), last.value, match.start(), match.end(), "rule",
                               "org.descriptor", detail=f"refers to {last.value}"))
    return out


# what leads from a subsidiary head to its parent's name: " portugaise du groupe néerlandais "
_TO_PARENT = re.compile(r"(?:\s+[a-zà-ÿ-]+)?\s+(?:du|des|de\s+la|de\s+l['’]|de|d['’])\s*(?:[a-zà-ÿ'’-]+\s+){0,2}$")


def _head_in(match: re.Match, heads: str) -> bool:
    """Whether the periphrasis's head is one of `org_descriptors[heads]`."""
    return match.group(0).split()[-1].lower() in entity_lexicon()["org_descriptors"].get(heads, [])


def _finance_name(name: str) -> bool:
    return bool(set(name.split()) & set(entity_lexicon()["org_descriptors"].get("finance_words", [])))


def _funders(text: str, companies: list[Mention]) -> set[str]:
    """The companies that give aid or a loan to another one named after them in their
    sentence ("Enterprise Ireland a annoncé une aide de 6,5 millions à Claddagh
    Microsystems") or to a pronoun ("Bpifrance lui accorde un prêt"): funders, not the
    company a periphrasis names.

    >>> text = "Enterprise Ireland a annoncé une aide de 6 millions à Claddagh Microsystems."
    >>> ei, cm = Mention("ORG", "", "Enterprise Ireland", 0, 18, "ner", ""), Mention("ORG", "", "Claddagh", 53, 74, "ner", "")
    >>> _funders(text, [ei, cm])
    {'Enterprise Ireland'}
    """
    words = set(entity_lexicon()["org_descriptors"].get("funding_words", []))
    out = set()
    for giver, taker in zip(companies, companies[1:]):
        between = text[giver.end:taker.start]
        if taker.value != giver.value and DATIVE_END.search(between) and not _SENTENCE_END.search(between) \
                and words & set(re.findall(r"[\w’'-]+", between.lower())):
            out.add(giver.value)
    out |= {m.value for m in companies if _GIVES_TO_PRONOUN.match(text, m.end)}   # "Bpifrance lui accorde un prêt"
    return out


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_GIVES_TO_PRONOUN = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?,?\s*(?:lui|leur)\s+(?:a\s+|ont\s+|aussi\s+|également\s+)?"
                               r"(?:accord|prêt|vers|apport|octroi|consent|avanc|attribu)\w*")


def _apposed(text: str, start: int, orgs: list[Mention]) -> bool:
    """A name right before, then a comma: the periphrasis is its apposition."""
    return any(re.fullmatch(r",\s*", text[m.end:start]) for m in orgs if 0 <= start - m.end <= 3)


_UNIT_APPOSITION = re.compile(r"\s*,\s*(?:la\s+|une\s+|sa\s+)?filiale\b", re.IGNORECASE)


def _presented_unit(text: str, start: int, orgs: list[Mention]) -> Mention | None:
    """The organisation its paragraph presents as a subsidiary before `start` ("Maasdata
    Belgium, filiale du groupe néerlandais Maasdata, va construire ... La filiale y
    investira"), the latest one; None if none."""
    paragraph = text.rfind("\n", 0, start) + 1
    units = [m for m in orgs if paragraph <= m.start and m.end <= start and _UNIT_APPOSITION.match(text, m.end)]
    return units[-1] if units else None


def _parent_after(text: str, match: re.Match, orgs: list[Mention]) -> str:
    """The parent named in a subsidiary head's complement ("La filiale portugaise du groupe
    néerlandais Drenthe Cloud Holdings" -> Drenthe Cloud Holdings), '' if none."""
    after = [m for m in orgs if 0 < m.start - match.end() <= 60]
    first = min(after, key=lambda m: m.start, default=None)
    return first.value if first and _TO_PARENT.fullmatch(text, match.end(), first.start) else ""


_PARTNER = re.compile(r"\b(?:son|sa|leur|l['’]autre)\s+(?:partenaire|associée?)\b", re.IGNORECASE)


def _partners(text: str, body_start: int, companies: list[Mention], described: list[Mention]) -> list[Mention]:
    """"Le groupe japonais apportera 720 millions et son partenaire 480 millions": the
    partner is the other of the two companies named most, not the one just named before it."""
    out = []
    for match in _PARTNER.finditer(text, body_start):
        named = sorted((m for m in companies + described if m.end <= match.start()), key=lambda m: m.start)
        if not named:
            continue
        counts = Counter(m.value for m in companies if m.end <= match.start())
        others = [value for value, _ in counts.most_common(2) if value != named[-1].value]
        if len(counts) >= 2 and others and counts[others[0]] >= 2:   # a partner the text has been about
            out.append(Mention("ORG", match.group(0), others[0], match.start(), match.end(),
                               "rule", "org.descriptor", detail=f"refers to {others[0]}"))
    return out


_WORD = re.compile(r"\s+([a-zà-ÿ-]+)")


def _of_nationality(text: str, end: int, before: list[Mention]) -> Mention | None:
    """The one company named before with the nationality word that follows the periphrasis
    ("le groupe japonais" -> the company introduced as "le groupe japonais Sakai Networks" or
    "le japonais Sakai Networks"), None when the periphrasis has none or several fit."""
    word = _WORD.match(text, end)
    if word is None or word.group(1) not in _nationalities():
        return None
    found = {m.value: m for m in before if re.search(rf"\b{re.escape(word.group(1))}\s+(?:[A-Z]|$)",
                                                    text[max(0, m.start - 40):m.start + 1])}
    return next(iter(found.values())) if len(found) == 1 else None


@rules_cache
def _nationalities() -> frozenset[str]:
    return frozenset(a for e in entries().values() if e["kind"] in {"country", "site"}
                     for a in e.get("adjectives", []) if a.islower())


def _same_head(text: str, match: re.Match, before: list[Mention]) -> Mention | None:
    """The one company introduced before with the periphrasis's head noun ("La maison mère" or
    "Le groupe" -> the company introduced as "le groupe japonais Mitsuhara Denki", not its
    subsidiary named since), None when none or several fit."""
    head = "groupe" if _head_in(match, "parent_heads") else match.group(0).split()[-1].lower()
    found = {m.value: m for m in before if re.search(rf"\b{re.escape(head)}(?:\s+[a-zà-ÿ'’-]+){{0,2}}\s+$",
                                                    text[max(0, m.start - 40):m.start], re.IGNORECASE)}
    return next(iter(found.values())) if len(found) == 1 else None


def _most_named(before: list[Mention]) -> Mention:
    """The company named most often so far (the one the text is about); ties: the latest."""
    counts = Counter(m.value for m in before)
    best = max(counts.values())
    return next(m for m in reversed(before) if counts[m.value] == best)


def _name_follows(text: str, offset: int, orgs: list[Mention]) -> bool:
    """An organisation named later in the same noun phrase (no punctuation in between), as a
    mention or as a name written before ("La start-up de Tallinn Virmalised AI", the name of
    the heading "ESTONIE — Virmalised AI lève")."""
    starts = [org.start for org in orgs] + [text.find(value, offset, offset + 90 + len(value))
                                            for value in {org.value for org in orgs}]
    return any(0 <= start - offset <= 90 and not re.search(r"[,.;:()]", text[offset:start]) for start in starts)


@rules_cache
def _descriptor_regex() -> re.Pattern | None:
    heads = entity_lexicon().get("org_descriptors", {}).get("heads", [])
    if not heads:
        return None
    heads_rx = literal_alternation(heads)
    return re.compile(rf"\b(?:le|la|l['’]|ce|cette)\s*(?:{heads_rx})\b", re.IGNORECASE)
