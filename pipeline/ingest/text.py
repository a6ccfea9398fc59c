"""Text files: decoded by what their bytes say.

A BOM (UTF-8, UTF-16), UTF-16 without a BOM (NUL bytes in every other position), strict
UTF-8, and otherwise the legacy Vietnamese Windows code page (Windows-1258). Binary bytes
named ``.txt`` fail with a clear error.
"""

from __future__ import annotations

import codecs
import unicodedata

from ..records import Document, SourceText
from .errors import IngestError


def read_text_bytes(doc: Document, data: bytes) -> SourceText:
    if not data.strip():
        raise IngestError("empty_file", "the file is empty (no text at all)")
    text, encoding = decode(data)
    if encoding not in ("utf-8", "ascii"):
        doc.diagnose("ingest", "info", "encoding_detected", f"decoded as {encoding}")
    bad = text.count("\ufffd")
    if bad:
        doc.diagnose("ingest", "warning", "undecodable_bytes", f"{bad} undecodable byte(s) replaced by U+FFFD")
        doc.status = "partial"
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return SourceText(text=text, encoding=encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding name). Raises IngestError for binary data."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if _looks_utf16(data):
        name = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return data.decode(name, errors="replace"), name
    if _looks_binary(data):
        raise IngestError("binary_file", "the file holds binary data, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8" if any(b > 127 for b in data[:100_000]) else "ascii"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: the legacy Vietnamese code page is the likeliest; bytes it lacks become U+FFFD.
    return data.decode("cp1258", errors="replace"), "windows-1258"


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.02 * len(sample)
