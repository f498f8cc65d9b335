"""The period grammar: `models/periods.json` compiled into rules, and where in a text they run.

`load_grammar()` expands macros and vocabularies into one regex per rule (unknown keys raise
ValueError); `collect()` runs a tuple of rules only in the windows around trigger words
(`trigger_windows()`), tried where a rule can start, overlaps resolved leftmost-longest.
Resolving a match into years or a date is `pipeline.normalize.periods`.
"""
from __future__ import annotations

import json
import re
import re._constants as c  # the parse tree of a rule, read by _first_chars
import re._parser as sre
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GRAMMAR_PATH = Path(__file__).resolve().parents[2] / "models" / "periods.json"
_APOSTROPHES = str.maketrans("’ʼ‘", "'''")   # the set of the APOS macro
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_GROUP_NAME = re.compile(r"(\(\?P[<=])(\w+)")   # "(?P<y1>" and "(?P=sep)" in a rule body
_PERIOD_KEYS = {"id", "group", "pattern", "needs", "start", "end", "ordered", "examples"}
SPEC = re.compile(r"(ymin|ymax|pub|decade|mon)(?:\+(n_months|n|rel|\d+))?")   # how a rule says which year an end is
_DATE_KEYS = {"id", "group", "pattern", "needs", "examples"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    regex: re.Pattern[str]
    start: str | None = None
    end: str | None = None
    ordered: bool = False
    needs: tuple[str, ...] = ()     # lowercase strings, one of which every match contains
    body: str = ""                  # the pattern without the leading (?<!\w)
    needs_regex: re.Pattern[str] | None = None   # finds one of the needs


@dataclass(frozen=True, slots=True)
class Grammar:
    periods: tuple[Rule, ...]
    dates: tuple[Rule, ...]
    period_starts: re.Pattern[str]   # see _starts
    date_starts: re.Pattern[str]
    vocab: dict[str, dict[str, int]]
    year_min: int
    year_max: int
    year_regex: re.Pattern[str]
    trigger: re.Pattern[str]
    chars_before: int   # a rule runs from chars_before a trigger to chars_after it
    chars_after: int


def normalize_phrase(s: str) -> str:
    """Lookup key of a vocabulary phrase: lowercase, one apostrophe, single spaces, no final dot."""
    return " ".join(s.lower().translate(_APOSTROPHES).split()).rstrip(".")


def _alternation(keys: list[str], apostrophe: str) -> str:
    """Regex matching any key, longest first; ' matches any apostrophe, a space any whitespace."""
    def one(key: str) -> str:
        words = [re.escape(w.rstrip(".")) + (r"\.?" if w.endswith(".") else "") for w in key.split()]
        return r"\s+".join(words).replace("'", apostrophe)
    return "(?:" + "|".join(one(k) for k in sorted(keys, key=len, reverse=True)) + r")(?!\w)"


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 10:
        raise ValueError(f"macro recursion in {pattern!r}")
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"unknown macro {{{m.group(1)}}}")
        return "(?:" + _expand(macros[m.group(1)], macros, depth + 1) + ")"
    return _MACRO.sub(sub, pattern)


def _rule(spec: dict, keys: set[str], macros: dict[str, str], boundary: str) -> Rule:
    unknown = set(spec) - keys - {"_about"}
    if unknown or "id" not in spec:
        raise ValueError(f"rule {spec.get('id')!r}: unknown keys {sorted(unknown)} or no id")
    for side in ("start", "end"):
        if spec.get(side) is not None and not SPEC.fullmatch(spec[side]):
            raise ValueError(f"rule {spec['id']!r}: bad {side} {spec[side]!r}")
    body = _expand("".join(spec["pattern"]), macros) + boundary
    regex = re.compile(r"(?<!\w)(?:" + body + ")")   # run on lowercased text: 6x faster than re.I
    if regex.match("") is not None:
        raise ValueError(f"rule {spec['id']!r} matches the empty string")
    return Rule(spec["id"], regex, spec.get("start"), spec.get("end"), spec.get("ordered", False),
                tuple(spec.get("needs", ())), body,
                re.compile("|".join(map(re.escape, spec["needs"]))) if spec.get("needs") else None)


def _starts(rules: tuple[Rule, ...]) -> re.Pattern[str]:
    """Where some rule matches, in one scan instead of one per rule. Rule k is alternative k,
    its group names prefixed to stay unique and an empty group ``_k`` at its end, so
    ``m.lastgroup`` names the first rule that fits; a class of the characters a rule can
    start with lets the scan skip most positions without trying any rule."""
    def renamed(k: int, body: str) -> str:
        return _GROUP_NAME.sub(lambda m: f"{m.group(1)}_{k}_{m.group(2)}", body)
    firsts = [_first_chars(rule.body) for rule in rules]
    gate = "" if None in firsts else "(?=[%s])" % "".join(sorted(set().union(*firsts)))
    return re.compile(r"%s(?<!\w)(?=%s)" % (gate, "|".join(
        f"(?:{renamed(k, rule.body)})(?P<_{k}>)" for k, rule in enumerate(rules))))
_CATEGORY = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}


def _first_chars(pattern: str) -> set[str] | None:
    """Class items (``a``, ``0-9``, ``\\d``) one of which starts every match of ``pattern``;
    None when that is not known (then no character is ruled out).

    >>> sorted(_first_chars(r"(?:le\\s+)?(?:fin|[1-3]\\d|\\d)"))
    ['1-3', '\\\\d', 'f', 'l']
    """
    found = _first_of(sre.parse(pattern).data)
    return None if found is None or found[1] else found[0]


def _first_of(items) -> tuple[set[str], bool] | None:
    """(first class items, may be empty) of a parsed sequence; None when anything may start it."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue                           # zero width: what follows comes first
        if op is c.LITERAL or op is c.IN:
            chars = _class_items([(op, av)] if op is c.LITERAL else av)
            return None if chars is None else (out | chars, False)
        if op is c.BRANCH:
            inner = [_first_of(alternative) for alternative in av[1]]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:   # a group without inline flags
            inner = [_first_of(av[3])]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            inner = [_first_of(av[2]), (set(), av[0] == 0)]
        else:
            return None
        if None in inner:
            return None
        out |= set().union(*(chars for chars, _ in inner))
        if not any(empty for _, empty in inner):
            return out, False
    return out, True


def _class_items(items) -> set[str] | None:
    out = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORY:
            out.add(_CATEGORY[av])
        else:
            return None                        # a negated class, a rarer category
    return out


@lru_cache(maxsize=4)
def load_grammar(path: Path = GRAMMAR_PATH) -> Grammar:
    """Compile ``models/periods.json``; unknown keys, macros or resolution specs raise ValueError."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    macros = {k: v for k, v in data["macros"].items() if not k.startswith("_")}
    vocab = {k: v for k, v in data["vocab"].items() if not k.startswith("_")}
    for name, words in vocab.items():
        macros[name] = _alternation(list(words), macros["APOS"])
    periods = tuple(_rule(r, _PERIOD_KEYS, macros, r"(?!\w)") for r in data["periods"] if "id" in r)
    dates = tuple(_rule(r, _DATE_KEYS, macros, "") for r in data["dates"] if "id" in r)
    ids = [r.id for r in periods + dates]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate rule ids in " + str(path))
    lookup = {name: {normalize_phrase(k): v for k, v in words.items()} for name, words in vocab.items()}
    year_regex = re.compile(_expand("{YEAR}", macros))
    trigger = re.compile(data["trigger"]["pattern"])
    return Grammar(periods, dates, _starts(periods), _starts(dates), lookup, data["year_min"], data["year_max"],
                   year_regex, trigger, data["trigger"]["chars_before"], data["trigger"]["chars_after"])


@lru_cache(maxsize=8)   # find_periods and find_dates on the same article share the work
def lowered(text: str) -> str:
    """``text`` in lowercase, same length: the rare character whose lowercase is longer (İ) is kept."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) > 1 else c.lower() for c in text)


@lru_cache(maxsize=8)
def trigger_windows(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_windows(lowered(text), load_grammar()))


def _windows(text: str, grammar: Grammar) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around its triggers: the only places a rule can match."""
    windows: list[tuple[int, int]] = []
    for m in grammar.trigger.finditer(text):
        start, end = max(0, m.start() - grammar.chars_before), m.end() + grammar.chars_after
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def collect(rules: tuple[Rule, ...], starts: re.Pattern[str], text: str,
             windows: Sequence[tuple[int, int]], build: Callable[[Rule, re.Match[str]], object | None],
             prefilter: bool = True) -> list:
    """``build(rule, match)`` for every match in the windows, None dropped, overlaps resolved:
    leftmost, then longest, then the rule listed first. Lookbehinds still see the whole text.
    With ``prefilter`` (the fast path) rules are tried only where ``starts`` says one fits, and
    a rule is skipped in a window that has none of its ``needs``; without it every rule scans
    every window (the reference the tests compare the fast path with)."""
    candidates, low = [], lowered(text)
    for start, end in windows:
        found = _matches(rules, starts, low, start, end) if prefilter else (
            (rank, m) for rank, rule in enumerate(rules) for m in rule.regex.finditer(low, start, end))
        for rank, m in found:
            value = build(rules[rank], m)
            if value is not None:
                candidates.append((m.start(), m.start() - m.end(), rank, value))
    chosen, taken_until = [], -1
    for start, minus_length, _, value in sorted(candidates, key=lambda c: c[:3]):
        if start >= taken_until:
            chosen.append(value)
            taken_until = start - minus_length
    return chosen


def _matches(rules: tuple[Rule, ...], starts: re.Pattern[str], low: str,
             start: int, end: int) -> Iterator[tuple[int, re.Match[str]]]:
    """(rank, match) of each rule as ``rule.regex.finditer(low, start, end)`` gives them, found
    by one ``starts`` scan: a rule is tried only where some rule fits, from the first that does."""
    resume = [start] * len(rules)       # where each rule's own scan would look next
    allowed: list[bool | None] = [None] * len(rules)
    for hit in starts.finditer(low, start, end):
        at = hit.start()
        for rank in range(int(hit.lastgroup[1:]), len(rules)):
            if at < resume[rank]:
                continue
            rule = rules[rank]
            if allowed[rank] is None:
                allowed[rank] = rule.needs_regex is None or rule.needs_regex.search(low, start, end) is not None
            m = rule.regex.match(low, at, end) if allowed[rank] else None
            if m is not None:
                resume[rank] = m.end()
                yield rank, m
