"""Funding programmes (`models/programmes.json`): a programme is not an investor, the
body that pays it is ("financé par le programme Europe numérique" -> Commission
européenne; "via France 2030" -> France).

>>> payer_of("InvestAI"), payer_of("Orange")
('Commission européenne', '')
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
