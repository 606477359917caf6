"""The OCR engine: RapidOCR (PP-OCRv4 Chinese models run by onnxruntime), loaded once.

Owns: turning a page image into text lines with their boxes and confidences, the one
shared engine instance, and the size the page is read at.

Why this engine (measured by benchmarks/scan.py; figures in docs/scan.md): rapidocr-onnxruntime
1.4.x ships its detection, recognition and orientation models inside the wheel (later
packages of the family download them on first use, which an offline app cannot do); it
reads the generated test set far better than Debian's tesseract + chi_sim, and PyInstaller
collects it as data files plus onnxruntime's shared library.

Imported lazily: starting the app or `check` never imports onnxruntime, numpy or cv2; the
first scan does (about 1 s). Nothing here opens a socket (tests/scan/test_scan_offline.py).
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

READ_SIDE = 1600  # px, the longer side a page is read at: 9-pt text of an A4 page stays ~15 px high


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
    """rapidocr-onnxruntime with its bundled models; one call at a time."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR  # heavy: onnxruntime, numpy, cv2

        # The text-direction classifier is kept: a paper photographed upside down is read.
        self._ocr = RapidOCR(det_limit_type="min", det_limit_side_len=736, max_side_len=READ_SIDE + 1)
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> list[OcrLine]:
        import numpy as np

        scale = min(1.0, READ_SIDE / max(image.size))
        small = image if scale == 1.0 else image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
        array = np.asarray(small.convert("RGB"))[:, :, ::-1]  # RapidOCR takes OpenCV's BGR order
        with self._lock:
            result, _ = self._ocr(np.ascontiguousarray(array))
        lines = []
        for box, text, confidence in result or ():
            corners = tuple((float(x) / scale, float(y) / scale) for x, y in box)
            lines.append(OcrLine(str(text), corners, float(confidence)))
        return lines


_engine: Engine | None = None
_engine_lock = threading.Lock()


def default_engine() -> Engine:
    """The shared engine, made on first use (model loading takes about a second)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = RapidEngine()
        return _engine
