"""Walks the wizard with Qt's accessibility bridge on and has a screen-reader client read it.

    dbus-run-session -- python tests/ui/a11y_driver.py OUT.json

Started by tests/ui/test_screen_reader.py inside its own D-Bus session, never imported by
pytest. Starts the AT-SPI bus, an Xvfb with openbox, then the wizard (QT_QPA_PLATFORM=xcb,
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) on an example (fake people only). On every page it runs
tests/ui/a11y_reader.py under the system Python (pyatspi) while the wizard's event loop keeps
answering, and records what Qt itself knows to compare with: each visible label and the
input it is the buddy of, the messages on screen, and the keyboard focus chain with the
places of its widgets. Writes a JSON report; asserts nothing.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READER = Path(__file__).with_name("a11y_reader.py")
SYSTEM_PYTHON = "/usr/bin/python3"
APP_NAME = "transfer-helper"


def free_display() -> int:
    for number in range(100, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


def wait_for_accessibility_bus(seconds: float = 60) -> None:
    """Until the launcher answers on the session bus with the address of the accessibility
    bus (a loaded machine takes seconds; a reader started before fails to connect)."""
    ask = ["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply", "/org/a11y/bus",
           "org.a11y.Bus.GetAddress"]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = subprocess.run(ask, capture_output=True, text=True)
        if answer.returncode == 0 and "unix:" in answer.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError("the accessibility bus did not start")


def start_desk() -> list[subprocess.Popen]:
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = [subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"], **quiet)]
    wait_for_accessibility_bus()
    number = free_display()
    started.append(subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"], **quiet))
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    started.append(subprocess.Popen(["openbox", "--sm-disable"], **quiet))
    time.sleep(1.0)  # the accessibility bus registers, openbox takes the screen
    return started


def settle(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def read_tree(out_dir: Path, name: str) -> dict:
    """Run the reader while this process keeps answering its D-Bus calls."""
    out = out_dir / f"{name}.json"
    reader = subprocess.Popen([SYSTEM_PYTHON, str(READER), APP_NAME, str(out)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while reader.poll() is None and time.monotonic() < deadline:
        settle(0.02)
    if reader.poll() is None:
        reader.kill()
        return {"found": False, "nodes": [], "error": "reader timed out"}
    if not out.exists():
        return {"found": False, "nodes": [], "error": reader.stderr.read()[-2000:]}
    return json.loads(out.read_text(encoding="utf-8"))


def qt_view(page) -> dict:
    """What Qt knows: label/input pairs, messages on screen, the focus chain."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    from app.ui.binding import FieldMessage
    from app.ui.widgets.field_row import plain
    from focus_order import tab_order_within

    pairs = []
    for label in page.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.isVisible() and buddy.isVisible() and label.text():
            pairs.append({"label": plain(label.text()), "name": buddy.accessibleName(),
                          "class": type(buddy).__name__})
    messages = [label.text() for label in page.findChildren(QLabel)
                if label.isVisible() and label.text()
                and (isinstance(label, FieldMessage) or label.objectName() in ("openNote", "verdict", "status"))]
    chain = []
    for widget in tab_order_within(page):  # as Tab moves the focus (never a walk in Python)
        top_left = widget.mapTo(page, QPoint(0, 0))
        chain.append({"name": widget.accessibleName() or type(widget).__name__, "x": top_left.x(),
                      "y": top_left.y(), "w": widget.width(), "h": widget.height()})
    return {"pairs": pairs, "messages": messages, "chain": chain}


def main(out_path: Path) -> int:
    started = start_desk()
    report: dict = {"pages": {}}
    try:
        os.environ.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        os.environ.setdefault("TRANSFER_HELPER_DATA", tempfile.mkdtemp(prefix="a11y-"))
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(Path(__file__).parent))
        from PySide6.QtCore import QSettings

        from app import paths
        from app.storage import drafts
        from app.storage.autosave import Autosave
        from app.ui.main import build_window, create_app
        from app.ui.pages.base import PageId
        from app.ui.settings import Settings

        create_app([sys.argv[0]])
        temp = Path(os.environ["TRANSFER_HELPER_DATA"])
        settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = "zh"
        window = build_window(settings=settings, autosave=Autosave(temp / "data"), today=date(2026, 11, 23))
        window.show()
        settle(1.5)
        wizard = window.wizard
        report["pages"]["START"] = {"tree": read_tree(temp, "start"), "qt": qt_view(wizard.currentPage())}
        [example] = sorted(paths.EXAMPLES.glob("05*.json"))
        window.session.replace(drafts.load(example), dirty=True)
        phone = window.session.value("identity.phone")
        for page_id in (PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER, PageId.REVIEW, PageId.DOCUMENTS):
            wizard.next()
            settle(0.5)
            page = wizard.currentPage()
            if page_id is PageId.IDENTITY:
                page.binder.widget_for("identity.phone").setText("12345")  # a message on screen
                settle(0.5)
            if page_id is PageId.DOCUMENTS:
                deadline = time.monotonic() + 60
                while not page.is_ready() and time.monotonic() < deadline:
                    settle(0.1)
                settle(0.5)
            report["pages"][page_id.name] = {"tree": read_tree(temp, page_id.name), "qt": qt_view(page)}
            if page_id is PageId.IDENTITY:
                page.binder.widget_for("identity.phone").setText(phone)
                settle(0.3)
        window.session.dirty = False
        window.close()
        settle(0.2)
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
