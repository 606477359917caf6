"""The hand-off import dialog at the window: the QR code of the applicant's guide page,
read by a USB scanner or from a photo or scan.

Owns: the single-line field a USB scanner types into (a scanner "types" the code and ends
with Enter, which presses 导入), the "打开照片或扫描件…" button (an image file, read, size-checked
and decoded through app.handoff.read_code_in_image), and the error
shown for a damaged, altered or foreign code in both languages (the applicant at the
counter may read the other one). On success `imported` carries the draft; loading it,
re-checking it and going to the review page is the window's job (app.ui.window_mode).
The dialog is opened with open(), never exec(): it does not block the event loop (tests
type into it). The file chooser is app.ui.dialogs.ask_image_path.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.binding import language

MAX_TEXT = 4000


class HandoffDialog(QDialog):
    imported = Signal(object)  # ApplicationDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoffDialog")
        self.draft = None
        self.error = None  # the last HandoffError (its code), for tests and the audit
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.code_label = QLabel()
        self.code = QLineEdit()
        self.code.setObjectName("handoffCode")
        self.code.setMaxLength(MAX_TEXT)
        self.code_label.setBuddy(self.code)
        layout.addWidget(self.code_label)
        layout.addWidget(self.code)
        row = QHBoxLayout()
        self.photo = QPushButton()
        self.photo.setObjectName("handoffPhoto")
        self.photo.setAutoDefault(False)  # Enter in the field imports, whatever has been clicked before
        row.addWidget(self.photo)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("handoffError")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b3261e;")
        self.other = QLabel()  # the same message in the other language
        self.other.setWordWrap(True)
        self.other.setTextFormat(Qt.TextFormat.PlainText)
        self.other.setStyleSheet("color: #7a4a45;")
        layout.addWidget(self.message)
        layout.addWidget(self.other)
        self.buttons = QDialogButtonBox()
        # ActionRole: the button box must not accept the dialog by itself, the code decides.
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("handoffImport")
        self.import_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.import_text)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.photo.clicked.connect(self.open_image)
        self.code.textEdited.connect(lambda _text: self._show_error(None))
        self.setTabOrder(self.code, self.photo)
        self.retranslate()
        self._show_error(None)
        self.resize(560, self.sizeHint().height())
        self.code.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导入二维码"))
        self.intro.setText(self.tr(
            "用扫描枪扫描申请人办事指南第一页上的二维码（扫描枪会把内容输入下面的框并按回车），"
            "或者打开二维码的照片、扫描件。导入后会按本机的规则重新检查全部内容。"))
        self.code_label.setText(self.tr("二维码内容(&C)："))
        self.code.setAccessibleName(self.tr("二维码内容"))
        self.code.setPlaceholderText(self.tr("TH1-…（扫描枪输入）"))
        self.photo.setText(self.tr("打开照片或扫描件(&P)…"))
        self.import_button.setText(self.tr("导入(&I)"))
        self.cancel_button.setText(self.tr("取消"))

    # -- importing -------------------------------------------------------------------------
    def import_text(self) -> bool:
        """Decode what the scanner typed; True (and the dialog closes) if it is usable."""
        from app import handoff

        text = self.code.text()
        if not text.strip():
            self.message.setText(self.tr("请先扫描二维码，或打开照片、扫描件。"))
            self.other.clear()
            self.code.setFocus()
            return False
        try:
            draft = handoff.decode_text(text)
        except handoff.HandoffError as exc:
            self._refused(exc)
            return False
        return self._done(draft)

    def open_image(self) -> bool:
        from app.ui import dialogs

        path = dialogs.ask_image_path(self)
        return False if path is None else self.import_image(path)

    def import_image(self, path: Path) -> bool:
        """Decode the QR code in a photo or scan; True (and the dialog closes) if usable."""
        from app import handoff

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # Through app.handoff only (not QImage): the one reading path refuses a FIFO or a
            # device and caps the bytes, and the pixel count is checked before decoding.
            text = handoff.read_code_in_image(Path(path))
            draft = handoff.decode_text(text)
        except handoff.HandoffError as exc:
            self._refused(exc)
            return False
        except Exception:  # noqa: BLE001 - a hostile image must never end the window's process
            self._refused(handoff.HandoffError("unreadable_image"))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return self._done(draft)

    def _refused(self, exc) -> None:
        self._show_error(exc)
        self.code.setFocus()
        self.code.selectAll()  # the next scan replaces the text instead of adding to it

    def _show_error(self, exc) -> None:
        self.error = exc.code if exc is not None else None
        if exc is None:
            self.message.clear()
            self.other.clear()
            return
        first, second = (exc.message_zh, exc.message_en) if language() == "zh" else (exc.message_en, exc.message_zh)
        self.message.setText(first)
        self.other.setText(second)

    def _done(self, draft) -> bool:
        self.draft = draft
        self.code.clear()  # the text is the application, in a form anyone can decode
        self.accept()
        self.imported.emit(draft)
        return True
