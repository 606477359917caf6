"""The quick commands stay quick: `id` and `check` never load reportlab or Qt (each costs
0.1-0.3 s of start-up), and `id` not even pydantic. Run in a fresh interpreter, as a user would."""
from __future__ import annotations

import json
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
