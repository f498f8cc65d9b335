"""Pure normalizers, str -> value, no spaCy: French numbers, money (`money_grammar`,
`amounts`), counts (`quantities`), periods and dates (`period_grammar`, `periods`), EUR
conversion (`fx`).

May import: `pipeline.io`. Their rule data is read from `models/` directly.
"""
