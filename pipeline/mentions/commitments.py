"""COMMITMENT mentions: sentences that commit to something besides money.

A sentence that carries a commitment trigger (s'engage, promet, prévoit, va former,
d'ici 2027...) and no hedge (on ignore, pourrait...) yields one COMMITMENT mention per
category cue it contains (`models/facts.json`, `commitment_categories`); the facts are
assembled from them in `pipeline.facts.commitments`.
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import cues


def commitment_mentions(text: str, sentences, body_start: int) -> list[Mention]:
    """COMMITMENT mentions (value = category) in sentences that commit to something.

    Category cues run once over the body (they are rare); only the sentences they hit are
    checked for a trigger and a hedge. A category counts once per sentence."""
    verdicts: dict[int, bool] = {}

    def commits(index: int) -> bool:
        if index not in verdicts:
            start, end = sentences.spans[index]
            intro = list_intro(text, start)
            verdicts[index] = _pledges(text[start:end]) or (intro is not None and _pledges(intro))
        return verdicts[index]

    out = []
    seen: set[tuple[str, int]] = set()
    lower_text = text.lower()
    for cue in cues("commitment_categories"):
        for match in cue.finditer(text, body_start, lower_text):
            index = sentences.index(match.start())
            s_start, s_end = sentences.spans[index]
            if (cue.category, index) in seen or not s_start <= match.start() < s_end or not commits(index):
                continue
            if sentences.cut_off is not None and s_start >= sentences.cut_off:
                continue
            seen.add((cue.category, index))
            out.append(Mention("COMMITMENT", text[match.start():match.end()], cue.category, match.start(),
                               match.end(), "rule", cue.id, s_start, s_end, detail=",".join(cue.units)))
    return sorted(out, key=lambda m: (m.start, m.rule))


def _pledges(sentence: str) -> bool:
    return (any(c.regex.search(sentence) for c in cues("commitment_triggers"))
            and not any(c.regex.search(sentence) for c in cues("commitment_blockers")))


_BULLET = re.compile(r"[ \t]*[-•–·*][ \t]+")


def list_intro(text: str, start: int) -> str | None:
    """The line that introduces the bulleted list the line at `start` is an item of, or None
    (not a bullet item). An item says what its introduction says: "Data4 promet par
    ailleurs :" makes each "- ..." below it a pledge.

    >>> text = "Data4 promet par ailleurs :\\n- la création de 300 emplois ;\\n- des centres verts."
    >>> list_intro(text, text.index("- des"))
    'Data4 promet par ailleurs :'
    >>> list_intro(text, 0) is None
    True
    """
    line_start = text.rfind("\n", 0, start) + 1
    if not _BULLET.match(text, line_start):
        return None
    while line_start > 0:
        previous = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous:line_start - 1]
        if line.strip() and not _BULLET.match(line):
            return line
        line_start = previous
    return None
