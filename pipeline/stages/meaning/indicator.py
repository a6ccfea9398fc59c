"""Indicator: the canonical id (``rules/indicators.yaml``) of what a figure measures, or None.

The subject is read first ("Tổng thu NSNN" -> ``budget_revenue``); when it names no indicator, the nearest
pattern before the number in the same sentence does ("Kim ngạch xuất khẩu tháng 6 ước đạt 1,37 tỷ USD, tăng
5% ..." -> ``export_turnover`` for both figures). The longest pattern found wins ("thu nội địa" over "thu
ngân sách"), and an indicator is only given to a figure of a quantity it is measured in (a count of
"dự án" is no budget revenue).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ... import rules
from ...records import Figure

QUANTITIES = ("money", "percent", "count", "rate", "multiplier", "area", "mass", "volume", "length", "other")

SCHEMA = {
    "indicators": [
        {
            "id": str,
            "label": str,
            "patterns": [str],
            "quantities": [str],
            "unit?": str,
            "example": str,
        }
    ]
}


@dataclass(frozen=True, eq=False)  # hashed by identity: one per rules directory
class Vocabulary:
    owners: dict[tuple[str, ...], list[tuple[str, frozenset[str]]]]  # pattern words -> [(id, quantities)]
    prefixes: frozenset[tuple[str, ...]]  # every leading part of a pattern: the scan stops where none goes on
    labels: dict[str, str]


WORD = regex.compile(r"[\p{L}\d]+")


def words_of(text: str) -> list[str]:
    """Case-folded words, punctuation and spacing dropped: patterns and text are compared word by word."""
    return WORD.findall(text.casefold())


@cache
def vocabulary(rules_dir: str | None = None) -> Vocabulary:
    from pathlib import Path

    data = rules.load("indicators.yaml", SCHEMA, Path(rules_dir) if rules_dir else None)
    owners: dict[tuple[str, ...], list[tuple[str, frozenset[str]]]] = {}
    seen: set[str] = set()
    for item in data["indicators"]:
        where = f"rules/indicators.yaml: indicator {item['id']}"
        if item["id"] in seen:
            raise rules.RulesError(f"{where}: duplicate id")
        seen.add(item["id"])
        bad = set(item["quantities"]) - set(QUANTITIES)
        if bad:
            raise rules.RulesError(f"{where}: unknown quantities {sorted(bad)} (allowed: {', '.join(QUANTITIES)})")
        for p in item["patterns"]:
            key = tuple(words_of(p))
            if not key:
                raise rules.RulesError(f"{where}: empty pattern {p!r}")
            owners.setdefault(key, []).append((item["id"], frozenset(item["quantities"])))
    prefixes = frozenset(k[:n] for k in owners for n in range(1, len(k) + 1))
    return Vocabulary(owners, prefixes, {i["id"]: i["label"] for i in data["indicators"]})


def hits(text: str, quantity: str, voc: Vocabulary) -> list[tuple[int, int, str]]:
    """(end word, pattern length in words, id) of every pattern in ``text`` naming an indicator measured in
    ``quantity``; overlapping patterns all count ("tiếp nhận hồ sơ thủ tục hành chính")."""
    words = words_of(text)
    found = []
    for i in range(len(words)):
        n = 1
        while i + n <= len(words) and (key := tuple(words[i : i + n])) in voc.prefixes:
            for ident, quantities in voc.owners.get(key, ()):
                if quantity in quantities:
                    found.append((i + n, n, ident))
                    break
            n += 1
    return found


def in_subject(subject: str, quantity: str, voc: Vocabulary) -> str | None:
    """The indicator of the longest pattern in the subject (subjects repeat: rows of one table, a sentence's
    figures), cached."""
    return _in_subject(subject, quantity, voc)


@lru_cache(maxsize=4096)
def _in_subject(subject: str, quantity: str, voc: Vocabulary) -> str | None:
    found = hits(subject, quantity, voc)
    return max(found, key=lambda h: (h[1], h[0]))[2] if found else None


def find_indicator(fig: Figure, before: str, voc: Vocabulary) -> str | None:
    """``before``: the sentence text before the number; its pattern nearest the number counts, within the
    item of a list (";", ":") the number stands in."""
    if fig.subject:
        found = in_subject(fig.subject, fig.quantity, voc)
        if found:
            return found
    before = before[max(before.rfind(";"), before.rfind(":")) + 1 :]  # another item of a list names another
    near = hits(before, fig.quantity, voc)
    return max(near, key=lambda h: (h[0], h[1]))[2] if near else None
