"""Meaning stage: what a figure measures (subject) and when (period), sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.records import Document, Figure
from pipeline.stages import dates, figures, meaning, segment


def run_text(text: str) -> list[Figure]:
    doc = Document("t", "t.txt", "t.txt", "0", "txt")
    doc.text = text
    for stage in (segment, dates, figures, meaning):
        stage.run(doc)
    return doc.figures


def only(text: str) -> Figure:
    found = run_text(text)
    assert len(found) == 1, [f.raw for f in found]
    return found[0]


# (sentence, raw, expected subject)
SUBJECTS = [
    (
        "Tổng thu ngân sách nhà nước thực hiện ước đạt 163.201,095 tỷ đồng, đạt 40,21% dự toán.",
        "40,21%",
        "Tổng thu ngân sách nhà nước",
    ),
    (
        "Chỉ số sản xuất công nghiệp (IIP) của Thành phố tăng 1,8% so với cùng kỳ.",
        "1,8%",
        "Chỉ số sản xuất công nghiệp (IIP) của Thành phố",
    ),
    ("Kim ngạch xuất khẩu tháng 6 ước đạt 1,37 tỷ USD.", "1,37 tỷ USD", "Kim ngạch xuất khẩu"),
    (
        "Sân bay đã giám sát 2.704 hành khách tại sân bay quốc tế, trong đó có 3 ca nghi nhiễm.",
        "2.704 hành khách",
        "giám sát hành khách tại sân bay quốc tế",
    ),
    ("Quận 1: 13 vụ, giảm 56,6%; Quận 3: 08 vụ, giảm 30,6%.", "30,6%", "Quận 3"),
    ("2.1 - Chi thường xuyên: 512,300 tỷ đồng.", "512,300 tỷ đồng", "Chi thường xuyên"),
    ("(3) Nông nghiệp: 07 ứng viên (chiếm 20,59%).", "20,59%", "Nông nghiệp"),
    (
        "Số doanh nghiệp hoạt động trở lại tăng 74% - cao hơn số doanh nghiệp giải thể (tăng 33%).",
        "33%",
        "số doanh nghiệp giải thể",
    ),
]


@pytest.mark.parametrize(("text", "raw", "subject"), SUBJECTS)
def test_subject_is_the_indicator(text, raw, subject):
    found = {f.raw: f for f in run_text(text)}
    assert found[raw].subject == subject


def test_sentence_and_period_are_filled():
    text = "Tình hình ổn định. Trong 6 tháng đầu năm 2020, lượng khách đạt 1.303.750 lượt. Hết."
    f = only(text)
    assert f.sentence == "Trong 6 tháng đầu năm 2020, lượng khách đạt 1.303.750 lượt."
    assert (str(f.period_start), str(f.period_end)) == ("2020-01-01", "2020-06-30")
