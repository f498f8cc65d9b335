"""COMMITMENT mentions: sentences that commit to something besides money.

A sentence that carries a commitment trigger (s'engage, promet, prévoit, va former,
d'ici 2027...) and no hedge (on ignore, pourrait...) yields one COMMITMENT mention per
category cue it contains (`models/facts.json`, `commitment_categories`); the facts are
assembled from them in `pipeline.facts.commitments`. A cue marked `pledge` is a promise in
itself ("alimenté à 100 % par de l'énergie renouvelable") and needs no trigger; a cue
after a `commitment_topic_cues` context names the topic, a host or an existing facility
("le marché des centres de données", "hébergé sur le campus de"), not a pledge; so does
one followed by a past date of opening (`commitment_existing_after`: "ouverte en 2023").
"""
from __future__ import annotations

import re

from pipeline.mentions.mention import Mention
from pipeline.rules.lexicon import CONTEXT_CHARS, cues, load_json, rules_cache


def commitment_mentions(text: str, sentences, body_start: int) -> list[Mention]:
    """COMMITMENT mentions (value = category) in sentences that commit to something.

    Category cues run once over the body (they are rare); only the sentences they hit are
    checked for a trigger and a hedge. A category counts once per sentence."""
    verdicts: dict[tuple, bool] = {}

    def commits(index: int, start: int, end: int, pledge: bool) -> bool:
        s_start, s_end = sentences.spans[index]
        sentence = text[s_start:s_end]
        scope = trigger_scope(sentence, start - s_start, end - s_start)
        key = (index, relative_clause(sentence, start - s_start), scope, pledge)
        if key not in verdicts:
            intro = list_intro(text, s_start)
            verdicts[key] = (_pledges(sentence, key[1], pledge, scope)
                             or (intro is not None and _pledges(intro, None, pledge)))
        return verdicts[key]

    out = []
    seen: set[tuple[str, int]] = set()
    lower_text = text.lower()
    pledge_ids = pledge_cue_ids()
    for cue in cues("commitment_categories"):
        for match in cue.finditer(text, body_start, lower_text):
            index = sentences.index(match.start())
            s_start, s_end = sentences.spans[index]
            if (cue.category, index) in seen or not s_start <= match.start() < s_end:
                continue
            if _topic_mention(text, match.start(), match.end()) or not commits(index, match.start(), match.end(), cue.id in pledge_ids):
                continue
            if sentences.cut_off is not None and s_start >= sentences.cut_off:
                continue
            seen.add((cue.category, index))
            out.append(Mention("COMMITMENT", text[match.start():match.end()], cue.category, match.start(),
                               match.end(), "rule", cue.id, s_start, s_end, detail=",".join(cue.units)))
    return sorted(out, key=lambda m: (m.start, m.rule))


def _pledges(sentence: str, clause: int | None = None, pledge: bool = False,
             scope: tuple[int | None, ...] | None = None) -> bool:
    """A trigger (unless the cue is a `pledge` itself) and no blocker in `sentence`.

    A blocker inside a relative clause (", qui n'a pas chiffré l'investissement,") speaks
    of that clause only, so it counts only for a cue in that same clause (`clause`: the
    start of the cue's relative clause, or None). With `scope` (`trigger_scope`), only a
    trigger in those clauses counts: "Nous achetons de la capacité de calcul auprès
    d'AWS, qui investit massivement" pledges nothing."""
    if not pledge and not any(scope is None or who_clause(sentence, m.start()) in scope
                              for c in cues("commitment_triggers") for m in c.regex.finditer(sentence)):
        return False
    return not any(relative_clause(sentence, m.start()) in (None, clause)
                   for c in cues("commitment_blockers") for m in c.regex.finditer(sentence))


_RELATIVE = re.compile(r",\s*(?:qui|dont|où)\b[^,;:«»()]*(?=,)")


def relative_clause(sentence: str, offset: int) -> int | None:
    """The start of the relative clause set off by commas that holds `offset`, or None.

    >>> s = "L'entreprise, qui n'a pas chiffré l'investissement, promet une réutilisation."
    >>> relative_clause(s, s.index("n'a")), relative_clause(s, s.index("promet"))
    (12, None)
    """
    return next((m.start() for m in _RELATIVE.finditer(sentence) if m.start() <= offset < m.end()), None)


_WHO = re.compile(r",\s*(?:qui|où)\b[^,;:«»()]*(?=,|[\s.!?…]*$)")
ANTECEDENT_CHARS = 20   # a relative clause this close after a cue speaks of the cue's noun
SUBJECT_CHARS = 60      # one that starts this close to the sentence start speaks of the subject


def who_clause(sentence: str, offset: int) -> int | None:
    """The start of the 'qui'/'où' clause set off by commas (or ending the sentence) that
    holds `offset`, or None.

    >>> s = "Nous achetons du calcul auprès d'AWS, qui investit massivement."
    >>> who_clause(s, s.index("investit")), who_clause(s, s.index("calcul"))
    (36, None)
    """
    return next((m.start() for m in _WHO.finditer(sentence) if m.start() <= offset < m.end()), None)


def trigger_scope(sentence: str, start: int, end: int) -> tuple[int | None, ...]:
    """The clauses whose triggers make the cue at [start, end) a pledge: its own clause;
    for a cue outside any, also a 'qui' clause right after it or right after the subject
    (their antecedent is the cue's noun or the subject: "un centre de données, qui sera
    construit à Lyon", "L'usine, qui doit ouvrir en 2027, aura une capacité de ...")."""
    own = who_clause(sentence, start)
    if own is not None:
        return (own,)
    near = tuple(m.start() for m in _WHO.finditer(sentence)
                 if 0 <= m.start() - end <= ANTECEDENT_CHARS or m.start() <= SUBJECT_CHARS)
    return (None, *near)


def _topic_mention(text: str, start: int, end: int) -> bool:
    """Whether the cue at [start, end) follows a topic, host or existing-facility context
    (`commitment_topic_cues`), or is followed by the past date of an existing facility
    (`commitment_existing_after`: "la région cloud du groupe, ouverte en 2023")."""
    before, after = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS + 40]
    return (any(c.regex.search(before) for c in cues("commitment_topic_cues"))
            or any(c.regex.search(after) for c in cues("commitment_existing_after")))


@rules_cache
def pledge_cue_ids() -> frozenset[str]:
    """Ids of the category cues that are a promise in themselves (`"pledge": true`)."""
    return frozenset(rule["id"] for rule in load_json("facts.json").get("commitment_categories", [])
                     if rule.get("pledge"))


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
