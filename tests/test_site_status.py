"""The site model (`models/assembly/sites.json`): which places are sites of the investment.

With the model: a place where the facility is or will be is a site, also far from a
facility word; a dateline, a headquarters, a distance reference, a competitor's or an
earlier facility are not. Without the model file, the rules' labels stay. Training on the
same candidates writes the same bytes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.learn.tuning import rules_folder

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assembly" / "sites.json"
needs_model = pytest.mark.skipif(not MODEL.exists(), reason="no trained site model")


def sites(rows) -> set[str]:
    return {m["value"] for m in rows.mentions if m["label"] == "SITE"}


@needs_model
@pytest.mark.parametrize("text, must, must_not", [
    ("Data4 va investir 2 milliards d'euros d'ici 2030 dans un nouveau campus de centres de données à "
     "Marcoussis, dans l'Essonne.", {"Marcoussis"}, set()),
    ("Le groupe avait annoncé en mai 2024 un premier milliard de livres pour deux centres de données, "
     "à Crawley et à Londres, désormais opérationnels. Il investit désormais 2 milliards de livres en Écosse.",
     set(), {"Crawley"}),
    # a denied facility's place is no site
    ("Contrairement à ce qu'affirmait ce matin la lettre Machines Hebdo, le groupe italien Brescia Utensili ne "
     "reprendra pas l'usine de Roanne. Il investira 40 millions d'euros dans son usine de Lecco.", set(), {"Roanne"}),
    # a distance reference is never a site
    ("La machine sera installée à Skanderborg, à 25 km d'Aarhus, et exploitée par le Jutland AI Center, qui "
     "investira 700 millions de couronnes.", {"Skanderborg"}, {"Aarhus"}),
    # a production line, a clean room, a new school are facilities; a school named as a partner is not;
    # "Valenciennes" is the city, not the adjective of Valencia ("valenciennes")
    ("Le fabricant Moselchip investira 85 millions d'euros dans une ligne de fabrication à Sarrelouis.",
     {"Sarrelouis"}, set()),
    ("La société investira 40 millions d'euros dans une salle blanche à Louvain-la-Neuve.", {"Louvain-la-Neuve"}, set()),
    ("Le groupe consacrera 12 millions d'euros à une nouvelle école du numérique à Valenciennes. Elle formera "
     "300 techniciens par an avec l'École nationale supérieure d'ingénieurs de Caen.", {"Valenciennes"}, {"Caen"}),
    # the region written right after a site is a site too; a place after "au nord de" is a reference
    ("Le plan se répartit ainsi : 800 millions à Getafe, près de Madrid, 600 millions à Rho, en Lombardie, et "
     "400 millions à Poznań.", {"Getafe", "Rho", "Lombardie", "Poznań"}, {"Madrid"}),
    ("Le fabricant Moselchip investira 85 millions d'euros dans une usine à Sarrebourg, en Moselle, au sud de Metz.",
     {"Sarrebourg", "Moselle"}, {"Metz"}),
    # a city adjective that tells the company's origin is no site; "à environ 180 km de" is a distance;
    # an alternative turned down in a question is no site
    ("Le nantais Ligerix investit 60 millions d'euros dans une usine à Cholet, à environ 60 km de Nantes.",
     {"Cholet"}, {"Nantes"}),
    ("La start-up lilloise Nordvolt construira un centre de données à Arras.", {"Arras"}, {"Lille"}),
    ("Nordvolt construira un centre de données à Arras pour 40 millions d'euros.\nPourquoi pas Douai ?\n"
     "Le foncier y manquait.", {"Arras"}, {"Douai"}),
    # a river, a place inside an organisation's name, are no sites
    ("Le groupe investira 300 millions d'euros dans un campus à Plaisance, sur une friche au bord du Pô.",
     {"Plaisance"}, {"Pô"}),
    ("Nordvolt construira un laboratoire à Ajaccio avec l'université de Corse, pour 12 millions d'euros.",
     {"Ajaccio"}, {"Corse"}),
    # the places given as examples of a site region are sites; so is the place of a cleft
    ("Valmont Cloud investira 300 millions d'euros en Bretagne, notamment à Rennes et à Brest.",
     {"Bretagne", "Rennes", "Brest"}, set()),
    ("C'est à Fos-sur-Mer que Valmont Cloud investira 300 millions d'euros.", {"Fos-sur-Mer"}, set()),
    # a town that opens the title line before its colon, glued by the NER to the byline above
    ("Par Marc-André Boudreault | Partager\nSept-Îles : un centre de calcul de 320 millions $ près de l'aluminerie\n"
     "Nordouest Calcul investira 320 millions $ d'ici 2028 dans son centre de calcul.", {"Sept-Îles"}, set()),
    # a river the site stands by is a landmark, not a site (nor the French département of its name)
    ("Maasdata Belgium va construire un centre de données sur une ancienne friche sidérurgique de Flémalle, en bord "
     "de Meuse, pour 85 millions d'euros.", set(), {"Meuse"}),
    # a district no gazetteer knows, after its noun
    ("Akagera Compute confirme 250 millions de dollars pour un centre de calcul dédié à l'IA dans le district de "
     "Bugesera, à 40 km de Kigali.", {"Bugesera"}, {"Kigali"}),
])
def test_site_status_labels_the_investment_sites(extract, text, must, must_not):
    found = sites(extract(text, "2025-05-12"))
    assert must <= found
    assert not must_not & found


@pytest.mark.parametrize("text, expected", [
    ("Data4 va investir 2 milliards d'euros dans un nouveau campus de centres de données à Marcoussis.",
     {"Marcoussis"}),
])
def test_site_status_without_model_file_the_rules_decide(nlp, tmp_path, text, expected):
    from pipeline.batch.run import process
    from pipeline.io.readers import Article
    from pipeline.nlp.model import load

    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns("model-last", "sites.json"))
    with rules_folder(models):
        rows = next(process([Article("t", "<test>", text, 0, "2025-05-12")], load()))
    assert sites(rows) == expected


def test_site_status_training_is_deterministic():
    """Same candidates -> same model bytes (fixed solver, sorted keys, rounded floats)."""
    from pipeline.learn.train_scorer import dumps
    from pipeline.learn.train_sites import train

    rows = [(f"d{i % 10}", {"rule_site": float(i % 2), "install@left": float(i % 3 == 0),
                            "headquarters@left": float(i % 4 == 1)}, int(i % 2 and i % 3), i % 2, f"p{i}")
            for i in range(40)]
    first, second = dumps(train(rows)), dumps(train(list(rows)))
    assert first == second
    assert '"threshold"' in first and '"sha256"' in first


BACKGROUND = ("Google va investir un milliard d'euros d'ici 2027 dans un nouveau centre de données à Hamina. "
              "Le géant n'est pas seul : Microsoft construit des centres de données à Espoo. "
              "Ses premiers campus, à Francfort et à Leipzig, ont coûté 900 millions d'euros en 2019. "
              "« Nous avons étudié douze sites entre Salzbourg et Vienne », explique le directeur.")


def _features(nlp, text: str, published: str) -> dict[str, dict[str, float]]:
    from pipeline.facts.site_status import collect, collected
    from pipeline.nlp.model import make_doc

    collect(True)
    try:
        nlp(make_doc(nlp, text, published, 0))
        return {place.value: features for place, features, _ in collected()}
    finally:
        collect(False)


@pytest.mark.parametrize("place, present, absent", [
    ("Hamina", set(), {"completed@sentence", "past_year@sentence", "in_quote"}),
    ("Francfort", {"completed@sentence", "past_year@sentence", "past_year_no_future"}, {"in_quote"}),
    ("Vienne", {"completed@sentence", "in_quote"}, {"past_year@sentence"}),
])
def test_site_status_reads_completed_events_and_quotes(nlp, place, present, absent):
    """The site model sees an earlier, completed event ('ont coûté ... en 2019') and a
    quotation as such, and a pledge with a future tense and a deadline ('va investir ...
    d'ici 2027') as neither."""
    found = {name for name, value in _features(nlp, BACKGROUND, "2025-05-12")[place].items() if value}
    assert present <= found
    assert not absent & found


@needs_model
def test_site_status_background_places_are_not_sites(extract):
    found = sites(extract(BACKGROUND, "2025-05-12"))
    assert "Hamina" in found
    assert not {"Francfort", "Leipzig", "Salzbourg", "Vienne"} & found


@needs_model
def test_site_status_keeps_an_articles_only_facility_place(extract):
    """The model chooses among places; an article's only facility place stays a site even
    told in the past, as the seed gold labels Google's new Paris centre."""
    text = ("Le groupe finlandais Nordwind investira 300 millions d'euros en Finlande d'ici 2027, a annoncé "
            "son président. La semaine passée, le groupe Helio a inauguré un centre de recherche à "
            "Oulu, dans lequel 200 ingénieurs vont développer des outils d'IA.\n")
    assert sites(extract(text, "2025-05-12")) == {"Oulu"}
