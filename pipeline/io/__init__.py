"""Reading and writing: articles in (`readers`; a feed's `date YYYY-MM` line: `header`),
the output contract (`table`), atomic writes.

Owns the file formats at both ends of the pipeline. Imports nothing of the package.
"""
