"""The wizard in a real X window with a window manager, at 1024×768 and 1366×768.

Offscreen Qt hides what a desk shows: window frames, screens smaller than the window, wheel
events from a real mouse, keyboard focus moved by the X server. Each screen size starts an
Xvfb with openbox (the fixture), runs tests/ui/real_window_driver.py in its own process with
QT_QPA_PLATFORM=xcb, and reads its report. Skipped, with the reason, only when Xvfb, openbox
or xdotool is missing (.ci/run installs them).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("real_window_driver.py")
TOOLS = ("Xvfb", "openbox", "xdotool")


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


class XServer:
    """An Xvfb of one screen size with openbox managing its windows."""

    def __init__(self, width: int, height: int) -> None:
        self.number = _free_display()
        self.display = f":{self.number}"
        self.server = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.number}").exists():
            if self.server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": self.display}
        self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)  # openbox takes over the root window

    def stop(self) -> None:
        for process in (self.wm, self.server):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module", params=[(1024, 768), (1366, 768)], ids=["1024x768", "1366x768"])
def report(request, tmp_path_factory) -> Iterator[dict]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"real-window tests need {', '.join(missing)} (apt-get install xvfb openbox xdotool)")
    width, height = request.param
    server = XServer(width, height)
    out = tmp_path_factory.mktemp("real-window") / "report.json"
    env = {key: value for key, value in os.environ.items() if key not in ("WAYLAND_DISPLAY",)}
    env.update(DISPLAY=server.display, QT_QPA_PLATFORM="xcb",
               TRANSFER_HELPER_DATA=str(out.parent / "data"), LANG="C.UTF-8", LANGUAGE="")
    try:
        run = subprocess.run([sys.executable, str(DRIVER), str(out)], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=150)
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    data["size"] = (width, height)
    yield data


def test_the_flow_reaches_every_page(report):
    assert report.get("flow", []) == []


def test_every_window_and_dialog_lies_inside_the_available_screen(report):
    assert report.get("outside_screen", []) == []
    opened = {entry["what"] for entry in report["dialogs"]}
    assert {"print preview", "question", "passphrase", "window-mode settings", "printer calibration"} <= opened
    width, height = report["size"]
    x, y, w, h = report["main_window"]["frame"]
    assert w <= width and h <= height


def test_the_wizard_buttons_are_not_cut_off(report):
    assert report.get("clipped", []) == []


def test_the_wheel_changes_no_unfocused_field(report):
    assert report["wheel_fields_tried"] >= 6  # the drop-downs of identity and transfer, the copies box
    assert report.get("wheel_changed", []) == []


def test_tab_leaves_the_history_table(report):
    assert report.get("tab", []) == []


def test_english_leaves_no_chinese_but_names_and_data(report):
    assert report.get("han_in_english", []) == []


def test_file_dialogs_speak_one_language(report):
    assert report.get("file_dialog_mixed", []) == []
