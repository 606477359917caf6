"""Review page: every answer and every finding before the documents are made.

Owns: the two read-only lists (findings grouped by severity with the rule's source; answers
grouped by section, values decoded from the ID number marked), jumping to a field from
either list, and blocking Next while the errors leave no document to print (an error holds
back only the documents it concerns; app.domain.packet decides). Warnings never block.

Two QTreeWidgets rather than a text browser: each row is one accessible item that a screen
reader announces whole, arrow keys move row by row, and Enter (itemActivated) jumps. The
texts come from app.domain.review (Qt-free); font coverage from app.render.checks, imported
only when this page is first shown, and only when there is no other error.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.domain import review
from app.domain.application import IncompleteApplication, complete
from app.domain.findings import Finding, Severity
from app.ui.binding import language
from app.ui.pages.base import FormPage, PageId
from app.ui.widgets import tree_wrap

PATH_ROLE = Qt.ItemDataRole.UserRole
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
COLOURS = {Severity.ERROR: "#b3261e", Severity.WARNING: "#8a5a00", Severity.INFO: "#1f5f8b"}
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
EDIT_COLUMN = 2


class JumpTree(QTreeWidget):
    """A tree whose Enter activates the current row and stops there: QTreeView lets the key
    go on to the wizard, whose default button (Next on the page jumped to) would fire too."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def font_findings_for(session) -> list[Finding]:
    """Characters no print font covers, once the draft is otherwise complete ([] before).
    Imports the renderer (reportlab) on first use, never at start-up."""
    try:
        application = complete(session.draft, session.today)
    except IncompleteApplication:
        return []
    try:
        from app.render.checks import font_findings
    except ImportError:  # the render package is not installed in this build
        return []
    return list(font_findings(application))


class ReviewPage(FormPage):
    page_id = PageId.REVIEW
    prefixes = ()

    def build(self) -> None:
        self.findings: list[Finding] = []
        self._some_print = False     # errors that hold back only some documents let Next on
        self._initializing = False
        layout = QVBoxLayout(self)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        layout.addWidget(self.verdict)
        from app.ui.scan_review import ScanConfirmPanel  # values read by a scan wait for a person

        self.scan_panel = ScanConfirmPanel(self.session, self)
        self.scan_panel.changed.connect(self.completeChanged.emit)
        self.scan_panel.changed.connect(self._scan_changed)
        layout.addWidget(self.scan_panel)

        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top, self.findings_label, self.findings_tree = self._tree_box(1)
        self.findings_tree.setObjectName("findings")
        bottom, self.answers_label, self.answers_tree = self._tree_box(3)
        self.answers_tree.setObjectName("answers")
        header = self.answers_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EDIT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        for tree in (self.findings_tree, self.answers_tree):
            tree.itemActivated.connect(lambda item, _column: self.activate(item))
        self.findings_tree.itemClicked.connect(lambda item, _column: self.activate(item))
        self.answers_tree.itemClicked.connect(self._answer_clicked)
        self.session.checked.connect(self._on_checked)
        self.setTabOrder(self.findings_tree, self.answers_tree)

    def _tree_box(self, columns: int) -> tuple[QWidget, QLabel, QTreeWidget]:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel()
        tree = JumpTree()
        tree.setColumnCount(columns)
        tree.setHeaderHidden(columns == 1)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setAlternatingRowColors(True)
        tree.setRootIsDecorated(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        label.setBuddy(tree)
        # QTreeView does not measure wrapped text: rows get the height of their wrapped text
        # (a long message or its "依据" line is never cut with "…").
        tree_wrap.keep_wrapped(tree, 0 if columns == 1 else 1)
        box_layout.addWidget(label)
        box_layout.addWidget(tree, 1)
        return box, label, tree

    def retranslate(self) -> None:
        self.setTitle(self.tr("检查与核对"))
        self.setSubTitle(self.tr("请核对全部填写内容。错误必须改正后才能生成材料；提醒和说明不影响生成，但请看一下。"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("生成材料(&G) >"))
        self.findings_label.setText(self.tr("检查结果(&C)："))
        self.answers_label.setText(self.tr("填写内容(&A)："))
        self.answers_tree.setHeaderLabels([self.tr("项目"), self.tr("内容"), self.tr("操作")])
        self.findings_tree.setAccessibleName(self.tr("检查结果"))
        self.answers_tree.setAccessibleName(self.tr("填写内容"))
        description = self.tr("选中一行后按回车键，回到该项修改。")
        self.findings_tree.setAccessibleDescription(description)
        self.answers_tree.setAccessibleDescription(description)
        self.hint.setText(self.tr("选中一行后按回车键，或单击检查结果、单击“修改”，即可回到该项修改。"
                                  "Alt+C 到检查结果，Alt+A 到填写内容。"))
        if self._is_current() or self.findings_tree.topLevelItemCount():
            self.refresh()  # also when hidden: the page must not show the old language when gone back to

    # -- data ------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._initializing = True
        try:
            self.session.run_check()
        finally:
            self._initializing = False
        self.refresh()
        first = self.findings_tree.topLevelItem(0)
        if first is not None:
            self.findings_tree.setCurrentItem(first.child(0) or first)
        QTimer.singleShot(0, self, self._share_height)  # once the page is shown and has its height

    def _share_height(self) -> None:
        """Findings get the height of their rows (at most half), the answers the rest."""
        tree = self.findings_tree
        rows = sum(tree.sizeHintForIndex(tree.indexFromItem(item)).height() for item in _items(tree))
        total = sum(self.splitter.sizes()) or self.splitter.height()
        wanted = rows + 2 * tree.frameWidth() + self.findings_label.sizeHint().height() + 16
        findings = max(110, min(wanted, total // 2))
        self.splitter.setSizes([findings, max(1, total - findings)])

    def _is_current(self) -> bool:
        wizard = self.wizard()
        return wizard is not None and wizard.currentPage() is self

    def _on_checked(self, _result) -> None:
        if self._is_current() and not self._initializing:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild both lists from the session's last check and draft."""
        findings = list(self.session.result.findings)
        if not any(f.severity is Severity.ERROR for f in findings):
            findings += [f for f in font_findings_for(self.session) if f not in findings]
        self.findings = findings
        self._some_print = self._documents_print()
        self._fill_findings()
        self._fill_answers()
        self._show_verdict()
        self.completeChanged.emit()

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def _documents_print(self) -> bool:
        """True when some documents print despite the errors (an error holds back only the
        documents it concerns: app.domain.packet decides)."""
        if not self.errors():
            return True
        from app.domain.packet import assess

        try:
            from app.render.checks import font_findings
        except ImportError:  # the render package is not installed in this build
            font_findings = None
        return bool(assess(self.session.draft, self.session.today, more=font_findings).printable)

    def isComplete(self) -> bool:
        return (not self.errors() or self._some_print) and not self.scan_panel.pending()

    def _scan_changed(self) -> None:
        """A confirmation changes what the verdict says (once the page has been shown)."""
        if self._is_current() or self.findings_tree.topLevelItemCount():
            self._show_verdict()

    def _show_verdict(self) -> None:
        errors = len(self.errors())
        warnings = len([f for f in self.findings if f.severity is Severity.WARNING])
        pending = self.scan_panel.pending()  # scanned values wait for a person before anything prints
        if errors and self._some_print and pending:
            text = self.tr("有 {n} 个错误：与错误有关的材料暂不打印；其余的材料要先确认扫描读取的 {m} 项内容才能生成。"
                           ).format(n=errors, m=pending)
            colour = COLOURS[Severity.ERROR]
        elif errors and self._some_print:
            text = self.tr("有 {n} 个错误：与错误有关的材料暂不打印，其余的可以生成。").format(n=errors)
            colour = COLOURS[Severity.ERROR]
        elif errors:
            text = self.tr("还有 {n} 个错误需要改正，改正后才能生成材料。").format(n=errors)
            colour = COLOURS[Severity.ERROR]
        elif pending and warnings:
            text = self.tr("没有错误。要先确认扫描读取的 {m} 项内容才能生成材料。有 {n} 个提醒，请看一下是否需要处理。"
                           ).format(m=pending, n=warnings)
            colour = COLOURS[Severity.WARNING]
        elif pending:
            text = self.tr("没有错误。要先确认扫描读取的 {m} 项内容才能生成材料。").format(m=pending)
            colour = COLOURS[Severity.WARNING]
        elif warnings:
            text = self.tr("没有错误，可以生成材料。有 {n} 个提醒，请看一下是否需要处理。").format(n=warnings)
            colour = COLOURS[Severity.WARNING]
        else:
            text = self.tr("没有错误，可以生成材料。")
            colour = "#1b6e2e"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verdict.setAccessibleName(text)

    # -- the lists -------------------------------------------------------------------------
    def _group_titles(self) -> dict[Severity, str]:
        return {Severity.ERROR: self.tr("错误（{n}）：必须改正"), Severity.WARNING: self.tr("提醒（{n}）：请核对"),
                Severity.INFO: self.tr("说明（{n}）")}

    def _fill_findings(self) -> None:
        tree = self.findings_tree
        current = _current_key(tree)
        tree.clear()
        lang = language()
        titles = self._group_titles()
        if not self.findings:
            item = QTreeWidgetItem(tree, [self.tr("没有发现问题。")])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        for severity in SEVERITIES:
            group = [f for f in self.findings if f.severity is severity]
            if not group:
                continue
            head = QTreeWidgetItem(tree, [titles[severity].format(n=len(group))])
            head.setIcon(0, self.style().standardIcon(_ICONS[severity]))
            head.setForeground(0, QBrush(QColor(COLOURS[severity])))
            _bold(head, 0)
            for finding in group:
                text = finding.message(lang)
                if finding.source:
                    text += "\n" + self.tr("依据：{source}").format(source=finding.source)
                item = QTreeWidgetItem(head, [text])
                item.setData(0, PATH_ROLE, finding.path)
                item.setToolTip(0, text)
            head.setExpanded(True)
        tree_wrap.wrap_rows(tree, 0)
        _restore_current(tree, current)

    def _fill_answers(self) -> None:
        tree = self.answers_tree
        current = _current_key(tree)
        tree.clear()
        lang = language()
        edit = self.tr("修改")
        link = QBrush(self.palette().link())
        for section in review.sections(self.session.draft, self.session.today, lang):
            head = QTreeWidgetItem(tree, [section.title])
            head.setFirstColumnSpanned(True)
            _bold(head, 0)
            if not section.answers:
                QTreeWidgetItem(head, [self.tr("（没有记录）")])
            for answer in section.answers:
                item = QTreeWidgetItem(head, [answer.label, self._value_text(answer), edit])
                item.setData(0, PATH_ROLE, answer.path)
                item.setData(1, PATH_ROLE, answer.path)
                item.setData(EDIT_COLUMN, PATH_ROLE, answer.path)
                item.setForeground(EDIT_COLUMN, link)
                font = item.font(EDIT_COLUMN)
                font.setUnderline(True)
                item.setFont(EDIT_COLUMN, font)
                item.setToolTip(1, self._value_text(answer))
                item.setToolTip(EDIT_COLUMN, self.tr("回到“{label}”修改").format(label=answer.label))
                if not answer.answered:
                    item.setForeground(1, QBrush(QColor("#6b6b6b")))
                elif answer.origin:
                    item.setForeground(1, QBrush(QColor("#1f5f8b")))
            head.setExpanded(True)
        tree_wrap.wrap_rows(tree, 1)
        _restore_current(tree, current)

    def _value_text(self, answer: review.Answer) -> str:
        if not answer.answered:
            return self.tr("（未填写）")
        text = answer.value
        if answer.origin == review.FROM_ID:
            text = self.tr("{value}（由证件号码自动填入）").format(value=text)
        if answer.rare:
            text = self.tr("{value}（含生僻字：{chars}，其他系统可能显示为“□”，请核对）").format(
                value=text, chars=answer.rare)
        return text

    # -- jumping ---------------------------------------------------------------------------
    def _answer_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == EDIT_COLUMN:
            self.activate(item)

    def activate(self, item: QTreeWidgetItem) -> bool:
        """Jump to the field of a finding or an answer; True if the wizard went there."""
        path = item.data(0, PATH_ROLE)
        wizard = self.wizard()
        if not path or wizard is None:
            return False
        return bool(wizard.jump_to(path))


def _bold(item: QTreeWidgetItem, column: int) -> None:
    font = QFont(item.font(column))
    font.setBold(True)
    item.setFont(column, font)


def _key(item: QTreeWidgetItem | None) -> tuple[str, str] | None:
    if item is None:
        return None
    return (item.data(0, PATH_ROLE) or "", item.text(0))


def _current_key(tree: QTreeWidget) -> tuple[str, str] | None:
    return _key(tree.currentItem())


def _restore_current(tree: QTreeWidget, key: tuple[str, str] | None) -> None:
    """Keep the keyboard position across a rebuild (same row path and text, else same path)."""
    if key is None:
        return
    fallback = None
    for item in _items(tree):
        if _key(item) == key:
            tree.setCurrentItem(item)
            return
        if fallback is None and key[0] and item.data(0, PATH_ROLE) == key[0]:
            fallback = item
    if fallback is not None:
        tree.setCurrentItem(fallback)


def _items(tree: QTreeWidget):
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        yield head
        for j in range(head.childCount()):
            yield head.child(j)
