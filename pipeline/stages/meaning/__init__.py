"""Meaning: what each figure measures (``subject``, ``indicator``) and when (``period_start``/``period_end``).

Runs after ``figures`` and ``dates``: it reads the figures' spans, the date rows and the section tree, and
never changes which numbers are figures. Switch it off (``select_stages(skip=["meaning"])``) to time or
test it alone.
"""

from __future__ import annotations

import bisect
import itertools

import regex

from ...records import Document, Figure
from ..figures import sentence_bounds
from . import breakdown, indicator, labels, period, table
from .rules import compiled
from .subject import RANGE_JOIN, clause_subject, find_subject, head_subject

FIRST_DIGIT = regex.compile(r"\d")
COUNT_JOIN = regex.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*")
LABEL_BRACKET = regex.compile(r"[ \t]*\)[ \t]*:[ \t]*")
SHARE_OF = regex.compile(r"(?<![\p{L}])chiếm(?:[ \t]+(?:tỷ lệ|tỉ lệ|khoảng|gần|hơn|trên))*[ \t]*$", regex.I)
SUPERLATIVE = regex.compile(r"(?:cao|thấp|lớn|nhỏ|nhiều|ít)[ \t]+nhất", regex.I)
SUPERLATIVE_TAIL = regex.compile(r"[ \t]+(?:cao|thấp|lớn|nhỏ|nhiều|ít)[ \t]+nhất[ \t]*$", regex.I)
RATE_HEAD = regex.compile(r"(?:tỷ|tỉ)[ \t]+(?:lệ|trọng)(?![\p{L}])", regex.I)
# a bare rate word between a count (its "/total", the rest of its noun) and the percentage
BARE_RATE = regex.compile(
    r"(?:[ \t]?/[ \t]?[\d.,]+)?(?:[ \t]+\p{L}[\p{L}.]*){0,8}"
    r"[ \t]*[,(][ \t]*(?:đạt[ \t]+)?(?:tỷ lệ|tỉ lệ)(?:[ \t]+(?:là|đạt))?[ \t]*",
    regex.I,
)
COMPARED_OPENING = regex.compile(r"[ \t\-+•*]{0,3}(?:so sánh với|so với)(?![\p{L}])", regex.I)


def bracket_depth(text: str, start: int, end: int) -> int:
    """About how many brackets opened in ``text[start:end]`` are still open at ``end`` (counts, not a scan: a
    paragraph of thousands of figures stays linear)."""
    return max(0, text.count("(", start, end) - text.count(")", start, end))


def labelled_subject(text: str, line_starts: list[int], i: int, start: int, subject: str, c) -> str:
    """The subject with what its list item's label belongs to: "Mức hỗ trợ học nghề - Nam", "mức thu - nhà ở"."""
    parent = labels.parent_of_item(text, line_starts, i, start, c)
    if parent:
        return labels.with_parent(subject, parent)
    topic = labels.topic_of(text, line_starts[i], start, subject, c)
    return f"{subject} - {topic}" if topic else subject


def share_of(counted: str) -> str:
    """The rate a share measures: "xã có điểm đạt" -> "tỷ lệ xã có điểm đạt", "Y tế - học viên" -> "Y tế - tỷ
    lệ học viên" (a label keeps its place), "Hộ nghèo" -> "tỷ lệ hộ nghèo"."""
    if not counted or RATE_HEAD.search(counted):
        return counted
    label, sep, what = counted.rpartition(" - ")
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]  # a capital only because it opened the sentence
    return f"{label}{sep}tỷ lệ {what}"


def borrowed_subject(
    fig: Figure,
    text: str,
    sent: tuple[int, int],
    start: int,
    last_end: int,
    last_subject: tuple[int, str | None],
    last_count: tuple[int, str | None],
    previous: tuple[int, str | None, str, int],
) -> str | None:
    """The figure's subject, or the one it takes from a figure before it (``last_subject``: sentence and subject
    of the figure just before, ending at ``last_end``; ``last_count``: of the last count; ``previous``: of the
    last figure whose subject may be shared)."""
    subject = fig.subject
    if not subject and COMPARED_OPENING.match(text, sent[0], start):
        # "... bình quân số vụ cháy mỗi tháng là 14 vụ. So sánh với 6 tháng đầu năm 2023 là 18 vụ/tháng": the
        # value compared with is of the indicator just measured
        subject = last_subject[1]
    if last_subject[0] == sent[0] and RANGE_JOIN.fullmatch(text, last_end, start):
        subject = last_subject[1]  # "từ 0,08% đến 0,25%": the upper bound measures what the lower one does
    if (
        fig.quantity == "percent"
        and last_count[0] == sent[0]
        and SHARE_OF.search(text, max(last_end, start - 40), start)
    ):
        # "Có 3/20 xã có điểm đạt dưới 60%, chiếm tỷ lệ 15%": the share of what was counted
        subject = share_of(last_count[1] or "")
    elif (
        fig.quantity == "percent"
        and last_count == last_subject
        and last_count[0] == sent[0]
        and BARE_RATE.fullmatch(text, last_end, start)
    ):
        # "có 793 hộ nghèo/53.904 hộ, tỷ lệ 1,47%", "trường mầm non có 63/132 (tỷ lệ 47,73%)": the rate of the count
        subject = share_of(last_count[1] or "") or subject
    elif subject and previous[0] == sent[0] and previous[1] and SUPERLATIVE.fullmatch(subject):
        # "mức độ hài lòng cao nhất là 97% và thấp nhất là 71%": the superlative of the same measure
        subject = f"{SUPERLATIVE_TAIL.sub('', previous[1])} {subject}"
    return subject


def earlier_subject(text: str, sent: tuple[int, int], line: tuple[int, int], c) -> str | None:
    """The first indicator a clause of the sentence before ``sent`` (in its paragraph ``line``) names."""
    if sent[0] <= line[0]:
        return None
    before = sentence_bounds(text, sent[0] - 1, *line)
    for m in regex.finditer(r"[^,;:()]+", text[before[0] : min(before[1], sent[0])].rstrip(" .")):
        head = clause_subject(m.group(), c)
        if len(head.split()) >= 2:
            return head
    return None


def elided_item(text: str, last_end: int, start: int, before: str | None, c) -> str | None:
    """ "lao động trong tỉnh 22.745 người, ngoài tỉnh 7.201 người": an item of a word or two right after the
    figure before it, with the same unit, replaces the last words of that figure's subject."""
    item = ELIDED_ITEM.fullmatch(text, last_end, start)
    if not item or not before:
        return None
    label, words = item["label"], before.split()
    n = len(label.split())
    if len(words) <= n + 1 or c.stop_re.search(label) or c.self_named_re.match(label) or c.opener_re.match(label):
        return None
    replaced = {w.casefold() for w in words[-n:]}
    if " - " in before or not replaced & {w.casefold() for w in label.split()}:
        return None  # only a parallel modifier ("trong tỉnh" / "ngoài tỉnh") stands for the words it replaces
    return " ".join([*words[:-n], label])


ELIDED_ITEM = regex.compile(r"[ \t]*,[ \t]*(?P<label>\p{L}+(?:[ \t]+\p{L}+)?)[ \t]*")


def intro_subject(text: str, sent: tuple[int, int], start: int, c) -> str | None:
    """ "Diễn biến chỉ số tăng trưởng GRDP qua các quý như sau: quý I giảm (-11,38%); ...": an item that names
    nothing measures what the sentence's intro before its colon names."""
    colon = text.rfind(":", sent[0], start)
    if colon < 0:
        return None
    head = clause_subject(INTRO_TAIL.sub("", text[sent[0] : colon]), c)
    return head if 2 <= len(head.split()) <= INTRO_WORDS else None


INTRO_TAIL = regex.compile(r"[ \t,]*(?:cụ thể như sau|như sau|cụ thể|sau đây|gồm|bao gồm)[ \t]*$", regex.I)
INTRO_WORDS = 12


def run(doc: Document) -> None:
    c = compiled()
    voc = indicator.vocabulary()
    text = doc.text
    ctx = period.context(doc, c)
    line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
    tables = table.Tables(text, line_starts, c)
    # sentence, subject, verb and bracket depth of the last figure; ``outer``: of the last one outside brackets
    previous: tuple[int, str | None, str, int] = (-1, None, "", 0)
    outer = previous
    # the period the sentence stated for its last figure, and for its last figure outside brackets (a value in
    # "(gồm vốn năm 2023 chuyển sang là 100 tỷ đồng), đã giải ngân 600 tỷ đồng" dates nothing after them)
    stated: tuple[int, period.Span | None] = (-1, None)
    stated_outer = stated
    said: tuple[int, period.Span | None] = (-1, None)  # paragraph (line) and the period a sentence of it stated
    last_end = 0
    last_subject: tuple[int, str | None] = (-1, None)  # sentence and subject of the figure just before
    last_count: tuple[int, str | None] = (-1, None)  # ... and of the last count
    last_fig: Figure | None = None
    counted: dict[tuple[int, str], str] = {}  # (paragraph, counted noun) -> the subject of its last count
    for fig in sorted(doc.figures, key=lambda f: (f.char_start, f.char_end)):
        # the number itself starts after an approximation word kept in raw ("gần 1.500 camera")
        digit = FIRST_DIGIT.search(fig.raw)
        start = fig.char_start + (digit.start() if digit else 0)
        i = bisect.bisect_right(line_starts, fig.char_start) - 1
        line_start = line_starts[i]
        line_end = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(text)
        sent = sentence_bounds(text, fig.char_start, line_start, line_end)
        same = previous[0] == sent[0]
        depth = bracket_depth(text, max(sent[0], start - 600), start)
        if same and depth == 0 and previous[3] > 0 and not LABEL_BRACKET.fullmatch(text, last_end, start):
            # "(trong đó, ... thủy sản chiếm 6%), bằng 99,4% so năm 2016": past a closed aside, the figure before it
            # (not past a bracket ending a label: "- Công trình chuyển tiếp (48,86%): 197.710 triệu đồng")
            previous = outer
        in_table = tables.top(i) >= 0 and table.in_cell(text, line_start, line_end, start, fig.char_end)
        cell = tables.cell(i, start) if in_table else None  # row label + column headers
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
                previous[1] if same else None,
                c,
                last_end,
                previous[2] if same else "",
            )
        )
        fig.subject = borrowed_subject(fig, text, sent, start, last_end, last_subject, last_count, previous)
        same_kind = last_fig is not None and (last_fig.quantity, last_fig.unit) == (fig.quantity, fig.unit)
        if same_kind and last_subject[0] == sent[0]:
            fig.subject = elided_item(text, last_end, start, last_subject[1], c) or fig.subject
        lead = c.leading_period_re.sub("", text[sent[0] : start].lstrip())
        bare = not fig.subject or (fig.subject == fig.unit and c.predicate_start_re.match(lead))
        if bare and not same and not c.opener_re.sub("", lead).strip() and c.stop_re.search(lead):
            # "Thu ngân sách nhà nước ... vượt tiến độ. Ước đạt 44.067 tỷ đồng, ...", "Lũy kế từ đầu năm là
            # 1.073.939 lượt": a sentence that opens with its predicate measures what the sentence before it is about
            fig.subject = earlier_subject(text, sent, (line_start, line_end), c) or fig.subject
        if not fig.subject:
            fig.subject = intro_subject(text, sent, start, c)
        if fig.direction and fig.quantity == "count" and fig.unit and fig.subject == fig.unit:
            # "bắt giữ 209 vụ ... So với năm 2010 tăng 54 vụ": a change of a count named before in the paragraph
            fig.subject = counted.get((line_start, fig.unit), fig.subject)
        elif fig.quantity == "count" and fig.unit and fig.subject:
            counted[(line_start, fig.unit)] = fig.subject
        if fig.quantity == "count" and fig.subject:
            last_count = (sent[0], fig.subject)
        if fig.subject and not cell:
            fig.subject = labelled_subject(text, line_starts, i, start, fig.subject, c)
        if outer[0] == sent[0] and outer[1] and period.is_condition(text, sent, start, c):
            # "đạt 92% (trường hợp dưới 90% thì tiêu chí này đạt 0 điểm)": a rule's bounds and score are of the
            # indicator the sentence measured before the rule
            fig.subject = outer[1]
        base = fig.subject
        target = c.target_re.fullmatch(fig.subject or "")
        if target:
            # "(chỉ tiêu tối thiểu 98%, hiện đạt 97,28%)": the target of the indicator the sentence is about
            base = (previous[1] if same else None) or head_subject(text, sent, start, c)
            fig.subject = f"{base} - {target['head'].lower()}" if base else fig.subject
        if not period.is_band(text, start, fig.char_end, sent, fig):  # a rating's bound is no subject to share
            previous = (sent[0], base, verb, depth)
            if depth == 0:
                outer = previous
        shares = fig.quantity == "percent" and SHARE_OF.search(text, max(last_end, start - 40), start)
        if shares and last_count[0] != sent[0]:
            # "Nợ xấu ... khoảng 360 tỷ đồng, chiếm 1,46% trên tổng dư nợ": the share the measured thing takes of a
            # whole (the figures after it measure the thing itself: "..., tăng 208 tỷ đồng")
            fig.subject = share_of(fig.subject or "") or None
        elif not shares:  # (a share of the whole is no measure of the part: "trong đó, nông nghiệp chiếm 89,4%")
            earlier = sentence_bounds(text, sent[0] - 1, line_start, line_end) if sent[0] > line_start else None
            fig.subject = breakdown.with_parent_measure(fig.subject, fig.quantity, text, sent, earlier, start, c)
        stated_span = period.cell_period(ctx, cell.headers + [cell.label] * bool(cell.label), c) if cell else None
        if stated_span is not None:
            span, local = stated_span, False
        else:
            last = stated if depth else stated_outer
            carried = said[1] if said[0] == line_start else None
            span, local = period.find_period(ctx, fig, start, sent, last[1] if last[0] == sent[0] else None, c, carried)
        fig.period_start, fig.period_end = span
        if local is not None:
            stated = (sent[0], span if local else None)
            if not depth:
                stated_outer = stated
                if local:
                    said = (line_start, span)
        fig.indicator = indicator.find_indicator(fig, text[max(sent[0], start - 300) : start], voc)
        last_end, last_subject, last_fig = fig.char_end, (sent[0], fig.subject), fig
    share_modifiers(text, sorted(doc.figures, key=lambda f: (f.char_start, f.char_end)))


def share_modifiers(text: str, figures: list[Figure]) -> None:
    """ "Có 12 xã và 3 thị trấn đạt chuẩn nông thôn mới": counts joined by "và" or a comma share the modifier
    written after the last one; a count whose subject is only its noun takes it (from the last count back)."""
    for later, earlier in itertools.pairwise(reversed(figures)):
        if not (earlier.quantity == later.quantity == "count" and earlier.unit and later.unit):
            continue
        if (earlier.subject or "").casefold() != earlier.unit.casefold():
            continue  # the earlier count has its own words ("tặng Giấy khen tập thể")
        if not COUNT_JOIN.fullmatch(text, earlier.char_end, later.char_start):
            continue
        subject = later.subject or ""
        if subject.casefold().startswith(later.unit.casefold()) and len(subject) > len(later.unit):
            earlier.subject = earlier.unit + subject[len(later.unit) :]
