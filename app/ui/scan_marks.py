"""Fields whose value came from a scan show where it was read: the crop of the image as
the field's tooltip, as the review page lists it, for as long as the value is the scan's.

Owns: the tooltip of each bound widget of a page (identity, transfer) while its value is
still as the scan filled it, and giving the widget its own tooltip back after that (typed
over, a new draft). The crop stays in memory (app.ui.scan_state); the tooltip carries it as
an inline PNG, never as a file.
"""
from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Qt
from PySide6.QtWidgets import QWidget

from app.ui.binding import language
from app.ui.scan_state import ScannedValue, ScanState

TIP_MAX_WIDTH = 480  # px: a long address line stays readable without filling the screen


class ScanMarks(QObject):
    """Keeps the tooltips of one binder's widgets in step with the scan state."""

    def __init__(self, binder, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.binder = binder
        self.state = ScanState.of(session)
        self._own: dict[QWidget, str] = {}       # a widget's tooltip before a scan set one
        self._html: dict[tuple[int, str], tuple[ScannedValue, str]] = {}  # per value and language, made once
        # Methods, not lambdas: the connections go with this object when its page goes.
        self.state.changed.connect(self.refresh)
        session.changed.connect(self._session_changed)
        self.refresh()

    def _session_changed(self, _path: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        for path, bound in self.binder.fields.items():
            widget = bound.widget
            value = self.state.values.get(path) if self.state.is_scanned(path) else None
            if value is not None:
                self._own.setdefault(widget, widget.toolTip())
                widget.setToolTip(self._tip(value))
            elif widget in self._own:
                widget.setToolTip(self._own.pop(widget))

    def _tip(self, value: ScannedValue) -> str:
        key = (id(value), language())
        made = self._html.get(key)
        if made is not None and made[0] is value:
            return made[1]
        html = scan_tooltip(value)
        self._html[key] = (value, html)
        return html


def scan_tooltip(value: ScannedValue) -> str:
    """Rich text: where the value came from, its confidence and the crop it was read from."""
    if value.corrected:
        text = QCoreApplication.translate("ScanMarks", "来自扫描，已按校验码更正，可信度 {p}。原图：")
    else:
        text = QCoreApplication.translate("ScanMarks", "来自扫描，可信度 {p}。原图：")
    text = text.format(p=f"{value.confidence:.0%}")
    crop = value.crop
    if crop is None or crop.isNull():
        return f"<p>{text}</p>"
    if crop.width() > TIP_MAX_WIDTH:
        crop = crop.scaledToWidth(TIP_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    crop.save(buffer, "PNG")
    encoded = base64.b64encode(bytes(data)).decode("ascii")
    return f'<p>{text}</p><img src="data:image/png;base64,{encoded}">'
