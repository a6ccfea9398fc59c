"""Labelled list items: what the label before a colon belongs to.

An item "b) Nam: 1.500.000 đồng" under the line "Mức hỗ trợ học nghề ngắn hạn:" measures "Mức hỗ trợ học
nghề ngắn hạn - Nam"; "Tiểu học: 40,1 tỷ đồng" below "+ Chi sự nghiệp giáo dục: 90,5 tỷ đồng" is a part of
that spending; "Đối với nhà ở tại nông thôn: mức thu 0,08%" is the fee for that topic. The item's own
clause gives only the label (or a generic head); the parent comes from the line, the lines above or the topic.
"""

from __future__ import annotations

import regex

from .rules import Compiled

# a list marker opening a line, by kind: "a)", "1.", "-", "+", "•" (a line without one is its own kind)
MARKER = regex.compile(
    r"^[ \t]*(?:(?P<letter>\(?\p{Ll}\))|(?P<number>\(?\d{1,2}(?:\.\d{1,2}){0,3}(?:[ \t]*[-–]|[.)]))"
    r"|(?P<bullet>[-–+*•]))[ \t]*"
)
LABEL = r"[^:;()\d\n]{1,80}?"
ITEM = regex.compile(
    r"(?:^|:)(?P<label>" + LABEL + r")[ \t]*:[ \t]*(?:(?:gần|hơn|khoảng|trên|dưới|ước|đạt)[ \t]+)?$", regex.I
)
# "Đối với lao động có hợp đồng dài hạn: Nam: 300 người": the line's first label is the parent of the others
LINE_PARENT = regex.compile(r"^(?P<parent>[^:;\d\n]{2,160}?)[ \t]*:[ \t]*" + LABEL + r"[ \t]*:", regex.I)
# the topic runs to its colon, or to where its own conditions start ("Đối với giếng khai thác nước ngầm với
# lưu lượng dưới 10m3/ngày đêm: mức phí 200.000 đồng")
TOPIC = regex.compile(
    r"^(?:(?:đối với|về|riêng)[ \t]+)?(?P<topic>[^:;\d\n]{2,160}?)"
    r"(?:[ \t]*:|[ \t]+(?:với|có|từ|dưới|trên)[ \t][^:\n]{0,300}:)",
    regex.I,
)
LINES_UP = 12
ITEM_WORDS = 12
ITEM_CHARS = 400  # a labelled item starts this near its line's start
HEADING_WORDS = 8
TOPIC_WORDS = 16


def marker_kind(line: str) -> tuple[str, int]:
    """The kind of list marker a line opens with ("" for none) and where its text starts."""
    m = MARKER.match(line)
    if not m:
        return "", 0
    return next(k for k, v in m.groupdict().items() if v), m.end()


def parent_of_item(text: str, line_starts: list[int], i: int, start: int, c: Compiled) -> str | None:
    """For a figure right after "label:" on line ``i``: the phrase the label is a part of, or None."""
    if start - line_starts[i] > ITEM_CHARS:
        return None  # deep in a long line: no short item (and no copy of a huge line per figure)
    line = text[line_starts[i] : start]
    kind, body = marker_kind(line)
    head = line[body : start - line_starts[i]]
    item = ITEM.search(head[head.rfind(";") + 1 :])
    if not item or not regex.search(r"\p{L}{2}", item["label"]) or len(item["label"].split()) > ITEM_WORDS:
        return None  # no short "label:" item right before the number
    inline = LINE_PARENT.match(line[body:])
    if inline and inline.end() <= start - line_starts[i] - body:
        return _clean(inline["parent"], c)
    long_intro = False
    for j in range(i - 1, max(-1, i - 1 - LINES_UP), -1):
        above_end = line_starts[j + 1] - 1
        if above_end - line_starts[j] > ITEM_CHARS * 2:
            return None  # a long paragraph above: no list of short items
        above = text[line_starts[j] : above_end]
        if not above.strip():
            continue
        kind_above, at = marker_kind(above)
        if long_intro:  # "3. Mức hỗ trợ" above "Người lao động ... được hỗ trợ bằng tiền khi ...:" above the items
            heading = above[at:].strip()
            short = kind_above and len(heading.split()) <= HEADING_WORDS and not regex.search(r"[\d:;]", heading)
            return _clean(heading, c) if short else None
        if above.rstrip().endswith(":"):  # "Mức hỗ trợ học nghề ngắn hạn:", "2.2 - Chi thường xuyên: 500 tỷ:"
            intro = _clean(above[at:].split(":")[0], c)
            if intro:
                return intro
            long_intro = True
            continue
        label_above = ITEM.match(above[at : at + 90].split(":")[0] + ":") if ":" in above else None
        if kind_above == kind:
            if label_above is None:
                return None  # a sibling that is no labelled item: not a list of parts
            continue
        # a line of another marker kind: "+ Chi sự nghiệp giáo dục: 90,5 tỷ đồng" above "Tiểu học: 40,1 tỷ đồng"
        return _clean(label_above["label"], c) if label_above else None
    return None


def topic_of(text: str, line_start: int, start: int, subject: str, c: Compiled) -> str | None:
    """ "Đối với nhà ở tại nông thôn: mức thu 0,08%", "Thẩm định hồ sơ cấp phép bổ sung: mức thu bằng 50%": the
    topic a bare measure word is of."""
    if not c.measure_head_re.fullmatch(subject):
        return None  # only a bare measure word needs its topic: "mức thu", "tỷ lệ"
    if start - line_start > ITEM_CHARS * 2:
        return None
    head = text[line_start:start]
    _, body = marker_kind(head)
    m = TOPIC.match(head[body:])
    topic = " ".join(m["topic"].split()) if m and ":" not in head[body + m.end() :] else ""
    return topic if 0 < len(topic.split()) <= TOPIC_WORDS else None


def _clean(label: str, c: Compiled) -> str | None:
    label = " ".join(c.opener_re.sub("", TOPIC_LEAD.sub("", label.strip(" \t-–+*•_"))).split()).strip(" ,_*")
    return label if regex.search(r"\p{L}{2}", label) and len(label.split()) <= 16 else None


TOPIC_LEAD = regex.compile(r"^(?:đối với|về|riêng)[ \t]+", regex.I)


def with_parent(subject: str, parent: str) -> str:
    """``parent - subject``, unless the subject already says it."""
    if parent.casefold() in subject.casefold():
        return subject
    return f"{parent} - {subject}"
