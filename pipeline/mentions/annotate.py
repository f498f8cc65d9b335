"""Doc -> typed mentions: merge the statistical NER, the gazetteers and the number grammars.

Gazetteer matches win over overlapping NER spans (they carry a canonical id), longest first
(`pipeline.mentions.gazetteer_spans`). What the NER adds is filtered by general rules (no headings, no
plan names, MISC only when it looks like a name). Text before `doc._.body_start` is ignored.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.mentions.actors import (after_nationality_noun, after_org_noun, after_role_of, after_through, extend_cut_names,
                                     extend_through_names, in_actor_frame, named_by_apposition, names_a_product)
from pipeline.mentions.commitments import commitment_mentions
from pipeline.mentions.descriptors import descriptor_mentions
from pipeline.mentions.echoes import echo_mentions, name_spans, org_forms
from pipeline.mentions.gazetteer_spans import Occupancy, gazetteer_spans
from pipeline.mentions.institutions import body_references, kept_institutions
from pipeline.mentions.list_items import item_payer_mentions
from pipeline.mentions.locatives import headed_places, in_locative_frame, place_head_end
from pipeline.normalize.numbers import plain_number
from pipeline.rules.cities import city_country
from pipeline.rules.gazetteer import entry
from pipeline.rules.lexicon import word_set
from pipeline.mentions.acronyms import extend_to_acronym, link_acronyms, with_long_forms
from pipeline.mentions.mention import Mention, sentences_of, text_of
from pipeline.mentions.orgs import (canonical_org, fullest_forms, glued_sentences, is_common_phrase, is_institution,
                           keep_ner_org, extend_by_tail, is_place_name, looks_like_org_name, org_name_tail, short_forms,
                           strip_leading_lowercase, tail_follows)
from pipeline.mentions.people import attach_roles, canonical_people, coordinated_people, someone_else, widen_people
from pipeline.mentions.places import classify_places, country_mention, names_a_language, region_mention
from pipeline.mentions.local_bodies import (named_after_head, place_body_mentions, regional_body_mentions,
                                           regional_payer_mentions)
from pipeline.mentions.proposals import (listed_with_orgs, opens_a_project, longest_bodies, state_body_mentions,
                                        unseen_names)
from pipeline.mentions.units import brand_units, unit_name_end


def build_mentions(doc) -> list[Mention]:
    """All mentions of `doc`, normalized, each with its sentence, sorted by offset."""

    text, body = text_of(doc), doc._.body_start
    sentences = sentences_of(doc)
    entities = widen_people(doc, [_cut_at_colon(doc, e) for e in doc.ents])   # "Hanácká Data : 8 milliards" (MISC)
    gaz = _country_closing_a_name(gazetteer_spans(doc, body, sentences, entities), entities, text)
    gaz = [g for g in gaz if not (g.label == "PERSON" and someone_else(g, text))]   # "Óscar Ribera" is no Teresa Ribera
    state_bodies = longest_bodies(state_body_mentions(text, body), [g for g in gaz if g.label.startswith("ORG")])
    gaz = [g for g in gaz if not _inside(g, state_bodies)]   # "ministère de l'Économie, de l'Innovation et de l'Énergie"
    taken = Occupancy(len(text))
    for mention in gaz + state_bodies:   # "ministère polonais des Affaires numériques" over the NER's "Affaires numériques"
        taken.take(mention.start, mention.end)
    institutions = kept_institutions(text, body, [g for g in gaz if g.label.startswith("ORG")] + state_bodies)
    institutions += item_payer_mentions(text, body, taken.free)   # "- Fundo Lusitano de Pensões : 180 millions"
    ner = [e for e in entities if e.start_char >= body and taken.free(e.start_char, e.end_char)
           and not any(_overlaps(e, m) and not (e.label_ == "LOC" and m.start < e.start_char and e.end_char <= m.end)
                       for m in institutions)]   # "l'université de Lorraine" is no place, its "Lorraine" stays one
    for mention in institutions:
        taken.take(mention.start, mention.end)
    actors = {e.start_char for e in ner if _is_actor(e, text)}   # "le fonds allemand Earlybird" (PER)
    located = [e for e in ner if e.label_ in {"PER", "MISC"} and e.start_char not in actors
               and in_locative_frame(text, e.start_char, e.end_char, e.text)]   # "un campus à Benslimane" (PER)
    ner = [e for e in ner if e not in located]

    named_orgs = [e for e in ner if e.label_ == "PER"
                  and (after_org_noun(text, e.start_char) or after_nationality_noun(text, e.start_char)
                       or org_name_tail(e.text) or after_role_of(text, e.start_char) or named_by_apposition(text, e.start_char, e.end_char))
                  or e.label_ in ("LOC", "MISC") and (org_name_tail(strip_leading_lowercase(e.text)[1])   # "Linea Capital" (LOC),
                                                      or tail_follows(text, e.end_char) and not city_country(e.text))   # "Axarquía Chips"
                  or e.label_ != "ORG" and after_through(text, e.start_char) and not is_place_name(e.text)]   # "via l'aws"
    named_orgs += listed_with_orgs(text, ner, [g for g in gaz if g.label == "ORG"], named_orgs)
    named_people = coordinated_people(ner, text)   # "par Magdalena Sroka (LOC) et Piotr Kalinowski"
    people = canonical_people([g for g in gaz if g.label == "PERSON"]
                              + [_from_span(e, "PERSON") for e in ner if e.label_ == "PER"
                                 and e not in named_orgs and e.start_char not in actors]
                              + [_from_span(e, "PERSON") for e in named_people]
                              + [_from_span(e, "PERSON") for e in _people_in_periphrases(entities, gaz, body)])
    attach_roles(people, text)
    starts = {start for start, _ in sentences}
    orgs = [g for g in gaz if g.label in {"ORG", "ORG_PERIPHRASIS"} and not _inside(g, institutions)]
    orgs += [_trimmed(_from_span(e, "ORG")) for e in ner if e not in named_orgs and not (e.label_ == "ORG" and e in named_people)
             and (e.start_char in actors or _is_ner_org(e, e.start_char in starts)) and not is_common_phrase(e.text)
             and not names_a_product(text, e.start_char)]
    orgs += [_trimmed(_from_span(e, "ORG")) for e in named_orgs]   # "Warburg Pincus", "(cloud souverain) Syrdall Cloud"
    orgs += state_bodies + institutions + unseen_names(text, body, orgs, ner, taken, starts)
    regions_named = [g for g in gaz if g.label in {"REGION", "REGION_ADJ"}
                     or g.label in {"SITE", "SITE_ADJ"} and (entry(g.rule) or {}).get("type") == "region"]
    payers = place_body_mentions(text, [g for g in gaz if g.label == "SITE"]   # "Angers Loire Métropole", "Wallonie Entreprendre"
                                 + [_from_span(e, "PLACE") for e in ner if e.label_ == "LOC"])
    payers += regional_payer_mentions(text, [g for g in gaz if g.label in {"REGION", "SITE"}]   # "le canton de Vaud lui versera"
                                     + [_from_span(e, "PLACE") for e in ner if e.label_ == "LOC"   # "l'agglomération de Chaumont"
                                        and e.text.lower() not in word_set("regional_payer_heads")]   # not "le Land" alone
                                     + named_after_head(text))   # "la communauté de communes du Plateau de Lannemezan
    for m in regional_body_mentions(text, regions_named) + payers:   # "la Région Grand Est accorde", once
        if not any(o.start < m.end and m.start < o.end for o in orgs):
            orgs.append(m)
    for mention in orgs:
        mention.label, mention.value = "ORG", canonical_org(mention)
    extended = extend_cut_names(orgs, text) + extend_by_tail(orgs, text) + extend_to_acronym(orgs, text)   # "Lagune Télécom", "Caixa Geral de Depósitos (CGD)"
    extended += extend_through_names(orgs, text)   # "via l'Austria Wirtschaftsservice (aws)"
    orgs = [o for o in orgs if o in extended or not _inside(o, extended)]
    units = _units(orgs, text) + brand_units(text, body, orgs)   # "Vodafone Czech Republic investira", "Hoshino Canada"
    orgs += [u for u in units if u.rule == "org.unit" and all(u is not o for o in orgs)]
    people = [p for p in people if not _inside(p, units)]
    fullest_forms(orgs)
    short_forms(orgs, text)
    orgs = with_long_forms(orgs, text)
    link_acronyms(orgs, text)
    numbers = _number_mentions(doc)
    money = Occupancy(len(text))
    for mention in numbers:
        if mention.label == "AMOUNT":
            money.take(mention.start, mention.end)
    orgs = [o for o in orgs if money.free(o.start, o.end)]   # "francs CFA" is a currency, and no descriptor's referent
    orgs += descriptor_mentions(text, body, orgs, people)
    orgs += body_references(text, body, orgs)   # "..., et le ministère les 47 millions restants"

    countries = [country_mention(g, text) for g in gaz if g.label in {"COUNTRY", "COUNTRY_ADJ"}
                 and not names_a_language(text, g) and not _inside(g, units)]
    for mention in countries:
        mention.label = "COUNTRY"
    regions = [region_mention(g) for g in gaz if g.label in {"REGION", "REGION_ADJ"}]
    places = [g for g in gaz if g.label in {"SITE", "SITE_ADJ"} and not _inside(g, extended)]
    places += [place for e in ner if e.label_ == "LOC" and e.start_char not in actors and e not in named_orgs + named_people
               for place in [_ner_place(e)] if _is_ner_place(place.text, e.start_char in starts
                                                          and not _opens_title(text, e))
               and not names_a_product(text, e.start_char)]
    places += [_from_span(e, "PLACE") for e in located]
    places += headed_places(text, body, _free_of(taken, entities, places + orgs + people + countries))   # "dans le district de Bugesera"
    classify_places(places, text, sentences, countries)

    forms = org_forms([o for o in orgs if sentences.contains(o.start)])   # not a name of a tags line
    places = [p for p in places if not (p.method == "ner" and p.text in forms)]   # one name, one sense
    people = [p for p in people if not (p.method == "ner" and p.text in forms)]   # "SÉNÉGAL — Kora Logistics boucle"
    countries = [c for c in countries if money.free(c.start, c.end)]  # "couronnes danoises" is a currency
    commitments = commitment_mentions(text, sentences, body)
    covered = Occupancy(len(text))
    names = name_spans(text, body, list(forms.values()))   # "Meuse Énergie apportera": no place "Meuse"
    countries, regions, places = ([m for m in group if not any(s <= m.start and m.end <= e and e - s > m.end - m.start
                                                              for s, e in names)] for group in (countries, regions, places))
    for mention in people + orgs + countries + regions + places + numbers:
        covered.take(mention.start, mention.end)
    orgs += echo_mentions(text, body, list(forms.values()), covered)   # "Qubalp lève 60 millions" (named elsewhere)
    mentions = [m for m in people + orgs + countries + regions + places + numbers + commitments
                if sentences.contains(m.start) and m.end <= sentences.of(m.start)[1]]   # none across a cut title
    for mention in mentions:
        mention.sentence_start, mention.sentence_end = sentences.of(mention.start)
    mentions.sort(key=lambda m: (m.start, m.end, m.label))
    return mentions


def _cut_at_colon(doc, span):
    """A NER span cut before a heading's colon: "Hanácká Data" of "Hanácká Data : 8 milliards"."""
    colon = next((t.i for t in span if t.text == ":" and t.i > span.start), None)
    return span if colon is None else Span(doc, span.start, colon, label=span.label_)


def _country_closing_a_name(gaz: list[Mention], entities, text: str) -> list[Mention]:
    """A country or region name that ends a company name the NER reads whole ("Atlas Cloud
    Maroc", "Kora Telecom Sénégal", "Mitsuhara Power Europe") is part of that name, not a country mention: it does not take
    the name's place."""
    names = [e for e in entities if e.label_ in ("ORG", "MISC", "PER")]   # "Mitsuhara Power Europe" (MISC, PER)
    def closes_name(g: Mention) -> bool:   # two capitalised words before: not "Choose France"
        return g.label in ("COUNTRY", "REGION") and any(
            e.start_char < g.start and g.end == e.end_char
            and len(words := text[e.start_char:g.start].split()) >= 2 and all(w[:1].isupper() for w in words)
            for e in names)
    return [g for g in gaz if not closes_name(g)]


def _units(orgs: list[Mention], text: str) -> list[Mention]:
    """Extend each company named with a country or a company word to that unit ("Vodafone
    Czech Republic", "Swisscom Ventures", "AWS France, la filiale française d'Amazon Web
    Services, va investir"): its own organisation, named as written."""
    units = []
    for org in orgs:
        end = unit_name_end(text, org.end)
        if end:
            org.end, org.text, org.rule = end, text[org.start:end], "org.unit"
            org.value = org.text
            units.append(org)
    return units


def _overlaps(span, mention: Mention) -> bool:
    return span.start_char < mention.end and mention.start < span.end_char


def _inside(mention, units: list[Mention]) -> bool:
    return any(u.start <= mention.start and mention.end <= u.end for u in units)


_TITLE_COLON = re.compile(r" ?[:–—] ")


def _opens_title(text: str, span) -> bool:
    """A known city opening a title before a colon or a dash ("Mougins : le suédois Evroc va
    construire"), not a rubric word ("Défense : Helsing lève")."""
    return bool(_TITLE_COLON.match(text, span.end_char)) and bool(city_country(span.text))


def _people_in_periphrases(entities: tuple, gaz: list[Mention], body: int) -> list:
    """The person named inside an organisation's periphrasis ('le groupe de Mark Zuckerberg'
    is Meta, and Mark Zuckerberg is a person of the article)."""
    periphrases = [g for g in gaz if g.label.startswith("ORG") and g.text[:1].islower()]
    return [e for e in entities if e.label_ == "PER" and e.start_char >= body
            and any(g.start <= e.start_char and e.end_char <= g.end for g in periphrases)]


def _from_span(span, label: str) -> Mention:
    return Mention(label, span.text, span.text, span.start_char, span.end_char, "ner",
                   f"ner.{span.label_}", detail=span.label_)


def _free_of(taken: Occupancy, entities, mentions: list[Mention]):
    """`free(start, end)`: no gazetteer match, NER span (but one across lines) or mention covers any of it."""
    covered = Occupancy(len(taken))
    covered.chars[:] = taken.chars
    for start, end in [(e.start_char, e.end_char) for e in entities if "\n" not in e.text] + [(m.start, m.end) for m in mentions]:
        covered.take(start, end)
    return covered.free


def _ner_place(span) -> Mention:
    """A NER place without its leading common noun ("comté de Clare" -> Clare)."""
    mention = _from_span(span, "PLACE")
    cut = place_head_end(mention.text)
    mention.start, mention.text, mention.value = mention.start + cut, mention.text[cut:], mention.text[cut:]
    return mention


def _trimmed(mention: Mention) -> Mention:
    cut, text = strip_leading_lowercase(mention.text)
    mention.start, mention.text, mention.value = mention.start + cut, text, text
    return mention


def _is_actor(span, text: str) -> bool:
    """A NER name of any type in the actor frame ("Schwarz Digits va investir", "le coréen
    Naver"), or a LOC or MISC of several words before a verb of a facility project
    ("Cantabria Fotónica agrandit son usine"): an organisation. A PER needs one token ("Brad
    Smith investit" is a person)."""
    if span.label_ not in {"PER", "LOC", "MISC", "ORG"} or "\n" in span.text or span.text[:1].islower() and len(span.text) > 4:
        return False
    if span.label_ == "PER" and len(span.text.split()) > 1 or span.text.lower() in word_set("not_entities") \
            or glued_sentences(span.text):   # "série B. Depuis"
        return False
    place = span.label_ == "LOC" and (is_place_name(span.text) or city_country(span.text) and re.search(
        r"\bd(?:e\s+|['’]\s*)$", text[max(0, span.start_char - 4):span.start_char]))   # "L'opérateur d'Umeå y investira"
    return not place and (in_actor_frame(text, span.start_char, span.end_char) or span.label_ in {"LOC", "MISC"}
                          and not city_country(span.text) and opens_a_project(text, span.start_char, span.end_char))


def _is_ner_org(span, opens_sentence: bool) -> bool:
    if span.label_ in {"ORG", "MISC"}:
        return keep_ner_org(span.text, span.label_, opens_sentence)
    if span.label_ != "LOC":
        return False
    acronym = looks_like_org_name(span.text) and span.text.isupper() and not is_place_name(span.text)
    return acronym or is_institution(span.text)


def _is_ner_place(text: str, opens_sentence: bool) -> bool:
    """A statistical LOC worth keeping: not a heading word, not an acronym or institution,
    not a lone capitalised word opening a sentence ("Basée à Paris, ...")."""
    if opens_sentence and len(text.split()) == 1:
        return False
    if "\n" in text or text[:1].islower() or any(ch.isdigit() for ch in text) or len(text.strip()) < 2:
        return False  # "mer du Nord" is a common noun phrase, "série B" a letter, not place names
    if (text.isupper() and looks_like_org_name(text) and not is_place_name(text)) or is_institution(text):
        return False  # an acronym or an institution tagged LOC is an organisation ("INCIBE")
    return text.lower() not in word_set("not_entities") and text.lower() not in word_set("natural_features")


def _number_mentions(doc) -> list[Mention]:
    out = []
    for amount in doc._.amounts:
        value = _money_value(amount)
        out.append(Mention("AMOUNT", amount.text, value, amount.start, amount.end, "rule",
                           amount.rule or "money", detail=amount.kind, obj=amount))
    for quantity in doc._.quantities:
        out.append(Mention("QUANTITY", quantity.text, f"{plain_number(quantity.value)} {quantity.unit}",
                           quantity.start, quantity.end, "rule", quantity.rule or "quantity",
                           detail=quantity.kind, obj=quantity))
    for period in doc._.periods:
        if period.year_start is None and period.year_end is None:
            continue  # a relative period without a publication date says nothing
        value = f"{period.year_start or ''}..{period.year_end or ''}"
        out.append(Mention("DATE", period.text, value, period.start, period.end, "rule",
                           period.rule, detail="period", obj=period))
    for date in doc._.dates:
        out.append(Mention("DATE", date.text, date.value.isoformat(), date.start, date.end,
                           "rule", date.rule, detail="date", obj=date))
    return out


def _money_value(amount) -> str:
    low = plain_number(amount.value)
    value = f"{low}-{plain_number(amount.value_max)}" if amount.value_max is not None else low
    return f"{value} {amount.currency or ''}".strip()
