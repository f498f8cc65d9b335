"""`make bench`: speed, memory and money-layer figures on a generated corpus.

May import every other package; nothing imports it but the CLI.
"""
