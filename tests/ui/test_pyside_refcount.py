"""The PySide6 refcount fault and its work-around (app/ui/compat.py).

PySide6 6.12 on Python 3.11 loses a reference to None per Qt call returning None and to
True/False per emit of a Python Signal(bool); about 5,000 calls end the process. Each case
runs in a fresh interpreter twice: with the work-around (it must survive) and without it
(the canary, a strict xfail: when it passes, PySide6 is fixed and the work-around can go).
"""
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.ui import compat

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
CALLS = 20_000  # about four times what None, True and False start with

NONE_CALLS = f"""
from PySide6.QtWidgets import QApplication, QLabel
qt = QApplication([])
label = QLabel()
for _ in range({CALLS}):
    label.setText("x")
print("ok")
"""

BOOL_EMITS = f"""
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

class Source(QObject):
    flag = Signal(bool)

qt = QApplication([])
source = Source()
source.flag.connect(lambda value: None)
for _ in range({CALLS} // 2):
    source.flag.emit(True)
    source.flag.emit(False)
print("ok")
"""

CASES = {"none": NONE_CALLS, "bool": BOOL_EMITS}


class FaultStillThere(Exception):
    """The unpatched interpreter aborted in the deallocation of None, True or False."""


def run(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.parametrize("case", CASES)
def test_with_the_work_around_many_calls_do_not_abort_the_process(case):
    done = run("import app.ui  # applies the work-around\n" + CASES[case])
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"


@pytest.mark.xfail(compat.bug_applies(), strict=True, raises=FaultStillThere,
                   reason="PySide6 still loses references to None/True/False on this Python")
@pytest.mark.parametrize("case", CASES)
def test_canary_without_the_work_around(case):
    done = run(CASES[case])
    if done.returncode != 0 and ("none_dealloc" in done.stderr or "bool_dealloc" in done.stderr):
        raise FaultStillThere(done.stderr[-300:])
    assert done.returncode == 0, done.stderr[-500:]  # any other failure is a real one
    assert done.stdout.strip() == "ok"


def test_the_work_around_writes_only_on_64_bit_release_cpython_before_3_12():
    assert compat.write_is_known_correct(implementation="CPython", maxsize=2**63 - 1, debug_build=False,
                                         version=(3, 11))
    for build in ({"implementation": "PyPy"}, {"maxsize": 2**31 - 1}, {"debug_build": True},
                  {"version": (3, 12)}, {"version": (3, 13)}):
        values = {"implementation": "CPython", "maxsize": 2**63 - 1, "debug_build": False, "version": (3, 11),
                  **build}
        assert not compat.write_is_known_correct(**values), build
    assert compat.bug_applies((3, 11)) and not compat.bug_applies((3, 12))


def test_an_unsupported_build_refuses_to_start_with_a_message_in_both_languages(monkeypatch):
    monkeypatch.setattr(compat, "bug_applies", lambda: True)
    monkeypatch.setattr(compat, "write_is_known_correct", lambda: False)
    with pytest.raises(SystemExit) as refused:
        compat.keep_singletons_alive()
    message = str(refused.value)
    assert "本程序不能在这个 Python 版本上运行" in message and "cannot run on this Python build" in message
    assert compat.describe_build() in message


def test_nothing_is_written_where_the_singletons_are_immortal(monkeypatch):
    monkeypatch.setattr(compat, "bug_applies", lambda: False)
    before = sys.getrefcount(None)
    assert compat.keep_singletons_alive() is False
    assert abs(sys.getrefcount(None) - before) < compat.HEADROOM // 2


def test_an_unsupported_build_gets_the_message_not_a_traceback():
    script = ("import app.ui.compat as c\nc.write_is_known_correct = lambda: False\nc.bug_applies = lambda: True\n"
              "c._applied = False\nc.keep_singletons_alive()\n")
    done = run(script)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "本程序不能" in done.stderr


def test_pyside_is_pinned_below_the_next_minor_and_the_installed_one_is_inside():
    from importlib.metadata import version

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    for name in ("PySide6-Essentials", "PySide6-Pdf"):
        spec = next(d for d in dependencies if d.startswith(name + ">"))
        upper = spec.split("<")[1]
        major, minor = (int(part) for part in upper.split(".")[:2])
        installed = tuple(int(part) for part in version(name).split(".")[:2])
        assert installed < (major, minor), f"{name} {version(name)} is beyond the pin {spec}"
