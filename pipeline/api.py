"""Reading the tables from Python: ``load`` an output folder, ``connect`` DuckDB to it, ``extract`` one document.

    >>> import pipeline
    >>> tables = pipeline.load("data/processed")         # doctest: +SKIP
    >>> tables["figures"].query("quantity == 'money'")    # doctest: +SKIP

Every table comes as a pandas DataFrame with the types of ``docs/TABLES.md``: dates as
``datetime64[s]``, integers that may be missing as nullable ``Int16``/``Int32``/``Int64``, flags as
nullable ``boolean``, text as ``string``, and enumerations (status, quantity, unit, kind, ...) as
``category``. Only committed parts are read (those with a manifest in ``OUT/_state/parts/``), and a
document that a newer part replaced is read from the newer part only: a consistent snapshot even while
a run is writing, as of the moment ``load`` was called.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa

from .output.write import SCHEMAS, TABLES, to_tables

# columns with few distinct values: categories (less memory, ordered group-bys, clean plots)
CATEGORIES = {
    "documents": ("source_format", "status", "doc_type", "issue_date_precision", "urgency", "encoding", "encoding_fix"),
    "sections": ("marker_kind",),
    "parts": ("kind", "doc_type"),
    "figures": ("quantity", "unit", "scale", "approx", "direction", "basis"),
    "dates": ("granularity",),
    "references": ("ref_type",),
    "entities": ("kind", "source"),
    "checks": ("kind", "status"),
    "diagnostics": ("stage", "severity", "code"),
}
_NULLABLE = {
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
}


class Tables(Mapping):
    """Table name → DataFrame, read on first access (``tables["figures"]``) and kept.

    ``list(tables)`` names the tables; ``tables.snapshot`` maps each committed part to the
    documents it holds, as read when the folder was opened.
    """

    def __init__(self, out: Path, snapshot: dict[str, set[str]] | None) -> None:
        self.out = out
        self.snapshot = snapshot  # None: a folder without a ledger, every part file is read
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; the tables are: {', '.join(TABLES)}")
        if name not in self._frames:
            self._frames[name] = to_pandas(name, self._read(name))
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __repr__(self) -> str:
        return f"<baocao tables in {self.out}: {', '.join(TABLES)}>"

    def files(self, name: str) -> list[Path]:
        """The Parquet files of a table in the snapshot."""
        folder = self.out / name
        if self.snapshot is None:
            return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith("."))
        return [folder / f"{part}.parquet" for part in self.snapshot if (folder / f"{part}.parquet").exists()]

    def _read(self, name: str) -> pa.Table:
        import pyarrow.parquet as pq

        pieces = []
        for path in self.files(name):
            try:
                table = pq.read_table(path)
            except FileNotFoundError:  # a run replaced the part since load(): the snapshot is gone
                raise FileNotFoundError(f"{path} was replaced by a run after load(); call load() again") from None
            keep = self.snapshot[path.stem] if self.snapshot is not None else None
            if keep is not None and table.num_rows:
                import pyarrow.compute as pc

                table = table.filter(pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(keep), pa.string())))
            pieces.append(table)
        if not pieces:
            return SCHEMAS[name].empty_table()
        return pa.concat_tables(pieces, promote_options="default")


def load(out: str | os.PathLike) -> Tables:
    """The tables of an output folder of ``baocao run``: a mapping table name → pandas DataFrame.

    Reads only committed parts (a consistent snapshot); tables are read on first access. A folder
    without ``_state/`` (tables copied elsewhere) is read whole. Raises ``FileNotFoundError`` when
    ``out`` is not an output folder.
    """
    out = Path(out)
    if not (out / "documents").is_dir():
        raise FileNotFoundError(f"{out} is not an output folder of baocao run (no {out / 'documents'})")
    return Tables(out, _snapshot(out))


def connect(out: str | os.PathLike, database: str = ":memory:"):
    """A DuckDB connection with one view per table over the committed parts of ``out``.

    con = pipeline.connect("data/processed")
    con.sql("select unit, count(*) from figures group by unit").df()
    """
    import duckdb

    tables = load(out)
    con = duckdb.connect(database)
    for name in TABLES:
        files = [str(p) for p in tables.files(name)]
        if not files:  # an empty view with the table's columns
            con.register(f"_{name}_empty", SCHEMAS[name].empty_table())
            con.execute(f'create view "{name}" as select * from "_{name}_empty"')
            continue
        source = f"read_parquet({files!r}, union_by_name = true, filename = true)"
        stale = _stale_rows(tables, files)
        where = f" where not ({stale})" if stale else ""
        con.execute(f'create view "{name}" as select * exclude (filename) from {source}{where}')
    return con


def extract(source: str | bytes | os.PathLike) -> dict[str, pd.DataFrame]:
    """The tables for one document, in memory: a file path, or the text itself (``str`` or ``bytes``).

    A ``str`` on one line is a path when it names an existing file or ends with the extension of a
    format read (``.pdf``, ``.docx``, ...: a missing file then raises ``FileNotFoundError``); otherwise
    it is the text of a document (read as a ``.txt`` file would be).

        tables = pipeline.extract("Tổng thu ngân sách đạt 1.250 tỷ đồng, tăng 5,2% so với cùng kỳ.")
        tables["figures"][["raw", "value", "unit", "direction", "basis"]]
    """
    from .ingest import new_document, source_format
    from .runner import process_bytes, process_file

    one_line = isinstance(source, str) and "\n" not in source and len(source) < 4096
    named = one_line and bool(source_format(Path(source))) and not any(c.isspace() for c in Path(source).suffix)
    if isinstance(source, os.PathLike) or named or (one_line and _is_file(source)):
        if not Path(source).is_file():
            raise FileNotFoundError(f"no such file: {source}")
        doc = process_file(Path(source))
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
        doc = process_bytes(new_document(Path("text.txt"), None, data), data)
    return {name: to_pandas(name, table) for name, table in to_tables([doc]).items()}


def to_pandas(name: str, table: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``name`` as a DataFrame with the types described in this module."""
    dates = [f.name for f in table.schema if pa.types.is_date(f.type)]
    for column in dates:  # date32 → timestamp[s] → datetime64[s] (pandas would make objects of datetime.date)
        i = table.schema.get_field_index(column)
        table = table.set_column(i, column, table.column(column).cast(pa.timestamp("s")))
    frame = table.to_pandas(types_mapper=_NULLABLE.get)
    for column in CATEGORIES.get(name, ()):
        if column in frame:
            frame[column] = frame[column].astype("category")
    return frame


def _snapshot(out: Path) -> dict[str, set[str]] | None:
    """Committed part → the documents it holds now (a document claimed by two parts: the newer one)."""
    from .batch import snapshot

    if not (out / snapshot.STATE / "parts").is_dir():
        return None
    return {p.part: set(p.doc_ids) for p in snapshot.committed_consistently(str(out))}


def _stale_rows(tables: Tables, files: list[str]) -> str:
    """A DuckDB condition matching rows of documents that another (newer) part holds now."""
    conditions = []
    for file in files:
        part = Path(file).stem
        held = tables.snapshot[part] if tables.snapshot is not None else None
        if held is None:
            continue
        import pyarrow.parquet as pq

        in_file = set(pq.read_table(file, columns=["doc_id"]).column("doc_id").to_pylist())
        stale = sorted(in_file - held)
        if stale:
            quoted = ", ".join("'" + d.replace("'", "''") + "'" for d in stale)
            conditions.append(f"(filename = '{file.replace(chr(39), chr(39) * 2)}' and doc_id in ({quoted}))")
    return " or ".join(conditions)


def _is_file(text: str) -> bool:
    try:
        return len(text) < 4096 and os.path.isfile(text)
    except (OSError, ValueError):
        return False
