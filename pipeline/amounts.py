"""The public money normalizer: `from pipeline.amounts import find_amounts`.

A thin re-export of `pipeline.normalize.amounts`, where it lives, for callers that used
the flat layout.

>>> [a.value for a in find_amounts("4 milliards d'euros")]
[4000000000.0]
"""
from pipeline.normalize.amounts import Amount, find_amounts

__all__ = ["Amount", "find_amounts"]
