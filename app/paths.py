"""The one place that knows where forms/ and resources/ live.

Works from the source tree (editable install, tests) and from a PyInstaller bundle, where
the data folders sit next to the frozen package under ``sys._MEIPASS``. Imports nothing
from the rest of the app.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _root() -> Path:
    override = os.environ.get("TRANSFER_HELPER_ROOT")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
FORMS = ROOT / "forms"
RESOURCES = ROOT / "resources"
FONTS = RESOURCES / "fonts"
REGIONS = RESOURCES / "regions"
RULES = RESOURCES / "rules"
TRANSLATIONS = RESOURCES / "translations"
EXAMPLES = ROOT / "examples"


def ocr_models() -> Path:
    """The folder of the OCR's ONNX models: the `models` folder of the rapidocr-onnxruntime
    wheel (installed for its models only; its code is not imported: app/scan/ocr.py). In a
    bundle, PyInstaller collects that folder as data under the package's name."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "rapidocr_onnxruntime" / "models"
    for entry in sys.path:  # the installed wheel's folder, found without importing its code
        folder = Path(entry or ".") / "rapidocr_onnxruntime" / "models"
        if folder.is_dir():
            return folder
    raise FileNotFoundError("rapidocr-onnxruntime (the OCR models) is not installed")
