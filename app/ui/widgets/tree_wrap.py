"""Rows of a QTreeWidget as tall as their wrapped text.

QTreeView measures a row by its text unwrapped (one line per "\\n"), so with word wrap on a
long line is cut with "…" instead of wrapping. `wrap_rows(tree, column)` gives every item
the height its text needs at the column's width; call it after filling the tree and when
the column's width changes (`keep_wrapped`).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

_PADDING = 6


def _items(tree: QTreeWidget):
    stack = [tree.topLevelItem(i) for i in reversed(range(tree.topLevelItemCount()))]
    while stack:
        item = stack.pop()
        yield item
        stack += [item.child(i) for i in reversed(range(item.childCount()))]


def _depth(item: QTreeWidgetItem) -> int:
    depth = 0
    while item.parent() is not None:
        item, depth = item.parent(), depth + 1
    return depth


def wrap_rows(tree: QTreeWidget, column: int = 0, extra: int = 0) -> None:
    """Set each item's height for `column`'s text wrapped to the column (minus `extra`
    pixels taken by a check box or an icon, and the indentation of nested rows). Not while
    the tree is hidden: its columns have no real width then (keep_wrapped wraps on showing)."""
    if not tree.isVisible():
        return
    metrics = tree.fontMetrics()
    width = tree.header().sectionSize(column) - extra - 8
    icon = tree.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    for item in _items(tree):
        indent = tree.indentation() * (_depth(item) + (1 if tree.rootIsDecorated() else 0)) if column == 0 else 0
        room = max(40, width - indent - (icon + 4 if not item.icon(column).isNull() else 0))
        text = metrics.boundingRect(QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, item.text(column))
        item.setSizeHint(column, QSize(0, max(text.height(), metrics.height()) + _PADDING))


class _Rewrap(QObject):
    def __init__(self, tree: QTreeWidget, column: int, extra: int, after) -> None:
        super().__init__(tree)
        self.tree, self.column, self.extra, self.after = tree, column, extra, after
        tree.header().sectionResized.connect(self.resized)
        tree.installEventFilter(self)

    def wrap(self) -> None:
        if self.tree.topLevelItemCount():
            wrap_rows(self.tree, self.column, self.extra)
            if self.after is not None:
                self.after()

    def resized(self, index: int, _old: int, _new: int) -> None:
        if index == self.column:
            self.wrap()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.Show:
            self.wrap()
        return False


def keep_wrapped(tree: QTreeWidget, column: int = 0, extra: int = 0, after=None) -> None:
    """Wrap again whenever `column` changes width or the tree is shown (then call `after()`,
    e.g. to fit a height)."""
    _Rewrap(tree, column, extra, after)
