"""The batch machinery around the stages: many files into one output folder.

``run`` plans the work (``ledger``: what is done; ``store``: where parts live), hands documents
to worker processes (``workers``) or a Dask cluster (``cluster``), writes each part (``tasks``),
reports progress (``progress``); ``compact`` merges small parts.
"""
