"""Write: the only module that knows about Arrow. Documents in, Parquet parts out.

Each table of ``contract/TABLES.md`` is a directory ``OUT/<table>/`` of Parquet parts; one
batch writes one part per table (``<part>.parquet``), written aside and renamed into
place, so a reader never sees a half-written file. Empty tables are written too, with
their schema, so every table can always be read.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..records import Document, Located
from .columns import SCHEMA_VERSION

S, F, I16, I32, I64, B, D = pa.string(), pa.float64(), pa.int16(), pa.int32(), pa.int64(), pa.bool_(), pa.date32()

PROVENANCE = [("raw", S), ("char_start", I64), ("char_end", I64), ("page", I32),
              ("x0", F), ("top", F), ("x1", F), ("bottom", F)]  # fmt: skip
OCR_CONFIDENCE = ("ocr_confidence", F)  # mean confidence (0-100) of the OCR words of `raw`; null if not OCR'd

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", S),
            ("source_path", S),
            ("source_name", S),
            ("source_sha256", S),
            ("source_format", S),
            ("status", S),
            ("n_pages", I32),
            ("ocr", B),
            ("encoding", S),
            ("encoding_fix", S),
            ("doc_no", S),
            ("doc_symbol", S),
            ("doc_type", S),
            ("issuer", S),
            ("place", S),
            ("issue_date", D),
            ("issue_date_precision", S),
            ("title", S),
            ("urgency", S),
            ("signer_name", S),
            ("signer_title", S),
            ("recipients", pa.list_(S)),
            ("n_chars", I64),
            ("pipeline_version", S),
            ("processed_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    "texts": pa.schema([("doc_id", S), ("text", pa.large_string())]),
    "pages": pa.schema(
        [
            ("doc_id", S),
            ("page", I32),
            ("char_start", I64),
            ("char_end", I64),
            ("ocr", B),
            ("ocr_confidence", F),
            ("width", F),
            ("height", F),
            ("image_width", I32),
            ("image_height", I32),
            ("image_dpi", F),
        ]
    ),
    "sections": pa.schema(
        [
            ("doc_id", S),
            ("section_id", S),
            ("parent_id", S),
            ("level", I16),
            ("marker_kind", S),
            ("marker", S),
            ("number", I16),
            ("heading", S),
            ("path", S),
            ("char_start", I64),
            ("char_end", I64),
            ("page_start", I16),
            ("page_end", I16),
            ("part_id", S),
        ]
    ),
    "parts": pa.schema(
        [
            ("doc_id", S),
            ("part_id", S),
            ("kind", S),
            ("label", S),
            ("doc_type", S),
            ("title", S),
            ("doc_no", S),
            ("doc_symbol", S),
            ("issue_date", D),
            ("char_start", I64),
            ("char_end", I64),
            ("page_start", I16),
            ("page_end", I16),
        ]
    ),
    "figures": pa.schema(
        [
            ("doc_id", S),
            ("figure_id", S),
            ("section_id", S),
            *PROVENANCE,
            ("sentence", S),
            ("value", F),
            ("value_max", F),
            ("denominator", F),
            ("quantity", S),
            ("unit", S),
            ("scale", S),
            ("approx", S),
            ("direction", S),
            ("basis", S),
            ("subject", S),
            ("indicator", S),
            ("period_start", D),
            ("period_end", D),
            OCR_CONFIDENCE,
        ]
    ),
    "dates": pa.schema(
        [
            ("doc_id", S),
            ("date_id", S),
            ("section_id", S),
            *PROVENANCE,
            ("start", D),
            ("end", D),
            ("granularity", S),
            ("is_range", B),
            ("year_inferred", B),
            OCR_CONFIDENCE,
        ]
    ),
    "references": pa.schema(
        [
            ("doc_id", S),
            ("ref_id", S),
            ("section_id", S),
            *PROVENANCE,
            ("ref_type", S),
            ("ref_no", S),
            ("ref_year", I16),
            ("ref_symbol", S),
            ("ref_date", D),
            ("ref_issuer", S),
            OCR_CONFIDENCE,
        ]
    ),
    "entities": pa.schema(
        [
            ("doc_id", S),
            ("entity_id", S),
            ("section_id", S),
            ("kind", S),
            ("text", S),
            *PROVENANCE,
            ("source", S),
        ]
    ),
    "checks": pa.schema(
        [
            ("doc_id", S),
            ("check_id", S),
            ("kind", S),
            ("figure_ids", pa.list_(S)),
            ("expected", F),
            ("observed", F),
            ("status", S),
            ("message", S),
        ]
    ),
    "diagnostics": pa.schema(
        [
            ("doc_id", S),
            ("source_path", S),
            ("stage", S),
            ("severity", S),
            ("code", S),
            ("message", S),
        ]
    ),
}
# Every Parquet file says which schema and which pipeline wrote it (see docs/TABLES.md, README "The tables").
FILE_METADATA = {"baocao.schema_version": SCHEMA_VERSION, "baocao.pipeline_version": __version__}
SCHEMAS = {name: schema.with_metadata(FILE_METADATA) for name, schema in SCHEMAS.items()}
TABLES = tuple(SCHEMAS)
ROW_ID = {"figures": "figure_id", "dates": "date_id", "references": "ref_id", "entities": "entity_id"}


def to_rows(doc: Document, processed_at: dt.datetime | None = None) -> dict[str, list[dict]]:
    """The rows of every table for one document, as plain dicts."""
    doc.number_rows()
    meta = doc.metadata
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append({
        "doc_id": doc.doc_id, "source_path": doc.source_path, "source_name": doc.source_name,
        "source_sha256": doc.source_sha256, "source_format": doc.source_format, "status": doc.status,
        "n_pages": doc.n_pages, "ocr": doc.ocr, "encoding": doc.encoding, "encoding_fix": doc.encoding_fix,
        **{k: getattr(meta, k) for k in ("doc_no", "doc_symbol", "doc_type", "issuer", "place", "issue_date",
                                         "issue_date_precision", "title", "urgency", "signer_name",
                                         "signer_title", "recipients")},
        "n_chars": len(doc.text), "pipeline_version": __version__,
        "processed_at": processed_at or dt.datetime.now(dt.timezone.utc),
    })  # fmt: skip
    if doc.status != "failed":
        rows["texts"].append({"doc_id": doc.doc_id, "text": doc.text})
    for p in doc.pages:
        rows["pages"].append({"doc_id": doc.doc_id, **vars(p)})
    for s in doc.sections:
        rows["sections"].append({"doc_id": doc.doc_id, **vars(s)})
    for part in doc.parts:
        rows["parts"].append({"doc_id": doc.doc_id, **vars(part)})
    for table, items in (("figures", doc.figures), ("dates", doc.dates),
                         ("references", doc.references), ("entities", doc.entities)):  # fmt: skip
        rows[table].extend(_located_row(doc.doc_id, ROW_ID[table], item) for item in items)
    for i, c in enumerate(doc.checks, 1):
        rows["checks"].append({"doc_id": doc.doc_id, "check_id": f"c{i:04d}", **vars(c)})
    for d in doc.diagnostics:
        rows["diagnostics"].append({"doc_id": doc.doc_id, "source_path": doc.source_path, **vars(d)})
    return rows


def _located_row(doc_id: str, id_column: str, item: Located) -> dict:
    row = vars(item).copy()
    row[id_column] = row.pop("row_id")
    row["doc_id"] = doc_id
    return row


def to_tables(docs: Iterable[Document]) -> dict[str, pa.Table]:
    merged: dict[str, list[dict]] = {name: [] for name in TABLES}
    for doc in docs:
        for name, rows in to_rows(doc).items():
            merged[name].extend(rows)
    return {name: rows_to_table(name, rows) for name, rows in merged.items()}


def rows_to_table(name: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def write_part(tables: dict[str, pa.Table], out: Path, part: str | None = None) -> str:
    """Write one part per table under ``out``; returns the part name."""
    part = part or f"part-{uuid.uuid4().hex[:12]}"
    for name in TABLES:
        table = tables.get(name, SCHEMAS[name].empty_table())
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_table(table, folder / f"{part}.parquet")
    return part


def atomic_write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
