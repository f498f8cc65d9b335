"""What the words around an amount say about it: its kind ("près de" -> approx), a
conversion in brackets or after "soit", a currency written once for the amounts after it.

Each function takes the text and an `Amount` read by `pipeline.normalize.amount_shapes`
and returns it completed (or dropped).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from pipeline.normalize.amount_shapes import Amount, sentence_start_of, single_amounts
from pipeline.normalize.money_grammar import (
    AMBIGUOUS,
    AMBIGUOUS_CONTEXT,
    COMPLEMENT,
    CONVERSION_OPEN,
    CONVERSION_WORD,
    CUE_AFTER,
    CUE_BEFORE,
    MONEY_CONTEXT,
    MONEY_NOUNS,
    SENTENCE_END,
    SINGLE,
    YEAR,
)
from pipeline.normalize.lists import is_item, list_block


def settle_currency(text: str, amounts: list[Amount], found: list[Amount],
                    published: date | None = None) -> list[Amount]:
    """Keep amounts with a currency; a bare one needs a scale word and money talk."""
    if amounts[0].currency:
        return [resolve_currency(text, a, found, published) for a in amounts]
    if any(a.rule.find("_scale_word") < 0 and not _spelled_scale(text, a) for a in amounts):
        return []   # "3 M" alone is no money; "6 mio", "2 mds" are
    noun = COMPLEMENT.match(text, amounts[-1].end)
    if noun and _NAMED_SOURCE.match(noun.group("noun")):
        noun = None   # "9 millions de la Banque des Territoires": who gives it, not what is counted
    if noun and noun.group("noun").lower() not in MONEY_NOUNS and noun.group("noun").split()[0].lower() not in MONEY_NOUNS:
        return []
    sentence_start = sentence_start_of(text, amounts[0].start)
    passage_start = _previous_sentence_start(text, sentence_start)
    previous = [a for a in found if a.end > passage_start]
    if previous:                       # "4 milliards de dollars, dont 2 milliards ...": money, currency unsaid;
        # also after a bare one: "La Suède recevra 2,5 milliards ... ; la Finlande 2 milliards"
        return amounts
    window = text[sentence_start:amounts[0].start] + " " + text[amounts[-1].end:amounts[-1].end + 40]
    return amounts if MONEY_CONTEXT.search(window) or noun else []


_NAMED_SOURCE = re.compile(r"(?:la|le)\s+[A-ZÀ-Ý]")


def _spelled_scale(text: str, amount: Amount) -> bool:
    """A scale abbreviation of three letters or more ends the amount ("6 mio", "2 mds")."""
    return "_scale_abbr" in amount.rule and re.search(r"\d\s*[A-Za-z]{3,}\.?$", text[amount.start:amount.end]) is not None


def _previous_sentence_start(text: str, sentence_start: int) -> int:
    """Start of the sentence before the one at `sentence_start` in its paragraph (a
    currency written there carries to this sentence's bare amounts), else `sentence_start`;
    for a list's item, the start of the line that opens the list ("L'enveloppe, 1,15
    milliard d'euros, se répartit ainsi :\n- Tejo Compute : 550 millions ;\n- Fundo
    Lusitano : 180 millions.")."""
    if is_item(text, sentence_start):
        return list_block(text, sentence_start)[0]
    line_start = text.rfind("\n", 0, sentence_start) + 1
    if sentence_start <= line_start:
        return sentence_start
    end = len(text[line_start:sentence_start].rstrip(" \t\u00a0.!?;…")) + line_start
    return max(line_start, sentence_start_of(text, end))


def resolve_currency(text: str, amount: Amount, found: list[Amount], published: date | None = None) -> Amount:
    """Currency of an ambiguous word ("couronnes"): the same family used earlier in the
    text, else the place its sentence spends it in ("les Émirats investiront 7 milliards de
    dirhams ... à Tanger": MAD), else the country named nearest before (then after) it, else
    the default. A word whose currency changed with the euro ("francs", "balles") is dated
    by a year written in its sentence, else by ``published``; an unresolved one gets
    currency None and a flag."""
    if not amount.currency.startswith("*"):
        return amount
    entry = AMBIGUOUS[amount.currency[1:]]
    era, default = entry.get("before_euro"), entry["default"]
    year = _era_year(text, amount, published) if era else None
    old = year is not None and year < era["year"]
    gone = set() if old or not era else set(era["codes"])     # "France" names no franc after 2001
    if era:
        default = era["default"] if old else (era.get("after", default) if year is not None else default)
    family = set(entry["context"]) - gone
    earlier = [a.currency for a in found if a.currency in family]
    iso = earlier[-1] if earlier else None
    if iso is None:
        hits = [h for h in AMBIGUOUS_CONTEXT[entry["id"]].finditer(text) if h.lastgroup not in gone]
        before = [h for h in hits if h.start() < amount.start]
        hit = _where_spent(text, amount, hits) or (before[-1] if before else (hits[0] if hits else None))
        iso = hit.lastgroup if hit else default
    return replace(amount, currency=iso, flag="" if iso else entry.get("flag", "ambiguous_currency"))


_SPENT_IN = re.compile(r"(?:\b(?:à|au|aux|en|dans|près\s+de)\s+(?:la\s+|le\s+|l['’])?)$", re.IGNORECASE)
_HEADING_PLACE = re.compile(r"\s*[:–—]")


def _where_spent(text: str, amount: Amount, hits: list) -> re.Match | None:
    """A currency country named as a place in the amount's sentence: after a locative ("à
    Tanger", "au Maroc") or opening it as a heading's place ("Tanger : les Émirats misent")."""
    start = sentence_start_of(text, amount.start)
    end = SENTENCE_END.search(text, amount.end)
    stop = end.end() if end else len(text)
    for hit in hits:
        if start <= hit.start() < stop and (_SPENT_IN.search(text[max(0, hit.start() - 14):hit.start()])
                                            or hit.start() == text.rfind("\n", 0, hit.start()) + 1
                                            and _HEADING_PLACE.match(text, hit.end())):
            return hit
    return None


def _era_year(text: str, amount: Amount, published: date | None) -> int | None:
    """The year an amount is dated by: one written in its sentence ("En 1995, ..."), else the
    publication year; None when neither is known."""
    sentence_start = sentence_start_of(text, amount.start)
    end = SENTENCE_END.search(text, amount.end)
    written = YEAR.search(text, sentence_start, end.start() if end else len(text))
    if written:
        return int(written.group())
    return published.year if published else None


def kind_around(text: str, start: int, end: int) -> str | None:
    """Kind set by a cue right before ``start`` ("plus de") or right after ``end`` ("environ").

    >>> kind_around("pas moins de 3 M€", 13, 17), kind_around("3 M€ environ", 0, 4)
    ('min', 'approx')
    """
    before = CUE_BEFORE.search(text, max(0, start - 40), start)
    for cue in (before, CUE_AFTER.match(text, end)):
        if cue is not None:
            kind = next((k for k, v in cue.groupdict().items() if v and k != "open"), None)
            if kind:
                return kind.rstrip("0123456789")
    return None


def with_kind(text: str, amount: Amount, end: int) -> Amount:
    """Set the kind from a cue before or after the amount (a range stays a range)."""
    kind = None if amount.kind == "range" else kind_around(text, amount.start, end)
    return replace(amount, kind=kind) if kind else amount


def with_conversion(text: str, amount: Amount) -> tuple[Amount, int]:
    """Attach a bracketed / "soit" conversion in another currency; return the resume point."""
    opener = CONVERSION_OPEN.match(text, amount.end)
    if amount.currency is None or opener is None or opener.end() == amount.end:
        return amount, amount.end
    opened = opener.group()
    if not (opener.group("bracket") or CONVERSION_WORD.search(opened)):
        return amount, amount.end
    m = SINGLE.match(text, opener.end())
    alt = single_amounts(m) if m else None
    if not alt or alt[0].currency in (None, amount.currency):
        return amount, amount.end
    a = resolve_currency(text, alt[0], [])
    return replace(amount, alt_value=a.value, alt_currency=a.currency), a.end
