"""A document that hangs or kills its worker fails alone; the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import run as batch
from tests.batch.archive import make_archive, rows


@pytest.mark.parametrize(("hook", "code"), [("BAOCAO_TEST_HANG", "timeout"), ("BAOCAO_TEST_CRASH", "worker_crashed")])
def test_a_bad_document_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: str, code: str) -> None:
    paths = make_archive(tmp_path / "in", 5)
    monkeypatch.setenv(hook, paths[1].name)
    timeout = 2 if code == "timeout" else 60
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=2, part_size=2, timeout=timeout)
    assert summary.documents["failed"] == 1
    assert summary.documents["ok"] + summary.documents["partial"] == 4
    docs = {r["source_name"]: r for r in rows(tmp_path / "out", "documents")}
    assert len(docs) == 5 and docs[paths[1].name]["status"] == "failed"
    why = [r for r in rows(tmp_path / "out", "diagnostics") if r["doc_id"] == docs[paths[1].name]["doc_id"]]
    assert [(r["stage"], r["severity"], r["code"]) for r in why] == [("batch", "error", code)]

    # the failure is remembered: a plain rerun skips it, --retry-failed tries it again
    monkeypatch.delenv(hook)
    assert batch.run([tmp_path / "in"], tmp_path / "out").documents["skipped"] == 5
    again = batch.run([tmp_path / "in"], tmp_path / "out", retry_failed=True)
    assert again.documents["failed"] == 0 and again.documents["skipped"] == 4
    assert {r["status"] for r in rows(tmp_path / "out", "documents")} <= {"ok", "partial"}
    assert len(rows(tmp_path / "out", "documents")) == 5
