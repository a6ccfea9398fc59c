"""Checks: arithmetic an auditor would redo, from the figures already extracted.

``ratio_percent``: a ratio followed in the same sentence by the percentage that sums it up
("2.009.109/2.143.994 hộ dân, đạt tỷ lệ 93,7%"). The percentage passes when it equals
value / denominator × 100 rounded to the decimals it prints.
"""

from __future__ import annotations

import regex

from .records import Check, Document, Figure

MAX_GAP = 120  # chars between the ratio and its percentage; further away they rarely belong together
DECIMALS = regex.compile(r"[,.](\d+)\s*%")


def run(doc: Document) -> None:
    doc.number_rows()
    figures = doc.figures
    for i, ratio in enumerate(figures):
        if not ratio.denominator or ratio.quantity == "percent":
            continue
        percent = _percent_after(figures, i)
        if percent is not None:
            doc.checks.append(ratio_percent(ratio, percent))


def _percent_after(figures: list[Figure], i: int) -> Figure | None:
    ratio = figures[i]
    for other in figures[i + 1 :]:
        if other.char_start - ratio.char_end > MAX_GAP or other.denominator:
            return None
        if other.quantity == "percent" and other.value_max is None:
            if ratio.sentence is None or other.sentence == ratio.sentence:
                return other
            return None
    return None


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
