"""The rules loader: every bad rule file fails with its file and key named."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from pipeline import rules
from pipeline.rules import RulesError
from pipeline.stages import normalize

SCHEMA = {"units": {str: {"quantity": str, "words": [str], "scale?": float}}, "version": int}


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("units: {}\n", "r.yaml: version: missing required key"),
        ("units: {}\nversion: '1'\n", "r.yaml: version: expected int, got str"),
        ("units: {money: {quantity: money, words: đồng}}\nversion: 1\n", "units.money.words: expected a list, got str"),
        ("units: {money: {quantity: money, words: [1]}}\nversion: 1\n", "units.money.words[0]: expected str, got int"),
        ("units: {}\nversion: 1\nextra: 2\n", "r.yaml: extra: unknown key (allowed: units, version)"),
        ("units: {m: {quantity: x, words: ['re:(unclosed']}}\nversion: 1\n", "bad regular expression"),
        ("units: [\n", "not valid YAML"),
    ],
)
def test_bad_rule_files_name_file_and_key(tmp_path: Path, yaml_text: str, message: str) -> None:
    with pytest.raises(RulesError, match=regex.escape(message)):
        rules.load("r.yaml", SCHEMA, write(tmp_path, yaml_text))


def test_good_rule_file_loads_with_optional_keys(tmp_path: Path) -> None:
    data = rules.load(
        "r.yaml", SCHEMA, write(tmp_path, "units: {tỷ: {quantity: money, words: [tỷ], scale: 1e9}}\nversion: 1\n")
    )
    assert data["units"]["tỷ"]["scale"] == 1e9


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="rule file not found"):
        rules.load("absent.yaml", SCHEMA, tmp_path)


def test_words_pattern_prefers_the_longest_and_stays_linear() -> None:
    pattern = regex.compile(rules.words_pattern(["nghìn", "nghìn tỷ", "tỷ"]))
    assert pattern.match("nghìn tỷ đồng").group() == "nghìn tỷ"
    hostile = "nghìn " * 200_000
    assert len(pattern.findall(hostile)) == 200_000


def test_layout_rules_load() -> None:
    layout = rules.load("layout.yaml", normalize.LAYOUT_SCHEMA)
    assert layout["block_starts"]
