"""Ingest: read a source file into a :class:`SourceText` (text, and for pages, char boxes).

One reader per kind of source: ``text.py`` (.txt, .md); PDFs and Word files get theirs
beside it. Every reader raises :class:`IngestError` when a file cannot be read at all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..records import Document
from .errors import IngestError
from .text import read_text_bytes

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md"}
PDF_FORMATS = {".pdf": "pdf"}
WORD_FORMATS = {".docx": "docx", ".doc": "doc"}
IMAGE_FORMATS = {".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
FORMATS = {**TEXT_FORMATS, **PDF_FORMATS, **WORD_FORMATS, **IMAGE_FORMATS}

MAX_CHARS = 2_000_000  # ~650 pages; longer texts are cut, with a warning, so one file cannot stall a batch


def source_format(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    for suffix in reversed(suffixes):
        if suffix in FORMATS:
            return FORMATS[suffix]
    return None


def new_document(path: Path, root: Path | None, data: bytes) -> Document:
    digest = hashlib.sha256(data).hexdigest()
    rel = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    return Document(
        doc_id=digest[:16],
        source_path=rel.as_posix(),
        source_name=path.name,
        source_sha256=digest,
        source_format=source_format(path) or "unknown",
    )


def ingest(doc: Document, data: bytes) -> None:
    """Fill ``doc.source`` from the file's bytes."""
    fmt = doc.source_format
    if fmt in ("txt", "md"):
        doc.source = read_text_bytes(doc, data)
    elif fmt == "pdf":
        from .pdf import read_pdf  # imported on use: text-only batches never load pdfium

        doc.source = read_pdf(doc, data)
    elif fmt == "image":
        from .image import read_image

        doc.source = read_image(doc, data)
    elif fmt == "docx":
        from .word import read_docx

        doc.source = read_docx(doc, data)
    elif fmt == "doc":
        from .word import read_doc

        doc.source = read_doc(doc, data)
    else:
        raise IngestError("unsupported_format", f"no reader for format {fmt!r} ({doc.source_name})")
    from .legacy import repair  # TCVN3 / VNI text in any source is converted to Unicode here

    fix = repair(doc.source) or doc.source.encoding_fix  # a reader may have converted by font already
    if fix:
        doc.source.encoding_fix = fix
        doc.diagnose("ingest", "info", "legacy_encoding", f"converted from {fix}")
    if len(doc.source.text) > MAX_CHARS:
        doc.diagnose(
            "ingest",
            "warning",
            "text_truncated",
            f"text has {len(doc.source.text):,} characters; only the first {MAX_CHARS:,} are processed",
        )
        doc.status = "partial"
        doc.source.text = doc.source.text[:MAX_CHARS]
    doc.encoding, doc.encoding_fix = doc.source.encoding, doc.source.encoding_fix
