"""Header values read by OCR that should not be trusted: handwritten numbers and days.

Most signed scans have the document number and the day filled in by hand, and Tesseract reads
handwriting as confident-looking digits ("1129" as "4123"). A wrong number is worse than none: a
number or day read from words whose mean confidence is under ``header_min_confidence``
(``rules/ocr.yaml``) is left null — the date keeps its month and year (precision ``month``) — with
a ``header_low_confidence`` warning that shows what was read.
"""

from __future__ import annotations

import datetime as dt

from ..ingest.ocr import rules_
from ..records import Document
from .metadata import HEAD_LINES, NUMBER, PLACE_DATE


def run(doc: Document) -> None:
    if doc.source is None or doc.source.char_conf is None:
        return  # nothing was read by OCR
    meta = doc.metadata
    limit = rules_()["header_min_confidence"]
    cut = _head_end(doc.text)
    head = doc.text[:cut]
    if meta.doc_no:
        m = next((m for m in NUMBER.finditer(head) if m.group("no") == meta.doc_no), None)
        conf = doc.confidence(*m.span("no")) if m else None
        if conf is not None and conf < limit:
            _warn(doc, f"document number {meta.doc_no!r} read with confidence {conf:.0f} (< {limit:.0f})")
            meta.doc_no = None
    if meta.issue_date and meta.issue_date_precision == "day":
        for m in PLACE_DATE.finditer(head):
            day, month = ("d", "m") if m.group("d") else ("d2", "m2")
            if not m.group(day) or int(m.group(day)) != meta.issue_date.day:
                continue
            conf_day = doc.confidence(*m.span(day))
            conf_month = doc.confidence(*m.span(month)) if m.group(month) else None
            if conf_month is not None and conf_month < limit:
                _warn(doc, f"month {m.group(month)!r} of the date read with confidence {conf_month:.0f}")
                meta.issue_date, meta.issue_date_precision = dt.date(meta.issue_date.year, 1, 1), "year"
            elif conf_day is not None and conf_day < limit:
                _warn(doc, f"day {m.group(day)!r} of the date read with confidence {conf_day:.0f} (< {limit:.0f})")
                meta.issue_date, meta.issue_date_precision = meta.issue_date.replace(day=1), "month"
            break


def _head_end(text: str) -> int:
    pos = 0
    for _ in range(HEAD_LINES):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _warn(doc: Document, what: str) -> None:
    doc.diagnose("metadata", "warning", "header_low_confidence", f"{what}: left null (handwritten?)")
