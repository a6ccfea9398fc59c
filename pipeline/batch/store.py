"""Store: the output location, a local folder or an fsspec URL (``s3://…``, ``gs://…``, ``file://…``).

Everything written goes aside first (a name starting with ``.``, which pyarrow, pandas and
duckdb skip) and is then renamed into place, so a reader never sees a half-written file.
On a local disk the rename is atomic; on an object store each object appears whole anyway.

A new part is written to ``_state/staging/<part>/`` (``stage``), never straight into the table
folders: a worker killed while writing leaves nothing a reader of ``OUT/<table>/`` could see.
The ledger moves the part in (``publish``) once its manifest is committed. A write that fails
(a full disk, a read-only folder) removes what it wrote and raises :class:`OutputError`.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

STAGING = ("_state", "staging")
PAUSE = float(os.environ.get("BAOCAO_TEST_SLOW_WRITE") or 0)  # tests: seconds after each file put in place


class OutputError(RuntimeError):
    """The output cannot be written (full disk, read-only, not a folder): fatal for the run."""


class Store:
    def __init__(self, location: str | os.PathLike) -> None:
        location = os.fspath(location)
        if "://" not in location:
            location = os.path.abspath(location)  # workers on a cluster may not share our cwd
        self.location = location
        self.fs, self.root = fsspec.core.url_to_fs(location)
        self.local = isinstance(self.fs, LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def exists(self, *parts: str) -> bool:
        return self.fs.exists(self.path(*parts))

    def listdir(self, *parts: str) -> list[str]:
        """File names directly in a folder (none if it does not exist)."""
        folder = self.path(*parts)
        if not self.fs.isdir(folder):
            return []
        return sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False))

    def remove(self, *parts: str) -> None:
        path = self.path(*parts)
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)

    def read_bytes(self, *parts: str) -> bytes:
        with self.fs.open(self.path(*parts), "rb") as f:
            return f.read()

    def read_table(self, *parts: str) -> pa.Table:
        return pq.read_table(io.BytesIO(self.read_bytes(*parts)))

    def write_bytes(self, data: bytes, *parts: str) -> None:
        self._write_all({parts: data})

    def write_tables(self, tables: dict[tuple[str, ...], pa.Table]) -> None:
        """Write several tables aside, then rename them into place one after the other."""
        self._write_all({parts: _parquet(table) for parts, table in tables.items()})

    # --- parts: staged, then published by the ledger ---
    def stage(self, part: str, tables: dict[str, pa.Table]) -> None:
        """Write a new part's tables to the staging folder (nothing of it is visible in the tables yet)."""
        try:
            self._write_all({(*STAGING, part, f"{name}.parquet"): _parquet(t) for name, t in tables.items()})
        except OutputError:
            with contextlib.suppress(OSError):
                self.remove(*STAGING, part)
            raise

    def staged(self, part: str) -> list[str]:
        """Table names of a part still in the staging folder."""
        return [n.removesuffix(".parquet") for n in self.listdir(*STAGING, part) if n.endswith(".parquet")]

    def publish(self, part: str) -> None:
        """Move a staged part into the table folders (after its manifest is committed)."""
        for name in self.staged(part):
            self.fs.makedirs(self.path(name), exist_ok=True)
            self._rename(self.path(*STAGING, part, f"{name}.parquet"), self.path(name, f"{part}.parquet"))
        self.remove(*STAGING, part)

    # --- writing aside ---
    def _write_all(self, files: dict[tuple[str, ...], bytes]) -> None:
        """Write each file aside, then rename them into place; on error remove what was written aside."""
        moves: list[tuple[str, str]] = []
        try:
            for parts, data in files.items():
                tmp = self._aside(*parts)
                moves.append((tmp, self.path(*parts)))
                with self.fs.open(tmp, "wb") as f:
                    f.write(data)
            for tmp, final in moves:
                self._rename(tmp, final)
                if PAUSE:
                    time.sleep(PAUSE)
        except OSError as err:
            for tmp, _ in moves:
                with contextlib.suppress(OSError):
                    if self.fs.exists(tmp):
                        self.fs.rm(tmp)
            raise OutputError(self._explain(err, sum(len(d) for d in files.values()))) from err

    def _explain(self, err: OSError, size: int) -> str:
        reason = err.strerror or str(err)
        need = f"writing {_mb(size)}"
        if self.local:
            with contextlib.suppress(OSError):
                need += f"; {_mb(shutil.disk_usage(self.root).free)} free"
        return f"cannot write to {self.location}: {reason} ({need})"

    def _aside(self, *parts: str) -> str:
        *folder, name = parts
        self.fs.makedirs(self.path(*folder), exist_ok=True)
        return self.path(*folder, f".{name}.{uuid.uuid4().hex[:8]}.tmp")

    def _rename(self, tmp: str, final: str) -> None:
        if self.local:
            os.replace(tmp, final)  # atomic on one file system
        else:
            self.fs.mv(tmp, final)


def _parquet(table: pa.Table) -> bytes:
    """The Parquet file in memory: its size is known before a byte reaches the disk."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"
