"""Meaning: what each figure measures (``subject``, ``indicator``) and when (``period_start``/``period_end``).

Runs after ``figures`` and ``dates``: it reads the figures' spans, the date rows and the section tree, and
never changes which numbers are figures. Switch it off (``select_stages(skip=["meaning"])``) to time or
test it alone. ``walk`` reads the figures in order; ``subject``/``borrow``/``breakdown``/``labels``/``table``
name what a figure measures, ``period`` when, ``indicator`` which measure of the vocabulary it is.
"""

from __future__ import annotations

from ...records import Document
from .borrow import share_modifiers
from .rules import compiled
from .walk import Walk


def run(doc: Document) -> None:
    walk = Walk(doc, compiled())
    for fig in sorted(doc.figures, key=lambda f: (f.char_start, f.char_end)):
        walk.read(fig)
    share_modifiers(doc.text, sorted(doc.figures, key=lambda f: (f.char_start, f.char_end)))
