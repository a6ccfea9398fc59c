"""Batch: find the files, skip those already done, process the rest in parallel, commit parts.

A run (1) discovers the files (``discover``), (2) hashes them (a (path, size, mtime) → sha256
cache spares rehashing; ``verify`` rehashes all), (3) skips every file whose bytes the ledger
holds from the same pipeline version under the same paths, (4) hands the rest to local worker
processes or a Dask cluster, which write the rows as parts, and (5) commits each part in the
ledger once it is written. A killed run loses only the documents not yet in a committed part;
the next run does them.

One bad file never stops the batch: the runner turns every failure into a ``failed`` or
``partial`` document with diagnostics, and a worker that hangs or dies is replaced. Only an
output that cannot be written (a full disk, a read-only folder) stops the run
(:class:`~pipeline.batch.store.OutputError`), after removing what it left half-written.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..output.write import TABLES
from .discover import Found, discover, file_kind, shown
from .ledger import Ledger, fingerprint, locked
from .progress import Progress
from .store import Store
from .tasks import Task, failed_task, write_part

PART_SIZE = 200  # documents per part: few enough files at 100k documents, small enough to lose little
TIMEOUT = 300.0  # seconds one document may take (hashing included)


@dataclass
class Summary:
    documents: Counter = field(default_factory=Counter)  # by status, and "skipped" (already in the tables)
    rows: Counter = field(default_factory=Counter)  # by table, written by this run
    found: Found = field(default_factory=Found)  # what discovery took and left out
    duplicates: int = 0  # files whose bytes another file already brought
    still_failed: int = 0  # skipped documents that failed in an earlier run
    inputs: Counter = field(default_factory=Counter)  # every input document's status in the tables, "missing" if none
    seconds: float = 0.0
    peak_worker_mb: float = 0.0

    @property
    def ignored(self) -> int:
        return self.found.n_ignored

    def line(self) -> str:
        docs = ", ".join(f"{self.documents[s]} {s}" for s in ("ok", "partial", "failed", "skipped"))
        rows = ", ".join(f"{self.rows[t]} {t}" for t in TABLES if t not in ("documents", "texts"))
        extra = [f"{self.still_failed} still failed from earlier runs (--retry-failed tries them again)"
                 if self.still_failed else "",
                 f"{self.duplicates} duplicate files" if self.duplicates else "",
                 f"{self.ignored} files ignored" if self.ignored else "",
                 f"{self.inputs['missing']} inputs without rows" if self.inputs["missing"] else ""]  # fmt: skip
        return "; ".join([f"documents: {docs}", f"rows: {rows}", f"{self.seconds:.1f} s", *filter(None, extra)])


@dataclass
class Plan:
    tasks: list[Task]  # to process
    unreadable: list[tuple[Task, str, str]]  # files that could not even be hashed: (task, code, message)
    skipped: int = 0
    still_failed: int = 0
    duplicates: int = 0
    doc_ids: set[str] = field(default_factory=set)  # every input's document
    hashes: dict[str, tuple[int, int, str]] = field(default_factory=dict)


class NotRegular(OSError):
    """A path that is no regular file (a FIFO, a device): reading it could block for ever."""


def plan(
    files: list[tuple[Path, Path | None]],
    ledger: Ledger,
    version: str,
    force: bool = False,
    retry_failed: bool = False,
    verify: bool = False,
    timeout: float = TIMEOUT,
) -> Plan:
    """Hash the files and keep those whose bytes are not in the tables yet under these paths (all with ``force``)."""
    cache = {} if verify else ledger.known_hashes()
    result = Plan([], [])
    groups: dict[str, list[Task]] = {}  # sha256 -> the files holding these bytes, first found first
    sha_at: dict[str, str] = {}  # absolute file -> sha256 now
    for path, root in files:
        file, root_s = os.path.abspath(path), os.path.abspath(root) if root else None
        try:
            st = os.stat(file)
            if not stat.S_ISREG(st.st_mode):
                raise NotRegular(0, file_kind(file))
            cached = cache.get(file)
            same = cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns
            sha = cached[2] if same else _sha256(file, time.monotonic() + timeout)
        except (OSError, TimeoutError) as err:
            result.unreadable.append(_unreadable(file, root_s, err, timeout))
            continue
        result.hashes[file] = (st.st_size, st.st_mtime_ns, sha)
        sha_at[file] = sha
        groups.setdefault(sha, []).append(Task(file, root_s, sha, st.st_size, st.st_mtime_ns))
    # documents whose rows name a file that now holds other bytes: processed again, whatever else happens
    stale = {ledger.doc_at(f) for f, sha in sha_at.items() if ledger.doc_at(f) not in (None, sha[:16])}
    for sha, same_bytes in groups.items():
        first, others = same_bytes[0], same_bytes[1:]
        result.duplicates += len(others)
        elsewhere = _kept_paths(ledger.get(sha[:16]), sha_at, cache)
        also = tuple(_relative(t) for t in others) + tuple(s for _, s in elsewhere)
        also_files = tuple(t.file for t in others) + tuple(f for f, _ in elsewhere)
        task = Task(first.file, first.root, sha, first.size, first.mtime_ns, also, also_files)
        result.doc_ids.add(task.doc_id)
        entry = ledger.get(task.doc_id)
        mapped = all(ledger.doc_at(t.file) == task.doc_id for t in same_bytes)  # every path already leads here
        mapped = mapped and entry is not None and _paths(entry) == {task.file, *task.also_files}  # and no other
        if not force and mapped and task.doc_id not in stale and _done_before(entry, version, retry_failed):
            result.skipped += 1
            result.still_failed += entry["status"] == "failed"
        else:
            result.tasks.append(task)
    if not force:
        result.unreadable = [u for u in result.unreadable if not _done_before(ledger.get(u[0].doc_id), version, False)]
    result.doc_ids.update(u[0].doc_id for u in result.unreadable)
    return result


def _kept_paths(entry: dict | None, seen: dict[str, str], cache: dict) -> list[tuple[str, str]]:
    """Paths of the document from earlier runs over other folders: kept while they hold the same file."""
    if not entry:
        return []
    also = zip(entry.get("also_files", []), entry.get("also", []), strict=False)
    paths = [(entry["file"], entry["source_path"]), *also]
    kept = []
    for file, display in paths:
        if file in seen:
            continue
        try:
            st = os.stat(file)
        except OSError:
            continue
        if (
            cache.get(file, (None, None, None))[:2] == (st.st_size, st.st_mtime_ns)
            and cache[file][2] == entry["sha256"]
        ):
            kept.append((file, display))
    return kept


def _paths(entry: dict) -> set[str]:
    return {entry["file"], *entry.get("also_files", ())}


def _unreadable(file: str, root: str | None, err: BaseException, timeout: float) -> tuple[Task, str, str]:
    key = hashlib.sha256(b"unreadable:" + os.fsencode(file)).hexdigest()
    task = Task(file, root, key)
    if isinstance(err, NotRegular):
        return task, "not_a_regular_file", f"{shown(file)} is {err.strerror}: only regular files are read"
    if isinstance(err, TimeoutError):
        return task, "timeout", f"reading {shown(file)} to hash it took longer than {timeout:g} s"
    return task, "unreadable_file", f"cannot read {shown(file)}: {err.strerror or err}"


def _done_before(entry: dict | None, version: str, retry_failed: bool) -> bool:
    return not (entry is None or entry["version"] != version or (retry_failed and entry["status"] == "failed"))


def _sha256(file: str, deadline: float = float("inf")) -> str:
    """The file's sha256; only a regular file is read (opened without blocking), and only until ``deadline``."""
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb", buffering=0) as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO since it was listed
            raise NotRegular(0, file_kind(file))
        digest = hashlib.sha256()
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(file)
    return digest.hexdigest()


def _relative(task: Task) -> str:
    return shown(Path(os.path.relpath(task.file, task.root) if task.root else task.file).as_posix())


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
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    default_excludes: bool = True,
    verify: bool = False,
    max_memory_mb: int | None = None,
) -> Summary:
    """Process every document under ``inputs`` not yet in the tables under ``out``."""
    started = time.perf_counter()
    found = discover((Path(p) for p in inputs), include, exclude, default_excludes)
    store = Store(out)
    version = fingerprint()
    with locked(store):
        ledger = Ledger.open(store)
        todo = plan(found.files, ledger, version, force, retry_failed, verify, timeout)
        summary = Summary(found=found, duplicates=todo.duplicates, still_failed=todo.still_failed)
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
                                                  timeout, scheduler, max_memory_mb, on_done, on_part)  # fmt: skip
            if todo.unreadable:
                failed = [failed_task(task, version, code, message) for task, code, message in todo.unreadable]
                for done in failed:
                    on_done(done.task, "failed", 0, done.counts, done.entry["why"])
                part = ledger.new_part()
                on_part(part, write_part(failed, store, part))
            if not ledger.parts:  # nothing at all to write: empty tables, so that every table can be read
                part = ledger.new_part()
                on_part(part, write_part([], store, part))
            ledger.save_hashes(todo.hashes | _unchanged(ledger, todo.hashes))
        finally:
            bar.close()
            ledger.sweep_staging()  # what dead workers or a failed write left: never reported as success
    for doc_id in todo.doc_ids:
        entry = ledger.get(doc_id)
        summary.inputs[entry["status"] if entry else "missing"] += 1
    summary.seconds = time.perf_counter() - started
    return summary


def _process(tasks, store, ledger, version, workers, part_size, timeout, scheduler, max_memory_mb, on_done,
             on_part) -> float:  # fmt: skip
    """Run the tasks locally or on a cluster; returns the peak memory of a worker in MB (0 if unknown)."""
    if scheduler:
        from .cluster import run_on_cluster

        run_on_cluster(tasks, store, ledger.new_part, version, scheduler, part_size, on_done, on_part)
        return 0.0
    from .workers import Pool

    n = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    part_size = min(part_size, -(-len(tasks) // n))  # every worker gets its share of a small batch
    pool = Pool(n, store.location, version, timeout, max_memory_mb)
    try:
        pool.run(tasks, part_size, ledger.new_part, on_done, on_part)
    finally:
        pool.close()
    return pool.peak_memory_mb


def _unchanged(ledger: Ledger, seen: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """Cache entries of files not seen this run (another input folder): kept for the next run."""
    return {k: v for k, v in ledger.known_hashes().items() if k not in seen}
