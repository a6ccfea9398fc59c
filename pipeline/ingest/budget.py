"""The time a document may spend in OCR: set per document by a batch worker from ``--timeout``.

OCR stops after ``SHARE`` of the timeout (the stages after it need the rest): a 300-page scan keeps
the pages read (``partial``, ``ocr_out_of_time``) instead of losing everything to the timeout.
A module of its own so that workers set it without loading pdfium or Tesseract.
"""

from __future__ import annotations

import time

SHARE = 0.75
_deadline: float | None = None


def set_time_budget(seconds: float | None) -> None:
    global _deadline
    _deadline = None if not seconds else time.monotonic() + SHARE * seconds


def out_of_time() -> bool:
    return _deadline is not None and time.monotonic() > _deadline
