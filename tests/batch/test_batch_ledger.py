"""The ledger repairs what a crash leaves: unfinished parts go, replaced rows go, tables stay whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.batch import run as batch
from pipeline.batch.compact import compact
from pipeline.batch.ledger import STATE, Ledger
from pipeline.batch.store import Store
from pipeline.output.write import TABLES
from tests.batch.archive import make_archive, rows, snapshot


def test_unfinished_part_is_deleted_when_the_ledger_opens(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 3)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    before = snapshot(tmp_path / "out")
    for table in TABLES[:4]:  # a crash while a part was being put in place: no manifest yet
        part = next((tmp_path / "out" / table).glob("part-*.parquet"))
        shutil.copy(part, part.with_name("part-000099-abcdef.parquet"))
        (part.parent / ".part-000100-abcdef.parquet.1234.tmp").write_bytes(b"half")
    Ledger.open(Store(tmp_path / "out"))
    assert snapshot(tmp_path / "out") == before
    assert not list((tmp_path / "out").rglob("*000099*")) and not list((tmp_path / "out").rglob("*.tmp"))


def test_replacement_interrupted_after_the_commit_is_finished(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 3)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    before = snapshot(tmp_path / "out")
    out, state = tmp_path / "out", tmp_path / "out" / STATE / "parts"
    old = next(state.glob("*.json")).stem
    for table in TABLES:  # a newer part with the same documents is committed; the old one still there
        shutil.copy(out / table / f"{old}.parquet", out / table / "part-000050-abcdef.parquet")
    shutil.copy(state / f"{old}.json", state / "part-000050-abcdef.json")
    text = (state / "part-000050-abcdef.json").read_text().replace(old, "part-000050-abcdef")
    (state / "part-000050-abcdef.json").write_text(text)
    assert len(rows(out, "documents")) == 6  # what a reader would see until the next run
    Ledger.open(Store(out))
    assert snapshot(out) == before
    assert [p.stem for p in (out / "documents").glob("*.parquet")] == ["part-000050-abcdef"]


def test_compact_merges_parts_and_keeps_the_tables(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 6)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=2, part_size=1)
    before = snapshot(tmp_path / "out")
    assert len(list((tmp_path / "out" / "figures").glob("*.parquet"))) == 6
    assert compact(str(tmp_path / "out"), docs_per_part=4) == (6, 2)
    assert snapshot(tmp_path / "out") == before
    assert len(list((tmp_path / "out" / "figures").glob("*.parquet"))) == 2
    assert batch.run([tmp_path / "in"], tmp_path / "out").documents["skipped"] == 6


def test_a_rule_change_is_a_new_pipeline_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.batch.ledger import fingerprint

    shutil.copytree(Path(__file__).resolve().parents[2] / "rules", tmp_path / "rules")
    monkeypatch.setenv("BAOCAO_RULES", str(tmp_path / "rules"))
    before = fingerprint()
    assert fingerprint() == before
    rule = sorted((tmp_path / "rules").glob("*.yaml"))[0]
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# một dòng chú thích mới\n", encoding="utf-8")
    assert fingerprint() != before
