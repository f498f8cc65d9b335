"""Who invests: the investor (and, in a fund raise, the recipient) of a sentence, as a user
reads it in investments.csv. Each cause of error has rows that must fire next to rows that
must not."""
from __future__ import annotations

import pytest

# text, (investor, recipient) of the single investment row
ACTOR_NAMES = [
    # a name the NER types PER / LOC / MISC is an organisation as the subject of the cue verb
    ("Schwarz Digits va investir 11 milliards d'euros à Lübbenau, dans le Brandebourg.",
     ("Schwarz Digits", "")),
    ("Play, la filiale polonaise du groupe Iliad, prévoit d'investir 2 milliards de zlotys près de Poznań.",
     ("Play", "")),
    # ... or after a company noun phrase ("le fonds allemand X")
    ("La start-up Druid AI lève 30 millions de dollars lors d'un tour mené par le fonds allemand Earlybird.",
     ("Earlybird", "Druid AI")),
    ("La start-up Mistral AI lève 600 millions d'euros auprès de General Catalyst.",
     ("General Catalyst", "Mistral AI")),
    # "le tour de table de X": X raises; the one who leads it invests, its nationality is its origin
    ("Le suédois Ericsson mène le tour de table de série B de Mistral AI, d'un montant de 80 millions d'euros.",
     ("Ericsson", "Mistral AI")),
    # the one who leads the round as the subject, the company raising named after the amount
    ("Vltava Capital Partners a mené un tour de table de 14 millions d'euros dans la start-up Kodiak Sense.",
     ("Vltava Capital Partners", "Kodiak Sense")),
    # the unit in apposition to "sa filiale ..." acts, not the group named before
    ("Le groupe coréen Hanbit Electric a choisi la Wallonie : sa filiale belge, Hanbit Power Europe, investira "
     "300 millions d'euros dans une usine à Seneffe.", ("Hanbit Power Europe", "")),
    # a person alone as the actor invests through the organisation he leads (role from the gazetteer)
    ("Jensen Huang promet 2 milliards de livres pour les start-up britanniques.", ("Nvidia", "")),
    # a person as subject stays a person: the company is the investor
    # the one who gives a round, after "auprès d'" as after "auprès de"
    ("Quandela, qui vient de lever 25 millions d'euros auprès d'Eurazeo, ouvrira une usine à Palaiseau.",
     ("Eurazeo", "Quandela")),
    # a product noun that completes a company noun does not make the name a product
    ("Le fabricant néerlandais de puces Nexperia va investir 200 millions de dollars dans son usine de Hambourg.",
     ("Nexperia", "")),
    # "financer" in the present tense
    ("La Fondation Novo Nordisk finance à hauteur de 2 milliards de couronnes un centre de calcul au Danemark.",
     ("Fondation Novo Nordisk", "")),
    # a round led by a fronted agent or a cleft's subject, the company raising named after its amount
    ("Mené par le fonds anversois Schelde Capital, le tour de table de 22 millions d'euros annoncé mardi par Sambre "
     "Quantum réunit aussi Wallonie Entreprendre.", ("Schelde Capital", "Sambre Quantum")),
    ("C'est le fonds allemand Spree Ventures qui mène le tour de table de 30 millions d'euros bouclé par Senne "
     "Security, la jeune pousse bruxelloise.", ("Spree Ventures", "Senne Security")),
    # a parent group named in a fronted apposition does not invest for its subsidiary
    ("Filiale du groupe luxembourgeois Clausen Holding, Fensch Numérique va investir 45 millions d'euros d'ici 2027 "
     "pour construire un centre de données à Thionville.", ("Fensch Numérique", "")),
    # the subsidiary a group invests through ("via sa filiale X") invests, also told before the subject;
    # a government's relative clause pays through the body it names ("par l'entremise de")
    ("Le groupe Orfeo Telecom accélère. Via sa filiale d'infrastructures Orfeo Fibre, il investira 600 millions "
     "d'euros d'ici 2028 dans la fibre.", ("Orfeo Fibre", "")),
    ("Le projet avance avec le soutien du gouvernement du Québec, qui apporte 25 millions $ sous forme de prêt par "
     "l'entremise d'Investissement Québec.", ("Investissement Québec", "")),
    # the clause after a colon has its own subject: the state named before it does not pay
    # the agency of a wire's dateline is no payer; French company words end names the NER calls persons
    ("VIENNE, 14 octobre 2025 (APA) – Le fabricant autrichien Erzberg Semiconductors va investir 250 millions "
     "d'euros d'ici 2028 dans une nouvelle salle blanche à Leoben.", ("Erzberg Semiconductors", "")),
    ("Sfax : Thyna Embedded investit 45 millions de dinars dans un centre de conception électronique.",
     ("Thyna Embedded", "")),
    # "accorder" gives money as "verser" does
    ("La Région wallonne accorde 5 millions d'euros à Valmont Cloud pour son site de Mons.",
     ("Région wallonne", "")),
    # a verb of spending that is no "investir": "débourser"
    ("Valmont Cloud s'apprête à débourser 450 millions d'euros pour un campus à Marseille.",
     ("Valmont Cloud", "")),
    ("Le président de Microsoft, Brad Smith, a annoncé que Microsoft va investir 2 milliards d'euros en Espagne.",
     ("Microsoft", "")),
]


def _values(rows, *labels: str) -> set[str]:
    """The values of the document's mentions of these labels."""
    return {m["value"] for m in rows.mentions if m["label"] in labels}


def _facts(rows) -> set[tuple[str, str]]:
    """(investor, amount value) of the document's investment rows."""
    return {(r["investor"], r["amount_value"]) for r in rows.investments if r["kind"] == "investment"}


def _payers(rows) -> dict[str, str]:
    """Amount value -> investor of the document's investment rows."""
    return {r["amount_value"]: r["investor"] for r in rows.investments if r["kind"] == "investment"}


def _payers_of(rows, expected: dict[str, str]) -> dict[str, str | None]:
    """The investor of each amount value of `expected` in the document's rows (None: no row)."""
    got = _payers(rows)
    return {value: got.get(value) for value in expected}


def _single(extract, text: str) -> dict:
    rows = [r for r in extract(text, "2025-02").investments if r["kind"] == "investment"]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text, expected", ACTOR_NAMES)
def test_investors_actor_of_the_cue_is_the_investor(extract, text, expected):
    row = _single(extract, text)
    assert (row["investor"], row["recipient"]) == expected


@pytest.mark.parametrize("text, person", [
    ("Le président américain Trump va investir 500 milliards de dollars dans l'IA.", "Trump"),
])
def test_investors_a_person_after_a_title_is_no_organisation(extract, text, person):
    orgs = {m["value"] for m in extract(text, "2025-02").mentions if m["label"] == "ORG"}
    assert person not in orgs


STATES_AND_PROGRAMMES = [
    # a state as the subject of the cue invests as itself
    ("Les Émirats arabes unis vont investir 30 milliards d'euros en France.", "Émirats arabes unis"),
    ("L'État apportera 54 millions d'euros à trois projets de cloud hébergés en France.", "France"),
    # a nationality adjective names its state, even for a country whose name is ambiguous ("Irlande")
    ("Le gouvernement irlandais débloquera 250 millions d'euros pour former 50 000 personnes à l'IA.", "Irlande"),
    # a state coordinated with a company, or where the money goes, is no investor
    ("Microsoft et l'Espagne s'engagent dans un partenariat de 2,1 milliards de dollars.", "Microsoft"),
    ("Microsoft va investir 4 milliards d'euros en France.", "Microsoft"),
    # a programme gives way to its payer; a state body that pays stays
    ("La start-up Pasqal recevra 50 millions d'euros du programme Europe numérique.", "Commission européenne"),
    ("Bpifrance consacrera 500 millions d'euros aux start-up deeptech dans le cadre du plan France 2030.",
     "Bpifrance"),
    # the European Union as the subject of a verb of giving pays through the Commission
    ("L'Union européenne financera à hauteur de 500 millions d'euros la construction de l'usine d'IA de Bologne.",
     "Commission européenne"),
]


@pytest.mark.parametrize("text, investor", STATES_AND_PROGRAMMES)
def test_investors_state_or_programme_payer(extract, text, investor):
    assert _single(extract, text)["investor"] == investor


@pytest.mark.parametrize("text, investor", [
    # the announcer is no investor
    ("Les Émirats arabes unis vont investir entre 30 et 50 milliards d'euros en France, a annoncé jeudi l'Élysée.",
     "Émirats arabes unis"),
    ("Amazon Web Services va investir 1,2 milliard d'euros en France, s'est félicité le ministère de l'Économie.",
     "Amazon Web Services"),
])
def test_investors_announcer_is_not_the_investor(extract, text, investor):
    assert _single(extract, text)["investor"] == investor


NAME_FORMS = [
    # one organisation, one name: the fullest form the article writes of it
    ("Telia investit dans les pays baltes. Telia Company consacrera 70 millions d'euros à la Lituanie.",
     "Telia Company"),
    # a short form alone stays the form written
    ("Le géant du capital-investissement Apollo va mobiliser 5 milliards d'euros en France.", "Apollo"),
    # a brand and a country is a national unit, not a fuller name of the group
    ("Microsoft va investir 4 milliards d'euros en France, a-t-on appris au siège de Microsoft France.",
     "Microsoft"),
    # a subsidiary named as the actor is its own organisation
    ("Le japonais NTT Data, via sa filiale NTT Global Data Centers, va investir 40 milliards de yens "
     "(environ 250 millions d’euros) dans un campus à Francfort.",
     "NTT Global Data Centers"),
    # a subsidiary named by its group's name and a region, a vehicle the investor acts through
    ("Le fabricant de composants Seiran Devices a confirmé, via sa filiale Seiran Devices Europe, qu'il investira "
     "820 millions d'euros d'ici 2030 dans une usine à Kosice.", "Seiran Devices Europe"),
    ("Kattegat Pension met sur la table 3,2 milliards de couronnes danoises, à travers son véhicule "
     "d'infrastructures Kattegat Infra Partners, pour bâtir un centre de calcul près d'Aabenraa.",
     "Kattegat Infra Partners"),
    # a name the NER cuts short is the fuller form the article writes
    ("L'opérateur Glasnetz Mittelrhein, filiale du groupe néerlandais Zuidas Infra, va investir 450 millions "
     "d'euros d'ici 2028 dans la fibre en Rhénanie-Palatinat.", "Glasnetz Mittelrhein"),
]


@pytest.mark.parametrize("text, investor", NAME_FORMS)
def test_investors_name_is_the_fullest_form_written(extract, text, investor):
    assert _single(extract, text)["investor"] == investor


@pytest.mark.parametrize("text, investors", [
    # a gapped clause (its verb left out) has its own actor
    ("Pour financer l'usine de Lyon, Eurazeo investira 40 millions d'euros, Bpifrance 20 millions d'euros.",
     {"40000000": "Eurazeo", "20000000": "Bpifrance"}),
    # a list of names before the verb is no gapped clause
    ("Microsoft, avec Nvidia et OpenAI, y investira 1 milliard d'euros.", {"1000000000": "Microsoft"}),
    # a list of financings: each amount's agent or giver is named right after it, not the next item's
    ("Le projet de Brasov réunit trois financements : un prêt de 22 millions d'euros (environ 110 millions de "
     "lei) consenti par la BERD, une aide de 65 millions de lei du ministère des Projets européens, et 30 "
     "millions de lei apportés par le fonds Carpatia Growth.",
     {"22000000": "Banque européenne pour la reconstruction et le développement",
      "65000000": "ministère des Projets européens", "30000000": "Carpatia Growth"}),
    # a round's shares, each payer named with its acronym in brackets before its verb
    ("Le tour de table est bouclé : le fabricant Teranga Devices apporte 15 milliards de francs CFA sur ses fonds propres, la "
     "Banque ouest-africaine de développement (BOAD) lui prête 12 milliards et le Fonds souverain "
     "d'investissements stratégiques (FONSIS) entre à son capital à hauteur de 5 milliards.",
     {"15000000000": "Teranga Devices", "12000000000": "Banque ouest-africaine de développement",
      "5000000000": "Fonds souverain d'investissements stratégiques"}),
    # a local body in lowercase, its verb left out, pays its own share
    ("Les collectivités mettent la main à la poche : la Région Grand Est apporte 2,5 millions d'euros, le "
     "Département de la Haute-Marne 1,2 million et l'agglomération de Saint-Dizier 800 k€ pour viabiliser le terrain.",
     {"2500000": "Région Grand Est", "1200000": "Département de la Haute-Marne",
      "800000": "agglomération de Saint-Dizier"}),
    # a Eurometropolis gives its share, its verb left out
    ("Le campus coûtera 40 millions d'euros. La Région Grand Est y ajoute 4 millions, l'Eurométropole de "
     "Strasbourg 1 million.", {"4000000": "Région Grand Est", "1000000": "Eurométropole de Strasbourg"}),
    # a full name written again without its generic word; a gapped share "le solde, soit ..."
    ("L'opérateur Souss Numérique et le fonds émirati Gulf Nimbus Investments ont signé un accord de coentreprise "
     "pour un campus à Agadir.\nGulf Nimbus apportera 1,4 milliard de dirhams et Souss Numérique le solde, soit 1 "
     "milliard, a indiqué à la MAP le directeur général de l'opérateur marocain.",
     {"1400000000": "Gulf Nimbus Investments", "1000000000": "Souss Numérique"}),
])
def test_investors_gapped_clause_has_its_own_actor(extract, text, investors):
    assert _payers(extract(text, "2025-02")) == investors


@pytest.mark.parametrize("text, investors", [
    # a company named after its place with a company word; the source a figure is told after pays nothing;
    # money "investis par" / "prêtés par" an agent is the agent's
    ("Le campus de Provence Calcul ouvrira à Fos-sur-Mer. L'hébergeur marseillais en financera la totalité, soit "
     "500 millions d'euros, selon le ministère de l'Économie.", {"500000000": "Provence Calcul"}),
    ("La Région Pays de la Loire apporte une subvention de 6 millions d'euros, tandis que 12 millions d'euros sont "
     "investis par la Banque des Territoires, qui entre au capital de l'hébergeur.",
     {"6000000": "Région Pays de la Loire", "12000000": "Banque des Territoires"}),
    # a pronoun subject gives money to the body after "au": the company pays, not the lender of the sentence before
    ("La start-up Quanteon lève 20 millions d'euros. Bpifrance lui accorde en complément un prêt de 3 millions "
     "d'euros. L'argent servira à aménager une salle blanche à Crolles, où l'entreprise s'installera. Elle versera "
     "par ailleurs 5 millions d'euros sur quatre ans au CEA-Leti pour un laboratoire commun à Grenoble.",
     {"20000000": "", "3000000": "Bpifrance", "5000000": "Quanteon"}),
    # the clause after a colon has its own subject: the state named before it does not pay
    ("Le Maroc attire les hébergeurs. L'État accompagne le projet : le ministère de la Transition numérique et de la "
     "Réforme de l'administration versera une prime de 120 millions de dirhams au titre de la Charte de "
     "l'investissement.", {"120000000": "ministère de la Transition numérique et de la Réforme de l'administration"}),
    # aid received "de la Facilité pour la reprise et la résilience" is paid by the Commission (a programme)
    ("La BEI prêtera 110 millions d'euros à l'entreprise, et le projet recevra 45 millions d'euros de subventions "
     "de la Facilité pour la reprise et la résilience, le plan de relance européen.",
     {"110000000": "BEI", "45000000": "Commission européenne"}),
    # a Spanish regional government ("Junta") pays, "l'exécutif régional" refers to it; the
    # company of a relative clause carries the money of its noun phrase
    ("3. Espagne – Málaga : la Junta de Andalucía soutient une ligne de test de puces L'exécutif régional accorde "
     "14 millions d'euros à Axarquía Chips pour la ligne de 55 millions d'euros que l'entreprise installe au parc "
     "technologique de Málaga.", {"14000000": "Junta de Andalucía", "55000000": "Axarquía Chips"}),
])
def test_investors_each_amount_of_a_passage_has_its_payer(extract, text, investors):
    assert _payers(extract(text, "2025-02")) == investors


@pytest.mark.parametrize("text, investor", [
    # companies investing together without their shares: no single investor
    ("L'américain Microsoft et le groupe émirati G42 vont investir ensemble 1 milliard de dollars au Kenya.", ""),
    ("Orange et Bouygues Telecom vont investir 500 millions d'euros dans un réseau commun.", ""),
    ("L'entreprise commune détenue à parts égales par Nscale et Aker prévoit un investissement "
     "d'environ un milliard de dollars à Narvik.", ""),
    ("Le producteur d'électricité Ljusnan Kraft et l'hébergeur Falun Compute ont annoncé une coentreprise qui "
     "investira 9 milliards de couronnes suédoises dans un centre de données à Sundsvall.", ""),
    # a joint venture with a name of its own is the investor; owners listed with "par" are no subject
    ("La coentreprise Kelvora, détenue à 70 % par TSMC et à 30 % par Bosch, y investira plus de "
     "2 milliards d'euros.", "Kelvora"),
])
def test_investors_joint_undertakings(extract, text, investor):
    rows = [r for r in extract(text, "2025-02").investments if r["kind"] == "investment"]
    assert [r["investor"] for r in rows] == [investor]


@pytest.mark.parametrize("text, expected", [
    # a state named by its adjective pays as itself
    ("L'État hongrois versera une subvention de 12 milliards de forints au projet de Debrecen.", ("Hongrie", "")),
    # a round raised from a list of funds has no leader
    ("La start-up milanaise Sinapsi AI a levé 32 millions d'euros auprès de Linea Capital, de Navigli Ventures "
     "et de business angels.", ("", "Sinapsi AI")),
    ("Vitosha Labs a bouclé un tour de table de 25 millions de leva auprès du fonds bulgare Iskar Ventures, "
     "du grec Poseidon Seed et de plusieurs business angels.", ("", "Vitosha Labs")),
    ("La start-up Quandela Labs a levé 45 millions d'euros auprès du fonds Elaia et de plusieurs business angels.",
     ("", "Quandela Labs")),
    # ... one fund named alone is the lead
    ("La start-up milanaise Sinapsi AI a levé 32 millions d'euros auprès de Linea Capital.", ("Linea Capital", "Sinapsi AI")),
])
def test_investors_state_adjective_and_rounds_without_leader(extract, text, expected):
    rows = [r for r in extract(text, "2025-02").investments if r["kind"] == "investment"]
    assert [(r["investor"], r["recipient"]) for r in rows] == [expected]



def test_investors_a_name_recognised_once_is_the_same_organisation_everywhere(extract):
    text = ("Qubalp lève 60 millions de francs pour industrialiser ses processeurs quantiques\n"
            "La spin-off boucle un tour de série B mené par le fonds zurichois Limmat Deep Tech.\n"
            "La jeune entreprise, fondée en 2020, utilisera ces 60 millions de francs suisses pour construire "
            "une ligne pilote à Yverdon-les-Bains. Qubalp compte parmi ses clients le groupe allemand Nordkabel.")
    rows = extract(text, "2024-06")
    orgs = [(m["text"], m["start"]) for m in rows.mentions if m["label"] == "ORG" and m["value"] == "Qubalp"]
    assert ("Qubalp", 0) in orgs     # the title's name, which the NER reads only further on
    row = _single(extract, text)
    assert (row["investor"], row["recipient"]) == ("Limmat Deep Tech", "Qubalp")


def test_investors_a_town_named_like_a_tag_stays_a_place(extract):
    text = ("Tags : LuxConnect, Bissen, souveraineté\n"
            "LuxConnect lance un cinquième centre de données à Bissen et y investit 100 millions d'euros.")
    rows = extract(text, "2024-06")
    assert "Bissen" not in _values(rows, "ORG")


@pytest.mark.parametrize("text, name", [
    ("Le fonds de pension finlandais Pohjola Pension apporte 400 millions d'euros au campus.", "Pohjola Pension"),
    ("Le fonds d'infrastructure américain Granite Ridge apporte 400 millions d'euros au campus.", "Granite Ridge"),
    # the kind's complement after its nationality; a subsidiary named after its kind
    ("Le fabricant japonais de semi-conducteurs Tsubaki Denki investira 400 millions d'euros à Kaiserslautern.",
     "Tsubaki Denki"),
    ("Le groupe investira, via sa filiale allemande Tsubaki Sensorwerk, 400 millions d'euros à Kaiserslautern.",
     "Tsubaki Sensorwerk"),
])
def test_investors_a_fund_named_after_its_kind_is_no_person(extract, text, name):
    rows = extract(text, "2025-04")
    assert name in _values(rows, "ORG")
    assert name not in _values(rows, "PERSON")


@pytest.mark.parametrize("text, country", [
    ("L'opérateur roumain Carpat Telecom va investir 2,4 milliards de lei dans la fibre.", "RO"),
    ("Le groupe coréen Hanseong Data va investir 80 millions d'euros dans un campus.", "KR"),
])
def test_investors_a_nationality_adjective_is_a_country_mention(extract, text, country):
    rows = extract(text, "2025-04")
    assert country in _values(rows, "COUNTRY")


@pytest.mark.parametrize("text, investor", [
    # development banks lend as themselves, named in full or by acronym
    ("Lagune Télécom va investir 150 milliards de francs CFA dans la 5G en Côte d'Ivoire.\n"
     "La Société financière internationale, filiale de la Banque mondiale, lui accorde un prêt de 40 millions "
     "de dollars pour financer une partie des équipements.", "Société financière internationale"),
    ("La Banque européenne pour la reconstruction et le développement prête 25 millions d'euros à Someș Data "
     "pour son centre de données de Cluj-Napoca.", "Banque européenne pour la reconstruction et le développement"),
    # a "levée" that is no fund raise ("la levée du moratoire") leaves the lender its loan,
    # told a paragraph after the currency
    ("Arctan Compute investira 1 milliard de dollars canadiens d'ici 2030 à Baie-Comeau.\n"
     "Investissement Québec lui consent un prêt de 150 millions, et Hydro-Québec lui réserve un bloc de 300 MW, "
     "l'un des plus importants accordés depuis la levée du moratoire.", "Investissement Québec"),
    # a relative clause about another noun ("qui avait valorisé") does not make the loan an earlier one
    ("Fynbit investira 2,4 milliards de couronnes danoises à Esbjerg.\nComment le projet est-il financé ?\n"
     "Le fonds public d'investissement EIFO lui accorde un prêt de 300 millions, le reste provenant de son "
     "actionnaire, Harbourline Capital, qui avait valorisé Fynbit 1,1 milliard de livres en 2023.", "EIFO"),
])
def test_investors_a_lender_named_as_subject_pays_its_loan(extract, text, investor):
    rows = extract(text, "2025-04")
    assert investor in {r["investor"] for r in rows.investments if r["kind"] == "investment"}
    assert "CFA" not in _values(rows, "ORG")   # a currency's name


@pytest.mark.parametrize("text, investor", [
    # the agent that grants aid, named after its amount, pays it
    ("L'État apporte une subvention de 25 millions d'euros au titre de France 2030, versée par Bpifrance, "
     "pour l'usine de Lannion.", "Bpifrance"),
    ("Le projet de Sfax bénéficie d'une prime à l'investissement de 6 millions de dinars accordée par l'État "
     "tunisien.", "Tunisie"),
    # ... also after the participle told before the amount, a government named by its nationality
    ("Groningue accueillera une usine d'IA financée à hauteur de 204 millions d'euros par le gouvernement "
     "néerlandais.", "Pays-Bas"),
    # a gapped clause keeps its own payer, also with the aid's noun before its amount
    ("Le ministère de l'Industrie accordera une subvention de 30 millions d'euros à l'usine de Lannion, et la "
     "Région Bretagne une avance remboursable de 6 millions d'euros.", "Région Bretagne"),
    # a state that pays through a named body: the body pays, not a programme it pays through
    ("Dans le cadre du plan France 2030, l'État, via Bpifrance, versera une subvention de 150 millions d'euros "
     "entre 2025 et 2027 à la société grenobloise Lumiox.", "Bpifrance"),
])
def test_investors_the_agent_or_the_gapped_payer_of_aid_pays_it(extract, text, investor):
    rows = extract(text, "2024-11")
    assert investor in {r["investor"] for r in rows.investments if r["kind"] == "investment"}


def test_investors_a_name_with_letters_french_does_not_write_is_not_cut(extract):
    # the sentence splitter breaks "Daugava | Tīkli"; the name and its sentence stay whole
    row = _single(extract, "L'opérateur letton Daugava Tīkli va investir 85 millions d'euros d'ici 2027 pour "
                           "raccorder 140 000 foyers ruraux à la fibre optique.")
    assert (row["investor"], row["country"], row["period_end"]) == ("Daugava Tīkli", "LV", "2027")


def test_investors_a_name_the_sentence_splitter_cuts_keeps_its_coordination(extract):
    # the splitter breaks "Kallfors | Energi et ..."; both partners stay subjects of one verb
    text = ("Stockholm, le 4 juin 2025 - L'énergéticien suédois Kallfors Energi et le développeur finlandais "
            "Helvi Data vont investir ensemble 25 milliards de couronnes dans un campus de centres de données, "
            "ont annoncé mercredi les deux groupes.")
    row = _single(extract, text)
    assert (row["investor"], row["amount_value"]) == ("", "25000000000")


def test_investors_a_total_shared_out_among_companies_keeps_its_payer(extract):
    text = ("L'État apportera 40 millions d'euros à trois projets de calcul pour l'intelligence artificielle, au "
            "titre de France 2030, a annoncé lundi le ministre. La somme se répartit entre Orange (20 millions "
            "d'euros), pour une plateforme installée à Lannion, Thales (12 millions), pour son laboratoire de "
            "Palaiseau, et Atos (8 millions), pour un supercalculateur à Angers.")
    rows = {r["amount_value"]: (r["investor"], r["recipient"]) for r in extract(text, "2025-03").investments
            if r["kind"] == "investment"}
    assert rows["12000000"] == ("France", "Thales") and rows["8000000"] == ("France", "Atos")
    assert "40000000" not in rows   # the total is told by its parts


def test_investors_a_dispatch_that_names_its_announcer_after_the_money(extract):
    # the body names nobody before the passive "sera investi"; its announcer (a name that
    # ends in a country) invests, not the parent group the heading speaks of
    text = ("Maroc : la filiale cloud de Maghreb Connect va investir 2 milliards de dirhams à Tanger\n"
            "RABAT (AFP) - Un montant de 2 milliards de dirhams sera investi d'ici 2028 dans un centre de données "
            "à Tanger, a annoncé mercredi Atlas Cloud Maroc, la filiale d'hébergement du groupe Maghreb Connect.")
    rows = extract(text, "2025-03")
    assert [(r["investor"], r["country"]) for r in rows.investments if r.get("amount_value")] == [("Atlas Cloud Maroc", "MA")]
    assert "Atlas Cloud Maroc" in {m["value"] for m in rows.mentions if m["label"] == "ORG"}


def test_investors_aid_told_once_after_the_plan_is_its_payers(extract):
    # a late, once-told advance: kept for its named payer, not its beneficiary ("à l'entreprise")
    for apostrophe in "'’":   # "l’entreprise" is a descriptor of Moselchip, in the dative
        text = ("Le fabricant Moselchip investira 90 millions d'euros d'ici 2028 dans une usine de puces à Metz. "
                f"La Région Grand Est accorde en outre à l{apostrophe}entreprise une avance remboursable de "
                "4 millions d'euros.")
        rows = {r["amount_value"]: (r["investor"], r.get("period_end")) for r in extract(text, "2025-03").investments
                if r.get("amount_value")}
        assert rows == {"90000000": ("Moselchip", "2028"), "4000000": ("Région Grand Est", None)}


def test_investors_a_live_blog_item_lead_is_its_companys_investment(extract):
    # told late in the page, but as the lead of an item whose heading names the company
    text = ("Salon Leap 2025 : suivez les annonces en direct\n"
            "Mis à jour à 18h12\n"
            "10h05 – Le fonds Gulf Horizon Partners lève 300 M$ pour ses start-up du Golfe, a annoncé sa directrice.\n"
            "11h40 – Rumeur démentie sur un projet de 5 milliards à Tabuk.\n"
            "12h00 – Najd Data Centers s'agrandit à Djeddah. L'opérateur saoudien Najd Data Centers investira "
            "2,5 milliards de riyals entre 2026 et 2028 dans deux nouveaux centres de données à Djeddah.")
    rows = [(r["investor"], r["amount_currency"], r["country"]) for r in extract(text, "2025-02").investments
            if r.get("amount_value") == "2500000000"]
    assert rows == [("Najd Data Centers", "SAR", "SA")]


def test_investors_the_ministry_named_in_full_before_pays_its_gapped_share(extract):
    text = ("Le centre de calcul de Zagreb représente un investissement de 86 millions d'euros, selon le ministère "
            "des Sciences, de l'Éducation et de la Jeunesse. Entre 2025 et 2027, l'entreprise commune EuroHPC "
            "apportera 39 millions d'euros et le ministère les 47 millions restants.")
    rows = {r["amount_value"]: r["investor"] for r in extract(text, "2025-06").investments if r.get("amount_value")}
    assert rows == {"39000000": "EuroHPC", "47000000": "ministère des Sciences, de l'Éducation et de la Jeunesse"}


def test_investors_the_remaining_equal_share_is_its_payers_own(extract):
    text = ("Le centre de calcul d'Ioannina, selon le ministère de la Gouvernance numérique, représente 76 millions "
            "d'euros, que la Commission européenne et l'État grec se partagent. La Commission apportera 38 millions d'euros au titre du programme Europe numérique, et le "
            "ministère les 38 millions restants, issus du plan national de relance.")
    rows = sorted(r["investor"] for r in extract(text, "2025-06").investments if r.get("amount_value") == "38000000")
    assert rows == ["Commission européenne", "ministère de la Gouvernance numérique"]


def test_investors_each_payer_of_a_sum_each_one_gives_has_its_row(extract):
    text = ("Le projet, baptisé AI:AT, représente un investissement total de 90 millions d'euros : la Commission "
            "européenne et l'Autriche, via l'agence de financement de la recherche FFG, apporteront 45 millions "
            "d'euros chacune.")
    rows = [r for r in extract(text, "2025-10").investments if r.get("amount_value") == "45000000"]
    assert sorted(r["investor"] for r in rows) == ["Commission européenne", "FFG"]
    assert len({r["row_id"] for r in rows}) == 2   # each row can be reviewed on its own


def test_investors_a_live_blog_item_lead_that_names_its_investor(extract):
    # the heading names the state, the lead its ministry: the lead's own news all the same
    text = ("Sommet Tech d'Abuja : les annonces en direct\n"
            "Mis à jour à 17h40\n"
            "10h05 – Lagos Data Hub lève 300 millions de dollars pour un campus à Lekki, a annoncé son directeur.\n"
            "14h45 – L'État fédéral finance la formation. Le ministère fédéral des Communications consacrera "
            "120 milliards de nairas d'ici 2027 à trois centres de formation au numérique.")
    rows = [(r["investor"], r["amount_currency"]) for r in extract(text, "2025-11").investments
            if r.get("amount_value") == "120000000000"]
    assert rows == [("ministère fédéral des Communications", "NGN")]


def test_investors_a_digest_item_goes_where_its_heading_says(extract):
    text = ("Au sommaire : Lettonie · Slovaquie\n"
            "1. Lettonie : Daugava Tīkli accélère sur la fibre rurale\n"
            "L'opérateur Daugava Tīkli va investir 85 millions d'euros d'ici 2027 pour raccorder 140 000 foyers "
            "ruraux à la fibre optique.\n"
            "2. Slovaquie : Tatralytics lève 12 millions d'euros\n"
            "La start-up de Košice a bouclé une série A de 12 millions d'euros menée par le fonds tchèque Vltava "
            "Growth.\n")
    rows = [r for r in extract(text, "2024-05").investments if r["kind"] == "investment"]
    assert {r["amount_value"]: r["country"] for r in rows}["85000000"] == "LV"


def test_investors_the_company_after_a_persons_role_is_an_organisation(extract):
    # "directrice générale de Kainuu Compute": who the interviewed person speaks for ("Nous investirons")
    rows = extract("Entretien avec Hanna Virtanen, directrice générale de Kainuu Compute, l'opérateur finlandais.",
                   "2025-04")
    assert "Kainuu Compute" in _values(rows, "ORG")


@pytest.mark.parametrize("text, investor", [
    # a local or regional government written in lowercase pays when it is the subject of a paying verb
    ("Sud Photonique investira 80 millions d'euros à Montpellier.\nLa région Occitanie apporte 12 millions d'euros "
     "de subvention, a annoncé mercredi son vice-président.", "région Occitanie"),
    ("Taunus Digital investira 2,2 milliards d'euros à Hanau. De son côté, le land de Hesse versera une subvention "
     "de 60 millions d'euros pour le poste électrique.", "land de Hesse"),
    ("Lémanic Compute investira 300 millions de francs à Lausanne.\nLe canton de Vaud lui versera une subvention de "
     "15 millions de francs, a annoncé la conseillère d'État.", "canton de Vaud"),
])
def test_investors_a_regional_government_in_lowercase_pays_its_aid(extract, text, investor):
    rows = extract(text, "2025-06")
    assert investor in {r["investor"] for r in rows.investments if r["kind"] == "investment"}


def test_investors_a_region_that_is_only_a_place_pays_nothing(extract):
    rows = extract("Sud Photonique investira 80 millions d'euros dans la région Occitanie d'ici 2027.", "2025-06")
    assert {r["investor"] for r in rows.investments if r["kind"] == "investment"} == {"Sud Photonique"}


def test_investors_shares_told_with_their_sum_each_have_their_payer(extract):
    # "apportera" gives a share; "soit 1,5 milliard au total" sums them and is no investment
    rows = extract("Le groupe belge Orvalis et le japonais Kansai Denshi construiront un campus d'IA à Seneffe, "
                   "en Wallonie.\nD'ici 2029, Kansai Denshi apportera 900 millions d'euros et Orvalis 600 millions, "
                   "soit 1,5 milliard au total.", "2024-10")
    facts = _facts(rows)
    assert facts == {("Kansai Denshi", "900000000"), ("Orvalis", "600000000")}


def test_investors_a_share_told_in_the_story_currency_by_its_named_payer_is_kept(extract):
    # "70 millions" without its currency, late in the article, paid by the body named as subject
    rows = extract("La start-up lilloise Norvolt Data a bouclé le financement de son campus de calcul de "
                   "Grande-Synthe, un projet de 850 millions d'euros d'ici 2028.\nL'État, via Bpifrance, lui accorde "
                   "une avance remboursable de 45 millions d'euros.\nLa Banque des Territoires, filiale de la Caisse des "
                   "dépôts, entre au capital de la société de projet à hauteur de 70 millions.", "2025-03")
    assert ("Banque des Territoires", "70000000") in _facts(rows)


def test_investors_in_a_closed_round_each_share_has_its_named_payer(extract):
    rows = extract("La société sénégalaise Teranga Devices a présenté mardi le montage financier de son usine de "
                   "Diamniadio.\nLe tour de table est bouclé : Teranga Devices apporte 15 milliards de francs CFA sur ses "
                   "fonds propres, la Banque ouest-africaine de développement (BOAD) lui prête 12 milliards et le Fonds "
                   "souverain d'investissements stratégiques entre à son capital à hauteur de 5 milliards.", "2024-04")
    payers = _payers(rows)
    assert payers.get("15000000000") == "Teranga Devices"


def test_investors_we_in_an_interview_is_the_company_interviewed(extract):
    # "Sa directrice générale" names no company: the interview is about the company of the lead;
    # "cette levée" after the amount's clause does not make the plan a fund raise
    rows = extract("« Nous construisons à Pavie le plus grand cluster de GPU d'Italie »\n"
                   "Appennino Compute vient de boucler une levée de fonds de 400 millions d'euros, menée par CDP Venture "
                   "Capital. Sa directrice générale, Chiara Valsecchi, répond à nos questions.\n"
                   "Qu'allez-vous faire de cet argent ?\nChiara Valsecchi : Nous investirons 1,1 milliard d'euros au cours "
                   "des quatre prochaines années dans notre campus de Pavie, en combinant cette levée et de la dette "
                   "bancaire. Le site montera à 120 MW et accueillera 16 000 GPU dès 2026.\nQui sont vos clients ?\n"
                   "Des banques. Nous avions levé 60 millions d'euros en 2022 ; aujourd'hui, nous facturons 90 millions "
                   "d'euros par an.", "2024-11")
    facts = _facts(rows)
    assert ("Appennino Compute", "1100000000") in facts
    assert ("CDP Venture Capital", "400000000") in facts


@pytest.mark.parametrize("question, answer, expected", [
    # an answer that opens with the figure leaves the verb in the question: the company interviewed invests
    ("Quel montant mettez-vous sur la table ?", "Marta Ruiz : 120 millions d'euros d'ici 2029, en fonds propres.",
     {"120000000": "Iberfoton"}),
    ("Combien allez-vous investir à Santander ?", "120 millions d'euros d'ici 2029. Le reste viendra plus tard.",
     {"120000000": "Iberfoton"}),
    # a question about revenue or jobs gives the answer's figure no investment cue
    ("Quel chiffre d'affaires visez-vous ?", "Marta Ruiz : 120 millions d'euros en 2029.", {"120000000": None}),
])
def test_investors_an_interview_answer_takes_its_question_s_cue(extract, question, answer, expected):
    # the possessive role ("Sa directrice générale") names the company of the lead, not the bank named later
    rows = extract("Propos recueillis par Luis Ortega\nLe groupe Iberfoton agrandit son usine de Santander. Sa "
                   f"directrice générale, Marta Ruiz, répond à nos questions.\n{question}\n{answer}\n"
                   "Qui vous accompagne ?\nLe Banco Santander nous suit depuis longtemps : l'entreprise a signé un "
                   "contrat de crédit l'an dernier.", "2025-06")
    assert _payers_of(rows, expected) == expected


def test_investors_aid_told_after_another_share_has_its_own_clause_payer(extract):
    rows = extract("Norvolt Data investira 850 millions d'euros à Grande-Synthe d'ici 2028.\nLa Banque des Territoires, "
                   "filiale de la Caisse des dépôts, entre au capital de la société de projet à hauteur de 70 millions, et la "
                   "région Hauts-de-France a voté jeudi une subvention de 8 millions d'euros.", "2025-03")
    payers = _payers(rows)
    assert payers.get("8000000") == "région Hauts-de-France"


def test_investors_a_gapped_second_share_through_a_body_is_kept(extract):
    rows = extract("L'entreprise toulousaine Sentinelle Cyber va investir 14 millions d'euros sur cinq ans pour créer à "
                   "Castres une école de cybersécurité.\nLa Région Occitanie apporte 1,2 million d'euros, et l'État, via "
                   "la Banque des Territoires, 2 millions au titre du plan France 2030, a annoncé mardi le préfet du Tarn.",
                   "2024-10")
    assert ("Banque des Territoires", "2000000") in _facts(rows)


@pytest.mark.parametrize("text, published, payers", [
    # a periphrasis with a nationality, and "son partenaire", name the two partners
    ("Le groupe japonais Sakai Networks et l'opérateur ivoirien Ivoire Data Hub ont signé lundi l'accord "
     "de création d'une coentreprise qui construira un centre de données à Grand-Bassam. Ivoire Data Hub "
     "exploitera le site ; Sakai Networks fournira les serveurs.\nLe projet coûtera 75 milliards de francs "
     "CFA. Le groupe japonais en apportera 45 milliards, son partenaire 30 milliards.", "2025-05",
     {"45000000000": "Sakai Networks", "30000000000": "Ivoire Data Hub"}),
    # "Nous" in the answer of the person interviewed is the company interviewed; the public office named
    # twice (long form and acronym) is no company the interview is about
    ("« Nous investirons 38 mio CHF à Yverdon-les-Bains »\nPropos recueillis par Camille Rochat\n"
     "Le groupe vaudois Orbe Systems ouvre un campus de "
     "cybersécurité à Yverdon-les-Bains. Sa directrice générale, Nadia Berset, détaille le projet.\n"
     "Combien investissez-vous ?\nNadia Berset : Nous investirons 38 mio CHF sur cinq ans dans le campus. "
     "Le canton de Vaud apporte 6 mio et l'Office fédéral de la cybersécurité (OFCS) 2,5 mio.", "2025-03",
     {"38000000": "Orbe Systems", "6000000": "canton de Vaud"}),
    # "la banque publique" is the public bank named before
    ("La jeune pousse Ill Qubits a bouclé une levée de fonds de 62 millions d'euros, avec le fonds "
     "néerlandais Amstel Frontier en chef de file. Bpifrance a également participé au tour. La banque "
     "publique lui accorde en outre une avance remboursable de 6 millions d'euros.", "2025-04",
     {"6000000": "Bpifrance"}),
    # "La maison mère" and "Le groupe" refer to the company introduced as "le groupe japonais X", not to the
    # subsidiary named since
    ("Le groupe japonais Hanbit Electric a choisi la Wallonie. Hanbit Power Europe, sa filiale belge, "
     "investira 300 millions d'euros dans une usine à Seneffe.\nLa maison mère, cotée à Tokyo, investira "
     "de son côté 60 milliards de yens (environ 370 millions d'euros) d'ici 2028 dans ses trois usines "
     "japonaises. Le groupe emploie 9 000 personnes.", "2026-02", {"60000000000": "Hanbit Electric"}),
    # a sentence opening with "Nous" is the company interviewed, before a body named after the amount
    ("Propos recueillis par Aminata Sow\nLe groupe Sahel Compute construit un centre de données à "
     "Thiès. Son directeur général, Ousmane Ba, répond à nos questions.\nQui finance le projet ?\n"
     "Nous apportons nous-mêmes 9 milliards de francs CFA sur nos fonds propres ; l'État, par l'intermédiaire du "
     "Fonds souverain d'investissements stratégiques, verse une subvention de 3 milliards. Le chantier démarrera "
     "en mars.", "2025-02", {"9000000000": "Sahel Compute"}),
    # "L'hébergeur de Tampere y consacrera": the city is the company's, not the payer; a name opening its
    # sentence before ", l'organisme public ..., lui prête" is an organisation the NER may miss
    ("Le finlandais Pirkan Data s'installe à Oulu. L'hébergeur de Tampere y consacrera 90 millions "
     "d'euros d'ici 2027.\nFinnrahoitus, l'organisme public régional de financement, lui prête "
     "15 millions d'euros.", "2025-05", {"90000000": "Pirkan Data", "15000000": "Finnrahoitus"}),
])
def test_investors_a_reference_names_the_organisation_it_refers_to(extract, text, published, payers):
    found = _payers(extract(text, published))
    assert {amount: found.get(amount) for amount in payers} == payers


@pytest.mark.parametrize("text, payers", [
    # a local government named by a name no gazetteer knows, in a gapped share
    ("La Région Occitanie accorde une subvention de 6 millions d'euros, et la communauté de communes "
     "du Plateau de Lannemezan 800 000 euros.",
     {"6000000": "Région Occitanie", "800000": "communauté de communes du Plateau de Lannemezan"}),
    # a city body ending in 'Agglomération', and a gapped passive share with its own agent
    ("La Région Bourgogne-Franche-Comté apporte 9 millions d'euros, le Département du Doubs 3 millions "
     "et Pays de Montbéliard Agglomération (PMA) 1,5 million.",
     {"9000000": "Région Bourgogne-Franche-Comté", "3000000": "Département du Doubs",
      "1500000": "Pays de Montbéliard Agglomération"}),
    ("Le projet coûte 150 millions d'euros : 90 millions sont versés par le ministère fédéral du Numérique "
     "et des Transports et 30 millions par le Land de Rhénanie-Palatinat.",
     {"90000000": "ministère fédéral du Numérique et des Transports", "30000000": "Land de Rhénanie-Palatinat"}),
    # a listed share whose payer the NER misses or calls a place, and a city body ending in 'Communauté'
    ("La Région Bretagne apporte 6 millions d'euros, la Friese Investeringsmaatschappij (FIM) 4 millions "
     "et l'État 2 millions. Bpifrance accorde un prêt de 3 millions, et Vannes Golfe Communauté 500 000 euros.",
     {"6000000": "Région Bretagne", "4000000": "Friese Investeringsmaatschappij",
      "500000": "Vannes Golfe Communauté"}),
])
def test_investors_each_public_funder_pays_its_own_share(extract, text, payers):
    assert _payers_of(extract(text, "2025-06"), payers) == payers


@pytest.mark.parametrize("text, investor", [
    # a state or region acting through a body: the body pays, its name read whole
    ("Le gouvernement du Québec, par l'entremise d'Investissement Québec, lui prête 20 millions $.",
     "Investissement Québec"),
    ("L'État autrichien, par l'intermédiaire de l'Austria Wirtschaftsservice (aws), ajoute une subvention "
     "de 2,4 millions d'euros.", "Austria Wirtschaftsservice"),
    # ... but a programme it pays through is no payer: the state is
    ("Ottawa verse une contribution de 22 millions $, par l'entremise du Fonds stratégique pour l'innovation.",
     "Canada"),
    # a name followed by an apposition that says what it is
    ("Innosuisse, l'agence suisse pour l'encouragement de l'innovation, lui accorde une contribution de "
     "3,2 millions de francs pour un projet mené avec l'EPFL.", "Innosuisse"),
    # a name the NER cuts short runs to its acronym in brackets, seen by the NER or not
    ("Le fonds public Magyar Fejlesztési Bank (MFB) apportera 30 milliards de forints au projet.",
     "Magyar Fejlesztési Bank"),
    ("L'Agence nationale pour la promotion de l'emploi des jeunes (ANPEJ/FJ) ouvre un guichet de 3 milliards "
     "de FCFA pour financer 30 start-up.", "Agence nationale pour la promotion de l'emploi des jeunes"),
    # a gazetteer name with a hyphenated company tail is its own unit
    ("Le Land de Saxe-Anhalt apporte 45 millions d'euros, et la KfW IPEX-Bank, filiale de la KfW, lui prête "
     "200 millions d'euros.", "KfW IPEX-Bank"),
])
def test_investors_the_body_that_pays_is_named_whole(extract, text, investor):
    rows = [r for r in extract(text, "2025-06").investments if r["kind"] == "investment"]
    assert investor in {r["investor"] for r in rows}


def test_investors_a_subsidiary_periphrasis_is_not_its_parent(extract):
    text = ("13h10 – Costa Azul Data choisit Sines La filiale portugaise du groupe néerlandais Drenthe Cloud "
            "Holdings investira 310 millions d'euros d'ici 2028 dans un centre de données près de Sines.")
    assert _payers(extract(text, "2025-06")).get("310000000") == "Costa Azul Data"


def test_investors_a_fund_closing_has_no_investor_no_country_and_no_share_rows(extract):
    text = ("Le fonds bruxellois Brabant Digital Partners a clôturé son deuxième véhicule à 210 millions "
            "d'euros, dont 60 millions apportés par le Fonds européen d'investissement et 30 millions par "
            "la SFPIM. Le véhicule, qui visait initialement 150 millions, investira dans 20 start-up.")
    rows = [r for r in extract(text, "2025-06").investments if r["kind"] == "investment"]
    assert [(r["amount_value"], r["investor"], r["recipient"], r["country"]) for r in rows] == [
        ("210000000", "", "Brabant Digital Partners", "")]


@pytest.mark.parametrize("text, payers", [
    # the project of a funded company is the company's, not its lender's
    ("La banque publique KfW prête 250 millions d'euros à Rheinwerk Data pour son campus de Mayence. "
     "Le projet mobilisera un investissement de 1,1 milliard d'euros d'ici 2029.",
     {"250000000": "KfW", "1100000000": "Rheinwerk Data"}),
    # "le fabricant" after an aid given to a maker is that maker, even when the funder is named more
    # after a lender's share, the company that opens its own share with a verb of giving pays it
    ("L'opérateur slovène Savinja Data construira un centre de données à Celje. Le projet sera financé à "
     "hauteur de 60 millions d'euros par un prêt de la Banque européenne d'investissement, l'opérateur "
     "apportant les 40 millions d'euros restants sur ses fonds propres. Le centre ouvrira en 2027.",
     {"60000000": "BEI", "40000000": "Savinja Data"}),
    ("Enterprise Ireland soutient le secteur. Enterprise Ireland a annoncé une aide de 4 millions d'euros "
     "à Shannon Microsystems, qui agrandit son usine de Limerick. Le fabricant y investira lui-même "
     "21 millions d'euros.", {"4000000": "Enterprise Ireland", "21000000": "Shannon Microsystems"}),
])
def test_investors_the_funded_company_owns_its_project(extract, text, payers):
    assert _payers_of(extract(text, "2025-06"), payers) == payers


def test_investors_aid_received_from_a_named_body_is_that_bodys(extract):
    """"Le projet reçoit 9 millions de la Banque des Territoires": a bare amount whose
    complement names the giver is money, and the giver pays it."""
    text = ("La société Arverne Calcul investira 40 millions d'euros dans un centre de données à "
            "Clermont-Ferrand. Le projet reçoit en outre 7 millions de la Banque des Territoires.")
    assert _payers(extract(text, "2025-06")) == {"40000000": "Arverne Calcul", "7000000": "Banque des Territoires"}


@pytest.mark.parametrize("text, payers", [
    # a cleft puts the payer forward, even after a body that does not pay
    ("La Région Grand Est accorde une aide de 10 millions d'euros à Rosselle Composants. La Banque des "
     "Territoires n'y participe pas : c'est la communauté d'agglomération Forbach Porte de France qui prend "
     "en charge les 4 millions d'euros de viabilisation.",
     {"10000000": "Région Grand Est", "4000000": "communauté d'agglomération Forbach Porte de France"}),
    # money granted by two bodies together has no single investor
    ("Le fabricant Rance Optique investira 30 millions d'euros à Dinan d'ici 2027. Une subvention de 3 millions "
     "d'euros, financée à parts égales par la Région Bretagne et l'agglomération, complète le montage.",
     {"30000000": "Rance Optique", "3000000": ""}),
    # in a reported clause, the subject of the investment verb acts, not the one who reports it
    ("Le groupe français Corvane Industries annonce que sa filiale Corvane Embarqué investira 90 millions de dirhams "
     "d'ici 2027 dans un centre de test à Tanger.", {"90000000": "Corvane Embarqué"}),
    # a loan's agent named after its borrower, and far from the amount
    ("Un prêt de 300 millions de zlotys a été consenti à l'opérateur régional Bug Net par Bank Gospodarstwa "
     "Krajowego (BGK), la banque de développement de l'État.", {"300000000": "Bank Gospodarstwa Krajowego"}),
    ("Un prêt de 12 milliards de francs CFA, destiné au réseau de fibre optique que Sine Connect déploie entre "
     "Kaolack et Fatick, est accordé par la Banque islamique de développement (BID).",
     {"12000000000": "Banque islamique de développement"}),
    # the outlet someone speaks to is no payer
    ("« Nous mettrons 20 milliards de francs CFA sur la table d'ici 2028 », a déclaré à l'APS Awa Ndiaye, "
     "directrice générale de Saloum Numérique, la branche centres de données de l'opérateur.",
     {"20000000000": "Saloum Numérique"}),
    # a name the NER misses, right after the agent's "par" and described by an apposition
    ("Une avance remboursable de 3,1 millions d'euros, accordée à Lauragais Robotique pour le bâtiment, sera "
     "versée par AD'NORM, l'agence de développement économique de la Région Normandie.",
     {"3100000": "AD'NORM"}),
    # a passive share with its verb of giving ("nous sont versés par"); a company after a person's role
    ("« Nous mettons 80 millions d'euros sur la table à Delft » Sanne de Vries, directrice générale de Zuidwal "
     "Optica, détaille son projet.\nLa province nous prête 10 millions. Et 9 millions d'euros nous sont versés "
     "par le ministère des Affaires économiques pour les équipements.",
     {"80000000": "Zuidwal Optica", "9000000": "ministère des Affaires économiques"}),
    # a subsidiary named in a possessive apposition, its name closed by a region ("... Europe")
    ("Le groupe japonais Hoshiro Denki va construire une usine à Liège, a annoncé mardi sa filiale belge, "
     "Hoshiro Power Europe. C'est cette dernière qui portera l'investissement, soit 210 millions d'euros "
     "d'ici 2029.", {"210000000": "Hoshiro Power Europe"}),
    # "cette dernière", "celui-ci": the organisation named last, not a person named after it
    ("La start-up Kempen Optics a choisi le fonds public Brabant Invest. C'est ce dernier qui apportera "
     "12 millions d'euros d'ici 2027.", {"12000000": "Brabant Invest"}),
])
def test_investors_a_payer_named_by_a_cleft_an_agent_or_a_report(extract, text, payers):
    assert _payers_of(extract(text, "2025-06"), payers) == payers


def test_investors_the_subsidiary_a_paragraph_presents_is_la_filiale(extract):
    text = ("LIÈGE, 18 septembre (Belga) – Maasdata Belgium, filiale du groupe néerlandais Maasdata, va construire un "
            "centre de données à Flémalle. La filiale y investira 85 millions d'euros d'ici fin 2027.")
    rows = extract(text, "2025-09")
    assert {m["text"]: m["value"] for m in rows.mentions if m["label"] == "ORG"}.get("La filiale") == "Maasdata Belgium"
    assert [r["investor"] for r in rows.investments if r["kind"] == "investment"] == ["Maasdata Belgium"]
