"""Locate: give every extracted row its section, page and box.

Extractors only know char spans in ``Document.text``. Rows read by OCR also get the mean
confidence of their words (``ocr_confidence``). Normalize kept ``Document.origin``
(text index → source index); page sources carry a page and a box per source char. A row's
box is the union of its chars' boxes on the page where it starts: for a span that crosses
a line break it covers both lines (documented in the README).
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import regex

from ..records import Box, Document, Located


def run(doc: Document) -> None:
    rows: list[Located] = [*doc.figures, *doc.dates, *doc.references, *doc.entities]
    starts = [s.char_start for s in doc.sections]
    for row in rows:
        row.section_id = innermost_section(doc, starts, row.char_start)
        place = box_of(doc, row.char_start, row.char_end)
        if place:
            row.page, box = place
            if box:
                row.x0, row.top, row.x1, row.bottom = box
        row.ocr_confidence = doc.confidence(row.char_start, row.char_end)
    _flag_doubtful_figures(doc)
    if doc.pages:
        for section in doc.sections:
            section.page_start = page_at(doc, section.char_start)
            section.page_end = page_at(doc, max(section.char_start, section.char_end - 1))


DOUBTFUL_DECIMALS = regex.compile(r"\d,\d{3,}(?!\d*[.,]\d)")  # "95,8834": an italic % read as digits?


def _flag_doubtful_figures(doc: Document) -> None:
    """OCR'd figures a rule cannot fix: low word confidence, or 3+ digits after a decimal comma."""
    if doc.source is None or doc.source.char_conf is None:
        return
    from ..ingest.ocr import rules_

    limit = rules_()["figure_min_confidence"]
    doubtful = [
        f for f in doc.figures
        if (f.ocr_confidence is not None and f.ocr_confidence < limit) or DOUBTFUL_DECIMALS.search(f.raw)
    ]  # fmt: skip
    if doubtful:
        shown = ", ".join(f"{f.raw!r} (p{f.page}, {f.ocr_confidence or 0:.0f})" for f in doubtful[:10])
        doc.diagnose(
            "locate", "warning", "ocr_doubtful_figures",
            f"{len(doubtful)} figure(s) read by OCR may be misread (confidence < {limit:.0f}, or 3+ digits "
            f"after a decimal comma): {shown}{' ...' if len(doubtful) > 10 else ''}",
        )  # fmt: skip


def innermost_section(doc: Document, starts: list[int], pos: int) -> str | None:
    i = bisect_right(starts, pos) - 1
    while i >= 0:
        section = doc.sections[i]
        if section.char_start <= pos < section.char_end:
            return section.section_id
        i -= 1
    return None


def page_at(doc: Document, pos: int) -> int | None:
    for page in doc.pages:
        if page.char_start <= pos < page.char_end:
            return page.page
    return doc.pages[-1].page if doc.pages and pos >= doc.pages[-1].char_start else None


def box_of(doc: Document, start: int, end: int) -> tuple[int, Box | None] | None:
    """(page, union box) of text[start:end]; None for sources without pages."""
    src = doc.source
    if src is None or src.char_pages is None:
        return None
    data = getattr(src.char_boxes, "data", None)  # a BoxArray: the whole span at once
    if data is not None and len(doc.origin):
        origin = np.frombuffer(doc.origin, dtype=f"i{doc.origin.itemsize}")[start:end]
        origin = origin[origin >= 0]
        if not len(origin):
            return None
        pages = np.frombuffer(src.char_pages, dtype=f"i{src.char_pages.itemsize}")[origin]
        boxes = data[origin[pages == pages[0]]]
        boxes = boxes[~np.isnan(boxes[:, 0])]
        if not len(boxes):
            return int(pages[0]), None
        lo, hi = boxes.min(axis=0), boxes.max(axis=0)
        return int(pages[0]), (float(lo[0]), float(lo[1]), float(hi[2]), float(hi[3]))
    page = None
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    for o in doc.origin[start:end]:
        if o < 0:
            continue
        if page is None:
            page = src.char_pages[o]
        elif src.char_pages[o] != page:
            continue
        box = src.char_boxes[o] if src.char_boxes else None
        if box:
            x0, top = min(x0, box[0]), min(top, box[1])
            x1, bottom = max(x1, box[2]), max(bottom, box[3])
    if page is None:
        return None
    return page, ((x0, top, x1, bottom) if x1 >= x0 else None)
