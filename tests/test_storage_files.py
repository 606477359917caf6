"""app.storage.files: the one reading path (regular files only, a hard byte limit) and the
one writing path (atomic, owner-only, links followed, sets all or none)."""
from __future__ import annotations

import errno
import os
import stat
import sys
import threading
import time

import pytest

from app.storage import files

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def _no_hang(action, seconds: float = 3.0):
    """Run `action` on a thread; fail (instead of hanging the suite) if it blocks."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = action()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@posix_only
def test_a_fifo_is_refused_before_anything_waits_on_it(tmp_path):
    fifo = tmp_path / "draft.json"
    os.mkfifo(fifo)
    with pytest.raises(files.NotRegularFile):
        _no_hang(lambda: files.read_limited(fifo, 100))


@posix_only
def test_dev_zero_is_refused_not_read_until_memory_runs_out(tmp_path):
    with pytest.raises(files.NotRegularFile):
        _no_hang(lambda: files.read_limited("/dev/zero", 100))


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(files.NotRegularFile):
        files.read_limited(tmp_path, 100)


def test_the_limit_counts_bytes_read_not_the_size_the_file_claims(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    assert len(files.read_limited(tmp_path / "big.json", 101)) == 101
    with pytest.raises(files.TooLarge):
        files.read_limited(path, 100)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(files.TooLarge):
        files.read_limited(path, 10)
    assert sum(reads) <= 11  # at most limit + 1 bytes asked for, whatever st_size says


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_a_file_whose_size_lies_is_still_read_within_the_limit():
    assert os.stat("/proc/self/status").st_size == 0
    assert len(files.read_limited("/proc/self/status", 100_000)) > 0


@posix_only
def test_writing_over_a_fifo_or_a_folder_is_refused(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(files.NotRegularFile):
        _no_hang(lambda: files.write_atomic(fifo, b"x"))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(files.NotRegularFile):
        files.write_atomic(tmp_path, b"x")


@posix_only
def test_writing_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "case.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "case.json"
    link.symlink_to(real)
    written = files.write_atomic(link, b"new", backup=b"old")
    assert written == real and link.is_symlink()
    assert link.read_bytes() == b"new" and real.read_bytes() == b"new"
    assert (real.parent / "case.json.bak").read_bytes() == b"old"
    assert not (tmp_path / "case.json.bak").exists()


def test_a_set_is_written_whole_and_owner_only(tmp_path):
    written = files.write_set(tmp_path, {"a.pdf": b"1", "b.pdf": b"2"}, remove=["old.pdf"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]
    assert [p.name for p in written] == ["a.pdf", "b.pdf"]
    if sys.platform != "win32":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)


def test_a_full_disk_leaves_nothing_of_the_set_and_names_the_folder(tmp_path, monkeypatch):
    (tmp_path / "keep.pdf").write_bytes(b"earlier")
    real_fsync = os.fsync
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file of the set
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        files.write_set(tmp_path, {"a.pdf": b"1", "b.pdf": b"2", "c.pdf": b"3"}, remove=["keep.pdf"])
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]  # no partial set, no temp folder


def test_append_line_adds_one_whole_line(tmp_path):
    path = tmp_path / "log"
    files.append_line(path, b"one\n")
    files.append_line(path, b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"


def test_reading_stays_fast_for_a_5_mb_limit(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * (5 * 1024 * 1024))
    started = time.perf_counter()
    assert len(files.read_limited(path, 5 * 1024 * 1024)) == 5 * 1024 * 1024
    assert time.perf_counter() - started < 1.0
