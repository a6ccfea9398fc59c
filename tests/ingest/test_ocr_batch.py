"""A long scan in a batch: past ``--timeout`` it is a ``failed`` row (``timeout``), the rest goes on."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import pytest
import scangen

from pipeline.batch import run as batch


def test_long_scan_past_the_timeout_fails_with_a_code_and_the_batch_goes_on(tmp_path: Path) -> None:
    images = scangen.page_images(1, dpi=100)
    if images is None:
        pytest.skip("no DejaVu font to draw the report with")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long_scan.pdf").write_bytes(scangen.scan_pdf(images * 40, dpi=100))  # ~40 s of OCR
    (tmp_path / "in" / "note.txt").write_text("Báo cáo: tổng thu đạt 1.250 tỷ đồng.\n", encoding="utf-8")
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=2, timeout=3)
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_name")
    assert docs.loc["long_scan.pdf", "status"] == "failed" and docs.loc["note.txt", "status"] == "ok"
    diags = pd.read_parquet(tmp_path / "out" / "diagnostics")
    assert "timeout" in set(diags.code)
    assert summary is not None
