"""Kill a real run with SIGKILL mid-way: the tables stay readable, and the next run completes them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pipeline.batch import run as batch
from tests.batch.archive import make_archive, rows, snapshot

ROOT = Path(__file__).resolve().parents[2]


def baocao(*args: str, **env: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline.cli", "run", *args, "-q"]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)


def test_killed_run_resumes_to_the_same_tables(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 12)
    out, manifests = tmp_path / "out", tmp_path / "out" / "_state" / "parts"
    run = baocao(str(tmp_path / "in"), "-o", str(out), "-j", "2", "--part-size", "2", BAOCAO_TEST_DELAY="0.25")
    deadline = time.monotonic() + 60
    while len(list(manifests.glob("*.json"))) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)  # the main process only: its workers must die with it
    run.wait()

    done = rows(out, "documents")  # what is in place is whole and readable, with no duplicates
    assert 0 < len(done) < 12
    assert max(Counter(r["doc_id"] for r in done).values()) == 1

    assert baocao(str(tmp_path / "in"), "-o", str(out)).wait() == 0  # exit 2 would mean a worker kept the lock
    batch.run([tmp_path / "in"], tmp_path / "reference", workers=2)  # uninterrupted
    assert snapshot(out) == snapshot(tmp_path / "reference")
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left behind
