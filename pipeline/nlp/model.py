"""load(): fr_core_news_md with only the components extraction needs, plus ours.

Measured on the seeds: the `parser` makes NER 2.3x slower and splits some names, and the
`lemmatizer` is not used, so they are excluded; `senter` gives the sentences instead. In
fr_core_news_md `senter` and `ner` have their own embeddings (only the morphologizer and
the parser listen to `tok2vec`) and no rule reads POS or morphology, so `tok2vec`,
`morphologizer` and `attribute_ruler` go too: the model part runs at the speed of a bare
senter + ner pipeline, with identical rows (tests/test_batch_engines.py).

>>> # nlp = load(); doc = make_doc(nlp, article); doc = nlp(doc)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.nlp.components  # noqa: F401  (registers the factories)
from pipeline.nlp.components import register_extensions
from pipeline.normalize.fx import converter
from pipeline.rules.cities import city_country
from pipeline.rules.gazetteer import name_patterns, word_patterns
from pipeline.rules.lexicon import models_dir

BASE_MODEL = "fr_core_news_md"
EXCLUDED = ["parser", "lemmatizer", "tok2vec", "morphologizer", "attribute_ruler"]


def load(base: str = BASE_MODEL) -> Language:
    """The full extraction pipeline (statistical model + gazetteers + rules)."""
    register_extensions()
    nlp = spacy.load(base, exclude=EXCLUDED)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    _use_retrained_ner(nlp)
    for name, attr, patterns in (("gazetteer_names", "ORTH", name_patterns()),
                                 ("gazetteer_words", "LOWER", word_patterns())):
        ruler = nlp.add_pipe("span_ruler", name=name, config={
            "spans_key": "gazetteer", "phrase_matcher_attr": attr, "validate": False,
            "overwrite": False})
        ruler.add_patterns(patterns)
    nlp.add_pipe("invest_numbers")
    nlp.add_pipe("invest_mentions")
    nlp.add_pipe("invest_facts")
    _load_tables()
    return nlp


def _load_tables() -> None:
    """Read now the tables the components would read on first use (the ECB rates, ~0.3 s;
    the GeoNames city index, ~0.2-0.4 s): a loaded pipeline is warm, a worker does not pay
    for them in its first documents."""
    converter()
    city_country("Paris")


def retrained_ner_path() -> Path:
    """Where `make retrain` keeps a fine-tuned NER (only when it beat the stock one)."""
    return models_dir() / "ner" / "model-best"


def _use_retrained_ner(nlp: Language) -> None:
    """Swap the stock `ner` for the retrained one of the rules folder, if there is one."""
    path = retrained_ner_path()
    if not (path / "ner").is_dir() or "ner" not in nlp.pipe_names:
        return
    following = nlp.pipe_names[nlp.pipe_names.index("ner") + 1:]
    nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=spacy.load(path), before=following[0] if following else None)


@lru_cache(maxsize=2)
def cached(base: str = BASE_MODEL) -> Language:
    """One pipeline per process (workers of a pool or a Dask cluster reuse it)."""
    return load(base)


def make_doc(nlp: Language, text: str, published: str | None = None, body_start: int = 0) -> Doc:
    """A tokenized Doc carrying the article's metadata, ready for `nlp(doc)`."""
    doc = nlp.make_doc(text)
    doc._.text = text
    doc._.published = published
    doc._.body_start = body_start
    return doc
