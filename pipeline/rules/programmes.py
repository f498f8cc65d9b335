"""Funding programmes (`models/programmes.json`): a programme is not an investor, the
body that pays it is ("financé par le programme Europe numérique" -> Commission
européenne; "via France 2030" -> France).

>>> payer_of("InvestAI"), payer_of("Orange")
('Commission européenne', '')
>>> text = "Europe numérique, doté de 8,1 milliards d'euros pour 2021-2027, finance des centres"
>>> endowed_programme(text, text.index("8,1"))
True
"""
from __future__ import annotations

import re

from pipeline.rules.lexicon import load_json, rules_cache


@rules_cache
def _payers() -> dict[str, str]:
    out = {}
    for item in load_json("programmes.json").get("programmes", []):
        for name in [item["name"], *item.get("aliases", [])]:
            out[name] = item["payer"]
    return out


@rules_cache
def _regex() -> re.Pattern | None:
    names = sorted(_payers(), key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace("'", "['’]") for n in names)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)")


def payer_of(name: str) -> str:
    """The payer of programme `name`, '' when it is no programme."""
    return _payers().get(name, "")


def programme_payer(sentence: str) -> str:
    """The payer of the first programme named in `sentence`, '' if none."""
    regex = _regex()
    match = regex.search(sentence) if regex is not None else None
    return _payers()[match.group(1)] if match else ""


def programme_at(text: str, start: int) -> bool:
    """Whether a programme's name begins at `text[start]` ("via le Mécanisme pour
    l'interconnexion en Europe" names a programme, not a body)."""
    regex = _regex()
    return regex is not None and regex.match(text, start) is not None


_ENDOWED = re.compile(r"[^.;:\n]{0,40}?\b(?:dotée?s?|d['’]une\s+enveloppe|d['’]un\s+budget)\s+(?:de|d['’])\s*$", re.IGNORECASE)


def endowed_programme(text: str, amount_start: int) -> bool:
    """Whether the amount at `amount_start` is the endowment of a programme named just before
    it ("Europe numérique, doté de 8,1 milliards d'euros pour 2021-2027, finance des centres
    similaires"): the programme's overall envelope, cited as context."""
    regex = _regex()
    if regex is None:
        return False
    return any(_ENDOWED.fullmatch(text, match.end(), amount_start)
               for match in regex.finditer(text, max(0, amount_start - 120), amount_start))


def programmes_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, payer) of the programmes named in `text[start:end]`."""
    regex = _regex()
    return [(m.start(), _payers()[m.group(1)]) for m in regex.finditer(text, start, end)] if regex is not None else []
