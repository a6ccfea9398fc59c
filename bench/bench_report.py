"""HTML report speed: pages written per second, and how fast a 300-page document's page opens in Chromium.

    python bench/bench_report.py [--pages 300] [PDF ...]

1. Generates a report PDF of ``--pages`` pages (``tests/fixtures/pdfgen.py``, needs a DejaVu font) and
   takes it, with any PDFs given, through ``baocao run``.
2. Writes the report from scratch (``--force``: every page image rendered, every HTML page written) and
   reports PDF pages per second; then again with nothing changed (the incremental path).
3. Opens the 300-page document's page in Debian's headless Chromium (fresh profile) and reports the time
   to the load event, then selects the last figure of the document (page view scrolled to its box).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()

    import pandas as pd

    import pipeline
    from pipeline.output.report import page_name, write_report
    from tests.fixtures import pdfgen
    from tests.report.chromium import Chromium

    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    (work / "in").mkdir()
    data = pdfgen.report_pdf(args.pages)
    if data is None:
        sys.exit("no DejaVu font: cannot generate the PDF")
    big = work / "in" / f"generated_{args.pages}_pages.pdf"
    big.write_bytes(data)
    for p in args.pdfs:
        (work / "in" / p.name).write_bytes(p.read_bytes())
    out = work / "out"
    t = time.perf_counter()
    pipeline.run([work / "in"], out, workers=1)
    print(f"pipeline: {time.perf_counter() - t:.1f} s")

    docs = pd.read_parquet(out / "documents")
    pages = int(docs.n_pages.fillna(0).sum())
    cold = write_report(out, force=True)
    print(f"report from scratch: {pages} PDF pages, {len(docs)} documents in {cold.seconds:.2f} s "
          f"= {pages / cold.seconds:.1f} pages/s ({cold.pages} page images)")  # fmt: skip
    warm = write_report(out)
    print(f"report again, nothing changed: {warm.seconds:.2f} s ({warm.written} pages rewritten)")

    doc_id = docs[docs.source_name == big.name].doc_id.iloc[0]
    html = out / "report" / page_name(doc_id)
    figures = pd.read_parquet(out / "figures")
    last = figures[figures.doc_id == doc_id].figure_id.iloc[-1]
    print(f"document page: {html.stat().st_size / 1e6:.1f} MB HTML, "
          f"{int((figures.doc_id == doc_id).sum())} figures")  # fmt: skip
    with Chromium() as browser:
        opened = [browser.open(html.as_uri())]
        browser.open("about:blank")
        opened.append(browser.open(html.as_uri()))
        t = time.perf_counter()
        info = browser.js(
            f"(function(){{window.baocao.select({json.dumps(last)});var b=document.getElementById('box');"
            "return [b.parentNode.dataset.page, document.querySelectorAll('[data-id]').length]})()"
        )
        selected = time.perf_counter() - t
        print(f"chromium: {args.pages}-page document opened (load event) in {opened[0]:.2f} s cold, "
              f"{opened[1]:.2f} s again; {info[1]} highlights; selecting the last figure ({last}, page "
              f"{info[0]}) took {selected * 1000:.0f} ms")  # fmt: skip
        errors = browser.errors()
        if errors:
            print("console errors:", errors)
    print(f"(work folder: {work})")


if __name__ == "__main__":
    main()
