"""Normalize: markup removed, paragraphs rebuilt, and every char traced to the source."""

from __future__ import annotations

import pytest

from tests.helpers import make_doc


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Thi đua hoàn thành **19** chỉ tiêu cơ bản.", "Thi đua hoàn thành 19 chỉ tiêu cơ bản."),
        ("Hà Nội, ngày **24** tháng 6 năm 2021", "Hà Nội, ngày 24 tháng 6 năm 2021"),
        ("### **KẾ HOẠCH**", "KẾ HOẠCH"),
        ("## **I. MỤC ĐÍCH, YÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("Các Chỉ thị của Thành ủy<sup>1</sup>; tập trung", "Các Chỉ thị của Thành ủy; tập trung"),
        ("Xem <https://vanban.chinhphu.vn/> để biết thêm.", "Xem https://vanban.chinhphu.vn/ để biết thêm."),
        ("Chủ đề năm “*Nâng cao hiệu quả*” của quận", "Chủ đề năm “Nâng cao hiệu quả” của quận"),
        ("* Công tác tuyên truyền:", "* Công tác tuyên truyền:"),
        ("Tỷ lệ   đạt\u00a0 93,7%   ", "Tỷ lệ đạt 93,7%"),
        ("Giá 10 \\* 3 đồng", "Giá 10 * 3 đồng"),
        ("<b>Nơi nhận</b>:&nbsp;UBND", "Nơi nhận: UBND"),
    ],
)
def test_markup_is_removed(source: str, text: str) -> None:
    assert make_doc(source).text == text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # a hard-wrapped sentence is one paragraph
        (
            "Toàn huyện có 1.126/1.200 hộ chăn nuôi đã đăng ký\ntiêm phòng, đạt tỷ lệ 93,8%.",
            "Toàn huyện có 1.126/1.200 hộ chăn nuôi đã đăng ký tiêm phòng, đạt tỷ lệ 93,8%.",
        ),
        # a page break inside a sentence: blank line, bare page number, lower-case continuation
        ("phương án phòng chống\n\n12\n\ndịch tại chỗ.", "phương án phòng chống dịch tại chỗ."),
        # a finished sentence and a new paragraph stay apart
        ("Kết quả như sau:\n\nTổng thu đạt 5 tỷ đồng.", "Kết quả như sau:\nTổng thu đạt 5 tỷ đồng."),
        # list items and section markers start their own line
        ("Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.", "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT."),
        ("Mục tiêu chung\n2. Mục tiêu cụ thể", "Mục tiêu chung\n2. Mục tiêu cụ thể"),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Nghị định số 30/2020/NĐ-CP;",
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Nghị định số 30/2020/NĐ-CP;",
        ),
        # a heading in capitals does not swallow the text under it
        ("BÁO CÁO\nKết quả công tác quý III", "BÁO CÁO\nKết quả công tác quý III"),
        # issuer lines in capitals read as one
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 12/BC-UBND", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSố: 12/BC-UBND"),
        ("Số: 12/BC-UBND\nHà Nội, ngày 02 tháng 3 năm 2021", "Số: 12/BC-UBND\nHà Nội, ngày 02 tháng 3 năm 2021"),
        # markdown headings never join
        ("## Phần thứ hai\nKẾT QUẢ", "Phần thứ hai\nKẾT QUẢ"),
        ("- 3 -\nTrang 4\nnội dung", "nội dung"),
    ],
)
def test_paragraphs_are_rebuilt(source: str, text: str) -> None:
    assert make_doc(source).text == text


def test_every_char_maps_back_to_the_source() -> None:
    source = "## **1. Kết quả**\n\nĐạt **19** chỉ tiêu<sup>2</sup>, tăng\n12,5%  so với   cùng kỳ.\n\n- 2 -\n\nhết."
    doc = make_doc(source)
    assert len(doc.origin) == len(doc.text)
    for i, o in enumerate(doc.origin):
        if o >= 0:
            assert doc.source.text[o] == doc.text[i]
        else:
            assert doc.text[i] in " \n"


def test_a_megabyte_line_of_digits_normalizes_fast() -> None:
    import time

    started = time.perf_counter()
    doc = make_doc("1." * 500_000)
    assert len(doc.text) == 1_000_000
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "Sơn Hà, ngày 05 tháng 10 năm 2024\nThực hiện Kế hoạch số 12/KH-UBND",
            "Sơn Hà, ngày 05 tháng 10 năm 2024\nThực hiện Kế hoạch số 12/KH-UBND",
        ),
        ("CHỦ TỊCH\n(Đã ký)\nTrần Văn Minh", "CHỦ TỊCH\n(Đã ký)\nTrần Văn Minh"),
        ("Lưu: VT.\nb/c\nNguyễn Văn An", "Lưu: VT.\nb/c\nNguyễn Văn An"),
        ("--- TRANG 2 ---\nnội dung tiếp", "nội dung tiếp"),
    ],
)
def test_header_and_signature_lines_stay_apart(source: str, text: str) -> None:
    assert make_doc(source).text == text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "1. Kết quả xử lý vi phạm\nPhát hiện 147 cơ sở vi phạm.",
            "1. Kết quả xử lý vi phạm\nPhát hiện 147 cơ sở vi phạm.",
        ),
        ("a) Về y tế\nTrong tháng 6 có 2 vụ.", "a) Về y tế\nTrong tháng 6 có 2 vụ."),
        # a numbered heading wrapped in lower case stays one line
        (
            "1. Kết quả thực hiện chỉ tiêu trong 6 tháng đầu\nnăm 2020",
            "1. Kết quả thực hiện chỉ tiêu trong 6 tháng đầu năm 2020",
        ),
    ],
)
def test_numbered_heading_and_its_text_stay_apart(source: str, text: str) -> None:
    assert make_doc(source).text == text


def test_word_segmented_text_reads_as_prose() -> None:
    source = "Hội_đồng_nhân_dân tỉnh khóa_vii ; kỳ_họp thứ 6 . \n" * 5 + (
        "Căn_cứ Quyết_định số 12/QĐ-UBND ngày 09 tháng 11 năm 2005 của Uỷ_ban_nhân_dân tỉnh ; \n"
        "Tổng_thu ngân_sách nhà_nước trên địa_bàn : 1.260,500 tỷ đồng . \n"
        "1 . Thu nội_địa : 1.256,000 tỷ đồng : "
    )
    doc = make_doc(source)
    assert doc.text.endswith(
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 09 tháng 11 năm 2005 của Uỷ ban nhân dân tỉnh;\n"
        "Tổng thu ngân sách nhà nước trên địa bàn: 1.260,500 tỷ đồng.\n"
        "1. Thu nội địa: 1.256,000 tỷ đồng:"
    )
    assert "word_segmented" in {d.code for d in doc.diagnostics}
    assert all(
        doc.text[i] == doc.source.text[o] or doc.source.text[o] == "_" for i, o in enumerate(doc.origin) if o >= 0
    )


def test_snake_case_in_prose_is_not_word_segmentation() -> None:
    assert make_doc("Tệp bao_cao_2024.pdf đã gửi lúc 9 giờ.").text == "Tệp bao_cao_2024.pdf đã gửi lúc 9 giờ."


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "tiếp tục thực hiện\nChương trình hành động của Tỉnh ủy",
            "tiếp tục thực hiện Chương trình hành động của Tỉnh ủy",
        ),
        ("đạt được các\nMục tiêu đã đề ra", "đạt được các Mục tiêu đã đề ra"),
        ("theo Chỉ thị số\n19-CT/TU).", "theo Chỉ thị số 19-CT/TU)."),
        ("Kết quả chung\nChương II\nNHIỆM VỤ", "Kết quả chung\nChương II\nNHIỆM VỤ"),
        ("Kết quả chung\nĐiều 3. Hiệu lực thi hành", "Kết quả chung\nĐiều 3. Hiệu lực thi hành"),
    ],
)
def test_words_that_look_like_markers_do_not_break_paragraphs(source: str, text: str) -> None:
    assert make_doc(source).text == text


def test_html_table_rows_become_one_line_each() -> None:
    source = (
        "Kết quả như sau:\n<table>\n"
        "<tr>\n<td>1</td>\n<td>Tỷ lệ hộ dùng nước sạch</td>\n<td>%</td>\n<td>98,5</td>\n</tr>\n"
        "<tr>\n<td>2</td>\n<td>Số xã đạt chuẩn</td>\n<td>xã</td>\n<td>12</td>\n</tr>\n</table>\nHết bảng."
    )
    doc = make_doc(source)
    assert doc.text.split("\n") == [
        "Kết quả như sau:",
        "1\t Tỷ lệ hộ dùng nước sạch\t %\t 98,5",
        "2\t Số xã đạt chuẩn\t xã\t 12",
        "Hết bảng.",
    ]
