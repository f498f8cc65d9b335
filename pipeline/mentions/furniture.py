"""Page furniture: the lines of a page or feed item that are not the article.

Site names, menus, breadcrumbs ("Accueil > Cloud > Datacenters"), tags, share and
newsletter prompts, reading time, credits ("© AFP"), bylines ("Par Jean Dupont,
journaliste"), printed dates, "Lire aussi :" lines and related-articles blocks yield no
mention and no fact. Rules are data (`models/furniture.json`, sources in
`models/furniture.README.md`); a line is furniture when

- it starts with one of its `line_patterns` (some also at the start of any sentence:
  feeds glue "Lire aussi : ..." or "Partager" to the text),
- it is a short line without final punctuation made mostly of menu words and separators,
- or it is a headline-like line inside a related-articles block ("Articles similaires").

`glue_points` finds where a title runs into the first sentence without a full stop
("... en FranceLe groupe américain"), so that the title stays a sentence of its own.

>>> furniture_reason("Accueil > Cloud > Datacenters"), furniture_reason("Google investit.")
('furniture.breadcrumb', '')
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.rules.lexicon import PACKAGE_MODELS, literal_alternation, load_json, rules_cache

_FINAL = tuple(".!?…:;»\"”)")
_WORD = re.compile(r"[\w'’&-]+")
_SEPARATORS = re.compile(r"[>›»|·•/]")
_GAPS = re.compile(r"[ \t]{2,}|\t")


@rules_cache
def _data() -> dict:
    return load_json("furniture.json") or load_json("furniture.json", str(PACKAGE_MODELS))


@rules_cache
def _patterns() -> tuple[list[tuple[str, re.Pattern]], list[tuple[str, re.Pattern]]]:
    """(rules tested at line starts, rules also tested at sentence starts)."""
    rules = [(r["id"], re.compile(r["pattern"], re.IGNORECASE), r.get("anywhere", False))
             for r in _data().get("line_patterns", {}).get("rules", [])]
    return [(i, p) for i, p, _ in rules], [(i, p) for i, p, anywhere in rules if anywhere]


def _first_of(rules: list[tuple[str, re.Pattern]]) -> Callable[[str], str]:
    """`line -> id of the first rule whose pattern matches at its start, or ''`, with one
    regex: the rules as ordered alternatives (at a position, an alternation tries its
    branches in order, so the first branch that matches is the first rule that does)."""
    joined = "|".join(f"(?P<r{i}>{p.pattern})" for i, (_, p) in enumerate(rules))
    try:
        combined = re.compile(joined, re.IGNORECASE) if rules else None
    except re.error:   # a rule that cannot be joined (a group reference): one match per rule
        combined = None
    if combined is None or combined.groups != len(rules) or any(p.flags != combined.flags for _, p in rules):
        return lambda line: next((rule_id for rule_id, pattern in rules if pattern.match(line)), "")
    ids = {combined.groupindex[f"r{i}"]: rule_id for i, (rule_id, _) in enumerate(rules)}

    def first(line: str) -> str:
        found = combined.match(line)
        return ids[found.lastindex] if found is not None else ""
    return first


@rules_cache
def _line_rules() -> tuple[Callable[[str], str], Callable[[str], str]]:
    """(first line rule matching a line, first sentence-start rule matching a sentence)."""
    line_rules, anywhere = _patterns()
    return _first_of(line_rules), _first_of(anywhere)


@rules_cache
def _block_head() -> re.Pattern | None:
    pattern = _data().get("block_heads", {}).get("pattern")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


@rules_cache
def _menu() -> tuple[frozenset[str], frozenset[str], int, float]:
    spec = _data().get("menu_words", {})
    return (frozenset(spec.get("words", ())), frozenset(spec.get("ignored", ())),
            spec.get("max_words", 14), spec.get("min_share", 0.75))


@rules_cache
def _glue() -> re.Pattern | None:
    words = _data().get("glued_openers", {}).get("words", [])
    if not words:
        return None
    openers = literal_alternation(words)
    return re.compile(rf"""
        (?<=[a-zà-ÿ0-9%€$)»])(?=(?:{openers})(?:\s|(?<=['’])))     # 'en FranceLe groupe'
      | (?<=[\w%€$)»])[ \t]+                                       # 'dans l'Essonne Le spécialiste':
        (?=(?:{openers})(?:[ \t]+|(?<=['’]))[a-zà-ÿœ])              #   a capital article, then a lower-case word
        """, re.VERBOSE)


def is_menu_line(line: str) -> bool:
    """A short line without final punctuation, mostly menu words and separators.

    >>> is_menu_line("Tech | Cloud | IA"), is_menu_line("Microsoft investit en France")
    (True, False)
    >>> is_menu_line("TelecomInfo · Opérateurs"), is_menu_line("| Financement"), is_menu_line("Nscale · Aker")
    (True, True, False)
    >>> is_menu_line("Menu  Suède  Norvège  Finlande  Danemark  Tech")
    True
    """
    stripped = line.strip()
    words, ignored, max_words, min_share = _menu()
    tokens = [t.lower() for t in _WORD.findall(stripped)]
    if not tokens or len(tokens) > max_words or stripped.endswith(_FINAL):
        return False
    tokens = [t for t in tokens if t not in ignored and t.strip("'’") not in ignored] or tokens
    share = sum(t in words or t.strip("'’") in words for t in tokens) / len(tokens)
    segments = _GAPS.split(stripped)
    if len(segments) >= 4 and all(len(seg.split()) <= 3 for seg in segments):
        return True   # a scraped navigation bar: "Menu  Suède  Norvège  Finlande  Danemark  Tech"
    separators = len(_SEPARATORS.findall(stripped))
    return (share >= min_share or (separators >= 2 and share >= min_share / 2)
            or (separators >= 1 and len(tokens) <= 3 and share >= min_share / 2))   # "TelecomInfo · Opérateurs"


def furniture_reason(line: str) -> str:
    """Id of the rule that makes `line` page furniture, '' for article text."""
    rule_id = _line_rules()[0](line)
    if rule_id:
        return rule_id
    if is_menu_line(line):
        return "furniture.menu"
    head = _block_head()
    return "furniture.block_head" if head is not None and head.fullmatch(line) else ""


def sentence_furniture(sentence: str) -> str:
    """Id of the rule that makes a sentence inside a line furniture ("Lire aussi : ...")."""
    return _line_rules()[1](sentence)


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    return not stripped.endswith(tuple(".!?…")) or len(stripped.split()) <= 12


def is_site_name(line: str) -> bool:
    """A page's first line naming the site, maybe with its tagline or sections.

    >>> is_site_name("Iberia Numérique"), is_site_name("Benelux Tech — l'actualité des Pays-Bas")
    (True, True)
    >>> is_site_name("Microsoft investit 4 milliards en France"), is_site_name("EN DIRECT – Sommet : Londres investit")
    (False, False)
    """
    spec = _data().get("site_name", {})
    stripped = line.strip()
    if not spec or not stripped or stripped.endswith(tuple(".!?…")) or any(c.isdigit() or c == ":" for c in stripped):
        return False
    first = re.split(spec["separators"], stripped, maxsplit=1)[0]
    return len(first.split()) <= spec["max_words"]


def furniture_lines(text: str, body_start: int = 0) -> dict[int, str]:
    """Line start -> rule id, for every furniture line of `text` after `body_start`."""
    out: dict[int, str] = {}
    in_block = False
    start = body_start
    first = True
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if line.strip():
            reason = furniture_reason(line) or ("furniture.site_name" if first and is_site_name(line) else "")
            first = False
            if in_block and not reason:
                reason = "furniture.related_block" if _is_headline(line) else ""
            in_block = reason in {"furniture.block_head", "furniture.related_block"} or (
                in_block and bool(reason))
            if reason:
                out[start] = reason
        start = end + 1
    return out


def glue_points(text: str, start: int, end: int) -> list[int]:
    """Offsets in [start, end) where a title runs into a sentence without a full stop.

    >>> t = "Microsoft investit en FranceLe groupe a annoncé un plan."
    >>> glue_points(t, 0, len(t))
    [28]
    """
    glue = _glue()
    return [m.end() for m in glue.finditer(text, start, end)] if glue is not None else []
