"""Legacy Vietnamese font encodings (TCVN3, VNI): detected, converted to Unicode NFC, char maps kept.

Fixtures are generated here: our own sentences encoded with the inverse of the tables in
rules/legacy_encodings.yaml (the bytes a .VnTime or VNI-Times document carries, read as Latin-1).
"""

from __future__ import annotations

import time
import unicodedata

import pytest

from pipeline.ingest import ingest
from pipeline.ingest.legacy import detect, encode, repair
from pipeline.records import Document, SourceText

# TCVN3 has no capital toned letters (the .VnTimeH fonts draw capitals from lowercase codes),
# so the TCVN3 sentences use only capitals it has: ASCII, Ă Â Ê Ô Ơ Ư Đ.
TCVN3_SENTENCES = [
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 12.345,6 tỷ đồng, tăng 8,5% so với cùng kỳ.",
    "Giải quyết việc làm cho 15.200 lượt người lao động, đạt 101,3% kế hoạch năm.",
    "Thực hiện Quyết định số 1187/QĐ-BNV ngày 15/10/2025 của Bộ Nội vụ về cải cách hành chính.",
    "Ông Nguyễn Văn Bình, Phó Chủ tịch ủy ban nhân dân huyện, chủ trì hội nghị sơ kết quý II.",
    "Thuỷ lợi, khoẻ mạnh, hoà giải, quỳ, quý, ngoằn ngoèo, xuềnh xoàng, khuỷu, nguyễn.",
]
VNI_SENTENCES = [
    *TCVN3_SENTENCES,
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024",
    "Chăm sóc sức khoẻ, kiểm tra việc chấp hành, ỵ, Ỵ, lẳng lặng, Ẳ.",
]
UNICODE_TEXTS = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc",
    "Hoá đơn điện tử, thuỷ lợi, hoà bình, quý I, khoẻ mạnh, toà án, loà xoà, què quặt.",
    "Tỷ lệ hộ nghèo giảm còn 1,2%; thu nhập bình quân đầu người đạt 75,5 triệu đồng/năm.",
    "The Provincial People's Committee approved the plan; total investment reached 1.2 trillion VND.",
    "Straße über München; año, señor, niño; garçon à la crème brûlée; smørrebrød, Ørsted.",
    "Kích thước 5 µm, tỷ lệ ½, nhiệt độ 25 °C, giá trị ± 3 § 2 ©.",
    "UBND tỉnh ban hành Kế hoạch số 88/KH-UBND; Nghị quyết số 54/2017/QH14.",
]


@pytest.mark.parametrize("sentence", TCVN3_SENTENCES)
def test_tcvn3_round_trip(sentence: str) -> None:
    source = SourceText(encode(sentence, "tcvn3") + "\n" + encode(TCVN3_SENTENCES[2], "tcvn3"))
    assert repair(source) == "tcvn3"
    assert source.text == sentence + "\n" + TCVN3_SENTENCES[2]
    assert unicodedata.is_normalized("NFC", source.text)


@pytest.mark.parametrize("sentence", VNI_SENTENCES)
def test_vni_round_trip(sentence: str) -> None:
    source = SourceText(encode(sentence, "vni") + "\n" + encode(VNI_SENTENCES[2], "vni"))
    assert repair(source) == "vni"
    assert source.text == sentence + "\n" + VNI_SENTENCES[2]


@pytest.mark.parametrize(
    ("legacy", "unicode", "name"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc", "vni"),
        # a PDF text layer of a .VnTime font gives U+2212 for "ư": "Thủ tướng", "Thông tư" ...
        (
            "Thñ t\u2212íng ChÝnh phñ ban hµnh Th«ng t\u2212 sè 05, gi¶m 3 \u2212 2",
            "Thủ tướng Chính phủ ban hành Thông tư số 05, giảm 3 \u2212 2",
            "tcvn3",
        ),
    ],
)
def test_known_legacy_lines(legacy: str, unicode: str, name: str) -> None:
    source = SourceText(legacy + "\n" + legacy)
    assert repair(source) == name
    assert source.text == unicode + "\n" + unicode


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_and_foreign_text_left_alone(text: str) -> None:
    source = SourceText(text * 3)
    assert repair(source) is None
    assert source.text == text * 3
    assert source.encoding_fix is None


def test_mixed_document_converts_only_legacy_lines() -> None:
    header = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 154/BC-UBND"
    body = "\n".join(encode(s, "tcvn3") for s in TCVN3_SENTENCES[2:6])
    source = SourceText(header + "\n" + body)
    assert repair(source) == "tcvn3"
    assert source.text == header + "\n" + "\n".join(TCVN3_SENTENCES[2:6])


def test_char_pages_and_boxes_follow_the_conversion() -> None:
    legacy = "Coäng hoøa"  # VNI: "oä" -> "ộ", "oø" -> "ò" (two chars make one)
    boxes = [(float(i), 10.0, float(i) + 1, 20.0) for i in range(len(legacy))]
    source = SourceText(legacy, char_pages=[1] * 5 + [2] * 5, char_boxes=boxes)
    for _ in range(3):  # enough bad words to detect
        source.text += "\n" + legacy
        source.char_pages += [9] + [1] * 5 + [2] * 5
        source.char_boxes += [None, *boxes]
    assert repair(source) == "vni"
    assert source.text.split("\n")[0] == "Cộng hòa"
    assert len(source.char_pages) == len(source.char_boxes) == len(source.text)
    # "ộ" came from "o" (box 1) and "ä" (box 2): union box, first page
    assert source.char_boxes[1] == (1.0, 10.0, 3.0, 20.0)
    assert source.char_pages[1] == 1
    assert source.char_boxes[4] == (5.0, 10.0, 6.0, 20.0)  # the space
    assert source.char_pages[6] == 2  # "ò" of "hoøa"
    assert source.char_pages[source.text.index("\n")] == 9


def test_text_file_in_tcvn3_bytes_goes_through_ingest() -> None:
    text = "\n".join(TCVN3_SENTENCES[:6]) + "\n"
    data = encode(text, "tcvn3").encode("latin-1")  # the bytes a .VnTime text file holds
    doc = Document("id", "bao_cao.txt", "bao_cao.txt", "sha", "txt")
    ingest(doc, data)
    assert doc.source.text == text
    assert doc.source.encoding_fix == "tcvn3"
    assert ("info", "legacy_encoding", "converted from tcvn3") in [
        (d.severity, d.code, d.message) for d in doc.diagnostics
    ]


def test_text_file_in_vni_bytes_goes_through_ingest() -> None:
    text = "\n".join(VNI_SENTENCES[7:] + VNI_SENTENCES[:4]) + "\n"
    doc = Document("id", "bao_cao.txt", "bao_cao.txt", "sha", "txt")
    ingest(doc, encode(text, "vni").encode("latin-1"))
    assert doc.source.text == text
    assert doc.source.encoding_fix == "vni"


def test_unicode_text_file_gets_no_fix() -> None:
    doc = Document("id", "bao_cao.txt", "bao_cao.txt", "sha", "txt")
    ingest(doc, "\n".join(UNICODE_TEXTS).encode("utf-8"))
    assert doc.source.encoding_fix is None
    assert not [d for d in doc.diagnostics if d.code == "legacy_encoding"]


@pytest.mark.xfail(strict=True, reason="Windows-1258 + NFC merges 'qu' + TCVN3 'è' (0xCC) into 'qù', read back as 'qự'")
def test_text_file_ambiguous_composition() -> None:
    text = "\n".join(TCVN3_SENTENCES[:5]) + "\nchân què, quèn\n"
    doc = Document("id", "x.txt", "x.txt", "sha", "txt")
    ingest(doc, encode(text, "tcvn3").encode("latin-1"))
    assert doc.source.text == text


def test_detect_names_the_encoding() -> None:
    assert detect(encode("\n".join(TCVN3_SENTENCES), "tcvn3")) == "tcvn3"
    assert detect(encode("\n".join(VNI_SENTENCES), "vni")) == "vni"
    assert detect("\n".join(UNICODE_TEXTS)) is None


def test_hostile_input_is_fast() -> None:
    for text in ("9" * 1_000_000, "1.2." * 250_000, "µ" * 1_000_000, ("Céng hoµ " * 20_000)):
        started = time.perf_counter()
        repair(SourceText(text))
        assert time.perf_counter() - started < 3.0
