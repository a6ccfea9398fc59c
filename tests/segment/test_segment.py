"""Segment: sections start at structural markers and nest by numbering, not by markdown level."""

from __future__ import annotations

import json
import time

import pytest

from pipeline import rules
from pipeline.records import Document
from pipeline.stages import segment
from tests.helpers import make_doc


def sections(source: str) -> list[tuple[str, str, str]]:
    """(path, marker_kind, heading) of every section of a document written in the test."""
    doc = make_doc(source)
    segment.run(doc)
    return [(s.path, s.marker_kind, s.heading) for s in doc.sections]


def blocks(*lines: str) -> str:
    """Lines of a document, one block each (a blank line between them, as in the reports)."""
    return "\n\n".join(lines) + "\n"


def paths(source: str) -> list[str]:
    return [p for p, _, _ in sections(source)]


# ------------------------------------------------------------------ one line, one marker


@pytest.mark.parametrize(
    ("line", "marker", "kind", "number", "heading"),
    [
        ("## **Phần thứ hai: KẾT QUẢ THỰC HIỆN NHIỆM VỤ**", "Phần thứ hai", "part", 2, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ"),
        ("PHẦN THỨ TƯ - BÀI HỌC KINH NGHIỆM", "Phần thứ tư", "part", 4, "BÀI HỌC KINH NGHIỆM"),
        ("Phần thứ mười một. Kiến nghị", "Phần thứ mười một", "part", 11, "Kiến nghị"),
        ("PHẦN II. NHIỆM VỤ TRỌNG TÂM", "Phần II", "part", 2, "NHIỆM VỤ TRỌNG TÂM"),
        ("Chương III: TỔ CHỨC THỰC HIỆN", "Chương III", "part", 3, "TỔ CHỨC THỰC HIỆN"),
        ("Điều 4. Hiệu lực thi hành", "Điều 4", "part", 4, "Hiệu lực thi hành"),
        (
            "**Nội dung 7:** Thi đua xây dựng nông thôn mới.",
            "Nội dung 7",
            "content",
            7,
            "Thi đua xây dựng nông thôn mới.",
        ),
        ("## **IV. TỔ CHỨC THỰC HIỆN**", "IV", "roman", 4, "TỔ CHỨC THỰC HIỆN"),
        ("II- Phương hướng quý IV năm 2022", "II", "roman", 2, "Phương hướng quý IV năm 2022"),
        ("XIV) Các nhiệm vụ khác:", "XIV", "roman", 14, "Các nhiệm vụ khác"),
        ("B. CHÍNH SÁCH THU HÚT NHÂN LỰC", None, None, None, None),  # a capital letter opens a list only at A.
        ("A. CHÍNH SÁCH THU HÚT NHÂN LỰC", "A", "letter", 1, "CHÍNH SÁCH THU HÚT NHÂN LỰC"),
        ("### **3. Thời gian thực hiện**", "3", "arabic", 3, "Thời gian thực hiện"),
        ("03. Công tác cải cách hành chính:", "3", "arabic", 3, "Công tác cải cách hành chính"),
        ("1- Đẩy mạnh tiêm chủng mở rộng", "1", "arabic", 1, "Đẩy mạnh tiêm chủng mở rộng"),
        ("2) Hoàn thiện hồ sơ dự án", "2", "arabic", 2, "Hoàn thiện hồ sơ dự án"),
        ("**2.3.** Thi đua cải cách hành chính.", "2.3", "decimal", 3, "Thi đua cải cách hành chính."),
        ("1.2 Cá nhân", "1.2", "decimal", 2, "Cá nhân"),
        ("3.1.2. Hạ tầng số", "3.1.2", "decimal", 2, "Hạ tầng số"),
        ("*a) Về chuyển đổi số:*", "a", "letter", 1, "Về chuyển đổi số"),
        ("a. Vốn ngân sách tập trung", "a", "letter", 1, "Vốn ngân sách tập trung"),
        ("a/ Về giáo dục", "a", "letter", 1, "Về giáo dục"),
        ("1/ Công tác tuyên truyền", "1", "arabic", 1, "Công tác tuyên truyền"),
        ("III/ KIẾN NGHỊ", "III", "roman", 3, "KIẾN NGHỊ"),
        ("đ) Về an sinh xã hội", None, None, None, None),  # "đ)" with no "a)" before it opens no list
    ],
)
def test_marker_line(line: str, marker: str | None, kind: str | None, number: int | None, heading: str | None) -> None:
    doc = make_doc(f"Ủy ban nhân dân quận báo cáo như sau.\n\n{line}\n\nNội dung báo cáo chi tiết của mục này.\n")
    segment.run(doc)
    if marker is None:
        assert doc.sections == []
        return
    (s,) = doc.sections
    assert (s.marker, s.marker_kind, s.number, s.heading) == (marker, kind, number, heading)
    assert doc.text[s.char_start :].startswith(line.strip("#* ")[:1])


@pytest.mark.parametrize(
    "line",
    [
        "145.787 lượt người được giải quyết việc làm trong 6 tháng.",
        "2.009.109/2.143.994 hộ dân đã được cấp nước sạch.",
        "24/6/2021 là ngày khai mạc kỳ họp.",
        "30/4 là ngày giải phóng miền Nam.",
        "148/178 đơn vị đã đăng ký thi đua.",
        "6-8/7/2021 diễn ra kỳ thi tốt nghiệp.",
        "5 - 7 người mỗi tổ công tác.",
        "Đợt 1: Từ ngày 07 tháng 3 năm 2020 đến ngày 30 tháng 4 năm 2020.",
        "- Đẩy mạnh tuyên truyền về phòng, chống dịch.",
        "+ Tổ chức kiểm tra định kỳ.",
        "Nội dung 3 của Kế hoạch đã hoàn thành đúng tiến độ.",
        "Điều 5 của Luật Đầu tư công quy định rõ trách nhiệm.",
        "Chương trình hành động của Thành ủy được triển khai.",
        "Mục tiêu của Đề án là đào tạo 50 cán bộ.",
        "2021 - 2025 là giai đoạn bản lề.",
        "1\tNông nghiệp sạch\t60%",
        "1. Nguồn: Báo cáo số 101/BC-UBND ngày 01/12/2017 của Ủy ban nhân dân tỉnh.",
    ],
)
def test_not_a_section(line: str) -> None:
    doc = make_doc(f"Nội dung báo cáo.\n\n{line}\n")
    segment.run(doc)
    assert doc.sections == []


# ------------------------------------------------------------------ headings


def test_marker_alone_takes_the_next_line_as_heading() -> None:
    got = sections("### Phần thứ nhất\n\n## ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN\n\nTrong quý, các đơn vị đã triển khai.\n")
    assert got == [("Phần thứ nhất", "part", "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN")]


def test_marker_alone_before_another_marker_has_no_heading() -> None:
    got = sections("I.\n\n1. Công tác chỉ đạo\n")
    assert got == [("I", "roman", ""), ("I > 1", "arabic", "Công tác chỉ đạo")]


def test_numbered_item_heading_is_the_whole_line() -> None:
    line = "**3. Ủy ban Mặt trận Tổ quốc quận** phối hợp với chính quyền tuyên truyền sâu rộng."
    got = sections(f"II. TỔ CHỨC THỰC HIỆN\n\n{line}\n")
    assert got[1][2] == "Ủy ban Mặt trận Tổ quốc quận phối hợp với chính quyền tuyên truyền sâu rộng."


# ------------------------------------------------------------------ the tree

REPORT = """\
Số: 99/BC-UBND

## BÁO CÁO

### Phần thứ nhất

## TÌNH HÌNH CHUNG

Trong kỳ báo cáo, tình hình kinh tế tiếp tục phục hồi.

## **Phần thứ hai**

### **KẾT QUẢ THỰC HIỆN**

#### **1. Kết quả thực hiện các chỉ tiêu**

Tổng thu ngân sách ước đạt 1.200 tỷ đồng.

## **2. Về phòng, chống dịch:**

Các ca bệnh được kiểm soát chặt chẽ.

### **3. Về kết quả thi đua**

**Nội dung 1:** Thi đua cải cách hành chính.

**Nội dung 2:** Thi đua chuyển đổi số.

*a) Về kho dữ liệu dùng chung:*

Đã kết nối 21/24 đơn vị.

*b) Về trung tâm điều hành:*

Đã vận hành giai đoạn 1.

**Nội dung 3:** Thi đua chỉnh trang đô thị.

a) Về thu hồi đất, các quận đã bàn giao mặt bằng.

b) Về vận hành dự án, sở đã trình phương án.

#### **4. Nhận xét, đánh giá chung**

##### **a) Những mặt đạt được**

- Các đơn vị triển khai kịp thời.

### **b) Những mặt hạn chế**

- Một số đơn vị còn chậm.

### **Phần thứ ba**

### **NHIỆM VỤ TRỌNG TÂM**

1. Tiếp tục phòng, chống dịch.

2. Đẩy mạnh tuyên truyền.

**Nơi nhận:**

- Thường trực Thành ủy;
- Lưu: VT.

**CHỦ TỊCH**
"""


def test_numbering_decides_the_tree_not_markdown_levels() -> None:
    assert paths(REPORT) == [
        "Phần thứ nhất",
        "Phần thứ hai",
        "Phần thứ hai > 1",
        "Phần thứ hai > 2",
        "Phần thứ hai > 3",
        "Phần thứ hai > 3 > Nội dung 1",
        "Phần thứ hai > 3 > Nội dung 2",
        "Phần thứ hai > 3 > Nội dung 2 > a",
        "Phần thứ hai > 3 > Nội dung 2 > b",
        "Phần thứ hai > 3 > Nội dung 3",
        "Phần thứ hai > 3 > Nội dung 3 > a",
        "Phần thứ hai > 3 > Nội dung 3 > b",
        "Phần thứ hai > 4",
        "Phần thứ hai > 4 > a",
        "Phần thứ hai > 4 > b",
        "Phần thứ ba",
        "Phần thứ ba > 1",
        "Phần thứ ba > 2",
    ]


def test_ids_parents_levels_and_spans() -> None:
    doc = make_doc(REPORT)
    segment.run(doc)
    by_id = {s.section_id: s for s in doc.sections}
    assert [s.section_id for s in doc.sections][:3] == ["s0001", "s0002", "s0003"]
    for s in doc.sections:
        parent = by_id.get(s.parent_id) if s.parent_id else None
        assert s.level == (parent.level + 1 if parent else 1)
        assert s.path == (f"{parent.path} > {s.marker}" if parent else s.marker)
        assert doc.text[s.char_start : s.char_start + len(s.marker.split()[0])].lower() == s.marker.split()[0].lower()
        if parent:
            assert parent.char_start < s.char_start and s.char_end <= parent.char_end
        assert s.page_start is None and s.page_end is None
    part2 = doc.sections[1]
    part3 = next(s for s in doc.sections if s.marker == "Phần thứ ba")
    assert part2.char_end == part3.char_start
    assert doc.sections[-1].char_end == len(doc.text)


def test_decimal_goes_under_its_arabic_and_roman_closes_it() -> None:
    source = blocks(
        "I. MỤC ĐÍCH",
        "1. Mục đích",
        "II. NỘI DUNG",
        "1. Đối tượng",
        "1.1. Tập thể",
        "## **1.2. Cá nhân**",
        "## **2. Nội dung thi đua**",
        "2.1. Thi đua thứ nhất.",
        "2.2. Thi đua thứ hai.",
        "III. KHEN THƯỞNG",
        "1. Tiêu chí",
    )
    assert paths(source) == [
        "I",
        "I > 1",
        "II",
        "II > 1",
        "II > 1 > 1.1",
        "II > 1 > 1.2",
        "II > 2",
        "II > 2 > 2.1",
        "II > 2 > 2.2",
        "III",
        "III > 1",
    ]


def test_capital_letters_nest_between_part_and_roman() -> None:
    source = blocks(
        "PHẦN THỨ HAI",
        "TỔNG KẾT CÁC ĐỀ ÁN",
        "A. ĐỀ ÁN THỨ NHẤT",
        "I. TÌNH HÌNH",
        "II. KẾT QUẢ",
        "1. Những mặt làm được",
        "B. ĐỀ ÁN THỨ HAI",
        "I. TÌNH HÌNH",
    )
    assert paths(source) == [
        "Phần thứ hai",
        "Phần thứ hai > A",
        "Phần thứ hai > A > I",
        "Phần thứ hai > A > II",
        "Phần thứ hai > A > II > 1",
        "Phần thứ hai > B",
        "Phần thứ hai > B > I",
    ]


def test_roman_or_letter_follows_the_open_sequence() -> None:
    # "I." after "H." continues the capital letters; the first "I." of a document is Roman one
    source = "A. Mở đầu\n\nB. Thân bài\n\nC. Ý kiến\n\nD. Kiến nghị\n\nĐ. Khác\n\nE. Một\n\nG. Hai\n\nH. Ba\n\nI. Bốn\n"
    doc = make_doc(source)
    segment.run(doc)
    assert [(s.marker, s.marker_kind, s.number) for s in doc.sections][-2:] == [("H", "letter", 8), ("I", "letter", 9)]


def test_list_restart_in_another_style_nests_under_the_item() -> None:
    source = blocks(
        "1. Công tác chỉ đạo",
        "2. Công tác kiểm tra, gồm:",
        "1) Kiểm tra định kỳ.",
        "2) Kiểm tra đột xuất.",
        "3. Công tác khen thưởng",
    )
    assert paths(source) == ["1", "2", "2 > 1", "2 > 2", "3"]


def test_same_style_restart_after_an_unnumbered_heading_stays_at_its_level() -> None:
    source = (
        "I. GIẢI PHÁP\n\n* Về thu ngân sách:\n\n1. Tuyên truyền chính sách thuế.\n\n2. Chống thất thu.\n\n"
        "* Về chi ngân sách:\n\n1. Chi đúng dự toán.\n\n2. Tăng cường giám sát.\n"
    )
    assert paths(source) == ["I", "I > 1", "I > 2", "I > 1", "I > 2"]


def test_legal_style_articles_clauses_and_points() -> None:
    source = blocks(
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "1. Quy định này áp dụng cho các sở.",
        "a) Sở Nội vụ;",
        "b) Sở Tài chính.",
        "Điều 2. Đối tượng áp dụng",
        "Chương II",
        "QUY ĐỊNH CỤ THỂ",
        "Điều 3. Mức hỗ trợ",
    )
    assert paths(source) == [
        "Chương I",
        "Chương I > Điều 1",
        "Chương I > Điều 1 > 1",
        "Chương I > Điều 1 > 1 > a",
        "Chương I > Điều 1 > 1 > b",
        "Chương I > Điều 2",
        "Chương II",
        "Chương II > Điều 3",
    ]


def test_signature_block_is_not_sections_but_an_appendix_is() -> None:
    source = (
        "I. KẾT QUẢ\n\nĐã hoàn thành.\n\nNơi nhận:\n\n- Như trên;\n\n1. Lưu: VT.\n\nKT. CHỦ TỊCH\n\n"
        "PHỤ LỤC\n\nI. DANH MỤC DỰ ÁN\n"
    )
    assert paths(source) == ["I", "I"]


@pytest.mark.parametrize(
    ("after_signature", "expected"),
    [
        # a regulation issued with the document starts the body again at "(Ban hành kèm theo ...)"
        (
            "QUY ĐỊNH\n\nVề hỗ trợ cán bộ đi học\n\n(Ban hành kèm theo Nghị quyết số 5/2026/NQ-HĐND)\n\n"
            "Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\n1. Quy định này áp dụng cho tỉnh.\n",
            ["Điều 1", "Chương I", "Chương I > Điều 1", "Chương I > Điều 1 > 1"],
        ),
        # an appendix table printed as lines by a PDF text layer: its rows are no sections
        (
            "PHỤ LỤC\n\n(Kèm theo Báo cáo số 9/BC-UBND)\n\nSTT\n\nChỉ tiêu\n\n1. Số văn bản đã ban hành Văn bản 12\n\n"
            "2.1. Tỷ lệ hoàn thành % 100\n\nPhụ lục II\n\n1. Nhóm ngành kinh tế\n",
            ["Điều 1", "1"],
        ),
    ],
)
def test_after_the_signature_an_attached_regulation_is_read_but_appendix_tables_are_not(
    after_signature: str, expected: list[str]
) -> None:
    source = (
        "Điều 1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.\n\nNơi nhận:\n\n- Như Điều 1;\n\n- Lưu: VT.\n\n"
        "CHỦ TỊCH\n\nLê Văn Bình\n\n" + after_signature
    )
    assert paths(source) == expected


@pytest.mark.parametrize(
    ("quoted", "expected"),
    [
        # an article quoted from another text under a list item is no section
        ("Điều 5. Chính sách thu hút người có tài năng", ["1", "1 > a", "2"]),
        ("Chương II. Tổ chức thực hiện", ["1", "1 > a", "2"]),
    ],
)
def test_article_quoted_under_a_list_item_is_not_a_section(quoted: str, expected: list[str]) -> None:
    source = blocks("1. Về dự thảo Quy định", "a) Về nội dung", quoted, "Nội dung điều này cần làm rõ.", "2. Kiến nghị")
    assert paths(source) == expected


def test_part_under_a_roman_heading_is_still_a_section() -> None:
    source = blocks("Chương 4. BẢNG HỎI", "I. CẤU TRÚC PHIẾU", "Phần 1. Thông tin về hộ", "Phần 2. Thông tin về nhà ở")
    assert paths(source) == ["Chương 4", "Chương 4 > I", "Chương 4 > I > Phần 1", "Chương 4 > I > Phần 2"]


def test_list_restarting_after_a_decimal_heading_nests_under_it() -> None:
    source = blocks(
        "3. Nội dung chính sách",
        "3.1. Hỗ trợ đào tạo",
        "1. Đối tượng hỗ trợ",
        "a) Công chức cấp tỉnh;",
        "2. Mức hỗ trợ",
        "3.2. Thu hút nhân lực",
        "1. Đối tượng thu hút",
        "4. Tổ chức thực hiện",
    )
    assert paths(source) == [
        "3",
        "3 > 3.1",
        "3 > 3.1 > 1",
        "3 > 3.1 > 1 > a",
        "3 > 3.1 > 2",
        "3 > 3.2",
        "3 > 3.2 > 1",
        "4",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (  # "cụ thể:" announces the list: the same-style "1." nests under the open "1."
            blocks(
                "II. NỘI DUNG DỰ THẢO",
                "1. Phạm vi điều chỉnh",
                "Nghị quyết quy định về các chính sách sau, cụ thể:",
                "1. Chính sách hỗ trợ học tập đối với công chức cấp xã.",
                "2. Chính sách khuyến khích viên chức ngành y tế.",
                "2. Bố cục của dự thảo",
                "a) Dự thảo gồm 03 điều.",
            ),
            ["II", "II > 1", "II > 1 > 1", "II > 1 > 2", "II > 2", "II > 2 > a"],
        ),
        (  # the announcing colon ends the item's own line
            blocks("1. Hồ sơ đề nghị gồm:", "1. Đơn đề nghị của cơ quan.", "2. Bản sao văn bằng.", "2. Thời hạn nộp"),
            ["1", "1 > 1", "1 > 2", "2"],
        ),
        (  # no announcing line: a same-style restart stays at its level
            blocks("1. Về thu ngân sách", "Thu đạt dự toán được giao.", "1. Về chi ngân sách", "2. Về vay nợ"),
            ["1", "1", "2"],
        ),
    ],
)
def test_same_style_restart_after_a_lead_in_line_nests(source: str, expected: list[str]) -> None:
    assert paths(source) == expected


# ------------------------------------------------------------------ rules and robustness


def test_rule_file_loads_and_every_example_matches_its_rule() -> None:
    data = rules.load("sections.yaml", segment.SCHEMA)
    r = segment.load_rules()
    for spec in data["markers"]:
        rule = next(m for m in r.markers if m.priority == spec["priority"])
        assert rule.pattern.match(spec["example"]), spec["example"]


def test_letters_follow_the_vietnamese_order() -> None:
    r = segment.load_rules()
    assert r.letters.index("đ") + 1 == 5 and r.letters.index("g") + 1 == 7 and r.letters.index("y") + 1 == 23


@pytest.mark.parametrize(
    "line", ["9" * 1_000_000, "1." * 500_000, "I" * 1_000_000, "a." + " " * 1_000_000, ": " * 500_000 + "x"]
)
def test_hostile_long_line_is_fast(line: str) -> None:
    doc = Document("x", "x.txt", "x.txt", "0", "txt")
    doc.text = f"1. Mở đầu\n{line}\n"
    started = time.perf_counter()
    segment.run(doc)
    assert time.perf_counter() - started < 1.0


def test_dev_corpus_matches_gold_sections(shared) -> None:
    """Every required gold section is found with its parent, and nothing else is emitted."""
    import sys

    sys.path.insert(0, str(shared / "eval"))
    from score import _gold_parent, match, section_key

    for gold_path in sorted((shared / "gold" / "dev").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = make_doc((shared / "corpus" / "dev" / "txt" / f"{gold_path.stem}.txt").read_bytes(), "d.txt")
        segment.run(doc)
        pred = [vars(s) for s in doc.sections]
        pairs, n_opt, n_pred = match(gold["sections"], pred, lambda g, p: section_key(g) == section_key(p))
        n_req = sum(1 for g in gold["sections"] if g.get("required", True))
        assert (len(pairs), n_pred - n_opt) == (n_req, n_req), gold_path.stem
        by_id = {p["section_id"]: p for p in pred}
        for gi, pi in pairs:
            gpar, ppar = _gold_parent(gold["sections"], gi), by_id.get(pred[pi]["parent_id"])
            assert (section_key(gpar) if gpar else None) == (section_key(ppar) if ppar else None)


# ------------------------------------------------------------------ items and misprints the layout shows


def test_bracketed_items_with_a_full_stop_are_sections_under_their_item() -> None:
    source = (
        "I. KẾT QUẢ\n1. Công tác chỉ đạo\n(1). Ban hành kế hoạch thực hiện.\n(2). Tổ chức hội nghị triển khai.\n"
        "2. Công tác kiểm tra\n"
    )
    assert sections(source) == [
        ("I", "roman", "KẾT QUẢ"),
        ("I > 1", "arabic", "Công tác chỉ đạo"),
        ("I > 1 > 1", "arabic", "Ban hành kế hoạch thực hiện."),
        ("I > 1 > 2", "arabic", "Tổ chức hội nghị triển khai."),
        ("I > 2", "arabic", "Công tác kiểm tra"),
    ]


def test_a_bracketed_number_inside_a_paragraph_is_no_section() -> None:
    assert paths("1. Nhiệm vụ\nCác xã thực hiện (1) rà soát hồ sơ, (2) báo cáo kết quả.\n") == ["1"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a second section printed with the same number (a misprint) is kept, as printed, beside the first
        ("1. Thu ngân sách\n2. Chi ngân sách\n2. Vốn đầu tư công\n3. Tín dụng\n", ["1", "2", "2", "3"]),
        ("I. KẾT QUẢ\nII. HẠN CHẾ\nII. NHIỆM VỤ\n", ["I", "II", "II"]),
        ("1. Thu\n1.1. Thuế\n1.1. Phí\n1.2. Lệ phí\n", ["1", "1 > 1.1", "1 > 1.1", "1 > 1.2"]),
    ],
)
def test_a_repeated_number_is_kept_as_printed(source: str, expected: list[str]) -> None:
    assert paths(source) == expected


@pytest.mark.parametrize(
    ("line", "path", "heading"),
    [
        # a PDF text layer that lost the space after the separator: the same section as in the text version
        ("II.NHIỆM VỤ TRỌNG TÂM", "II", "NHIỆM VỤ TRỌNG TÂM"),
        ("2.Công tác tuyên truyền", "2", "Công tác tuyên truyền"),
        ("2.1.Tuyên truyền trên báo chí", "2.1", "Tuyên truyền trên báo chí"),
    ],
)
def test_a_marker_glued_to_its_heading_is_the_same_section(line: str, path: str, heading: str) -> None:
    [(got_path, _, got_heading)] = sections(line + "\n")
    assert (got_path, got_heading) == (path, heading)


@pytest.mark.parametrize("line", ["TP.Hồ Chí Minh tổ chức hội nghị", "V.I.Lênin đã viết", "2.009.109 hộ dân"])
def test_glued_text_that_is_no_marker(line: str) -> None:
    assert sections(line + "\n") == []
