"""Gazetteers of `models/` (countries, sites, organisations, people) as spaCy patterns.

Two `span_ruler`s match them: proper names case-sensitively (`ORTH`), adjectives and
periphrases case-insensitively (`LOWER`). Each pattern's `id` is the entry id, so a
matched span's `id_` leads back to the entry (`entry(span.id_)`).

>>> entry("country.FR")["code"] if entry("country.FR") else "FR"
'FR'
"""
from __future__ import annotations


from pipeline.rules.lexicon import load_json, rules_cache

FILES = {
    "countries": "places/countries.json",
    "sites": "places/sites.json",
    "orgs": "orgs.json",
    "people": "people.json",
}
LEARNED = "learned"     # models/learned/<file name>: entries learned from reviews (`make retrain`)
MERGED_LISTS = ("names", "aliases", "periphrases", "adjectives", "demonyms", "ambiguous_forms")


@rules_cache
def entries() -> dict[str, dict]:
    """Every gazetteer entry by id, with its `kind` (country, region, site, org, person)."""
    out: dict[str, dict] = {}
    for learned in (False, True):
        countries = load_json(data_file("countries", learned))
        for kind, items in (("country", countries.get("countries", [])),
                            ("region", countries.get("regions", [])),
                            ("site", load_json(data_file("sites", learned)).get("sites", [])),
                            ("org", load_json(data_file("orgs", learned)).get("orgs", [])),
                            ("person", load_json(data_file("people", learned)).get("people", []))):
            for item in items:
                known = out.get(item["id"])
                out[item["id"]] = _merged(known, item) if known else {
                    **item, "kind": kind, "subkind": item.get("kind", "")}
    return out


def data_file(name: str, learned: bool = False) -> str:
    """Path of a gazetteer file in the rules folder; learned ones are flat.

    >>> data_file("sites"), data_file("sites", learned=True)
    ('places/sites.json', 'learned/sites.json')
    """
    return f"{LEARNED}/{FILES[name].rsplit('/', 1)[-1]}" if learned else FILES[name]


def _merged(curated: dict, learned: dict) -> dict:
    """A curated entry with the forms a learned entry of the same id adds (lists merged)."""
    out = dict(curated)
    for key in MERGED_LISTS:
        extra = [v for v in learned.get(key) or [] if v not in (out.get(key) or [])]
        if extra:
            out[key] = list(out.get(key) or []) + extra
    return out


def entry(entry_id: str) -> dict | None:
    """The gazetteer entry behind a pattern id, or None."""
    return entries().get(entry_id)


def _pattern(label: str, phrase: str, entry_id: str) -> list[dict]:
    """The pattern, and its twin with a typographic apostrophe (the data uses ' only)."""
    phrases = [phrase] + ([phrase.replace("'", "’")] if "'" in phrase else [])
    return [{"label": label, "pattern": p, "id": entry_id} for p in phrases]


def is_ambiguous(item: dict, form: str) -> bool:
    """Whether this form of an entry needs the statistical NER to agree (Nice, Orange...)."""
    forms = {f.replace("’", "'") for f in item.get("ambiguous_forms", [])}
    return bool(item.get("ambiguous")) or form.replace("’", "'") in forms


def _names(item: dict, *keys: str) -> list[str]:
    out = []
    for key in keys:
        value = item.get(key)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, str))
    return [n for n in out if n.strip()]


def name_patterns() -> list[dict]:
    """Case-sensitive patterns: names of countries (also in capitals), regions, sites, orgs, people."""
    labels = {"country": "COUNTRY", "region": "REGION", "site": "SITE", "org": "ORG",
              "person": "PERSON"}
    out = []
    for entry_id, item in entries().items():
        label = labels[item["kind"]]
        keys = ("names", "demonyms") if item["kind"] in {"country", "region"} else ("name", "aliases")
        for phrase in _names(item, *keys):
            if item["kind"] == "org" and len(phrase.split()) > 1:
                continue  # multi-word org names are matched case-insensitively
            out += _pattern(label, phrase, entry_id)
            if item["kind"] == "country" and len(phrase) >= 4 and phrase.upper() != phrase:
                out += _pattern(label, phrase.upper(), entry_id)   # a digest's heading: "CANADA — Bromont : ..."
    return out


def word_patterns() -> list[dict]:
    """Case-insensitive patterns: adjectives, periphrases, multi-word org names."""
    out = []
    places = {(name.lower(), entry_id) for entry_id, item in entries().items()
              if item["kind"] in {"country", "region", "site"} for name in _names(item, "name", "aliases")}
    named = {name for name, _ in places}   # "Valenciennes" is the city, not the adjective of Valencia; "corse" stays Corse's
    for entry_id, item in entries().items():
        kind = item["kind"]
        if kind in {"country", "region"}:
            label = "COUNTRY" if kind == "country" else "REGION"
            for phrase in _names(item, "adjectives"):
                out += _pattern(f"{label}_ADJ", phrase, entry_id)
            for phrase in _names(item, "periphrases"):
                out += _pattern(label, phrase, entry_id)
        elif kind == "site":
            for phrase in _names(item, "adjectives", "periphrases"):
                other = phrase.lower() in named and (phrase.lower(), entry_id) not in places
                out += [] if other else _pattern("SITE_ADJ", phrase, entry_id)
        elif kind == "org":
            for phrase in _names(item, "name", "aliases"):
                if len(phrase.split()) > 1:
                    out += _pattern("ORG", phrase, entry_id)
            for phrase in _names(item, "periphrases"):
                out += _pattern("ORG_PERIPHRASIS", phrase, entry_id)
    return out
