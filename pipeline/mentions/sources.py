"""Who a story is told to or after: the outlet someone speaks to ("a déclaré à l'APS") and
the source a clause is attributed to (", selon le ministère"). Such a name is no actor of
the story: it pays nothing.
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
    >>> told_to(text, text.index("APS")), told_to("La BEI prête", 3)
    (True, False)
    """
    return bool(_TOLD_TO.search(text, max(0, start - 60), start))
