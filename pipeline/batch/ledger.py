"""Ledger: which documents the tables hold, and in which part — the memory of incremental runs.

Each committed part has a manifest ``OUT/_state/parts/<part>.json`` listing its documents
(doc_id, sha256, file and the other files with the same bytes, status, pipeline version). A part
is written to the staging folder first; its manifest is written, atomically, once all its table
files are there — the commit — and only then are the files moved into the table folders. A
staged part without a manifest is an unfinished write, deleted; a committed part still (partly)
in staging is moved in when the ledger next opens.

A document lives in exactly one part. Part names carry a sequence number, so the newest
manifest wins: when a document is processed again (``--force``, a new pipeline version) or a
file's bytes change at the same path, the older part is rewritten without the old rows — after
the new manifest is committed, so a crash in between is repaired the next time the ledger opens.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa

from .. import __version__
from ..output.write import TABLES
from ..rules import rules_dirs
from .store import STAGING, OutputError, Store

STATE = "_state"
PART_RE = re.compile(r"part-(\d{6,})-[0-9a-f]{6}")


class BusyError(RuntimeError):
    """Another run holds the output's lock."""


# code that moves documents around but does not shape a single row: changing it reprocesses nothing
ORCHESTRATION = ("batch/", "cli.py")


def fingerprint() -> str:
    """The pipeline version plus a digest of the code and rules that make rows: any change means reprocessing."""
    if os.environ.get("BAOCAO_PIPELINE_VERSION"):  # pinned by hand (benchmarks while the code is being edited)
        return os.environ["BAOCAO_PIPELINE_VERSION"]
    package = Path(__file__).resolve().parent.parent
    rules, extra = rules_dirs()  # the shipped rules (or $BAOCAO_RULES) and the overlay of --rules
    digest = hashlib.sha256()
    for base, pattern in ((package, "**/*.py"), (rules, "*.yaml"), *([(extra, "*.yaml")] if extra else [])):
        for path in sorted(base.glob(pattern)):
            if base == package and path.relative_to(package).as_posix().startswith(ORCHESTRATION):
                continue
            digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    if os.environ.get("BAOCAO_NER") == "1":  # model entities (--ner) make other rows: a rerun with it reprocesses
        digest.update(b"\0ner")
    return f"{__version__}+{digest.hexdigest()[:10]}"


class Ledger:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.parts: dict[str, dict[str, dict]] = {}  # part -> {doc_id: entry}
        self.by_doc: dict[str, str] = {}  # doc_id -> the part that holds it
        self.by_file: dict[str, tuple[str, str]] = {}  # absolute file -> (part, doc_id) last seen there
        self.dirty: set[str] = set()  # parts holding rows that a newer part replaced
        self.seq = 0

    @classmethod
    def open(cls, store: Store) -> Ledger:
        """Load the manifests, delete unfinished writes, finish interrupted replacements."""
        ledger = cls(store)
        names = [n for n in store.listdir(STATE, "parts") if n.endswith(".json") and PART_RE.fullmatch(n[:-5])]
        for name in sorted(names, key=lambda n: int(PART_RE.fullmatch(n[:-5]).group(1))):  # oldest first
            manifest = json.loads(store.read_bytes(STATE, "parts", name))
            ledger._claim(manifest["part"], manifest["entries"])
        for part in store.listdir(*STAGING):  # committed while its files were being moved in: finish
            if part in ledger.parts:
                store.publish(part)
        ledger._sweep()
        ledger.cleanup()
        return ledger

    # --- reading ---
    def get(self, doc_id: str) -> dict | None:
        part = self.by_doc.get(doc_id)
        return self.parts[part][doc_id] if part else None

    def doc_at(self, file: str) -> str | None:
        """The document the tables hold for this file (its path or one of its duplicates), if any."""
        part, doc_id = self.by_file.get(file, (None, None))
        return doc_id if part and self.by_doc.get(doc_id) == part else None

    def entries(self) -> Iterator[dict]:
        for entries in self.parts.values():
            yield from entries.values()

    def known_hashes(self) -> dict[str, tuple[int, int, str]]:
        """file -> (size, mtime_ns, sha256) for every committed document, and the saved cache."""
        hashes = {}
        if self.store.exists(STATE, "files.json"):
            hashes = {k: tuple(v) for k, v in json.loads(self.store.read_bytes(STATE, "files.json")).items()}
        for e in self.entries():
            if e.get("size"):
                hashes[e["file"]] = (e["size"], e["mtime_ns"], e["sha256"])
        return hashes

    def save_hashes(self, hashes: dict[str, tuple[int, int, str]]) -> None:
        self.store.write_bytes(json.dumps(hashes, separators=(",", ":")).encode(), STATE, "files.json")

    # --- writing ---
    def new_part(self) -> str:
        self.seq += 1
        return f"part-{self.seq:06d}-{uuid.uuid4().hex[:6]}"

    def commit(self, part: str, entries: list[dict]) -> None:
        """Commit a staged part: its manifest, then its files into the tables; then drop what it replaces."""
        self._write_manifest(part, entries)
        self.store.publish(part)
        self._claim(part, entries)
        self.cleanup()

    def cleanup(self) -> None:
        """Rewrite the parts holding replaced rows: without them, or not at all if nothing is left."""
        if not self.dirty:
            return
        import pyarrow.compute as pc  # only when rows are replaced: spares every run's start-up ~0.1 s

        for part in sorted(self.dirty):
            keep = self.parts[part]
            if keep:
                tables = {}
                for name in TABLES:
                    if self.store.exists(name, f"{part}.parquet"):
                        table = self.store.read_table(name, f"{part}.parquet")
                        mask = pc.is_in(table.column("doc_id"), value_set=pa.array(list(keep), pa.string()))
                        tables[(name, f"{part}.parquet")] = table.filter(mask)
                self.store.write_tables(tables)
                self._write_manifest(part, list(keep.values()))
            else:
                for name in TABLES:
                    self.store.remove(name, f"{part}.parquet")
                self.store.remove(STATE, "parts", f"{part}.json")
                del self.parts[part]
        self.dirty.clear()

    def _write_manifest(self, part: str, entries: list[dict]) -> None:
        manifest = json.dumps({"part": part, "entries": entries})  # ASCII: file names may not be UTF-8
        self.store.write_bytes(manifest.encode(), STATE, "parts", f"{part}.json")

    def _claim(self, part: str, entries: Iterable[dict]) -> None:
        match = PART_RE.fullmatch(part)
        self.seq = max(self.seq, int(match.group(1)) if match else 0)
        held = self.parts.setdefault(part, {})
        for entry in entries:
            doc_id, file = entry["doc_id"], entry["file"]
            old_part = self.by_doc.get(doc_id)
            if old_part and old_part != part:
                self._drop(old_part, doc_id)  # the same bytes processed again
            for path in (file, *entry.get("also_files", ())):
                old = self.by_file.get(path)
                if old and old[1] != doc_id:
                    self._drop(*old)  # the file changed: its old bytes' rows go
                self.by_file[path] = (part, doc_id)
            held[doc_id] = entry
            self.by_doc[doc_id] = part

    def _drop(self, part: str, doc_id: str) -> None:
        if self.parts.get(part, {}).pop(doc_id, None) is not None:
            self.dirty.add(part)
        if self.by_doc.get(doc_id) == part:
            del self.by_doc[doc_id]

    def sweep_staging(self) -> None:
        """Delete staged parts that were never committed (a worker died, a write failed)."""
        for part in self.store.listdir(*STAGING):
            if part not in self.parts:
                self.store.remove(*STAGING, part)

    def _sweep(self) -> None:
        """Delete unfinished writes: temporary files, and parts that never got a manifest."""
        self.sweep_staging()
        for folder in (*TABLES, f"{STATE}/parts"):
            for name in self.store.listdir(folder):
                unfinished = name.startswith(".") and name.endswith(".tmp")
                orphan = name.endswith(".parquet") and name.removesuffix(".parquet") not in self.parts
                if unfinished or (orphan and name.startswith("part-")):
                    self.store.remove(folder, name)


@contextlib.contextmanager
def locked(store: Store) -> Iterator[None]:
    """One writer at a time per output folder (local folders only; a URL is not locked)."""
    if not store.local:
        yield
        return
    import fcntl

    try:
        os.makedirs(store.path(STATE), exist_ok=True)
        handle = open(store.path(STATE, "lock"), "w")  # noqa: SIM115 (held for the whole run)
    except OSError as err:
        raise OutputError(f"cannot write to {store.location}: {err.strerror or err}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"another baocao run is writing to {store.location}") from None
        yield
