"""How every window behaves on a real desk: the mouse wheel and the size of the screen.

Owns: `DeskGuard`, one event filter installed on the QApplication (create_app; run() installs
it once the wizard's pages exist, and `settle()` catches up on the fields made before) that

- keeps the mouse wheel from changing a field that does not have the keyboard focus (drop-down
  lists, spin boxes, date fields, anywhere): scrolling a long page with the pointer passing
  over a drop-down must scroll the page, never change an answer. Such fields take the focus
  by click or Tab only (not by the wheel), and a wheel event over an unfocused one goes on to
  its parent (the scroll area) as if the field were not there;
- fits every top-level window and dialog into the available geometry of its screen (the
  screen minus panels and task bars) when it is shown, with room for the title bar the window
  manager adds, and moves it back onto the screen if it would stick out.

`fit_size(wanted, screen)` is the size a window of `wanted` may have on `screen`: windows ask
for their preferred size through it (the main window, the print preview).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

# The window manager's frame, before a window has been framed once (then its real frame is
# known): a title bar and thin borders. Generous, so that a first show never overflows.
FRAME_GUESS = (8, 40)  # extra width, extra height
_GUARDED = (QComboBox, QAbstractSpinBox)  # QDateEdit and QDoubleSpinBox are QAbstractSpinBoxes


def guarded(widget: QObject) -> bool:
    """A field whose value the wheel would change."""
    return isinstance(widget, _GUARDED)


def _frame_extra(window: QWidget) -> tuple[int, int]:
    frame, inner = window.frameGeometry(), window.geometry()
    if window.testAttribute(Qt.WidgetAttribute.WA_WState_Created) and frame != inner:
        return frame.width() - inner.width(), frame.height() - inner.height()
    return FRAME_GUESS


def available(window: QWidget | None = None) -> QRect:
    """The available geometry of the window's screen (or the primary screen)."""
    screen: QScreen | None = window.screen() if window is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fit_size(wanted: QSize, window: QWidget | None = None) -> QSize:
    """`wanted`, made small enough that the window with its frame fits the available screen."""
    area = available(window)
    extra_w, extra_h = _frame_extra(window) if window is not None else FRAME_GUESS
    return QSize(max(100, min(wanted.width(), area.width() - extra_w)),
                 max(100, min(wanted.height(), area.height() - extra_h)))


def fit_window(window: QWidget) -> None:
    """Shrink `window` to the available screen if it is larger, and move it onto it."""
    size = fit_size(window.size(), window)
    minimum = window.minimumSize()
    size = size.expandedTo(minimum) if minimum.isValid() else size
    if size != window.size():
        window.resize(size)
    area = available(window)
    extra_w, extra_h = _frame_extra(window)
    frame = QRect(window.frameGeometry().topLeft(), QSize(size.width() + extra_w, size.height() + extra_h))
    x = min(max(frame.left(), area.left()), max(area.left(), area.right() + 1 - frame.width()))
    y = min(max(frame.top(), area.top()), max(area.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


class DeskGuard(QObject):
    """The application-wide event filter described in the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if guarded(watched) and not watched.hasFocus():
                # Leave the event unaccepted: QApplication then offers it to the parent.
                event.ignore()
                return True
        elif kind == QEvent.Type.Polish:
            if guarded(watched) and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Show:
            if isinstance(watched, QWidget) and watched.isWindow() and _is_window_type(watched):
                fit_window(watched)
        return False


def _is_window_type(widget: QWidget) -> bool:
    kind = widget.windowType()
    return kind in (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)


def settle(root: QWidget) -> None:
    """What the guard does when a field is polished, for the fields under `root` made before
    it was installed (run() installs it after the pages are made: every event of their
    construction through a Python filter cost ~80 ms of CPU; fields polished later meet it)."""
    for kind in _GUARDED:
        for widget in root.findChildren(kind):
            if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_guard: DeskGuard | None = None


def install(app) -> DeskGuard:
    """Install the guard on `app` (once)."""
    global _guard
    if _guard is None:
        _guard = DeskGuard(app)
        app.installEventFilter(_guard)
    return _guard
