"""A covering letter and the document it forwards in one PDF, each with its two-column header and
signature block (drawn with pdfium's page-object API; our own text, nothing from the corpus)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from pipeline.ingest import new_document
from pipeline.runner import process_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import pdfgen

LEFT, RIGHT = 70.0, 330.0


def _header(b: pdfgen.Builder, issuer: str, number: str, date_line: str) -> float:
    b.text("ỦY BAN NHÂN DÂN", LEFT + 20, 60, 12)
    b.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", RIGHT - 20, 60, 12)
    b.text(issuer, LEFT + 10, 76, 12)
    b.text("Độc lập - Tự do - Hạnh phúc", RIGHT + 20, 76, 12)
    b.text(number, LEFT + 15, 100, 12)
    b.text(date_line, RIGHT, 100, 12)
    return 140.0


def _signature(b: pdfgen.Builder, y: float, title: str, name: str) -> None:
    # "Nơi nhận" on the left and the signer on the right, their lines interleaved by height
    rows = [("Nơi nhận:", "TL. CHỦ TỊCH"), ("- Như trên;", title), ("- Lưu: VT.", ""), ("", name)]
    for k, (left, right) in enumerate(rows):
        if left:
            b.text(left, LEFT, y + 16 * k, 11)
        if right:
            b.text(right, RIGHT + 30, y + 16 * k + 2, 12)


def _pdf() -> bytes | None:
    font = pdfgen._font_path()
    if font is None:
        return None
    b = pdfgen.Builder(font)
    b.new_page()
    y = _header(b, "HUYỆN SÔNG XANH", "Số: 88/UBND-VP", "Sông Xanh, ngày 03 tháng 3 năm 2025")
    for line in ["Kính gửi: Các phòng, ban chuyên môn thuộc UBND huyện.",
                 "Ủy ban nhân dân huyện gửi kèm Thông báo số 41/TB-UBND để thực hiện./."]:  # fmt: skip
        b.text(line, LEFT, y, 12)
        y += 20
    _signature(b, y + 20, "CHÁNH VĂN PHÒNG", "Đỗ Thị Mai")
    b.new_page()
    y = _header(b, "HUYỆN SÔNG XANH", "Số: 41/TB-UBND", "Sông Xanh, ngày 28 tháng 02 năm 2025")
    for line in ["THÔNG BÁO", "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với các xã",
                 "I. TÌNH HÌNH CHUNG", "1. Các xã hoàn thành 12 công trình.", "2. Còn 3 công trình chậm tiến độ.",
                 "II. NHIỆM VỤ THỜI GIAN TỚI"]:  # fmt: skip
        b.text(line, LEFT if line[0] in "I12" else 200, y, 12)
        y += 20
    _signature(b, y + 20, "PHÓ CHÁNH VĂN PHÒNG", "Lý Văn Bình")
    return b.save()


def test_each_document_of_the_pdf_keeps_its_header_and_signature() -> None:
    data = _pdf()
    if data is None:
        pytest.skip("no DejaVu font to draw the PDF")
    doc = process_bytes(new_document(Path("letter.pdf"), None, data), data)
    meta = doc.metadata
    assert (meta.doc_no, meta.doc_symbol, meta.issue_date) == ("88", "UBND-VP", dt.date(2025, 3, 3))
    assert (meta.signer_title, meta.signer_name) == ("Chánh Văn phòng", "Đỗ Thị Mai")
    assert meta.recipients == ["Như trên", "Lưu: VT"]
    [part] = doc.parts
    assert (part.doc_type, part.doc_no, part.doc_symbol, part.issue_date) == (
        "Thông báo", "41", "TB-UBND", dt.date(2025, 2, 28),
    )  # fmt: skip
    assert (part.page_start, part.page_end) == (2, 2)
    assert part.title == "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với các xã"
    assert [(s.path, s.part_id) for s in doc.sections] == [
        ("I", "p01"), ("I > 1", "p01"), ("I > 2", "p01"), ("II", "p01"),
    ]  # fmt: skip
