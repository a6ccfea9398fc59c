"""Ruled PDF tables come out one row per line, cells tab-separated; shading and frames make no table.

The PDFs are drawn by hand (``tests/fixtures/pdfgen.py``: Helvetica, own words): rulings as stroked lines
("m l S"), as stroked rectangles ("re S") or as filled hairlines ("re f"), like Word and LibreOffice exports.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.records import Document
from pipeline.stages.normalize import run as normalize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
import pdfgen

H = 842  # page height: pdfgen's text_ops measures baselines from the top, PDF paths from the bottom


def hline(x0: float, x1: float, top: float, style: str) -> str:
    if style == "hairline":
        return f"{x0} {H - top - 0.25} {x1 - x0} 0.5 re f"
    return f"{x0} {H - top} m {x1} {H - top} l S"


def vline(x: float, top: float, bottom: float, style: str) -> str:
    if style == "hairline":
        return f"{x - 0.25} {H - bottom} 0.5 {bottom - top} re f"
    return f"{x} {H - top} m {x} {H - bottom} l S"


def grid(xs: list[float], ys: list[float], style: str, skip_inner: set[tuple[int, int]] = frozenset()) -> str:
    """Borders of a table; ``skip_inner``: (column border k, row r) pairs not drawn (a cell spanning columns)."""
    ops = [hline(xs[0], xs[-1], y, style) for y in ys]
    for k, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (k, r) not in skip_inner:
                ops.append(vline(x, ys[r], ys[r + 1], style))
    return "\n".join(ops)


PROSE = [
    (72, 80, "Bao cao ket qua cac chi so cua tinh nam 2025 nhu sau, theo bang duoi day:"),
]
# a two-row header: "Chi so PCI" spans the two columns under it; the first body row's label wraps in its cell
TABLE = [
    (76, 118, "Tinh"),
    (186, 118, "Chi so PCI"),
    (186, 138, "Diem so"),
    (266, 138, "Thu hang"),
    (76, 158, "Tinh Lam"),
    (76, 171, "Dong"),
    (186, 164, "65,08"),
    (266, 164, "54/63"),
    (76, 192, "Tinh Dak Nong"),
    (186, 192, "67,45"),
    (266, 192, "36/63"),
]
AFTER = [(72, 240, "Tinh tiep tuc cai thien moi truong dau tu trong nam 2026.")]
XS = [72.0, 180.0, 260.0, 340.0]
YS = [105.0, 125.0, 145.0, 178.0, 200.0]


def read(content: str) -> Document:
    doc = Document("id", "t.pdf", "t.pdf", "sha", "pdf")
    ingest(doc, pdfgen.handmade_pdf([content]))
    normalize(doc)
    return doc


def lines_of(doc: Document) -> list[str]:
    return [ln for ln in doc.text.split("\n") if ln.strip()]


@pytest.mark.parametrize("style", ["stroked", "hairline"])
def test_a_ruled_table_comes_out_one_row_per_line_with_its_cells_tab_separated(style: str) -> None:
    # the border between the two PCI columns is not drawn in the first row: "Chi so PCI" spans them
    borders = grid(XS, YS, style, skip_inner={(2, 0)})
    doc = read(pdfgen.text_ops(PROSE + TABLE + AFTER) + "\n" + borders)
    assert lines_of(doc) == [
        "Bao cao ket qua cac chi so cua tinh nam 2025 nhu sau, theo bang duoi day:",
        "Tinh\tChi so PCI",  # the spanning cell stands in its first column, the one it covers is empty
        "\tDiem so\tThu hang",
        "Tinh Lam Dong\t65,08\t54/63",  # a label wrapped inside its cell is one cell
        "Tinh Dak Nong\t67,45\t36/63",
        "Tinh tiep tuc cai thien moi truong dau tu trong nam 2026.",
    ]


def test_table_rows_keep_the_boxes_of_their_chars() -> None:
    doc = read(pdfgen.text_ops(PROSE + TABLE + AFTER) + "\n" + grid(XS, YS, "stroked"))
    start = doc.text.index("54/63")
    origin = doc.origin[start]
    x0, _top, _x1, bottom = doc.source.char_boxes[origin]
    assert 262 <= x0 <= 270 and 150 <= bottom <= 168


def test_a_table_of_stroked_rectangles_is_a_table() -> None:
    cells = "\n".join(
        f"{XS[k]} {H - YS[r + 1]} {XS[k + 1] - XS[k]} {YS[r + 1] - YS[r]} re S" for r in range(1, 4) for k in range(3)
    )
    doc = read(pdfgen.text_ops(TABLE[4:]) + "\n" + cells)
    assert lines_of(doc) == ["Tinh Lam Dong\t65,08\t54/63", "Tinh Dak Nong\t67,45\t36/63"]


def test_shading_behind_lines_of_text_makes_no_table() -> None:
    # highlighted lines: filled rectangles behind each line, side by side (as a highlighter leaves them)
    text = [(72, 100 + 18 * k, f"Dong van ban thu {k} duoc to mau de nhan manh noi dung chinh") for k in range(4)]
    shade = "\n".join(f"0.9 g 70 {H - 104 - 18 * k} 200 16 re f 280 {H - 104 - 18 * k} 150 16 re f" for k in range(4))
    doc = read(pdfgen.text_ops(text) + "\n" + shade)
    assert "\t" not in doc.text


def test_a_frame_around_a_paragraph_makes_no_table() -> None:
    text = [(80, 100 + 14 * k, f"Muc tieu cua de an la dao tao doi ngu can bo khoa hoc ky thuat {k}") for k in range(3)]
    frame = "72 700 400 60 re S"
    doc = read(pdfgen.text_ops(text) + "\n" + frame)
    assert "\t" not in doc.text


def test_rulings_through_words_are_no_table() -> None:
    # vertical strokes crossing a paragraph (a drawing laid over the text) would cut its words in two
    text = [(72, 100 + 14 * k, f"Cac co quan don vi tiep tuc trien khai nhiem vu duoc giao so {k}") for k in range(3)]
    strokes = grid([72.0, 151.0, 233.0, 420.0], [88.0, 104.0, 118.0, 132.0], "stroked")
    doc = read(pdfgen.text_ops(text) + "\n" + strokes)
    assert "\t" not in doc.text


def _word_table_pdf(tmp_path: Path) -> bytes:
    """A Word document with a bordered table ('Table Grid'), printed to PDF by LibreOffice."""
    import shutil
    import subprocess

    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("Kết quả các chỉ số năm 2024 của các tỉnh như sau:")
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    rows = [
        ["Tỉnh", "Chỉ số PCI", ""],
        ["", "Điểm số", "Thứ hạng"],
        ["Tỉnh Alpha thuộc vùng duyên hải và miền núi phía Bắc", "66,12", "21/63"],
        ["Tỉnh Beta", "61,40", "47/63"],
    ]
    for r, cells in enumerate(rows):
        for k, text in enumerate(cells):
            table.cell(r, k).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # "Chỉ số PCI" spans its two columns
    doc.add_paragraph("Tỉnh tiếp tục cải thiện môi trường đầu tư trong năm 2025.")
    path = tmp_path / "bang.docx"
    doc.save(str(path))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    return (tmp_path / "bang.pdf").read_bytes()


@pytest.mark.skipif(
    not __import__("shutil").which("soffice") and not __import__("shutil").which("libreoffice"),
    reason="LibreOffice is not installed (CI installs it)",
)
def test_a_word_table_printed_by_libreoffice_reads_as_its_rows(tmp_path: Path) -> None:
    doc = Document("id", "bang.pdf", "bang.pdf", "sha", "pdf")
    ingest(doc, _word_table_pdf(tmp_path))
    normalize(doc)
    rows = [ln for ln in doc.text.split("\n") if "\t" in ln]
    assert rows == [
        "Tỉnh\tChỉ số PCI",
        "\tĐiểm số\tThứ hạng",
        "Tỉnh Alpha thuộc vùng duyên hải và miền núi phía Bắc\t66,12\t21/63",  # wrapped in its cell: one cell
        "Tỉnh Beta\t61,40\t47/63",
    ]
    assert "Tỉnh tiếp tục cải thiện môi trường đầu tư trong năm 2025." in doc.text.split("\n")
