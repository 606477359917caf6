"""Insurance history page: the periods in a table, their timeline, totals and findings.

Owns: the toolbar and keyboard commands on the table (add, copy, remove with
confirmation, move, undo of these), the line under the table with the current cell's
message, the summary of months per scheme, the timeline, and the list of findings about
the history (activating one selects its cell). Editing itself is the table model's job
(app/ui/history_model.py); what a timeline shows is app/domain/timeline.py's.

Per keystroke this page does O(1) work (the current cell's message); the totals, the
timeline and the marks follow the session's debounced full check.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
                               QLabel, QListWidget, QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget)

from app.domain import timeline as layout_
from app.domain.application import CheckResult
from app.domain.enums import PeriodStatus, Scheme, label
from app.domain.findings import Severity
from app.domain.history import PeriodDraft, cumulative_months
from app.ui.binding import language, most_severe
from app.ui.history_model import (COLUMN_OF_FIELD, Column, HistoryDelegate, HistoryTableModel, row_runs,
                                  split_path)
from app.ui.pages.base import FormPage, PageId, dialogs as _dialogs
from app.ui.widgets.timeline import Timeline


_COLOURS = {Severity.ERROR: "#b3261e", Severity.WARNING: "#8a5a00", Severity.INFO: "#1f5f8b"}
# Typical content of each column, for its width (the header text is the other bound).
_SAMPLES = {
    Column.AREA: "广东省深圳市宝安区（440306）", Column.EMPLOYER: "示例科技有限公司",
    Column.USCC: "91440300MA5F00000X", Column.START: "2012-07", Column.END: "2012-07", Column.MONTHS: "120",
    Column.BALANCE: "12345.67", Column.ARREARS: "12", Column.OVERDRAFT: "1234.56",
}


class _Insert(QUndoCommand):
    def __init__(self, page: HistoryPage, row: int, periods: list[PeriodDraft]) -> None:
        super().__init__()
        self.page, self.row, self.periods = page, row, periods

    def redo(self) -> None:
        self.page.model.insert_periods(self.row, self.periods)
        self.page.select_cell(self.row, Column.AREA)

    def undo(self) -> None:
        self.periods = self.page.model.take_periods(self.row, len(self.periods)) or self.periods
        self.page.select_cell(min(self.row, self.page.model.rowCount() - 1), Column.AREA)


class _Remove(QUndoCommand):
    def __init__(self, page: HistoryPage, row: int, count: int) -> None:
        super().__init__()
        self.page, self.row, self.count = page, row, count
        self.periods: list[PeriodDraft] = []

    def redo(self) -> None:
        self.periods = self.page.model.take_periods(self.row, self.count) or []
        self.page.select_cell(min(self.row, self.page.model.rowCount() - 1), self.page.current_column())

    def undo(self) -> None:
        self.page.model.insert_periods(self.row, self.periods)
        self.page.select_cell(self.row, self.page.current_column())


class _Move(QUndoCommand):
    def __init__(self, page: HistoryPage, row: int, to: int) -> None:
        super().__init__()
        self.page, self.row, self.to = page, row, to

    def redo(self) -> None:
        self.page.model.move_period(self.row, self.to)
        self.page.select_cell(self.to, self.page.current_column())

    def undo(self) -> None:
        self.page.model.move_period(self.to, self.row)
        self.page.select_cell(self.row, self.page.current_column())


class HistoryTable(QTableView):
    """The table, with a way out for the keyboard: Tab on the last cell (Shift+Tab on the
    first), and Ctrl+Tab (Ctrl+Shift+Tab) anywhere, move the focus to the next (previous)
    widget instead of wrapping around inside the table, also from an open cell editor."""

    def _at_end(self, forward: bool) -> bool:
        index, model = self.currentIndex(), self.model()
        if not index.isValid():
            return True
        if forward:
            return index.row() == model.rowCount() - 1 and index.column() == model.columnCount() - 1
        return index.row() == 0 and index.column() == 0

    def leave(self, forward: bool) -> bool:
        """Move the focus to the next (previous) focusable widget outside the table, by Qt's
        own Tab rule: QWidget's focusNextPrevChild (the table's own moves between cells),
        from the table itself (an open editor is inside it).

        Not a walk of the focus chain in Python: PySide6 makes the wrapper that
        nextInFocusChain() or a child's focusProxy() returns a child of the caller's wrapper,
        so a walk past an ancestor builds a cycle of wrappers, and collecting such a cycle
        crashes shiboken 6.12 (tests/ui/test_wrapper_cycles.py)."""
        if QApplication.focusWidget() is not self:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        return QWidget.focusNextPrevChild(self, forward)

    def tab_leaves(self, event: QKeyEvent) -> bool | None:
        """For a Tab key event: True/False to leave forward/backward, None to stay."""
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return None
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return None
        forward = key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        return forward if ctrl or self._at_end(forward) else None

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            forward = hint == hints.EditNextItem
            if self._at_end(forward):
                super().closeEditor(editor, hints.NoHint)
                self.leave(forward)
                return
        super().closeEditor(editor, hint)


class HistoryPage(FormPage):
    page_id = PageId.HISTORY
    prefixes = ("history",)

    # -- building --------------------------------------------------------------------------
    def build(self) -> None:
        self.model = HistoryTableModel(self.session, self)
        self.undo_stack = QUndoStack(self)
        self._timeline_stale = True
        self._layout = layout_.layout([])
        self._entries: list[tuple[str, str, Severity, str]] = []  # what the findings list shows

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        bar = QHBoxLayout()
        self.table_label = QLabel()
        bar.addWidget(self.table_label)
        bar.addStretch(1)
        self.add_button = QPushButton()
        self.copy_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.undo_button = QPushButton()
        self.buttons = (self.add_button, self.copy_button, self.remove_button, self.up_button, self.down_button,
                        self.undo_button)
        for button in self.buttons:
            button.setAutoDefault(False)
            bar.addWidget(button)
        layout.addLayout(bar)

        self.table = HistoryTable()
        self.table.setModel(self.model)
        self.delegate = HistoryDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setHighlightSections(True)
        self._set_column_widths()
        self.table_label.setBuddy(self.table)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        layout.addWidget(self.table, 1)

        self.cell_message = QLabel()
        self.cell_message.setWordWrap(True)
        self.cell_message.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_message.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.cell_message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._message_severity: Severity | None = None
        layout.addWidget(self.cell_message)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.timeline = Timeline()
        layout.addWidget(self.timeline)

        self.findings_label = QLabel()
        self.findings_list = QListWidget()
        self.findings_list.setWordWrap(True)
        self.findings_list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.findings_label.setBuddy(self.findings_list)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings_list)

        for first, second in zip((*self.buttons, self.table, self.findings_list),
                                 (*self.buttons[1:], self.table, self.findings_list, self.timeline)):
            QWidget.setTabOrder(first, second)

        self.add_button.clicked.connect(self.add_period)
        self.copy_button.clicked.connect(self.copy_period)
        self.remove_button.clicked.connect(self.remove_periods)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.undo_button.clicked.connect(self._undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.findings_list.itemActivated.connect(self._go_to_finding)
        self.findings_list.itemClicked.connect(self._go_to_finding)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved):
            signal.connect(self._rows_changed)
        self.model.modelReset.connect(self._model_reset)
        self.session.changed.connect(self._on_changed)
        self.session.checked.connect(self._on_checked)
        self._on_checked(self.session.result)
        self._update_buttons()

    def _set_column_widths(self) -> None:
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        headers = self.model.header_texts()
        samples = dict(_SAMPLES)
        # Pick-list columns: their longest label in the language shown.
        samples[Column.SCHEME] = max((self.model.scheme_text(s) for s in Scheme), key=fm.horizontalAdvance)
        samples[Column.STATUS] = max((label(s, language()) for s in PeriodStatus), key=fm.horizontalAdvance)
        self._widths = {column: max(fm.horizontalAdvance(sample), header.horizontalAdvance(headers[column])) + 16
                        for column, sample in samples.items()}
        for column, width in self._widths.items():
            self.table.setColumnWidth(column, width)
        self._fit_employer_column()

    def _fit_employer_column(self) -> None:
        """The employer's name is the text most often cut short: it gets the spare width
        (never less than its own), and the table scrolls sideways when the window is narrow."""
        others = sum(width for column, width in self._widths.items() if column is not Column.EMPLOYER)
        spare = self.table.viewport().width() - others
        self.table.setColumnWidth(Column.EMPLOYER, max(self._widths[Column.EMPLOYER], spare))

    def retranslate(self) -> None:
        self.setTitle(self.tr("参保记录"))
        self.setSubTitle(self.tr("按参保凭证逐段填写：每换一个地区、险种或单位就是新的一段。"))
        self.intro.setText(self.tr(
            "在表格中直接输入，Tab 键到下一格，最后一格再按 Tab 离开表格（Ctrl+Tab 随时离开）。"
            "地区可输入名称、拼音首字母或区划代码后回车选定；缴费月数不填则按起止年月计算（灰色斜体）。"
            "Insert 键添加一段，Delete 键删除，Ctrl+↑/↓ 调整顺序。"))
        self.table_label.setText(self.tr("参保记录(&H)："))
        self.table.setAccessibleName(self.tr("参保记录表"))
        self.table.setAccessibleDescription(self.tr("每行一段参保记录；Insert 添加，Delete 删除，Ctrl+上下方向键移动"))
        texts = {
            self.add_button: (self.tr("添加(&A)"), self.tr("在当前行后添加一段：接着上一段的终止年月，地区和险种相同（Insert 或 Ctrl+N）")),
            self.copy_button: (self.tr("复制上一段(&P)"), self.tr("复制当前行（含单位和状态）到下一行，开始年月接着它的终止年月")),
            self.remove_button: (self.tr("删除(&D)"), self.tr("删除选中的记录（Delete），可撤销")),
            self.up_button: (self.tr("上移(&U)"), self.tr("把当前记录上移一行（Ctrl+↑）")),
            self.down_button: (self.tr("下移(&W)"), self.tr("把当前记录下移一行（Ctrl+↓）")),
            self.undo_button: (self.tr("撤销(&Z)"), self.tr("撤销上一次添加、删除或移动（Ctrl+Z）")),
        }
        for button, (text, tip) in texts.items():
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
        self.findings_label.setText(self.tr("检查结果(&R)："))
        self.findings_list.setAccessibleName(self.tr("参保记录的检查结果"))
        self.findings_list.setAccessibleDescription(self.tr("回车或单击一条结果，跳到对应的单元格"))
        self.model.retranslate()
        self._set_column_widths()
        self.timeline.retranslate()
        self._show_summary()
        self._fill_findings(self.session.result)
        self._show_cell_message()

    # -- the wizard ------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_cell(0, Column.AREA)
        self.table.setFocus()

    def validatePage(self) -> bool:
        self._commit_open_editor()
        self.model.reveal_all()
        self._fill_findings(self.session.result)
        self._show_cell_message()
        return super().validatePage()

    def field_name(self, path: str) -> str:
        where = split_path(path)
        if where is None:
            return self.tr("参保记录") if path == "history" else ""
        row, name = where
        column = COLUMN_OF_FIELD.get(name) if name else None
        if column is None:
            return self.tr("第 {n} 段").format(n=row + 1)
        return self.tr("第 {n} 段的{column}").format(n=row + 1, column=self.model.header_texts()[column])

    def focus_field(self, path: str) -> bool:
        if not self.owns(path):
            return False
        index = self.model.index_for_path(path)
        if index.isValid():
            self.select_cell(index.row(), index.column())
        self.table.setFocus()
        return True

    # -- selection -------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_column(self) -> int:
        index = self.table.currentIndex()
        return index.column() if index.isValid() else int(Column.AREA)

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if not rows and self.current_row() >= 0:
            rows = {self.current_row()}
        return sorted(rows)

    def select_cell(self, row: int, column: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.table.selectionModel().clear()
            self._update_buttons()
            return
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        self._update_buttons()

    # -- commands --------------------------------------------------------------------------
    def add_period(self) -> None:
        """Add a period after the current row (or at the end), continuing the one before it."""
        self._commit_open_editor()
        if not self.model.can_insert():
            return
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        previous = self.model.period(row - 1) if row > 0 else None
        self.undo_stack.push(_Insert(self, row, [layout_.period_after(previous)]))
        self.table.setFocus()

    def copy_period(self) -> None:
        """Copy the current period (employer and status too) into a new row after it."""
        self._commit_open_editor()
        row = self.current_row()
        if row < 0 or not self.model.can_insert():
            return
        self.undo_stack.push(_Insert(self, row + 1, [layout_.period_after(self.model.period(row), keep_employer=True)]))
        self.table.setFocus()

    def remove_periods(self) -> None:
        """Remove the selected periods; asks first unless they are all empty."""
        self._commit_open_editor()
        rows = self.selected_rows()
        if not rows:
            return
        if any(self.model.period(r) != PeriodDraft() for r in rows):
            numbers = self.tr("、").join(str(r + 1) for r in rows[:10]) + ("…" if len(rows) > 10 else "")
            question = self.tr("删除第 {rows} 段参保记录（共 {count} 段）？删除后可以按“撤销”恢复。").format(
                rows=numbers, count=len(rows))
            if not _dialogs().ask_yes_no(self, self.tr("删除参保记录"), question):
                self.table.setFocus()
                return
        self.undo_stack.beginMacro(self.tr("删除"))
        for start, count in reversed(row_runs(rows)):
            self.undo_stack.push(_Remove(self, start, count))
        self.undo_stack.endMacro()
        self.select_cell(min(rows[0], self.model.rowCount() - 1), self.current_column())
        self.table.setFocus()

    def move_current(self, step: int) -> None:
        """Move the current period one row up (step -1) or down (+1)."""
        self._commit_open_editor()
        row = self.current_row()
        to = row + step
        if row < 0 or not 0 <= to < self.model.rowCount():
            return
        self.undo_stack.push(_Move(self, row, to))
        self.table.setFocus()

    def _undo(self) -> None:
        self._commit_open_editor()
        self.undo_stack.undo()
        self.table.setFocus()

    def _commit_open_editor(self) -> None:
        """Commit and close a cell editor that is open (an area typed but not picked yet)."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        while editor is not None and editor.parentWidget() is not self.table.viewport():
            editor = editor.parentWidget()
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _update_buttons(self) -> None:
        row, rows = self.current_row(), self.model.rowCount()
        self.add_button.setEnabled(self.model.can_insert())  # the history's limit (MAX_PERIODS)
        self.copy_button.setEnabled(row >= 0 and self.model.can_insert())
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < rows - 1)
        self.undo_button.setEnabled(self.undo_stack.canUndo())

    # -- keyboard --------------------------------------------------------------------------
    def _command_for(self, event: QKeyEvent):
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl, plain = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
        if (key == Qt.Key.Key_Insert and mods == plain) or (key == Qt.Key.Key_N and mods == ctrl):
            return self.add_period
        if key == Qt.Key.Key_Delete and mods == Qt.KeyboardModifier.NoModifier:
            return self.remove_periods
        if key == Qt.Key.Key_Up and mods == ctrl:
            return lambda: self.move_current(-1)
        if key == Qt.Key.Key_Down and mods == ctrl:
            return lambda: self.move_current(1)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            # Enter edits the current cell, as F2 does; otherwise the wizard would take it
            # as "Next" and a double Enter after typing would leave the page.
            return lambda: self.table.edit(self.table.currentIndex())
        if event.matches(QKeySequence.StandardKey.Undo):
            return self._undo
        if event.matches(QKeySequence.StandardKey.Redo):
            return self.undo_stack.redo
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only when the table itself has the focus (no cell editor open). Accepting the
        # ShortcutOverride keeps window shortcuts (File > New is Ctrl+N too) from taking the key.
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_employer_column()
        if watched is self.table and event.type() == QEvent.Type.FocusOut:
            focus = QApplication.focusWidget()
            if focus is None or not self.table.isAncestorOf(focus):
                self.model.reveal_row(self.current_row())  # the person left the table, and its row
                self._fill_findings(self.session.result)
        if watched is self.table and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            forward = self.table.tab_leaves(event)
            if forward is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.table.leave(forward)
                return True
            command = self._command_for(event)
            if command is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    command()
                return True
        return super().eventFilter(watched, event)

    # -- reacting to the session -----------------------------------------------------------
    def _on_changed(self, path: str) -> None:
        if path == "" or path == "history" or path.startswith("history."):
            self._timeline_stale = True
        index = self.table.currentIndex()
        if index.isValid() and path.startswith(f"history.{index.row()}."):
            self._show_cell_message()

    def _model_reset(self) -> None:
        self.undo_stack.clear()
        self._timeline_stale = True
        self._update_buttons()
        self._show_cell_message()

    def _on_checked(self, result: CheckResult) -> None:
        if self._timeline_stale:
            self._timeline_stale = False
            self._layout = self.session.history_layout()
            self.timeline.set_timeline(self._layout)
            self._show_summary()
        self.model.set_findings(list(result.findings) + layout_.partner_findings(self._layout))
        self._fill_findings(result)
        self._show_cell_message()

    def _current_changed(self, current, previous) -> None:
        if previous.isValid() and previous.row() != current.row():
            self.model.reveal_row(previous.row())  # the person left that row
            self._fill_findings(self.session.result)
        self._update_buttons()
        self._show_cell_message()

    def _rows_changed(self, *_args) -> None:
        self._update_buttons()

    # -- what the page shows ---------------------------------------------------------------
    def _show_cell_message(self) -> None:
        index = self.table.currentIndex()
        if self.model.rowCount() == 0:
            self._set_message(self.tr("还没有参保记录。按“添加”或 Insert 键添加第一段。"), Severity.INFO)
            return
        finding = most_severe(self.model.findings(index.row(), index.column())) if index.isValid() else None
        if finding is None:
            self._set_message("", None)
        else:
            self._set_message(finding.message(language()), finding.severity)

    def _set_message(self, text: str, severity: Severity | None) -> None:
        # The line keeps its place when empty and its style is set only when the severity
        # changes: hiding it or restyling it relays out the page, ~5 ms a keystroke.
        if severity is not None and severity is not self._message_severity:
            self._message_severity = severity
            self.cell_message.setStyleSheet(f"color: {_COLOURS[severity]};")
        if self.cell_message.text() != text:
            self.cell_message.setText(text)

    def _show_summary(self) -> None:
        totals = cumulative_months(self.session.draft.history)
        parts = [self.tr("共 {n} 段").format(n=self.model.rowCount())]
        names = {Scheme.EMPLOYEE: self.tr("职工医保"), Scheme.RESIDENT: self.tr("城乡居民医保")}
        for family in layout_.FAMILIES:
            if family in totals:
                parts.append(self.tr("{scheme}累计 {months} 个月（约 {years} 年）").format(
                    scheme=names[family], months=totals[family], years=f"{totals[family] / 12:.1f}"))
        if len(parts) == 1:
            parts.append(self.tr("还没有能计算月数的记录"))
        self.summary.setText(self.tr("；").join(parts))

    def _fill_findings(self, result: CheckResult) -> None:
        words = {Severity.ERROR: self.tr("错误"), Severity.WARNING: self.tr("注意"), Severity.INFO: self.tr("提示")}
        jump = self.tr("回车或单击跳到这一格")
        lang = language()
        entries = []
        seen = set()
        for finding in result.findings:
            if not self.owns(finding.path) or finding.code == "history_total":
                continue  # the totals have their own line above
            if not self.model.shows(finding):
                continue  # an empty cell of a row the person has not left yet
            where = split_path(finding.path)
            cell = (where[0], COLUMN_OF_FIELD.get(where[1])) if where is not None and where[1] else finding.path
            if (cell, finding.code) in seen:
                continue  # one message per cell (the area column holds code and name)
            seen.add((cell, finding.code))
            text = self.tr("{severity}：{message}").format(severity=words[finding.severity],
                                                           message=finding.message(lang))
            entries.append((finding.path, text, finding.severity, jump if finding.path != "history" else ""))
        self._show_findings(entries)

    def _show_findings(self, entries: list[tuple[str, str, Severity, str]]) -> None:
        """Only the entries that differ are set: a full check of a long history brings some
        two hundred, nearly all as before (rebuilding them all took ~10 ms)."""
        shown = self.findings_list
        for row, entry in enumerate(entries):
            if row < len(self._entries) and self._entries[row] == entry:
                continue
            path, text, severity, tip = entry
            item = shown.item(row)
            if item is None:
                item = QListWidgetItem()
                shown.addItem(item)
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setForeground(_colour(severity))
            item.setToolTip(tip)
        while shown.count() > len(entries):
            shown.takeItem(shown.count() - 1)  # the list owns no item once taken: Python frees it
        self._entries = entries
        self.findings_label.setVisible(bool(entries))
        self.findings_list.setVisible(bool(entries))

    def findings_shown(self) -> list[tuple[str, str]]:
        """(path, text) of each entry of the findings list, in order."""
        return [(self.findings_list.item(i).data(Qt.ItemDataRole.UserRole), self.findings_list.item(i).text())
                for i in range(self.findings_list.count())]

    def _go_to_finding(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.focus_field(path)


def _colour(severity: Severity) -> QColor:
    return QColor(_COLOURS[severity])
