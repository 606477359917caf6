"""The note under a field that goes on paper: does the text fit its box on the printed form?

Owns: showing "✓ 能完整打印", "字号将缩小到 8.5 pt" or "太长，将在附页上打印全文" under a
field, updated shortly after typing stops. The measuring (fonts, form boxes) is done by
app.render.live_fit, imported on first use so that start-up does not load reportlab; it
caches per (path, text), so the note never slows typing down.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.ui import guard
from app.ui.session import Session

DELAY_MS = 100

_STYLE = {
    "fits": "color: #2e6b30;",
    "shrinks": "color: #555555;",
    "continues": "color: #8a5a00;",
}


def _fit_status(path: str, text: str):
    from app.render import live_fit  # reportlab and the form files: only when first needed

    return live_fit.fit_status(path, text)


_warming = threading.Event()  # set while a worker thread loads fonts and form files


def warm_up_in_background() -> None:
    """Load reportlab, the fonts and the form files in a worker thread (about 0.7 s), so
    that neither showing a page nor the first keystroke waits for them. Notes that want to
    measure meanwhile try again a little later. Only plain Python runs in the thread."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    _warming.set()

    def run() -> None:
        try:
            from app.render import live_fit

            live_fit.warm_up()
        finally:
            _warming.clear()

    guard.start_worker(run, name="fit-warm-up")


_warmed = False


class FitNote(QLabel):
    """Follows one field path of the session; hidden while the field is blank or unprinted."""

    def __init__(self, session: Session, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.status = None  # the last live_fit.FitStatus shown, or None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        session.changed.connect(self._on_changed)

    def _on_changed(self, path: str) -> None:
        if path in ("", self.path):
            self._timer.start()

    def set_path(self, path: str) -> None:
        self.path = path
        self._timer.start()

    def refresh(self) -> None:
        """Measure now (the timer calls this; tests may too)."""
        self._timer.stop()
        if _warming.is_set():
            self._timer.start()  # fonts still loading in the background: measure a bit later
            return
        value = self.session.value(self.path)
        text = value.strip() if isinstance(value, str) else ""
        self.status = _fit_status(self.path, text) if text else None
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is None:
            self.clear()
            self.setVisible(False)
            return
        if status.kind == "fits":
            text = self.tr("✓ 能完整打印")
            spoken = self.tr("能完整打印")
        elif status.kind == "shrinks":
            text = spoken = self.tr("字号将缩小到 {size} pt").format(size=f"{status.size_pt:g}")
        else:
            text = spoken = self.tr("太长，将在附页上打印全文")
        self.setText(text)
        self.setToolTip(self.tr("按《{form}》上最窄的一栏计算").format(form=status.form_title))
        self.setAccessibleName(spoken)
        self.setAccessibleDescription(self.toolTip())
        self.setStyleSheet(_STYLE.get(status.kind, ""))
        self.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
