"""baocao: Vietnamese government reports (báo cáo, kế hoạch, thông báo, công văn, ...) into Parquet tables.

Every figure, date, citation, entity and section is a row traced to its place in the source
(char span in the normalized text, page and box for PDFs). The tables and their columns are
described in ``docs/TABLES.md``; the command line is ``baocao run INPUT... -o OUT``.

Reading tables (researchers, notebooks)::

    import pipeline
    tables = pipeline.load("data/processed")      # table name -> pandas DataFrame, typed
    figures = tables["figures"]                   # dates as datetime64, nullable ints, categories
    con = pipeline.connect("data/processed")      # DuckDB, one view per table
    con.sql("select unit, count(*) from figures group by unit").df()

One document in memory, no output folder::

    t = pipeline.extract("Tổng thu ngân sách đạt 1.250 tỷ đồng, tăng 5,2% so với cùng kỳ.")
    t["figures"][["raw", "value", "unit", "direction", "basis"]]

Processing (what ``baocao run`` does)::

    summary = pipeline.run(["archive/"], "out")   # incremental, parallel; returns counts
    doc = pipeline.process_file("report.pdf")     # one Document with its records (pipeline.records)

The stages, in order: ingest → normalize → metadata → segment → references → entities → dates →
figures → checks → locate → write (``pipeline.runner.STAGES``); their rules are YAML in ``rules/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.8.0"
__all__ = ["__version__", "connect", "extract", "load", "process_file", "run"]

# Imported on first use, so that `baocao --help` and worker start-up do not pay for pandas and DuckDB.
_LAZY = {
    "load": "api",
    "connect": "api",
    "extract": "api",
    "run": "batch.run",
    "process_file": "runner",
}

if TYPE_CHECKING:
    from .api import connect, extract, load
    from .batch.run import run
    from .runner import process_file


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
