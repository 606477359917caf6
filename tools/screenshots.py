#!/usr/bin/env python3
"""Screenshots of every wizard page for the documentation: docs/screenshots/<page>.png.

    .venv/bin/python tools/screenshots.py [--out DIR] [--example 01] [--size 1024x768]

Runs the real window (build_window, as `transfer-helper` does) in a real X display: the one
in DISPLAY, or, when DISPLAY is unset, an Xvfb of the screen size given, with openbox as its
window manager (when installed), which this script starts (and stops). The window opens at
the size it chooses for that screen (as on a desk) and each picture is the whole screen
(ImageMagick's `import -window root`, title bar included; the window's own grab without it).
Works on a
temporary data folder and settings file, so nothing of the user's is read or written.
Takes the start page of a fresh start, then loads an example (fake people only) and takes
identity, history, transfer, review and documents (in Chinese), then identity again in
English (identity-en.png).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("start", "identity", "history", "transfer", "review", "documents")


def start_xvfb(size: str) -> subprocess.Popen | None:
    """An Xvfb on a free display number if DISPLAY is unset; None if DISPLAY is set."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("DISPLAY is not set and Xvfb is not installed (apt-get install xvfb)")
    for number in range(99, 140):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    else:
        raise SystemExit("no free X display number between :99 and :139")
    width, height = (int(part) for part in size.split("x"))
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"Xvfb :{number} did not start")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    if shutil.which("openbox"):
        global WINDOW_MANAGER
        WINDOW_MANAGER = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
        time.sleep(0.8)
    return server


WINDOW_MANAGER: subprocess.Popen | None = None



def settle(app, seconds: float = 0.3) -> None:
    """Let pending work (layouts, paints, timers of warm-ups) run for a moment."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def take(app, window, out: Path, name: str) -> Path:
    settle(app, 1.0)  # warm-ups after a page is shown (fonts for the "fits on paper" notes)
    path = out / f"{name}.png"
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=30)
    elif not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def shoot(out: Path, example: str, size: str) -> None:
    from datetime import date

    from PySide6.QtCore import QSettings

    from app import paths
    from app.storage import drafts
    from app.storage.autosave import Autosave
    from app.ui.main import build_window, create_app
    from app.ui.pages.base import PageId
    from app.ui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        os.environ["TRANSFER_HELPER_DATA"] = str(Path(temp) / "data")
        app = create_app([sys.argv[0]])
        settings = Settings(QSettings(str(Path(temp) / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = "zh"
        window = build_window(settings=settings, autosave=Autosave(Path(temp) / "data"), today=date(2026, 11, 23))
        window.show()  # at the size it picks for this screen
        window.raise_()
        window.activateWindow()
        settle(app, 0.8)
        take(app, window, out, "start")

        [source] = sorted(paths.EXAMPLES.glob(f"{example}*.json"))
        window.session.replace(drafts.load(source), dirty=True)
        wizard = window.wizard
        for name in PAGES[1:]:
            wizard.next()
            expected = PageId[name.upper()]
            if wizard.currentId() != expected:
                raise SystemExit(f"stuck before the {name} page (at page {wizard.currentId()})")
            if expected == PageId.DOCUMENTS:
                page = wizard.currentPage()
                deadline = time.monotonic() + 60
                while not page.is_ready() and time.monotonic() < deadline:
                    settle(app, 0.05)
                settle(app, 1.0)  # the preview renders its pages
            take(app, window, out, name)

        window.set_language("en")
        while wizard.currentId() != PageId.IDENTITY:
            wizard.back()
        settle(app, 0.5)
        take(app, window, out, "identity-en")

        window.set_language("zh")
        window.session.dirty = False  # nothing to ask on close: it was an example
        window.close()
        settle(app, 0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--example", default="01", help="number of the example in examples/ (default 01)")
    parser.add_argument("--size", default="1024x768", help="screen size WIDTHxHEIGHT of the Xvfb started")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    server = start_xvfb(args.size)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(ROOT))
    try:
        shoot(args.out.resolve(), args.example, args.size)
    finally:
        if WINDOW_MANAGER is not None:
            WINDOW_MANAGER.terminate()
            WINDOW_MANAGER.wait(timeout=10)
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
