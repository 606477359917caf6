"""Printer calibration: how far a printer misplaces a page, and the correction that undoes it.

Owns: the `Calibration` value (a correction: move the content by dx/dy mm, scale it by `scale`),
its limits, how it is computed from what a person measured on the printed test page
(app/render/calibration.py), its text form in the settings, and the affine transform
printing applies. Imports neither PySide6 nor reportlab.

Coordinates are those of the sheet as a painter sees it: origin at the top left corner of
the paper, x to the right, y downwards, in millimetres (points in `to_transform`).

The printer is modelled as a uniform scale plus a shift: a point meant for p lands at
k·p + o. The test page has a horizontal line A at 20 mm from the top edge, a vertical line B
at 20 mm from the left edge and a square C of 100 mm, so the measurements give

    k  = C / 100                 o_x = B − 20·k          o_y = A − 20·k

and the correction that makes the page land true (k·(s·p + d) + o = p) is

    s  = 1 / k = 100 / C         d_x = −o_x / k = 20 − B·s    d_y = 20 − A·s

The test page must be printed without any correction for this to hold.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4
POINTS_PER_MM = 72.0 / MM_PER_INCH

MAX_OFFSET_MM = 20.0
MIN_SCALE, MAX_SCALE = 0.9, 1.1

# What the test page prints (app/render/calibration.py draws exactly these).
LINE_A_MM = 20.0    # horizontal line A, from the top edge of the sheet
LINE_B_MM = 20.0    # vertical line B, from the left edge
SQUARE_MM = 100.0   # side of square C

# Measurements a ruler can give on an A4 sheet printed at roughly the right size: outside
# these the person measured something else (or in cm), or "fit to page" was on.
_MEASURED_LINE = (3.0, 42.0)   # nearer the edge than 3 mm no printer prints
_MEASURED_SQUARE = (85.0, 115.0)


class CalibrationError(ValueError):
    """A calibration or a measurement that cannot be right, with the reason in both
    languages (this module is Qt-free: the UI picks `message(language)`)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def message(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh


def _number(value: float, zh_name: str, en_name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CalibrationError(f"{zh_name}不是数字。", f"{en_name} is not a number.") from None
    if not math.isfinite(number):
        raise CalibrationError(f"{zh_name}不是有效的数字。", f"{en_name} is not a valid number.")
    return number


@dataclass(frozen=True, slots=True)
class Calibration:
    """A correction applied when printing: content moved right by `dx_mm`, down by `dy_mm`
    (negative: left / up), and scaled by `scale` about the top left corner of the sheet."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0
    scale: float = 1.0

    def __post_init__(self) -> None:
        dx = _number(self.dx_mm, "左右偏移", "The horizontal offset")
        dy = _number(self.dy_mm, "上下偏移", "The vertical offset")
        scale = _number(self.scale, "缩放比例", "The scale")
        for value, zh, en in ((dx, "左右", "horizontal"), (dy, "上下", "vertical")):
            if abs(value) > MAX_OFFSET_MM:
                raise CalibrationError(
                    f"{zh}偏移 {value:.1f} mm 太大：最多 ±{MAX_OFFSET_MM:.0f} mm。请检查量的是不是纸边到线的距离，单位是不是毫米。",
                    f"The {en} offset of {value:.1f} mm is too large: at most {MAX_OFFSET_MM:.0f} mm either way. "
                    "Check that you measured from the edge of the paper to the line, in millimetres.")
        if not MIN_SCALE <= scale <= MAX_SCALE:
            raise CalibrationError(
                f"缩放比例 {scale * 100:.1f}% 不合理：应在 {MIN_SCALE * 100:.0f}% 到 {MAX_SCALE * 100:.0f}% 之间。"
                "打印时请关闭“适合页面”或“缩放”。",
                f"A scale of {scale * 100:.1f}% cannot be right: it must be between {MIN_SCALE * 100:.0f}% and "
                f"{MAX_SCALE * 100:.0f}%. Turn off \"fit to page\" or scaling when printing.")
        object.__setattr__(self, "dx_mm", dx)
        object.__setattr__(self, "dy_mm", dy)
        object.__setattr__(self, "scale", scale)

    @property
    def is_identity(self) -> bool:
        return abs(self.dx_mm) < 0.005 and abs(self.dy_mm) < 0.005 and abs(self.scale - 1.0) < 0.00005

    def to_transform(self) -> tuple[float, float, float, float, float, float]:
        """(a, b, c, d, e, f) with x' = a·x + c·y + e and y' = b·x + d·y + f, in points, on
        the sheet's coordinates (origin top left, y down): QTransform(a, b, c, d, e, f)."""
        return (self.scale, 0.0, 0.0, self.scale, self.dx_mm * POINTS_PER_MM, self.dy_mm * POINTS_PER_MM)

    def to_text(self) -> str:
        """"dx,dy,scale" for the settings: 0.01 mm and 1/100 000 are finer than a ruler."""
        return f"{self.dx_mm:.2f},{self.dy_mm:.2f},{self.scale:.5f}"

    @classmethod
    def from_text(cls, text: str) -> Calibration:
        """The inverse of `to_text`; CalibrationError (a ValueError) for anything else."""
        parts = str(text).split(",")
        if len(parts) != 3:
            raise CalibrationError("校准数据格式不对。", "The calibration data is malformed.")
        dx, dy, scale = (_number(part.strip(), "校准数据", "The calibration data") for part in parts)
        return cls(dx, dy, scale)

    @classmethod
    def from_measurements(cls, measured_left_mm: float, measured_top_mm: float,
                          measured_square_mm: float) -> Calibration:
        """The correction for a printer whose uncorrected test page measured `measured_left_mm`
        from the left edge to line B, `measured_top_mm` from the top edge to line A and
        `measured_square_mm` for the side of square C."""
        left = _number(measured_left_mm, "左边缘到竖线 B 的距离", "The distance from the left edge to line B")
        top = _number(measured_top_mm, "上边缘到横线 A 的距离", "The distance from the top edge to line A")
        square = _number(measured_square_mm, "方框 C 的边长", "The side of square C")
        for value, zh, en, nominal in ((top, "上边缘到横线 A", "top edge to line A", LINE_A_MM),
                                       (left, "左边缘到竖线 B", "left edge to line B", LINE_B_MM)):
            low, high = _MEASURED_LINE
            if not low <= value <= high:
                raise CalibrationError(
                    f"{zh}量到 {value:.1f} mm，不可能：应该在 {nominal:.0f} mm 左右。请用毫米刻度从纸的边缘量起。",
                    f"{value:.1f} mm from the {en} cannot be right: it should be about {nominal:.0f} mm. "
                    "Measure in millimetres from the edge of the paper.")
        low, high = _MEASURED_SQUARE
        if not low <= square <= high:
            raise CalibrationError(
                f"方框 C 的边长量到 {square:.1f} mm，不可能：应该在 {SQUARE_MM:.0f} mm 左右。"
                "请量方框的一条边；如果打印时开了“适合页面”，请关闭后重新打印校准页。",
                f"A side of {square:.1f} mm for square C cannot be right: it should be about {SQUARE_MM:.0f} mm. "
                "Measure one side of the square; if \"fit to page\" was on, turn it off and print the test page again.")
        scale = SQUARE_MM / square
        return cls(dx_mm=LINE_B_MM - left * scale, dy_mm=LINE_A_MM - top * scale, scale=scale)

    def measurements(self) -> tuple[float, float, float]:
        """(left, top, square): what the uncorrected test page measures on a printer this is
        the correction for; the inverse of `from_measurements`."""
        return ((LINE_B_MM - self.dx_mm) / self.scale, (LINE_A_MM - self.dy_mm) / self.scale, SQUARE_MM / self.scale)

    def apply(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """Where this correction sends the point (x_mm, y_mm) of the page (before the printer
        adds its own error)."""
        return (self.scale * x_mm + self.dx_mm, self.scale * y_mm + self.dy_mm)


IDENTITY = Calibration()


def from_measurements(measured_left_mm: float, measured_top_mm: float, measured_square_mm: float) -> Calibration:
    """`Calibration.from_measurements`: the correction for what was measured on the test page."""
    return Calibration.from_measurements(measured_left_mm, measured_top_mm, measured_square_mm)
