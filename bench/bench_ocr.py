"""Benchmark of OCR: bare Tesseract vs the pipeline on the same page images, 1 and 2 workers, memory.

    .venv/bin/python bench/bench_ocr.py [--pages 12] [--long 60] [--dir /tmp/baocao_bench_ocr]

Pages: the first ``--pages`` pages of the dev scans (``../shared/corpus/dev/scan``), or, without
``../shared``, scans made from the generated report (``tests/fixtures/scangen.py``).

* ``bare``: tesserocr alone (same tessdata, language, PSM, one OpenMP thread) on the page images the
  pipeline renders (pypdfium2 at the scan's own resolution), words with boxes and confidences read.
* ``pipeline``: ``pipeline.process_file`` on a PDF of the same pages (render, OCR, layout, every
  stage); overhead = pipeline s/page over bare s/page, in the same process, one after the other.
* ``1 worker`` / ``2 workers``: ``baocao run`` on the pages split into 2-page PDFs, pages/s; peak
  memory per worker is the largest child RSS.
* ``long``: one ``--long``-page scan through ``process_file`` in a subprocess, RSS sampled: memory
  must stay flat (the page images are freed page by page).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import pypdfium2 as pdfium  # noqa: E402

DEV_SCANS = ROOT.parent / "shared" / "corpus" / "dev" / "scan"


def source_pages(n: int) -> list[bytes]:
    """n one-page image-only PDFs."""
    pages: list[bytes] = []
    for path in sorted(DEV_SCANS.glob("*.pdf")) if DEV_SCANS.is_dir() else []:
        pdf = pdfium.PdfDocument(path)
        for i in range(len(pdf)):
            if len(pages) >= n:
                break
            one = pdfium.PdfDocument.new()
            one.import_pages(pdf, [i])
            out = io.BytesIO()
            one.save(out)
            pages.append(out.getvalue())
    if not pages:
        import scangen

        images = scangen.page_images(min(n, 6), dpi=150) or []
        pages = [scangen.scan_pdf([im]) for im in images]
        pages = (pages * (n // max(len(pages), 1) + 1))[:n]
    return pages


def merged(pages: list[bytes]) -> bytes:
    out_pdf = pdfium.PdfDocument.new()
    for data in pages:
        out_pdf.import_pages(pdfium.PdfDocument(data))
    out = io.BytesIO()
    out_pdf.save(out)
    return out.getvalue()


def bare(pages: list[bytes]) -> float:
    """CPU-s per page of tesserocr alone on the images the pipeline reads."""
    from tesserocr import RIL, PyTessBaseAPI, iterate_level

    from pipeline.ingest import ocr, scan

    cfg = ocr.rules_()
    api = PyTessBaseAPI(path=str(ocr.tessdata_dir("vie")), lang=cfg["engine"]["lang"], psm=cfg["engine"]["psm"])
    images = []
    for data in pages:
        page = pdfium.PdfDocument(data)[0]
        width, height = page.get_size()
        _cover, ppp = scan.image_cover(page, width, height)
        dpi = min(max((ppp or 1) * 72, cfg["render"]["min_dpi"]), cfg["render"]["max_dpi"])
        images.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
    started = time.process_time()
    for image in images:
        api.SetImage(image)
        api.Recognize()
        for r in iterate_level(api.GetIterator(), RIL.WORD):
            with contextlib.suppress(RuntimeError):  # an empty word
                r.GetUTF8Text(RIL.WORD), r.Confidence(RIL.WORD), r.BoundingBox(RIL.WORD)
    return (time.process_time() - started) / len(images)


def pipeline_per_page(pdf: bytes, n: int, work: Path) -> float:
    from pipeline.runner import process_file

    path = work / "all.pdf"
    path.write_bytes(pdf)
    process_file(path)  # a warm-up pass: imports, rules, the engine, the stages' models (once per worker)
    started = time.process_time()
    doc = process_file(path)
    assert doc.status == "ok" and doc.ocr, doc.diagnostics
    return (time.process_time() - started) / n


def workers(pages: list[bytes], n_workers: int, work: Path) -> tuple[float, float]:
    folder = work / f"in{n_workers}"
    out = work / f"out{n_workers}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    folder.mkdir(parents=True)
    for k in range(0, len(pages), 2):
        (folder / f"doc{k:04d}.pdf").write_bytes(merged(pages[k : k + 2]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "baocao"), "run", str(folder), "-o", str(out), "--quiet",
         "--workers", str(n_workers)],
        check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return len(pages) / seconds, peak


def long_scan(pages: list[bytes], n: int, work: Path) -> list[float]:
    """RSS (MB) at 25/50/75/100% of a process_file run on an n-page scan."""
    pdf = merged([pages[k % len(pages)] for k in range(n)])
    path = work / "long.pdf"
    path.write_bytes(pdf)
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from pipeline.runner import process_file; d = process_file(Path(sys.argv[1])); print(d.status, len(d.pages))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True)
    samples: list[float] = []

    def sample() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while proc.poll() is None:
            try:
                rss = next(ln for ln in status.read_text().splitlines() if ln.startswith("VmRSS"))
                samples.append(int(rss.split()[1]) / 1024)
            except (OSError, StopIteration):
                pass
            time.sleep(0.5)

    thread = threading.Thread(target=sample)
    thread.start()
    out, _ = proc.communicate()
    thread.join()
    print(f"  long scan: {out.strip()}")
    if not samples:
        return []
    return [samples[min(len(samples) - 1, int(len(samples) * q))] for q in (0.25, 0.5, 0.75, 0.999)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--long", type=int, default=60)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/baocao_bench_ocr"))
    a = ap.parse_args()
    a.dir.mkdir(parents=True, exist_ok=True)
    pages = source_pages(a.pages)
    print(f"{len(pages)} scanned pages ({'dev scans' if DEV_SCANS.is_dir() else 'generated'}); load {os.getloadavg()}")
    all_pages = merged(pages)
    bares, pipes = [], []
    for _ in range(2):  # alternated, best of two: the machine's load changes under us
        bares.append(bare(pages))
        pipes.append(pipeline_per_page(all_pages, len(pages), a.dir))
    b, p = min(bares), min(pipes)
    print(f"bare tesserocr: {b:.2f} CPU-s/page {bares}; pipeline: {p:.2f} CPU-s/page {pipes}; overhead {p / b:.2f}x")
    for n in (1, 2):
        rate, peak = workers(pages, n, a.dir)
        print(f"{n} worker(s): {rate:.2f} pages/s; peak memory per worker {peak:.0f} MB")
    if a.long:
        rss = long_scan(pages, a.long, a.dir)
        print(f"{a.long}-page scan, RSS at 25/50/75/100% of the run: {', '.join(f'{r:.0f}' for r in rss)} MB")
    print(f"load at the end {os.getloadavg()} (other processes on the machine slow every number down)")


if __name__ == "__main__":
    main()
