"""Every spaCy component of the pipeline, registered in one module.

Each is `__call__` = find + set annotations on Doc extensions:
- `invest_numbers`: money, quantities, periods and dates (`pipeline.normalize.amounts`,
  `pipeline.normalize.quantities`, `pipeline.normalize.periods`), on the article body only.
- `invest_mentions`: NER + gazetteer spans -> normalized mentions (`pipeline.mentions.annotate`).
- `invest_facts`: mentions -> investment and commitment facts (`pipeline.facts.investments`).
The gazetteers themselves run in spaCy's built-in `span_ruler` (see `pipeline.nlp.model`).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from functools import partial

from spacy.language import Language
from spacy.util import minibatch
from spacy.tokens import Doc

from pipeline.facts.commitments import commitment_facts
from pipeline.facts.confidence import calibrate
from pipeline.facts.site_status import decide_sites
from pipeline.facts.context import Context, Fact
from pipeline.facts.currency import carry_currency
from pipeline.facts.investments import decide_investments, finish_investments
from pipeline.facts.scorer import score_links, sentences_to_parse, stage_links
from pipeline.mentions.annotate import build_mentions
from pipeline.mentions.mention import sentences_of, text_of
from pipeline.normalize.amounts import find_amounts
from pipeline.normalize.periods import find_dates, find_periods, parse_published
from pipeline.normalize.published import published_in_text
from pipeline.normalize.quantities import find_quantities
from pipeline.nlp.syntax import parse_all, parse_requests, sentence_parser
from pipeline.nlp.together import run_together

EXTENSIONS = {
    "published": None,      # publication date, ISO string or None
    "published_source": "", # where it came from: "meta", "text" (printed in the page) or "none"
    "body_start": 0,        # offset where the article text starts (after a date header)
    "amounts": [],
    "quantities": [],
    "periods": [],
    "dates": [],
    "mentions": [],
    "facts": [],
    "error": "",            # one-line reason when a component failed on this document
    "text": None,           # the text, kept once (Doc.text re-joins every token on each access)
    "sentences": None,      # pipeline.mentions.mention.Sentences, computed once
}


def register_extensions() -> None:
    """Declare the Doc extensions the components write (idempotent)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None if isinstance(default, list) else default)


def _guarded(name: str, step, doc: Doc) -> Doc:
    """Run `step(doc)`; a failure marks the document in error instead of stopping the batch."""
    if doc._.error:
        return doc
    try:
        step(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        doc._.error = f"{name} failed: {exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}"
    return doc


class NumbersComponent:
    """Money, quantities, periods and dates of the body, as plain dataclasses."""

    def __call__(self, doc: Doc) -> Doc:
        return _guarded("invest_numbers", self.annotate, doc)

    def annotate(self, doc: Doc) -> None:
        body = doc._.body_start or 0
        text = text_of(doc)
        _read_published(doc, text, body)
        published = parse_published(doc._.published)
        doc._.amounts = [a for a in find_amounts(text, published) if a.start >= body]
        doc._.quantities = [q for q in find_quantities(text) if q.start >= body]
        doc._.periods = [p for p in find_periods(text, published) if p.start >= body]
        doc._.dates = [d for d in find_dates(text, published) if d.start >= body]


def _read_published(doc: Doc, text: str, body: int) -> None:
    """The feed's date, else the one the page prints in its head ("Publié le ...")."""
    if doc._.published_source:
        return
    if doc._.published:
        doc._.published_source = "meta"
        return
    printed = published_in_text(text, body)
    doc._.published = printed.value.isoformat() if printed else None
    doc._.published_source = "text" if printed else "none"


class MentionsComponent:
    """Normalized, typed mentions (`pipeline.mentions.mention.Mention`) in `doc._.mentions`."""

    def __call__(self, doc: Doc) -> Doc:
        return _guarded("invest_mentions", self.annotate, doc)

    def annotate(self, doc: Doc) -> None:
        doc._.mentions = build_mentions(doc)


class FactsComponent:
    """Investment and commitment facts (`pipeline.facts.investments.Fact`) in `doc._.facts`.

    In `pipe`, a batch of documents goes through in three passes: the amount decisions of
    each (the sentences they parse on the way batched round by round, `run_together`),
    then one parse of every sentence their link scorer reads (all documents together),
    then the links and the commitments of each.
    """

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 48) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            staged = run_together([partial(self._decide, doc) for doc in batch], parse_requests)
            with suppress(Exception):   # a failed batch parse: each document parses its own sentences
                parse_all((ctx.parse, sentences_to_parse(ctx, facts)) for ctx, facts in filter(None, staged))
            for doc, work in zip(batch, staged):
                if work is not None:
                    _guarded("invest_facts", partial(self.finish, work=work), doc)
            yield from batch

    def _decide(self, doc: Doc) -> tuple[Context, list[Fact]] | None:
        out: list = []
        _guarded("invest_facts", lambda d: out.append(self.decide(d)), doc)
        return out[0] if out else None

    def decide(self, doc: Doc) -> tuple[Context, list[Fact]]:
        """The document's context and its investment facts, candidates staged."""
        published = parse_published(doc._.published)
        text = text_of(doc)
        ctx = Context(text, sentences_of(doc), doc._.mentions,
                      published.year if published else None, parse=sentence_parser(text, doc=doc))
        carry_currency(ctx)
        decide_sites(ctx)
        facts = decide_investments(ctx)
        for fact in facts:
            stage_links(ctx, fact)
        return ctx, facts

    def finish(self, doc: Doc, work: tuple[Context, list[Fact]]) -> None:
        """The links of the staged facts (their sentences parsed by now), then the rows' facts."""
        ctx, facts = work
        for fact in facts:
            score_links(ctx, fact)
        investments = finish_investments(ctx, facts)
        doc._.facts = calibrate(ctx, investments + commitment_facts(ctx, investments))


@Language.factory("invest_numbers", requires=["doc.text"], assigns=["doc._.amounts", "doc._.quantities", "doc._.periods", "doc._.dates"])
def make_numbers(nlp: Language, name: str) -> NumbersComponent:
    register_extensions()
    return NumbersComponent()


@Language.factory("invest_mentions", requires=["doc.ents", "doc.sents"], assigns=["doc._.mentions"])
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    register_extensions()
    return MentionsComponent()


@Language.factory("invest_facts", requires=["doc._.mentions"], assigns=["doc._.facts"])
def make_facts(nlp: Language, name: str) -> FactsComponent:
    register_extensions()
    return FactsComponent()
