"""Characters of one PDF page, read with pdfium, grouped into lines in reading order.

pdfium hands out the page's characters in content-stream order with generated ``\\r\\n``
where it sees a new line. That order is the reading order of most Word exports (the two
columns of a header block, "Nơi nhận" beside the signature), so it is kept, with two repairs:

* glyphs drawn later on an existing line (some exports draw the precomposed Vietnamese
  letters in a second pass, form-field text flattened onto the page) are merged into the
  line whose box they overlap and sorted by x there;
* pdfium's own generated spaces are dropped and a space is put wherever two glyphs stand
  apart by more than a fraction of the font size (text layers without space characters);
* a run is also cut where the baseline jumps (two lines drawn glyph by glyph in turn);
* glyphs drawn twice (fake bold), spaces hidden under glyphs, and superscript footnote marks
  ("Thành ủy¹"; not "m²") are dropped; combining marks are composed (NFC) with merged boxes.

Boxes are pdfium's "loose" char boxes (advance width; descender line up to one font size, as
pdfplumber's), in pdfplumber's coordinate system: x from the left, ``top``/``bottom`` from the page top.
"""

from __future__ import annotations

import ctypes
import os
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

GAP_SPACE = 0.12  # a gap wider than this x the line height between two glyphs reads as a space
WIDGET_GAP_SPACE = 0.8  # ... between two glyphs of form-field text (comb fields spread "36" as "3  6")
SUPERSCRIPT_SIZE = 0.8  # a glyph smaller than this x the line's font size, raised, is a superscript
DUPLICATE_X = 0.1  # the same glyph again within this x height: fake bold (text drawn twice)
SKIP = {0xFFFF, 0x00AD, 0xFEFF}  # non-characters, soft hyphen, BOM
HYPHEN_MARK = 0xFFFE  # pdfium's mark for a hyphen at a line end ("828/QĐ-" + "UBND"): read as "-"


@dataclass
class PdfLine:
    """One line of a page: its text and, per char, its box (a NaN row for an inserted space).

    ``boxes`` is a float array of shape (len(text), 4): x0, top, x1, bottom.
    """

    text: str
    boxes: np.ndarray
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # median font size of its chars, the unit for gaps
    tags: set[str] = field(default_factory=set)
    bold: bool = False  # its first glyph is set in a bold font
    invisible: bool = False  # its first glyph is invisible text (an OCR layer over a scanned image)
    conf: np.ndarray | None = None  # OCR lines: each char's word confidence (0-100; NaN for inserted spaces)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _fast_fns():
    """Direct bindings of FPDFText_GetLooseCharBox / GetFontSize taking raw addresses (3x faster).

    pypdfium2's bindings build a ctypes struct per call; calling the same shared library with
    raw addresses skips that. (None, None) if the library is not found: the slow path is used.
    """
    try:
        import pypdfium2_raw

        folder = os.path.dirname(pypdfium2_raw.__file__)
        name = next(f for f in os.listdir(folder) if "pdfium" in f and f.rsplit(".", 1)[-1] in ("so", "dylib", "dll"))
        lib = ctypes.CDLL(os.path.join(folder, name))
        box, size = lib.FPDFText_GetLooseCharBox, lib.FPDFText_GetFontSize
        box.argtypes, box.restype = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p], ctypes.c_int
        size.argtypes, size.restype = [ctypes.c_void_p, ctypes.c_int], ctypes.c_double
        return box, size
    except (ImportError, OSError, StopIteration, AttributeError):
        return None, None


_FAST_BOX, _FAST_SIZE = _fast_fns()


def char_boxes(textpage: pdfium.PdfTextPage, n: int) -> np.ndarray:
    """(n, 5) array of loose boxes in PDF space (left, top, right, bottom; y up) and font sizes."""
    buf = (ctypes.c_float * (4 * n))()
    sizes = np.zeros(n)
    if _FAST_BOX is not None and _FAST_SIZE is not None:
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        base = ctypes.addressof(buf)
        fn, fs = _FAST_BOX, _FAST_SIZE
        sizes = np.fromiter(
            (fn(handle, i, base + 16 * i) and fs(handle, i) for i in range(n)), dtype=np.float64, count=n
        )
    else:
        rect = pdfium_raw.FS_RECTF()
        for i in range(n):
            pdfium_raw.FPDFText_GetLooseCharBox(textpage, i, rect)
            buf[4 * i : 4 * i + 4] = [rect.left, rect.top, rect.right, rect.bottom]
            sizes[i] = pdfium_raw.FPDFText_GetFontSize(textpage, i)
    boxes = np.frombuffer(buf, dtype=np.float32).reshape(n, 4).astype(np.float64)
    return np.column_stack((boxes, sizes))


def page_chars(textpage: pdfium.PdfTextPage) -> str:
    """The page's chars, one per pdfium char index."""
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    if len(text) != n:  # pdfium left out or added chars: read them one by one
        text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(textpage, i) or 0xFFFE) for i in range(n))
    return text


def page_lines(
    textpage: pdfium.PdfTextPage, height: float, widget_rects: list[tuple[float, float, float, float]] = ()
) -> list[PdfLine]:
    """The lines of one page in reading order. Chars inside ``widget_rects`` (x0, top, x1, bottom) are
    flattened form-field text: digits spread over a comb field ("3  6") are not cut by gap spaces."""
    text = page_chars(textpage)
    n = len(text)
    if not n:
        return []
    raw = char_boxes(textpage, n)
    # to pdfplumber's system: top/bottom measured from the page top; like pdfplumber's char boxes
    # one font size tall from the descender line (pdfium's loose box, ascent to descent, is taller
    # and would reach into the line above when lines are set close)
    bottom = height - raw[:, 3]
    loose_top = height - raw[:, 1]
    top = np.where(raw[:, 4] > 0, np.maximum(loose_top, bottom - raw[:, 4]), loose_top)
    boxes = np.column_stack((raw[:, 0], top, raw[:, 2], bottom)).round(2)
    # the unit for gaps: the font size, or the box height where pdfium knows no size
    unit = np.where(raw[:, 4] > 1.5, raw[:, 4], bottom - loose_top)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    codes[codes == HYPHEN_MARK] = ord("-")
    runs = _runs(text, codes, boxes)
    lines = _merge_runs(runs, codes, boxes)
    widget = np.zeros(n, dtype=bool)
    cx, cy = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
    for x0, y0, x1, y1 in widget_rects:
        widget |= (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)
    covered = overprinted(widget, codes, boxes)
    if covered.any():  # "tháng 4" under a widget stamping "5": the page shows "tháng 5", never "tháng 54"
        lines = [[i for i in ix if not covered[i]] for ix in lines]
    out = build_lines(lines, codes, boxes, unit, widget)
    for line, first in out:
        line.bold = is_bold(textpage, first)
        line.invisible = is_invisible(textpage, first)
    return [line for line, _first in out]


MAX_OVERPRINT_CHARS = 2_000  # glyphs inside widgets compared pairwise; past this, none is dropped


def overprinted(widget: np.ndarray, codes: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Glyphs inside a form widget that a glyph drawn later covers (half the smaller box or more).

    A flattened widget's appearance is drawn after the page's own text: where a stamp or a filled
    field is printed over a glyph of the page, the later glyph is what a reader sees.
    """
    hidden = np.zeros(len(codes), dtype=bool)
    w = np.flatnonzero(widget & (codes > 32))
    if len(w) < 2 or len(w) > MAX_OVERPRINT_CHARS:
        return hidden
    b = boxes[w]
    ix0, iy0 = np.maximum(b[:, None, 0], b[None, :, 0]), np.maximum(b[:, None, 1], b[None, :, 1])
    ix1, iy1 = np.minimum(b[:, None, 2], b[None, :, 2]), np.minimum(b[:, None, 3], b[None, :, 3])
    inter = np.clip(ix1 - ix0, 0, None) * np.clip(iy1 - iy0, 0, None)
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    smaller = np.minimum(area[:, None], area[None, :])
    later = np.triu(np.ones((len(w), len(w)), dtype=bool), k=1)  # j drawn after i
    covers = later & (inter >= 0.5 * smaller) & (smaller > 0) & (codes[w][:, None] != codes[w][None, :])
    hidden[w[covers.any(axis=1)]] = True
    return hidden


def is_invisible(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """Text drawn in render mode 3 (neither filled nor stroked): the OCR layer laid over a scan."""
    obj = pdfium_raw.FPDFText_GetTextObject(textpage, index)
    return bool(obj) and pdfium_raw.FPDFTextObj_GetTextRenderMode(obj) == pdfium_raw.FPDF_TEXTRENDERMODE_INVISIBLE


def is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """Bold by weight, by the font's ForceBold flag, or by its name ("LiberationSerif-Bold")."""
    if pdfium_raw.FPDFText_GetFontWeight(textpage, index) >= 600:
        return True
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_raw.FPDFText_GetFontInfo(textpage, index, buf, 128, flags)
    return bool(flags.value & 0x40000) or b"bold" in buf.value.lower()


@dataclass
class _Run:
    idx: list[int]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


def _runs(text: str, codes: np.ndarray, boxes: np.ndarray) -> list[_Run]:
    """pdfium's lines: the char indices between generated line breaks, minus junk chars."""
    breaks = (codes == 10) | (codes == 13)
    generated_space = (codes == 32) & (boxes[:, 2] - boxes[:, 0] < 0.01)  # ours come from gaps
    junk = (codes < 32) | np.isin(codes, list(SKIP)) | generated_space
    line_no = np.cumsum(breaks)
    keep = np.flatnonzero(~junk)
    if not len(keep):
        return []
    # a run also ends where the next glyph sits on another baseline: some producers draw two lines
    # glyph by glyph in turn ("Ngày" over "UBND": "UNBgàNyD"); the pieces are merged back per line
    bottom = boxes[keep, 3]
    jump = np.abs(np.diff(bottom)) > 0.5 * np.maximum(boxes[keep[1:], 3] - boxes[keep[1:], 1], 1.0)
    cuts = np.flatnonzero((np.diff(line_no[keep]) != 0) | jump) + 1
    return _make_runs(np.split(keep, cuts), codes, boxes)


def _make_runs(parts: list[np.ndarray], codes: np.ndarray, boxes: np.ndarray) -> list[_Run]:
    """Runs with their ink box, all parts at once (a part without ink is dropped)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return []
    lens = np.array([len(p) for p in parts])
    idx = np.concatenate(parts)
    run_of = np.repeat(np.arange(len(parts)), lens)
    ink = ~np.isin(codes[idx], (32, 9, 0xA0))
    ri, b = run_of[ink], boxes[idx[ink]]
    if not len(ri):
        return []
    starts = np.flatnonzero(np.r_[True, ri[1:] != ri[:-1]])
    x0 = np.minimum.reduceat(b[:, 0], starts).tolist()
    top = np.minimum.reduceat(b[:, 1], starts).tolist()
    x1 = np.maximum.reduceat(b[:, 2], starts).tolist()
    bottom = np.maximum.reduceat(b[:, 3], starts).tolist()
    return [
        _Run(parts[r].tolist(), x0[k], top[k], x1[k], bottom[k], max(bottom[k] - top[k], 1.0))
        for k, r in enumerate(ri[starts].tolist())
    ]


def _run(idx: list[int], codes: np.ndarray, boxes: np.ndarray) -> _Run | None:
    runs = _make_runs([np.array(idx, dtype=np.int64)], codes, boxes)
    return runs[0] if runs else None


def _merge_runs(runs: list[_Run], codes: np.ndarray, boxes: np.ndarray) -> list[list[int]]:
    """Merge a run into an earlier one on the same line whose x range it overlaps.

    A run that overlaps an earlier line is first cut at its wide gaps: flattened form fields
    come as one run ("644 06") whose parts belong to different lines ("Số: 644/...", "ngày 06").
    """
    merged: list[_Run] = []
    index: dict[int, list[_Run]] = {}  # lines by their vertical centre, in 4 pt bands
    for run in runs:
        if _find_line(index, run, merged[-1] if merged else None) is None:
            _add(index, merged, _Run(list(run.idx), run.x0, run.top, run.x1, run.bottom, run.size))
            continue
        pending = _cut_run(run, codes, boxes)
        for _pass in range(3):  # a part may reach its line only once the glyphs drawn after it are in
            left_over = []
            for part in pending:
                target = _find_line(index, part, merged[-1] if merged else None)
                if target is None:
                    left_over.append(part)
                    continue
                target.idx.extend(part.idx)
                target.x0, target.x1 = min(target.x0, part.x0), max(target.x1, part.x1)
                if part.top < target.top or part.bottom > target.bottom:  # grown: findable from its new band too
                    target.top, target.bottom = min(target.top, part.top), max(target.bottom, part.bottom)
                    band = index.setdefault(_band(target), [])
                    if target not in band:
                        band.append(target)
            if len(left_over) == len(pending):
                break
            pending = left_over
        rest = [i for part in pending for i in part.idx]
        if rest:
            new = _run(rest, codes, boxes)
            if new is not None:
                _add(index, merged, new)
    return [r.idx for r in merged]


def _band(run: _Run) -> int:
    return int((run.top + run.bottom) / 8)


def _add(index: dict[int, list[_Run]], merged: list[_Run], run: _Run) -> None:
    merged.append(run)
    index.setdefault(_band(run), []).append(run)


def _find_line(index: dict[int, list[_Run]], run: _Run, last: _Run | None = None) -> _Run | None:
    """The earlier line ``run`` belongs to: one it overlaps, or the line just before it when ``run``
    goes on right after it (the rest of a line after a superscript: "m" "²" " được ...")."""
    if last is not None and _same_line(last, run, slack=1.0) and run.x0 >= last.x1 - 0.25 * run.size:
        return last
    band = _band(run)
    for b in (band, band - 1, band + 1):
        for cand in index.get(b, ()):
            if _same_line(cand, run):
                return cand
    return None


def _cut_run(run: _Run, codes: np.ndarray, boxes: np.ndarray) -> list[_Run]:
    """A run cut where the next glyph stands more than a line height to the right (or goes back)."""
    parts: list[list[int]] = [[]]
    last_x1 = None
    for i in run.idx:
        x0, x1 = boxes[i, 0], boxes[i, 2]
        if codes[i] != 32:
            if last_x1 is not None and (x0 - last_x1 > run.size or x1 < last_x1 - run.size):
                parts.append([])
            last_x1 = x1
        parts[-1].append(i)
    return _make_runs([np.array(p, dtype=np.int64) for p in parts], codes, boxes)


def _same_line(a: _Run, b: _Run, slack: float = 0.25) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap < 0.5 * min(a.bottom - a.top, b.bottom - b.top):
        return False
    slack = slack * max(a.size, b.size)
    return b.x0 < a.x1 + slack and b.x1 > a.x0 - slack


def build_lines(
    lines: list[list[int]], codes: np.ndarray, boxes: np.ndarray, unit: np.ndarray, widget: np.ndarray | None = None
) -> list[tuple[PdfLine, int]]:
    """Lines from their char indices, all at once: sort by x, drop doubled glyphs, add gap spaces.

    Returns each line with the pdfium index of its first glyph."""
    lines = [ix for ix in lines if ix]
    if not lines:
        return []
    lens = np.array([len(ix) for ix in lines])
    idx = np.fromiter((i for ix in lines for i in ix), dtype=np.int64, count=int(lens.sum()))
    line_of = np.repeat(np.arange(len(lines)), lens)
    key = (boxes[idx, 0] + boxes[idx, 2]) / 2
    combining = (codes[idx] >= 0x300) & _is_combining(codes[idx])
    if combining.any():
        key = _carry_keys(key, combining)  # a mark stays right after the glyph drawn before it
    order = np.lexsort((key, line_of))
    idx, line_of = idx[order], line_of[order]
    c, b = codes[idx], boxes[idx]
    space = (c == 32) | (c == 9) | (c == 0xA0)
    size = _line_sizes(line_of, unit[idx], ~space, len(lines))[line_of]
    same = _continues_line(line_of)
    # the same glyph again at (nearly) the same x: fake bold, drawn twice
    dup = np.zeros(len(idx), dtype=bool)
    dup[1:] = same[1:] & (c[1:] == c[:-1]) & ~space[1:] & (np.abs(b[1:, 0] - b[:-1, 0]) < DUPLICATE_X * size[1:])
    foot = _footnote_marks(c, b, unit[idx], size, same)
    after_foot = np.zeros(len(idx), dtype=bool)  # no gap space where a footnote mark was taken out
    after_foot[1:] = foot[:-1]
    dup |= foot
    if dup.any():
        idx, line_of, c, b, space, size, after_foot = _keep(~dup, idx, line_of, c, b, space, size, after_foot)
        same = _continues_line(line_of)
    # a space under a glyph (blanks a form field was drawn over) is no word break
    hidden = np.zeros(len(idx), dtype=bool)
    # covered: a neighbour glyph reaches over 80% of the space; justified text only nudges into it
    covered = 0.2 * (b[1:-1, 2] - b[1:-1, 0])
    hidden[1:-1] = (
        space[1:-1]
        & same[1:-1]
        & same[2:]
        & ~space[:-2]
        & ~space[2:]
        & ((b[:-2, 2] > b[1:-1, 2] - covered) | (b[2:, 0] < b[1:-1, 0] + covered))
    )
    if hidden.any():
        idx, line_of, c, b, space, size, after_foot = _keep(~hidden, idx, line_of, c, b, space, size, after_foot)
        same = _continues_line(line_of)
    gap = GAP_SPACE * size[1:]
    if widget is not None:  # comb fields spread their digits ("3  6")
        digit = widget[idx] & (c >= 48) & (c <= 57)
        gap = np.where(digit[1:] & digit[:-1], WIDGET_GAP_SPACE * size[1:], gap)
    insert = np.zeros(len(idx), dtype=np.int64)  # 1: a space goes before this char
    insert[1:] = same[1:] & ~space[1:] & ~space[:-1] & ~after_foot[1:] & (b[1:, 0] - b[:-1, 2] > gap)
    pos = np.arange(len(idx)) + np.cumsum(insert)
    total = int(pos[-1]) + 1
    out_codes = np.full(total, 32, dtype=np.uint32)
    out_codes[pos] = np.where(space, 32, c)
    out_boxes = np.full((total, 4), np.nan)
    out_boxes[pos] = b
    text = out_codes.tobytes().decode("utf-32-le")
    starts = np.flatnonzero(~same)
    ends = np.append(starts[1:], len(idx))
    out = []
    for s0, e0 in zip(starts.tolist(), ends.tolist(), strict=True):
        a, z = int(pos[s0]), int(pos[e0 - 1]) + 1
        ink = ~space[s0:e0]
        if not ink.any():
            continue
        bb = b[s0:e0][ink]
        line_text, line_boxes = text[a:z], out_boxes[a:z]
        if not unicodedata.is_normalized("NFC", line_text):
            line_text, line_boxes = compose(line_text, line_boxes)
        first = int(idx[s0:e0][ink][0])
        out.append(
            (
                PdfLine(
                    line_text,
                    line_boxes,
                    float(bb[:, 0].min()),
                    float(bb[:, 1].min()),
                    float(bb[:, 2].max()),
                    float(bb[:, 3].max()),
                    float(size[s0]),
                ),
                first,
            )
        )
    return out


def _footnote_marks(c: np.ndarray, b: np.ndarray, unit: np.ndarray, size: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Superscript digits (smaller, raised above the line): footnote marks ("Thành ủy¹"), dropped like
    ``<sup>`` in text sources; kept after "m" ("m²", "km³": units)."""
    digit = (c >= 48) & (c <= 57)
    small = digit & (unit < SUPERSCRIPT_SIZE * size)
    if not small.any():
        return np.zeros(len(c), dtype=bool)
    starts = np.flatnonzero(~same)
    normal_bottom = np.where(small | (c == 32), -np.inf, b[:, 3])
    line_bottom = np.repeat(np.maximum.reduceat(normal_bottom, starts), np.diff(np.append(starts, len(c))))
    raised = small & (b[:, 3] < line_bottom - 0.2 * size)
    after_m = np.zeros(len(c), dtype=bool)
    after_m[1:] = same[1:] & (c[:-1] == ord("m"))  # "m2"
    return raised & ~after_m


def _line_sizes(line_of: np.ndarray, height: np.ndarray, ink: np.ndarray, n: int) -> np.ndarray:
    """Median ink char size per line (1.0 for a line without ink)."""
    sizes = np.ones(n)
    lo, hs = line_of[ink], height[ink]
    if not len(lo):
        return sizes
    order = np.lexsort((hs, lo))
    lo, hs = lo[order], hs[order]
    starts = np.flatnonzero(np.r_[True, lo[1:] != lo[:-1]])
    ends = np.r_[starts[1:], len(lo)]
    sizes[lo[starts]] = np.maximum(hs[(starts + ends - 1) // 2], 1.0)
    return sizes


def _is_combining(codes: np.ndarray) -> np.ndarray:
    return (
        ((codes >= 0x300) & (codes <= 0x36F))
        | ((codes >= 0x1DC0) & (codes <= 0x1DFF))
        | ((codes >= 0x20D0) & (codes <= 0x20FF))
        | ((codes >= 0xFE20) & (codes <= 0xFE2F))
    )


def _carry_keys(key: np.ndarray, combining: np.ndarray) -> np.ndarray:
    key = key.copy()
    for i in np.flatnonzero(combining).tolist():
        key[i] = key[i - 1] + 1e-4 if i else key[i]
    return key


def compose(text: str, boxes: np.ndarray) -> tuple[str, np.ndarray]:
    """NFC-compose ``text``; a char made of several keeps the union of their boxes."""
    out_chars: list[str] = []
    out_boxes: list[np.ndarray] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        box = union(boxes[i:j])
        out_chars.extend(cluster)  # marks that do not compose stay separate, each with the cluster's box
        out_boxes.extend([box] * len(cluster))
        i = j
    return "".join(out_chars), np.array(out_boxes).reshape(-1, 4)


def union(boxes: np.ndarray) -> np.ndarray:
    """Union of the non-NaN rows of ``boxes`` (a NaN row if none)."""
    rows = boxes[~np.isnan(boxes[:, 0])]
    if not len(rows):
        return np.full(4, np.nan)
    return np.array([rows[:, 0].min(), rows[:, 1].min(), rows[:, 2].max(), rows[:, 3].max()])


def _continues_line(line_of: np.ndarray) -> np.ndarray:
    """True where a char is on the same line as the char before it."""
    same = np.zeros(len(line_of), dtype=bool)
    same[1:] = line_of[1:] == line_of[:-1]
    return same


def _keep(mask: np.ndarray, *arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """The same arrays with only the chars where ``mask`` is true."""
    return tuple(a[mask] for a in arrays)
