"""Scanning is offline and the OCR is loaded only when a scan starts.

In a fresh process under an audit hook (sys.addaudithook records every `socket.*` event),
`transfer-helper scan` loads the OCR model and reads a committed image: no socket event may
occur and no network client module may be imported. `check` and `id`, in their own
processes, must not import the OCR stack at all (onnxruntime, cv2, rapidocr).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
NETWORK_MODULES = ("ssl", "http.client", "urllib.request", "urllib3", "requests", "ftplib", "smtplib",
                   "xmlrpc.client", "asyncio", "PySide6.QtNetwork")
OCR_MODULES = ("onnxruntime", "cv2", "rapidocr_onnxruntime")

_AUDITED = r'''
import json, runpy, sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
import atexit
atexit.register(lambda: sys.stderr.write("AUDIT-SOCKET-EVENTS " + json.dumps(events) + "\n"))
sys.argv = ["transfer-helper", *sys.argv[1:]]
runpy.run_module("app", run_name="__main__", alter_sys=True)
'''


def _run(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSFER_HELPER_DATA": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", _AUDITED, *args],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    [report] = [line for line in result.stderr.splitlines() if line.startswith("AUDIT-SOCKET-EVENTS ")]
    imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    return result, json.loads(report.split(" ", 1)[1]), imported


def test_scan_process_makes_no_socket_event_and_imports_no_network_client(tmp_path):
    result, events, imported = _run(tmp_path, "scan", str(DATA / "scan-000-id_card.png"), "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["draft"]["identity"]["id_number"]
    assert "onnxruntime" in imported  # the audit saw the model being loaded and run
    assert events == []
    assert sorted(m for m in NETWORK_MODULES if m in imported) == []


def test_check_does_not_import_the_ocr(tmp_path):
    example = ROOT / "examples" / "01-employee-job-change-cross-province.json"
    result, events, imported = _run(tmp_path, "check", str(example), "--today", "2026-11-23")
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "app.domain.application" in imported
    assert sorted(m for m in OCR_MODULES if m in imported) == []


def test_the_wizard_with_its_scan_entry_does_not_import_the_ocr(tmp_path):
    code = ("import sys; from app.ui.main import MainWindow; from app.ui import scan_dialog, scan_review, scan_state; "
            f"print(sorted(m for m in {OCR_MODULES!r} if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


_WITHOUT = r'''
import runpy, sys
# Import of any of these now fails (a None entry in sys.modules makes `import` raise ImportError).
for name in ("cv2", "shapely", "pyclipper", "yaml", "rapidocr_onnxruntime"):
    sys.modules[name] = None
sys.argv = ["transfer-helper", *sys.argv[1:]]
runpy.run_module("app", run_name="__main__", alter_sys=True)
'''


def test_scan_reads_the_card_with_opencv_and_rapidocr_code_unimportable(scan_truth):
    """The OCR needs only onnxruntime, numpy, Pillow and the models (app/scan/ocr.py)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _WITHOUT, "scan", str(DATA / "scan-000-id_card.png"), "--json",
                             "--today", "2026-11-23"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    read = {f["path"]: f["value"] for f in json.loads(result.stdout)["fields"]}
    assert read == scan_truth["scan-000-id_card.png"]["fields"]
