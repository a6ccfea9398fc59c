"""The page decision on the real corpus (../shared/corpus/real), both ways, and OCR of a few real scans.

SOURCES.md there says which PDFs are scans (``pdf-scan``: image only, or an unusable OCR layer) and
which have a real text layer (``pdf-text``). The decision alone is cheap, so it runs on every real PDF:
no page of a text-layer PDF may be OCR'd, every page of a scan must be, with a reason. Only two small
scans are OCR'd here (the whole corpus: ``bench/real_scans.py``, numbers in the README).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import regex

from pipeline.ingest.pdf import decide_pages
from pipeline.ingest.scan import REASONS
from pipeline.runner import process_file

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
REAL = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
ROW = regex.compile(r"^\| `(?P<path>[^`]+\.pdf)` \|(?:[^|]*\|){3} (?P<kind>pdf-text|pdf-scan) \|", regex.M)


def _listed() -> dict[str, str]:
    sources = REAL / "SOURCES.md"
    if not sources.is_file():
        return {}
    return {m["path"]: m["kind"] for m in ROW.finditer(sources.read_text(encoding="utf-8"))}


LISTED = _listed()


@pytest.fixture
def real() -> Path:
    if not LISTED:
        pytest.skip("../shared/corpus/real is not present")
    return REAL


@pytest.mark.parametrize("name", sorted(LISTED) or ["(no corpus)"])
def test_real_pdf_page_decision(real: Path, name: str) -> None:
    decisions = decide_pages((real / name).read_bytes())
    if LISTED[name] == "pdf-text":
        assert decisions == [None] * len(decisions), "a text-layer PDF must not be OCR'd"
    else:
        assert all(d in REASONS for d in decisions), f"every page of a scan is OCR'd with a reason: {decisions}"


def test_real_scan_with_garbage_layer_is_ocrd_and_its_handwritten_number_not_guessed(real: Path) -> None:
    doc = process_file(real / "danang_sgddt_ocr" / "1.pdf")
    assert doc.status in ("ok", "partial") and all(p.ocr for p in doc.pages)
    codes = {d.code for d in doc.diagnostics}
    assert "ocr_garbage_layer" in codes
    assert doc.metadata.doc_symbol == "SGDĐT-CTrTT"  # printed
    assert doc.metadata.doc_no is None and "header_low_confidence" in codes  # filled in by hand
    assert doc.metadata.place == "Đà Nẵng"


def test_real_photo_is_read_as_an_image_document(real: Path) -> None:
    doc = process_file(real / "danang_sgddt_ocr" / "4_2.jpg")
    assert doc.status in ("ok", "partial") and doc.source_format == "image" and doc.n_pages == 1
    assert doc.pages[0].ocr and doc.pages[0].ocr_confidence > 70
    assert any(d.code == "ocr_image" for d in doc.diagnostics)
