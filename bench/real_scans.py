"""The real corpus through ``baocao run``: every scan ok/partial with a reason, no text-layer PDF OCR'd.

    .venv/bin/python bench/real_scans.py [--workers 2] [--out /tmp/baocao_real]

Reads ``../shared/corpus/real`` (SOURCES.md says which PDFs are scans) and prints, per PDF or image:
status, whether OCR ran and why (the ``ocr_*`` diagnostics), the mean page confidence, and the header
fields read (number, symbol, type, place, date), with the ``header_low_confidence`` warnings.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import regex

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
ROW = regex.compile(r"^\| `(?P<path>[^`]+)` \|(?:[^|]*\|){3} (?P<kind>[^|]+?) \|", regex.M)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("/tmp/baocao_real"))
    a = ap.parse_args()
    kinds = {m["path"]: m["kind"] for m in ROW.finditer((REAL / "SOURCES.md").read_text(encoding="utf-8"))}
    shutil.rmtree(a.out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/baocao"), "run", str(REAL), "-o", str(a.out), "--quiet",
                    "--workers", str(a.workers)], check=True)  # fmt: skip
    seconds = time.perf_counter() - started
    docs = pd.read_parquet(a.out / "documents")
    diags = pd.read_parquet(a.out / "diagnostics")
    pages = pd.read_parquet(a.out / "pages")
    bad = 0
    for d in docs.sort_values("source_path").itertuples():
        kind = kinds.get(d.source_path, "")
        if not (kind.startswith("pdf") or kind.startswith("image")):
            continue
        mine = diags[diags.doc_id == d.doc_id]
        reasons = sorted(set(mine.code[mine.code.str.startswith("ocr_")]))
        conf = pages[pages.doc_id == d.doc_id].ocr_confidence.mean()
        low = "; ".join(mine.message[mine.code == "header_low_confidence"])
        ok = d.status in ("ok", "partial") and (bool(d.ocr) == (kind != "pdf-text")) and (reasons or kind == "pdf-text")
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {d.source_path[:60]:60} {kind:9} {d.status:7} pages {d.n_pages:3} "
              f"ocr={d.ocr!s:5} conf={conf:5.1f} {','.join(reasons) or '-'}")  # fmt: skip
        if d.ocr:
            print(f"      header: no={d.doc_no} symbol={d.doc_symbol} type={d.doc_type} place={d.place} "
                  f"date={d.issue_date} {('| ' + low) if low else ''}")  # fmt: skip
    print(f"{len(docs)} documents in {seconds:.1f} s with {a.workers} workers; {bad} not as expected")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
