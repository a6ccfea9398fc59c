"""Subjects a figure takes from what stands before it: the figure just before (a range's upper bound, a
superlative, a compared value), the last count (its share or rate), the sentence before (a sentence opening
with its predicate), the intro before a colon, the item before (a parallel item), the label of its list."""

from __future__ import annotations

import itertools

import regex

from ...records import Figure
from ..figures import sentence_bounds
from . import labels
from .subject import RANGE_JOIN, clause_subject

COUNT_JOIN = regex.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*")
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
LEVEL_TO = regex.compile(
    r"[ \t]*(?:\([^()\d]{0,12}\d{4}[ \t]*\)[ \t]*)?(?:xuống còn|xuống|lên đến|lên|còn)[ \t]*", regex.I
)
SIGNED = regex.compile(r"[ \t]*\([ \t]*[+\-–][ \t]*")
IS_BEFORE = regex.compile(r"(?<![\p{L}])là[ \t]*$", regex.I)  # "So sánh với 6 tháng đầu năm 2019 là (8,5 vụ/ngày)"
COMPARED_OPENING = regex.compile(r"[ \t\-+•*]{0,3}(?:so sánh với|so với)(?![\p{L}])", regex.I)


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
    named_after = subject and subject not in text[sent[0] : start] and IS_BEFORE.search(text, sent[0], start)
    if COMPARED_OPENING.match(text, sent[0], start) and (not subject or named_after):
        # "... bình quân số vụ cháy mỗi tháng là 14 vụ. So sánh với 6 tháng đầu năm 2023 là 18 vụ/tháng": the
        # value compared with is of the indicator just measured
        subject = last_subject[1]
    if last_subject[0] == sent[0] and RANGE_JOIN.fullmatch(text, last_end, start):
        subject = last_subject[1]  # "từ 0,08% đến 0,25%": the upper bound measures what the lower one does
    elif last_subject[0] == sent[0] and (
        LEVEL_TO.fullmatch(text, last_end, start) or SIGNED.fullmatch(text, last_end, start)
    ):
        # "giảm từ 23,96% (năm 2015) xuống 18,22%": the level reached; "tăng 0,3% (+ 3,2 nghìn người)": the change
        # again, as a count
        subject = last_subject[1]
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


def same_measure(fig: Figure, last: Figure, text: str, last_end: int, start: int, previous: str, c) -> str | None:
    """The subject of the figure before it in the sentence (``previous``) when the figure measures the same:
    "đạt 116,39% chỉ tiêu tỉnh giao và 115,39% chỉ tiêu HĐND thị xã giao" (one predicate, two bases), "Tổng thu
    ngân sách ... là 1.018,1 tỷ đồng; lũy kế 8 tháng thu 9.950,3 tỷ đồng" (a bare verb of the same flow; not
    "..., chi 300 tỷ đồng" after a revenue, nor "giải ngân" after "khối lượng thực hiện")."""
    if last.quantity == fig.quantity == "percent":
        between = BASIS_JOIN.fullmatch(text, last_end, start)
        if between and c.basis_head_re.match(between["basis"]):
            return previous
    if CONTRIBUTION.fullmatch(fig.subject or ""):
        # "khu vực nông nghiệp tăng 2,6%, đóng góp 0,3 điểm phần trăm": the contribution of what grew
        return f"đóng góp của {previous[0].lower()}{previous[1:]}"
    if c.bare_verb_re.fullmatch(fig.subject or ""):
        flow = set(fig.subject.casefold().split()) - {"lũy", "luỹ", "kế", "được"}
        if flow <= set(previous.casefold().split()):
            return previous
    return fig.subject


CONTRIBUTION = regex.compile(r"(?:đóng góp|làm giảm|làm)(?:[ \t]+điểm phần trăm)?", regex.I)
BASIS_JOIN = regex.compile(r"[ \t]*(?P<basis>[^\d,;:()]{2,60}?)[ \t]*(?:,|và|,[ \t]*và)[ \t]*")


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
