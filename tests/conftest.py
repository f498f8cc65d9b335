"""Shared fixtures: one French pipeline per test session, and a text -> rows helper."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.model import cached

    return cached()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published=None) -> DocRows of one article given as a string."""
    from pipeline.io.readers import Article
    from pipeline.batch.run import process

    def _extract(text: str, published: str | None = None, doc_id: str = "t"):
        return next(process([Article(doc_id, "<test>", text, 0, published)], nlp))

    return _extract


@pytest.fixture(scope="session")
def seed_rows(nlp):
    """DocRows of the five seed articles, by doc_id."""
    from pipeline.io.readers import iter_articles
    from pipeline.batch.run import process

    return {rows.document["doc_id"]: rows for rows in process(iter_articles([SEEDS]), nlp)}
