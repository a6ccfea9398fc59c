"""Incremental runs: skip what is done, replace what changed, never duplicate a row."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline.batch import run as batch
from pipeline.output.write import TABLES
from tests.batch.archive import make_archive, report, rows, snapshot


def no_duplicate_rows(out: Path) -> None:
    for table in TABLES:
        keys = {"figures": "figure_id", "dates": "date_id", "references": "ref_id", "sections": "section_id",
                "checks": "check_id", "pages": "page"}  # fmt: skip
        if table in ("documents", "texts", *keys):
            found = Counter((r["doc_id"], r.get(keys.get(table, ""))) for r in rows(out, table))
            assert max(found.values(), default=1) == 1, table


def test_second_run_does_no_work_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "in", 4)
    first = batch.run([tmp_path / "in"], tmp_path / "out", workers=2)
    assert first.documents["ok"] + first.documents["partial"] == 4
    before = snapshot(tmp_path / "out")

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged archive must not be hashed again nor processed")

    monkeypatch.setattr(batch, "_process", forbidden)
    monkeypatch.setattr(batch, "_sha256", forbidden)  # the (path, size, mtime) cache answers
    second = batch.run([tmp_path / "in"], tmp_path / "out", workers=2)
    assert second.documents["skipped"] == 4 and sum(second.rows.values()) == 0
    assert snapshot(tmp_path / "out") == before


def test_new_and_changed_files_are_processed_and_old_rows_replaced(tmp_path: Path) -> None:
    paths = make_archive(tmp_path / "in", 4)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=2)
    old_id = next(r["doc_id"] for r in rows(tmp_path / "out", "documents") if r["source_name"] == paths[0].name)
    paths[0].write_text(report(90), encoding="utf-8")  # same path, other bytes
    make_archive(tmp_path / "in", 1, start=50)  # a new file
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=2)
    assert summary.documents["skipped"] == 3
    assert summary.documents["ok"] + summary.documents["partial"] == 2
    docs = rows(tmp_path / "out", "documents")
    assert len(docs) == 5 and old_id not in {r["doc_id"] for r in docs}
    no_duplicate_rows(tmp_path / "out")
    batch.run([tmp_path / "in"], tmp_path / "fresh", workers=1)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")


@pytest.mark.parametrize("how", ["force", "new_version"])
def test_processing_again_replaces_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    make_archive(tmp_path / "in", 3)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=2, part_size=2)
    before = snapshot(tmp_path / "out")
    if how == "new_version":
        monkeypatch.setattr(batch, "fingerprint", lambda: "test+2")
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=2, force=how == "force")
    assert summary.documents["skipped"] == 0
    assert snapshot(tmp_path / "out") == before
    assert len(list((tmp_path / "out" / "documents").glob("*.parquet"))) == 2  # old parts gone, not emptied


def test_same_bytes_at_two_paths_are_one_document(tmp_path: Path) -> None:
    first, *_ = make_archive(tmp_path / "in", 2)
    shutil.copy(first, tmp_path / "in" / "ban_sao.txt")
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=2)
    assert summary.duplicates == 1
    assert len(rows(tmp_path / "out", "documents")) == 2
    notes = [r for r in rows(tmp_path / "out", "diagnostics") if r["code"] == "duplicate_file"]
    assert len(notes) == 1  # on the path found first, naming the other
    assert {notes[0]["source_path"], notes[0]["message"].rsplit(": ", 1)[1]} == {"ban_sao.txt", "quy_1/bao_cao_000.txt"}
    assert batch.run([tmp_path / "in"], tmp_path / "out").documents["skipped"] == 2
