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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from text_to_num import text2num

from pipeline.normalize.period_grammar import (
    SPEC,
    Grammar,
    Rule,
    collect,
    load_grammar,
    normalize_phrase,
    trigger_windows,
)

MAX_COUNT = 120   # largest count of years or months read in "sur N ans", "d'ici N mois"
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


def _year(spec: str | None, years: list[int], published: date, n: int | None, rel: int | None,
          month_year: int | None = None) -> int | None:
    """One end of a period from its spec in periods.json, e.g. 'pub+n' or 'ymax'."""
    if spec is None:
        return None
    base, offset = SPEC.fullmatch(spec).groups()
    if base in ("pub", "decade", "mon"):
        value = {"pub": published.year, "decade": published.year // 10 * 10, "mon": month_year}[base]
    else:
        value = (min if base == "ymin" else max)(years, default=None)
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
    rel = grammar.vocab["REL"].get(normalize_phrase(groups["rel"])) if groups.get("rel") else None
    bases = {SPEC.fullmatch(spec).group(1) for spec in (rule.start, rule.end) if spec}
    if published is None and bases & {"pub", "decade", "mon"}:
        return (None, None)
    month_year = _month_year(groups, published, grammar) if "mon" in bases else None
    start, end = (_year(s, years, published, n, rel, month_year) for s in (rule.start, rule.end))
    plausible = all(v is None or grammar.year_min <= v <= grammar.year_max for v in (start, end))
    return (start, end) if plausible and (start, end) != (None, None) else None


def _month_year(groups: dict, published: date, grammar: Grammar) -> int | None:
    """Year of a relative month: "le mois prochain" (an offset from the publication month), or
    "septembre prochain" / "l'été dernier" (the first such month after, or last before, it)."""
    if groups.get("mrel"):
        offset = grammar.vocab["MREL"][normalize_phrase(groups["mrel"])]
        return published.year + (published.month - 1 + offset) // 12
    if groups.get("mon"):
        month = grammar.vocab["MONTH"][normalize_phrase(groups["mon"])]
    else:
        month = grammar.vocab["SEASONSTART"][normalize_phrase(groups["season"])]
    if groups["dir"].startswith("proch"):
        return published.year + (month <= published.month)
    return published.year - (month >= published.month)


def find_periods(text: str, published: date | None) -> list[Period]:
    """All periods in ``text``, in text order, each with its rule id.

    >>> [(p.year_start, p.year_end) for p in find_periods(
    ...     "pour les exercices 2024 et 2025, entre 2023 et 2027, à l'horizon 2030", None)]
    [(2024, 2025), (2023, 2027), (None, 2030)]
    """
    return _periods_in(text, published, trigger_windows(text))


def _periods_in(text: str, published: date | None, windows: Sequence[tuple[int, int]],
                prefilter: bool = True) -> list[Period]:
    grammar, published = load_grammar(), _as_date(published)
    def build(rule: Rule, m: re.Match[str]) -> Period | None:
        years = _period_years(rule, m, published, grammar)
        return None if years is None else Period(m.start(), m.end(), text[m.start():m.end()], *years, rule.id)
    return collect(grammar.periods, grammar.period_starts, text, windows, build, prefilter)


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
    return _day_value(groups["d"], groups["m"], groups.get("y"), groups.get("wd"), groups.get("dir"),
                      published, grammar)


def _day_value(day_text: str, month_text: str, year: str | None, weekday_text: str | None, direction: str | None,
               published: date | None, grammar: Grammar) -> date | None:
    """The day a day, month and optional year, weekday and prochain/dernier name."""
    day = 1 if day_text.lower() == "1er" else int(day_text)
    month = int(month_text) if month_text.isdigit() else grammar.vocab["MONTH"][normalize_phrase(month_text)]
    if year:
        full = int(year) + 2000 if len(year) == 2 else int(year)   # '19/05/25'
        return _safe_date(full, month, day, grammar)
    if published is None:
        return None
    if direction:                   # "le 13 mai dernier": the last one before publication
        ahead = direction.startswith("proch")
        for candidate in (published.year - 1, published.year, published.year + 1)[::1 if ahead else -1]:
            value = _safe_date(candidate, month, day, grammar)
            if value is not None and (value > published if ahead else value < published):
                return value
        return None
    weekday = grammar.vocab["WEEKDAY"][normalize_phrase(weekday_text)] if weekday_text else None
    return _nearest_day(day, month, weekday, published)


_LIST_ITEM = re.compile(r"(1er|\d{1,2})(?:\s+([^\W\d]+\.?)(?:\s+(\d{4}))?)?")


def _day_list(m: re.Match[str], text: str, published: date | None, grammar: Grammar,
              rule: Rule) -> tuple[DateMention, ...] | None:
    """"les 13 et 14 mai 2024", "du 28 février au 2 mars 2024": one mention per day; a day
    takes the month and year written after it."""
    months, base = grammar.vocab["MONTH"], m.start("dlist")
    items = []
    for i in _LIST_ITEM.finditer(m.group("dlist")):
        named = i.group(2) is not None and normalize_phrase(i.group(2)) in months
        end = i.end() if named else i.end(1)           # "8 mai 2025" / "13" of "13 et 14 mai"
        items.append((base + i.start(1), base + end, i.group(1), *((i.group(2), i.group(3)) if named else (None, None))))
    month, year, out = m.group("m"), m.group("y"), []
    for at, end, day, own_month, own_year in reversed(items):
        month, year = own_month or month, own_year or year
        value = _day_value(day, month, year, None, None, published, grammar)
        if value is None:
            return None
        out.append(DateMention(at, end, text[at:end], value, rule.id))
    last = _date_value(m, published, grammar)
    if last is None:
        return None
    return tuple(reversed(out)) + (DateMention(m.start("d"), m.end(), text[m.start("d"):m.end()], last, rule.id),)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Explicit days in ``text``; a day without a year needs ``published``, else it is skipped.

    >>> [(d.text, str(d.value)) for d in find_dates("le 13 mai 2024, puis le 02/01/2025", None)]
    [('13 mai 2024', '2024-05-13'), ('02/01/2025', '2025-01-02')]
    """
    return _dates_in(text, published, trigger_windows(text))


def _dates_in(text: str, published: date | None, windows: Sequence[tuple[int, int]],
              prefilter: bool = True) -> list[DateMention]:
    grammar, published = load_grammar(), _as_date(published)
    def build(rule: Rule, m: re.Match[str]) -> tuple[DateMention, ...] | None:
        if m.groupdict().get("dlist"):
            return _day_list(m, text, published, grammar, rule)
        value = _date_value(m, published, grammar)
        return None if value is None else (DateMention(m.start(), m.end(), text[m.start():m.end()], value, rule.id),)
    return [d for found in collect(grammar.dates, grammar.date_starts, text, windows, build, prefilter) for d in found]


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
