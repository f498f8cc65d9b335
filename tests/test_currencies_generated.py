"""models/money/currencies.json: the babel section matches its source, curated entries keep priority."""

from __future__ import annotations

import copy
import importlib.util
import json
import warnings
from pathlib import Path

import pytest

from pipeline.amounts import find_amounts

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "gen_currencies.py"
DATA = ROOT / "models" / "money" / "currencies.json"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_currencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_currencies_generated_section_matches_babel():
    gen = _generator()
    text = DATA.read_text(encoding="utf-8")
    data = json.loads(text)
    note = gen.version_note(data)
    if note:
        warnings.warn(note)
    changed = gen.changed_codes(data)
    assert not changed, f"generated names differ for {', '.join(changed)}: {note or 'run: python scripts/gen_currencies.py'}"
    fresh = gen.generated(data)
    fresh["babel"]["babel_version"] = data["babel"]["babel_version"]
    assert gen.render(fresh) == text, "run: python scripts/gen_currencies.py"


def test_currencies_generated_check_fails_on_names_not_on_version():
    gen = _generator()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    before = set(gen.changed_codes(data))                  # empty with the pinned babel
    other_version = copy.deepcopy(data)
    other_version["babel"]["babel_version"] = "0.0.1"
    assert set(gen.changed_codes(other_version)) == before
    assert "made with babel 0.0.1" in gen.version_note(other_version)
    other_names = copy.deepcopy(data)
    entry = other_names["babel"]["currencies"][0]
    entry["words"].pop()
    assert set(gen.changed_codes(other_names)) == before | {entry["iso"]}


def test_currencies_generated_never_shadow_curated_names():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    gen = _generator()
    curated = {gen.key(w) for e in data["currencies"] for w in e.get("words", []) + e.get("weak_words", [])}
    generated = {gen.key(w) for e in data["babel"]["currencies"] for w in e["words"]}
    assert generated and not (curated & generated)
    assert not any(e["iso"] in data["babel_skip"]["codes"] for e in data["babel"]["currencies"])


@pytest.mark.parametrize(
    "sentence, currency",
    [
        ("Le Mexique investit 300 millions de pesos mexicains.", "MXN"),
        ("La Tunisie emprunte 2 milliards de dinars tunisiens.", "TND"),
        ("Le fonds investit 1 milliard de rands sud-africains.", "ZAR"),
        ("Le contrat atteint 50 millions de dirhams des Émirats arabes unis.", "AED"),
        ("Le Koweït a placé 3 milliards de dinars koweïtiens.", "KWD"),       # babel plural "dinar koweïtiens" fixed
        ("Samsung investira 300 000 milliards de wons sud-coréens.", "KRW"),
        ("Le groupe a versé 3 milliards de dollars.", "USD"),                  # curated bare "dollars" kept
        ("L'usine avait coûté 2 milliards de francs français.", "FRF"),
    ],
)
def test_currencies_generated_names_are_read(sentence, currency):
    assert [a.currency for a in find_amounts(sentence)] == [currency]


@pytest.mark.parametrize("sentence", ["Le prix de l'or a bondi de 3 %.", "Il a gagné 3 kilos d'or et 2 millions de sucre."])
def test_currencies_skipped_codes_are_not_money(sentence):
    assert find_amounts(sentence) == []
