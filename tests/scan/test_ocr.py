"""The OCR pipeline's own image geometry (app/scan/ocr.py), which stands in for OpenCV's
findContours + minAreaRect and pyclipper's unclip, and reading a page turned upside down."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from app.scan import ocr
from tests.scan.conftest import DATA, TODAY


def _rotated_rect(cx, cy, w, h, degrees):
    a = math.radians(degrees)
    u, n = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
    return np.array([[cx, cy] + sx * w / 2 * u + sy * h / 2 * n for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))])


@pytest.mark.parametrize("degrees", [0, 5, -8, 30, 90])
def test_min_area_rect_of_a_rotated_rectangle_is_that_rectangle(degrees):
    corners = _rotated_rect(200, 120, 160, 24, degrees)
    inside = np.concatenate([corners, corners.mean(0, keepdims=True), corners[:2].mean(0, keepdims=True)])
    rect, short = ocr.min_area_rect(inside)
    assert short == pytest.approx(24, abs=1e-6)
    sides = sorted(np.hypot(*(rect[(i + 1) % 4] - rect[i])) for i in range(4))
    assert sides == pytest.approx([24, 24, 160, 160], abs=1e-6)


def test_min_area_rect_of_points_on_a_line_is_none():
    assert ocr.min_area_rect(np.array([[0, 0], [5, 0], [9, 0]], float)) is None


def test_components_join_diagonal_neighbours_and_keep_apart_the_rest():
    mask = np.zeros((8, 12), bool)
    mask[1, 1:4] = True
    mask[2, 4:6] = True        # touches the first run only at a corner: the same component
    mask[5:7, 8:11] = True     # a block of its own
    mask[5, 1] = True          # a single pixel
    found = sorted(ocr.components(mask), key=lambda p: (p[:, 1].min(), p[:, 0].min()))
    assert len(found) == 3
    first = found[0]
    assert (first[:, 0].min(), first[:, 0].max(), first[:, 1].min(), first[:, 1].max()) == (1, 5, 1, 2)


def test_unclip_grows_every_side_by_area_times_ratio_over_perimeter():
    corners = _rotated_rect(100, 50, 120, 20, 12)
    grown = ocr.unclip(corners)
    d = 120 * 20 * ocr.DET_UNCLIP_RATIO / (2 * (120 + 20))
    sides = sorted(np.hypot(*(grown[(i + 1) % 4] - grown[i])) for i in range(4))
    assert sides == pytest.approx([20 + 2 * d] * 2 + [120 + 2 * d] * 2, abs=1e-6)
    assert grown.mean(0) == pytest.approx(corners.mean(0))


def test_a_card_photographed_upside_down_reads_as_the_upright_one(ocr_engine, scan_truth):
    from app.scan import reader
    from app.scan.images import open_image

    page = open_image(Image.open(DATA / "scan-000-id_card.png").rotate(180), "turned.png")
    result = reader.scan_pages([page], today=TODAY, engine=ocr_engine)
    assert {f.path: f.value for f in result.fields} == scan_truth["scan-000-id_card.png"]["fields"]
