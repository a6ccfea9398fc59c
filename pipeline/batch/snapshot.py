"""Snapshot: the committed tables of an output folder, consistent even while a run writes to it.

A plain read of ``OUT/<table>/`` during a run can see a table that another table does not
match yet (a part is moved in table by table), a document twice (a ``--force`` run or
``compact`` commits the new part before the old one is rewritten) or a file that vanishes
while it is read. :func:`read_tables` reads only committed parts and, of each, only the
documents its manifest still owns (the newest manifest wins), retrying when a file vanishes
under it; :func:`committed_parts` gives the same answer as files, for readers of their own
(``pipeline.load``, DuckDB) — with the caveat that a file listed may be rewritten or removed
by the next commit, which :func:`read_tables` handles and a plain reader does not.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..output.write import SCHEMAS, TABLES
from .ledger import PART_RE, STATE
from .store import STAGING, Store

ATTEMPTS = 20


@dataclass(frozen=True)
class Committed:
    """One committed part: where its file of each table is now, and the documents it owns."""

    part: str
    doc_ids: frozenset[str]

    def files(self, store: Store, table: str) -> list[str]:
        """Where the part's file of ``table`` is: in the table folder, or still in staging (being moved in)."""
        return [store.path(table, f"{self.part}.parquet"), store.path(*STAGING, self.part, f"{table}.parquet")]


def committed(location: str) -> list[Committed]:
    """The committed parts, oldest first, each with the documents it owns now (a newer part wins a document)."""
    store = Store(location)
    names = [n for n in store.listdir(STATE, "parts") if n.endswith(".json") and PART_RE.fullmatch(n[:-5])]
    manifests = []
    for name in sorted(names, key=lambda n: int(PART_RE.fullmatch(n[:-5]).group(1))):
        try:
            manifests.append(json.loads(store.read_bytes(STATE, "parts", name)))
        except (FileNotFoundError, json.JSONDecodeError):  # removed or replaced while listed: seen at the next try
            raise _Moved from None
    owner: dict[str, str] = {}
    for manifest in manifests:
        for entry in manifest["entries"]:
            owner[entry["doc_id"]] = manifest["part"]
    return [Committed(m["part"], frozenset(d for d, p in owner.items() if p == m["part"])) for m in manifests]


def committed_consistently(location: str) -> list[Committed]:
    """:func:`committed`, looked at again while a manifest is being replaced under the reader."""
    return _retry(lambda: committed(location))


def committed_parts(location: str) -> dict[str, list[str]]:
    """``{table: [file, …]}``: the Parquet files of the committed parts, as they are now."""
    store = Store(location)
    parts = committed_consistently(location)
    return {name: [p.files(store, name)[0] for p in parts if p.doc_ids] for name in TABLES}


def read_tables(location: str, tables: tuple[str, ...] = TABLES) -> dict[str, pa.Table]:
    """Every table of ``location`` as one Arrow table, from one consistent set of committed documents."""
    return _retry(lambda: _read(Store(location), tables))


class _Moved(Exception):
    """A file changed under the reader: start again."""


def _retry(read):
    for attempt in range(ATTEMPTS):
        try:
            return read()
        except _Moved:
            time.sleep(0.01 * (attempt + 1))
    raise RuntimeError("the output kept changing while it was read; try again when the run has finished")


def _read(store: Store, tables: tuple[str, ...]) -> dict[str, pa.Table]:
    """Open every file of the committed parts, check that no part came or went meanwhile, then read them.

    An open file keeps the bytes it had when opened (a rewrite renames a new file into place),
    so the opened set is one state of the output, whatever is committed while it is read.
    """
    parts = [p for p in committed(store.location) if p.doc_ids]
    opened: dict[tuple[str, str], object] = {}
    try:
        for part in parts:
            for name in tables:
                opened[(part.part, name)] = _open_one(store, part.files(store, name))
        if [p.part for p in committed(store.location) if p.doc_ids] != [p.part for p in parts]:
            raise _Moved  # a part was committed or emptied while the files were opened
        result = {}
        for name in tables:
            pieces = []
            for part in parts:
                handle = opened[(part.part, name)]
                table = pq.read_table(handle) if handle else SCHEMAS[name].empty_table()
                keep = pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(part.doc_ids), pa.string()))
                pieces.append(table.filter(keep))
            result[name] = pa.concat_tables(pieces) if pieces else SCHEMAS[name].empty_table()
        return result
    finally:
        for handle in opened.values():
            if handle:
                handle.close()


def _open_one(store: Store, places: list[str]):
    """The part's file, wherever it is; None if it has none (a table newer than the part, or just removed:
    the check that no part came or went tells the two apart)."""
    for path in (*places, places[0]):  # moved in from staging between two looks: look again
        try:
            return store.fs.open(path, "rb")
        except FileNotFoundError:
            continue
    return None
