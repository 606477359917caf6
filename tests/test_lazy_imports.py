"""The quick commands stay quick: `id` and `check` never load reportlab or Qt (each costs
0.1-0.3 s of start-up), and `id` not even pydantic. The desktop app paints its first page
before it loads the domain model (pydantic), the other pages and any dialog. Run in a fresh
interpreter, as a user would."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "01-employee-job-change-cross-province.json"
HEAVY = ("reportlab", "PySide6", "shiboken6", "zxingcpp")

PROBE = r"""
import contextlib, io, json, sys
from app.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _loaded(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["status"], set(result["modules"])


@pytest.mark.parametrize("argv", [
    ("check", str(EXAMPLE)),
    ("check", str(EXAMPLE), "--json"),
    ("id", "11010519491231002X"),
])
def test_quick_commands_load_neither_reportlab_nor_qt(argv):
    status, modules = _loaded(*argv)
    assert status == 0
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_id_loads_no_pydantic():
    status, modules = _loaded("id", "11010519491231002X")
    assert status == 0
    assert "pydantic" not in modules and "pydantic_core" not in modules


def test_render_does_load_reportlab(tmp_path):
    """The probe sees imports: the same probe on `render` finds reportlab."""
    status, modules = _loaded("render", str(EXAMPLE), "-o", str(tmp_path), "--today", "2026-11-23")
    assert status == 0
    assert "reportlab" in modules and "PySide6" not in modules


# The app as `python -m app` starts it, stopped at its first paint (app/ui/main.py _FirstPaint).
GUI_PROBE = r"""
import json, os, sys
import app.ui.main as main_module
MODE = sys.argv[1:]

def report(self):
    if MODE == ["pages"]:
        self.window.wizard.ensure_pages()  # what follows the first paint
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)

main_module._FirstPaint.report = report
sys.argv = ["transfer-helper"]  # the window, no command
from app.cli import main
main()
"""

# Not needed to paint the start page (each 5-100 ms of start-up), made right after it.
NOT_BEFORE_FIRST_PAINT = (
    "pydantic", "reportlab", "app.domain.application", "app.domain.history", "app.storage.autosave",
    "app.ui.pages.identity", "app.ui.pages.history", "app.ui.pages.transfer", "app.ui.pages.review",
    "app.ui.pages.documents", "app.ui.dialogs", "app.ui.scan_dialog", "app.ui.calibration",
    "app.ui.protected_files", "PySide6.QtPrintSupport", "PySide6.QtPdf",
    "app.ui.window_mode",  # off (the default): made with the other pages
)


# Not needed to make the pages either: loaded when a dialog first opens (5-20 ms each).
NOT_WITH_THE_PAGES = ("app.ui.dialogs", "app.ui.scan_dialog", "app.ui.calibration", "app.ui.protected_files",
                      "PySide6.QtPrintSupport", "PySide6.QtPdf", "reportlab")


def _gui_modules(tmp_path, *argv: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TRANSFER_HELPER_EXIT_AFTER_SHOW": "1",
           "TRANSFER_HELPER_DATA": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", GUI_PROBE, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _among(modules: set[str], names) -> list[str]:
    return sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in names))


def test_the_first_page_is_painted_before_the_model_the_pages_and_the_dialogs_load(tmp_path):
    modules = _gui_modules(tmp_path)
    assert "app.ui.pages.start" in modules  # the probe did reach the first paint
    assert _among(modules, NOT_BEFORE_FIRST_PAINT) == []


def test_every_page_is_made_without_the_dialogs(tmp_path):
    modules = _gui_modules(tmp_path, "pages")
    assert "app.ui.pages.documents" in modules and "pydantic" in modules  # the pages were made
    assert _among(modules, NOT_WITH_THE_PAGES) == []
