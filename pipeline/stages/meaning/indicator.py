"""Indicator: the canonical id (``rules/indicators.yaml``) of what a figure measures, or None.

The subject is read first ("Tổng thu NSNN" -> ``budget_revenue``); when it names no indicator, the nearest
pattern before the number in the same sentence does ("Kim ngạch xuất khẩu tháng 6 ước đạt 1,37 tỷ USD, tăng
5% ..." -> ``export_turnover`` for both figures). The longest pattern found wins ("thu nội địa" over "thu
ngân sách"), and an indicator is only given to a figure of a quantity it is measured in (a count of
"dự án" is no budget revenue).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@dataclass(frozen=True)
class Vocabulary:
    pattern: regex.Pattern  # every pattern of every indicator, longest first
    owners: dict[str, list[tuple[str, frozenset[str]]]]  # folded pattern -> [(id, quantities)]
    labels: dict[str, str]


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


@cache
def vocabulary(rules_dir: str | None = None) -> Vocabulary:
    from pathlib import Path

    data = rules.load("indicators.yaml", SCHEMA, Path(rules_dir) if rules_dir else None)
    owners: dict[str, list[tuple[str, frozenset[str]]]] = {}
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
            owners.setdefault(_fold(p), []).append((item["id"], frozenset(item["quantities"])))
    words = rules.words_pattern(list(owners))
    pattern = regex.compile(r"(?<![\p{L}\d])(?:" + words + r")(?![\p{L}\d])", regex.I)
    return Vocabulary(pattern, owners, {i["id"]: i["label"] for i in data["indicators"]})


def lookup(phrase: str, quantity: str, voc: Vocabulary) -> tuple[str, int] | None:
    """The indicator a matched pattern names for this quantity, with the pattern's length."""
    for ident, quantities in voc.owners.get(_fold(phrase), ()):
        if quantity in quantities:
            return ident, len(phrase)
    return None


def in_subject(subject: str, quantity: str, voc: Vocabulary) -> str | None:
    best: tuple[str, int] | None = None
    for m in voc.pattern.finditer(subject, overlapped=True):  # "tiếp nhận hồ sơ thủ tục hành chính"
        hit = lookup(m.group(), quantity, voc)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    return best[0] if best else None


def find_indicator(fig: Figure, before: str, voc: Vocabulary) -> str | None:
    """``before``: the sentence text before the number."""
    if fig.subject:
        found = in_subject(fig.subject, fig.quantity, voc)
        if found:
            return found
    last: tuple[str, int] | None = None
    for m in voc.pattern.finditer(before, overlapped=True):
        hit = lookup(m.group(), fig.quantity, voc)
        if hit:
            last = hit
    return last[0] if last else None
