"""OCR of scanned pages: real Tesseract on scans made here from the generated report PDF.

The scan of a page and its text-layer PDF say the same thing: OCR'd rows must have the same raw
text, a page, a box near the text PDF's box for the same figure, and a confidence.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import pdfgen
import scangen

from pipeline.ingest import IngestError, new_document
from pipeline.ingest.image import read_image
from pipeline.records import Document
from pipeline.runner import process_bytes

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _doc(name: str, data: bytes) -> Document:
    return process_bytes(new_document(Path(name), None, data), data)


@pytest.fixture(scope="module")
def page_images():
    images = scangen.page_images(2, dpi=150)
    if images is None:
        pytest.skip("no DejaVu font to draw the report with")
    return images


@pytest.fixture(scope="module")
def scanned(page_images) -> Document:
    return _doc("scan.pdf", scangen.scan_pdf(page_images, dpi=150))


@pytest.fixture(scope="module")
def typed() -> Document:
    data = pdfgen.report_pdf(2)
    return _doc("typed.pdf", data)


def test_scanned_pdf_pages_are_read_by_ocr_with_the_reason(scanned: Document) -> None:
    assert scanned.status == "ok"
    assert [p.ocr for p in scanned.pages] == [True, True]
    assert all(p.ocr_confidence is not None and p.ocr_confidence > 80 for p in scanned.pages)
    assert any(d.code == "ocr_no_text_layer" and "1, 2" in d.message for d in scanned.diagnostics)
    assert scanned.n_pages == 2 and isinstance(scanned.n_pages, int)
    page = scanned.pages[0]  # read at the scan's own resolution, recorded
    assert page.image_dpi == 150.0 and abs(page.image_width - 1240) <= 2 and abs(page.image_height - 1754) <= 2


def test_typed_pdf_is_not_ocrd(typed: Document) -> None:
    assert typed.pages and not any(p.ocr for p in typed.pages)
    assert not any(d.code.startswith("ocr") for d in typed.diagnostics)
    assert all(f.ocr_confidence is None for f in typed.figures)


def test_ocr_figures_match_the_text_layer_with_boxes_and_confidence(scanned: Document, typed: Document) -> None:
    want = {(f.raw, f.page) for f in typed.figures}
    got = {(f.raw, f.page) for f in scanned.figures}
    assert len(want & got) >= 0.95 * len(want)
    typed_box = {(f.raw, f.page): (f.x0, f.top, f.x1, f.bottom) for f in typed.figures}
    close = 0
    for f in scanned.figures:
        assert scanned.text[f.char_start : f.char_end] == f.raw
        assert f.page in (1, 2) and None not in (f.x0, f.top, f.x1, f.bottom)
        assert f.ocr_confidence is not None and 0 <= f.ocr_confidence <= 100
        box = typed_box.get((f.raw, f.page))
        if box and all(abs(a - b) <= 6 for a, b in zip(box, (f.x0, f.top, f.x1, f.bottom), strict=True)):
            close += 1  # same figure, same place (the raw may repeat on a page: most must be near)
    assert close >= 0.6 * len(want & got)
    assert all(d.ocr_confidence is not None for d in scanned.dates)


def test_ocr_page_gets_the_layout_clean_up_of_text_pages(scanned: Document, typed: Document) -> None:
    # the signing stamp and the page number in the top margin are dropped, as on the text pages
    assert "SAO Y" not in scanned.text and "SAO Y" not in typed.text
    assert not any(line.strip() == "2" for line in scanned.text.split("\n"))
    assert scanned.metadata.doc_no == typed.metadata.doc_no is not None
    assert "Tổng thu ngân sách nhà nước đạt 3.218 tỷ đồng" in scanned.text


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_files_are_documents(page_images, fmt: str) -> None:
    doc = _doc(f"page.{fmt.lower()}", scangen.image_file(page_images[:1], fmt, dpi=150))
    assert doc.source_format == "image" and doc.status == "ok" and doc.n_pages == 1
    assert doc.pages[0].ocr and round(doc.pages[0].width) == 595  # 150 dpi pixels back to points
    assert any(f.raw == "12.450,8 tỷ đồng" for f in doc.figures)


def test_multi_page_tiff_gives_a_page_per_frame(page_images) -> None:
    doc = _doc("two.tif", scangen.image_file(page_images, "TIFF", dpi=150))
    assert doc.status == "ok" and doc.n_pages == 2
    assert {f.page for f in doc.figures} == {1, 2}


def _turned(box: tuple, turn: int, w: float, h: float) -> tuple:
    """Where a box of the upright page (w x h) stands once the page is turned ``turn`` degrees anticlockwise."""
    x0, top, x1, bottom = box
    if turn == 90:
        return (top, w - x1, bottom, w - x0)
    if turn == 180:
        return (w - x1, h - bottom, w - x0, h - top)
    return (h - bottom, x0, h - top, x1)  # 270


@pytest.mark.parametrize("turn", [90, 180])
def test_page_scanned_turned_is_read_upright_and_boxed_on_the_page(scanned: Document, turn: int) -> None:
    a = scanned  # its page 1, upright
    b = _doc("turned.pdf", scangen.scan_pdf(scangen.page_images(1, dpi=150, turn=turn)))
    assert b.status == "ok" and b.pages[0].ocr
    w, h = a.pages[0].width, a.pages[0].height
    assert (b.pages[0].width, b.pages[0].height) == ((h, w) if turn == 90 else (w, h))  # the page as it is
    boxes = {f.raw: (f.x0, f.top, f.x1, f.bottom) for f in a.figures if f.page == 1}
    turned_boxes = {f.raw: (f.x0, f.top, f.x1, f.bottom) for f in b.figures}
    common = [raw for raw in boxes if raw in turned_boxes]
    assert len(common) >= 0.9 * len(boxes)
    for raw in common:
        want = _turned(boxes[raw], turn, w, h)
        assert all(abs(x - y) < 8 for x, y in zip(want, turned_boxes[raw], strict=True)), (raw, want, turned_boxes[raw])


def test_missing_tesseract_data_is_a_clear_failure(monkeypatch, tmp_path, page_images) -> None:
    monkeypatch.setenv("BAOCAO_TESSDATA", str(tmp_path))
    doc = _doc("scan.pdf", scangen.scan_pdf(page_images[:1]))
    assert doc.status == "failed"
    assert [d.code for d in doc.diagnostics] == ["ocr_unavailable"]
    assert "tesseract-ocr-vie" in doc.diagnostics[0].message


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # a valid header declaring the size, and a little compressed data: a bomb inflates it to the size
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 100_000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("empty.png", lambda: b"", "empty_file"),
        ("noise.jpg", lambda: b"\xff\xd8\xff\xe0 not really a jpeg" * 10, "corrupt_image"),
        ("zero.png", lambda: _png_header(0, 0), "corrupt_image"),
        ("bomb.png", lambda: _png_header(100_000, 100_000), "image_too_large"),
    ],
)
def test_bad_images_fail_with_a_code(name: str, make, code: str) -> None:
    doc = _doc(name, make())
    assert doc.status == "failed"
    assert doc.diagnostics[-1].code == code


def test_truncated_image_fails_with_a_code(page_images) -> None:
    data = scangen.image_file(page_images[:1], "PNG")
    doc = _doc("cut.png", data[: len(data) // 2])
    assert doc.status == "failed" and doc.diagnostics[-1].code in {"truncated", "corrupt_image"}


def test_decompression_bomb_is_refused_before_decoding() -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(IngestError) as err:
        read_image(Document("x", "b.png", "b.png", "", "image"), _png_header(9_000, 9_000))
    assert err.value.code == "image_too_large" and "9000x9000" in str(err.value)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: nothing was decoded


def test_encrypted_scan_fails_as_encrypted() -> None:
    doc = _doc("secret.pdf", pdfgen.handmade_pdf([""], encrypt=True))
    assert doc.status == "failed" and doc.diagnostics[-1].code == "encrypted"
