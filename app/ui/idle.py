"""Idle protection at a service window: noticing that nobody is at the keyboard, and the
lock screen that hides the last applicant's data meanwhile.

Owns: an application-wide event filter on user input (keys, mouse buttons and moves, the
wheel, touch, tablet pens), two single-shot timers started again by every input (lock
after `lock_ms`, clear after `clear_ms`, both in milliseconds so tests can pass small ones),
and the LockScreen overlay. While locked, a key or a click unlocks and is swallowed (it
must not also type into a field or press a button); moving the mouse does not unlock and
does not count as work, so a bumped mouse never keeps the data on screen.

The lock is for a shared counter: it hides the screen from the next person in the queue.
It is not a security boundary (anyone can unlock it with any key, on purpose).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

_UNLOCKING = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})
_SWALLOWED_WHILE_LOCKED = _UNLOCKING | frozenset({
    QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut, QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TabletRelease, QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
})
_ACTIVITY = _UNLOCKING | frozenset({
    QEvent.Type.KeyRelease, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletMove, QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Emits `lockDue` after `lock_ms` and `clearDue` after `clear_ms` without input, and
    `unlockRequested` for a key or click while `locked` is set."""

    lockDue = Signal()
    clearDue = Signal()
    unlockRequested = Signal()

    def __init__(self, lock_ms: int, clear_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locked = False
        self.running = False
        self.lock_timer = self._timer(lock_ms, self.lockDue)
        self.clear_timer = self._timer(clear_ms, self.clearDue)

    def _timer(self, ms: int, signal) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(signal.emit)
        return timer

    def set_times(self, lock_ms: int, clear_ms: int) -> None:
        self.lock_timer.setInterval(lock_ms)
        self.clear_timer.setInterval(clear_ms)
        if self.running:
            self.poke()

    def start(self) -> None:
        if not self.running:
            QApplication.instance().installEventFilter(self)
            self.running = True
        self.poke()

    def stop(self) -> None:
        if self.running:
            QApplication.instance().removeEventFilter(self)
            self.running = False
        self.lock_timer.stop()
        self.clear_timer.stop()

    def poke(self) -> None:
        """Input now: the idle time starts again."""
        if not self.locked:
            self.lock_timer.start()
        self.clear_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            if kind in _SWALLOWED_WHILE_LOCKED:
                if kind in _UNLOCKING and not (kind == QEvent.Type.KeyPress and event.isAutoRepeat()):
                    self.unlockRequested.emit()
                event.accept()  # an accepted ShortcutOverride keeps a shortcut from firing
                return True
            return False
        if kind in _ACTIVITY:
            self.poke()
        return False


class LockScreen(QWidget):
    """Covers the whole main window (menus and toolbar included) with an opaque panel."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockScreen { background: #20303f; } QLabel { color: white; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setObjectName("lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.message.setFont(font)
        self.note = QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b8c4cf;")
        for label in (self.title, self.message, self.note):
            layout.addWidget(label)
        layout.addStretch(1)
        self.cleared = False
        self.hide()
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("已锁定 — 按任意键继续"))
        self.message.setText(self.tr("上一位申请人的内容已清除。") if self.cleared
                             else self.tr("一段时间没有操作，屏幕已遮住，申请人的信息没有显示。"))
        self.note.setText(self.tr("锁屏只是为了在柜台遮住屏幕，不是安全措施：按任意键或点一下即可继续。"))
        self.setAccessibleName(self.tr("已锁定"))

    def show_locked(self, cleared: bool = False) -> None:
        self.cleared = cleared
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
