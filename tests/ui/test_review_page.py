"""The review page: every answer and finding listed, each leading back to its field; errors
block Next (with the count said), warnings do not; font problems block like errors."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget, QTreeWidgetItem, QWizard

from app.domain import review
from app.domain.enums import PeriodStatus
from app.domain.findings import Finding, Severity
from app.ui.binding import language
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

PATH_ROLE = Qt.ItemDataRole.UserRole


def open_review(window, ui, example: str, changes: dict | None = None):
    ui.load_example(window, example)
    for path, value in (changes or {}).items():
        window.session.set(path, value)
    ui.go_to(window, PageId.REVIEW)
    return window.wizard.currentPage()


def rows(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = []
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        found.append(head)
        found += [head.child(j) for j in range(head.childCount())]
    return found


def row_of(tree: QTreeWidget, path: str) -> QTreeWidgetItem:
    for item in rows(tree):
        if item.data(0, PATH_ROLE) == path:
            return item
    raise AssertionError(f"no row for {path}")


def next_enabled(window) -> bool:
    return window.wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def has_focus_in(widget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def test_review_lists_every_answer_of_example_04_grouped_by_section(window, ui, today):
    page = open_review(window, ui, "04")
    assert isinstance(page.answers_tree, QTreeWidget)
    tree = page.answers_tree
    heads = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert heads == ["身份信息", "参保记录", "转移信息", "养老保险"]
    expected = review.sections(window.session.draft, today, "zh")
    for section in expected:
        for answer in section.answers:
            item = row_of(tree, answer.path)
            assert item.text(0) == answer.label
            assert answer.value in item.text(1) if answer.answered else item.text(1) == "（未填写）"
            assert item.text(2) == "修改"
    assert "2013年09月—2026年08月" in row_of(tree, "history.0").text(1)
    assert row_of(tree, "transfer.pension.months_paid").text(1) == "156 个月"


def test_values_decoded_from_the_id_number_say_so(window, ui):
    page = open_review(window, ui, "04")
    assert row_of(page.answers_tree, "identity.sex").text(1) == "女（由证件号码自动填入）"
    assert row_of(page.answers_tree, "identity.birth_date").text(1) == "1988年02月29日（由证件号码自动填入）"
    assert "自动填入" not in row_of(page.answers_tree, "identity.name").text(1)


def test_review_lists_every_finding_grouped_by_severity_with_its_source(window, ui):
    page = open_review(window, ui, "04", {"history.0.status": PeriodStatus.PAYING})
    findings = window.session.result.findings
    assert findings
    texts = [item.text(0) for item in rows(page.findings_tree)]
    for finding in findings:
        assert any(text.startswith(finding.message(language())) for text in texts), finding.code
        if finding.source:
            assert any(f"依据：{finding.source}" in text for text in texts)
    heads = [page.findings_tree.topLevelItem(i).text(0) for i in range(page.findings_tree.topLevelItemCount())]
    order = [h[:2] for h in heads]
    assert order == [name for name in ("错误", "提醒", "说明") if name in order]  # errors first
    assert heads[0].startswith("错误（1）")


def test_clicking_modify_on_the_name_goes_to_the_identity_page_and_focuses_the_name(window, ui, qtbot):
    page = open_review(window, ui, "04")
    tree = page.answers_tree
    item = row_of(tree, "identity.name")
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    x = tree.header().sectionPosition(2) + tree.header().sectionSize(2) // 2
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))
    assert window.wizard.currentId() == PageId.IDENTITY
    name = window.wizard.page_of(PageId.IDENTITY).binder.widget_for("identity.name")
    qtbot.waitUntil(lambda: has_focus_in(name))


def test_clicking_a_value_elsewhere_in_the_row_does_not_leave_the_page(window, ui, qtbot):
    page = open_review(window, ui, "04")
    tree = page.answers_tree
    rect = tree.visualItemRect(row_of(tree, "identity.name"))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.wizard.currentId() == PageId.REVIEW


def test_enter_on_a_finding_goes_to_its_field(window, ui, qtbot):
    page = open_review(window, ui, "04", {"history.0.status": PeriodStatus.PAYING})
    tree = page.findings_tree
    error = next(f for f in window.session.result.findings if f.severity is Severity.ERROR)
    tree.setFocus()
    tree.setCurrentItem(row_of(tree, error.path))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.HISTORY


def test_enter_on_an_answer_goes_to_its_page(window, ui, qtbot):
    page = open_review(window, ui, "04")
    tree = page.answers_tree
    tree.setFocus()
    tree.setCurrentItem(row_of(tree, "transfer.enrol_month"))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.TRANSFER
    field = window.wizard.page_of(PageId.TRANSFER).binder.widget_for("transfer.enrol_month")
    qtbot.waitUntil(lambda: has_focus_in(field))


def test_an_error_leaving_nothing_to_print_disables_next_and_fixing_it_enables_next(window, ui, qtbot):
    page = open_review(window, ui, "04", {"identity.phone": "12"})
    assert not page.isComplete()
    assert not next_enabled(window)
    verdict = page.findChild(QLabel, "verdict")
    assert verdict.text() == "还有 1 个错误需要改正，改正后才能生成材料。"
    window.session.set("identity.phone", "13600136004")
    qtbot.waitUntil(lambda: next_enabled(window))
    assert "没有错误" in verdict.text()


def test_an_error_holding_back_some_documents_lets_the_others_be_made(window, ui):
    """Still insured at the origin: the medical application waits, the request that stops the
    coverage (and the guide saying so) must be printable."""
    page = open_review(window, ui, "04", {"history.0.status": PeriodStatus.PAYING})
    assert page.errors() and page.isComplete() and next_enabled(window)
    assert page.findChild(QLabel, "verdict").text() == "有 1 个错误：与错误有关的材料暂不打印，其余的可以生成。"


def test_warnings_are_shown_but_do_not_block(window, ui):
    page = open_review(window, ui, "04", {"transfer.signed_on": "2027-01-04"})
    assert any(f.severity is Severity.WARNING for f in window.session.result.findings)
    assert not any(f.severity is Severity.ERROR for f in window.session.result.findings)
    assert next_enabled(window)
    heads = [page.findings_tree.topLevelItem(i).text(0) for i in range(page.findings_tree.topLevelItemCount())]
    assert any(h.startswith("提醒") for h in heads)
    assert "提醒" in page.findChild(QLabel, "verdict").text()


def test_a_character_no_font_covers_blocks_like_an_error(window, ui, monkeypatch):
    import app.render.checks as checks

    blocked = Finding("font_missing", Severity.ERROR, "identity.name", "姓名：字体不含此字。", "Name: no font has it.")
    monkeypatch.setattr(checks, "font_findings", lambda app: [blocked])
    page = open_review(window, ui, "04")
    assert not next_enabled(window)
    assert page.findChild(QLabel, "verdict").text().startswith("还有 1 个错误")
    assert row_of(page.findings_tree, "identity.name").text(0) == "姓名：字体不含此字。"


def test_next_is_labelled_as_making_the_documents(window, ui):
    open_review(window, ui, "04")
    assert window.wizard.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith("生成材料")


def test_trees_have_accessible_names_and_buddy_labels(window, ui):
    page = open_review(window, ui, "04")
    assert page.findings_tree.accessibleName() == "检查结果"
    assert page.answers_tree.accessibleName() == "填写内容"
    buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    assert {page.findings_tree, page.answers_tree} <= buddies
