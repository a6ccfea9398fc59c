"""Page images for the report: each page of a PDF (or a scanned image) as a JPEG beside the HTML.

The source file is found again by its sha256: under the folders given with ``--source``, at the
paths the run's ledger recorded (``OUT/_state/files.json``), or at its ``source_path``. A file whose
bytes changed is never drawn on: the boxes would not match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

DPI = 96  # a modest resolution: legible text, ~150 KB a page
QUALITY = 65


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ledger_paths(out: Path) -> dict[str, list[Path]]:
    """sha256 -> paths, from the cache the run keeps of the files it hashed."""
    cache = Path(out) / "_state" / "files.json"
    found: dict[str, list[Path]] = {}
    try:
        entries = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return found
    for path, info in entries.items():
        if isinstance(info, list) and len(info) == 3:
            found.setdefault(str(info[2]), []).append(Path(path))
    return found


def find_source(doc: dict, sources: Iterable[Path], ledger: dict[str, list[Path]]) -> Path | None:
    """The file the document was read from, if its bytes are still those that were processed."""
    sha = doc.get("source_sha256") or ""
    rel, name = doc.get("source_path") or "", doc.get("source_name") or ""
    candidates = [Path(s) / rel for s in sources if rel] + [Path(s) / name for s in sources if name]
    candidates += ledger.get(sha, []) + ([Path(rel)] if rel else [])
    seen = set()
    for path in candidates:
        if path in seen:
            continue
        seen.add(path)
        try:
            if path.is_file() and sha256_of(path) == sha:
                return path
        except OSError:
            continue
    return None


def render_pdf(path: Path, dest: Path, dpi: int = DPI) -> list[tuple[int, int, int]]:
    """Write ``p0001.jpg``... for every page of ``path`` into ``dest``; returns (page, width px, height px)."""
    import pypdfium2 as pdfium

    dest.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(path))
    sizes = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image.save(dest / page_file(i + 1), "JPEG", quality=QUALITY)
            sizes.append((i + 1, image.width, image.height))
            page.close()
    finally:
        pdf.close()
    return sizes


def render_image(path: Path, dest: Path, max_width: int = 1100) -> list[tuple[int, int, int]]:
    """A scanned image as the one page of its document, scaled down to ``max_width``."""
    from PIL import Image

    dest.mkdir(parents=True, exist_ok=True)
    with Image.open(path) as im:
        image = im.convert("L")
    if image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)))
    image.save(dest / page_file(1), "JPEG", quality=QUALITY)
    return [(1, image.width, image.height)]


def page_file(page: int) -> str:
    return f"p{page:04d}.jpg"
