"""Money amounts in French news text: ``find_amounts(text) -> list[Amount]``.

Pure function over a string, no spaCy. The grammar is a few compiled regexes built at
import from ``models/money/*.json`` (currencies, scales, cues); Python only checks and
combines what they match, so the cost is one regex match per number in the text.

Conventions (the contract others code against):

- ``Amount.text == text[start:end]`` and covers the number(s), the scale word and the
  currency written around them: ``"2,1 milliards de dollars"``, ``"$2,1 milliards"``,
  ``"2 et 3 milliards d'euros"``. Cue words that set the kind ("environ", "plus de",
  "jusqu'à", "entre") are never part of the text; they only set ``kind``.
- A range ("entre 2 et 3", "de 2 à 3", "2-3") is ONE Amount, ``value`` = low bound,
  ``value_max`` = high bound, ``kind="range"``. A list ("1,2 ou 1,5 milliard de
  dollars") is one Amount per number; a currency or scale written once applies to all.
- Cents written after the currency belong to it ("2 euros 50", "5€50", "10 dollars et 25
  cents" -> 2.5, 5.5, 10.25); a sub-unit alone is a fraction ("30 centimes" -> 0.3 EUR).
  Three or more numbers joined by commas share the last one's currency ("1, 2 ou 3
  milliards d'euros"). "$1.5 billion" is English (10^9); "1,5 billion de yens" is French.
  The reading conventions are listed in ``models/money/README.md``.
- A conversion in brackets or after "soit" in another currency ("4,3 milliards
  d'euros (4,8 milliards de dollars)") is ONE Amount with ``alt_value``/``alt_currency``;
  its text is the first amount only.
- Without a currency, a number with a scale word is money only when the sentence talks
  money ("un investissement de 2 milliards") and no noun follows ("10 millions de
  dossiers" is not money). After an amount with a currency in the same sentence a bare
  one is money too, with ``currency=None`` as annotated in ``corpus/labelled``
  ("96,4 milliards de dollars, dont 13,6 milliards pour le cloud").

>>> [(a.text, a.value, a.currency, a.kind) for a in find_amounts("Un plan de près de 2,1 milliards d’euros.")]
[('2,1 milliards d’euros', 2100000000.0, 'EUR', 'approx')]
>>> a = find_amounts("entre 2 et 3 Md$")[0]
>>> (a.value, a.value_max, a.currency, a.kind)
(2000000000.0, 3000000000.0, 'USD', 'range')
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from pipeline.normalize import numbers as nb
from pipeline.normalize.amount_context import (
    settle_currency,
    with_conversion,
    with_kind,
)
from pipeline.normalize.amount_shapes import (
    Amount,
    list_amounts,
    minor_part,
    pair_amounts,
    single_amounts,
)
from pipeline.normalize.money_grammar import (
    ANCHOR,
    LINK_AHEAD,
    LIST,
    LIST_AHEAD,
    PAIR,
    REGIONAL,
    SINGLE,
)


def find_amounts(text: str, published: date | None = None) -> list[Amount]:
    """All money amounts in ``text``, sorted by start (see the module docstring). ``published``
    only dates the words whose currency changed with the euro ("francs", "balles").

    >>> [(a.value, a.currency) for a in find_amounts("1,2 ou 1,5 milliard de dollars")]
    [(1200000000.0, 'USD'), (1500000000.0, 'USD')]
    >>> find_amounts("10 millions de dossiers médicaux, en 2024")
    []
    """
    found: list[Amount] = []
    done = 0
    for anchor in ANCHOR.finditer(text):
        start = anchor.start()
        negative = start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " (\n\u00a0")
        if start < done or (start and anchor.group()[0].isdigit() and text[start - 1] in "_.,/-‑−0123456789"
                            and not negative):
            continue                   # inside a number, a date, a code ("GPT-4"), but "de -2 milliards"
        if start and text[start - 1].isalpha():
            continue
        amounts, done = _read(text, start, found, published)
        if negative and len(amounts) == 1 and amounts[0].kind != "range" and anchor.group()[0].isdigit():
            a = amounts[0]
            amounts = [replace(a, start=start - 1, text=text[start - 1:a.end], value=-a.value)]
        found.extend(amounts)
    return _regional(text, _local_dollars(found))


_US_WRITTEN = re.compile(r"US|usd|améric|americ|étasun|États-Unis", re.IGNORECASE)
_DOLLAR_WRITTEN = re.compile(r"\$|\bdollars?\b", re.IGNORECASE)


def _local_dollars(found: list[Amount]) -> list[Amount]:
    """Bare "dollars" and "$" in an article that names another dollar than the US one are the
    dollar last named before them (else the first named after): a Québec outlet writes
    "62 millions de dollars canadiens", then "un prêt de 8 millions de dollars", and says
    "dollars américains" when it means them.

    >>> [a.currency for a in find_amounts("Elle lève 62 millions de dollars canadiens. Québec lui prête 8 M$.")]
    ['CAD', 'CAD']
    >>> [a.currency for a in find_amounts("Il a levé 9 millions de dollars américains, puis 5 millions de dollars "
    ...                                   "canadiens. L'an dernier, 3 millions de dollars.")]
    ['USD', 'CAD', 'CAD']
    """
    named = [(a.start, a.currency) for a in found
             if a.currency in _OTHER_DOLLARS or a.currency == "USD" and _US_WRITTEN.search(a.text)]
    if not any(iso in _OTHER_DOLLARS for _, iso in named):
        return found
    out = []
    for a in found:
        if a.currency == "USD" and _DOLLAR_WRITTEN.search(a.text) and not _US_WRITTEN.search(a.text):
            before = [iso for start, iso in named if start < a.start]
            a = replace(a, currency=before[-1] if before else named[0][1])
        out.append(a)
    return out


def _regional(text: str, found: list[Amount]) -> list[Amount]:
    """A currency word the article's region reads otherwise (`REGIONAL`, data in
    `models/money/currencies.json`): where one region's words outnumber the home ones of the
    currency as read, its unqualified amounts take that region's currency. A Québec outlet's
    "850 millions de dollars" for Sherbrooke is CAD, a Cameroonian one's "francs CFA" XAF.

    >>> [a.currency for a in find_amounts("À Sherbrooke, Tessera investira 850 millions de dollars, a dit "
    ...                                   "Investissement Québec. Elle est valorisée 3 milliards de dollars américains.")]
    ['CAD', 'USD']
    >>> [a.currency for a in find_amounts("Kribi (Cameroun) : un centre de 85 milliards de francs CFA.")]
    ['XAF']
    >>> [a.currency for a in find_amounts("Microsoft investira 500 millions de dollars aux États-Unis et au Canada.")]
    ['USD']
    """
    out = found
    for written, qualified, home, regions in REGIONAL:
        if not any(a.currency == written for a in out):
            continue
        home_count = sum(1 for m in home.finditer(text)
                         if not any(a.start <= m.start() < a.end for a in out))   # "dollars américains"
        counts = {iso: len(pattern.findall(text)) for iso, pattern in regions.items()}
        local = max(sorted(counts), key=lambda iso: counts[iso])
        if counts[local] <= home_count:
            continue
        out = [replace(a, currency=local) if a.currency == written and not qualified.search(a.text) else a
               for a in out]
    return out


_OTHER_DOLLARS = frozenset({"CAD", "AUD", "NZD", "SGD", "HKD", "TWD"})


def _read(text: str, start: int, found: list[Amount], published: date | None) -> tuple[list[Amount], int]:
    """Amounts whose first element starts at ``start``, and where scanning resumes."""
    m = single = SINGLE.match(text, start)
    amounts = None
    if single and not (single.group("pre1") or single.group("c1")) and LIST_AHEAD.match(text, single.end()):
        m = LIST.match(text, start)
        amounts = list_amounts(text, m) if m else None
    if amounts is None and single and LINK_AHEAD.match(text, single.end()) and not minor_part(text, single):
        m = PAIR.match(text, start)
        amounts = pair_amounts(text, m) if m else None
    if amounts is None and single is not None and _bare(single):
        return [], single.end("n1")    # what single_amounts then settle_currency would conclude
    if amounts is None:
        m = single
        amounts = single_amounts(m)
    if amounts is None:
        return [], (m.end("n1") if m else start + 1)
    amounts = settle_currency(text, amounts, found, published)
    if not amounts:
        return [], m.end("n1")
    end = amounts[-1].end
    first = with_kind(text, amounts[0], amounts[0].end if len(amounts) > 1 else end)
    amounts[0] = first
    last, end = with_conversion(text, amounts[-1])
    amounts[-1] = last
    return amounts, max(end, m.end(), amounts[-1].end)


def _bare(m: re.Match) -> bool:
    """Whether a single element has no currency and no scale word ("2027", "48", "3 M"): such a
    number alone is no amount (a bare amount needs a scale word, see ``settle_currency``). A
    scale abbreviation of three letters or more ("6 mio", "2 mds") reads as its word."""
    scale = m.group("s1")
    return not (m.group("pre1") or m.group("c1")) and (not scale or scale in nb.SCALE_ABBREVIATIONS and len(scale) < 3)
