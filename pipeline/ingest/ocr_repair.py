"""OCR-aware repairs of OCR'd lines: digit look-alikes, split digit groups, lost diacritics of the
words the extraction rules depend on, the header's "Số:". Rules in ``rules/ocr.yaml`` (``repairs``).

A repair keeps the char map: a replacement of the same length keeps each char's box and
confidence; one of another length gives the new chars the union box of the old ones (so a row's
box still covers its raw text) and their mean confidence. Every repair is counted per rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import regex

from .ocr import rules_
from .pdf_chars import PdfLine


@dataclass
class Repair:
    name: str
    pattern: regex.Pattern
    replace: str | None
    map: dict[str, str] | None

    def apply(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, new text) of every match."""
        out = []
        for m in self.pattern.finditer(text):
            new = "".join(self.map.get(ch, ch) for ch in m.group()) if self.map else m.expand(self.replace or "")
            if new != m.group():
                out.append((m.start(), m.end(), new))
        return out


@dataclass
class Repairs:
    rules: list[Repair]
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def line(self, line: PdfLine) -> PdfLine:
        for rule in self.rules:
            for _ in range(3):  # again on its own output: "2O2O" needs the first 0 to see the second
                edits = rule.apply(line.text)
                if not edits:
                    break
                self.counts[rule.name] += len(edits)
                seen = self.examples.setdefault(rule.name, [])
                for a, b, new in edits[: max(0, 3 - len(seen))]:
                    seen.append(f"{line.text[a:b]!r} -> {new!r}")
                line = _edit(line, edits)
        return line

    def summary(self) -> str:
        return "; ".join(f"{name} x{n} ({', '.join(self.examples[name])})" for name, n in self.counts.items())


def load() -> Repairs:
    return Repairs([_compile(r) for r in rules_()["repairs"]])


def _compile(rule: dict) -> Repair:
    return Repair(rule["name"], _pattern(rule["pattern"]), rule.get("replace"), rule.get("map"))


_CACHE: dict[str, regex.Pattern] = {}


def _pattern(p: str) -> regex.Pattern:
    if p not in _CACHE:
        _CACHE[p] = regex.compile(p)
    return _CACHE[p]


def _edit(line: PdfLine, edits: list[tuple[int, int, str]]) -> PdfLine:
    text, boxes, conf = line.text, line.boxes, line.conf
    parts, box_parts, conf_parts = [], [], []
    last = 0
    for a, b, new in edits:
        parts.append(text[last:a])
        box_parts.append(boxes[last:a])
        conf_parts.append(conf[last:a] if conf is not None else np.full(a - last, np.nan))
        parts.append(new)
        if len(new) == b - a:
            box_parts.append(boxes[a:b])
            conf_parts.append(conf[a:b] if conf is not None else np.full(b - a, np.nan))
        else:
            old = boxes[a:b]
            ink = old[~np.isnan(old[:, 0])]
            union = (
                np.array([[ink[:, 0].min(), ink[:, 1].min(), ink[:, 2].max(), ink[:, 3].max()]])
                if len(ink)
                else np.full((1, 4), np.nan)
            )
            box_parts.append(np.repeat(union, len(new), axis=0))
            c = conf[a:b] if conf is not None else np.full(b - a, np.nan)
            c = c[~np.isnan(c)]
            conf_parts.append(np.full(len(new), float(c.mean()) if len(c) else np.nan))
        last = b
    parts.append(text[last:])
    box_parts.append(boxes[last:])
    conf_parts.append(conf[last:] if conf is not None else np.full(len(text) - last, np.nan))
    new_text = "".join(parts)
    new_boxes = np.concatenate(box_parts) if box_parts else boxes
    return PdfLine(
        new_text, new_boxes, line.x0, line.top, line.x1, line.bottom, line.size, set(line.tags), line.bold,
        conf=np.concatenate(conf_parts),
    )  # fmt: skip
