"""Gazetteers in models/: schema, codes, ambiguity conventions and spot checks.

The four files are described in models/gazetteers.README.md. These tests read the
JSON only (no spaCy), so they are fast and say exactly which entry is wrong.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

MODELS = Path(__file__).resolve().parent.parent / "models"
FILES = {
    "countries": MODELS / "places" / "countries.json",
    "sites": MODELS / "places" / "sites.json",
    "orgs": MODELS / "orgs.json",
    "people": MODELS / "people.json",
}
# Top-level list(s) of each file and the id prefix of their entries.
SECTIONS = {
    "countries": {"countries": "country.", "regions": "region."},
    "sites": {"sites": "site."},
    "orgs": {"orgs": "org."},
    "people": {"people": "person."},
}
ISO_ALPHA2 = {c.alpha_2 for c in pycountry.countries}
USER_ASSIGNED = {"XK"}  # Kosovo: not in ISO 3166-1, used by the European Commission
ORG_EXTRA_COUNTRIES = {"EU"}  # EU institutions; international bodies have null
SITE_TYPES = {"city", "region", "district"}
ORG_KINDS = {"company", "fund", "public_body", "media", "ngo", "university"}
LEADING_DETERMINER = re.compile(r"^(le|la|les|l'|du|des|de la|de l'|au|aux)\s*", re.I)
MINIMUM_COUNTS = [("countries", "countries", 90), ("sites", "sites", 450),
                  ("orgs", "orgs", 200), ("people", "people", 150)]


@pytest.fixture(scope="module")
def gaz():
    return {name: json.loads(path.read_text(encoding="utf-8")) for name, path in FILES.items()}


def entries(gaz, name):
    """Every entry of one file, all sections together."""
    return [e for section in SECTIONS[name] for e in gaz[name][section]]


def forms(entry, keys=("names", "name", "aliases", "periphrases")):
    """Surface forms of an entry that name it (not adjectives)."""
    out = []
    for key in keys:
        value = entry.get(key)
        if isinstance(value, str):
            out.append(value)
        elif value:
            out.extend(value)
    return out


def is_ambiguous(entry, form):
    """An entry marks a form ambiguous via ambiguous_forms, or (sites) ambiguous: true."""
    return entry.get("ambiguous") is True or form in entry.get("ambiguous_forms", [])


def normalize(form):
    """What a matcher compares: typographic apostrophe -> ASCII, no leading article."""
    return LEADING_DETERMINER.sub("", form.replace("\u2019", "'").strip(), count=1)


def lookup(gaz, name, form, keys=("names", "name", "aliases", "periphrases", "adjectives",
                                  "demonyms")):
    """ids of the entries of one file carrying `form` (as a reader would write it)."""
    wanted = {form, form.replace("\u2019", "'"), normalize(form)}
    return sorted({e["id"] for e in entries(gaz, name) if wanted & set(forms(e, keys))})


# --- files and schema -----------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_gazetteers_file_is_pretty_stable_json(name):
    text = FILES[name].read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == list(SECTIONS[name])
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    for section in SECTIONS[name]:
        ids = [e["id"] for e in data[section]]
        assert ids == sorted(ids), f"{name}.{section} is not sorted by id"


@pytest.mark.parametrize("name", FILES)
def test_gazetteers_ids_unique_and_prefixed(gaz, name):
    seen = set()
    for section, prefix in SECTIONS[name].items():
        for e in gaz[name][section]:
            assert isinstance(e["id"], str) and e["id"].startswith(prefix), e["id"]
            assert e["id"] not in seen, f"duplicate id {e['id']}"
            seen.add(e["id"])


@pytest.mark.parametrize("name, section, minimum", MINIMUM_COUNTS)
def test_gazetteers_minimum_counts(gaz, name, section, minimum):
    assert len(gaz[name][section]) >= minimum


@pytest.mark.parametrize("name", FILES)
def test_gazetteers_forms_are_clean_strings(gaz, name):
    """No typographic apostrophes (the loader adds them), no stray spaces, no empties."""
    for e in entries(gaz, name):
        for form in forms(e, ("names", "name", "aliases", "periphrases", "adjectives",
                              "demonyms", "ambiguous_forms")):
            assert form and form == form.strip() and "  " not in form, (e["id"], form)
            assert "\u2019" not in form, (e["id"], form)


@pytest.mark.parametrize("name", FILES)
def test_gazetteers_ambiguous_forms_belong_to_their_entry(gaz, name):
    for e in entries(gaz, name):
        own = set(forms(e, ("names", "name", "aliases", "periphrases", "adjectives",
                            "demonyms")))
        stale = set(e.get("ambiguous_forms", [])) - own
        assert not stale, (e["id"], stale)


@pytest.mark.parametrize("name", ["countries", "orgs"])
def test_gazetteers_periphrases_have_no_leading_determiner(gaz, name):
    """'Hexagone', not "l'Hexagone": articles contract (du, au, de l'), so store the head."""
    for e in entries(gaz, name):
        for p in e.get("periphrases", []):
            assert normalize(p) == p, (e["id"], p)


# --- codes ----------------------------------------------------------------------------


def test_countries_codes_are_iso_alpha2(gaz):
    for c in gaz["countries"]["countries"]:
        assert c["code"] in ISO_ALPHA2 | USER_ASSIGNED, c["code"]
        assert c["id"] == f"country.{c['code']}"


def test_countries_regions_are_not_countries(gaz):
    codes = {c["code"] for c in gaz["countries"]["countries"]}
    for r in gaz["countries"]["regions"]:
        assert r["id"] == f"region.{r['code']}"
        assert set(r["members"]) <= codes, (r["id"], set(r["members"]) - codes)


@pytest.mark.parametrize("name, extra, nullable", [
    ("sites", USER_ASSIGNED, False),
    ("orgs", ORG_EXTRA_COUNTRIES, True),
    ("people", set(), False),
])
def test_gazetteers_country_fields_are_iso_alpha2(gaz, name, extra, nullable):
    for e in entries(gaz, name):
        if e["country"] is None:
            assert nullable, e["id"]
        else:
            assert e["country"] in ISO_ALPHA2 | extra, (e["id"], e["country"])


def test_sites_types_and_orgs_kinds_are_known(gaz):
    assert {s["type"] for s in gaz["sites"]["sites"]} <= SITE_TYPES
    assert {o["kind"] for o in gaz["orgs"]["orgs"]} <= ORG_KINDS


def test_orgs_parents_exist(gaz):
    ids = {o["id"] for o in gaz["orgs"]["orgs"]}
    for o in gaz["orgs"]["orgs"]:
        assert o.get("parent", o["id"]) in ids, (o["id"], o.get("parent"))


# --- ambiguity: one surface form, one referent, unless flagged ------------------------


def clashes(items):
    """items: (form, referent, entry). Forms naming two referents not flagged everywhere."""
    by_form = defaultdict(list)
    for form, referent, entry in items:
        by_form[form.casefold()].append((form, referent, entry))
    bad = []
    for key, hits in by_form.items():
        if len({referent for _, referent, _ in hits}) > 1:
            unflagged = [e["id"] for form, _, e in hits if not is_ambiguous(e, form)]
            if unflagged:
                bad.append((key, unflagged))
    return bad


def test_countries_no_form_names_two_places_unless_ambiguous(gaz):
    keys = ("names", "periphrases", "adjectives", "demonyms")
    items = [(f, e["id"], e) for e in entries(gaz, "countries") for f in forms(e, keys)]
    assert clashes(items) == []


def test_sites_no_form_names_sites_of_two_countries_unless_ambiguous(gaz):
    items = [(f, s["country"], s) for s in gaz["sites"]["sites"] for f in forms(s)]
    assert clashes(items) == []
    adjectives = [(a, s["country"], s) for s in gaz["sites"]["sites"] for a in s["adjectives"]]
    assert clashes(adjectives) == []


def test_sites_vs_countries_same_form_same_country_or_ambiguous(gaz):
    items = [(f, s["country"], s) for s in gaz["sites"]["sites"] for f in forms(s)]
    items += [(f, c["code"], c) for c in gaz["countries"]["countries"] for f in forms(c)]
    assert clashes(items) == []


def test_orgs_no_form_names_two_orgs_unless_ambiguous(gaz):
    items = [(f, o["id"], o) for o in gaz["orgs"]["orgs"] for f in forms(o)]
    assert clashes(items) == []


def test_people_no_alias_names_two_people(gaz):
    """A bare surname is listed only when one person in the file has it."""
    items = [(f, p["id"], p) for p in gaz["people"]["people"] for f in forms(p)]
    assert clashes(items) == []


# --- casing ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["countries", "sites"])
def test_gazetteers_adjectives_are_lowercase(gaz, name):
    for e in entries(gaz, name):
        for a in e.get("adjectives", []):
            assert a == a.lower(), (e["id"], a)


def test_countries_demonyms_are_capitalised(gaz):
    for e in entries(gaz, "countries"):
        for d in e["demonyms"]:
            assert all(part[:1].isupper() for part in d.split("-")), (e["id"], d)


def test_countries_adjectives_have_feminine_and_plural(gaz):
    """Every adjective family has at least 3 distinct forms (m, f, pl; 'suisse' has 2)."""
    for c in gaz["countries"]["countries"]:
        if c["adjectives"]:
            assert len(c["adjectives"]) >= 2, c["id"]
            assert any(a.endswith(("s", "x")) for a in c["adjectives"]), c["id"]


# --- spot checks a user would notice --------------------------------------------------

SPOT_CHECKS = [
    # (file, form as written in an article, expected entry ids)
    ("countries", "l'Hexagone", ["country.FR"]),
    ("countries", "l\u2019Hexagone", ["country.FR"]),
    ("countries", "outre-Rhin", ["country.DE"]),
    ("countries", "outre-Manche", ["country.GB"]),
    ("countries", "outre-Atlantique", ["country.US"]),
    ("countries", "outre-Quiévrain", ["country.BE"]),
    ("countries", "l'Empire du Milieu", ["country.CN"]),
    ("countries", "le pays du Soleil-Levant", ["country.JP"]),
    ("countries", "Etats-Unis", ["country.US"]),
    ("countries", "Royaume-Uni", ["country.GB"]),
    ("countries", "Pays-Bas", ["country.NL"]),
    ("countries", "sud-coréenne", ["country.KR"]),
    ("countries", "émiraties", ["country.AE"]),
    ("countries", "helvétique", ["country.CH"]),
    ("countries", "Néerlandais", ["country.NL"]),
    ("countries", "Espagnols", ["country.ES"]),
    ("countries", "Europe", ["region.EU"]),
    ("countries", "Vieux Continent", ["region.EU"]),
    ("countries", "Européens", ["region.EU"]),
    ("sites", "Varsovie", ["site.varsovie"]),
    ("sites", "Warszawa", ["site.varsovie"]),
    ("sites", "Francfort", ["site.francfort"]),
    ("sites", "München", ["site.munich"]),
    ("sites", "Mulhouse", ["site.mulhouse"]),
    ("sites", "communauté de Madrid", ["site.communaute_de_madrid"]),
    ("sites", "Communauté de Madrid", ["site.communaute_de_madrid"]),
    ("sites", "Aragon", ["site.aragon"]),
    ("sites", "parisien", ["site.paris"]),
    ("sites", "francilienne", ["site.ile_de_france"]),
    ("sites", "Singapour", ["site.singapour"]),
    ("orgs", "AWS", ["org.amazon_web_services"]),
    ("orgs", "la firme de Redmond", ["org.microsoft"]),
    ("orgs", "le géant de Mountain View", ["org.google"]),
    ("orgs", "la marque à la pomme", ["org.apple"]),
    ("orgs", "Facebook", ["org.meta"]),
    ("orgs", "Interxion", ["org.digital_realty"]),
    ("orgs", "Centre cryptologique national", ["org.cni_ccn"]),
    ("orgs", "Agence espagnole de supervision de l'intelligence artificielle", ["org.aesia"]),
    ("orgs", "Banque européenne d'investissement", ["org.bei"]),
    ("orgs", "le fonds souverain norvégien", ["org.nbim"]),
    ("people", "Obama", ["person.barack_obama"]),
    ("people", "Pedro Sanchez", ["person.pedro_sanchez"]),
    ("people", "von der Leyen", ["person.ursula_von_der_leyen"]),
    ("people", "Smith", []),  # never a bare alias: too common
    ("people", "Amodei", []),  # two Amodeis in the file
]


@pytest.mark.parametrize("name, form, expected", SPOT_CHECKS)
def test_gazetteers_spot_check(gaz, name, form, expected):
    assert lookup(gaz, name, form) == expected


def test_countries_europe_is_a_region_not_a_country(gaz):
    country_forms = {f for c in gaz["countries"]["countries"] for f in forms(c)}
    assert "Europe" not in country_forms and "UE" not in country_forms


def test_sites_city_state_singapore_is_in_sg(gaz):
    (site,) = [s for s in gaz["sites"]["sites"] if s["id"] == "site.singapour"]
    assert site["country"] == "SG" and site["type"] == "city"


MUST_BE_FLAGGED = [
    # (file, entry id, form): readers would be misled if these matched on their own
    ("sites", "site.vienne", "Vienne"),
    ("sites", "site.nice", "Nice"),
    ("sites", "site.tours", "Tours"),
    ("sites", "site.valence_fr", "Valence"),
    ("sites", "site.valence_es", "Valence"),
    ("sites", "site.rome", "Rome"),
    ("sites", "site.washington", "Washington"),
    ("sites", "site.orange", "Orange"),
    ("countries", "country.CH", "Confédération"),
    ("countries", "country.NL", "Hollande"),
    ("countries", "country.US", "Amérique"),
    ("orgs", "org.orange", "Orange"),
    ("orgs", "org.free", "Free"),
    ("people", "person.francois_hollande", "Hollande"),
    ("people", "person.thierry_breton", "Breton"),
]


@pytest.mark.parametrize("name, entry_id, form", MUST_BE_FLAGGED)
def test_gazetteers_known_ambiguous_forms_are_flagged(gaz, name, entry_id, form):
    (entry,) = [e for e in entries(gaz, name) if e["id"] == entry_id]
    assert form in forms(entry) and is_ambiguous(entry, form)


def test_orgs_acronym_canonical_names(gaz):
    """Canonical name = the form analysts write; the long form is an alias."""
    by_id = {o["id"]: o for o in gaz["orgs"]["orgs"]}
    assert by_id["org.aesia"]["name"] == "AESIA"
    assert by_id["org.incibe"]["name"] == "INCIBE"
    assert by_id["org.cni_ccn"]["name"] == "CNI-CCN"
    assert by_id["org.bpifrance"]["name"] == "Bpifrance"
    assert by_id["org.amazon_web_services"]["name"] == "Amazon Web Services"
