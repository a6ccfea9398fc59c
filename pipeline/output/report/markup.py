"""The normalized text as HTML: every figure, date, reference and entity one element with its ``data-id``.

Rows may nest (a date inside a reference) but HTML elements cannot cross. A row that would cross
another is clipped so that each row stays one element: entities give way to the other tables first,
then, among figures, dates and references, the row that starts later. Clipped rows carry
``data-clipped`` so the report can say so. Section anchors and page breaks are empty elements placed
at their offsets. The text is cut into blocks of a few thousand chars at line breaks outside any row,
so that a browser lays out only the blocks in view: a 300-page document opens fast.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import dataclass

from .tables import ROW_TABLES, DocTables

CHUNK = 4000  # chars per block of text: the browser lays out only the blocks in view (content-visibility)
BLOCK = '<div class="blk">'
CLASS = {"figures": "fig", "dates": "date", "references": "ref", "entities": "ent"}
PRIORITY = {"references": 0, "dates": 1, "figures": 2, "entities": 3}


@dataclass
class Span:
    start: int
    end: int
    table: str
    row_id: str
    low_confidence: bool = False
    clipped: bool = False


def spans_of(d: DocTables, low: set[str]) -> list[Span]:
    spans = []
    n = len(d.text)
    for table, id_col in ROW_TABLES.items():
        for r in d.table(table):
            start, end = r.get("char_start"), r.get("char_end")
            if start is None or end is None:
                continue
            start, end = max(0, min(n, int(start))), max(0, min(n, int(end)))
            spans.append(Span(start, max(start, end), table, r[id_col], r[id_col] in low))
    return untangle(spans)


def untangle(spans: list[Span]) -> list[Span]:
    """Clip rows so that no two cross; sorted for nesting (start, longest first)."""
    main = sorted((s for s in spans if s.table != "entities"), key=lambda s: (s.start, -s.end, PRIORITY[s.table]))
    starts = [s.start for s in main]
    for e in (s for s in spans if s.table == "entities"):
        k = bisect_right(starts, e.start) - 1
        if k >= 0 and main[k].start < e.start < main[k].end < e.end:
            e.start, e.clipped = main[k].end, True  # starts inside a figure and runs past it
        j = bisect_right(starts, e.start)
        while j < len(main) and main[j].start < e.end:
            if main[j].end > e.end and main[j].start > e.start:
                e.end, e.clipped = main[j].start, True  # runs into a figure that goes on after it
                break
            j += 1
        e.end = max(e.start, e.end)
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, PRIORITY[s.table]))
    stack: list[Span] = []
    for s in ordered:
        while stack and stack[-1].end <= s.start:
            stack.pop()
        if stack and s.end > stack[-1].end:
            s.end, s.clipped = stack[-1].end, True
        stack.append(s)
    return ordered


def render(d: DocTables, low: set[str]) -> str:
    """The text of ``d`` as HTML blocks (to sit in an element with ``white-space: pre-wrap``)."""
    text = d.text
    markers: list[tuple[int, str]] = []
    for s in d.table("sections"):
        if s.get("char_start") is not None:
            markers.append((int(s["char_start"]), f'<span class="anchor" id="{s["section_id"]}"></span>'))
    for p in d.table("pages"):
        if p.get("char_start") is not None and p.get("page"):
            markers.append((int(p["char_start"]), f'<span class="pb" data-page="{int(p["page"])}"></span>'))
    markers.sort(key=lambda m: m[0])
    out: list[str] = [BLOCK]
    pos = 0
    mi = 0
    block_start = 0
    stack: list[Span] = []

    def plain(a: int, b: int) -> None:
        """text[a:b], escaped; outside any row, a line break after CHUNK chars ends the block."""
        nonlocal block_start
        while not stack and b - block_start > CHUNK:
            cut = text.find("\n", max(a, block_start + CHUNK), b)
            if cut < 0:
                break
            out.append(html.escape(text[a:cut], quote=False))
            out.append("</div>" + BLOCK)  # the block boundary is the line break
            a = block_start = cut + 1
        out.append(html.escape(text[a:b], quote=False))

    def emit(upto: int, inclusive: bool = False) -> None:
        nonlocal pos, mi
        while mi < len(markers) and (markers[mi][0] < upto or (inclusive and markers[mi][0] == upto)):
            at = max(pos, markers[mi][0])
            plain(pos, at)
            out.append(markers[mi][1])
            pos = at
            mi += 1
        plain(pos, upto)
        pos = max(pos, upto)

    for s in spans_of(d, low):
        while stack and stack[-1].end <= s.start:
            emit(stack[-1].end)
            out.append("</span>")
            stack.pop()
        emit(s.start, inclusive=True)
        cls = f"hl {CLASS[s.table]}" + (" low" if s.low_confidence else "")
        clipped = " data-clipped" if s.clipped else ""
        out.append(f'<span class="{cls}" data-id="{s.row_id}"{clipped}>')
        stack.append(s)
    while stack:
        emit(stack[-1].end)
        out.append("</span>")
        stack.pop()
    emit(len(text), inclusive=True)
    out.append("</div>")
    return "".join(out)
