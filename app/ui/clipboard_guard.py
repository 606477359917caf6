"""What the app put on the clipboard, so that "next applicant" can take it off again.

Owns: noticing each clipboard change made by this app (Ctrl+C in a field, a selection on X11)
and, on `clear()`, emptying the clipboard (and the X11 selection) if it still holds what
the app put there. What another program put on the clipboard since is left alone. Only a
SHA-256 digest of the text is kept, never the text itself.

Whether a change came from this app: the platform says so where the clipboard is shared
with other programs (X11, Wayland, Windows, macOS: QClipboard.ownsClipboard()); on the
offscreen and minimal platforms (tests) the clipboard exists in this process only, so
every change is the app's.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QClipboard, QGuiApplication

_IN_PROCESS_PLATFORMS = ("offscreen", "minimal")
_MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection, QClipboard.Mode.FindBuffer)


def _digest(text: str) -> bytes:
    import hashlib  # not at start-up: the first copy is soon enough

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: dict[QClipboard.Mode, bytes] = {}
        QGuiApplication.clipboard().changed.connect(self._changed)

    @staticmethod
    def _owned(mode: QClipboard.Mode) -> bool:
        if QGuiApplication.platformName() in _IN_PROCESS_PLATFORMS:
            return True
        clipboard = QGuiApplication.clipboard()
        return {
            QClipboard.Mode.Clipboard: clipboard.ownsClipboard,
            QClipboard.Mode.Selection: clipboard.ownsSelection,
            QClipboard.Mode.FindBuffer: clipboard.ownsFindBuffer,
        }[mode]()

    def _changed(self, mode: QClipboard.Mode) -> None:
        text = QGuiApplication.clipboard().text(mode)
        if text and self._owned(mode):
            self._ours[mode] = _digest(text)
        else:
            self._ours.pop(mode, None)

    def holds_ours(self) -> bool:
        clipboard = QGuiApplication.clipboard()
        return any(_digest(clipboard.text(mode)) == digest for mode, digest in self._ours.items())

    def clear(self) -> int:
        """Empty every clipboard mode that still holds what the app put there; returns how many."""
        clipboard = QGuiApplication.clipboard()
        cleared = 0
        for mode, digest in list(self._ours.items()):
            if _digest(clipboard.text(mode)) == digest:
                clipboard.clear(mode)
                cleared += 1
        self._ours.clear()
        return cleared
