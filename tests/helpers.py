"""Helpers for tests: documents made from text written in the test itself."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import ingest, new_document
from pipeline.records import Document
from pipeline.stages.normalize import run as normalize


def make_doc(text: str | bytes, name: str = "sample.txt") -> Document:
    """A document taken through ingest and normalize, from text written in the test."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    doc = new_document(Path(name), None, data)
    ingest(doc, data)
    normalize(doc)
    return doc
