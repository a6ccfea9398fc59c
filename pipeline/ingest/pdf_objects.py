"""A page's image and path objects, read through pdfium's C API.

pypdfium2's ``get_objects`` builds a Python object for every object of the page (each run of text
too: thousands on a page of prose) before it filters by type; asking pdfium for the type first costs
a fraction of that. One pass gives what the scan decision (images) and the table reader (paths) need.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

IMAGE = pdfium_raw.FPDF_PAGEOBJ_IMAGE
PATH = pdfium_raw.FPDF_PAGEOBJ_PATH
FORM = pdfium_raw.FPDF_PAGEOBJ_FORM
MAX_DEPTH = 15  # Form XObjects nested deeper than this are not looked into (pypdfium2's default)


@dataclass(frozen=True)
class PageObject:
    kind: int  # IMAGE or PATH
    raw: object  # the FPDF_PAGEOBJECT handle (valid while the page is open)
    bounds: tuple[float, float, float, float]  # left, bottom, right, top in PDF space
    depth: int  # 0 on the page, 1 inside a Form XObject, ...


def page_objects(page: pdfium.PdfPage) -> list[PageObject]:
    """The page's images and paths, Form XObjects looked into."""
    out: list[PageObject] = []
    _collect(page.raw, pdfium_raw.FPDFPage_CountObjects, pdfium_raw.FPDFPage_GetObject, 0, out)
    return out


def _collect(parent, count, get, depth: int, out: list[PageObject]) -> None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(max(count(parent), 0)):
        obj = get(parent, i)
        kind = pdfium_raw.FPDFPageObj_GetType(obj)
        if kind in (IMAGE, PATH):
            if pdfium_raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                out.append(PageObject(kind, obj, (left.value, bottom.value, right.value, top.value), depth))
        elif kind == FORM and depth < MAX_DEPTH - 1:
            _collect(obj, pdfium_raw.FPDFFormObj_CountObjects, pdfium_raw.FPDFFormObj_GetObject, depth + 1, out)


def pixel_size(obj: PageObject) -> tuple[int, int]:
    """An image's size in pixels."""
    w, h = ctypes.c_uint(), ctypes.c_uint()
    pdfium_raw.FPDFImageObj_GetImagePixelSize(obj.raw, w, h)
    return w.value, h.value


def matrix(obj: PageObject) -> tuple[float, float, float, float, float, float]:
    """The object's transform (a, b, c, d, e, f)."""
    m = pdfium_raw.FS_MATRIX()
    pdfium_raw.FPDFPageObj_GetMatrix(obj.raw, m)
    return m.a, m.b, m.c, m.d, m.e, m.f
