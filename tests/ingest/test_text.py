"""Text ingest: encodings are detected from the bytes, bad files fail with a clear code."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, ingest, new_document
from pipeline.ingest.text import decode

SENTENCE = "Tổng thu ngân sách ước đạt 163.201,095 tỷ đồng, đạt 40,21% dự toán."
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode like a Windows-1258 editor: base letter, then the tone mark as a combining byte."""
    out = bytearray()
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (SENTENCE.encode("utf-16-be"), "utf-16-be"),
        (to_cp1258(SENTENCE), "windows-1258"),
        (b"Bao cao so 12/BC-UBND", "ascii"),
    ],
)
def test_decode_detects_the_encoding(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert unicodedata.normalize("NFC", text) == (SENTENCE if encoding != "ascii" else "Bao cao so 12/BC-UBND")


def test_windows_1258_file_gets_an_info_diagnostic() -> None:
    data = to_cp1258(SENTENCE)
    doc = new_document(Path("cu.txt"), None, data)
    ingest(doc, data)
    assert doc.source.text == SENTENCE
    assert doc.encoding == "windows-1258"
    assert [(d.severity, d.code) for d in doc.diagnostics] == [("info", "encoding_detected")]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"   \n\n\t ", "empty_file"),
        (bytes(range(256)) * 40, "binary_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary_file"),
    ],
)
def test_unreadable_text_raises_a_coded_error(data: bytes, code: str) -> None:
    doc = new_document(Path("x.txt"), None, data)
    with pytest.raises(IngestError) as err:
        ingest(doc, data)
    assert err.value.code == code


def test_undecodable_bytes_make_a_partial_document() -> None:
    data = "Báo cáo".encode() + b"\xff\xfe\x81 ok"  # not UTF-8; cp1258 lacks 0x81
    doc = new_document(Path("x.txt"), None, data)
    ingest(doc, data)
    assert doc.status == "partial"
    assert "undecodable_bytes" in {d.code for d in doc.diagnostics}


def test_crlf_and_nfd_become_lf_and_nfc() -> None:
    data = unicodedata.normalize("NFD", "Dòng một\r\nDòng hai\rDòng ba").encode()
    doc = new_document(Path("x.txt"), None, data)
    ingest(doc, data)
    assert doc.source.text == "Dòng một\nDòng hai\nDòng ba"
