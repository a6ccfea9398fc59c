"""Parts: a file that holds two documents (a covering letter and what it forwards, or an appendix)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.stages import metadata, parts, segment
from tests.helpers import make_doc

LETTER = """ỦY BAN NHÂN DÂN
HUYỆN SÔNG XANH
Số: 88/UBND-VP
V/v gửi Thông báo kết luận của Chủ tịch UBND huyện
Sông Xanh, ngày 03 tháng 3 năm 2025
Kính gửi: Các phòng, ban chuyên môn thuộc UBND huyện.
Ủy ban nhân dân huyện gửi kèm Thông báo kết luận để các đơn vị biết, thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Đỗ Thị Mai
"""

FORWARDED = """ỦY BAN NHÂN DÂN
HUYỆN SÔNG XANH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/TB-UBND
Sông Xanh, ngày 28 tháng 02 năm 2025
THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại buổi làm việc với các xã
I. TÌNH HÌNH CHUNG
1. Kết quả đạt được
Các xã hoàn thành 12 công trình.
2. Tồn tại
II. NHIỆM VỤ THỜI GIAN TỚI
1. Các xã khẩn trương hoàn thành hồ sơ.
Nơi nhận:
- Các xã;
- Lưu: VT.
TL. CHỦ TỊCH
PHÓ CHÁNH VĂN PHÒNG
Lý Văn Bình
"""

APPENDIX = """PHỤ LỤC II
DANH MỤC CÔNG TRÌNH HOÀN THÀNH NĂM 2024
(Kèm theo Báo cáo số 12/BC-UBND ngày 05/01/2025 của UBND huyện)
1. Công trình giao thông
2. Công trình thủy lợi
"""


def run(text: str):
    doc = make_doc(text)
    parts.run(doc)
    metadata.run(doc)
    segment.run(doc)
    return doc


def test_forwarded_document_is_a_part_with_its_own_header() -> None:
    doc = run(LETTER + FORWARDED)
    [part] = doc.parts
    assert (part.kind, part.doc_type, part.doc_no, part.doc_symbol) == ("attachment", "Thông báo", "41", "TB-UBND")
    assert part.issue_date == dt.date(2025, 2, 28)
    assert part.title == "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với các xã"
    assert doc.text[part.char_start :].startswith("ỦY BAN NHÂN DÂN HUYỆN SÔNG XANH")  # the issuer belongs to it


def test_forwarded_document_is_segmented_and_its_sections_carry_the_part() -> None:
    doc = run(LETTER + FORWARDED)
    assert [(s.path, s.part_id) for s in doc.sections] == [
        ("I", "p01"), ("I > 1", "p01"), ("I > 2", "p01"), ("II", "p01"), ("II > 1", "p01"),
    ]  # fmt: skip


def test_the_file_header_and_signer_stay_those_of_the_covering_letter() -> None:
    doc = run(LETTER + FORWARDED)
    meta = doc.metadata
    assert (meta.doc_no, meta.doc_symbol, meta.doc_type) == ("88", "UBND-VP", "Công văn")
    assert (meta.signer_name, meta.recipients) == ("Đỗ Thị Mai", ["Như trên", "Lưu: VT"])


@pytest.mark.parametrize(
    ("after_signature", "kind", "label", "doc_type", "title"),
    [
        # an appendix with its number, its title on the next line and whose document it belongs to
        (APPENDIX, "appendix", "Phụ lục II", "Phụ lục", "DANH MỤC CÔNG TRÌNH HOÀN THÀNH NĂM 2024"),
        # the label and the title on one line
        ("Phụ lục 01: Danh mục các xã đạt chuẩn\n1. Xã Đông\n", "appendix", "Phụ lục 01", "Phụ lục",
         "Danh mục các xã đạt chuẩn"),
        # a regulation issued with the decision, its issuer in capitals above the motto
        ("ỦY BAN NHÂN DÂN TỈNH BẮC SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUY ĐỊNH\n"
         "Quản lý chợ trên địa bàn tỉnh\n(Ban hành kèm theo Quyết định số 7/2024/QĐ-UBND)\nĐiều 1. Phạm vi\n",
         "attachment", None, "Quy định", "Quản lý chợ trên địa bàn tỉnh"),
        # a type line alone, with no issuer and no motto
        ("KẾ HOẠCH\nTổ chức Ngày hội đọc sách năm 2025\nI. MỤC ĐÍCH\n", "attachment", None, "Kế hoạch",
         "Tổ chức Ngày hội đọc sách năm 2025"),
    ],
)  # fmt: skip
def test_what_opens_a_part_after_the_signature(
    after_signature: str, kind: str, label: str | None, doc_type: str, title: str
) -> None:
    doc = run(LETTER + after_signature)
    [part] = doc.parts
    assert (part.kind, part.label, part.doc_type, part.title) == (kind, label, doc_type, title)
    assert doc.sections and all(s.part_id == "p01" for s in doc.sections)


@pytest.mark.parametrize(
    "after_signature",
    [
        "Báo cáo này đã được lấy ý kiến các sở, ngành trước khi trình.\n",  # a note in running text
        "Phụ lục kèm theo được gửi qua hệ thống điện tử.\n",  # "Phụ lục" in a sentence is no label
    ],
)
def test_text_after_the_signature_that_opens_no_part(after_signature: str) -> None:
    assert run(LETTER + after_signature).parts == []


def test_a_name_glued_to_the_next_heading_opens_the_part_where_the_heading_starts() -> None:
    doc = run(LETTER.replace("Đỗ Thị Mai\n", "Đỗ Thị Mai PHỤ LỤC\n") + "DANH MỤC HỒ SƠ\n1. Hồ sơ đất đai\n")
    [part] = doc.parts
    assert doc.text[part.char_start :].startswith("PHỤ LỤC")
    assert doc.metadata.signer_name == "Đỗ Thị Mai"


def test_two_parts_one_after_the_other() -> None:
    doc = run(LETTER + FORWARDED + APPENDIX)
    assert [(p.part_id, p.kind) for p in doc.parts] == [("p01", "attachment"), ("p02", "appendix")]
    assert doc.parts[0].char_end == doc.parts[1].char_start
    assert doc.sections[-1].part_id == "p02"


def test_parts_rules_load() -> None:
    r = parts.load_rules()
    assert r.appendix.match("PHỤ LỤC II") and r.closing.match("Nơi nhận:")


def test_hostile_input_stays_fast() -> None:
    import time

    text = LETTER + ("PHỤ LỤC " * 20_000 + "\n") + ("Nơi nhận:\n" + "Nguyễn Văn An " * 5_000 + "\n") * 20
    started = time.perf_counter()
    run(text)
    assert time.perf_counter() - started < 3


def test_a_letter_signed_without_noi_nhan_still_ends_at_its_signature() -> None:
    letter = LETTER.replace("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n", "")
    doc = run(letter + FORWARDED.split("Nơi nhận:")[0])
    assert [(p.doc_type, p.doc_no) for p in doc.parts] == [("Thông báo", "41")]
    assert doc.metadata.signer_name == "Đỗ Thị Mai"


def test_an_attachment_title_printed_over_two_lines_is_one_title() -> None:
    regulation = (
        "ỦY BAN NHÂN DÂN TỈNH BẮC SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nQUY ĐỊNH\n\n"
        "Về quản lý, cung cấp dịch vụ truy nhập\n\nInternet trên địa bàn tỉnh (Ban hành kèm theo Quyết định số 9)\n\n"
        "Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n"
    )
    [part] = run(LETTER + regulation).parts
    assert part.title == "Về quản lý, cung cấp dịch vụ truy nhập Internet trên địa bàn tỉnh"
