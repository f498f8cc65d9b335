"""One name, one sense per article: an organisation recognised once is the same
organisation wherever its name is written again.

The statistical NER tags a name in one sentence and misses it in another (a title, "Qubalp
lève 60 millions de francs", where it reads no context; a sentence it opens), so the facts
of those sentences lose their investor. Each name the mentions already hold as an
organisation is looked for again, as written (case-sensitive, whole words), in the text no
other mention covers; every free occurrence becomes an ORG mention with the same value
(rule `org.echo`); a place only the NER read there, under the same name, is that
organisation too ("Nordkabel" read as a place in one sentence). Furniture lines are dropped
later with every other mention.

>>> from pipeline.mentions.gazetteer_spans import Occupancy
>>> text = "Qubalp lève 60 millions. La jeune pousse Qubalp, fondée en 2020, recrute."
>>> seen = Mention("ORG", "Qubalp", "Qubalp", 41, 47, "ner", "ner.ORG")
>>> covered = Occupancy(len(text)); covered.take(41, 47)
>>> [(m.text, m.start, m.rule) for m in echo_mentions(text, 0, [seen], covered)]
[('Qubalp', 0, 'org.echo')]
"""
from __future__ import annotations

from pipeline.mentions.gazetteer_spans import Occupancy
from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import is_place_name
from pipeline.rules.cities import city_country
from pipeline.rules.lexicon import entity_lexicon, rules_cache

ECHO_RULE = "org.echo"
MIN_LENGTH = 3
_NOT_ECHOED = ("org.descriptor",)   # "la jeune pousse" refers to a name; it is not one
_PLACE_NAMED = ("institution", "regional body", "state body")


def org_forms(orgs: list[Mention]) -> dict[str, Mention]:
    """Each written name of an organisation -> its first mention; a full name ending in a
    legal form or a generic company word is also written without it ("Gulf Nimbus
    Investments" -> "Gulf Nimbus": `generic_name_tails`)."""
    forms: dict[str, Mention] = {}
    for org in orgs:
        if _echoable(org) and org.text not in forms:
            forms[org.text] = org
    for org in orgs:
        words = org.text.split()
        if _echoable(org) and len(words) > 2 and words[-1] in _generic_tails():
            forms.setdefault(" ".join(words[:-1]), org)
    return forms


@rules_cache
def _generic_tails() -> frozenset[str]:
    return frozenset(entity_lexicon()["generic_name_tails"]["words"])


def echo_mentions(text: str, body: int, orgs: list[Mention], covered: Occupancy) -> list[Mention]:
    """ORG mentions for the free occurrences (from `body` on) of the names in `orgs`
    (longest names first; plain string search: no pattern is compiled per document)."""
    forms = org_forms(orgs)
    echoes = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form, body)
        while start != -1:
            end = start + len(form)
            if _whole_word(text, start, end) and covered.free(start, end):
                seen = forms[form]
                echoes.append(Mention("ORG", form, seen.value, start, end, "rule", ECHO_RULE, detail=seen.detail))
                covered.take(start, end)
            start = text.find(form, end)
    return sorted(echoes, key=lambda m: m.start)


def name_spans(text: str, body: int, orgs: list[Mention]) -> list[tuple[int, int]]:
    """Where the company names of `orgs` (of two words or more) are written again from `body`
    on, whole words: inside them, a place word is part of the name ("Meuse" in "Meuse
    Énergie"). A public body or an institution named after its place ("canton de Fribourg",
    "université Grenoble Alpes") keeps the place."""
    spans = []
    for form, org in org_forms(orgs).items():
        if " " not in form.strip() or org.detail in _PLACE_NAMED:
            continue
        start = text.find(form, body)
        while start != -1:
            if _whole_word(text, start, start + len(form)):
                spans.append((start, start + len(form)))
            start = text.find(form, start + len(form))
    return spans


def _whole_word(text: str, start: int, end: int) -> bool:
    """No letter, digit, '_' or '-' glued to either side (as the regex `(?<![\\w-])...(?![\\w-])`)."""
    return _free_side(text[start - 1:start] if start else "") and _free_side(text[end:end + 1])


def _free_side(char: str) -> bool:
    return not char or not (char.isalnum() or char in "_-")


def _echoable(org: Mention) -> bool:
    """A written name: long enough, with a capital, not a place or city name (a company
    named after its town keeps the town a place), not a periphrasis."""
    name = org.text
    return (len(name) >= MIN_LENGTH and any(c.isupper() for c in name) and org.rule not in _NOT_ECHOED
            and "\n" not in name and not is_place_name(name) and not city_country(name))
