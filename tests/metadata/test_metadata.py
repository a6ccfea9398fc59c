"""Metadata: the header and the signature block of a document."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from pipeline import rules
from pipeline.records import Document, Metadata
from pipeline.stages import metadata, parts
from tests.helpers import make_doc

D = dt.date

REPORT = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH XANH
Số: 321 /BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình Xanh, ngày 09 tháng 10 năm 2024

HỎA TỐC

BÁO CÁO
Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội quý III năm 2024

Căn cứ Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh;
I. KẾT QUẢ ĐẠT ĐƯỢC
Tổng thu ngân sách đạt 1.234 tỷ đồng.

Nơi nhận:
- Thường trực Tỉnh ủy;
- Các sở, ban, ngành;
- Lưu: VT, TH.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

(Đã ký)

Lê Văn Minh
"""

LETTER = """UBND THÀNH PHỐ BẾN SÔNG SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/SYT-NVY
V/v tăng cường phòng, chống dịch sốt xuất huyết
Bến Sông, ngày 15 tháng 7 năm 2023
Kính gửi: Ủy ban nhân dân các quận, huyện
Sở Y tế đề nghị các đơn vị triển khai ngay các biện pháp phòng dịch./.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Phạm Thị Hoa
"""


def meta_of(text: str) -> Metadata:
    doc = make_doc(text)
    metadata.run(doc)
    return doc.metadata


def test_report_header_and_signature() -> None:
    m = meta_of(REPORT)
    assert (m.doc_no, m.doc_symbol, m.doc_type) == ("321", "BC-UBND", "Báo cáo")
    assert m.issuer == "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH XANH"
    assert (m.place, m.issue_date, m.issue_date_precision) == ("Hòa Bình Xanh", D(2024, 10, 9), "day")
    assert m.urgency == "Hỏa tốc"
    assert m.title == "Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội quý III năm 2024"
    assert (m.signer_title, m.signer_name) == ("Phó Chủ tịch", "Lê Văn Minh")
    assert m.recipients == ["Thường trực Tỉnh ủy", "Các sở, ban, ngành", "Lưu: VT, TH"]


def test_letter_with_motto_on_the_issuer_line() -> None:
    m = meta_of(LETTER)
    assert m.issuer == "UBND THÀNH PHỐ BẾN SÔNG SỞ Y TẾ"
    assert (m.doc_no, m.doc_symbol, m.doc_type) == ("77", "SYT-NVY", "Công văn")
    assert m.title == "tăng cường phòng, chống dịch sốt xuất huyết"
    assert (m.place, m.issue_date) == ("Bến Sông", D(2023, 7, 15))
    assert (m.signer_title, m.signer_name) == ("Giám đốc", "Phạm Thị Hoa")


@pytest.mark.parametrize(
    ("line", "no", "symbol"),
    [
        ("Số: 154 /BC-UBND", "154", "BC-UBND"),
        ("Số: 04 /TC-UBND", "04", "TC-UBND"),
        ("Số:            /BC-SNV", None, "BC-SNV"),
        ("Số 496-TB/TU", "496", "TB/TU"),
        ("Số: 12/CV-BTGQU", "12", "CV-BTGQU"),
        ("Số: /B C-UBND", None, "BC-UBND"),
        ("Số: 15/2010/QĐ-UBND", "15", "QĐ-UBND"),
        ("Số:      /2026/NQ-HĐND", None, "NQ-HĐND"),
    ],
)
def test_number_and_symbol(line: str, no: str | None, symbol: str) -> None:
    m = meta_of(line + "\nĐà Lạt, ngày 01 tháng 02 năm 2025\n")
    assert (m.doc_no, m.doc_symbol) == (no, symbol)


@pytest.mark.parametrize(
    ("line", "place", "date", "precision"),
    [
        ("Thành phố Hồ Chí Minh, ngày 11 tháng 8 năm 2020", "Thành phố Hồ Chí Minh", D(2020, 8, 11), "day"),
        ("TP. Hà Tĩnh, ngày 3 tháng 4 năm 2019", "TP. Hà Tĩnh", D(2019, 4, 3), "day"),
        ("Số: /BC-SNV Cần Thơ, ngày tháng 11 năm 2025", "Cần Thơ", D(2025, 11, 1), "month"),
        ("Vĩnh Long, ngày tháng năm 2026", "Vĩnh Long", D(2026, 1, 1), "year"),
    ],
)
def test_place_and_issue_date(line: str, place: str, date: dt.date, precision: str) -> None:
    m = meta_of(line + "\n")
    assert (m.place, m.issue_date, m.issue_date_precision) == (place, date, precision)


@pytest.mark.parametrize(
    ("type_line", "doc_type"),
    [
        ("THÔNG CÁO BÁO CHÍ", "Thông cáo báo chí"),
        ("KẾ HOẠCH", "Kế hoạch"),
        ("TỜ TRÌNH", "Tờ trình"),
        ("QUYẾT ĐỊNH", "Quyết định"),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình hành động"),
    ],
)
def test_type_line_gives_sentence_case_type(type_line: str, doc_type: str) -> None:
    m = meta_of(f"Số: 5/XX-UBND\nNam Định, ngày 2 tháng 3 năm 2022\n{type_line}\nVề việc tổ chức hội nghị sơ kết\n")
    assert (m.doc_type, m.title) == (doc_type, "Về việc tổ chức hội nghị sơ kết")


@pytest.mark.parametrize(
    ("symbol", "doc_type"), [("KH-UBND", "Kế hoạch"), ("TB/TU", "Thông báo"), ("TTr-SNV", "Tờ trình")]
)
def test_type_from_symbol_without_type_line(symbol: str, doc_type: str) -> None:
    assert meta_of(f"Số: 9/{symbol}\nHuế, ngày 2 tháng 3 năm 2022\n").doc_type == doc_type


def test_title_glued_to_the_body_by_the_text_layer_is_cut() -> None:
    m = meta_of(
        "Số: 8/BC-UBND\nHuế, ngày 2 tháng 3 năm 2022\nBÁO CÁO\nCông tác cải cách hành chính năm 2022\n"
        "Thực hiện Công văn số 10/BNV-CCHC, Ủy ban báo cáo như sau:\n"
    )
    assert m.title == "Công tác cải cách hành chính năm 2022"


@pytest.mark.parametrize(
    ("block", "title", "name"),
    [
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH\nNguyễn Văn An", "Chủ tịch", "Nguyễn Văn An"),
        ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC\nTrần Thị Bích", "Phó Giám đốc", "Trần Thị Bích"),
        ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nĐỗ Minh Khôi", "Chánh Văn phòng", "Đỗ Minh Khôi"),
        ("CHỦ TỊCH\nb/c\nHồ Quang Vinh", "Chủ tịch", "Hồ Quang Vinh"),
        ("KT.GIÁM ĐỐC PHÓ GIÁM ĐỐC\nLý Thanh Tùng 3 Nghị định số 5/2020/NĐ-CP", "Phó Giám đốc", "Lý Thanh Tùng"),
        ("CHỦ TỊCH", "Chủ tịch", None),
        # a title the text layer cut short still has the name under it
        ("TL. CHỦ TỊ\nHÀNH VĂN PHÒNG\nPhan Thu Hà", None, "Phan Thu Hà"),
        # the signer's own title on the lines under an on-behalf line
        ("TL. GIÁM ĐỐC\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nHà Thu Trang", "Phó Chánh Văn phòng", "Hà Thu Trang"),
        ("TM. BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn Hải", "Bí thư", "Nguyễn Văn Hải"),
        ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nLý Văn Ba", "Phó Bí thư", "Lý Văn Ba"),
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrần Văn Sơn", "Thứ trưởng", "Trần Văn Sơn"),
        ("TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nVũ Thị Lan", "Chánh Văn phòng", "Vũ Thị Lan"),
        ("TM. UBND TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNgô Văn Tư", "Phó Chủ tịch", "Ngô Văn Tư"),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\nĐinh Văn Nam", "Phó Chủ tịch Thường trực", "Đinh Văn Nam"),
        ("GIÁM ĐỐC\n(đã ký)\nHoàng Văn Tú", "Giám đốc", "Hoàng Văn Tú"),
    ],
)
def test_signature_block(block: str, title: str, name: str | None) -> None:
    m = meta_of(f"Số: 1/BC-UBND\nHuế, ngày 2 tháng 3 năm 2022\nNội dung báo cáo./.\nNơi nhận:\n- Lưu: VT.\n{block}\n")
    assert (m.signer_title, m.signer_name) == (title, name)


def test_body_citation_is_not_the_documents_number() -> None:
    m = meta_of("BÁO CÁO\nKết quả thẩm định năm 2025\nCăn cứ Quyết định số 820/QĐ-UBND ngày 27/8/2025 của UBND tỉnh;\n")
    assert (m.doc_no, m.doc_symbol, m.doc_type) == (None, None, "Báo cáo")


def test_rule_file_loads_against_its_schema() -> None:
    assert rules.load("documents.yaml", metadata.SCHEMA)["doc_types"]["BÁO CÁO"] == "Báo cáo"


@pytest.mark.parametrize("line", ["9" * 1_000_000, "1.2.3." * 200_000, "Số: " + "1/" * 500_000])
def test_hostile_long_line_is_fast(line: str) -> None:
    doc = Document("t", "t.txt", "t.txt", "0" * 64, "txt", text=line)
    start = time.perf_counter()
    metadata.run(doc)
    assert time.perf_counter() - start < 1.0


FIELDS = ("doc_no", "doc_symbol", "doc_type", "place", "urgency", "signer_name", "title")


def test_dev_documents_match_gold(shared: Path) -> None:
    for gold_path in sorted((shared / "gold" / "dev").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["metadata"]
        doc = make_doc((shared / "corpus" / "dev" / "txt" / f"{gold_path.stem}.txt").read_bytes())
        metadata.run(doc)
        for field in FIELDS:
            if gold.get(field) is not None:
                assert getattr(doc.metadata, field) == gold[field], (gold_path.stem, field)
        assert doc.metadata.issue_date == dt.date.fromisoformat(gold["issue_date"])


def test_signer_title_printed_between_recipients_is_skipped() -> None:
    m = meta_of(
        "Số: 7/TTr-UBND\nĐà Lạt, ngày 2 tháng 3 năm 2026\nNội dung./.\nNơi nhận:\n- Như trên;\n"
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\nVõ Thị Mai\n"
    )
    assert m.recipients == ["Như trên", "Thường trực Tỉnh ủy", "Lưu: VT"]
    assert (m.signer_title, m.signer_name) == ("Chủ tịch", "Võ Thị Mai")


@pytest.mark.parametrize(
    ("name_line", "name"),
    [
        ("Hoàng Thị Lan PHỤ LỤC", "Hoàng Thị Lan"),  # the next block's heading glued on by the text layer
        ("Trịnh Văn Dũng DANH MỤC CÁC ĐƠN VỊ ĐƯỢC KHEN THƯỞNG", "Trịnh Văn Dũng"),
        ("Phan Minh Châu", "Phan Minh Châu"),
        ("Trần Hữu Nghĩa 3 Số liệu của Cục Thống kê", "Trần Hữu Nghĩa"),  # a footnote after the name
        ("NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),  # a name printed in capitals stays whole
    ],
)
def test_signer_name_stops_where_the_name_ends(name_line: str, name: str) -> None:
    meta = Metadata()
    block = ["Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name_line]
    metadata._signature(block, meta, metadata.load_rules())
    assert meta.signer_name == name


@pytest.mark.parametrize(
    ("date_line", "issue_date", "diagnosed"),
    [
        ("Hòa Bình Xanh, ngày 09 tháng 10 năm 2024", D(2024, 10, 9), False),
        # the digits of a stamp printed over the month: no date is built from them, and it is said
        ("Hòa Bình Xanh, ngày 09 tháng 54 năm 2024", None, True),
        ("Hòa Bình Xanh, ngày 195 tháng 3 năm 2024", None, True),
        ("Hòa Bình Xanh, ngày 31 tháng 02 năm 2024", None, True),
        ("Hòa Bình Xanh, ngày    tháng 10 năm 2024", D(2024, 10, 1), False),  # a blank day is no error
    ],
)
def test_a_date_line_that_is_no_calendar_date_leaves_the_date_null_with_a_diagnostic(
    date_line: str, issue_date: dt.date | None, diagnosed: bool
) -> None:
    doc = make_doc(REPORT.replace("Hòa Bình Xanh, ngày 09 tháng 10 năm 2024", date_line))
    metadata.run(doc)
    assert doc.metadata.issue_date == issue_date
    assert doc.metadata.place == "Hòa Bình Xanh"
    assert [d.code for d in doc.diagnostics] == (["issue_date_unreadable"] if diagnosed else [])


NUMBER_LINES = [
    # (the header's first lines, doc_no, doc_symbol, whether doc_no_unreadable is reported)
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BIỂN XANH\nSố: 154/BC-UBND\n", "154", "BC-UBND", False),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BIỂN XANH\nSố:    /BC-UBND\n", None, "BC-UBND", False),  # left blank to fill by hand
    # OCR of a handwritten number: what it read is no number, the symbol printed beside it is kept
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BIỂN XANH\nSố: Z4. /UBND-SGDĐT\n", None, "UBND-SGDĐT", True),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 4l, /SGDĐT-VP\n", None, "SGDĐT-VP", True),
    # a heading that cites another text by its number is not the header's number line
    ("ỦY BAN NHÂN DÂN\nKẾ HOẠCH TRIỂN KHAI NHIỆM VỤ THEO THÔNG BÁO SỐ 496-TB/TU\n", None, None, False),
    ("HỘI ĐỒNG NHÂN DÂN\nTHỰC HIỆN NGHỊ QUYẾT SỐ 12/NQ-HĐND\n", None, None, False),
    # words after "Số" are no number: nothing is made up
    ("ỦY BAN NHÂN DÂN\nSố lượng - chất lượng đội ngũ\n", None, None, False),
]


@pytest.mark.parametrize(("head", "doc_no", "doc_symbol", "reported"), NUMBER_LINES)
def test_the_header_number_line(head: str, doc_no: str | None, doc_symbol: str | None, reported: bool) -> None:
    rest = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBiển Xanh, ngày 02 tháng 3 năm 2025\nBÁO CÁO\nVề việc thử\n"
    doc = make_doc(head + rest)
    metadata.run(doc)
    assert (doc.metadata.doc_no, doc.metadata.doc_symbol) == (doc_no, doc_symbol)
    assert any(d.code == "doc_no_unreadable" for d in doc.diagnostics) == reported


SIGNATURES = [
    # (the signature block, the signer's name)
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nTrần Thị Thu Hà\n", "Trần Thị Thu Hà"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNGUYỄN VĂN PHÒNG\n", "NGUYỄN VĂN PHÒNG"),  # a person named Phòng
    # OCR of a seal where the name stands: a body's name is no signer
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nUBND TỈNH PHÚ THỌ VAN PHONG\n", None),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nỦY BAN NHÂN DÂN HUYỆN\n", None),
]


@pytest.mark.parametrize(("block", "name"), SIGNATURES)
def test_a_seal_read_where_the_name_stands_is_no_signer(block: str, name: str | None) -> None:
    head = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH XANH\nSố: 12/BC-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    body = "Hòa Bình Xanh, ngày 02 tháng 3 năm 2025\nBÁO CÁO\nVề việc thử\nNội dung.\n\nNơi nhận:\n- Như trên.\n"
    doc = make_doc(head + body + block)
    metadata.run(doc)
    assert doc.metadata.signer_name == name


def test_a_speck_before_the_number_line_and_a_forwarded_documents_number() -> None:
    # OCR put a speck before "Số:"; the file forwards another office's letter with a "Số:" of its own
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BIỂN XANH\n9 Số: 4666 /UBND-VX\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Biển Xanh, ngày 11 tháng 3 năm 2020\nV/v dạy học trên truyền hình\nNội dung.\n"
        "Nơi nhận:\n- Như trên.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Kiên\n"
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 518/SGDĐT-TrH\nVề việc phối hợp\n"
    )
    doc = make_doc(text)
    parts.run(doc)
    metadata.run(doc)
    assert (doc.metadata.doc_no, doc.metadata.doc_symbol) == ("4666", "UBND-VX")
