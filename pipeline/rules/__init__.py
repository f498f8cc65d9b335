"""Rules as data: loading `models/` (cue patterns, lexicons, gazetteers, rule weights).

Data loading only, no NLP. May import: `pipeline.io`, `pipeline.normalize`.
"""
