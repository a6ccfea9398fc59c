"""rules/ocr.yaml: it loads against its schema, each repair does what its example says (alone), and the
text-quality score tells typed Vietnamese from mangled OCR layers (sentences written here)."""

from __future__ import annotations

import datetime as dt
from array import array

import numpy as np
import pytest

from pipeline.ingest import ocr_repair, text_quality
from pipeline.ingest.ocr import rules_
from pipeline.ingest.pdf_chars import PdfLine
from pipeline.records import Document, SourceText
from pipeline.stages import metadata

REPAIRS = rules_()["repairs"]


def _line(text: str, conf: float = 90.0) -> PdfLine:
    boxes = np.array([[10.0 * i, 0.0, 10.0 * i + 9, 12.0] for i in range(len(text))])
    return PdfLine(text, boxes, 0.0, 0.0, 10.0 * len(text), 12.0, 12.0, conf=np.full(len(text), conf))


@pytest.mark.parametrize("rule", REPAIRS, ids=[r["name"] for r in REPAIRS])
def test_each_repair_does_what_its_example_says(rule: dict) -> None:
    before, after = rule["example"]
    repairs = ocr_repair.Repairs([ocr_repair._compile(rule)])
    out = repairs.line(_line(before))
    assert out.text == after
    assert len(out.boxes) == len(out.conf) == len(out.text)  # the char map stays aligned
    assert repairs.counts[rule["name"]] >= 1 and rule["name"] in repairs.summary()


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2024 có 1.250 hộ được hỗ trợ, đạt 95,5% kế hoạch",
        "Lớp học lúc 8 giờ; Sổ tay số 3 của tổ",
        "Kinh phí 12.450,8 tỷ đồng, tăng 6,25% so với cùng kỳ",
        "Danh sách gồm Ông Lê Văn Sơn và bà Đỗ Thị Oanh",
    ],
)
def test_repairs_leave_clean_text_alone(text: str) -> None:
    repairs = ocr_repair.load()
    assert repairs.line(_line(text)).text == text
    assert not repairs.counts


def test_a_repair_that_changes_the_length_keeps_the_union_box() -> None:
    out = ocr_repair.load().line(_line("có 293. 132 hộ"))
    assert out.text == "có 293.132 hộ"
    start = out.text.index("293")
    assert out.boxes[start + 3, 0] == 60.0 and out.boxes[start + 3, 2] == 79.0  # ". " merged into one box


@pytest.mark.parametrize(
    ("text", "good"),
    [
        ("Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế xã hội trong quý", True),
        ("Tổng thu ngân sách nhà nước ước đạt nghìn tỷ đồng, tăng so với cùng kỳ năm trước, khuya", True),
        ("CONG HOA xA HQI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc S6 SGDDT V/v bao dam TTATGT cho HS", False),
        ("Uy ban nhan dan tinh bao cao ket qua thuc hien nhiem vu phat trien kinh te xa hoi trong quy", False),
        ("(cid:12)(cid:40)(cid:7) (cid:3)(cid:19) báo cáo (cid:33)(cid:12)", False),
    ],
)
def test_text_quality_separates_typed_vietnamese_from_mangled_layers(text: str, good: bool) -> None:
    limits = dict(rules_()["quality"], min_tokens=5)
    assert text_quality.measure(text).good(limits) is good


def _ocr_doc(text: str, low: list[str], conf_low: float = 40.0) -> Document:
    conf = np.full(len(text), 96.0, dtype=np.float32)
    for word in low:
        at = text.index(word)
        conf[at : at + len(word)] = conf_low
    doc = Document("d", "a.pdf", "a.pdf", "", "pdf", text=text, origin=list(range(len(text))))
    doc.source = SourceText(text, array("i", [1] * len(text)), None, char_conf=conf)
    return doc


HEADER = "UBND TỈNH HÒA BÌNH\nSố: 4123/UBND-VX\nHòa Bình, ngày 21 tháng 02 năm 2020\nV/v tăng cường công tác\n"


def test_handwritten_number_and_day_are_left_null_with_a_warning() -> None:
    doc = _ocr_doc(HEADER, ["4123", "21"])
    metadata.run(doc)
    assert doc.metadata.doc_no is None and doc.metadata.doc_symbol == "UBND-VX"
    assert doc.metadata.issue_date == dt.date(2020, 2, 1) and doc.metadata.issue_date_precision == "month"
    assert [d.code for d in doc.diagnostics] == ["header_low_confidence"] * 2
    assert "'4123'" in doc.diagnostics[0].message


def test_confident_number_and_day_are_kept() -> None:
    doc = _ocr_doc(HEADER, [])
    metadata.run(doc)
    assert doc.metadata.doc_no == "4123" and doc.metadata.issue_date == dt.date(2020, 2, 21)
    assert not doc.diagnostics


def test_ocr_rules_load_with_their_schema() -> None:
    cfg = rules_()
    assert 0 < cfg["quality"]["min_valid"] <= 1 and cfg["engine"]["lang"] == "vie"
    assert all(("replace" in r) != ("map" in r) for r in REPAIRS)  # one way to repair each


@pytest.mark.parametrize("hostile", ["1" * 50_000, "1. " * 20_000, "1,234." * 10_000, "ty " * 20_000, "O1" * 25_000])
def test_repairs_stay_linear_on_hostile_lines(hostile: str) -> None:
    import time

    started = time.perf_counter()
    ocr_repair.load().line(_line(hostile))
    assert time.perf_counter() - started < 5
