"""Binding input widgets to draft field paths, with inline messages under each field.

Owns: the two-way link widget <-> Session value, the per-field message label (the fast
field check on every keystroke, merged with the debounced full check), the registry
path -> widget used to jump to a field from the review page, accessible names, when a
"please fill this in" may show, and values filled in for the person (prefilled, marked).
Pages declare their fields with a Binder; they never touch the draft directly.

"Required" messages (REQUIRED_CODES) show only once a field has been left (focus moved away
by the person) or Next was pressed on its page (`reveal()`): an empty form is not an error
list. A new, opened or restored draft starts unrevealed again. Every other message (a
malformed number, a date in the future) shows while typing.

A bound input box is capped at the field's length limit, asked from the domain
(app.domain.applicability.max_length, read from the model's types): pages never state a limit.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget
from shiboken6 import isValid

from app.domain.enums import label
from app.domain.findings import Finding, Severity
from app.ui.session import Session

_COLOURS = {Severity.ERROR: "#b3261e", Severity.WARNING: "#8a5a00", Severity.INFO: "#1f5f8b"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_PREFILLED_COLOUR = "#1f5f8b"
# Finding codes that only say "nothing entered yet" (app.domain.findings).
REQUIRED_CODES = frozenset({"required", "id_empty", "history_empty"})
# Focus leaving a field for these reasons is not the person leaving it.
_NOT_LEFT = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


def language() -> str:
    """The language of messages: follows the installed UI translation."""
    return "en" if QCoreApplication.translate("language", "zh") == "en" else "zh"


class FieldMessage(QLabel):
    """The line under a field: what is wrong with it and what to do, or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self.finding: Finding | None = None
        self._colour: str | None = None

    def show_finding(self, finding: Finding | None) -> None:
        if not isValid(self):  # a check that finished after its page was closed
            return
        self.finding = finding
        if finding is None:
            self._show("", None)
        else:
            self._show(_strip_label(finding, language()), _COLOURS[finding.severity])

    def show_note(self, text: str) -> None:
        """A remark that is not a finding (e.g. where a prefilled value came from)."""
        if not isValid(self):
            return
        self.finding = None
        self._show(text, _PREFILLED_COLOUR)

    def _show(self, text: str, colour: str | None) -> None:
        # Only what differs is set: a style sheet set again, even the same one, re-polishes
        # the label and relays out the page, and every full check passes every message here.
        if self.text() != text:
            self.setText(text)
        if colour is not None and colour != self._colour:
            self._colour = colour
            self.setStyleSheet(f"color: {colour};")
        if self.isHidden() == bool(text):
            self.setVisible(bool(text))


def _strip_label(finding: Finding, lang: str) -> str:
    """Under its own field a message needs no field name in front."""
    text = finding.message(lang)
    for sep in ("：", ": "):
        head, found, tail = text.partition(sep)
        if found and len(head) <= 40 and finding.rule_id is None:
            return tail
    return text


def most_severe(findings: list[Finding]) -> Finding | None:
    return min(findings, key=lambda f: _RANK[f.severity], default=None)


class Bound:
    """One bound field: how to read the widget, how to show a value, where messages go."""

    def __init__(self, path: str, widget: QWidget, message: FieldMessage | None,
                 show: Callable[[object], None], relabel: Callable[[], None] | None = None) -> None:
        self.path = path
        self.widget = widget
        self.message = message
        self.show = show
        self.relabel = relabel  # texts that depend on the language (a combo's items)


class _LeaveWatcher(QObject):
    """Tells the binder when the person leaves a field (its focus goes elsewhere)."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.binder = weakref.ref(binder)  # no cycle: a binder goes with its page
        self.paths: dict[QObject, list[str]] = {}

    def watch(self, widget: QWidget, path: str) -> None:
        if widget not in self.paths:
            self.paths[widget] = []
            widget.installEventFilter(self)
        self.paths[widget].append(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        binder = self.binder()
        if binder is not None and event.type() == QEvent.Type.FocusOut and event.reason() not in _NOT_LEFT:
            binder.left(*self.paths.get(watched, ()))
        return False


class Binder:
    """Binds a page's widgets to field paths of the session's draft."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.fields: dict[str, Bound] = {}
        self._full: dict[str, list[Finding]] = {}
        self._editing: str | None = None
        self.touched: set[str] = set()   # fields the person has left
        self.revealed = False            # Next was pressed on the page
        self.prefilled: dict[str, Callable[[], str]] = {}  # path -> the note saying where its value came from
        self._leave = _LeaveWatcher(self)
        self.listeners: list[Callable[[], None]] = []  # told when reveal state changes (AreaField)
        session.changed.connect(self._on_changed)
        session.checked.connect(self._on_checked)

    # -- when "please fill this in" shows --------------------------------------------------
    def shows(self, finding: Finding) -> bool:
        """Whether `finding` may be shown under its field now."""
        return finding.code not in REQUIRED_CODES or self.revealed or finding.path in self.touched

    def visible(self, findings: list[Finding]) -> list[Finding]:
        return [finding for finding in findings if self.shows(finding)]

    def watch_leave(self, widget: QWidget, *paths: str) -> None:
        for path in paths:
            self._leave.watch(widget, path)

    def left(self, *paths: str) -> None:
        """The person left the field(s) of `paths`: their "required" may show now."""
        new = set(paths) - self.touched
        if not new:
            return
        self.touched |= new
        for path in new:
            self.refresh_message(path, immediate=True)
        for listener in self.listeners:
            listener()

    def reveal(self) -> None:
        """Next was pressed: every message of the page shows."""
        if self.revealed:
            return
        self.revealed = True
        for path in self.fields:
            self.refresh_message(path, immediate=True)
        for listener in self.listeners:
            listener()

    def _forget_reveal(self) -> None:
        self.touched.clear()
        self.revealed = False
        self.prefilled.clear()

    # -- values filled in for the person ---------------------------------------------------
    def prefill(self, path: str, value: object, note: Callable[[], str]) -> bool:
        """Put `value` into the empty field of `path`, marked with `note()` (where it came
        from, in the language shown) until the person changes it. True if filled."""
        if value in (None, "") or self.session.value(path) not in (None, ""):
            return False
        self.session.fill(path, value)  # the app's answer, not the person's: not a modification
        self.prefilled[path] = note
        self.refresh_message(path, immediate=True)
        for listener in self.listeners:
            listener()
        return True

    # -- declaring fields ------------------------------------------------------------------
    def line_edit(self, path: str, edit: QLineEdit, message: FieldMessage | None = None) -> QLineEdit:
        from app.domain import applicability  # the model loads after the first paint (see main.py)

        limit = applicability.max_length(path)
        if limit is not None:
            edit.setMaxLength(limit)

        def show(value: object) -> None:
            text = "" if value is None else str(value)
            if edit.text() != text:
                edit.setText(text)

        def edited(text: str) -> None:
            self.prefilled.pop(path, None)
            self._editing = path  # don't write the value back into the widget being typed in
            try:
                self.session.set(path, text)
            finally:
                self._editing = None
            self.refresh_message(path, immediate=True)

        edit.textChanged.connect(edited)
        self._add(path, edit, message, show)
        return edit

    def combo(self, path: str, combo: QComboBox, choices: list[StrEnum], message: FieldMessage | None = None,
              allow_blank: bool = True) -> QComboBox:
        """A pick list of enum values; the blank entry (unanswered) comes first when allowed."""
        combo.clear()
        if allow_blank:
            combo.addItem("—", None)
        for choice in choices:
            combo.addItem(label(choice, language()), choice)

        def relabel() -> None:
            lang = language()
            for index in range(combo.count()):
                value = combo.itemData(index)
                if value is not None:
                    combo.setItemText(index, label(value, lang))

        def show(value: object) -> None:
            index = combo.findData(value)
            if index < 0:
                index = 0
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)

        def chosen(_index: int) -> None:
            self.prefilled.pop(path, None)
            self.session.set(path, combo.currentData())

        combo.currentIndexChanged.connect(chosen)
        self._add(path, combo, message, show, relabel)
        return combo

    def check_box(self, path: str, box: QCheckBox, message: FieldMessage | None = None) -> QCheckBox:
        def show(value: object) -> None:
            if box.isChecked() != bool(value):
                box.setChecked(bool(value))

        box.toggled.connect(lambda checked: self.session.set(path, checked))
        self._add(path, box, message, show)
        return box

    def register(self, path: str, widget: QWidget, message: FieldMessage | None,
                 show: Callable[[object], None]) -> QWidget:
        """A widget that writes to the session itself (e.g. an area picker holding two
        paths): the binder shows values in it (`show(value)`) and finds it by path."""
        self._add(path, widget, message, show)
        return widget

    def _add(self, path: str, widget: QWidget, message: FieldMessage | None, show: Callable,
             relabel: Callable[[], None] | None = None) -> None:
        self.fields[path] = Bound(path, widget, message, show, relabel)
        self.watch_leave(widget.focusProxy() or widget, path)
        if widget.property("fieldPath") is None:  # a widget of several paths keeps its first
            widget.setProperty("fieldPath", path)
        show(self.session.value(path))

    # -- messages --------------------------------------------------------------------------
    def refresh_message(self, path: str, immediate: bool = False) -> None:
        bound = self.fields.get(path)
        if bound is None or bound.message is None:
            return
        own = self.session.field_findings(path) if immediate else []
        finding = most_severe(self.visible(own + self._full.get(path, [])))
        if finding is None and path in self.prefilled:
            bound.message.show_note(self.prefilled[path]())
        else:
            bound.message.show_finding(finding)

    def _on_checked(self, result) -> None:
        self._full = {}
        for finding in result.findings:
            self._full.setdefault(finding.path, []).append(finding)
        for path in self.fields:
            self.refresh_message(path, immediate=True)

    def _on_changed(self, path: str) -> None:
        if path == "":  # a new, opened or restored draft: nothing left or revealed yet
            self._forget_reveal()
        self._show(path)

    def _show(self, path: str) -> None:
        """Show the draft's value of `path` ("" every path) in its widget."""
        targets = self.fields if path == "" else ([path] if path in self.fields else [])
        for target in targets:
            if target == self._editing:
                continue
            bound = self.fields[target]
            bound.widget.blockSignals(True)
            try:
                bound.show(self.session.value(target))
            finally:
                bound.widget.blockSignals(False)

    def refresh_all(self) -> None:
        """Show every value and message again (after a new draft or a language change)."""
        for bound in self.fields.values():
            if bound.relabel is not None:
                bound.widget.blockSignals(True)
                try:
                    bound.relabel()
                finally:
                    bound.widget.blockSignals(False)
        self._show("")
        for path in self.fields:
            self.refresh_message(path, immediate=True)

    def widget_for(self, path: str) -> QWidget | None:
        bound = self.fields.get(path)
        return bound.widget if bound else None
