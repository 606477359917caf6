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
