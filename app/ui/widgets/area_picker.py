"""AreaPicker: a line edit that finds a GB/T 2260 division by name, pinyin or code.

Owns: the search-as-you-type popup over ``app.domain.regions.search`` (Chinese name,
pinyin initials such as "baq" for 宝安区, full pinyin, code prefix), picking with the
keyboard (type, arrows, Enter) or the mouse, and what the widget holds afterwards.

Stable API (the history table and the transfer page both use it):

``AreaPicker(parent=None, *, full_names=False, include_historical=False)``
    ``full_names``: the name handed out is the full one ("广东省深圳市宝安区") instead of
    the short one ("宝安区"). ``include_historical``: also offer codes no longer in use
    (marked as such in the list), for periods long past.
``picked = Signal(str, str)``
    (code, name) when the user picks an entry; not emitted by ``set_value``.
``set_value(code, name)``
    Show a stored value (either may be None) without emitting ``picked``.
``value() -> tuple[str | None, str | None]``
    (code, name) now: the picked or set value while the text is unchanged; after free
    typing, six digits are read as a code (with its region's name when known) and any
    other text as a name with the code kept. ``code()`` and ``name()`` are its parts.
``region() -> Region | None``
    The last picked region (None after ``set_value`` or free typing).

It is a QLineEdit, so it works as an item-delegate editor as it is. The region table is
read on the first search, not when the widget is made.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QWidget

from app.domain import regions

LIMIT = 20
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
INDEX_ROLE = Qt.ItemDataRole.UserRole + 2
_PICK_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def display_text(code: str | None, name: str | None) -> str:
    """How a stored value reads in the box and in table cells: "广东省深圳市宝安区（440306）"."""
    if code and name:
        return f"{name}（{code}）"
    return name or code or ""


class AreaPicker(QLineEdit):
    picked = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, full_names: bool = False,
                 include_historical: bool = False) -> None:
        super().__init__(parent)
        self.full_names = full_names
        self.include_historical = include_historical
        self._code: str | None = None
        self._name: str | None = None
        self._shown = ""
        self._region: regions.Region | None = None
        self._results: list[regions.Region] = []
        self._list = QStandardItemModel(self)
        # Not setCompleter(): QLineEdit would then copy each highlighted row into the text
        # while the person is still typing. The completer only runs the popup here.
        self._completer = QCompleter(self._list, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(10)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._activated)
        # Installed after the completer's own filter on its popup, so this one runs first.
        self._completer.popup().installEventFilter(self)
        self._after_pick = False
        self._auto_name = ""
        self.textEdited.connect(self._search)
        self.setClearButtonEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Placeholder, tooltip and (unless the caller named it) the accessible name; also
        called on a language change."""
        self.setPlaceholderText(self.tr("输入地名、拼音首字母或区划代码"))
        self.setToolTip(self.tr("例如：宝安、baq 或 440306；用方向键选择，回车确认"))
        if not self.accessibleName() or self.accessibleName() == self._auto_name:
            self._auto_name = self.tr("参保地区")
            self.setAccessibleName(self._auto_name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- value -------------------------------------------------------------------------
    def set_value(self, code: str | None, name: str | None) -> None:
        self._code, self._name, self._region = code or None, name or None, None
        self._shown = display_text(self._code, self._name)
        if self.text() != self._shown:
            self.setText(self._shown)
        self._hide_popup()

    def value(self) -> tuple[str | None, str | None]:
        text = self.text().strip()
        if text == self._shown:
            return self._code, self._name
        if not text:
            return None, None
        digits = unicodedata.normalize("NFKC", text)  # fullwidth digits from an input method
        if digits.isascii() and digits.isdigit() and len(digits) == 6:
            text = digits
            region = regions.get(text)
            if region is not None:
                return text, self._name_of(region)
            return text, self._name
        return self._code, text

    def code(self) -> str | None:
        return self.value()[0]

    def name(self) -> str | None:
        return self.value()[1]

    def region(self) -> regions.Region | None:
        return self._region if self.text().strip() == self._shown else None

    def _name_of(self, region: regions.Region) -> str:
        return region.full_name if self.full_names else region.name

    # -- search ------------------------------------------------------------------------
    def popup_visible(self) -> bool:
        return self._completer.popup().isVisible()

    def results(self) -> list[regions.Region]:
        """What the popup lists now (for tests and for callers that want to show a count)."""
        return list(self._results)

    def row_texts(self) -> list[str]:
        """The lines of the popup list, as shown."""
        return [self._list.item(i).text() for i in range(self._list.rowCount())]

    def _search(self, text: str) -> None:
        self._results = regions.search(text, LIMIT, current_only=not self.include_historical) if text.strip() else []
        self._list.clear()
        for i, region in enumerate(self._results):
            item = QStandardItem(self._row_text(region))
            item.setData(region.code, CODE_ROLE)
            item.setData(i, INDEX_ROLE)
            item.setEditable(False)
            self._list.appendRow(item)
        if not self._results:
            self._hide_popup()
            return
        popup = self._completer.popup()
        # As wide as its longest line (a table cell is narrower than "宝安区 · 广东省深圳市宝安区 · 440306").
        width = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 2 * popup.frameWidth() + 8
        self._completer.complete(QRect(0, 0, max(self.width(), width), self.height()))
        # The best match is highlighted at once, so "baq" + Enter picks 宝安区.
        popup.setCurrentIndex(self._list.index(0, 0))

    def _row_text(self, region: regions.Region) -> str:
        text = f"{region.name} · {region.full_name} · {region.code}"
        if not region.current:
            if region.last_year:
                text += " " + self.tr("（{year} 年停用）").format(year=region.last_year)
            else:
                text += " " + self.tr("（已停用）")
        return text

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(INDEX_ROLE)
        if row is None or not 0 <= row < len(self._results):
            return
        region = self._results[row]
        self.set_value(region.code, self._name_of(region))
        self._region = region
        self.picked.emit(region.code, self._name_of(region))

    def _hide_popup(self) -> None:
        popup = self._completer.popup()
        if popup.isVisible():
            popup.hide()

    def pick_current(self) -> bool:
        """Pick the highlighted entry of the open popup (what Enter does). True if picked."""
        if not self.popup_visible():
            return False
        index = self._completer.popup().currentIndex()
        if not index.isValid():
            return False
        self._hide_popup()
        self._activated(index)
        return True

    # -- keys --------------------------------------------------------------------------
    # While the popup is open Qt sends the keys to it. Enter and Tab are taken here, before
    # the completer sees them: pick the highlighted row, then hand the key on to the line
    # edit itself, so an item delegate's filter on the editor sees it (Enter closes the
    # editor, Tab moves on) exactly as when no popup was open.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._completer.popup() and event.type() == QEvent.Type.KeyPress \
                and event.key() in _PICK_KEYS:
            picked = self.pick_current()
            self._after_pick = picked
            try:
                QApplication.sendEvent(self, event)
            finally:
                self._after_pick = False
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        # Keys sent to the line edit itself while the popup is open (tests, assistive
        # tools): Tab picks too before moving on.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.pick_current()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (self._after_pick or self.pick_current()):
            event.accept()  # the Enter that picked must not also press a dialog's default button
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip() != self._shown:
            # Enter after typing a code or name confirms it (editingFinished stores it); it
            # must not also press Next, which the wizard always allows.
            super().keyPressEvent(event)
            event.accept()
            return
        if self.popup_visible():
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                QApplication.sendEvent(self._completer.popup(), event)
                return
            if key == Qt.Key.Key_Escape:
                self._hide_popup()
                event.accept()
                return
        elif key == Qt.Key.Key_Down and self.text().strip() and self.text().strip() != self._shown:
            self._search(self.text())  # reopen the list after Escape
            return
        super().keyPressEvent(event)
