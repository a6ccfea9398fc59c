"""Workers: local processes that run tasks one at a time, each under a deadline.

``concurrent.futures`` cannot stop one task, so each worker is a plain process with its own
pipe. A worker processes a document, keeps its rows, and when told to, writes the rows it
holds as one part. If a document takes longer than the timeout, or its worker dies (a
crash in a native library), the worker is killed and replaced, the document is recorded as
``failed`` (code ``timeout`` or ``worker_crashed``), and the documents that worker held but
had not written yet are queued again. A document whose worker dies is first tried once more on
a fresh worker (the death may have come from outside: the OOM killer, an operator); only a
second death fails it, naming the signal.

Each worker bounds its own memory (``RLIMIT_AS``, ``--max-memory``): an allocation past it
fails, and the document is ``failed`` with ``memory_limit``; when a native library aborts on
it instead, the worker's peak memory, read as it is reaped, tells the same. A worker that cannot
write its part (a full disk) is fatal for the run: :class:`OutputError` in the main process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from ..ingest.budget import set_time_budget
from ..records import Document
from ..runner import STAGES, process_bytes
from .store import OutputError, Store
from .tasks import Done, Task, failed_task, run_task, write_part

FLUSH_GRACE = 600.0  # seconds a worker may take to write a part
MIN_MEMORY_MB = 2048  # a worker maps ~0.5 GB of address space before any document (libraries, rules)
MEMORY_SHARE = 0.75  # of the machine's RAM, split between the workers
MIN_ROOM_MB = 512  # a worker may always map this much more than it inherits
MAX_IDLE_DEATHS = 20


class WorkerStartError(RuntimeError):
    """Workers die before they can take a document: the environment, not a document, is at fault."""


def default_max_memory_mb(workers: int) -> int:
    """The default ``--max-memory``: a share of the RAM per worker, never below 2 GiB of address space."""
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
    except (ValueError, OSError):
        return MIN_MEMORY_MB
    return max(MIN_MEMORY_MB, int(ram * MEMORY_SHARE / max(1, workers)))


def use_system_allocator() -> None:
    """Arrow's default allocator reserves ~1 GB of address space on first use; malloc reserves none.

    Under an address-space limit that reservation would count as used, so workers (and the
    command line, before it forks them) allocate Arrow memory with the system allocator.
    """
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def _own_memory_mb() -> tuple[float, float]:
    """(address space, resident) of this process in MB, from /proc (0, 0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            status = dict(line.split(":", 1) for line in f)
        return int(status["VmSize"].split()[0]) / 1024, int(status["VmRSS"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return 0.0, 0.0


def _serve(conn: Connection, location: str, version: str, max_memory_mb: int | None = None) -> None:
    """The worker's loop: ("task", Task) -> ("done", ...); ("flush", part) -> ("flushed", part, entries)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process to handle
    faulthandler.disable()  # a native crash is reported by the pool (the signal, the document), not dumped
    use_system_allocator()
    if max_memory_mb:  # children (LibreOffice, Tesseract) inherit it too
        resource.setrlimit(resource.RLIMIT_AS, (max_memory_mb << 20, resource.getrlimit(resource.RLIMIT_AS)[1]))
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
            except MemoryError:  # making its rows passed the limit
                conn.send(("error", "memory_limit", "its rows needed more memory than the worker's limit"))
                continue
            except Exception as err:  # the runner never raises; this is a bug in writing rows
                conn.send(("error", "worker_error", f"{type(err).__name__}: {err}"[:500]))
                continue
            held.append(done)
            conn.send(("done", done.entry["status"], done.pages, done.counts, done.entry["why"]))
        elif message[0] == "flush":
            try:
                entries = write_part(held, store, message[1])
            except OutputError as err:
                conn.send(("write_error", str(err)))
                continue
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
    limit_mb: int = 0  # its address-space limit (0: none)
    room_mb: float = 0.0  # of which free when it started (a forked worker maps what its parent mapped)
    start_rss_mb: float = 0.0

    @property
    def busy(self) -> bool:
        return self.task is not None or self.flushing is not None


class Pool:
    """``n`` worker processes writing parts to ``location``; the caller commits the parts."""

    def __init__(self, n: int, location: str, version: str, timeout: float, max_memory_mb: int | None = None) -> None:
        self.location, self.version, self.timeout = location, version, timeout
        self.max_memory_mb = default_max_memory_mb(n) if max_memory_mb is None else max_memory_mb
        self.crashed: set[str] = set()  # documents whose worker died once: the next death fails them
        self.idle_deaths = 0  # workers found dead before a task, since the last message from any
        self.crashed_writing: Counter[str] = Counter()  # documents held by a worker that died writing
        self.context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        if self.context.get_start_method() == "fork":
            _preload()
        self.workers = [self._start() for _ in range(n)]
        self.peak_memory_mb = 0.0

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        mapped, resident = _own_memory_mb()
        # a worker starts with what this process maps: it keeps at least 512 MB of room above that
        limit = int(max(self.max_memory_mb, mapped + MIN_ROOM_MB)) if self.max_memory_mb else 0
        args = (theirs, self.location, self.version, limit)
        process = self.context.Process(target=_serve, args=args, daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours, limit_mb=limit, room_mb=limit - mapped, start_rss_mb=resident)

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
                if pending or any(w.held for w in self.workers):
                    continue  # a worker found dead as a task was sent to it was replaced: the task waits
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
            self.idle_deaths += 1
            if self.idle_deaths > MAX_IDLE_DEATHS:  # a fresh worker would die the same way: stop, do not loop
                raise WorkerStartError(
                    f"worker processes die before their first document ({self.idle_deaths} times)"
                ) from None
            self._replace(worker, pending)

    def _check(self, worker: _Worker, pending: deque[Task], on_part: Callable[[str, list[dict]], None]) -> None:
        try:
            message = worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            message = None
        if message is not None:
            self.idle_deaths = 0
        if message is None:
            reaped = _reap(worker.process)
            if reaped:
                self._crashed(worker, pending, *reaped)
            elif time.monotonic() > worker.deadline:
                self._lose(worker, pending, "timeout", f"not finished after {self.timeout:g} s; the worker was stopped")
            return
        if message[0] == "done":
            worker.held.append(worker.task)
            self.on_done(worker.task, *message[1:])
            worker.task = None
        elif message[0] == "error":
            self._fail(worker.task, message[1], message[2])
            worker.task = None
        elif message[0] == "write_error":
            raise OutputError(message[1])
        elif message[0] == "flushed":
            _, part, entries, memory = message
            self.peak_memory_mb = max(self.peak_memory_mb, memory)
            worker.held.clear()
            worker.flushing = None
            on_part(part, entries)

    def _crashed(self, worker: _Worker, pending: deque[Task], exitcode: int, peak_mb: float) -> None:
        """A worker died: its document is tried once more, unless it ran out of memory or died twice."""
        how = f"was killed by {_signal_name(-exitcode)}" if exitcode < 0 else f"exited with code {exitcode}"
        task = worker.task
        if task and exitcode < 0 and worker.limit_mb and peak_mb - worker.start_rss_mb >= 0.5 * worker.room_mb:
            # a native library that cannot allocate aborts: its peak says it was near the limit
            self.peak_memory_mb = max(self.peak_memory_mb, peak_mb)
            message = f"the worker {how} at {peak_mb:.0f} MB resident, near its memory limit ({worker.limit_mb} MB)"
            self._lose(worker, pending, "memory_limit", message)
        elif task and task.doc_id not in self.crashed:
            self.crashed.add(task.doc_id)
            pending.appendleft(task)  # the replacement is free first: it takes it
            worker.task = None
            self._replace(worker, pending)
        else:
            if worker.flushing:  # died writing: its documents go again, but not for ever
                for held in list(worker.held):
                    self.crashed_writing[held.doc_id] += 1
                    if self.crashed_writing[held.doc_id] > 1:
                        worker.held.remove(held)
                        self._fail(held, "worker_crashed", f"the worker process {how} twice writing its part")
            self._lose(worker, pending, "worker_crashed", f"the worker process {how} on it, twice")

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
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        pending.extendleft(reversed(worker.held))
        fresh = self._start()
        worker.process, worker.conn, worker.flushing, worker.held = fresh.process, fresh.conn, None, []
        worker.limit_mb, worker.room_mb, worker.start_rss_mb = fresh.limit_mb, fresh.room_mb, fresh.start_rss_mb

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(("stop",))
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()


def _reap(process: mp.process.BaseProcess) -> tuple[int, float] | None:
    """(exit code, peak resident MB) of a worker that has died, reaping it; None while it lives.

    ``os.wait4`` gives the dead child's resource usage, which ``multiprocessing`` drops; the
    exit code is handed back to its ``Popen`` so that ``join`` does not wait for it again.
    """
    popen = getattr(process, "_popen", None)
    if popen is None or popen.returncode is not None:
        return (popen.returncode, 0.0) if popen is not None else None
    try:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    except ChildProcessError:
        return (process.exitcode or -1, 0.0) if not process.is_alive() else None
    if pid == 0:
        return None
    popen.returncode = os.waitstatus_to_exitcode(status)
    return popen.returncode, usage.ru_maxrss / 1024


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name} (signal {number})"
    except ValueError:
        return f"signal {number}"
