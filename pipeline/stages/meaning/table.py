"""Subject of a number in a table row: the row's label and the column headers above the number.

A table row is a line of tab-separated cells (a Word table, a ruled PDF table, an HTML table in markdown):
``Lâm Đồng<TAB>83,1/100<TAB>62/63``. Under the header rows ``Tỉnh<TAB>PAR Index<TAB><TAB>SIPAS ...`` and
``<TAB>Điểm số<TAB>Thứ hạng ...`` the number 62/63 measures "Lâm Đồng - PAR Index - Thứ hạng": the row label,
then each header above its column (a header spanning columns stands in its first column, the columns it
covers empty). Headers that name no measure ("Số liệu", "Kết quả", a year) are left out, and a row label
that is a year or a period makes the headers the subject (the period goes to ``period``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .rules import Compiled
from .subject import TRAILING_ASIDE

# a cell holding a row number or list marker ("1", "2.1.", "II", "a)", "(3)") labels nothing
ROW_NUMBER = regex.compile(r"(?:\d{1,3}(?:\.\d{1,3}){0,4}\.?|[IVXLC]{1,6}\.?|\p{Ll}\)|\(\d{1,3}\)|[-+*•])")
NUMBER_CELL = regex.compile(r"[-–]|[~≈<>≥≤]?[ ]?\d[\d.,/ ]{0,30}%?")
PERIOD_CELL = regex.compile(
    r"(?:năm[ ]?)?(?:19|20)\d\d(?:[ ]?[-–][ ]?(?:19|20)\d\d)?|(?:\d{1,2}[ ]tháng|quý[ ]\p{L}{1,4}|tháng[ ]\d{1,2})"
    r"(?:[ ](?:đầu|cuối)[ ]năm)?(?:[ /]{1,3}(?:năm[ ])?(?:19|20)\d\d)?",
    regex.I,
)
MAX_ROWS_UP = 60  # a label spanning rows is looked for this many rows above, at most


@dataclass(frozen=True)
class TableCell:
    subject: str | None
    headers: list[tuple[int, int]]  # where the column headers stand (their dates give the period)
    label: tuple[int, int] | None  # where the row label stands


def in_cell(text: str, line_start: int, line_end: int, start: int, end: int) -> bool:
    """On a tab-separated row (``Tables.top``), the number fills its cell (alone, or with a unit or sign:
    "83,0%", "54/63")."""
    cell_start = text.rfind("\t", line_start, start) + 1 or line_start
    cell_end = text.find("\t", end, line_end)
    cell_end = line_end if cell_end < 0 else cell_end
    before = text[max(cell_start, line_start) : start]
    return not regex.search(r"\p{L}{2}", before) and len(text[end:cell_end].split()) <= 3


class Tables:
    """The tables of one document's text: which lines are rows, where each table starts, its header rows."""

    def __init__(self, text: str, line_starts: list[int], c: Compiled) -> None:
        self.text = text
        self.line_starts = line_starts
        self.c = c
        self._tops: list[int] | None = None
        self._headers: dict[int, list[list[tuple[int, int]]]] = {}

    def row(self, i: int) -> list[tuple[int, int]]:
        return _cells(self.text, self.line_starts[i], _line_end(self.text, self.line_starts, i))

    def top(self, i: int) -> int:
        """The first row of the table holding line ``i`` (consecutive lines with tabs are one table)."""
        if self._tops is None:
            tops: list[int] = []
            for k in range(len(self.line_starts)):
                if "\t" not in self.text[self.line_starts[k] : _line_end(self.text, self.line_starts, k)]:
                    tops.append(-1)
                else:
                    tops.append(tops[-1] if tops and tops[-1] >= 0 else k)
            self._tops = tops
        return self._tops[i]

    def header_rows(self, top: int, i: int) -> list[list[tuple[int, int]]]:
        """The rows opening the table that hold no value (at most MAX_HEADER_ROWS), top first."""
        if top not in self._headers:
            rows = []
            k = top
            while k < len(self.line_starts) and len(rows) < MAX_HEADER_ROWS and self.top(k) == top:
                row = self.row(k)
                if not _is_header(self.text, row) or ROW_NUMBER.fullmatch(self.text[row[0][0] : row[0][1]]):
                    break  # a value, or a numbered group row ("1.\tThống kê TTHC"): the body has begun
                rows.append(row)
                k += 1
            self._headers[top] = rows
        return [r for k, r in enumerate(self._headers[top]) if top + k < i]

    def cell(self, i: int, start: int) -> TableCell:
        """Row labels and column headers of the number at ``start`` on line ``i`` (a tab-separated row)."""
        text, c = self.text, self.c
        col = text.count("\t", self.line_starts[i], start)
        top = self.top(i)
        header_rows = self.header_rows(top, i)
        headers = _headers(text, header_rows, col)
        labels = self._labels(i, col, top + len(header_rows), header_rows)
        names = [_clean(text[a:b]) for a, b in labels]
        names = [n for n in names if not PERIOD_CELL.fullmatch(n)]  # "2021\t62": a year is the row's period
        parts = [text[a:b] for a, b in headers if _names_a_measure(text[a:b], c)]
        if not names and not parts:
            parts = [text[a:b] for a, b in headers if not PERIOD_CELL.fullmatch(text[a:b])]  # "Tổng"
        if not names and parts:
            # a row labelled only by its year ("2019 | 34 | 2"): the headers say which column, the table's caption
            # what the table counts ("Sinh viên cử đi đào tạo ngành y tế:" above it)
            names = [self.caption(top)] if self.caption(top) else []
        subject = " - ".join(dict.fromkeys(p for p in [*names, *parts] if p)) or None
        return TableCell(subject, headers, labels[0] if labels else None)

    def caption(self, top: int) -> str | None:
        """The line right above a table that introduces it ("Bảng 2. Số sinh viên ...", "Kết quả ... như sau:")."""
        for k in range(top - 1, max(-1, top - 1 - CAPTION_LINES_UP), -1):
            line = self.text[self.line_starts[k] : _line_end(self.text, self.line_starts, k)].strip()
            if not line:
                continue
            if len(line) > CAPTION_CHARS or not (line.endswith(":") or CAPTION_LEAD.match(line)):
                return None
            line = CAPTION_TAIL.sub("", CAPTION_LEAD.sub("", line)).strip(" :.-–")
            return _clean(line) if regex.search(r"\p{L}{2}", line) else None
        return None

    def _labels(self, i: int, col: int, body: int, header_rows: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
        """The cells naming the row before column ``col`` (not row numbers, values or the unit column); an empty
        cell before them takes the label spanning it from a row above ("Xã A | Hộ nghèo | 42", " | Hộ cận nghèo |
        57": 57 counts "Xã A - Hộ cận nghèo")."""
        text = self.text
        out: list[tuple[int, int]] = []
        for j, (a, b) in enumerate(self.row(i)[:col]):
            if a == b:
                if not out:
                    out.extend(self._above(i, j, body))
                continue
            if _is_label(text[a:b]) and not any(UNIT_HEADER.fullmatch(_cell_text(text, r, j)) for r in header_rows):
                out.append((a, b))
        return out

    def _above(self, i: int, j: int, body: int) -> list[tuple[int, int]]:
        """Column ``j`` of the nearest row above (in the table's body) where it is filled, if it names the row."""
        for k in range(i - 1, max(body - 1, i - MAX_ROWS_UP), -1):
            row = self.row(k)
            if j < len(row) and row[j][0] < row[j][1]:
                a, b = row[j]
                return [(a, b)] if _is_label(self.text[a:b]) else []
        return []


CAPTION_LINES_UP = 2
CAPTION_CHARS = 200
CAPTION_LEAD = regex.compile(r"(?:bảng|biểu)[ \t]*(?:số[ \t]*)?[\dIVX]{0,4}[ \t]*[.:\-–]?[ \t]*", regex.I)
CAPTION_TAIL = regex.compile(r"[ \t,]*(?:như sau|cụ thể như sau|cụ thể)?[ \t]*:?[ \t]*$", regex.I)
UNIT_HEADER = regex.compile(r"đơn vị tính|đvt|đơn vị đo", regex.I)


def _is_label(cell: str) -> bool:
    """A cell naming something or a period: not a row number, not a value ("1.250 tỷ đồng", "83,0%")."""
    return not ROW_NUMBER.fullmatch(cell) and (bool(PERIOD_CELL.fullmatch(cell)) or not VALUE_CELL.match(cell))


VALUE_CELL = regex.compile(r"[-–~≈<>≥≤+]?[ ]?\d|[-–]$")


def _cell_text(text: str, row: list[tuple[int, int]], j: int) -> str:
    return text[row[j][0] : row[j][1]] if j < len(row) else ""


MAX_HEADER_ROWS = 4


def _line_end(text: str, line_starts: list[int], i: int) -> int:
    return line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(text)


def _cells(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a row, spaces at either end left out."""
    out = []
    pos = line_start
    for part in text[line_start:line_end].split("\t"):
        a, b = pos, pos + len(part)
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] == " ":
            b -= 1
        out.append((a, b))
        pos += len(part) + 1
    return out


def _is_header(text: str, row: list[tuple[int, int]]) -> bool:
    """A row of names only: no cell after the first holds a value (a year or a column number is a name)."""
    for a, b in row[1:]:
        cell = text[a:b]
        if NUMBER_CELL.fullmatch(cell) and not PERIOD_CELL.fullmatch(cell):
            return False  # a value ("42", "83,0%"); a column number in brackets ("(2)") is no NUMBER_CELL
    return True


def _headers(text: str, header_rows: list[list[tuple[int, int]]], col: int) -> list[tuple[int, int]]:
    """The header text over column ``col``, top row first: each header row's cell over the column, or the cell
    spanning it (the nearest filled cell to its left)."""
    out: list[tuple[int, int]] = []
    for row in header_rows:
        k = min(col, len(row) - 1)
        while k > 0 and row[k][0] == row[k][1]:
            k -= 1  # a header spanning columns stands in its first one
        if k == 0 and col > 0:
            continue  # the label column's header ("Tỉnh", "Chỉ tiêu") names no measure
        a, b = row[k]
        cell = _clean(text[a:b])
        if cell and not ROW_NUMBER.fullmatch(cell) and (a, a + len(cell)) not in out:
            out.append((a, a + len(cell)))
    return out


def _names_a_measure(header: str, c: Compiled) -> bool:
    """Not a period ("Năm 2024") nor generic words with one ("Kế hoạch 2025", "Số liệu", "Thực hiện 6 tháng")."""
    core = PERIOD_CELL.sub(" ", header).strip(" -–/,")
    return bool(core) and not c.generic_header_re.fullmatch(core)


def _clean(cell: str) -> str:
    """A cell without an aside closing it ("Số văn bản đã ban hành (Kết luận, chỉ thị, ...)"); a long one (the
    full name of a procedure with its legal cases) up to its first ';', '(' or ':', at most LABEL_WORDS words."""
    cell = TRAILING_ASIDE.sub("", cell).strip(" :") or cell.strip()
    words = cell.split()
    if len(words) <= LABEL_WORDS:
        return cell
    cut = LABEL_CUT.search(cell)
    head = cell[: cut.start()] if cut and len(cell[: cut.start()].split()) >= 3 else cell
    return " ".join(head.split()[:LABEL_WORDS]).rstrip(" ,")


LABEL_WORDS = 16
LABEL_CUT = regex.compile(r"[;:]| \(")
