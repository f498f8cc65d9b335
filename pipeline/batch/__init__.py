"""Batch runs: incremental state (`state`), engines (local processes or Dask),
progress, and the streamed atomic tables (`assemble`).

May import the extraction stages (`io` ... `nlp`).
"""
