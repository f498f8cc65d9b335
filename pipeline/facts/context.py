"""What the assembly rules read: facts, the document context, clauses and target countries.

`Context` holds a document's text, sentences and mentions (looked up by label and span);
`target_country` is the rule shared by investments and commitments: the country a fact
is about.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.rules.lexicon import Cue, cues
from pipeline.rules.literals import fold, may_match
from pipeline.mentions.actors import follows_actor_verb
from pipeline.mentions.mention import Mention, Sentences
from pipeline.mentions.orgs import org_kind
from pipeline.mentions.places import clear_majority, dominant_country
from pipeline.normalize.lists import paragraph_of


@dataclass(slots=True)
class Fact:
    """One row of `investments.csv` before conversion and formatting."""

    kind: str                      # "investment" or "commitment"
    rule: str
    start: int                     # evidence sentence offsets
    end: int
    investor: str = ""
    recipient: str = ""
    country: str = ""
    sites: list[Mention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    amount: Mention | None = None
    category: str = ""
    target: Mention | None = None
    period: Mention | None = None
    confidence: float = 0.5
    link_feature: str = ""          # which feature decided the links ("rule" without a scorer)
    amount_feature: str = ""        # which feature decided the amount is one ("rule" without a model)
    candidates: dict = field(default_factory=dict, repr=False)   # slot -> scored candidates
    other_evidence: list[tuple[int, int]] = field(default_factory=list)   # same fact told elsewhere
    signals: dict = field(default_factory=dict, repr=False)      # what the confidence is calibrated on


@dataclass(slots=True)
class Context:
    """What the assembly rules read: the text, its sentences and mentions by label."""

    text: str
    sentences: Sentences
    mentions: list[Mention]
    published_year: int | None = None
    parse: Callable[[int, int], Any] | None = None   # (start, end) -> dependency-parsed Doc
    _by_label: dict = field(default_factory=dict, repr=False)
    _cue_hits: dict = field(default_factory=dict, repr=False)
    _group_hits: dict = field(default_factory=dict, repr=False)
    _folded: str | None = field(default=None, repr=False)
    _derived: dict = field(default_factory=dict, repr=False)

    def in_span(self, label: str, start: int, end: int) -> list[Mention]:
        """Mentions of `label` starting in [start, end), in text order (bisect, not a scan)."""
        if not self._by_label:
            for mention in sorted(self.mentions, key=lambda m: m.start):
                starts, items = self._by_label.setdefault(mention.label, ([], []))
                starts.append(mention.start)
                items.append(mention)
        starts, items = self._by_label.get(label, ((), ()))
        return list(items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)])

    def forget_index(self) -> None:
        """Call after changing `mentions`: `in_span` and `derived` read them again."""
        self._by_label.clear()
        self._derived.clear()

    def cue_matches(self, group: str, start: int, end: int) -> tuple[tuple[Cue, int, int], ...]:
        """(cue, start, end) of every match of the bare regexes of `group` in the text
        `text[start:end]` (offsets in that piece), cue by cue; scanned once per piece, and
        not by a cue whose required literals the piece does not hold."""
        key = (group, start, end)
        hits = self._cue_hits.get(key)
        if hits is None:
            piece, folded = self.text[start:end], self.folded()[start:end]
            hits = self._cue_hits[key] = tuple((c, m.start(), m.end()) for c in cues(group)
                                               if may_match(c.regex, folded) for m in c.regex.finditer(piece))
        return hits

    def folded(self) -> str:
        """The text `fold`ed (`pipeline.rules.literals`), for the literal screens of the cues."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def groups_in(self, groups: dict[str, re.Pattern], start: int, end: int) -> frozenset[str]:
        """Names of the `groups` (name -> regex, one dict per rules folder) with a match in
        `text[start:end]`, searched once per piece. A group whose required literals
        (`pipeline.rules.literals`) the piece does not hold cannot match: it is not searched."""
        key = (id(groups), start, end)
        hits = self._group_hits.get(key)
        if hits is None:
            piece, folded = self.text[start:end], self.folded()[start:end]
            hits = self._group_hits[key] = frozenset(name for name, pattern in groups.items()
                                                     if may_match(pattern, folded) and pattern.search(piece))
        return hits

    def scope_flags(self, groups: dict[str, re.Pattern], scopes: dict[str, tuple[int, int]]) -> dict[str, float]:
        """`{"<group>@<scope>": 1.0}` for each of the `groups` with a match in each named span of
        `scopes` ("left", "clause", ...): the cue features of the amount and site models."""
        found = {scope: self.groups_in(groups, *span) for scope, span in scopes.items()}
        return {f"{name}@{scope}": 1.0 for name in groups for scope in scopes if name in found[scope]}

    def has_cue(self, group: str, start: int, end: int) -> bool:
        """A cue of `group` matches in `text[start:end]`."""
        return bool(self.cue_matches(group, start, end))

    def window(self, offset: int) -> list[tuple[int, int]]:
        """The sentence of `offset`, then the previous sentence of the same paragraph."""
        index = self.sentences.index(offset)
        spans = [self.sentences.spans[index]]
        if index > 0:
            prev = self.sentences.spans[index - 1]
            para_start, _ = paragraph_of(self.text, offset)
            if prev[0] >= para_start:
                spans.append(prev)
        return spans

    def derived(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()`, a value read from the mentions, computed once until `forget_index`."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def main_company(self) -> str:
        """The most named organisation (no media, no public body)."""
        def compute() -> str:
            counts = Counter(m.value for m in self.mentions if m.label == "ORG"
                             and org_kind(m.value) not in {"media", "public_body"}
                             and self.text[m.start - 1:m.start] != "(")   # "(OFCS)" names it once more: not again
            return counts.most_common(1)[0][0] if counts else ""
        return self.derived("main_company", compute)

    def main_country(self) -> str:
        """The country the document is about (`dominant_country`)."""
        return self.derived("main_country",
                            lambda: dominant_country([m for m in self.mentions if m.label == "COUNTRY"]))

    def places_country(self) -> str:
        """The country most of the document's cities are in, if clear: an article that names
        its country only by adjectives ("l'irlandais Shannon Edge Data") is still in Ireland
        when its places are Dublin, Ennis and Navan."""
        return self.derived("places_country", lambda: clear_majority(
            m.country for m in self.mentions if m.label in {"SITE", "PLACE"} and m.country and m.detail != "region"))


_CLAUSE_BREAK = re.compile(r"[;:()\[\]«»—–]|,\s|\s-\s")
_ASIDE = re.compile(r"\((?=[^()]*[A-Za-zÀ-ÿ])[^();:,]{1,40}\)")   # an acronym or a long form in brackets, not a clause


def clause_of(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int]:
    """The clause around [start, end): cut at ';', ':', brackets, dashes and ', ' (not the
    decimal comma of "2,1") inside the sentence [s_start, s_end); a short aside in brackets
    ("la BOAD (Banque ouest-africaine de développement) lui prête") does not cut it.

    >>> t = "Il a investi 2,1 milliards, portant le total à 5 milliards."
    >>> t[slice(*clause_of(t, 13, 26, 0, len(t)))]
    'Il a investi 2,1 milliards'
    """
    asides = [m.span() for m in _ASIDE.finditer(text, s_start, s_end) if not (m.start() < start < m.end())]
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, s_start, s_end)
              if not any(a <= m.start() < b for a, b in asides)]   # "la BOAD (Banque ...) lui prête": one clause
    left = [m.end() for m in breaks if m.end() <= start]
    right = next((m.start() for m in breaks if m.start() >= end), s_end)
    return (left[-1] if left else s_start, right)


def gap(mention: Mention, anchor: Mention) -> int:
    """Characters between two mentions (0 when they overlap)."""
    return max(0, mention.start - anchor.end, anchor.start - mention.end)


_LOCATIVE = re.compile(r"(?:\b(?:en|au|aux|dans|vers|outre)[\s-]+(?:l['’]|la |le )?)$", re.IGNORECASE)


def is_locative(text: str, mention: Mention) -> bool:
    """'en France', 'aux Pays-Bas', 'outre-Rhin': the place where something happens."""
    return mention.text.lower().startswith("outre") or bool(
        _LOCATIVE.search(text[max(0, mention.start - 12):mention.start]))


def target_country(ctx: Context, anchor: Mention, spans: list[tuple[int, int]], currency_country: str = "") -> str:
    """The country a fact is about: in each span in turn, the closest country or site
    country, those after 'en', 'au', 'dans'... first; then a place's country; none when
    the sentence names only a region ("en Europe"); else the country of the item's heading,
    of the money's national currency (`currency_country`), of the document."""
    if spread(ctx, anchor):
        return ""   # "à de nouvelles salles en Europe", "à ses laboratoires d'Allemagne, de Pologne et des Pays-Bas"
    for span in spans:
        near = [m for m in ctx.in_span("COUNTRY", *span) if m.role != "origin"]
        near += [m for m in ctx.in_span("SITE", *span) if m.country]
        elsewhere = [m for m in near if not follows_actor_verb(ctx.text, m.end)]
        near = elsewhere or near   # "Les Émirats arabes unis vont investir ... en Croatie": the state that invests is no target
        if near:
            clause = clause_of(ctx.text, anchor.start, anchor.end, *span)
            best = min(near, key=lambda m: (not clause[0] <= m.start < clause[1],
                                            not is_locative(ctx.text, m), m.start < anchor.start,
                                            gap(m, anchor)))
            return best.value if best.label == "COUNTRY" else best.country
    places = [m for m in ctx.in_span("PLACE", *spans[0]) if m.country and m.detail != "region"
              and not any(c.regex.search(ctx.text[max(0, m.start - 25):m.start]) for c in cues("venue_cues"))]
    if places:
        return min(places, key=lambda m: gap(m, anchor)).country
    if any(m.detail == "region" for m in ctx.in_span("PLACE", *spans[0])):
        return ""
    return (_heading_country(ctx, anchor) or currency_country or ctx.main_country() or ctx.places_country()
            or _only_origin(ctx, spans[0]))


# what joins the countries of one list: ", de Pologne et des Pays-Bas", " et en Espagne"
_COUNTRY_JOIN = re.compile(r"\s*(?:,\s*(?:et\s+)?|\s+et\s+)(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*|en\s+|au\s+|aux\s+)?")


def spread(ctx: Context, anchor: Mention) -> bool:
    """Money spread over several countries or a whole region (corpus/README.md, "Country"):
    its own clause names a region ("en Europe") and no country or site, or a list of
    countries follows it in its sentence."""
    span = ctx.sentences.of(anchor.start)
    clause = clause_of(ctx.text, anchor.start, anchor.end, *span)
    placed = ctx.in_span("COUNTRY", *clause) + ctx.in_span("SITE", *clause)
    if not any(m.role != "origin" for m in placed) and any(_target_region(ctx, anchor, m) for m in ctx.in_span("PLACE", *clause)):
        return True
    after = [m for m in ctx.in_span("COUNTRY", anchor.end, span[1]) if m.role != "origin"]
    return any(a.value != b.value and _COUNTRY_JOIN.fullmatch(ctx.text, a.end, b.start) for a, b in zip(after, after[1:]))


_IN_REGION = re.compile(r"\b(?:en|dans|à\s+travers|partout\s+en)\s+(?:l['’]\s*|le\s+|la\s+|les\s+)?$", re.IGNORECASE)
_SCHEME = re.compile(r"\b(?:au\s+titre|programme|dans\s+le\s+cadre|via|règlement|mécanisme|fonds)\b", re.IGNORECASE)


def _target_region(ctx: Context, anchor: Mention, region: Mention) -> bool:
    """A region where the money goes ("à de nouvelles salles en Europe"), not one in a name
    ("la Banque africaine de développement", "au titre du Mécanisme pour l'interconnexion en
    Europe")."""
    lo, hi = min(anchor.end, region.start), max(anchor.end, region.start)
    return (region.detail == "region" and bool(_IN_REGION.search(ctx.text, max(0, region.start - 20), region.start))
            and not any(o.start <= region.start < o.end for o in ctx.in_span("ORG", region.start - 120, region.start + 1))
            and not _SCHEME.search(ctx.text, lo, hi))


def _only_origin(ctx: Context, span: tuple[int, int]) -> str:
    """The one origin the sentence names, when nothing else places the money: "L'opérateur
    letton Daugava Tīkli va investir 85 millions ... pour raccorder 140 000 foyers ruraux"."""
    origins = {m.value for m in ctx.in_span("COUNTRY", *span) if m.role == "origin"}
    return origins.pop() if len(origins) == 1 else ""


def _heading_country(ctx: Context, anchor: Mention) -> str:
    """The country of the heading the fact's item starts under: a digest's or a live
    blog's "1. Lettonie : Daugava Tīkli accélère sur la fibre" tells where each item's money
    goes better than the document's main country."""
    for start, end in item_headings(ctx, anchor.start):
        named = [m for m in ctx.in_span("COUNTRY", start, end) if m.role != "origin"]
        named += [m for m in ctx.in_span("SITE", start, end) if m.country]
        if named:
            return named[0].value if named[0].label == "COUNTRY" else named[0].country
    return ""


_ITEM_MARK = re.compile(r"\s*(?:\d{1,2}\s*[h:]\s*\d{2}|\d{1,2}\s*[.)])\s*[–—-]?\s")   # "11h20 –", "3. "


def item_headings(ctx: Context, offset: int, lines: int = 2, marked: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the headings the item of `offset` starts under: the short unpunctuated
    lines just before its line (up to `lines`), and a live blog's or a digest's marked lead
    on its own line before it ("12h00 – Najd Data Centers s'agrandit à Djeddah. L'opérateur
    ... investira"). `marked`: only headings with an item mark ("3. Islande : ...", "11h20 –
    ..."), not an article's title."""
    out = []
    line_start = ctx.text.rfind("\n", 0, offset) + 1
    if _ITEM_MARK.match(ctx.text, line_start):
        out.append((line_start, ctx.sentences.of(offset)[0]))
    end = line_start - 1
    for _ in range(lines):
        if end <= 0:
            break
        start = ctx.text.rfind("\n", 0, end) + 1
        line = ctx.text[start:end].rstrip()
        if line and not line.endswith((".", "!", "…", "»", '"')) and len(line) < 160 \
                and (not marked or _ITEM_MARK.match(line)):
            out.append((start, end))
        end = start - 1
    return out
