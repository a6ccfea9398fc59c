"""Entities: rule rows from the header, signature, references and running text; the opt-in model path."""

from __future__ import annotations

import itertools
import time

import pytest

from pipeline.stages import entities, metadata, references
from tests.helpers import make_doc


def _run(text: str, monkeypatch: pytest.MonkeyPatch | None = None):
    doc = make_doc(text)
    metadata.run(doc)
    references.run(doc)
    entities.run(doc)
    for e in doc.entities:
        assert doc.text[e.char_start : e.char_end] == e.raw
        assert e.text == " ".join(e.raw.split())
    return doc


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BAOCAO_NER", raising=False)


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        ("Ủy ban nhân dân tỉnh Bình Định đã ban hành kế hoạch.", "ORG", ["Ủy ban nhân dân tỉnh Bình Định"]),
        ("Giao UBND Thành phố chỉ đạo các sở triển khai.", "ORG", ["UBND Thành phố"]),
        ("Hội đồng nhân dân huyện Đức Trọng thông qua nghị quyết.", "ORG", ["Hội đồng nhân dân huyện Đức Trọng"]),
        ("UBND phường 5 phối hợp với Sở Tài chính rà soát.", "ORG", ["UBND phường 5", "Sở Tài chính"]),
        ("Sở Kế hoạch và Đầu tư chủ trì, Bộ Nội vụ hướng dẫn.", "ORG", ["Sở Kế hoạch và Đầu tư", "Bộ Nội vụ"]),
        ("Ban Thường vụ Tỉnh ủy đã cho ý kiến.", "ORG", ["Ban Thường vụ Tỉnh ủy"]),
        ("Báo cáo Thường trực Thành ủy kết quả thực hiện.", "ORG", ["Thường trực Thành ủy"]),
        ("Theo chỉ đạo của Thủ tướng Chính phủ và Quốc hội.", "ORG", ["Thủ tướng Chính phủ", "Quốc hội"]),
        ("Nghị quyết của Bộ Chính trị được quán triệt.", "ORG", ["Bộ Chính trị"]),
        ("trình Ủy ban nhân dân Thành phố Đề án sắp xếp.", "ORG", ["Ủy ban nhân dân Thành phố"]),
        ("Chủ tịch UBND Thành phố Trần Văn Hải dự họp.", "ORG", ["UBND Thành phố"]),
        ("Đoàn công tác đến thăm tỉnh Lâm Đồng và huyện Cát Tiên.", "LOC", ["tỉnh Lâm Đồng", "huyện Cát Tiên"]),
        ("Người dân thành phố Hồ Chí Minh hưởng ứng.", "LOC", ["thành phố Hồ Chí Minh"]),
        ("Tổ chức tại quận 7 và phường Bến Nghé.", "LOC", ["quận 7", "phường Bến Nghé"]),
        ("Hội nghị ở tỉnh Gia Lai Trong năm qua đạt kết quả.", "LOC", ["tỉnh Gia Lai"]),
        ("Thành phố đã hoàn thành 12 chỉ tiêu.", "LOC", []),
        ("đồng chí Phạm Minh Tuấn, Phó Giám đốc Sở chủ trì.", "PER", ["Phạm Minh Tuấn"]),
        ("Ông Lê Văn Nam và bà Nguyễn Thị Hồng Nhung phát biểu.", "PER", ["Lê Văn Nam", "Nguyễn Thị Hồng Nhung"]),
        ("đồng chí Phó Chủ tịch thường trực chủ trì.", "PER", []),
        ("bà con nhân dân tham gia đông đủ.", "PER", []),
    ],
)
def test_running_text(sentence: str, kind: str, expected: list[str]) -> None:
    doc = _run(f"BÁO CÁO\nKết quả công tác\n{sentence}\n")
    assert [e.text for e in doc.entities if e.kind == kind and e.source == "rule"] == expected


HEADER = """UBND TỈNH KHÁNH HÒA
SỞ NỘI VỤ
Số: 120 /BC-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nha Trang, ngày 05 tháng 3 năm 2024
BÁO CÁO
Kết quả công tác tháng 02 năm 2024
Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh, Sở báo cáo như sau.
Nơi nhận:
- Bộ Nội vụ;
- Thường trực HĐND tỉnh;
- Các sở, ban, ngành;
- Lưu: VT.
GIÁM ĐỐC
Võ Thị Mai Anh
"""


def test_structural_rows() -> None:
    doc = _run(HEADER)
    rows = [(e.kind, e.text) for e in doc.entities]
    assert ("ORG", "UBND TỈNH KHÁNH HÒA") in rows and ("ORG", "SỞ NỘI VỤ") in rows  # one row per body
    assert ("LOC", "Nha Trang") in rows
    assert ("PER", "Võ Thị Mai Anh") in rows
    assert ("ORG", "Ủy ban nhân dân tỉnh") in rows  # the reference's issuer
    assert ("ORG", "Bộ Nội vụ") in rows and ("ORG", "Thường trực HĐND tỉnh") in rows  # recipients
    assert not any("Các sở" in t for _, t in rows)
    assert all(e.source == "rule" for e in doc.entities)
    spans = sorted((e.char_start, e.char_end) for e in doc.entities)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # rule rows never overlap


def test_issuer_on_one_line_split_into_bodies() -> None:
    doc = _run("HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG BAN KINH TẾ - NGÂN SÁCH\nSố: 12/BC-HĐND\nBÁO CÁO\nThẩm tra\n")
    assert [e.text for e in doc.entities if e.kind == "ORG"][:2] == [
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG",
        "BAN KINH TẾ - NGÂN SÁCH",
    ]


@pytest.mark.parametrize(
    "line", ["1.2.3.4." * 125_000, "9" * 1_000_000, "Ủy ban nhân dân tỉnh Ba " * 40_000, "A " * 500_000]
)
def test_hostile_lines_are_fast(line: str) -> None:
    doc = make_doc(f"BÁO CÁO\n{line}\n")
    started = time.perf_counter()
    entities.run(doc)
    # linear time takes well under a second idle; a quadratic pass on 1 MB takes minutes, so the bound
    # leaves room for a loaded machine without letting a blow-up through
    assert time.perf_counter() - started < 5


def test_model_path(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        from underthesea import ner

        ner("Hà Nội")
    except Exception as err:  # pragma: no cover - depends on the installed model
        pytest.skip(f"underthesea NER cannot load offline here: {err}")
    monkeypatch.setenv("BAOCAO_NER", "1")
    doc = _run("BÁO CÁO\nĐoàn công tác của Bộ Y tế đã đến Đà Nẵng và Cần Thơ trong tháng 5.\n")
    model = [e for e in doc.entities if e.source == "model"]
    assert model, "the model found nothing"
    assert all(e.kind in ("PER", "ORG", "LOC") and e.raw[:1].isupper() for e in model)
    rule_spans = [(e.char_start, e.char_end) for e in doc.entities if e.source == "rule"]
    assert all(not (a < e.char_end and e.char_start < b) for e in model for a, b in rule_spans)
    assert ("ORG", "Bộ Y tế", "rule") in [(e.kind, e.text, e.source) for e in doc.entities]
