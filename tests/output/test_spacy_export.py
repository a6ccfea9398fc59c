"""The spaCy export round-trips: every span's text is its row's raw, with its id and parsed values."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.cli import main
from pipeline.output.spacy_export import GROUPS, read_docbin, tokenize

pytest.importorskip("spacy")

REPORT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: 88/BC-UBND
An Giang, ngày 5 tháng 7 năm 2025

BÁO CÁO
Kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh

I. KẾT QUẢ
1. Thu ngân sách
Tổng thu ngân sách 6 tháng đạt 4.120,5 tỷ đồng, bằng 52,3% dự toán,tăng 11,2% so với cùng kỳ.
2. Giải quyết việc làm
Đã giải quyết việc làm cho 12.450 lao động (trong đó 3.200 lao động nữ), từ ngày 01/01 đến ngày 30/6/2025.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("spacy")
    (folder / "in").mkdir()
    (folder / "in" / "bao_cao.txt").write_text(REPORT, encoding="utf-8")
    pipeline.run([folder / "in"], folder / "out", workers=1)
    assert main(["export", str(folder / "out"), "--spacy", str(folder / "corpus.spacy")]) == 0
    return folder / "out", folder / "corpus.spacy"


def test_every_span_text_equals_its_rows_raw(exported: tuple[Path, Path]) -> None:
    out, path = exported
    tables = pipeline.load(out)
    (doc,) = read_docbin(path)
    assert doc.text == tables["texts"].text[0]
    for group, (table, id_column, label_column) in GROUPS.items():
        rows = tables[table].set_index(id_column)
        spans = doc.spans[group]
        assert [s.id_ for s in spans] == rows.index.tolist() and len(spans) > 0, group
        for span in spans:
            row = rows.loc[span.id_]
            expected = row["raw"] if "raw" in rows else doc.text[row.char_start : row.char_end]
            assert span.text == expected
            assert span.label_ == str(row[label_column])
            assert span._.baocao["char_start"] == row.char_start


def test_spans_carry_parsed_values(exported: tuple[Path, Path]) -> None:
    (doc,) = read_docbin(exported[1])
    money = next(s for s in doc.spans["figures"] if s.text == "4.120,5 tỷ đồng")
    assert money.label_ == "money" and money._.baocao["value"] == pytest.approx(4.1205e12)
    assert money._.baocao["unit"] == "VND"
    grow = next(s for s in doc.spans["figures"] if s.text == "11,2%")
    assert grow._.baocao["direction"] == "increase" and grow._.baocao["basis"] == "same_period"
    plan = doc.spans["references"][0]
    assert plan._.baocao["ref_date"] == "2025-01-10" and plan.label_ == "Kế hoạch"
    assert doc.user_data["baocao_doc"]["doc_type"] == "Báo cáo"


@pytest.mark.parametrize(
    ("text", "cuts", "words"),
    [
        ("tăng 8,3%, đạt", set(), ["tăng", "8", ",", "3", "%", ",", "đạt"]),
        ("năm2025 đạt", {3}, ["năm", "2025", "đạt"]),  # a row boundary inside a run of letters and digits
        ("Điều 1.\n\n  a) Nội dung", set(), ["Điều", "1", ".", "\n\n  ", "a", ")", "Nội", "dung"]),
    ],
)
def test_tokens_cover_the_text_exactly(text: str, cuts: set[int], words: list[str]) -> None:
    got, spaces = tokenize(text, cuts)
    assert got == words
    assert "".join(w + (" " if s else "") for w, s in zip(got, spaces, strict=True)) == text


def test_export_refuses_a_folder_that_is_not_an_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(tmp_path), "--spacy", str(tmp_path / "x.spacy")])
    assert exit_.value.code == 2 and "not an output folder" in capsys.readouterr().err
