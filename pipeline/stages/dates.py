"""Dates: calendar dates and periods (EXTRACTION.md "Dates", TABLES.md ``dates``).

Three passes over ``doc.text``:

1. *atoms*: the patterns of ``rules/dates.yaml`` find day dates ("ngày 11 tháng 8 năm 2020",
   "24/6/2021", "6-8/7/2021"), months ("tháng 8/2021"), quarters ("quý II"), half years and
   relative periods ("6 tháng đầu năm 2021"), years ("năm 2020") and spans of years
   ("giai đoạn 2020 - 2025"). Overlaps are settled longest first.
2. *ranges*: "từ A đến B" (or "A - B") becomes one row; A borrows B's month and year when it
   prints none ("từ ngày 01 đến ngày 15 tháng 12 năm 2023").
3. *years*: a date without a year takes the year of the nearest day/month date of its sentence,
   else the document's year (``year_inferred``). Bare years ("năm 2020") never lend their year:
   in reports they are mostly comparisons ("so với cùng kỳ năm 2020").

A "d/m" without a year is a date only after "ngày" or inside a range, so "8/10 Chương trình"
and "148/178 đơn vị" stay figures.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from .. import rules
from ..records import DateMention, Document

DATES_SCHEMA = {
    "limits": {"year_min": int, "year_max": int},
    "parts": {str: str},
    "atoms": [{"name": str, "kind": str, "re": str}],
    "relative": {
        "first": [str],
        "last": [str],
        "count_words": {str: int},
        "bare_months": [int],
        "duration_before": [str],
        "duration_after": [str],
    },
    "year_range_leads": [str],
    "year_leads": [str],
    "range": {"lead": str, "connector": str, "dash_max_gap": int, "ahead": str},
    "month_not_after": [str],
    "month_not_before": [str],
    "year_lender_not_after": [str],
    "header": {"header_chars": int, "date_line": str},
}

KINDS = ("day", "month", "quarter", "half", "relative", "year", "year_range")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
FLAGS = regex.IGNORECASE  # V0: simple case folding is enough for Vietnamese and much faster than V1


@dataclass
class Atom:
    """One date expression before years are filled in; ``None`` fields are not printed."""

    start: int
    end: int
    kind: str
    priority: int
    day: int | None = None
    day2: int | None = None  # end day of "6-8/7/2021"
    month: int | None = None
    year: int | None = None
    year2: int | None = None
    quarter: int | None = None
    months: tuple[int, int] | None = None  # first/last month of a relative period
    has_ngay: bool = False
    standalone: bool = True  # False: only a date inside a range ("ngày 01", a bare "20/5")
    year_inferred: bool = False
    year_from_end: bool = False  # a range start that took its year from the range end
    end_atom: Atom | None = None  # the B of a range "A đến B"
    extra: list[Atom] = field(default_factory=list)


@dataclass(frozen=True)
class Compiled:
    atoms: tuple[tuple[str, str, regex.Pattern], ...]
    range_lead: regex.Pattern
    range_connector: regex.Pattern
    dash_max_gap: int
    range_ahead: regex.Pattern
    month_not_after: regex.Pattern
    month_not_before: regex.Pattern
    year_lender_not_after: regex.Pattern
    header_chars: int
    header_line: regex.Pattern
    first_words: frozenset[str]
    last_words: frozenset[str]
    count_words: dict[str, int]  # "sáu" -> 6 (folded)
    year_min: int
    year_max: int


@cache
def compiled() -> Compiled:
    data = rules.load("dates.yaml", DATES_SCHEMA)
    return compile_rules(data)


def count_words() -> dict[str, int]:
    """The counts of months written in words ("sáu" -> 6), for other stages that read periods."""
    return compiled().count_words


def compile_rules(data: dict) -> Compiled:
    """Expand ``{part}`` references and compile every pattern; a bad rule raises RulesError."""
    rel = data["relative"]
    parts = dict(data["parts"])
    parts["relative_words"] = rules.words_pattern(rel["first"] + rel["last"])
    parts["bare_months"] = "|".join(str(n) for n in rel["bare_months"])
    parts["month_count_words"] = rules.words_pattern(list(rel["count_words"]))
    parts["duration_before"] = rules.words_pattern(rel["duration_before"])
    parts["duration_after"] = rules.words_pattern(rel["duration_after"])
    parts["year_range_leads"] = rules.words_pattern(data["year_range_leads"])
    parts["year_leads"] = rules.words_pattern(data["year_leads"])

    def expand(pattern: str, where: str) -> regex.Pattern:
        text = regex.sub(r"(?<!\\p)\{([a-z_]+)\}", lambda m: _part(parts, m.group(1), where), pattern)
        try:
            return regex.compile(text, FLAGS)
        except regex.error as err:
            raise rules.RulesError(f"rules/dates.yaml: {where}: bad regular expression: {err}") from None

    atoms = []
    for i, atom in enumerate(data["atoms"]):
        if atom["kind"] not in KINDS:
            raise rules.RulesError(f"rules/dates.yaml: atoms[{i}].kind: {atom['kind']!r} not one of {KINDS}")
        atoms.append((atom["name"], atom["kind"], expand(atom["re"], f"atoms[{i}].re")))
    return Compiled(
        atoms=tuple(atoms),
        range_lead=expand(data["range"]["lead"], "range.lead"),
        range_connector=expand(data["range"]["connector"], "range.connector"),
        dash_max_gap=data["range"]["dash_max_gap"],
        range_ahead=expand(data["range"]["ahead"], "range.ahead"),
        month_not_after=expand(
            r"(?:" + rules.words_pattern(data["month_not_after"]) + r")[ \t]{1,3}$", "month_not_after"
        ),
        month_not_before=expand(
            r"^[ \t]{1,3}\d{0,3}[ \t]{0,3}(?:" + rules.words_pattern(data["month_not_before"]) + r")(?!\p{L})",
            "month_not_before",
        ),
        year_lender_not_after=expand(
            r"(?<![\p{L}])(?:" + rules.words_pattern(data["year_lender_not_after"]) + r")[ \t]{1,3}$",
            "year_lender_not_after",
        ),
        header_chars=data["header"]["header_chars"],
        header_line=expand(data["header"]["date_line"], "header.date_line"),
        first_words=frozenset(_fold(w) for w in rel["first"]),
        last_words=frozenset(_fold(w) for w in rel["last"]),
        count_words={_fold(w): n for w, n in rel["count_words"].items()},
        year_min=data["limits"]["year_min"],
        year_max=data["limits"]["year_max"],
    )


def _part(parts: dict[str, str], name: str, where: str) -> str:
    if name not in parts:
        raise rules.RulesError(f"rules/dates.yaml: {where}: unknown part {{{name}}}")
    return parts[name]


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


# ---------------------------------------------------------------- stage


def run(doc: Document) -> None:
    """Append one DateMention per date expression of ``doc.text``, in document order."""
    rc = compiled()
    text = doc.text
    atoms = select(find_atoms(text, rc))
    atoms = join_ranges(text, atoms, rc)
    doc_year = document_year(doc, atoms, rc)
    sentences = sentence_bounds(text)
    lenders = Lenders([a for a in atoms if is_lender(text, a, rc)])
    for atom in atoms:
        for mention in to_mentions(text, atom, lenders, sentences, doc_year):
            doc.dates.append(mention)


# ---------------------------------------------------------------- pass 1: atoms


def find_atoms(text: str, rc: Compiled) -> list[Atom]:
    found: list[Atom] = []
    for priority, (_name, kind, pattern) in enumerate(rc.atoms):
        for m in pattern.finditer(text):
            atom = read_atom(m, kind, priority, text, rc)
            if atom is not None:
                found.append(atom)
    return found


def read_atom(m: regex.Match, kind: str, priority: int, text: str, rc: Compiled) -> Atom | None:
    """Turn a match into an Atom, or None when the numbers are not a plausible date."""
    g = m.groupdict()
    years = [int(y) for y in m.captures("y")] if "y" in g else []
    if any(not rc.year_min <= y <= rc.year_max for y in years):
        return None
    year = years[0] if years else None
    # a count looked back for ("Sáu" before "tháng đầu năm") starts the atom
    start = min(m.start(), m.start("n")) if g.get("n") is not None else m.start()
    atom = Atom(start, m.end(), kind, priority, year=year)
    if kind == "day":
        return read_day(m, g, atom, text, rc)
    if kind == "month":
        atom.month = int(m["m"])
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 20]
        if rc.month_not_after.search(before) or rc.month_not_before.search(after):
            return None
        return atom
    if kind == "quarter":
        q = m["q"].upper()
        atom.quarter = ROMAN.get(q) or int(q)
        return atom
    if kind == "half":
        atom.months = (1, 6) if "đầu" in _fold(m["half"]) else (7, 12)
        return atom
    if kind == "relative":
        return read_relative(g, atom, rc)
    if kind == "year":
        return read_years(m, atom, years)
    # year_range
    atom.year2 = int(m["y2"])
    if not rc.year_min <= atom.year2 <= rc.year_max or atom.year2 <= atom.year:
        return None
    return atom


NGAY_BEFORE = regex.compile(r"(?<![\p{L}\d])ngày[ \t]{1,3}$", FLAGS)


def read_day(m: regex.Match, g: dict, atom: Atom, text: str, rc: Compiled) -> Atom | None:
    atom.has_ngay = bool(g.get("ngay"))
    if not atom.has_ngay:
        ngay = NGAY_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if ngay:
            # "ngày 24/6/2021": the word belongs to the date
            atom.has_ngay, atom.start = True, ngay.start()
    spans = m.spans("d")
    days = [int(d) for d in m.captures("d")]
    if not atom.has_ngay and len(days) > 1:
        # "1, 24/6/2021": without "ngày" a list of days is not trusted; keep the last one
        atom.start = spans[-1][0]
        spans, days = spans[-1:], days[-1:]
    atom.day = days[0]
    if g.get("d2"):
        atom.day2 = int(g["d2"])
        if atom.day2 <= atom.day:
            return None
    if g.get("m"):
        atom.month = int(g["m"])
    else:
        atom.standalone = False  # "ngày 01" alone: only the start of a range
    if atom.year is None and not atom.has_ngay:
        # "20/5", "30 tháng 4": only the start of a range ("30/4 - 02/5/2021"); anything else must not
        # hide a real date it overlaps ("giảm 3 tháng 6" holds the month "tháng 6", not a day)
        if not rc.range_ahead.match(text, m.end()):
            return None
        atom.standalone = False
    if atom.month is not None and not valid_day(atom.day, atom.month, atom.year):
        return None
    if len(days) > 1:
        # "ngày 30, 31 tháng 7": one row per day; the first keeps "ngày", the last the month
        atom.end = spans[0][1]
        for i, ((s, e), d) in enumerate(zip(spans[1:], days[1:], strict=True), start=1):
            last = i == len(days) - 1
            extra = Atom(
                s, m.end() if last else e, "day", atom.priority, day=d, month=atom.month, year=atom.year, has_ngay=True
            )
            if atom.month is not None and not valid_day(d, atom.month, atom.year):
                return None
            atom.extra.append(extra)
    return atom


def read_relative(g: dict, atom: Atom, rc: Compiled) -> Atom | None:
    n = int(g["n"]) if g["n"].isdigit() else rc.count_words[_fold(g["n"])]
    rel = _fold(g["rel"]) if g.get("rel") else ""
    if "rel" in g and not rel and atom.year is None:
        return None  # "6 tháng năm" is not a period; "9 tháng năm 2023" is
    if rel in rc.last_words:
        atom.months = (13 - n, 12)
    else:
        atom.months = (1, n)
    return atom


def read_years(m: regex.Match, atom: Atom, years: list[int]) -> Atom:
    """ "năm 2019 và 2020": the first year keeps "năm", every other one is its own row."""
    spans = m.spans("y")
    if len(years) > 1:
        atom.end = spans[0][1]
        atom.extra = [Atom(s, e, "year", atom.priority, year=y) for (s, e), y in zip(spans[1:], years[1:], strict=True)]
    return atom


def valid_day(day: int, month: int, year: int | None) -> bool:
    last = calendar.monthrange(year if year is not None else 2024, month)[1]  # leap year when unknown
    return 1 <= day <= last


def select(atoms: list[Atom]) -> list[Atom]:
    """Keep non-overlapping atoms, longest first, then the earlier pattern; return in text order."""
    if not atoms:
        return []
    occupied = bytearray(max(_full_end(a) for a in atoms))  # atoms are short, so marking chars is linear
    taken: list[Atom] = []
    for atom in sorted(atoms, key=lambda a: (-(_full_end(a) - a.start), a.priority, a.start)):
        lo, hi = atom.start, _full_end(atom)
        if any(occupied[lo:hi]):
            continue
        occupied[lo:hi] = b"\x01" * (hi - lo)
        taken.append(atom)
    taken.sort(key=lambda a: a.start)
    return taken


def _full_end(atom: Atom) -> int:
    return max([atom.end] + [x.end for x in atom.extra])


# ---------------------------------------------------------------- pass 2: ranges


DAYLIKE = ("day", "month")


def join_ranges(text: str, atoms: list[Atom], rc: Compiled) -> list[Atom]:
    """Merge "A đến B" pairs; A takes B's missing month/year (printed once for the range)."""
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and not a.extra and can_join(text, a, b, rc):
            lead = rc.range_lead.search(text[max(0, a.start - 20) : a.start])
            start = a.start - (len(lead.group()) if lead else 0)
            merged = Atom(
                start,
                _full_end(b),
                a.kind,
                a.priority,
                day=a.day,
                month=a.month,
                year=a.year,
                year2=b.year2,
                has_ngay=a.has_ngay,
                end_atom=b,
            )
            if a.kind in DAYLIKE:
                if merged.month is None:
                    merged.month = b.month
                if merged.year is None:
                    merged.year, merged.year_from_end = b.year, True
                    # B's year may itself be missing: then both are inferred later
                if (
                    merged.day is not None
                    and merged.month is not None
                    and not valid_day(merged.day, merged.month, merged.year)
                ):
                    out.append(a)
                    i += 1
                    continue
            else:
                merged.year2 = b.year2 or b.year
            merged.extra = b.extra
            out.append(merged)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def can_join(text: str, a: Atom, b: Atom, rc: Compiled) -> bool:
    if a.kind in DAYLIKE and b.kind in DAYLIKE:
        if b.month is None:
            return False
    elif not (a.kind == "year" and b.kind == "year"):
        return False
    gap = text[_full_end(a) : b.start]
    if len(gap) > 20 or not rc.range_connector.search(gap):
        return False
    has_from = bool(
        regex.search(r"(?:từ|kể từ)[ \t]{1,3}(?:đầu[ \t]{1,3})?$", text[max(0, a.start - 12) : a.start], FLAGS)
    )
    if has_from:
        return True
    # without "từ", only a dash joins, and only tightly: "01/5 - 30/7/2020"
    return regex.search(r"[-–—]", gap) is not None and len(gap) <= rc.dash_max_gap and a.kind == b.kind


# ---------------------------------------------------------------- pass 3: years and rows


def document_year(doc: Document, atoms: list[Atom], rc: Compiled) -> int | None:
    """The report's year: metadata, else the header date line, else the most printed year."""
    if doc.metadata.issue_date is not None:
        return doc.metadata.issue_date.year
    m = rc.header_line.search(doc.text[: rc.header_chars])
    if m:
        return int(m["y"])
    years = Counter(a.year for a in atoms if a.year is not None and a.kind in DAYLIKE)
    if not years:
        # a year compared against ("so với cùng kỳ năm 2016") is not the one reported on
        years = Counter(a.year for a in atoms if a.year is not None and is_lender(doc.text, a, rc))
    if not years:
        # only years compared against: "tăng 8,95% so với cùng kỳ năm 2023" reports on the year after
        years = Counter(a.year + 1 for a in atoms if a.year is not None and SAME_PERIOD.search(doc.text, 0, a.start))
    if not years:
        years = Counter(a.year for a in atoms if a.year is not None)
    return years.most_common(1)[0][0] if years else None


SAME_PERIOD = regex.compile(r"(?<![\p{L}])cùng[ \t]+kỳ[ \t]+$", regex.I)


SENTENCE_END = regex.compile(r"\n|[.!?](?=[ \t]+\p{Lu})")


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences end (sorted), for finding a year in the same sentence."""
    return [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]


def sentence_of(pos: int, bounds: list[int]) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, pos)
    start = bounds[i - 1] if i > 0 else 0
    return start, bounds[min(i, len(bounds) - 1)]


def is_lender(text: str, atom: Atom, rc: Compiled) -> bool:
    """May this atom lend its printed year to a year-less date of its sentence?"""
    if atom.year is None or atom.kind == "year_range":
        return False
    # "so với cùng kỳ năm 2020", "so với 6 tháng đầu năm 2021": the period compared against, not the sentence's
    before = text[max(0, atom.start - 20) : atom.start]
    if rc.year_lender_not_after.search(before):
        return False
    # "thấp hơn 02 năm 2019, 2020" counts years
    return atom.kind != "year" or not regex.search(r"\d[ \t]{1,3}$", before)


class Lenders:
    """Atoms with a printed year, sorted, to find the nearest one to a date without a year."""

    def __init__(self, atoms: list[Atom]) -> None:
        self.all = atoms  # already in text order
        self.dated = [a for a in atoms if a.kind != "year"]
        self.all_starts = [a.start for a in self.all]
        self.dated_starts = [a.start for a in self.dated]

    def nearest(self, atom: Atom, lo: int, hi: int) -> int | None:
        """The year of the nearest lender inside [lo, hi); a plain year only dates a day or a month
        ("bình quân 6 tháng ... năm 2019" says nothing about the 6 months)."""
        pool, starts = (self.all, self.all_starts) if atom.kind in DAYLIKE else (self.dated, self.dated_starts)
        i = bisect.bisect_left(starts, atom.start)
        best: tuple[int, int] | None = None
        if i > 0 and pool[i - 1].end > lo:
            before = pool[i - 1]
            best = (atom.start - before.end, before.year)
        if i < len(pool) and pool[i].start < hi:
            after = pool[i]
            dist = after.start - _full_end(atom)
            if best is None or dist < best[0]:
                best = (dist, after.year)
        return best[1] if best else None


def lend_year(atom: Atom, lenders: Lenders, bounds: list[int]) -> int | None:
    """The printed year of the nearest lender (day/month date or plain year) in the same sentence."""
    lo, hi = sentence_of(atom.start, bounds)
    return lenders.nearest(atom, lo, hi)


def to_mentions(text: str, atom: Atom, lenders: Lenders, bounds: list[int], doc_year: int | None) -> list[DateMention]:
    if not atom.standalone and atom.end_atom is None:
        return []
    inferred = False
    if atom.year is None and atom.kind != "year_range":
        year = lend_year(atom, lenders, bounds) or doc_year
        if year is None:
            return []
        atom.year, inferred = year, True
    out = []
    for part in [atom] + (atom.extra if atom.end_atom is None else []):
        if part.year is None:
            part.year = atom.year
            part_inferred = True
        else:
            part_inferred = inferred and part is atom
        span = period(part)
        if span is None:
            continue
        start, end, granularity, is_range = span
        raw = text[part.start : part.end]
        out.append(
            DateMention(
                char_start=part.start,
                char_end=part.end,
                raw=raw,
                start=start,
                end=end,
                granularity=granularity,
                is_range=is_range,
                year_inferred=part_inferred,
            )
        )
    if atom.end_atom is not None and atom.extra:
        # "từ ngày 01 đến ngày 03, 04 tháng 5": the list after the range keeps its own rows
        for part in atom.extra:
            part.year = part.year or atom.year
            span = period(part)
            if span:
                out.append(
                    DateMention(
                        char_start=part.start,
                        char_end=part.end,
                        raw=text[part.start : part.end],
                        start=span[0],
                        end=span[1],
                        granularity=span[2],
                        is_range=span[3],
                        year_inferred=inferred,
                    )
                )
    return out


def period(atom: Atom) -> tuple[dt.date, dt.date, str, bool] | None:
    """(start, end, granularity, is_range) of a year-complete atom, None if not a real date."""
    try:
        if atom.end_atom is not None:
            return range_period(atom)
        return single_period(atom)
    except ValueError:
        return None


def single_period(atom: Atom) -> tuple[dt.date, dt.date, str, bool] | None:
    y = atom.year
    assert y is not None
    if atom.kind == "day":
        if atom.month is None:
            return None
        first = dt.date(y, atom.month, atom.day)
        if atom.day2 is not None:
            return first, dt.date(y, atom.month, atom.day2), "day", True
        return first, first, "day", False
    if atom.kind == "month":
        return month_start(y, atom.month), month_end(y, atom.month), "month", False
    if atom.kind == "quarter":
        q = atom.quarter
        return month_start(y, 3 * q - 2), month_end(y, 3 * q), "quarter", False
    if atom.kind in ("half", "relative"):
        lo, hi = atom.months
        n = hi - lo + 1
        granularity, is_range = {6: ("half_year", False), 3: ("quarter", False), 12: ("year", False)}.get(
            n, ("month", n > 1)
        )
        if n == 3 and lo % 3 != 1:
            granularity, is_range = "month", True
        return month_start(y, lo), month_end(y, hi), granularity, is_range
    if atom.kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False
    if atom.kind == "year_range":
        return dt.date(y, 1, 1), dt.date(atom.year2, 12, 31), "year", True
    return None


def range_period(atom: Atom) -> tuple[dt.date, dt.date, str, bool] | None:
    b = atom.end_atom
    assert b is not None
    if b.year is None:
        b.year = atom.year

    def start_of(year: int) -> tuple[dt.date, dt.date, str, bool] | None:
        return single_period(
            Atom(
                0,
                0,
                atom.kind,
                0,
                day=atom.day,
                month=atom.month,
                year=year,
                year2=atom.year2,
                quarter=atom.quarter,
                months=atom.months,
            )
        )

    first = start_of(atom.year)
    last = single_period(b)
    if first and last and last[1] < first[0] and atom.year_from_end:
        first = start_of(atom.year - 1)  # "từ 30 tháng 12 đến 05 tháng 01 năm 2024" starts in 2023
    if first is None or last is None or last[1] < first[0]:
        return None
    granularity = "day" if "day" in (first[2], last[2]) else first[2]
    return first[0], last[1], granularity, True


def month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
