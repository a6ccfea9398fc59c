"""Images as documents: ``.jpg``, ``.png``, ``.tif`` (every page of a multi-page TIFF), read by OCR.

Each image (each TIFF frame) is a page; its size in PDF points comes from its DPI (72 when it
declares none), so rows carry boxes in the same units as PDF pages: ``x_pt = x_px * 72 / dpi``.
Photos smaller than ``image.min_width`` pixels are enlarged before OCR (Tesseract wants letters
some 20 px high). The pixel count is checked from the header before anything is decoded: an image
over ``render.max_pixels`` (a decompression bomb) is refused with a clear error, memory stays bounded.
Errors: ``empty_file``, ``corrupt_image``, ``truncated``, ``empty_image`` (0x0), ``image_too_large``.
"""

from __future__ import annotations

import io
import warnings

from ..records import Document, SourceText
from . import ocr
from .budget import out_of_time
from .errors import IngestError
from .ocr_repair import Repairs
from .ocr_repair import load as load_repairs
from .pdf import assemble
from .pdf_layout import PageLines, clean_pages


def read_image(doc: Document, data: bytes) -> SourceText:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if not data.strip():
        raise IngestError("empty_file", "the file is empty")
    cfg = ocr.rules_()
    limit = cfg["render"]["max_pixels"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked below
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as err:  # Pillow's own limit (2x 89 Mpx), past ours anyway
        raise IngestError("image_too_large", f"the image is too large to read (a decompression bomb?): {err}") from None
    except (UnidentifiedImageError, OSError, ValueError) as err:
        raise IngestError("corrupt_image", f"the image cannot be read (damaged, or not an image): {err}") from None
    pages: list[PageLines] = []
    repairs = load_repairs()
    with image, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k, frame in enumerate(ImageSequence.Iterator(image), 1):
            if out_of_time():
                doc.diagnose("ingest", "warning", "ocr_out_of_time",
                             f"pages from {k} on not OCR'd: the document's time (--timeout) ran out")  # fmt: skip
                doc.status = "partial"
                break
            width, height = frame.size
            if width == 0 or height == 0:
                raise IngestError("empty_image", f"page {k} of the image is {width}x{height} pixels: nothing to read")
            if width * height > limit:
                raise IngestError(
                    "image_too_large",
                    f"page {k} of the image is {width}x{height} pixels, over the limit of {limit:,} "
                    "(a decompression bomb?): refused",
                )
            try:
                gray = frame.convert("L")
            except (OSError, ValueError, SyntaxError) as err:
                code = "truncated" if "truncated" in str(err) else "corrupt_image"
                raise IngestError(code, f"page {k} of the image cannot be decoded: {err}") from None
            pages.append(_read_frame(gray, k, _dpi(frame), cfg, repairs))
            del gray
    pages = clean_pages(pages)
    source = assemble(pages)
    doc.diagnose("ingest", "info", "ocr_image", f"{len(pages)} page(s) read by OCR from an image")
    if repairs.counts:
        doc.diagnose("ingest", "info", "ocr_repair", f"OCR text repaired: {repairs.summary()}")
    return source


def _dpi(frame) -> float:
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 72.0
    except (TypeError, ValueError, IndexError):
        value = 72.0
    return value if 20 <= value <= 2400 else 72.0


def _read_frame(image, number: int, dpi: float, cfg: dict, repairs: Repairs) -> PageLines:
    width_pt, height_pt = image.width * 72 / dpi, image.height * 72 / dpi
    size = (image.width, image.height, dpi)
    scale = dpi / 72  # pixels per point
    enlarge = cfg["image"]["min_width"] / image.width
    if enlarge > 1:
        from PIL import Image

        image = image.resize((round(image.width * enlarge), round(image.height * enlarge)), Image.Resampling.LANCZOS)
        scale *= enlarge
    result = ocr.engine().read(image, header=number == 1)
    lines = [repairs.line(ln) for ln in ocr.lines(result, scale)]
    if result.rotated in (90, 270):
        width_pt, height_pt = height_pt, width_pt
    return PageLines(
        number, width_pt, height_pt, lines, ocr=True, ocr_confidence=result.confidence, turn=result.rotated, image=size
    )
