"""Layout clean-up of PDF pages before normalize: what the page shows, in reading order, minus furniture.

* Reading order: pdfium's (content-stream) order, except that a block drawn later but standing
  wholly above an earlier one goes first (a header block drawn after the body).
* Digital-signature stamps ("Ký bởi: ...", "SAO Y; SỞ NỘI VỤ; 19/05/2026; 14:42:19; +07:00")
  are dropped, also when they share a line with body text (a part standing apart by a wide gap).
* Page numbers in the top or bottom margin are dropped when they run with the page index
  (or stand centred); lines repeated in the margins of most pages (running headers/footers) too.
* The two-column header block of page 1 (issuer and "Số: ..." on the left, national motto and
  place/date on the right) is split at the column gap: the left column's lines come first,
  then the right column's, so "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..." never comes out interleaved.
* Spaces inside document symbols ("/B C-UBND") are deleted.
* Paragraphs from the geometry of justified text (``mark_paragraphs``): a line under a line that
  ran to the right edge, starting at the left margin, is a hard wrap (joined by a space; by
  nothing after "828/QĐ-"); a first-line indent, a short last line with its sentence ended, a
  change of bold, or extra spacing start a new paragraph (a blank line); the rest is left to
  normalize. A paragraph running over a page break is joined too.

Rules (patterns, zones) live in ``rules/pdf_layout.yaml``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import regex

from .. import rules
from .pdf_chars import PdfLine
from .pdf_tables import TABLE_ROW

SCHEMA = {
    "stamp_strong": [str],
    "stamp_weak": [str],
    "stamp_reach": float,
    "header_motto": [str],
    "signature_label": str,
    "header_zone": float,
    "page_number": [str],
    "margin_zone": float,
    "running_share": float,
    "symbol_spaces": [str],
}

SEGMENT_GAP = 2.0  # a gap this many line heights wide separates two independent parts of a line
COLUMN_GAP = 0.8  # the gap between the header's columns is at least this many line heights


@dataclass
class PageLines:
    number: int  # 1-based
    width: float
    height: float
    lines: list[PdfLine]
    # what goes before each line: "" (first, or a wrap at a hyphen), " " (a hard wrap, joined here),
    # "\n\n" (a new paragraph), "\n" (undecided: normalize's rules decide)
    seps: list[str] = field(default_factory=list)
    # the first line carries on the last paragraph of the page before (a wrap across the page break)
    continues: bool = False
    right: float | None = None  # the right edge of its body text, when known
    ocr_layer: bool = False  # most of its text is an invisible OCR layer over a scanned image
    ocr: bool = False  # its text was read from its image by our OCR (lines carry ``conf``)
    ocr_confidence: float | None = None  # mean word confidence of that OCR (0-100)
    image: tuple[int, int, float] | None = None  # OCR'd: the image's width, height (pixels) and dpi
    turn: int = 0  # OCR read the image turned this many degrees counter-clockwise: boxes are on the turned page


class Rules:
    """The compiled rules of ``rules/pdf_layout.yaml``."""

    def __init__(self) -> None:
        data = rules.load("pdf_layout.yaml", SCHEMA)
        self.strong = regex.compile(_alt(data["stamp_strong"]))
        self.weak = regex.compile(_alt(data["stamp_weak"]))
        self.reach = data["stamp_reach"]
        self.motto = regex.compile(_alt([regex.escape(m) for m in data["header_motto"]]))
        self.header_zone = data["header_zone"]
        self.signature_label = regex.compile(data["signature_label"])
        self.page_number = regex.compile(_alt(data["page_number"]))
        self.margin = data["margin_zone"]
        self.running_share = data["running_share"]
        self.symbol_spaces = [regex.compile(p) for p in data["symbol_spaces"]]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_RULES: Rules | None = None


def load_rules() -> Rules:
    global _RULES
    if _RULES is None:
        _RULES = Rules()
    return _RULES


def clean_pages(pages: list[PageLines], r: Rules | None = None) -> list[PageLines]:
    r = r or load_rules()
    for page in pages:
        page.ocr_layer = sum(ln.invisible for ln in page.lines) > len(page.lines) / 2
        page.lines = reading_order(drop_stamps(page.lines, r))
    drop_page_furniture(pages, r)
    # every document the file holds opens with its two-column header (the motto at the top of a page)
    # and closes with its signature block ("Nơi nhận" and the signer side by side): a covering letter
    # and the document it forwards have one each
    for page in pages:
        page.lines = split_header(page, r)
        if any(r.signature_label.match(ln.text) for ln in page.lines):
            page.lines = split_signature(page, r)
    for page in pages:
        page.lines = [fix_symbols(line, r) for line in page.lines]
    mark_paragraphs(pages)
    return pages


# --- pieces of a line ------------------------------------------------------------------------


def cut(line: PdfLine, start: int, end: int) -> PdfLine | None:
    """The part ``text[start:end]`` of a line as a line of its own (spaces at either end dropped)."""
    text = line.text
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    boxes = line.boxes[start:end]
    ink = boxes[~np.isnan(boxes[:, 0]) & np.array([not ch.isspace() for ch in text[start:end]], dtype=bool)]
    if not len(ink):
        return None
    return PdfLine(
        text[start:end],
        boxes,
        float(ink[:, 0].min()),
        float(ink[:, 1].min()),
        float(ink[:, 2].max()),
        float(ink[:, 3].max()),
        line.size,
        set(line.tags),
        line.bold,
        conf=None if line.conf is None else line.conf[start:end],
    )


def gaps(line: PdfLine) -> list[tuple[float, int, int, float]]:
    """Gaps between consecutive ink chars: (width, end of the left part, start of the right part, x)."""
    out = []
    last_x1, last_i = None, -1
    for i, (ch, box) in enumerate(zip(line.text, line.boxes.tolist(), strict=True)):
        if box[0] != box[0] or ch.isspace():  # NaN: an inserted space
            continue
        if last_x1 is not None and box[0] > last_x1:
            out.append((box[0] - last_x1, last_i + 1, i, (box[0] + last_x1) / 2))
        last_x1, last_i = box[2], i
    return out


def segments(line: PdfLine, gap: float = SEGMENT_GAP) -> list[PdfLine]:
    """The parts of a line standing apart by gaps wider than ``gap`` line heights."""
    parts = []
    start = 0
    for width, end, nxt, _x in gaps(line):
        if width > gap * line.size:
            parts.append((start, end))
            start = nxt
    parts.append((start, len(line.text)))
    if len(parts) == 1:
        return [line]
    return [p for p in (cut(line, a, b) for a, b in parts) if p is not None]


def join(parts: list[PdfLine]) -> PdfLine | None:
    """Parts of one line back into one line, a space between them."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    text = " ".join(p.text for p in parts)
    gap = np.full((1, 4), np.nan)
    boxes = np.concatenate([a for k, p in enumerate(parts) for a in ((gap, p.boxes) if k else (p.boxes,))])
    return PdfLine(
        text,
        boxes,
        min(p.x0 for p in parts),
        min(p.top for p in parts),
        max(p.x1 for p in parts),
        max(p.bottom for p in parts),
        parts[0].size,
        set(parts[0].tags),
        parts[0].bold,
        conf=_join_conf(parts),
    )


def _join_conf(parts: list[PdfLine]) -> np.ndarray | None:
    if all(p.conf is None for p in parts):
        return None
    confs = [p.conf if p.conf is not None else np.full(len(p.text), np.nan) for p in parts]
    return np.concatenate([a for k, c in enumerate(confs) for a in ((np.full(1, np.nan), c) if k else (c,))])


# --- reading order ---------------------------------------------------------------------------


def reading_order(lines: list[PdfLine]) -> list[PdfLine]:
    """pdfium's order, except that a block drawn later but standing wholly above an earlier one
    goes before it (a header block drawn after the body). Blocks: runs of lines going down the page;
    side-by-side blocks (the "Nơi nhận" list and the signature) keep their order."""
    blocks: list[list[PdfLine]] = []
    for line in lines:
        if blocks and line.top < blocks[-1][-1].top - 0.5 * line.size:
            blocks.append([line])  # went back up the page: a new block
        elif blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    if len(blocks) < 2:
        return lines
    ordered: list[list[PdfLine]] = []
    tops: list[float] = []
    for block in blocks:
        bottom = max(ln.bottom for ln in block)
        at = next((i for i, top in enumerate(tops) if top >= bottom), len(ordered))
        ordered.insert(at, block)
        tops.insert(at, min(ln.top for ln in block))
    return [ln for block in ordered for ln in block]


# --- stamps ----------------------------------------------------------------------------------


def drop_stamps(lines: list[PdfLine], r: Rules) -> list[PdfLine]:
    if not any(r.strong.search(line.text) for line in lines):
        return lines
    split = [segments(line) for line in lines]
    strong = [p for parts in split for p in parts if r.strong.search(p.text)]
    if not strong:
        return lines
    out = []
    for line, parts in zip(lines, split, strict=True):
        keep = [p for p in parts if not _is_stamp(p, strong, r)]
        if len(keep) == len(parts):
            out.append(line)
        elif keep:
            joined = join(keep)
            if joined is not None:
                out.append(joined)
    return out


def _is_stamp(part: PdfLine, strong: list[PdfLine], r: Rules) -> bool:
    if any(part is s for s in strong):
        return True
    if not r.weak.search(part.text):
        return False
    reach = r.reach * part.size
    return any(abs(part.top - s.top) <= reach and part.x1 > s.x0 - reach and part.x0 < s.x1 + reach for s in strong)


# --- page numbers, running headers and footers --------------------------------------------


def drop_page_furniture(pages: list[PageLines], r: Rules) -> None:
    drop: set[int] = set()  # id() of lines to drop
    # page numbers: the top-most / bottom-most margin line that is only a number
    candidates: dict[str, list[tuple[PageLines, PdfLine, int]]] = {"top": [], "bottom": []}
    for page in pages:
        for zone, line in _edge_lines(page, r):
            text = line.text.strip()
            if r.page_number.fullmatch(text):
                value = int(regex.search(r"\d+", text).group())
                candidates[zone].append((page, line, value - page.number))
    for found in candidates.values():
        offsets = Counter(off for _p, _l, off in found)
        common, count = offsets.most_common(1)[0] if offsets else (None, 0)
        for page, line, off in found:
            centred = abs(line.center - page.width / 2) < 0.08 * page.width
            if (off == common and count >= 2) or centred:
                drop.add(id(line))
    # running headers/footers: the same margin line (digits aside) on most pages
    if len(pages) >= 3:
        seen: dict[str, set[int]] = {}
        keyed = []
        for page in pages:
            for line in page.lines:
                if _in_margin(line, page, r):
                    key = regex.sub(r"\d+", "#", line.text.lower()).strip()
                    if len(key) >= 3:
                        seen.setdefault(key, set()).add(page.number)
                        keyed.append((key, line))
        need = max(3, r.running_share * len(pages))
        drop.update(id(line) for key, line in keyed if len(seen[key]) >= need)
    if drop:
        for page in pages:
            page.lines = [line for line in page.lines if id(line) not in drop]


def _in_margin(line: PdfLine, page: PageLines, r: Rules) -> bool:
    return line.bottom < r.margin * page.height or line.top > (1 - r.margin) * page.height


def _edge_lines(page: PageLines, r: Rules) -> list[tuple[str, PdfLine]]:
    if not page.lines:
        return []
    out = []
    top = min(page.lines, key=lambda ln: ln.top)
    if top.bottom < r.margin * page.height:
        out.append(("top", top))
    bottom = max(page.lines, key=lambda ln: ln.bottom)
    if bottom is not top and bottom.top > (1 - r.margin) * page.height:
        out.append(("bottom", bottom))
    return out


# --- the two-column header block ------------------------------------------------------------


def split_header(page: PageLines, r: Rules) -> list[PdfLine]:
    """A page that opens a document: left-column lines of the header block first, then the right column's."""
    lines = page.lines
    zone = r.header_zone * page.height
    motto_at = next((k for k, ln in enumerate(lines[:40]) if ln.top < zone and r.motto.search(ln.text)), None)
    if motto_at is None:
        return lines
    motto_line = lines[motto_at]
    m = r.motto.search(motto_line.text)
    motto_boxes = motto_line.boxes[m.start() : m.end()]
    motto_boxes = motto_boxes[~np.isnan(motto_boxes[:, 0])]
    if not len(motto_boxes):
        return lines
    boundary = float(motto_boxes[:, 0].min())
    right_center = (boundary + float(motto_boxes[:, 2].max())) / 2
    if right_center < page.width / 2:
        return lines  # the motto is not in a right-hand column: no two-column block
    left_center = boundary / 2
    left: list[PdfLine] = []
    right: list[PdfLine] = []
    end = 0
    for k, line in enumerate(lines):
        if line.top > zone:
            break
        parts = _split_columns(line, boundary, left_center, right_center, page.width)
        if parts is None:
            if k <= motto_at:
                return lines  # a line spanning both columns above the motto: not a header block
            break
        lp, rp = parts
        if lp is not None:
            left.append(lp)
        if rp is not None:
            right.append(rp)
        end = k + 1
    for ln in left:
        ln.tags.add("header_left")
    for ln in right:
        ln.tags.add("header_right")
    return left + right + lines[end:]


def split_signature(page: PageLines, r: Rules) -> list[PdfLine]:
    """The signature block: "Nơi nhận" and its list (left column) first, then the signer (right column).

    Word tables print the two cells side by side, and their lines interleave by height:
    "- Như trên;" / "TM. ỦY BAN NHÂN DÂN" / "- Lưu: VT." / "CHỦ TỊCH".
    """
    lines = page.lines
    label_at = max(k for k, ln in enumerate(lines) if r.signature_label.match(ln.text))
    label = lines[label_at]
    if label.x0 > page.width / 2:
        return lines  # the label is not in a left column
    below = lines[label_at:]
    right_x0 = [ln.x0 for ln in below if ln.x0 > page.width * 0.45]
    if not right_x0:
        return lines
    boundary = min(right_x0)
    left_center, right_center = boundary / 2, (boundary + page.width) / 2
    left: list[PdfLine] = []
    right: list[PdfLine] = []
    for line in below:
        parts = _split_columns(line, boundary, left_center, right_center, page.width)
        if parts is None:
            return lines  # a line across both columns: not a two-column block
        lp, rp = parts
        if lp is not None:
            left.append(lp)
        if rp is not None:
            right.append(rp)
    return lines[:label_at] + left + right


def _split_columns(line: PdfLine, boundary: float, left_c: float, right_c: float, width: float):
    """(left part, right part) of a header line, or None when the line is body text or a title."""
    best = None
    for gap, end, nxt, x in gaps(line):
        near = boundary - 0.2 * width <= x <= boundary + 0.1 * width
        if near and gap >= COLUMN_GAP * line.size and (best is None or gap > best[0]):
            best = (gap, end, nxt)
    if best is not None:
        return cut(line, 0, best[1]), cut(line, best[2], len(line.text))
    if line.x1 - line.x0 > 0.55 * width:
        return None
    c = line.center
    d_left, d_right, d_mid = abs(c - left_c), abs(c - right_c), abs(c - width / 2)
    if d_mid < min(d_left, d_right):
        return None  # centred on the page: the title under the header block
    return (line, None) if d_left < d_right else (None, line)


# --- paragraphs ------------------------------------------------------------------------------


def mark_paragraphs(pages: list[PageLines]) -> None:
    """Decide from the geometry which line breaks are hard wraps and which start a paragraph.

    A line that starts at the body's left edge right under a line that ran to the right edge,
    in the same size and at the usual line spacing, is the same paragraph wrapped. A line with a
    first-line indent, after a short body line, or after extra spacing starts a new paragraph.
    Anything else (centred titles, tables, the signature block) is left to normalize.
    """
    # the body's edges come from its text lines (a table's rows run wider than the text around it)
    body = [ln for p in pages for ln in p.lines if TABLE_ROW not in ln.tags]
    left = _body_left(body)
    doc_right = _body_right(body, left)
    if not _justified(body, left, doc_right):
        doc_right = None  # ragged right edge: where a line stops says nothing
    for page in pages:
        lines = page.lines
        text_lines = [ln for ln in lines if TABLE_ROW not in ln.tags]
        right = (_body_right(text_lines, left) or doc_right) if doc_right else None
        gaps_ = [b.top - a.bottom for a, b in itertools.pairwise(lines) if 0 <= b.top - a.bottom < 2 * a.size]
        usual = sorted(gaps_)[len(gaps_) // 2] if gaps_ else 0.0
        seps = [""]
        for a, b in itertools.pairwise(lines):
            seps.append(_separator(a, b, left, right, usual, wrapped=seps[-1] == " "))
        page.seps = seps
        page.right = right
    for before, page in itertools.pairwise(pages):
        if before.lines and page.lines and left is not None and before.right is not None:
            page.continues = _wraps_over(before.lines[-1], page.lines[0], left, before.right)


def _wraps_over(last: PdfLine, first: PdfLine, left: float, right: float) -> bool:
    """The last body line of a page ran full, its sentence goes on, and the next page starts at the margin."""
    unit = max(last.size, first.size)
    return (
        not last.tags
        and abs(last.x0 - left) <= 6 * unit
        and last.x1 >= right - 1.5 * unit
        and not SENTENCE_END.search(last.text)
        and abs(first.x0 - left) <= 0.6 * unit
        and abs(last.size - first.size) <= 0.15 * unit
        and not LIST_MARKER.match(first.text)
    )


# a numbered or bulleted item ("2. ", "II. ", "a) ", "(1). ", "- "): it never carries a paragraph over a page break
LIST_MARKER = regex.compile(
    r"(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,4}|[a-zđ])\s{0,2}[.)\-–]\s|\(\d{1,3}\)\.?\s|[-+•–—*▪►]\s"
)
# ... and when its text starts with a capital it is a heading or an item, never the rest of a sentence
# wrapped at the margin (the text version prints it on a line of its own): "2. Công tác kiểm tra"
ITEM_START = regex.compile(
    r"(?:(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,4}|[a-zđ])\s{0,2}(?:[.)]\s{0,2}|[\-–]\s{1,2})"
    r"|\(\d{1,3}\)\.?\s{1,2}|[-+•–—*▪►]\s{1,2})(?=\p{Lu})"
)
HYPHEN_END = regex.compile(r"[\p{L}\p{N}]-$")  # "828/QĐ-" (a dash after a space, "2020 -", is no hyphen)
SENTENCE_END = regex.compile(r"[.:;!?…)”\"»\]]\s*$")


def _separator(
    prev: PdfLine, line: PdfLine, left: float | None, right: float | None, usual: float, wrapped: bool = False
) -> str:
    """What goes between two lines of a page (see ``PageLines.seps``); ``wrapped``: ``prev`` ends a
    paragraph that ran over several lines (a one-line "paragraph" may be a title line going on)."""
    if TABLE_ROW in prev.tags or TABLE_ROW in line.tags:
        return "\n\n"  # a table row is a block of its own: never joined to the text around it
    if left is None or prev.tags or line.tags:
        return "\n"
    unit = max(prev.size, line.size)
    gap = line.top - prev.bottom
    if gap < -0.3 * unit:
        return "\n"  # lines side by side (columns, table cells): undecided
    if gap > usual + 1.5 * unit:
        return "\n\n"  # a wide space: the signature and the footnotes under it, a new block
    if abs(prev.size - line.size) > 0.15 * unit:
        return "\n"  # a change of size: undecided
    # a paragraph ends for sure where its sentence ends, the style changes, or a wide space follows
    ends = bool(SENTENCE_END.search(prev.text)) or prev.bold != line.bold or gap > usual + 1.0 * unit or wrapped
    centred = right is not None and prev.x0 - left > 1.5 * unit and prev.x1 < right - 1.5 * unit
    centred = centred and abs(prev.center - (left + right) / 2) < 1.5 * unit
    if gap > usual + 0.25 * unit:  # spacing before the line: a new paragraph, or a title going on
        return "\n\n" if ends or centred else "\n"
    if right is None or centred or not -0.6 * unit <= prev.x0 - left <= 6 * unit:
        return "\n"  # not a body line: normalize decides
    at_left = abs(line.x0 - left) <= 0.6 * unit
    indented = 0.8 * unit <= line.x0 - left <= 6 * unit
    if prev.x1 >= right - 1.5 * unit and at_left:
        if SENTENCE_END.search(prev.text) and ITEM_START.match(line.text):
            # a numbered heading at the margin under a full line whose sentence ended starts its own line
            # (not "... theo Phụ lục" / "II - Danh mục ...", a label and its number wrapped apart)
            return "\n"
        if HYPHEN_END.search(prev.text) and line.text[:1].isalnum():
            return ""  # wrapped at the hyphen of "828/QĐ-UBND", "24-CT/TU": no space goes in
        return " "  # the previous line ran full to the right edge: a hard wrap
    if indented:
        return "\n\n" if ends else "\n"  # first-line indent: a new paragraph (or a title going on)
    return "\n"  # short lines at the margin: list items ("Nơi nhận"), or paragraphs without indent
    return "\n"


def _body_left(lines: list[PdfLine]) -> float | None:
    """The most common left edge of long lines (the body text's margin)."""
    counts = Counter(round(ln.x0) for ln in lines if len(ln.text) >= 30)
    if not counts:
        return None
    edge, _n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    near = [ln.x0 for ln in lines if len(ln.text) >= 30 and abs(ln.x0 - edge) <= 1]
    return min(near)


def _justified(lines: list[PdfLine], left: float | None, right: float | None) -> bool:
    """Do most long body lines run to the right edge (justified text, as administrative documents are)?"""
    if left is None or right is None:
        return False
    body = [ln for ln in lines if len(ln.text) >= 30 and -2 <= ln.x0 - left <= 6 * ln.size]
    return bool(body) and sum(ln.x1 >= right - 1.5 * ln.size for ln in body) >= 0.4 * len(body)


def _body_right(lines: list[PdfLine], left: float | None) -> float | None:
    """The right edge body lines run to (90th percentile of the right ends of long body lines)."""
    if left is None:
        return None
    ends = sorted(ln.x1 for ln in lines if len(ln.text) >= 30 and -2 <= ln.x0 - left <= 6 * ln.size)
    if len(ends) < 3:
        return None
    return ends[min(len(ends) - 1, int(0.9 * len(ends)))]


# --- symbols ---------------------------------------------------------------------------------


def fix_symbols(line: PdfLine, r: Rules) -> PdfLine:
    if "/" not in line.text:
        return line
    drop = {m.start("sp") for pattern in r.symbol_spaces for m in pattern.finditer(line.text)}
    if not drop:
        return line
    spans = sorted(drop)
    text = "".join(ch for i, ch in enumerate(line.text) if i not in drop)
    boxes = np.delete(line.boxes, spans, axis=0)
    conf = None if line.conf is None else np.delete(line.conf, spans)
    return PdfLine(text, boxes, line.x0, line.top, line.x1, line.bottom, line.size, line.tags, line.bold, conf=conf)
