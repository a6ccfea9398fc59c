"""The runner: stages wired from a list; a failing stage makes the document partial, not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.runner import process_file, select_stages
from pipeline.stages import dates

REPORT = (
    "Số: 12/BC-UBND\nHuế, ngày 02 tháng 3 năm 2024\nI. KẾT QUẢ\nTổng thu đạt 1.250 tỷ đồng, tăng 5,2% so với cùng kỳ.\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "bao_cao.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_every_stage_runs_and_fills_its_rows(report: Path) -> None:
    doc = process_file(report)
    assert doc.status == "ok" and not doc.diagnostics
    assert doc.metadata.doc_no == "12"
    assert [s.marker for s in doc.sections] == ["I"]
    assert [f.raw for f in doc.figures] == ["1.250 tỷ đồng", "5,2%"]
    assert [d.raw for d in doc.dates] == ["ngày 02 tháng 3 năm 2024"]
    assert all(f.section_id == doc.sections[0].section_id for f in doc.figures)


def test_a_failing_stage_is_a_diagnostic_and_the_rest_is_kept(report: Path, monkeypatch) -> None:
    monkeypatch.setattr(dates, "run", _raise)
    doc = process_file(report)
    assert doc.status == "partial"
    assert [(d.stage, d.severity, d.code) for d in doc.diagnostics] == [("dates", "error", "stage_failed")]
    assert "RuntimeError: rule blew up" in doc.diagnostics[0].message
    assert doc.figures and not doc.dates


def test_stages_can_be_switched_off_by_name(report: Path) -> None:
    doc = process_file(report, stages=select_stages(["figures", "dates"]))
    assert doc.status == "ok" and not doc.figures and not doc.dates and doc.sections
    with pytest.raises(ValueError, match="unknown stage"):
        select_stages(["figure"])


def test_an_unreadable_path_is_a_failed_document(tmp_path: Path) -> None:
    doc = process_file(tmp_path / "missing.txt")
    assert doc.status == "failed"
    assert doc.diagnostics[0].code == "unreadable_file"


def _raise(doc) -> None:
    raise RuntimeError("rule blew up")
