"""Regex sources for phrase lists, built from the word lists of `models/`.

Literal phrases become patterns that tolerate the ways news writes them (any apostrophe,
spaces, optional hyphens), long lists become tries, and caseless lists become classes of
case variants with a first-character gate, so a scan skips in one step where no branch can
start (the money, number and quantity grammars compile these).
"""
from __future__ import annotations
import re
from collections.abc import Callable
from functools import lru_cache

SPACE = r"[ \u00a0\u202f\u2009]"          # one horizontal space, incl. no-break and thin spaces


APOS = r"['’‘ʼ]"                           # straight and typographic apostrophes


def phrase_pattern(phrase: str, caseless: bool = False) -> str:
    """Regex source for a data phrase: spaces, apostrophes and hyphens written loosely; with
    ``caseless``, each letter is the class of its case variants (see ``caseless_alternation``).

    >>> bool(re.fullmatch(phrase_pattern("jusqu'à"), "jusqu’à"))
    True
    >>> bool(re.fullmatch(phrase_pattern("plus de", caseless=True), "Plus D'"))
    True
    """
    letters = _caseless if caseless else re.escape
    out = []
    words = phrase.split(" ")
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if last and word == "de" and index > 0:
            out.append(rf"(?:{letters('de')}(?=\s)|{letters('d')}{APOS})")         # "plus de 2" / "plus d'un"
            continue
        piece = letters(word)
        piece = re.sub("['’]", lambda _: APOS, piece)
        piece = piece.replace(r"\-", r"[-‑\s]?")
        out.append(piece)
    return r"\s+".join(out)


def alternation(phrases, caseless: bool = False) -> str:
    """Regex alternation of data phrases, longest first so the longest reading wins."""
    return "|".join(phrase_pattern(p, caseless) for p in sorted(set(phrases), key=len, reverse=True))


def trie_alternation(phrases, caseless: bool = False) -> str:
    """Case-insensitive alternation of many data phrases as a prefix tree: same matches as
    ``alternation`` (longest first, by greedy optional tails) in a few steps, not one per phrase.
    Without ``caseless`` it goes inside ``(?i:...)``. With it, it is caseless by itself: the
    first letters are classes of their case variants (a wrong first letter skips a branch in
    one step) and the rest of each branch is ``(?i:...)``.

    >>> bool(re.fullmatch("(?i:%s)" % trie_alternation(["dollar", "dollars", "dollars canadiens"]), "Dollars  Canadiens"))
    True
    >>> trie_alternation(["euro", "écu"], caseless=True)
    '(?:[eE](?i:uro)|[éÉ](?i:cu))'
    """
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in phrase.lower().replace("’", "'"):
            node = node.setdefault(char, {})
        node[""] = {}
    if not caseless or "" in tree:
        return _trie_source(tree)
    branches = [(_TRIE_TOKENS.get(c) or _caseless(c)) + "(?i:%s)" % _trie_source(child) for c, child in tree.items()]
    return branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
_TRIE_TOKENS = {" ": r"\s+", "'": APOS, "-": r"[-‑\s]?"}


def _trie_source(node: dict) -> str:
    branches = [_TRIE_TOKENS.get(c, re.escape(c)) + _trie_source(child) for c, child in node.items() if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
    return f"(?:{body})?" if "" in node else body


def first_char_gate(phrases) -> str:
    """A lookahead for the characters, case aside, the phrases start with ("" when one starts with
    a space, an apostrophe or a hyphen): put before a ``(?i)`` alternation, it fails at once where
    none can start, instead of trying each branch.

    >>> first_char_gate(["euros", "Dollars"])
    '(?=[dDeE])'
    """
    firsts = {p.lower().replace("’", "'")[0] for p in phrases}
    if firsts & set(_TRIE_TOKENS):
        return ""
    return "(?=[%s])" % "".join(re.escape(_case_variants(c)) for c in sorted(firsts))


def caseless_finder(words) -> Callable[[str], bool]:
    """A quick test of whether ``(?i)`` of one of the literal ``words`` may occur in a text, at C
    speed: ``in`` on ``text.lower()``, and True as well when the text holds a character that
    ``(?i)`` reads as a letter of the words though its lowercase is another (İ, ı for i).

    >>> may_double = caseless_finder(["doubl"])
    >>> may_double("Il va DOUBLER"), may_double("Il va tripler")
    (True, False)
    """
    lowered = sorted({w.lower() for w in words})
    odd = "".join(sorted({v for w in lowered for c in w for v in _case_variants(c) if v.lower() != c}))

    def may_contain(text: str) -> bool:
        low = text.lower()
        return any(w in low for w in lowered) or any(c in text for c in odd)
    return may_contain


def caseless_alternation(words) -> str:
    """Alternation of ``words`` that matches what ``(?i:...)`` of them matches, each letter
    written as the class of its case variants: a branch starting with a class is skipped on its
    first character in one step, where a ``(?i)`` branch is entered and tried.

    >>> caseless_alternation(["six", "la"])
    '[sSſ][iIİı][xX]|[lL][aA]'
    """
    return "|".join(_caseless(word) for word in words)


def _caseless(text: str) -> str:
    """``text`` as a regex, each character that has case variants as their class: "Md" -> "[Mm][Dd]"."""
    return "".join(f"[{re.escape(v)}]" if len(v := _case_variants(char)) > 1 else re.escape(char) for char in text)


@lru_cache(maxsize=1)
def _cased() -> str:
    """The characters of the Basic Multilingual Plane that have a case (where the variants of a
    BMP character lie; an uncased character is its only variant)."""
    return "".join(c for c in map(chr, range(0x10000)) if c.lower() != c or c.upper() != c)


@lru_cache(maxsize=None)
def _case_variants(char: str) -> str:
    """The characters ``(?i:char)`` matches, itself first: "s" -> "sSſ"."""
    if ord(char) > 0xFFFF:
        raise ValueError(f"no case variants computed outside the BMP: {char!r}")
    found = re.compile("(?i)" + re.escape(char)).findall(_cased())
    return char + "".join(c for c in found if c != char)
