"""The insurance-history table: a model over session.draft.history and its cell editors.

Owns: one row per period and one column per field, writing edits through the Session
(`set` for cells, `touch("history")` after inserting, removing or moving rows, with the
proper begin/end calls so views keep their selection), the look of cells the check
complains about, and the editors (area picker, pick lists, live-committing line edits).

Per edit the model does O(1) work: the changed cell's own field check and one
dataChanged. The full check runs debounced in the Session; its findings arrive through
`set_findings`, which repaints only the rows whose marks changed. The model is reset only
when the whole draft is replaced.
"""
from __future__ import annotations

import html

from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPolygon
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from app.domain import months
from app.domain.application import MAX_PERIODS
from app.domain.enums import PeriodStatus, Scheme, label
from app.domain.findings import Finding, Severity
from app.domain.history import PeriodDraft, paid_months
from app.ui.binding import REQUIRED_CODES, language, most_severe
from app.ui.session import Session
from app.ui.widgets.area_picker import AreaPicker, display_text


class Column(IntEnum):
    AREA = 0
    SCHEME = 1
    EMPLOYER = 2
    USCC = 3
    START = 4
    END = 5
    MONTHS = 6
    BALANCE = 7
    STATUS = 8
    ARREARS = 9
    OVERDRAFT = 10


# The draft field(s) behind each column; the area column shows and edits code and name.
FIELDS: dict[Column, tuple[str, ...]] = {
    Column.AREA: ("area_code", "area_name"),
    Column.SCHEME: ("scheme",),
    Column.EMPLOYER: ("employer_name",),
    Column.USCC: ("employer_uscc",),
    Column.START: ("start",),
    Column.END: ("end",),
    Column.MONTHS: ("months_paid",),
    Column.BALANCE: ("account_balance",),
    Column.STATUS: ("status",),
    Column.ARREARS: ("arrears_months",),
    Column.OVERDRAFT: ("overdraft",),
}
COLUMN_OF_FIELD = {name: column for column, names in FIELDS.items() for name in names}
CHOICES: dict[Column, tuple[StrEnum, ...]] = {Column.SCHEME: tuple(Scheme), Column.STATUS: tuple(PeriodStatus)}

PATH_ROLE = Qt.ItemDataRole.UserRole + 10        # "history.3.start" (area: the code's path)
CODE_ROLE = Qt.ItemDataRole.UserRole + 11        # area column: the code
NAME_ROLE = Qt.ItemDataRole.UserRole + 12        # area column: the name
COMPUTED_ROLE = Qt.ItemDataRole.UserRole + 13    # months column: the span when none is given
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 14    # the worst error or warning (Severity value), or None

_NUMERIC = (Column.MONTHS, Column.BALANCE, Column.ARREARS, Column.OVERDRAFT)
_FOREGROUND = {Severity.ERROR: QColor("#b3261e"), Severity.WARNING: QColor("#8a5a00")}
_BACKGROUND = {Severity.ERROR: QColor("#fbe4e2"), Severity.WARNING: QColor("#fff1cc")}
_COMPUTED = QColor("#6b6b6b")
_MARK_ROLES = [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
               Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole, SEVERITY_ROLE]


def split_path(path: str) -> tuple[int, str | None] | None:
    """"history.3.start" -> (3, "start"); "history.3" -> (3, None); anything else -> None."""
    parts = path.split(".")
    if len(parts) < 2 or parts[0] != "history" or not parts[1].isdigit():
        return None
    return int(parts[1]), (parts[2] if len(parts) > 2 else None)


class HistoryTableModel(QAbstractTableModel):
    """Rows = session.draft.history. Edits go through the Session; see the module docstring."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._history: list[PeriodDraft] = session.draft.history
        self._structural = False
        self._full: dict[str, list[Finding]] = {}   # from the last full check, by path
        self._live: dict[str, list[Finding]] = {}   # own-field checks of cells edited since
        # Rows whose "please fill this in" may show: the person left them, or pressed Next
        # (every row). Keyed by the period object, which keeps its identity when rows move;
        # the dict keeps the objects alive so their ids stay unique.
        self._revealed: dict[int, PeriodDraft] = {}
        self._all_revealed = False
        session.changed.connect(self._on_changed)

    # -- shape ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._history)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def period(self, row: int) -> PeriodDraft:
        return self._history[row]

    def path(self, row: int, column: Column | int) -> str:
        return f"history.{row}.{FIELDS[Column(column)][0]}"

    def index_for_path(self, path: str) -> QModelIndex:
        """The cell of a field path; the row's first cell for "history.3"; invalid otherwise."""
        found = split_path(path)
        if found is None or not 0 <= found[0] < len(self._history):
            return QModelIndex()
        row, name = found
        return self.index(row, COLUMN_OF_FIELD.get(name, Column.AREA) if name else Column.AREA)

    # -- headers ---------------------------------------------------------------------------
    def header_texts(self) -> dict[Column, str]:
        return {
            Column.AREA: self.tr("参保地区"), Column.SCHEME: self.tr("险种"), Column.EMPLOYER: self.tr("单位名称"),
            Column.USCC: self.tr("统一社会信用代码"), Column.START: self.tr("开始年月"),
            Column.END: self.tr("终止年月"), Column.MONTHS: self.tr("缴费月数"),
            Column.BALANCE: self.tr("个人账户余额"), Column.STATUS: self.tr("状态"),
            Column.ARREARS: self.tr("欠费月数"), Column.OVERDRAFT: self.tr("透支额"),
        }

    def header_tips(self) -> dict[Column, str]:
        return {
            Column.AREA: self.tr("输入地名、拼音首字母（如 baq）或 6 位区划代码，回车选定"),
            Column.SCHEME: self.tr("按数字键 1–4 选择险种"),
            Column.START: self.tr("如 2012-07 或 201207"),
            Column.END: self.tr("如 2016-12；仍在参保可填本月"),
            Column.MONTHS: self.tr("参保凭证上的实际缴费月数；不填则按起止年月计算（灰色斜体）"),
            Column.BALANCE: self.tr("单位：元，如 1234.56（仅职工医保）"),
            Column.STATUS: self.tr("按数字键 1–3 选择状态"),
            Column.OVERDRAFT: self.tr("个人账户透支额，单位：元；没有则不填"),
        }

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("第 {n} 段").format(n=section + 1)
            return None
        if not 0 <= section < len(Column):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.header_texts()[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips().get(Column(section))
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._history:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._history) - 1, len(Column) - 1))

    # -- cells -----------------------------------------------------------------------------
    def scheme_text(self, scheme: Scheme) -> str:
        """Short scheme names keep the column narrow; the tooltip gives the full name."""
        return {
            Scheme.EMPLOYEE: self.tr("职工医保"), Scheme.RESIDENT: self.tr("城乡居民医保"),
            Scheme.NCMS: self.tr("新农合"), Scheme.URBAN_RESIDENT: self.tr("城镇居民医保"),
        }[scheme]

    def display_text(self, row: int, column: Column) -> str:
        period = self._history[row]
        if column is Column.AREA:
            return display_text(period.area_code, period.area_name)
        if column is Column.SCHEME:
            return self.scheme_text(period.scheme) if period.scheme else ""
        if column is Column.STATUS:
            return label(period.status, language()) if period.status else ""
        if column in (Column.START, Column.END):
            raw = getattr(period, FIELDS[column][0]) or ""
            index = months.try_month(raw)
            return raw if index is None else months.from_index(index)
        if column is Column.MONTHS and not period.months_paid:
            computed = paid_months(period)
            return "" if computed is None else str(computed)
        return getattr(period, FIELDS[column][0]) or ""

    def computed_months(self, row: int) -> int | None:
        """The span shown when no month count is given; None when one is given or unreadable."""
        period = self._history[row]
        return None if period.months_paid else paid_months(period)

    # -- when "please fill this in" shows (as app.ui.binding.Binder.shows) ---------------------
    def reveal_row(self, row: int) -> None:
        """The person left row `row`: its empty required cells may say so now."""
        if 0 <= row < len(self._history) and id(self._history[row]) not in self._revealed:
            self._revealed[id(self._history[row])] = self._history[row]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1), _MARK_ROLES)

    def reveal_all(self) -> None:
        """Next was pressed: every message shows."""
        if not self._all_revealed:
            self._all_revealed = True
            if self._history:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._history) - 1, len(Column) - 1),
                                      _MARK_ROLES)

    def shows(self, finding: Finding) -> bool:
        if finding.code not in REQUIRED_CODES or self._all_revealed:
            return True
        where = split_path(finding.path)
        return where is not None and 0 <= where[0] < len(self._history) \
            and id(self._history[where[0]]) in self._revealed

    def findings(self, row: int, column: Column | int) -> list[Finding]:
        """What the checks say about a cell: the last full check, plus the cell's own field
        check when it was edited since (so a typo shows at once, before the debounced check).
        One message per code: the area column holds two fields, but is one answer."""
        found: list[Finding] = []
        seen = set()
        for name in FIELDS[Column(column)]:
            path = f"history.{row}.{name}"
            for finding in self._live.get(path, []) + self._full.get(path, []):
                key = finding.code
                if key not in seen and self.shows(finding):
                    seen.add(key)
                    found.append(finding)
        return found

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._history):
            return None
        row, column = index.row(), Column(index.column())
        period = self._history[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column is Column.AREA:
                return display_text(period.area_code, period.area_name)
            return getattr(period, FIELDS[column][0]) or ("" if column not in CHOICES else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CODE_ROLE:
            return period.area_code if column is Column.AREA else None
        if role == NAME_ROLE:
            return period.area_name if column is Column.AREA else None
        if role == PATH_ROLE:
            return self.path(row, column)
        if role == COMPUTED_ROLE:
            return self.computed_months(row) if column is Column.MONTHS else None
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.AccessibleDescriptionRole, SEVERITY_ROLE):
            return self._look(row, column, role)
        return None

    def _look(self, row: int, column: Column, role: int) -> Any:
        worst = most_severe(self.findings(row, column))
        severity = worst.severity if worst is not None and worst.severity is not Severity.INFO else None
        computed = column is Column.MONTHS and self.computed_months(row) is not None
        if role == SEVERITY_ROLE:
            return severity
        if role == Qt.ItemDataRole.ForegroundRole:
            if severity is not None:
                return QBrush(_FOREGROUND[severity])
            return QBrush(_COMPUTED) if computed else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_BACKGROUND[severity]) if severity is not None else None
        if role == Qt.ItemDataRole.FontRole:
            if not computed:
                return None
            font = QFont()
            font.setItalic(True)
            return font
        messages = "\n".join(f.message(language()) for f in self.findings(row, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            scanned = self._scan_tip(row, column)
            if scanned is not None:  # the crop it was read from, after any message on the cell
                shown = html.escape(messages).replace("\n", "<br>")
                return f"<p>{shown}</p>{scanned}" if messages else scanned
            if messages:
                return messages
            if computed:
                return self.tr("按起止年月计算；如参保凭证上的实际缴费月数不同，请填写。")
            if column is Column.SCHEME and self._history[row].scheme:
                return label(self._history[row].scheme, language())
            # Long names are cut short in the cell: the tooltip shows them whole.
            return self.display_text(row, column) if column in (Column.AREA, Column.EMPLOYER) else None
        text = self.display_text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if computed:
                return self.tr("{months}（按起止年月计算）").format(months=text)
            return text or self.tr("空")
        return messages or None  # AccessibleDescriptionRole

    def _scan_tip(self, row: int, column: Column) -> str | None:
        """A cell whose value a scan filled, still as read, shows the crop of the image it was
        read from (as the identity fields do: app.ui.scan_marks); None otherwise."""
        from app.ui.scan_state import ScanState

        state = ScanState.of(self.session)
        for name in FIELDS[column]:
            path = f"history.{row}.{name}"
            if state.is_scanned(path):
                from app.ui.scan_marks import scan_tooltip

                return scan_tooltip(state.values[path])
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._history):
            return False
        row, column = index.row(), Column(index.column())
        if column is Column.AREA:
            code, name = value if isinstance(value, tuple) else (self._history[row].area_code, value)
            self.session.set(f"history.{row}.area_code", code)
            self.session.set(f"history.{row}.area_name", name)
            return True
        if column in CHOICES and value is not None and not isinstance(value, StrEnum):
            try:
                value = type(CHOICES[column][0])(value)
            except ValueError:
                return False
        if isinstance(value, str):
            value = value.strip() or None
        self.session.set(self.path(row, column), value)
        return True

    # -- reacting to the session -----------------------------------------------------------
    def _on_changed(self, path: str) -> None:
        if self._structural:
            return
        if path == "" or path == "history" or self._history is not self.session.draft.history:
            self.beginResetModel()
            self._history = self.session.draft.history
            self._full, self._live = {}, {}
            self._revealed, self._all_revealed = {}, False
            self.endResetModel()
            return
        found = split_path(path)
        if found is None or found[1] is None or not 0 <= found[0] < len(self._history):
            return
        row, name = found
        self._live[path] = self.session.field_findings(path)
        column = COLUMN_OF_FIELD.get(name)
        if column is None:
            return
        if column in (Column.START, Column.END):
            # The months column shows the span of start and end: repaint start..months.
            self.dataChanged.emit(self.index(row, Column.START), self.index(row, Column.MONTHS))
        else:
            cell = self.index(row, column)
            self.dataChanged.emit(cell, cell)

    def set_findings(self, findings: list[Finding] | tuple[Finding, ...]) -> None:
        """The findings of a full check (plus partner marks); repaints only the rows whose
        marks changed (a row's findings differ, or it showed a cell's own check till now)."""
        full: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.path.startswith("history."):
                full.setdefault(finding.path, []).append(finding)
        old, new = _by_row(self._full), _by_row(full)
        live_rows = set(_by_row(self._live))
        changed = live_rows | {row for row in old.keys() | new.keys() if old.get(row) != new.get(row)}
        self._full, self._live = full, {}
        for start, count in row_runs(sorted(row for row in changed if 0 <= row < len(self._history))):
            self.dataChanged.emit(self.index(start, 0), self.index(start + count - 1, len(Column) - 1), _MARK_ROLES)

    # -- rows ------------------------------------------------------------------------------
    def insertRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.insert_periods(row, [PeriodDraft() for _ in range(count)])

    def can_insert(self, count: int = 1) -> bool:
        """Whether `count` more periods fit under the domain's limit (MAX_PERIODS)."""
        return len(self._history) + count <= MAX_PERIODS

    def insert_periods(self, row: int, periods: list[PeriodDraft]) -> bool:
        if not periods or not 0 <= row <= len(self._history) or not self.can_insert(len(periods)):
            return False
        self.beginInsertRows(QModelIndex(), row, row + len(periods) - 1)
        self._history[row:row] = periods
        self._shift_marks(row, len(periods))
        self.endInsertRows()
        self._touch()
        return True

    def removeRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.take_periods(row, count) is not None

    def take_periods(self, row: int, count: int) -> list[PeriodDraft] | None:
        """Remove `count` periods from `row` and return them (for undo); None if out of range."""
        if count <= 0 or row < 0 or row + count > len(self._history):
            return None
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        taken = self._history[row:row + count]
        del self._history[row:row + count]
        self._shift_marks(row, -count)
        self.endRemoveRows()
        self._touch()
        return taken

    def moveRows(self, source_parent: QModelIndex | QPersistentModelIndex, source_row: int, count: int,
                 destination_parent: QModelIndex | QPersistentModelIndex, destination_child: int) -> bool:
        """Qt's convention: destination_child is a row of the list *before* the move."""
        n = len(self._history)
        if source_parent.isValid() or destination_parent.isValid() or count <= 0:
            return False
        if source_row < 0 or source_row + count > n or not 0 <= destination_child <= n:
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: Qt's beginMoveRows would refuse it too
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child):
            return False
        block = self._history[source_row:source_row + count]
        del self._history[source_row:source_row + count]
        at = destination_child if destination_child < source_row else destination_child - count
        self._history[at:at] = block
        # Marks are keyed by row paths; they are redone by the next check, shown stale till then.
        self._full, self._live = {}, {}
        self.endMoveRows()
        self._touch()
        return True

    def move_period(self, row: int, to: int) -> bool:
        """Move one period so that it ends up at row `to` (after the move)."""
        if row == to or not 0 <= row < len(self._history) or not 0 <= to < len(self._history):
            return False
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), to + 1 if to > row else to)

    def _shift_marks(self, row: int, delta: int) -> None:
        """Keep marks on the rows they belong to until the next check re-marks everything."""
        def shifted(marks: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
            result = {}
            for path, found in marks.items():
                where = split_path(path)
                if where is None:
                    continue
                r, name = where
                if delta < 0 and row <= r < row - delta:
                    continue
                new_row = r + delta if r >= row else r
                result[f"history.{new_row}" + (f".{name}" if name else "")] = found
            return result
        self._full, self._live = shifted(self._full), shifted(self._live)

    def _touch(self) -> None:
        self._structural = True
        try:
            self.session.touch("history")
        finally:
            self._structural = False


def _by_row(marks: dict[str, list[Finding]]) -> dict[int, dict[str, list[Finding]]]:
    rows: dict[int, dict[str, list[Finding]]] = {}
    for path, found in marks.items():
        where = split_path(path)
        if where is not None:
            rows.setdefault(where[0], {})[path] = found
    return rows


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows -> (start, count) runs of consecutive rows."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][0] + runs[-1][1]:
            runs[-1][1] += 1
        else:
            runs.append([row, 1])
    return [(start, count) for start, count in runs]


class HistoryDelegate(QStyledItemDelegate):
    """Editors of the history table. Text cells commit on every keystroke, like the form
    pages, so the inline message and the autosave follow the typing; Escape puts the value
    back to what it was when the editor opened."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        column = Column(index.column())
        if column is Column.AREA:
            editor = AreaPicker(parent, full_names=True, include_historical=True)
            editor.setFrame(False)
            editor.picked.connect(lambda _c, _n, e=editor: self.commitData.emit(e))
            editor.original_value = (index.data(CODE_ROLE), index.data(NAME_ROLE))
        elif column in CHOICES:
            editor = QComboBox(parent)
            editor.addItem("—", None)
            for n, choice in enumerate(CHOICES[column], start=1):
                # The number lets the keyboard pick: typing "2" selects the second choice.
                editor.addItem(f"{n} {label(choice, language())}", choice)
            # activated, not currentIndexChanged: only the user's choice (keys, list) commits,
            # not setEditorData filling the editor before the view has registered it.
            editor.activated.connect(lambda _i, e=editor: self.commitData.emit(e))
            editor.original_value = index.data(Qt.ItemDataRole.EditRole)
        else:
            editor = QLineEdit(parent)
            editor.setFrame(False)
            if column is Column.MONTHS:
                computed = index.data(COMPUTED_ROLE)
                if computed is not None:
                    editor.setPlaceholderText(self.tr("按起止年月计算为 {n}").format(n=computed))
            editor.textEdited.connect(lambda _t, e=editor: self.commitData.emit(e))
            editor.original_value = index.data(Qt.ItemDataRole.EditRole) or ""
        header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        editor.setAccessibleName(self.tr("第 {n} 段的{field}").format(n=index.row() + 1, field=header))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Called again after each live commit (dataChanged of the edited cell): leave the
        # editor alone when it already holds the value, or the cursor would jump to the end.
        if isinstance(editor, AreaPicker):
            code, name = index.data(CODE_ROLE), index.data(NAME_ROLE)
            if editor.value() != (code, name):
                editor.set_value(code, name)
        elif isinstance(editor, QComboBox):
            position = max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole)))
            if editor.currentIndex() != position:
                editor.setCurrentIndex(position)
        elif isinstance(editor, QLineEdit):
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            if editor.text() != text:
                editor.setText(text)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, AreaPicker):
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        severity = index.data(SEVERITY_ROLE)
        if severity:
            # A corner mark as well as the tint: a shape, and visible on the selected cell too.
            rect, size = option.rect, max(6, option.rect.height() // 3)
            corner = QPolygon([QPoint(rect.right() - size, rect.top()), QPoint(rect.right(), rect.top()),
                               QPoint(rect.right(), rect.top() + size)])
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_FOREGROUND[Severity(severity)])
            painter.drawPolygon(corner)
            painter.restore()

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        editor.setGeometry(option.rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key = event.key()
            if isinstance(editor, AreaPicker) and editor.popup_visible():
                if key == Qt.Key.Key_Escape:
                    return False  # the picker closes its list; the editor stays open
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                    editor.pick_current()  # then commit and close as for any editor
            elif key == Qt.Key.Key_Escape:
                self._revert(editor)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Commit and close (queued by the base class), and keep the key: an editor
                # ignores Enter, and in a QWizard it would then press Next.
                super().eventFilter(editor, event)
                return True
        return super().eventFilter(editor, event)

    def _revert(self, editor: QWidget) -> None:
        original = getattr(editor, "original_value", None)
        if isinstance(editor, AreaPicker):
            code, name = original if isinstance(original, tuple) else (None, None)
            editor.set_value(code, name)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(original)))
        elif isinstance(editor, QLineEdit):
            editor.setText(original or "")
        self.commitData.emit(editor)
