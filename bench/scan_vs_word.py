"""A scan against its Word source: the share of the Word file's figure values the scan also yields.

    .venv/bin/python bench/scan_vs_word.py [SCAN WORD]

Default pair: ``lamdong_vbai/239TTr.pdf`` (a 15-page scan) and ``BC tháng 3.2026 BCĐ tỉnh.docx`` of
``../shared/corpus/real`` (the same report; the scan also holds a covering tờ trình). Values are
matched as a multiset (each scan figure matches one Word figure of the same value).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import process_file  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real" / "lamdong_vbai"


def values(path: Path) -> tuple[Counter, object]:
    doc = process_file(path)
    return Counter(round(f.value, 4) for f in doc.figures), doc


def main() -> None:
    scan, word = (Path(p) for p in sys.argv[1:3]) if len(sys.argv) > 2 else (
        REAL / "239TTr.pdf", REAL / "BC tháng 3.2026 BCĐ tỉnh.docx")  # fmt: skip
    started = time.perf_counter()
    want, _ = values(word)
    got, doc = values(scan)
    found = sum(min(n, got[v]) for v, n in want.items())
    total = sum(want.values())
    print(f"{scan.name}: {doc.status}, {len(doc.pages)} pages, mean OCR confidence "
          f"{sum(p.ocr_confidence or 0 for p in doc.pages) / max(len(doc.pages), 1):.1f}")  # fmt: skip
    print(f"figure values of {word.name} also in the scan: {found}/{total} = {found / max(total, 1):.1%}")
    missing = Counter({v: n - got[v] for v, n in want.items() if n > got[v]})
    print(f"missing values (value: times): {dict(missing.most_common(15))}")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
