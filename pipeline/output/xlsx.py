"""``baocao export OUT --xlsx FILE``: the auditor's working file.

Sheets ``documents``, ``figures``, ``checks``, ``diagnostics`` (and ``dates``, ``references``) with the
parsed columns and the sentence; the last column of every row links to its place in the HTML report
(``report/<doc_id>.html#<row id>``, relative to the workbook, so the two can be moved together).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .report.build import page_name
from .report.tables import DocTables, load

SHEETS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source_name", "source_path", "source_format", "status", "doc_type", "doc_no",
                  "doc_symbol", "issue_date", "issuer", "title", "n_pages", "ocr", "signer_name", "signer_title"),
    "figures": ("doc_id", "figure_id", "raw", "value", "value_max", "denominator", "quantity", "unit", "scale",
                "approx", "direction", "basis", "subject", "period_start", "period_end", "page", "section_id",
                "ocr_confidence", "sentence"),
    "checks": ("doc_id", "check_id", "kind", "status", "expected", "observed", "figure_ids", "message"),
    "diagnostics": ("doc_id", "source_path", "stage", "severity", "code", "message"),
    "dates": ("doc_id", "date_id", "raw", "start", "end", "granularity", "is_range", "year_inferred", "page",
              "ocr_confidence"),
    "references": ("doc_id", "ref_id", "raw", "ref_type", "ref_no", "ref_year", "ref_symbol", "ref_date",
                   "ref_issuer", "page", "ocr_confidence"),
}  # fmt: skip
ROW_ID = {"figures": "figure_id", "dates": "date_id", "references": "ref_id"}
LINK = "vị trí trong báo cáo"


def export_xlsx(out: Path, dest: Path, report: Path | None = None) -> dict[str, int]:
    """Write the workbook; returns rows per sheet. ``report``: the HTML report folder (default OUT/report)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    out, dest = Path(out), Path(dest)
    report = Path(report) if report else out / "report"
    dest.parent.mkdir(parents=True, exist_ok=True)
    base = os.path.relpath(report.resolve(), dest.resolve().parent).replace(os.sep, "/")
    docs = load(out)
    wb = Workbook()
    wb.remove(wb.active)
    counts = {}
    link_font = Font(color="0563C1", underline="single")
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        present = [c for c in columns if sheet == "documents" or _has(docs, sheet, c)]
        ws.append([*present, LINK])
        n = 0
        for d, row in _rows(docs, sheet):
            ws.append([_cell(row.get(c)) for c in present] + [_target(d, sheet, row)])
            cell = ws.cell(row=ws.max_row, column=len(present) + 1)
            cell.hyperlink = f"{base}/{cell.value}"
            cell.font = link_font
            n += 1
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for k, c in enumerate([*present, LINK], 1):
            ws.column_dimensions[ws.cell(row=1, column=k).column_letter].width = _width(c)
        counts[sheet] = n
    tmp = dest.with_name(f".{dest.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, dest)
    return counts


def _rows(docs: list[DocTables], sheet: str):
    for d in docs:
        if sheet == "documents":
            yield d, d.doc
        else:
            for row in d.table(sheet):
                yield d, row


def _has(docs: list[DocTables], sheet: str, column: str) -> bool:
    """A column the tables carry (``ocr_confidence`` only once the OCR stage writes it)."""
    return any(column in row for d in docs for row in d.table(sheet)[:1]) or column != "ocr_confidence"


def _target(d: DocTables, sheet: str, row: dict) -> str:
    page = page_name(d.doc["doc_id"])
    if sheet in ROW_ID:
        return f"{page}#{row[ROW_ID[sheet]]}"
    if sheet == "checks" and row.get("figure_ids"):
        return f"{page}#{row['figure_ids'][0]}"
    return page


def _cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _width(column: str) -> float:
    return {"sentence": 80, "message": 90, "title": 50, "raw": 24, "subject": 30, LINK: 28}.get(column, 14)
