"""Literals a regex cannot match without: a cheap proof that a text has no match.

A cue group is one alternation of many patterns, most of them `\\b` + a word: searching
it costs the same whether the text is near a match or not. `required(pattern)` reads the
pattern's syntax tree (the one `re` compiles) for a set of literals such that every match
holds at least one of them; `may_match(need, folded)` tells whether a text (`fold`ed) holds
one. When it does not, the pattern cannot match and the search is skipped; when it does,
the search runs as before, so the answers are the same, only cheaper.

Case: `fold` maps each character to the one `re` compares it as under IGNORECASE (its
simple lower case, then one representative of the equivalents `re` adds, such as 'ſ' for
's'), and the literals are folded the same way. A character a pattern literal matches,
with or without IGNORECASE, folds like that literal, so the test holds either way.

>>> cue = re.compile(r"\\bs['’]install|\\bimplant[ée]", re.IGNORECASE)
>>> sorted(required(cue))
['implant', 'install']
>>> may_match(cue, fold("Le groupe S'INSTALLE à Lyon")), may_match(cue, fold("Le groupe investit"))
(True, False)
>>> required(re.compile(r"[^a]+")) is None
True
"""
from __future__ import annotations

import re
from functools import lru_cache

import _sre
from re import _constants as sre
from re import _parser
from re._casefix import _EXTRA_CASES

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
Need = frozenset[str] | None


class _Folding(dict):
    """Code point -> its folded character, filled on first sight (`str.translate` table)."""

    def __missing__(self, code: int) -> str:
        lower = _sre.unicode_tolower(code)
        folded = self[code] = chr(min((lower, *_EXTRA_CASES.get(lower, ()))))
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """`text` with each character folded as `re` compares it under IGNORECASE (same length).

    >>> fold("ÉTÉ ſ İ")
    'été s i'
    """
    return text.translate(_FOLDING)


@lru_cache(maxsize=None)
def required(pattern: re.Pattern) -> Need:
    """Folded literals one of which every match of `pattern` holds, or None (no guarantee)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return None
    return _sequence(_parser.parse(pattern.pattern, pattern.flags).data)


def may_match(pattern: re.Pattern, folded: str) -> bool:
    """False only when `folded` (a `fold`ed text) holds none of the literals `pattern`
    requires: then `pattern` has no match in the text."""
    screen = _screen(pattern)
    return screen is None or screen.search(folded) is not None


_SCREENS: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}


def _screen(pattern: re.Pattern) -> re.Pattern | None:
    """The required literals as one case-sensitive alternation (a scan `re` can skip
    through, faster than one `in` per literal). Kept by the pattern's identity, with the
    pattern: hashing a compiled pattern hashes its whole code, which costs about as much
    as the screen itself."""
    hit = _SCREENS.get(id(pattern))
    if hit is None:
        need = required(pattern)
        hit = _SCREENS[id(pattern)] = (pattern, None if need is None else re.compile(
            "|".join(re.escape(literal) for literal in sorted(need))))
    return hit[1]


def _sequence(items) -> Need:
    """The best need among the parts of a sequence (all of them must match, in order)."""
    best: Need = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(_FOLDING[av])
            continue
        if run:
            best, run = _better(best, frozenset({"".join(run)})), []
        best = _better(best, _part(op, av))
    return best


def _part(op, av) -> Need:
    if op is sre.SUBPATTERN:
        return _sequence(av[3].data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in _REPEATS:
        return _sequence(av[2].data) if av[0] >= 1 else None
    if op is sre.BRANCH:
        branches = [_sequence(branch.data) for branch in av[1]]
        return None if None in branches else frozenset().union(*branches)
    if op is sre.IN and av and all(item is sre.LITERAL for item, _ in av):
        return frozenset(_FOLDING[code] for _, code in av)
    return None


def _better(one: Need, other: Need) -> Need:
    """The need with the longer shortest literal (the rarer in text, the better filter)."""
    if one is None or other is None:
        return other if one is None else one
    return other if min(map(len, other)) > min(map(len, one)) else one
