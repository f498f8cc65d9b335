"""ORG mentions: canonical names through the alias table, acronyms, and descriptors.

- Gazetteer aliases and periphrases (`models/orgs.json`): "AWS" -> "Amazon Web Services",
  "la firme de Redmond" -> "Microsoft".
- One organisation, one name per document: its fullest form the document writes, among
  the gazetteer forms that extend its name ("Telia Company" over "Telia"; "Apollo" when
  only "Apollo" is written of "Apollo Global Management").
- A long form with its acronym in brackets is one organisation: `pipeline.mentions.acronyms`.
- A descriptor ("le géant américain", "la multinationale") refers to the company the text
  is about: the nearest company named before it.
- The statistical NER's MISC spans become ORG only when they look like names (acronym,
  inner capital: "AESIA", "OpenAI"); headings and plan names are dropped.

>>> looks_like_org_name("OpenAI"), looks_like_org_name("Conclusion"), looks_like_org_name("AESIA")
(True, False, True)
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.fr.stop_words import STOP_WORDS

from pipeline.rules.gazetteer import entry
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set
from pipeline.mentions.units import unit_name_end
from pipeline.mentions.mention import Mention

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$")
_ARTICLE = re.compile(r"^(?:l['’]|le |la |les )")
_ANY_CASE_ARTICLE = re.compile(r"^(?:[Ll]['’]|[Ll]es? |[Ll]a )")


def looks_like_org_name(text: str) -> bool:
    """A single token that can only be a name: an acronym or a word with an inner capital."""
    text = text.strip()
    if text.lower() in word_set("not_entities"):
        return False
    return bool(_ACRONYM.match(text) or _INNER_CAPITAL.match(text))


def is_common_phrase(text: str) -> bool:
    """A determiner and common nouns, no name: "La start-up", "le groupe"."""
    rest = _ANY_CASE_ARTICLE.sub("", text.strip())
    return rest != text.strip() and bool(rest) and rest.islower()   # "eir", "atNorth" are names


def keep_ner_org(text: str, ner_label: str, opens_sentence: bool = False) -> bool:
    """Whether a statistical NER span (ORG, MISC, or an acronym tagged LOC) is an organisation."""
    if "\n" in text or not text.strip():
        return False
    first = text.split()[0]
    if first in _canonical_names() and unit_name_end(text, len(first)) == len(text):
        return True   # a known company's unit: "Orange Romania", "Swisscom Ventures"
    if opens_sentence and len(text.split()) == 1 and text.istitle():
        return False  # "Filiale", "Télécoms": a capitalised word opening a heading
    if text.isupper() and is_place_name(text):
        return False  # a dateline: "BERLIN (Reuters) -"
    words = text.split()
    first = _ARTICLE.sub("", text).split()[0].lower() if _ARTICLE.sub("", text).split() else ""
    if text.lower() in word_set("not_entities") or first in word_set("not_org_heads"):
        return False
    if len(words) > 1 and words[-1].lower() in word_set("not_org_tails"):
        return False
    if text in entity_lexicon().get("collective_orgs", []) or text.islower():
        return False
    if any(ch.isdigit() for ch in text):
        return False   # products and versions: "GPT-4 Vision", "DALL-E 3"
    if ner_label == "ORG":
        return len(words) > 1 or looks_like_org_name(text) or text[0].isupper()
    return len(words) == 1 and looks_like_org_name(text)


def strip_leading_lowercase(text: str) -> tuple[int, str]:
    """'russe Yandex' -> (6, 'Yandex'): lowercase words glued before a name by the NER."""
    words = text.split(" ")
    cut = 0
    while len(words) > 1 and words[0][:1].islower():
        cut += len(words[0]) + 1
        words = words[1:]
    return cut, " ".join(words)


@lru_cache(maxsize=None)
def _place_names() -> frozenset[str]:
    from pipeline.rules.gazetteer import entries

    names = set()
    for item in entries().values():
        if item["kind"] in {"site", "country", "region"}:
            for key in ("name", "names", "aliases", "code"):
                value = item.get(key)
                names.update(v.upper() for v in ([value] if isinstance(value, str) else value or []))
    return frozenset(names)


def is_place_name(text: str) -> bool:
    """Whether an upper-case word is a known place or country code ('PARIS', 'US')."""
    return text.upper() in _place_names()


_MASTHEAD = re.compile(r"^(?:La|Le|Les|L['’])\s|[·|]| & ")


@rules_cache
def company_words() -> frozenset[str]:
    """The company words that end names (`org_name_tails`, case-sensitive: 'Calcul', 'Chips')."""
    return frozenset(entity_lexicon()["org_name_tails"]["words"])


def tail_follows(text: str, end: int) -> bool:
    """A company word right after `end` ends a name the NER cut before it ("Axarquía" LOC +
    " Chips"): with it, the name is an organisation's (`extend_by_tail` takes the word)."""
    tail = _NEXT_WORD.match(text, end)
    return bool(tail) and tail.group(1) in company_words()


def org_name_tail(name: str) -> bool:
    """A multi-word name ending in an organisation word ('Burda Principal Investments') or
    in a known company's one-word name ('Magyar Telekom', 'Polnet Telekom'); not a masthead
    ('La Lettre Infra & Cloud', 'Veridis Cloud · Partager')."""
    words = name.split()
    return len(words) > 1 and words[-1][:1].isupper() and not _MASTHEAD.search(name) and (
        words[-1].lower() in word_set("org_name_tails") or is_company_word(words[-1]))


def glued_sentences(name: str) -> bool:
    """A capitalised function word after the first word ("B. Depuis" from "série B. Depuis,"):
    the end of one sentence and the start of the next, no name."""
    return any(w[:1].isupper() and w.lower() in STOP_WORDS for w in name.split()[1:])


def is_company_word(word: str) -> bool:
    """A one-word name or alias of a known company ('Telekom', 'Orange')."""
    return word in _canonical_names() and org_kind(word) not in {"public_body", "media"}


def is_institution(text: str) -> bool:
    """A place-like name that starts with an institution noun ("Centre cryptologique national")."""
    words = _ARTICLE.sub("", text).split()
    return len(words) > 1 and words[0].lower() in word_set("org_heads")


def canonical_org(mention: Mention) -> str:
    """The canonical name of an ORG mention (gazetteer name, else the text without article)."""
    gaz = entry(mention.rule) if mention.method == "rule" else None
    if gaz:
        return gaz["name"]
    if mention.method == "rule" and mention.value:
        return mention.value   # a name a rule proposed, already in its canonical form
    return " ".join(_ARTICLE.sub("", mention.text).split())


def fullest_forms(orgs: list[Mention]) -> None:
    """Give every gazetteer ORG mention of a document the fullest form of its entry that the
    document writes: a capitalised name or alias sharing the entry name's first word
    ("Telia Company" for "Telia"); other aliases (acronyms, former names) keep the name."""
    found: dict[str, set[str]] = {}
    for mention in orgs:
        gaz = entry(mention.rule) if mention.method == "rule" and mention.label == "ORG" else None
        if gaz is not None:
            found.setdefault(mention.rule, set()).add(" ".join(_ARTICLE.sub("", mention.text).split()))
    names = {rule: _fullest(entry(rule), forms) for rule, forms in found.items()}
    for mention in orgs:
        if mention.rule in names and mention.method == "rule" and mention.label == "ORG":
            mention.value = names[mention.rule]


@rules_cache
def _parent_noun_regex() -> re.Pattern:
    nouns = literal_alternation(word_set("parent_nouns"))
    return re.compile(rf"\b(?:{nouns})\b(?:\s+[a-zà-ÿ-]+){{0,3}}\s+$", re.IGNORECASE)


def short_forms(orgs: list[Mention], text: str) -> None:
    """A name the gazetteer does not know, written short after its full form with company
    words ("Kioxa Systems" ... "Kioxa financera"), is that organisation; a known group
    ("Telefónica" beside "Telefónica Tech") or a name presented as a group ("le groupe
    sud-coréen Naver" beside "Naver Cloud") stays itself. So is a name the NER cut short where
    the text goes on with the rest of a full form the document writes ("Glasnetz" in "Glasnetz
    Mittelrhein, filiale de ...")."""
    values = {m.value for m in orgs}
    groups = {m.value for m in orgs if _parent_noun_regex().search(text, max(0, m.start - 45), m.start)}
    for mention in orgs:
        if mention.method == "rule" and entry(mention.rule) is not None or mention.value in groups:
            continue
        longer = {v for v in values if v.startswith(mention.value + " ")
                  and (all(w.lower() in word_set("org_name_tails") for w in v[len(mention.value):].split())
                       or text.startswith(v[len(mention.value):], mention.end))}   # cut short: "Glasnetz| Mittelrhein"
        if len(longer) == 1:
            mention.value = longer.pop()


def _fullest(gaz: dict, written: set[str]) -> str:
    """The fullest form of `gaz` among the `written` ones (see `fullest_forms`).

    >>> _fullest({"name": "Telia", "aliases": ["Telia Company"]}, {"Telia", "Telia Company"})
    'Telia Company'
    """
    name = gaz["name"]
    head = name.split()[0].lower()
    forms = {name, *gaz.get("aliases", [])}
    fitting = [f for f in written & forms if f[:1].isupper() and f.split()[0].lower() == head
               and not _national_unit(f)]
    return max(fitting, key=lambda f: (len(f), f)) if fitting else name


def _national_unit(form: str) -> bool:
    """'Microsoft France': a brand and a country name is a national unit, not a fuller name."""
    return any(word in _place_names() for word in form.upper().split()[1:])


def org_kind(name: str) -> str:
    """company / fund / public_body / media / ... from the gazetteer, '' if unknown."""
    return _kinds().get(name, "")


def org_country(name: str) -> str:
    """Home country of a known organisation (gazetteer), '' if unknown."""
    return _countries().get(name) or ""


@rules_cache
def _kinds() -> dict[str, str]:
    from pipeline.rules.gazetteer import entries

    return _by_every_form(lambda e: e.get("subkind", ""))


@lru_cache(maxsize=None)
def _countries() -> dict[str, str]:
    from pipeline.rules.gazetteer import entries

    return _by_every_form(lambda e: e.get("country") or "")


@rules_cache
def _canonical_names() -> dict[str, str]:
    return _by_every_form(lambda e: e["name"])


_ROLE_OF = re.compile(r"\b(?:de|d['’]|du|chez)\s*(?:l['’]|la\s+|le\s+)?"
                      r"([^\W\d_][\w&.’'-]*(?:\s+[^\W\d_][\w&.’'-]*){0,3})")


def led_org(roles: list[str], known: set[str]) -> str:
    """The organisation a person's role names, by its canonical name: a gazetteer organisation
    or one of `known` (the document's), the longest form that fits; '' if none.

    >>> led_org(["cofondateur et PDG de Nvidia"], set()), led_org(["ministre de l'Économie"], set())
    ('Nvidia', '')
    """
    names = _canonical_names()
    for role in roles:
        for match in _ROLE_OF.finditer(role):
            words = match.group(1).split()
            for size in range(len(words), 0, -1):
                form = " ".join(words[:size])
                if form in known or form in names:
                    return names.get(form, form)
    return ""


def _by_every_form(value) -> dict[str, str]:
    """`value(entry)` by each name and alias of the organisations (a name wins over an alias)."""
    from pipeline.rules.gazetteer import entries

    orgs = [e for e in entries().values() if e["kind"] == "org"]
    out = {alias: value(e) for e in orgs for alias in e.get("aliases", [])}
    out.update({e["name"]: value(e) for e in orgs})
    return out


TAIL_RULE = "org.name_tail"
_NEXT_WORD = re.compile(r"[ \u00a0]([A-ZÀ-Ý][\w-]+)\b")


def extend_by_tail(orgs: list[Mention], text: str) -> list[Mention]:
    """A name the NER or a gazetteer ends one word short, before a company word that ends
    names ("le fonds Tallgrass" + " Growth", "la KfW" + " IPEX-Bank": a unit of its own), takes
    that word. Returns the organisations so extended.

    >>> m = Mention("ORG", "Tallgrass", "Tallgrass", 9, 18, "ner", "ner.ORG")
    >>> [o.value for o in extend_by_tail([m], "le fonds Tallgrass Growth mène")]
    ['Tallgrass Growth']
    >>> m = Mention("ORG", "KfW", "KfW", 3, 6, "rule", "org.kfw")
    >>> [o.value for o in extend_by_tail([m], "la KfW IPEX-Bank prête")]
    ['KfW IPEX-Bank']
    """
    extended = []
    for org in orgs:
        tail = _NEXT_WORD.match(text, org.end)
        if tail and (org.method == "ner" and tail.group(1) in company_words()
                     or org.rule.startswith("org.") and "-" in tail.group(1) and tail.group(1).split("-")[-1] in company_words()):
            org.end, org.text, org.value = tail.end(), text[org.start:tail.end()], f"{org.value} {tail.group(1)}"
            if org.method == "rule":
                org.rule = TAIL_RULE   # no longer the gazetteer's entry: its unit
            extended.append(org)
    return extended
