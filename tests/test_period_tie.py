"""A year is an amount's period only when the text ties it to that amount (corpus/README.md):
years of another clause's event (an opening date, a founding year, an earlier amount, a
GPU roll-out) stay off the row; deadlines of the amount itself, and of the plan its parts
break down, stay on it."""
from __future__ import annotations

import pytest


def _periods(rows) -> dict[str, str]:
    return {str(r["amount_value"]): r.get("period_end") for r in rows.investments if r["kind"] == "investment"}


TIED = [
    # (text, amount_value, period_end)
    # the next sentence tells how long the works of this investment last
    ("Google a confirmé ce lundi un investissement d'un milliard d'euros dans son centre de données de "
     "Saint-Ghislain. Les travaux, qui démarreront cet été, s'étaleront sur deux ans.", "1000000000", "2027"),
    ("L'équipementier Ericsson va investir près de 30 M€ pour agrandir son usine de Tallinn, a annoncé "
     "l'entreprise lundi. L'extension, qui doit être achevée d'ici 2026, portera sur une nouvelle ligne.",
     "30000000", "2026"),
    ("Le groupe américain Equinix investira 80 millions d'euros d'ici 2028 dans un centre de "
     "données à Lyon.", "80000000", "2028"),
    ("Le groupe allemand SAP investira 3 milliards d'euros entre 2025 et 2029 dans "
     "ses centres de données en Allemagne.", "3000000000", "2029"),
    # the parts of a plan take the plan's deadline
    ("L'éditeur américain Oracle investira 3 milliards de dollars sur cinq ans en Europe : "
     "2 milliards de dollars en Allemagne et 1 milliard de dollars aux Pays-Bas.", "2000000000", "2030"),
    # a gapped conjunct (no verb of its own) shares the time told at the head of the sentence
    ("Sur cinq ans, la Wallonie y consacrera 35 millions d'euros, la Commission européenne 15 millions au "
     "titre du Feder et l'entreprise Cybelis les 10 millions restants pour une académie à Mons.",
     "15000000", "2030"),
    # a live blog's line tells the figure and its deadline, the next sentence the same figure again
    ("16h20 – ServiceNow : 1,15 milliard de livres d'ici 2029. L'éditeur californien investira 1,15 milliard "
     "de livres au Royaume-Uni, notamment dans des centres de données à Londres.", "1150000000", "2029"),
    # "la fin de la décennie" is the round year the news means by it
    ("Le développeur norvégien Fosen Datakraft va investir 9 milliards de couronnes norvégiennes d'ici la fin "
     "de la décennie dans deux centres de calcul.", "9000000000", "2030"),
]

UNTIED = [
    # (text, amount_value): the year belongs to something else in the sentence
    # ... to an earlier share of the sentence ("X apportera 1 milliard entre 2026 et 2029, et l'État 500 millions")
    ("La Commission européenne apportera 900 millions d'euros entre 2026 et 2029 au titre du programme "
     "Europe numérique, et l'État portugais, par l'intermédiaire de l'AICEP, 300 millions.", "300000000"),
    # ... also without a comma when a new payer opens the share, and when both shares break down a total
    ("La Suède va se doter d'un supercalculateur pour 500 millions de couronnes. La fondation Wallgren en apporte "
     "400 millions sur quatre ans et le fonds public Saminvest les 100 millions restants.", "100000000"),
    ("L'américain Equinix va investir 60 millions d'euros dans un nouveau centre de données à "
     "Lisbonne, qui doit ouvrir en 2027.", "60000000"),
    ("Le britannique Nscale va investir 2 milliards d'euros dans un campus d'IA en Norvège, "
     "dont la première tranche doit être opérationnelle en 2026.", "2000000000"),
    ("Le développeur Vantage va injecter 900 millions d'euros dans son campus de Francfort, "
     "après 300 millions d'euros investis en 2023.", "900000000"),
    # a loan (or public aid) after the company's plan: the plan's deadline is not the loan's
    ("Someș Data investira 450 millions de lei d'ici 2027 à Cluj-Napoca. La BERD prête 25 millions d'euros "
     "à l'entreprise pour ce projet, a annoncé la banque.", "25000000"),
    # a loan's term is its maturity, not the period of the money
    ("La banque publique KfW prêtera 200 millions d'euros à Alcyre sur douze ans pour son usine de Bitterfeld.",
     "200000000"),
    # another payer's share after the company's own money: the deadline before is the company's
    ("Le groupe Orbe Systems investira 38 millions de francs sur cinq ans dans son campus d'Yverdon-les-Bains. "
     "Le canton de Vaud lui apporte 6 millions de francs.", "6000000"),
    # the next sentence only tells when the facility opens
    ("L'opérateur allemand Rheinnetz va investir un milliard d'euros dans un centre de calcul à Munich. "
     "Le centre, qui doit entrer en service au premier trimestre 2026, hébergera 10 000 GPU.", "1000000000"),
    # a loan's term told after it is no other share's period
    ("Berlin apportera 150 millions d'euros au titre du règlement européen sur les puces, le Land de Saxe-Anhalt "
     "45 millions, et la KfW IPEX-Bank prêtera 200 millions d'euros sur douze ans à Alcyre.", "150000000"),
    # the year right after a head count is that pledge's deadline
    ("Le japonais Shirakawa Denki confirme 80 milliards de yens pour une ligne de production de capteurs "
     "près de Grenoble, avec 350 emplois à la clé d'ici 2028.", "80000000000"),
    ("L'entreprise Kerlann y investira 12 millions d'euros et s'engage à former 2 000 personnes d'ici 2028 "
     "aux métiers de la donnée.", "12000000"),
]


@pytest.mark.parametrize("text, value, end", TIED)
def test_period_tie_deadline_of_the_amount_kept(extract, text, value, end):
    assert _periods(extract(text, published="2025-03-10")).get(value) == end


@pytest.mark.parametrize("text, value", UNTIED)
def test_period_tie_year_of_another_clause_dropped(extract, text, value):
    periods = _periods(extract(text, published="2025-03-10"))
    assert value in periods and periods[value] in (None, "")


def test_period_tie_a_gapped_aid_share_has_no_plan_deadline(extract):
    """'..., et l'Eurométropole 2 millions d'euros': the verb and the aid noun are left out, the
    share is still aid, and the plan's deadline before it is not its period."""
    text = ("Le fabricant Moselchip investira 90 millions d'euros d'ici 2028 dans une usine de puces à Metz, a "
            "annoncé son président. La Région Grand Est lui accordera une subvention de 5 millions d'euros, et "
            "l'Eurométropole de Metz 2 millions d'euros.")
    periods = _periods(extract(text, published="2025-03-10"))
    assert periods.get("2000000") is None and "2000000" in periods


@pytest.mark.parametrize("aid", ["une aide de 6 millions d'euros", "une contribution de 6 millions d'euros",
                                 "un don de 6 millions d'euros"])
def test_period_tie_aid_named_by_its_noun_has_no_plan_deadline(extract, aid):
    """Aid written "une aide de", "une contribution de", "un don de" is aid: the year of the
    sentence before (the plan's, or "cette année") is not its period."""
    text = ("La société Lorrasol investira 60 millions d'euros d'ici 2029 dans une usine de plaquettes à Thionville. "
            f"C'est le plus gros projet industriel annoncé cette année en Moselle. L'État lui apportera {aid}.")
    periods = _periods(extract(text, published="2025-03-10"))
    assert "6000000" in periods and periods["6000000"] is None


def test_period_tie_aid_included_in_the_plan_is_no_investment_of_its_own(extract):
    text = ("La société Lorrasol investira 60 millions d'euros d'ici 2029 dans une usine de plaquettes à Thionville. "
            "La Région Grand Est lui accorde une aide de 6 millions d'euros, déjà comprise dans ce montant.")
    periods = _periods(extract(text, published="2025-03-10"))
    assert "60000000" in periods and "6000000" not in periods


def test_period_tie_a_part_of_a_site_is_no_part_of_the_money(extract):
    """"sur une partie d'un ancien site": land, not a share of the amount; the figure told again
    with its deadline gives the title's investment its period."""
    text = ("Anvers : un groupe coréen va investir 300 millions d'euros dans une usine de batteries\nLe groupe "
            "coréen Hanbit Cells a confirmé mardi son projet. C'est sa filiale belge qui portera l'investissement, "
            "soit 300 millions d'euros d'ici 2028, sur une partie d'un ancien site pétrochimique du port.")
    assert _periods(extract(text, published="2026-02-03")).get("300000000") == "2028"


# ---- breakdowns told after their total (corpus/README.md, "Breakdowns") -----------------

LATER_BREAKDOWNS = [
    # (text, the investments: the parts, not the total)
    ("Le nouveau supercalculateur norvégien représente un investissement de 900 millions de "
     "couronnes norvégiennes (environ 78 millions d'euros). Le fonds Sigma en apporte 500 millions, "
     "l'agence publique Nova les 400 millions restants.", [(400000000, "NOK"), (500000000, "NOK")]),
    ("Le centre de calcul de Porto représente un investissement de 80 millions d'euros, selon le ministère "
     "portugais de l'Économie, qui a présenté le projet lundi devant la presse et les élus de la région du "
     "Nord. La Commission européenne y apportera 40 millions via le programme Europe numérique, et le "
     "Portugal, par l'intermédiaire de son agence pour l'innovation, les 40 millions restants.",
     [(40000000, "EUR")]),
    # three named shares, the first one half of the total (1,2 = 0,9 + 0,3 by chance)
    ("Le futur centre de calcul d'Ostrava représente un investissement public de 2,4 milliards de couronnes "
     "tchèques. La Commission européenne y apportera 1,2 milliard de couronnes au titre du programme Europe "
     "numérique, le ministère de l'Éducation 900 millions et la région de Moravie-Silésie 300 millions.",
     [(300000000, "CZK"), (900000000, "CZK"), (1200000000, "CZK")]),
    # shares told by descriptors of partners named before
    ("Le conglomérat japonais Hokuriku Shoji et l'énergéticien espagnol Duero Energía ont signé jeudi à Madrid "
     "les statuts d'une coentreprise qui investira 1,2 milliard d'euros d'ici 2030 dans un campus à Soria. Le "
     "groupe japonais apportera 720 millions et son partenaire 480 millions, selon le communiqué commun.",
     [(480000000, "EUR"), (720000000, "EUR")]),
    # the parts open the next paragraph
    ("L'hébergeur Weserhalle Digital va investir 1,6 milliard d'euros à l'horizon 2030 dans deux centres de "
     "données en Basse-Saxe. C'est l'un des plus gros projets du nord de l'Allemagne.\nLe premier, doté de 1,05 "
     "milliard d'euros, sera construit à Wilhelmshaven. Le second, de 550 millions, s'installera à "
     "Georgsmarienhütte.", [(550000000, "EUR"), (1050000000, "EUR")]),
]


@pytest.mark.parametrize("text, expected", LATER_BREAKDOWNS)
def test_breakdowns_parts_in_later_sentences_are_the_investments(extract, text, expected):
    rows = extract(text, published="2025-03-10")
    money = sorted((round(float(r["amount_value"])), r["amount_currency"]) for r in rows.investments
                   if r["kind"] == "investment")
    assert money == expected


# ---- a total set out as a list of financers (feeds' dashed or bulleted lists) ------------

def test_breakdowns_a_list_of_financers_gives_each_its_share_currency_and_the_totals_period(extract):
    text = ("Un consortium investira 1,15 milliard d'euros d'ici 2029 dans un campus à Castelo Branco.\n"
            "Le financement se répartit ainsi :\n"
            "– Tejo Compute : 550 millions d'euros sur fonds propres ;\n"
            "– Atlantic Ridge Infrastructure Fund, fonds américain qui gère 12 milliards de dollars d'actifs : "
            "420 millions ;\n"
            "– Fundo Lusitano de Pensões, caisse de retraite des professions libérales : 180 millions.\n"
            "Le campus offrira 90 MW.")
    rows = [r for r in extract(text, published="2025-03-10").investments if r["kind"] == "investment"]
    got = sorted((r["investor"], round(float(r["amount_value"])), r["amount_currency"], r["period_end"]) for r in rows)
    assert got == [("Atlantic Ridge Infrastructure Fund", 420000000, "EUR", "2029"),
                   ("Fundo Lusitano de Pensões", 180000000, "EUR", "2029"),
                   ("Tejo Compute", 550000000, "EUR", "2029")]


def test_breakdowns_an_interview_answer_breaks_down_the_question_s_total_over_the_title_s_period(extract):
    text = ("« Nous investirons 1,2 milliard de francs en Suisse romande d'ici 2029 »\n"
            "Vous annoncez 1,2 milliard de francs suisses pour trois centres de données. Où iront-ils ?\n"
            "Luca Bernasconi : Le plus gros, 550 millions de francs, sera construit à Monthey. Nous mettrons "
            "400 millions à Gland et 250 millions à Fribourg.\n"
            "Pourquoi maintenant ?\n"
            "Les banques rapatrient leurs données.")
    rows = [r for r in extract(text, published="2024-05-13").investments if r["kind"] == "investment"]
    got = sorted((round(float(r["amount_value"])), r["period_end"]) for r in rows)
    assert got == [(250000000, "2029"), (400000000, "2029"), (550000000, "2029")]
