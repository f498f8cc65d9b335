"""Financers named as the items of a list: the name that opens a bullet line whose value is money.

Feeds set a round's or a plan's financers out as a list ("Le tour de table se répartit
ainsi :\n- Tejo Compute : 550 millions d'euros ;\n- Fundo Lusitano de Pensões, caisse de
retraite : 180 millions."). The NER reads names it never met in such lines as places
("Fundo Lusitano" LOC, "Pensões" LOC); the frame says what they are: the name before the
item's colon (or its apposition's comma) gives the money after it, so it is an organisation.
Names the gazetteers know (a country, a region, a bank) keep their own mention.
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.mentions.orgs import is_place_name
from pipeline.mentions.proposals import NAME_WORD
from pipeline.normalize.lists import BULLET_MARK

ITEM_RULE = "org.list_item"

_ARTICLE = r"(?!(?:Le|La|Les|L['’]|Un|Une|Des)\b)"
_PARTICLE = r"(?:de|du|des|d['’]|la|le|of|and|for|&|y|e|di|del|van|von|der)"
_SCALE = r"(?:millions?|milliards?|mds?|Mds?|Md|M|k|mio|mrd)\b|[€$£]"
_ITEM = re.compile(rf"""(?m)^{BULLET_MARK}
    (?P<name>{_ARTICLE}{NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{NAME_WORD}){{0,5}})   # "Fundo Lusitano de Pensões"
    \s*(?:\([^()\n]{{1,60}}\))?                                                 # "(Eksfin)"
    (?:\s*,[^:\n]{{0,160}})?                                                    # ", caisse de retraite ..."
    \s*:\s*[^\d:\n]{{0,30}}\d[\d\s,.]*\s*(?:{_SCALE})""", re.VERBOSE)


def item_payer_mentions(text: str, body_start: int, free) -> list[Mention]:
    """ORG mentions of the names that open bullet lines of money, where `free(start, end)`
    (no gazetteer mention there).

    >>> text = "Le tour de table :\\n- Fundo Lusitano de Pensões, caisse de retraite : 180 millions ;\\n- Capacité : 60 MW."
    >>> [m.value for m in item_payer_mentions(text, 0, lambda s, e: True)]
    ['Fundo Lusitano de Pensões']
    """
    out = []
    for match in _ITEM.finditer(text, body_start):
        start, end = match.span("name")
        name = match.group("name")
        if free(start, end) and not is_place_name(name):
            out.append(Mention("ORG", name, name, start, end, "rule", ITEM_RULE, detail="list item"))
    return out
