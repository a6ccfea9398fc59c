"""Checks: arithmetic an auditor would redo, from the figures already extracted.

Four kinds, their cues in ``rules/checks.yaml``:

* ``ratio_percent``: a ratio and the percentage that sums it up ("12/15 xã ..., chiếm 80%");
* ``parts_sum``: a total and the parts listed for it ("Tổng số 1.250 hồ sơ, trong đó: 800 ..., 450 ...");
* ``change_percent``: a value, its printed change and the earlier value ("đạt 1.200 tỷ đồng, tăng 20% so
  với cùng kỳ (1.000 tỷ đồng)"), or a change in percentage points of a rate;
* ``plan_share``: a value, its printed share of the plan and the plan's value ("đạt 350 tỷ đồng, bằng 70%
  dự toán năm (500 tỷ đồng)").

The verdict allows for printed precision (:mod:`pipeline.stages.precision`): the exact result is an
interval when operands are printed rounded, and the printed result passes when rounding or truncating
some value of that interval to the printed digits gives it. Thresholds are never checked, figures of
different units or scale words are never paired, and figures pair only within a sentence unless a
list announced by a colon links the lines.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex

from .. import rules
from ..records import Check, Document, Figure
from .precision import Interval, Printed, fmt, printed, verdict

SCHEMA = {
    "checkable_approx": [str],
    "thresholds": [str],
    "ratio_percent": {"max_gap": int, "cues": [str]},
    "parts_sum": {"max_gap": int, "min_parts": int, "cues": [str], "nested": str, "subset": str},
    "change_percent": {"max_gap": int, "links": [str], "points": str},
    "plan_share": {"max_gap": int, "links": [str]},
}
KINDS = ("ratio_percent", "parts_sum", "change_percent", "plan_share")
SENTENCE_END = regex.compile(r"[.;!?](?:\s|$)|\n")
PARTS_END = regex.compile(r"[.!?](?:\s|$)|\n")  # a list of parts may run over semicolons
BULLET = regex.compile(r"[ \t]*+(?:[-+•*–]|[a-zđ]\)|\d{1,2}\))[ \t]")
PLAN_BASES = ("plan", "estimate", "target")
MAX_PARTS = 50  # a longer list is a table, not a breakdown to add up
MAX_BRACKET = 800  # chars: a bracketed breakdown longer than this is not one
MAX_LIST = 3000  # chars: nor a list of parts longer than this
LINE_REST = regex.compile(r"[ \t]*+\n")
BRACKETS = regex.compile(r"[()\n]")


@dataclass(frozen=True)
class Rules:
    checkable_approx: frozenset[str]
    threshold: regex.Pattern  # at the end of the text before a percentage
    ratio_gap: int
    ratio_cue: regex.Pattern
    parts_gap: int
    min_parts: int
    parts_cue: regex.Pattern  # at the start of the text after a total
    nested: regex.Pattern
    bracket_cue: regex.Pattern  # "(gồm" / "(trong đó:": the cue word just inside an opening bracket
    subset: regex.Pattern  # a cue that may announce only some of the parts ("trong đó" without a colon)
    change_gap: int
    change_link: regex.Pattern  # the whole text between a change and the earlier value
    points: regex.Pattern
    plan_gap: int
    plan_link: regex.Pattern


def _any(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def compiled() -> Rules:
    data = rules.load("checks.yaml", SCHEMA)
    flags = regex.I | regex.V1
    return Rules(
        checkable_approx=frozenset(data["checkable_approx"]),
        threshold=regex.compile(rf"(?:{_any(data['thresholds'])})\s*+\(?\s*+$", flags),
        ratio_gap=data["ratio_percent"]["max_gap"],
        ratio_cue=regex.compile(rf"(?:{_any(data['ratio_percent']['cues'])})\s*+$", flags),
        parts_gap=data["parts_sum"]["max_gap"],
        min_parts=data["parts_sum"]["min_parts"],
        parts_cue=regex.compile(rf"[^\d\n.;:!?()]*?(?P<cue>{_any(data['parts_sum']['cues'])})\s*+:?", flags),
        nested=regex.compile(rf"\b(?:{data['parts_sum']['nested']})\b", flags),
        bracket_cue=regex.compile(rf"\s*+(?:{data['parts_sum']['nested']})?\s*+:?", flags),
        subset=regex.compile(rf",?\s*+(?:{data['parts_sum']['subset']})", flags),
        change_gap=data["change_percent"]["max_gap"],
        change_link=regex.compile(_any(data["change_percent"]["links"]), flags),
        points=regex.compile(data["change_percent"]["points"], flags),
        plan_gap=data["plan_share"]["max_gap"],
        plan_link=regex.compile(_any(data["plan_share"]["links"]), flags),
    )


def run(doc: Document) -> None:
    doc.number_rows()
    found: list[tuple[int, Check]] = []
    figs = doc.figures
    for i, fig in enumerate(figs):
        for finder in FINDERS:
            check = finder(doc.text, figs, i)
            if check is not None:
                found.append((fig.char_start, check))
    found.sort(key=lambda item: item[0])
    doc.checks.extend(check for _, check in found)


# ---------------------------------------------------------------- what may be checked


def usable(fig: Figure, r: Rules) -> bool:
    """A single precise value: no range, no loose approx word ("khoảng", "hơn", "tối thiểu")."""
    return fig.value_max is None and (fig.approx is None or fig.approx in r.checkable_approx)


def same_measure(a: Figure, b: Figure) -> bool:
    return a.quantity == b.quantity and a.unit == b.unit and a.scale == b.scale


def is_threshold(text: str, fig: Figure, r: Rules) -> bool:
    return bool(r.threshold.search(text[max(0, fig.char_start - 40) : fig.char_start]))


def one_sentence(text: str, a: Figure, b: Figure, max_gap: int) -> bool:
    between = text[a.char_end : b.char_start]
    return 0 <= len(between) <= max_gap and not SENTENCE_END.search(between)


def _ids(*figs: Figure) -> list[str]:
    return [f.row_id or "" for f in figs]


def _check(kind: str, figs: list[Figure], expected: float, observed: float, ok: bool, message: str) -> Check:
    return Check(kind=kind, figure_ids=_ids(*figs), expected=round(expected, 9), observed=observed,
                 status="pass" if ok else "fail", message=message)  # fmt: skip


# ---------------------------------------------------------------- ratio_percent


def ratio_percent(text: str, figs: list[Figure], i: int) -> Check | None:
    if i + 1 >= len(figs):
        return None
    ratio, percent = figs[i], figs[i + 1]
    if not ratio.denominator or ratio.quantity == "percent" or not sums_up(text, ratio, percent):
        return None
    num, den, result = printed(ratio), printed(ratio, denominator=True), printed(percent)
    exact = num.interval / den.interval * Interval.point(100)
    expected = ratio.value / ratio.denominator * 100
    ok, tolerance = verdict(exact, result)
    message = f"{ratio.raw} = {fmt(expected, result.decimals + 2)}%; in văn bản: {percent.raw} {tolerance}"
    return _check("ratio_percent", [ratio, percent], expected, percent.value, ok, message)


def sums_up(text: str, ratio: Figure, percent: Figure) -> bool:
    """Is ``percent`` the share the ratio prints, not a threshold or another figure's percentage?"""
    r = compiled()
    if percent.quantity != "percent" or percent.value_max is not None or percent.approx:
        return False
    between = text[ratio.char_end : percent.char_start]
    if len(between) > r.ratio_gap or regex.search(r"\d", between) or SENTENCE_END.search(between):
        return False
    return bool(r.ratio_cue.search(between)) and not r.threshold.search(between)


# ---------------------------------------------------------------- parts_sum


def parts_sum(text: str, figs: list[Figure], i: int) -> Check | None:
    r = compiled()
    total = figs[i]
    if total.quantity == "percent" or total.denominator or not total.unit or not usable(total, r):
        return None
    m = r.parts_cue.match(text, total.char_end, min(len(text), total.char_end + r.parts_gap))
    if not m:
        return None
    start = m.end()
    bracket = m.group("cue").endswith("(")
    if not bracket and inside_list(text, total, r):
        return None  # "..., trong đó 800 hồ sơ ..., trong đó 300 ..., 50 ...": where either list ends is unclear
    span = list_end(text, start, bracket)
    if bracket:  # "(gồm 500 ..., 300 ...)": the cue word inside the bracket opens this list, not a nested one
        start = r.bracket_cue.match(text, start).end()
    if span is None or r.nested.search(_depth_zero(text[start : span[0]])):
        return None
    end, bulleted = span
    parts = []
    for f in figs[i + 1 : i + 1 + MAX_PARTS * 4]:  # figures are in text order: stop at the end of the list
        if f.char_end > end:
            break
        if start <= f.char_start and _depth(text, start, f.char_start) == 0 and same_measure(f, total):
            parts.append(f)
    parts = [f for f in parts if not f.denominator]
    if bulleted:  # one part per line: its first figure ("+ Chi đầu tư là 3.200 tỷ đồng, đã giải ngân ...")
        parts = [f for k, f in enumerate(parts) if k == 0 or text.count("\n", parts[k - 1].char_end, f.char_start)]
    if len(parts) < r.min_parts or not all(usable(f, r) for f in parts):
        return None
    if any(f.direction or f.basis for f in parts):
        return None  # "(tăng 50 hồ sơ so với năm 2023, ...)": changes, not parts
    shown = [printed(f) for f in parts]
    exact = sum((p.interval for p in shown[1:]), shown[0].interval)
    expected = sum(f.value for f in parts)
    result = printed(total)
    ok, tolerance = verdict(exact, result)
    may_be_subset = r.subset.fullmatch(m.group("cue")) and not m.group().rstrip().endswith(":")
    if not ok and may_be_subset and exact.hi < result.value:
        return None  # "734 văn bản, trong đó 303 ... và 303 ...": "of which", not a breakdown
    terms = " + ".join(p.raw for p in shown)
    message = f"{terms} = {fmt_as(expected, result)}; tổng in văn bản: {total.raw} {tolerance}"
    return _check("parts_sum", [total, *parts], expected, total.value, ok, message)


def inside_list(text: str, fig: Figure, r: Rules) -> bool:
    """Is ``fig`` itself an item of a list opened earlier in its sentence?"""
    begin = max(0, fig.char_start - 400)
    before = text[begin : fig.char_start]
    ends = list(SENTENCE_END.finditer(before))
    before = before[ends[-1].end() :] if ends else before
    return bool(r.nested.search(_depth_zero(before)))


def list_end(text: str, start: int, bracket: bool) -> tuple[int, bool] | None:
    """(where a list of parts that starts at ``start`` ends, whether it is one item per line): its
    closing bracket, the end of the sentence, or, for a list announced at the end of a line, the last
    bulleted line."""
    if bracket:
        limit = min(len(text), start + MAX_BRACKET)
        close = text.find(")", start, limit)
        if close < 0 or "\n" in text[start:close]:
            return None
        if "(" not in text[start:close]:
            return close, False
        depth = 0
        for m in BRACKETS.finditer(text, start, limit):
            if m.group() == "(":
                depth += 1
            elif m.group() == "\n" or depth == 0:
                return (m.start(), False) if m.group() == ")" else None
            else:
                depth -= 1
        return None
    limit = min(len(text), start + MAX_LIST)
    blank = LINE_REST.match(text, start)
    if blank and blank.end() < len(text):  # "trong đó:" then one item per line
        end = line_end = blank.end() - 1
        pos = line_end + 1
        while pos < limit and BULLET.match(text, pos):
            nxt = text.find("\n", pos, limit)
            if nxt < 0:
                return None  # longer than any breakdown
            end, pos = nxt, nxt + 1
        return (end, True) if end > line_end else None
    ends = list_ends(text)
    k = bisect_left(ends, start)
    if k < len(ends) and ends[k] < limit:
        return ends[k], False
    return (len(text), False) if limit == len(text) else None


_ENDS: tuple[tuple[int, int, int], list[int]] = ((0, 0, 0), [])


def list_ends(text: str) -> list[int]:
    """Where sentences end in ``text`` (for lists of parts), found once per text."""
    global _ENDS
    key = (id(text), len(text), hash(text))
    if _ENDS[0] != key:
        _ENDS = (key, [m.start() for m in PARTS_END.finditer(text)])
    return _ENDS[1]


def _depth(text: str, start: int, pos: int) -> int:
    chunk = text[start:pos]
    return chunk.count("(") - chunk.count(")")


def _depth_zero(chunk: str) -> str:
    """``chunk`` with bracketed text blanked: a cue inside brackets is an aside, not a breakdown."""
    out, depth = [], 0
    for ch in chunk:
        depth += ch == "("
        out.append(ch if depth == 0 else " ")
        depth -= ch == ")" and depth > 0
    return "".join(out)


# ---------------------------------------------------------------- change_percent and plan_share


def operands(text: str, figs: list[Figure], i: int, max_gap: int, link: regex.Pattern, skip: int = 0) -> tuple | None:
    """(value, earlier/plan value) around the percentage at ``i``, when the text ties all three."""
    r = compiled()
    if i == 0 or i + 1 >= len(figs):
        return None
    pct, base = figs[i], figs[i + 1]
    value = the_value(text, figs, i, base, max_gap)
    if value is None:
        return None
    if not (usable(value, r) and usable(pct, r) and usable(base, r)) or is_threshold(text, pct, r):
        return None
    if value.denominator or base.denominator or not same_measure(value, base) or not value.unit:
        return None
    if base.direction:  # "(cùng kỳ tăng 9,2%)" is the earlier period's growth, not the earlier value
        return None
    between = text[pct.char_end + skip : base.char_start]  # skip: "phần trăm" after "0,4 điểm"
    if not link.fullmatch(between):
        return None
    if between.rstrip().endswith("(") and not regex.match(r"\s*+\)", text[base.char_end :]):
        return None  # "(1.000 tỷ đồng)" must hold just the earlier value
    return value, base


def the_value(text: str, figs: list[Figure], i: int, base: Figure, max_gap: int) -> Figure | None:
    """The figure the percentage at ``i`` is about: the one just before it, or, past up to two other
    percentages of it ("đạt 350 tỷ đồng, tăng 5% so với cùng kỳ, bằng 70% dự toán (500 tỷ đồng)"), the
    nearest of the earlier value's unit, in the same sentence."""
    for k in range(i - 1, max(-1, i - 4), -1):
        fig = figs[k]
        if not one_sentence(text, fig, figs[k + 1], max_gap):
            return None
        if same_measure(fig, base):
            return fig
        if fig.quantity != "percent" or base.quantity == "percent":
            return None  # only other percentages of the same value may stand between
    return None


def change_percent(text: str, figs: list[Figure], i: int) -> Check | None:
    r = compiled()
    change = figs[i]
    if change.direction not in ("increase", "decrease") or change.denominator:
        return None
    points = change.quantity != "percent"
    # "giảm 0,4 điểm phần trăm": the figures stage reads the unit whole; a bare "điểm" needs its "phần trăm" after it
    m = r.points.match(text, change.char_end) if points and change.unit == "điểm" else None
    if points and m is None and change.unit != "điểm phần trăm":
        return None
    tied = operands(text, figs, i, r.change_gap, r.change_link, skip=m.end() - m.start() if m else 0)
    if tied is None:
        return None
    value, earlier = tied
    sign = 1 if change.direction == "increase" else -1
    v, e, result = printed(value), printed(earlier), printed(change)
    word = "tăng" if sign > 0 else "giảm"
    new, old = (v, e) if sign > 0 else (e, v)
    readings = []  # (exact interval, expected, what was computed)
    if not points and earlier.value:
        expected = (value.value - earlier.value) / earlier.value * 100 * sign
        readings.append((
            (v.interval - e.interval) / e.interval * Interval.point(100 * sign), expected,
            f"({new.raw} − {old.raw}) / {e.raw} = {fmt(expected, result.decimals + 2)}%",
        ))  # fmt: skip
    if value.quantity == "percent":  # a rate: its change may be printed in points ("giảm 0,4 điểm phần trăm")
        expected = (value.value - earlier.value) * sign
        readings.append((
            (v.interval - e.interval) * Interval.point(sign), expected,
            f"{new.raw} − {old.raw} = {fmt(expected, result.decimals + 2)} điểm phần trăm",
        ))  # fmt: skip
    if not readings:
        return None
    judged = [(verdict(exact, result), expected, shown) for exact, expected, shown in readings]
    (ok, tolerance), expected, shown = next((j for j in judged if j[0][0]), judged[0])
    message = f"{shown}; in văn bản: {word} {change.raw} {tolerance}"
    return _check("change_percent", [value, change, earlier], expected, change.value, ok, message)


def plan_share(text: str, figs: list[Figure], i: int) -> Check | None:
    r = compiled()
    share = figs[i]
    if share.quantity != "percent" or share.direction or share.basis not in PLAN_BASES or share.denominator:
        return None
    tied = operands(text, figs, i, r.plan_gap, r.plan_link)
    if tied is None:
        return None
    value, plan = tied
    if not plan.value:
        return None
    v, p, result = printed(value), printed(plan), printed(share)
    exact = v.interval / p.interval * Interval.point(100)
    expected = value.value / plan.value * 100
    ok, tolerance = verdict(exact, result)
    message = f"{v.raw} / {p.raw} = {fmt(expected, result.decimals + 2)}%; in văn bản: {share.raw} {tolerance}"
    return _check("plan_share", [value, share, plan], expected, share.value, ok, message)


FINDERS: tuple[Callable[[str, list[Figure], int], Check | None], ...] = (
    ratio_percent,
    parts_sum,
    change_percent,
    plan_share,
)


# ---------------------------------------------------------------- numbers as printed


def fmt_as(x: float, like: Printed) -> str:
    """``x`` in the scale and unit of a printed figure, with two more decimals than it prints."""
    digits = like.decimals + (2 if like.step else 0)
    return f"{fmt(x / like.factor, digits)}{like.suffix}"
