"""Compact: merge the small parts of an output folder into few large ones (``baocao compact OUT``).

Each run adds parts; many small incremental runs leave many small files, which slow every
reader. Compaction writes the rows of consecutive small parts as one new part, commits it in
the ledger, and only then deletes the old parts — the same replacement that reprocessing
uses, so a crash at any moment leaves the tables whole (the next run or compaction finishes).
"""

from __future__ import annotations

import pyarrow as pa

from ..output.write import TABLES
from .ledger import STATE, Ledger, locked
from .store import OutputError, Store

DOCS_PER_PART = 5000


def compact(location: str, docs_per_part: int = DOCS_PER_PART) -> tuple[int, int]:
    """Merge small parts; returns the number of parts before and after."""
    store = Store(location)
    if not store.exists(STATE, "parts"):  # a mistyped path: never create a folder for it
        raise OutputError(f"{location} is not an output folder of baocao run (no {STATE}/parts in it)")
    with locked(store):
        ledger = Ledger.open(store)
        before = len(ledger.parts)
        for group in _groups(ledger, docs_per_part):
            tables = {}
            for name in TABLES:
                pieces = [store.read_table(name, f"{p}.parquet") for p in group if store.exists(name, f"{p}.parquet")]
                tables[name] = pa.concat_tables(pieces).combine_chunks()
            part = ledger.new_part()
            store.stage(part, tables)
            ledger.commit(part, [e for p in group for e in ledger.parts[p].values()])
        return before, len(ledger.parts)


def _groups(ledger: Ledger, docs_per_part: int) -> list[list[str]]:
    """Runs of consecutive parts whose documents fit in one part; single parts stay as they are."""
    groups: list[list[str]] = [[]]
    size = 0
    for part in sorted(ledger.parts):
        n = len(ledger.parts[part])
        if groups[-1] and size + n > docs_per_part:
            groups.append([])
            size = 0
        groups[-1].append(part)
        size += n
    return [g for g in groups if len(g) > 1]
