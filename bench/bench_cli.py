"""The command line end to end, against pdfplumber, on a folder of PDFs: what a user waits for.

    python bench/bench_cli.py [PDF or folder ...]   # default: the text-layer PDFs of ../shared/corpus

Both sides are timed as whole processes, start-up included (interpreter, imports, rules):

* ``pdfplumber`` — a fresh ``python`` that imports pdfplumber and runs ``page.extract_text()`` on every
  page of every file (one process: pdfplumber has no parallel mode);
* ``baocao -j N`` — ``baocao run FOLDER -o OUT --quiet --workers N`` into a fresh OUT (every document
  processed, the Parquet tables written), for N = 1 and N = the cores.

Scans (no text layer) are left out: OCR is another benchmark. Each command runs ``--repeat`` times
(default 3), interleaved; the fastest run counts. Also measured: ``baocao --version`` (the interpreter
and the CLI's imports) and the time before the first document (rules loaded and compiled, workers ready).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent

PLUMBER = """
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.flush_cache()
            pages += 1
print(pages)
"""


def text_layer_pdfs(inputs: list[Path]) -> list[tuple[Path, int]]:
    """(PDF, pages) for every PDF with a text layer (at least 100 chars a page on average)."""
    import pypdfium2 as pdfium

    found = []
    for given in inputs:
        for path in sorted(given.rglob("*.pdf")) if given.is_dir() else [given]:
            pdf = pdfium.PdfDocument(path)
            n = len(pdf)
            chars = sum(pdf[i].get_textpage().count_chars() for i in range(n))
            pdf.close()
            if n and chars >= 100 * n:
                found.append((path, n))
    return found


def timed(cmd: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    inputs = args.inputs or [SHARED / "real", SHARED / "dev" / "pdf"]
    pdfs = text_layer_pdfs(inputs)
    if not pdfs:
        raise SystemExit(f"no text-layer PDFs in {', '.join(map(str, inputs))}")
    pages = sum(n for _, n in pdfs)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="baocao-bench-cli-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (path, _) in enumerate(pdfs):
            os.symlink(path.resolve(), folder / f"{i:03d}_{path.name}")
        files = sorted(str(p) for p in folder.iterdir())
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        commands = {"pdfplumber": [sys.executable, "-c", PLUMBER, *files]}
        for n in sorted({1, cores}):
            commands[f"baocao -j {n}"] = [str(BIN / "baocao"), "run", str(folder), "-o", "OUT", "-q", "-j", str(n)]
        commands["baocao --version"] = [str(BIN / "baocao"), "--version"]
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                shutil.rmtree(Path(tmp) / "OUT", ignore_errors=True)
                best[name] = min(best.get(name, float("inf")), timed(cmd, cwd=tmp, env=env))
        # the time before the first document: one tiny text file, end to end, less nothing
        tiny = Path(tmp) / "tiny"
        tiny.mkdir()
        (tiny / "a.txt").write_text("BÁO CÁO\nTổng thu đạt 12 tỷ đồng, tăng 5%.\n", encoding="utf-8")
        one = [str(BIN / "baocao"), "run", str(tiny), "-o", "OUT1", "-q", "-j", "1"]
        best["baocao, one tiny text"] = min(
            timed(one, cwd=tmp, env=env) for _ in range(args.repeat) if not shutil.rmtree(Path(tmp) / "OUT1", True)
        )
    print(f"{len(pdfs)} text-layer PDFs, {pages} pages; {cores} cores; fastest of {args.repeat}\n")
    print(f"{'command':<24}{'seconds':>9}{'pages/s':>9}{'x pdfplumber':>14}")
    ref = best["pdfplumber"]
    for name, seconds in best.items():
        if name.startswith("baocao -j") or name == "pdfplumber":
            print(f"{name:<24}{seconds:>9.2f}{pages / seconds:>9.1f}{ref / seconds:>14.2f}")
        else:
            print(f"{name:<24}{seconds:>9.2f}")


if __name__ == "__main__":
    main()
