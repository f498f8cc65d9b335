"""Typed, canonical mentions: the `Mention` type and the builders of people, orgs,
places and commitment mentions from NER spans, gazetteer spans and numbers.

May import: `pipeline.io`, `pipeline.normalize`, `pipeline.rules`.
"""
