"""The spaCy pipeline: `fr_core_news_md` with our registered factories (`components`)
and gazetteer `span_ruler`s, loaded once (`model`).

May import every extraction stage below it (`io` ... `facts`), never batch, learn or review.
"""
