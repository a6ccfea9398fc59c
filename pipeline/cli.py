"""The ``baocao`` command. ``baocao run --help`` is the reference."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .batch import run
from .write import TABLES

DESCRIPTION = """\
Turn Vietnamese government reports (.txt, .md, .pdf, .docx, .doc) into Parquet tables:
documents, texts, pages, sections, figures, dates, references, entities, checks, diagnostics.
Each table is a folder OUT/<table>/ of Parquet parts (read it with pandas.read_parquet("OUT/<table>")).
"""

RUN_EPILOG = """\
Every input file gets a row in OUT/documents with status ok, partial or failed; what went
wrong is in OUT/diagnostics. A bad file never stops the batch. The exit status is 0 when at
least one document was processed (ok or partial), 1 when none could be, 2 for bad arguments.

examples:
  baocao run data/raw -o data/processed
  baocao run reports/2024 reports/2025/bao_cao.pdf -o out --workers 2
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="baocao", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--version", action="version", version=f"baocao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    p_run = commands.add_parser("run", help="process files and folders into Parquet tables",
                                description=DESCRIPTION, epilog=RUN_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p_run.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                       help="files or folders (searched recursively for .txt .md .pdf .docx .doc)")  # fmt: skip
    p_run.add_argument("-o", "--out", required=True, type=Path, help="output folder for the tables")
    p_run.add_argument("-j", "--workers", type=int, default=None,
                       help="worker processes (default: the number of cores)")  # fmt: skip
    p_run.add_argument("-q", "--quiet", action="store_true", help="print only the final summary")

    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(parser, args)
    return 2


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    summary = run(args.inputs, args.out, workers=args.workers, progress=not args.quiet)
    print(f"baocao: {summary.line()}")
    print(f"baocao: tables in {args.out}/<{'|'.join(TABLES)}>")
    processed = summary.documents["ok"] + summary.documents["partial"]
    return 0 if processed else 1


if __name__ == "__main__":
    sys.exit(main())
