"""Scan fixtures: the committed images, their truth, and one OCR reading per image per session
(the model loads once; every test that needs a reading shares it)."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def scan_truth() -> dict:
    return json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


class CachingEngine:
    """The real engine, asked once per distinct image for the whole session."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.lines: dict[tuple, list] = {}

    def read(self, image):
        key = (image.size, hashlib.sha256(image.tobytes()).digest())
        if key not in self.lines:
            self.lines[key] = self.engine.read(image)
        return self.lines[key]


@pytest.fixture(scope="session")
def ocr_engine():
    from app.scan.engine import default_engine

    return CachingEngine(default_engine())


@pytest.fixture(scope="session")
def read_images(ocr_engine):
    """read_images(*names) -> ScanResult; each image goes through the OCR once per session."""
    from app.scan import reader

    def read(*names: str):
        return reader.scan_files([DATA / n for n in names], today=TODAY, engine=ocr_engine)
    return read
