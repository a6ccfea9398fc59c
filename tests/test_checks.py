"""Checks: the four kinds of arithmetic, each with pass, fail and rounding cases, and what is never checked.

Every sentence here was written for these tests. A case gives the text and the checks expected from it as
(kind, expected rounded to 2 decimals, observed, status); values of money are in đồng (scale applied).
"""

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pass: the parts add up to the total
        (
            "Tổng số 1.250 hồ sơ, trong đó: 800 hồ sơ trực tuyến, 450 hồ sơ trực tiếp.",
            [("parts_sum", 1250.0, 1250.0, "pass")],
        ),
        (
            "Ban tiếp công dân đã tiếp 194 lượt công dân (định kỳ: 114 lượt; thường xuyên: 80 lượt).",
            [("parts_sum", 194.0, 194.0, "pass")],
        ),
        (
            "Tổng vốn huy động 2.500 tỷ đồng, gồm: vốn ngân sách 1.500 tỷ đồng, vốn doanh nghiệp 1.000 tỷ đồng.",
            [("parts_sum", 2.5e12, 2.5e12, "pass")],
        ),
        (
            "Thanh tra tiếp nhận 320 đơn, bao gồm 200 đơn khiếu nại, 90 đơn tố cáo và 30 đơn kiến nghị.",
            [("parts_sum", 320.0, 320.0, "pass")],
        ),
        # a list announced with a colon, one part per line: the colon links the lines
        (
            "Tổng số 1.250 hồ sơ, trong đó:\n- 800 hồ sơ trực tuyến;\n- 450 hồ sơ trực tiếp.\nCác đơn vị báo cáo sau.",
            [("parts_sum", 1250.0, 1250.0, "pass")],
        ),
        # fail: whole counts are exact, one short is a fail
        (
            "Tổng số 1.250 hồ sơ, trong đó: 800 hồ sơ trực tuyến, 449 hồ sơ trực tiếp.",
            [("parts_sum", 1249.0, 1250.0, "fail")],
        ),
        (
            "Ban tiếp công dân đã tiếp 194 lượt công dân (định kỳ: 104 lượt; thường xuyên: 80 lượt).",
            [("parts_sum", 184.0, 194.0, "fail")],
        ),
        (
            "Tổng vốn huy động 2.500 tỷ đồng, gồm: vốn ngân sách 1.600 tỷ đồng, vốn doanh nghiệp 1.000 tỷ đồng.",
            [("parts_sum", 2.6e12, 2.5e12, "fail")],
        ),
        # rounding: parts printed to 3 decimals, the total truncated to 2 (14,516 -> 14,51) or rounded (14,52)
        (
            "Tổng kinh phí 14,51 tỷ đồng, gồm 10,266 tỷ đồng vốn tỉnh và 4,25 tỷ đồng vốn huyện.",
            [("parts_sum", 14.516e9, 14.51e9, "pass")],
        ),
        (
            "Tổng kinh phí 14,52 tỷ đồng, gồm 10,266 tỷ đồng vốn tỉnh và 4,25 tỷ đồng vốn huyện.",
            [("parts_sum", 14.516e9, 14.52e9, "pass")],
        ),
        (
            "Tổng kinh phí 14,55 tỷ đồng, gồm 10,266 tỷ đồng vốn tỉnh và 4,25 tỷ đồng vốn huyện.",
            [("parts_sum", 14.516e9, 14.55e9, "fail")],
        ),
        # one part per bulleted line: the first figure of the total's unit on each line
        (
            "Tổng dự toán là 5.000 tỷ đồng, trong đó:\n+ Chi đầu tư là 3.200 tỷ đồng, đã giải ngân 1.100 tỷ đồng;\n"
            "+ Chi thường xuyên là 1.800 tỷ đồng.\nCác khoản khác chưa phân bổ.",
            [("parts_sum", 5.0e12, 5.0e12, "pass")],
        ),
        # "trong đó" without a colon may name only some parts ("of which"): below the total is no finding,
        # above it is a fail; with a colon it announces them all
        ("Rà soát 734 văn bản, trong đó đề xuất sửa đổi 303 văn bản và bãi bỏ 120 văn bản.", []),
        (
            "Rà soát 734 văn bản, trong đó đề xuất sửa đổi 503 văn bản và bãi bỏ 320 văn bản.",
            [("parts_sum", 823.0, 734.0, "fail")],
        ),
        (
            "Rà soát 734 văn bản, trong đó: sửa đổi 303 văn bản, bãi bỏ 120 văn bản.",
            [("parts_sum", 423.0, 734.0, "fail")],
        ),
        # never checked: one part only, parts of another unit or scale, a breakdown inside the list,
        # a list in the next sentence
        ("Tổng số 1.250 hồ sơ, trong đó 800 hồ sơ trực tuyến.", []),
        ("Tiếp nhận 1.250 hồ sơ, trong đó 800 đơn thư, 450 lượt công dân.", []),
        ("Tổng vốn 2.500 tỷ đồng, gồm 1.500 tỷ đồng vốn tỉnh và 1.000 triệu đồng vốn xã.", []),
        # a bracketed breakdown of one part is its own check; the outer list skips the bracket
        (
            "Tổng số 1.250 hồ sơ, trong đó: 800 hồ sơ trực tuyến (gồm 500 hồ sơ mức 3, 300 hồ sơ mức 4), 450 hồ sơ.",
            [("parts_sum", 1250.0, 1250.0, "pass"), ("parts_sum", 800.0, 800.0, "pass")],
        ),
        # an unbracketed list inside a list: where either ends is unclear, neither is checked
        ("Tổng số 1.250 hồ sơ, trong đó 800 hồ sơ trực tuyến, trong đó 300 hồ sơ mức 4, 50 hồ sơ mức 3.", []),
        ("Tổng số 1.250 hồ sơ được tiếp nhận. Trong đó 800 hồ sơ trực tuyến, 450 hồ sơ trực tiếp.", []),
        ("Tiếp nhận 500 hồ sơ (tăng 50 hồ sơ so với năm 2023, tăng 80 hồ sơ so với năm 2022).", []),
        ("Đã tiếp nhận khoảng 1.250 hồ sơ, trong đó 800 hồ sơ trực tuyến, 450 hồ sơ trực tiếp.", []),
    ],
)
def test_parts_sum(text: str, expected: list) -> None:
    assert checks_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pass: growth and decline measured against the earlier value in brackets
        (
            "Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng).",
            [("change_percent", 20.0, 20.0, "pass")],
        ),
        (
            "Chi đầu tư phát triển đạt 800 tỷ đồng, giảm 20% so với cùng kỳ năm trước (1.000 tỷ đồng).",
            [("change_percent", 20.0, 20.0, "pass")],
        ),
        (
            "Số doanh nghiệp thành lập mới là 460 doanh nghiệp, tăng 15% so với năm 2023 (400 doanh nghiệp).",
            [("change_percent", 15.0, 15.0, "pass")],
        ),
        # a rate whose change is printed in percentage points
        (
            "Tỷ lệ hộ nghèo còn 1,85%, giảm 0,4 điểm phần trăm so với năm 2023 (2,25%).",
            [("change_percent", 0.4, 0.4, "pass")],
        ),
        (
            "Tỷ lệ che phủ rừng đạt 42,3%, tăng 1,2 điểm % so với cùng kỳ (41,1%).",
            [("change_percent", 1.2, 1.2, "pass")],
        ),
        (
            "Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ năm trước (đạt 1.000 tỷ đồng).",
            [("change_percent", 20.0, 20.0, "pass")],
        ),
        (
            "Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% (cùng kỳ năm 2023: 1.000 tỷ đồng).",
            [("change_percent", 20.0, 20.0, "pass")],
        ),
        # other percentages of the same value may stand between it and its change
        (
            "Thu ngân sách ước đạt 8.400 tỷ đồng, bằng 52% dự toán, tăng 12% so với cùng kỳ (7.500 tỷ đồng).",
            [("change_percent", 12.0, 12.0, "pass")],
        ),
        # fail: wrong change, or a decline printed as growth
        (
            "Chi đầu tư phát triển đạt 800 tỷ đồng, giảm 25% so với cùng kỳ (1.000 tỷ đồng).",
            [("change_percent", 20.0, 25.0, "fail")],
        ),
        (
            "Thu ngân sách đạt 900 tỷ đồng, tăng 10% so với cùng kỳ (1.000 tỷ đồng).",
            [("change_percent", -10.0, 10.0, "fail")],
        ),
        (
            "Tỷ lệ hộ nghèo còn 1,85%, giảm 0,6 điểm phần trăm so với năm 2023 (2,25%).",
            [("change_percent", 0.4, 0.6, "fail")],
        ),
        # rounding: 12.450,8 / 11.216,9 - 1 = 11,0004...% printed 11%; 1.238 / 1.100 - 1 = 12,5454...%
        # printed rounded (12,55%) or truncated (12,54%); 12,56% is neither
        (
            "Giá trị sản xuất công nghiệp đạt 12.450,8 tỷ đồng, tăng 11% so với cùng kỳ (11.216,9 tỷ đồng).",
            [("change_percent", 11.0, 11.0, "pass")],
        ),
        (
            "Khách du lịch đạt 1.238 lượt khách, tăng 12,55% so với cùng kỳ (1.100 lượt khách).",
            [("change_percent", 12.55, 12.55, "pass")],
        ),
        (
            "Khách du lịch đạt 1.238 lượt khách, tăng 12,54% so với cùng kỳ (1.100 lượt khách).",
            [("change_percent", 12.55, 12.54, "pass")],
        ),
        (
            "Khách du lịch đạt 1.238 lượt khách, tăng 12,56% so với cùng kỳ (1.100 lượt khách).",
            [("change_percent", 12.55, 12.56, "fail")],
        ),
        # never checked: a target, an earlier value of another unit or scale, no earlier value printed,
        # an earlier value in the next sentence, a loose change
        ("Phấn đấu thu ngân sách đạt 1.200 tỷ đồng, tăng tối thiểu 10% so với cùng kỳ (1.000 tỷ đồng).", []),
        ("Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 triệu USD).", []),
        ("Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 triệu đồng).", []),
        ("Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ.", []),
        ("Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ. Năm trước thu 1.000 tỷ đồng.", []),
        ("Thu ngân sách đạt 1.200 tỷ đồng, tăng khoảng 20% so với cùng kỳ (1.000 tỷ đồng).", []),
        # the bracket holds the earlier period's growth, not the earlier value
        ("Tỷ lệ đô thị hóa đạt 45,2%, tăng 2% so với cùng kỳ (cùng kỳ tăng 3,1%).", []),
        ("Tỷ lệ đô thị hóa đạt 45,2%, tăng 2% (cùng kỳ: tăng 3,1%).", []),
    ],
)
def test_change_percent(text: str, expected: list) -> None:
    assert checks_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pass: the share of the estimate, plan or target, with the plan's value in brackets
        (
            "Thu ngân sách đạt 350 tỷ đồng, bằng 70% dự toán năm (500 tỷ đồng).",
            [("plan_share", 70.0, 70.0, "pass")],
        ),
        (
            "Giải ngân vốn đầu tư công được 1.530 tỷ đồng, đạt 51% kế hoạch (3.000 tỷ đồng).",
            [("plan_share", 51.0, 51.0, "pass")],
        ),
        (
            "Trồng mới 2.700 ha rừng, đạt 90% chỉ tiêu năm (3.000 ha).",
            [("plan_share", 90.0, 90.0, "pass")],
        ),
        (
            "Thu ngân sách đạt 350 tỷ đồng, tăng 5,2% so với cùng kỳ, bằng 70% dự toán năm (500 tỷ đồng).",
            [("plan_share", 70.0, 70.0, "pass")],
        ),
        # fail
        (
            "Thu ngân sách đạt 350 tỷ đồng, bằng 75% dự toán năm (500 tỷ đồng).",
            [("plan_share", 70.0, 75.0, "fail")],
        ),
        (
            "Trồng mới 2.700 ha rừng, đạt 95% chỉ tiêu năm (3.000 ha).",
            [("plan_share", 90.0, 95.0, "fail")],
        ),
        # rounding: operands rounded to 2 decimals make 145,16 / 179,21 = 81,0000% agree with 80,998%
        (
            "Thu nội địa đạt 145,16 tỷ đồng, bằng 80,998% kế hoạch (179,21 tỷ đồng).",
            [("plan_share", 81.0, 80.998, "pass")],
        ),
        (
            "Thu nội địa đạt 145,16 tỷ đồng, bằng 80,98% kế hoạch (179,21 tỷ đồng).",
            [("plan_share", 81.0, 80.98, "fail")],
        ),
        # 2 / 3 = 66,666...%: printed rounded (66,67%) or truncated (66,66%)
        ("Hoàn thành 2 công trình, đạt 66,67% kế hoạch (3 công trình).", [("plan_share", 66.67, 66.67, "pass")]),
        ("Hoàn thành 2 công trình, đạt 66,66% kế hoạch (3 công trình).", [("plan_share", 66.67, 66.66, "pass")]),
        ("Hoàn thành 2 công trình, đạt 66,5% kế hoạch (3 công trình).", [("plan_share", 66.67, 66.5, "fail")]),
        # never checked: a threshold, another unit or scale, no plan value, a plan in the next sentence
        ("Thu ngân sách phải đạt tối thiểu 70% dự toán năm (500 tỷ đồng).", []),
        ("Thu ngân sách đạt 350 tỷ đồng, bằng 70% dự toán năm (500 triệu đồng).", []),
        ("Thu ngân sách đạt 350 tỷ đồng, bằng 70% dự toán năm.", []),
        ("Thu ngân sách đạt 350 tỷ đồng, bằng 70% dự toán năm. Dự toán là 500 tỷ đồng.", []),
    ],
)
def test_plan_share(text: str, expected: list) -> None:
    assert checks_of(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Có 45/60 hồ sơ đúng hạn, đạt tỷ lệ 80%.", ["75,00%", "80%", "KHÔNG khớp", "chấp nhận 79,50–81,00 %"]),
        (
            "Tổng kinh phí 14,51 tỷ đồng, gồm 10,266 tỷ đồng vốn tỉnh và 4,25 tỷ đồng vốn huyện.",
            ["10,266 tỷ đồng + 4,25 tỷ đồng", "khớp", "làm tròn hoặc cắt đến 0,01 tỷ đồng"],
        ),
        ("Tổng số 1.250 hồ sơ, trong đó: 800 hồ sơ, 449 hồ sơ.", ["KHÔNG khớp, lệch 1 hồ sơ", "không có dung sai"]),
    ],
)
def test_message_states_the_computation_and_the_tolerance(text: str, words: list[str]) -> None:
    doc = make_doc(text)
    figures.run(doc)
    checks.run(doc)
    assert len(doc.checks) == 1
    for word in words:
        assert word in doc.checks[0].message


def test_check_ties_its_figures_by_id() -> None:
    doc = make_doc("Thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng).")
    figures.run(doc)
    checks.run(doc)
    ids = {f.row_id: f.raw for f in doc.figures}
    assert [ids[i] for i in doc.checks[0].figure_ids] == ["1.200 tỷ đồng", "20%", "1.000 tỷ đồng"]


def test_kinds_are_exactly_the_four() -> None:
    assert checks.KINDS == ("ratio_percent", "parts_sum", "change_percent", "plan_share")
    assert set(checks.KINDS) <= set(rules.load("checks.yaml", checks.SCHEMA))


def test_rules_file_loads() -> None:
    assert rules.load("checks.yaml", checks.SCHEMA)["ratio_percent"]["cues"]


@pytest.mark.parametrize(
    "unit",
    [
        "Tổng 5 hồ sơ (",  # brackets that never close
        "Tổng 5 hồ sơ, gồm 3 hồ sơ, 2 hồ sơ; ",  # lists that never end a sentence
        "Tổng 5 hồ sơ, trong đó:\n- 2 hồ sơ;\n",  # bulleted lists without end
    ],
)
def test_hostile_lines_of_figures_are_checked_in_linear_time(unit: str) -> None:
    import time

    from pipeline.records import Document, Figure

    text = unit * 2000
    doc = Document("x", "x.txt", "x.txt", "", "txt", text=text)
    for m in __import__("regex").finditer(r"\d hồ sơ", text):
        doc.figures.append(Figure(m.start(), m.end(), m.group(), value=float(m.group()[0]), quantity="count",
                                  unit="hồ sơ"))  # fmt: skip
    started = time.perf_counter()
    checks.run(doc)
    assert time.perf_counter() - started < 2.0  # ~0.3 s here; quadratic code took minutes
