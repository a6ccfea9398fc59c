"""Workers: local processes that run tasks one at a time, each under a deadline.

``concurrent.futures`` cannot stop one task, so each worker is a plain process with its own
pipe. A worker processes a document, keeps its rows, and when told to, writes the rows it
holds as one part. If a document takes longer than the timeout, or its worker dies (a
crash in a native library), the worker is killed and replaced, the document is recorded as
``failed`` (code ``timeout`` or ``worker_crashed``), and the documents that worker held but
had not written yet are queued again.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from ..ingest.budget import set_time_budget
from ..records import Document
from ..runner import STAGES, process_bytes
from .store import Store
from .tasks import Done, Task, failed_task, run_task, write_part

FLUSH_GRACE = 600.0  # seconds a worker may take to write a part


def _serve(conn: Connection, location: str, version: str) -> None:
    """The worker's loop: ("task", Task) -> ("done", ...); ("flush", part) -> ("flushed", part, entries)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process to handle
    store = Store(location)
    held: list[Done] = []
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "task":
            set_time_budget(message[2] if len(message) > 2 else None)  # a long scan stops OCR in time
            try:
                done = run_task(message[1], version)
            except Exception as err:  # the runner never raises; this is a bug in writing rows
                conn.send(("error", f"{type(err).__name__}: {err}"[:500]))
                continue
            held.append(done)
            conn.send(("done", done.entry["status"], done.pages, done.counts, done.entry["why"]))
        elif message[0] == "flush":
            entries = write_part(held, store, message[1])
            held.clear()
            conn.send(("flushed", message[1], entries, _peak_memory_mb()))
        else:
            return


def _preload() -> None:
    """Warm the stages up once here (imports, rules), so that forked workers start ready."""
    for stage in STAGES:
        with contextlib.suppress(Exception):  # a missing stage fails per document, in the worker
            importlib.import_module(f"pipeline.stages.{stage.module}")
    sample = "BÁO CÁO\nNgày 01 tháng 02 năm 2024, tổng thu đạt 1.250 tỷ đồng, tăng 5,2%.\n".encode()
    with contextlib.suppress(Exception):
        process_bytes(Document("warmup", "warmup.txt", "warmup.txt", "", "txt"), sample)


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the main process dies (even by SIGKILL)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    flushing: str | None = None
    held: list[Task] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return self.task is not None or self.flushing is not None


class Pool:
    """``n`` worker processes writing parts to ``location``; the caller commits the parts."""

    def __init__(self, n: int, location: str, version: str, timeout: float) -> None:
        self.location, self.version, self.timeout = location, version, timeout
        self.context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        if self.context.get_start_method() == "fork":
            _preload()
        self.workers = [self._start() for _ in range(n)]
        self.peak_memory_mb = 0.0

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.location, self.version), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def run(
        self,
        tasks: list[Task],
        part_size: int,
        new_part: Callable[[], str],
        on_done: Callable[[Task, str, int, dict[str, int], str], None],
        on_part: Callable[[str, list[dict]], None],
    ) -> None:
        """Process every task; ``on_done`` per document, ``on_part`` per part in place."""
        pending = deque(tasks)
        self.on_done = on_done
        self.failed: list[Done] = []  # documents that never came back: written by this process
        while True:
            for worker in self.workers:
                if worker.busy:
                    continue
                if worker.held and (len(worker.held) >= part_size or not pending):
                    self._send(worker, ("flush", new_part()), pending)
                elif pending:
                    self._send(worker, ("task", pending.popleft(), self.timeout), pending)
            busy = [w for w in self.workers if w.busy]
            if not busy:
                break
            remaining = min(w.deadline for w in busy) - time.monotonic()
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=max(0.0, min(remaining, 1.0)))
            for worker in busy:
                self._check(worker, pending, on_part)
        if self.failed:
            part = new_part()
            on_part(part, write_part(self.failed, Store(self.location), part))

    def _send(self, worker: _Worker, message: tuple, pending: deque[Task]) -> None:
        if message[0] == "task":
            worker.task, worker.deadline = message[1], time.monotonic() + self.timeout
        else:
            worker.flushing, worker.deadline = message[1], time.monotonic() + self.timeout + FLUSH_GRACE
        try:
            worker.conn.send(message)
        except OSError:  # it died between two tasks: nobody to blame, try again elsewhere
            if worker.task:
                pending.appendleft(worker.task)
                worker.task = None
            self._replace(worker, pending)

    def _check(self, worker: _Worker, pending: deque[Task], on_part: Callable[[str, list[dict]], None]) -> None:
        try:
            message = worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            message = None
        if message is None:
            if not worker.process.is_alive():
                code = worker.process.exitcode
                self._lose(worker, pending, "worker_crashed", f"the worker process died (exit code {code}) on it")
            elif time.monotonic() > worker.deadline:
                self._lose(worker, pending, "timeout", f"not finished after {self.timeout:g} s; the worker was stopped")
            return
        if message[0] == "done":
            worker.held.append(worker.task)
            self.on_done(worker.task, *message[1:])
            worker.task = None
        elif message[0] == "error":
            self._fail(worker.task, "worker_error", message[1])
            worker.task = None
        elif message[0] == "flushed":
            _, part, entries, memory = message
            self.peak_memory_mb = max(self.peak_memory_mb, memory)
            worker.held.clear()
            worker.flushing = None
            on_part(part, entries)

    def _lose(self, worker: _Worker, pending: deque[Task], code: str, message: str) -> None:
        """Kill the worker; its document fails unless it was writing; its held documents go again."""
        if worker.task:
            self._fail(worker.task, code, message)
        worker.task = None
        self._replace(worker, pending)

    def _fail(self, task: Task, code: str, message: str) -> None:
        done = failed_task(task, self.version, code, message)
        self.failed.append(done)
        self.on_done(task, "failed", 0, done.counts, code)

    def _replace(self, worker: _Worker, pending: deque[Task]) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        pending.extendleft(reversed(worker.held))
        fresh = self._start()
        worker.process, worker.conn, worker.flushing, worker.held = fresh.process, fresh.conn, None, []

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(("stop",))
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
