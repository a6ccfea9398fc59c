"""OCR of a page image with Tesseract 5 (tesserocr), into the same lines and char boxes text PDFs get.

One engine per process, made on first use (after the batch forks its workers), with one OpenMP
thread: Tesseract's default threading costs 4-11 CPU-s a page here against ~1.4, and the batch
already runs one worker per core. Words come with their boxes and confidences from the same pass.

A word's box is split evenly over its letters, so a figure's box is the union of its chars'
boxes as on a text page; boxes are converted from image pixels to PDF points (``/ scale``), in
pdfplumber's system (``top`` from the page top). Each char carries its word's confidence
(``PdfLine.conf``; NaN for inserted spaces) so rows can report the mean confidence of their words.

A page Tesseract reads badly (mean confidence under ``engine.reorient_below``) is checked for
orientation (OSD) and read again turned, when OSD is sure (``engine.osd_min_confidence``), keeping
the better reading. Settings in ``rules/ocr.yaml``; the tessdata folder is Debian's (``tesseract-ocr-vie``),
or ``$BAOCAO_TESSDATA``. Without Tesseract or its ``vie`` data, OCR raises ``IngestError("ocr_unavailable")``.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when libtesseract loads: before tesserocr is imported

from .. import rules
from .errors import IngestError
from .pdf_chars import PdfLine
from .text_quality import OCR_SCHEMA

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


@dataclass
class Word:
    text: str
    conf: float
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels
    line: int  # index of its text line on the page


@dataclass
class OcrResult:
    words: list[Word]
    confidence: float | None  # mean word confidence (0-100), None without words
    rotated: int = 0  # degrees the image was turned (counter-clockwise) before it was read


def rules_() -> dict:
    return rules.load("ocr.yaml", OCR_SCHEMA)


def tessdata_dir(lang: str) -> Path:
    """The folder holding ``<lang>.traineddata``, or IngestError ``ocr_unavailable``."""
    env = os.environ.get("BAOCAO_TESSDATA")  # when set, the only place looked at
    for folder in [env] if env else TESSDATA_DIRS:
        if (Path(folder) / f"{lang}.traineddata").is_file():
            return Path(folder)
    where = env or ", ".join(TESSDATA_DIRS)
    raise IngestError(
        "ocr_unavailable",
        f"OCR needed but Tesseract's '{lang}' data was not found (looked in {where}): "
        "install tesseract-ocr and tesseract-ocr-vie, or set BAOCAO_TESSDATA",
    )


class Engine:
    """A Tesseract instance (and an OSD one, made when first needed) for this process."""

    def __init__(self) -> None:
        cfg = rules_()["engine"]
        self.cfg = cfg
        try:
            import tesserocr
        except ImportError as err:
            raise IngestError("ocr_unavailable", f"OCR needed but tesserocr cannot be loaded: {err}") from None
        self.tesserocr = tesserocr
        self.path = str(tessdata_dir(cfg["lang"]))
        try:
            self.api = tesserocr.PyTessBaseAPI(path=self.path, lang=cfg["lang"], psm=cfg["psm"])
        except RuntimeError as err:
            raise IngestError("ocr_unavailable", f"Tesseract could not start with '{cfg['lang']}': {err}") from None
        self._osd = None
        self._line = None  # single-line reader for second readings, made when first needed

    def read(self, image, header: bool = False) -> OcrResult:
        """Words of a PIL image (grayscale), turned first when the page reads badly and OSD is sure.

        ``header``: the page holds the document's header; its doubtful words with digits get a second reading.
        """
        result = self._read(image)
        if header:
            self.second_reading(image, result)
        if result.confidence is None or result.confidence < self.cfg["reorient_below"]:
            turn = self.orientation(image)
            if turn:
                again = self._read(image.rotate(turn, expand=True))
                if (again.confidence or 0) > (result.confidence or 0) and len(again.words) >= len(result.words) / 2:
                    again.rotated = turn  # its words stand on the turned image: see ``unturn``
                    return again
        return result

    def _read(self, image) -> OcrResult:
        from tesserocr import RIL, iterate_level

        api = self.api
        api.SetImage(image)
        api.Recognize()
        words: list[Word] = []
        line = -1
        iterator = api.GetIterator()
        if iterator is not None:
            for r in iterate_level(iterator, RIL.WORD):
                try:
                    text = r.GetUTF8Text(RIL.WORD)
                    box = r.BoundingBox(RIL.WORD)
                except RuntimeError:  # an empty word
                    continue
                if r.IsAtBeginningOf(RIL.TEXTLINE):
                    line += 1
                text = unicodedata.normalize("NFC", text or "").strip()
                if not text or box is None:
                    continue
                confidence = float(r.Confidence(RIL.WORD))
                if confidence < self.cfg["speck_confidence"] and len(text) <= 2 and not any(c.isdigit() for c in text):
                    continue  # a speck or a stroke of a seal read as a letter or two ("ni", "Đ")
                words.append(Word(text, confidence, tuple(map(float, box)), max(line, 0)))
        api.Clear()
        conf = float(np.mean([w.conf for w in words])) if words else None
        return OcrResult(words, conf)

    def second_reading(self, image, result: OcrResult) -> None:
        """Header words with digits read under ``header_min_confidence`` are read again, alone (PSM 7).

        Typed digits read the same twice, with a high confidence; handwriting does not (nothing, or
        other digits). Agreement lifts the word's confidence to the second one's, disagreement lowers
        it to the lower of the two (0 when nothing was read): the metadata stage trusts numbers by it.
        Measured: the typed numbers of the 3 dev scans and of a 576 px photo confirmed (93-96); the 4
        handwritten ones of real scans misread by the first pass stay under the bar (one read the
        same wrong digits again, at 86)."""
        limit = rules_()["header_min_confidence"]
        zone = self.cfg["second_reading_zone"] * image.height
        doubtful = [w for w in result.words if w.box[3] < zone and w.conf < limit and any(c.isdigit() for c in w.text)]
        if not doubtful:
            return
        if self._line is None:
            self._line = self.tesserocr.PyTessBaseAPI(path=self.path, lang=self.cfg["lang"], psm=7)
        for w in doubtful[:12]:
            x0, y0, x1, y1 = w.box
            pad = 0.3 * (y1 - y0)
            crop = image.crop((int(max(0, x0 - pad)), int(max(0, y0 - pad)), int(x1 + pad), int(y1 + pad)))
            self._line.SetImage(crop)
            again = unicodedata.normalize("NFC", self._line.GetUTF8Text() or "").strip()
            conf = float(self._line.MeanTextConf())
            w.conf = max(w.conf, conf) if again == w.text else min(w.conf, conf if again else 0.0)
        self._line.Clear()
        result.confidence = float(np.mean([w.conf for w in result.words]))

    def orientation(self, image) -> int:
        """Degrees to turn the image (counter-clockwise) to make it upright; 0 when OSD is unsure."""
        try:
            if self._osd is None:
                tessdata_dir("osd")
                self._osd = self.tesserocr.PyTessBaseAPI(path=self.path, lang="osd", psm=0)
            self._osd.SetImage(image)
            found = self._osd.DetectOrientationScript()
        except (IngestError, RuntimeError):
            return 0
        if not found or found.get("orient_conf", 0) < self.cfg["osd_min_confidence"]:
            return 0
        return int(found.get("orient_deg", 0)) % 360


def unturn(boxes: np.ndarray, turn: int, width: float, height: float) -> np.ndarray:
    """Boxes (x0, top, x1, bottom) on a page read turned ``turn`` degrees counter-clockwise, back
    on the page as it is (``width``, ``height``: the page's own size, unturned)."""
    if not turn or not len(boxes):
        return boxes
    x0, top, x1, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    if turn == 90:  # upright (x, y) stands at (width - y, x) on the page
        out = [width - bottom, x0, width - top, x1]
    elif turn == 180:
        out = [width - x1, height - bottom, width - x0, height - top]
    elif turn == 270:  # upright (x, y) stands at (y, height - x)
        out = [top, height - x1, bottom, height - x0]
    else:
        return boxes
    return np.column_stack(out)


_ENGINE: tuple[int, str, Engine] | None = None


def engine() -> Engine:
    """This process's engine (a forked worker makes its own; a new BAOCAO_TESSDATA a new one)."""
    global _ENGINE
    key = os.environ.get("BAOCAO_TESSDATA", "")
    if _ENGINE is None or _ENGINE[0] != os.getpid() or _ENGINE[1] != key:
        _ENGINE = (os.getpid(), key, Engine())
    return _ENGINE[2]


def lines(result: OcrResult, scale: float, dx: float = 0.0, dy: float = 0.0) -> list[PdfLine]:
    """OCR words as page lines in PDF points: chars get their word's box split evenly, and its confidence.

    ``scale`` is image pixels per PDF point; ``dx, dy`` the page position of the image's top-left corner.
    """
    by_line: dict[int, list[Word]] = {}
    for w in result.words:
        by_line.setdefault(w.line, []).append(w)
    nan = float("nan")
    out = []
    for words in by_line.values():
        boxes: list[tuple[float, float, float, float]] = []  # built as lists: numpy per word costs more
        confs: list[float] = []
        for k, w in enumerate(words):
            if k:
                boxes.append((nan, nan, nan, nan))
                confs.append(nan)
            x0, y0, x1, y1 = w.box
            step = (x1 - x0) / len(w.text)
            top, bottom = y0 / scale + dy, y1 / scale + dy
            boxes.extend(
                ((x0 + j * step) / scale + dx, top, (x0 + (j + 1) * step) / scale + dx, bottom)
                for j in range(len(w.text))
            )
            confs.extend([w.conf] * len(w.text))
        b = np.round(np.array(boxes, dtype=float), 2)
        first, last = words[0].box, words[-1].box
        heights = sorted((w.box[3] - w.box[1]) / scale for w in words)
        out.append(
            PdfLine(
                " ".join(w.text for w in words),
                b,
                round(first[0] / scale + dx, 2),
                round(min(w.box[1] for w in words) / scale + dy, 2),
                round(last[2] / scale + dx, 2),
                round(max(w.box[3] for w in words) / scale + dy, 2),
                heights[len(heights) // 2],
                conf=np.array(confs, dtype=float),
            )
        )
    out.sort(key=lambda ln: ln.top)  # Tesseract's order within a block is top-down already; blocks may not be
    if out:  # word boxes are as tall as their letters ("KHẨN" vs "ca"): one size for the page reads better
        size = sorted(ln.size for ln in out)[len(out) // 2]
        for ln in out:
            ln.size = size
    return out
