"""One row of a form: a label with a mnemonic, the input, and what goes under it.

Owns: putting an input, its inline message (FieldMessage) and optional notes into a
QFormLayout row, making the label the input's buddy, giving the input an accessible name
from the label text, and hiding or showing the whole row. Pages create rows; the Binder
binds the inputs.
"""
from __future__ import annotations

import re

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ui.binding import FieldMessage

_MNEMONIC = re.compile(r"\(&.\)|&(?=.)")


def plain(text: str) -> str:
    """A label without its mnemonic: "姓名(&N)" -> "姓名", "&Name" -> "Name"."""
    return _MNEMONIC.sub("", text).rstrip("：:")


class FieldRow:
    """`form.addRow(label, [input, message, *notes])`, with the label as the input's buddy."""

    def __init__(self, form: QFormLayout, field: QWidget, *, focus: QWidget | None = None,
                 notes: tuple[QWidget, ...] = (), message: bool = True) -> None:
        self.field = field
        self.focus = focus or field
        self.label = QLabel()
        self.label.setBuddy(self.focus)
        self.message = FieldMessage() if message else None
        self.container = QWidget()
        box = QVBoxLayout(self.container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(field)
        if self.message is not None:
            box.addWidget(self.message)
        for note in notes:
            box.addWidget(note)
        form.addRow(self.label, self.container)

    def set_label(self, text: str, description: str = "") -> None:
        self.label.setText(text)
        self.focus.setAccessibleName(plain(text))
        if description:
            self.focus.setAccessibleDescription(description)

    def set_visible(self, visible: bool) -> None:
        self.label.setVisible(visible)
        self.container.setVisible(visible)

    def is_visible_to(self, ancestor: QWidget) -> bool:
        return self.container.isVisibleTo(ancestor)


def align_labels(labels: list[QLabel]) -> None:
    """Give the label columns of several form layouts (one per group box) one width, so
    the inputs of all groups start at the same x. Call after the texts are set."""
    shown = [label for label in labels if label.text()]
    width = max((label.sizeHint().width() for label in shown), default=0)
    for label in labels:
        label.setMinimumWidth(width)
