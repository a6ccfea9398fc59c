"""The dev set, scored by ../shared/eval/score.py, stays above the bars of issue A and B.

The bars (figures, dates, references F1 ≥ 0.90; sections and tree ≥ 0.85; metadata ≥ 0.9;
provenance 1.0), for the text and for the text-layer PDF version of each report.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.run import run

BARS = {"figures": 0.90, "dates": 0.90, "references": 0.90, "sections": 0.85}


@pytest.fixture(scope="module")
def dev_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    if not (shared / "eval" / "score.py").exists():
        pytest.skip("../shared is not present")
    out = tmp_path_factory.mktemp("dev")
    run([shared / "corpus" / "dev" / "txt", shared / "corpus" / "dev" / "pdf"], out, workers=2)
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    score.main(
        ["--out", str(out), "--gold", str(shared / "gold" / "dev"), "--json", str(out / "report.json"), "--quiet"]
    )
    return out


@pytest.fixture(scope="module")
def report(dev_out: Path) -> dict:
    return json.loads((dev_out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
@pytest.mark.parametrize("kind", sorted(BARS))
def test_f1_meets_the_bar(report: dict, fmt: str, kind: str) -> None:
    assert report["formats"][fmt][kind]["f1"] >= BARS[kind]


def test_tree_metadata_and_provenance(report: dict) -> None:
    assert not report["missing_docs"]
    assert report["section_tree_accuracy"] >= 0.85
    assert all(field["accuracy"] >= 0.9 for field in report["metadata"].values()), report["metadata"]
    assert report["provenance_ok"] == 1.0


def test_pdf_scores_within_two_points_of_text(report: dict) -> None:
    for kind in BARS:
        assert abs(report["formats"]["pdf"][kind]["f1"] - report["formats"]["txt"][kind]["f1"]) <= 0.02


@pytest.mark.parametrize("table", ["figures", "dates", "references"])
def test_every_pdf_row_has_page_and_box(dev_out: Path, table: str) -> None:
    docs = pd.read_parquet(dev_out / "documents")
    pdf_ids = set(docs[docs["source_format"] == "pdf"]["doc_id"])
    rows = pd.read_parquet(dev_out / table)
    rows = rows[rows["doc_id"].isin(pdf_ids)]
    assert len(rows) > 0
    assert rows[["page", "x0", "top", "x1", "bottom"]].notna().all().all()
    assert ((rows["x0"] < rows["x1"]) & (rows["top"] < rows["bottom"])).all()


# figure meaning (issue G): the attributes are scored over both formats together by score.py
MEANING_BARS = {"period": 0.90, "subject": 0.90}  # issue G; measured 0.907 and 0.907 (252 of 278 each)


@pytest.mark.parametrize("attr", sorted(MEANING_BARS))
def test_meaning_attributes_meet_the_bar(report: dict, attr: str) -> None:
    assert report["figure_attributes"][attr] >= MEANING_BARS[attr]


def test_indicator_pivot_periods_agree_with_gold(dev_out: Path) -> None:
    """The analyst's pivot (indicator x document x period): on the figures that carry an indicator, the
    period is the gold's (the cells land in the right column)."""
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    figures = pd.read_parquet(dev_out / "figures")
    docs = pd.read_parquet(dev_out / "documents")
    agree = total = 0
    for path in sorted((shared / "gold" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))["figures"]
        for doc_id in docs[docs["source_name"].map(lambda s: Path(s).stem) == path.stem]["doc_id"]:
            pred = score.rows(figures, doc_id)
            pairs, _, _ = score.match(gold, pred, score.figure_match)
            for gi, pi in pairs:
                g, p = gold[gi], pred[pi]
                if p.get("indicator") is None or "period_start" not in g:
                    continue
                total += 1
                agree += (score.as_date(g["period_start"]), score.as_date(g["period_end"])) == (
                    score.as_date(p["period_start"]),
                    score.as_date(p["period_end"]),
                )
    assert total >= 60
    assert agree / total >= 0.9
