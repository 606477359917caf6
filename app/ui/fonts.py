"""The print font, registered in Qt so the screen shows what paper will show.

Owns: loading the bundled font into Qt's font database and making it the application
font, with the Simplified Chinese family set explicitly: without it Qt draws boxes on a
machine without CJK fonts, and with system Noto CJK and a non-Chinese locale it picks
Japanese glyph forms.
"""
from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import paths


@cache
def print_family() -> str | None:
    """The Qt family name of the bundled print font (None if it could not be loaded).

    Registers every bundled face (regular and bold), the regular one first: with only the
    bold file (the first by name) a machine without CJK system fonts showed every text bold."""
    family = None
    for path in sorted(paths.FONTS.glob("*.ttf"), key=lambda p: ("Regular" not in p.name, p.name)):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and family is None:
            family = families[0]
    return family


def print_font(point_size: float = 11) -> QFont:
    font = QFont(print_family() or "")
    font.setPointSizeF(point_size)
    return font


def install(app: QApplication) -> None:
    family = print_family()
    if family is None:
        return
    font = QFont(app.font())
    font.setFamilies([family])
    app.setFont(font)
