"""Paragraphs and the lists they open: where a passage of a feed's text starts and ends.

Feeds break text at every line: a paragraph is a line. A line ending with ':' and the
bullet lines under it ("Le financement se répartit ainsi :\n- Norrvik Compute : 2
milliards ;\n- Arctic Infrastructure Partners : 1,5 milliard ;") are one passage: a
currency written in it carries to its items, and its items break its total down.
"""
from __future__ import annotations

import re

BULLET_MARK = r"[ \t]*[-–—•·▪■*][ \t]+"   # what opens a list's item line: "- ", "– ", "• "
BULLET = re.compile(BULLET_MARK)


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (text between blank-line or line breaks) holding `offset`.

    >>> paragraph_of("a\\nbc\\nd", 3)
    (2, 4)
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def is_item(text: str, offset: int) -> bool:
    """Whether `offset` is on a bullet line ("- Tejo Compute : 550 millions ;")."""
    return BULLET.match(text, paragraph_of(text, offset)[0]) is not None


def list_block(text: str, offset: int) -> tuple[int, int]:
    r"""The paragraph of `offset`, run on over a list it introduces (a line ending with ':'
    and the bullet lines under it are one paragraph) or over the answer to its question.

    >>> text = "Plan de 3 milliards :\n- A : 2 milliards ;\n- B : 1 milliard.\nFin."
    >>> list_block(text, 0), list_block(text, text.index("B"))
    ((0, 59), (0, 59))

    An interview's question and the answer under it are one block too ("Vous annoncez 1,2
    milliard. Où iront-ils ?\nLe plus gros, 550 millions, ...").

    A bare opening line ("Il se répartit ainsi :") runs on up to the line above it, whose
    figure the list breaks down:

    >>> text = "Un plan de 3 milliards.\nIl se répartit ainsi :\n- A : 2 milliards ;\n- B : 1 milliard."
    >>> list_block(text, 0), list_block(text, text.index("B"))
    ((0, 84), (0, 84))
    """
    start, end = paragraph_of(text, offset)
    if BULLET.match(text, start):
        while start > 0 and BULLET.match(text, paragraph_of(text, start - 1)[0]):   # up the items
            start = paragraph_of(text, start - 1)[0]
        if start > 0 and _opens_list(text, paragraph_of(text, start - 1)[0]):       # to the line that opens them
            start = paragraph_of(text, start - 1)[0]
    elif end < len(text) and _opens_list(text, end + 1) and not _has_figure(text, end + 1):
        end = paragraph_of(text, end + 1)[1]   # the figure, then "Le tour de table se répartit ainsi :"
    if _opens_list(text, start) and start > 0 and not _has_figure(text, start):
        start = paragraph_of(text, start - 1)[0]   # a bare opening line: the figure it breaks down is above it
    if _opens_list(text, paragraph_of(text, end)[0]) or BULLET.match(text, paragraph_of(text, end)[0]):
        while end < len(text) and BULLET.match(text, end + 1):   # down the items
            end = paragraph_of(text, end + 1)[1]
    if text[start:end].rstrip().endswith("?") and end < len(text):
        end = paragraph_of(text, end + 1)[1]   # an interview's question and its answer
    elif start > 0 and text[:start - 1].rstrip().endswith("?"):
        start = paragraph_of(text, start - 1)[0]
    return start, end


def _has_figure(text: str, line_start: int) -> bool:
    return re.search(r"\d", text[line_start:paragraph_of(text, line_start)[1]]) is not None


def _opens_list(text: str, line_start: int) -> bool:
    """The line at `line_start` ends with ':' and bullet lines follow it."""
    if line_start >= len(text):
        return False
    end = paragraph_of(text, line_start)[1]
    return text[line_start:end].rstrip().endswith(":") and BULLET.match(text, end + 1) is not None


# a line that opens one brief of a digest or one entry of a live blog: "3. Hongrie : ...",
# "16h10 – Syntezo lève ...", "POLOGNE — 2,8 milliards ...", "10:05 - ..."
STORY_MARK = (r"[ \t]*(?:\d{1,2}[.)][ \t]+(?=\S)|\d{1,2}[ \t]?[h:][ \t]?\d{2}[ \t]*[–—-][ \t]+|"
              r"(?!EN DIRECT|DIRECT|LIVE)[A-ZÀ-Ý][A-ZÀ-Ý' -]{2,30}[ \t]+[–—-][ \t]+)+")
_STORY = re.compile(rf"^{STORY_MARK}", re.MULTILINE)


def story_start(text: str, offset: int) -> int:
    """Where the brief of a digest or the entry of a live blog that holds `offset` starts
    (0 when the text is one story).

    >>> text = "Revue\\n1. Pologne : A lève 5 millions\\nLa start-up...\\n2. Hongrie : B lève 9 millions\\nLa start-up"
    >>> text[story_start(text, len(text) - 1):][:10], story_start(text, 3)
    ('2. Hongrie', 0)
    """
    starts = [m.start() for m in _STORY.finditer(text, 0, offset)]
    return starts[-1] if starts else 0
