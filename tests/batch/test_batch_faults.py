"""The batch under faults (issue R): each defect an adversarial run found, reproduced with real
processes, real signals and, where a disk must be full or read-only, a real small tmpfs."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.batch import run as batch
from pipeline.batch.compact import compact
from pipeline.batch.snapshot import read_tables
from pipeline.cli import main
from pipeline.output.write import TABLES
from tests.batch.archive import make_archive, report, rows, snapshot
from tests.batch.faults import baocao, bomb_pdf, children, finish, remount, small_disk, start, wait_for


def no_duplicates(out: Path) -> None:
    docs = Counter(r["doc_id"] for r in rows(out, "documents"))
    assert max(docs.values(), default=1) == 1, "a document is in the tables twice"
    figures = Counter((r["doc_id"], r["figure_id"]) for r in rows(out, "figures"))
    assert max(figures.values(), default=1) == 1, "a figure is in the tables twice"


def leftovers(out: Path) -> list[Path]:
    """Temporary files and staged parts: what a run must not leave behind when it ends."""
    return [p for p in out.rglob("*") if p.is_file() and (p.name.startswith(".") or "staging" in p.parts)]


# 1
def test_a_file_name_that_is_not_utf8_is_processed_on_every_run(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 3)
    odd = os.fsencode(tmp_path / "in") + b"/b\xe1o_c\xe1o_\xff.txt"  # Latin-1 bytes: not UTF-8
    with open(odd, "wb") as f:
        f.write(report(7).encode())
    for _ in range(2):  # the crash was in the main process, on every rerun
        assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1"]) == 0
    names = {r["source_name"]: r["status"] for r in rows(tmp_path / "out", "documents")}
    assert len(names) == 4 and names["b\\xe1o_c\\xe1o_\\xff.txt"] in ("ok", "partial")


# 2
def test_a_full_disk_stops_the_run_cleanly_and_the_next_run_resumes(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 24)
    batch.run([tmp_path / "in"], tmp_path / "reference", workers=1)
    with small_disk(tmp_path / "disk", "300k") as disk:
        out = disk / "out"
        code, _, err = baocao("run", str(tmp_path / "in"), "-o", str(out), "-q", "-j", "2", "--part-size", "2")
        assert code == 2 and "Traceback" not in err, err
        assert "No space left on device" in err and "writing" in err and err.count("\n") == 1, err
        assert not leftovers(out)
        no_duplicates(out)  # what was committed before the disk filled is whole
        remount(disk, "size=64m")
        code, _, err = baocao("run", str(tmp_path / "in"), "-o", str(out), "-q")
        assert code == 0, err
        assert snapshot(out) == snapshot(tmp_path / "reference")


# 3
def test_a_worker_killed_while_writing_its_part_leaves_no_duplicates(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 6)
    out = tmp_path / "out"
    run = start("run", str(tmp_path / "in"), "-o", str(out), "-q", "-j", "1", "--part-size", "3",
                BAOCAO_TEST_SLOW_WRITE="0.1")  # fmt: skip
    wait_for(lambda: any(out.rglob("*.parquet")))  # the worker is putting its first part in place
    for worker in children(run.pid):
        os.kill(worker, signal.SIGKILL)
    code, _, err = finish(run)
    assert code == 0, err
    no_duplicates(out)  # read right after the run, before any other run or compact
    assert not leftovers(out)
    batch.run([tmp_path / "in"], tmp_path / "reference", workers=1)
    assert snapshot(out) == snapshot(tmp_path / "reference")


# 4
def test_a_fifo_or_a_device_never_hangs_the_run(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "ong.txt")  # nobody ever writes to it
    out = str(tmp_path / "out")
    code, _, err = baocao("run", "/dev/zero", str(tmp_path / "ong.txt"), "-o", out, "-q", "--timeout", "1", timeout=30)
    assert code == 0, err
    docs = rows(tmp_path / "out", "documents")
    assert sorted(r["status"] for r in docs) == ["failed", "failed"]
    codes = {r["code"] for r in rows(tmp_path / "out", "diagnostics")}
    assert codes == {"not_a_regular_file"}
    code, _, err = baocao("run", "/dev/zero", "-o", out, "-q", timeout=30)  # the lock was released
    assert code == 0, err


# 5
@pytest.mark.parametrize("guard", ["inflate guard", "memory limit alone"])
def test_a_decompression_bomb_fails_alone_within_the_memory_limit(tmp_path: Path, monkeypatch, guard: str) -> None:
    make_archive(tmp_path / "in", 2)
    (tmp_path / "in" / "bom.pdf").write_bytes(bomb_pdf(2048))  # 2 GB of content in a few kB
    assert (tmp_path / "in" / "bom.pdf").stat().st_size < 20_000
    if guard == "memory limit alone":  # pdfium inflates it until the worker's own limit stops it
        monkeypatch.setenv("BAOCAO_TEST_NO_INFLATE_GUARD", "1")
    limit = 1200
    summary = batch.run([tmp_path / "in"], tmp_path / "out", workers=1, max_memory_mb=limit)
    assert summary.documents["failed"] == 1 and summary.documents["ok"] + summary.documents["partial"] == 2
    assert 0 < summary.peak_worker_mb < limit
    bomb = next(r for r in rows(tmp_path / "out", "documents") if r["source_name"] == "bom.pdf")
    why = [r["code"] for r in rows(tmp_path / "out", "diagnostics") if r["doc_id"] == bomb["doc_id"]]
    assert bomb["status"] == "failed" and why == ["memory_limit"]


# 6
def test_a_file_overwritten_with_another_files_bytes_loses_its_old_rows(tmp_path: Path) -> None:
    a, b = make_archive(tmp_path / "in", 2)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    shutil.copyfile(b, a)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    batch.run([tmp_path / "in"], tmp_path / "fresh", workers=1)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")
    assert len(rows(tmp_path / "out", "documents")) == 1


def test_a_renamed_file_gets_its_new_path(tmp_path: Path) -> None:
    a, _ = make_archive(tmp_path / "in", 2)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    a.rename(a.with_name("bao_cao_doi_ten.txt"))
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    assert "quy_1/bao_cao_doi_ten.txt" in {r["source_path"] for r in rows(tmp_path / "out", "documents")}
    batch.run([tmp_path / "in"], tmp_path / "fresh", workers=1)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")


def test_a_deleted_duplicate_is_no_longer_named(tmp_path: Path) -> None:
    a, _ = make_archive(tmp_path / "in", 2)
    shutil.copy(a, tmp_path / "in" / "ban_sao.txt")
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    assert [r["code"] for r in rows(tmp_path / "out", "diagnostics")] == ["duplicate_file"]
    (tmp_path / "in" / "ban_sao.txt").unlink()
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    assert rows(tmp_path / "out", "diagnostics") == []


def test_an_edit_keeping_size_and_mtime_is_found_by_verify(tmp_path: Path) -> None:
    a, _ = make_archive(tmp_path / "in", 2)
    batch.run([tmp_path / "in"], tmp_path / "out", workers=1)
    before, stat = snapshot(tmp_path / "out"), a.stat()
    a.write_text(report(0).replace("đạt 1200 tỷ", "đạt 9200 tỷ"), encoding="utf-8")
    assert a.stat().st_size == stat.st_size
    os.utime(a, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert batch.run([tmp_path / "in"], tmp_path / "out").documents["skipped"] == 2  # the stat shortcut's trade
    assert snapshot(tmp_path / "out") == before
    assert batch.run([tmp_path / "in"], tmp_path / "out", verify=True).documents["skipped"] == 1
    batch.run([tmp_path / "in"], tmp_path / "fresh", workers=1)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")


# 7
@pytest.mark.parametrize("when", [0.0, 0.3])  # as it starts (before its first task), mid-document
def test_a_worker_killed_from_outside_gets_its_document_retried(tmp_path: Path, when: float) -> None:
    make_archive(tmp_path / "in", 3)
    run = start("run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1", BAOCAO_TEST_DELAY="0.6")
    wait_for(lambda: children(run.pid))
    time.sleep(when)
    os.kill(children(run.pid)[0], signal.SIGKILL)
    code, out, err = finish(run)
    assert code == 0, (out, err)
    assert {r["status"] for r in rows(tmp_path / "out", "documents")} <= {"ok", "partial"}


def test_a_document_that_kills_its_worker_twice_fails_naming_the_signal(tmp_path: Path, monkeypatch) -> None:
    paths = make_archive(tmp_path / "in", 2)
    monkeypatch.setenv("BAOCAO_TEST_CRASH", paths[0].name)
    assert batch.run([tmp_path / "in"], tmp_path / "out", workers=1).documents["failed"] == 1
    why = [r for r in rows(tmp_path / "out", "diagnostics") if r["code"] == "worker_crashed"]
    assert len(why) == 1 and "SIGKILL" in why[0]["message"] and "twice" in why[0]["message"]


# 8
def test_exit_status_does_not_depend_on_history(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hong.docx").write_bytes(b"PK not a zip")  # fails: damaged
    (tmp_path / "in" / "hong.pdf").write_bytes(b"%PDF-1.4 hong")  # fails: damaged
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1"]
    assert [main(args), main(args), main([*args, "--strict"])] == [0, 0, 1]  # failed documents have rows
    assert {r["status"] for r in rows(tmp_path / "out", "documents")} == {"failed"}


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``baocao ARGS`` in this process: an exception would escape as a traceback."""
    assert main(list(args)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("baocao: "), err
    return err


def test_an_output_that_is_a_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    make_archive(tmp_path / "in", 1)
    (tmp_path / "out").write_text("không phải thư mục", encoding="utf-8")
    assert "not a folder" in one_line_error(capsys, "run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q")


def test_a_read_only_output_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    make_archive(tmp_path / "in", 1)
    with small_disk(tmp_path / "disk", "1m") as disk:
        remount(disk, "ro")
        err = one_line_error(capsys, "run", str(tmp_path / "in"), "-o", str(disk / "out"), "-q")
        assert "Read-only file system" in err


def test_compact_of_a_path_that_is_no_output_folder_is_an_error_and_creates_nothing(tmp_path: Path, capsys) -> None:
    assert "not an output folder" in one_line_error(capsys, "compact", str(tmp_path / "khong_co"))
    assert not (tmp_path / "khong_co").exists()


# 9
def test_links_to_nowhere_and_fifos_in_a_folder_are_counted_and_listed(tmp_path: Path, capsys) -> None:
    make_archive(tmp_path / "in", 2)
    (tmp_path / "in" / "mat.txt").symlink_to(tmp_path / "khong_ton_tai.txt")
    (tmp_path / "in" / "vong.txt").symlink_to(tmp_path / "in" / "vong.txt")
    os.mkfifo(tmp_path / "in" / "ong.pdf")
    (tmp_path / "in" / "quy_1" / "vong_thu_muc").symlink_to(tmp_path / "in")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    out, err = capsys.readouterr()
    assert "4 files ignored" in out
    lines = [line.removeprefix("baocao: ignored ") for line in err.splitlines() if line.startswith("baocao: ignored /")]
    listed = dict(line.split(": ", 1) for line in lines)
    assert listed == {
        str(tmp_path / "in" / "mat.txt"): "broken link (its target does not exist)",
        str(tmp_path / "in" / "vong.txt"): "link loop",
        str(tmp_path / "in" / "ong.pdf"): "not a regular file (FIFO)",
        str(tmp_path / "in" / "quy_1" / "vong_thu_muc"): "link loop (a folder already read)",
    }


# 10
def test_a_snapshot_read_during_force_and_compact_is_consistent(tmp_path: Path, monkeypatch) -> None:
    make_archive(tmp_path / "in", 8)
    out = tmp_path / "out"
    batch.run([tmp_path / "in"], out, workers=2, part_size=1)
    expected = {name: Counter(r["doc_id"] for r in rows(out, name)) for name in TABLES}
    reads, seen, stop = [0], [], threading.Event()

    def reader() -> None:
        while not stop.is_set():
            tables = read_tables(str(out))
            seen.append({name: Counter(tables[name].column("doc_id").to_pylist()) for name in TABLES})
            reads[0] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        monkeypatch.setenv("BAOCAO_TEST_DELAY", "0.25")
        batch.run([tmp_path / "in"], out, workers=2, part_size=1, force=True)
        compact(str(out), docs_per_part=3)
    finally:
        stop.set()
        thread.join()
    assert reads[0] >= 3
    assert all(read == expected for read in seen)  # every table, every document, once: never a mix
