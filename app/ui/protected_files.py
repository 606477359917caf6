"""Passphrase-protected drafts in the window: asking for the passphrase, the dialog that
asks, and the key the session keeps in memory.

Owns: the passphrase dialog (one field to open; a "用口令保护" box and two fields to save),
turning a passphrase into a DraftKey (app.storage.draft_crypto: Argon2id, about a second
on a slow machine) on a worker thread while a busy dialog shows and the window keeps
painting (`run_busy`), and the questions before opening a protected file or its protected
autosave. The key lives in Session.key only: never in settings, never on disk.
The dialogs are opened through app.ui.dialogs.ask_passphrase, which tests replace.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.storage.autosave import Autosave
    from app.domain.application import ApplicationDraft
    from app.storage.draft_crypto import DraftKey

MIN_LENGTH = 6
BUSY_AFTER_MS = 150  # a quicker derivation shows no dialog at all
_T = TypeVar("_T")


class Cancelled(Exception):
    """The person cancelled the passphrase question: do nothing."""


class PassphraseDialog(QDialog):
    """confirm=False: one field (opening). confirm=True: "用口令保护" and the passphrase twice
    (saving); without the box ticked the file is saved unprotected."""

    def __init__(self, parent: QWidget | None = None, confirm: bool = False, protected: bool = False) -> None:
        super().__init__(parent)
        self.confirm = confirm
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.protect = QCheckBox()
        self.protect.setChecked(protected or not confirm)
        self.protect.setVisible(confirm)
        layout.addWidget(self.protect)
        form = QFormLayout()
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.first_label = QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label = QLabel()
        self.second_label.setBuddy(self.second)
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        self.second.setVisible(confirm)
        self.second_label.setVisible(confirm)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.protect.toggled.connect(self._update)
        self.retranslate()
        self._update()
        (self.first if not confirm or protected else self.protect).setFocus()

    def retranslate(self) -> None:
        if self.confirm:
            self.setWindowTitle(self.tr("另存草稿"))
            self.note.setText(self.tr("可以给草稿文件加口令：没有口令的人打不开它。请记住口令，忘记后文件无法恢复。"))
        else:
            self.setWindowTitle(self.tr("输入口令"))
            self.note.setText(self.tr("此草稿已用口令保护，请输入口令。"))
        self.protect.setText(self.tr("用口令保护(&R)"))
        self.first_label.setText(self.tr("口令(&P)："))
        self.second_label.setText(self.tr("再输一次(&G)："))
        self.first.setAccessibleName(self.tr("口令"))
        self.second.setAccessibleName(self.tr("再输一次口令"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._update()

    def protecting(self) -> bool:
        return self.protect.isChecked()

    def problem_text(self) -> str:
        """Why OK is disabled, or ""."""
        if not self.protecting():
            return ""
        if not self.confirm:
            return "" if self.first.text() else self.tr("请输入口令。")
        if len(self.first.text()) < MIN_LENGTH:
            return self.tr("口令至少 {n} 个字符。").format(n=MIN_LENGTH)
        if self.first.text() != self.second.text():
            return self.tr("两次输入的口令不一样。")
        return ""

    def _update(self) -> None:
        if not hasattr(self, "buttons"):
            return
        for widget in (self.first, self.second, self.first_label, self.second_label):
            widget.setEnabled(self.protecting())
        problem = self.problem_text()
        self.problem.setText(problem if self.first.text() or not self.confirm else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def passphrase(self) -> str:
        """The passphrase, or "" when saving without protection."""
        return self.first.text() if self.protecting() else ""


def run_busy(parent: QWidget | None, work: Callable[[], _T]) -> _T:
    """`work()` (a key derivation) on a worker thread; the event loop keeps running, and a
    busy dialog without a cancel button (Argon2 cannot be interrupted) blocks input to the
    windows until it is done. Returns its result or raises its exception."""
    done = threading.Event()
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread below
            outcome["error"] = exc
        finally:
            done.set()

    from app.ui.guard import start_worker

    start_worker(run, name="derive-key")  # run() catches all: the error is re-raised here
    if not done.wait(BUSY_AFTER_MS / 1000):
        text = QCoreApplication.translate("protected_files", "正在根据口令计算密钥，请稍候…")
        dialog = QProgressDialog(text, "", 0, 0, parent)
        dialog.setObjectName("busyDialog")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setWindowTitle(QCoreApplication.translate("protected_files", "请稍候"))
        dialog.show()
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(lambda: loop.quit() if done.is_set() else None)
        timer.start()
        if not done.is_set():
            loop.exec()
        timer.stop()
        dialog.close()
        dialog.deleteLater()
    done.wait()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def passphrase_if_needed(parent: QWidget | None, path: Path) -> str | None:
    """None for an unprotected file; for a protected one, the passphrase the person typed.
    Raises Cancelled when they cancel."""
    from app.storage import drafts
    from app.ui import dialogs

    if not drafts.is_protected(path):
        return None
    passphrase = dialogs.ask_passphrase(parent, False)
    if passphrase is None:
        raise Cancelled
    return passphrase


def ask_key(parent: QWidget | None, current: DraftKey | None) -> DraftKey | None:
    """Before "Save As": the key to save with (None: unprotected). Raises Cancelled."""
    from app.storage import draft_crypto
    from app.ui import dialogs

    passphrase = dialogs.ask_passphrase(parent, True, current is not None)
    if passphrase is None:
        raise Cancelled
    if not passphrase:
        return None
    return run_busy(parent, lambda: draft_crypto.new_key(passphrase))


def load_autosave(parent: QWidget | None, autosave: Autosave) -> tuple[ApplicationDraft, DraftKey | None] | None:
    """The autosave to restore and its key (asking for the passphrase when the work was a
    protected draft); None when the person cancelled. Raises drafts.DraftFileError."""
    from app.ui import dialogs

    passphrase = None
    if autosave.is_protected():
        passphrase = dialogs.ask_passphrase(parent, False)
        if passphrase is None:
            return None
    if passphrase is None:
        return autosave.load_protected(None)
    return run_busy(parent, lambda: autosave.load_protected(passphrase))
