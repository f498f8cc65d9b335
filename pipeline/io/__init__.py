"""Reading and writing: articles in (`readers`), the output contract (`table`), atomic writes.

Owns the file formats at both ends of the pipeline. Imports nothing of the package.
"""
