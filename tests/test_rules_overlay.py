"""Rule overlays (``baocao run --rules DIR``): merged onto the shipped rules, validated the same way,
all checked before any document is read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from pipeline import rules
from pipeline.cli import main
from pipeline.rules import RulesError

SCHEMA = {"units": {str: {"quantity": str, "words": [str], "scale?": float}}, "nouns": [str], "gap": int}
SHIPPED = "units: {tỷ: {quantity: money, words: [tỷ]}}\nnouns: [hộ dân, dự án]\ngap: 3\n"


def overlay(tmp_path: Path, text: str) -> dict:
    (tmp_path / "base").mkdir()
    (tmp_path / "extra").mkdir()
    (tmp_path / "base" / "r.yaml").write_text(SHIPPED, encoding="utf-8")
    (tmp_path / "extra" / "r.yaml").write_text(text, encoding="utf-8")
    return rules.load("r.yaml", SCHEMA, tmp_path / "base", tmp_path / "extra")


def test_overlay_extends_lists_and_drops_exact_duplicates(tmp_path: Path) -> None:
    merged = overlay(tmp_path, "nouns: [dự án, hợp tác xã]\n")
    assert merged["nouns"] == ["hộ dân", "dự án", "hợp tác xã"]


def test_overlay_merges_mappings_key_by_key_and_replaces_scalars(tmp_path: Path) -> None:
    merged = overlay(tmp_path, "units: {tỷ: {words: [tỉ]}, triệu: {quantity: money, words: [triệu]}}\ngap: 5\n")
    assert merged["units"]["tỷ"] == {"quantity": "money", "words": ["tỷ", "tỉ"]}
    assert merged["units"]["triệu"]["words"] == ["triệu"]
    assert merged["gap"] == 5
    assert merged["nouns"] == ["hộ dân", "dự án"]  # untouched keys keep the shipped value


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("gap: ba\n", "extra/r.yaml: gap: expected int, got str"),
        ("nouns: hợp tác xã\n", "extra/r.yaml: nouns: expected a list, got str"),
        ("units: {vạn: {words: [vạn]}}\n", "extra/r.yaml: units.vạn.quantity: missing required key"),
        ("units: {tỷ: {words: [1]}}\n", "extra/r.yaml: units.tỷ.words[0]: expected str, got int"),
        ("colour: đỏ\n", "extra/r.yaml: colour: unknown key (allowed: gap, nouns, units)"),
        ("nouns: [\n", "extra/r.yaml: not valid YAML at line 2"),
    ],
)
def test_bad_overlay_names_its_file_and_key(tmp_path: Path, yaml_text: str, message: str) -> None:
    with pytest.raises(RulesError, match=regex.escape(message)):
        overlay(tmp_path, yaml_text)


@pytest.fixture
def fresh_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI sets the overlay for this process; put the shipped rules back afterwards."""
    monkeypatch.delenv(rules.EXTRA_ENV, raising=False)
    monkeypatch.setenv("BAOCAO_NER", "0")
    yield
    monkeypatch.undo()
    rules.check_all()


REPORT = """ỦY BAN NHÂN DÂN XÃ AN BÌNH
Số: 12/BTK-UBND
An Bình, ngày 3 tháng 4 năm 2025

BẢN TỔNG KẾT
Công tác dân số năm 2024

Năm 2024, xã có 15 hợp tác xã kiểu mới, tăng 3 hợp tác xã so với năm 2023.
"""


def test_overlay_adds_a_province_document_type_through_the_cli(
    tmp_path: Path, fresh_rules: None, capsys: pytest.CaptureFixture
) -> None:
    import pandas as pd

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tong_ket.txt").write_text(REPORT, encoding="utf-8")
    extra = tmp_path / "rules"
    extra.mkdir()
    (extra / "documents.yaml").write_text("doc_types: {BẢN TỔNG KẾT: Bản tổng kết}\n", encoding="utf-8")
    (extra / "figures.yaml").write_text("count_nouns: [hợp tác xã]\n", encoding="utf-8")
    status = main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--rules", str(extra), "-q", "-j", "1"])
    assert status == 0, capsys.readouterr().err
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert docs.doc_type.tolist() == ["Bản tổng kết"]
    figures = pd.read_parquet(tmp_path / "out" / "figures")
    assert "hợp tác xã" in figures.unit.tolist()


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("figures.yaml", "count_nouns: hợp tác xã\n", "figures.yaml: count_nouns: expected a list, got str"),
        ("documents.yaml", "doc_types: {BẢN TỔNG KẾT: 3}\n", "documents.yaml: doc_types.BẢN TỔNG KẾT: expected str"),
        ("sections.yaml", "markers: [{kind: bogus}]\n", "sections.yaml: markers[0]"),
        ("figure.yaml", "count_nouns: []\n", "figure.yaml: not a rule file name"),
    ],
)
def test_bad_rules_folder_stops_the_run_before_any_document(
    tmp_path: Path, fresh_rules: None, capsys: pytest.CaptureFixture, name: str, text: str, named: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tong_ket.txt").write_text(REPORT, encoding="utf-8")
    extra = tmp_path / "rules"
    extra.mkdir()
    (extra / name).write_text(text, encoding="utf-8")
    status = main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--rules", str(extra), "-q"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and named in err and str(extra) in err
    assert not (tmp_path / "out").exists()  # no tables written, not even the folder


def test_every_shipped_rule_file_has_a_compiler() -> None:
    assert sorted(p.name for p in rules.SHIPPED_DIR.glob("*.yaml")) == sorted(rules.COMPILERS)


def test_a_broken_shipped_rule_file_stops_the_run_too(
    tmp_path: Path, fresh_rules: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import shutil

    broken = tmp_path / "rules"
    shutil.copytree(rules.SHIPPED_DIR, broken)
    text = (broken / "checks.yaml").read_text(encoding="utf-8")
    (broken / "checks.yaml").write_text(regex.sub(r"max_gap: *\d+", "max_gap: xa", text), encoding="utf-8")
    monkeypatch.setenv("BAOCAO_RULES", str(broken))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tong_ket.txt").write_text(REPORT, encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert "checks.yaml: ratio_percent.max_gap: expected int, got str" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
