"""Who a story is told to or after: the outlet someone speaks to ("a déclaré à l'APS"), the
source a clause is attributed to (", selon le ministère") and the agency of a wire's
dateline ("VIENNE, 14 octobre 2025 (APA) –"). Such a name is no actor of the story: it pays
nothing.
"""
from __future__ import annotations

import re

# a news outlet spoken to: "a déclaré à l'APS", "a indiqué à Belga", "a confié au quotidien Le Soir"
_TOLD_TO = re.compile(r"\b(?:déclaré|indiqué|confié|précisé|expliqué|affirmé|annoncé|dit|assuré|souligné|raconté|"
                      r"déclare|indique|confie|précise|explique|affirme)\s+(?:à|au)\s+(?:l['’]\s*|la\s+|le\s+)?"
                      r"(?:(?:agence|quotidien|journal|hebdomadaire|site|magazine|radio|chaîne|télévision)\s+)?$"
                      r"|,\s*(?:selon|d['’]après)\s+(?:l['’]\s*|la\s+|le\s+|les\s+)?$")   # ", selon le ministère"


def told_to(text: str, start: int) -> bool:
    """The name at `start` is the outlet someone speaks to, or the source a clause is told
    after ("..., soit 500 millions d'euros, selon le ministère"), not an actor of the story.

    >>> text = "a déclaré à l'APS Ndèye Mbaye"
    >>> told_to(text, text.index("APS")), told_to("La BEI prête", 3), told_to("VIENNE, 14 octobre (APA) – Le", 20)
    (True, False, True)
    """
    return bool(_TOLD_TO.search(text, max(0, start - 60), start)) or bool(
        _DATELINE_BRACKET.search(text, max(0, start - 2), start) and _DATELINE_CLOSE.match(text, text.find(")", start)))


# the agency named in a wire's dateline: "VIENNE, 14 octobre 2025 (APA) –", "LOMÉ (AFP) -"
_DATELINE_BRACKET = re.compile(r"\(\s*$")
_DATELINE_CLOSE = re.compile(r"\)\s*[–—-]\s")
