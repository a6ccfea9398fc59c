"""Word files: .docx read in body order (paragraphs and tables), .doc through LibreOffice.

Fixtures are built here with python-docx; the real files in /work/shared are checked when present.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.errors import IngestError
from pipeline.ingest.legacy import encode
from pipeline.normalize import normalize
from pipeline.records import Document

docx = pytest.importorskip("docx")

SHARED = Path("/work/shared/corpus/real")


def make_doc(fmt: str = "docx") -> Document:
    return Document("id", f"x.{fmt}", f"x.{fmt}", "sha", fmt)


def build(fill) -> bytes:
    document = docx.Document()
    fill(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def read(data: bytes) -> str:
    doc = make_doc()
    ingest(doc, data)
    return doc.source.text


def header_table(document, left: list[str], right: list[str]) -> None:
    """The issuer | motto header of an administrative document, one row, cells of several lines."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def test_header_table_comes_out_left_column_first() -> None:
    def fill(document) -> None:
        header_table(
            document,
            ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG", "Số: 215/BC-UBND"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Đức Trọng, ngày 05 tháng 3 năm 2024",
            ],
        )
        document.add_paragraph("BÁO CÁO")
        document.add_paragraph("")  # empty paragraphs are skipped
        document.add_paragraph("Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2024")

    text = read(build(fill))
    assert text == (
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\nSố: 215/BC-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐức Trọng, ngày 05 tháng 3 năm 2024\n\n"
        "BÁO CÁO\n\nKết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2024"
    )


def test_data_table_rows_are_tab_separated_in_body_order() -> None:
    def fill(document) -> None:
        document.add_paragraph("Kết quả thu ngân sách như sau:")
        table = document.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        rows = [("STT", "Chỉ tiêu", "Kết quả"), ("1", "Tổng thu ngân sách", "1.234,5 tỷ đồng"), ("2", "Tỷ lệ", "93,7%")]
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        document.add_paragraph("Tình hình chung ổn định.")

    assert read(build(fill)) == (
        "Kết quả thu ngân sách như sau:\n\nSTT\tChỉ tiêu\tKết quả\n\n1\tTổng thu ngân sách\t1.234,5 tỷ đồng\n\n"
        "2\tTỷ lệ\t93,7%\n\nTình hình chung ổn định."
    )


def test_vertically_merged_cell_is_read_once() -> None:
    def fill(document) -> None:
        table = document.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        merged = table.cell(0, 0).merge(table.cell(1, 0))
        merged.text = "Nhóm A"
        table.cell(0, 1).text = "120 hộ"
        table.cell(1, 1).text = "80 hộ"
        table.cell(2, 0).text = "Nhóm B"
        table.cell(2, 1).text = "45 hộ"

    assert read(build(fill)) == "Nhóm A\t120 hộ\n\n\t80 hộ\n\nNhóm B\t45 hộ"


def test_tab_laid_header_and_signature_become_columns() -> None:
    def fill(document) -> None:
        for line in (
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH BÌNH PHƯỚC\tĐộc lập - Tự do - Hạnh phúc",
            "Số: 12/CT-UBND\tĐồng Xoài, ngày 02 tháng 6 năm 2015",
            "CHỈ THỊ",
            "Về việc tăng cường công tác phòng cháy, chữa cháy.",
            "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN",
            "- Như trên;\tCHỦ TỊCH",
            "- Lưu: VT.",
            "\t\tTrần Văn Minh",
        ):
            document.add_paragraph(line)

    assert read(build(fill)) == (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC\nSố: 12/CT-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐồng Xoài, ngày 02 tháng 6 năm 2015\n\n"
        "CHỈ THỊ\n\nVề việc tăng cường công tác phòng cháy, chữa cháy.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Minh"
    )


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thực hiện Kế hoạch số 88/KH-UBND")
    text = read(build(lambda d: d.add_paragraph(decomposed)))
    assert text == "Thực hiện Kế hoạch số 88/KH-UBND"
    assert unicodedata.is_normalized("NFC", text)


def test_docx_in_tcvn3_font_is_converted() -> None:
    lines = [
        "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2015",
        "Tổng thu ngân sách nhà nước trên địa bàn đạt 1.250 tỷ đồng, tăng 12% so với cùng kỳ.",
        "Giải quyết việc làm cho 8.000 lượt lao động, đạt 55% kế hoạch năm.",
    ]

    def fill(document) -> None:
        for line in lines:
            document.add_paragraph().add_run(encode(line, "tcvn3")).font.name = ".VnTime"

    doc = make_doc()
    ingest(doc, build(fill))
    assert doc.source.text == "\n\n".join(lines)
    assert doc.source.encoding_fix == "tcvn3"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04 truncated zip", "not_docx"),
        (b"this is plain text, not a Word file", "not_docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "doc_named_docx"),
    ],
)
def test_bad_docx_raises_ingest_error(data: bytes, code: str) -> None:
    with pytest.raises(IngestError) as err:
        ingest(make_doc(), data)
    assert err.value.code == code


def test_zip_that_is_not_a_word_document() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(IngestError) as err:
        ingest(make_doc(), buf.getvalue())
    assert err.value.code == "not_docx"


def test_doc_without_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(IngestError) as err:
        ingest(make_doc("doc"), b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert err.value.code == "libreoffice_missing"
    assert "apt-get install libreoffice-writer" in str(err.value)


# Real files: (path under corpus/real, a line the text must hold, what the header must show)
REAL_DOCX = [
    ("lamdong_vbai/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx", "Số: /KH-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    ("lamdong_vbai/BAO CAO CCHC NAM 2025.docx", "Số: /BC-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    (
        "lamdong_vbai/BC TỔNG KÊT CHIẾN LƯỢC PCMT.docx",
        "Lâm Đồng, ngày tháng 3 năm 2026",
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    ),
    ("lamdong_vbai/Bao cao cham diem PAR Index Lam Dong 2025.docx", "Số: /BC-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    ("vinhlong_nhanluc/02_Du_thao_Nghi_quyet_trinh_thong_qua_HDND_tinh.docx", "Số: /2026/NQ-HĐND", "HỘI ĐỒNG NHÂN DÂN"),
]
REAL_DOC = [
    ("qlvb_quanhuyen_2011/CT9UB.DOC", "Số: 09/2009/CT-UBND", "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"),
    ("qlvb_quanhuyen_2011/QD15UB.DOC", "Số: 15/2010/QĐ-UBND", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
]


def _read_real(rel: str, fmt: str) -> Document:
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"{path} not available (shared corpus absent)")
    doc = Document("id", path.name, path.name, "sha", fmt)
    ingest(doc, path.read_bytes())
    normalize(doc)
    return doc


@pytest.mark.parametrize(("rel", "line", "issuer"), REAL_DOCX)
def test_real_docx_header(rel: str, line: str, issuer: str) -> None:
    doc = _read_real(rel, "docx")
    lines = doc.text.split("\n")
    assert line in lines
    assert lines[0].startswith(issuer)  # the issuer comes first, not interleaved with the motto
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[:6]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed: .doc cannot be read")
@pytest.mark.parametrize(("rel", "line", "issuer"), REAL_DOC)
def test_real_doc_through_libreoffice(rel: str, line: str, issuer: str) -> None:
    doc = _read_real(rel, "doc")
    lines = doc.text.split("\n")
    assert line in lines
    assert lines[0] == issuer
    assert "doc_converted" in [d.code for d in doc.diagnostics]
