"""Progress: one redrawn line on a terminal, a plain line every few seconds in a log.

Shows files done, pages, rows, failures, the rate and the time left. Failed documents are
also named, one line each, so a log tells which files to look at.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total, self.stream, self.enabled = total, stream or sys.stderr, enabled and total > 0
        self.tty = self.stream.isatty()
        self.every = 0.2 if self.tty else 10.0  # seconds between two reports
        self.started = self.last = time.monotonic()
        self.files = self.pages = self.rows = self.failed = 0

    def done(self, status: str, pages: int, rows: int, path: str = "", why: str = "") -> None:
        self.files += 1
        self.pages += pages
        self.rows += rows
        if status == "failed":
            self.failed += 1
            self._say(f"failed: {path}" + (f" ({why})" if why else ""))
        now = time.monotonic()
        if self.enabled and (now - self.last >= self.every or self.files == self.total):
            self.last = now
            self._draw()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.files / elapsed
        left = max(self.total - self.files, 0) / rate if rate else 0  # documents redone after a crash: never negative
        return (f"{self.files}/{self.total} files · {self.pages:,} pages · {self.rows:,} rows · "
                f"{self.failed} failed · {rate:.1f} files/s · ETA {_clock(left)}")  # fmt: skip

    def _draw(self) -> None:
        if self.tty:
            self.stream.write(f"\r\x1b[K{self.line()}")
        else:
            self.stream.write(f"baocao: {self.line()}\n")
        self.stream.flush()

    def _say(self, message: str) -> None:
        if not self.enabled:
            return
        self.stream.write(f"\r\x1b[K{message}\n" if self.tty else f"baocao: {message}\n")
        if self.tty:
            self._draw()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
