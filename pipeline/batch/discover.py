"""Discover: which files of the inputs are documents, and why every other entry is left out.

Only regular files are read. A file named on the command line is always taken: if it is
not a regular file (a FIFO, a device, a dangling link) it gets a ``failed`` row saying so.
In folders (searched recursively, links followed, each folder read once) a file is taken when its
extension is one of :data:`pipeline.ingest.FORMATS`, it matches ``--include`` (if given)
and no ``--exclude`` pattern; index and readme files lying in an archive (``README*``,
``SOURCES*``…, :data:`DEFAULT_EXCLUDES`) are left out unless ``--include`` names them (a
pattern without wildcards) or ``--no-default-excludes`` is given.
Every entry left out that looks like it was meant to be read (a link that leads nowhere, a
FIFO, an excluded document) is listed with its reason; other formats are only counted.

Paths are bytes on Linux: a name that is not UTF-8 is carried as a ``str`` with surrogate
escapes (``os.fsdecode``) so that the file can be opened, and shown escaped (``\\xff``).
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import FORMATS, source_format

# names of files that describe an archive rather than being one of its reports (matched case-insensitively)
DEFAULT_EXCLUDES = ("README*", "READ_ME*", "SOURCES*", "INDEX*", "LICENSE*", "LICENCE*", "CHANGELOG*", "MANIFEST*")
OTHER_FORMAT = "not a document format"


def extensions() -> str:
    """The extensions read, for messages and ``--help``: ``.txt .md .pdf …``."""
    return " ".join(FORMATS)


@dataclass
class Found:
    files: list[tuple[Path, Path | None]] = field(default_factory=list)  # (file, root) to process
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (shown path, reason), other formats excepted
    other_formats: Counter = field(default_factory=Counter)  # extension -> files of no document format
    empty_inputs: list[str] = field(default_factory=list)  # folders given that hold no document

    @property
    def n_ignored(self) -> int:
        return len(self.ignored) + sum(self.other_formats.values())


def shown(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 become ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(inputs: Iterable[Path], include: Iterable[str] = (), exclude: Iterable[str] = (),
             default_excludes: bool = True) -> Found:  # fmt: skip
    """(file, root) pairs in a stable order, and what was left out with why."""
    include, exclude = [p.lower() for p in include], [p.lower() for p in exclude]
    defaults = [p.lower() for p in DEFAULT_EXCLUDES] if default_excludes else []
    found = Found()
    for given in inputs:
        given = Path(given)
        if not given.is_dir():
            found.files.append((given, given.parent))  # named by the user: read, or failed with a reason
            continue
        before = len(found.files)
        for path in _walk(given, found):
            rel = path.relative_to(given).as_posix().lower()
            why = _left_out(path, rel, include, exclude, defaults)
            if why == OTHER_FORMAT:
                found.other_formats[path.suffix.lower() or "(none)"] += 1
            elif why:
                found.ignored.append((shown(path), why))
            else:
                found.files.append((path, given))
        if len(found.files) == before:
            found.empty_inputs.append(shown(given))
    return found


def _walk(folder: Path, found: Found) -> Iterable[Path]:
    """Regular files under ``folder``, sorted; every other entry goes to ``found.ignored`` with its kind."""
    seen = {_identity(folder)}  # folders read, by device and inode: a link back to one is a loop
    on_error = lambda err: found.ignored.append((shown(err.filename), _why(err)))  # noqa: E731
    for top, dirs, names in os.walk(folder, onerror=on_error, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            identity = _identity(os.path.join(top, d))
            if identity and identity in seen:
                found.ignored.append((shown(os.path.join(top, d)), "link loop (a folder already read)"))
                dirs.remove(d)
            seen.add(identity)
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(top, name)
            kind = file_kind(path)
            if kind == "file":
                yield path
            else:
                found.ignored.append((shown(path), kind))


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # os.walk reports it
    return st.st_dev, st.st_ino


def file_kind(path: Path | str) -> str:
    """``file`` for a regular file (or a link to one), else why it is not read."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return _why(err)
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "a folder"
    kinds = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
             (stat.S_ISSOCK, "socket"))  # fmt: skip
    return "not a regular file (" + next((k for test, k in kinds if test(mode)), "special file") + ")"


def _why(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "broken link (its target does not exist)" if os.path.islink(err.filename or "") else "vanished"
    if err.errno == errno.ELOOP:
        return "link loop"
    return f"unreadable ({err.strerror or err})"


def _left_out(path: Path, rel: str, include: list[str], exclude: list[str], defaults: list[str]) -> str:
    name = path.name.lower()
    matches = [p for p in include if fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p)]
    if not source_format(path):
        return OTHER_FORMAT
    if include and not matches:
        return "not matched by --include"
    for pattern in exclude:
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(name, pattern):
            return f"excluded by --exclude {pattern}"
    named = any(not any(c in p for c in "*?[") for p in matches)  # a glob does not bring an index file back
    for pattern in defaults:
        if not named and fnmatch.fnmatchcase(name, pattern):
            return f"excluded by default ({pattern}; --include {path.name} reads it)"
    return ""
