"""Extraction behaviour on short articles a user could paste: one table per concern."""
from __future__ import annotations

import pytest


def _values(rows, label):
    return {m["value"] for m in rows.mentions if m["label"] == label}


def _investments(rows):
    return [r for r in rows.investments if r["kind"] == "investment"]


# ---- people: canonical names and roles ----------------------------------------------------

PEOPLE = [
    ("Jensen Huang, PDG de Nvidia, a annoncé le projet. M. Huang a ensuite précisé les détails.",
     "Jensen Huang", "PDG de Nvidia"),
    ("Le chancelier allemand Friedrich Merz a salué l'accord conclu à Berlin.",
     "Friedrich Merz", "chancelier allemand"),
    ("« C'est un signal fort », a déclaré Keir Starmer, Premier ministre britannique, mardi.",
     "Keir Starmer", "Premier ministre britannique"),
    ("La ministre Clara Chappaz a visité le site. Selon Chappaz, le projet avance.",
     "Clara Chappaz", "ministre"),
]


@pytest.mark.parametrize("text, name, role", PEOPLE)
def test_extraction_person_full_name_and_role(extract, text, name, role):
    rows = extract(text)
    people = {(m["value"], m["role"]) for m in rows.mentions if m["label"] == "PERSON"}
    assert (name, role) in people
    assert _values(rows, "PERSON") == {name}


def test_extraction_surname_alone_links_to_gazetteer_full_name(extract):
    rows = extract("Sous Obama, l'administration avait déjà contesté ces demandes.")
    assert _values(rows, "PERSON") == {"Barack Obama"}


@pytest.mark.parametrize("text, people", [
    # family name first, then the title and the family name alone
    ("« Le site est stratégique », a dit sa directrice générale, Park Ji-won, mardi. "
     "Mme Park a visité les laboratoires.", {"Park Ji-won"}),
    # a name the NER calls MISC, coordinated with a person or followed by a role
    ("La société a été fondée à Tallinn par Karl Tamm et Rasmus Lepik en 2015.", {"Karl Tamm", "Rasmus Lepik"}),
    ("« Nous doublons la capacité », a déclaré Per Lindqvist, responsable de la division cloud d'Ericsson.",
     {"Per Lindqvist"}),
    # a name the NER calls LOC, before a person it is coordinated with; a name after a role
    ("Fondée en 2020 à Cracovie par Magdalena Sroka et Piotr Kalinowski, Sonarix développe des sonars.",
     {"Magdalena Sroka", "Piotr Kalinowski"}),
    ("Le vice-président Kashim Shettima ouvre le forum à Abuja devant 1 200 participants.", {"Kashim Shettima"}),
    # a person inside a periphrasis of his company
    ("Le groupe de Mark Zuckerberg a présenté mardi à Paris une série d'engagements.", {"Mark Zuckerberg"}),
    # names that are an investment firm or a place, not people
    ("Le tour est mené par le fonds Warburg Pincus, avec la participation de Burda Principal Investments.", set()),
    ("La région est en concurrence avec Móra la Nova, plus au sud, pour la gigafactory.", set()),
    # a name the NER cuts inside: its first name or surname right next to it belongs to it,
    # not an agency spoken to nor the "État" of a title
    ("« La région a les ingénieurs », résume Giedrė Paulauskaitė, associée gérante d'Amber Gate Ventures.",
     {"Giedrė Paulauskaitė"}),
    ("« Nous voulons rapatrier cette étape », résume la directrice générale, Lucía Otero Barreiro.",
     {"Lucía Otero Barreiro"}),
    ("« Le Nord coche toutes les cases », a déclaré à Reuters Marcus Bell, directeur général de Northwind Compute.",
     {"Marcus Bell"}),
    # a Maghreb place after "de" or in a list; company names ending in a company word of their language
    ("Le programme doit raccorder 300 000 foyers des gouvernorats de Kairouan, Kasserine et Sidi Bouzid.", set()),
    ("Piémont : Dora Robotica, filiale du lyonnais Fourvière Automation, lève 28 millions d'euros.", set()),
    ("Le motoriste Pyrène Moteurs investit de son côté 25 millions d'euros à Blagnac.", set()),
])
def test_extraction_people_beyond_the_ner_label(extract, text, people):
    assert _values(extract(text), "PERSON") == people


def test_extraction_a_company_name_is_no_person_in_a_heading(extract):
    # the NER reads the digest heading's name as a person; the body names it a company
    text = ("2. SÉNÉGAL — Kora Logistics boucle sa série A\n"
            "La jeune pousse dakaroise Kora Logistics a levé 7,2 milliards de francs CFA lors d'un tour de table "
            "mené par le fonds Sahel Ventures.")
    assert "Kora Logistics" not in _values(extract(text, "2026-03-12"), "PERSON")


@pytest.mark.parametrize("text", [
    "Par Jeanne Martin, le 12/03/2025 à 10h02\nAmazon investit à Marseille.",
    "© AFP / Justin Tallis\nGoogle ouvre un centre de données.",
    "Karine Bouchard | Le Progrès du Saguenay\nGoogle ouvre un centre de données.",
])
def test_extraction_bylines_and_credits_give_no_person(extract, text):
    assert _values(extract(text), "PERSON") == set()


# ---- countries: names, adjectives, periphrases; regions are not countries -----------------

@pytest.mark.parametrize("text, codes", [
    ("Le groupe investira outre-Rhin et dans l'Hexagone.", {"DE", "FR"}),
    ("Le gouvernement britannique a salué l'annonce faite outre-Manche.", {"GB"}),
    ("La multinationale américaine s'implante en Pologne.", {"US", "PL"}),
    ("L'Union européenne et l'Europe ne sont pas des pays.", set()),
    # a language is no country: "en anglais", "des cours d'allemand"
    ("Le groupe kényan publiera des modèles en swahili et en anglais.", {"KE"}),
    # the three Guineas, each by its own name
    ("La Guinée-Bissau et la Guinée équatoriale regardent la Guinée investir à Kankan.", {"GW", "GQ", "GN"}),
    ("Le groupe investira en Mauritanie, au Tchad et en Centrafrique.", {"MR", "TD", "CF"}),
])
def test_extraction_country_codes(extract, text, codes):
    assert _values(extract(text), "COUNTRY") == codes


@pytest.mark.parametrize("text, origin", [
    ("Le suédois Ericsson mène le tour de table de Mistral AI.", "SE"),
    ("L'estonien Bolt ouvre un bureau à Lyon.", "EE"),
    # after a company noun, also one with a complement or a less common noun
    ("Le fonds d'infrastructure américain Brookfield investira 2 milliards d'euros en Allemagne.", "US"),
    ("Le développeur finlandais Helvara Data investira 1 milliard d'euros en Suède.", "FI"),
])
def test_extraction_nationality_as_a_noun_before_a_name_is_origin(extract, text, origin):
    rows = extract(text)
    assert origin in {m["value"] for m in rows.mentions if m["label"] == "COUNTRY" and m["role"] == "origin"}


def test_extraction_company_nationality_is_origin_not_target(extract):
    rows = extract("Le géant américain Oracle va investir 1 milliard d'euros en Italie.")
    origin = {m["value"] for m in rows.mentions if m["label"] == "COUNTRY" and m["role"] == "origin"}
    assert origin == {"US"}
    assert [r["country"] for r in _investments(rows)] == ["IT"]


# ---- sites and places ----------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    # cities the gazetteers do not list get their country from GeoNames
    ("Le groupe Kelvo investira 20 millions d'euros dans un centre de données à Osijek.", "HR"),
    ("Le groupe Kelvo investira 20 millions d'euros dans un laboratoire situé à Meylan.", "FR"),
    # a town of the country the article names, not its larger homonym abroad (Athlone, South Africa)
    ("Le groupe Kelvo investit 80 millions d'euros en Irlande, dans le comté de Westmeath.\nL'agence IDA Ireland "
     "lui verse une aide de 6 millions d'euros pour son site d'Athlone.", "IE"),
    # a small town GeoNames knows only abroad is not placed abroad in an article about another country
    ("Le gouvernement du Portugal l'a annoncé lundi : le groupe indien Kaveri Softlabs va investir 30 millions "
     "d'euros d'ici 2027 dans un centre de développement logiciel à Fundão.", "PT"),
])
def test_extraction_unlisted_city_gives_its_country(extract, text, country):
    assert {r["country"] for r in _investments(extract(text, "2025-05-01"))} == {country}


def test_extraction_an_article_that_names_no_country_is_in_the_country_of_its_cities(extract):
    text = ("Nubalia investira 200 millions d'euros dans un nouveau campus de calcul, a annoncé mardi son "
            "directeur général, Marc Delorme.\nLe projet doit accueillir des serveurs pour l'intelligence "
            "artificielle. Il sera raccordé au réseau l'an prochain. Les travaux commenceront au printemps.\n"
            "L'entreprise exploite déjà des centres de données à Lyon et à Grenoble, où elle emploie 400 personnes.")
    assert [r["country"] for r in _investments(extract(text, "2025-05-01"))] == ["FR"]


def test_extraction_an_unknown_region_is_in_the_country_of_the_city_it_follows(extract):
    # "Voïvodine" is in no gazetteer: Novi Sad places it in Serbia, not in the page's Bulgaria
    text = ("Forum de l'investissement à Sofia : les annonces de la journée\n"
            "Le gouvernement bulgare salue les projets annoncés. La Bulgarie attend 4 milliards de leva.\n"
            "16h10 – Serbie : Vetta Digitale choisit Novi Sad\n"
            "L'opérateur italien Vetta Digitale investira 12 milliards de dinars d'ici 2027 dans un site de 20 MW "
            "à Novi Sad, en Voïvodine, a annoncé son directeur général.")
    rows = extract(text, "2025-09-24")
    assert [r["country"] for r in _investments(rows) if r.get("amount_value") == "12000000000"] == ["RS"]
    assert {m["value"]: m["country"] for m in rows.mentions if m["label"] == "SITE"}.get("Voïvodine") == "RS"


@pytest.mark.parametrize("text, value, country", [
    # money spread over several countries, or a region where it goes, has no country (corpus/README.md)
    ("Kallavesi Data, qui exploite déjà deux centres à Kuopio, consacrera par ailleurs 300 millions d'euros "
     "à de nouvelles salles en Europe, sans préciser les pays.", "300000000", ""),
    ("Le groupe suédois Ljusdal Micro consacrera 150 millions d'euros à ses laboratoires d'Autriche, de "
     "Pologne et des Pays-Bas.", "150000000", ""),
    # a region in a name or a scheme is not where the money goes
    ("La Commission européenne financera 20 millions d'euros du câble de Bari au titre du Mécanisme pour "
     "l'interconnexion en Europe.", "20000000", "IT"),
])
def test_extraction_money_spread_over_several_countries_has_none(extract, text, value, country):
    rows = {r["amount_value"]: r["country"] for r in extract(text, "2025-04").investments if r["kind"] == "investment"}
    assert rows.get(value) == country


def test_extraction_money_in_a_national_currency_is_spent_in_its_country_when_nothing_else_says(extract):
    text = ("L'opérateur Polnet Telekom va investir 1,2 milliard de zlotys d'ici 2028 pour raccorder les campagnes "
            "à la fibre. Le programme bénéficiera en outre d'une subvention de 350 millions de zlotys du "
            "ministère des Affaires numériques.")
    assert {r["country"] for r in _investments(extract(text, "2025-05-01"))} == {"PL"}


@pytest.mark.parametrize("text, sites, places", [
    ("Equinix construira un nouveau centre de données à Varsovie.", {"Varsovie"}, set()),
    ("Lors du sommet organisé à Versailles, Amazon a annoncé un campus de centres de données à Dunkerque.",
     {"Dunkerque"}, {"Versailles"}),
    ("Le site sera construit à Waltham Cross, au nord de Londres.", {"Waltham Cross"}, {"Londres"}),
    ("Google a inauguré un centre lyonnais dédié à l'IA.", {"Lyon"}, set()),
    # a headquarters, a facility the company already has, a cancelled project: no site
    ("Le groupe, basé à Toulouse, construira un centre de données à Bordeaux.", {"Bordeaux"}, {"Toulouse"}),
    ("Les robots sont testés au siège du groupe, à Rennes, avant le nouveau site de Brest.", {"Brest"}, {"Rennes"}),
    ("Le groupe dispose aussi d'un centre de données à Lille, et il en construira un à Nantes.", {"Nantes"}, {"Lille"}),
    ("Le groupe renonce à son centre de données de Strasbourg.", set(), {"Strasbourg"}),
    ("Le groupe avait annoncé en 2023 deux centres de données, à Reims et à Dijon, désormais opérationnels.",
     set(), {"Reims", "Dijon"}),
    # a project said to be situated somewhere is there, with no facility word near the place
    ("Le projet, situé près de Vierzon, comprendra deux bâtiments.", {"Vierzon"}, set()),
    # a telecom network's places are its sites
    ("L'opérateur déploiera la fibre optique dans les comtés de Kerry et de Mayo.", {"Kerry", "Mayo"}, set()),
    # a distance reference after the precise place is no site, however the distance is written
    ("Le centre de données sera construit à Saclay, à une vingtaine de kilomètres au sud de Paris.",
     {"Saclay"}, {"Paris"}),
    ("Le groupe abandonnait la construction de son centre de données de Metz.", set(), {"Metz"}),
    # a competitor's facility, an earlier one, one the company already has
    ("Son concurrent Halvard Bio a présenté un supercalculateur installé près de Lyon.", set(), {"Lyon"}),
    ("Sa filiale avait déjà consacré 1 milliard en 2021 à un premier centre de données à Tours.", set(), {"Tours"}),
    ("Le pays ne dispose aujourd'hui que d'un supercalculateur installé à Angers.", set(), {"Angers"}),
    # staff or companies already present somewhere: no new facility there
    ("Le groupe emploie déjà 900 ingénieurs dans son centre de recherche à Nancy.", set(), {"Nancy"}),
    ("Les deux hébergeurs, installés à Limoges et à Poitiers, exploitent des centres de données.",
     set(), {"Limoges", "Poitiers"}),
    ("Les serveurs seront installés à Orléans dans un nouveau centre de données.", {"Orléans"}, set()),
    ("L'installation sera hébergée à Kloten, à deux pas de l'aéroport de Zurich.", {"Kloten"}, {"Zurich"}),
    # where the money goes, with no facility word; the place a heading asks about
    ("Vantor Digital mise 2 milliards de dollars sur l'Andalousie.", {"Andalousie"}, set()),
    ("Le groupe investit 300 millions d'euros.\nPourquoi la Lorraine ?\nLe foncier y est disponible.", {"Lorraine"}, set()),
    # a sea, a named machine and an earlier pledge are no sites
    ("Le géant agrandit son campus finlandais, installé au bord de la Baltique.", set(), set()),
    ("En 2022, le développeur CTP avait promis 2 milliards pour un campus à Brno.", set(), {"Brno"}),
    ("Le groupe a suspendu en 2024 ses projets d'usines à Magdebourg.", set(), {"Magdebourg"}),
    # a facility said to be installed somewhere is new: that place is its site
    ("Un supercalculateur installé à Grenoble sera financé par l'État.", {"Grenoble"}, set()),
    # a town the NER reads as a person, and the towns it lies between, which only situate it
    ("Le groupe Kelvo construira un campus de centres de données à Benslimane, entre Rabat et Casablanca.",
     {"Benslimane"}, {"Rabat", "Casablanca"}),
    ("Le groupe Kelvo répartira ses trois centres de données entre Lyon et Grenoble.", {"Lyon", "Grenoble"}, set()),
    # a capital that acts stands for its government
    ("Londres débloque 225 millions de livres pour un supercalculateur à Bristol.", {"Bristol"}, {"Londres"}),
    ("Le groupe construira une usine à Dresde, et Berlin soutient aussi son futur centre de données.",
     {"Dresde"}, {"Berlin"}),
    # a place the NER wraps in a common noun
    ("Le groupe agrandira son site d'Ennis, dans le comté de Clare.", {"Ennis", "Clare"}, set()),
    # a city opening a title is where the money goes, not where a start-up that raises comes from
    ("Publié le 3 mars 2025\nMougins : le suédois Evroc va construire un centre de données à 4 milliards d'euros\n"
     "Le chantier doit débuter cet été.", {"Mougins"}, set()),
    ("Cracovie : la start-up Sonora lève 50 millions de zlotys\nLa jeune pousse recrute.", set(), {"Cracovie"}),
    # a place only considered, nothing decided
    ("Le groupe investira 850 millions d'euros dans un campus à Anvers. Ses dirigeants n'excluent pas un second "
     "campus en Wallonie, mais aucune décision ne sera prise avant 2027.", {"Anvers"}, {"Wallonie"}),
    # a heading that says no, a company's first, earlier site
    ("Daon investira deux milliards d'euros dans une usine à Chemnitz.\nPas de seconde usine en Bavière\n"
     "Le groupe a démenti.", {"Chemnitz"}, {"Bavière"}),
    ("Nous investirons 400 millions de francs dans un campus à Pratteln. Votre premier site, à Münchenstein, "
     "est-il saturé ?", {"Pratteln"}, {"Münchenstein"}),
    # a press release's dateline in lowercase
    ("Lucerne, le 3 novembre 2025 – Pilatus Data investira 500 millions de francs dans un nouveau campus "
     "de centres de données à Birr.", {"Birr"}, {"Lucerne"}),
    # where the news was told, then where the plant goes
    ("Le patron du fabricant sud-coréen Daon Semiconductor a dévoilé à Berlin un projet d'usine "
     "d'encapsulation de mémoires à Chemnitz.", {"Chemnitz"}, {"Berlin"}),
])
def test_extraction_sites_versus_places(extract, text, sites, places):
    rows = extract(text)
    assert _values(rows, "SITE") == sites
    assert places <= _values(rows, "PLACE")


# ---- organisations -------------------------------------------------------------------------

@pytest.mark.parametrize("text, orgs", [
    ("AWS va ouvrir une région cloud. La firme de Redmond, elle, attend.", {"Amazon Web Services", "Microsoft"}),
    ("L'Institut national de cybersécurité (INCIBE) coopère avec Microsoft.", {"INCIBE", "Microsoft"}),
    ("Conclusion\nLes GAFAM dominent le marché du cloud.", set()),
    # a national unit that acts is its own organisation; the company's office is the company
    ("Orange Polska investira 2 milliards de zlotys dans la fibre.", {"Orange Polska"}),
    ("Google Ireland, la filiale irlandaise du groupe, va investir 1 milliard.", {"Google Ireland"}),
    ("Le ministre a visité le siège de Microsoft France.", {"Microsoft"}),
    # a company word or a foreign country name after a known company names its unit; a product stays
    ("Swisscom Ventures mène le tour de table.", {"Swisscom Ventures"}),
    ("Vodafone Italia et Orange Polska modernisent leurs réseaux.", {"Vodafone Italia", "Orange Polska"}),
    ("Le service Microsoft Cloud est disponible.", {"Microsoft"}),
    # a known company's one-word alias at the end of another name is part of that name
    ("L'opérateur Baltnet Telekom, basé à Kaunas, étend son réseau.", {"Baltnet Telekom"}),
    # a name written short after its full form is that organisation, unless presented as a group
    ("Le japonais Kioxa Systems construit une usine. Kioxa financera aussi une chaire.", {"Kioxa Systems"}),
    ("Le groupe sud-coréen Naver, via sa filiale Naver Cloud, s'associe à Tanger.", {"Naver", "Naver Cloud"}),
    # a capitalised Région is the institution, a lowercase région the place
    ("La Région Occitanie versera 5 millions d'euros.", {"Région Occitanie"}),
    ("Le campus sera construit dans la région Occitanie.", set()),
    # a body named with a place as its complement, as the text writes it
    ("Un crédit de 600 millions de francs accordé par la Banque cantonale du Valais, cheffe de file.",
     {"Banque cantonale du Valais"}),
    # a company noun then a locative: the town is where, not who
    ("La directrice détaille le nouveau campus de l'hébergeur à Pratteln, près de Bâle.", set()),
])
def test_extraction_org_canonical_names(extract, text, orgs):
    assert _values(extract(text), "ORG") == orgs


# ---- investments ---------------------------------------------------------------------------

INVESTMENTS = [
    # text, published, [(investor, country, value, currency, kind, period_end)]
    ("Amazon Web Services va investir 15,7 milliards d'euros en Espagne d'ici 2033.", "2024-05-20",
     [("Amazon Web Services", "ES", "15700000000", "EUR", "exact", "2033")]),
    ("Le suédois Telia injectera près de 2 Md SEK dans un centre de calcul à Stockholm.", "2025-03-01",
     [("Telia", "SE", "2000000000", "SEK", "approx", "")]),
    ("Microsoft a promis d'investir plus de 3,2 milliards d'euros outre-Rhin sur deux ans.", "2024-02-15",
     [("Microsoft", "DE", "3200000000", "EUR", "min", "2026")]),
    ("Oracle investira entre 2 et 3 milliards de dollars aux Pays-Bas.", "2025-01-10",
     [("Oracle", "NL", "2000000000", "USD", "range", "")]),
    ("Telefónica España investira 500 millions d'euros dans ses centres de données espagnols d'ici 2027.", "2025-01-10",
     [("Telefónica España", "ES", "500000000", "EUR", "exact", "2027")]),
    # the journalistic verbs of a bet and of a confirmed plan
    ("Equinix mise 1,2 milliard d'euros sur un campus près de Milan.", "2025-04-02",
     [("Equinix", "IT", "1200000000", "EUR", "exact", "")]),
    ("Le fonds Brookfield confirme 5 milliards de couronnes pour un centre de données en Suède.", "2025-04-02",
     [("Brookfield", "SE", "5000000000", "SEK", "exact", "")]),
]


@pytest.mark.parametrize("text, published, expected", INVESTMENTS)
def test_extraction_investment_rows(extract, text, published, expected):
    rows = _investments(extract(text, published))
    got = [(r["investor"], r["country"], r["amount_value"], r["amount_currency"], r["amount_kind"],
            r.get("period_end") or "") for r in rows]
    assert got == expected


def test_extraction_fund_raise_goes_where_the_start_up_comes_from_not_to_its_investor(extract):
    rows = _investments(extract("Nubeo lève 30 millions d'euros pour ses robots chirurgicaux\n"
                                "La jeune pousse lyonnaise boucle une série B menée par le fonds américain "
                                "Pinecrest Partners\nLa start-up Nubeo annonce une levée de 30 millions d'euros.",
                                "2025-05-01"))
    assert [(r["recipient"], r["country"]) for r in rows] == [("Nubeo", "FR")]
    # the investor's nationality, written after the company raising, is not the company's
    rows = _investments(extract("La start-up lyonnaise Lumeo a levé 20 millions d'euros auprès du fonds américain "
                                "Sequoia.", "2025-05-01"))
    assert [(r["recipient"], r["country"]) for r in rows] == [("Lumeo", "FR")]


def test_extraction_fund_raise_names_lead_investor_and_recipient(extract):
    rows = _investments(extract("La start-up française Mistral AI lève 600 millions d'euros auprès "
                                "de General Catalyst.", "2024-06-11"))
    assert [(r["investor"], r["recipient"], r["country"]) for r in rows] == [
        ("General Catalyst", "Mistral AI", "FR")]


def test_extraction_an_owner_in_an_apposition_is_not_the_investor(extract):
    rows = _investments(extract("Luleå : 800 millions d'euros pour agrandir un campus de données\n"
                                "En Suède, l'islandais atNorth agrandit son campus de Luleå. L'opérateur de centres "
                                "de données, propriété du fonds suisse Partners Group, a annoncé mercredi un "
                                "investissement de 800 millions d'euros pour étendre son campus d'ici 2027.",
                                "2025-05-01"))
    assert [r["investor"] for r in rows if r["amount_value"]] == ["atNorth"]


def test_extraction_a_unit_told_by_its_group_is_the_unit_the_article_names(extract):
    rows = _investments(extract("La filiale polonaise d'Orange prévoit d'investir 3 milliards de zlotys d'ici "
                                "2028. Orange Polska compte 12 millions de clients.", "2025-05-01"))
    assert [(r["investor"], r["country"]) for r in rows] == [("Orange Polska", "PL")]


@pytest.mark.parametrize("text, investor, recipient", [
    # the money pays for another company's work: that company receives it
    ("La BEI accorde deux prêts à la Lituanie. Le premier prêt, de 200 millions d'euros, financera "
     "la construction par le groupe Teltonika d'une usine de semi-conducteurs à Vilnius.",
     "BEI", "Teltonika"),
    # a public share named by its nationality: the state pays it
    ("Le câble sous-marin reliera Marseille à Alger. La contribution française, d'environ 300 millions "
     "d'euros, financera les travaux d'Orange.", "France", ""),
])
def test_extraction_money_that_pays_for_a_company_work_names_payer_and_recipient(
        extract, text, investor, recipient):
    rows = _investments(extract(text, "2025-05-01"))
    assert [(r["investor"], r["recipient"]) for r in rows] == [(investor, recipient)]


@pytest.mark.parametrize("text, expected", [
    # a gapped clause: the state of the second share pays it
    ("La Commission européenne apportera 20 millions d'euros pour un centre de calcul à Brno, et l'État "
     "tchèque 5 millions d'euros, a annoncé le ministère.",
     [("Commission européenne", "20000000"), ("Tchéquie", "5000000")]),
    # an amount in a relative clause is paid by the clause's antecedent, a regional government here
    ("La start-up va investir 80 millions d'euros à Rennes. Elle est soutenue par Bpifrance, qui apporte "
     "10 millions d'euros, et par la Région Bretagne, qui versera une subvention de 3 millions d'euros.",
     [("Bpifrance", "10000000"), ("Région Bretagne", "3000000")]),
    ("Le gouvernement wallon a débloqué 30 millions d'euros pour le campus de Mons.",
     [("gouvernement wallon", "30000000")]),
    # aid the company receives is paid by the body named after it
    ("Le fabricant Nordchip va investir 1,5 milliard d'euros dans une usine à Dresde et recevra 400 millions "
     "d'euros d'aides du ministère fédéral allemand de l'Économie.",
     [("Nordchip", "1500000000"), ("ministère fédéral de l'Économie", "400000000")]),
])
def test_extraction_each_share_of_a_shared_funding_has_its_payer(extract, text, expected):
    rows = _investments(extract(text, "2025-05-01"))
    got = [(r["investor"], r["amount_value"]) for r in rows]
    assert all(pair in got for pair in expected)


@pytest.mark.parametrize("text", [
    "Le chiffre d'affaires du groupe a atteint 3 milliards d'euros l'an dernier.",
    "La start-up est désormais valorisée à 6 milliards d'euros.",
    "Google avait annoncé l'an dernier un plan de 2 milliards d'euros.",
    "Au total, le groupe revendique plus de 3 milliards d'euros investis en Belgique depuis 2007.",
    "L'hôpital héberge 10 millions de dossiers médicaux.",
    # 'mise' as a noun is no bet
    "La mise en service du centre de données de 2 milliards d'euros a eu lieu en 2021.",
    # a plan told as what it was, or recalled from its announcement
    "Le projet de Magdebourg représentait un investissement de 30 milliards d'euros.",
    "Trois ans après l'annonce d'un investissement de 500 millions d'euros, le campus a ouvert.",
    # a competitor's figure
    "Le groupe construit à Athlone. Son concurrent britannique Arqen a, lui, annoncé en mars un site de "
    "600 millions de livres à Newport.",
    # private money public aid is expected to draw
    "Bruxelles autorise 1 milliard d'euros d'aides publiques. "
    "Les aides devraient attirer 2 milliards d'euros supplémentaires d'investissements privés.",
    # a fund's usual ticket is a size, not money invested
    "Le nouveau fonds prévoit d'accompagner une trentaine de jeunes pousses d'ici 2029, avec des tickets "
    "initiaux de 500 000 euros à 2 millions d'euros.",
    # public aid a project "comprend" is part of its plan, not money of its own
    "Le projet, situé près de Leoben, comprend 180 millions d'euros d'aides publiques accordées au titre de la loi "
    "européenne sur les semi-conducteurs, a précisé le ministère fédéral de l'Économie.",
    # a programme's endowment cited as context
    "Europe numérique, doté de 8,1 milliards d'euros pour 2021-2027, finance des centres similaires dans toute "
    "l'Union.",
])
def test_extraction_money_that_is_not_a_new_investment(extract, text):
    assert _investments(extract(text, "2025-05-01")) == []


def test_extraction_sentence_cut_off_at_the_end_gives_no_fact(extract):
    text = ("Amazon investira 1 milliard d'euros en Irlande.\n\nLe groupe prévoit aussi "
            "d'investir 2 milliards d'euros dans un second campus à Dub")
    rows = _investments(extract(text, "2025-04-02"))
    assert [r["amount_value"] for r in rows] == ["1000000000"]


def test_extraction_total_of_listed_parts_is_not_a_row(extract):
    text = ("Oracle investira 3 milliards de dollars : 2 milliards de dollars outre-Rhin et "
            "1 milliard de dollars aux Pays-Bas.")
    got = {(r["amount_value"], r["country"]) for r in _investments(extract(text, "2024-07-01"))}
    assert got == {("2000000000", "DE"), ("1000000000", "NL")}


def test_extraction_same_amount_twice_is_one_row_completed_by_anaphora(extract):
    text = ("Google investit 1 milliard d'euros en Finlande.\n\nLe géant américain a confirmé "
            "mardi 1 milliard d'euros pour son centre de données de Hamina.\n\n"
            "Cet investissement sera réalisé d'ici 2027.")
    rows = _investments(extract(text, "2024-05-14"))
    assert len(rows) == 1
    assert (rows[0]["investor"], rows[0]["country"], rows[0]["period_end"]) == ("Google", "FI", "2027")
    assert "Hamina" in rows[0]["sites"]


def test_extraction_anaphora_leaves_a_pledge_deadline_to_the_pledge(extract):
    text = ("La start-up lituanienne Vilnexa lève 50 millions d'euros auprès du fonds Eurazeo.\n\n"
            "Elle utilisera les fonds pour ses produits, et s'engage à recruter 200 ingénieurs d'ici 2027.")
    rows = _investments(extract(text, "2025-03-10"))
    assert [(r["amount_value"], r.get("period_end") or "") for r in rows] == [("50000000", "")]


def test_extraction_a_phase_of_a_plan_told_before_is_no_row_of_its_own(extract):
    text = ("Albion Data a annoncé un investissement de trois milliards de livres pour un campus à Hartlepool. "
            "La première tranche, 800 millions de livres, financera un premier bâtiment.")
    rows = _investments(extract(text, "2025-05-01"))
    assert [r["amount_value"] for r in rows] == ["3000000000"]


def test_extraction_founding_year_is_no_period_even_in_the_previous_sentence(extract):
    text = ("La start-up Kelvana, fondée en 2021 à Lyon, va construire un centre de données à Nantes. "
            "Le montant annoncé, environ 40 millions d'euros, couvre les bâtiments et les serveurs.")
    rows = _investments(extract(text, "2025-05-01"))
    assert [(r["amount_value"], r.get("period_end") or "") for r in rows] == [("40000000", "")]


def test_extraction_usd_amount_is_converted_at_the_publication_date(extract):
    [row] = _investments(extract("Meta investira 1 milliard de dollars en Irlande.", "2024-02-01"))
    assert row["fx_date"] == "2024-02-01"
    assert abs(float(row["amount_eur"]) - 1e9 / float(row["fx_rate"])) < 1
    assert 0.85e9 < float(row["amount_eur"]) < 0.97e9


# ---- commitments ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Le groupe s'engage à former 100 000 personnes d'ici 2026.", ("training", "100000", "people", "2026")),
    ("L'opérateur créera 300 emplois directs à Lyon.", ("jobs", "300", "jobs", "")),
    ("Le centre hébergera environ 10 000 GPU.", ("compute", "10000", "gpu", "")),
    ("Le campus sera alimenté à 100 % par de l'énergie renouvelable.", ("renewable_energy", "100", "percent", "")),
    # waste heat and water pledges are 'other' (corpus/README.md), not renewable energy
    ("La chaleur des serveurs sera récupérée pour chauffer la piscine municipale.", ("other", "", "", "")),
    ("L'exploitant s'engage à réduire de 30 % la consommation d'eau du site d'ici 2029.", ("other", "30", "percent", "2029")),
    # a future staff count, the first person of an interview, a future in -dra
    ("Le campus doit atteindre 160 MW et emploiera 250 personnes.", ("jobs", "250", "people", "")),
    ("« Nous créerons 600 emplois directs à terme », explique sa directrice.", ("jobs", "600", "jobs", "")),
    # chips as a count of compute, not as the product a plant makes
    ("Le groupe déploiera 20 000 puces Nvidia dans le centre.", ("compute", "20000", "gpu", "")),
    # the items of a list say what its introduction says
    ("Le groupe promet par ailleurs :\n- des centres alimentés à 100 % par de l'électricité bas carbone ;\n"
     "- la création de 300 emplois directs.", ("renewable_energy", "100", "percent", "")),
    ("Le groupe promet par ailleurs :\n- des centres alimentés à 100 % par de l'électricité bas carbone ;\n"
     "- la création de 300 emplois directs.", ("jobs", "300", "jobs", "")),
    # a hedge inside a relative clause speaks of that clause, not of the pledge around it
    ("La société, qui n'a pas dévoilé le montant, s'engage à former 5 000 étudiants.",
     ("training", "5000", "students", "")),
    # a power capacity to build is a data-centre pledge without a facility word next to it
    ("À terme, le site atteindra 400 MW.", ("datacenter", "400", "MW", "")),
    ("L'extension portera la capacité totale à 60 MW d'ici 2028.", ("datacenter", "60", "MW", "2028")),
    # a planned action: 'doit' + what it will do, 'compte aussi' + a verb
    ("L'usine doit démarrer en 2026 et employer 450 personnes.", ("jobs", "450", "people", "2026")),
    ("L'opérateur compte aussi recruter 200 techniciens.", ("jobs", "200", "jobs", "")),
    # 'other' pledges: a network roll-out, a production capacity, waste heat put to use
    ("L'opérateur s'engage à raccorder 600 000 foyers à la fibre d'ici 2027.", ("other", "600000", "other", "2027")),
    ("La couverture 5G doit atteindre 98 % de la population en 2026.", ("other", "98", "percent", "2026")),
    ("L'opérateur compte fermer son réseau cuivre d'ici 2029.", ("other", "", "", "2029")),
    ("Le site doit produire à terme 2 millions de batteries par an.", ("other", "", "", "")),
    ("Le fabricant promet de doubler sa production d'ici 2028.", ("other", "2", "factor", "2028")),
    ("La chaleur du site sera valorisée par une piscine voisine.", ("other", "", "", "")),
    # a share of renewable power is a pledge in itself, without a promise verb
    ("La machine est alimentée à 100 % par de l'électricité hydraulique.", ("renewable_energy", "100", "percent", "")),
    ("Le site met en avant son alimentation 100 % renouvelable.", ("renewable_energy", "100", "percent", "")),
    # a staff to grow or to keep; start-ups after another kind of firm; scholarships; AI safety
    ("La jeune pousse veut doubler ses effectifs d'ici 2026.", ("jobs", "2", "factor", "2026")),
    ("Le groupe s'engage à maintenir l'emploi sur le site jusqu'en 2030.", ("jobs", "", "", "2030")),
    ("Le centre accompagnera 30 PME et start-up de la région.", ("startups", "", "", "")),
    ("Le fonds promet des bourses pour 300 étudiants en informatique.", ("training", "300", "students", "")),
    ("L'entreprise financera 25 bourses de doctorat par an.", ("research", "", "", "")),
    ("Le gouvernement annonce la création d'un institut de sécurité de l'IA.", ("responsible_ai", "", "", "")),
    ("Le fonds aidera 200 PME à intégrer des outils d'IA.", ("other", "200", "companies", "")),
    ("La banque soutiendra 800 entreprises innovantes d'ici 2027.", ("startups", "", "", "2027")),
    ("Points clés du projet :\n- une alimentation électrique issue de sources renouvelables ;\n- un campus à Lille.",
     ("renewable_energy", "", "", "")),
    # an operator's new building is a data-centre pledge
    ("L'opérateur va ouvrir un nouveau bâtiment à Nantes.", ("datacenter", "", "", "")),
    # a trigger in a 'qui' clause speaks of its antecedent: the cue's noun or the subject
    ("Le groupe a choisi un terrain pour son centre de données, qui sera construit à Lyon.",
     ("datacenter", "", "", "")),
    ("L'usine, qui doit ouvrir en 2027, aura une capacité de 10 000 plaquettes par mois.", ("other", "", "", "2027")),
    # 'va' before an infinitive is a near future
    ("La société va y implanter un centre de données.", ("datacenter", "", "", "")),
    # an irregular future
    ("La jeune pousse recevra 5 millions d'euros pour ses activités de recherche.", ("research", "", "", "")),
    # a facility to open later is still pledged
    ("Le centre de données, qui sera inauguré en 2027, accueillera 5 000 GPU.", ("datacenter", "", "", "2027")),
])
def test_extraction_commitment_category_quantity_deadline(extract, text, expected):
    rows = [r for r in extract(text, "2025-01-15").investments if r["kind"] == "commitment"]
    got = {(r["category"], r.get("target_value") or "", r.get("target_unit") or "", r.get("period_end") or "")
           for r in rows}
    assert expected in got


@pytest.mark.parametrize("text", [
    "On ignore si le groupe pourrait former des salariés en Espagne.",
    # a concern about water is no pledge, even with a future participle in the sentence
    "Le projet suscite des inquiétudes en raison de la consommation d'eau prévue sur le site.",
    # a pledge told as the past of the story, or denied, is no commitment of the article
    "La société avait promis à l'époque 2 000 emplois dans la région.",
    "Le groupe ne construira pas le campus de 300 MW prévu près de Nancy.",
    # existing staff, and chips as a product
    "Le groupe emploie 1 900 personnes en Autriche.",
    "L'usine produira des puces pour les onduleurs des voitures électriques.",
    # a list of facts under a heading that pledges nothing
    "Le groupe annonce un campus à Lille.\nEn chiffres\n- 400 emplois directs sur le site ;\n- une croissance de 3 % en 2024.",
])
def test_extraction_hedged_or_concern_sentence_is_no_commitment(extract, text):
    rows = extract(text)
    assert [r for r in rows.investments if r["kind"] == "commitment"] == []


@pytest.mark.parametrize("text, category", [
    # a question promises nothing; a plan of the past ('devait') is no pledge of the article
    ("Comptez-vous construire un centre de données en Bretagne ?", "datacenter"),
    ("L'usine, d'un coût de 2 milliards d'euros, devait créer 800 emplois dans la région.", "jobs"),
    # the field as a topic, a facility that hosts what is bought, one the group already runs
    ("Le marché européen des centres de données devrait doubler d'ici 2030.", "datacenter"),
    ("La jeune pousse déploiera 2 000 GPU hébergés dans un centre de données existant à Lille.", "datacenter"),
    ("Le groupe, qui exploite déjà des centres de données en Suède, va investir 1 milliard d'euros.",
     "datacenter"),
    # the capacity of the plant that powers a campus; a campus named by its place or university
    ("Le site sera alimenté par une centrale solaire de 150 MW construite à côté.", "datacenter"),
    ("Le supercalculateur sera installé sur le campus de l'université de Gand.", "datacenter"),
    ("Le cluster de 4 000 GPU sera hébergé sur le campus de centres de données d'un partenaire.", "datacenter"),
    # a facility opened in a past year; a pledge dated in a past year or claimed as done
    ("L'enveloppe servira à agrandir la région cloud du groupe, ouverte en 2022 près de Madrid.", "datacenter"),
    ("Le groupe a annoncé en 2019 la création de 500 emplois.", "jobs"),
    ("Le groupe revendique déjà 800 emplois créés et promet de nouveaux investissements.", "jobs"),
    # the field of a training and its trainees belong to the training pledge
    ("Le programme prévoit la formation de 4 000 agents à la cybersécurité.", "cybersecurity"),
    ("Le plan prévoit la formation de 800 chercheurs d'ici 2027.", "research"),
    # a facility open to start-ups; a plan of the past (pluperfect); a plant's building
    ("La machine sera ouverte aux universités et aux start-up de la région.", "startups"),
    ("Le précédent plan, lancé en 2019, avait permis de soutenir 300 start-up.", "startups"),
    ("Le fabricant construira un nouveau bâtiment de production à Dresde.", "datacenter"),
    # a trigger in a 'qui' clause about another party; a cue in a clause that describes
    ("Nous louons de la puissance de calcul auprès de deux fournisseurs, qui investiront massivement en Europe.",
     "compute"),
    ("La start-up, qui conçoit des capteurs pour les parcs éoliens, va s'installer à Lyon.", "renewable_energy"),
    # 'aller' as a verb of motion is no near future
    ("Les nouvelles règles sur l'IA responsable vont dans le bon sens.", "responsible_ai"),
    # the name of a public body
    ("Le ministère de la Recherche va investir 50 millions d'euros dans le cloud.", "research"),
    # machines that compute are a compute pledge, not an 'other' production
    ("Le groupe s'engage à produire une vingtaine de supercalculateurs par an.", "other"),
    # 'moteur de recherche' and 'à la recherche de' are no research
    ("Le moteur de recherche investira 50 millions d'euros dans le cloud.", "research"),
    # the money's aim in abstract words, no figure and no place below the country; a framing topic
    ("Microsoft va drastiquement étendre ses capacités de calcul en Europe.", "compute"),
    ("Cet investissement vise à « développer notre infrastructure d'IA et de cloud en Espagne ».", "datacenter"),
    ("Microsoft présente ses engagements pour soutenir la souveraineté numérique en Europe.", "other"),
])
def test_extraction_commitment_topic_host_or_question_is_not_pledged(extract, text, category):
    rows = extract(text, "2025-01-15")
    assert category not in {r["category"] for r in rows.investments if r["kind"] == "commitment"}



@pytest.mark.parametrize("text, matches", [
    # connecting homes to a network is building it there: the places named near are its sites
    ("le groupe s'engage à raccorder 600 000 foyers à la fibre dans les provinces de Cuenca et de Soria", True),
    ("le raccordement des logements de trois départements", True),
    # a grid connection of a data centre is no network roll-out
    ("le raccordement au réseau électrique a pris du retard", False),
])
def test_extraction_site_network_connection_cue(text, matches):
    from pipeline.rules.lexicon import cues

    assert any(c.id == "site.network_connection" and c.regex.search(text) for c in cues("facility_cues")) == matches
