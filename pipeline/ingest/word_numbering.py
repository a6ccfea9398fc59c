"""Word automatic list numbering: the labels ("1. ", "a) ", "II. ", "1.2. ") Word draws before paragraphs.

python-docx gives the typed text only; the numbers live in ``numbering.xml``. A paragraph is numbered
through its own ``w:numPr`` or its style's (``List Number``, numbered headings), which names a
``w:num`` (numId) and a level (ilvl). The ``w:num`` points to a ``w:abstractNum`` holding, per level,
the start, the format (decimal, lowerLetter, upperRoman, bullet...) and the text ("%1.", "%1.%2.").

Counting follows Word rather than the letter of the spec: counters belong to the abstract definition,
so several ``w:num`` over one ``w:abstractNum`` continue one sequence, and a ``w:num`` carrying a
``w:startOverride`` restarts the overridden levels the first time it is used. A level restarts
when a higher level advances (unless ``w:lvlRestart`` says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

BULLET = "-"  # what a bullet is written as in the text sources
SUFFIX = {"tab": " ", "space": " ", "nothing": ""}  # a tab after the label reads as a space
LEVEL_REF = regex.compile(r"%([1-9])")  # "%1.%2." -> the counters of levels 0 and 1
MAX_STYLE_DEPTH = 20  # basedOn chains are short; a cycle must not loop
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: every level shown in decimal ("1.1." under a "I." level)
    suffix: str = " "


@dataclass(frozen=True)
class Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # whole levels redefined by w:lvlOverride


class Numbering:
    """Labels of numbered paragraphs, asked for in document order (the counters advance)."""

    def __init__(self, numbering_el, styles_el) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId -> numbering style it borrows its levels from
        self.level_styles: dict[str, int] = {}  # paragraph style id -> the level that names it (w:pStyle)
        self.nums: dict[str, Num] = {}
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}  # id -> (basedOn, numId, ilvl)
        self.default_style: str | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering_el is not None:
            self._read_numbering(numbering_el)
        if styles_el is not None:
            self._read_styles(styles_el)

    def label(self, p) -> str:
        """The label Word shows before paragraph ``p`` with its separator ("1. "), or ""."""
        num_id, ilvl = self._num_pr(p)
        num = self.nums.get(num_id or "")
        if num is None:
            return ""  # not numbered, or numId 0: numbering switched off
        abstract_id = self._abstract(num)
        levels = {**self.abstracts.get(abstract_id, {}), **num.levels}
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k in num.starts:
                counts.pop(k, None)  # a restarted list: the level starts over at its override
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else self._start(num, levels, ilvl)
        for k, lvl in levels.items():
            if k > ilvl and (lvl.restart is None or ilvl < lvl.restart):
                counts.pop(k, None)
        level = levels[ilvl]
        if level.fmt == "bullet":
            return BULLET + " "
        text = LEVEL_REF.sub(lambda m: self._shown(m, num, levels, counts, level.legal), level.text)
        return text + level.suffix if text.strip() else ""

    # -- counters ------------------------------------------------------------------------------

    @staticmethod
    def _start(num: Num, levels: dict[int, Level], k: int) -> int:
        return num.starts.get(k, levels[k].start if k in levels else 1)

    def _shown(self, m: regex.Match, num: Num, levels: dict[int, Level], counts: dict[int, int], legal: bool) -> str:
        k = int(m.group(1)) - 1
        value = counts.get(k, self._start(num, levels, k))  # a level never used shows its start
        fmt = levels[k].fmt if k in levels else "decimal"
        return format_number(value, "decimal" if legal and fmt != "bullet" else fmt)

    def _abstract(self, num: Num) -> str:
        """The abstract definition, following a numStyleLink to the list style that holds the levels."""
        abstract_id = num.abstract_id
        for _ in range(MAX_STYLE_DEPTH):
            style = self.style_links.get(abstract_id)
            linked = self.nums.get(self._style_num(style)[0] or "") if style else None
            if linked is None or linked.abstract_id == abstract_id:
                break
            abstract_id = linked.abstract_id
        return abstract_id

    # -- paragraph properties ------------------------------------------------------------------

    def _num_pr(self, p) -> tuple[str | None, int]:
        """(numId, ilvl) from the paragraph's own numPr, else from its style's."""
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num_pr.find(W + "numId")) if num_pr is not None else None
        ilvl = _int(num_pr.find(W + "ilvl")) if num_pr is not None else None
        if num_id is not None:
            return num_id, ilvl or 0
        style_id = (_val(ppr.find(W + "pStyle")) if ppr is not None else None) or self.default_style
        num_id, style_ilvl, source = self._style_num(style_id)
        if ilvl is None:  # a numbered style names its level, or the list's level names the style
            ilvl = style_ilvl if style_ilvl is not None else self.level_styles.get(source or "", 0)
        return num_id, ilvl

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, style id) of the first style up the basedOn chain that is numbered."""
        for _ in range(MAX_STYLE_DEPTH):
            if style_id is None or style_id not in self.styles:
                break
            based_on, num_id, ilvl = self.styles[style_id]
            if num_id is not None:
                return num_id, ilvl, style_id
            style_id = based_on
        return None, None, None

    # -- reading the parts ---------------------------------------------------------------------

    def _read_numbering(self, root) -> None:
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            if aid is None:
                continue
            self.abstracts[aid] = dict(map(_level, abstract.findall(W + "lvl")))
            for lvl_el in abstract.findall(W + "lvl"):
                style = _val(lvl_el.find(W + "pStyle"))
                if style and _int(lvl_el, "ilvl") is not None:
                    self.level_styles[style] = _int(lvl_el, "ilvl") or 0
            link = _val(abstract.find(W + "numStyleLink"))
            if link:
                self.style_links[aid] = link
        for num in root.iter(W + "num"):
            num_id, aid = num.get(W + "numId"), _val(num.find(W + "abstractNumId"))
            if num_id is None or aid is None:
                continue
            starts, levels = {}, {}
            for override in num.findall(W + "lvlOverride"):
                k = _int(override, "ilvl") or 0
                start = _int(override.find(W + "startOverride"))
                if start is not None:
                    starts[k] = start
                if override.find(W + "lvl") is not None:
                    levels[k] = _level(override.find(W + "lvl"))[1]
            self.nums[num_id] = Num(aid, starts, levels)

    def _read_styles(self, root) -> None:
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = _val(num_pr.find(W + "numId")) if num_pr is not None else None
            ilvl = _int(num_pr.find(W + "ilvl")) if num_pr is not None else None
            self.styles[sid] = (_val(style.find(W + "basedOn")), num_id, ilvl)
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default_style = sid


def _level(el) -> tuple[int, Level]:
    fmt_el = el.find(W + "numFmt")
    if fmt_el is None:  # Word 2010 custom formats sit in mc:AlternateContent; the fallback is plain
        fmt_el = el.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    legal = el.find(W + "isLgl")
    level = Level(
        start=_int(el.find(W + "start")) if el.find(W + "start") is not None else 1,
        fmt=_val(fmt_el) or "decimal",
        text=_val(el.find(W + "lvlText")) or "",
        restart=_int(el.find(W + "lvlRestart")),  # 1-based: restart when a level above it (ilvl < this) is used
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        suffix=SUFFIX.get(_val(el.find(W + "suff")) or "tab", " "),
    )
    return _int(el, "ilvl") or 0, level


def _val(el, attr: str = "val") -> str | None:
    return el.get(W + attr) if el is not None else None


def _int(el, attr: str = "val") -> int | None:
    try:
        return int(_val(el, attr) or "")
    except ValueError:
        return None


def format_number(n: int, fmt: str) -> str:
    """``n`` as Word writes it in format ``fmt`` (unknown formats: decimal)."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: ..., z, aa, bb
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, digits in ROMAN:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)
