"""The command line: summary line, quiet mode, exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from tests.batch.archive import make_archive, rows


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


def test_a_folder_without_documents_says_what_is_read_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bang.xlsx").write_bytes(b"PK")
    (tmp_path / "in" / "tach_tu.ws").write_text("Tổng_thu ngân_sách đạt 5 tỷ đồng", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"no supported documents found in {tmp_path / 'in'} (files read: .txt .md" in err
    assert ".ws" not in err.split("files read:")[1]  # word-segmented text is not a report


def test_help_lists_every_format_read_and_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.ingest import FORMATS

    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = capsys.readouterr().out
    assert all(ext in text for ext in FORMATS)
    assert "exit status:" in text and "--strict" in text and "README*" in text


def test_index_and_readme_files_in_a_folder_are_left_out_unless_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_archive(tmp_path / "in", 2)
    (tmp_path / "in" / "SOURCES.md").write_text("# Nguồn\n\n- Cổng thông tin tỉnh, tải ngày 1/3/2024\n", "utf-8")
    (tmp_path / "in" / "README.txt").write_text("Thư mục gồm các báo cáo tháng.\n", encoding="utf-8")
    main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"])
    err = capsys.readouterr().err
    assert {r["source_name"] for r in rows(tmp_path / "out", "documents")} == {"bao_cao_000.txt", "bao_cao_001.txt"}
    assert f"ignored {tmp_path / 'in' / 'SOURCES.md'}: excluded by default (sources*" in err
    main(
        [
            "run",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "-q",
            "--include",
            "SOURCES.md",
            "--include",
            "*.txt",
        ]
    )
    names = {r["source_name"] for r in rows(tmp_path / "out", "documents")}
    assert names == {"bao_cao_000.txt", "bao_cao_001.txt", "SOURCES.md"}  # README.txt stays out: not named


@pytest.mark.parametrize(
    ("include", "exclude", "read"),
    [
        ([], ["quy_2/*"], {"bao_cao_000.txt", "bao_cao_002.txt"}),
        (["*_001.txt"], [], {"bao_cao_001.txt"}),
        (["quy_1/*"], ["*_002.txt"], {"bao_cao_000.txt"}),
    ],
)
def test_include_and_exclude_globs(tmp_path: Path, include: list[str], exclude: list[str], read: set[str]) -> None:
    make_archive(tmp_path / "in", 4)
    args = [f"--include={g}" for g in include] + [f"--exclude={g}" for g in exclude]
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1", *args]) == 0
    assert {r["source_name"] for r in rows(tmp_path / "out", "documents")} == read


def test_the_summary_counts_documents_still_failed_and_names_retry_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_archive(tmp_path / "in", 1)
    (tmp_path / "in" / "hong.pdf").write_bytes(b"%PDF-1.4 hong")
    main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    capsys.readouterr()
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert "0 failed, 2 skipped; " in (out := capsys.readouterr().out)
    assert "1 still failed from earlier runs (--retry-failed tries them again)" in out
