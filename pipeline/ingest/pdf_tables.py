"""Ruled tables of a text-layer page: each table row becomes one line, its cells separated by a tab.

Read line by line, a table loses its shape: the cells of one row run together ("Lâm Đồng 83,1/100
62/63 ..."), a cell wrapped over two lines splits its row in two, and the layout joins the rows into one
paragraph because they run from margin to margin. Word and LibreOffice draw a table's borders as thin
lines or rectangles; from them: the horizontal rulings give the rows, the vertical ones the columns,
each char goes to the cell its centre falls in, and a row comes out as ``label<TAB>cell<TAB>cell`` (an
empty cell stays empty, so columns line up) — the shape the Word reader gives a table row, which
``figures`` and ``meaning`` read as a row (label, cells, and the column headers of the rows above).

A table needs two rows and two columns of rulings that touch; frames, underlines and boxes do not make
one. Tables drawn without rulings are left to the line reader.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
import pypdfium2.raw as pdfium_raw

from .pdf_chars import PdfLine
from .pdf_objects import PATH, PageObject, matrix

THIN = 2.0  # points: a ruling is a line or a rectangle at most this thick
MIN_RULING = 6.0  # points: shorter strokes (ticks, bullets, underlined letters) are no rulings
SNAP = 2.0  # points: rulings this close are one (a border drawn twice, cell borders meeting)
MAX_SEGMENTS = 2_000  # path segments read per path object (a table drawn as one path)
TABLE_ROW = "table_row"  # the tag of a line that is a table row


@dataclass(frozen=True)
class Ruling:
    horizontal: bool
    at: float  # y of a horizontal ruling (from the page top), x of a vertical one
    start: float  # its extent along its own direction
    end: float


@dataclass(frozen=True)
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    verticals: list[Ruling]  # where each column border runs (a cell spanning columns has none inside it)

    def borders(self, y: float) -> np.ndarray:
        """The column boundaries a row at height ``y`` has: the outer edges and the borders crossing it."""
        crossing = [v.at for v in self.verticals if v.start - SNAP <= y <= v.end + SNAP]
        inner = [x for x in self.xs[1:-1] if any(abs(at - x) <= SNAP for at in crossing)]
        return np.asarray([self.xs[0], *inner, self.xs[-1]])

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def page_rulings(objects: list[PageObject], height: float) -> list[Ruling]:
    """The thin horizontal and vertical strokes the page draws (top measured from the page top)."""
    out: list[Ruling] = []
    for obj in objects:
        if obj.kind != PATH:
            continue
        left, bottom, right, top = obj.bounds
        if right - left < MIN_RULING and top - bottom < MIN_RULING:
            continue
        if top - bottom <= THIN or right - left <= THIN:
            out.extend(_edges(left, height - top, right, height - bottom))
        elif _stroked(obj):  # a cell's border drawn as a rectangle, or a whole grid as one path
            out.extend(_path_edges(obj, height))
        # a filled area (cell shading, a highlighted line of text) draws no border
    return out


def _edges(x0: float, top: float, x1: float, bottom: float) -> list[Ruling]:
    """A thin box (a stroked line, or a border drawn as a filled hairline rectangle) as a ruling."""
    if bottom - top <= THIN:
        return [Ruling(True, (top + bottom) / 2, x0, x1)] if x1 - x0 >= MIN_RULING else []
    return [Ruling(False, (x0 + x1) / 2, top, bottom)] if bottom - top >= MIN_RULING else []


def _stroked(obj: PageObject) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(pdfium_raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke) and stroke.value)


def _path_edges(obj: PageObject, height: float) -> list[Ruling]:
    """The axis-parallel straight segments of a path, in page coordinates."""
    n = pdfium_raw.FPDFPath_CountSegments(obj.raw)
    if n <= 0 or n > MAX_SEGMENTS:
        return []
    a, b, c, d, e, f = matrix(obj)
    x, y = pdfium_raw.FS_FLOAT(), pdfium_raw.FS_FLOAT()
    points: list[tuple[float, float, int, bool]] = []
    for k in range(n):
        seg = pdfium_raw.FPDFPath_GetPathSegment(obj.raw, k)
        if not pdfium_raw.FPDFPathSegment_GetPoint(seg, x, y):
            return []
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        kind, close = pdfium_raw.FPDFPathSegment_GetType(seg), bool(pdfium_raw.FPDFPathSegment_GetClose(seg))
        points.append((px, height - py, kind, close))
    out: list[Ruling] = []
    start = last = None
    for px, py, kind, close in points:
        if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
            start = last = (px, py)
            continue
        if kind == pdfium_raw.FPDF_SEGMENT_LINETO and last is not None:
            out.extend(_segment(last, (px, py)))
        last = (px, py)
        if close and start is not None:
            out.extend(_segment(last, start))
            last = start
    return out


def _segment(p: tuple[float, float], q: tuple[float, float]) -> list[Ruling]:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= THIN / 2 and abs(x1 - x0) >= MIN_RULING:
        return [Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))]
    if abs(x0 - x1) <= THIN / 2 and abs(y1 - y0) >= MIN_RULING:
        return [Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))]
    return []


def find_grids(rulings: list[Ruling]) -> list[Grid]:
    """Tables: groups of horizontal and vertical rulings that touch, with two rows and two columns or more."""
    hs = [r for r in rulings if r.horizontal]
    vs = [r for r in rulings if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - SNAP <= v.at <= h.end + SNAP and v.start - SNAP <= h.at <= v.end + SNAP:
                parent[root(i)] = root(len(hs) + j)
    groups: dict[int, list[Ruling]] = {}
    for k, r in enumerate(hs + vs):
        groups.setdefault(root(k), []).append(r)
    grids = []
    for group in groups.values():
        # the outer edges count where a table draws only its inner borders
        ys = _snap(
            [r.at for r in group if r.horizontal] + [e for r in group if not r.horizontal for e in (r.start, r.end)]
        )
        xs = _snap(
            [r.at for r in group if not r.horizontal] + [e for r in group if r.horizontal for e in (r.start, r.end)]
        )
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(Grid(xs, ys, [r for r in group if not r.horizontal]))
    return grids


def _snap(values: list[float]) -> list[float]:
    """Sorted values, those within SNAP of the one before merged into it."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def rebuild(lines: list[PdfLine], grids: list[Grid]) -> list[PdfLine]:
    """The page's lines with each table's lines replaced by one line per row (in the table's place)."""
    for grid in grids:
        x0, top, x1, bottom = grid.box
        inside = [
            k
            for k, ln in enumerate(lines)
            if top - SNAP <= (ln.top + ln.bottom) / 2 <= bottom + SNAP and ln.x0 >= x0 - SNAP and ln.x1 <= x1 + SNAP
        ]
        if not inside:
            continue
        rows = table_rows([lines[k] for k in inside], grid)
        if not rows:
            continue
        keep = set(inside)
        first = inside[0]
        lines = (
            [ln for k, ln in enumerate(lines[:first]) if k not in keep]
            + rows
            + [ln for k, ln in enumerate(lines[first:], first) if k not in keep]
        )
    return lines


def table_rows(lines: list[PdfLine], grid: Grid) -> list[PdfLine]:
    """One line per row of the grid: the text of each cell (its lines joined by a space), tab-separated."""
    ys = np.asarray(grid.ys)
    xs = np.asarray(grid.xs)
    ncols = len(xs) - 1
    by_row: dict[int, list[PdfLine]] = {}
    for ln in lines:
        r = int(np.clip(np.searchsorted(ys, (ln.top + ln.bottom) / 2) - 1, 0, len(ys) - 2))
        by_row.setdefault(r, []).append(ln)
    out = []
    cut_words = 0
    for r in sorted(by_row):
        cells: list[list[tuple[str, np.ndarray]]] = [[] for _ in range(ncols)]
        borders = grid.borders((ys[r] + ys[r + 1]) / 2)
        # a cell spanning columns is written in its first column, the columns it covers left empty
        first_column = np.searchsorted(xs, borders - SNAP)
        for ln in sorted(by_row[r], key=lambda ln: (ln.top, ln.x0)):
            parts, cuts = _split_cells(ln, borders)
            cut_words += cuts
            for col, text, boxes in parts:
                cells[int(first_column[col])].append((text, boxes))
        row = _row_line(cells, by_row[r])
        if row is not None:
            out.append(row)
    # a column border never cuts a word: rulings that do are no table (a frame, a form, a drawing over text)
    return out if cut_words <= MAX_CUT_WORDS * len(lines) else []


MAX_CUT_WORDS = 0.05  # per line of the table


def _split_cells(line: PdfLine, xs: np.ndarray) -> tuple[list[tuple[int, str, np.ndarray]], int]:
    """The parts of a line in each column it crosses (an inserted space goes with the char before it), and
    how many words a column border cuts in two (a letter or digit on both sides of it)."""
    centres = (line.boxes[:, 0] + line.boxes[:, 2]) / 2
    cols = np.searchsorted(xs, centres) - 1
    last = 0
    for k in range(len(cols)):  # inserted spaces (NaN boxes) stay in the column of the char before
        if np.isnan(centres[k]):
            cols[k] = last
        last = cols[k] = int(np.clip(cols[k], 0, len(xs) - 2))
    parts = []
    cuts = 0
    start = 0
    for k in range(1, len(cols) + 1):
        if k < len(cols) and cols[k] == cols[start]:
            continue
        if k < len(cols) and line.text[k - 1].isalnum() and line.text[k].isalnum():
            cuts += 1
        raw = line.text[start:k]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if text:
            parts.append((int(cols[start]), text, line.boxes[start + lead : start + lead + len(text)]))
        start = k
    return parts, cuts


def _row_line(cells: list[list[tuple[str, np.ndarray]]], lines: list[PdfLine]) -> PdfLine | None:
    if not any(cells):
        return None
    gap = np.full((1, 4), np.nan)
    texts: list[str] = []
    boxes: list[np.ndarray] = []
    for k, cell in enumerate(cells):
        if k:
            texts.append("\t")
            boxes.append(gap)
        for j, (text, box) in enumerate(cell):
            if j:
                texts.append(" ")
                boxes.append(gap)
            texts.append(text)
            boxes.append(box)
    text = "".join(texts).rstrip("\t")
    all_boxes = np.concatenate(boxes)[: len(text)]
    size = float(np.median([ln.size for ln in lines]))
    return PdfLine(
        text,
        all_boxes,
        min(ln.x0 for ln in lines),
        min(ln.top for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.bottom for ln in lines),
        size,
        {TABLE_ROW},
        lines[0].bold,
        any(ln.invisible for ln in lines),
    )
