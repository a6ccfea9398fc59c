"""Tools for the fault tests: the real command in its own process, its workers, a small real disk, a bomb."""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import subprocess
import sys
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str, **env: str) -> subprocess.Popen:
    """``baocao ARGS`` in its own process group (so that a hung run can be killed with its workers)."""
    command = [sys.executable, "-m", "pipeline.cli", *args]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip


def finish(process: subprocess.Popen, timeout: float = 60) -> tuple[int, str, str]:
    """Wait for the run; a run that hangs is killed, with its workers, and the test fails."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"baocao hung for {timeout} s")
    return process.returncode, out, err


def baocao(*args: str, timeout: float = 60, **env: str) -> tuple[int, str, str]:
    return finish(start(*args, **env), timeout)


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (the workers of a run)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def wait_for(condition, timeout: float = 30, every: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("waited too long")
        time.sleep(every)


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` (root only); unmounted at the end."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", f"baocao-{uuid.uuid4().hex[:6]}",
                              str(path)], capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF of a few kB whose content stream inflates to ``megabytes`` MB of spaces.

    The stream is Flate-compressed twice (``/Filter [/FlateDecode /FlateDecode]``); the inner
    layer is built from one compressed megabyte repeated (full flushes make it byte-aligned),
    so the file is made in milliseconds.
    """
    chunk = b" " * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    inner = b"\x78\xda" + first + again * (megabytes - 1) + deflate.flush() + struct.pack(">I", _adler(megabytes))
    content = zlib.compress(inner, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    pdf, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def _adler(megabytes: int) -> int:
    """Adler-32 of ``megabytes`` MB of spaces, by formula (hashing a gigabyte would take seconds)."""
    n, mod = megabytes << 20, 65521
    return ((n + 32 * (n * (n + 1) // 2)) % mod) << 16 | (1 + 32 * n) % mod
