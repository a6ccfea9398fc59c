"""Inflate guard: refuse a PDF whose compressed streams inflate past a cap (a decompression bomb).

A 2 MB PDF can hold a content stream that inflates to gigabytes; pdfium would inflate it whole
before any timeout could act. Each ``FlateDecode`` stream (nested filters included) is inflated
here first, in 1 MB pieces that are counted and dropped, and the file is refused once one
stream passes ``cap`` bytes. A stream too small to reach the cap even at Deflate's largest
ratio (~1032:1 per layer) is not inflated, so ordinary PDFs cost little. Only Flate is
checked (the filter nearly every bomb uses); the worker's memory limit (``--max-memory``)
bounds everything else.
"""

from __future__ import annotations

import re
import resource
import zlib
from collections.abc import Iterable, Iterator

from .errors import IngestError

STREAM = re.compile(rb"stream\r?\n")
OBJ = re.compile(rb"\bobj\b")
PIECE = 1 << 20
DEFAULT_CAP = 1 << 30  # without a memory limit: 1 GiB per stream (a 600 dpi A4 colour image is 100 MB)
MIN_CAP = 256 << 20
MAX_RATIO = 1100  # Deflate cannot inflate more than ~1032 times per layer


def stream_cap() -> int:
    """A quarter of this process's address-space limit, if it has one (a worker's --max-memory)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return DEFAULT_CAP if soft == resource.RLIM_INFINITY else max(MIN_CAP, soft // 4)


def check_pdf_streams(data: bytes, cap: int | None = None) -> None:
    """Raise ``IngestError('memory_limit')`` if a Flate stream of the PDF inflates past ``cap`` bytes."""
    cap = cap or stream_cap()
    for match in STREAM.finditer(data):
        head = data[max(0, match.start() - 2000) : match.start()]
        objs = list(OBJ.finditer(head))
        head = head[objs[-1].end() :] if objs else head
        layers = head.count(b"/FlateDecode")
        end = data.find(b"endstream", match.end())
        compressed = (end if end >= 0 else len(data)) - match.end()
        if not layers or compressed * MAX_RATIO**layers <= cap:  # cannot inflate that far: no need to look
            continue
        size = 0
        for piece in _inflate(_chunks(data, match.end()), layers):
            size += len(piece)
            if size > cap:
                raise IngestError(
                    "memory_limit",
                    f"a compressed stream of the PDF inflates past {cap >> 20} MB (a decompression bomb?); "
                    "refused before reading it",
                )


def _chunks(data: bytes, start: int) -> Iterator[bytes]:
    view = memoryview(data)
    for i in range(start, len(data), 1 << 16):
        yield bytes(view[i : i + (1 << 16)])


def _inflate(pieces: Iterable[bytes], layers: int) -> Iterator[bytes]:
    for _ in range(layers):
        pieces = _layer(pieces)
    return iter(pieces)


def _layer(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """One Flate layer, yielding at most 1 MB at a time; stops at the end of the stream or on bad data."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            buf = piece
            while True:
                out = inflater.decompress(buf, PIECE)
                if out:
                    yield out
                buf = inflater.unconsumed_tail
                if inflater.eof or (not buf and len(out) < PIECE):
                    break
            if inflater.eof:
                return
    except zlib.error:
        return  # not Flate after all, or damaged: pdfium decides
