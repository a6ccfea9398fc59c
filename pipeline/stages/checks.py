"""Checks: arithmetic an auditor would redo, from the figures already extracted.

``ratio_percent``: a ratio followed by the percentage that sums it up ("2.009.109/2.143.994 hộ dân,
đạt tỷ lệ 93,7%"); ``rules/checks.yaml`` says what links them, so a threshold ("11/15 đơn vị đạt
trên 80%") is not taken for a summary. The percentage passes when it equals value / denominator
× 100 rounded to the decimals it prints.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from .. import rules
from ..records import Check, Document, Figure

SCHEMA = {"ratio_percent": {"max_gap": int, "cues": [str], "thresholds": [str]}}
SENTENCE_END = regex.compile(r"[.;!?](?:\s|$)|\n")
DECIMALS = regex.compile(r"[,.](\d+)\s*%")


@cache
def cue_patterns() -> tuple[int, regex.Pattern, regex.Pattern]:
    """(max gap, the cue that ends the text before a summary, a threshold word just before it)."""
    data = rules.load("checks.yaml", SCHEMA)["ratio_percent"]
    cues = "|".join(f"(?:{c})" for c in data["cues"])
    thresholds = "|".join(f"(?:{c})" for c in data["thresholds"])
    return (
        data["max_gap"],
        regex.compile(rf"(?:{cues})\s*$", regex.I),
        regex.compile(rf"(?:{thresholds})\s*\(?\s*$", regex.I),
    )


def run(doc: Document) -> None:
    doc.number_rows()
    for ratio, after in pairwise(doc.figures):
        if ratio.denominator and ratio.quantity != "percent" and sums_up(doc.text, ratio, after):
            doc.checks.append(ratio_percent(ratio, after))


def sums_up(text: str, ratio: Figure, percent: Figure) -> bool:
    """Is ``percent`` the share the ratio prints, not a threshold or another figure's percentage?"""
    max_gap, cue, threshold = cue_patterns()
    if percent.quantity != "percent" or percent.value_max is not None or percent.approx:
        return False
    between = text[ratio.char_end : percent.char_start]
    if len(between) > max_gap or regex.search(r"\d", between) or SENTENCE_END.search(between):
        return False
    return bool(cue.search(between)) and not threshold.search(between)


def ratio_percent(ratio: Figure, percent: Figure) -> Check:
    assert ratio.denominator
    expected = ratio.value / ratio.denominator * 100
    m = DECIMALS.search(percent.raw)
    decimals = len(m.group(1)) if m else 0
    tolerance = 0.5 * 10**-decimals + 1e-9
    ok = abs(expected - percent.value) <= tolerance
    verdict = "khớp" if ok else "không khớp"
    message = (
        f"{ratio.raw} = {expected:.{decimals + 2}f}% ; in văn bản: {percent.raw} ({verdict}, "
        f"sai số cho phép ±{tolerance:.{decimals + 1}f})"
    )
    return Check(
        kind="ratio_percent",
        figure_ids=[ratio.row_id or "", percent.row_id or ""],
        expected=round(expected, 6),
        observed=percent.value,
        status="pass" if ok else "fail",
        message=message,
    )
