"""Meaning of numbers in table rows (tab-separated cells, as Word and ruled PDF tables come out): the row
label and the column headers above the number; the period a header or a year label states.

Every table is written for these tests (own provinces' made-up scores, own counts).
"""

from __future__ import annotations

import pytest

from tests.meaning.test_meaning import run_text, span

TITLE = "BÁO CÁO\nKết quả các chỉ số của tỉnh năm 2025\n"

SCORES = TITLE + (
    "I. KẾT QUẢ CÁC CHỈ SỐ NĂM 2024\n"
    "Tỉnh\tChỉ số PAR Index\t\tChỉ số PCI\n"
    "\tĐiểm số\tThứ hạng\tĐiểm số\tThứ hạng\n"
    "Tỉnh Alpha\t81,5/100\t40/63\t66,12/100\t21/63\n"
    "Tỉnh Beta\t79,25/100\t52/63\t61,40/100\t47/63\n"
)
STATISTICS = TITLE + (
    "II. SỐ LIỆU THỐNG KÊ\n"
    "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\n"
    "1.\tThống kê thủ tục hành chính\n"
    "1.1.\tSố thủ tục hành chính công bố mới\tThủ tục\t215\n"
    "1.2.\tSố hồ sơ tiếp nhận trực tuyến (kể cả hồ sơ nộp qua bưu chính)\tHồ sơ\t18.406\n"
)
BY_YEAR = TITLE + ("III. KẾT QUẢ ĐÀO TẠO\nNăm\tBác sĩ đa khoa\tDược sĩ\tTổng\n2021\t14\t3\t17\n2022\t\t5\t5\n")
BY_HALF = TITLE + (
    "IV. THU NGÂN SÁCH\nNội dung\t6 tháng đầu năm 2025\tCả năm 2025\nThu nội địa\t1.250 tỷ đồng\t2.730 tỷ đồng\n"
)
CAPTIONED = TITLE + (
    "VII. TUYỂN SINH\nBảng 3: Số học sinh cử đi đào tạo ngành sư phạm\nNăm\tMầm non\tTiểu học\n2021\t12\t9\n"
)
SPANNING_LABEL = TITLE + (
    "V. KẾT QUẢ THEO ĐỊA BÀN\nĐịa bàn\tChỉ tiêu\tSố lượng\nXã Gamma\tHộ nghèo\t42\n\tHộ cận nghèo\t57\n"
)

LONG_LABEL = TITLE + (
    "VI. KẾT QUẢ HỖ TRỢ\n"
    "STT\tTên thủ tục hành chính\tSố hồ sơ đã hỗ trợ/Tổng số hồ sơ\n"
    "1\tĐăng ký biến động quyền sử dụng đất đối với trường hợp thay đổi thông tin người sử dụng đất; chuyển "
    "quyền sử dụng đất theo thỏa thuận của các thành viên hộ gia đình; xử lý tài sản thế chấp\t412/530\n"
)

# (document, raw, which one of equal raws, subject, period)
CASES = [
    (SCORES, "40/63", 0, "Tỉnh Alpha - Chỉ số PAR Index - Thứ hạng", ("2024-01-01", "2024-12-31")),
    (SCORES, "66,12/100", 0, "Tỉnh Alpha - Chỉ số PCI - Điểm số", ("2024-01-01", "2024-12-31")),
    (SCORES, "47/63", 0, "Tỉnh Beta - Chỉ số PCI - Thứ hạng", ("2024-01-01", "2024-12-31")),
    # a generic column ("Số liệu") adds nothing; the row's numbered group and its aside are no part of it
    (STATISTICS, "215", 0, "Số thủ tục hành chính công bố mới", ("2025-01-01", "2025-12-31")),
    (STATISTICS, "18.406", 0, "Số hồ sơ tiếp nhận trực tuyến", ("2025-01-01", "2025-12-31")),
    # a year labels the row: it is the period, the column says what is counted
    (BY_YEAR, "14", 0, "Bác sĩ đa khoa", ("2021-01-01", "2021-12-31")),
    (BY_YEAR, "17", 0, "Tổng", ("2021-01-01", "2021-12-31")),
    (BY_YEAR, "5", 1, "Tổng", ("2022-01-01", "2022-12-31")),
    # ... and the table's caption above says what the table counts
    (CAPTIONED, "9", 0, "Số học sinh cử đi đào tạo ngành sư phạm - Tiểu học", ("2021-01-01", "2021-12-31")),
    # a column header stating a period gives it
    (BY_HALF, "1.250 tỷ đồng", 0, "Thu nội địa", ("2025-01-01", "2025-06-30")),
    (BY_HALF, "2.730 tỷ đồng", 0, "Thu nội địa", ("2025-01-01", "2025-12-31")),
    # a long label (a procedure's full legal name) up to its first ';', at most 16 words
    (
        LONG_LABEL,
        "412/530",
        0,
        "Đăng ký biến động quyền sử dụng đất đối với trường hợp thay đổi thông tin - Số hồ sơ đã hỗ trợ/Tổng số hồ sơ",
        None,
    ),
    # a label spanning two rows is written once: the second row's number belongs to it too
    (SPANNING_LABEL, "57", 0, "Xã Gamma - Hộ cận nghèo", None),
]


@pytest.mark.parametrize(("doc", "raw", "nth", "subject", "period"), CASES)
def test_a_table_cell_measures_its_row_label_and_column_headers(doc, raw, nth, subject, period) -> None:
    figs = [f for f in run_text(doc) if f.raw == raw]
    assert len(figs) > nth, [f.raw for f in run_text(doc)]
    f = figs[nth]
    assert f.subject == subject
    if period is not None:
        assert span(f) == period


def test_a_number_inside_a_prose_cell_keeps_the_clause_subject() -> None:
    doc = TITLE + "Nội dung\tKết quả\nGiải ngân vốn đầu tư công\tTỷ lệ giải ngân vốn đầu tư công đạt 72,5% kế hoạch\n"
    (f,) = [f for f in run_text(doc) if f.raw == "72,5%"]
    assert f.subject == "Tỷ lệ giải ngân vốn đầu tư công"


def test_an_appendix_takes_the_period_its_own_title_states_not_the_last_heading_of_the_report() -> None:
    import pipeline

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH ALPHA\nSố: 15/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAlpha, ngày 20 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nCông tác cải cách hành chính năm 2025 và nhiệm vụ năm 2026\n\n"
        "I. KẾT QUẢ NĂM 2025\nĐã ban hành 12 kế hoạch cải cách hành chính.\n\n"
        "II. NHIỆM VỤ NĂM 2026\nTiếp tục rà soát thủ tục hành chính.\n\n"
        "Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n\n"
        "PHỤ LỤC\nSỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH NĂM 2025\n\n"
        "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n"
        "1\tSố thủ tục hành chính được đơn giản hóa\tThủ tục\t37\n"
    )
    figures = pipeline.extract(text)["figures"]
    row = figures[figures.raw == "37"].iloc[0]
    assert row.subject == "Số thủ tục hành chính được đơn giản hóa"
    assert (str(row.period_start)[:10], str(row.period_end)[:10]) == ("2025-01-01", "2025-12-31")
