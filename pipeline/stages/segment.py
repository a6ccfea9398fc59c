"""Segment: the section tree of a document (EXTRACTION.md "Sections", TABLES.md ``sections``).

A section starts at a line that begins with a structural marker (``rules/sections.yaml``):
``Phần thứ hai``, ``II.``, ``3.``, ``2.1.``, ``a)``, ``Nội dung 4:`` ... The tree follows the
numbering, not the markdown: every marker belongs to a *level* (part, roman, arabic, decimal of
depth 2, letter, ...) and levels nest in the order they first appear. A stack holds the open
sections; a marker whose level is already open closes everything below that level and becomes a
sibling, a new level nests under the innermost open section. Numbers decide the ambiguous cases:
``4.`` after ``3. > Nội dung 10 > b)`` goes back to the ``3.`` level, ``1.2.`` goes under ``1.``,
and ``1.`` restarting inside an item opens a nested list.

Adds: ``doc.sections`` (page_start/page_end stay None; ``locate`` fills them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import rules
from ..records import Document, Section

SCHEMA = {
    "markers": [
        {
            "level": str,
            "kind": str,
            "priority": int,
            "pattern": str,
            "label": str,
            "example": str,
            "opens_at_first?": bool,
        }
    ],
    "ordinals": {str: int},
    "letters": [str],
    "not_sections": [str],
    "not_headings": [str],
    "closing_block": {"start": [str], "resume": [str], "table": [str]},
    "lead_in": [str],
    "caps_heading": {"min_letters": int, "max_chars": int, "patterns": [str]},
}

KINDS = {"part", "roman", "arabic", "decimal", "letter", "content", "heading"}
LIST_KINDS = {"arabic", "decimal", "letter"}  # list items: a new part, chapter or article never opens under one
ROMAN = {"I": 1, "V": 5, "X": 10}
HEADING_SEPARATORS = ":.-–—_"
SEP_STYLE = {"–": "-", "—": "-"}


@dataclass(frozen=True)
class MarkerRule:
    level: str
    kind: str
    priority: int
    pattern: regex.Pattern
    label: str
    opens_at_first: bool


@dataclass(frozen=True)
class Rules:
    markers: tuple[MarkerRule, ...]
    ordinals: dict[str, int]
    letters: tuple[str, ...]
    not_sections: regex.Pattern
    not_headings: regex.Pattern
    closing_start: regex.Pattern
    closing_resume: regex.Pattern
    appendix_table: regex.Pattern
    caps_min_letters: int
    caps_max_chars: int
    heading_lines: regex.Pattern
    lead_in: regex.Pattern


@dataclass(frozen=True)
class Marker:
    """One structural marker found at the start of a line."""

    rule: MarkerRule
    label: str
    number: int | None
    level: str  # the tree level: the rule's level, decimals by depth ("decimal2")
    parent_label: str | None  # "1" for "1.2", "b" for "b.1": the section it belongs under
    sep: str  # the separator's style: ".", ")", "-", ":" or ""
    end: int  # where the heading text starts in the line


@dataclass
class Open:
    """A section on the stack of open sections."""

    section: Section
    level: str
    number: int | None
    label: str
    sep: str
    index: int  # position in doc.sections


def run(doc: Document) -> None:
    """Append the document's sections to ``doc.sections`` in document order."""
    r = load_rules()
    text = doc.text
    lines = [(m.start(), m.group()) for m in regex.finditer(r"[^\n]+", text)]
    stack: list[Open] = []
    last_caps = -1  # index in doc.sections after which the latest all-caps heading stands
    closing = False
    appendix = False  # in an appendix after the signature, where a table closes the body again
    lead_in = False  # the line before announces a list ("..., cụ thể:")
    parts = list(doc.parts)  # documents after the first one: the tree starts again at each
    part_id: str | None = None
    i = 0
    while i < len(lines):
        start, line = lines[i]
        i += 1
        if parts and start + len(line) > parts[0].char_start:
            part = parts.pop(0)
            closing, appendix, stack, part_id = False, part.kind == "appendix", [], part.part_id
        lead = len(line) - len(line.lstrip())
        start, line = start + lead, line.strip()
        after_lead_in, lead_in = lead_in, bool(r.lead_in.search(line))
        if closing:
            if r.closing_resume.match(line):
                closing, appendix, stack = False, True, []
            continue
        if r.closing_start.match(line) or (appendix and r.appendix_table.match(line)):
            closing = True
            continue
        if r.not_sections.match(line):
            continue
        marker = choose(find_markers(line, r), stack)
        if marker is None:
            if is_caps_heading(line, r):
                last_caps = len(doc.sections)
            continue
        depth = place(marker, stack, last_caps, after_lead_in)
        if depth is None:
            continue
        heading = clean_heading(line[marker.end :])
        if not heading and i < len(lines):
            nxt = lines[i][1].strip()
            if not find_markers(nxt, r) and not r.closing_start.match(nxt):
                heading = clean_heading(nxt)
                i += 1
        if r.not_headings.match(heading):
            continue
        del stack[depth:]
        parent = stack[-1].section if stack else None
        section = Section(
            section_id=f"s{len(doc.sections) + 1:04d}",
            parent_id=parent.section_id if parent else None,
            level=depth + 1,
            marker_kind=marker.rule.kind,
            marker=marker.label,
            number=marker.number,
            heading=heading,
            path=" > ".join([o.label for o in stack] + [marker.label]),
            char_start=start,
            char_end=len(text),
            part_id=part_id,
        )
        stack.append(Open(section, marker.level, marker.number, marker.label, marker.sep, len(doc.sections)))
        doc.sections.append(section)
    set_ends(doc.sections, len(text))


def find_markers(line: str, r: Rules) -> list[Marker]:
    """Every rule that matches at the start of ``line``, by priority."""
    found = []
    for rule in r.markers:
        m = rule.pattern.match(line)
        if m:
            found.append(make_marker(rule, m, r))
    return found


def make_marker(rule: MarkerRule, m: regex.Match, r: Rules) -> Marker:
    groups = {k: v for k, v in m.groupdict().items() if v}
    parts = {
        "word": " ".join(groups.get("word", "").split()).capitalize(),
        "ordinal": " ".join(groups.get("ordinal", "").split()).lower(),
        "roman": groups.get("roman", ""),
        "num": str(int(groups["num"])) if "num" in groups else "",
        "dec": ".".join(str(int(p)) for p in groups["dec"].split(".")) if "dec" in groups else "",
        "letter": groups.get("letter", ""),
        "sub": str(int(groups["sub"])) if "sub" in groups else "",
    }
    label = " ".join(rule.label.format(**parts).split())
    number: int | None = None
    parent_label = None
    level = rule.level
    if parts["ordinal"]:
        number = r.ordinals.get(parts["ordinal"])
    elif parts["roman"]:
        number = roman_value(parts["roman"])
    elif parts["dec"]:
        pieces = parts["dec"].split(".")
        number, parent_label = int(pieces[-1]), ".".join(pieces[:-1])
        level = f"{rule.level}{len(pieces)}"
    elif parts["sub"]:
        number, parent_label = int(parts["sub"]), parts["letter"]
    elif parts["num"]:
        number = int(parts["num"])
    elif parts["letter"]:
        low = parts["letter"].lower()
        number = r.letters.index(low) + 1 if low in r.letters else None
    sep = SEP_STYLE.get(groups.get("sep", ""), groups.get("sep", ""))
    return Marker(rule, label, number, level, parent_label, sep, m.end())


def choose(found: list[Marker], stack: list[Open]) -> Marker | None:
    """Of the rules matching one line, the one that continues an open level, else the first."""
    for marker in found:
        if any(o.level == marker.level and continues(o, marker) for o in stack):
            return marker
    for marker in found:
        if marker.rule.opens_at_first and marker.number != 1 and not any(o.level == marker.level for o in stack):
            continue  # a stray "c." or "D." that opens no list is text
        return marker
    return None


def continues(o: Open, marker: Marker) -> bool:
    return o.number is not None and marker.number == o.number + 1


def place(marker: Marker, stack: list[Open], last_caps: int, after_lead_in: bool = False) -> int | None:
    """How many open sections stay above the new one (its depth), or None if it is no section."""
    if marker.parent_label is not None:
        # "1.2" goes under the open "1." (or "1.1.x" under "1.1"), "b.1" under the open "b)"
        for p in range(len(stack) - 1, -1, -1):
            if stack[p].label == marker.parent_label and stack[p].level != marker.level:
                return p + 1
    same = [p for p, o in enumerate(stack) if o.level == marker.level]
    if not same:
        if marker.rule.opens_at_first and marker.number != 1:
            return None
        if marker.rule.kind == "part" and stack and stack[-1].section.marker_kind in LIST_KINDS:
            return None  # "Điều 4. ..." under "c) Về nội dung" quotes an article of another text

        return len(stack)
    following = [p for p in same if continues(stack[p], marker)]
    if following:
        # "3." after "2. > 1) 2)" continues "2.", not the nested "2)"
        styled = [p for p in following if stack[p].sep == marker.sep]
        return (styled or following)[-1]
    last = same[-1]
    # A list restarting at 1 in another style ("1)" inside "3.") nests under the open item.
    # In the same style it is a new list at the same level ("a) b)" under a heading that carries no
    # number of its own), as it is after an unnumbered heading.
    if marker.number == 1 and marker.sep != stack[last].sep and last_caps < stack[last].index:
        return len(stack)
    # In the same style it nests too when the open item is the innermost section and the line before
    # announces a list ("1. Phạm vi", "..., cụ thể:", "1. Cấp tỉnh"): a list does not restart mid-item.
    if marker.number == 1 and after_lead_in and last == len(stack) - 1 and last_caps < stack[last].index:
        return len(stack)
    # "1." right after "3.1. Chính sách ..." (a decimal under the open "3.") lists the items of 3.1
    inner = stack[-1]
    if marker.number == 1 and last < len(stack) - 1 and inner.level.startswith("decimal") and last_caps < inner.index:
        return len(stack)
    return last


def set_ends(sections: list[Section], n_chars: int) -> None:
    """A section ends where the next section at the same or a higher level starts."""
    open_: list[Section] = []
    for s in sections:
        while open_ and open_[-1].level >= s.level:
            open_.pop().char_end = s.char_start
        open_.append(s)
    for s in open_:
        s.char_end = n_chars


def clean_heading(text: str) -> str:
    """The heading after a marker: no leading separator, no trailing colon."""
    text = text.strip()
    if text[:1] and text[0] in HEADING_SEPARATORS:
        text = text[1:].lstrip()
    while text.endswith(":"):
        text = text[:-1].rstrip()
    return text


def is_caps_heading(line: str, r: Rules) -> bool:
    """An unnumbered heading: an all-caps line or a line like "* Công tác tuyên truyền:"."""
    if r.heading_lines.match(line):
        return True
    if len(line) > r.caps_max_chars:
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= r.caps_min_letters and all(c.isupper() for c in letters)


def roman_value(s: str) -> int:
    total = 0
    for ch, nxt in zip(s, s[1:] + " ", strict=True):
        v = ROMAN[ch]
        total += -v if nxt in ROMAN and ROMAN[nxt] > v else v
    return total


@cache
def load_rules() -> Rules:
    data = rules.load("sections.yaml", SCHEMA)
    markers = []
    for i, m in enumerate(sorted(data["markers"], key=lambda m: m["priority"])):
        if m["kind"] not in KINDS:
            raise rules.RulesError(f"sections.yaml: markers[{i}].kind: {m['kind']!r} is not one of {sorted(KINDS)}")
        pattern = compile_rule(m["pattern"], f"sections.yaml: markers[{i}].pattern")
        first = m.get("opens_at_first", False)
        markers.append(MarkerRule(m["level"], m["kind"], m["priority"], pattern, m["label"], first))
    return Rules(
        markers=tuple(markers),
        ordinals={" ".join(k.split()): v for k, v in data["ordinals"].items()},
        letters=tuple(data["letters"]),
        not_sections=compile_any(data["not_sections"]),
        not_headings=compile_any(data["not_headings"]),
        closing_start=compile_any(data["closing_block"]["start"]),
        closing_resume=compile_any(data["closing_block"]["resume"]),
        appendix_table=compile_any(data["closing_block"]["table"]),
        caps_min_letters=data["caps_heading"]["min_letters"],
        caps_max_chars=data["caps_heading"]["max_chars"],
        heading_lines=compile_any(data["caps_heading"]["patterns"]),
        lead_in=compile_any(data["lead_in"]),
    )


def compile_rule(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as err:
        raise rules.RulesError(f"{where}: bad regular expression {pattern!r}: {err}") from None


def compile_any(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")
