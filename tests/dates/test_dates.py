"""Dates: calendar dates and periods, one row per expression, ranges as one row."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from pipeline import rules
from pipeline.records import DateMention, Document
from pipeline.stages import dates
from tests.helpers import make_doc

D = dt.date


def extract(text: str, issue: dt.date | None = None) -> list[DateMention]:
    doc = Document("t", "t.txt", "t.txt", "0" * 64, "txt", text=text)
    doc.metadata.issue_date = issue
    dates.run(doc)
    for row in doc.dates:
        assert doc.text[row.char_start : row.char_end] == row.raw
    return doc.dates


def rows(text: str, issue: dt.date | None = None) -> list[tuple]:
    return [(r.raw, r.start, r.end, r.granularity, r.is_range, r.year_inferred) for r in extract(text, issue)]


# (sentence, expected rows: raw, start, end, granularity, is_range, year_inferred)
FULL_DATES = [
    (
        "Ủy ban đã ban hành văn bản ngày 11 tháng 8 năm 2020 về việc này.",
        [("ngày 11 tháng 8 năm 2020", D(2020, 8, 11), D(2020, 8, 11), "day", False, False)],
    ),
    (
        "Ngày 24/6/2021, Hội nghị giao ban được tổ chức tại trụ sở.",
        [("Ngày 24/6/2021", D(2021, 6, 24), D(2021, 6, 24), "day", False, False)],
    ),
    (
        "Hội nghị sơ kết diễn ra ngày 9/9/2020 tại Hội trường.",
        [("ngày 9/9/2020", D(2020, 9, 9), D(2020, 9, 9), "day", False, False)],
    ),
    ("Thời hạn nộp báo cáo là 24-6-2021.", [("24-6-2021", D(2021, 6, 24), D(2021, 6, 24), "day", False, False)]),
    ("Thời hạn nộp báo cáo là 05.3.2022.", [("05.3.2022", D(2022, 3, 5), D(2022, 3, 5), "day", False, False)]),
    (
        "Các đơn vị gửi kết quả về Văn phòng trước 15 tháng 12 năm 2023.",
        [("15 tháng 12 năm 2023", D(2023, 12, 15), D(2023, 12, 15), "day", False, False)],
    ),
    (
        "Báo cáo quý III và phương hướng, nhiệm vụ quý IV năm 2025.",
        [
            ("quý III", D(2025, 7, 1), D(2025, 9, 30), "quarter", False, True),
            ("quý IV năm 2025", D(2025, 10, 1), D(2025, 12, 31), "quarter", False, False),
        ],
    ),
    (
        "Nghị quyết số 02/2009/NQ-HĐND ngày 13 tháng 02 n ăm 2009 (chữ bị tách khi trích từ PDF).",
        [("ngày 13 tháng 02 n ăm 2009", D(2009, 2, 13), D(2009, 2, 13), "day", False, False)],
    ),
    (
        "Kế hoạch số 795/KH-UBND ngày 06 tháng 3 năm 2020 của Ủy ban nhân dân Thành phố.",
        [("ngày 06 tháng 3 năm 2020", D(2020, 3, 6), D(2020, 3, 6), "day", False, False)],
    ),
    (
        "Nghị quyết số 50/NQ-CP ngày 20/5/2021 của Chính phủ.",
        [("ngày 20/5/2021", D(2021, 5, 20), D(2021, 5, 20), "day", False, False)],
    ),
    (
        "Hà Nội, ngày 24 tháng 6 năm 2021",
        [("ngày 24 tháng 6 năm 2021", D(2021, 6, 24), D(2021, 6, 24), "day", False, False)],
    ),
    (
        "Năm 2024 là năm nhuận, ngày 29/02/2024 là ngày cuối tháng.",
        [
            ("Năm 2024", D(2024, 1, 1), D(2024, 12, 31), "year", False, False),
            ("ngày 29/02/2024", D(2024, 2, 29), D(2024, 2, 29), "day", False, False),
        ],
    ),
]

# PDF text layers glue a word to the number next to it
GLUED = [
    (
        "(Kèm theo Kế hoạch số 15/KH-UBND ngày 07tháng 3 năm 2024 của Ủy ban nhân dân tỉnh)",
        [("ngày 07tháng 3 năm 2024", D(2024, 3, 7), D(2024, 3, 7), "day", False, False)],
    ),
    (
        "Cần Thơ, ngày 21 tháng5 năm 2023",
        [("ngày 21 tháng5 năm 2023", D(2023, 5, 21), D(2023, 5, 21), "day", False, False)],
    ),
    (
        "Số liệu tính đến tháng 10năm 2022.",
        [("tháng 10năm 2022", D(2022, 10, 1), D(2022, 10, 31), "month", False, False)],
    ),
]

MONTHS = [
    # the news print "tháng 10.2019"; the old spelling "quí"
    ("Tính đến giữa tháng 10.2019.", [("tháng 10.2019", D(2019, 10, 1), D(2019, 10, 31), "month", False, False)]),
    ("Trong quí II/2005 tăng 7,9%.", [("quí II/2005", D(2005, 4, 1), D(2005, 6, 30), "quarter", False, False)]),
    (
        "Dự kiến hoàn thành trong tháng 12 năm 2020.",
        [("tháng 12 năm 2020", D(2020, 12, 1), D(2020, 12, 31), "month", False, False)],
    ),
    (
        "Kỳ họp sẽ khai mạc vào đầu tháng 8/2021.",
        [("tháng 8/2021", D(2021, 8, 1), D(2021, 8, 31), "month", False, False)],
    ),
    ("Số liệu tính đến tháng 12/2020.", [("tháng 12/2020", D(2020, 12, 1), D(2020, 12, 31), "month", False, False)]),
    (
        "Chỉ số sản xuất tháng 2 năm 2024 tăng nhẹ.",
        [("tháng 2 năm 2024", D(2024, 2, 1), D(2024, 2, 29), "month", False, False)],
    ),
    (
        "Dự án được phê duyệt vào tháng 6 và khởi công vào tháng 10 năm 2020.",
        [
            ("tháng 6", D(2020, 6, 1), D(2020, 6, 30), "month", False, True),
            ("tháng 10 năm 2020", D(2020, 10, 1), D(2020, 10, 31), "month", False, False),
        ],
    ),
    (
        "Báo cáo kết quả tháng 12 và cả năm 2025 của ngành.",
        [
            ("tháng 12", D(2025, 12, 1), D(2025, 12, 31), "month", False, True),
            ("năm 2025", D(2025, 1, 1), D(2025, 12, 31), "year", False, False),
        ],
    ),
]

RANGES = [
    (
        "Đợt thi đua thứ hai từ ngày 01 tháng 5 năm 2020 đến ngày 30 tháng 7 năm 2020 đã kết thúc.",
        [
            (
                "từ ngày 01 tháng 5 năm 2020 đến ngày 30 tháng 7 năm 2020",
                D(2020, 5, 1),
                D(2020, 7, 30),
                "day",
                True,
                False,
            )
        ],
    ),
    (
        "Kỳ thi tốt nghiệp trung học phổ thông diễn ra 6-8/7/2021.",
        [("6-8/7/2021", D(2021, 7, 6), D(2021, 7, 8), "day", True, False)],
    ),
    (
        "Kỳ thi tốt nghiệp diễn ra ngày 6-8/7/2021 an toàn.",
        [("ngày 6-8/7/2021", D(2021, 7, 6), D(2021, 7, 8), "day", True, False)],
    ),
    (
        "Từ đầu tháng 5 đến ngày 23 tháng 7 năm 2020, lực lượng chức năng đã kiểm tra 120 công trình.",
        [("Từ đầu tháng 5 đến ngày 23 tháng 7 năm 2020", D(2020, 5, 1), D(2020, 7, 23), "day", True, False)],
    ),
    (
        "Thời gian tổ chức từ ngày 01 đến ngày 15 tháng 12 năm 2023.",
        [("từ ngày 01 đến ngày 15 tháng 12 năm 2023", D(2023, 12, 1), D(2023, 12, 15), "day", True, False)],
    ),
    (
        "Truy cập từ ngày 01/01/2025 đến ngày 31/12/2025 đạt hơn một triệu lượt.",
        [("từ ngày 01/01/2025 đến ngày 31/12/2025", D(2025, 1, 1), D(2025, 12, 31), "day", True, False)],
    ),
    (
        "Chiến dịch kéo dài từ tháng 3 đến tháng 5 năm 2022.",
        [("từ tháng 3 đến tháng 5 năm 2022", D(2022, 3, 1), D(2022, 5, 31), "month", True, False)],
    ),
    (
        "Đợt kiểm tra từ 01/5 - 30/7/2020 đã hoàn thành.",
        [("từ 01/5 - 30/7/2020", D(2020, 5, 1), D(2020, 7, 30), "day", True, False)],
    ),
    (
        "Học sinh nghỉ Tết từ 30 tháng 12 đến 05 tháng 01 năm 2024.",
        [("từ 30 tháng 12 đến 05 tháng 01 năm 2024", D(2023, 12, 30), D(2024, 1, 5), "day", True, False)],
    ),
    (
        "Thời gian tiếp nhận hồ sơ từ ngày 01/11/2023 đến nay.",
        [("ngày 01/11/2023", D(2023, 11, 1), D(2023, 11, 1), "day", False, False)],
    ),
    (
        "Kết quả thực hiện từ năm 2022 đến năm 2025 như sau:",
        [("từ năm 2022 đến năm 2025", D(2022, 1, 1), D(2025, 12, 31), "year", True, False)],
    ),
]

LISTS = [
    (
        "Mưa lớn kéo dài ngày 30,31 tháng 7; ngày 01/8/2020 gây ngập nhiều tuyến đường.",
        [
            ("ngày 30", D(2020, 7, 30), D(2020, 7, 30), "day", False, True),
            ("31 tháng 7", D(2020, 7, 31), D(2020, 7, 31), "day", False, True),
            ("ngày 01/8/2020", D(2020, 8, 1), D(2020, 8, 1), "day", False, False),
        ],
    ),
    (
        "Đoàn kiểm tra làm việc ngày 03 và 04 tháng 11 năm 2022.",
        [
            ("ngày 03", D(2022, 11, 3), D(2022, 11, 3), "day", False, False),
            ("04 tháng 11 năm 2022", D(2022, 11, 4), D(2022, 11, 4), "day", False, False),
        ],
    ),
    (
        "Kỳ thi diễn ra trong các ngày 6, 7/7/2021.",
        [
            ("ngày 6", D(2021, 7, 6), D(2021, 7, 6), "day", False, False),
            ("7/7/2021", D(2021, 7, 7), D(2021, 7, 7), "day", False, False),
        ],
    ),
    (
        "Chỉ số giá thấp hơn các năm 2019 và 2020.",
        [
            ("năm 2019", D(2019, 1, 1), D(2019, 12, 31), "year", False, False),
            ("2020", D(2020, 1, 1), D(2020, 12, 31), "year", False, False),
        ],
    ),
]

PERIODS = [
    (
        "Kết quả 6 tháng đầu năm 2021 khả quan.",
        [("6 tháng đầu năm 2021", D(2021, 1, 1), D(2021, 6, 30), "half_year", False, False)],
    ),
    # the count of months in words
    (
        "Sáu tháng đầu năm 2022, kim ngạch tăng khá.",
        [("Sáu tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), "half_year", False, False)],
    ),
    (
        "Như vậy 10 tháng của năm 2023, doanh thu tăng.",
        [("10 tháng của năm 2023", D(2023, 1, 1), D(2023, 10, 31), "month", True, False)],
    ),
    (
        "Kết quả chín tháng năm 2022 khả quan.",
        [("chín tháng năm 2022", D(2022, 1, 1), D(2022, 9, 30), "month", True, False)],
    ),
    (
        "Nhiệm vụ trọng tâm 6 tháng cuối năm 2021.",
        [("6 tháng cuối năm 2021", D(2021, 7, 1), D(2021, 12, 31), "half_year", False, False)],
    ),
    (
        "Tổng thu 7 tháng đầu năm 2020 đạt khá.",
        [("7 tháng đầu năm 2020", D(2020, 1, 1), D(2020, 7, 31), "month", True, False)],
    ),
    (
        "Tính đến hết tháng 9 năm 2023, tình hình kinh tế 9 tháng chuyển biến tích cực.",
        [
            ("tháng 9 năm 2023", D(2023, 9, 1), D(2023, 9, 30), "month", False, False),
            ("9 tháng", D(2023, 1, 1), D(2023, 9, 30), "month", True, True),
        ],
    ),
    (
        "Kết quả công tác quý II năm 2021.",
        [("quý II năm 2021", D(2021, 4, 1), D(2021, 6, 30), "quarter", False, False)],
    ),
    ("Báo cáo tình hình quý IV/2022.", [("quý IV/2022", D(2022, 10, 1), D(2022, 12, 31), "quarter", False, False)]),
    ("Tăng trưởng quý 1 thấp hơn dự kiến.", [("quý 1", D(2020, 1, 1), D(2020, 3, 31), "quarter", False, True)]),
    ("Quý 1/2025 kinh tế tăng khá.", [("Quý 1/2025", D(2025, 1, 1), D(2025, 3, 31), "quarter", False, False)]),
    (
        "Kinh tế nửa đầu năm 2022 phục hồi.",
        [("nửa đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), "half_year", False, False)],
    ),
    (
        "Cần rà soát các chỉ tiêu trong 6 tháng qua để thực hiện tốt 6 tháng còn lại.",
        [
            ("6 tháng qua", D(2020, 1, 1), D(2020, 6, 30), "half_year", False, True),
            ("6 tháng còn lại", D(2020, 7, 1), D(2020, 12, 31), "half_year", False, True),
        ],
    ),
    (
        "Chỉ số giá tiêu dùng bình quân 6 tháng tăng 1,5%.",
        [("6 tháng", D(2020, 1, 1), D(2020, 6, 30), "half_year", False, True)],
    ),
    (
        "Dự toán ngân sách 12 tháng đầu năm 2025 được giải ngân hết.",
        [("12 tháng đầu năm 2025", D(2025, 1, 1), D(2025, 12, 31), "year", False, False)],
    ),
]

YEARS = [
    ("Tổng thu ngân sách năm 2020 đạt kế hoạch.", [("năm 2020", D(2020, 1, 1), D(2020, 12, 31), "year", False, False)]),
    (
        "Đại hội Đảng bộ nhiệm kỳ 2020 - 2025 thành công tốt đẹp.",
        [("nhiệm kỳ 2020 - 2025", D(2020, 1, 1), D(2025, 12, 31), "year", True, False)],
    ),
    (
        "Bầu cử đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026.",
        [("nhiệm kỳ 2021-2026", D(2021, 1, 1), D(2026, 12, 31), "year", True, False)],
    ),
    (
        "Tuyển sinh vào lớp 10 năm học 2021-2022 an toàn.",
        [("năm học 2021-2022", D(2021, 1, 1), D(2022, 12, 31), "year", True, False)],
    ),
    (
        "Quy hoạch giai đoạn 2021 – 2030, tầm nhìn đến năm 2045.",
        [
            ("giai đoạn 2021 – 2030", D(2021, 1, 1), D(2030, 12, 31), "year", True, False),
            ("tầm nhìn đến năm 2045", D(2045, 1, 1), D(2045, 12, 31), "year", False, False),
        ],
    ),
    (
        "Giai đoạn từ 2019 đến hết năm 2023, tổng kinh phí đã chi là 12 tỷ đồng.",
        [("Giai đoạn từ 2019 đến hết năm 2023", D(2019, 1, 1), D(2023, 12, 31), "year", True, False)],
    ),
]

# Numbers that look like dates but are not.
NOT_DATES = [
    "Báo cáo số 154/BC-UBND của Ủy ban nhân dân Thành phố.",
    "Thực hiện Nghị quyết số 54/2017/QH14 của Quốc hội.",
    "Thành ủy đã ban hành 8/10 Chương trình công tác toàn khóa.",
    "Có 148/178 đơn vị hoàn thành chỉ tiêu.",
    "Đã giải quyết 2.638/2.653 ý kiến phản ánh.",
    "Tỷ lệ tăng 12,5% so với cùng kỳ.",
    "Mức hỗ trợ là 31/2 lần mức lương cơ sở.",
    "Kiểm tra định kỳ mỗi tháng 2 lần tại các phường.",
    "Giá trị đạt 2.020,5 tỷ đồng.",
    "Tổng số 20.210 hồ sơ, trong đó 1.2021 hồ sơ chưa xử lý.",
    "Học viên được cấp học bổng trong vòng 6 tháng kể từ khi nhập học.",
    "Đối tượng là trẻ em dưới 6 tháng tuổi.",
    "Lô 3-5 khu công nghiệp Tân Bình.",
    "Kỷ niệm Cách mạng Tháng 8 thành công.",
    "Căn cứ Thông tư số 12/2021/TT-BTC ngày ... của Bộ Tài chính.",
]


@pytest.mark.parametrize(("text", "expected"), FULL_DATES + GLUED + MONTHS + RANGES + LISTS + PERIODS + YEARS)
def test_dates_in_sentence(text: str, expected: list[tuple]) -> None:
    assert rows(text, issue=D(2020, 8, 11)) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert rows(text, issue=D(2021, 6, 24)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a d/m without a year is a date only after "ngày"
        ("Thi đua hoàn thành trước ngày 30/4 hằng năm.", [("ngày 30/4", D(2021, 4, 30), D(2021, 4, 30))]),
        ("Tỷ lệ 30/4 đơn vị.", []),
        # an impossible day is not a date
        ("Hồ sơ nộp ngày 31/4/2021.", []),
        ("Hồ sơ nộp ngày 29/2/2021 bị trả lại.", []),
        # the month of "tháng 6" without a year takes the year of the document
        (
            "Kim ngạch xuất khẩu tháng 6 tăng 19,1% so với tháng 5 và giảm 2,5% so với cùng kỳ năm 2020.",
            [
                ("tháng 6", D(2021, 6, 1), D(2021, 6, 30)),
                ("tháng 5", D(2021, 5, 1), D(2021, 5, 31)),
                ("năm 2020", D(2020, 1, 1), D(2020, 12, 31)),
            ],
        ),
    ],
)
def test_context_decides(text: str, expected: list[tuple]) -> None:
    assert [(r.raw, r.start, r.end) for r in extract(text, issue=D(2021, 6, 24))] == expected


def test_year_without_metadata_comes_from_header_line() -> None:
    text = "Số: 12/BC-UBND\nĐà Nẵng, ngày 05 tháng 7 năm 2022\nBÁO CÁO\nKết quả công tác quý II.\n"
    found = extract(text)
    assert [(r.raw, r.start, r.year_inferred) for r in found] == [
        ("ngày 05 tháng 7 năm 2022", D(2022, 7, 5), False),
        ("quý II", D(2022, 4, 1), True),
    ]


def test_year_falls_back_to_most_printed_year() -> None:
    text = "Ngày 03/3/2019 khai mạc; ngày 10/3/2019 bế mạc. Quý I hoàn thành kế hoạch."
    assert extract(text)[-1].start == D(2019, 1, 1)


def test_a_year_compared_against_is_not_the_most_printed_year() -> None:
    text = "Quý I tăng 4% so với cùng kỳ năm 2020; quý II tăng 5% so với cùng kỳ năm 2020. Năm 2021 ổn định."
    assert extract(text)[0].start == D(2021, 1, 1)


def test_a_report_compared_only_with_the_same_period_of_a_year_is_on_the_year_after() -> None:
    text = "6 tháng đầu năm, GRDP ước tăng 3,02% so với cùng kỳ năm 2023."
    assert extract(text)[0].start == D(2024, 1, 1)


def test_a_period_compared_against_lends_no_year() -> None:
    text = "Năm 2022, GRDP 6 tháng đầu năm tăng 7,08% so với 6 tháng đầu năm 2021."
    assert [(r.raw, r.start) for r in extract(text)][1] == ("6 tháng đầu năm", D(2022, 1, 1))


def test_no_year_anywhere_means_no_row() -> None:
    assert extract("Hội nghị tổ chức ngày 20/5 tại hội trường.") == []


def test_rows_are_in_document_order() -> None:
    text = "Năm 2020, ngày 01/5/2020 và tháng 6 năm 2020; giai đoạn 2020 - 2025."
    starts = [r.char_start for r in extract(text)]
    assert starts == sorted(starts) and len(starts) == 4


def test_markdown_bold_day_after_normalize() -> None:
    doc = make_doc("Hà Nội, ngày **24** tháng 6 năm 2021\n\nNội dung báo cáo.\n")
    dates.run(doc)
    assert [(r.raw, r.start) for r in doc.dates] == [("ngày 24 tháng 6 năm 2021", D(2021, 6, 24))]


# ---------------------------------------------------------------- rules file


def test_rules_file_loads_and_compiles() -> None:
    data = rules.load("dates.yaml", dates.DATES_SCHEMA)
    compiled = dates.compile_rules(data)
    assert {kind for _name, kind, _p in compiled.atoms} == set(dates.KINDS)


def test_bad_rule_names_the_key(tmp_path: Path) -> None:
    text = (rules.RULES_DIR / "dates.yaml").read_text(encoding="utf-8")
    (tmp_path / "dates.yaml").write_text(text.replace("kind: quarter", "kind: fortnight"), encoding="utf-8")
    data = rules.load("dates.yaml", dates.DATES_SCHEMA, rules_dir=tmp_path)
    with pytest.raises(rules.RulesError, match=r"atoms\[\d+\]\.kind"):
        dates.compile_rules(data)


def test_unknown_part_is_reported(tmp_path: Path) -> None:
    text = (rules.RULES_DIR / "dates.yaml").read_text(encoding="utf-8")
    (tmp_path / "dates.yaml").write_text(text.replace("{month}", "{thang}", 1), encoding="utf-8")
    data = rules.load("dates.yaml", dates.DATES_SCHEMA, rules_dir=tmp_path)
    with pytest.raises(rules.RulesError, match="unknown part"):
        dates.compile_rules(data)


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "line",
    [
        "9" * 1_000_000,
        ".".join(["1"] * 500_000),
        "/".join(["12"] * 330_000),
        "1-" * 500_000,
        "ngày " * 200_000,
    ],
    ids=["digits", "dotted", "slashed", "dashes", "ngay"],
)
def test_megabyte_line_without_dates_is_fast(line: str) -> None:
    began = time.perf_counter()
    assert extract(line, issue=D(2021, 1, 1)) == []
    assert time.perf_counter() - began < 2.0  # typically ~0.3 s; the margin is for loaded CI machines


@pytest.mark.parametrize(
    ("unit", "per_unit"),
    [("tháng 1 ", 1), ("năm 2020, ", 1), ("ngày 1/1/2020 - ", 1), ("từ ngày 1 đến ngày 2 tháng 3 năm 2020 ", 1)],
    ids=["months", "years", "dashed_dates", "ranges"],
)
def test_line_full_of_dates_grows_linearly(unit: str, per_unit: int) -> None:
    # every unit is a row: 5,000 rows must not cost much more than 5 x 1,000 rows
    def cost(n: int) -> float:
        began = time.perf_counter()
        found = extract(unit * n, issue=D(2021, 1, 1))
        assert len(found) >= n * per_unit // 2
        return time.perf_counter() - began

    small, big = cost(1_000), cost(5_000)
    assert big < 12 * small + 0.5
