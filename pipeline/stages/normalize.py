"""Normalize: turn the source text into clean paragraphs, one per line, keeping a char map.

* Markdown and HTML markup (``#``, ``**``, ``*``, ``<sup>1</sup>``, ``<https://...>``) is removed,
  so ``**19** chỉ tiêu`` reads ``19 chỉ tiêu``.
* Runs of spaces collapse to one; bare page numbers on their own lines are dropped.
* Hard-wrapped lines are joined into paragraphs (``rules/layout.yaml`` says which lines start a
  new block), also across a blank line when a sentence plainly goes on (page breaks).

``Document.origin[i]`` is the index in the source text of ``Document.text[i]`` (-1 for a space
that joining inserted): the ``locate`` step uses it to give every row its page and box.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np
import regex

from .. import rules
from ..records import Document

LAYOUT_SCHEMA = {
    "block_starts": [str],
    "block_ends": [str],
    "page_number_lines": [str],
    "sentence_end": str,
}

# Markup removed from a line, in priority order; each alternative names what it is.
MARKUP = regex.compile(
    r"""
    (?P<heading>^[ \t]{0,3}\#{1,6}[ \t]+)            # e.g. '### ' before a heading
  | (?P<quote>^[ \t]{0,3}>[ \t]?)                    # blockquote
  | (?P<footnote><sup>[^<>\n]{0,20}</sup>)           # footnote marks: <sup>1</sup>
  | (?P<autolink><(?P<url>https?://[^<>\s]{1,2000})>)  # <https://...> keeps the URL
  | (?P<cell></t[dh]>)                              # table cell end -> tab
  | (?P<tag></?[a-zA-Z][a-zA-Z0-9]{0,10}(?:[ \t][^<>\n]{0,200})?/?>)  # any other HTML tag
  | (?P<strong>\*\*|__)                              # bold
  | (?P<emph>(?<=\S)\*(?!\*)|(?<![\*\S])\*(?=[^\s*]))  # *italic* (a '* ' bullet stays)
  | (?P<escape>\\(?P<escaped>[\\`*_{}\[\]()\#+\-.!|<>]))  # markdown escape: '\*' keeps the '*'
  | (?P<entity>&(?:nbsp|amp|lt|gt|quot);)
    """,
    regex.VERBOSE,
)
ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}
SYLLABLE_JOINER = regex.compile(r"(?<=\p{L})_(?=\p{L})")
SPACE_BEFORE_PUNCT = regex.compile(r" (?=[,.;:!?)](?: |$))")
TABLE_ROW = regex.compile(r"<tr\b[^<>]{0,200}>.{0,20000}?</tr>", regex.S | regex.I)
HEADING_MAX = 120  # a numbered line longer than this is body text, not a heading
SPACES = regex.compile(r"[ \u00a0\u2000-\u200b\u202f\u3000]{2,}|[\u00a0\u2000-\u200b\u202f\u3000]")


@dataclass
class Line:
    text: str
    origin: array
    blank_before: bool
    markdown_heading: bool


def layout_rules() -> dict:
    """``rules/layout.yaml``, validated (cached by the loader)."""
    return rules.load("layout.yaml", LAYOUT_SCHEMA)


def run(doc: Document) -> None:
    assert doc.source is not None, "normalize runs after ingest"
    layout = layout_rules()
    segmented = is_word_segmented(doc.source.text)
    if segmented:
        doc.diagnose(
            "normalize", "info", "word_segmented", "word-segmented text: '_' joins and spaced punctuation undone"
        )
    lines = clean_lines(one_line_per_table_row(doc.source.text), layout, segmented)
    text, origin = join_paragraphs(lines, layout)
    doc.text, doc.origin = text, origin
    doc.pages = page_spans(doc)


def one_line_per_table_row(source: str) -> str:
    """HTML tables in markdown put each cell on its own line: put each row on one line instead.

    Only newlines inside a ``<tr>...</tr>`` become spaces, so every char keeps its index.
    """
    if "<tr" not in source and "<TR" not in source:
        return source
    return TABLE_ROW.sub(lambda m: m.group().replace("\n", " "), source)


def clean_lines(source: str, layout: dict, segmented: bool = False) -> list[Line]:
    page_number = regex.compile("|".join(f"(?:{p})" for p in layout["page_number_lines"]))
    out: list[Line] = []
    blank = True
    pos = 0
    for raw_line in source.split("\n"):
        start, pos = pos, pos + len(raw_line) + 1
        text, origin = strip_markup(raw_line, start)
        text, origin = collapse_spaces(text, origin)
        if segmented:
            text, origin = unsegment(text, origin)
        if not text or page_number.fullmatch(text):
            blank = True
            continue
        heading = bool(regex.match(r"[ \t]{0,3}#{1,6}[ \t]", raw_line))
        out.append(Line(text, origin, blank, heading))
        blank = False
    return out


def strip_markup(line: str, offset: int) -> tuple[str, array]:
    parts: list[str] = []
    origin = array("l")
    last = 0
    for m in MARKUP.finditer(line):
        if m.start() > last:
            parts.append(line[last : m.start()])
            origin.extend(range(offset + last, offset + m.start()))
        kind = m.lastgroup
        if kind == "cell":
            parts.append("\t")
            origin.append(offset + m.start())
        elif kind in ("autolink", "escape"):
            inner = "url" if kind == "autolink" else "escaped"
            parts.append(m.group(inner))
            origin.extend(range(offset + m.start(inner), offset + m.end(inner)))
        elif kind == "entity":
            parts.append(ENTITIES[m.group()])
            origin.append(offset + m.start())
        elif kind == "tag" and m.group().lower().startswith("<br"):
            parts.append(" ")
            origin.append(offset + m.start())
        last = m.end()
    parts.append(line[last:])
    origin.extend(range(offset + last, offset + len(line)))
    return "".join(parts), origin


def collapse_spaces(text: str, origin: array) -> tuple[str, array]:
    """One space for any run of spaces; no space at either end of the line. A table row keeps the tabs of
    its empty first cells ("\t\t95,5\t3"), so its cells stay under their column headers."""
    joined, out = substitute(text, origin, SPACES, " ")
    row = "\t" in joined.strip()
    lead = len(joined) - len(joined.lstrip(" " if row else None))
    trail = len(joined.rstrip())
    return joined[lead:trail], out[lead:trail]


def unsegment(text: str, origin: array) -> tuple[str, array]:
    """Undo word segmentation: ``Hội_đồng_nhân_dân tỉnh , ngày`` → ``Hội đồng nhân dân tỉnh, ngày``."""
    text, origin = substitute(text, origin, SYLLABLE_JOINER, " ")
    return substitute(text, origin, SPACE_BEFORE_PUNCT, "")


def substitute(text: str, origin: array, pattern: regex.Pattern, repl: str) -> tuple[str, array]:
    """Replace every match by ``repl`` ('' or one char, mapped to the match's first char)."""
    parts: list[str] = []
    out = array("l")
    last = 0
    for m in pattern.finditer(text):
        parts.append(text[last : m.start()])
        out.extend(origin[last : m.start()])
        if repl:
            parts.append(repl)
            out.append(origin[m.start()])
        last = m.end()
    if not parts:
        return text, origin
    parts.append(text[last:])
    out.extend(origin[last:])
    return "".join(parts), out


def is_word_segmented(source: str) -> bool:
    """Tokenizer output (``nhà_nước``) rather than prose: many syllables joined by '_'."""
    sample = source[:20_000]
    words = sample.count(" ") + 1
    joins = len(SYLLABLE_JOINER.findall(sample))
    return joins >= 20 and joins > 0.05 * words


def join_paragraphs(lines: list[Line], layout: dict) -> tuple[str, array]:
    block_start = regex.compile("|".join(f"(?:{p})" for p in layout["block_starts"]))
    block_end = regex.compile("|".join(f"(?:{p})" for p in layout["block_ends"]))
    sentence_end = regex.compile(layout["sentence_end"])
    parts: list[str] = []
    origin = array("l")
    prev: Line | None = None
    for line in lines:
        if prev is not None:
            joins = not block_end.search(prev.text) and continues(prev, line, block_start, sentence_end)
            sep = " " if joins else "\n"
            parts.append(sep)
            origin.append(-1)
        parts.append(line.text)
        origin.extend(line.origin)
        prev = line
    return "".join(parts), origin


def continues(prev: Line, line: Line, block_start: regex.Pattern, sentence_end: regex.Pattern) -> bool:
    """Does ``line`` carry on the paragraph of ``prev`` (a hard wrap or a page break)?"""
    if prev.markdown_heading or line.markdown_heading or block_start.match(line.text):
        return False
    if (
        block_start.match(prev.text)
        and line.text[0].isupper()
        and not _is_caps(prev.text)
        and _is_heading_line(prev.text, sentence_end)
    ):
        return False  # "2. Ngộ độc thực phẩm" then "Trong tháng 6 ...": a numbered heading and its text
    if line.blank_before:
        # across a blank line only an unfinished sentence going on in lower case joins
        return not sentence_end.search(prev.text) and line.text[0].islower() and not _is_caps(prev.text)
    if sentence_end.search(prev.text) and line.text[0].isupper() and not _is_caps(line.text):
        return False  # a finished sentence and a capital: at worst a paragraph split in two
    return _is_caps(prev.text) == _is_caps(line.text)  # else: a heading in capitals and the text under it


def _is_heading_line(text: str, sentence_end: regex.Pattern) -> bool:
    return len(text) <= HEADING_MAX and not sentence_end.search(text) and not text.endswith(",")


def _is_caps(text: str) -> bool:
    """A line in capitals (a heading, an issuer); a code like "19-CT/TU)." is not one."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not text[0].isdigit()


def page_spans(doc: Document) -> list:
    """Char spans of the pages in the normalized text, from the source's char pages."""
    src = doc.source
    if not src or not src.pages or src.char_pages is None:
        return []
    origin = np.frombuffer(doc.origin, dtype=f"i{doc.origin.itemsize}") if len(doc.origin) else np.zeros(0, int)
    at = np.nonzero(origin >= 0)[0]  # chars of the text that come from the source (not inserted spaces)
    page_of = np.frombuffer(src.char_pages, dtype=f"i{src.char_pages.itemsize}")[origin[at]] if len(at) else at
    numbers, first_at = np.unique(page_of, return_index=True)
    _, last_from_end = np.unique(page_of[::-1], return_index=True)
    first = dict(zip(numbers.tolist(), at[first_at].tolist(), strict=True))
    last = dict(zip(numbers.tolist(), (at[len(at) - 1 - last_from_end] + 1).tolist(), strict=True))
    pages = []
    cursor = 0
    for page in src.pages:
        start = first.get(page.page, cursor)
        end = last.get(page.page, start)
        page.char_start, page.char_end = start, end
        cursor = end
        pages.append(page)
    return pages
