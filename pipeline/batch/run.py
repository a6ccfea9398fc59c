"""Batch: find the files, skip those already done, process the rest in parallel, commit parts.

A run (1) discovers the files, (2) hashes them (a (path, size, mtime) → sha256 cache spares
rehashing), (3) skips every file whose bytes the ledger holds from the same pipeline
version, (4) hands the rest to local worker processes or a Dask cluster, which write the
rows as parts, and (5) commits each part in the ledger once it is in place. A killed run
loses only the documents not yet in a committed part; the next run does them.

One bad file never stops the batch: the runner turns every failure into a ``failed`` or
``partial`` document with diagnostics, and a worker that hangs or dies is replaced.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..ingest import source_format
from ..output.write import TABLES
from .ledger import Ledger, fingerprint, locked
from .progress import Progress
from .store import Store
from .tasks import Task, failed_task, write_part

PART_SIZE = 200  # documents per part: few enough files at 100k documents, small enough to lose little
TIMEOUT = 300.0  # seconds one document may take


@dataclass
class Summary:
    documents: Counter = field(default_factory=Counter)  # by status, and "skipped" (already in the tables)
    rows: Counter = field(default_factory=Counter)  # by table, written by this run
    ignored: int = 0  # files in folders that are not documents
    duplicates: int = 0  # files whose bytes another file already brought
    seconds: float = 0.0
    peak_worker_mb: float = 0.0

    def line(self) -> str:
        docs = ", ".join(f"{self.documents[s]} {s}" for s in ("ok", "partial", "failed", "skipped"))
        rows = ", ".join(f"{self.rows[t]} {t}" for t in TABLES if t not in ("documents", "texts"))
        extra = "".join([f"; {self.duplicates} duplicate files" if self.duplicates else "",
                         f"; {self.ignored} other files ignored" if self.ignored else ""])  # fmt: skip
        return f"documents: {docs}; rows: {rows}; {self.seconds:.1f} s{extra}"


@dataclass
class Plan:
    tasks: list[Task]  # to process
    unreadable: list[Task]  # files that could not even be hashed
    skipped: int = 0
    duplicates: int = 0
    hashes: dict[str, tuple[int, int, str]] = field(default_factory=dict)


def discover(inputs: Iterable[Path]) -> tuple[list[tuple[Path, Path | None]], int]:
    """(file, root) pairs in a stable order, and the number of non-document files skipped.

    A file named on the command line is always taken (an unknown format becomes a failed
    document with a diagnostic); in folders only known document formats are taken.
    """
    found: list[tuple[Path, Path | None]] = []
    ignored = 0
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in path.relative_to(given).parts):
                    continue
                if source_format(path):
                    found.append((path, given))
                else:
                    ignored += 1
        else:
            found.append((given, given.parent))
    return found, ignored


def plan(
    files: list[tuple[Path, Path | None]],
    ledger: Ledger,
    version: str,
    force: bool = False,
    retry_failed: bool = False,
) -> Plan:
    """Hash the files and keep those whose bytes are not in the tables yet (or all, with ``force``)."""
    cache = ledger.known_hashes()
    result = Plan([], [])
    groups: dict[str, list[Task]] = {}  # sha256 -> the files holding these bytes, first found first
    sha_at: dict[str, str] = {}  # absolute file -> sha256 now
    for path, root in files:
        file, root_s = os.path.abspath(path), os.path.abspath(root) if root else None
        try:
            stat = os.stat(file)
            cached = cache.get(file)
            same = cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns
            sha = cached[2] if same else _sha256(file)
        except OSError:
            key = hashlib.sha256(f"unreadable:{file}".encode()).hexdigest()
            result.unreadable.append(Task(file, root_s, key))
            continue
        result.hashes[file] = (stat.st_size, stat.st_mtime_ns, sha)
        sha_at[file] = sha
        groups.setdefault(sha, []).append(Task(file, root_s, sha, stat.st_size, stat.st_mtime_ns))
    for sha, same_bytes in groups.items():
        first, others = same_bytes[0], same_bytes[1:]
        result.duplicates += len(others)
        also = tuple(_relative(t) for t in others)
        task = Task(first.file, first.root, sha, first.size, first.mtime_ns, also)
        if not force and _done_before(ledger.get(task.doc_id), version, retry_failed, sha_at):
            result.skipped += 1
        else:
            result.tasks.append(task)
    if not force:
        result.unreadable = [t for t in result.unreadable if not _done_before(ledger.get(t.doc_id), version, False, {})]
    return result


def _done_before(entry: dict | None, version: str, retry_failed: bool, sha_at: dict[str, str]) -> bool:
    if entry is None or entry["version"] != version or (retry_failed and entry["status"] == "failed"):
        return False
    # the file it was read from now holds other bytes: process it again under the path it is found at now
    return sha_at.get(entry["file"], entry["sha256"]) == entry["sha256"]


def _sha256(file: str) -> str:
    with open(file, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _relative(task: Task) -> str:
    return Path(os.path.relpath(task.file, task.root) if task.root else task.file).as_posix()


def run(
    inputs: Iterable[Path | str],
    out: Path | str,
    workers: int | None = None,
    part_size: int = PART_SIZE,
    progress: bool = False,
    force: bool = False,
    retry_failed: bool = False,
    timeout: float = TIMEOUT,
    scheduler: str | None = None,
    stream: TextIO | None = None,
) -> Summary:
    """Process every document under ``inputs`` not yet in the tables under ``out``."""
    started = time.perf_counter()
    files, ignored = discover(Path(p) for p in inputs)
    store = Store(out)
    version = fingerprint()
    with locked(store):
        ledger = Ledger.open(store)
        todo = plan(files, ledger, version, force, retry_failed)
        summary = Summary(ignored=ignored, duplicates=todo.duplicates)
        summary.documents["skipped"] = todo.skipped
        bar = Progress(len(todo.tasks) + len(todo.unreadable), stream, enabled=progress)

        def on_done(task: Task, status: str, pages: int, counts: dict[str, int], why: str) -> None:
            bar.done(status, pages, sum(counts.values()) - counts["documents"] - counts["texts"], _relative(task), why)

        def on_part(part: str, entries: list[dict]) -> None:
            ledger.commit(part, entries)
            for entry in entries:  # counted once committed: a document done twice (see workers) counts once
                summary.documents[entry["status"]] += 1
                summary.rows.update(entry["rows"])

        try:
            if todo.tasks:
                summary.peak_worker_mb = _process(todo.tasks, store, ledger, version, workers, part_size,
                                                  timeout, scheduler, on_done, on_part)  # fmt: skip
            if todo.unreadable:
                failed = [failed_task(t, version, "unreadable_file", f"cannot read {t.file}") for t in todo.unreadable]
                for done in failed:
                    on_done(done.task, "failed", 0, done.counts, "unreadable_file")
                part = ledger.new_part()
                on_part(part, write_part(failed, store, part))
            if not ledger.parts:  # nothing at all to write: empty tables, so that every table can be read
                part = ledger.new_part()
                on_part(part, write_part([], store, part))
        finally:
            bar.close()
            ledger.save_hashes(todo.hashes | _unchanged(ledger, todo.hashes))
    summary.seconds = time.perf_counter() - started
    return summary


def _process(tasks, store, ledger, version, workers, part_size, timeout, scheduler, on_done, on_part) -> float:
    """Run the tasks locally or on a cluster; returns the peak memory of a worker in MB (0 if unknown)."""
    if scheduler:
        from .cluster import run_on_cluster

        run_on_cluster(tasks, store, ledger.new_part, version, scheduler, part_size, on_done, on_part)
        return 0.0
    from .workers import Pool

    n = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    part_size = min(part_size, -(-len(tasks) // n))  # every worker gets its share of a small batch
    pool = Pool(n, store.location, version, timeout)
    try:
        pool.run(tasks, part_size, ledger.new_part, on_done, on_part)
    finally:
        pool.close()
    return pool.peak_memory_mb


def _unchanged(ledger: Ledger, seen: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """Cache entries of files not seen this run (another input folder): kept for the next run."""
    return {k: v for k, v in ledger.known_hashes().items() if k not in seen}
