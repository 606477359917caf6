"""Printer calibration maths (app.printer_calibration), without Qt: measurements on the
uncorrected test page -> the correction, its limits, its text form and its transform."""
from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.printer_calibration import (
    IDENTITY,
    POINTS_PER_MM,
    Calibration,
    CalibrationError,
    from_measurements,
)

# (left to line B, top to line A, side of square C) measured -> (dx, dy, scale) to apply.
CASES = [
    pytest.param((20.0, 20.0, 100.0), (0.0, 0.0, 1.0), id="a true printer needs nothing"),
    pytest.param((22.0, 20.0, 100.0), (-2.0, 0.0, 1.0), id="prints 2 mm right: move 2 mm left"),
    pytest.param((18.5, 20.0, 100.0), (1.5, 0.0, 1.0), id="prints 1.5 mm left: move right"),
    pytest.param((20.0, 17.5, 100.0), (0.0, 2.5, 1.0), id="prints 2.5 mm high: move down"),
    pytest.param((20.0, 23.0, 100.0), (0.0, -3.0, 1.0), id="prints 3 mm low: move up"),
    pytest.param((20.4, 20.4, 102.0), (0.0, 0.0, 100 / 102), id="2 % too large about the corner: shrink only"),
    pytest.param((19.0, 19.0, 95.0), (0.0, 0.0, 100 / 95), id="fit-to-page-like 95 %: enlarge only"),
    pytest.param((23.0, 18.0, 101.0), (20 - 23 * 100 / 101, 20 - 18 * 100 / 101, 100 / 101),
                 id="shift and scale together"),
]


@pytest.mark.parametrize(("measured", "expected"), CASES)
def test_measurements_give_the_correction(measured, expected):
    result = from_measurements(*measured)
    assert (result.dx_mm, result.dy_mm, result.scale) == pytest.approx(expected, abs=1e-9)


@given(k=st.floats(0.93, 1.07), ox=st.floats(-8, 8), oy=st.floats(-8, 8),
       x=st.floats(0, 210), y=st.floats(0, 297))
def test_the_correction_undoes_a_shifted_and_scaled_printer(k, ox, oy, x, y):
    """A printer that puts p at k·p + o measures A = 20k + o_y, B = 20k + o_x, C = 100k; with
    the correction applied first, every point of the page lands where it belongs."""
    calibration = from_measurements(20 * k + ox, 20 * k + oy, 100 * k)
    corrected_x, corrected_y = calibration.apply(x, y)
    assert k * corrected_x + ox == pytest.approx(x, abs=1e-6)
    assert k * corrected_y + oy == pytest.approx(y, abs=1e-6)


@given(dx=st.floats(-15, 15), dy=st.floats(-15, 15), scale=st.floats(0.92, 1.08))
def test_measurements_are_the_inverse_of_from_measurements(dx, dy, scale):
    calibration = Calibration(dx, dy, scale)
    again = from_measurements(*calibration.measurements())
    assert (again.dx_mm, again.dy_mm, again.scale) == pytest.approx((dx, dy, scale), abs=1e-9)


def test_identity_is_the_default_and_measures_the_nominal_values():
    assert Calibration() == IDENTITY and IDENTITY.is_identity
    assert IDENTITY.measurements() == (20.0, 20.0, 100.0)
    assert IDENTITY.to_transform() == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def test_transform_is_the_scale_and_the_offsets_in_points():
    a, b, c, d, e, f = Calibration(-2.0, 1.5, 0.99).to_transform()
    assert (a, b, c, d) == (0.99, 0.0, 0.0, 0.99)
    assert e == pytest.approx(-2.0 * 72 / 25.4) and f == pytest.approx(1.5 * 72 / 25.4)
    assert POINTS_PER_MM == pytest.approx(2.834645669)


@pytest.mark.parametrize("calibration", [IDENTITY, Calibration(-2.18, 1.29, 0.9901), Calibration(20, -20, 1.1)])
def test_text_form_round_trips(calibration):
    text = calibration.to_text()
    assert re.fullmatch(r"-?\d+\.\d\d,-?\d+\.\d\d,\d\.\d{5}", text)
    assert Calibration.from_text(text) == calibration


@pytest.mark.parametrize("text", ["", "1,2", "1,2,3,4", "a,b,c", "nan,0,1", "0,0,inf", "30,0,1", "0,0,2"])
def test_malformed_or_absurd_text_is_refused(text):
    with pytest.raises(ValueError):
        Calibration.from_text(text)


def _bilingual(error: CalibrationError) -> None:
    assert re.search(r"[\u4e00-\u9fff]", error.zh), "the Chinese message has Chinese in it"
    assert error.en.isascii() and re.search(r"[a-z]{4}", error.en), "the English message is English"
    assert error.message("zh") == error.zh and error.message("en") == error.en
    assert str(error) == f"{error.zh} / {error.en}"


@pytest.mark.parametrize(("values", "zh_part", "en_part"), [
    ((25.0, 0.0, 1.0), "左右偏移 25.0 mm 太大", "horizontal offset of 25.0 mm is too large"),
    ((0.0, -20.5, 1.0), "上下偏移 -20.5 mm 太大", "vertical offset of -20.5 mm"),
    ((0.0, 0.0, 1.2), "缩放比例 120.0% 不合理", "scale of 120.0% cannot be right"),
    ((0.0, 0.0, 0.5), "适合页面", "fit to page"),
    ((math.nan, 0.0, 1.0), "不是有效的数字", "not a valid number"),
    (("abc", 0.0, 1.0), "不是数字", "not a number"),
])
def test_a_calibration_outside_the_limits_is_refused_in_both_languages(values, zh_part, en_part):
    with pytest.raises(CalibrationError) as caught:
        Calibration(*values)
    _bilingual(caught.value)
    assert zh_part in caught.value.zh
    assert en_part in caught.value.en


@pytest.mark.parametrize(("measured", "zh_part", "en_part"), [
    ((2.0, 2.0, 10.0), "上边缘到横线 A量到 2.0 mm", "top edge to line A cannot be right"),  # in cm
    ((2.0, 20.0, 100.0), "左边缘到竖线 B量到 2.0 mm", "left edge to line B cannot be right"),
    ((20.0, 20.0, 10.0), "请量方框的一条边", "Measure one side of the square"),  # C in cm
    ((20.0, 0.0, 100.0), "上边缘到横线 A量到 0.0 mm", "top edge to line A"),
    ((20.0, 20.0, 50.0), "方框 C 的边长量到 50.0 mm", "side of 50.0 mm for square C"),
    ((20.0, 20.0, 297.0), "应该在 100 mm 左右", "about 100 mm"),
    ((41.0, 20.0, 100.0), "左右偏移 -21.0 mm 太大", "at most 20 mm either way"),  # plausible reading, too far
    ((20.0, 20.0, -100.0), "方框 C", "square C"),
])
def test_absurd_measurements_are_refused_with_a_reason(measured, zh_part, en_part):
    with pytest.raises(CalibrationError) as caught:
        from_measurements(*measured)
    _bilingual(caught.value)
    assert zh_part in caught.value.zh
    assert en_part in caught.value.en


def test_the_limits_themselves_are_allowed():
    assert Calibration(20.0, -20.0, 0.9).scale == 0.9
    assert Calibration(-20.0, 20.0, 1.1).dx_mm == -20.0
