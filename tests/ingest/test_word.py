"""Word files: .docx read in body order (paragraphs and tables), .doc through LibreOffice.

Fixtures are built here with python-docx; the real files in ../shared are checked when present.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.errors import IngestError
from pipeline.ingest.legacy import encode
from pipeline.records import Document
from pipeline.stages.normalize import run as normalize

docx = pytest.importorskip("docx")

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"


def make_doc(fmt: str = "docx") -> Document:
    return Document("id", f"x.{fmt}", f"x.{fmt}", "sha", fmt)


def build(fill) -> bytes:
    document = docx.Document()
    fill(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def read(data: bytes) -> str:
    doc = make_doc()
    ingest(doc, data)
    return doc.source.text


def header_table(document, left: list[str], right: list[str]) -> None:
    """The issuer | motto header of an administrative document, one row, cells of several lines."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def test_header_table_comes_out_left_column_first() -> None:
    def fill(document) -> None:
        header_table(
            document,
            ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG", "Số: 215/BC-UBND"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Đức Trọng, ngày 05 tháng 3 năm 2024",
            ],
        )
        document.add_paragraph("BÁO CÁO")
        document.add_paragraph("")  # empty paragraphs are skipped
        document.add_paragraph("Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2024")

    text = read(build(fill))
    assert text == (
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\nSố: 215/BC-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐức Trọng, ngày 05 tháng 3 năm 2024\n\n"
        "BÁO CÁO\n\nKết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2024"
    )


def test_data_table_rows_are_tab_separated_in_body_order() -> None:
    def fill(document) -> None:
        document.add_paragraph("Kết quả thu ngân sách như sau:")
        table = document.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        rows = [("STT", "Chỉ tiêu", "Kết quả"), ("1", "Tổng thu ngân sách", "1.234,5 tỷ đồng"), ("2", "Tỷ lệ", "93,7%")]
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        document.add_paragraph("Tình hình chung ổn định.")

    assert read(build(fill)) == (
        "Kết quả thu ngân sách như sau:\n\nSTT\tChỉ tiêu\tKết quả\n\n1\tTổng thu ngân sách\t1.234,5 tỷ đồng\n\n"
        "2\tTỷ lệ\t93,7%\n\nTình hình chung ổn định."
    )


def test_vertically_merged_cell_is_read_once() -> None:
    def fill(document) -> None:
        table = document.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        merged = table.cell(0, 0).merge(table.cell(1, 0))
        merged.text = "Nhóm A"
        table.cell(0, 1).text = "120 hộ"
        table.cell(1, 1).text = "80 hộ"
        table.cell(2, 0).text = "Nhóm B"
        table.cell(2, 1).text = "45 hộ"

    assert read(build(fill)) == "Nhóm A\t120 hộ\n\n\t80 hộ\n\nNhóm B\t45 hộ"


def test_a_cell_spanning_columns_stands_in_its_first_one_and_leaves_the_others_empty() -> None:
    # as the PDF reader writes a ruled table: each number stays under its own column header
    def fill(document) -> None:
        document.add_paragraph("Kết quả chỉ số năm 2024:")  # (a table at the top is no header laid out with tabs)
        table = document.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        table.cell(0, 1).merge(table.cell(0, 2)).text = "Chỉ số PCI"
        table.cell(0, 0).text = "Tỉnh"
        for k, text in enumerate(("", "Điểm số", "Thứ hạng")):
            table.cell(1, k).text = text
        for k, text in enumerate(("Tỉnh Alpha", "66,12", "21/63")):
            table.cell(2, k).text = text

    assert read(build(fill)) == (
        "Kết quả chỉ số năm 2024:\n\nTỉnh\tChỉ số PCI\t\n\n\tĐiểm số\tThứ hạng\n\nTỉnh Alpha\t66,12\t21/63"
    )


def test_tab_laid_header_and_signature_become_columns() -> None:
    def fill(document) -> None:
        for line in (
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH BÌNH PHƯỚC\tĐộc lập - Tự do - Hạnh phúc",
            "Số: 12/CT-UBND\tĐồng Xoài, ngày 02 tháng 6 năm 2015",
            "CHỈ THỊ",
            "Về việc tăng cường công tác phòng cháy, chữa cháy.",
            "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN",
            "- Như trên;\tCHỦ TỊCH",
            "- Lưu: VT.",
            "\t\tTrần Văn Minh",
        ):
            document.add_paragraph(line)

    assert read(build(fill)) == (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC\nSố: 12/CT-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐồng Xoài, ngày 02 tháng 6 năm 2015\n\n"
        "CHỈ THỊ\n\nVề việc tăng cường công tác phòng cháy, chữa cháy.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Minh"
    )


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thực hiện Kế hoạch số 88/KH-UBND")
    text = read(build(lambda d: d.add_paragraph(decomposed)))
    assert text == "Thực hiện Kế hoạch số 88/KH-UBND"
    assert unicodedata.is_normalized("NFC", text)


def test_docx_in_tcvn3_font_is_converted() -> None:
    lines = [
        "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2015",
        "Tổng thu ngân sách nhà nước trên địa bàn đạt 1.250 tỷ đồng, tăng 12% so với cùng kỳ.",
        "Giải quyết việc làm cho 8.000 lượt lao động, đạt 55% kế hoạch năm.",
    ]

    def fill(document) -> None:
        for line in lines:
            document.add_paragraph().add_run(encode(line, "tcvn3")).font.name = ".VnTime"

    doc = make_doc()
    ingest(doc, build(fill))
    assert doc.source.text == "\n\n".join(lines)
    assert doc.source.encoding_fix == "tcvn3"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04 truncated zip", "not_docx"),
        (b"this is plain text, not a Word file", "not_docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "doc_named_docx"),
    ],
)
def test_bad_docx_raises_ingest_error(data: bytes, code: str) -> None:
    with pytest.raises(IngestError) as err:
        ingest(make_doc(), data)
    assert err.value.code == code


def test_zip_that_is_not_a_word_document() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(IngestError) as err:
        ingest(make_doc(), buf.getvalue())
    assert err.value.code == "not_docx"


def test_doc_without_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(IngestError) as err:
        ingest(make_doc("doc"), b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert err.value.code == "libreoffice_missing"
    assert "apt-get install libreoffice-writer" in str(err.value)


# Real files: (path under corpus/real, a line the text must hold, what the header must show)
REAL_DOCX = [
    ("lamdong_vbai/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx", "Số: /KH-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    ("lamdong_vbai/BAO CAO CCHC NAM 2025.docx", "Số: /BC-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    (
        "lamdong_vbai/BC TỔNG KÊT CHIẾN LƯỢC PCMT.docx",
        "Lâm Đồng, ngày tháng 3 năm 2026",
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    ),
    ("lamdong_vbai/Bao cao cham diem PAR Index Lam Dong 2025.docx", "Số: /BC-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    ("vinhlong_nhanluc/02_Du_thao_Nghi_quyet_trinh_thong_qua_HDND_tinh.docx", "Số: /2026/NQ-HĐND", "HỘI ĐỒNG NHÂN DÂN"),
]
# One real .doc only: each LibreOffice start costs ~4 s, and both files take the same path.
REAL_DOC = [
    ("qlvb_quanhuyen_2011/CT9UB.DOC", "Số: 09/2009/CT-UBND", "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"),
]


def _read_real(rel: str, fmt: str) -> Document:
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"{path} not available (shared corpus absent)")
    doc = Document("id", path.name, path.name, "sha", fmt)
    ingest(doc, path.read_bytes())
    normalize(doc)
    return doc


@pytest.mark.parametrize(("rel", "line", "issuer"), REAL_DOCX)
def test_real_docx_header(rel: str, line: str, issuer: str) -> None:
    doc = _read_real(rel, "docx")
    lines = doc.text.split("\n")
    assert line in lines
    assert lines[0].startswith(issuer)  # the issuer comes first, not interleaved with the motto
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[:6]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed: .doc cannot be read")
@pytest.mark.parametrize(("rel", "line", "issuer"), REAL_DOC)
def test_real_doc_through_libreoffice(rel: str, line: str, issuer: str) -> None:
    doc = _read_real(rel, "doc")
    lines = doc.text.split("\n")
    assert line in lines
    assert lines[0] == issuer
    assert "doc_converted" in [d.code for d in doc.diagnostics]


# --- Automatic list numbering (numbering.xml) ---------------------------------------------------

NUMBERING_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# An outline as Vietnamese reports use it: "I." sections, "1." items, "a)" points, "1.1." sub-items.
OUTLINE = [
    # (format, level text, start)
    ("upperRoman", "%1.", 1),
    ("decimal", "%2.", 1),
    ("lowerLetter", "%3)", 1),
]


def add_list(
    document,
    abstract_id: int,
    num_ids: list[int],
    levels: list[tuple[str, str, int]],
    *,
    starts: dict[int, dict[int, int]] | None = None,
    extra: str = "",
) -> None:
    """An abstract list definition and its num instances (``starts``: numId -> {ilvl: startOverride})."""
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra if i else ""}</w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    first_num = root.find(qn("w:num"))
    abstract = parse_xml(f'<w:abstractNum {NUMBERING_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
    for num_id in num_ids:
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for k, v in (starts or {}).get(num_id, {}).items()
        )
        root.append(
            parse_xml(
                f'<w:num {NUMBERING_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
            )
        )


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as _qn

    return _qn(tag)


def numbered(document, text: str, num_id: int, ilvl: int = 0) -> None:
    num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def read_lines(fill) -> list[str]:
    return read(build(fill)).split("\n\n")


def test_outline_levels_and_restarts() -> None:
    def fill(document) -> None:
        add_list(document, 90, [90], OUTLINE)
        for text, ilvl in [
            ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ", 0),
            ("Công tác chỉ đạo, điều hành", 1),
            ("Ban hành văn bản chỉ đạo", 2),
            ("Kiểm tra, đôn đốc thực hiện", 2),
            ("Công tác tuyên truyền", 1),
            ("Kết quả tuyên truyền trên báo chí", 2),
            ("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", 0),
            ("Tiếp tục rà soát thủ tục hành chính", 1),
            ("Rà soát quy trình nội bộ", 2),
        ]:
            numbered(document, text, 90, ilvl)

    assert read_lines(fill) == [
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "1. Công tác chỉ đạo, điều hành",
        "a) Ban hành văn bản chỉ đạo",
        "b) Kiểm tra, đôn đốc thực hiện",
        "2. Công tác tuyên truyền",
        "a) Kết quả tuyên truyền trên báo chí",  # a higher level advanced: the points start over
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "1. Tiếp tục rà soát thủ tục hành chính",
        "a) Rà soát quy trình nội bộ",
    ]


@pytest.mark.parametrize(
    ("levels", "paragraphs", "expected"),
    [
        # multi-level decimal labels repeat the higher levels' counters
        (
            [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)],
            [("Kết quả đạt được", 0), ("Về kinh tế", 1), ("Về xã hội", 1)],
            ["1. Kết quả đạt được", "1.1. Về kinh tế", "1.2. Về xã hội"],
        ),
        # literal words around the number, and a start other than 1
        (
            [("upperRoman", "Phần thứ %1", 2)],
            [("Tổ chức thực hiện", 0), ("Điều khoản thi hành", 0)],
            ["Phần thứ II Tổ chức thực hiện", "Phần thứ III Điều khoản thi hành"],
        ),
        # closing parenthesis, upper-case letters
        (
            [("decimal", "%1)", 1), ("upperLetter", "%2.", 1)],
            [("Nhóm giải pháp", 0), ("Về thể chế", 1), ("Về nguồn lực", 1)],
            ["1) Nhóm giải pháp", "A. Về thể chế", "B. Về nguồn lực"],
        ),
        # bullets are written as "-" whatever symbol Word draws
        (
            [("bullet", "\uf0b7", 1)],
            [("Tăng cường kiểm tra", 0), ("Đẩy mạnh tuyên truyền", 0)],
            ["- Tăng cường kiểm tra", "- Đẩy mạnh tuyên truyền"],
        ),
        # a level without a number ("none") adds nothing
        (
            [("none", "", 1)],
            [("Đoạn văn thụt lề", 0)],
            ["Đoạn văn thụt lề"],
        ),
    ],
)
def test_level_formats(levels, paragraphs, expected) -> None:
    def fill(document) -> None:
        add_list(document, 91, [91], levels)
        for text, ilvl in paragraphs:
            numbered(document, text, 91, ilvl)

    assert read_lines(fill) == expected


def test_legal_numbering_shows_higher_levels_in_decimal() -> None:
    def fill(document) -> None:
        add_list(document, 92, [92], [("upperRoman", "%1.", 1), ("decimal", "%1.%2.", 1)], extra="<w:isLgl/>")
        numbered(document, "ĐÁNH GIÁ CHUNG", 92, 0)
        numbered(document, "Ưu điểm", 92, 1)

    assert read_lines(fill) == ["I. ĐÁNH GIÁ CHUNG", "1.1. Ưu điểm"]


def test_nums_of_one_definition_share_counters_until_a_start_override() -> None:
    def fill(document) -> None:
        # Word's "continue numbering" makes a second num over the same definition; "restart at 1"
        # makes one with a startOverride.
        add_list(document, 93, [93, 94, 95], [("decimal", "%1.", 1)], starts={95: {0: 1}})
        numbered(document, "Sở Nội vụ", 93)
        numbered(document, "Sở Tài chính", 93)
        document.add_paragraph("Các đơn vị phối hợp:")
        numbered(document, "Sở Tư pháp", 94)
        document.add_paragraph("Danh sách thứ hai:")
        numbered(document, "Công an tỉnh", 95)
        numbered(document, "Bộ Chỉ huy Quân sự tỉnh", 95)
        numbered(document, "Sở Y tế", 93)  # the first num again: continues from the last label

    assert read_lines(fill) == [
        "1. Sở Nội vụ",
        "2. Sở Tài chính",
        "Các đơn vị phối hợp:",
        "3. Sở Tư pháp",
        "Danh sách thứ hai:",
        "1. Công an tỉnh",
        "2. Bộ Chỉ huy Quân sự tỉnh",
        "3. Sở Y tế",
    ]


def test_empty_numbered_paragraph_still_counts_and_numbering_in_tables() -> None:
    def fill(document) -> None:
        add_list(document, 96, [96], [("decimal", "%1.", 1)])
        numbered(document, "Nhiệm vụ thứ nhất", 96)
        numbered(document, "", 96)  # Word draws "2." on the empty line
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        cell = table.cell(0, 1)
        num_pr = cell.paragraphs[0]._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 96
        cell.paragraphs[0].add_run("Nhiệm vụ trong bảng")
        table.cell(0, 0).text = "Ghi chú"
        numbered(document, "\tNhiệm vụ sau bảng", 96)  # a typed tab after Word's own gap is not a column break

    assert read_lines(fill) == ["1. Nhiệm vụ thứ nhất", "Ghi chú\t3. Nhiệm vụ trong bảng", "4. Nhiệm vụ sau bảng"]


def test_numbering_from_paragraph_styles() -> None:
    def fill(document) -> None:
        # the default template's "List Number" and "List Bullet" carry their numbering in the style
        document.add_paragraph("Rà soát văn bản quy phạm pháp luật", style="List Number")
        document.add_paragraph("Kiểm tra công tác cải cách hành chính", style="List Number")
        document.add_paragraph("Niêm yết công khai thủ tục", style="List Bullet")
        # a heading style numbered through its own numPr (and a style based on it inherits it)
        add_list(document, 97, [97], [("upperRoman", "%1.", 1)])
        heading = document.styles["Heading 1"]
        num_pr = heading.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = 97
        document.add_paragraph("TÌNH HÌNH CHUNG", style="Heading 1")
        document.add_paragraph("GIẢI PHÁP", style="Heading 1")
        numbered(document, "Nội dung không đánh số", 0)  # numId 0 switches numbering off

    assert read_lines(fill) == [
        "1. Rà soát văn bản quy phạm pháp luật",
        "2. Kiểm tra công tác cải cách hành chính",
        "- Niêm yết công khai thủ tục",
        "I. TÌNH HÌNH CHUNG",
        "II. GIẢI PHÁP",
        "Nội dung không đánh số",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "lowerLetter", "a"),
        (7, "lowerLetter", "g"),  # Word's alphabet: no "đ" after "d"
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (53, "upperLetter", "AAA"),
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (5, "decimalZero", "05"),
        (12, "decimalZero", "12"),
        (3, "decimalEnclosedParen", "(3)"),
        (8, "ordinal", "8"),  # formats without a rule fall back to decimal
    ],
)
def test_format_number(n: int, fmt: str, shown: str) -> None:
    from pipeline.ingest.word_numbering import format_number

    assert format_number(n, fmt) == shown


def test_hostile_numbered_paragraph_is_fast() -> None:
    import time

    def fill(document) -> None:
        add_list(document, 98, [98], [("decimal", "%1." * 2000, 1)])
        numbered(document, "1.2.3.4." * 125_000, 98)

    data = build(fill)
    started = time.perf_counter()
    text = read(data)
    assert time.perf_counter() - started < 1.0
    assert text.startswith("1." * 2000 + " 1.2.3.4.")


def _sections(rel: str) -> list:
    from pipeline.runner import process_file, select_stages

    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"{path} not available (shared corpus absent)")
    doc = process_file(path, stages=select_stages(["references", "dates", "figures", "checks"]))
    return doc.sections


def test_real_plan_numbered_headings_become_sections() -> None:
    sections = _sections("lamdong_vbai/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx")
    by_id = {s.section_id: s for s in sections}
    numbered_items = [
        (s.marker, s.heading) for s in sections if s.parent_id and by_id[s.parent_id].marker == "I" and s.level == 2
    ]
    assert [m for m, _ in numbered_items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert numbered_items[0][1].startswith("Cải cách thể chế")
    # the points "a) Mục tiêu" now sit under their numbered field, not directly under "I."
    assert all(s.level == 3 for s in sections if s.marker in ("a", "b") and s.heading.startswith("Mục tiêu"))


def test_real_monthly_report_skips_ii_in_its_source() -> None:
    # This report has no automatic numbering at all: its typed headings go from "I." to "III."
    # (checked in word/document.xml), so the missing "II." is the source's, not the reader's.
    sections = _sections("lamdong_vbai/BC tháng 3.2026 BCĐ tỉnh.docx")
    assert [s.marker for s in sections if s.level == 1] == ["I", "III"]
