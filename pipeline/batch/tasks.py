"""Tasks: what a worker (a local process or a Dask worker) does with one file and one part.

A :class:`Task` is one document to process: a file, the sha256 the planner found, and the
other paths holding the same bytes. ``run_task`` turns it into table rows; ``write_part``
writes the rows of many tasks as one part and returns the ledger entries that the caller
commits once the part is in place.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ..ingest import new_document, source_format
from ..output.write import SCHEMAS, TABLES, rows_to_table, to_rows
from ..records import Document
from ..runner import printable, process_file
from .store import Store


@dataclass(frozen=True)
class Task:
    file: str  # absolute path
    root: str | None  # source_path is relative to it
    sha256: str
    size: int = 0
    mtime_ns: int = 0
    also: tuple[str, ...] = ()  # source paths of other files with the same bytes
    also_files: tuple[str, ...] = ()  # and their absolute paths

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]


@dataclass
class Done:
    """One processed document: its rows, and what the ledger and the progress bar need."""

    task: Task
    entry: dict
    tables: dict[str, pa.Table] = field(repr=False)  # built per document, so one bad row cannot sink a part
    pages: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {name: table.num_rows for name, table in self.tables.items()}


def run_task(task: Task, version: str) -> Done:
    _test_hooks(task.file)
    doc = process_file(Path(task.file), Path(task.root) if task.root else None)
    return finish(task, doc, version)


def failed_task(task: Task, version: str, code: str, message: str) -> Done:
    """A document that never came back from a worker (timeout, crash): a ``failed`` row with why."""
    root = Path(task.root) if task.root else None
    doc = new_document(Path(task.file), root, b"")
    doc.source_path, doc.source_name = printable(doc.source_path), printable(doc.source_name)
    doc.doc_id, doc.source_sha256 = task.doc_id, task.sha256
    doc.source_format = source_format(Path(task.file)) or "unknown"
    doc.status = "failed"
    doc.diagnose("batch", "error", code, message)
    return finish(task, doc, version)


def finish(task: Task, doc: Document, version: str) -> Done:
    if not doc.doc_id:  # unreadable by the time the worker got to it: keep the planner's identity
        doc.doc_id, doc.source_sha256 = task.doc_id, task.sha256
    if task.also:
        doc.diagnose("batch", "info", "duplicate_file", "same bytes also at: " + ", ".join(task.also))
    for d in doc.diagnostics:  # a message may quote a file name that is not UTF-8
        d.message = printable(d.message)
    entry = {
        "doc_id": doc.doc_id, "sha256": doc.source_sha256, "file": task.file, "source_path": doc.source_path,
        "status": doc.status, "version": version, "size": task.size, "mtime_ns": task.mtime_ns,
        "why": next((d.code for d in doc.diagnostics if d.severity == "error"), ""),
        "also": list(task.also), "also_files": list(task.also_files),
    }  # fmt: skip
    rows = to_rows(doc)
    entry["rows"] = {name: len(rows[name]) for name in TABLES}
    return Done(task, entry, {name: rows_to_table(name, rows[name]) for name in TABLES}, pages=len(doc.pages))


def write_part(done: Iterable[Done], store: Store, part: str) -> list[dict]:
    """Write the rows of ``done`` as one part (one file per table); returns their ledger entries."""
    done = list(done)
    tables = {}
    for name in TABLES:
        table = pa.concat_tables([d.tables[name] for d in done]) if done else SCHEMAS[name].empty_table()
        tables[name] = table.combine_chunks()
    store.stage(part, tables)  # the caller's ledger.commit moves it into the tables
    return [d.entry for d in done]


def _test_hooks(file: str) -> None:
    """Fault injection for the batch tests; does nothing unless a BAOCAO_TEST_* variable is set.

    BAOCAO_TEST_HANG=name: the worker hangs on the file called ``name``;
    BAOCAO_TEST_CRASH=name: the worker process is killed by SIGKILL on it (like a crash in a native library);
    BAOCAO_TEST_DELAY=seconds: every document takes that much longer (to kill a run mid-way).
    """
    name = os.path.basename(file)
    if name == os.environ.get("BAOCAO_TEST_HANG"):
        time.sleep(3600)
    if name == os.environ.get("BAOCAO_TEST_CRASH"):
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("BAOCAO_TEST_DELAY"):
        time.sleep(float(os.environ["BAOCAO_TEST_DELAY"]))
