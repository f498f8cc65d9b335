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

from spacy.lang.fr.stop_words import STOP_WORDS

from pipeline.mentions.mention import Mention
from pipeline.rules.gazetteer import entries
from pipeline.rules.lexicon import literal_alternation, rules_cache, word_set
from pipeline.rules.programmes import programme_at


@rules_cache
def _verb_regex() -> re.Pattern:
    verbs = literal_alternation(word_set("actor_verbs"))
    return re.compile(rf"""
        \s*
        (?:\([^()\n]{{1,40}}\)\s*)?              # its acronym: "Polski Fundusz Rozwoju (PFR) apportera"
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
    return bool(_org_noun_regex().search(text, max(0, start - 60), start)
                or _possessive_noun_regex().search(text, max(0, start - 60), start))


@rules_cache
def _possessive_noun_regex() -> re.Pattern:
    """A possessive organisation noun, then a comma, right before the name: "a annoncé sa
    filiale belge, Mitsuhara Power Europe", "avec son partenaire local, Sahel Énergie"."""
    nouns = literal_alternation(word_set("org_nouns_before_names"))
    return re.compile(rf"\b(?:sa|son|ses|leur|leurs)\s+(?:{nouns})s?(?:\s+(?-i:[a-zà-ÿ-]+)){{0,2}}\s*,\s+$", re.IGNORECASE)


# "via le fonds MGX", "par l'intermédiaire de l'Autorité maltaise", "par l'entremise d'Investissement Québec",
# "à travers son fonds souverain PIF"
_THROUGH = re.compile(r"\b(?:via(?=\s)|par\s+l['’](?:interm[ée]diaire|entremise)\s+(?:d[eu]s?|d['’])|[àa]\s+travers|"
                      r"au\s+travers\s+d[eu]s?|par\s+le\s+(?:biais|truchement)\s+(?:d[eu]s?|d['’]))\s*(?:(?:l['’]|le|la|les|son|sa|ses|leur|leurs)\s*)?"
                      r"(?:(?-i:[a-zà-ÿ'’-]+)\s+){0,3}$", re.IGNORECASE)


def after_through(text: str, start: int) -> bool:
    """The name at `start` is the body another one acts through ("L'État, via Bpifrance,",
    "le gouvernement du Québec, par l'entremise d'Investissement Québec,"); a programme
    ("via France 2030") is none."""
    through = _THROUGH.search(text, max(0, start - 70), start)
    return (through is not None and not programme_at(text, start)   # not "via son directeur Jan Novák"
            and not set(through.group(0).lower().split()) & (word_set("person_titles") | word_set("role_heads_before_org")))


def in_actor_frame(text: str, start: int, end: int) -> bool:
    """Whether the name `text[start:end]` is the actor of an investment (see module doc)."""
    return (follows_actor_verb(text, end) or after_actor_head(text, start) or after_org_noun(text, start)
            or after_role_of(text, start) or before_org_apposition(text, end) or before_gapped_share(text, start, end))


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
def _product_regex() -> re.Pattern:
    nouns = literal_alternation(word_set("product_nouns_before_names"))
    return re.compile(rf"(?:^|\b)(?<!\bde\s)(?<!\bd['’])(?:{nouns})\s*[«\"“]?\s*$", re.IGNORECASE)


def names_a_product(text: str, start: int) -> bool:
    """A name right after a product or facility noun names that product, not an organisation:
    "120 000 GPU Blackwell", "le supercalculateur Gefion", "la région cloud « Poland Central »";
    not after a complement of a company noun ("le fabricant néerlandais de puces Nexperia").

    >>> text = "jusqu'à 120 000 GPU Blackwell, avec le groupe Orange"
    >>> names_a_product(text, text.index("Blackwell")), names_a_product(text, text.index("Orange"))
    (True, False)
    """
    return bool(word_set("product_nouns_before_names")) and bool(_product_regex().search(text, max(0, start - 40), start))


_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?-i:[A-ZÀ-Ý][\w-]{2,})[ \t]$")   # not "L'opérateur"
_LOCATIVE_END = re.compile(r"\b(?:à|au|aux|en|de|du|des|d['’]|dans|près\s+de|vers)\s*$", re.IGNORECASE)


def extend_cut_names(orgs: list[Mention], text: str) -> list[Mention]:
    """An organisation (a `Mention`) the NER reads without its first word, when it ends in a
    company word, takes the capitalised word before it: "Lagune Télécom" (NER: "Télécom"), "le
    fonds Isère Deeptech Partners" (NER: "Isère", then "Deeptech Partners"); not a word after a
    locative, nor a function word ("Selon Valmont Cloud"). Returns the organisations so extended."""
    extended = []
    for org in orgs:
        if org.method == "ner" and org.text.split()[-1].lower() in word_set("org_name_tails"):
            before = _NAME_BEFORE.search(text, max(0, org.start - 30), org.start)
            if before and before.group(0).strip().lower() not in STOP_WORDS \
                    and not _LOCATIVE_END.search(text, max(0, before.start() - 12), before.start()):
                org.start, org.text = before.start(), text[before.start():org.end]
                org.value = org.text
                extended.append(org)
    return extended


_REST_OF_NAME = re.compile(r"(?:[ \t]+(?-i:[A-ZÀ-Ý][\w-]+)){1,3}(?=\s*[(,]|\s+(?-i:[a-zà-ÿ]))")


def extend_through_names(orgs: list[Mention], text: str) -> list[Mention]:
    """A body named after "via", "par l'intermédiaire de"... or an organisation noun that the NER cuts short
    takes the rest of its capitalised words: "l'Austria Wirtschaftsservice (aws)" (NER: "Austria"),
    "L'association Liffré Environnement". Returns the organisations so extended.

    >>> text = "L'État, par l'intermédiaire de l'Austria Wirtschaftsservice (aws), ajoute"
    >>> org = Mention("ORG", "Austria", "Austria", 33, 40, "ner", "ner.LOC")
    >>> [o.value for o in extend_through_names([org], text)]
    ['Austria Wirtschaftsservice']
    """
    extended = []
    for org in orgs:
        named = org.method == "ner" and (after_through(text, org.start) or after_org_noun(text, org.start))
        rest = _REST_OF_NAME.match(text, org.end) if named else None
        if rest and not any(o.start < rest.end() and org.end < o.end for o in orgs if o is not org):
            org.end, org.text = rest.end(), text[org.start:rest.end()]
            org.value = " ".join(org.text.split())
            extended.append(org)
    return extended


@rules_cache
def _apposed_noun_regex() -> re.Pattern:
    nouns = literal_alternation(word_set("org_nouns_before_names"))
    return re.compile(rf",\s+(?:l['’]\s*|le\s+|la\s+|un\s+|une\s+)(?:{nouns})\b[^,.;:()«»\n]{{0,90}},", re.IGNORECASE)


def before_org_apposition(text: str, end: int) -> bool:
    """An apposition that says what the name is, right after it and closed by a comma:
    "Innosuisse, l'agence suisse pour l'encouragement de l'innovation, lui accorde" (not the
    sentence's own subject: "Fondée par Tom Okman, l'entreprise n'avait jamais")."""
    return bool(_apposed_noun_regex().match(text, end))


# what leads to the one money goes to, right before its name: "accorde à l'entreprise", "au groupe"
DATIVE_END = re.compile(r"(?:\bà\s*(?:l['’]\s*|la\s+|le\s+)?|\bau\s+|\baux\s+)$", re.IGNORECASE)

# a share with its verb left out: "..., la NOM (Noordelijke ...) 5 millions et ...", "et le Port autonome 2 milliards"
GAPPED_MONEY = re.compile(r"\s*,?\s+\d[\d\s,.]*\s*(?:millions?|milliards?|mds?|M€|Md€|k€|M|Md|mio|euros?|€|dollars?|\$|francs?)(?!\w)")
_OPENS_SHARE = re.compile(r"(?:[,;]\s*(?:et\s+)?|\bet\s+)(?:l['’]\s*|la\s+|le\s+|les\s+)?$")
_BRACKET = re.compile(r"\s*\([^()\n]{1,40}\)")
_EARLIER_SHARE = re.compile(r"\d\s*(?:millions?|milliards?|M€|Md€|k€|M\$|euros?|€)(?!\w)")


def before_gapped_share(text: str, start: int, end: int) -> bool:
    """A member of a list of shares whose verb is written once, before the first one: "la
    province apporte 8 millions d'euros, la Noordelijke Ontwikkelingsmaatschappij (NOM) 5
    millions et la commune 1,5 million" -> the second name pays 5 millions.

    >>> text = "La province apporte 8 millions d'euros, la Noordelijke Ontwikkelingsmaatschappij (NOM) 5 millions."
    >>> start = text.index("Noordelijke"); end = start + len("Noordelijke Ontwikkelingsmaatschappij")
    >>> before_gapped_share(text, start, end), before_gapped_share("Lyon, Paris 5 millions", 6, 11)
    (True, False)
    """
    if not _OPENS_SHARE.search(text, max(0, start - 12), start):
        return False
    bracket = _BRACKET.match(text, end)
    if not GAPPED_MONEY.match(text, bracket.end() if bracket else end):
        return False
    window = text[max(0, start - 250):start]
    return bool(_EARLIER_SHARE.search(window[max(window.rfind(". "), window.rfind("\n")) + 1:]))


_PERSON_FRAME = re.compile(r"\b(?:par|dont|avec|selon|entre|et)\s+(?:[^,.;:]{0,30}\s)?$")


def named_by_apposition(text: str, start: int, end: int) -> bool:
    """A name, even one the NER calls a person, that an apposition says is a company
    ("Bassam Solaire, la coentreprise formée par ..."), unless a frame of people leads to it
    ("Fondée par des chercheurs, dont le prix Nobel Alain Aspect, la start-up mise sur ...").

    >>> text = "construite par Bassam Solaire, la coentreprise formée par deux groupes, et"
    >>> named_by_apposition(text, 15, 29), named_by_apposition(". " + text[15:-3] + " y consacrera", 2, 16)
    (False, True)
    """
    return before_org_apposition(text, end) and not _PERSON_FRAME.search(text, max(0, start - 40), start)
