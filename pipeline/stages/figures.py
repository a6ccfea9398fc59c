"""Figures: numbers that measure something (counts, money, percentages, ratios, ranges, multipliers).

Vietnamese number format: ``.`` groups thousands, ``,`` marks decimals (``163.201,095`` = 163201.095);
an English-grouped integer (``2,096,584,751``) is read as such. Scale words (``tỷ``, ``nghìn tỷ``),
units and every context word live in ``rules/figures.yaml``.

For every number in ``doc.text`` the stage
1. reads the number and what follows it (range ``1,02-1,07%``, ratio ``148/178``, scale, unit, counted noun);
2. drops it when it is not a measurement: inside a date or a citation, a year, a period (``6 tháng``),
   a list marker (``1.``, ``(1)``), a name or ordinal (``Quận 12``, ``lần thứ 3``, ``Covid-19``), a phone;
3. reads approx / direction / basis words around it and its sentence.

What a figure measures and when (subject, period) is the ``meaning`` stage's job.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import rules
from ..records import Document, Figure

# regex's own cache lookup costs ~20 µs a call; the hot path calls it thousands of times per document
_compile = cache(regex.compile)

SCHEMA = {
    "scales": {str: int},
    "money": {str: [str]},
    "measures": {str: [str]},
    "time_words": [str],
    "per_words": [str],
    "population_words": [str],
    "count_nouns": [str],
    "count_abbreviation": str,
    "count_capitalised": str,
    "noun_joiners": [str],
    "not_nouns": [str],
    "name_words": [str],
    "name_word_exceptions?": [str],
    "bare_introducers": [str],
    "approx": {str: str},
    "approx_blockers": [str],
    "direction": {str: str},
    "direction_fillers": [str],
    "basis_after": {str: str},
    "basis_before": {str: str},
    "multiplier_words": [str],
}

# A number token: digits with '.'/',' groups, not glued to a word, another number or a slash before it.
# Bounded repetitions keep it linear on hostile input ("1.2.3.4..." or a megabyte of 9s).
NUMBER = regex.compile(r"(?<![\p{L}\d.,/])\d{1,20}(?:[.,]\d{1,20}){0,8}")
NUMBER_AT = regex.compile(r"\d{1,20}(?:[.,]\d{1,20}){0,8}")  # the second number of a range or ratio
VN_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,20})?")  # 163.201,095
EN_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d{1,20})?")  # 2,096,584,751
VN_PLAIN = regex.compile(r"\d{1,20}(?:,\d{1,20})?")  # 40,21 / 234,600 (= 234.6)
ENGLISH_DECIMAL = regex.compile(r"\d{1,6}\.\d{1,2}")  # 7.5%, 15.85 ha; 4.0, 2.1 alone are labels

WINDOW = 90  # chars of context read on each side of a number


@dataclass(frozen=True)
class Compiled:
    scales: dict[str, int]
    money_unit: dict[str, str]
    measure: dict[str, tuple[str, str]]
    approx: dict[str, str]
    direction: dict[str, str]
    basis_after: dict[str, str]
    basis_before: dict[str, str]
    scale_re: regex.Pattern
    money_re: regex.Pattern
    money_glued_re: regex.Pattern
    measure_re: regex.Pattern
    time_re: regex.Pattern
    noun_re: regex.Pattern
    word_re: regex.Pattern
    abbr_re: regex.Pattern
    capitalised_re: regex.Pattern
    money_word_re: regex.Pattern
    not_nouns: frozenset[str]
    per_words: frozenset[str]
    per_population_re: regex.Pattern
    population_re: regex.Pattern
    population_base_re: regex.Pattern
    population_lead_re: regex.Pattern
    name_re: regex.Pattern
    name_exceptions: tuple[str, ...]
    bare_re: regex.Pattern
    approx_re: regex.Pattern
    approx_blockers: frozenset[str]
    direction_re: regex.Pattern
    basis_after_re: regex.Pattern
    basis_before_re: regex.Pattern
    basis_paren_re: regex.Pattern
    multiplier_re: regex.Pattern


def _words(words: list[str]) -> str:
    return rules.words_pattern(words)


@cache
def compiled() -> Compiled:
    r = rules.load("figures.yaml", SCHEMA)
    money_unit = {w.casefold(): code for code, ws in r["money"].items() for w in ws}
    measure = {w.casefold(): (v[0], v[1]) for w, v in r["measures"].items()}
    nouns = r["count_nouns"]
    joiner = r"(?:\s*,\s*|\s+(?:" + _words([j for j in r["noun_joiners"] if j != ","]) + r")\s+)"
    # "_" joins syllables in word-segmented text ("công_trình"); a footnote mark may be glued on ("điểm4")
    noun = r"(?:" + _words(nouns).replace(r"[ \t]+", r"[ \t_]+") + r")(?![\p{L}_])(?!\d{3})"
    boundary = r"(?<![\p{L}\d])"
    return Compiled(
        scales={k.casefold(): v for k, v in r["scales"].items()},
        money_unit=money_unit,
        measure=measure,
        approx={k.casefold(): v for k, v in r["approx"].items()},
        direction={k.casefold(): v for k, v in r["direction"].items()},
        basis_after={k.casefold(): v for k, v in r["basis_after"].items()},
        basis_before={k.casefold(): v for k, v in r["basis_before"].items()},
        scale_re=regex.compile(r"[ \t]{1,3}(" + _words(list(r["scales"])) + r")(?![\p{L}\d])", regex.I),
        money_re=regex.compile(r"[ \t]{0,3}(" + _words(list(money_unit)) + r")(?![\p{L}\d])", regex.I),
        # a money unit anywhere in a sentence ("đồng", "(đồng)", "USD"), not "đồng chí", "đồng bào", "đồng bộ"
        money_word_re=regex.compile(
            r"(?<![\p{L}\d])(" + _words(list(money_unit)) + r")(?![\p{L}\d])"
            r"(?![ \t]{1,3}(?:chí|bào|bộ|thời|ý|tình|hành|đều|loạt|ruộng|lúa|bằng|hương|nghiệp|đội|phục)(?![\p{L}]))",
            regex.I,
        ),
        money_glued_re=regex.compile(r"(" + _words(list(money_unit)) + r")(?![\p{L}\d])", regex.I),
        # case-sensitive as printed ("kWh", "MW"; "m" but not "M"), looked up case-folded
        measure_re=regex.compile(r"[ \t]{0,3}(" + _words(list(r["measures"])) + r")(?![\p{L}\d])"),
        time_re=regex.compile(r"[ \t]{1,3}(?:" + _words(r["time_words"]) + r")(?![\p{L}\d/])", regex.I),
        # "công trình, dự án": a known noun, then more known nouns joined by ',' / 'và'
        noun_re=regex.compile(r"[ \t]{1,3}(" + noun + r"(?:" + joiner + noun + r"){0,6})", regex.I),
        word_re=regex.compile(r"[ \t]{1,3}(\p{Ll}{1,12})(?![\p{L}\d])"),
        abbr_re=regex.compile(r"[ \t]{1,3}(" + r["count_abbreviation"] + r")"),
        capitalised_re=regex.compile(r"[ \t]{1,3}(" + r["count_capitalised"] + r")"),
        not_nouns=frozenset(w.casefold() for w in r["not_nouns"] + r["time_words"]),
        per_words=frozenset(w.casefold() for w in r["per_words"] + r["time_words"] + list(r["measures"])),
        # "trên 100 dân", "/1 vạn dân": a population the figure before it is counted per
        per_population_re=regex.compile(
            r"[ \t]{0,3}(?:trên|/)[ \t]{0,3}((?:1|10|100|1\.000|10\.000|100\.000)(?:[ \t]{1,3}(?:vạn|nghìn|ngàn))?"
            r"[ \t]{1,3}(?:" + _words(r["population_words"]) + r"))(?![\p{L}\d])",
            regex.I,
        ),
        population_re=regex.compile(r"(?:" + _words(r["population_words"]) + r")", regex.I),
        # "số bác sĩ trên 100 dân", "giường bệnh bình quân 1 vạn dân": the population an indicator is counted per
        population_base_re=regex.compile(
            r"(?:1|10|100|1\.000|10\.000|100\.000)(?:[ \t]{1,3}(?:vạn|nghìn|ngàn))?[ \t]{1,3}(?:"
            + _words(r["population_words"])
            + r")(?![\p{L}\d])(?![ \t]+tộc)",  # not "100 dân tộc"
            regex.I,
        ),
        population_lead_re=regex.compile(r"(?:(?<![\p{L}])(?:trên|bình quân|tính trên|mỗi)|/)[ \t]{0,3}$", regex.I),
        # a label word, then maybe "số"/":"/"-", then earlier numbers of the same list ("Quận 4, 7, ")
        name_re=regex.compile(
            boundary + r"(" + _words(r["name_words"]) + r")[ \t]{0,3}[:.]?[ \t]{0,3}(?:[-–][ \t]{0,3})?"
            r"(?:\d{1,6}(?:[.,]\d{1,6}){0,3}[ \t]{0,3}(?:[-–][ \t]{0,3}\d{1,6}[ \t]{0,3})?"
            r"(?:,|;|và|hoặc)[ \t]{0,3}){0,12}$",
            regex.I,
        ),
        name_exceptions=tuple(w.casefold() for w in r.get("name_word_exceptions", [])),
        bare_re=regex.compile(
            r"(?:(?:" + boundary + r"(?:" + _words(r["bare_introducers"]) + r"))[ \t]{1,3}|\([ \t]{0,2})$", regex.I
        ),
        approx_re=regex.compile(
            boundary + r"(" + _words(list(r["approx"])) + r")[ \t]{1,3}(?:(?:tăng|giảm)[ \t]{1,3})?$", regex.I
        ),
        approx_blockers=frozenset(w.casefold() for w in r["approx_blockers"]),
        direction_re=regex.compile(
            boundary
            + r"("
            + _words(list(r["direction"]))
            + r")[ \t]{1,3}(?:(?:"
            + _words(r["direction_fillers"])
            + r"|"
            + _words(list(r["approx"]))
            + r")[ \t]{1,3}){0,2}$",
            regex.I,
        ),
        basis_after_re=regex.compile(boundary + r"(" + _words(list(r["basis_after"])) + r")(?![\p{L}\d])", regex.I),
        basis_before_re=regex.compile(
            boundary + r"(" + _words(list(r["basis_before"])) + r")[ \t]{1,3}(?:tăng|giảm|là|đạt)?[ \t]{0,3}"
            r"(?:" + _words(list(r["approx"])) + r")?[ \t]{0,3}$",
            regex.I,
        ),
        basis_paren_re=regex.compile(
            boundary + r"(" + _words(list(r["basis_before"])) + r")(?![\p{L}\d])[^,;.()\n]{0,60}\([ \t]{0,2}"
            r"(?:(?:" + _words(list(r["approx"])) + r")[ \t]{1,3})?$",
            regex.I,
        ),
        multiplier_re=regex.compile(boundary + r"(?:" + _words(r["multiplier_words"]) + r")[ \t]{1,3}$", regex.I),
    )


# ---------------------------------------------------------------- numbers


def parse_number(token: str) -> float | None:
    """Value of a printed number, or None if its grouping is not a number format we trust."""
    if VN_GROUPED.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    if EN_GROUPED.fullmatch(token):
        return float(token.replace(",", ""))
    if VN_PLAIN.fullmatch(token):
        return float(token.replace(",", "."))
    return None


def read_number_at(text: str, pos: int) -> tuple[float, int] | None:
    """The number starting exactly at ``pos`` (after a range dash or a ratio slash)."""
    m = NUMBER_AT.match(text, pos)
    if not m:
        return None
    value = parse_number(m.group())
    return (value, m.end()) if value is not None else None


# ---------------------------------------------------------------- units


@dataclass
class Unit:
    end: int  # offset in the text just after the unit
    quantity: str | None = None  # None: a bare number
    unit: str | None = None
    scale: str | None = None
    factor: float = 1.0
    guessed: bool = False  # the counted noun is just the next word, not a known noun


def read_unit(text: str, pos: int, limit: int, c: Compiled) -> Unit | None:
    """What follows a number at ``pos``: %, scale, money, measure or counted noun. None: a period/time."""
    u = Unit(pos)
    if text.startswith("%", pos) or text.startswith(" %", pos):
        return Unit(text.index("%", pos) + 1, "percent", "%")
    if _compile(r" {0,3}\t").match(text[pos : pos + 4]):
        return u  # a tab ends a table cell: nothing after it belongs to the number
    glued = pos < limit and text[pos].isalpha()
    if glued:  # "4.625.935.000đ", "1402,75ha"; anything else glued ("5K", "14h00", "4G") is a label
        m = c.money_glued_re.match(text, pos, limit)
        if m:
            return Unit(m.end(), "money", c.money_unit[m.group(1).casefold()])
        m = c.measure_re.match(text, pos, limit)
        if m:
            unit, quantity = c.measure[m.group(1).casefold()]
            return with_rate(text, Unit(m.end(), quantity, unit), limit, c)
        return None
    m = c.scale_re.match(text, pos, limit)
    if m:
        u = Unit(m.end(), "other", None, m.group(1), float(c.scales[m.group(1).casefold()]))
        pos = m.end()
    m = c.money_re.match(text, pos, limit)
    if m and not _compile(r"[ \t]{1,3}đồng[ \t]+(?:chí|bào|bộ|thời|ý|tình|hành|đều|loạt)", regex.I).match(
        text[pos:limit]
    ):
        u.end, u.quantity, u.unit = m.end(), "money", c.money_unit[m.group(1).casefold()]
        return with_rate(text, u, limit, c)
    m = c.measure_re.match(text, pos, limit)
    if m and (m.start(1) > pos or u.scale is None):
        unit, quantity = c.measure[m.group(1).casefold()]
        u.end, u.quantity, u.unit = m.end(), quantity, unit
        return with_rate(text, u, limit, c)
    if c.time_re.match(text, pos, limit):
        return None if u.scale is None else u
    m = c.noun_re.match(text, pos, limit)
    if m:
        nouns = distinct_nouns(m.group(1))
        u.end, u.quantity, u.unit = m.start(1) + len(nouns), "count", normal_noun(nouns)
        return with_rate(text, u, limit, c)
    m = c.abbr_re.match(text, pos, limit)
    if m:  # "12 KCN", "37 CCN", "5 HTX": an abbreviation in capitals is the counted noun
        u.end, u.quantity, u.unit = m.end(), "count", normal_noun(m.group(1))
        return with_rate(text, u, limit, c)
    m = c.word_re.match(text, pos, limit)
    if m and m.group(1).casefold() not in c.not_nouns:
        end, noun = compound_noun(text, m.start(1), m.end(1), limit)
        if noun in c.not_nouns:  # "266 bao gồm ...": a verb, the number is bare
            return u
        u.end, u.quantity, u.unit, u.guessed = end, "count", noun, True
        return with_rate(text, u, limit, c)
    m = c.capitalised_re.match(text, pos, limit)
    if m and m.group(1).casefold() not in c.not_nouns:
        # "02 Hội đồng thẩm định", "5 Trung tâm y tế": a common noun an administrative text capitalises
        end, noun = compound_noun(text, m.start(1), m.end(1), limit)
        if noun in c.not_nouns:  # "15 Bao gồm ...": a verb
            return u
        u.end, u.quantity, u.unit, u.guessed = end, "count", noun, True
        return with_rate(text, u, limit, c)
    return u


def distinct_nouns(nouns: str) -> str:
    """A compound counted noun up to a noun it names again after a comma: "14.043 hồ sơ, hồ sơ tồn kỳ trước ..."
    counts "hồ sơ" (the second starts a clause of its own)."""
    seen: set[str] = set()
    end = 0
    for part in regex.finditer(r"[^,]+", nouns):
        noun = normal_noun(part.group().strip())
        if noun in seen:
            return nouns[:end].rstrip(" \t,")
        seen.add(noun)
        end = part.end()
    return nouns


def normal_noun(noun: str) -> str:
    return _compile(r"[\s_]+").sub(" ", noun).casefold()


# ---------------------------------------------------------------- counted nouns missing from the rules

NOUN_WINDOW = 40  # chars after the number handed to the word segmenter
SEGMENT_CALLS = 500  # per document; past it, unknown nouns keep their first syllable
_budget = [SEGMENT_CALLS]  # reset by run() for every document
SEGMENTED = regex.compile(r"\p{Ll}{1,12}(?:_\p{L}{1,12}){1,4}(?![\p{L}\d_])")  # "đối_tượng" in word-segmented text
SYLLABLES = regex.compile(r"\p{L}\p{Ll}{0,11}(?:[ ]\p{Ll}{1,12}){1,3}")  # a capitalised first syllable: "Hội đồng"


def compound_noun(text: str, start: int, end: int, limit: int) -> tuple[int, str]:
    """A counted noun the rules do not list: the whole word at ``start``, not just its first syllable.

    "3.406 đối tượng bảo trợ" -> "đối tượng"; word-segmented text already joins it ("đối_tượng").
    Otherwise the word segmenter (underthesea) decides on a short window; without it, one syllable.
    """
    m = SEGMENTED.match(text, start, limit)
    if m:
        return m.end(), normal_noun(m.group())
    first = None
    if _budget[0] > 0:  # hostile or odd input (thousands of unknown nouns) must not make the stage slow
        _budget[0] -= 1
        first = first_word(text[start : min(limit, start + NOUN_WINDOW)])
    if first and SYLLABLES.fullmatch(first):
        # find the same syllables in the text (any run of spaces between them) so raw stays a text slice
        pattern = r"[ \t]{1,3}".join(regex.escape(s) for s in first.split(" "))
        m = regex.compile(pattern + r"(?![\p{L}\d_])").match(text, start, limit)
        if m:
            return m.end(), normal_noun(m.group())
    return end, normal_noun(text[start:end])


@lru_cache(maxsize=8192)
def first_word(window: str) -> str | None:
    """The first word of ``window`` as the Vietnamese word segmenter cuts it, or None without one."""
    tokenize = segmenter()
    if tokenize is None or not window.strip():
        return None
    tokens = tokenize(window)
    return tokens[0] if tokens else None


def noun_after_number(text: str, start: int, limit: int) -> bool:
    """Does the part-of-speech tagger read the word after the number at ``start`` as a noun?

    "Xã Hiệp Thạnh 17 thôn đạt chuẩn" -> thôn/N: a count; "Đề án Vĩnh Long 100 kết thúc" -> kết thúc/V.
    False without the tagger or past the document's budget of model calls.
    """
    tag = pos_tagger()
    if tag is None or _budget[0] <= 0:
        return False
    _budget[0] -= 1
    tokens = tag(text[start : min(limit, start + NOUN_WINDOW)])
    return len(tokens) >= 2 and tokens[1][1] in ("N", "Nc", "Nu")


@cache
def pos_tagger() -> Callable[[str], list[tuple[str, str]]] | None:
    """underthesea's ``pos_tag``, loaded once per process on first use (about 2 s)."""
    try:
        from underthesea import pos_tag
    except Exception:  # no model: the cautious answer (no noun) is kept
        return None
    return pos_tag


@cache
def segmenter() -> Callable[[str], list[str]] | None:
    """underthesea's ``word_tokenize``, imported once per process (≈1.5 s import, ≈0.9 s first call)."""
    try:
        from underthesea import word_tokenize
    except Exception:  # any failure to load the model leaves the one-syllable fallback
        return None
    return word_tokenize


def with_rate(text: str, u: Unit, limit: int, c: Compiled) -> Unit:
    """ "8.915 tấn/ngày", "50,94 tạ/ha", "3,2 vụ/ngày": a unit per another unit is a rate."""
    if u.quantity == "count":
        m = c.per_population_re.match(text, u.end, min(limit, u.end + 40))
        if m:  # "2,5 bác sĩ trên 1 vạn dân": a count per population
            per = " ".join(m.group(1).split())
            u.end, u.unit, u.quantity = m.end(), f"{u.unit}/{per}", "rate"
            return u
    window = text[u.end : min(limit, u.end + 24)]
    m = _compile(r"[ \t]?/[ \t]?(\p{L}{1,10}[ \t]\p{L}{1,10})(?![\p{L}\d])").match(window)  # "m3/ngày đêm"
    if not m or " ".join(m.group(1).split()).casefold() not in c.per_words:
        m = _compile(r"[ \t]?/[ \t]?(\p{L}{1,10}[\d²³]?)(?![\p{L}\d])").match(window)
    if not m or m.group(1).casefold() not in c.per_words:  # "/KH" is a plan; "tỉnh/thành" a list
        return u
    per = m.group(1)
    u.end += m.end()
    if u.quantity == "money":
        u.unit = f"{u.unit}/{per}"
        return u
    u.unit = f"{u.unit or ''}/{per}"
    u.quantity = "rate"
    return u


# ---------------------------------------------------------------- guards


DATE_AFTER = regex.compile(
    r"/\d{1,2}/\d{2,4}(?!\d)"  # 24/6/2021
    r"|[-–]\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)"  # 6-8/7/2021
    r"|\.\d{1,2}\.\d{4}(?!\d)"  # 24.6.2021
)
REF_AFTER = regex.compile(
    r"[ \t]?/[ \t]?(?:\d{2,4}/)?\p{L}"  # 154/BC-UBND, 5531 /KH-UBND, 54/2017/QH14, 622/2020/CV
    r"|[ \t]?[-–]\p{Lu}{2,}"  # 4819-TB/TU, 23-CT/TU
    r"|/\d{4}/"  # 54/2017/...
)
LIST_MARKER_AFTER = regex.compile(r"(?:\.\d{1,3}){0,4}[ \t]?[.)\-–:](?:[ \t]|$)")  # "1.", "2.1.", "3)", "1-"
BRACKET_LIST = regex.compile(r"\([ \t]?\d[^()\n]{0,60},[ \t]{1,2}$")  # "(182 sai phép, 269 không phép)"
YEAR = regex.compile(r"(?:19|20)\d\d")
# A table row flattened to one line: a label, then only number cells to the line end ("Chi phí ... 6,74 58 7,68").
# A "-" cell (no data) only after a tab: "3000 - 3200" between spaces is a range.
CELL = r"(?:\d{1,20}(?:[.,]\d{1,20}){0,8}[ ]?%?|(?<=\t[ ]{0,2})[-–])"
# the cells after the number run to the line end or to the next row of the same line ("... 91,20% 2 Sở Tư pháp ...")
CELLS_AFTER = regex.compile(
    r"((?:[ \t]{1,6}" + CELL + r"){0,40})[ \t]*(?:\p{Lu}{2,12}[ \t]*)?(?:$|(?=\d{1,3}[ \t]{1,3}\p{Lu}))"
)  # an all-caps grade may close the row: "89,40% KHÁ"
CELL_BEFORE = regex.compile(r"(?<![\d.,])" + CELL + r"[ \t]{1,6}$")
LABEL_BEFORE = regex.compile(r"(\p{L}{1,20}|\))[ \t]{1,6}(?:" + CELL + r"[ \t]{1,6}){0,30}$")
NAME_BEFORE_CELL = regex.compile(r"(?<![\p{L}\d])\p{Lu}\p{Ll}{0,8}[ ]{1,2}\d{1,3}[ \t]")  # "xã Bảo Lâm 3 99,00"


def is_table_cell(text: str, start: int, end: int, line_start: int, line_end: int, c: Compiled) -> bool:
    """A bare number in a row of number cells after a text label: a table value (score, rank, count).

    The row needs two cells or more and a word or ')' before its first cell (not "Có = 1"); the label is no
    unit column ("USD\t3000"), a proper name does not end in the first cell ("xã Bảo Lâm 3 99,00") and no cell is
    a zero-led phone group ("0283 829 6052")."""
    if is_tab_cell(text, start, end, line_start, line_end):
        return True
    label = LABEL_BEFORE.search(text[max(line_start, start - 300) : start])
    cells = CELLS_AFTER.match(text, end, line_end) if label else None  # bounded: linear on a megabyte of cells
    if not cells:
        return False
    rest = cells.group(1)
    if not (_compile(r"\d").search(rest) or CELL_BEFORE.search(label.group())):
        return False  # a single number at the end of a line is no table row
    word = label.group(1)
    if c.money_glued_re.fullmatch(word) or c.measure_re.fullmatch(word) or word.casefold() in c.scales:
        return False  # the unit column says what the cells are; a bare count would be the wrong kind
    row = label.group() + text[start:end] + rest
    if not label.group()[len(word) :].strip() and NAME_BEFORE_CELL.match(row):
        return False  # the first cell after a capitalised word ends a name: "xã Bảo Lâm 3 99,00 62,16"
    return not _compile(r"(?<![\d.,])0\d{2}").search(row)


def unit_column(text: str, start: int, end: int, line_start: int, line_end: int, c: Compiled) -> Unit | None:
    """The unit a table row prints in a column of its own before its number cells ("Thu nhập bình quân\tUSD\t2500
    \t2800", "Tỷ lệ hồ sơ đúng hạn\t%\t99,10"): the number's unit, its raw staying the number."""
    if not CELL_START.search(text, max(line_start, start - 8), start) or not CELL_END.match(text, end, line_end):
        return None
    cells = [cell.strip() for cell in text[max(line_start, start - 300) : start].split("\t")[:-1]]
    label = next((cell for cell in reversed(cells) if cell and not VALUE_ONLY.fullmatch(cell)), "")
    if not UNIT_CELL.fullmatch(label):
        return None
    u = read_unit(" " + label, 0, len(label) + 1, c)
    if u is None or u.quantity is None or u.end != len(label) + 1:
        return None
    return Unit(end, u.quantity, u.unit, u.scale, u.factor)


CELL_START = regex.compile(r"\t[ ]{0,3}$")
CELL_END = regex.compile(r"[ ]{0,3}(?:\t|$)")
VALUE_ONLY = regex.compile(r"[-–]|\d[\d.,/ ]{0,30}%?")


TAB_LABEL = regex.compile(r"\p{L}|^(?:19|20)\d\d$")


def is_tab_cell(text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
    """A number filling a cell of a tab-separated row (a Word or ruled PDF table) with a label cell before it:
    a word, or a year ("2021\t62\t\t62"). A unit column before it is no label ("Tỷ đồng\t3000")."""
    if text[start - 1 : start] != "\t" or (end < line_end and text[end] != "\t"):
        return False
    cells = [cell.strip() for cell in text[max(line_start, start - 300) : start - 1].split("\t")]
    if not any(TAB_LABEL.search(cell) for cell in cells):
        return False
    label = next((cell for cell in reversed(cells) if cell), "")
    return not UNIT_CELL.fullmatch(label) and "=" not in label  # "Có = 1; Không = 0\t1": a coded answer


UNIT_CELL = regex.compile(r"%|(?:triệu|tỷ|nghìn|ngàn)?[ ]?(?:đồng|USD|VNĐ|VND)|ha|km|m2|tấn|người|lượt", regex.I)


def is_date_or_ref(text: str, start: int, end: int, value: float, limit: int) -> bool:
    after = text[end : min(limit, end + 16)]
    if DATE_AFTER.match(after) or REF_AFTER.match(after):
        return True
    m = _compile(r"/(\d{1,4})(?![\d/])").match(after)
    if m:
        den = int(m.group(1))
        if value <= 12 and 1900 <= den <= 2100 and value == int(value):  # tháng 8/2021
            return True
    return False


def looks_like_day_month(value: float, den: float, unit: Unit | None) -> bool:
    """ "21/4" with nothing counted after it is a day and month (Ngày Sách 21/4), not a ratio."""
    return (
        value == int(value)
        and 1 <= value <= 31
        and den == int(den)
        and 1 <= den <= 12
        and (unit is None or unit.quantity is None)
    )


PERCENT_AFTER = regex.compile(r"\d{1,20}(?:[.,]\d{1,20}){0,8}[ \t]?%")
MONEY_AFTER = regex.compile(
    r"\d[\d.,]*[ \t]*(?:(?:tỷ|tỉ|triệu|nghìn|ngàn)[ \t]+(?:đồng|USD)|USD|VNĐ)(?![\p{L}])", regex.I
)
# line start, a cell, after a number cell, or after a number cell and an all-caps grade ("90,75% TỐT 3 Sở ...")
ROW_NUMBER_BEFORE = regex.compile(r"(?:^|\t|\d%?[ \t]|\d%?[ \t]{1,3}\p{Lu}{2,12}[ \t])[ \t]{0,3}$")
ROW_NUMBER_AFTER = regex.compile(r"\d{1,3}[ \t]{1,3}\p{Lu}")  # "12 Sở Y tế 74,50 ...", "3 Có 07 sở ..."


DECIMAL_CELL = regex.compile(r"\d{1,3},\d{1,3}(?![\d.,])")


def is_decimal_cell(text: str, start: int, line_start: int, line_end: int | None, c: Compiled) -> bool:
    """A decimal score opening a row of number cells: a value even after a label word ("thông tin 6,19 52")."""
    m = DECIMAL_CELL.match(text, start)
    return bool(m and line_end is not None and is_table_cell(text, start, m.end(), line_start, line_end, c))


def is_row_number(text: str, start: int, line_start: int) -> bool:
    """A table row number (STT) or a footnote mark: a small integer opening a row or a footnote line, then a
    capitalised word. Bulleted lines ("- 05 Ban quản lý ...") are prose and keep their counts."""
    return bool(
        ROW_NUMBER_AFTER.match(text, start)
        and ROW_NUMBER_BEFORE.search(text[max(line_start, start - 20) : start])
        and not text[start - 1 : start].isdigit()
    )


def is_name_or_marker(text: str, start: int, line_start: int, c: Compiled, line_end: int | None = None) -> bool:
    before = text[max(line_start, start - WINDOW) : start]
    if is_row_number(text, start, line_start):
        return True
    if start == line_start or not text[line_start:start].strip(" \t-+•*"):
        after = text[start : start + 12]
        if LIST_MARKER_AFTER.match(after, _compile(r"\d+").match(after).end()):
            return True
    if _compile(r"\(\s?$").search(before) and _compile(r"\d{1,2}[ \t]?\)").match(text[start : start + 4]):
        return True  # "(1)" list marker
    if _compile(r"\p{L}[ \t]?[-–][ \t]?$").search(before):
        return True  # "Covid-19", "Covid - 19", "SARS-CoV-2"
    m = c.name_re.search(before)
    if m and (
        PERCENT_AFTER.match(text, start)
        or MONEY_AFTER.match(text, start)
        or is_decimal_cell(text, start, line_start, line_end, c)
    ):
        # "Chỉ số 84,69%" is a value; nothing is named "số 84%", "năm 659,7 tỷ đồng" ("lũy kế từ đầu năm 659,7 tỷ
        # đồng", "so với kế hoạch 500 tỷ đồng") nor "thông tin 6,19" in a table row
        return False
    if m:
        tail = before[: m.end(1)].casefold()
        return not any(tail.endswith(x) for x in c.name_exceptions)
    return False


# ---------------------------------------------------------------- attributes


def find_approx(before: str, c: Compiled) -> tuple[str | None, int]:
    """Approximation word before the number; also how many chars of it are adjacent (kept in raw)."""
    m = c.approx_re.search(before)
    if not m:
        return None, 0
    word = m.group(1).casefold()
    prev = before[: m.start(1)].rstrip().rsplit(None, 2)
    prev_words = {" ".join(prev[-k:]).casefold() for k in (1, 2) if len(prev) >= k}
    if word in ("hơn", "trên", "dưới") and prev_words & c.approx_blockers:
        return None, 0
    value = c.approx[_compile(r"\s+").sub(" ", word)]
    adjacent = m.end() == len(before) and not _compile(r"tăng|giảm", regex.I).search(m.group(0))
    keep = len(before) - m.start(1) if adjacent and not value.endswith("ước") else 0
    return value, keep


def find_direction(before: str, c: Compiled) -> str | None:
    m = c.direction_re.search(before)
    if m:
        return c.direction[_compile(r"\s+").sub(" ", m.group(1).casefold())]
    return None


CLAUSE_END = regex.compile(r"[,;(\n]|\.(?:\s|$)|\)")


def find_basis(text: str, start: int, end: int, limit: int, before: str, quantity: str, c: Compiled) -> str | None:
    after = text[end : min(limit, end + WINDOW)]
    stop = CLAUSE_END.search(after)
    scope = after[: stop.start()] if stop else after
    for m in c.basis_after_re.finditer(scope):
        phrase = _compile(r"\s+").sub(" ", m.group(1).casefold())
        # "so với ..." may stand anywhere in the clause; a bare noun ("48,6% kế hoạch năm") only right after
        if phrase.startswith("so") or not scope[: m.start()].strip():
            return c.basis_after[phrase]
    if quantity == "multiplier" and _compile(r"[ \t]?\([ \t]?cùng kỳ(?![ \t]+năm)", regex.I).match(after):
        return "same_period"  # "gấp 1,4 lần (cùng kỳ tăng 5,46%)"
    m = c.basis_before_re.search(before)
    # "(cùng kỳ tăng 7,86%)" is a same-period growth rate; but not in "gấp 1,4 lần (cùng kỳ tăng 5,46%)", and in
    # "chỉ tiêu giảm 65%" the number is the target itself
    code = c.basis_before[_compile(r"\s+").sub(" ", m.group(1).casefold())] if m else None
    if code == "same_period" and not _compile(r"lần[ \t]?\([ \t]?$").search(before[: m.start()]):
        return code
    m = c.basis_paren_re.search(before)  # "chỉ tiêu tăng trưởng GRDP năm 2021 (trên 7,5%)"
    if m and c.basis_before[_compile(r"\s+").sub(" ", m.group(1).casefold())] != "same_period":
        return c.basis_before[_compile(r"\s+").sub(" ", m.group(1).casefold())]
    return None


# ---------------------------------------------------------------- sentences

SENTENCE_END = regex.compile(r"(?<=[.!?…])[ \t]+(?=[\p{Lu}\d“\"(*-])")


def sentence_bounds(text: str, pos: int, line_start: int, line_end: int) -> tuple[int, int]:
    """The sentence around ``pos`` within its line (paragraph)."""
    gaps = sentence_gaps(text, line_start, line_end)
    i = bisect.bisect_right(gaps, (pos, pos))
    start = gaps[i - 1][1] if i > 0 and gaps[i - 1][1] <= pos else line_start
    end = gaps[i][0] if i < len(gaps) else line_end
    return start, end


@lru_cache(maxsize=8)
def sentence_gaps(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """The spaces between the sentences of one line, found once per line (a paragraph can hold thousands
    of figures: scanning it again for each would be quadratic)."""
    return [(m.start(), m.end()) for m in SENTENCE_END.finditer(text, line_start, line_end)]


# ---------------------------------------------------------------- the stage


def run(doc: Document) -> None:
    c = compiled()
    text = doc.text
    _budget[0] = SEGMENT_CALLS
    taken = sorted((r.char_start, r.char_end) for r in [*doc.references, *doc.dates])
    taken_starts = [s for s, _ in taken]
    line_starts = [0] + [m.end() for m in _compile(r"\n").finditer(text)]
    last_end = 0
    found: list[tuple[Figure, int, int]] = []
    for m in NUMBER.finditer(text):
        if m.start() < last_end or inside(taken, taken_starts, m.start()):
            continue
        i = bisect.bisect_right(line_starts, m.start()) - 1
        line_start = line_starts[i]
        line_end = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(text)
        fig = read_figure(text, m, line_start, line_end, c)
        if fig is None:
            continue
        fig.sentence = sentence_around(text, sentence_bounds(text, fig.char_start, line_start, line_end), fig)
        doc.figures.append(fig)
        found.append((fig, line_start, line_end))
        last_end = fig.char_end
    inherit_named_period(text, found, c)


# A sentence longer than this (a table flattened into one line, hostile input) is kept as the window
# of this many chars around the figure: a copy of a whole 1 MB "sentence" per figure is quadratic.
MAX_SENTENCE = 1000


def sentence_around(text: str, sent: tuple[int, int], fig: Figure) -> str:
    """The sentence holding ``fig``, or the ``MAX_SENTENCE`` chars of it around the figure."""
    start, end = sent
    if end - start > MAX_SENTENCE:
        start = max(start, min(fig.char_start - MAX_SENTENCE // 2, end - MAX_SENTENCE))
        end = start + MAX_SENTENCE
    return text[start:end]


def money_in_sentence(text: str, sent: tuple[int, int], start: int, end: int, scale: str, c: Compiled) -> str | None:
    """ "50 -150 tỷ" with no unit in a sentence that counts in đồng elsewhere is money in that unit.

    Only a scale of a million or more with nothing after it: "5 nghìn" stays a bare number.
    """
    if c.scales[scale.casefold()] < 1_000_000:
        return None
    for m in c.money_word_re.finditer(text, sent[0], sent[1]):
        if not start <= m.start() < end:
            return c.money_unit[m.group(1).casefold()]
    return None


def names_other_period(sentence: str, c: Compiled) -> bool:
    """The sentence compares with an explicitly named earlier period: "so với 6 tháng đầu năm 2019"."""
    return any(
        c.basis_after[_compile(r"\s+").sub(" ", m.group(1).casefold())] == "other"
        for m in c.basis_after_re.finditer(sentence)
    )


def inherit_named_period(text: str, found: list[tuple[Figure, int, int]], c: Compiled) -> None:
    """A change (tăng/giảm) with no basis of its own is measured against the period its sentence names;
    a paragraph ending "so với <period>, cụ thể:" passes that period on to the lines that detail it."""
    carried: int | None = None  # line start of the paragraph that the carried period applies to
    for fig, line_start, _line_end in found:
        if fig.direction is None or fig.basis is not None or not fig.sentence:
            continue
        if names_other_period(fig.sentence, c) or carried == line_start:
            fig.basis = "other"
            continue
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        prev_line = text[prev_start:prev_end] if prev_end > 0 else ""
        last_sentence = SENTENCE_END.split(prev_line)[-1] if prev_line else ""
        if prev_line.rstrip().endswith(":") and names_other_period(last_sentence, c):
            carried = line_start
            fig.basis = "other"


def unit_ratio(text: str, unit: Unit, limit: int, c: Compiled) -> float | None:
    """Denominator printed after the unit: the same unit again, or the plan marker "KH" before it."""
    m = _compile(r"[ \t]?/[ \t]?((?:KH|kế hoạch)[ \t]?)?(?=\d)").match(text[unit.end : unit.end + 16])
    if not m:
        return None
    second = read_number_at(text, unit.end + m.end())
    if not second:
        return None
    again = read_unit(text, second[1], limit, c)
    if again is not None and again.unit == unit.unit:
        unit.end = again.end
    elif not m.group(1):
        return None
    else:
        unit.end = second[1]
    return second[0]


def inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def read_figure(text: str, m: regex.Match, line_start: int, line_end: int, c: Compiled) -> Figure | None:
    token = m.group()
    start, end = m.start(), m.end()
    value = parse_number(token)
    english_decimal = value is None and bool(ENGLISH_DECIMAL.fullmatch(token))
    if value is None and not english_decimal:
        return None
    if english_decimal:
        value = float(token)  # "7.5%", "15.85 ha": kept only if a known unit follows (checked below)
    if token.startswith("0") and len(_compile(r"\D").sub("", token)) >= 8:
        return None  # phone numbers: 0283 829 6052, 0912.345.678
    if is_date_or_ref(text, start, end, value, line_end) or is_name_or_marker(text, start, line_start, c, line_end):
        return None
    before = text[max(line_start, start - WINDOW) : start]

    value_max = denominator = None
    pos = end
    rng = _compile(r"[ \t]?[-–][ \t]?(?=\d)").match(text[pos : pos + 4])  # "1,02-1,07%", "750 - 900 kWh"
    if rng:
        second = read_number_at(text, pos + rng.end())
        if second and second[0] > value:
            probe = read_unit(text, second[1], line_end, c)
            if probe is not None and probe.quantity is not None:
                value_max, pos = second[0], second[1]
    if value_max is None and _compile(r"(?<![\p{L}])(?i:từ)[ \t]{1,3}$").search(before):
        # "từ 20 đến 30 triệu đồng": one range, the unit printed once after its upper end
        to = _compile(r"[ \t]{1,3}(?:đến|tới)[ \t]{1,3}(?=\d)").match(text[pos : pos + 8])
        second = read_number_at(text, pos + to.end()) if to else None
        if second and second[0] > value:
            probe = read_unit(text, second[1], line_end, c)
            if probe is not None and probe.quantity is not None:
                value_max, pos = second[0], second[1]
    if value_max is None:
        slash = _compile(r"[ \t]?/[ \t]?(?=\d)").match(text[pos : pos + 3])
        if slash:
            second = read_number_at(text, pos + slash.end())
            if second is None or text.startswith("/", second[1]):
                return None  # 1/2/3: a date or a code
            probe = read_unit(text, second[1], line_end, c)
            if looks_like_day_month(value, second[0], probe) or _compile(r"(?:ngày|đến|từ|trước|sau)\s?$").search(
                before
            ):
                return None
            denominator, pos = second[0], second[1]

    unit = read_unit(text, pos, line_end, c)
    if unit is None:
        return None  # a period ("6 tháng"), a time ("24 giờ") or a glued label ("5K")
    if unit.quantity is None and value_max is None and denominator is None:
        unit = unit_column(text, start, unit.end, line_start, line_end, c) or unit
    if english_decimal and (unit.quantity in (None, "count") or denominator is not None or value_max is not None):
        return None  # "4.0", "công nghiệp 4.0 giai đoạn": a version or a label unless a %, money or measure follows
    if unit.quantity is None and YEAR.fullmatch(token):
        return None  # a year: "năm 2020", "2019 - 2025"
    if (
        unit.quantity is None
        and value_max is None
        and denominator is None
        and not (c.bare_re.search(before) or BRACKET_LIST.search(before))
        and not is_table_cell(text, start, end, line_start, line_end, c)
    ):
        return None  # a bare number after a noun is a label: "Cổng thông tin 1022"
    if YEAR.fullmatch(token) and (unit.guessed or _compile(r"\d[ \t]?[-–][ \t]?$").search(before)):
        return None  # "nhiệm kỳ 2020 - 2025 tiến tới", "năm học 2021-2022 đảm bảo"
    if denominator is None and unit.quantity not in (None, "percent", "money"):
        denominator = unit_ratio(text, unit, line_end, c)  # "1402,75ha/1401ha KH", "127,76ha/KH 187 ha"
    if unit.guessed and _compile(r"=[ \t]{0,2}$").search(before):
        return None  # "Trực tuyến = 0 Phát phiếu = 1": a code a form gives its answers, "Id=16834" in a link
    if (
        unit.guessed
        and _compile(r"\p{L}[ \t]\p{Lu}\p{Ll}{0,8}[ \t]$").search(before)
        and not noun_after_number(text, start, line_end)
    ):
        # after a proper name (a capital inside the sentence), with no known noun: "Đề án Vĩnh Long 100 kết thúc";
        # a sentence's first word is no name: "Có 212 học viên"; a noun the tagger sees: "Xã Hiệp Thạnh 17 thôn"
        return None
    # a bare number is a count unless it has decimals: a score "6,74" in a table row measures no count
    quantity = unit.quantity or ("count" if value == int(value) else "other")
    unit_name = unit.unit
    if quantity == "other" and unit_name is None and unit.scale:
        money = money_in_sentence(
            text, sentence_bounds(text, start, line_start, line_end), start, unit.end, unit.scale, c
        )
        quantity, unit_name = ("money", money) if money else (quantity, unit_name)
    if c.multiplier_re.search(before) and (unit_name == "lần" or unit.quantity is None):
        quantity, unit_name = "multiplier", "lần"
    approx, keep = find_approx(before, c)
    if c.population_lead_re.search(before) and c.population_base_re.match(text, start):
        return None  # "số bác sĩ trên 100 dân đạt 2,5": the population the indicator is counted per
    raw_start = start - keep
    direction = find_direction(before, c)
    basis = find_basis(text, start, unit.end, line_end, before, quantity, c)
    scaled = value * unit.factor
    return Figure(
        char_start=raw_start,
        char_end=unit.end,
        raw=text[raw_start : unit.end],
        value=scaled,
        value_max=value_max * unit.factor if value_max is not None else None,
        denominator=denominator * unit.factor if denominator is not None and quantity == "money" else denominator,
        quantity=quantity,
        unit=unit_name,
        scale=unit.scale,
        approx=approx,
        direction=direction,
        basis=basis,
    )
