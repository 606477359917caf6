#!/usr/bin/env python3
"""Screenshots of window mode for the documentation: docs/screenshots/window-mode.png (the
toolbar with 下一位, right after it: the identity page, empty but for the office, the ID
number focused), lock-screen.png and handoff-import.png (the dialog, an altered code refused).

    .venv/bin/python tools/window_mode_screenshots.py [--out DIR]

Runs the real window in a real X display (DISPLAY, or an Xvfb it starts, as
tools/screenshots.py does), on a temporary data folder and settings file. Fake people only.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _screenshots_tool():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    tool = _screenshots_tool()
    server = tool.start_xvfb("1024x768")  # the smallest screen the app supports (issue 11)
    try:
        return _take(args.out, tool)
    finally:
        if server is not None:
            server.terminate()
            server.wait()


def _take(out: Path, tool) -> int:
    work = Path(tempfile.mkdtemp(prefix="window-mode-shots-"))
    os.environ["TRANSFER_HELPER_DATA"] = str(work / "data")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QSettings

    from app import handoff, paths
    from app.storage import drafts
    from app.storage.autosave import Autosave
    from app.ui.main import build_window, create_app
    from app.ui.pages.base import PageId
    from app.ui.settings import Settings
    from app.service_window.prefs import WindowPrefs

    app = create_app([])
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    settings.window_prefs = WindowPrefs(
        enabled=True, area_code="370200", area_name="山东省青岛市", agency_name="青岛市医疗保险事业中心",
        address="青岛市市南区样例路 18 号", phone="0532-85791234", postcode="266000")
    window = build_window(settings=settings, autosave=Autosave(work / "data"))
    window.resize(1100, 820)
    window.show()
    window.activateWindow()
    tool.settle(app, 1.0)
    example = drafts.load(next(paths.EXAMPLES.glob("05*.json")))
    window.session.replace(example, dirty=True)
    window.session.printed = True  # as after printing: 下一位 asks nothing
    window.window_mode.next_applicant()
    out.mkdir(parents=True, exist_ok=True)
    tool.settle(app, 1.0)
    window.grab().save(str(out / "window-mode.png"))

    window.session.replace(example, dirty=True)
    window.window_mode.lock_now()
    tool.settle(app, 0.5)
    window.grab().save(str(out / "lock-screen.png"))
    window.window_mode.unlock()

    window.session.printed = True
    window.window_mode.next_applicant()
    window.window_mode.import_handoff()
    dialog = window.window_mode.handoff_dialog
    text = handoff.encode(example)
    dialog.code.setText(text[:-5] + ("A" if text[-5] != "A" else "B") + text[-4:])
    dialog.import_text()
    tool.settle(app, 0.8)
    dialog.grab().save(str(out / "handoff-import.png"))  # Xvfb has no window manager: no frame to show
    dialog.reject()
    window.session.printed = True
    window.session.dirty = False
    window.close()
    print(f"written to {out}: window-mode.png, lock-screen.png, handoff-import.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
