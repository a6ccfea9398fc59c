"""Word files: ``.docx`` read with python-docx, legacy ``.doc`` converted by LibreOffice first.

The body is walked in document order (paragraphs, tables, content controls). The text comes
out in the shape of the project's text sources: blocks (paragraphs, table rows, layout-table
columns) separated by a blank line, so ``normalize`` never joins two real paragraphs, and the
lines of one block separated by a single newline (soft breaks, lines of one cell).

* Data tables: one block per row, cells separated by ``"\\t"``; a vertically merged cell is
  written once (its continuation rows leave it empty), so a number is never read twice.
* Layout tables (small, without visible borders: the issuer | motto header, the
  "Nơi nhận" | signature block): column by column, so the left cell's lines come first.
  Header lines laid out with tabs instead of a table ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA ...")
  at the top of the document are split into columns the same way.
* Automatic list numbering (``numbering.xml``) is written out before the paragraph as Word
  shows it ("1. ", "a) ", "II. ", bullets as "- "), see ``word_numbering``.
* Text boxes (e.g. a "DỰ THẢO" stamp) follow the paragraph that anchors them; deleted
  revisions and the VML fallback copies of drawings are skipped.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import regex

from ..records import Document, SourceText
from .errors import IngestError
from .word_numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

SOFFICE_TIMEOUT = 120  # seconds for one .doc conversion; a hung LibreOffice must not stall a batch
LAYOUT_MAX_COLS = 3  # header and signature tables have 2 (sometimes 3, with a spacer) columns
LAYOUT_MAX_ROWS = 4
HEADER_SCAN_BLOCKS = 4  # tab-laid header lines must start within the first few blocks
MAX_RUN_LINES = 40  # a recipients list is rarely longer
RECIPIENTS = regex.compile(r"(?i)nơi nhận\s*:")  # "Nơi nhận:" opens the signature block
TAB_GAP = regex.compile(r"[ ]{0,8}\t[\t ]{0,40}")  # the gap between two header columns laid out with tabs
# Text-producing elements of a run and what they stand for (w:t is handled apart).
RUN_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
# Subtrees that never hold visible body text (deleted revisions, duplicates, notes' marks).
SKIPPED = {W + "del", W + "moveFrom", MC + "Fallback", W + "instrText", W + "delText", W + "footnoteReference"}
NO_BORDER = {"nil", "none"}


def read_docx(doc: Document, data: bytes) -> SourceText:
    body, numbering = _open_body(data)
    raw = list(_blocks(body, numbering))
    rows = {k for k, b in enumerate(raw) if isinstance(b, TableRow)}  # never a header laid out with tabs
    blocks = [unicodedata.normalize("NFC", b) for b in raw]
    text = "\n\n".join(b for b in _split_tab_columns(blocks, rows) if b.strip())
    if not text.strip():
        raise IngestError("empty_document", "the Word file holds no text")
    return SourceText(text=text, encoding=None)


def read_doc(doc: Document, data: bytes) -> SourceText:
    """Legacy binary .doc: LibreOffice converts it to .docx in a private temp dir."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise IngestError(
            "libreoffice_missing",
            "legacy .doc needs LibreOffice, which is not installed: "
            "install LibreOffice (apt-get install libreoffice-writer) to read .doc files",
        )
    if not data.strip():
        raise IngestError("empty_file", "the file is empty")
    with tempfile.TemporaryDirectory(prefix="baocao_doc_") as tmp:
        src = Path(tmp) / "source.doc"
        src.write_bytes(data)
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",  # own profile: parallel runs do not lock each other
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(Path(tmp) / "out"),
            str(src),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise IngestError(
                "doc_conversion_timeout", f"LibreOffice took over {SOFFICE_TIMEOUT} s on the .doc"
            ) from None
        out = Path(tmp) / "out" / "source.docx"
        if not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise IngestError(
                "doc_conversion_failed",
                f"LibreOffice could not convert the .doc (exit {proc.returncode}): {' '.join(detail[-2:])[:300]}",
            )
        converted = out.read_bytes()
    doc.diagnose("ingest", "info", "doc_converted", "legacy .doc converted to .docx with LibreOffice")
    return read_docx(doc, converted)


def _open_body(data: bytes):
    """The w:body element and the document's numbering, or IngestError for anything not a readable .docx."""
    import docx  # imported on use: text-only batches never load it
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        code = "not_docx" if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" else "doc_named_docx"
        raise IngestError(
            code,
            "the file is not a .docx (not a zip package)"
            + ("; it is a legacy .doc: rename it to .doc" if code == "doc_named_docx" else ""),
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise IngestError("not_docx", f"the zip package is not a Word document: {err}") from None
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise IngestError("corrupt_docx", f"the .docx is corrupt or truncated: {err}") from None
    except Exception as err:  # lxml parse errors and the like: a broken part inside the package
        raise IngestError("corrupt_docx", f"the .docx cannot be parsed: {type(err).__name__}: {err}") from None
    return document.element.body, Numbering(_part_element(document, RT.NUMBERING), _part_element(document, RT.STYLES))


def _part_element(document, reltype: str):
    """The XML root of the main document's part of type ``reltype`` (numbering, styles), or None."""
    try:
        part = document.part.part_related_by(reltype)
    except KeyError:
        return None
    return getattr(part, "element", None)  # a part python-docx did not parse as XML is ignored


def _blocks(container, numbering: Numbering) -> Iterator[str]:
    """Blocks of a body, a cell or a content control, in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == W + "p":
            yield from _paragraph_blocks(child, numbering)
        elif tag == W + "tbl":
            yield from _table_blocks(child, numbering)
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content, numbering)
        elif tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _blocks(child, numbering)


def _paragraph_blocks(p, numbering: Numbering) -> Iterator[str]:
    label = numbering.label(p)  # asked even for an empty paragraph: Word counts it too
    boxes: list[str] = []
    text = _paragraph_text(p, boxes, numbering)
    if text.strip():
        # the text's own leading tab would read as a cell or column break after the label
        yield label + text.lstrip(" \t") if label else text
    yield from boxes


def _paragraph_text(p, boxes: list[str], numbering: Numbering) -> str:
    """The paragraph's visible text; text boxes met on the way are appended to ``boxes``."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue  # comments, processing instructions, deleted or duplicate text
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag in RUN_CHARS:
            parts.append(RUN_CHARS[tag])
        elif tag == W + "txbxContent":
            box = "\n".join(b for b in _blocks(el, numbering) if b.strip())
            if box.strip():
                boxes.append(box)
        else:
            stack.append(iter(el))
    return "".join(parts)


def _table_blocks(tbl, numbering: Numbering) -> Iterator[str]:
    rows = [_row_cells(tr, numbering) for tr in tbl.iterchildren(W + "tr")]
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return
    if _is_layout_table(tbl, rows):
        yield from _columns(rows)
        return
    for cells in rows:
        # inside a data row a cell's own line breaks become spaces: one row, one line
        yield TableRow("\t".join(" ".join(line.strip() for line in c.split("\n") if line.strip()) for c in cells))


def _row_cells(tr, numbering: Numbering) -> list[str]:
    """The row's cells on the table's grid: a cell spanning columns is written in its first one and the columns
    it covers are left empty (as the PDF reader writes a ruled table), so a number stays under its header."""
    before = tr.find(f"{W}trPr/{W}gridBefore")
    cells = [""] * _int(before.get(W + "val"), 0) if before is not None else []
    for tc in tr.iterchildren(W + "tc", W + "sdt"):
        if tc.tag == W + "sdt":  # a content control wrapping a cell
            inner = tc.find(W + "sdtContent")
            tc = inner.find(W + "tc") if inner is not None else None
            if tc is None:
                continue
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        covered = [""] * (_int(span.get(W + "val"), 1) - 1) if span is not None else []
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(W + "val", "continue") == "continue":
            cells.extend(["", *covered])  # the rest of a vertically merged cell: its text stands in the first row
            continue
        cells.extend(["\n".join(b for b in _blocks(tc, numbering) if b.strip()), *covered])
    return cells


def _int(value: str | None, default: int) -> int:
    """A grid count of the XML (``default`` when missing or unreadable; at most 64: a damaged file spans no more)."""
    try:
        return max(0, min(int(value) if value is not None else default, 64))
    except ValueError:
        return default


def _is_layout_table(tbl, rows: list[list[str]]) -> bool:
    """Small and borderless: a header or signature laid out with a table, not data."""
    if len(rows) > LAYOUT_MAX_ROWS or max(len(r) for r in rows) > LAYOUT_MAX_COLS:
        return False
    if max(len(r) for r in rows) < 2:
        return False
    return not _has_visible_borders(tbl)


def _has_visible_borders(tbl) -> bool:
    """Grid lines between cells, from the table style, the table's borders or most cells' own borders."""
    style = tbl.find(f"{W}tblPr/{W}tblStyle")
    if style is not None and "grid" in (style.get(W + "val") or "").lower():
        return True  # "TableGrid": Word's default bordered table
    table_borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    if table_borders is not None and any(
        _visible(edge) for edge in table_borders if edge.tag in (W + "insideH", W + "insideV")
    ):
        return True
    cells = list(tbl.iter(W + "tc"))
    bordered = sum(1 for tc in cells if any(_visible(edge) for edge in tc.findall(f"{W}tcPr/{W}tcBorders/*")))
    return bordered * 2 > len(cells)  # a rule under one header cell does not make a grid


def _visible(edge) -> bool:
    return edge.get(W + "val", "nil") not in NO_BORDER


def _columns(rows: list[list[str]]) -> Iterator[str]:
    """Column by column: the left column's lines (all rows), then the next column's."""
    width = max(len(r) for r in rows)
    for j in range(width):
        lines = [r[j] for r in rows if j < len(r) and r[j].strip()]
        if lines:
            yield "\n".join(lines)


class TableRow(str):
    """A data table's row, tab-separated: the reader knows it is no header laid out with tabs."""


def _split_tab_columns(blocks: list[str], rows: set[int] = frozenset()) -> list[str]:
    """Two-column blocks laid out with tabs instead of a table become two columns.

    The header at the top ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA ...") and the signature block
    ("Nơi nhận:<tab>TM. ỦY BAN NHÂN DÂN", the recipients on the left, the signer on the right).
    """
    out: list[str] = []
    i = 0
    while i < len(blocks):
        at_top = len(out) < HEADER_SCAN_BLOCKS
        signature = bool(RECIPIENTS.match(blocks[i].lstrip()))
        end, left, right = _tab_run(blocks, i, signature, rows) if at_top or signature else (i, [], [])
        if end > i:
            out += [b for b in ("\n".join(left), "\n".join(right)) if b]
            i = end
        else:
            out.append(blocks[i])
            i += 1
    return out


def _tab_run(blocks: list[str], i: int, signature: bool, rows: set[int]) -> tuple[int, list[str], list[str]]:
    """End of the tab-laid run starting at ``i`` (``i`` when there is none) and its two columns; a data table's
    row (``rows``) ends it."""
    left: list[str] = []
    right: list[str] = []
    pairs = 0
    end = i
    margin = _indent(blocks[i])
    while end < len(blocks) and end - i < MAX_RUN_LINES and "\n" not in blocks[end].strip() and end not in rows:
        line = blocks[end]
        parts = [p.strip() for p in TAB_GAP.split(line.strip())]
        if len(parts) == 2 and all(parts):
            left.append(parts[0])
            right.append(parts[1])
            pairs += 1
        elif signature and len(parts) == 1 and parts[0]:
            # recipients start at the run's margin; the signer's lines are pushed right with tabs
            (right if _indent(line) > margin else left).append(parts[0])
        else:
            break
        end += 1
    if pairs < (1 if signature else 2):
        return i, [], []
    return end, left, right


def _indent(line: str) -> int:
    """Leading tabs (four spaces count as one)."""
    head = line[: len(line) - len(line.lstrip(" \t"))]
    return head.count("\t") + head.count(" ") // 4
