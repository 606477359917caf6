"""PP-OCRv4 run by onnxruntime, with numpy and Pillow only: detection, orientation, recognition.

Owns: the three ONNX sessions (and their thread settings), turning a page image into text
lines (four corners, text, confidence), and the image operations between the models: the DB
detector's post-processing (threshold, 2x2 dilation, connected components, minimum-area
rectangle, box score, unclip), the crop of each line, the classifier's 180° check and the
recogniser's CTC decoding.

Why not RapidOCR's own pipeline: the models are RapidOCR's (rapidocr-onnxruntime 1.4.4 ships
them in its wheel; app.paths.ocr_models finds them), and this module follows its steps and
parameters, but RapidOCR's code needs OpenCV (152 MB of the packaged app for a dozen calls),
shapely, pyclipper and PyYAML. Here OpenCV's findContours + minAreaRect become run-length
component labelling and rotating calipers on the convex hull; pyclipper's round offset of a
rectangle ("unclip") is the rectangle grown by the same distance on every side (the round
corners lie inside it, so its minimum-area rectangle is exactly that); warpPerspective of a
rectangle is Pillow's QUAD transform (exact for a parallelogram).

Orientation: RapidOCR classifies every line (0° / 180°). A page is upright or upside down as a
whole, so the classifier first looks at the page's longest lines only (ORIENTATION_SAMPLE); only
when one of them reads as turned are all lines classified and turned one by one, as RapidOCR
does. Imports nothing from Qt, reportlab or the rest of the app but app.paths.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

# RapidOCR 1.4.4's config.yaml (the values its pipeline uses with our settings).
DET_THRESH = 0.3          # a pixel is text above this probability
DET_BOX_THRESH = 0.5      # a box is kept when its mean probability reaches this
DET_UNCLIP_RATIO = 1.6    # the detector's boxes shrink text by this factor: grown back
DET_MIN_SIZE = 3          # px of the probability map: shorter sides are noise
DET_MAX_CANDIDATES = 1000
CLS_SHAPE = (48, 192)
CLS_THRESH = 0.9          # a line is turned when the classifier says 180° with this confidence
CLS_BATCH = 6
REC_HEIGHT = 48
# RapidOCR pads every batch to at least 320 px (PaddleOCR's training width), so a batch of
# short table cells (男, 2019-01, 36) costs as much as a long line. Measured (benchmarks/scan.py,
# 2 people): the same fields read without that padding, CPU per image 15 % lower.
REC_MIN_WIDTH = REC_HEIGHT
REC_BATCH = 6
TEXT_SCORE = 0.5          # lines recognised with less confidence are dropped
ORIENTATION_SAMPLE = 6    # longest lines the classifier looks at before deciding to check all

MODEL_FILES = {"det": "ch_PP-OCRv4_det_infer.onnx", "rec": "ch_PP-OCRv4_rec_infer.onnx",
               "cls": "ch_ppocr_mobile_v2.0_cls_infer.onnx"}


@dataclass(frozen=True)
class Line:
    box: np.ndarray   # 4 x 2 float32: top left, top right, bottom right, bottom left
    text: str
    score: float


def session(path: Path, threads: int):
    """An onnxruntime CPU session: `threads` intra-op threads that sleep instead of spinning
    while they wait (a spinning pool burns the second core of a 2-core machine for nothing)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class Pipeline:
    """Detection, orientation and recognition of one page image at a time (not thread-safe)."""

    def __init__(self, models: Path, threads: int | None = None, det_side: int | None = None) -> None:
        threads = threads or default_threads()
        self.det_side = det_side  # the longer side the detector sees (None: the image's own)
        self.det = session(models / MODEL_FILES["det"], threads)
        self.cls = session(models / MODEL_FILES["cls"], threads)
        self.rec = session(models / MODEL_FILES["rec"], threads)
        meta = self.rec.get_modelmeta().custom_metadata_map
        self.characters = ["", *meta["character"].splitlines(), " "]  # CTC blank first, space last

    def __call__(self, image: Image.Image) -> list[Line]:
        """Text lines of an RGB page image, in reading order, corners in its pixels."""
        boxes = self.detect(image)
        if not boxes:
            return []
        crops = [crop(image, box) for box in boxes]
        turned = self.turned_lines(crops)
        crops = [np.ascontiguousarray(c[::-1, ::-1]) if i in turned else c for i, c in enumerate(crops)]
        # A turned line's corners start at its text's top left (the image's bottom right), so
        # that the layout sees the direction the text runs in (app.scan.layout.page_angle).
        boxes = [np.roll(b, 2, axis=0) if i in turned else b for i, b in enumerate(boxes)]
        found = []
        for box, (text, score) in zip(boxes, self.recognise(crops)):
            if score >= TEXT_SCORE:
                found.append(Line(box, text, score))
        return found

    # -- detection -------------------------------------------------------------------------
    def detect(self, image: Image.Image) -> list[np.ndarray]:
        width, height = image.size
        scale = min(1.0, self.det_side / max(width, height)) if self.det_side else 1.0
        # The network wants sides that are multiples of 32 (RapidOCR rounds the same way).
        net_w, net_h = max(32, round(width * scale / 32) * 32), max(32, round(height * scale / 32) * 32)
        sized = image if (net_w, net_h) == image.size else image.resize((net_w, net_h), Image.Resampling.BILINEAR)
        pred = self.det.run(None, {self.det.get_inputs()[0].name: _normalise(sized)})[0][0, 0]
        boxes = db_boxes(pred, width, height)
        return sorted_boxes(boxes)

    # -- orientation -----------------------------------------------------------------------
    def turned_lines(self, crops: list[np.ndarray]) -> set[int]:
        """The lines that read upside down: the longest few first, all only if one of them is."""
        longest = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / crops[i].shape[0], reverse=True)
        sample = longest[:ORIENTATION_SAMPLE]
        turned = self.turned(crops, sample)
        if turned:
            turned |= self.turned(crops, [i for i in range(len(crops)) if i not in sample])
        return turned

    def turned(self, crops: list[np.ndarray], indices: list[int]) -> set[int]:
        height, width = CLS_SHAPE
        order = sorted(indices, key=lambda i: crops[i].shape[1] / crops[i].shape[0])
        found = set()
        for start in range(0, len(order), CLS_BATCH):
            batch = order[start:start + CLS_BATCH]
            tensor = np.zeros((len(batch), 3, height, width), np.float32)
            for row, index in enumerate(batch):
                tensor[row] = _line_tensor(crops[index], height, width)
            probs = self.cls.run(None, {self.cls.get_inputs()[0].name: tensor})[0]
            for row, index in enumerate(batch):
                if probs[row].argmax() == 1 and probs[row, 1] > CLS_THRESH:
                    found.add(index)
        return found

    # -- recognition -----------------------------------------------------------------------
    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        ratios = [c.shape[1] / c.shape[0] for c in crops]
        order = np.argsort(np.array(ratios), kind="stable")
        results: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for start in range(0, len(order), REC_BATCH):
            batch = order[start:start + REC_BATCH]
            max_ratio = max(REC_MIN_WIDTH / REC_HEIGHT, *(ratios[i] for i in batch))
            width = int(REC_HEIGHT * max_ratio)
            tensor = np.zeros((len(batch), 3, REC_HEIGHT, width), np.float32)
            for row, index in enumerate(batch):
                tensor[row] = _line_tensor(crops[index], REC_HEIGHT, width)
            probs = self.rec.run(None, {self.rec.get_inputs()[0].name: tensor})[0]
            for row, index in enumerate(batch):
                results[index] = self._decode(probs[row])
        return results

    def _decode(self, probs: np.ndarray) -> tuple[str, float]:
        """Greedy CTC: the best class per step, repeats merged, blanks dropped; the score is
        the mean probability of the characters kept."""
        best = probs.argmax(axis=1)
        keep = np.ones(len(best), bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0
        if not keep.any():
            return "", 0.0
        text = "".join(self.characters[i] for i in best[keep])
        return text, float(probs.max(axis=1)[keep].mean())


def _normalise(image: Image.Image) -> np.ndarray:
    """RGB image -> 1 x 3 x H x W float32 in OpenCV's BGR order, scaled to [-1, 1]."""
    array = np.asarray(image.convert("RGB"), dtype=np.float32)[:, :, ::-1]
    return np.ascontiguousarray((array * (2 / 255) - 1).transpose(2, 0, 1)[np.newaxis])


def _line_tensor(line: np.ndarray, height: int, width: int) -> np.ndarray:
    """A line crop (H x W x 3 RGB uint8) as the classifier or recogniser takes it: scaled to
    `height`, its width kept in proportion up to `width`, padded with zeros on the right."""
    h, w = line.shape[:2]
    new_w = min(width, math.ceil(height * w / h))
    sized = np.asarray(Image.fromarray(line).resize((max(1, new_w), height), Image.Resampling.BILINEAR),
                       dtype=np.float32)[:, :, ::-1]
    out = np.zeros((3, height, width), np.float32)
    out[:, :, :sized.shape[1]] = (sized * (2 / 255) - 1).transpose(2, 0, 1)
    return out


# -- the detector's post-processing ----------------------------------------------------------
def db_boxes(pred: np.ndarray, width: int, height: int) -> list[np.ndarray]:
    """Boxes of text in the probability map `pred`, scaled to a `width` x `height` image."""
    map_h, map_w = pred.shape
    mask = pred > DET_THRESH
    dilated = mask.copy()  # OpenCV's 2x2 dilation: a pixel is set if it or its up/left neighbours are
    dilated[1:, :] |= mask[:-1, :]
    dilated[:, 1:] |= mask[:, :-1]
    dilated[1:, 1:] |= mask[:-1, :-1]
    boxes = []
    for points in components(dilated)[:DET_MAX_CANDIDATES]:
        rect = min_area_rect(points)
        if rect is None or rect[1] < DET_MIN_SIZE:
            continue
        corners = rect[0]
        if box_score(pred, corners) < DET_BOX_THRESH:
            continue
        grown = unclip(corners)
        rect = min_area_rect(grown)
        if rect is None or rect[1] < DET_MIN_SIZE + 2:
            continue
        box = ordered(rect[0])
        box[:, 0] = np.clip(np.round(box[:, 0] / map_w * width), 0, width)
        box[:, 1] = np.clip(np.round(box[:, 1] / map_h * height), 0, height)
        box = clockwise(box.astype(np.int32).astype(np.float32))
        box[:, 0] = np.clip(box[:, 0], 0, width - 1).astype(np.int32)
        box[:, 1] = np.clip(box[:, 1], 0, height - 1).astype(np.int32)
        if int(np.linalg.norm(box[0] - box[1])) <= 3 or int(np.linalg.norm(box[0] - box[3])) <= 3:
            continue
        boxes.append(box)
    return boxes


def components(mask: np.ndarray) -> list[np.ndarray]:
    """The 8-connected components of a boolean mask, each as the ends of its pixel runs
    (N x 2 float: x, y): enough for its convex hull. Labelled run by run: runs of one row
    join the runs of the next row they touch (diagonals included)."""
    height, width = mask.shape
    padded = np.zeros((height, width + 2), np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # exclusive
    count = len(rows)
    if count == 0:
        return []
    span = width + 2
    start_keys = rows * span + starts
    end_keys = rows * span + ends
    # For each run, the runs of the next row that touch it form one index range [lo, hi).
    lo = np.searchsorted(end_keys, (rows + 1) * span + starts, side="left")
    hi = np.searchsorted(start_keys, (rows + 1) * span + ends, side="right")
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in np.nonzero(hi > lo)[0].tolist():
        ra = root(a)
        for b in range(int(lo[a]), int(hi[a])):
            rb = root(b)
            if rb != ra:
                parent[max(ra, rb)] = min(ra, rb)
                ra = min(ra, rb)
    labels = np.array([root(i) for i in range(count)])
    order = np.argsort(labels, kind="stable")
    cuts = np.nonzero(np.diff(labels[order]))[0] + 1
    found = []
    for group in np.split(order, cuts):
        ys = rows[group].astype(np.float64)
        found.append(np.concatenate([np.stack([starts[group], ys], 1), np.stack([ends[group] - 1, ys], 1)]))
    return found


def convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain; counter-clockwise in image coordinates, no repeated point."""
    pts = sorted(set(map(tuple, points.tolist())))
    if len(pts) < 3:
        return np.array(pts, np.float64)

    def half(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1], np.float64)


def min_area_rect(points: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The minimum-area rectangle around the points (rotating calipers over the hull's
    edges): its four corners and its shorter side. None when the points lie on a line."""
    hull = convex_hull(points)
    if len(hull) < 3:
        return None
    edges = np.roll(hull, -1, axis=0) - hull
    lengths = np.hypot(edges[:, 0], edges[:, 1])
    keep = lengths > 0
    units = edges[keep] / lengths[keep, None]
    normals = np.stack([-units[:, 1], units[:, 0]], 1)
    along = hull @ units.T      # points x edges
    across = hull @ normals.T
    a0, a1 = along.min(0), along.max(0)
    n0, n1 = across.min(0), across.max(0)
    areas = (a1 - a0) * (n1 - n0)
    k = int(areas.argmin())
    u, n = units[k], normals[k]
    corners = np.array([a0[k] * u + n0[k] * n, a1[k] * u + n0[k] * n, a1[k] * u + n1[k] * n, a0[k] * u + n1[k] * n])
    return corners, float(min(a1[k] - a0[k], n1[k] - n0[k]))


def ordered(corners: np.ndarray) -> np.ndarray:
    """RapidOCR's corner order for a rectangle: by x, then the upper of each side first
    (top left, top right, bottom right, bottom left for a line of text)."""
    pts = sorted(corners.tolist(), key=lambda p: p[0])
    first, fourth = (0, 1) if pts[1][1] > pts[0][1] else (1, 0)
    second, third = (2, 3) if pts[3][1] > pts[2][1] else (3, 2)
    return np.array([pts[first], pts[second], pts[third], pts[fourth]], np.float64)


def clockwise(box: np.ndarray) -> np.ndarray:
    """Top left, top right, bottom right, bottom left (the two leftmost points are the left side)."""
    by_x = box[np.argsort(box[:, 0], kind="stable")]
    left = by_x[:2][np.argsort(by_x[:2, 1], kind="stable")]
    right = by_x[2:][np.argsort(by_x[2:, 1], kind="stable")]
    return np.array([left[0], right[0], right[1], left[1]], np.float32)


def box_score(pred: np.ndarray, corners: np.ndarray) -> float:
    """Mean probability inside the box (RapidOCR's "fast" score)."""
    h, w = pred.shape
    x0 = int(np.clip(np.floor(corners[:, 0].min()), 0, w - 1))
    x1 = int(np.clip(np.ceil(corners[:, 0].max()), 0, w - 1))
    y0 = int(np.clip(np.floor(corners[:, 1].min()), 0, h - 1))
    y1 = int(np.clip(np.ceil(corners[:, 1].max()), 0, h - 1))
    mask = Image.new("L", (x1 - x0 + 1, y1 - y0 + 1), 0)
    local = (corners - [x0, y0]).astype(np.int32)
    ImageDraw.Draw(mask).polygon([tuple(p) for p in local.tolist()], fill=1, outline=1)
    inside = np.asarray(mask, bool)
    region = pred[y0:y1 + 1, x0:x1 + 1]
    return float(region[inside].mean()) if inside.any() else 0.0


def unclip(corners: np.ndarray) -> np.ndarray:
    """The rectangle grown on every side by area x ratio / perimeter (DB's unclip)."""
    sides = np.roll(corners, -1, axis=0) - corners
    perimeter = float(np.hypot(sides[:, 0], sides[:, 1]).sum())
    x, y = corners[:, 0], corners[:, 1]
    area = abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2
    if perimeter == 0:
        return corners
    distance = area * DET_UNCLIP_RATIO / perimeter
    centre = corners.mean(0)
    u = sides[0] / max(np.hypot(*sides[0]), 1e-9)
    n = sides[1] / max(np.hypot(*sides[1]), 1e-9)
    half_u = abs(float((corners[1] - corners[0]) @ u)) / 2 + distance
    half_n = abs(float((corners[2] - corners[1]) @ n)) / 2 + distance
    return np.array([centre + sx * half_u * u + sy * half_n * n for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))])


def sorted_boxes(boxes: list[np.ndarray]) -> list[np.ndarray]:
    """Top to bottom, then left to right within 10 px of height (RapidOCR's reading order)."""
    out = sorted(boxes, key=lambda b: (b[0][1], b[0][0]))
    for i in range(len(out) - 1):
        for j in range(i, -1, -1):
            if abs(out[j + 1][0][1] - out[j][0][1]) < 10 and out[j + 1][0][0] < out[j][0][0]:
                out[j], out[j + 1] = out[j + 1], out[j]
            else:
                break
    return out


def crop(image: Image.Image, box: np.ndarray) -> np.ndarray:
    """The box's pixels as an upright H x W x 3 array (a tall box is turned to lie flat)."""
    width = int(max(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[2] - box[3])))
    height = int(max(np.linalg.norm(box[0] - box[3]), np.linalg.norm(box[1] - box[2])))
    width, height = max(1, width), max(1, height)
    tl, tr, br, bl = box.tolist()
    quad = (*tl, *bl, *br, *tr)  # Pillow's order: upper left, lower left, lower right, upper right
    out = np.asarray(image.transform((width, height), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC))
    if height / width >= 1.5:
        out = np.rot90(out)
    return np.ascontiguousarray(out)
