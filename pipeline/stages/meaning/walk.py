"""One pass through a document's figures in reading order: where each figure stands, and what the figures
before it said (subjects, counts, stated periods) that it may take."""

from __future__ import annotations

import bisect
from typing import NamedTuple

import regex

from ...records import Document, Figure
from ..figures import sentence_bounds
from . import borrow, breakdown, indicator, period, table
from .rules import Compiled
from .subject import find_subject, head_subject, predicate_measure

FIRST_DIGIT = regex.compile(r"\d")
LABEL_BRACKET = regex.compile(r"[ \t]*\)[ \t]*:[ \t]*")


class Seen(NamedTuple):
    """A figure read before: its sentence's start, its subject, the verb carrying its number, its bracket depth."""

    sentence: int = -1
    subject: str | None = None
    verb: str = ""
    depth: int = 0


class Place(NamedTuple):
    """Where a figure stands: its number's start, its line (index, start, end), sentence and bracket depth."""

    start: int
    line: int
    line_start: int
    line_end: int
    sent: tuple[int, int]
    depth: int


def bracket_depth(text: str, start: int, end: int) -> int:
    """About how many brackets opened in ``text[start:end]`` are still open at ``end`` (counts, not a scan: a
    paragraph of thousands of figures stays linear)."""
    return max(0, text.count("(", start, end) - text.count(")", start, end))


class Walk:
    """Reads the figures of one document in order, assigning ``subject``, ``period_*`` and ``indicator``."""

    def __init__(self, doc: Document, c: Compiled) -> None:
        self.text, self.c = doc.text, c
        self.voc = indicator.vocabulary()
        self.ctx = period.context(doc, c)
        self.line_starts = [0] + [m.end() for m in regex.finditer(r"\n", self.text)]
        self.tables = table.Tables(self.text, self.line_starts, c)
        self.previous = Seen()  # the last figure whose subject a later one may share ...
        self.outer = Seen()  # ... and the last such one outside brackets
        # the period the sentence stated for its last figure, and for its last figure outside brackets (a value in
        # "(gồm vốn năm 2023 chuyển sang là 100 tỷ đồng), đã giải ngân 600 tỷ đồng" dates nothing after them)
        self.stated: tuple[int, period.Span | None] = (-1, None)
        self.stated_outer = self.stated
        self.said: tuple[int, period.Span | None] = (-1, None)  # paragraph (line) and the period a sentence stated
        self.last_end = 0
        self.last_subject: tuple[int, str | None] = (-1, None)  # sentence and subject of the figure just before
        self.last_count: tuple[int, str | None] = (-1, None)  # ... and of the last count
        self.last_fig: Figure | None = None
        self.counted: dict[tuple[int, str], str] = {}  # (paragraph, counted noun) -> the subject of its last count

    def read(self, fig: Figure) -> None:
        at = self.place(fig)
        in_table = self.tables.top(at.line) >= 0 and table.in_cell(
            self.text, at.line_start, at.line_end, at.start, fig.char_end
        )
        cell = self.tables.cell(at.line, at.start) if in_table else None  # row label + column headers
        self.assign_subject(fig, at, cell)
        self.assign_period(fig, at, cell)
        fig.indicator = indicator.find_indicator(fig, self.text[max(at.sent[0], at.start - 300) : at.start], self.voc)
        self.last_end, self.last_subject, self.last_fig = fig.char_end, (at.sent[0], fig.subject), fig

    def place(self, fig: Figure) -> Place:
        # the number itself starts after an approximation word kept in raw ("gần 1.500 camera")
        digit = FIRST_DIGIT.search(fig.raw)
        start = fig.char_start + (digit.start() if digit else 0)
        i = bisect.bisect_right(self.line_starts, fig.char_start) - 1
        line_start = self.line_starts[i]
        line_end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        sent = sentence_bounds(self.text, fig.char_start, line_start, line_end)
        depth = bracket_depth(self.text, max(sent[0], start - 600), start)
        return Place(start, i, line_start, line_end, sent, depth)

    def assign_subject(self, fig: Figure, at: Place, cell: table.TableCell | None) -> None:
        text, c, start, sent, depth = self.text, self.c, at.start, at.sent, at.depth
        same = self.previous.sentence == sent[0]
        if same and depth == 0 and self.previous.depth > 0 and not LABEL_BRACKET.fullmatch(text, self.last_end, start):
            # "(trong đó, ... thủy sản chiếm 6%), bằng 99,4% so năm 2016": past a closed aside, the figure before it
            # (not past a bracket ending a label: "- Công trình chuyển tiếp (48,86%): 197.710 triệu đồng")
            self.previous = self.outer
        previous, last = self.previous, self.last_fig
        fig.subject, verb = (
            (cell.subject, "")
            if cell and cell.subject
            else find_subject(
                text,
                fig.unit,
                start,
                sent,
                fig.quantity,
                fig.char_end,
                previous.subject if same else None,
                c,
                self.last_end,
                previous.verb if same else "",
            )
        )
        if not cell and fig.quantity == "percent":
            fig.subject = predicate_measure(text, sent, start, fig.subject, c)
        if same and previous.subject and last:
            fig.subject = borrow.same_measure(fig, last, text, self.last_end, start, previous.subject, c)
        fig.subject = borrow.borrowed_subject(
            fig, text, sent, start, self.last_end, self.last_subject, self.last_count, previous
        )
        if last and (last.quantity, last.unit) == (fig.quantity, fig.unit) and self.last_subject[0] == sent[0]:
            fig.subject = borrow.elided_item(text, self.last_end, start, self.last_subject[1], c) or fig.subject
        lead = c.leading_period_re.sub("", text[sent[0] : start].lstrip())
        bare = not fig.subject or (fig.subject == fig.unit and c.predicate_start_re.match(lead))
        if bare and not same and not c.opener_re.sub("", lead).strip() and c.stop_re.search(lead):
            # "Thu ngân sách nhà nước ... vượt tiến độ. Ước đạt 44.067 tỷ đồng, ...", "Lũy kế từ đầu năm là
            # 1.073.939 lượt": a sentence that opens with its predicate measures what the sentence before it is about
            fig.subject = borrow.earlier_subject(text, sent, (at.line_start, at.line_end), c) or fig.subject
        if not fig.subject:
            fig.subject = borrow.intro_subject(text, sent, start, c)
        if fig.direction and fig.quantity == "count" and fig.unit and fig.subject == fig.unit:
            # "bắt giữ 209 vụ ... So với năm 2010 tăng 54 vụ": a change of a count named before in the paragraph
            fig.subject = self.counted.get((at.line_start, fig.unit), fig.subject)
        elif fig.quantity == "count" and fig.unit and fig.subject:
            self.counted[(at.line_start, fig.unit)] = fig.subject
        if fig.quantity == "count" and fig.subject:
            self.last_count = (sent[0], fig.subject)
        if fig.subject:
            fig.subject = fig.subject.rstrip(" .…") or None  # "... giá trị sản xuất nông nghiệp…": an unfinished list
        if fig.subject and fig.subject.count("(") > fig.subject.count(")"):
            # "GRDP (tổng sản phẩm trên địa bàn) ... tăng 9,01%" cut inside its bracket: the name before it
            fig.subject = fig.subject[: fig.subject.rfind("(")].rstrip() or fig.subject
        if fig.subject and not cell:
            fig.subject = borrow.labelled_subject(text, self.line_starts, at.line, start, fig.subject, c)
        if self.outer.sentence == sent[0] and self.outer.subject and period.is_condition(text, sent, start, c):
            # "đạt 92% (trường hợp dưới 90% thì tiêu chí này đạt 0 điểm)": a rule's bounds and score are of the
            # indicator the sentence measured before the rule
            fig.subject = self.outer.subject
        base = fig.subject
        target = c.target_re.fullmatch(fig.subject or "")
        if target:
            # "(chỉ tiêu tối thiểu 98%, hiện đạt 97,28%)": the target of the indicator the sentence is about
            base = (previous.subject if same else None) or head_subject(text, sent, start, c)
            fig.subject = f"{base} - {target['head'].lower()}" if base else fig.subject
        if not period.is_band(text, start, fig.char_end, sent, fig):  # a rating's bound is no subject to share
            self.previous = Seen(sent[0], base, verb, depth)
            if depth == 0:
                self.outer = self.previous
        shares = fig.quantity == "percent" and borrow.SHARE_OF.search(text, max(self.last_end, start - 40), start)
        if shares and self.last_count[0] != sent[0]:
            # "Nợ xấu ... khoảng 360 tỷ đồng, chiếm 1,46% trên tổng dư nợ": the share the measured thing takes of a
            # whole (the figures after it measure the thing itself: "..., tăng 208 tỷ đồng")
            fig.subject = borrow.share_of(fig.subject or "") or None
        elif not shares:  # (a share of the whole is no measure of the part: "trong đó, nông nghiệp chiếm 89,4%")
            earlier = (
                sentence_bounds(text, sent[0] - 1, at.line_start, at.line_end) if sent[0] > at.line_start else None
            )
            fig.subject = breakdown.with_parent_measure(fig.subject, fig.quantity, text, sent, earlier, start, c)

    def assign_period(self, fig: Figure, at: Place, cell: table.TableCell | None) -> None:
        c, sent = self.c, at.sent
        stated_span = period.cell_period(self.ctx, cell.headers + [cell.label] * bool(cell.label), c) if cell else None
        if stated_span is not None:
            span, local = stated_span, False
        else:
            last = self.stated if at.depth else self.stated_outer
            carried = self.said[1] if self.said[0] == at.line_start else None
            stated = last[1] if last[0] == sent[0] else None
            span, local = period.find_period(self.ctx, fig, at.start, sent, stated, c, carried)
        fig.period_start, fig.period_end = span
        if local is not None:
            self.stated = (sent[0], span if local else None)
            if not at.depth:
                self.stated_outer = self.stated
                if local:
                    self.said = (at.line_start, span)
