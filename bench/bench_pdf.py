"""PDF speed and memory, measured in one run: pdfplumber, raw pypdfium2, our ingest, the whole pipeline.

    python bench/bench_pdf.py [PDF ...]        # default: ../shared/corpus/dev/pdf/*.pdf

Each mode runs in a fresh subprocess (so its peak memory is its own): it reads every PDF once
to warm up (imports, rules), then again timed, and reports pages/s and its peak RSS. Modes:

* ``pdfplumber``  — ``page.extract_text()`` on every page (the reference);
* ``pypdfium2``   — ``textpage.get_text_range()`` on every page (raw text, no boxes, no layout);
* ``ingest``      — our ``read_pdf`` (text, char boxes, layout clean-up);
* ``pipeline``    — ``pipeline.runner.process_file`` with the default stages (ingest to locate).

Then peak memory of ``ingest`` and ``pipeline`` on a generated 300-page PDF
(``tests/fixtures/pdfgen.py``; skipped when no DejaVu font is installed).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "pdf"
MODES = ("pdfplumber", "pypdfium2", "ingest", "pipeline")


def run_mode(mode: str, paths: list[Path], warm: bool = True) -> dict:
    sys.path.insert(0, str(ROOT))
    fn = _mode_fn(mode)
    if warm:
        for p in paths:
            fn(p)
    t = time.perf_counter()
    pages = sum(fn(p) for p in paths)
    seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"mode": mode, "pages": pages, "seconds": seconds, "peak_mb": peak_mb}


def _mode_fn(mode: str):
    if mode == "pdfplumber":
        import pdfplumber

        def fn(p: Path) -> int:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.flush_cache()
                return len(pdf.pages)

    elif mode == "pypdfium2":
        import pypdfium2 as pdfium

        def fn(p: Path) -> int:
            pdf = pdfium.PdfDocument(p)
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                tp.get_text_range()
                tp.close()
                page.close()
            n = len(pdf)
            pdf.close()
            return n

    elif mode == "ingest":
        from pipeline.ingest import IngestError, ingest, new_document

        def fn(p: Path) -> int:
            doc = new_document(p, None, data := p.read_bytes())
            try:
                ingest(doc, data)
            except IngestError:
                return 0  # a scan: its pages count for nobody
            return len(doc.source.pages)

    elif mode == "pipeline":
        from pipeline.runner import process_file

        def fn(p: Path) -> int:
            doc = process_file(p)
            return 0 if doc.status == "failed" else doc.n_pages or 0  # failed: a scan (no text layer)

    else:
        raise SystemExit(f"unknown mode {mode}")
    return fn


def child(mode: str, paths: list[Path], warm: bool = True) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, *(["--cold"] if not warm else []), *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def big_pdf(n_pages: int = 300) -> Path | None:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from pdfgen import report_pdf

    path = Path(tempfile.gettempdir()) / f"baocao_bench_{n_pages}p.pdf"
    if not path.exists():
        data = report_pdf(n_pages)
        if data is None:
            return None
        path.write_bytes(data)
    return path


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        warm = argv[2] != "--cold"
        paths = [Path(a) for a in argv[(2 if warm else 3) :]]
        print(json.dumps(run_mode(argv[1], paths, warm)))
        return
    paths = [Path(a) for a in argv] or sorted(DEFAULT.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDFs given and none in {DEFAULT}")
    print(f"{len(paths)} PDF(s): {', '.join(p.name for p in paths[:5])}{' ...' if len(paths) > 5 else ''}")
    rows = [child(mode, paths) for mode in MODES]
    ref = rows[0]["pages"] / rows[0]["seconds"]
    print(f"\n{'mode':<12}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'x pdfplumber':>14}{'peak MB':>10}")
    for r in rows:
        rate = r["pages"] / r["seconds"]
        cells = f"{r['pages']:>7}{r['seconds']:>10.3f}{rate:>10.1f}{rate / ref:>14.1f}{r['peak_mb']:>10.0f}"
        print(f"{r['mode']:<12}{cells}")
    big = big_pdf()
    if big is None:
        print("\n(no DejaVu font: the 300-page memory test is skipped)")
        return
    print(f"\ngenerated 300-page PDF ({big.stat().st_size / 1e6:.1f} MB), one pass, no warm-up:")
    print(f"{'mode':<12}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'peak MB':>10}")
    for mode in ("pypdfium2", "ingest", "pipeline"):
        r = child(mode, [big], warm=False)
        rate = r["pages"] / r["seconds"]
        print(f"{r['mode']:<12}{r['pages']:>7}{r['seconds']:>10.3f}{rate:>10.1f}{r['peak_mb']:>10.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
