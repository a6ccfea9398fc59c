"""Fixtures for the report tests: a generated multi-page PDF taken through the pipeline, and a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.output.report import write_report
from tests.fixtures import pdfgen

from .chromium import Chromium, chromium_path


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of a run over a generated 4-page report PDF, with its HTML report in OUT/report."""
    data = pdfgen.report_pdf(4)
    if data is None:
        pytest.skip("no DejaVu font to draw the generated PDF with")
    root = tmp_path_factory.mktemp("report")
    (root / "in").mkdir()
    (root / "in" / "bao_cao_quy_1.pdf").write_bytes(data)
    out = root / "out"
    pipeline.run([root / "in"], out, workers=1)
    write_report(out)
    return out


@pytest.fixture(scope="session")
def browser() -> Chromium:
    if chromium_path() is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")
    with Chromium() as c:
        yield c
