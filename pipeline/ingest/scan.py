"""Per PDF page: use its text layer, or OCR its image? And the OCR of the pages that need it.

A page is OCR'd when its image covers most of it (``page.image_cover``) and its text layer is of
no use: no text at all, only a stamp or a signature widget (fewer than ``page.min_letters``
letters), or garbage (an invisible OCR layer of mangled Vietnamese, ``text_quality``). A page of
"(cid:N)" glyphs (fonts without Unicode) is OCR'd whatever its images. Every other page keeps its
text layer, so a typed PDF is never OCR'd. The reason is returned for the diagnostics.

An OCR'd page keeps the text-layer lines that stand apart from what OCR read (a signing stamp, a
number typed into a widget over the blank), unless the layer was garbage. The page is rendered
at its scanned image's own resolution (within ``render.min_dpi``..``max_dpi``).
"""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from . import ocr
from .ocr_repair import Repairs
from .pdf_chars import PdfLine
from .pdf_layout import PageLines
from .pdf_objects import IMAGE, PageObject, pixel_size
from .text_quality import cid_share, measure

# reason code -> what the diagnostic says
REASONS = {
    "ocr_no_text_layer": "no text layer over the page image",
    "ocr_stamp_only": "the text layer holds only a stamp or widget text over the page image",
    "ocr_garbage_layer": "the text layer is garbage (an OCR layer of mangled Vietnamese)",
    "ocr_cid_glyphs": "the text layer's glyphs have no Unicode ((cid:N))",
}


def image_cover(objects: list[PageObject], width: float, height: float) -> tuple[float, float | None]:
    """(share of the page covered by its largest image, that image's pixels per PDF point)."""
    best, ppp = 0.0, None
    for obj in objects:
        if obj.kind != IMAGE:
            continue
        left, bottom, right, top = obj.bounds
        w, h = max(0.0, min(right, width) - max(left, 0.0)), max(0.0, min(top, height) - max(bottom, 0.0))
        if w * h > best:
            best = w * h
            px_w, px_h = pixel_size(obj)
            ppp = max(px_w / max(right - left, 1e-6), px_h / max(top - bottom, 1e-6))
    return best / max(width * height, 1e-6), ppp


def decide(lines: list[PdfLine], cover: float) -> str | None:
    """The reason to OCR the page (a key of REASONS), or None to use its text layer."""
    cfg = ocr.rules_()
    text = "\n".join(ln.text for ln in lines)
    if cid_share(text) > cfg["quality"]["max_cid_share"]:
        return "ocr_cid_glyphs"
    if cover < cfg["page"]["image_cover"]:
        return None  # a typed page: its layer is used whatever it scores (judging it costs 10 ms a page)
    letters = sum(ch.isalpha() for ch in text)
    if letters == 0:
        return "ocr_no_text_layer"
    if letters < cfg["page"]["min_letters"]:
        return "ocr_stamp_only"
    if not measure(text).good():
        return "ocr_garbage_layer"
    return None


def ocr_page(
    page: pdfium.PdfPage, number: int, width: float, height: float, ppp: float | None,
    text_lines: list[PdfLine], reason: str, repairs: Repairs,
) -> PageLines:  # fmt: skip
    """The page read by OCR, as lines in PDF points (on the upright page when OSD turned it)."""
    cfg = ocr.rules_()["render"]
    dpi = (ppp or cfg["default_dpi"] / 72) * 72
    dpi = min(max(dpi, cfg["min_dpi"]), cfg["max_dpi"])
    scale = dpi / 72
    pixels = width * height * scale * scale
    if pixels > cfg["max_pixels"]:
        scale *= (cfg["max_pixels"] / pixels) ** 0.5  # a huge page: read at a lower resolution, memory bounded
    engine = ocr.engine()
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        size = (image.width, image.height, scale * 72)
        result = engine.read(image, header=number == 1)
        del image
    finally:
        bitmap.close()
    lines = [repairs.line(ln) for ln in ocr.lines(result, scale)]
    if result.rotated in (90, 270):
        width, height = height, width  # the layout sees the upright page
    if reason != "ocr_garbage_layer" and not result.rotated:
        lines = sorted(lines + _apart(text_lines, lines), key=lambda ln: ln.top)
    return PageLines(
        number, width, height, lines, ocr=True, ocr_confidence=result.confidence, turn=result.rotated, image=size
    )


def _apart(text_lines: list[PdfLine], ocr_lines: list[PdfLine]) -> list[PdfLine]:
    """Text-layer lines that overlap no OCR line by more than half their area."""
    keep = []
    for line in text_lines:
        area = max((line.x1 - line.x0) * (line.bottom - line.top), 1e-6)
        covered = sum(
            max(0.0, min(line.x1, o.x1) - max(line.x0, o.x0))
            * max(0.0, min(line.bottom, o.bottom) - max(line.top, o.top))
            for o in ocr_lines
        )
        if covered < area / 2:
            keep.append(line)
    return keep


def mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None
