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
    # a person as subject stays a person: the company is the investor
    ("Le président de Microsoft, Brad Smith, a annoncé que Microsoft va investir 2 milliards d'euros en Espagne.",
     ("Microsoft", "")),
]


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
