"""Store: the output location, a local folder or an fsspec URL (``s3://…``, ``gs://…``, ``file://…``).

Everything written goes aside first (a name starting with ``.``, which pyarrow, pandas and
duckdb skip) and is then renamed into place, so a reader never sees a half-written file.
On a local disk the rename is atomic; on an object store each object appears whole anyway.
"""

from __future__ import annotations

import io
import os
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem


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
            self.fs.rm(path)

    def read_bytes(self, *parts: str) -> bytes:
        with self.fs.open(self.path(*parts), "rb") as f:
            return f.read()

    def read_table(self, *parts: str) -> pa.Table:
        return pq.read_table(io.BytesIO(self.read_bytes(*parts)))

    def write_bytes(self, data: bytes, *parts: str) -> None:
        tmp = self._aside(*parts)
        with self.fs.open(tmp, "wb") as f:
            f.write(data)
        self._rename(tmp, self.path(*parts))

    def write_tables(self, tables: dict[tuple[str, ...], pa.Table]) -> None:
        """Write several tables aside, then rename them into place one after the other."""
        moves = []
        for parts, table in tables.items():
            tmp = self._aside(*parts)
            with self.fs.open(tmp, "wb") as f:
                pq.write_table(table, f, compression="zstd")
            moves.append((tmp, self.path(*parts)))
        for tmp, final in moves:
            self._rename(tmp, final)

    def _aside(self, *parts: str) -> str:
        *folder, name = parts
        self.fs.makedirs(self.path(*folder), exist_ok=True)
        return self.path(*folder, f".{name}.{uuid.uuid4().hex[:8]}.tmp")

    def _rename(self, tmp: str, final: str) -> None:
        if self.local:
            os.replace(tmp, final)  # atomic on one file system
        else:
            self.fs.mv(tmp, final)
