"""The ``baocao`` command. ``baocao run --help`` is the reference."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .batch.discover import DEFAULT_EXCLUDES, extensions, shown
from .batch.ledger import BusyError
from .batch.run import PART_SIZE, TIMEOUT, run
from .batch.store import OutputError
from .batch.workers import WorkerStartError, use_system_allocator
from .output.write import TABLES
from .rules import EXTRA_ENV, RulesError, check_all

DESCRIPTION = f"""\
Turn Vietnamese government reports into Parquet tables: documents, texts, pages, sections,
figures, dates, references, entities, checks, diagnostics. Formats read, by extension:
  {extensions()}
Each table is a folder OUT/<table>/ of Parquet parts (read it with pandas.read_parquet("OUT/<table>")).
"""

RUN_EPILOG = f"""\
A file named on the command line is always read, and fails with a reason if it cannot be.
In folders, searched recursively (links followed), files of other formats and hidden files
are skipped, and so are the index and readme files of an archive, named (in any case)
  {" ".join(DEFAULT_EXCLUDES)}
unless --include names one (no wildcards) or --no-default-excludes is given. Links that lead
nowhere, link loops, FIFOs and devices are never read: they are counted and listed as ignored.

Every input file gets a row in OUT/documents with status ok, partial or failed; what went
wrong is in OUT/diagnostics. A bad file never stops the batch: a document that takes longer
than --timeout, passes --max-memory or crashes its worker twice is recorded as failed (code
timeout / memory_limit / worker_crashed). An output that cannot be written (a full disk)
stops the run cleanly: free space and run the same command again.

Runs are incremental: a file whose bytes were already processed by the same pipeline version
(code and rules) under the same path is skipped, so running again over a grown archive does
only the new, changed, renamed and moved files; a changed file's old rows are replaced, never
duplicated. A file whose size and modification time did not change is not read again (its
hash is cached): --verify reads and hashes every file. A killed run (even kill -9) loses only
the documents in flight: run the same command again to finish. The ledger of processed files
is in OUT/_state/ (readers of the tables ignore it).

exit status:
  0  every input has its rows in the tables (a failed document has rows too)
  1  some input is left without rows (e.g. no supported document in a folder given);
     with --strict, also when any input document is failed or partial
  2  bad arguments, or the environment: OUT busy (another run), not writable, full, not a folder

examples:
  baocao run data/raw -o data/processed
  baocao run reports/2024 reports/2025/bao_cao.pdf -o out --workers 2
  baocao run archive -o out --include '*.pdf' --exclude 'nhap/*'
  baocao run /archive -o s3://bucket/baocao --scheduler tcp://10.0.0.5:8786
  baocao compact data/processed
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
                       help=f"files or folders (searched recursively for {extensions()})")  # fmt: skip
    p_run.add_argument("-o", "--out", required=True, type=Path, help="output folder for the tables")
    p_run.add_argument("-j", "--workers", type=int, default=None,
                       help="worker processes (default: the number of cores)")  # fmt: skip
    p_run.add_argument("-q", "--quiet", action="store_true", help="print only the final summary")
    p_run.add_argument("--force", action="store_true", help="process every file again, even if unchanged")
    p_run.add_argument("--retry-failed", action="store_true", help="process the files that failed before again")
    p_run.add_argument("--verify", action="store_true",
                       help="read and hash every file, even if its size and mtime did not change")  # fmt: skip
    p_run.add_argument("--include", action="append", default=[], metavar="GLOB",
                       help="in folders, read only files whose name or path matches (repeatable)")  # fmt: skip
    p_run.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="in folders, skip files whose name or path matches (repeatable)")  # fmt: skip
    p_run.add_argument("--no-default-excludes", action="store_true",
                       help=f"also read files named {' '.join(DEFAULT_EXCLUDES)} found in folders")  # fmt: skip
    p_run.add_argument("--strict", action="store_true", help="exit 1 when any input document is failed or partial")
    p_run.add_argument("--max-memory", type=int, default=None, metavar="MB",
                       help="address space each worker may use; a document that needs more fails with "
                            "memory_limit (default: 3/4 of the RAM shared by the workers, at least 2048)")  # fmt: skip
    p_run.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop a document after this long and record it as failed (default: {TIMEOUT:g})",
    )
    p_run.add_argument(
        "--part-size",
        type=int,
        default=PART_SIZE,
        metavar="N",
        help=f"documents per Parquet part (default: {PART_SIZE})",
    )
    p_run.add_argument("--ner", action="store_true",
                       help="also find entities with underthesea's NER model (slow: a few thousand chars/s); sets "
                            "BAOCAO_NER=1 for the workers (Dask workers need it in their own environment)")  # fmt: skip
    p_run.add_argument("--rules", type=Path, metavar="DIR",
                       help="a folder of YAML rule files merged onto the shipped ones (same file names, e.g. "
                            "documents.yaml with a province's own document types): lists are extended, mappings "
                            "merged key by key, scalars replaced; every rule file is checked before any document "
                            "is read (a bad one stops the run, exit 2)")  # fmt: skip
    p_run.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask distributed cluster (tcp://HOST:8786); its workers must see the "
                            "input files and OUT (a shared path or a URL such as s3://bucket/out)")  # fmt: skip

    p_compact = commands.add_parser(
        "compact",
        help="merge the small Parquet parts of an output folder",
        description="Merge small parts of OUT into few large ones, atomically.",
    )
    p_compact.add_argument("out", metavar="OUT", help="output folder (or URL) of baocao run")
    p_compact.add_argument("--docs-per-part", type=int, default=5000, metavar="N",
                           help="documents per merged part (default: 5000)")  # fmt: skip

    p_report = commands.add_parser(
        "report",
        help="write the static HTML report of an output folder (opens offline from the file system)",
        description="Write OUT/report/index.html (one row per document) and one page per document with every "
        "figure, date, reference and entity highlighted, the section outline, the arithmetic checks and, for "
        "PDFs, the page images with the selected row's box. Only pages whose inputs changed are rewritten.",
    )
    p_report.add_argument("out", metavar="OUT", type=Path, help="output folder of baocao run")
    p_report.add_argument("-o", "--dest", type=Path, default=None, help="report folder (default: OUT/report)")
    p_report.add_argument("--source", type=Path, action="append", default=[], metavar="DIR",
                          help="folder holding the input files, to draw page images when they moved since the "
                               "run (files are matched by sha256; may be repeated)")  # fmt: skip
    p_report.add_argument("--dpi", type=int, default=96, help="resolution of the page images (default: 96)")
    p_report.add_argument("--force", action="store_true", help="rewrite every page and image")

    p_export = commands.add_parser(
        "export",
        help="export the tables for auditors (an Excel workbook) or for NLP (a spaCy DocBin)",
        description="Export the tables of OUT to other formats (one or both of --xlsx and --spacy).",
    )
    p_export.add_argument("out", metavar="OUT", type=Path, help="output folder of baocao run")
    p_export.add_argument("--xlsx", type=Path, metavar="FILE",
                          help="Excel workbook with sheets documents, figures, checks, diagnostics; each row "
                               "links to its place in the HTML report")  # fmt: skip
    p_export.add_argument("--report", type=Path, default=None, metavar="DIR",
                          help="the report folder the links point to (default: OUT/report)")  # fmt: skip
    p_export.add_argument("--spacy", metavar="FILE", type=Path,
                          help="a spaCy DocBin: one Doc per document over its normalized text, span groups figures, "
                               "dates, references, entities, sections with ids and values (needs spaCy)")  # fmt: skip

    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _run(parser, args)
        if args.command == "compact":
            return _compact(args)
        if args.command == "report":
            return _report(parser, args)
        if args.command == "export":
            return _export(parser, args)
    except (BusyError, RulesError, OutputError, WorkerStartError) as err:
        print(f"baocao: {err}", file=sys.stderr)
    except OSError as err:  # the environment (a path that cannot be read or made): one line, no traceback
        where = f": {shown(err.filename)}" if err.filename else ""
        print(f"baocao: {err.strerror or err}{where}", file=sys.stderr)
    except KeyboardInterrupt:
        print("\nbaocao: interrupted; what was written is kept: run the same command again to finish", file=sys.stderr)
        return 130
    return 2


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.timeout <= 0 or args.part_size < 1:
        parser.error("--timeout and --part-size must be positive")
    if args.max_memory is not None and args.max_memory < 256:
        parser.error("--max-memory must be at least 256 (MB): a worker maps about 500 MB before any document")
    if args.out.exists() and not args.out.is_dir():
        raise OutputError(f"cannot write to {args.out}: not a folder")
    use_system_allocator()  # before any Arrow memory: workers inherit this process's address space
    if args.ner:  # read by pipeline/stages/entities.py in every worker (forked: inherited) and by the version digest
        os.environ["BAOCAO_NER"] = "1"
    if args.rules:  # read by pipeline/rules.py in every worker (forked: inherited) and by the version digest
        os.environ[EXTRA_ENV] = str(args.rules.resolve())
    check_all()  # every rule file loaded, validated and compiled once, before any document is read
    summary = run(args.inputs, args.out, workers=args.workers, part_size=args.part_size, progress=not args.quiet,
                  force=args.force, retry_failed=args.retry_failed, timeout=args.timeout,
                  scheduler=args.scheduler, include=args.include, exclude=args.exclude,
                  default_excludes=not args.no_default_excludes, verify=args.verify,
                  max_memory_mb=args.max_memory)  # fmt: skip
    print(f"baocao: {summary.line()}")
    found = summary.found
    for folder in found.empty_inputs:
        print(f"baocao: no supported documents found in {folder} (files read: {extensions()})", file=sys.stderr)
    if not args.quiet:
        for path, why in found.ignored:
            print(f"baocao: ignored {path}: {why}", file=sys.stderr)
        if found.other_formats:
            other = ", ".join(f"{n} {ext}" for ext, n in sorted(found.other_formats.items()))
            print(f"baocao: ignored {other} (not a document format)", file=sys.stderr)
        print(f"baocao: tables in {args.out}/<{'|'.join(TABLES)}>")
    if summary.inputs["missing"]:
        print(f"baocao: {summary.inputs['missing']} inputs are left without rows: run the same command again",
              file=sys.stderr)  # fmt: skip
    if summary.inputs["missing"] or found.empty_inputs:
        return 1
    return 1 if args.strict and (summary.inputs["failed"] or summary.inputs["partial"]) else 0


def _compact(args: argparse.Namespace) -> int:
    from .batch.compact import compact

    before, after = compact(args.out, args.docs_per_part)
    print(f"baocao: {before} parts -> {after} parts in {args.out}")
    return 0


def _not_an_output(out: Path) -> str:
    return f"{out} is not an output folder of baocao run (no tables here: run `baocao run INPUT -o {out}` first)"


def _report(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .output.report import write_report

    if not (args.out / "documents").is_dir():
        parser.error(_not_an_output(args.out))
    if args.dpi < 20 or args.dpi > 300:
        parser.error("--dpi must be between 20 and 300")
    summary = write_report(args.out, args.dest, sources=args.source, dpi=args.dpi, force=args.force)
    print(f"baocao: {summary.line()}")
    for missing in summary.missing_sources[:10]:
        print(f"baocao: no page images for {missing} (source not found or changed; use --source DIR)")
    return 0


def _export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not (args.out / "documents").is_dir():
        parser.error(_not_an_output(args.out))
    if args.xlsx is None and args.spacy is None:
        parser.error("say what to export: --xlsx FILE and/or --spacy FILE")
    if args.xlsx is not None:
        from .output.xlsx import export_xlsx

        counts = export_xlsx(args.out, args.xlsx, args.report)
        print(f"baocao: wrote {args.xlsx} ({', '.join(f'{n} {sheet}' for sheet, n in counts.items())})")
    if args.spacy is not None:
        from .output.spacy_export import export_spacy

        try:
            n = export_spacy(args.out, args.spacy)
        except ValueError as err:  # spaCy missing: the message says what to install
            print(f"baocao: {err}", file=sys.stderr)
            return 2
        print(f"baocao: {n} documents written to {args.spacy} (spaCy DocBin)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
