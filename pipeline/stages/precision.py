"""Printed precision, for the checks: what a printed number stands for, and when a result agrees.

A figure printed with decimals or a scale word ("145,16 tỷ đồng", "20%") was rounded by whoever
wrote it: it stands for the interval of values that round to it (145,155..145,165 tỷ). A whole count
with no scale word ("1.250 hồ sơ") is exact. Arithmetic on intervals gives the interval the exact
result lies in; the printed result agrees when rounding *or truncating* some value of that interval to
the printed digits gives it (``14,51`` for 14,516 is truncated, ``80,998%`` against 81,000 computed
from rounded operands is within their rounding). The message says which tolerance was used.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..records import Figure
from .figures import parse_number

NUMBER = regex.compile(r"\d[\d.,]*+")
EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(x, x)

    def __add__(self, o: Interval) -> Interval:
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Interval) -> Interval:
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __mul__(self, o: Interval) -> Interval:
        ends = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(ends), max(ends))

    def __truediv__(self, o: Interval) -> Interval:
        if o.lo <= 0 <= o.hi:  # a divisor that may be zero: anything goes, the check cannot fail
            return Interval(float("-inf"), float("inf"))
        return self * Interval(1 / o.hi, 1 / o.lo)


@dataclass(frozen=True)
class Printed:
    """A figure's number as printed: its value, the step of its last printed digit (0: exact)."""

    raw: str
    value: float
    decimals: int
    factor: float  # what the scale word multiplies by (1e9 for "tỷ")
    step: float  # value of one unit of the last printed digit; 0 for an exact whole count
    suffix: str  # what follows the number in raw ("%", " tỷ đồng")

    @property
    def interval(self) -> Interval:
        return Interval(self.value - self.step / 2, self.value + self.step / 2)


def printed(fig: Figure, denominator: bool = False) -> Printed:
    """How ``fig`` was printed (``denominator``: the number after the slash of a ratio)."""
    tokens = NUMBER.findall(fig.raw)
    token = tokens[1] if denominator and len(tokens) > 1 else (tokens[0] if tokens else "")
    number = parse_number(token.rstrip(".,")) if token else None
    value = fig.denominator if denominator and fig.denominator is not None else fig.value
    decimals = _decimals(token.rstrip(".,"), number)
    factor = value / number if number else 1.0
    rounded = decimals > 0 or bool(fig.scale) or fig.quantity == "percent"
    step = 10.0**-decimals * factor if rounded else 0.0
    suffix = fig.raw[fig.raw.find(token) + len(token) :] if token and not denominator else ""
    return Printed(fig.raw, value, decimals, factor, step, suffix)


def _decimals(token: str, number: float | None) -> int:
    """Digits after the decimal separator in ``token`` (``145,16`` → 2, ``1.250`` → 0)."""
    seps = [k for k, ch in enumerate(token) if ch in ".,"]
    if not seps or number is None:
        return 0
    k = len(token) - seps[-1] - 1
    digits = int(regex.sub(r"\D", "", token))
    return k if abs(digits / 10**k - number) <= EPS * max(1.0, abs(number)) else 0


def verdict(exact: Interval, result: Printed) -> tuple[bool, str]:
    """Does the printed ``result`` agree with an exact result in ``exact``? And the message's tail."""
    r, step = result.value, result.step
    lo, hi = (r, r) if step == 0 else (r - step / 2, r + step)  # rounded (±½ step) or truncated (+1 step)
    slack = EPS * max(1.0, abs(r))
    ok = exact.lo <= hi + slack and lo - slack <= exact.hi
    digits = result.decimals + (2 if step else 0)
    unit = result.suffix.strip()
    span = ""
    if exact.hi - exact.lo > slack:
        span = f"; các số in đã làm tròn nên kết quả đúng nằm trong {_f(exact.lo, result, digits)}–{_f(exact.hi, result, digits)} {unit}"  # noqa: E501
    if step == 0:
        rule = "số nguyên đếm được, không có dung sai"
    else:
        one = _f(step, result, result.decimals)
        rule = (f"số in {result.raw} làm tròn hoặc cắt đến {one} {unit}: chấp nhận "
                f"{_f(lo, result, digits)}–{_f(hi, result, digits)} {unit}").replace("  ", " ")  # fmt: skip
    if ok:
        return True, f"— khớp (dung sai: {rule}{span})"
    gap = min(abs(exact.lo - r), abs(exact.hi - r)) if not (exact.lo <= r <= exact.hi) else 0.0
    return False, f"— KHÔNG khớp, lệch {_f(gap, result, digits)} {unit} (dung sai: {rule}{span})".replace("  ", " ")


def _f(x: float, like: Printed, digits: int) -> str:
    return fmt(x / like.factor, digits)


def fmt(x: float, decimals: int) -> str:
    """``x`` the Vietnamese way: 1.234,5 (dots group thousands, a comma before decimals)."""
    s = f"{x:,.{max(0, decimals)}f}"
    return s.replace(",", " ").replace(".", ",").replace(" ", ".")
