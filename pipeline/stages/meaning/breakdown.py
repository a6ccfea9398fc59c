"""A breakdown's items share the measure of what they break down.

"Kim ngạch xuất khẩu đạt 268,9 triệu USD. Trong đó: hàng nông sản 117,26 triệu USD, đạt 61,72% kế hoạch" — the
items name only a product ("hàng nông sản"); what they measure is the export turnover of it. An item that names a
measure itself ("Trong đó, thu nội địa đạt ...") and a count ("trong đó 769 chuyên gia": the counted noun says it
all) keep their own subject.
"""

from __future__ import annotations

from .rules import Compiled
from .subject import clause_subject

PARTS = frozenset({"money", "percent", "multiplier", "area", "mass", "volume", "length"})
ITEM_WORDS = 6  # an item longer than this is a clause of its own, not a product or a kind
PARENT_WORDS = 8


def with_parent_measure(
    subject: str | None,
    quantity: str,
    text: str,
    sent: tuple[int, int],
    previous_sent: tuple[int, int] | None,
    start: int,
    c: Compiled,
) -> str | None:
    """``subject`` with the measure of the breakdown it is an item of put before it, when it names none."""
    if not subject or quantity not in PARTS or len(subject.split()) > ITEM_WORDS:
        return subject
    if c.self_named_re.match(subject) or c.breakdown_measure_re.search(subject):
        return subject
    *_, opened = [None, *c.breakdown_re.finditer(text, sent[0], start)]  # the last breakdown word before it
    if opened is None:
        return subject
    lead = text[sent[0] : opened.start()]
    if not lead.strip(" \t-–+•*") and previous_sent is not None:  # "... đạt X. Trong đó: ..."
        lead = text[previous_sent[0] : previous_sent[1]]
    measure = c.breakdown_measure_re.search(lead)
    if measure is None or measure.group().casefold() in subject.casefold():
        return subject
    # the measure's noun phrase up to its predicate: "kim ngạch hàng hóa xuất khẩu (đạt ...)"
    whole = clause_subject(lead[measure.start() :], c)
    parent = whole if whole and len(whole.split()) <= PARENT_WORDS else measure.group()
    item = subject[0].lower() + subject[1:] if subject[1:2].islower() else subject
    return f"{parent[0].lower()}{parent[1:]} {item}"
