"""Read the Parquet tables of an output folder, grouped by document, for the report and the export.

Columns another version may add or lack (``ocr_confidence`` on figures/dates/references/pages) are read
when present and ``None`` when absent, so the report works on tables written before and after them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..write import TABLES

ROW_TABLES = {"figures": "figure_id", "dates": "date_id", "references": "ref_id", "entities": "entity_id"}
Row = dict[str, Any]


@dataclass
class DocTables:
    """Every row of one document, table by table (plain dicts, NaN turned into None)."""

    doc: Row
    text: str = ""
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def table(self, name: str) -> list[Row]:
        return self.rows.get(name, [])


def clean(value: Any) -> Any:
    """NaN/NaT/pandas NA as None, numpy scalars as Python ones, dates as ISO strings."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
        if isinstance(value, list):
            return [clean(v) for v in value]
        return clean(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if not hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # an int column read as float beside a null elsewhere: the same value either way
    return value


def _records(frame: pd.DataFrame) -> list[Row]:
    cols = list(frame.columns)
    return [{c: clean(v) for c, v in zip(cols, row, strict=True)} for row in frame.itertuples(index=False, name=None)]


def read_table(out: Path, name: str) -> pd.DataFrame:
    folder = Path(out) / name
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return pd.DataFrame(columns=["doc_id"])
    return pd.read_parquet(folder)


def load(out: Path, doc_ids: set[str] | None = None) -> list[DocTables]:
    """All documents of ``out`` (or those in ``doc_ids``), in source path order."""
    out = Path(out)
    documents = read_table(out, "documents")
    if documents.empty:
        raise FileNotFoundError(f"{out}/documents: no Parquet table here; run `baocao run INPUT -o {out}` first")
    if doc_ids is not None:
        documents = documents[documents["doc_id"].isin(doc_ids)]
    documents = documents.sort_values("source_path", kind="stable")
    docs = {r["doc_id"]: DocTables(r) for r in _records(documents)}
    for name in TABLES:
        if name == "documents":
            continue
        frame = read_table(out, name)
        if frame.empty:
            continue
        frame = frame[frame["doc_id"].isin(docs)]
        for doc_id, group in frame.groupby("doc_id", sort=False):
            if name == "texts":
                docs[doc_id].text = str(group["text"].iloc[0] or "")
                continue
            docs[doc_id].rows[name] = _records(group)
    for d in docs.values():
        for name, id_col in ROW_TABLES.items():
            d.rows.get(name, []).sort(key=lambda r, c=id_col: (r["char_start"] or 0, r[c]))
    return list(docs.values())


def digest(d: DocTables) -> str:
    """A stable fingerprint of everything the report shows of one document."""
    import hashlib

    blob = json.dumps([d.doc, d.text, d.rows], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
