"""The same document as a text file and as a text-layer PDF gives the same sections, citations and parts.

The PDF is drawn line by line (DejaVu, pdfium's page-object API) from the lines the text file holds;
nothing comes from the corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.ingest import new_document
from pipeline.runner import process_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import pdfgen

LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN SÔNG XANH",
    "Số: 88/UBND-VP",
    "V/v gửi Thông báo kết luận",
    "Sông Xanh, ngày 03 tháng 3 năm 2025",
    "Kính gửi: Các phòng, ban chuyên môn.",
    "Thực hiện Chỉ thị 36-",
    "CT/TU của Ban Thường vụ Tỉnh ủy và Kế hoạch số 27/KH-",
    "UBND ngày 02/3/2024, Ủy ban nhân dân huyện gửi kèm Thông báo để thực hiện./.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "TL. CHỦ TỊCH",
    "CHÁNH VĂN PHÒNG",
    "Đỗ Thị Mai",
    "ỦY BAN NHÂN DÂN HUYỆN SÔNG XANH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 41/TB-UBND",
    "THÔNG BÁO",
    "Kết luận của Chủ tịch UBND huyện",
    "I. TÌNH HÌNH CHUNG",
    "1. Kết quả đạt được",
    "(1). Hoàn thành 12 công trình giao thông.",
    "(2). Hoàn thành 3 KCN.",
    "2.Tồn tại, hạn chế",
    "II. NHIỆM VỤ THỜI GIAN TỚI",
    "1. Các xã hoàn thành hồ sơ.",
]


def _pdf() -> bytes | None:
    font = pdfgen._font_path()
    if font is None:
        return None
    b = pdfgen.Builder(font)
    b.new_page()
    for k, line in enumerate(LINES):
        b.text(line, 60, 60 + 22 * k, 11)
    return b.save()


def _run(data: bytes, name: str):
    doc = new_document(Path(name), None, data)
    return process_bytes(doc, data)


def test_text_and_pdf_give_the_same_sections_citations_and_parts() -> None:
    pdf = _pdf()
    if pdf is None:
        pytest.skip("no DejaVu font to draw the PDF")
    txt = _run("\n".join(LINES).encode(), "letter.txt")
    from_pdf = _run(pdf, "letter.pdf")
    for doc in (txt, from_pdf):
        assert [(s.path, s.heading, s.part_id) for s in doc.sections] == [
            ("I", "TÌNH HÌNH CHUNG", "p01"),
            ("I > 1", "Kết quả đạt được", "p01"),
            ("I > 1 > 1", "Hoàn thành 12 công trình giao thông.", "p01"),
            ("I > 1 > 2", "Hoàn thành 3 KCN.", "p01"),
            ("I > 2", "Tồn tại, hạn chế", "p01"),
            ("II", "NHIỆM VỤ THỜI GIAN TỚI", "p01"),
            ("II > 1", "Các xã hoàn thành hồ sơ.", "p01"),
        ], doc.source_format
        assert [(r.ref_type, r.ref_no, r.ref_symbol) for r in doc.references] == [
            ("Chỉ thị", "36", "CT/TU"),
            ("Kế hoạch", "27", "KH-UBND"),
        ], doc.source_format
        assert [(p.doc_type, p.doc_no, p.doc_symbol) for p in doc.parts] == [("Thông báo", "41", "TB-UBND")]
        assert (doc.metadata.doc_no, doc.metadata.signer_name) == ("88", "Đỗ Thị Mai")
