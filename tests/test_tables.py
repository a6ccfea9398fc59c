"""The written tables: the contract's exact schema, and provenance that holds for every row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from pipeline.batch.run import run
from pipeline.output.write import SCHEMAS
from tests.conftest import RAW

CONTRACT_TYPES = {
    ("documents", "n_pages"): "int32", ("documents", "ocr"): "bool", ("documents", "issue_date"): "date32[day]",
    ("documents", "recipients"): "list<item: string>", ("documents", "n_chars"): "int64",
    ("documents", "processed_at"): "timestamp[us, tz=UTC]", ("texts", "text"): "large_string",
    ("sections", "level"): "int16", ("sections", "number"): "int16", ("sections", "char_start"): "int64",
    ("sections", "page_start"): "int16", ("figures", "value"): "double", ("figures", "period_start"): "date32[day]",
    ("dates", "start"): "date32[day]", ("dates", "is_range"): "bool", ("references", "ref_year"): "int16",
    ("references", "ref_date"): "date32[day]", ("checks", "figure_ids"): "list<item: string>",
}  # fmt: skip


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    run([RAW], out, workers=1)
    return out


def test_every_table_is_written_with_its_schema(sample_out: Path) -> None:
    for name, schema in SCHEMAS.items():
        table = ds.dataset(sample_out / name).to_table()
        assert table.schema.equals(schema, check_metadata=False), name


@pytest.mark.parametrize(("table", "column"), sorted(CONTRACT_TYPES))
def test_contract_column_types(table: str, column: str) -> None:
    assert str(SCHEMAS[table].field(column).type) == CONTRACT_TYPES[(table, column)]


def test_tables_read_with_pandas_and_duckdb(sample_out: Path) -> None:
    docs = pd.read_parquet(sample_out / "documents")
    assert len(docs) == len([p for p in RAW.iterdir() if p.is_file()])
    n = duckdb.sql(f"select count(*) from read_parquet('{sample_out}/figures/**/*.parquet')").fetchall()[0][0]
    assert n == len(pd.read_parquet(sample_out / "figures"))


def assert_provenance(out: Path) -> int:
    texts = pd.read_parquet(out / "texts").set_index("doc_id")["text"]
    checked = 0
    for table in ("figures", "dates", "references", "entities"):
        for row in pd.read_parquet(out / table).itertuples():
            assert texts[row.doc_id][row.char_start : row.char_end] == row.raw, (table, row.raw)
            checked += 1
    for row in pd.read_parquet(out / "sections").itertuples():
        assert 0 <= row.char_start < row.char_end <= len(texts[row.doc_id])
    return checked


def test_provenance_holds_for_every_row_of_the_samples(sample_out: Path) -> None:
    assert assert_provenance(sample_out) > 0


def test_provenance_holds_for_every_row_of_the_dev_corpus(shared: Path, tmp_path: Path) -> None:
    run([shared / "corpus" / "dev" / "txt"], tmp_path, workers=1)
    assert assert_provenance(tmp_path) > 100


def test_ids_are_unique_and_in_document_order(sample_out: Path) -> None:
    for table, column in (("figures", "figure_id"), ("dates", "date_id"), ("sections", "section_id")):
        df = pd.read_parquet(sample_out / table)
        for _, rows in df.groupby("doc_id"):
            assert rows[column].is_unique
            assert list(rows.sort_values("char_start", kind="stable")[column]) == sorted(rows[column])
