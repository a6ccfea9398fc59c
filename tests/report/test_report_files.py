"""The report's files without a browser: markup of nested and crossing rows, incremental rewrites,
page images found by sha256, OCR confidence marked when the tables carry it, the Excel export."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.cli import main
from pipeline.output.report import page_name, write_report
from pipeline.output.report.build import document_page
from pipeline.output.report.markup import render
from pipeline.output.report.tables import DocTables


class Highlights(HTMLParser):
    """data-id -> (text inside the element, clipped?) for every element carrying a data-id."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list] = {}
        self.open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        row_id = a.get("data-id")
        if row_id:
            assert row_id not in self.found, f"{row_id} twice"
            self.found[row_id] = ["", "data-clipped" in a, a.get("class", "")]
        self.open.append(row_id)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for row_id in self.open:
            if row_id:
                self.found[row_id][0] += data


def highlights(html: str) -> dict[str, list]:
    parser = Highlights()
    parser.feed(html)
    return parser.found


def row(table: str, row_id: str, text: str, raw: str, **extra) -> dict:
    start = text.index(raw)
    id_col = {"figures": "figure_id", "dates": "date_id", "references": "ref_id", "entities": "entity_id"}[table]
    return {id_col: row_id, "raw": raw, "char_start": start, "char_end": start + len(raw), **extra}


TEXT = "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh, thu 1.200 tỷ đồng <tăng> 20%."


def test_nested_rows_stay_whole_and_crossing_ones_are_clipped_to_one_element() -> None:
    ref = row("references", "r0001", TEXT, "Kế hoạch số 12/KH-UBND ngày 05/3/2024")
    date = row("dates", "d0001", TEXT, "05/3/2024")  # inside the reference
    ent = row("entities", "e0001", TEXT, "Ủy ban nhân dân tỉnh, thu 1.200")  # runs into a figure
    fig = row("figures", "f0001", TEXT, "1.200 tỷ đồng")
    pct = row("figures", "f0002", TEXT, "20%")
    d = DocTables({"doc_id": "x"}, TEXT, {"references": [ref], "dates": [date], "entities": [ent],
                                          "figures": [fig, pct]})  # fmt: skip
    html = render(d, low=set())
    found = highlights(html)
    assert set(found) == {"r0001", "d0001", "e0001", "f0001", "f0002"}
    for r in (ref, date, fig, pct):
        row_id = next(v for k, v in r.items() if k.endswith("_id"))
        assert found[row_id][:2] == [r["raw"], False]
    assert found["e0001"][1] is True and found["e0001"][0] == "Ủy ban nhân dân tỉnh, thu "
    assert "&lt;tăng&gt;" in html  # the text is escaped


def test_rows_with_low_ocr_confidence_are_marked_only_when_the_tables_carry_it() -> None:
    fig = row("figures", "f0001", TEXT, "1.200 tỷ đồng", ocr_confidence=0.41)
    pct = row("figures", "f0002", TEXT, "20%", ocr_confidence=0.97)
    d = DocTables({"doc_id": "x", "source_format": "image"}, TEXT, {"figures": [fig, pct]})
    found = highlights(document_page(d, None))
    assert "low" in found["f0001"][2].split() and "low" not in found["f0002"][2].split()
    without = DocTables({"doc_id": "x"}, TEXT, {"figures": [row("figures", "f0001", TEXT, "20%")]})
    assert "low" not in highlights(document_page(without, None))["f0001"][2].split()


@pytest.fixture
def out_copy(generated: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(generated, out)
    return out


def test_second_report_rewrites_nothing_and_a_new_document_only_its_page(out_copy: Path, tmp_path: Path) -> None:
    again = write_report(out_copy)
    assert (again.written, again.pages, again.documents) == (0, 0, 1)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "thong_bao.txt").write_text("Tổng số 120 hồ sơ, trong đó: 70 hồ sơ, 50 hồ sơ.", encoding="utf-8")
    pipeline.run([extra], out_copy, workers=1)
    third = write_report(out_copy)
    assert (third.written, third.pages, third.documents) == (1, 0, 2)
    status = json.loads((out_copy / "report" / "status.json").read_text(encoding="utf-8"))
    assert len([k for k in status if not k.startswith("_")]) == 2
    # the same report folder now written from tables without the PDF: its page and images go
    only_text = tmp_path / "only_text"
    pipeline.run([extra], only_text, workers=1)
    write_report(only_text, out_copy / "report")
    pdf_id = pd.read_parquet(out_copy / "documents").query("source_format == 'pdf'").doc_id.iloc[0]
    assert not (out_copy / "report" / page_name(pdf_id)).exists()
    assert not (out_copy / "report" / "img" / pdf_id).exists()


def test_page_images_come_from_the_source_found_by_sha256(out_copy: Path, generated: Path, tmp_path: Path) -> None:
    (out_copy / "_state" / "files.json").unlink()  # as if OUT had been moved to another machine
    dest = tmp_path / "r1"
    lost = write_report(out_copy, dest)
    doc_id = pd.read_parquet(out_copy / "documents").doc_id.iloc[0]
    assert lost.pages == 0 and len(lost.missing_sources) == 1
    assert "Không tìm thấy tệp gốc" in (dest / page_name(doc_id)).read_text(encoding="utf-8")
    found = write_report(out_copy, tmp_path / "r2", sources=[generated.parent / "in"])
    assert found.pages == 4 and not found.missing_sources
    assert sorted(p.name for p in (tmp_path / "r2" / "img" / doc_id).iterdir()) == [
        "p0001.jpg", "p0002.jpg", "p0003.jpg", "p0004.jpg"]  # fmt: skip


def test_export_xlsx_links_every_row_to_its_place_in_the_report(generated: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "findings.xlsx"
    assert main(["export", str(generated), "--xlsx", str(book)]) == 0
    wb = load_workbook(book)
    assert wb.sheetnames[:4] == ["documents", "figures", "checks", "diagnostics"]
    figures = pd.read_parquet(generated / "figures")
    ws = wb["figures"]
    header = [c.value for c in ws[1]]
    assert ws.max_row - 1 == len(figures)
    assert {"raw", "value", "unit", "scale", "sentence"} <= set(header)
    first = ws.cell(row=2, column=len(header)).hyperlink.target
    page, anchor = first.split("#")
    assert anchor == figures.figure_id.iloc[0]
    assert (book.parent / page).resolve().is_file()
    checks = wb["checks"]
    assert checks.max_row - 1 == len(pd.read_parquet(generated / "checks"))


def test_report_and_export_commands(out_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", str(out_copy), "-o", str(tmp_path / "rep")]) == 0
    assert "index.html" in capsys.readouterr().out
    assert (tmp_path / "rep" / "index.html").is_file()
    with pytest.raises(SystemExit) as err:
        main(["export", str(out_copy)])
    assert err.value.code == 2
    with pytest.raises(SystemExit):
        main(["report", str(tmp_path / "nothing")])


GOLD = Path(__file__).parent / "gold"
GOLD_TEXT = (
    "I. KINH TẾ\nThu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng).\n"
    "II. XÃ HỘI\nTheo Kế hoạch số 05/KH-UBND ngày 02/01/2024, đã tiếp 194 lượt công dân."
)


def gold_doc() -> DocTables:
    t = GOLD_TEXT
    second = t.index("II.")
    raws = ("1.200 tỷ đồng", "20%", "1.000 tỷ đồng", "194 lượt")
    rows = {
        "sections": [
            {"section_id": "s0001", "char_start": 0, "marker": "I", "heading": "KINH TẾ", "level": 1},
            {"section_id": "s0002", "char_start": second, "marker": "II", "heading": "XÃ HỘI", "level": 1},
        ],
        "pages": [{"page": 1, "char_start": 0}, {"page": 2, "char_start": second}],
        "figures": [row("figures", f"f000{k}", t, raw) for k, raw in enumerate(raws, 1)],
        "references": [row("references", "r0001", t, "Kế hoạch số 05/KH-UBND ngày 02/01/2024")],
        "dates": [row("dates", "d0001", t, "02/01/2024")],
    }
    return DocTables({"doc_id": "x"}, t, rows)


def test_text_markup_matches_the_gold_file() -> None:
    """Markup of a small document against tests/report/gold/markup.html: sections anchored, page breaks
    marked, a date nested in its reference (regenerate with BAOCAO_REGOLD=1 after a deliberate change)."""
    import os

    html = render(gold_doc(), low=set())
    gold = GOLD / "markup.html"
    if os.environ.get("BAOCAO_REGOLD"):
        gold.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == gold.read_text(encoding="utf-8")


def test_a_scanned_image_is_its_own_page_and_low_ocr_pages_are_flagged(tmp_path: Path) -> None:
    from PIL import Image

    from pipeline.output.report import images
    from pipeline.output.report.build import pages_pane

    scan = tmp_path / "scan.png"
    Image.new("RGB", (2480, 3508), "white").save(scan)
    sizes = images.render_image(scan, tmp_path / "img")
    assert sizes == [(1, 1100, 1556)]
    with Image.open(tmp_path / "img" / "p0001.jpg") as im:
        assert im.size == (1100, 1556)
    pages = [{"page": 1, "ocr": True, "ocr_confidence": 45.0, "width": 595.0, "height": 842.0}]
    d = DocTables({"doc_id": "x", "source_format": "image"}, "", {"pages": pages})
    pane = pages_pane(d, [list(s) for s in sizes])
    assert 'class="page lowconf"' in pane and "OCR, độ tin cậy 45%" in pane  # 0..100 read as a percentage
    pages[0]["ocr_confidence"] = 0.93
    assert 'class="page"' in pages_pane(d, [list(s) for s in sizes])
