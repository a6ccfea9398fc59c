"""The runner: wires the stages from a list and takes one file through them.

Each stage is a function ``run(doc) -> None`` in its own module and declares what it adds.
A stage that raises is recorded as an ``error`` diagnostic and the document becomes
``partial``: the rows the other stages made are kept. Only a file that cannot be read
(ingest) or normalized is ``failed``.
"""

from __future__ import annotations

import importlib
import os
import stat
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .ingest import IngestError, ingest, new_document
from .ingest.inflate_guard import check_pdf_streams
from .records import Document


@dataclass(frozen=True)
class Stage:
    name: str
    module: str  # pipeline.stages.<module> holds ``run(doc)``
    assigns: tuple[str, ...]
    essential: bool = False  # if it fails, nothing after it can work: the document fails

    @property
    def run(self) -> Callable[[Document], None]:
        return importlib.import_module(f"pipeline.stages.{self.module}").run


STAGES: tuple[Stage, ...] = (
    Stage("normalize", "normalize", ("text", "origin", "pages"), essential=True),
    Stage("parts", "parts", ("parts",)),  # before metadata: the signature read is the first document's
    Stage("metadata", "metadata", ("metadata",)),
    Stage("segment", "segment", ("sections",)),
    Stage("references", "references", ("references",)),
    Stage("entities", "entities", ("entities",)),
    Stage("dates", "dates", ("dates",)),
    Stage("figures", "figures", ("figures",)),
    Stage("meaning", "meaning", ("subject", "indicator", "period_start", "period_end")),
    Stage("checks", "checks", ("checks",)),
    Stage("locate", "locate", ("page", "box", "section_id")),
)
STAGE_NAMES = tuple(s.name for s in STAGES)
MEMORY_MESSAGE = "processing it needed more memory than the worker's limit (--max-memory)"


def select_stages(skip: Iterable[str] = ()) -> tuple[Stage, ...]:
    """The default stages less those named in ``skip`` (``normalize`` and ``locate`` stay)."""
    unknown = set(skip) - set(STAGE_NAMES)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}; stages are: {', '.join(STAGE_NAMES)}")
    return tuple(s for s in STAGES if s.name not in skip or s.essential or s.name == "locate")


def process_file(path: Path, root: Path | None = None, stages: tuple[Stage, ...] = STAGES) -> Document:
    """Run one file through ingest and the stages; never raises for bad input."""
    path = Path(path)
    try:
        data = read_regular_file(path)
    except OSError as err:
        doc = _new(path, root, b"")
        doc.source_sha256 = doc.doc_id = ""
        code = "not_a_regular_file" if isinstance(err, NotRegularFile) else "unreadable_file"
        return _failed(doc, "ingest", code, f"cannot read {printable(str(path))}: {err.strerror or err}")
    except MemoryError:
        doc = _new(path, root, b"")
        doc.source_sha256 = doc.doc_id = ""
        return _failed(doc, "ingest", "memory_limit", "the file does not fit in the worker's memory limit")
    doc = _new(path, root, data)
    return process_bytes(doc, data, stages)


class NotRegularFile(OSError):
    """A FIFO, a device or a socket: reading it could block for ever or never end."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; anything else (a FIFO, a device) is refused without blocking on it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(0, "not a regular file (only regular files are read)")
        return f.read()


def printable(text: str) -> str:
    """Text that can be stored: a file name's bytes that are not UTF-8 (surrogate escapes) become ``\\xNN``."""
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _new(path: Path, root: Path | None, data: bytes) -> Document:
    doc = new_document(path, root, data)
    doc.source_path, doc.source_name = printable(doc.source_path), printable(doc.source_name)
    return doc


def process_bytes(doc: Document, data: bytes, stages: tuple[Stage, ...] = STAGES) -> Document:
    try:
        if doc.source_format == "pdf" and not os.environ.get("BAOCAO_TEST_NO_INFLATE_GUARD"):
            check_pdf_streams(data)  # a decompression bomb is refused before pdfium inflates it
        ingest(doc, data)
    except IngestError as err:
        return _failed(doc, "ingest", err.code, str(err))
    except MemoryError:  # the worker's own limit (--max-memory): this document alone fails
        return _failed(doc, "ingest", "memory_limit", MEMORY_MESSAGE)
    except Exception as err:  # a crash in a reader library must not stop the batch
        return _failed(doc, "ingest", "reader_crashed", _describe(err))
    del data
    for stage in stages:
        started = time.perf_counter()
        try:
            stage.run(doc)
        except MemoryError:
            return _failed(doc, stage.name, "memory_limit", MEMORY_MESSAGE)
        except Exception as err:
            if stage.essential:
                return _failed(doc, stage.name, "stage_failed", _describe(err))
            doc.diagnose(stage.name, "error", "stage_failed", _describe(err))
            doc.status = "partial"
        elapsed = time.perf_counter() - started
        if elapsed > 30:
            doc.diagnose(stage.name, "warning", "slow_stage", f"{stage.name} took {elapsed:.1f} s")
    if not doc.text.strip():
        doc.diagnose("normalize", "warning", "no_text", "no text left after normalization")
        doc.status = "partial" if doc.status == "ok" else doc.status
    doc.source = None  # the char map is no longer needed; keep workers' memory flat
    doc.origin = []
    return doc


def _failed(doc: Document, stage: str, code: str, message: str) -> Document:
    doc.status = "failed"
    doc.diagnose(stage, "error", code, message)
    doc.source = None
    doc.origin = []
    return doc


def _describe(err: BaseException) -> str:
    where = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    at = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{type(err).__name__}: {err}{at}".replace("\n", " ")[:500]
