"""Periods and dates in French investment news: pure functions over a text string.

A *period* is the span of years an investment covers; a *date mention* is one
explicit day. The grammar is data (``models/periods.json``): every result carries
the id of the rule that made it and its offsets in the original text, which is
never rewritten. Relative forms are resolved against the publication date.

>>> [(p.text, p.year_start, p.year_end, p.rule) for p in find_periods(
...     "Microsoft investira 4 milliards d'ici la fin de l'année 2027.", None)]
[("d'ici la fin de l'année 2027", None, 2027, 'period.dici_fin_year')]
>>> [(p.year_start, p.year_end) for p in find_periods(
...     "Cet investissement s'établira au cours des deux prochaines années.", date(2024, 2, 1))]
[(2024, 2026)]
>>> find_periods("sur cinq ans", None)   # relative, no publication date: both ends unknown
[Period(start=0, end=12, text='sur cinq ans', year_start=None, year_end=None, rule='period.over_n_years')]
>>> find_periods("depuis plus de trois décennies, lors du sommet Choose France 2024", None)
[]
>>> [(d.text, d.value) for d in find_dates("Annonce lundi 13 mai à Versailles.", date(2024, 2, 1))]
[('lundi 13 mai', datetime.date(2024, 5, 13))]

"N years from now" is pub_year .. pub_year + N; a form that needs the publication
date and has none gives both years None; "d'ici X" opens the start; a bare year
("Choose France 2024") is not a period. All decisions: ``models/periods.README.md``.
"""
from __future__ import annotations

import json
import re
import re._constants as c   # the parse tree of a rule, read by _first_chars
import re._parser as sre
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from text_to_num import text2num

GRAMMAR_PATH = Path(__file__).resolve().parent.parent / "models" / "periods.json"
MAX_COUNT = 120   # largest count of years or months read in "sur N ans", "d'ici N mois"
_APOSTROPHES = str.maketrans("’ʼ‘", "'''")   # the set of the APOS macro
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_SPEC = re.compile(r"(ymin|ymax|pub)(?:\+(n_months|n|rel|\d+))?")
_GROUP_NAME = re.compile(r"(\(\?P[<=])(\w+)")   # "(?P<y1>" and "(?P=sep)" in a rule body
_PERIOD_KEYS = {"id", "group", "pattern", "needs", "start", "end", "ordered", "examples"}
_DATE_KEYS = {"id", "group", "pattern", "needs", "examples"}
_ISO_PUBLISHED = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


@dataclass(frozen=True, slots=True)
class Period:
    """Years an investment covers; ``text[start:end] == self.text`` in the original text."""

    start: int
    end: int
    text: str
    year_start: int | None
    year_end: int | None
    rule: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """One explicit day, resolved with the publication date as reference."""

    start: int
    end: int
    text: str
    value: date
    rule: str


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


def _normalize_phrase(s: str) -> str:
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
        if spec.get(side) is not None and not _SPEC.fullmatch(spec[side]):
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
    lookup = {name: {_normalize_phrase(k): v for k, v in words.items()} for name, words in vocab.items()}
    year_regex = re.compile(_expand("{YEAR}", macros))
    trigger = re.compile(data["trigger"]["pattern"])
    return Grammar(periods, dates, _starts(periods), _starts(dates), lookup, data["year_min"], data["year_max"],
                   year_regex, trigger, data["trigger"]["chars_before"], data["trigger"]["chars_after"])


@lru_cache(maxsize=8)   # find_periods and find_dates on the same article share the work
def _lowered(text: str) -> str:
    """``text`` in lowercase, same length: the rare character whose lowercase is longer (İ) is kept."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) > 1 else c.lower() for c in text)


@lru_cache(maxsize=8)
def _trigger_windows(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_windows(_lowered(text), load_grammar()))


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


def _collect(rules: tuple[Rule, ...], starts: re.Pattern[str], text: str,
             windows: Sequence[tuple[int, int]], build: Callable[[Rule, re.Match[str]], object | None],
             prefilter: bool = True) -> list:
    """``build(rule, match)`` for every match in the windows, None dropped, overlaps resolved:
    leftmost, then longest, then the rule listed first. Lookbehinds still see the whole text.
    With ``prefilter`` (the fast path) rules are tried only where ``starts`` says one fits, and
    a rule is skipped in a window that has none of its ``needs``; without it every rule scans
    every window (the reference the tests compare the fast path with)."""
    candidates, low = [], _lowered(text)
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


def _as_date(published: date | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def _safe_date(year: int, month: int, day: int, grammar: Grammar) -> date | None:
    """The date if it exists and its year is plausible, else None."""
    try:
        return date(year, month, day) if grammar.year_min <= year <= grammar.year_max else None
    except ValueError:
        return None


def _count(word: str | None) -> int | None:
    """'cinq' -> 5, '3' -> 3; None when not a number in 1..MAX_COUNT."""
    if word is None:
        return None
    try:
        n = int(word) if word.isdigit() else text2num(word.lower(), "fr")
    except ValueError:
        return None
    return n if 1 <= n <= MAX_COUNT else None


def _captured_years(m: re.Match[str], grammar: Grammar) -> list[int]:
    groups = m.groupdict()
    years = [int(y) for y in grammar.year_regex.findall(groups.get("ylist") or "")]
    if groups.get("y1"):
        years.append(int(groups["y1"]))
    if groups.get("y2"):
        y2 = groups["y2"]   # "2024-25": two digits take the century of the first year
        years.append(int(y2) if len(y2) == 4 else years[-1] // 100 * 100 + int(y2))
    return years


def _year(spec: str | None, years: list[int], published: date, n: int | None, rel: int | None) -> int | None:
    """One end of a period from its spec in periods.json, e.g. 'pub+n' or 'ymax'."""
    if spec is None:
        return None
    base, offset = _SPEC.fullmatch(spec).groups()
    value = published.year if base == "pub" else (min if base == "ymin" else max)(years, default=None)
    months = None if n is None or offset != "n_months" else (published.month - 1 + n) // 12
    extra = {None: 0, "n": n, "rel": rel, "n_months": months}.get(offset, offset)
    return None if value is None or extra is None else value + int(extra)


def _period_years(rule: Rule, m: re.Match[str], published: date | None,
                  grammar: Grammar) -> tuple[int | None, int | None] | None:
    """(year_start, year_end) of a match, or None when the match is not a period after all."""
    years = _captured_years(m, grammar)
    if rule.ordered and years != sorted(years):
        return None
    groups = m.groupdict()
    n = _count(groups.get("n"))
    if ("n" in groups and n is None) or (groups.get("n_low") and _count(groups["n_low"]) is None):
        return None
    rel = grammar.vocab["REL"].get(_normalize_phrase(groups["rel"])) if groups.get("rel") else None
    if published is None and "pub" in f"{rule.start}{rule.end}":
        return (None, None)
    start, end = (_year(s, years, published, n, rel) for s in (rule.start, rule.end))
    plausible = all(v is None or grammar.year_min <= v <= grammar.year_max for v in (start, end))
    return (start, end) if plausible and (start, end) != (None, None) else None


def find_periods(text: str, published: date | None) -> list[Period]:
    """All periods in ``text``, in text order, each with its rule id.

    >>> [(p.year_start, p.year_end) for p in find_periods(
    ...     "pour les exercices 2024 et 2025, entre 2023 et 2027, à l'horizon 2030", None)]
    [(2024, 2025), (2023, 2027), (None, 2030)]
    """
    return _periods_in(text, published, _trigger_windows(text))


def _periods_in(text: str, published: date | None, windows: Sequence[tuple[int, int]],
                prefilter: bool = True) -> list[Period]:
    grammar, published = load_grammar(), _as_date(published)
    def build(rule: Rule, m: re.Match[str]) -> Period | None:
        years = _period_years(rule, m, published, grammar)
        return None if years is None else Period(m.start(), m.end(), text[m.start():m.end()], *years, rule.id)
    return _collect(grammar.periods, grammar.period_starts, text, windows, build, prefilter)


def _nearest_day(day: int, month: int, weekday: int | None, published: date) -> date | None:
    """The day/month nearest to ``published`` (year -1, 0 or +1) whose weekday fits, if one does."""
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:      # 29 février outside a leap year
            continue
    fitting = [d for d in days if weekday is None or d.weekday() == weekday] or days
    return min(fitting, key=lambda d: (abs((d - published).days), d), default=None)


def _date_value(m: re.Match[str], published: date | None, grammar: Grammar) -> date | None:
    groups = m.groupdict()
    day = 1 if groups["d"].lower() == "1er" else int(groups["d"])
    month = int(groups["m"]) if groups["m"].isdigit() else grammar.vocab["MONTH"][_normalize_phrase(groups["m"])]
    if groups.get("y"):
        return _safe_date(int(groups["y"]), month, day, grammar)
    if published is None:
        return None
    weekday = grammar.vocab["WEEKDAY"][_normalize_phrase(groups["wd"])] if groups.get("wd") else None
    return _nearest_day(day, month, weekday, published)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Explicit days in ``text``; a day without a year needs ``published``, else it is skipped.

    >>> [(d.text, str(d.value)) for d in find_dates("le 13 mai 2024, puis le 02/01/2025", None)]
    [('13 mai 2024', '2024-05-13'), ('02/01/2025', '2025-01-02')]
    """
    return _dates_in(text, published, _trigger_windows(text))


def _dates_in(text: str, published: date | None, windows: Sequence[tuple[int, int]],
              prefilter: bool = True) -> list[DateMention]:
    grammar, published = load_grammar(), _as_date(published)
    def build(rule: Rule, m: re.Match[str]) -> DateMention | None:
        value = _date_value(m, published, grammar)
        return None if value is None else DateMention(m.start(), m.end(), text[m.start():m.end()], value, rule.id)
    return _collect(grammar.dates, grammar.date_starts, text, windows, build, prefilter)


def parse_published(s: str | None) -> date | None:
    """A publication date as written in metadata; None when absent or unreadable.

    >>> [parse_published(s) for s in ("2024-02", "2024-05-13T08:00:00Z", "13/05/2024", "13 mai 2024")]
    [datetime.date(2024, 2, 1), datetime.date(2024, 5, 13), datetime.date(2024, 5, 13), datetime.date(2024, 5, 13)]
    >>> parse_published("bientôt") is None
    True
    """
    if not isinstance(s, str):
        return None
    s = " ".join(s.split())
    grammar = load_grammar()
    iso = _ISO_PUBLISHED.fullmatch(s)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2] or 1), int(iso[3] or 1), grammar)
    for rule in grammar.dates:
        m = rule.regex.fullmatch(s.lower())
        if m and m.group("y"):
            return _date_value(m, None, grammar)
    return None
