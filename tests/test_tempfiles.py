"""The app's temporary folder: every temporary file in one place, emptied on "next
applicant", removed on exit, and left-overs of crashed runs swept away."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile

import pytest

from app.storage import tempfiles
from app.storage.tempfiles import TempFiles


def test_the_folder_is_made_on_first_use_private_and_named_for_the_app(tmp_path):
    files = TempFiles(base=tmp_path)
    assert list(tmp_path.iterdir()) == []
    folder = files.folder
    assert folder.parent == tmp_path
    assert folder.name.startswith("transfer-helper-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_clear_removes_files_of_the_folder_and_registered_ones_and_keeps_the_folder(tmp_path):
    files = TempFiles(base=tmp_path / "t")
    (tmp_path / "t").mkdir()
    made = files.write(b"%PDF-1.4 preview", suffix=".pdf")
    (files.folder / "sub").mkdir()
    (files.folder / "sub" / "page.png").write_bytes(b"png")
    elsewhere = tmp_path / "spool.tmp"
    elsewhere.write_bytes(b"spool")
    files.register(elsewhere)
    assert set(files.leftovers()) >= {made, elsewhere}
    assert files.clear() >= 3
    assert not made.exists() and not elsewhere.exists()
    assert files.folder.is_dir()
    assert files.leftovers() == []


def test_remove_deletes_the_folder(tmp_path):
    files = TempFiles(base=tmp_path)
    folder = files.folder
    files.write(b"x")
    files.remove()
    assert not folder.exists()


def test_redirect_sends_python_and_qt_temporary_files_into_the_folder(tmp_path):
    files = TempFiles(base=tmp_path)
    before = tempfile.gettempdir(), os.environ.get("TMPDIR")
    try:
        folder = files.redirect_process_temp()
        handle, name = tempfile.mkstemp()
        os.close(handle)
        assert os.path.dirname(name) == str(folder)
        assert os.environ["TMPDIR"] == str(folder)
        files.clear()
        assert not os.path.exists(name)
    finally:
        files.remove()
    assert (tempfile.gettempdir(), os.environ.get("TMPDIR")) == before


@pytest.mark.parametrize("set_before", [(), ("TMP",), ("TMPDIR", "TMP", "TEMP")])
def test_redirect_covers_tmp_and_temp_for_windows_and_restores_all_three(tmp_path, monkeypatch, set_before):
    for name in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.delenv(name, raising=False)
    for name in set_before:
        monkeypatch.setenv(name, str(tmp_path / f"old-{name}"))
    before = {name: os.environ.get(name) for name in ("TMPDIR", "TMP", "TEMP")}
    files = TempFiles(base=tmp_path)
    try:
        folder = files.redirect_process_temp()
        assert {name: os.environ[name] for name in ("TMPDIR", "TMP", "TEMP")} == dict.fromkeys(before, str(folder))
        # what Python reads on Windows (TMP first), found the same way on any OS
        tempfile.tempdir = None
        assert tempfile.gettempdir() == str(folder)
    finally:
        files.remove()
    assert {name: os.environ.get(name) for name in ("TMPDIR", "TMP", "TEMP")} == before


def test_stale_folders_of_dead_runs_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / "transfer-helper-old"
    stale.mkdir()
    (stale / tempfiles.OWNER_FILE).write_text(str(dead_pid))
    (stale / "x.pdf").write_bytes(b"x")
    live = tmp_path / "transfer-helper-live"
    live.mkdir()
    (live / tempfiles.OWNER_FILE).write_text(str(os.getpid()))
    foreign = tmp_path / "transfer-helper-no-owner"
    foreign.mkdir()
    other = tmp_path / "something-else"
    other.mkdir()
    assert tempfiles.sweep_stale(tmp_path) == 1
    assert not stale.exists()
    assert live.exists() and foreign.exists() and other.exists()


def test_the_registry_is_one_per_process():
    assert tempfiles.registry() is tempfiles.registry()
