"""Assembly: mentions -> investment and commitment facts (`context`, `investments`,
`breakdowns`, `period_tie`, `commitments`), facts -> rows (`extract`), rows of many articles -> events (`events`).

May import: the packages below it (`io`, `normalize`, `rules`, `mentions`).
"""
