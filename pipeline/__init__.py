"""invest-facts: French tech-investment news in, one normalized, traceable table out.

The sub-packages are the stages of the data flow, lowest first; a package imports only
the ones before it (`tests/test_architecture.py` holds the order and checks it):

    io -> normalize -> rules -> mentions -> facts -> nlp -> batch    (extraction, batch runs)
    review, report, learn, bench                                     (beside it)
    __main__                                                         (the CLI)
"""
