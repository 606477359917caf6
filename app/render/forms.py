"""Lays out one form (a FormSpec from forms/*.toml) for one complete Application: the main
page, then its continuation sheets (附页) when something does not fit.

Owns: the geometry and styles of the printed forms (declared once, below), the printed form of
each kind of value (enum labels, 2024年03月, 2024年03月15日, amounts with two decimals), the fitting
policy of a cell (wrap, shrink from 10.5 pt to 7 pt, else the full text goes to the 附页 and the
cell says 见附页), the positions of value cells (LaidOutDocument.extra["cell_boxes"]) and of every
line of text with the box it must stay inside (extra["placed"]).
Computes no fact about the application: it prints what the model holds. Everything is laid out
first into lists of drawing operations; painting only replays them: shading, the rules (shared
cell edges merged and drawn once), then all text of a page in one text object. Nothing leaves its
cell: values are fitted (or sent to the 附页), and text that cannot fit even at the minimum size
(a caption of a badly drawn form) is clipped to its cell. Uses no Paragraph: user text is never
parsed as markup.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.domain import enums, months
from app.domain.application import Application
from app.domain.findings import field_label
from app.formspec import fieldpaths as fp
from app.formspec import spec as fs
from app.render import fonts
from app.render.base import LaidOutDocument
from app.render.text import EM_TOP, Line, LineBox, break_lines, draw_lines, fit_text, line_box, text_width

# --- geometry and styles ------------------------------------------------------------------
PAGE_W, PAGE_H = A4
LEFT = fs.MARGIN_MM * mm
TOP = PAGE_H - fs.MARGIN_MM * mm
BOTTOM = fs.MARGIN_MM * mm
CONTENT_W = fs.CONTENT_WIDTH_MM * mm
VALUE_PT, LABEL_PT, TITLE_PT, HEADING_PT, MIN_PT = 10.5, 9.0, 16.0, 9.5, 7.0
ATTACH_TITLE_PT, ATTACH_HEADER_PT = 14.0, 9.5
LEADING = 1.25
PAD_X, PAD_Y = 1.2 * mm, 0.4 * mm
LABEL_SHADE, HEADING_SHADE = 0.93, 0.85
RULE, FRAME = 0.5, 1.0
EM_MIDDLE = 0.38  # middle of the em box above the baseline
COMB_BOX_MAX = 5.0 * mm
SEE_ATTACHED = "见附页"
BLANK_DATE = "　　　　年　　月　　日"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

Op = Callable[[object], None]


@dataclass(frozen=True)
class CellBox:
    """Where a value was printed: page index within the document, PDF points (origin at the
    bottom left), the full value and what the cell shows (the value, or 见附页)."""

    page: int
    path: str
    x0: float
    y0: float
    x1: float
    y1: float
    value: str
    shown: str


@dataclass(frozen=True)
class Placed:
    """One line of text as laid out, with the box it must stay inside (PDF points): the
    layout's own record, which tests hold against the glyphs' real extents."""

    page: int
    cell: tuple[float, float, float, float]  # x, y, w, h
    x: float             # the line's anchor: the left edge of its measure
    baseline: float
    text: str
    size: float
    align: str
    width: float | None  # the measure the line is aligned in
    clipped: bool = False  # did not fit even at the minimum size: clipped to its cell


@dataclass
class _Block:
    """Something sent to the 附页: a field's full text, or the whole table."""

    heading: str
    path: str = ""
    text: str = ""
    table: fs.Table | None = None


@dataclass
class _Page:
    """One page, laid out: rules and boxes, then all its text in one text object, then the
    rare text that needs a clip (a caption that does not fit even at the minimum size)."""

    fills: dict[float, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    ops: list[Op] = field(default_factory=list)
    rules: dict[float, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    texts: list[Line] = field(default_factory=list)
    clipped: list[tuple[tuple[float, float, float, float], list[Line]]] = field(default_factory=list)

    def paint(self, canvas) -> None:
        for shade in sorted(self.fills):
            canvas.addLiteral(_fills_literal(shade, self.fills[shade]))
        for op in self.ops:
            op(canvas)
        for width in sorted(self.rules):
            canvas.addLiteral(_rules_literal(width, self.rules[width]))
        if self.texts:
            draw_lines(canvas, self.texts)
        for (x, y, w, h), lines in self.clipped:
            _op_clip(x, y, w, h, canvas)
            draw_lines(canvas, lines)
            canvas.restoreState()


# --- drawing operations (replayed by _Page.paint) ---------------------------------------

# Shading and rules are most of a page's numbers; they go in as literal PDF operators, in their
# own q/Q state, because reportlab formats every number in pure Python (slow without rl-accel).
def _n(value: float) -> str:
    return f"{value:.3f}"


def _fills_literal(shade, rects) -> str:
    body = " ".join(f"{_n(x)} {_n(y)} {_n(w)} {_n(h)} re" for x, y, w, h in rects)
    return f"q {shade:.3f} g {body} f Q"


def _merged(segments: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Axis-parallel segments with shared edges drawn once: collinear overlapping pieces join."""
    rows: dict[tuple[str, float], list[list[float]]] = {}
    # Neighbouring boxes give their shared edge twice: once is enough (a 200-row table: half).
    for x1, y1, x2, y2 in set(segments):
        if abs(y1 - y2) < 0.01:
            key, lo, hi = ("h", round(y1, 2)), min(x1, x2), max(x1, x2)
        else:
            key, lo, hi = ("v", round(x1, 2)), min(y1, y2), max(y1, y2)
        rows.setdefault(key, []).append([lo, hi])
    out = []
    for (axis, at), spans in sorted(rows.items()):
        spans.sort()
        merged = [spans[0]]
        for lo, hi in spans[1:]:
            if lo <= merged[-1][1] + 0.01:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            out.append((lo, at, hi, at) if axis == "h" else (at, lo, at, hi))
    return out


def _rules_literal(width, segments) -> str:
    body = " ".join(f"{_n(x1)} {_n(y1)} m {_n(x2)} {_n(y2)} l" for x1, y1, x2, y2 in _merged(segments))
    return f"q {width:.3f} w 0 G {body} S Q"


def _op_line(x1, y1, x2, y2, width, canvas) -> None:
    canvas.setLineWidth(width)
    canvas.line(x1, y1, x2, y2)


def _op_clip(x, y, w, h, canvas) -> None:
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(x, y, w, h)
    canvas.clipPath(path, stroke=0, fill=0)


def _op_checkbox(x, y, side, checked, canvas) -> None:
    """A drawn box (and tick): no font glyph that a fallback font might lack."""
    canvas.setLineWidth(0.6)
    canvas.rect(x, y, side, side, stroke=1, fill=0)
    if checked:
        canvas.setLineWidth(max(0.8, side * 0.13))
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        path = canvas.beginPath()
        path.moveTo(x + side * 0.18, y + side * 0.52)
        path.lineTo(x + side * 0.42, y + side * 0.22)
        path.lineTo(x + side * 0.86, y + side * 0.84)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setLineCap(0)
        canvas.setLineJoin(0)


# --- printed form of values ------------------------------------------------------------

def format_value(ref: fp.FieldRef, value) -> str:
    """A value as printed on a form; "" when absent."""
    if value is None:
        return ""
    if ref.kind == fp.MONTH:
        return months.display_zh(value)
    if ref.kind == fp.DATE:
        return f"{value.year}年{value.month:02d}月{value.day:02d}日"
    if ref.kind == fp.MONEY:
        return f"{value:.2f}"
    if ref.kind == fp.ENUM:
        return enums.label(value)
    if ref.kind == fp.BOOL:
        return "是" if value else "否"
    return str(value)


def _field(path: str, obj, root=None) -> str:
    ref = fp.resolve(path) if root is None else fp.resolve(path, root)
    return format_value(ref, ref.get(obj))


def _fill(template: str, obj, root=None) -> str:
    return _PLACEHOLDER.sub(lambda m: _field(m.group(1), obj, root), template)


# --- the layout ------------------------------------------------------------------------

class _Layout:
    def __init__(self, spec: fs.FormSpec, app: Application) -> None:
        self.spec = spec
        self.app = app
        self.pages: list[_Page] = [_Page()]
        self.boxes: list[CellBox] = []
        self.blocks: list[_Block] = []
        self.clip: list[Line] | None = None
        self.placed: list[Placed] = []

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    # primitives
    def rect(self, x, y, w, h, shade=None, width=RULE) -> None:
        """A ruled box (its edges join the page's rules, drawn once), shaded if `shade`."""
        if shade is not None:
            self.page.fills.setdefault(shade, []).append((x, y, w, h))
        self.page.rules.setdefault(width, []).extend(
            [(x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)])

    def line(self, x1, y1, x2, y2, width=RULE) -> None:
        self.page.ops.append(partial(_op_line, x1, y1, x2, y2, width))

    def text(self, x, y, text, size, align="left", width=None, bold=False) -> None:
        line = (x, y, text, size, align, width, bold)
        if self.clip is not None:
            self.clip.append(line)
        else:
            self.page.texts.append(line)

    def begin_clip(self, x, y, w, h, needed: bool) -> None:
        """Text until end_clip is clipped to the box, when `needed` (it did not fit)."""
        if needed:
            self.clip = []
            self.page.clipped.append(((x, y, w, h), self.clip))

    def end_clip(self) -> None:
        self.clip = None

    def lines(self, lines, x, y, w, h, size, align="left", valign="middle", fits=True,
              box: LineBox | None = None) -> None:
        """Lines of text in the box (x, y, w, h), padding included; clipped unless they fit.
        `box`: how the lines stack (text.line_box: taller when a glyph is taller than the em)."""
        box = box or line_box("\n".join(lines), LEADING)
        lead = size * box.pitch
        block = len(lines) * lead
        if valign == "top":
            top = y + h - PAD_Y
        elif valign == "bottom":
            top = y + PAD_Y + block
        else:
            top = y + h / 2 + block / 2
        self.begin_clip(x, y, w, h, not fits)
        for i, line in enumerate(lines):
            base = top - i * lead - box.baseline * size
            self.text(x + PAD_X, base, line, size, align, w - 2 * PAD_X)
            self.placed.append(Placed(len(self.pages) - 1, (x, y, w, h), x + PAD_X, base, line, size, align,
                                      w - 2 * PAD_X, not fits))
        self.end_clip()

    def box(self, path, x, y, w, h, value, shown) -> None:
        self.boxes.append(CellBox(len(self.pages) - 1, path, x, y, x + w, y + h, value, shown))

    # the main page
    def main_page(self) -> None:
        spec = self.spec
        y = TOP
        title_h = fs.TITLE_MM * mm
        self.text(LEFT, y - title_h / 2 - EM_MIDDLE * TITLE_PT, spec.title, TITLE_PT, "center", CONTENT_W, True)
        y -= title_h
        if spec.subtitle:
            sub_h = fs.SUBTITLE_MM * mm
            self.text(LEFT, y - sub_h / 2 - EM_MIDDLE * LABEL_PT, spec.subtitle, LABEL_PT, "center", CONTENT_W)
            y -= sub_h
        for section in spec.sections:
            y = self.section(section, y)
        if spec.notes is not None:
            self.notes(spec.notes, y - fs.GAP_MM * mm)

    def section(self, section: fs.Section, y: float) -> float:
        if not section.frame:
            y -= fs.GAP_MM * mm
        top = y
        heading = section.title or self.spec.title
        if section.title:
            h = fs.HEADING_MM * mm
            self.rect(LEFT, y - h, CONTENT_W, h, HEADING_SHADE)
            self.text(LEFT + PAD_X * 2, y - h / 2 - EM_MIDDLE * HEADING_PT, section.title, HEADING_PT, bold=True)
            y -= h
        absent = section.only_with is not None and fp.resolve(section.only_with).get(self.app) is None
        absent_mode = section.otherwise if absent else None
        widths = [w * mm for w in self.spec.section_columns(section)]
        for row in section.rows:
            h = row.height * mm
            x, col = LEFT, 0
            caption = None
            for cell in row.cells:
                w = sum(widths[col:col + cell.span])
                if isinstance(cell, fs.LabelCell):
                    caption = cell.label
                self.cell(cell, x, y - h, w, h, heading, caption, absent_mode, section.frame)
                x += w
                col += cell.span
            y -= h
        if section.table is not None:
            y = self.table(section.table, y, heading)
        if section.frame:
            self.rect(LEFT, y, CONTENT_W, top - y, None, FRAME)
        return y

    def cell(self, cell, x, y, w, h, heading, caption, absent_mode, frame) -> None:
        if isinstance(cell, fs.LabelCell):
            self.rect(x, y, w, h, LABEL_SHADE)
            fit = _fit_caption(cell.label, w - 2 * PAD_X, h - 2 * PAD_Y)
            self.lines(fit.lines, x, y, w, h, fit.size, cell.align, fits=fit.fits, box=_box(fit))
            return
        if frame:
            self.rect(x, y, w, h)
        valued = isinstance(cell, (fs.ValueCell, fs.CombCell, fs.ChoiceCell, fs.ItemsCell)) or (
            isinstance(cell, fs.TextCell) and _PLACEHOLDER.search(cell.text))
        if absent_mode is not None and valued:
            if absent_mode == "strike":
                self.line(x + 1.5 * mm, y + 1.0 * mm, x + w - 1.5 * mm, y + h - 1.0 * mm)
            return
        name = getattr(cell, "name", None) or caption
        if isinstance(cell, fs.ValueCell):
            self.value(cell.value, _field(cell.value, self.app), x, y, w, h, heading, name, cell.align)
        elif isinstance(cell, fs.TextCell):
            text = _fill(cell.text, self.app)
            path = cell.text if valued else ""
            self.value(path, text, x, y, w, h, heading, name, cell.align, cell.valign, cell.size)
        elif isinstance(cell, fs.CombCell):
            self.comb(cell, x, y, w, h, heading, name)
        elif isinstance(cell, fs.ChoiceCell):
            ref = fp.resolve(cell.choice)
            value = ref.get(self.app)
            key = None if value is None else (str(value).lower() if ref.kind == fp.BOOL else value.value)
            options = [(text, k == key) for k, text in cell.options.items()]
            chosen = cell.options.get(key, "") if key is not None else ""
            if key is not None and key not in cell.options:
                chosen = format_value(ref, value)  # a value the form did not foresee: never lose it
                options.append((chosen, True))
            self.choices(options, x, y, w, h)
            self.box(cell.choice, x, y, w, h, chosen, "".join(t for t, _ in options))
        elif isinstance(cell, fs.TickCell):
            self.choices([(text, False) for text in cell.tick], x, y, w, h)
        elif isinstance(cell, fs.SignCell):
            self.sign(cell, x, y, w, h)
        elif isinstance(cell, fs.ItemsCell):
            self.items(cell, x, y, w, h, heading, name)

    def value(self, path, text, x, y, w, h, heading, name, align="left", valign="middle", size=VALUE_PT) -> None:
        """The fitting policy: wrap, shrink to MIN_PT, else 见附页 and the text on the 附页."""
        if not text:
            if path:
                self.box(path, x, y, w, h, "", "")
            return
        fit = fit_text(text, w - 2 * PAD_X, h - 2 * PAD_Y, size, MIN_PT)
        if fit.fits or not path:
            self.lines(fit.lines, x, y, w, h, fit.size, align, valign, fit.fits, _box(fit))
            shown = text
        else:
            self.lines([SEE_ATTACHED], x, y, w, h, LABEL_PT, align, "middle")
            label = name or ("" if "{" in path else field_label(path))
            self.blocks.append(_Block(f"{heading} · {label}" if label else heading, path, text))
            shown = SEE_ATTACHED
        if path:
            self.box(path, x, y, w, h, text, shown)

    def comb(self, cell: fs.CombCell, x, y, w, h, heading, name) -> None:
        text = _field(cell.comb, self.app)
        side = min(COMB_BOX_MAX, (w - 4 * PAD_X) / cell.boxes)
        widest = max((text_width(ch, VALUE_PT) for ch in text), default=0.0)
        if len(text) > cell.boxes or widest > side * 0.9:  # not a short narrow number: print it as text instead
            self.value(cell.comb, text, x, y, w, h, heading, name)
            return
        box_h = min(h - 2.4 * mm, 6 * mm)
        bx, by = x + (w - side * cell.boxes) / 2, y + (h - box_h) / 2
        base = by + box_h / 2 - EM_MIDDLE * VALUE_PT
        for i in range(cell.boxes):
            self.rect(bx + i * side, by, side, box_h, None, 0.4)
        for i, ch in enumerate(text):
            self.text(bx + i * side, base, ch, VALUE_PT, "center", side)
            self.placed.append(Placed(len(self.pages) - 1, (bx + i * side, by, side, box_h), bx + i * side, base,
                                      ch, VALUE_PT, "center", side))
        self.box(cell.comb, x, y, w, h, text, text)

    def choices(self, options: list[tuple[str, bool]], x, y, w, h) -> None:
        """Checkboxes with their labels, flowed over lines; shrunk until they fit the cell."""
        size = VALUE_PT
        while True:
            side, gap, sep = size * 0.78, size * 0.3, size * 1.0
            rows: list[list[tuple[str, bool, float]]] = [[]]
            used = 0.0
            for text, checked in options:
                item = side + gap + text_width(text, size)
                if rows[-1] and used + sep + item > w - 2 * PAD_X:
                    rows.append([])
                    used = 0.0
                used += (sep if rows[-1] else 0.0) + item
                rows[-1].append((text, checked, item))
            if len(rows) * size * LEADING <= h - 2 * PAD_Y or size <= MIN_PT:
                break
            size -= 0.5
        lead = size * LEADING
        top = y + h / 2 + len(rows) * lead / 2
        widest = max(sum(item for _, _, item in row) + sep * (len(row) - 1) for row in rows)
        clipped = len(rows) * lead > h - 2 * PAD_Y or widest > w - 2 * PAD_X
        self.begin_clip(x, y, w, h, clipped)
        for r, row in enumerate(rows):
            base = top - r * lead - (lead - size) / 2 - EM_TOP * size
            cx = x + PAD_X
            for text, checked, item in row:
                self.page.ops.append(partial(_op_checkbox, cx, base + EM_MIDDLE * size - side / 2, side, checked))
                self.text(cx + side + gap, base, text, size)
                self.placed.append(Placed(len(self.pages) - 1, (x, y, w, h), cx + side + gap, base, text, size,
                                          "left", None, clipped))
                cx += item + sep
        self.end_clip()

    def sign(self, cell: fs.SignCell, x, y, w, h) -> None:
        room = w - 3 * PAD_X
        self.lines([cell.sign], x + PAD_X, y, w - PAD_X, h - 0.8 * mm, LABEL_PT, "left", "top",
                   text_width(cell.sign, LABEL_PT) <= room)
        date = _field(cell.date, self.app) if cell.date else ""
        band = VALUE_PT * LEADING + 2 * PAD_Y
        self.lines([date or BLANK_DATE], x, y + 0.8 * mm, w - 3 * mm, band, VALUE_PT, "right", "middle",
                   text_width(date or BLANK_DATE, VALUE_PT) <= room)
        if cell.date:
            self.box(cell.date, x, y, w, h, date, date)

    def items(self, cell: fs.ItemsCell, x, y, w, h, heading, name) -> None:
        texts = [_fill(item.text, self.app) for item in cell.items if self._when(item.when)]
        size = cell.size
        full = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, start=1))
        box = line_box(full, LEADING)
        while True:
            laid = self._numbered(texts, w - 2 * PAD_X, size)
            if len(laid) * size * box.pitch <= h - 2 * PAD_Y or size - 0.5 < MIN_PT:
                break
            size -= 0.5
        path = "|".join(item.text for item in cell.items)
        if len(laid) * size * box.pitch > h - 2 * PAD_Y:
            self.lines([SEE_ATTACHED], x, y, w, h, LABEL_PT)
            self.blocks.append(_Block(f"{heading} · {name}" if name else heading, path, full))
            self.box(path, x, y, w, h, full, SEE_ATTACHED)
            return
        lead = size * box.pitch
        for i, (indent, line) in enumerate(laid):
            base = y + h - PAD_Y - i * lead - box.baseline * size
            self.text(x + PAD_X + indent, base, line, size)
            self.placed.append(Placed(len(self.pages) - 1, (x, y, w, h), x + PAD_X + indent, base, line, size,
                                      "left", None))
        self.box(path, x, y, w, h, full, full)

    @staticmethod
    def _numbered(texts: list[str], width: float, size: float) -> list[tuple[float, str]]:
        """(indent, line) for numbered items with a hanging indent."""
        out = []
        indent = text_width("0. ", size)
        for i, text in enumerate(texts, start=1):
            for j, line in enumerate(break_lines(text, width - indent, size)):
                out.append((0.0, f"{i}. {line}") if j == 0 else (indent, line))
        return out

    def _when(self, path: str | None) -> bool:
        if path is None:
            return True
        value = fp.resolve(path).get(self.app)
        return value is not None and value is not False

    def notes(self, notes: fs.Notes, y: float) -> None:
        h = notes.height * mm
        texts = list(notes.items)
        size = notes.size
        title_w = text_width(notes.title + "：", size)
        while True:
            laid = self._numbered(texts, CONTENT_W - title_w, size)
            if len(laid) * size * LEADING <= h or size - 0.5 < MIN_PT:
                break
            size -= 0.5
        lead = size * LEADING
        self.begin_clip(LEFT, y - h, CONTENT_W, h, len(laid) * lead > h)
        self.text(LEFT, y - (lead - size) / 2 - EM_TOP * size, notes.title + "：", size, bold=True)
        for i, (indent, line) in enumerate(laid):
            self.text(LEFT + title_w + indent, y - i * lead - (lead - size) / 2 - EM_TOP * size, line, size)
        self.end_clip()

    # tables
    def _row_texts(self, table: fs.Table, index: int, item) -> list[tuple[str, str]]:
        """(path, text) per column of one item; the index column has no path."""
        out = []
        for column in table.columns:
            if column.index:
                out.append(("", str(index + 1)))
            elif column.value is not None:
                out.append((f"{table.source}.{index}.{column.value}", _field(column.value, item, _item_model(table))))
            else:
                out.append((f"{table.source}.{index}.{column.text}", _fill(column.text, item, _item_model(table))))
        return out

    def header_row(self, table: fs.Table, y: float, grow: bool = False) -> float:
        """The shaded header; on the 附页 (`grow`) it grows to fit its captions at 9 pt."""
        widths = [c.width * mm for c in table.columns]
        h = table.header_height * mm
        if grow:
            needed = max(len(_fit_caption(c.header, wd - 2 * PAD_X, 1e6).lines) * line_box(c.header).pitch
                         for c, wd in zip(table.columns, widths))
            h = max(h, needed * LABEL_PT + 2 * PAD_Y)
        x = LEFT
        for column, wd in zip(table.columns, widths):
            self.rect(x, y - h, wd, h, LABEL_SHADE)
            fit = _fit_caption(column.header, wd - 2 * PAD_X, h - 2 * PAD_Y)
            self.lines(fit.lines, x, y - h, wd, h, fit.size, "center", fits=fit.fits, box=_box(fit))
            x += wd
        return y - h

    def table(self, table: fs.Table, y: float, heading: str) -> float:
        items = fp.resolve(table.source).get(self.app) or ()
        y = self.header_row(table, y)
        widths = [c.width * mm for c in table.columns]
        h = table.row_height * mm
        shown = list(items) if len(items) <= table.rows else list(items)[: table.rows - 1]
        attach = len(items) > table.rows
        for i, item in enumerate(shown):
            x = LEFT
            for column, wd, (path, text) in zip(table.columns, widths, self._row_texts(table, i, item)):
                self.rect(x, y - h, wd, h)
                fit = _fit_caption(text, wd - 2 * PAD_X, h - 2 * PAD_Y, table.size) if text else None
                if fit is None or fit.fits:
                    if fit is not None:
                        self.lines(fit.lines, x, y - h, wd, h, fit.size, column.align, box=_box(fit))
                    shown_text = text
                else:
                    self.lines([SEE_ATTACHED], x, y - h, wd, h, MIN_PT, "center")
                    shown_text, attach = SEE_ATTACHED, True
                if path:
                    self.box(path, x, y - h, wd, h, text, shown_text)
                x += wd
            y -= h
        for _ in range(len(shown), table.rows - (1 if len(items) > table.rows else 0)):
            x = LEFT
            for wd in widths:
                self.rect(x, y - h, wd, h)
                x += wd
            y -= h
        if len(items) > table.rows:
            rest = len(items) - len(shown)
            self.rect(LEFT, y - h, CONTENT_W, h)
            self.lines([f"其余 {rest} 段见附页（附页列出全部 {len(items)} 段）"], LEFT, y - h, CONTENT_W, h, table.size, "center")
            y -= h
        if attach:
            self.blocks.append(_Block(heading, table.source, table=table))
        return y

    # the 附页
    def new_attachment_page(self) -> float:
        self.pages.append(_Page())
        y = TOP
        title_h = 10 * mm
        self.text(LEFT, y - title_h / 2 - EM_MIDDLE * ATTACH_TITLE_PT, f"附页 · {self.spec.title}",
                  ATTACH_TITLE_PT, "center", CONTENT_W, True)
        y -= title_h
        if self.spec.continuation_header:
            # Who the sheet belongs to: wrapped, never cut (a 60-character name and the number).
            header = _fill(self.spec.continuation_header, self.app)
            lines = break_lines(header, CONTENT_W, ATTACH_HEADER_PT)
            box = line_box(header, LEADING)
            line_h = max(7 * mm, len(lines) * ATTACH_HEADER_PT * box.pitch + 2 * PAD_Y + 2 * mm)
            self.lines(lines, LEFT - PAD_X, y - line_h, CONTENT_W + 2 * PAD_X, line_h, ATTACH_HEADER_PT, box=box)
            y -= line_h
        return y - 2 * mm

    def attachments(self) -> None:
        if not self.blocks:
            return
        y = self.new_attachment_page()
        for block in self.blocks:
            if block.table is not None:
                y = self.attach_table(block, y)
            else:
                y = self.attach_text(block, y)
            y -= 3 * mm

    def attach_heading(self, text: str, y: float) -> float:
        h = fs.HEADING_MM * mm
        self.rect(LEFT, y - h, CONTENT_W, h, HEADING_SHADE)
        fit = fit_text(text, CONTENT_W - 4 * PAD_X, h, HEADING_PT, MIN_PT, max_lines=1)
        self.begin_clip(LEFT, y - h, CONTENT_W, h, not fit.fits)
        self.text(LEFT + 2 * PAD_X, y - h / 2 - EM_MIDDLE * fit.size, fit.lines[0], fit.size, bold=True)
        self.end_clip()
        return y - h

    def attach_text(self, block: _Block, y: float) -> float:
        box = line_box(block.text, LEADING)
        lead = VALUE_PT * box.pitch
        lines = break_lines(block.text, CONTENT_W - 2 * PAD_X, VALUE_PT)
        heading = block.heading
        while lines:
            room = int((y - fs.HEADING_MM * mm - BOTTOM - 2 * PAD_Y) // lead)
            if room < 1:
                y = self.new_attachment_page()
                continue
            y = self.attach_heading(heading, y)
            part, lines = lines[:room], lines[room:]
            h = len(part) * lead + 2 * PAD_Y
            self.rect(LEFT, y - h, CONTENT_W, h)
            self.lines(part, LEFT, y - h, CONTENT_W, h, VALUE_PT, "left", "top", box=box)
            self.box(block.path, LEFT, y - h, CONTENT_W, h, "".join(part), "".join(part))
            y -= h
            heading = f"{block.heading}（续）"
        return y

    def attach_table(self, block: _Block, y: float) -> float:
        table = block.table
        assert table is not None
        items = list(fp.resolve(table.source).get(self.app) or ())
        widths = [c.width * mm for c in table.columns]
        size = table.size
        heading = f"{block.heading}（共 {len(items)} 段）"
        started = False
        for i, item in enumerate(items):
            cells = [(path, text, break_lines(text, wd - 2 * PAD_X, size), line_box(text, LEADING))
                     for (path, text), wd in zip(self._row_texts(table, i, item), widths)]
            h = max(table.row_height * mm, max(len(c[2]) * c[3].pitch for c in cells) * size + 2 * PAD_Y)
            header_h = fs.HEADING_MM * mm + 3 * LABEL_PT * LEADING + 2 * PAD_Y
            if not started or y - h < BOTTOM:
                if started or y - header_h - h < BOTTOM:
                    y = self.new_attachment_page()
                if started:
                    heading = f"{block.heading}（续）"
                y = self.attach_heading(heading, y)
                y = self.header_row(table, y, grow=True)
                started = True
            x = LEFT
            for column, wd, (path, text, lines, box) in zip(table.columns, widths, cells):
                self.rect(x, y - h, wd, h)
                self.lines(lines, x, y - h, wd, h, size, column.align, box=box)
                if path:
                    self.box(path, x, y - h, wd, h, text, text)
                x += wd
            y -= h
        return y


def _fit_caption(caption: str, width: float, height: float, size: float = LABEL_PT):
    """A caption (label cell, table header) or a table cell: lines of even length, broken
    between its words ("在本地参保" / "起止时间", "城乡居民基本" / "医疗保险") unless that needs
    more lines or a smaller size than breaking anywhere does."""
    loose = fit_text(caption, width, height, size, MIN_PT, balance="even")
    worded = fit_text(caption, width, height, size, MIN_PT, balance="even", titles=(caption,))
    if worded.fits and worded.size >= loose.size and len(worded.lines) <= len(loose.lines):
        return worded
    return loose


def _box(fit) -> LineBox:
    return LineBox(fit.pitch, fit.baseline)


def _item_model(table: fs.Table):
    return fp.resolve(table.source).cls


def layout_form(spec: fs.FormSpec, app: Application) -> LaidOutDocument:
    """The form filled in for `app`: the main page, then any 附页. Pure: same input, same layout."""
    fonts.register_fonts()
    layout = _Layout(spec, app)
    layout.main_page()
    layout.attachments()
    return LaidOutDocument(
        doc_id=spec.id,
        title=spec.title,
        pages=[page.paint for page in layout.pages],
        footer_note=spec.short_title,
        extra={"cell_boxes": layout.boxes, "attachment_pages": len(layout.pages) - 1, "placed": layout.placed},
    )
