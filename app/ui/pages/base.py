"""What every wizard page shares: a Binder, retranslation on language change, and
jumping to one of its fields."""
from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget, QWizardPage

from app.ui.binding import Binder
from app.ui.session import Session


class PageId(IntEnum):
    START = 0
    IDENTITY = 1
    HISTORY = 2
    TRANSFER = 3
    REVIEW = 4
    DOCUMENTS = 5


class FormPage(QWizardPage):
    """A wizard page bound to the session's draft. Subclasses build widgets in `build()`
    and set every visible string in `retranslate()` (called again on language change)."""

    page_id: PageId
    prefixes: tuple[str, ...] = ()   # field paths this page owns, e.g. ("identity.",)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.binder = Binder(session)
        self.build()
        self.retranslate()

    def build(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.binder.refresh_all()
        super().changeEvent(event)

    def owns(self, path: str) -> bool:
        return any(path == p.rstrip(".") or path.startswith(p) for p in self.prefixes)

    def focus_field(self, path: str) -> bool:
        """Put the keyboard focus on the field of `path` (or the nearest one); True if found."""
        widget = self.binder.widget_for(path)
        if widget is None:
            return False
        widget.setFocus()
        return True
