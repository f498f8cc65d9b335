"""Is a place's sentence about the document's investment, or background? Features of the
site model (`pipeline.facts.site_status`) that read when the event is and who speaks.

Places in background sentences are the site model's main false sites on feed-shaped
articles: another company's facilities ("Microsoft construit des centres de données à
Espoo"), the company's earlier ones ("Ses premiers campus, à Francfort et à Leipzig, ont
coûté ..."), a quote ("Nous avons étudié douze sites entre Salzbourg et Vienne »,
explique ..."). A linguist reads two things there, with no word list of places:

- the time: a completed event (a perfect or past tense without a future one, a year
  before the publication year, "depuis 2017");
- the speaker: the place is inside a quotation (more « than » before it in its paragraph).

The tense patterns are data (`models/assembly/site_cues.json`, groups `perfect` and
`future`); this module only combines them. Another organisation acting before the place
(not the most named company nor the one before the first amount) was tried as a third
reading: on the tune splits it fires on hosts and partners of the investment as often as
on competitors, and made the out-of-fold log loss worse.
"""
from __future__ import annotations

import re

from pipeline.facts.context import Context
from pipeline.mentions.mention import Mention
from pipeline.normalize.lists import paragraph_of

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SINCE = re.compile(r"\bdepuis\s+(?:(?:le|la|l['’]|fin|début|mi-?)\s*)?(?:\w+\s+)?(?:19|20)\d\d\b", re.IGNORECASE)


def background_features(ctx: Context, mention: Mention, found: dict[str, frozenset],
                        span: tuple[int, int]) -> dict[str, float]:
    """Time and speaker features of `mention` in its sentence `span`; `found` holds the cue
    groups matched per scope (`site_features`).

    >>> sorted(_completed({"sentence": frozenset({"perfect"})}, "ouvert en 2019", 2025))
    ['completed@sentence', 'past_year@sentence', 'past_year_no_future']
    >>> _completed({"sentence": frozenset({"perfect", "future"})}, "a annoncé, ouvrira", 2025)
    {}
    """
    out = _completed(found, ctx.text[span[0]:span[1]], ctx.published_year)
    if _quoted(ctx.text, mention.start):
        out["in_quote"] = 1.0
    return out


def _completed(found: dict[str, frozenset], sentence: str, published_year: int | None) -> dict[str, float]:
    """A completed event: a perfect tense and no future one in the sentence; a year before
    the publication year or "depuis <year>" in the sentence."""
    out: dict[str, float] = {}
    groups = found.get("sentence", frozenset())
    if "perfect" in groups and "future" not in groups:
        out["completed@sentence"] = 1.0
    years = [int(y) for y in _YEAR.findall(sentence)]
    if _SINCE.search(sentence) or (published_year and any(y < published_year for y in years)):
        out["past_year@sentence"] = 1.0
        if "future" not in groups:
            out["past_year_no_future"] = 1.0
    return out


def _quoted(text: str, offset: int) -> bool:
    """Inside a quotation: more opening than closing French quotes before `offset` in its
    paragraph."""
    start, _ = paragraph_of(text, offset)
    before = text[start:offset]
    return before.count("«") > before.count("»")
