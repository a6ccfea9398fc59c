"""Period: the time span a figure's value belongs to (EXTRACTION.md, "Figure meaning")."""

from __future__ import annotations

import calendar
import datetime as dt

import regex

PERIOD_FIRST = regex.compile(r"(\d{1,2})[ \t]+tháng[ \t]+(?:đầu[ \t]+)?năm[ \t]+((?:19|20)\d\d)", regex.I)
PERIOD_YEAR = regex.compile(r"(?<![\p{L}\d])năm[ \t]+((?:19|20)\d\d)(?!\d)", regex.I)
PERIOD_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def find_period(sentence: str) -> tuple[dt.date | None, dt.date | None]:
    """The period the sentence states: '6 tháng đầu năm 2020' -> 2020-01-01..2020-06-30; 'năm 2020' -> the year."""
    m = PERIOD_FIRST.search(sentence)
    if m and 1 <= int(m.group(1)) <= 12:
        year, months = int(m.group(2)), int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, months, calendar.monthrange(year, months)[1])
    years = {y for y in PERIOD_YEAR.findall(sentence)}
    if len(years) == 1:
        year = int(years.pop())
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None, None
