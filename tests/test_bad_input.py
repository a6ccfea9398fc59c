"""Bad input: every file gets its documents row and a diagnostic; the batch goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.run import run
from pipeline.runner import process_file
from pipeline.stages import figures

REPORT_LINE = "Tổng thu ngân sách ước đạt 1.234,5 tỷ đồng, đạt 45,6% dự toán, tăng 7,8% so với cùng kỳ.\n"


@pytest.fixture(scope="module")
def bad_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (root / "undecodable.txt").write_bytes("Báo cáo số liệu".encode() + b"\x81\x8d\xff" + "đạt 5%".encode())
    (root / "no_number.txt").write_text("Báo cáo tình hình chung, không có con số nào.\n", encoding="utf-8")
    (root / "digits_line.txt").write_text("1." * 500_000, encoding="utf-8")
    (root / "good.md").write_text("## I. Kết quả\n\n" + REPORT_LINE, encoding="utf-8")
    (root / "not_a_document.xlsx").write_bytes(b"PK\x03\x04")
    return root


@pytest.fixture(scope="module")
def bad_out(bad_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    summary = run([bad_archive, bad_archive / "not_a_document.xlsx"], out, workers=1)
    assert sum(summary.documents.values()) == 7
    return out


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("empty.txt", "failed", "empty_file"),
        ("binary.txt", "failed", "binary_file"),
        ("undecodable.txt", "partial", "undecodable_bytes"),
        ("not_a_document.xlsx", "failed", "unsupported_format"),
        ("no_number.txt", "ok", None),
        ("digits_line.txt", "ok", None),
        ("good.md", "ok", None),
    ],
)
def test_each_file_has_a_row_and_a_diagnostic(bad_out: Path, name: str, status: str, code: str | None) -> None:
    docs = pd.read_parquet(bad_out / "documents").set_index("source_name")
    diags = pd.read_parquet(bad_out / "diagnostics")
    assert docs.loc[name, "status"] == status
    codes = set(diags[diags["source_path"].str.endswith(name)]["code"])
    if code:
        assert code in codes
    if status == "failed":
        assert "error" in set(diags[diags["source_path"].str.endswith(name)]["severity"])


def test_good_file_still_gives_rows(bad_out: Path) -> None:
    texts = pd.read_parquet(bad_out / "texts")
    assert len(texts) == 4  # every readable document keeps its text


def test_a_megabyte_line_of_digits_and_dots_goes_through_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "digits.txt"
    path.write_text("1." * 500_000, encoding="utf-8")
    process_file(path)  # warm the rule caches
    started = time.perf_counter()
    doc = process_file(path)
    # about 0.7 s idle here; the bound leaves room for a loaded machine, a quadratic pass takes minutes
    assert time.perf_counter() - started < 3.0
    assert doc.status == "ok"


def test_a_50_mb_text_file_is_cut_with_a_warning_not_hung(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as f:
        block = REPORT_LINE * 1000
        while f.tell() < 50_000_000:
            f.write(block)
    started = time.perf_counter()
    doc = process_file(path)
    assert doc.status == "partial"
    assert "text_truncated" in {d.code for d in doc.diagnostics}
    assert time.perf_counter() - started < 120


def test_a_sentence_of_thousands_of_figures_stays_linear(tmp_path: Path) -> None:
    # one "sentence" of 10,000 figures (a table flattened into a line, or hostile input): each figure keeps
    # a bounded window of it, not a copy of the whole line (that copy made the stage quadratic: minutes)
    path = tmp_path / "one_sentence.txt"
    path.write_text("BÁO CÁO\n" + "Tổng 5 hồ sơ (" * 10_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    doc = process_file(path)
    assert time.perf_counter() - started < 30  # about 4 s here; the quadratic copy took over a minute
    assert len(doc.figures) == 10_000
    assert max(len(f.sentence or "") for f in doc.figures) <= figures.MAX_SENTENCE
