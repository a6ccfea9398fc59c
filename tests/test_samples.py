"""The sample documents of data/raw, which the README demo runs: each reads as the person who wrote it meant."""

from __future__ import annotations

from pathlib import Path

from pipeline.runner import process_file

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def test_the_scanned_sample_is_read_by_ocr_with_its_header_and_its_arithmetic() -> None:
    doc = process_file(RAW / "thong_bao_tiep_cong_dan_quy_3_2026_scan.jpg")
    assert doc.status == "ok" and doc.source_format == "image" and doc.ocr
    m = doc.metadata
    assert (m.doc_no, m.doc_symbol, m.doc_type, m.place) == ("14", "TB-UBND", "Thông báo", "Sông Xanh")
    assert str(m.issue_date) == "2026-10-05" and m.signer_name == "Lê Thị Minh Hạnh"
    # the motto wraps in the narrow right column: its second line anchors the two-column split; specks
    # read as letters beside the issuer ("ni", "Đ" at confidence 0-20) are dropped
    assert m.issuer == "ỦY BAN NHÂN DÂN HUYỆN SÔNG XANH"
    values = {f.raw: f.value for f in doc.figures}
    for raw, value in {"194 lượt": 194, "49/56 đơn": 49, "87,5%": 87.5, "120 triệu đồng": 120e6}.items():
        assert values.get(raw) == value, raw
    assert all(f.page == 1 and f.x0 is not None and f.ocr_confidence for f in doc.figures)
    kinds = sorted((c.kind, c.status) for c in doc.checks)
    assert kinds == [("parts_sum", "pass"), ("parts_sum", "pass"), ("ratio_percent", "pass")]
