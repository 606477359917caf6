"""Finding the fields on a page from the lines the OCR read: labels, values and tables.

Owns: straightening the reading (a photo is rotated by a few degrees), grouping lines into
rows, recognising labels (姓名, 公民身份号码, 出生, ... and their local variants), taking the
value that follows a label, finding a table by its header row and reading its rows column by
column, and telling which paper a page is (ID card, 医保参保凭证, 养老参保缴费凭证, 参保证明).
The result is raw text per field, not yet checked: app/scan/values.py turns it into values.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from app.scan.engine import OcrLine

# Label words -> the key they announce. "kv:" labels are followed by one value; "col:" labels
# head a table column (and, when found outside a table, are read like "kv:" labels).
LABELS: dict[str, str] = {
    "姓名": "kv:name",
    "性别": "kv:sex",
    "民族": "kv:nation",
    "出生": "kv:birth",
    "出生日期": "kv:birth",
    "住址": "kv:address",
    "公民身份号码": "kv:id_number",
    "公民身份证号码": "kv:id_number",
    "身份证号码": "kv:id_number",
    "身份证号": "kv:id_number",
    "证件号码": "kv:id_number",
    "社会保障号码": "kv:id_number",
    "凭证编号": "kv:voucher",
    "编号": "kv:voucher",
    "转出地经办机构": "kv:agency",
    "经办机构": "kv:agency",
    "参保地经办机构": "kv:agency",
    "参保起始年月": "kv:pension_start",
    "参保截止年月": "kv:pension_end",
    "累计缴费月数": "kv:pension_months",
    "个人账户储存额": "kv:pension_balance",
    "个人账户累计储存额": "kv:pension_balance",
    "起始年月": "col:start",
    "开始时间": "col:start",
    "开始年月": "col:start",
    "起始时间": "col:start",
    "缴费起始": "col:start",
    "缴费起始年月": "col:start",
    "截止年月": "col:end",
    "终止年月": "col:end",
    "终止时间": "col:end",
    "截止时间": "col:end",
    "结束年月": "col:end",
    "缴费截止": "col:end",
    "缴费截止年月": "col:end",
    "缴费月数": "col:months_paid",
    "实际缴费月数": "col:months_paid",
    "月数": "col:months_paid",
    "个人账户余额": "col:account_balance",
    "个人账户余额(元)": "col:account_balance",
    "账户余额": "col:account_balance",
    "账户余额(元)": "col:account_balance",
    "参保险种": "col:scheme",
    "险种": "col:scheme",
    "参保地": "col:area_name",
    "参保统筹区": "col:area_name",
    "统筹区": "col:area_name",
    "单位名称": "col:employer_name",
    "参保单位": "col:employer_name",
    "统一社会信用代码": "col:employer_uscc",
    "单位信用代码": "col:employer_uscc",
    "信用代码": "col:employer_uscc",
}
_LABEL_RE = re.compile("|".join(re.escape(w) for w in sorted(LABELS, key=len, reverse=True)))
_SEPARATORS = ":：;；"


class Kind:
    ID_CARD = "id_card"
    MEDICAL = "medical_voucher"
    PENSION = "pension_voucher"
    CERTIFICATE = "certificate"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Raw:
    """Text read for one field, how sure the OCR was, and where it is on the page
    (an axis-aligned box in page pixels: x0, y0, x1, y1)."""

    text: str
    confidence: float
    box: tuple[float, float, float, float]


@dataclass
class PageReading:
    kind: str
    fields: dict[str, Raw] = field(default_factory=dict)   # "name", "id_number", "agency", ...
    rows: list[dict[str, Raw]] = field(default_factory=list)  # table rows: "start", "end", ...


@dataclass
class _Segment:
    key: str | None  # a label's key, or None for value text
    text: str
    u0: float
    u1: float
    v: float
    line: OcrLine


def normalize(text: str) -> str:
    """NFKC (fullwidth colon and brackets become ASCII), spaces removed: labels are printed
    letter-spaced (姓  名) and the OCR keeps or drops those spaces at random."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _box(line: OcrLine) -> tuple[float, float, float, float]:
    xs = [p[0] for p in line.box]
    ys = [p[1] for p in line.box]
    return min(xs), min(ys), max(xs), max(ys)


def page_angle(lines: list[OcrLine]) -> float:
    """The median slope of the wide lines' top edges (radians)."""
    angles = []
    for line in lines:
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(line.box[3][0] - x0, line.box[3][1] - y0)
        if width > 2 * height and width > 0:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def _segments(line: OcrLine, angle: float) -> list[_Segment]:
    cos, sin = math.cos(-angle), math.sin(-angle)
    us = [x * cos - y * sin for x, y in line.box]
    vs = [x * sin + y * cos for x, y in line.box]
    u0, u1, v = min(us), max(us), sum(vs) / len(vs)
    text = normalize(line.text)
    if not text:
        return []
    step = (u1 - u0) / len(text)
    pieces: list[tuple[str | None, int, int]] = []
    position = 0
    for match in _LABEL_RE.finditer(text):
        if match.start() > position:
            pieces.append((None, position, match.start()))
        pieces.append((LABELS[match.group()], match.start(), match.end()))
        position = match.end()
    if position < len(text):
        pieces.append((None, position, len(text)))
    segments = []
    for key, start, end in pieces:
        piece = text[start:end]
        if key is None:
            piece = piece.strip(_SEPARATORS)
            if not piece:
                continue
        segments.append(_Segment(key, piece, u0 + start * step, u0 + end * step, v, line))
    return segments


def _rows(lines: list[OcrLine], angle: float) -> list[list[_Segment]]:
    heights = [abs(_box(line)[3] - _box(line)[1]) for line in lines]
    tolerance = 0.45 * (statistics.median(heights) if heights else 10.0)
    segments = sorted((s for line in lines for s in _segments(line, angle)), key=lambda s: s.v)
    rows: list[list[_Segment]] = []
    for segment in segments:
        if rows and abs(segment.v - statistics.fmean(s.v for s in rows[-1])) <= tolerance:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return [sorted(row, key=lambda s: s.u0) for row in rows]


def _raw(segments: list[_Segment]) -> Raw:
    boxes = [_box(s.line) for s in segments]
    return Raw(
        "".join(s.text for s in segments),
        min(s.line.confidence for s in segments),
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)),
    )


def _kind(lines: list[OcrLine], keys: set[str]) -> str:
    text = "".join(normalize(line.text) for line in lines)
    if "养老" in text and ("凭证" in text or "参保缴费" in text) and "医疗保险参保" not in text:
        return Kind.PENSION
    if "医疗保险" in text and "凭证" in text:
        return Kind.MEDICAL
    if "居民身份证" in text or {"kv:birth", "kv:address", "kv:id_number"} <= keys:
        return Kind.ID_CARD
    if "证明" in text or any(k.startswith("col:") for k in keys):
        return Kind.CERTIFICATE
    return Kind.UNKNOWN


def _header_columns(row: list[_Segment]) -> list[_Segment] | None:
    columns = [s for s in row if s.key and s.key.startswith("col:")]
    return columns if len({s.key for s in columns}) >= 3 else None


def _read_table(header: list[_Segment], rows: list[list[_Segment]]) -> tuple[list[dict[str, Raw]], int]:
    """Rows under a header, each text assigned to the column whose span holds its middle.
    Returns the rows read and how many page rows they used."""
    centers = [(s.u0 + s.u1) / 2 for s in header]
    bounds = [(a + b) / 2 for a, b in zip(centers, centers[1:])]
    read: list[dict[str, Raw]] = []
    used = 0
    for row in rows:
        if any(s.key for s in row):
            break
        cells: dict[str, list[_Segment]] = {}
        for segment in row:
            middle = (segment.u0 + segment.u1) / 2
            column = sum(middle > b for b in bounds)
            cells.setdefault(header[column].key.removeprefix("col:"), []).append(segment)
        if len(cells) < 2:
            break
        read.append({key: _raw(parts) for key, parts in cells.items()})
        used += 1
    return read, used


def read_page(lines: list[OcrLine]) -> PageReading:
    """The fields and table rows of one page, as raw text."""
    angle = page_angle(lines)
    rows = _rows(lines, angle)
    keys = {s.key for row in rows for s in row if s.key}
    reading = PageReading(_kind(lines, keys))
    index = 0
    while index < len(rows):
        row = rows[index]
        header = _header_columns(row)
        if header is not None:
            table, used = _read_table(header, rows[index + 1:])
            reading.rows.extend(table)
            index += 1 + used
            continue
        _read_labels(row, rows[index + 1:], reading)
        index += 1
    return reading


def _read_labels(row: list[_Segment], below: list[list[_Segment]], reading: PageReading) -> None:
    for position, segment in enumerate(row):
        if segment.key is None:
            continue
        values = []
        for following in row[position + 1:]:
            if following.key is not None:
                break
            values.append(following)
        if not values:
            continue
        key = segment.key.split(":", 1)[1]
        if key == "address":
            values += _continuation(values[0], below)
        if key not in reading.fields:
            reading.fields[key] = _raw(values)


def _continuation(first: _Segment, below: list[list[_Segment]]) -> list[_Segment]:
    """Lines of a wrapped value (the card's 住址): the rows below that start where the value
    started and hold no label."""
    height = abs(_box(first.line)[3] - _box(first.line)[1]) or 1.0
    more = []
    last_v = first.v
    for row in below:
        if any(s.key for s in row) or row[0].v - last_v > 2.2 * height:
            break
        if abs(row[0].u0 - first.u0) > 1.5 * height:
            break
        more.extend(row)
        last_v = row[0].v
    return more
