"""The order Tab moves the keyboard focus in, read by Qt's own rule, for the tests.

Not by walking nextInFocusChain() in Python: PySide6 makes the wrapper such a call returns
a child of the caller's wrapper, so a walk that passes an ancestor (or asks a scroll area's
viewport for its focusProxy, the scroll area itself) builds a loop of wrappers, and
collecting the loop crashes shiboken 6.12 (tests/ui/test_wrapper_cycles.py). Here the focus
is moved as Tab moves it (QWidget.focusNextPrevChild of the window: the helper Qt itself
uses, which skips hidden, disabled and proxied widgets) and read back from the window.
"""
from __future__ import annotations


def tab_cycle(window, start=None, limit: int = 1000) -> list:
    """Every widget Tab reaches in `window`, in order, once round, from `start` (or from the
    widget that has the focus). Moves the focus; it is left on the last widget reached."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    if start is not None:
        start.setFocus(Qt.FocusReason.TabFocusReason)
    first = window.focusWidget()
    order = [first] if first is not None else []
    for _ in range(limit):
        if not QWidget.focusNextPrevChild(window, True):
            break
        focus = window.focusWidget()
        if focus is None or focus is first or focus in order:
            break
        order.append(focus)
        first = first or focus
    return order


def tab_order_within(page, limit: int = 1000) -> list:
    """The widgets of `page` in the order Tab visits them, entering the page from outside."""
    cycle = tab_cycle(page.window(), limit=limit)
    inside = [page.isAncestorOf(widget) for widget in cycle]
    if not any(inside):
        return []
    entry = next((i for i in range(len(cycle)) if inside[i] and not inside[i - 1]), 0)
    return [widget for widget, on_page in zip(cycle[entry:] + cycle[:entry], inside[entry:] + inside[:entry])
            if on_page]
