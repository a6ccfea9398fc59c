"""The meaning stage's rules (``rules/meaning.yaml``), compiled once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ... import rules

SCHEMA = {
    "subject_stops": [str],
    "subject_openers": [str],
    "subject_junk": [str],
    "after_stops": [str],
}


@dataclass(frozen=True)
class Compiled:
    stop_re: regex.Pattern
    opener_re: regex.Pattern
    junk_subject_re: regex.Pattern
    after_stop_re: regex.Pattern


@cache
def compiled() -> Compiled:
    r = rules.load("meaning.yaml", SCHEMA)
    words = rules.words_pattern
    boundary = r"(?<![\p{L}\d])"
    return Compiled(
        # a predicate word, or a period ("tháng 6", "6 tháng đầu năm", "năm 2020", "quý I") ends the subject
        stop_re=regex.compile(
            boundary + r"(?:(?:" + words(r["subject_stops"]) + r")(?![\p{L}\d])"
            r"|(?:\d{1,2}[ \t]+)?(?:tháng|quý|năm)(?:[ \t]+(?:\d{1,4}|[IVX]{1,4}|đầu|cuối))(?![\p{L}\d]))",
            regex.I,
        ),
        opener_re=regex.compile(r"^(?:(?:" + words(r["subject_openers"]) + r")(?![\p{L}\d])[ \t,]{0,3}){1,4}", regex.I),
        junk_subject_re=regex.compile(r"(?:" + words(r["subject_junk"]) + r")(?:[ \t]+năm[ \t]+\d{4})?", regex.I),
        after_stop_re=regex.compile(boundary + r"(?:" + words(r["after_stops"]) + r")(?![\p{L}\d])", regex.I),
    )
