"""An AreaPicker bound to a pair of draft fields: the area's code and its name.

Owns: writing what the picker holds (a picked region, or six digits / a name typed freely)
into `<prefix>.area_code` and `<prefix>.area_name`, showing the draft's pair in the picker
when it changes elsewhere (a file opened), and one inline message under the picker for
both fields (their own checks while typing, the full check's findings after it).

The Binder binds one widget to one path; this registers the picker with the page's Binder
under both paths, so `widget_for()` (jumping to a field from the review page, tests) finds
it. What a person types is stored when they pick an entry, press Enter or leave the box,
never while they are still searching; text set from outside while the box is not being
edited (an assistive tool, a test) is stored at once.
"""
from __future__ import annotations

from app.domain.findings import Finding
from app.ui.binding import Binder, FieldMessage, most_severe
from app.ui.widgets.area_picker import AreaPicker


class AreaField:
    def __init__(self, binder: Binder, prefix: str, picker: AreaPicker, message: FieldMessage) -> None:
        self.session = binder.session
        self.binder = binder
        self.code_path = f"{prefix}.area_code"
        self.name_path = f"{prefix}.area_name"
        self.paths = (self.code_path, self.name_path)
        self.picker = picker
        self.message = message
        self._full: list[Finding] = []
        self._busy = False  # storing, or showing the draft's value: ignore our own echo
        picker.setProperty("fieldPath", self.code_path)
        for path in self.paths:
            binder.register(path, picker, None, lambda _value: self.show_value())
        picker.picked.connect(self._store)
        picker.editingFinished.connect(self._edited)
        picker.textChanged.connect(self._text_set)
        self.session.changed.connect(self._on_changed)
        self.session.checked.connect(self._on_checked)
        binder.listeners.append(self.refresh_message)
        self.show_value()

    def show_value(self) -> None:
        self._busy = True
        try:
            self.picker.set_value(self.session.value(self.code_path), self.session.value(self.name_path))
        finally:
            self._busy = False

    def _store(self, code: str | None, name: str | None) -> None:
        if (code, name) != (self.session.value(self.code_path), self.session.value(self.name_path)):
            self.binder.prefilled.pop(self.code_path, None)
        self._busy = True
        try:
            self.session.set(self.code_path, code)
            self.session.set(self.name_path, name)
        finally:
            self._busy = False
        self.refresh_message()

    def _edited(self) -> None:
        code, name = self.picker.value()
        if (code, name) != (self.session.value(self.code_path), self.session.value(self.name_path)):
            self._store(code, name)
            self.show_value()  # "440300" typed reads "广东省深圳市（440300）" once stored

    def _text_set(self, _text: str) -> None:
        if not self._busy and not self.picker.hasFocus():
            self._store(*self.picker.value())

    def _on_changed(self, path: str) -> None:
        if not self._busy and path in ("", *self.paths):
            self.refresh_message()

    def _on_checked(self, result) -> None:
        self._full = [finding for finding in result.findings if finding.path in self.paths]
        self.refresh_message()

    def refresh_message(self) -> None:
        own = [finding for path in self.paths for finding in self.session.field_findings(path)]
        finding = most_severe(self.binder.visible(own + self._full))
        note = self.binder.prefilled.get(self.code_path)
        if finding is None and note is not None:
            self.message.show_note(note())
        else:
            self.message.show_finding(finding)
