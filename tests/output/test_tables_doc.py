"""docs/TABLES.md is generated from the code and kept in sync by this test; Parquet files carry versions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pyarrow.parquet as pq

import pipeline
from pipeline.output import columns, tables_doc
from pipeline.output.write import SCHEMAS, to_tables, write_part
from pipeline.records import Document
from tests.conftest import ROOT

FIX = "describe it in pipeline/output/columns.py, then run `make docs` to regenerate docs/TABLES.md"
CODE = re.compile(r"[a-z][a-z0-9_]{2,}")
# calls that take a diagnostic code, and the position of the code among their arguments
CODE_CALLS = {"diagnose": 2, "IngestError": 0, "_failed": 2, "failed_task": 2, "_fail": 1, "_lose": 2}


def test_every_column_has_a_description() -> None:
    missing = [f"{t}.{f.name}" for t, s in SCHEMAS.items() for f in s if f.name not in columns.COLUMNS.get(t, {})]
    stale = [f"{t}.{c}" for t, cols in columns.COLUMNS.items() for c in cols if c not in SCHEMAS.get(t, {}).names]
    assert not missing, f"columns without a description: {missing}: {FIX}"
    assert not stale, f"descriptions of columns no table has: {stale}: remove them from columns.py, then `make docs`"
    assert set(columns.TABLES) == set(SCHEMAS), f"a table without a description: {FIX}"


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def codes_in_source() -> set[str]:
    """Diagnostic codes the package can write: literals passed as codes, assigned to ``code``, or in *_ERRORS."""
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                at = CODE_CALLS.get(name)
                if at is not None and len(node.args) > at:
                    found |= {s for s in _strings(node.args[at]) if CODE.fullmatch(s)}
            elif isinstance(node, ast.Assign):
                names = [getattr(t, "id", "") for t in node.targets]
                if "code" in names and not isinstance(node.value, ast.Call):  # not code = getattr(err, "err_code")
                    found |= {s for s in _strings(node.value) if CODE.fullmatch(s)}
                if any(n.endswith("_ERRORS") for n in names) and isinstance(node.value, ast.Dict):
                    found |= {v.elts[0].value for v in node.value.values if isinstance(v, ast.Tuple)}
                if any(n.endswith("REASONS") for n in names) and isinstance(node.value, ast.Dict):  # code -> message
                    found |= {
                        k.value for k in node.value.keys if isinstance(k, ast.Constant) and CODE.fullmatch(k.value)
                    }
    return found


def test_every_diagnostic_code_in_the_code_is_documented() -> None:
    found = codes_in_source()
    assert {"unreadable_file", "no_text_layer", "encrypted", "timeout", "duplicate_file"} <= found  # the scan works
    missing = sorted(found - set(columns.DIAGNOSTICS))
    assert not missing, f"diagnostic codes without a meaning: {missing}: add them to DIAGNOSTICS; {FIX}"
    stale = sorted(set(columns.DIAGNOSTICS) - found)
    assert not stale, f"documented codes the code never writes: {stale}: remove them from DIAGNOSTICS, then `make docs`"


def test_every_check_kind_is_documented() -> None:
    source = (ROOT / "pipeline" / "stages" / "checks.py").read_text(encoding="utf-8")
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    kinds = {
        kw.value.value
        for node in calls
        for kw in node.keywords
        if kw.arg == "kind" and isinstance(kw.value, ast.Constant)
    }
    kinds |= {  # _check("parts_sum", ...): the kind as the first argument of the helper that makes a check
        node.args[0].value
        for node in calls
        if isinstance(node.func, ast.Name) and node.func.id == "_check" and node.args
        if isinstance(node.args[0], ast.Constant)
    }
    assert kinds, "no check kind found in pipeline/stages/checks.py"
    assert kinds <= set(columns.CHECK_KINDS), f"check kinds without a meaning: {kinds - set(columns.CHECK_KINDS)}"


def test_docs_tables_md_is_generated_from_the_code() -> None:
    written = (ROOT / "docs" / "TABLES.md").read_text(encoding="utf-8")
    assert written == tables_doc.render(), "docs/TABLES.md differs from the code's schemas: run `make docs`"


def test_every_parquet_file_carries_schema_and_pipeline_version(tmp_path: Path) -> None:
    part = write_part(to_tables([Document("d1", "a.txt", "a.txt", "", "txt")]), tmp_path)
    for name in SCHEMAS:
        meta = pq.read_schema(tmp_path / name / f"{part}.parquet").metadata
        assert meta[b"baocao.schema_version"] == columns.SCHEMA_VERSION.encode()
        assert meta[b"baocao.pipeline_version"] == pipeline.__version__.encode()


def test_compacted_parts_keep_the_versions(tmp_path: Path) -> None:
    from pipeline.cli import main

    (tmp_path / "in").mkdir()
    for i, line in enumerate(["Thu ngân sách đạt 12 tỷ đồng.", "Tỷ lệ hộ nghèo còn 1,5%."]):
        (tmp_path / "in" / f"bao_cao_{i}.txt").write_text(f"BÁO CÁO\n{line}\n", encoding="utf-8")
    pipeline.run([tmp_path / "in"], tmp_path / "out", workers=1, part_size=1)
    assert len(list((tmp_path / "out" / "figures").glob("*.parquet"))) == 2
    assert main(["compact", str(tmp_path / "out")]) == 0
    (merged,) = (tmp_path / "out" / "figures").glob("*.parquet")
    assert pq.read_schema(merged).metadata[b"baocao.schema_version"] == columns.SCHEMA_VERSION.encode()
    assert pq.read_table(merged).num_rows == 2
