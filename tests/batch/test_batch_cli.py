"""The command line: summary line, quiet mode, exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from tests.batch.archive import make_archive


def test_run_prints_one_summary_line_when_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_archive(tmp_path / "in", 2)
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.count("\n") == 1
    assert out.startswith("baocao: documents: 2 ok, 0 partial, 0 failed, 0 skipped; rows: ")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0  # all skipped is fine
    assert "0 ok, 0 partial, 0 failed, 2 skipped" in capsys.readouterr().out


def test_progress_goes_to_stderr_as_plain_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_archive(tmp_path / "in", 2)
    (tmp_path / "in" / "hong.txt").write_bytes(b"")
    main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"])
    err = capsys.readouterr().err
    assert "\r" not in err and "3/3 files" in err and "failed" in err


def test_a_named_file_of_no_known_format_has_a_failed_row_and_exit_0(tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("không phải văn bản", encoding="utf-8")
    assert main(["run", str(tmp_path / "notes.xyz"), "-o", str(tmp_path / "out"), "-q"]) == 0  # it has its row
    assert main(["run", str(tmp_path / "notes.xyz"), "-o", str(tmp_path / "out"), "-q", "--strict"]) == 1
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(tmp_path / "missing"), "-o", str(tmp_path / "out")])
    assert exit_.value.code == 2
