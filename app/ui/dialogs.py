"""Every dialog the app opens, behind a small function that tests replace.

Owns: file choosers, confirmations and error boxes. Nothing else in app/ui opens a
modal dialog directly (a modal dialog would block a test).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def start_folder(folder: str = "") -> str:
    """Where a file dialog opens: the last folder used if it still exists, else the user's
    Documents folder (never the program's own folder, the process's working directory)."""
    if folder and Path(folder).is_dir():
        return folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def ask_open_path(parent: QWidget | None, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("dialogs", "打开草稿"), start_folder(folder), QCoreApplication.translate("dialogs", "草稿文件 (*.json)"))
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, folder: str = "", suggested: str = "医保关系转移申请.json") -> Path | None:
    """`suggested`: a safe file name (app.filenames.draft_file_name)."""
    start = str(Path(start_folder(folder)) / suggested)
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("dialogs", "另存草稿"), start, QCoreApplication.translate("dialogs", "草稿文件 (*.json)"))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".json")


def ask_folder(parent: QWidget | None, title: str, folder: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, start_folder(folder))
    return Path(name) if name else None


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget | None, text: str) -> str:
    """'save', 'discard' or 'cancel'."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, QCoreApplication.translate("dialogs", "未保存的修改"), text, buttons.Save | buttons.Discard | buttons.Cancel)
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def ask_quit(parent: QWidget | None, text: str) -> bool:
    """Quit although an applicant's data is shown (window mode)? True to quit."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("dialogs", "退出"), text,
                      buttons.Yes | buttons.Cancel, parent)
    box.button(buttons.Yes).setText(QCoreApplication.translate("dialogs", "退出并清除(&Q)"))
    box.button(buttons.Cancel).setText(QCoreApplication.translate("dialogs", "取消"))
    box.setDefaultButton(buttons.Cancel)
    return box.exec() == buttons.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_print(parent: QWidget | None, printer) -> bool:
    """The system print dialog for `printer` (a QPrinter); True if the person chose to print."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog
    from PySide6.QtWidgets import QDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("dialogs", "打印材料"))
    # Page ranges make no sense across several documents with their own copies.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_print_preview(parent: QWidget | None, printer, paint) -> bool:
    """A print preview of what `paint(printer)` draws, with 打印 / 取消; True to print.

    Not QPrintPreviewDialog: its print button opens the print dialog a second time."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("dialogs", "打印预览"))
    preview = QPrintPreviewWidget(printer, dialog)
    preview.paintRequested.connect(paint)
    preview.setAccessibleName(QCoreApplication.translate("dialogs", "打印预览"))
    note = QLabel(QCoreApplication.translate("dialogs", "按实际尺寸（100%）打印。如果打印机设置里有“适合页面”或“缩放”，请关闭，否则表格会变小。"))
    note.setWordWrap(True)
    bar = QHBoxLayout()
    for text, shortcut, slot in ((QCoreApplication.translate("dialogs", "缩小(&O)"), QKeySequence.StandardKey.ZoomOut, preview.zoomOut),
                                 (QCoreApplication.translate("dialogs", "放大(&I)"), QKeySequence.StandardKey.ZoomIn, preview.zoomIn),
                                 (QCoreApplication.translate("dialogs", "整页(&W)"), None, preview.fitInView)):
        button = QToolButton()
        button.setText(text)
        if shortcut is not None:
            button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(lambda _checked=False, s=slot: s())
        bar.addWidget(button)
    bar.addStretch(1)
    buttons = QDialogButtonBox()
    buttons.addButton(QCoreApplication.translate("dialogs", "打印(&P)"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(bar)
    layout.addWidget(preview, 1)
    layout.addWidget(note)
    layout.addWidget(buttons)
    from PySide6.QtCore import QSize

    from app.ui.widgets import desk

    dialog.resize(desk.fit_size(QSize(820, 900), parent.window() if parent is not None else None))
    preview.setFocus()
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_passphrase(parent: QWidget | None, confirm: bool, protected: bool = False) -> str | None:
    """The passphrase of a protected draft. confirm=False (opening): the passphrase, or None
    if cancelled. confirm=True (Save As): "" to save without protection, the passphrase
    (typed twice) to protect, None if cancelled; `protected` ticks "用口令保护" at first."""
    from app.ui.protected_files import PassphraseDialog

    dialog = PassphraseDialog(parent, confirm=confirm, protected=protected)
    accepted = dialog.exec() == PassphraseDialog.DialogCode.Accepted
    passphrase = dialog.passphrase() if accepted else None
    dialog.deleteLater()
    return passphrase


def ask_discard_unfinished(parent: QWidget | None) -> bool:
    """Window mode: clear an application that was neither printed nor saved? True to clear."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("dialogs", "下一位"),
                      QCoreApplication.translate(
                          "dialogs", "当前申请还没有打印，也没有保存。清除后无法恢复。确定要清除并接待下一位吗？"),
                      buttons.Yes | buttons.Cancel, parent)
    box.button(buttons.Yes).setText(QCoreApplication.translate("dialogs", "清除并接待下一位(&C)"))
    box.button(buttons.Cancel).setText(QCoreApplication.translate("dialogs", "取消"))
    box.setDefaultButton(buttons.Cancel)
    return box.exec() == buttons.Yes


def ask_image_path(parent: QWidget | None) -> Path | None:
    """A photo or scan of the guide's first page (no folder is remembered: window mode
    keeps no trace of one applicant's files)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "打开照片或扫描件"), "",
        QCoreApplication.translate("dialogs", "图片 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.gif)"))
    return Path(name) if name else None
