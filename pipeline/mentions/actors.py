"""The actor frame: the words around a name that make it the one who invests.

A name is an actor when it is the subject of an investment verb ("Schwarz Digits va
investir", "Play, la filiale polonaise du groupe Iliad, prévoit d'investir", "Rossum lève")
or stands after a company noun phrase ("le fonds allemand Earlybird", "le coréen Naver").
The statistical NER often types such a name PER, LOC or MISC; in this frame it is an
organisation. A group that acts through a unit ("NTT Data, via sa filiale NTT Global Data Centers, va
investir") gives way to that unit. The verbs and nouns are data (`models/entities.json`:
`actor_verbs`, `actor_heads`, `acting_units`).

>>> follows_actor_verb("Schwarz Digits va investir 11 milliards", 14)
True
>>> follows_actor_verb("Berlin, capitale de l'Allemagne", 6)
False
>>> follows_actor_verb("Schwarz Digits, la branche du groupe Schwarz (Lidl, Kaufland), investira", 14)
True
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entries
from pipeline.rules.lexicon import entity_lexicon, literal_alternation, rules_cache, word_set


@rules_cache
def _verb_regex() -> re.Pattern:
    verbs = literal_alternation(word_set("actor_verbs"))
    return re.compile(rf"""
        \s*
        (?:,(?:[^,.;:()]|\([^()]{{0,60}}\)){{3,90}},\s*)?   # an apposition: ", la filiale du groupe Iliad,", also
                                             # with a bracket: ", la branche du groupe Schwarz (Lidl, Kaufland),"
        (?:(?:ne|n['’]|y|en|se|s['’])\s*)?   # clitics
        (?:{verbs})\b                        # va, investit, prévoit, lève, débloque...
        """, re.IGNORECASE | re.VERBOSE)


@rules_cache
def _head_regex() -> re.Pattern:
    heads, nationality = literal_alternation(word_set("actor_heads")), _adjectives()   # "le coréen", "le zurichois"
    return re.compile(rf"""
        \b(?:le|la|l['’]|les|du|des|au|aux|par|de\s+la|de\s+l['’])\s*   # determiner
        (?:(?:{heads})\b[^,.;:()\n]{{0,30}}                              # "fonds allemand", "groupe internet sud-coréen"
          |(?:sud-|nord-)?(?:{nationality}))                             # or a nationality alone: "le coréen"
        (?<!\bà)(?<!\bau)(?<!\baux)(?<!\ben)(?<!\bdans)(?<!\bvers)(?<!\bprès\sde)   # not "l'hébergeur à Pratteln"
        \s+$
        """, re.IGNORECASE | re.VERBOSE)


@rules_cache
def _adjectives() -> str:
    """Alternation of the lowercase adjectives of countries and cities ("coréen", "zurichois")."""
    return literal_alternation({a for e in entries().values() if e["kind"] in {"country", "site"}
                                for a in e.get("adjectives", []) if a.islower()})


@rules_cache
def _nationality_noun_regex() -> re.Pattern:
    return re.compile(rf"(?:^|\b)(?:[Ll]e|[Ll]a|[Ll]['’]|[Ll]es|du|au|aux|des)\s*(?:sud-|nord-)?(?:{_adjectives()})\s+$")


def after_nationality_noun(text: str, start: int) -> bool:
    """A lowercase nationality used as a noun right before the name: "le saoudien Najd
    Compute", "l'américain Sabre Cloud" name companies (a person is "l'Américain John Smith").

    >>> after_nationality_noun("le saoudien Najd Compute", 12), after_nationality_noun("le Saoudien Ali Nasser", 12)
    (True, False)
    """
    return bool(_nationality_noun_regex().search(text, max(0, start - 40), start))


def follows_actor_verb(text: str, end: int) -> bool:
    """An investment verb (after an optional apposition) right after `text[:end]`."""
    return bool(_verb_regex().match(text, end, min(len(text), end + 130)))


@rules_cache
def _payer_verb_regex() -> re.Pattern:
    verbs = literal_alternation(word_set("actor_verbs") | word_set("place_actor_verbs") | word_set("payer_verbs"))
    return re.compile(rf"\s*(?:\([^()]{{1,15}}\)\s*)?(?:,(?:[^,.;:()]|\([^()]{{0,60}}\)){{3,90}},\s*)?"
                      rf"(?:(?:de son côté|quant à (?:lui|elle)|aussi|également|en outre)\s*,?\s*)?"
                      rf"(?:(?:lui|leur|nous|vous|y|en|se|s['’])\s*)?(?:{verbs})\b", re.IGNORECASE)


def follows_payer_verb(text: str, end: int) -> bool:
    """A verb of giving money right after `text[:end]`, past an acronym in brackets, an
    apposition and a clitic ("Le canton de Vaud lui versera", "La Banque des Territoires,
    filiale de la Caisse des dépôts, entre au capital", "le ministère y contribue")."""
    return bool(_payer_verb_regex().match(text, end, min(len(text), end + 140)))


def after_actor_head(text: str, start: int) -> bool:
    """A company noun phrase right before `start` ("le fonds allemand ", "le coréen ")."""
    before = text[max(0, start - 45):start]
    match = _head_regex().search(before)
    return match is not None and not set(match.group(0).lower().split()) & word_set("person_titles")


@rules_cache
def _org_noun_regex() -> re.Pattern:
    nouns = literal_alternation(word_set("org_nouns_before_names"))
    return re.compile(rf"""
        \b(?:{nouns})s?                                   # "l'agence", "les opérateurs", "plusieurs licornes"
        (?:\s+(?:de|d['’])\s*[a-zà-ÿ-]+)?                  # "de pension", "d'infrastructure"
        (?:\s+(?!(?:de|du|des|à|au|aux|en|dans|pour|sur|près|par|avec|chez)\b|d['’])[a-zà-ÿ-]+){{0,2}}   # "locaux", not "à"
        (?:\s+(?:de|d['’])\s*[a-zà-ÿ-]+)?                  # "le fabricant japonais de semi-conducteurs"
        \s+(?:(?:comme|dont|tels?\s+que|telles?\s+que|notamment)\s+)?$   # "comme", "dont"
        """, re.IGNORECASE | re.VERBOSE)


def after_org_noun(text: str, start: int) -> bool:
    """An organisation noun right before the name, maybe with a complement, an adjective and
    an example word: "l'agence ANP", "le cabinet PMR", "les opérateurs locaux comme Atman",
    "le fonds de pension finlandais Pohjola Pension"."""
    return bool(_org_noun_regex().search(text, max(0, start - 60), start))


def in_actor_frame(text: str, start: int, end: int) -> bool:
    """Whether the name `text[start:end]` is the actor of an investment (see module doc)."""
    return (follows_actor_verb(text, end) or after_actor_head(text, start) or after_org_noun(text, start)
            or after_role_of(text, start))


@rules_cache
def _role_of_regex() -> re.Pattern:
    roles = literal_alternation(word_set("role_heads_before_org"))
    return re.compile(rf"\b(?:{roles})(?:\s+(?:exécuti(?:f|ve)|délégué(?:e)?|Europe|France))?\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])$",
                      re.IGNORECASE)


def after_role_of(text: str, start: int) -> bool:
    """A person's role right before the name: "directeur général d'Alpinara Data" names the
    organisation the person leads."""
    return bool(_role_of_regex().search(text, max(0, start - 60), start))


@rules_cache
def _unit_regex() -> re.Pattern:
    units = literal_alternation(word_set("acting_units"))
    return re.compile(rf"""
        \s*,?\s*
        \b(?:via|par\s+l['’]interm[ée]diaire\s+de|[àa]\s+travers|au\s+travers\s+de|par\s+le\s+biais\s+de)
        \s+(?:sa|son|ses|leur|leurs)\s+
        (?:{units})\b[^,.;:()]{{0,40}}?\s*$      # "sa filiale allemande "
        """, re.IGNORECASE | re.VERBOSE)


def acting_unit(text: str, actor: Mention, orgs: list[Mention]) -> Mention:
    """The unit an actor acts through, named after it in its sentence ("X, via sa filiale Y",
    "X va investir 6 milliards ..., par l'intermédiaire de sa filiale Y"), else the actor
    itself."""
    for org in orgs:
        between = text[actor.end:org.start]
        if org.start > actor.end and org.value != actor.value and not _SENTENCE_END.search(between) \
                and _unit_regex().search(between[-120:]):
            return org
    return actor


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@rules_cache
def _unit_name_regexes() -> tuple[re.Pattern, re.Pattern]:
    """(country names French prose also writes, foreign-language country names and company
    words of a unit's name): "France"; "Czech Republic", "Polska", "España", "Ventures"."""
    from babel import Locale
    import pycountry

    french, foreign = set(), set()
    for item in entries().values():
        if item["kind"] != "country":
            continue
        code = item["code"]
        french.update(item.get("names", []))
        foreign.add(Locale("en").territories.get(code, ""))
        country = pycountry.countries.get(alpha_2=code)
        foreign.update(getattr(country, key, "") for key in ("name", "official_name", "common_name") if country)
        try:
            foreign.add(Locale.parse(f"und_{code}").territories.get(code, ""))   # "Polska", "España"
        except (ValueError, LookupError):
            pass
    foreign = {n for n in foreign - french if n[:1].isupper() and len(n) <= 30}
    foreign |= {w for w in entity_lexicon().get("unit_name_tails", {}).get("words", [])}

    def alternation(names: set[str]) -> re.Pattern:
        ordered = sorted(names, key=len, reverse=True)
        return re.compile(rf"[ \u00a0](?:{'|'.join(map(re.escape, ordered))})\b")
    return alternation(french), alternation(foreign)


def unit_name_end(text: str, end: int) -> int | None:
    """The end of a company's unit named by the company and a country or a company word: in
    a foreign language it is always a unit ("Orange Romania", "Orange Polska", "Swisscom
    Ventures"); a French country name makes one only when that unit acts ("AWS France, la
    filiale française d'Amazon Web Services, va investir"; "le siège de Microsoft France"
    stays the company and a country).

    >>> text = "Vodafone Czech Republic, opérateur. Le siège de Microsoft France."
    >>> unit_name_end(text, 8), unit_name_end(text, text.index(" France."))
    (23, None)
    """
    french, foreign = _unit_name_regexes()
    match = foreign.match(text, end, min(len(text), end + 40))
    if match:
        while more := foreign.match(text, match.end(), min(len(text), match.end() + 40)):
            match = more   # "Telekom Romania Communications"
        return match.end()
    match = french.match(text, end, min(len(text), end + 40))
    return match.end() if match and follows_actor_verb(text, match.end()) else None


def brand_units(text: str, body: int, orgs: list[Mention]) -> list[Mention]:
    """A company's country unit written with its brand alone ("Hoshino Canada" in an article
    about "Hoshino Electric"; "Vigilis Tunisie, la filiale locale du groupe Vigilis"): the
    brand, a company's one-word name or the first word of a longer one, followed by a
    country name, is that unit."""
    french, foreign = _unit_name_regexes()
    names = [o.text.split() for o in orgs if o.rule != "org.descriptor"]
    brands = {words[0] for words in names if words[0][:1].isupper() and len(words[0]) > 2}
    alone = brands - {words[0] for words in names if len(words) > 1}   # a one-word name: the unit must act
    full = {" ".join(words) for words in names if len(words) > 1}   # "Ravindra Cables Bénin, filiale du groupe indien"
    brands, alone = brands | full, alone | full
    taken = [(o.start, o.end) for o in orgs]
    out = []
    for brand in sorted(brands):
        for found in re.finditer(rf"(?<![\w-]){re.escape(brand)}(?=[ \u00a0])", text[body:]):
            start = body + found.start()
            tail = french.match(text, found.end() + body) or foreign.match(text, found.end() + body)
            if tail and brand in alone and not (_UNIT_APPOSITION.match(text, tail.end()) or follows_actor_verb(text, tail.end())
                                                or _unit_regex().search(text, max(0, start - 120), start)):   # "via sa filiale X Europe"
                continue
            if tail and not any(s < tail.end() and start < e for s, e in taken):
                name = text[start:tail.end()]
                out.append(Mention("ORG", name, name, start, tail.end(), "rule", "org.unit"))
                taken.append((start, tail.end()))
    return out


_UNIT_APPOSITION = re.compile(r"\s*,\s*(?:la\s+|sa\s+|une\s+)?(?:filiale|branche|entité|succursale)\b")


@rules_cache
def _unit_of_regex() -> re.Pattern:
    units = literal_alternation(word_set("acting_units"))
    return re.compile(rf"""
        \b(?:la|le|l['’]|sa|son)\s*(?:{units})             # "La filiale", "l'entité"
        (?:\s+(?!de\b|du\b|d['’])[\w-]+){{0,4}}?           # "roumaine", "de services numériques"
        (?:\s+(?:de|du|des|d['’])\s*[a-zà-ÿ-]+(?:\s+[a-zà-ÿ-]+)?)?
        \s+(?:de|d['’]|du)\s*(?:la\s+|l['’]|le\s+)?$""", re.IGNORECASE | re.VERBOSE)


def unit_named_elsewhere(text: str, actor: Mention, doc_orgs: list[Mention]) -> Mention:
    """The unit a periphrasis names by its group ("La filiale roumaine d'Orange prévoit
    d'investir", "La filiale de services numériques de Telefónica investira") when the
    document names exactly one unit of that group ("Orange Romania", "Telefónica Tech"),
    else the actor itself."""
    if not _unit_of_regex().search(text, max(0, actor.start - 70), actor.start):
        return actor
    units = {m.value: m for m in doc_orgs if m.value.startswith(actor.value + " ")
             or m.text.startswith(actor.text + " ")}
    return next(iter(units.values())) if len(units) == 1 else actor


@rules_cache
def _product_regex() -> re.Pattern:
    nouns = literal_alternation(word_set("product_nouns_before_names"))
    return re.compile(rf"(?:^|\b)(?:{nouns})\s*[«\"“]?\s*$", re.IGNORECASE)


def names_a_product(text: str, start: int) -> bool:
    """A name right after a product or facility noun names that product, not an organisation:
    "120 000 GPU Blackwell", "le supercalculateur Gefion", "la région cloud « Poland Central »".

    >>> text = "jusqu'à 120 000 GPU Blackwell, avec le groupe Orange"
    >>> names_a_product(text, text.index("Blackwell")), names_a_product(text, text.index("Orange"))
    (True, False)
    """
    return bool(word_set("product_nouns_before_names")) and bool(_product_regex().search(text, max(0, start - 40), start))


_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?-i:[A-ZÀ-Ý][\w-]{2,})[ \t]$")   # not "L'opérateur"
_LOCATIVE_END = re.compile(r"\b(?:à|au|aux|en|de|du|des|d['’]|dans|près\s+de|vers)\s*$", re.IGNORECASE)
_NOT_NAME_WORDS = frozenset({"Les", "Des", "Une", "Aux", "Par", "Pour", "Avec", "Chez", "Son", "Ses", "Leur"})


def extend_cut_names(orgs: list[Mention], text: str) -> list[Mention]:
    """An organisation (a `Mention`) the NER reads without its first word, when it ends in a company word,
    takes the capitalised word before it (not after a locative): "Lagune Télécom" (NER:
    "Télécom"), "le fonds Isère Deeptech Partners" (NER: the place "Isère", then "Deeptech
    Partners"). Returns the organisations so extended."""
    extended = []
    for org in orgs:
        if org.method == "ner" and org.text.split()[-1].lower() in word_set("org_name_tails"):
            before = _NAME_BEFORE.search(text, max(0, org.start - 30), org.start)
            if before and before.group(0).strip() not in _NOT_NAME_WORDS \
                    and not _LOCATIVE_END.search(text, max(0, before.start() - 12), before.start()):
                org.start, org.text = before.start(), text[before.start():org.end]
                org.value = org.text
                extended.append(org)
    return extended
