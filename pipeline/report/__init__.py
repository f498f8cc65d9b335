"""The offline report: output tables -> output/report.html (charts, announcements, review needs).

Reads only the tables of `output/` (through `pipeline.io.table`) and the review decisions
(through `pipeline.review.store`); writes one self-contained HTML file.
"""
