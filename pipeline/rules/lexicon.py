"""Rules as data: load the files of `models/` once, and compile their cue patterns.

Everything the rules know (cue words, gazetteers, role heads, rule weights) lives in
`models/`; this module only reads it. `INVEST_MODELS` points at another rules folder
(a retrained candidate, a test fixture).

>>> [c.id for c in cues("anaphora_cues")]
['anaphora.this_investment']
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE_MODELS = Path(__file__).resolve().parents[2] / "models"
_RULES_CACHES: list = []   # every function whose result derives from the rules folder


def rules_cache(fn):
    """`lru_cache` for a function whose result derives from the rules folder: `clear_caches()`
    forgets it, so modules above this one register their caches here instead of this
    module reaching up into them."""
    cached = lru_cache(maxsize=None)(fn)
    _RULES_CACHES.append(cached)
    return cached


def models_dir() -> Path:
    """The rules folder in use (`INVEST_MODELS`, else the repository's `models/`)."""
    return Path(os.environ.get("INVEST_MODELS", PACKAGE_MODELS))


@rules_cache
def load_json(relative: str, models: str | None = None) -> dict:
    """One data file of the rules folder, or `{}` when it does not exist."""
    path = Path(models or models_dir()) / relative
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


CONTEXT_CHARS = 60   # how much text `before` / `after` context rules look at


@dataclass(frozen=True, slots=True)
class Cue:
    """A compiled cue pattern with its provenance, and optional context rules: when a cue
    has `before` and/or `after`, a match counts only if the text just before it matches
    `before` or the text just after it matches `after`; with `not_before`, a match does not
    count when the text just before it matches (a power capacity after 'une centrale
    solaire de' is the plant's, not the campus's)."""

    id: str
    regex: re.Pattern
    category: str = ""
    units: tuple[str, ...] = ()
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    not_before: re.Pattern | None = None
    lowered: re.Pattern | None = None   # the pattern in lower case, for lower-cased text

    def finditer(self, text: str, pos: int = 0, lower_text: str | None = None):
        """Matches of the cue in `text` from `pos` that satisfy its context rules.

        With `lower_text` (`text.lower()`, same length), the lower-case pattern runs on it:
        the same spans, without the cost of a case-insensitive scan (read the matched text
        from `text`, not from the match)."""
        fast = self.lowered is not None and lower_text is not None and len(lower_text) == len(text)
        for match in (self.lowered.finditer(lower_text, pos) if fast else self.regex.finditer(text, pos)):
            if self.not_before is not None and self.not_before.search(text[max(0, match.start() - CONTEXT_CHARS):match.start()]):
                continue
            if self.before is None and self.after is None:
                yield match
            elif (self.before is not None and self.before.search(text[max(0, match.start() - CONTEXT_CHARS):match.start()])) or \
                    (self.after is not None and self.after.search(text[match.end():match.end() + CONTEXT_CHARS])):
                yield match


@rules_cache
def cues(group: str) -> tuple[Cue, ...]:
    """Compiled, enabled cues of one group of `models/facts.json`."""
    out = []
    for rule in load_json("facts.json").get(group, []):
        if not rule_enabled(rule["id"]):
            continue
        regex = re.compile(rule["pattern"], re.IGNORECASE)
        context = {key: re.compile(rule[key], re.IGNORECASE) for key in ("before", "after", "not_before")
                   if rule.get(key)}
        out.append(Cue(rule["id"], regex, rule.get("category", ""), tuple(rule.get("units", ())),
                       lowered=_lower_case(rule["pattern"]), **context))
    return tuple(out)


def _lower_case(pattern: str) -> re.Pattern | None:
    """The pattern for lower-cased text, when lower-casing it keeps its meaning (no
    upper-case escape such as \\S, \\W, \\D, \\B, \\A, \\Z)."""
    if re.search(r"\\[SWDBAZ]", pattern):
        return None
    return re.compile(pattern.lower())


def first_cue(group: str, text: str) -> Cue | None:
    """The first cue of `group` found in `text`, or None."""
    for cue in cues(group):
        if cue.regex.search(text):
            return cue
    return None


@rules_cache
def entity_lexicon() -> dict:
    """`models/entities.json`: role heads, descriptors, words that are never names."""
    return load_json("entities.json")


def literal_alternation(words) -> str:
    """Regex alternation of literal words or phrases, longest first (the longest reading wins).

    >>> literal_alternation(["fonds", "groupe", "firme"])
    'groupe|fonds|firme'
    """
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@rules_cache
def word_set(section: str) -> frozenset[str]:
    """A lowercase word list of `models/entities.json` as a set."""
    data = entity_lexicon().get(section, {})
    words = data.get("words", data.get("heads", [])) if isinstance(data, dict) else data
    return frozenset(w.lower() for w in words)


@rules_cache
def rule_weights() -> dict:
    """Per-rule `enabled` and `confidence`, as written by `make retrain`."""
    return load_json("rules.json").get("rules", {})


def rule_enabled(rule_id: str) -> bool:
    return bool(rule_weights().get(rule_id, {}).get("enabled", True))


def rule_confidence(rule_id: str, default: float) -> float:
    return float(rule_weights().get(rule_id, {}).get("confidence", default))


def rules_version() -> str:
    """The version string of the rules in use (from `models/rules.json`)."""
    return str(load_json("rules.json").get("version", "0"))


def clear_caches() -> None:
    """Forget loaded data (after `make retrain` wrote new rules, in tests, or to evaluate a
    candidate rules folder in-process): the data files and everything derived from them
    (each function decorated with `rules_cache`). A pipeline must then be built again
    (`nlp.model.load()`)."""
    for fn in _RULES_CACHES:
        fn.cache_clear()
