"""Feed-shaped text (see /work/shared/REAL_FEEDS.md): printed publication dates, page
furniture, titles glued to the text, a currency written once, conversions, and one row per
fact however often it is told. Each table has cases that must fire next to look-alikes that
must not."""
from __future__ import annotations

from datetime import date

import dateparser
import pytest

from pipeline.io.readers import article_from_record
from pipeline.mentions.furniture import furniture_reason, glue_points
from pipeline.normalize.published import published_in_text


def _investments(rows):
    return [r for r in rows.investments if r["kind"] == "investment"]


def _money(rows):
    return sorted((r["amount_value"], r["amount_currency"]) for r in _investments(rows))


# ---- publication date printed in the page -------------------------------------------------

PRINTED_DATES = [
    # (text, date read, as written for the dateparser cross-check)
    ("Publié le 19/05/25 à 09:31\nMicrosoft investit 4 milliards d'euros.", date(2025, 5, 19), "19/05/2025"),
    ("Cloud > Datacenters\n17/02/2025 à 16:50 Microsoft investit 4 milliards d'euros.", date(2025, 2, 17), "17/02/2025"),
    ("Mis à jour le 3 mars 2025\nLe groupe investira 2 milliards.", date(2025, 3, 3), "3 mars 2025"),
    ("Par Jean Dupont\n13 mai 2024 · 3 min de lecture\nAmazon investit.", date(2024, 5, 13), "13 mai 2024"),
    ("Paris, le 13 mai 2024 - Le groupe Asseco investira 350 millions d'euros.", date(2024, 5, 13), "13 mai 2024"),
    ("Mis à jour le 5 mars 2025 à 10:00 | Publié le 3 mars 2025 à 08:00\nTexte.", date(2025, 3, 3), "3 mars 2025"),
    ("Le Courrier · Marchés\n13 mai 2024 · Lecture 4 min Grèce : Digital Realty va investir 150 millions d'euros "
     "à Athènes et en Crète L'américain Digital Realty va consacrer", date(2024, 5, 13), "13 mai 2024"),
    ("STOCKHOLM, 12 mars 2024 (Reuters) - Norrkraft Data va investir.", date(2024, 3, 12), "12 mars 2024"),
    ("Propos recueillis par Sophie Amaral, à Lisbonne · 12 septembre 2025 · Lecture 5 min\n« Nous construirons »",
     date(2025, 9, 12), "12 septembre 2025"),
    ("La Matinale Tech — newsletter\nÉdition du jeudi 6 février 2025\nBonjour à tous !", date(2025, 2, 6),
     "6 février 2025"),
    ("Publié le mardi 2 janvier 2024\nMistral AI lève 600 millions.", date(2024, 1, 2), "2 janvier 2024"),
]
NOT_PUBLICATION_DATES = [
    "Microsoft investit. Le 13 mai 2024, il a signé un accord avec Paris.",
    "Microsoft a signé le 13 mai 2024 à 10h un accord.",
    "Le projet sera livré le 13 mai 2026.\nGoogle investit.",
    "Le site ouvrira le 13 mai, a précisé le groupe.",
    "Microsoft investit 4 milliards d'euros.",
]


@pytest.mark.parametrize("text, expected, written", PRINTED_DATES)
def test_feeds_printed_publication_date_is_read(text, expected, written):
    found = published_in_text(text)
    assert found is not None and found.value == expected
    assert dateparser.parse(written, languages=["fr"], settings={"DATE_ORDER": "DMY"}).date() == expected


@pytest.mark.parametrize("text", NOT_PUBLICATION_DATES)
def test_feeds_event_dates_are_not_the_publication_date(text):
    assert published_in_text(text) is None


@pytest.mark.parametrize("text, published, source", [
    ("Publié le 12/03/2024 à 10h05\nAmazon investit 1,2 milliard d'euros en Espagne.", "2024-03-12", "text"),
    ("Amazon investit 1,2 milliard d'euros en Espagne.", None, "none"),
])
def test_feeds_documents_row_says_where_the_date_came_from(extract, text, published, source):
    rows = extract(text)
    assert (rows.document["published"], rows.document["published_source"]) == (published, source)


def test_feeds_feed_date_wins_over_the_printed_one(extract):
    rows = extract("Publié le 12/03/2024\nAmazon investit 1,2 milliard d'euros.", published="2024-02")
    assert (rows.document["published"], rows.document["published_source"]) == ("2024-02", "meta")


@pytest.mark.parametrize("text, published, body", [
    ("date 2024-05 Amazon investit 1,2 milliard d'euros.", "2024-05", "Amazon investit 1,2 milliard d'euros."),
    ("date 2024-05\nAmazon investit.", "2024-05", "Amazon investit."),
    ("Amazon investit en date 2024-05.", None, "Amazon investit en date 2024-05."),
])
def test_feeds_jsonl_text_may_open_with_a_date_line(text, published, body):
    article = article_from_record({"id": "x", "text": text}, "f.jsonl", "line 1")
    assert article.published == published
    assert article.text[article.body_start:] == body


# ---- page furniture ---------------------------------------------------------------------

FURNITURE = [
    "Accueil > Cloud > Datacenters",
    "Tech | Cloud | IA",
    "Par Jean Dupont, journaliste",
    "Jean Dupont, rédacteur en chef adjoint",
    "Temps de lecture : 3 min",
    "#cloud #Occitanie #Toulouse",
    "4 min de lecture",
    "Partager",
    "Facebook Twitter LinkedIn",
    "Newsletter",
    "Recevez chaque matin l'essentiel de l'actualité",
    "© AFP",
    "Crédit photo : Marie Martin / AFP",
    "Lire aussi : Google investit 2 milliards d'euros en Belgique",
    "À lire aussi Amazon mise 1 milliard sur l'Espagne",
    "Articles similaires",
    "Tags : cloud, IA, datacenter",
    "Publié le 12/03/2024 à 10h05",
    "13 mai 2024 · 3 min",
    "Accueil  Pays  Secteurs  Entreprises  Opinions  Newsletter",
    "TelecomInfo · Opérateurs",
    "| Financement",
    "Vous recevez cet e-mail car vous êtes abonné(e) à La Matinale. Voir la version en ligne",
    "Télécharger le communiqué (PDF)",
    "Marie-Ève Tremblay",
    "Menu  Suède  Norvège  Finlande  Danemark  Énergie  Tech",
]
ARTICLE_LINES = [
    "Microsoft investit 4 milliards d'euros en France.",
    "Le groupe américain a annoncé un plan de 4 milliards d'euros",
    "Pourquoi la France ?",
    "Par ailleurs, le groupe formera 100 000 personnes.",
    "Le 13 mai 2024, Microsoft a annoncé un plan.",
    "Brad Smith, président de Microsoft, a salué l'accord.",
    "Cloud souverain : la France accélère",
    "Nscale · Aker",
    "Télécharger des films coûte cher aux studios, qui investissent 2 milliards d'euros par an dans la lutte.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_feeds_furniture_lines_are_recognised(line):
    assert furniture_reason(line)


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_feeds_article_lines_are_not_furniture(line):
    assert furniture_reason(line) == ""


PAGE = ("Accueil > Cloud > Datacenters\nPar Jean Dupont, journaliste\nPublié le 19/05/25 à 09:31\n"
        "Le groupe américain Microsoft investira 4 milliards d'euros en France d'ici 2027.\n"
        "Lire aussi : Google investit 2 milliards d'euros en Belgique\n"
        "Crédit photo : Marie Martin / AFP\n"
        "Articles similaires\nAmazon mise 1 milliard d'euros sur l'Espagne\nOVHcloud lève 300 millions d'euros")


def test_feeds_furniture_yields_no_mention_and_no_fact(extract):
    rows = extract(PAGE)
    assert _money(rows) == [("4000000000", "EUR")]
    names = {m["value"] for m in rows.mentions if m["label"] in {"PERSON", "ORG"}}
    assert not names & {"Jean Dupont", "Marie Martin", "Google", "Amazon", "OVHcloud", "AFP"}
    assert "BE" not in {m["value"] for m in rows.mentions if m["label"] == "COUNTRY"}


# ---- titles glued to the first sentence -----------------------------------------------------

@pytest.mark.parametrize("text, points", [
    ("Microsoft investit en FranceLe groupe a annoncé un plan.", [28]),
    ("Un plan de 4 milliards d'eurosSelon le groupe, le site ouvrira.", [30]),
    ("OpenAI et LinkedIn investissent. La société DeepMind aussi.", []),
    ("Le groupe TotalEnergies investit.", []),
])
def test_feeds_glue_points_split_a_title_from_the_text(text, points):
    assert glue_points(text, 0, len(text)) == points


def test_feeds_glued_title_makes_no_junk_org_and_one_fact(extract):
    rows = extract("Microsoft investit 4 milliards d'euros en FranceLe groupe américain Microsoft "
                   "a annoncé lundi qu'il investira 4 milliards d'euros en France d'ici 2027.")
    orgs = {m["value"] for m in rows.mentions if m["label"] == "ORG"}
    assert all("Le " not in o and "FranceLe" not in o for o in orgs)
    facts = _investments(rows)
    assert len(facts) == 1 and facts[0]["period_end"] == "2027"


# ---- a currency written once -----------------------------------------------------------------

CARRIED = [
    ("Le groupe investira 12 milliards d'euros en France, dont 900 millions dans la région.",
     [("12000000000", "EUR"), ("900000000", "EUR")]),
    ("Le groupe investira 12 milliards d'euros en France. Il investira aussi 900 millions en Alsace.",
     [("12000000000", "EUR"), ("900000000", "EUR")]),
    ("Amazon investira 2 milliards de dollars aux États-Unis, dont 500 millions dans l'Ohio.",
     [("2000000000", "USD"), ("500000000", "USD")]),
    # beyond its passage, the article's one currency so far (a conversion aside)
    ("Fynbit investira 2,4 milliards de couronnes danoises (environ 320 millions d'euros) à Esbjerg.\n"
     "Comment le projet est-il financé ?\nLe fonds EIFO lui accorde un prêt de 300 millions.",
     [("2400000000", "DKK"), ("300000000", "DKK")]),
]
NOT_CARRIED = [
    # beyond its passage, an article that has used two currencies: no currency is guessed
    "Le groupe investira 12 milliards d'euros en France et 2 milliards de dollars aux États-Unis.\n"
    "Il investira aussi 900 millions en Alsace.",
]


def _amount_values(rows):
    return sorted(tuple(m["value"].split()) for m in rows.mentions if m["label"] == "AMOUNT")


@pytest.mark.parametrize("text, money", CARRIED)
def test_feeds_currency_written_once_carries_to_the_next_amounts(extract, text, money):
    assert _amount_values(extract(text)) == sorted(money)


@pytest.mark.parametrize("text", NOT_CARRIED)
def test_feeds_currency_is_not_guessed_between_two_beyond_the_passage(extract, text):
    assert ("900000000", "EUR") not in _amount_values(extract(text))


@pytest.mark.parametrize("text, amount, alt", [
    ("Microsoft investira 1,5 milliard de zlotys (350 millions d'euros) en Pologne.",
     ("1500000000", "PLN"), ("350000000", "EUR")),
    ("Microsoft investira 350 millions d'euros (1,5 milliard de zlotys) en Pologne.",
     ("350000000", "EUR"), ("1500000000", "PLN")),
])
def test_feeds_conversion_keeps_the_figure_as_written(extract, text, amount, alt):
    facts = _investments(extract(text))
    assert len(facts) == 1
    row = facts[0]
    assert (row["amount_value"], row["amount_currency"]) == amount
    assert (row["amount_alt_value"], row["amount_alt_currency"]) == alt


# ---- one row per fact -------------------------------------------------------------------------

REPEATED = [
    # heading + body
    ("Microsoft va investir 4 milliards d'euros en France\n"
     "Le groupe américain Microsoft a annoncé lundi qu'il investira 4 milliards d'euros en France d'ici 2027.",
     "Le groupe américain"),
    # lead + body, written differently
    ("Microsoft investit 4 Md€ en France.\nLe groupe Microsoft a confirmé lundi à Paris qu'il investira "
     "quatre milliards d'euros dans ses centres de données en France d'ici 2027.",
     "Le groupe Microsoft"),
]


@pytest.mark.parametrize("text, evidence_start", REPEATED)
def test_feeds_a_fact_told_twice_is_one_row(extract, text, evidence_start):
    facts = _investments(extract(text))
    assert len(facts) == 1
    row = facts[0]
    assert row["evidence"].startswith(evidence_start)
    assert row["other_evidence"] and row["period_end"] == "2027"


def test_feeds_two_different_amounts_stay_two_rows(extract):
    facts = _investments(extract("Microsoft investira 4 milliards d'euros en France. "
                                 "Google investira 2 milliards d'euros en Belgique."))
    assert len(facts) == 2 and all(not r["other_evidence"] for r in facts)


def test_feeds_a_pledge_told_twice_is_one_row(extract):
    rows = extract("Microsoft s'engage à former 100 000 personnes\n"
                   "Le groupe Microsoft s'engage à former 100 000 personnes en France d'ici 2027.")
    pledges = [r for r in rows.investments if r["kind"] == "commitment" and r["category"] == "training"]
    assert len(pledges) == 1 and pledges[0]["other_evidence"]


# ---- amounts that are not the article's investment ----------------------------------------

NOT_INVESTMENTS = [
    # (text, the amount that must not be an investment row, the one that must)
    ("Data4 investira 2 milliards d'euros d'ici 2030 en Île-de-France, dont 1,2 milliard pour Nozay.",
     ("1200000000", "EUR"), ("2000000000", "EUR")),
    ("Proximus investira 1 milliard d'euros pour raccorder 4,2 millions de foyers à la fibre d'ici 2028, "
     "contre 1,5 million aujourd'hui.", ("1500000", "EUR"), ("1000000000", "EUR")),
    ("Le ministère évoque 10 milliards de zlotys d'annonces, tous secteurs et investisseurs confondus. "
     "Equinix investira 1,4 milliard de zlotys à Varsovie.", ("10000000000", "PLN"), ("1400000000", "PLN")),
    ("SK hynix a démenti les informations selon lesquelles il investirait 4 milliards de dollars en Hongrie. "
     "Samsung investira 1 milliard de dollars en Pologne.", ("4000000000", "USD"), ("1000000000", "USD")),
    ("Le précédent fonds, de 45 millions d'euros, avait soutenu dix start-up. "
     "Le nouveau fonds investira 100 millions d'euros en Grèce.", ("45000000", "EUR"), ("100000000", "EUR")),
    # a fund's assets under management are no money it invests now
    ("Le fonds suédois Malmö Growth investira 60 millions d'euros dans la start-up lilloise Verdi. "
     "Le fonds gère 9 milliards de dollars d'actifs.", ("9000000000", "USD"), ("60000000", "EUR")),
]


@pytest.mark.parametrize("text, not_fact, fact", NOT_INVESTMENTS)
def test_feeds_parts_counts_totals_and_denials_are_not_investments(extract, text, not_fact, fact):
    money = _money(extract(text))
    assert not_fact not in money and fact in money


def test_feeds_parts_that_add_up_replace_their_total(extract):
    money = _money(extract("Telia investira 150 millions d'euros dans les pays baltes, dont 70 millions "
                           "d'euros en Lituanie, 50 millions d'euros en Estonie et 30 millions d'euros en Lettonie."))
    assert ("150000000", "EUR") not in money and ("70000000", "EUR") in money


# ---- a name after an organisation noun is an organisation ---------------------------------

@pytest.mark.parametrize("text, org, person", [
    ("Nord Security a levé 100 millions de dollars auprès du fonds américain Warburg Pincus.", "Warburg Pincus", None),
    ("Selon une étude du cabinet Knight Frank, le marché doublera.", "Knight Frank", None),
    ("Le cofondateur Mark Zuckerberg a renoncé au campus de Meta.", None, "Mark Zuckerberg"),
    ("Le ministre Bruno Le Maire a salué l'accord.", None, "Bruno Le Maire"),
])
def test_feeds_name_after_an_organisation_noun_is_no_person(extract, text, org, person):
    rows = extract(text)
    people = {m["value"] for m in rows.mentions if m["label"] == "PERSON"}
    orgs = {m["value"] for m in rows.mentions if m["label"] == "ORG"}
    if org:
        assert org in orgs and org not in people
    if person:
        assert person in people


def test_feeds_a_digest_heading_in_capitals_places_its_brief(extract):
    """A digest's brief opens with its country in capitals; an unknown town in it lies in that
    country, not in the one the digest speaks of most."""
    text = ("Le fil éco du jeudi\n"
            "MAROC — Un centre de données de 2 milliards de dirhams à Benguérir\n"
            "Le Maroc investira 2 milliards de dirhams dans un centre de données à Benguérir, près de "
            "Marrakech, a annoncé le gouvernement marocain. Le Maroc vise 500 MW d'ici 2030.\n"
            "CANADA — Granby : 90 millions $ pour une usine de capteurs\n"
            "Le fabricant Cerulean Optics investira 90 millions $ dans une usine de capteurs à Granby, "
            "qui emploiera 120 personnes.\n")
    rows = extract(text, "2025-10-08")
    countries = {m["value"] for m in rows.mentions if m["label"] == "COUNTRY"}
    assert {"MA", "CA"} <= countries
    links = {r["amount_value"]: r["country"] for r in rows.investments if r["kind"] == "investment"}
    assert links.get("90000000") == "CA"


def test_feeds_an_unknown_town_lies_where_its_reference_point_is(extract):
    """"à Albert, à une trentaine de kilomètres d'Amiens": Albert is in France, even after
    places of the company's home country named closer before it."""
    text = ("Le groupe de Cologne Rheinblick Data, qui exploite déjà deux centres de données à Francfort et "
            "dans la Ruhr, s'installe à Corbie, à une quinzaine de kilomètres d'Amiens. L'hébergeur allemand "
            "y investira 140 millions d'euros d'ici 2028 dans un campus de 40 MW.")
    rows = [r for r in extract(text, "2026-02-17").investments if r["kind"] == "investment"]
    assert [(r["amount_value"], r["country"]) for r in rows] == [("140000000", "FR")]


def test_feeds_a_town_lies_in_the_district_the_text_names(extract):
    """A town GeoNames knows better elsewhere lies where the text says it does:
    "à Florești, dans le département de Cluj" is in Romania, not in Moldova."""
    text = ("La BERD prête 30 millions d'euros à Someș Data pour un centre de données de 10 MW à Florești, "
            "dans le département de Cluj. Le centre ouvrira en 2027.")
    rows = [r for r in extract(text, "2025-05-20").investments if r["kind"] == "investment"]
    assert [(r["amount_value"], r["country"]) for r in rows] == [("30000000", "RO")]
