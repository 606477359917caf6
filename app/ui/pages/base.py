"""What every wizard page shares: a Binder, retranslation on language change, jumping to
one of its fields, and the one model of Next that every page follows.

Next is always allowed on the pages that collect answers (identity, history, transfer): a
person missing one answer can go on and come back. Each of these pages says, on a line
under its fields, what is still open on it (the errors of the last full check that belong
to the page), and that the review page lists everything and that documents are made only
when nothing is open. Pressing Next shows every message of the page (Binder.reveal). The
review page is the one that blocks: its Next ("生成材料") waits for no errors.
"""
from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget, QWizardPage

from app.ui.binding import Binder
from app.ui.session import Session

OPEN_NOTE_COLOUR = "#5a5a5a"


def dialogs():
    """app.ui.dialogs (QFileDialog, QMessageBox and their enums), imported when a dialog is
    first needed: neither the first paint nor making the pages waits for it (~5-15 ms). Tests
    replace its functions."""
    from app.ui import dialogs as module

    return module


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
        self.open_note: QLabel | None = None
        self.build()
        if self.prefixes:
            from app.ui.scan_marks import ScanMarks  # a value read by a scan shows its crop

            self.scan_marks = ScanMarks(self.binder, session, self)
        if self.prefixes and self.layout() is not None:
            self.open_note = QLabel()
            self.open_note.setObjectName("openNote")
            self.open_note.setWordWrap(True)
            self.open_note.setTextFormat(Qt.TextFormat.PlainText)
            self.open_note.setStyleSheet(f"color: {OPEN_NOTE_COLOUR};")
            self.layout().addWidget(self.open_note)
            session.checked.connect(self._checked)  # a method: disconnected when the page goes
        self.retranslate()
        self.update_open_note()

    def build(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.binder.refresh_all()
            self.update_open_note()
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

    # -- Next ------------------------------------------------------------------------------
    def validatePage(self) -> bool:
        """Next is always allowed; it shows every message of the page (see the module)."""
        self.binder.reveal()
        return True

    def field_name(self, path: str) -> str:
        """The name of the field of `path` as its label shows it ("" if not on this page)."""
        widget = self.binder.widget_for(path)
        return widget.accessibleName() if widget is not None else ""

    def open_items(self) -> list[str]:
        """The fields of this page the last full check finds an error in, by name, in the
        order of the check (each once)."""
        from app.domain.findings import Severity

        names: list[str] = []
        for finding in self.session.result.findings:
            if finding.severity is Severity.ERROR and self.owns(finding.path):
                name = self.field_name(finding.path) or self.tr("其他")
                if name not in names:
                    names.append(name)
        return names

    def _checked(self, _result) -> None:
        self.update_open_note()

    def update_open_note(self) -> None:
        if self.open_note is None:
            return
        names = self.open_items()
        if names:
            shown = self.tr("、").join(names[:8]) + ("…" if len(names) > 8 else "")
            text = self.tr("本页还有 {n} 项要填写或改正：{names}。可以先点“下一步”继续，"
                           "检查页会列出所有未完成的项目；全部改正后才能生成材料。").format(n=len(names), names=shown)
        else:
            text = self.tr("本页没有发现问题。检查页会再核对一遍全部内容。")
        if self.open_note.text() != text:
            self.open_note.setText(text)
