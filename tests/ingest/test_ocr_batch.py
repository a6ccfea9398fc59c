"""A long scan in a batch: OCR stops in time (3/4 of ``--timeout``), the pages read are kept (``partial``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import scangen

from pipeline.batch import run as batch


def test_long_scan_past_the_timeout_keeps_the_pages_read_and_says_so(tmp_path: Path) -> None:
    images = scangen.page_images(1, dpi=100)
    if images is None:
        pytest.skip("no DejaVu font to draw the report with")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long_scan.pdf").write_bytes(scangen.scan_pdf(images * 60, dpi=100))  # ~40 s of OCR
    (tmp_path / "in" / "note.txt").write_text("Báo cáo: tổng thu đạt 1.250 tỷ đồng.\n", encoding="utf-8")
    batch.run([tmp_path / "in"], tmp_path / "out", workers=2, timeout=10)
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_name")
    assert docs.loc["long_scan.pdf", "status"] == "partial" and docs.loc["note.txt", "status"] == "ok"
    assert docs.loc["long_scan.pdf", "n_pages"] == 60
    diags = pd.read_parquet(tmp_path / "out" / "diagnostics")
    late = diags[diags.code == "ocr_out_of_time"]
    assert len(late) == 1 and "not OCR'd" in late.message.iloc[0]
    pages = pd.read_parquet(tmp_path / "out" / "pages")
    read = pages[pages.ocr]
    assert 1 <= len(read) < 60 and list(read.page) == list(range(1, len(read) + 1))
