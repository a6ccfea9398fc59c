"""Record types shared by every stage, defined once.

Stages take a :class:`Document` and append plain records to it; only ``write.py``
knows about Arrow. Every extracted row is a :class:`Located`: a char span into
``Document.text`` plus its ``raw`` text, and, for page sources, the page and the box
that the ``locate`` step fills in from the character map after extraction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points (pdfplumber's system)


@dataclass
class Located:
    """Provenance of one extracted row: where its raw text stands in the document."""

    char_start: int
    char_end: int
    raw: str
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    section_id: str | None = None
    row_id: str | None = None  # set by Document.number_rows(); each record type names it as its table does
    ocr_confidence: float | None = None  # text read by OCR: the mean confidence (0-100) of its words


@dataclass
class Figure(Located):
    value: float = 0.0
    value_max: float | None = None
    denominator: float | None = None
    quantity: str = "other"
    unit: str | None = None
    scale: str | None = None
    approx: str | None = None
    direction: str | None = None
    basis: str | None = None
    subject: str | None = None
    indicator: str | None = None  # id in rules/indicators.yaml
    sentence: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None

    @property
    def figure_id(self) -> str | None:
        """The id of the row in ``figures`` (``f0001``); the same as ``row_id``."""
        return self.row_id


@dataclass
class DateMention(Located):
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str = "day"
    is_range: bool = False
    year_inferred: bool = False

    @property
    def date_id(self) -> str | None:
        """The id of the row in ``dates`` (``d0001``); the same as ``row_id``."""
        return self.row_id


@dataclass
class Reference(Located):
    ref_type: str = ""
    ref_no: str = ""
    ref_year: int | None = None
    ref_symbol: str | None = None
    ref_date: dt.date | None = None
    ref_issuer: str | None = None

    @property
    def ref_id(self) -> str | None:
        """The id of the row in ``references`` (``r0001``); the same as ``row_id``."""
        return self.row_id


@dataclass
class Entity(Located):
    kind: str = ""  # PER, ORG, LOC
    text: str = ""
    source: str = "model"

    @property
    def entity_id(self) -> str | None:
        """The id of the row in ``entities`` (``e0001``); the same as ``row_id``."""
        return self.row_id


@dataclass
class Section:
    section_id: str
    parent_id: str | None
    level: int
    marker_kind: str
    marker: str | None
    number: int | None
    heading: str
    path: str
    char_start: int
    char_end: int
    page_start: int | None = None
    page_end: int | None = None
    part_id: str | None = None  # the document part it belongs to (``Part``); None in the file's first document


@dataclass
class Part:
    """A document printed after the first one's signature in the same file.

    A covering letter followed by the document it forwards (``kind`` ``attachment``: its own type,
    title and, where printed, number and date), or a ``Phụ lục`` (``appendix``).
    """

    part_id: str
    kind: str  # attachment | appendix
    label: str | None  # "Phụ lục I" as printed, in sentence case; None for an attachment
    doc_type: str | None
    title: str | None
    doc_no: str | None
    doc_symbol: str | None
    issue_date: dt.date | None
    char_start: int
    char_end: int
    page_start: int | None = None
    page_end: int | None = None


@dataclass
class Check:
    kind: str
    figure_ids: list[str]
    expected: float | None
    observed: float | None
    status: str  # pass | fail
    message: str


@dataclass
class Diagnostic:
    stage: str
    severity: str  # info | warning | error
    code: str
    message: str


@dataclass
class Page:
    """One page of a page source: its span in ``Document.text`` and its size."""

    page: int
    char_start: int
    char_end: int
    width: float | None = None
    height: float | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    image_width: int | None = None  # OCR'd pages: the page image OCR read, in pixels, and its resolution
    image_height: int | None = None
    image_dpi: float | None = None


@dataclass
class Metadata:
    doc_no: str | None = None
    doc_symbol: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    issue_date: dt.date | None = None
    issue_date_precision: str | None = None
    title: str | None = None
    urgency: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    recipients: list[str] = field(default_factory=list)
    unreadable_date: str | None = None  # the header's date line when it reads as no calendar date
    unreadable_no: str | None = None  # what a header number read as when it is no number (OCR of handwriting)


@dataclass
class SourceText:
    """What ingest hands to normalize: the text as read, and where each char came from.

    ``char_pages``/``char_boxes`` run parallel to ``text`` for page sources (None for
    plain text). ``pages`` holds page sizes; their char spans are set by normalize.
    """

    text: str
    char_pages: list[int] | None = None
    char_boxes: list[Box | None] | None = None
    pages: list[Page] = field(default_factory=list)
    encoding: str | None = None
    encoding_fix: str | None = None
    # OCR'd sources: each char's word confidence (0-100), NaN for chars not read by OCR (a float32 array)
    char_conf: Any = None


@dataclass
class Document:
    """One input file on its way through the stages."""

    doc_id: str
    source_path: str
    source_name: str
    source_sha256: str
    source_format: str
    status: str = "ok"
    encoding: str | None = None  # how a text file's bytes were decoded
    encoding_fix: str | None = None  # legacy font encoding converted (tcvn3, vni)
    source: SourceText | None = None
    text: str = ""
    # origin[i]: index into source.text of the char at text[i] (-1 for chars normalize inserted)
    origin: list[int] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    page_count: int | None = None  # pages the reader found, kept when the document fails after opening

    @property
    def n_pages(self) -> int | None:
        """Pages of a PDF or image (an int, 0 when none could be counted); None for text sources."""
        if self.source_format not in ("pdf", "image"):
            return None
        return len(self.pages) or self.page_count or 0

    @property
    def ocr(self) -> bool:
        return any(p.ocr for p in self.pages)

    def confidence(self, start: int, end: int) -> float | None:
        """Mean OCR confidence of the words in ``text[start:end]``; None when none of it was OCR'd."""
        conf = self.source.char_conf if self.source is not None else None
        if conf is None:
            return None
        words: list[float] = []
        last = None
        for o in self.origin[start:end]:
            c = float(conf[o]) if o >= 0 else float("nan")
            if c != c:  # a space, or a char not read by OCR: the next value starts a new word
                last = None
            elif c != last:
                words.append(c)
                last = c
        return round(sum(words) / len(words), 2) if words else None

    def diagnose(self, stage: str, severity: str, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(stage, severity, code, message))

    def number_rows(self) -> None:
        """Sort the extracted rows into document order and give them ids (f0001, d0001, ...)."""
        for prefix, rows in (("f", self.figures), ("d", self.dates), ("r", self.references), ("e", self.entities)):
            rows.sort(key=lambda r: (r.char_start, r.char_end))
            for i, row in enumerate(rows, 1):
                row.row_id = f"{prefix}{i:04d}"
