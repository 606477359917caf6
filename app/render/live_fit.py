"""Will this text fit its box on paper? Measured while the person types, with the print fonts.

Owns: finding every box that prints a field path on the shipped forms (value cells, text
cells whose template holds the path, table columns for list items such as
"history.2.employer_name"), and telling, for the tightest of them, whether a text fits at
the normal size, shrinks, or goes to the 附页 (the cell then says 见附页).

The fitting is the renderer's own: app.render.forms fits a cell with
fit_text(text, width - 2·PAD_X, height - 2·PAD_Y, size, MIN_PT) on the cell's box, and this
module uses the same function, constants and geometry, so the screen and the paper agree.
Results are cached per (path, text): typing never waits for a measurement twice.
The widths come from the bundled font's width table (app.render.fonts): measuring never parses
the 12.8 MB font, and they are reportlab's own figures, so the notes stay exact
(tests/render/test_live_fit_exact.py compares them with the real layout).
Imported lazily by the UI (it loads reportlab's metrics and the form files). Never imports PySide6.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from reportlab.lib.units import mm

from app.formspec import loader
from app.formspec import spec as fs
from app.render import fonts, forms
from app.render.text import fit_text

FitKind = Literal["fits", "shrinks", "continues"]
_RANK = {"fits": 0, "shrinks": 1, "continues": 2}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_INDEX = re.compile(r"\.(\d+)(?=\.|$)")


@dataclass(frozen=True)
class FitStatus:
    kind: FitKind
    size_pt: float       # the size it prints at (for "continues": the size the 附页 uses)
    form_title: str      # the form with the tightest box


@dataclass(frozen=True)
class _Box:
    form_title: str
    width: float         # points, padding already taken off
    height: float
    size: float          # the size the renderer starts from
    template: str        # "{path}" for a value cell; the text cell's template otherwise


def pattern_of(path: str) -> str:
    """"history.2.employer_name" -> "history.*.employer_name"."""
    return _INDEX.sub(".*", path)


@cache
def _specs() -> tuple[fs.FormSpec, ...]:
    return tuple(loader.load_all().values())


def _row_boxes(spec: fs.FormSpec, section: fs.Section) -> list[tuple[object, float, float]]:
    """(cell, width, height) in points for every cell of the section's rows, as laid out."""
    widths = [w * mm for w in spec.section_columns(section)]
    out = []
    for row in section.rows:
        col = 0
        for cell in row.cells:
            out.append((cell, sum(widths[col:col + cell.span]), row.height * mm))
            col += cell.span
    return out


@cache
def boxes_for(pattern: str) -> tuple[_Box, ...]:
    """Every box that prints the field `pattern` ("identity.name", "history.*.area_name")."""
    found: list[_Box] = []
    pad_w, pad_h = 2 * forms.PAD_X, 2 * forms.PAD_Y
    for spec in _specs():
        for section in spec.sections:
            for cell, w, h in _row_boxes(spec, section):
                if isinstance(cell, fs.ValueCell) and cell.value == pattern:
                    found.append(_Box(spec.title, w - pad_w, h - pad_h, forms.VALUE_PT, "{" + pattern + "}"))
                elif isinstance(cell, fs.TextCell) and pattern in _PLACEHOLDER.findall(cell.text):
                    found.append(_Box(spec.title, w - pad_w, h - pad_h, cell.size, cell.text))
            table = section.table
            if table is not None and pattern.startswith(table.source + ".*."):
                item_path = pattern[len(table.source) + 3:]
                for column in table.columns:
                    if column.value == item_path:
                        found.append(_Box(spec.title, column.width * mm - pad_w, table.row_height * mm - pad_h,
                                          table.size, "{" + pattern + "}"))
    return tuple(found)


def _measure(box: _Box, text: str) -> FitStatus:
    fit = fit_text(text, box.width, box.height, box.size, forms.MIN_PT)
    if not fit.fits:
        return FitStatus("continues", forms.VALUE_PT, box.form_title)
    if fit.size < box.size:
        return FitStatus("shrinks", fit.size, box.form_title)
    return FitStatus("fits", fit.size, box.form_title)


@lru_cache(maxsize=4096)
def fit_status(path: str, text: str, others: tuple[tuple[str, str], ...] = ()) -> FitStatus | None:
    """How `text`, typed into the field `path`, prints in its tightest box; None when no
    form prints that field. `others`: values of other placeholders in a text cell's
    template, as (path, text) pairs; missing ones count as blank."""
    text = " ".join(text.split())  # as the complete model stores it: one line, single spaces
    pattern = pattern_of(path)
    values = dict(others)
    worst: FitStatus | None = None
    for box in boxes_for(pattern):
        filled = _PLACEHOLDER.sub(lambda m: text if m.group(1) == pattern else values.get(m.group(1), ""),
                                  box.template)
        status = _measure(box, filled)
        if worst is None or (_RANK[status.kind], -status.size_pt) > (_RANK[worst.kind], -worst.size_pt):
            worst = status
    return worst


def warm_up() -> None:
    """Register the fonts and read the form files now, so the first keystroke doesn't.
    Safe to call from a worker thread: the font module locks what it shares."""
    fonts.register_fonts()
    _specs()
    fit_text("林晓测 示例路 1 号", 100.0, 20.0, forms.VALUE_PT, forms.MIN_PT)
