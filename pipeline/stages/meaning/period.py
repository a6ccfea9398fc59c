"""Period: the time span a figure's value belongs to (EXTRACTION.md, "Figure meaning: subject and period").

Built on the rows of the ``dates`` stage (which already read "6 tháng đầu năm", "quý III/2024",
"giai đoạn 2021-2025" and gave years to the dates that print none). In this order:

1. the figure's own clause: a period printed there ("Kim ngạch xuất khẩu tháng 6 ước đạt ..."), not one
   it is compared with ("so với cùng kỳ năm 2020", "so với tháng 5") nor a name ("nhiệm kỳ 2021-2026");
   "tính đến ngày X", "đến hết quý III", "đến năm 2030" give an end only, "từ ngày X" a start only;
   an undated "đến nay", "hiện nay", "lũy kế" ends at the end of the document's period;
2. the figure before it in the same sentence ("..., đạt 40,21% dự toán" keeps the amount's period);
3. an opening adverbial of the sentence ("Trong 6 tháng đầu năm 2020, ...", "Ngày 19/6/2021, ...");
4. a static count with none of the above ("24 quận, huyện", "06 nguyên tắc") has no period;
5. the nearest enclosing section heading that states a period;
6. the document's title ("Báo cáo ... quý II và 6 tháng đầu năm 2021": the span covering both).

A value printed for the same period of an earlier year ("(cùng kỳ tăng 7,86%)", "cùng kỳ năm 2020 (là
2,92%)") takes the span the sentence is about, moved to that year (the year before when none is printed).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
from dataclasses import dataclass, field

import regex

from ...records import DateMention, Document, Figure, Section
from ..figures import sentence_bounds
from .rules import Compiled
from .subject import COMPARED, INNER_BRACKETS, mask_brackets

Span = tuple[dt.date | None, dt.date | None]
NONE: Span = (None, None)

# a clause ends at a comma (not "1,9%"), ';', ':' or a line break; brackets are their own clauses
WINDOW = 400  # chars around a number searched for its clause
CLAUSE_CUT = regex.compile(r",(?!\d)|[;:]|\n|(?<!\.\.)\.(?=\s)")


@dataclass
class Context:
    """What the period of every figure of one document is read from (built once per document)."""

    text: str
    dates: list[DateMention]
    date_starts: list[int]
    sections: list[Section]
    heading_spans: dict[str, Span | None]
    document: Span
    rules: Compiled
    section_starts: list[int] = field(default_factory=list)
    section_by_id: dict[str, Section] = field(default_factory=dict)
    fallbacks: dict[tuple[str, int], Span] = field(default_factory=dict)  # (section id, part) -> fallback period
    parts: list[tuple[int, int, Span]] = field(default_factory=list)  # appendices: start, end, period
    ref_ends: list[int] = field(default_factory=list)  # where each citation ends (its date may follow)


def context(doc: Document, c: Compiled) -> Context:
    dates = sorted((d for d in doc.dates if d.start is not None or d.end is not None), key=lambda d: d.char_start)
    sections = sorted(doc.sections, key=lambda s: (s.char_start, s.level))
    ctx = Context(doc.text, dates, [d.char_start for d in dates], sections, {}, NONE, c)
    ctx.section_starts = [s.char_start for s in sections]
    ctx.ref_ends = sorted(r.char_end for r in doc.references)
    ctx.section_by_id = {s.section_id: s for s in sections}
    ctx.document = document_period(doc, ctx, c)
    ctx.parts = part_periods(doc, ctx, c)
    return ctx


# ---------------------------------------------------------------- where a date stands


def dates_between(ctx: Context, start: int, end: int) -> list[DateMention]:
    i = bisect.bisect_left(ctx.date_starts, start)
    j = bisect.bisect_left(ctx.date_starts, end)
    return [d for d in ctx.dates[i:j] if d.char_end <= end]


def words_before(text: str, pos: int, floor: int, n: int = 40) -> str:
    return text[max(floor, pos - n) : pos]


def is_comparison(ctx: Context, d: DateMention, floor: int, c: Compiled) -> bool:
    """A date the figure is compared with ("so với cùng kỳ năm 2020", "cao hơn năm 2019", "gấp 1,8 lần năm
    2023": a multiple or a share right before a date is of that date's value)."""
    before = words_before(ctx.text, d.char_start, floor)
    if d.char_start - len(before) == floor and PLAN_OPENING.fullmatch(before):
        return False  # "Kế hoạch năm 2022: Giá trị sản xuất công nghiệp tăng 18,5%": the plan's year, its targets'
    if c.comparison_re.search(before) or RATIO_BEFORE.search(before):
        return True
    if PLAN_BASIS.search(words_before(ctx.text, d.char_start, floor, 70)):
        return True  # "đạt hơn 41,3% kế hoạch thu hút FDI cả năm 2023": the plan a share is of (not "hoàn thành
        # 100% chỉ tiêu giao quân năm 2024", the share of a target of that year)
    return bool(c.compared_with_re.search(words_before(ctx.text, d.char_start, floor, 70)))


PLAN_OPENING = regex.compile(r"[\s\-–+•*]*(?:kế hoạch|dự toán|chỉ tiêu)[ \t]*", regex.I)
PLAN_BASIS = regex.compile(
    r"\d[ \t]*%[ \t]*(?:so với[ \t]+)?(?:kế hoạch|dự toán|KH)(?:[ \t]+[^\d,;:()%]{0,40})?$", regex.I
)
RATIO_BEFORE = regex.compile(r"(?<![\p{L}])(?:gấp|bằng)[ \t]+\d[\d.,]*[ \t]*(?:lần|%)[ \t]*$", regex.I)


def is_name(ctx: Context, d: DateMention, floor: int, c: Compiled, title: bool = False) -> bool:
    """A date that names something rather than dating the value: "nhiệm kỳ 2021-2026", "tầm nhìn 2030",
    a date inside quotes (“Chủ đề năm 2020”), and outside the title a programme's span ("Đề án ... giai
    đoạn 2020 - 2030")."""
    before = words_before(ctx.text, d.char_start, floor, 24)
    if c.name_lead_re.search(before) or c.name_lead_re.match(d.raw):
        return not c.term_period_re.search(before + " " + TERM_WORD.sub("", d.raw))
    line_start = ctx.text.rfind("\n", max(0, d.char_start - 200), d.char_start) + 1
    head = ctx.text[max(line_start, d.char_start - 200) : d.char_start]
    if head.count("“") > head.count("”"):
        return True
    if title or not (d.is_range and d.granularity == "year"):
        return False
    return bool(c.programme_re.search(ctx.text, max(floor, d.char_start - 120), d.char_start))


TERM_WORD = regex.compile(r"[ \t]*[\d/–—-][\s\S]*$")  # "nhiệm kỳ 2015 – 2020" -> "nhiệm kỳ"


def is_same_period_value(ctx: Context, d: DateMention, floor: int, c: Compiled) -> bool:
    """ "cùng kỳ năm 2020": the year of an earlier period's value, handled by ``same_period_year``."""
    return bool(c.same_period_re.search(words_before(ctx.text, d.char_start, floor, 16)))


def span_of(ctx: Context, d: DateMention, floor: int, fallback_end: dt.date | None, c: Compiled) -> Span:
    """The span a date gives a figure: end only after "tính đến" (the year's start after "từ đầu năm đến hết"),
    start only after "từ"."""
    before = words_before(ctx.text, d.char_start, floor, 24)
    if c.as_of_re.search(before):
        # "tính từ đầu năm đến hết tháng 4/2022": the year so far
        since = YEAR_START.search(words_before(ctx.text, d.char_start, floor, 40))
        return (dt.date(d.end.year, 1, 1) if since and d.end else None, d.end)
    if not d.is_range and c.since_re.search(before):
        return (d.start, fallback_end or d.end)
    if d.granularity == "day" and not d.is_range and AT_TIME.search(before):
        return (None, d.end)  # "Tổng đàn heo (thời điểm 01/10/2020)": a stock where it stands that day
    return (d.start, d.end)


AT_TIME = regex.compile(r"(?<![\p{L}])thời[ \t]+điểm(?:[ \t]+ngày)?[ \t]*$", regex.I)  # (a month stays a month)


def counted_to(ctx: Context, ds: list[DateMention], floor: int, c: Compiled) -> Span | None:
    """ "Năm 2025 (tính đến ngày 15/9/2025)", "9 tháng năm 2025, tính đến ngày 20/9/2025": a period and the
    day its count runs to — the period's start, that day; None unless the day falls inside the period."""
    days = [d for d in ds if d.granularity == "day" and not d.is_range and as_of(ctx, d, floor)]
    periods = [d for d in ds if d.granularity != "day" and d.start and d.end]
    for day in days:
        for p in periods:
            if day.end and p.start <= day.end < p.end:
                return (p.start, day.end)
    return None


def usable(
    ctx: Context, ds: list[DateMention], floor: int, c: Compiled, title: bool = False, cited: bool = True
) -> list[DateMention]:
    """The dates that can be a figure's period; ``cited=False``: not a cited document's date either (for
    clauses other than the figure's own)."""
    return [
        d
        for d in ds
        if not is_comparison(ctx, d, floor, c)
        and not is_name(ctx, d, floor, c, title)
        and not is_same_period_value(ctx, d, floor, c)
        and (cited or not is_citation_date(ctx, d))
    ]


def is_citation_date(ctx: Context, d: DateMention) -> bool:
    """The date a cited document was issued: "Quyết định số 2405/QĐ-UBND ngày 03/12/2025 về việc ...; trong đó:
    ... là 09 TTHC" dates the decision, not the figures of the sentence's later clauses (a figure the decision
    itself sets keeps it: "Quyết định số 828/QĐ-UBND ngày 09/3/2020 về thành lập 2 Tổ công tác")."""
    i = bisect.bisect_right(ctx.ref_ends, d.char_start) - 1
    return i >= 0 and CITATION_GAP.fullmatch(ctx.text, ctx.ref_ends[i], d.char_start) is not None


def cites_aside(ctx: Context, d: DateMention, number_start: int) -> bool:
    """A cited document's date after the figure ("03 thủ tục đã bị bãi bỏ theo Nghị quyết số 21/2024/NQ-HĐND
    ngày 28/5/2024") or in brackets before it ("(tại Công văn số 338/SKHĐT ngày 08/8/2024 của Sở) là 96 dự án") says
    where the figure comes from, not when it was measured."""
    if not is_citation_date(ctx, d):
        return False
    if d.char_start > number_start:
        return True
    between = ctx.text[d.char_end : number_start]
    return between.count(")") > between.count("(")


def own_aside(ctx: Context, d: DateMention, fig_end: int, clause_end: int) -> bool:
    """A date in brackets after the figure that hold a figure of their own states that figure's period: "tăng 8,3%
    so cùng kỳ (quý I năm 2016 tăng 8,1% ...)" is no value of 2016 (a bracket of dates only, "(năm 2023)", is)."""
    if not fig_end <= d.char_start < clause_end:
        return False
    for m in INNER_BRACKETS.finditer(ctx.text, fig_end, clause_end):
        if m.start() < d.char_start < m.end():
            rest = list(m.group())
            for x in dates_between(ctx, m.start(), m.end()):
                rest[x.char_start - m.start() : x.char_end - m.start()] = " " * (x.char_end - x.char_start)
            return any(ch.isdigit() for ch in rest)
    return False


CITATION_GAP = regex.compile(r"[ \t,]{0,3}(?:ngày|ban hành ngày|ký ngày)?[ \t]{0,3}", regex.I)


# ---------------------------------------------------------------- clauses


def clause_bounds(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end] within its sentence: between clause cuts, brackets masked;
    inside an open bracket, the bracket's content."""
    s0, s1 = sent
    open_at = mask_brackets(text[s0:start]).rfind("(")  # an unclosed bracket before the number
    if open_at >= 0:
        s0 += open_at + 1
        close = text.find(")", end, s1)
        s1 = close if close >= 0 else s1
    masked = mask_brackets(text[s0:s1])
    left = s0
    for m in CLAUSE_CUT.finditer(masked, 0, start - s0):
        left = s0 + m.end()
    m = CLAUSE_CUT.search(masked, end - s0)
    right = s0 + m.start() if m else s1
    return left, max(right, end)


# ---------------------------------------------------------------- headings and the document


def heading_period(ctx: Context, section: Section, c: Compiled) -> Span | None:
    if section.section_id in ctx.heading_spans:
        return ctx.heading_spans[section.section_id]
    # a heading's programme span is the period of what it reports ("A. TỔNG KẾT ĐỀ ÁN ... GIAI ĐOẠN 2009-2015")
    end = heading_end(ctx.text, section)
    ds = usable(ctx, dates_between(ctx, section.char_start, end), section.char_start, c, title=True)
    ds = [d for d in ds if not c.event_re.search(words_before(ctx.text, d.char_start, section.char_start, 24))]
    span = union(ctx, ds, c) or season_span(ctx.text, section.char_start, end)
    ctx.heading_spans[section.section_id] = span
    return span


def season_span(text: str, a: int, b: int) -> Span | None:
    """ "vụ Xuân 2025", "vụ Đông Xuân 2018 – 2019": a crop season with its year(s), which the dates stage does not
    read (a bare year is no date there): the year, or the years it spans."""
    m = next((m for m in CROP_SEASON.finditer(text, a, b) if not SEASON_COMPARED.search(text, a, m.start())), None)
    if m is None:
        return None  # (nor a season compared with: "tăng 3% so với vụ Xuân 2024")
    return dt.date(int(m["first"]), 1, 1), dt.date(int(m["last"] or m["first"]), 12, 31)


SEASON_COMPARED = regex.compile(r"(?<![\p{L}])(?:" + COMPARED + r"|(?:hơn|bằng)[ \t]+)$", regex.I)
CROP_SEASON = regex.compile(
    r"(?<![\p{L}])vụ[ \t]+(?:đông[ \t]+xuân|hè[ \t]+thu|thu[ \t]+đông|xuân[ \t]+hè|xuân|mùa|chiêm|đông|hè|thu)"
    r"[ \t]+(?P<first>(?:19|20)\d\d)(?:[ \t]*[-–][ \t]*(?P<last>(?:19|20)\d\d))?(?![\d/])",
    regex.I,
)


def heading_end(text: str, section: Section) -> int:
    """Where a section's heading ends in the text: its marker may stand alone on the line above it
    ("Phần thứ nhất" / "KẾT QUẢ ... 9 THÁNG ĐẦU NĂM 2024")."""
    words = section.heading.split()[:1]
    at = text.find(words[0], section.char_start, min(section.char_end, section.char_start + 400)) if words else -1
    if at >= 0:
        end = text.find("\n", at + max(len(section.heading) - 1, 0))
        return min(end if end >= 0 else len(text), section.char_end)
    end = text.find("\n", section.char_start)
    return end if end >= 0 else len(text)


def union(ctx: Context, ds: list[DateMention], c: Compiled) -> Span | None:
    """The span covering the periods a heading or title states; None when it states none.
    Day dates (a heading's deadline or a cited act's date) state no period unless they form a range."""
    periods = [d for d in ds if d.granularity != "day" or d.is_range]
    periods = [d for d in periods if not as_of(ctx, d, 0)]
    if not periods:
        return None
    return min(d.start for d in periods if d.start), max(d.end for d in periods if d.end)


def enclosing_sections(ctx: Context, pos: int) -> list[Section]:
    """Sections holding ``pos``, innermost first: the last section starting before it, then up the tree."""
    i = bisect.bisect_right(ctx.section_starts, pos) - 1
    section = ctx.sections[i] if i >= 0 else None
    chain = []
    while section is not None:
        if section.char_start <= pos < section.char_end:
            chain.append(section)
        section = ctx.section_by_id.get(section.parent_id) if section.parent_id else None
    return chain


def document_period(doc: Document, ctx: Context, c: Compiled) -> Span:
    """The period the title states (all of its periods: "quý II và 6 tháng đầu năm 2021" -> the half year), else
    the one the opening states it reports on ("thời gian thực hiện thí điểm từ ngày 26/8/2025 đến hết ngày
    30/9/2025", "Kỳ báo cáo: từ ngày 15/12/2024 đến ngày 14/6/2025")."""
    span = title_period(ctx, doc.metadata.title, 0, c)
    span = span if span != NONE else reported_period(ctx, c)
    return span if span != NONE else lead_period(ctx, doc.metadata.title, c)


def reported_period(ctx: Context, c: Compiled) -> Span:
    for m in c.reported_re.finditer(ctx.text, 0, min(len(ctx.text), REPORTED_WITHIN)):
        ds = [d for d in dates_between(ctx, m.end(), m.end() + 80) if d.is_range and d.start and d.end]
        if ds:
            return ds[0].start, ds[0].end
    return NONE


REPORTED_WITHIN = 4000  # chars from the top where a document says what period it reports on


def lead_period(ctx: Context, title: str | None, c: Compiled) -> Span:
    """A document with no title period reports on the period its lead states. Under a title, a first paragraph
    that opens with a period ("Năm 2019, kinh tế của tỉnh ...", "Giai đoạn 2021 - 2025, ..."): an excerpt's
    frame. Without one (a news write-up, an excerpt), a headline above the first paragraph ("THỐNG KÊ HOẠT
    ĐỘNG DU LỊCH 9 THÁNG ĐẦU NĂM 2014"), else the first period the first sentence states ("Cục Thống kê cho
    biết, quý I/2023, tổng thu ..."). Never a period compared with, a name, a cited document's date nor a
    single day."""
    opened = 0  # a title-less lead sentence stated no period: the openings of the paragraphs after it are read
    for line in regex.finditer(r"[^\n]+", ctx.text, endpos=min(len(ctx.text), REPORTED_WITHIN)):
        a, b = line.span()
        if len(line.group().split()) < PARAGRAPH_WORDS or not line.group().rstrip().endswith((".", ";", ":")):
            if title is None and not opened:  # a headline or a heading line, not a sentence
                span = union(ctx, usable(ctx, dates_between(ctx, a, b), a, c, title=True, cited=False), c)
                if span is not None:
                    return span
            continue
        lead = ITEM_LEAD.match(ctx.text, a, b)
        a = lead.end() if lead else a
        if title is None and not opened:
            dateline = DATELINE.match(ctx.text, a, b)  # "(Thanhhoa.dcs.vn): Trong 9 tháng năm 2021, ..."
            a = dateline.end() if dateline else a
            stop = SENTENCE_END.search(ctx.text, a, b)
            own = usable(ctx, dates_between(ctx, a, stop.start() if stop else b), a, c, cited=False)
            own = [d for d in own if d.granularity != "day" or d.is_range]
            months = SO_FAR.search(ctx.text, a, stop.start() if stop else b)
            if own and months and own[0].granularity == "year" and not own[0].is_range and 1 <= int(months["n"]) <= 12:
                # "Trong 09 tháng, UBND thành phố đã ... phát triển kinh tế - xã hội năm 2019": the year so far
                return dt.date(own[0].start.year, 1, 1), end_of_month(own[0].start.year, int(months["n"]))
            if own:
                return span_of(ctx, own[0], a, None, c)
            # "... vừa cho biết tính đến ngày 20/10/2017, cả nước có ...": a day dates its own sentence; a
            # paragraph after it that opens with a period frames the write-up ("Tính chung trong 10 tháng năm
            # 2017, ...")
            opened = 1
            continue
        cut = CLAUSE_CUT.search(ctx.text, a, min(b, a + 80))
        own = usable(ctx, dates_between(ctx, a, cut.start()), a, c, cited=False) if cut else []
        if own and own[0].granularity != "day" and date_only(ctx.text, a, cut.start(), own):
            return span_of(ctx, own[0], a, None, c)
        if not opened or opened > OPENING_PARAGRAPHS:
            return NONE
        opened += 1
    return NONE


SENTENCE_END = regex.compile(r"[.;:](?=\s)")


PARAGRAPH_WORDS = 12  # a shorter line is a heading
OPENING_PARAGRAPHS = 3  # after a lead sentence with no period, how many paragraphs may open with the frame


def part_periods(doc: Document, ctx: Context, c: Compiled) -> list[tuple[int, int, Span]]:
    """Each appendix or forwarded document of the file with the period its own title states (else the file's):
    "PHỤ LỤC / BIỂU MẪU THỐNG KÊ ... NĂM 2025" after a report on 2025 and its tasks for 2026."""
    out = []
    for part in sorted(doc.parts, key=lambda p: p.char_start):
        span = title_period(ctx, part.title, part.char_start, c)
        out.append((part.char_start, part.char_end, span if span != NONE else ctx.document))
    return out


def title_period(ctx: Context, title: str | None, start: int, c: Compiled) -> Span:
    """The period a title states, the title found in the text from ``start`` on (within 6,000 chars)."""
    if not title:
        return NONE
    words = title.split()
    head = r"\s{1,6}".join(regex.escape(w) for w in words[:6])
    tail = r"\s{1,6}".join(regex.escape(w) for w in words[-4:])
    limit = min(len(ctx.text), start + 6000)
    m = regex.compile(head).search(ctx.text, start, limit)
    if not m:
        return NONE
    t = regex.compile(tail).search(ctx.text, m.start(), limit)
    end = t.end() if t else m.end()
    ds = usable(ctx, dates_between(ctx, m.start(), end), m.start(), c, title=True)
    # "Báo cáo ... 9 tháng đầu năm 2024 và phương hướng nhiệm vụ quý IV": the plan's period is not reported on
    forward = c.forward_re.search(ctx.text, m.start(), end)
    reported = [d for d in ds if forward is None or d.char_start < forward.start()]
    return union(ctx, reported or ds, c) or NONE


# ---------------------------------------------------------------- the period of one figure


def same_period_year(text: str, clause: tuple[int, int], number_start: int, c: Compiled) -> int | bool:
    """A value of the same period of an earlier year: "(cùng kỳ tăng 7,86%)" -> True (the year before),
    "cùng kỳ năm 2020 (là 2,92%)" -> 2020. False when the figure is no such value."""
    lo = max(0, clause[0] - 40)
    before = text[lo:number_start]
    m = c.same_period_value_re.search(before)
    if not m:
        return False
    return int(m["year"]) if m["year"] else True


def shift(span: Span, year: int | bool) -> Span:
    def move(d: dt.date | None, y: int) -> dt.date | None:
        if d is None:
            return None
        day = min(d.day, calendar.monthrange(y, d.month)[1])
        return dt.date(y, d.month, day)

    ref = span[1] or span[0]
    if ref is None:
        return NONE
    y = ref.year - 1 if year is True else int(year)
    return move(span[0], y if span[0] is None or span[1] is None else y - (ref.year - span[0].year)), move(span[1], y)


def find_period(
    ctx: Context,
    fig: Figure,
    number_start: int,
    sent: tuple[int, int],
    previous: Span | None,
    c: Compiled,
    carried: Span | None = None,
) -> tuple[Span, bool | None]:
    """The period of one figure, and whether its sentence stated it (then the next figure of the sentence
    may inherit it; None: a value of an earlier period, which changes nothing for the next figure);
    ``previous`` is the stated period of the figure before it in the same sentence, ``carried`` the one an
    earlier sentence of its paragraph stated ("Năm 2020, tổng thu ... đạt X. Trong đó, thu nội địa đạt Y"),
    which dates the figure when no heading nor title does."""
    text = ctx.text
    # a clause never runs far: a window keeps a paragraph of thousands of figures linear
    near = (max(sent[0], number_start - WINDOW), min(sent[1], fig.char_end + WINDOW))
    clause = clause_bounds(text, near, number_start, fig.char_end)
    earlier = same_period_year(text, clause, number_start, c)
    if earlier is not False:
        return shift(previous or fallback_period(ctx, fig), earlier), None
    if is_condition(text, sent, number_start, c) or is_band(text, number_start, fig.char_end, sent, fig):
        return NONE, False  # "(trường hợp dưới 90% thì tiêu chí này đạt 0 điểm)": a rule's numbers, no period
    named = bracketed_value(ctx, clause, number_start) if "/" not in fig.raw else None  # "(4883/5366)": both
    if named is not None:  # "cao hơn quý II (2,09%) và thấp hơn quý I (8,65%)": that period's value
        return (named.start, named.end), False
    compared = compared_value(ctx, clause, number_start, c)
    if compared is not None:  # "So sánh với 6 tháng đầu năm 2023 là 18 vụ/tháng": that period's own value
        return (compared.start, compared.end), False
    own = [
        d
        for d in usable(ctx, dates_between(ctx, clause[0], clause[1]), clause[0], c)
        if not cites_aside(ctx, d, number_start) and not own_aside(ctx, d, fig.char_end, clause[1])
    ]
    if not own and text[clause[0] - 1 : clause[0]] == "(":  # "chỉ tiêu GRDP năm 2021 (trên 7,5%)"
        outer = clause_bounds(text, near, clause[0] - 1, clause[0] - 1)
        own = usable(ctx, dates_between(ctx, outer[0], outer[1]), outer[0], c)
    if own:
        # a period the clause states beats a cited document's date ("Tổng kế hoạch năm 2022 được giao tại Quyết
        # định số 3626/QĐ-UBND ngày 10/12/2021 là ..."); alone, that date dates what the document sets
        own = [d for d in own if not is_citation_date(ctx, d)] or own
        d = min(own, key=lambda d: abs(d.char_start - number_start))
        return counted_to(ctx, own, clause[0], c) or span_of(ctx, d, clause[0], ctx.document[1], c), True
    season = season_span(text, sent[0], number_start)
    if season is not None:  # "Tổng diện tích gieo trồng cây vụ Xuân 2025 toàn tỉnh ước đạt 124.938,5 ha"
        return season, True
    whole_year = WHOLE_YEAR.search(text, clause[0], number_start) and fallback_period(ctx, fig)[1]
    if whole_year:  # "diện tích trồng mới cả năm đạt 130 ha": the whole year of the period reported on
        return (dt.date(whole_year.year, 1, 1), dt.date(whole_year.year, 12, 31)), True
    so_far = year_so_far(ctx, fig, sent, number_start)
    if so_far is not None:
        return so_far, True
    if c.flow_re.search(words_before(text, number_start, clause[0], 16)):
        # "Đến nay ..., đã tổ chức thêm 2.095 cuộc": a flow of the period, and so are the figures after it
        return fallback_period(ctx, fig), True
    if ctx.document[1] and as_of_clause(text, clause, c):
        return (None, ctx.document[1]), True
    if previous is not None:
        # "... năm 2022 đã giao 6.287 tỷ đồng; tính đến ngày 31/8/2022, giải ngân được 2.933 tỷ đồng": a date
        # alone in the clause right before restates the period for what follows
        return dated_clause_before(ctx, sent, clause, c) or previous, True
    broken_down = broken_down_period(ctx, sent, number_start, c)
    if broken_down is not None:
        return broken_down, True
    opening = opening_period(ctx, sent, clause, c) or relative_period(ctx, sent, number_start)
    if opening is not None:
        return opening, True
    if c.continuation_re.match(text, sent[0], number_start) and not usable(
        ctx, dates_between(ctx, sent[0], number_start), sent[0], c
    ):
        # "Trong đó, thu nội địa đạt ...": the breakdown of the sentence before (which may end the paragraph above),
        # over the paragraph's opening period
        before = previous_sentence_period(ctx, sent) or carried
        if before is not None:
            return before, False
    item = item_period(ctx, sent, c)
    if item is not None:
        return item, True
    if is_static(text, fig, number_start, c):
        return NONE, False
    fallback = fallback_period(ctx, fig)
    if carried is not None and fallback == NONE:
        return carried, False  # no heading nor title dates it: the period the paragraph is about
    return fallback, False


def previous_sentence_period(ctx: Context, sent: tuple[int, int]) -> Span | None:
    """The last period the sentence before ``sent`` states (within its clauses, not compared with), if any."""
    end = sent[0]
    while end > 0 and sent[0] - end <= 4 and ctx.text[end - 1].isspace():
        end -= 1
    if end == 0 or sent[0] - end > 4:  # more than a blank line: another block
        return None
    line_start = ctx.text.rfind("\n", 0, end - 1) + 1
    if line_start != ctx.text.rfind("\n", 0, sent[0]) + 1 and LIST_ITEM.match(ctx.text, line_start, end):
        return None  # a list item above breaks down nothing ("- Báo cáo kế hoạch biên chế năm 2026 chậm.")
    line_end = ctx.text.find("\n", end)  # (the whole line: its sentence gaps are found once and cached)
    start = sentence_bounds(ctx.text, end - 1, line_start, line_end if line_end >= 0 else len(ctx.text))[0]
    own = [d for d in usable(ctx, dates_between(ctx, start, end), start, ctx.rules, cited=False) if d.start and d.end]
    # a period, or the day a count runs to ("tính đến ngày 30/9/2024, đã giải quyết việc làm cho ...")
    own = [d for d in own if d.granularity != "day" or d.is_range or as_of(ctx, d, start)]
    return span_of(ctx, own[-1], start, ctx.document[1], ctx.rules) if own else None


def as_of(ctx: Context, d: DateMention, floor: int) -> bool:
    """A date after "tính đến", "đến hết", ...: where a value stands at (an end only)."""
    return bool(ctx.rules.as_of_re.search(words_before(ctx.text, d.char_start, floor, 24)))


LIST_ITEM = regex.compile(r"[ \t]*(?:[-+•*–]|\(?\p{Ll}\)|\d{1,2}\.)[ \t]")


def relative_period(ctx: Context, sent: tuple[int, int], number_start: int) -> Span | None:
    """ "Trong quý, toàn tỉnh phát sinh 1.250 hồ sơ" in a report on March 2026: the quarter (or month) the
    report's period falls in. Only a report on a month or a quarter says which one is meant."""
    end = ctx.document[1]
    if end is None or ctx.document[0] is None or (end - ctx.document[0]).days > QUARTER_DAYS:
        return None
    m = RELATIVE_UNIT.search(ctx.text, max(sent[0], number_start - WINDOW), number_start)
    if m is None:
        return None
    if m["unit"].casefold() == "tháng":
        return dt.date(end.year, end.month, 1), end_of_month(end.year, end.month)
    first = 3 * ((end.month - 1) // 3) + 1
    return dt.date(end.year, first, 1), end_of_month(end.year, first + 2)


def year_so_far(ctx: Context, fig: Figure, sent: tuple[int, int], number_start: int) -> Span | None:
    """The year so far of the period the figure stands under (its heading's, else the report's): "Tổng số khách
    trong 10 tháng ước đạt ..." under October (a count of months that is not that month is a duration: "chậm
    trong 3 tháng"), "Lũy kế từ đầu năm ..."."""
    end = fallback_period(ctx, fig)[1]
    if end is None:
        return None
    lo = max(sent[0], number_start - WINDOW)
    m = SO_FAR.search(ctx.text, lo, number_start)
    if m is not None and int(m["n"]) == end.month > 1:
        return dt.date(end.year, 1, 1), end_of_month(end.year, end.month)
    since = YEAR_START.search(ctx.text, lo, number_start)
    if since and not dates_between(ctx, since.end(), number_start):  # "từ đầu năm đến hết tháng 4": its own end
        return dt.date(end.year, 1, 1), end
    return None


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


QUARTER_DAYS = 92
# "từ đầu năm (nay) (đến nay)" with no year: the report's year (with a year, the dates stage reads a range)
YEAR_START = regex.compile(r"(?<![\p{L}])(?:kể[ \t]+)?từ[ \t]+đầu[ \t]+năm(?![ \t]*\d)(?![\p{L}])", regex.I)
# "trong 10 tháng", "Tính chung 10 tháng": as many months as the report's month is the year so far
SO_FAR = regex.compile(
    r"(?<![\p{L}\d])(?:(?:trong|tính chung|lũy kế|luỹ kế|cộng dồn|bình quân)[ \t]+(?P<n>\d{1,2})[ \t]+tháng"
    r"(?![ \t]*(?:\d|năm|đầu|cuối))(?![\p{L}])"
    # "Tổng doanh thu ... 10 tháng đạt 4.500 tỷ đồng": a count of months right before the predicate
    r"|(?<!(?:sau|vòng|hơn|gần|khoảng)[ \t]+)(?P<n>\d{1,2})[ \t]+tháng"
    r"(?=[ \t]+(?:ước[ \t]+)?(?:đạt|tăng|giảm)(?![\p{L}])))",
    regex.I,
)
# "cả năm" with no year after: the whole year of the period reported on
WHOLE_YEAR = regex.compile(r"(?<![\p{L}])cả[ \t]+năm(?![ \t]*\d)(?![\p{L}])", regex.I)
# "trong quý", "Trong tháng," with no number or name after: the current one
RELATIVE_UNIT = regex.compile(
    r"(?<![\p{L}])trong[ \t]+(?P<unit>quý|tháng)(?![ \t]*(?:\d|[IVX]{1,4}(?![\p{L}])|này|trước|sau|tới|đầu|cuối|qua))"
    r"(?![\p{L}])",
    regex.I,
)


def cell_period(ctx: Context, spans: list[tuple[int, int]], c: Compiled) -> Span | None:
    """The period a table cell's column headers or row label state ("Năm 2024", "6 tháng đầu năm 2025", a
    row labelled "2021"), the headers first; None when they state none."""
    for a, b in spans:
        own = usable(ctx, dates_between(ctx, a, b), a, c)
        if own:
            return span_of(ctx, own[-1], a, ctx.document[1], c)
        year = BARE_YEAR.fullmatch(ctx.text, a, b)
        if year:
            y = int(year.group(1))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


BARE_YEAR = regex.compile(r"(?:năm[ ])?((?:19|20)\d\d)", regex.I)


def compared_value(ctx: Context, clause: tuple[int, int], number_start: int, c: Compiled) -> DateMention | None:
    """The period a comparison names when the number is its value: "so với 6 tháng đầu năm 2019 là 8,5 vụ"."""
    ds = [d for d in dates_between(ctx, clause[0], number_start) if is_comparison(ctx, d, clause[0], c)]
    if not ds:
        return None
    d = ds[-1]
    between = ctx.text[d.char_end : number_start]
    return d if COMPARED_VALUE.fullmatch(between) else None


COMPARED_VALUE = regex.compile(r"[ \t]{0,3}(?:\([ \t]{0,2})?(?:là|đạt|có)[ \t]{1,3}", regex.I)


def bracketed_value(ctx: Context, clause: tuple[int, int], number_start: int) -> DateMention | None:
    """The period a bracket holding only the figure follows: "thấp hơn quý I (8,65%)", "năm 2023 (1.050 tỷ
    đồng)" give the value of that period."""
    paren = clause[0] - 1
    if ctx.text[paren : paren + 1] != "(" or ctx.text[clause[0] : number_start].strip():
        return None
    before = [d for d in dates_between(ctx, max(0, paren - 40), paren) if not ctx.text[d.char_end : paren].strip()]
    return before[-1] if before and before[-1].start and before[-1].end else None


def as_of_clause(text: str, clause: tuple[int, int], c: Compiled) -> bool:
    """ "Đến nay ...", "Hiện có ...", "lũy kế ...", "Đang thực hiện ...": a stock at the document's end."""
    words = text[clause[0] : clause[1]]
    return bool(c.as_of_word_re.search(words) or c.as_of_opener_re.match(words))


def is_static(text: str, fig: Figure, number_start: int, c: Compiled) -> bool:
    """A count of what a plan or an administration is made of: no period (EXTRACTION.md, "24 quận, huyện"); so
    is an installation's capacity ("nhà máy ... công suất 1.200 tấn/ngày")."""
    if c.capacity_re.search(words_before(text, number_start, 0, 30)):
        return True
    if fig.quantity == "money" and fig.unit and "/" in fig.unit:
        # a norm: "hỗ trợ 3,5 triệu đồng/người/tháng", "tối đa 60 triệu đồng/người" (not an average measured over
        # the period: "GRDP bình quân đầu người ước đạt 97,6 triệu đồng/người/năm")
        before = words_before(text, number_start, 0, 80)
        return not PER_HEAD.search(before, max(before.rfind(". "), before.rfind("; "), before.rfind("\n")) + 1)
    if fig.quantity != "count" or not fig.unit or fig.denominator is not None:
        return False
    if c.norm_unit_re.fullmatch(fig.unit):
        return True
    if not c.place_unit_re.fullmatch(fig.unit):
        return False
    if c.place_set_re.search(words_before(text, number_start, 0, 30)):
        return True
    # "Thành phố có 24 quận, huyện.", "gồm 23 xã và 1 thị trấn, với 39.613 hộ": what a place is made of (not "có
    # 12 xã và 3 thị trấn đạt chuẩn nông thôn mới", counted for what they did)
    return bool(
        c.made_of_re.search(words_before(text, number_start, 0, 80)) and c.static_tail_re.match(text, fig.char_end)
    )


PER_HEAD = regex.compile(r"(?<![\p{L}])(?:bình quân|đầu người)(?![\p{L}])", regex.I)


def is_band(text: str, start: int, end: int, sent: tuple[int, int], fig: Figure) -> bool:
    """A percentage bounding a class of a rating ("có 11 đơn vị đạt từ 80% trở lên", "từ 65% đến dưới 80%"):
    a norm of the scale, not a measured value."""
    if fig.quantity != "percent":
        return False
    before = text[max(sent[0], start - 40) : start]
    after = text[end : min(sent[1], end + 16)]
    if BAND_FROM.search(before):
        return bool(BAND_ON.match(after))
    return bool(BAND_TO.search(before) and BAND_OPEN.search(before))


BAND_FROM = regex.compile(r"(?<![\p{L}])từ[ \t]{1,3}$", regex.I)
BAND_ON = regex.compile(r"[ \t]{0,3}(?:trở[ \t]lên|trở[ \t]xuống|đến|tới)(?![\p{L}])", regex.I)
BAND_TO = regex.compile(r"(?<![\p{L}])(?:đến|tới)(?:[ \t]{1,3}(?:dưới|trên))?[ \t]{1,3}$", regex.I)
BAND_OPEN = regex.compile(r"(?<![\p{L}])từ[ \t]{1,3}\d[\d.,]{0,8}[ \t]?%[ \t]{1,3}(?:đến|tới)", regex.I)


def is_condition(text: str, sent: tuple[int, int], number_start: int, c: Compiled) -> bool:
    """The number stands in a rule's condition or consequence: a bracket or clause opening with "trường hợp" /
    "nếu" that goes on with "thì" ("trường hợp đạt 100% thì tiêu chí này đạt điểm tối đa")."""
    lo = max(sent[0], number_start - WINDOW)
    opened = max(text.rfind("(", lo, number_start), text.rfind(";", lo, number_start), lo - 1) + 1
    hi = min(sent[1], number_start + WINDOW)  # bounded: a sentence of thousands of figures stays linear
    part_end = min(x for x in (text.find(")", number_start, hi), text.find(";", number_start, hi), hi) if x >= 0)
    part = text[opened:part_end]
    return bool(c.condition_re.match(part) and c.then_re.search(part))


def opening_period(ctx: Context, sent: tuple[int, int], clause: tuple[int, int], c: Compiled) -> Span | None:
    """ "Trong 6 tháng đầu năm 2020, ...", "Ngày 19/6/2021, ...", "Hiện nay, ...": the sentence's opening
    adverbial dates every clause after it; so does a clause before the figure's that holds only a date
    ("Theo báo cáo của Sở, tính đến ngày 15/7/2020, tổng số ... là 451 công trình")."""
    text = ctx.text
    if clause[0] - sent[0] > WINDOW:
        return None  # the sentence's opening is too far away to date this clause
    masked = mask_brackets(text[sent[0] : clause[0]])
    cuts = [sent[0]] + [sent[0] + m.end() for m in CLAUSE_CUT.finditer(masked)]
    clauses = list(itertools.pairwise(cuts))
    for k, (a, b) in enumerate(reversed(clauses)):
        first = k == len(clauses) - 1
        own = usable(ctx, dates_between(ctx, a, b), a, c, cited=False)
        if own and (first or date_only(text, a, b, own)):
            # "Ngày 27/3/2024, trong quý I/2024, ...": of a day and a period, the period (the day says when it was told)
            d = next((d for d in own if d.granularity != "day" or d.is_range), own[0])
            return counted_to(ctx, own + opening_dates(ctx, clauses[: len(clauses) - 1 - k], c), a, c) or span_of(
                ctx, d, a, ctx.document[1], c
            )
        if first and as_of_clause(text, (a, b), c) and ctx.document[1]:
            return (None, ctx.document[1])
    return None


def broken_down_period(ctx: Context, sent: tuple[int, int], number_start: int, c: Compiled) -> Span | None:
    """ "... nên GDP quý III/2020 tăng trưởng khởi sắc so với quý II/2020, trong đó khu vực nông nghiệp tăng
    2,93%": the items after a ", trong đó" inside the sentence break down the clause before it, and take its period."""
    lo = max(sent[0], number_start - WINDOW)
    if c.breakdown_re.search(ctx.text, lo, number_start) is None:
        return None  # (most figures: no brackets to mask)
    leads = list(c.breakdown_re.finditer(mask_brackets(ctx.text[lo:number_start])))
    lead = next((m for m in reversed(leads) if ctx.text[lo : lo + m.start()].rstrip().endswith(",")), None)
    if lead is None or ":" in ctx.text[lo + lead.end() : number_start]:
        return None  # (a list introduced after it by a colon is the list's own: "trong đó, quy định mức ...: ...")
    end = lo + lead.start()
    cuts = [lo] + [lo + m.end() for m in CLAUSE_CUT.finditer(mask_brackets(ctx.text[lo:end]).rstrip(" ,;"))]
    own = [
        d for d in usable(ctx, dates_between(ctx, cuts[-1], end), cuts[-1], c, cited=False) if d.granularity != "day"
    ]
    return span_of(ctx, own[-1], cuts[-1], ctx.document[1], c) if own else None


def dated_clause_before(ctx: Context, sent: tuple[int, int], clause: tuple[int, int], c: Compiled) -> Span | None:
    """The span of the clause right before the figure's when it holds only a date."""
    lo = max(sent[0], clause[0] - BEFORE_CLAUSE)
    cuts = [lo + m.end() for m in CLAUSE_CUT.finditer(mask_brackets(ctx.text[lo : clause[0]]))]
    if not cuts or (len(cuts) == 1 and lo > sent[0]):
        return None
    a, b = (cuts[-2] if len(cuts) > 1 else lo), cuts[-1]
    own = usable(ctx, dates_between(ctx, a, b), a, c, cited=False)
    if not own or not date_only(ctx.text, a, b, own):
        return None
    return counted_to(ctx, own, a, c) or span_of(ctx, own[-1], a, ctx.document[1], c)


BEFORE_CLAUSE = 120  # chars: a date-only clause is short


def opening_dates(ctx: Context, clauses: list[tuple[int, int]], c: Compiled) -> list[DateMention]:
    """The dates of the run of date-only clauses that ends right before a sentence's dated clause."""
    found: list[DateMention] = []
    for a, b in reversed(clauses):
        own = usable(ctx, dates_between(ctx, a, b), a, c, cited=False)
        if not own or not date_only(ctx.text, a, b, own):
            break
        found += own
    return found


def item_period(ctx: Context, sent: tuple[int, int], c: Compiled) -> Span | None:
    """A paragraph or list item opening with a period ("+ Năm 2011, đã bắt giữ 209 vụ. So với năm 2010 tăng 54
    vụ ...", "- Quý I/2024: ...") dates its later sentences too; a day ("Ngày 19/6/2021, ...") does not."""
    text = ctx.text
    lo = max(0, sent[0] - 4 * WINDOW)
    start = text.rfind("\n", lo, sent[0]) + 1
    if start == sent[0] or (start == 0 and lo > 0):
        return None  # the sentence opens the paragraph (its opening was read already), or the paragraph is long
    lead = ITEM_LEAD.match(text, start, sent[0])
    a = lead.end() if lead else start
    cut = CLAUSE_CUT.search(text, a, min(sent[0], a + 80))
    if cut is None:
        return None
    own = usable(ctx, dates_between(ctx, a, cut.start()), a, c, cited=False)
    if own and own[0].granularity != "day" and date_only(text, a, cut.start(), own):
        return span_of(ctx, own[0], a, ctx.document[1], c)
    return None


# a news write-up's source before its lead sentence: "(Baohatinh.vn) - ", "BTNO - ", "(TTXVN):"
DATELINE = regex.compile(r"[ \t]*(?:\([^()\n]{2,40}\)|[\p{Lu}&]{2,12})[ \t]*[:–—-][ \t]+")  # (a year is no source)
ITEM_LEAD = regex.compile(r"[ \t]{0,3}(?:[-+•*–]|\(?\p{Ll}\)|\d{1,2}(?:\.\d{1,2}){0,3}\.?)?[ \t]{0,3}")


def date_only(text: str, a: int, b: int, ds: list[DateMention]) -> bool:
    """A clause that is a date and a few lead words ("tính đến ngày 15/7/2020", "Đặc biệt, từ đầu tháng 5")."""
    rest = text[a:b]
    for d in ds:
        rest = rest.replace(d.raw, " ")
    return len(YEAR_START.sub(" ", rest).split()) <= 4  # ("tính từ đầu năm đến ngày 20/3/2023": a lead of 2 words)


def fallback_period(ctx: Context, fig: Figure) -> Span:
    """The nearest enclosing heading that states a period, else the period of the part (an appendix) or of
    the document; an appendix's figures never take a heading of the report before it."""
    chain = enclosing_sections(ctx, fig.char_start)
    part = next((p for p in ctx.parts if p[0] <= fig.char_start < p[1]), None)
    if part is not None:
        chain = [s for s in chain if s.char_start >= part[0]]
    key = (chain[0].section_id if chain else "", part[0] if part else -1)
    if key not in ctx.fallbacks:
        ctx.fallbacks[key] = _fallback(ctx, chain, part[2] if part else ctx.document)
    return ctx.fallbacks[key]


def _fallback(ctx: Context, chain: list[Section], whole: Span) -> Span:
    for section in chain:
        span = heading_period(ctx, section, ctx.rules)
        if span is not None:
            # a heading naming the whole year of a report on part of it is no narrower than the report
            return whole if contains(span, whole) else span
    return whole


def contains(outer: Span, inner: Span) -> bool:
    if None in outer or None in inner or outer == inner:
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1]  # type: ignore[operator]
