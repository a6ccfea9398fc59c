"""References: citations of legal and administrative documents by number."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from pipeline import rules
from pipeline.records import Document, Reference
from pipeline.stages import metadata, references
from tests.helpers import make_doc

D = dt.date


def extract(text: str) -> list[Reference]:
    doc = Document("t", "t.txt", "t.txt", "0" * 64, "txt", text=text)
    references.run(doc)
    for row in doc.references:
        assert doc.text[row.char_start : row.char_end] == row.raw
    return doc.references


def keys(text: str) -> list[tuple]:
    return [(r.ref_type, r.ref_no, r.ref_year, r.ref_symbol) for r in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Căn cứ Kết luận số 1234-TB/TU của Ban Thường vụ Tỉnh ủy.", [("Kết luận", "1234", None, "TB/TU")]),
        ("Thực hiện Kế hoạch số 456/KH-UBND về phát động thi đua.", [("Kế hoạch", "456", None, "KH-UBND")]),
        ("theo Nghị quyết số 12/2019/QH14 của Quốc hội", [("Nghị quyết", "12", 2019, "QH14")]),
        ("tinh thần Chỉ thị 07-CT/TU và các văn bản khác", [("Chỉ thị", "07", None, "CT/TU")]),
        ("Sở đã có văn bản số 3030/UBND-VX gửi các quận", [("Văn bản", "3030", None, "UBND-VX")]),
        ("triển khai Nghị quyết số 45 của Quốc hội", [("Nghị quyết", "45", None, None)]),
        ("thực hiện Nghị định 20/2021/NĐ-CP của Chính phủ", [("Nghị định", "20", 2021, "NĐ-CP")]),
        ("theo NQ 30c/NQ-CP về cải cách hành chính", [("Nghị quyết", "30c", None, "NQ-CP")]),
        ("Thông báo 321-TB/TU của Thường trực Tỉnh ủy", [("Thông báo", "321", None, "TB/TU")]),
        ("theo Công văn số 88/SGDĐT-CTrTT", [("Công văn", "88", None, "SGDĐT-CTrTT")]),
        ("Báo cáo tại văn bản số 15/2022/CV/ABC", [("Văn bản", "15", 2022, "CV/ABC")]),
        ("căn cứ Thông tư số 01/2023/TT-BNV", [("Thông tư", "01", 2023, "TT-BNV")]),
        ("Luật Tổ chức chính quyền địa phương số 65/2025/QH15 quy định", [("Luật", "65", 2025, "QH15")]),
        # a text layer's spaces around "/" and after "-"; a dotted number before its code
        ("căn cứ Thông tư số 27 / 2019/TT-BTC của Bộ Tài chính", [("Thông tư", "27", 2019, "TT-BTC")]),
        ("biên chế giao theo Nghị quyết 31/NQ- HĐND ngày 10/7/2024", [("Nghị quyết", "31", None, "NQ-HĐND")]),
        ("thực hiện Nghị quyết số 12.5/2024/NQ-CP của Chính phủ", [("Nghị quyết", "12.5", 2024, "NQ-CP")]),
        ("ban hành Phương án số 512/PA-UBND về sắp xếp đơn vị", [("Phương án", "512", None, "PA-UBND")]),
        ("theo Giấy mời số 45/GM-SNV của Sở Nội vụ", [("Giấy mời", "45", None, "GM-SNV")]),
        ("Tỉnh ủy có Kế hoạch hành động số 14-KH/TU về chuyển đổi số", [("Kế hoạch hành động", "14", None, "KH/TU")]),
        (
            "Chương trình phối hợp số 07/CTrPH-SNV-LĐLĐ giữa hai cơ quan",
            [("Chương trình phối hợp", "07", None, "CTrPH-SNV-LĐLĐ")],
        ),
        ("Đoàn đã ban hành Kết luận kiểm tra số 18/KL-ĐKT tại xã", [("Kết luận", "18", None, "KL-ĐKT")]),
        ("thực hiện Thông báo kết luận số 208-TB/TU của Tỉnh ủy", [("Thông báo kết luận", "208", None, "TB/TU")]),
        ("triển khai Công điện số 11/CĐ-TTg về phòng chống bão", [("Công điện", "11", None, "CĐ-TTg")]),
        ("theo Hướng dẫn số 09-HD/BTGTU của Ban Tuyên giáo", [("Hướng dẫn", "09", None, "HD/BTGTU")]),
        (
            "nội dung của Nghị quyết 57 và Nghị quyết 68 đã được quán triệt",
            [("Nghị quyết", "57", None, None), ("Nghị quyết", "68", None, None)],
        ),
        # numbers listed before the one code they share
        (
            "các Quyết định số 41, 42 và 43/QĐ-UBND về công bố thủ tục",
            [("Quyết định", n, None, "QĐ-UBND") for n in ("41", "42", "43")],
        ),
        (
            "Quyết định số 7 và 8/2023/QĐ-UBND",
            [("Quyết định", "7", 2023, "QĐ-UBND"), ("Quyết định", "8", 2023, "QĐ-UBND")],
        ),
        (
            "các Quyết định số 101/QĐ-UBND, số 202/QĐ-UBND và 303/QĐ-UBND",
            [("Quyết định", n, None, "QĐ-UBND") for n in ("101", "202", "303")],
        ),
    ],
)
def test_citation_type_number_and_code(text: str, expected: list[tuple]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "quán triệt Nghị quyết Đại hội XIII của Đảng",
        "Nghị quyết Trung ương 6 (khóa XII) được triển khai",
        "Ủy ban đã ban hành 3 Chỉ thị, 12 công điện và nhiều văn bản",
        "xây dựng Kế hoạch 5 năm giai đoạn 2021 - 2025",
        "thực hiện Kế hoạch năm 2024 của quận",
        "Số: 77 /BC-UBND",
        "theo CT 5 của đơn vị",
        # a table's unit column and its count
        "1. Số văn bản chỉ đạo đã ban hành Văn bản 46",
        "Số văn bản quy phạm pháp luật do cấp tỉnh ban hành\tVăn bản\t132",
        "Tổng số quyết định cần xử lý\tQuyết định\t12",
        "Số văn bản cần xử lý sau kiểm tra Văn bản 0",
        "Ủy ban gửi Báo cáo 3 lần trong năm",
        # the number belongs to a document named inside the name, not to the first type
        "Kế hoạch triển khai Chỉ thị của Thủ tướng số 12/CT-TTg",
    ],
)
def test_mentions_without_a_document_number_are_not_references(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize(
    ("text", "date", "issuer"),
    [
        (
            "Thực hiện Kết luận số 55-TB/TU ngày 03 tháng 02 năm 2022 của Ban Thường vụ Thành ủy về tổ chức hội nghị",
            D(2022, 2, 3),
            "Ban Thường vụ Thành ủy",
        ),
        (
            "Căn cứ Quyết định số 99/QĐ-UBND ngày 5/9/2024 của Chủ tịch UBND tỉnh về việc thành lập",
            D(2024, 9, 5),
            "Chủ tịch UBND tỉnh",
        ),
        (
            "Căn cứ Công văn số 42/TĐKT ngày 01 tháng 03 năm 2023 của Hội đồng Thi đua - Khen thưởng huyện về đăng ký",
            D(2023, 3, 1),
            "Hội đồng Thi đua - Khen thưởng huyện",
        ),
        ("Nghị quyết số 50/NQ-CP ngày 20/5/2021 đã nêu", D(2021, 5, 20), None),
        ("Nghị định số 17 của Chính phủ, Nghị quyết số 8", None, "Chính phủ"),
        ("theo Nghị quyết số 11/2020/QH14 của Quốc hội1 về", None, "Quốc hội"),
        (  # "và" inside the agency's name does not end the issuer
            "theo Công văn số 512/SKHCN-QLCN ngày 3/4/2024 của Sở Khoa học và Công nghệ về việc góp ý",
            D(2024, 4, 3),
            "Sở Khoa học và Công nghệ",
        ),
        ("Căn cứ Thông tư số 08/2023/TT-BGDĐT của Bộ Giáo dục và Đào tạo quy định", None, "Bộ Giáo dục và Đào tạo"),
        ("Căn cứ Kế hoạch số 7/KH-SNV của Sở Nội vụ và Sở Tài chính về", None, "Sở Nội vụ"),
    ],
)
def test_date_and_issuer_printed_with_the_citation(text: str, date: dt.date | None, issuer: str | None) -> None:
    first = extract(text)[0]
    assert (first.ref_date, first.ref_issuer) == (date, issuer)


def test_hyphen_from_a_pdf_text_layer_is_read_as_a_hyphen() -> None:
    assert keys("tại Quyết định số 1716/QĐ\ufffeUBND về việc") == [("Quyết định", "1716", None, "QĐ-UBND")]


def test_the_documents_own_number_in_the_header_is_not_a_reference_but_in_the_body_it_is() -> None:
    header = (
        "Số: 12/KH-UBND\nHà Nội, ngày 02 tháng 3 năm 2022\nKẾ HOẠCH\n"
        "Triển khai Kế hoạch số 12/KH-UBND và Kế hoạch số 7/KH-UBND\n"
    )
    body = "Nội dung chi tiết. " * 60 + "\nPHỤ LỤC (Ban hành kèm theo Kế hoạch số 12/KH-UBND của Ủy ban nhân dân)\n"
    doc = make_doc(header + body)
    metadata.run(doc)
    references.run(doc)
    assert [r.ref_no for r in doc.references] == ["7", "12"]


def test_rule_file_loads_against_its_schema() -> None:
    data = rules.load("references.yaml", references.SCHEMA)
    assert any(t["name"] == "Văn bản" for t in data["types"])


@pytest.mark.parametrize("line", ["9" * 1_000_000, "1.2.3." * 200_000, "Quyết định số " + "1/" * 500_000])
def test_hostile_long_line_is_fast(line: str) -> None:
    start = time.perf_counter()
    extract(line)
    assert time.perf_counter() - start < 1.0


def test_dev_documents_match_gold_keys(shared: Path) -> None:
    for gold_path in sorted((shared / "gold" / "dev").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = make_doc((shared / "corpus" / "dev" / "txt" / f"{gold_path.stem}.txt").read_bytes())
        metadata.run(doc)
        references.run(doc)
        want = [(g["ref_type"], g["ref_no"].lstrip("0"), (g["ref_symbol"] or "").upper()) for g in gold["references"]]
        got = [(r.ref_type, r.ref_no.lstrip("0"), (r.ref_symbol or "").upper()) for r in doc.references]
        assert got == want, gold_path.stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a symbol the layout broke at a line end, after its own separator or after the number's
        ("Thực hiện Kế hoạch số 27/KH-\nUBND ngày 02/3/2024 của UBND huyện", [("Kế hoạch", "27", None, "KH-UBND")]),
        ("quán triệt Chỉ thị 36-\nCT/TU của Ban Thường vụ Tỉnh ủy", [("Chỉ thị", "36", None, "CT/TU")]),
        ("theo Quy định số 505-\nQĐ/TU về chế độ báo cáo", [("Quy định", "505", None, "QĐ/TU")]),
        ("thực hiện Nghị quyết 08- NQ/HU của Huyện ủy", [("Nghị quyết", "08", None, "NQ/HU")]),
        # after a break only a code in capitals goes on: here the next line's first word follows
        ("theo Kế hoạch số 12/KH-UBND-\nTrong thời gian tới", [("Kế hoạch", "12", None, "KH-UBND")]),
        ("theo Quyết định 12/QĐ- TTg của Thủ tướng", [("Quyết định", "12", None, "QĐ-TTg")]),
        # after a break only a code of capitals with a second part is a symbol: here a heading follows
        ("tổng kết Chỉ thị 05 - Kết quả thực hiện", [("Chỉ thị", "05", None, None)]),
        # dotted abbreviations inside the symbol; a sentence's full stop is not part of it
        ("Công văn 2250-CV/Th.U ngày 04/5/2021 của Thành ủy", [("Công văn", "2250", None, "CV/Th.U")]),
        ("theo Công văn số 91-CV/H.U.", [("Công văn", "91", None, "CV/H.U")]),
        # a list that carries the type over with only "số", across the first one's date and issuer
        (
            "văn bản số 3105/VPCP-NN ngày 12/5/2022 của Văn phòng Chính phủ, số 742/TTg-NN ngày 03/8/2022 "
            "của Thủ tướng Chính phủ",
            [("Văn bản", "3105", None, "VPCP-NN"), ("Văn bản", "742", None, "TTg-NN")],
        ),
        # a list announced with a colon before the first "số"
        (
            "theo các Quyết định: số 12/QĐ-UBND ngày 5/3/2024, số 15/QĐ-UBND ngày 7/3/2024 của UBND tỉnh",
            [("Quyết định", "12", None, "QĐ-UBND"), ("Quyết định", "15", None, "QĐ-UBND")],
        ),
        # types with a word between the type and "số" that says what kind
        ("đã cấp Giấy phép khai thác số 18/GP-UBND ngày 5/6/2019", [("Giấy phép", "18", None, "GP-UBND")]),
        ("theo Giấy phép thăm dò khoáng sản số 7/GP-BTNMT", [("Giấy phép", "7", None, "GP-BTNMT")]),
        ("thực hiện Kết luận thanh tra số 40/KL-TTr của Thanh tra tỉnh", [("Kết luận", "40", None, "KL-TTr")]),
        # a symbol printed without its hyphen is kept as printed
        ("theo Quyết định số 1855/QĐTTg ngày 20/11/2019", [("Quyết định", "1855", None, "QĐTTg")]),
    ],
)  # fmt: skip
def test_citations_the_layout_broke(text: str, expected: list[tuple]) -> None:
    assert keys(make_doc(text).text) == expected  # lines joined by normalize
    assert keys(text) == expected  # the line break kept (a PDF line that starts a block)
