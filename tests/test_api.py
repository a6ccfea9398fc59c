"""The Python API: typed tables from an output folder (committed parts only), DuckDB views, one document in memory."""

from __future__ import annotations

import json
import pydoc
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.output.write import TABLES

REPORT = """UỶ BAN NHÂN DÂN HUYỆN BÌNH MINH
Số: 45/BC-UBND
Bình Minh, ngày 20 tháng 6 năm 2025

BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2025

I. KINH TẾ
Tổng thu ngân sách trên địa bàn ước đạt 215,4 tỷ đồng, tăng 8,3% so với cùng kỳ.
Đến ngày 15/6/2025, toàn huyện có 1.204/1.350 hộ sử dụng nước sạch, đạt tỷ lệ 89,2%.
"""
NOTICE = """THÔNG BÁO
Kết quả tuyển sinh năm học 2025-2026

Toàn huyện tuyển mới 2.150 học sinh lớp 1, giảm 3,1% so với năm học trước.
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    (folder / "in").mkdir()
    (folder / "in" / "bao_cao.txt").write_text(REPORT, encoding="utf-8")
    (folder / "in" / "thong_bao.txt").write_text(NOTICE, encoding="utf-8")
    pipeline.run([folder / "in"], folder / "out", workers=1)
    return folder / "out"


def test_load_gives_typed_dataframes(out: Path) -> None:
    tables = pipeline.load(out)
    assert list(tables) == list(TABLES)
    figures, docs = tables["figures"], tables["documents"]
    assert len(docs) == 2 and set(docs.status) == {"ok"}
    assert str(figures.period_start.dtype) == "datetime64[s]"
    assert str(docs.issue_date.dtype) == "datetime64[s]"
    assert docs.set_index("source_name").issue_date["bao_cao.txt"] == pd.Timestamp("2025-06-20")
    assert str(figures.page.dtype) == "Int32" and figures.page.isna().all()  # text sources: no page
    assert str(figures.char_start.dtype) == "Int64"
    assert figures.quantity.dtype == "category" and docs.status.dtype == "category"
    assert str(tables["dates"].is_range.dtype) == "boolean"
    money = figures[figures.unit == "VND"]
    assert money.value.tolist() == [215.4e9]


def test_load_reads_only_committed_parts_and_the_newest_copy_of_a_document(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    part = sorted(p.stem for p in (copy / "_state" / "parts").glob("*.json"))[0]
    manifest = json.loads((copy / "_state" / "parts" / f"{part}.json").read_text(encoding="utf-8"))
    first = manifest["entries"][0]["doc_id"]
    # an interrupted write: a part file without a manifest is not read
    shutil.copy(copy / "documents" / f"{part}.parquet", copy / "documents" / "part-900000-aaaaaa.parquet")
    # an interrupted replacement: a newer part holds the first document again (as partial)
    newer = "part-900001-bbbbbb"
    for name in TABLES:
        table = pq.read_table(copy / name / f"{part}.parquet")
        table = table.filter(pc.equal(table.column("doc_id"), first))
        if name == "documents":
            table = table.set_column(
                table.schema.get_field_index("status"), "status", pa.array(["partial"], pa.string())
            )
        pq.write_table(table, copy / name / f"{newer}.parquet")
    entry = {**manifest["entries"][0], "status": "partial"}
    (copy / "_state" / "parts" / f"{newer}.json").write_text(json.dumps({"part": newer, "entries": [entry]}))

    docs = pipeline.load(copy)["documents"]
    assert sorted(docs.doc_id) == sorted(e["doc_id"] for e in manifest["entries"])  # each once
    assert docs.set_index("doc_id").status[first] == "partial"
    con = pipeline.connect(copy)
    assert con.execute("select count(*) from documents").fetchall()[0][0] == 2
    assert con.execute(f"select status from documents where doc_id = '{first}'").fetchall()[0][0] == "partial"
    n_figures = len(pipeline.load(copy)["figures"])
    assert con.execute("select count(*) from figures").fetchall()[0][0] == n_figures


def test_connect_has_a_view_per_table(out: Path) -> None:
    con = pipeline.connect(out)
    for name in TABLES:
        assert con.execute(f'select * from "{name}" limit 1').description
    money = con.execute("select sum(value) from figures where unit = 'VND'").fetchall()[0][0]
    assert money == pytest.approx(215.4e9)


def test_load_refuses_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not an output folder"):
        pipeline.load(tmp_path)


def test_extract_text_in_memory_keeps_provenance() -> None:
    tables = pipeline.extract(REPORT)
    figures, text = tables["figures"], tables["texts"].text[0]
    assert set(tables) == set(TABLES)
    assert all(text[r.char_start : r.char_end] == r.raw for r in figures.itertuples())
    assert {"215,4 tỷ đồng", "8,3%", "1.204/1.350 hộ", "89,2%"} <= set(figures.raw)
    assert tables["documents"].doc_type[0] == "Báo cáo"
    assert tables["checks"].status.tolist() == ["pass"]


def test_extract_reads_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "thong_bao.txt"
    path.write_text(NOTICE, encoding="utf-8")
    for given in (path, str(path)):
        tables = pipeline.extract(given)
        assert tables["documents"].source_name[0] == "thong_bao.txt"
        assert "2.150 học sinh" in set(tables["figures"].raw)


def test_extract_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"bao_cao\.pdf"):
        pipeline.extract(str(tmp_path / "bao_cao.pdf"))


def test_extract_reads_one_line_of_text_as_text() -> None:
    figures = pipeline.extract("Tỷ lệ hộ nghèo giảm còn 1,2%.")["figures"]
    assert figures.raw.tolist() == ["1,2%"]


def test_help_of_the_package_shows_the_api() -> None:
    text = pydoc.render_doc(pipeline, renderer=pydoc.plaintext)
    for name in ("load(out", "connect(out", "extract(source", "run(inputs", "process_file(path"):
        assert name in text


def test_records_expose_their_table_id_names() -> None:
    from pipeline.ingest import new_document
    from pipeline.runner import process_bytes

    figures = pipeline.extract(NOTICE)["figures"]
    data = NOTICE.encode()
    record = process_bytes(new_document(Path("t.txt"), None, data), data)
    record.number_rows()
    assert [f.figure_id for f in record.figures] == figures.figure_id.tolist()
    assert [d.date_id for d in record.dates] == [f"d{i:04d}" for i in range(1, len(record.dates) + 1)]
