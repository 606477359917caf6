"""Values filled from a scan, until a person confirms them: the gate before printing.

Owns: putting what the reader found into the session's draft (empty fields only; periods
merged with the rows already there by their months), remembering for each value filled
where it came from (the crop of the image, held in memory only), which of them are still
unconfirmed, confirming one or all, and forgetting everything when the draft is replaced
(新建, 打开, 下一位). A value the person edits is theirs: it is no longer "from the scan".

The review page lists `unconfirmed()` and cannot go on while it is not empty; the documents
page refuses to print or save while `blocks_printing(session)`. Nothing here is written to
disk, logged or sent to the audit log.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from app.scan.reader import FieldRead, ScanResult
    from app.ui.session import Session

CROP_PADDING = 6  # px around the box read, so the person sees the printed value whole


@dataclass
class ScannedValue:
    path: str
    value: str
    confidence: float
    corrected: bool
    crop: QImage | None = None
    confirmed: bool = False


@dataclass
class ApplyReport:
    filled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already had another value: not overwritten


class ScanState(QObject):
    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName("scan_state")
        self.session = session
        self.values: dict[str, ScannedValue] = {}
        self._applying = False
        session.changed.connect(self._session_changed)

    @staticmethod
    def of(session: Session) -> ScanState:
        """The session's scan state (made on first use)."""
        state = session.findChild(ScanState, "scan_state")
        return state if state is not None else ScanState(session)

    # -- filling ---------------------------------------------------------------------------
    def apply(self, result: ScanResult) -> ApplyReport:
        """Fill the draft from a scan: empty fields only, periods matched by their months."""
        from app.domain import fields
        from app.domain.application import fill_from_id
        from app.domain.history import PeriodDraft

        draft = self.session.draft.model_copy(deep=True)
        report = ApplyReport()
        rows = _history_rows(result.fields)
        row_target: dict[int, int] = {}
        for index, row in sorted(rows.items()):
            match = next((i for i, p in enumerate(draft.history)
                          if p.start == row.get("start") and p.end == row.get("end")), None)
            if match is None:
                draft.history.append(PeriodDraft())
                match = len(draft.history) - 1
            row_target[index] = match
        filled: list[tuple[str, FieldRead]] = []
        for item in result.fields:
            path = item.path
            if path.startswith("history."):
                _, index, name = path.split(".", 2)
                path = f"history.{row_target[int(index)]}.{name}"
            current = fields.get_value(draft, path)
            current = getattr(current, "value", current)
            if current not in (None, "") and str(current) != item.value:
                report.kept.append(path)
                continue
            fields.set_value(draft, path, item.value)
            filled.append((path, item))
        fill_from_id(draft, self.session.today)
        self._applying = True
        try:
            self.session.replace(draft, path=self.session.path, dirty=True, key=self.session.key)
        finally:
            self._applying = False
        for path, item in filled:
            self.values[path] = ScannedValue(path, item.value, item.confidence, item.corrected,
                                             _crop(result, item))
            report.filled.append(path)
        self.changed.emit()
        return report

    # -- confirming ------------------------------------------------------------------------
    def unconfirmed(self) -> list[ScannedValue]:
        """Values still as the scan filled them and not yet confirmed, in draft order."""
        return [v for v in self.values.values() if not v.confirmed and self._still_scanned(v)]

    def is_scanned(self, path: str) -> bool:
        value = self.values.get(path)
        return value is not None and self._still_scanned(value)

    def confirm(self, path: str) -> None:
        if path in self.values:
            self.values[path].confirmed = True
            self.changed.emit()

    def confirm_all(self) -> None:
        for value in self.values.values():
            value.confirmed = True
        self.changed.emit()

    def clear(self) -> None:
        if self.values:
            self.values.clear()
            self.changed.emit()

    def _still_scanned(self, value: ScannedValue) -> bool:
        from app.domain import fields

        current = fields.get_value(self.session.draft, value.path)
        current = getattr(current, "value", current)
        return current is not None and str(current) == value.value

    def _session_changed(self, path: str) -> None:
        if path == "" and not self._applying:
            self.clear()  # a new applicant, another file: nothing of the scan stays
        elif path in self.values and not self.values[path].confirmed and not self._still_scanned(self.values[path]):
            del self.values[path]  # typed over: the person's own value
            self.changed.emit()


def blocks_printing(session: Session) -> bool:
    """Whether scanned values wait for a person's confirmation (printing must wait too)."""
    state = session.findChild(ScanState, "scan_state")
    return state is not None and bool(state.unconfirmed())


def _history_rows(items) -> dict[int, dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for item in items:
        if item.path.startswith("history."):
            _, index, name = item.path.split(".", 2)
            rows.setdefault(int(index), {})[name] = item.value
    return rows


def _crop(result: ScanResult, item: FieldRead) -> QImage | None:
    """The part of the page the value was read from, as a QImage (memory only)."""
    try:
        image = result.pages[item.page].image
    except IndexError:
        return None
    x0, y0, x1, y1 = item.box
    box = (max(0, int(x0) - CROP_PADDING), max(0, int(y0) - CROP_PADDING),
           min(image.width, int(x1) + CROP_PADDING), min(image.height, int(y1) + CROP_PADDING))
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    return pil_to_qimage(image.crop(box))


def pil_to_qimage(image) -> QImage:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG")
    qimage = QImage()
    qimage.loadFromData(buffer.getvalue(), "PNG")
    return qimage
