"""Batch: find the files, process them in worker processes, write the tables in parts.

One bad file never stops the batch: the runner turns every failure into a ``failed`` or
``partial`` document with diagnostics. Rows are written every ``part_size`` documents as
one Parquet part per table.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import source_format
from .records import Document
from .runner import process_file
from .write import TABLES, to_tables, write_part


@dataclass
class Summary:
    documents: Counter = field(default_factory=Counter)  # by status
    rows: Counter = field(default_factory=Counter)  # by table
    ignored: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        docs = sum(self.documents.values())
        status = ", ".join(f"{n} {s}" for s, n in sorted(self.documents.items()))
        rows = ", ".join(f"{self.rows[t]} {t}" for t in TABLES if t not in ("documents", "texts"))
        ignored = f"; {self.ignored} other files ignored" if self.ignored else ""
        return f"{docs} documents ({status or 'none'}); rows: {rows}; {self.seconds:.1f} s{ignored}"


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


def run(
    inputs: Iterable[Path | str],
    out: Path | str,
    workers: int | None = None,
    part_size: int = 200,
    progress: bool = False,
) -> Summary:
    """Process every document under ``inputs`` into the tables under ``out``."""
    started = time.perf_counter()
    files, ignored = discover(Path(p) for p in inputs)
    summary = Summary(ignored=ignored)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    batch: list[Document] = []
    for done, doc in enumerate(_process_all(files, workers), 1):
        batch.append(doc)
        summary.documents[doc.status] += 1
        if progress:
            print(f"[{done}/{len(files)}] {doc.status:<7} {doc.source_path}", file=sys.stderr, flush=True)
        if len(batch) >= part_size:
            _flush(batch, out, summary)
    _flush(batch, out, summary, always=summary.documents.total() == 0)
    summary.seconds = time.perf_counter() - started
    return summary


def _process_all(files: list[tuple[Path, Path | None]], workers: int | None) -> Iterator[Document]:
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) <= 1:
        for path, root in files:
            yield process_file(path, root)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        paths = [p for p, _ in files]
        roots = [r for _, r in files]
        yield from pool.map(process_file, paths, roots, chunksize=1)


def _flush(batch: list[Document], out: Path, summary: Summary, always: bool = False) -> None:
    if not batch and not always:
        return
    tables = to_tables(batch)
    for name, table in tables.items():
        summary.rows[name] += table.num_rows
    write_part(tables, out)
    batch.clear()
