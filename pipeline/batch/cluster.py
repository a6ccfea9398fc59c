"""Cluster: the same tasks on a Dask distributed cluster (``baocao run --scheduler tcp://HOST:8786``).

The client cuts the tasks into chunks of at most one part each; a Dask worker processes a
chunk and writes its part straight to the output location (a shared path or an fsspec URL),
and the client commits the part in the ledger when the chunk comes back. A chunk whose worker
dies is tried again one document at a time, so only the document that kills workers fails.
The per-document timeout of local runs does not apply here (a Dask task cannot be stopped).
"""

from __future__ import annotations

from collections.abc import Callable

from .store import Store
from .tasks import Done, Task, failed_task, run_task, write_part


def process_chunk(tasks: list[Task], location: str, version: str, part: str) -> tuple[str, list[dict], list[tuple]]:
    """On a worker: process the tasks, write them as ``part``; returns the entries and each one's stats."""
    done = [run_task(task, version) for task in tasks]
    entries = write_part(done, Store(location), part)
    return part, entries, [(d.task, d.entry["status"], d.pages, d.counts, d.entry["why"]) for d in done]


def run_on_cluster(
    tasks: list[Task],
    store: Store,
    new_part: Callable[[], str],
    version: str,
    scheduler: str,
    part_size: int,
    on_done: Callable[..., None],
    on_part: Callable[[str, list[dict]], None],
) -> None:
    from distributed import Client, as_completed
    from distributed.scheduler import KilledWorker

    with Client(scheduler) as client:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        size = max(1, min(part_size, -(-len(tasks) // (2 * n))))  # two chunks per worker at least: balance

        def submit(chunk: list[Task]):
            future = client.submit(process_chunk, chunk, store.location, version, new_part(), pure=False)
            chunks[future.key] = chunk
            return future

        chunks: dict[str, list[Task]] = {}
        running = as_completed([submit(tasks[i : i + size]) for i in range(0, len(tasks), size)])
        failed: list[Done] = []
        for future in running:
            chunk = chunks.pop(future.key)
            try:
                part, entries, stats = future.result()
            except KilledWorker:
                if len(chunk) > 1:
                    for task in chunk:
                        running.add(submit([task]))
                else:
                    failed.append(failed_task(chunk[0], version, "worker_crashed", "the document killed Dask workers"))
                    on_done(chunk[0], "failed", 0, failed[-1].counts, "worker_crashed")
                continue
            for stat in stats:
                on_done(*stat)
            on_part(part, entries)
        if failed:
            part = new_part()
            on_part(part, write_part(failed, store, part))
