"""Checks: a ratio against the percentage printed beside it, and only that percentage."""

from __future__ import annotations

import pytest

from pipeline import rules
from pipeline.stages import checks, figures
from tests.helpers import make_doc


def checks_of(text: str) -> list[tuple[str, float, float, str]]:
    doc = make_doc(text)
    figures.run(doc)
    checks.run(doc)
    return [(c.kind, round(c.expected, 2), c.observed, c.status) for c in doc.checks]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Có 322/322 xã đã tổ chức đối thoại, đạt tỷ lệ 100%.", [("ratio_percent", 100.0, 100.0, "pass")]),
        (
            "Đã có 148/178 đơn vị phát động thi đua (đạt 83,15%, tăng 11,24%).",
            [("ratio_percent", 83.15, 83.15, "pass")],
        ),
        ("Giải quyết 754/793 điểm ô nhiễm (tỷ lệ giải quyết đạt 95,1%).", [("ratio_percent", 95.08, 95.1, "pass")]),
        ("Kiểm tra 1.137/1.284 cơ sở đạt yêu cầu, chiếm tỷ lệ 88,6%.", [("ratio_percent", 88.55, 88.6, "pass")]),
        ("Có 13/13 phường (100%) hoàn thành.", [("ratio_percent", 100.0, 100.0, "pass")]),
        # the printed share does not match the ratio: an auditor wants to see this one
        ("Có 45/60 hồ sơ đúng hạn, đạt tỷ lệ 80%.", [("ratio_percent", 75.0, 80.0, "fail")]),
        # a threshold is not a summary
        ("Có 11/15 đơn vị đạt trên 80% số điểm.", []),
        ("Có 38/124 xã, chỉ tiêu tối thiểu 20%.", []),
        ("Có 2/14 cơ quan đạt yêu cầu về tỷ lệ khảo sát tối thiểu (10%).", []),
        # another sentence or line: the percentage belongs to it
        ("Chỉ số của xã là 74/100 điểm.\nKết quả: Chỉ số trung bình đạt 73,66%.", []),
        ("Có 2/13 đơn vị xếp loại Tốt. Các xã (100% đơn vị) xếp loại Khá.", []),
        # another figure between them: the percentage is not the ratio's
        ("Có 5/8 dự án với 120 tỷ đồng, đạt 62,5%.", []),
        # a percentage of something else, far from a cue
        ("Có 5/8 dự án hoàn thành; tăng trưởng kinh tế 6,2%.", []),
    ],
)
def test_ratio_percent(text: str, expected: list) -> None:
    assert checks_of(text) == expected


def test_rules_file_loads() -> None:
    assert rules.load("checks.yaml", checks.SCHEMA)["ratio_percent"]["cues"]
