"""The OCR engine: RapidOCR's PP-OCRv4 Chinese models run by onnxruntime (app/scan/ocr.py), loaded once.

Owns: turning a page image into text lines with their boxes and confidences, the one
shared engine instance, and the size the page is read at.

Why this engine (measured by benchmarks/scan.py; figures in docs/scan.md): rapidocr-onnxruntime
1.4.x ships its detection, recognition and orientation models inside the wheel (later
packages of the family download them on first use, which an offline app cannot do); it
reads the generated test set far better than Debian's tesseract + chi_sim, and PyInstaller
collects the models as data files plus onnxruntime's shared library. RapidOCR's own code
(and the OpenCV it needs) is not used: app/scan/ocr.py runs the same steps with numpy and Pillow.

Imported lazily: starting the app or `check` never imports onnxruntime or numpy; the first
scan does (about 1 s). Nothing here opens a socket (tests/scan/test_scan_offline.py).
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

READ_SIDE = 1600  # px, the longer side a page is read at: 8.5-pt table text of an A4 page stays ~15 px high;
# measured: at 1280 px the detector misses short table headers (险种, 月数) of clean scans; 1600 px reads them
DET_SIDE = 1280   # px, the longer side the text detector sees; the lines are cut out of the READ_SIDE image.
# Measured (benchmarks/scan.py, 2 people): the same fields exact as at 1600 px (1408 px: one more wrong),
# detection on 36 % fewer pixels, CPU per image 2.2 -> 1.7 s clean, 2.5 -> 1.9 s degraded.


@dataclass(frozen=True)
class OcrLine:
    """One line of text as the engine read it. `box`: four (x, y) corners, clockwise from the
    top left, in the pixels of the page image that was passed in."""

    text: str
    box: tuple[tuple[float, float], ...]
    confidence: float


class Engine(Protocol):
    def read(self, image: Image.Image) -> list[OcrLine]: ...


class RapidEngine:
    """RapidOCR's PP-OCRv4 models run by app.scan.ocr; one call at a time."""

    def __init__(self, threads: int | None = None) -> None:
        from app import paths
        from app.scan.ocr import Pipeline  # heavy: onnxruntime, numpy

        self._ocr = Pipeline(paths.ocr_models(), threads, det_side=DET_SIDE)
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> list[OcrLine]:
        scale = min(1.0, READ_SIDE / max(image.size))
        small = image if scale == 1.0 else image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
        with self._lock:
            found = self._ocr(small.convert("RGB"))
        return [OcrLine(line.text, tuple((float(x) / scale, float(y) / scale) for x, y in line.box.tolist()),
                        float(line.score)) for line in found]


_engine: Engine | None = None
_engine_lock = threading.Lock()


def default_engine() -> Engine:
    """The shared engine, made on first use (model loading takes about a second)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = RapidEngine()
        return _engine
