"""COMMITMENT mentions: sentences that commit to something besides money.

A sentence that carries a commitment trigger (s'engage, promet, prévoit, va former,
d'ici 2027...) and no hedge (on ignore, pourrait...) yields one COMMITMENT mention per
category cue it contains (`models/facts.json`, `commitment_categories`); the facts are
assembled from them in `pipeline.facts.commitments`.
"""
from __future__ import annotations

from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import cues


def commitment_mentions(text: str, sentences, body_start: int) -> list[Mention]:
    """COMMITMENT mentions (value = category) in sentences that commit to something.

    Category cues run once over the body (they are rare); only the sentences they hit are
    checked for a trigger and a hedge. A category counts once per sentence."""
    verdicts: dict[int, bool] = {}

    def commits(index: int) -> bool:
        if index not in verdicts:
            sentence = text[slice(*sentences.spans[index])]
            verdicts[index] = (any(c.regex.search(sentence) for c in cues("commitment_triggers"))
                               and not any(c.regex.search(sentence) for c in cues("commitment_blockers")))
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
