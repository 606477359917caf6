"""The main window's ways into scanning: File → 扫描/导入证件…, images dropped onto the
window, an image pasted (Ctrl+V where no text field takes it).

Owns: the menu item and the window's drop and paste handling; the dialog itself
(app.ui.scan_dialog, with QFileDialog, QGraphicsView and the rest) is imported when it is
first opened, not to show the first page (12-16 ms of start-up).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from app.ui.scan_dialog import ScanDialog

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf")


def dropped_paths(mime) -> list[Path]:
    """Local image or PDF files in a drop."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES)]


def save_pasted(image: QImage) -> Path:
    """A pasted picture as a PNG in the app's temporary folder (emptied by 下一位)."""
    from app.storage import tempfiles

    path = tempfiles.registry().new_path(suffix=".png", prefix="scan-")
    image.save(str(path), "PNG")
    return path


class ScanEntry(QObject):
    """The main window's ways into scanning: the File menu item, drops and pastes."""

    def __init__(self, window: QMainWindow, menu, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ScanDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("scan_action")
        self.action.triggered.connect(lambda: self.open_dialog())
        menu.insertAction(before, self.action) if before is not None else menu.addAction(self.action)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("ScanEntry", "扫描/导入证件(&I)…"))

    def open_dialog(self, paths=(), start: bool = False) -> ScanDialog:
        if self.dialog is None:
            from app.ui.scan_dialog import ScanDialog

            self.dialog = ScanDialog(self.window.session, self.window)
            self.dialog.applied.connect(lambda _report: self._go_to_review())
            self.dialog.finished.connect(self._closed)
        self.dialog.add_paths(paths)
        self.dialog.show()
        self.dialog.raise_()
        if start:
            self.dialog.start()
        return self.dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            if self.dialog.reading:
                self.dialog.cancel()
            self.dialog.deleteLater()
            self.dialog = None

    def _go_to_review(self) -> None:
        """Filled: the values are shown in the pages; the review page lists them to confirm."""
        self.window.wizard.ensure_pages()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.DragEnter and dropped_paths(event.mimeData()):
            event.acceptProposedAction()
            return True
        elif kind == QEvent.Type.Drop:
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.open_dialog(paths, start=True)
                return True
        elif kind == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
            # Reaches the window only when no text field took the paste.
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                self.open_dialog([save_pasted(image)], start=True)
                return True
        return False
