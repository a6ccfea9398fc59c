"""The runner: wires the stages from a list and takes one file through them.

Each stage is a function ``run(doc) -> None`` in its own module and declares what it adds.
A stage that raises is recorded as an ``error`` diagnostic and the document becomes
``partial``: the rows the other stages made are kept. Only a file that cannot be read
(ingest) or normalized is ``failed``.
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .ingest import IngestError, ingest, new_document
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
    Stage("checks", "checks", ("checks",)),
    Stage("locate", "locate", ("page", "box", "section_id")),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


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
        data = path.read_bytes()
    except OSError as err:
        doc = new_document(path, root, b"")
        doc.source_sha256 = doc.doc_id = ""
        return _failed(doc, "ingest", "unreadable_file", f"cannot read {path}: {err.strerror or err}")
    doc = new_document(path, root, data)
    return process_bytes(doc, data, stages)


def process_bytes(doc: Document, data: bytes, stages: tuple[Stage, ...] = STAGES) -> Document:
    try:
        ingest(doc, data)
    except IngestError as err:
        return _failed(doc, "ingest", err.code, str(err))
    except Exception as err:  # a crash in a reader library must not stop the batch
        return _failed(doc, "ingest", "reader_crashed", _describe(err))
    del data
    for stage in stages:
        started = time.perf_counter()
        try:
            stage.run(doc)
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
