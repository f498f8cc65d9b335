"""COUNTRY, SITE and PLACE mentions.

- COUNTRY: ISO 3166-1 alpha-2 from names, nationality adjectives and periphrases
  (`models/places/countries.json`). An adjective that qualifies a company ("le géant
  américain") is the company's origin (`role="origin"`), not a target. Europe / UE are
  regions: PLACE with `detail="region"`, never a country.
- SITE: a city or region where facilities are built or located: a place named in a
  sentence that speaks of a facility (data centre, campus, site...), or a city adjective
  there ("un centre parisien" -> Paris). A summit venue or a speech city is a PLACE.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable

from pipeline.rules.cities import city_country
from pipeline.rules.gazetteer import entry
from pipeline.rules.lexicon import cues, literal_alternation, rules_cache, word_set
from pipeline.mentions.mention import Mention, Sentences
from pipeline.normalize.lists import STORY_MARK, story_start


def country_mention(mention: Mention, text: str) -> Mention:
    """Normalize a COUNTRY gazetteer match: ISO code, and `origin` role after a company noun."""
    gaz = entry(mention.rule) or {}
    mention.value = gaz.get("code", mention.value)
    if mention.detail == "adjective":
        before = text[max(0, mention.start - 60):mention.start]
        if any(cue.regex.search(before) for cue in cues("origin_nouns")) or _names_a_company(text, mention):
            mention.role = "origin"
    return mention


_DETERMINER_BEFORE = re.compile(r"(?:^|\b)(?:le|la|l['’]|les|du|des|au|aux)\s*$", re.IGNORECASE)


def _names_a_company(text: str, mention: Mention) -> bool:
    """A nationality adjective used as a noun right before a name: "le néerlandais ASML",
    "L'estonien Skeleton Technologies" (the company's origin, not where it invests).

    >>> _names_a_company("Le néerlandais ASML mène", Mention("COUNTRY", "néerlandais", "NL", 3, 14, "rule", "c"))
    True
    >>> _names_a_company("Le marché néerlandais Est", Mention("COUNTRY", "néerlandais", "NL", 10, 21, "rule", "c"))
    False
    """
    after = text[mention.end:mention.end + 3]
    return (len(after) > 1 and after[0] == " " and after[1].isupper()
            and bool(_DETERMINER_BEFORE.search(text, max(0, mention.start - 6), mention.start)))


_LANGUAGE_BEFORE = re.compile(r"(?:\ben|\bd['’]|\blangues?|\bparler|\bparlant)\s*$", re.IGNORECASE)


def names_a_language(text: str, mention: Mention) -> bool:
    """A nationality adjective after 'en', 'd'' or 'langue' names a language, not a country:
    "des modèles d'IA en swahili et en anglais", "des cours d'allemand".

    >>> text = "des modèles en anglais pour le marché anglais"
    >>> m = lambda word, at: Mention("COUNTRY_ADJ", word, "GB", at, at + len(word), "rule", "c", detail="adjective")
    >>> names_a_language(text, m("anglais", 14)), names_a_language(text, m("anglais", text.rindex("anglais")))
    (True, False)
    """
    return (mention.label.endswith("_ADJ") or mention.detail == "adjective") and bool(
        _LANGUAGE_BEFORE.search(text, max(0, mention.start - 12), mention.start))


def region_mention(mention: Mention) -> Mention:
    """Europe, UE, Vieux Continent...: a PLACE of kind region."""
    gaz = entry(mention.rule) or {}
    mention.label, mention.value, mention.detail = "PLACE", gaz.get("code", mention.text), "region"
    return mention


def site_value(mention: Mention) -> tuple[str, str]:
    """(canonical name, country code) of a place from the gazetteer, else from the text."""
    gaz = entry(mention.rule) if mention.method == "rule" else None
    if gaz:
        return gaz["name"], gaz.get("country", "")
    name = " ".join(mention.text.split())
    for article in ("l’", "l'", "la ", "le "):
        if name.lower().startswith(article):
            name = name[len(article):]
    return name, ""


def classify_places(places: list[Mention], text: str, sentences: Sentences,
                    countries: list[Mention]) -> None:
    """Set each place's label (SITE or PLACE), canonical value and country."""
    fallback = dominant_country(countries)
    named = frozenset(c.value for c in countries)
    starts = sorted(p.start for p in places)
    for mention in places:   # first the places the gazetteers and GeoNames know
        mention.value, mention.country = site_value(mention)
        mention.country = mention.country or _contained_in(mention, places, text) or city_country(mention.value, named)
    known = [p for p in places if p.country and (p.method == "rule" or p.country in named)]   # not a GeoNames homonym
    for mention in places:
        s_start, s_end = sentences.of(mention.start)
        if not mention.country:
            mention.country = (nearest_country(mention, countries, s_start, s_end)
                               or _known_neighbour(mention, known, s_start, s_end, text)
                               or _story_country(text, mention, countries) or fallback)
        earlier = starts[bisect.bisect_left(starts, s_start):bisect.bisect_left(starts, mention.start)]
        mention.label = "SITE" if _is_site(text, mention, s_start, s_end, earlier) else "PLACE"
        mention.rule = mention.rule if mention.method == "rule" else (
            "site.facility_sentence" if mention.label == "SITE" else "place.other")
    share_list_status(places, text)


# what joins the places of one list: "de Kaolack, de Kaffrine et de Fatick", "à Avellino et à Matera"
# (not "à Bénévent, en Campanie": a place and its region; not "Milan ou Francfort")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:et\s+)?|\s+et\s+)(?:de\s+|d['’]\s*|du\s+|des\s+|à\s+)?(?:la\s+|l['’]\s*|le\s+|les\s+)?")
# a place's region right after it: ", dans le Västerbotten", ", en Lombardie", ", dans le nord du canton de Vaud"
# an administrative division and its "de": "département de ", "voïvodie de ", "comté du "
_DIVISION = (r"(?:département|région|province|district|comté|wilaya|canton|land|gouvernorat|voïvodie|județ|préfecture|état)"
             r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|de\s+|d['’]\s*|des\s+)?")
_REGION_AFTER = re.compile(r"\s*,\s*(?:dans|en)\s+(?:le\s+|la\s+|l['’]\s*|les\s+)?(?:(?:nord|sud|est|ouest|centre)(?:-est|-ouest)?"
                           rf"\s+(?:du\s+|de\s+la\s+|de\s+l['’]\s*|des\s+))?(?:{_DIVISION})?", re.IGNORECASE)
# examples of where a site region's money goes: ", notamment à Rennes", ", dont Brest", ", en particulier dans le Finistère"
_EXAMPLES_AFTER = re.compile(r"\s*,?\s*(?:notamment|dont|en particulier|surtout|principalement)\s+(?:à\s+|au\s+|aux\s+|en\s+|dans\s+)?"
                             r"(?:le\s+|la\s+|l['’]\s*|les\s+)?", re.IGNORECASE)
_BETWEEN = re.compile(r"\bentre\s+(?:la\s+|l['’]\s*|le\s+|les\s+)?$", re.IGNORECASE)   # "entre Salzbourg et Vienne": a reference


def share_list_status(places: list[Mention], text: str, vetoed: frozenset[int] = frozenset()) -> None:
    """Places of one list share their status: when one is a site, the others are too ("dans
    les régions de Kankan et de Nzérékoré", "à Avellino et à Matera"); so do the region
    written after a site and the places given as examples of a site ("en Bretagne, notamment
    à Rennes et à Brest"). Regions (Europe)
    and places under another label are left alone, and so are places whose id is `vetoed`."""
    ordered = sorted((p for p in places if p.label in {"SITE", "PLACE"} and p.detail != "region"), key=lambda p: p.start)
    groups: list[list[Mention]] = []
    for place in ordered:
        if groups and _LIST_JOIN.fullmatch(text, groups[-1][-1].end, place.start):
            groups[-1].append(place)
        else:
            groups.append([place])
    for place, region in zip(ordered, ordered[1:]):   # "à Vila Real, dans le Trás-os-Montes": the site's region
        if place.label == "SITE" and region.label == "PLACE" and id(region) not in vetoed and (   # "en Bretagne, notamment à Rennes"
                _REGION_AFTER.fullmatch(text, place.end, region.start) or _EXAMPLES_AFTER.fullmatch(text, place.end, region.start)):
            region.label, region.rule = "SITE", region.rule if region.method == "rule" else "site.region_of"
    for group in groups:
        if len(group) > 1 and any(p.label == "SITE" for p in group) and not _BETWEEN.search(
                text, max(0, group[0].start - 12), group[0].start):
            for place in group:
                if place.label == "PLACE" and id(place) not in vetoed:
                    place.label, place.rule = "SITE", place.rule if place.method == "rule" else "site.listed"


# what says that a place lies within the next one: ", dans le département de Cluj"
_WITHIN = re.compile(rf"\s*,\s*dans\s+(?:le|la|l['’]|les)\s*{_DIVISION}", re.IGNORECASE)


def _contained_in(mention: Mention, places: list[Mention], text: str) -> str:
    """The country of the known place the text says `mention` lies in, right after it:
    "à Florești, dans le département de Cluj" is the Romanian Florești, not the Moldovan
    town GeoNames knows better; '' when no such place follows."""
    for other in places:
        if other.start > mention.end and other.method == "rule" and _WITHIN.fullmatch(text, mention.end, other.start):
            return site_value(other)[1]
    return ""


def _known_neighbour(mention: Mention, known: list[Mention], s_start: int, s_end: int, text: str) -> str:
    """The country of the known place of the sentence that locates it, else of the nearest:
    "à Novi Sad, en Voïvodine" puts the region in Serbia, whatever country the page mostly
    speaks of; "à Albert, à trente kilomètres d'Amiens" puts Albert in France, even after
    "centres de données à Francfort et dans la Ruhr"."""
    near = [p for p in known if s_start <= p.start < s_end and p is not mention]
    return min(near, key=lambda p: (not _locates(text, mention, p), abs(p.start - mention.start))).country if near else ""


def _locates(text: str, mention: Mention, other: Mention) -> bool:
    """`other` is given right after `mention` as its reference point: "à Albert, à une
    trentaine de kilomètres d'Amiens", "à Sagunto, près de Valence"."""
    between = re.sub(r"\bd['’]$", "de ", text[mention.end:other.start])   # the cues read "de Amiens" for "d'Amiens"
    return 0 <= len(between) <= 70 and "\n" not in between and any(
        c.regex.search(between) for c in cues("place_reference_cues"))


FACILITY_WINDOW = (100, 60)   # chars before / after a place where a facility cue counts


def _is_site(text: str, mention: Mention, s_start: int, s_end: int, earlier_places: list[int]) -> bool:
    """A facility named close to the place (or the place is where the money goes, or the
    subject of a "Pourquoi X ?" heading), and the place is not a venue, a government
    ("soutenues par Bruxelles"), an existing facility ("Meta exploite un site à Luleå"), a
    headquarters ("au siège du groupe, à Seongnam"), a place of a cancelled project, nor a
    reference point after a more precise place named before it ("à Ehningen, au sud de Stuttgart"; a
    place the facility is near is a site: "à Sagunto, près de Valence")."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.text.isupper() or not text[line_start:mention.start].strip() and _DATELINE_AFTER.match(text, mention.end):
        return False  # a dateline: "DUBLIN (AFP) -", "Lucerne, le 3 novembre 2025 –", "Lausanne, le 18 juin 2024" alone on its line
    if _acts(text, mention.end):
        return False  # a government named by its capital: "Berlin soutient", "Varsovie espère"
    near = text[max(s_start, mention.start - FACILITY_WINDOW[0]):min(s_end, mention.end + FACILITY_WINDOW[1])]
    line_start, line_end = text.rfind("\n", 0, mention.start) + 1, text.find("\n", mention.start)
    targeted = any(c.regex.search(text, max(s_start, mention.start - 80), mention.start)
                   for c in cues("site_target_before_cues"))   # "mise 2 milliards sur l'Estrémadure"
    targeted = targeted and not _GIVES_TO.search(text, max(s_start, _clause_start(text, mention.start)), mention.start)
    line_end = len(text) if line_end < 0 else line_end
    heading = any(c.regex.fullmatch(text, line_start, line_end)
                  for c in cues("site_heading_cues"))       # "Pourquoi la Lorraine ?"
    if _STORY_PREFIX.fullmatch(text, line_start, mention.start) and any(   # "14h40 – Haute-Savoie :"
            c.regex.match(text, mention.end, line_end) for c in cues("site_title_cues")) and not any(
            c.regex.search(text, mention.end, line_end) for c in cues("raise_cues")):
        return True   # "Cork : le japonais Kioxa Systems va investir", not "Cracovie : la start-up X lève"
    if not (targeted or heading or any(c.regex.search(near) for c in cues("facility_cues"))):
        return False
    if any(c.regex.search(text, s_start, s_end) for c in cues("site_sentence_background_cues")):
        return False  # a cancelled project
    clause = text[max(s_start, _clause_start(text, mention.start)):mention.start]
    if any(c.regex.search(clause) for c in cues("venue_cues")) or any(
            c.regex.search(text, max(s_start, mention.start - 40), mention.start) for c in cues("venue_right_before_cues")):
        return False   # "a dévoilé à Berlin un projet d'usine à Chemnitz": Berlin is where it was told
    before = text[max(s_start, mention.start - 60):mention.start]
    if any(c.regex.search(before) for c in cues("site_headquarters_cues")):
        return False
    window = max(s_start, mention.start - 60)
    references = [match.start() + window for c in cues("place_reference_cues") for match in [c.regex.search(before)]
                  if match and not any(n.regex.search(match.group(0)) for n in cues("place_near_cues"))]   # "près de": a site
    if references and (any(p < min(references) for p in earlier_places) or _governs(before)):
        return False   # "à Benslimane, entre Rabat et Casablanca", not "entre Lyon et Grenoble"
    whole_clause = text[max(s_start, _clause_start(text, mention.start)):_clause_end(text, mention.end, s_end)]
    return not any(c.regex.search(whole_clause) for c in cues("site_background_cues"))


@rules_cache
def _actor_verbs() -> re.Pattern:
    verbs = literal_alternation(word_set("place_actor_verbs"))
    others = r"(?:\s*,\s*[\w'’ -]{1,30}?)*\s+et\s+[\w'’ -]{1,30}?"   # "Bruxelles, Prague et la région se partagent"
    return re.compile(rf"(?:{others})?\s+(?:(?:aussi|également|lui|elle|de son côté|quant à (?:lui|elle))\s*,?\s+)?"
                      rf"(?:{verbs})\b", re.IGNORECASE)


# a verb that gives the money to someone: "prête 20 millions d'euros à Ravelijn" names a borrower
_GIVES_TO = re.compile(r"\b(?:pr[êe]t\w*|accord\w*|vers[eé]\w*|octroi\w*|attribu\w*|allou\w*|consent\w*)\b[^.;]{0,60}$",
                       re.IGNORECASE)
_STORY_PREFIX = re.compile(rf"\s*(?:{STORY_MARK})?")   # a line's start, or a brief's number, time or country
_DATELINE_AFTER = re.compile(r"\s*(?:\(\s*[A-Za-z]+\s*\)|,\s*le\s+\d{1,2}(?:er)?\s+\w+(?:\s+\d{4})?(?:\s*[-–—]|[ \t]*(?:\n|$)))")


def _acts(text: str, end: int) -> bool:
    """A verb of will or money right after the place: the place acts, as a government.

    >>> _acts("Berlin soutient la candidature", 6), _acts("Lyon accueillera le campus", 4)
    (True, False)
    >>> _acts("Bruxelles, Prague et la région se partagent la facture", 9)
    True
    """
    return bool(_actor_verbs().match(text, end))


def _governs(before: str) -> bool:
    """'gouvernement de Lisbonne', 'soutenues par Bruxelles': the place stands for a government."""
    tail = before.rstrip().lower()
    return tail.endswith(("gouvernement de", "gouvernement d'", "gouvernement d’", " par"))


def _clause_end(text: str, offset: int, limit: int) -> int:
    cuts = [i for i in (text.find(ch, offset, limit) for ch in ",;:()«»\n") if i != -1]
    return min(cuts) if cuts else limit


def _clause_start(text: str, offset: int) -> int:
    cut = max(text.rfind(ch, 0, offset) for ch in ",;:()«»\n")
    return cut + 1


def nearest_country(mention: Mention, countries: list[Mention], start: int, end: int) -> str:
    """The target country named closest to `mention` in the same sentence, or ''."""
    near = [c for c in countries if start <= c.start < end and c.role != "origin"]
    if not near:
        return ""
    return min(near, key=lambda c: abs(c.start - mention.start)).value


def _story_country(text: str, mention: Mention, countries: list[Mention]) -> str:
    """In a digest or a live blog, the country its brief names most before the place ("CANADA
    — Bromont : ..." for the unknown Bromont), not the document's: '' in a one-story text."""
    start = story_start(text, mention.start)
    return clear_majority(c.value for c in countries if start <= c.start < mention.start
                          and c.role != "origin") if start else ""


def dominant_country(countries: list[Mention]) -> str:
    """The country a document is about: the most mentioned target country, if clear."""
    return clear_majority(c.value for c in countries if c.role != "origin")


def clear_majority(codes: Iterable[str]) -> str:
    """The code named more often than any other, '' on a tie or none.

    >>> clear_majority(["FR", "DE", "FR"]), clear_majority(["FR", "DE"]), clear_majority([])
    ('FR', '', '')
    """
    (best, n), (_, runner_up) = (Counter(codes).most_common(2) + [("", 0), ("", 0)])[:2]
    return best if n > runner_up else ""
