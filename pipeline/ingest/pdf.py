"""PDF files with a text layer: text, page and char boxes read with pdfium (pypdfium2).

pdfium is ~40x faster than pdfplumber's ``extract_text`` here and gives every char's box.
Per page: form-field widgets are flattened first (e-government systems stamp the document's
number and date into the header blanks as widgets: what the page shows is what we read),
then chars are grouped into lines (``pdf_chars``), then page furniture is removed and the
header block put in reading order (``pdf_layout``).

The result: page texts joined by "\\n\\n" (by a space where the geometry shows a paragraph running
on over the page break: last line full, sentence unfinished, next page starting at the margin);
within a page, hard-wrapped lines joined by a space, a blank line before a paragraph the layout
shows to start, "\\n" where it cannot tell (normalize decides). ``char_pages`` and ``char_boxes``
run parallel to the text (boxes in pdfplumber's system, None for inserted chars).
Unreadable files raise :class:`IngestError` with a code: ``encrypted``, ``corrupt``,
``truncated``, ``no_pages``, ``no_text_layer``.
"""

from __future__ import annotations

import gc
import re
from array import array
from collections.abc import Iterator, Sequence

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from ..records import Box, Document, Page, SourceText
from .budget import out_of_time
from .errors import IngestError
from .ocr import unturn
from .ocr_repair import Repairs
from .ocr_repair import load as load_repairs
from .pdf_chars import page_lines
from .pdf_layout import PageLines, clean_pages
from .pdf_objects import page_objects
from .pdf_tables import find_grids, page_rulings, rebuild
from .scan import REASONS, decide, image_cover, ocr_page

MIN_TEXT_CHARS = 20  # fewer letters and digits than this on all pages: a scan (no usable text layer)
WIDGET = pdfium_raw.FPDF_ANNOT_WIDGET
ZERO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]{0,200}/Count\s+0\b|/Count\s+0\b[^>]{0,200}/Type\s*/Pages\b")

PDFIUM_ERRORS = {
    pdfium_raw.FPDF_ERR_PASSWORD: ("encrypted", "the PDF is encrypted (password protected) and cannot be read"),
    pdfium_raw.FPDF_ERR_SECURITY: ("encrypted", "the PDF uses an unsupported security handler"),
}


class BoxArray(Sequence):
    """Char boxes as one float array (n, 4), NaN rows for None; reads as a sequence of Box | None.

    ~10x smaller than a list of tuples: a 300-page PDF's ~1M boxes take 32 MB.
    """

    def __init__(self, data: np.ndarray) -> None:
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._box(row) for row in self.data[i].tolist()]
        return self._box(self.data[i].tolist())

    @staticmethod
    def _box(row: list[float]) -> Box | None:
        return None if row[0] != row[0] else (row[0], row[1], row[2], row[3])

    def __iter__(self) -> Iterator[Box | None]:
        return (self._box(row) for row in self.data.tolist())


def read_pdf(doc: Document, data: bytes) -> SourceText:
    pdf = open_pdf(data)
    doc.page_count = len(pdf)
    try:
        return _read(doc, pdf, data)
    except IngestError:
        raise
    except pdfium.PdfiumError as err:
        raise IngestError("corrupt", f"the PDF could not be read: {err}") from None
    finally:
        pdf.close()


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    if not data.strip():
        raise IngestError("empty_file", "the file is empty")
    if b"%PDF" not in data[:1024]:
        raise IngestError("corrupt", "the file is not a PDF (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise _open_error(err, data) from None
    if len(pdf) == 0:
        pdf.close()
        if _truncated(data):
            raise IngestError("truncated", "the PDF is cut short (no end-of-file marker): no page can be read")
        raise IngestError("no_pages", "the PDF has no pages")
    return pdf


def _open_error(err: pdfium.PdfiumError, data: bytes) -> IngestError:
    code = getattr(err, "err_code", None)  # pdfium's last error: may be stale, so the bytes are checked too
    if code in PDFIUM_ERRORS and PDFIUM_ERRORS[code][0] == "encrypted" and b"/Encrypt" in data:
        return IngestError(*PDFIUM_ERRORS[code])
    if _truncated(data):
        return IngestError("truncated", "the PDF is cut short (no end-of-file marker) and cannot be read")
    if ZERO_PAGES.search(data):
        return IngestError("no_pages", "the PDF has no pages")  # pdfium refuses a page tree without pages
    return IngestError("corrupt", "the file is not a valid PDF (damaged, or not a PDF at all)")


def _truncated(data: bytes) -> bool:
    return b"%%EOF" not in data[-2048:]


def _read(doc: Document, pdf: pdfium.PdfDocument, data: bytes) -> SourceText:
    forms = pdf.get_formtype() != pdfium_raw.FORMTYPE_NONE
    if forms:
        pdf.init_forms()
    pages: list[PageLines] = []
    failed: list[int] = []
    reasons: dict[str, list[int]] = {}
    unavailable: IngestError | None = None
    repairs = load_repairs()
    late: list[int] = []  # pages left unread: the document's time ran out
    for i in range(len(pdf)):
        try:
            page, reason = _read_page(pdf, i, forms, repairs, ocr_ok=unavailable is None)
            pages.append(page)
            if reason == "ocr_out_of_time":
                late.append(i + 1)
            elif reason:
                reasons.setdefault(reason, []).append(i + 1)
        except IngestError as err:  # OCR needed but Tesseract is missing: said once, the other pages go on
            unavailable = unavailable or err
            failed.append(i + 1)
            pages.append(PageLines(i + 1, 0.0, 0.0, []))
        except Exception:  # one bad page (damaged stream, odd geometry) must not lose the file
            failed.append(i + 1)
            pages.append(PageLines(i + 1, 0.0, 0.0, []))
    for reason, numbers in reasons.items():
        doc.diagnose("ingest", "info", reason, f"page(s) {_ranges(numbers)} read by OCR: {REASONS[reason]}")
    if repairs.counts:
        doc.diagnose("ingest", "info", "ocr_repair", f"OCR text repaired: {repairs.summary()}")
    if late:
        doc.diagnose(
            "ingest", "warning", "ocr_out_of_time",
            f"page(s) {_ranges(late)} not OCR'd: the document's time (--timeout) ran out; the pages before are kept",
        )  # fmt: skip
        doc.status = "partial"
    if unavailable is not None:
        if not _has_text(pages):
            raise unavailable
        doc.diagnose("ingest", "error", unavailable.code, str(unavailable))
        doc.status = "partial"
    if failed:
        doc.diagnose("ingest", "warning", "page_unreadable", f"page(s) {_ranges(failed)} could not be read")
        doc.status = "partial"
    if _truncated(data):
        doc.diagnose("ingest", "warning", "truncated", "the PDF has no end-of-file marker: it may be cut short")
        doc.status = "partial"
    pages = clean_pages(pages)
    scanned = [p.number for p in pages if p.ocr_layer]
    if scanned:
        doc.diagnose(
            "ingest",
            "info",
            "ocr_text_layer",
            f"page(s) {_ranges(scanned)}: the text is an invisible OCR layer over a scan (may be unreliable)",
        )
    if not _has_text(pages):
        raise IngestError("no_text_layer", f"the PDF has no text layer ({len(pages)} page(s), a scan?): OCR needed")
    return assemble(pages)


def _has_text(pages: list[PageLines]) -> bool:
    """At least MIN_TEXT_CHARS letters or digits on the pages (stops counting once there)."""
    seen = 0
    for page in pages:
        for line in page.lines:
            seen += sum(ch.isalnum() for ch in line.text)
            if seen >= MIN_TEXT_CHARS:
                return True
    return False


def decide_pages(data: bytes) -> list[str | None]:
    """Per page, the reason it would be OCR'd (``scan.REASONS``) or None: the decision alone, no OCR."""
    pdf = open_pdf(data)
    try:
        forms = pdf.get_formtype() != pdfium_raw.FORMTYPE_NONE
        if forms:
            pdf.init_forms()
        return [_read_page(pdf, i, forms, None, decide_only=True)[1] for i in range(len(pdf))]
    finally:
        pdf.close()


def _read_page(
    pdf: pdfium.PdfDocument, i: int, forms: bool, repairs: Repairs | None, ocr_ok: bool = True, decide_only=False
) -> tuple[PageLines, str | None]:
    """The page's lines from its text layer, or from OCR of its image (with the reason why)."""
    page = pdf[i]
    try:
        # the widgets' appearance (number, date stamped into the blanks) becomes page content, drawn last
        rects = _widget_rects(page) if forms else []
        if rects and page.flatten() == pdfium_raw.FLATTEN_SUCCESS:
            page.close()
            gc.collect(0)
            page = pdf[i]
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = page_lines(textpage, height, rects)
        finally:
            textpage.close()
        objects = page_objects(page)  # its images and paths, read once
        cover, ppp = image_cover(objects, width, height)
        reason = decide(lines, cover)
        if reason is None and lines and not decide_only:
            lines = rebuild(lines, find_grids(page_rulings(objects, height)))  # a ruled table: one line per row
        if reason is None or decide_only:
            return PageLines(i + 1, width, height, lines), reason
        if out_of_time():
            return PageLines(i + 1, width, height, lines), "ocr_out_of_time"
        if not ocr_ok:
            raise IngestError("ocr_unavailable", "OCR is not available")
        return ocr_page(page, i + 1, width, height, ppp, lines, reason, repairs or load_repairs()), reason
    finally:
        page.close()


def _widget_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Rectangles (x0, top, x1, bottom; top from the page top) of the page's form-field widgets."""
    height = page.get_height()
    rects = []
    rect = pdfium_raw.FS_RECTF()
    for k in range(pdfium_raw.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_raw.FPDFPage_GetAnnot(page, k)
        try:
            if pdfium_raw.FPDFAnnot_GetSubtype(annot) == WIDGET and pdfium_raw.FPDFAnnot_GetRect(annot, rect):
                rects.append((rect.left, height - rect.top, rect.right, height - rect.bottom))
        finally:
            pdfium_raw.FPDFPage_CloseAnnot(annot)
    return rects


def assemble(pages: list[PageLines]) -> SourceText:
    """Page texts joined by a blank line, with the char maps. Within a page, lines are joined by what
    the layout decided: a space (hard wrap), a newline, or a blank line (a new paragraph)."""
    parts: list[str] = []
    page_of: list[np.ndarray] = []
    boxes: list[np.ndarray] = []
    confs: list[np.ndarray] = []
    any_ocr = any(p.ocr for p in pages)
    out_pages = []
    nan = np.full((1, 4), np.nan)
    nan2 = np.full((2, 4), np.nan)
    for k, page in enumerate(pages):
        if k:
            # a paragraph wrapped over the page break is joined by a space, else pages get a blank line
            brk = " " if page.continues else "\n\n"
            parts.append(brk)
            page_of.append(np.full(len(brk), page.number - 1, dtype=np.int32))  # the break belongs to the page before
            boxes.append(nan2[: len(brk)])
            confs.append(np.full(len(brk), np.nan))
        seps = page.seps if len(page.seps) == len(page.lines) else ["\n"] * len(page.lines)
        # a page OCR read turned: its layout ran on the upright page, its boxes go back on the page as it is
        width, height = (page.height, page.width) if page.turn in (90, 270) else (page.width, page.height)
        for j, line in enumerate(page.lines):
            if j and seps[j]:
                parts.append(seps[j])
                page_of.append(np.full(len(seps[j]), page.number, dtype=np.int32))
                boxes.append(nan if len(seps[j]) == 1 else nan2)
                confs.append(np.full(len(seps[j]), np.nan))
            parts.append(line.text)
            page_of.append(np.full(len(line.text), page.number, dtype=np.int32))
            boxes.append(unturn(line.boxes, page.turn, width, height))
            confs.append(line.conf if line.conf is not None else np.full(len(line.text), np.nan))
        out_pages.append(
            Page(
                page=page.number,
                char_start=0,
                char_end=0,
                width=round(width, 2),
                height=round(height, 2),
                ocr=page.ocr_layer or page.ocr,
                ocr_confidence=None if page.ocr_confidence is None else round(page.ocr_confidence, 2),
                image_width=page.image[0] if page.image else None,
                image_height=page.image[1] if page.image else None,
                image_dpi=round(page.image[2], 1) if page.image else None,
            )
        )
    text = "".join(parts)
    char_pages = array("i", np.concatenate(page_of).tobytes()) if page_of else array("i")
    char_boxes = BoxArray(np.concatenate(boxes) if boxes else np.zeros((0, 4)))
    assert len(char_pages) == len(text) == len(char_boxes)
    char_conf = np.concatenate(confs).astype(np.float32) if any_ocr and confs else None
    return SourceText(text=text, char_pages=char_pages, char_boxes=char_boxes, pages=out_pages, char_conf=char_conf)


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:20]) + (" ..." if len(numbers) > 20 else "")
