"""Starting the wizard where no window can be shown: a message in Chinese and English that
says what is missing and how to fix it, before Qt would abort with its generic one."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.ui import display

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_on_linux_is_named_in_both_languages():
    text = display.problem(environ={}, platform="linux", load=lambda _name: True)
    assert text is not None
    assert "DISPLAY" in text and "没有图形显示" in text and "no graphical display" in text
    assert "Xvfb" in text  # and how to get one


def test_missing_xcb_libraries_are_named_with_their_packages():
    missing = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    text = display.problem(environ={"DISPLAY": ":0"}, platform="linux", load=lambda name: name not in missing)
    assert text is not None
    assert "libxcb-cursor.so.0" in text and "libxcb-icccm.so.4" in text
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in text
    assert "缺少" in text and "missing" in text


def test_a_usable_display_or_another_platform_is_no_problem():
    everything = lambda _name: True  # noqa: E731
    nothing = lambda _name: False  # noqa: E731
    assert display.problem(environ={"DISPLAY": ":0"}, platform="linux", load=everything) is None
    assert display.problem(environ={"WAYLAND_DISPLAY": "wayland-0"}, platform="linux", load=nothing) is None
    assert display.problem(environ={"QT_QPA_PLATFORM": "offscreen"}, platform="linux", load=nothing) is None
    assert display.problem(environ={}, platform="win32", load=nothing) is None
    # Told to use X11 while only Wayland is there: that is a problem.
    assert display.problem(environ={"WAYLAND_DISPLAY": "w", "QT_QPA_PLATFORM": "xcb"}, platform="linux",
                           load=everything) is not None


def test_every_library_is_listed_with_a_package():
    assert all(soname.startswith("lib") and ".so." in soname and package for soname, package in display.XCB_LIBRARIES)


def test_starting_without_a_display_exits_with_the_message_not_qts(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TRANSFER_HELPER_DATA"] = str(tmp_path)
    run = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == display.EXIT_NO_DISPLAY
    assert "没有图形显示" in run.stderr and "no graphical display" in run.stderr
    assert "xcb" not in run.stderr.lower().replace("libxcb", "")  # not Qt's plugin message
