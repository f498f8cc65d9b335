"""Organisations the statistical NER does not see, as a user finds them in mentions.csv and
investments.csv: named state bodies, names in the actor frame, names listed with an
organisation. Each frame has rows that must fire next to rows that must not."""
from __future__ import annotations

import pytest


def _values(rows, *labels: str) -> set[str]:
    """The values of the document's mentions of these labels."""
    return {m["value"] for m in rows.mentions if m["label"] in labels}


def _orgs(extract, text: str) -> set[str]:
    return _values(extract(text, "2025-03"), "ORG")


@pytest.mark.parametrize("text, org", [
    # the nationality adjective is not part of the body's name
    ("Le ministère tchèque de l'Industrie et du Commerce va consacrer 2 milliards de couronnes au calcul.",
     "ministère de l'Industrie et du Commerce"),
    # a qualifier that is no nationality belongs to the name (as the labelled samples write it)
    ("Le ministère fédéral allemand de la Recherche finance le projet à hauteur de 40 millions d'euros.",
     "ministère fédéral de la Recherche"),
    # lowercase adjectives of the name stay, the words after it do not
    ("Le projet est soutenu par le ministère des Affaires étrangères depuis mars.",
     "ministère des Affaires étrangères"),
    # a ministry "pour" its portfolio, as Spain's are named in French
    ("L'État espagnol, par l'intermédiaire du ministère pour la Transformation numérique, apportera 800 millions.",
     "ministère pour la Transformation numérique"),
    # adjectives joined by "et", and a last complement in lowercase, belong to the name
    ("Le ministère de l'Économie et des Finances et de la Souveraineté industrielle et numérique versera 60 "
     "millions d'euros à Quantix.", "ministère de l'Économie et des Finances et de la Souveraineté industrielle et numérique"),
    ("L'État accompagne le projet : le ministère de la Transition numérique et de la Réforme de l'administration "
     "versera une prime de 120 millions de dirhams.",
     "ministère de la Transition numérique et de la Réforme de l'administration"),
])
def test_org_proposals_state_body_is_named_without_its_nationality(extract, text, org):
    assert org in _orgs(extract, text)


def test_org_proposals_a_longer_state_body_wins_over_the_known_one_it_holds(extract):
    # Québec's ministry is not Bercy's "ministère de l'Économie", which its name begins with
    orgs = _orgs(extract, "Le ministère de l'Économie, de l'Innovation et de l'Énergie versera une subvention "
                          "de 60 millions de dollars à l'usine de Sherbrooke.")
    assert "ministère de l'Économie, de l'Innovation et de l'Énergie" in orgs
    assert "ministère de l'Économie" not in orgs


@pytest.mark.parametrize("text, org", [
    ("Le groupe internet japonais Kabuyama va investir 80 millions d'euros près de Lyon.", "Kabuyama"),
    ("Selon le communiqué, Trevantis va investir 45 millions d'euros dans un laboratoire à Nantes.", "Trevantis"),
    # a name of several words opening the sentence, before an investment or a payer verb
    ("Le projet avance. Meseta Infra apporte 12 millions d'euros à la jeune pousse.", "Meseta Infra"),
    # ... or a verb of a facility project, at the start of a line (a glued heading), NER-tagged or not
    ("Publié le 3 mars\nTerra Alta Silicio construit une usine à Tortosa. Le fabricant y investira 90 millions "
     "d'euros.", "Terra Alta Silicio"),
    ("Lire aussi\nVallée Numérique Limousine agrandit son campus de Limoges.", "Vallée Numérique Limousine"),
    # a company word in French ("Optronique") ends a company's name, whatever the NER calls it
    ("Brévan Optronique a annoncé mercredi l'acquisition de Kallio Sensors.", "Brévan Optronique"),
])
def test_org_proposals_unknown_name_in_the_actor_frame_is_an_org(extract, text, org):
    assert org in _orgs(extract, text)


@pytest.mark.parametrize("text, org", [
    ("Les opérateurs locaux comme Kelmora multiplient les projets de centres de données.", "Kelmora"),
    ("Le projet ne sera pas réalisé, a précisé un porte-parole à l'agence Norpress.", "Norpress"),
])
def test_org_proposals_name_after_an_organisation_noun_is_an_org(extract, text, org):
    assert org in _orgs(extract, text)


@pytest.mark.parametrize("text, name", [
    # not inside a sentence, not a name written on two lines, not lowercase words after a capital
    ("Le spécialiste du cloud pour l'IA Nordlys a annoncé lundi une levée de 60 millions d'euros.", "IA Nordlys"),
    ("Le Premier ministre annonce un plan de 2 milliards d'euros.", "Premier ministre"),
])
def test_org_proposals_a_project_verb_needs_a_name_opening_its_line(extract, text, name):
    assert name not in _orgs(extract, text)


def test_org_proposals_a_preposition_opening_the_sentence_is_not_part_of_the_name(extract):
    rows = extract("Selon Valmont Cloud, l'investissement atteindra 450 millions d'euros d'ici 2027.", "2025-03")
    assert [r["investor"] for r in rows.investments if r["kind"] == "investment"] == ["Valmont Cloud"]


def test_org_proposals_a_name_the_ner_tags_with_the_words_before_it_is_cut_to_the_name(extract):
    rows = extract("Le spécialiste luxembourgeois du cloud souverain Syrdall Cloud a présenté mardi un plan de "
                   "320 millions d'euros pour un deuxième centre de données.", "2025-03")
    assert "Syrdall Cloud" in _values(rows, "ORG")
    assert [r["investor"] for r in rows.investments if r["kind"] == "investment"] == ["Syrdall Cloud"]


@pytest.mark.parametrize("text, org", [
    ("La jeune pousse a levé 200 millions d'euros auprès de Vantaro, SAP et du groupe Schwarz.", "Vantaro"),
    ("Les opérateurs locaux comme Orange ou Kelmora multiplient les projets.", "Kelmora"),
])
def test_org_proposals_name_listed_with_an_org_is_an_org(extract, text, org):
    assert org in _orgs(extract, text)


@pytest.mark.parametrize("text, not_org", [
    # a word opening a sentence before a verb is no name without a company noun before it
    ("Elle va investir 30 millions d'euros à Lille.", "Elle"),
    ("Ensuite va investir 30 millions d'euros à Lille.", "Ensuite"),
    ("Le Land accorde une aide de 40 millions d'euros.", "Le Land"),
    # a newsletter's masthead
    ("La Lettre Infra & Cloud — Édition du 7 mai 2024\nOrange investit 30 millions d'euros à Lille.",
     "La Lettre Infra & Cloud"),
    # a determiner glued to a common noun is no name
    ("Le fonds a confirmé l'opération. L'éditeur va investir 30 millions d'euros à Lille.", "L'éditeur"),
    # a place listed with an organisation stays a place
    ("Microsoft, Paris et Orange ont signé un accord.", "Paris"),
    # a person after a role is no organisation
    ("Orange et le ministre Jean Dupont ont signé un accord.", "Jean Dupont"),
])
def test_org_proposals_do_not_fire_outside_their_frames(extract, text, not_org):
    assert not_org not in _orgs(extract, text)


@pytest.mark.parametrize("text, investor", [
    ("La Région wallonne accorde une prime de 12 millions d'euros, tandis que Wallonie Entreprendre prête "
     "40 millions à l'entreprise.", "Wallonie Entreprendre"),
    ("Le fonds Normandie Participations apporte 5 millions d'euros à la jeune pousse caennaise.", "Normandie Participations"),
])
def test_org_proposals_an_agency_named_after_its_region_pays(extract, text, investor):
    rows = extract(text, "2025-03")
    assert investor in _values(rows, "ORG")
    assert investor in {r["investor"] for r in rows.investments if r["kind"] == "investment"}


def test_org_proposals_ministry_pays_as_investor(extract):
    rows = [r for r in extract("Le ministère polonais des Affaires numériques va consacrer 5 milliards de "
                               "zlotys d'ici 2030 à son programme d'IA.", "2025-05").investments
            if r["kind"] == "investment"]
    assert [r["investor"] for r in rows] == ["ministère des Affaires numériques"]


@pytest.mark.parametrize("text, product", [
    ("Le groupe déploiera 50 000 GPU Blackwell dans le pays d'ici 2026.", "Blackwell"),
    ("Le supercalculateur Gefion entre en service au Danemark.", "Gefion"),
])
def test_org_proposals_a_product_after_its_noun_is_no_org(extract, text, product):
    assert product not in _orgs(extract, text)


@pytest.mark.parametrize("text, org", [
    # a lowercase nationality used as a noun names a company ("l'Américain John Smith" is a person)
    ("Le projet arrive alors que l'américain Sabrel Nimbus a promis 2 milliards d'euros.", "Sabrel Nimbus"),
    # a two-word name ending in a company word
    ("Son principal concurrent, Pennick Grid, a obtenu le feu vert pour un campus près de Leeds.", "Pennick Grid"),
    ("Le groupe Kelvo s'associe à Orizont Cloud pour le projet.", "Orizont Cloud"),
    # a country's name opening an organisation's name is no country here
    ("Albion Compute a annoncé lundi un investissement de trois milliards de livres.", "Albion Compute"),
])
def test_org_proposals_company_names_the_ner_reads_as_people(extract, text, org):
    rows = extract(text, "2025-03")
    assert org in _orgs(extract, text)
    assert org not in _values(rows, "PERSON")



@pytest.mark.parametrize("text, org, not_org", [
    # a school named by its head, with or without "de": the whole name, not the NER's tail
    ("Vosgelis s'engage à former 100 opérateurs avec l'université de Lorraine.", "université de Lorraine", "Lorraine"),
    ("Atlas Cloud Services formera 1 000 jeunes avec l'université Ibn Zohr d'Agadir.", "université Ibn Zohr", "Ibn Zohr"),
    ("Ils ont fondé la start-up après l'École polytechnique de Wrocław.", "École polytechnique de Wrocław",
     "École polytechnique"),
    # a public body named by its capitalised head and its own adjectives or complements
    ("Le fonds grec Pelagos Capital et la Banque hellénique de développement participent à l'opération.",
     "Banque hellénique de développement", "Banque"),
    ("La capacité a doublé, selon l'Agence suédoise de l'énergie.", "Agence suédoise de l'énergie", "Agence"),
])
def test_org_proposals_institution_is_named_in_full(extract, text, org, not_org):
    orgs = _orgs(extract, text)
    assert org in orgs and not_org not in orgs


@pytest.mark.parametrize("text", [
    "La Banque a relevé ses taux.",                        # a head alone names nothing
    "Centre de données : Evroc choisit Mougins.",          # a facility word is no body head
])
def test_org_proposals_a_bare_head_is_no_institution(extract, text):
    assert not [m for m in extract(text, "2025-03").mentions if m["rule"] == "org.institution"]


def test_org_proposals_a_city_inside_a_school_name_stays_a_place(extract):
    rows = extract("Le centre de calcul sera hébergé sur le campus de l'université de Ioannina, en Grèce.", "2025-03")
    assert "université de Ioannina" in _values(rows, "ORG")
    assert "Ioannina" in _values(rows, "SITE", "PLACE")


@pytest.mark.parametrize("text, org", [
    # a two-word name ending in a company word is no person, whatever the NER says
    ("Lannion : Armorik Photonique investit 140 millions d'euros dans une usine.", "Armorik Photonique"),
    ("Le producteur d'électricité Ljusnan Kraft a annoncé un centre de données.", "Ljusnan Kraft"),
])
def test_org_proposals_a_name_ending_in_a_company_word_is_an_organisation(extract, text, org):
    rows = extract(text, "2025-03")
    assert org in _values(rows, "ORG")
    assert org not in _values(rows, "PERSON")


def test_org_proposals_a_determiner_and_a_common_noun_is_no_organisation(extract):
    text = "La start-up, née en 2016, va construire sa première usine à Lannion pour 140 millions d'euros."
    assert "La start-up" not in _orgs(extract, text)


@pytest.mark.parametrize("text, org, not_org", [
    # a name the NER cuts before its company word keeps its first word (a place name here)...
    ("La série B de 45 millions d'euros est menée par le fonds Isère Deeptech Partners.",
     "Isère Deeptech Partners", "Deeptech Partners"),
    # ... but not the article and noun before it
    ("L'opérateur Lagune Télécom investira 150 milliards de francs CFA dans la 5G.", "Lagune Télécom",
     "L'opérateur Lagune Télécom"),
])
def test_org_proposals_a_name_keeps_its_first_word(extract, text, org, not_org):
    rows = extract(text, "2025-03")
    orgs = _values(rows, "ORG")
    assert org in orgs and not_org not in orgs
    assert "B" not in _values(rows, "SITE", "PLACE")   # "série B"


@pytest.mark.parametrize("text, org", [
    # a city's adjective used as a noun names a company as a nationality does
    ("Le zurichois Limmatbit a annoncé 800 millions de francs pour un campus à Dielsdorf.", "Limmatbit"),
    ("Le marché attire les capitaux : le zurichois Terra Qubit avait levé 45 millions de dollars.", "Terra Qubit"),
])
def test_org_proposals_a_city_adjective_as_a_noun_names_a_company(extract, text, org):
    assert org in _orgs(extract, text)


def test_org_proposals_a_brand_and_a_country_name_the_company_unit(extract):
    orgs = _orgs(extract, "Le groupe japonais Hoshino Electric a confirmé que sa filiale Hoshino Canada construira une "
                          "usine à Bécancour.\nHoshino Canada y investira 750 millions de dollars d'ici 2028.")
    assert {"Hoshino Electric", "Hoshino Canada"} <= orgs


def test_org_proposals_a_name_ending_in_a_french_company_word_is_no_person(extract):
    rows = extract("Akwaba Data investira 25 milliards de FCFA dans un centre de données à Yamoussoukro.\n"
                   "Ébène Banque lui prête 8 milliards de FCFA pour ce projet, qui emploiera 80 personnes.", "2025-02")
    assert "Ébène Banque" in _values(rows, "ORG")
    assert "Ébène Banque" not in _values(rows, "PERSON")


def test_org_proposals_a_regional_payer_is_one_mention(extract):
    rows = extract("La Région wallonne versera une subvention de 30 millions d'euros, et le Land de Carinthie 40 millions.",
                   "2025-03")
    named = [m["value"] for m in rows.mentions if m["label"] == "ORG" and m["value"] == "Land de Carinthie"]
    assert named == ["Land de Carinthie"]


def test_org_proposals_a_digest_s_company_noun_before_its_name_refers_to_no_earlier_story(extract):
    text = ("1. ROYAUME-UNI — Thornbury Grid investit 1 milliard de livres\n"
            "Le groupe britannique Thornbury Grid investira 1 milliard de livres à Slough. Thornbury Grid "
            "exploite déjà un centre près de Londres.\n"
            "2. ESTONIE — Virmalised AI lève 120 millions d'euros\n"
            "La start-up de Tallinn Virmalised AI a bouclé une série B de 120 millions d'euros menée par le "
            "fonds qatari Dafna Ventures.")
    rows = extract(text, "2025-03")
    assert not [m for m in rows.mentions if m["text"] == "La start-up" and m["value"] == "Thornbury Grid"]
    money = {r["amount_value"]: r["country"] for r in rows.investments if r["kind"] == "investment"}
    assert money.get("120000000") == "EE"


def test_org_proposals_a_name_cut_after_an_organisation_noun_takes_its_other_words(extract):
    # "L'association Liffré Environnement": the NER reads only "Liffré"; the name is whole, and the
    # town where the data centre is built stays a place
    rows = extract("Kerlann Data construira un centre de données à Liffré, près de Rennes.\nL'association Liffré "
                   "Environnement s'inquiète de la consommation d'eau du site.", "2025-03")
    assert "Liffré Environnement" in _values(rows, "ORG") and "Liffré" not in _values(rows, "ORG")
