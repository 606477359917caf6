"""The wizard as people really use it (headless part; tests/ui/test_real_window.py has the
real window): the wheel, "required" only when due, prefilled transfer facts, the keyboard
in the history table, quitting at a service window, the link to the draft file, names of
saved files, where file dialogs open, and retranslation of what a page has already said."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QStandardPaths, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QRadioButton

from app import paths
from app.domain.enums import FiledAt, PeriodStatus
from app.ui import dialogs as dialogs_module
from app.ui.history_model import Column
from app.ui.pages.base import PageId
from app.service_window.prefs import WindowPrefs

pytestmark = pytest.mark.gui

HAN_FREE = str.isascii


def wheel(widget) -> None:
    center = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(center, QPointF(widget.mapToGlobal(center.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def example_file(tmp_path: Path, number: str, **changes) -> Path:
    """A copy of an example (so that nothing writes into examples/), with `changes` applied
    as {"section.field": value or None}."""
    [source] = sorted(paths.EXAMPLES.glob(f"{number}*.json"))
    data = json.loads(source.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    path = tmp_path / source.name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# -- 1. the wheel ---------------------------------------------------------------------------
def test_the_wheel_changes_no_unfocused_field_and_still_works_on_a_focused_one(window, ui, qtbot):
    ui.load_example(window, "01")
    ui.go_to(window, PageId.TRANSFER)
    page = window.wizard.currentPage()
    combos = [w for w in page.findChildren(QComboBox) if w.isVisible() and not w.hasFocus()]
    assert len(combos) >= 3
    for combo in combos:
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
        before = combo.currentIndex()
        wheel(combo)
        assert combo.currentIndex() == before, combo.accessibleName()
    filed_at = ui.widget(page, "transfer.filed_at")
    window.activateWindow()
    filed_at.setFocus()
    qtbot.waitUntil(filed_at.hasFocus)
    before = filed_at.currentData()
    wheel(filed_at)
    assert filed_at.currentData() != before  # a focused field: the person chose to turn it
    assert window.session.value("transfer.filed_at") in (FiledAt.ORIGIN, FiledAt.DESTINATION)


# -- 4. "required" only when due; one message per cell --------------------------------------
def test_a_new_history_row_says_nothing_until_it_is_left_then_one_message_per_cell(window, ui):
    ui.go_to(window, PageId.HISTORY)
    page = window.wizard.currentPage()
    page.add_button.click()
    model = page.model
    assert all(model.findings(0, column) == [] for column in Column)  # nothing typed, nothing said
    page.add_button.click()  # a second row: the first one was left
    window.session.run_check()
    area = model.findings(0, Column.AREA)
    assert [finding.code for finding in area] == ["required"]  # code and name: one answer, one message
    listed = [path for path, _text in page.findings_shown() if path.startswith("history.0.area")]
    assert len(listed) == 1
    assert all(model.findings(1, column) == [] for column in Column)  # the new row: not yet


def test_after_next_applicant_the_empty_form_shows_no_red(make_window, settings, ui, qtbot):
    settings.window_prefs = WindowPrefs(enabled=True)
    window = make_window()
    window.wizard.ensure_pages()
    ui.load_example(window, "05")
    ui.go_to(window, PageId.IDENTITY)
    window.session.printed = True  # nothing to ask
    assert window.window_mode.next_applicant()
    window.session.run_check()
    page = window.wizard.page_of(PageId.IDENTITY)
    shown = [path for path, bound in page.binder.fields.items() if bound.message and bound.message.isVisible()]
    assert shown == []


# -- 5. prefilled from the history ----------------------------------------------------------
def test_origin_and_stop_month_are_prefilled_from_the_last_suspended_period(window, ui, tmp_path):
    path = example_file(tmp_path, "01", **{"transfer.origin.area_code": None, "transfer.origin.area_name": None,
                                            "transfer.stop_month": None})
    window.open_path(path)
    last = window.session.draft.history[-1]
    assert last.status is PeriodStatus.SUSPENDED
    ui.go_to(window, PageId.TRANSFER)
    page = window.wizard.currentPage()
    assert window.session.value("transfer.origin.area_code") == last.area_code
    assert window.session.value("transfer.stop_month") == last.end
    stop = page.binder.fields["transfer.stop_month"]
    assert stop.message.isVisible() and "参保记录" in stop.message.text()  # marked as prefilled
    assert page.areas["transfer.origin"].message.isVisible()
    stop.widget.setText("2026-05")  # editable; the mark goes
    assert window.session.value("transfer.stop_month") == "2026-05"
    assert "参保记录" not in stop.message.text() or not stop.message.isVisible()


def test_answers_already_given_are_not_replaced(window, ui):
    ui.load_example(window, "01")
    window.session.set("transfer.stop_month", "2026-01")  # not the last period's end (2026-06)
    ui.go_to(window, PageId.TRANSFER)
    assert window.session.value("transfer.stop_month") == "2026-01"
    assert window.wizard.currentPage().binder.prefilled == {}


# -- 7. keyboard ----------------------------------------------------------------------------
def test_tab_on_the_last_cell_and_ctrl_tab_anywhere_leave_the_history_table(window, ui, qtbot):
    ui.load_example(window, "01")
    ui.go_to(window, PageId.HISTORY)
    page = window.wizard.currentPage()
    table, model = page.table, page.model
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert table.hasFocus() and table.currentIndex().column() == 1  # inside: next cell
    table.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    QTest.keyClick(table, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not table and not table.isAncestorOf(focus)
    table.setFocus()
    table.setCurrentIndex(model.index(0, 2))
    QTest.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not table.hasFocus()


def test_quitting_in_window_mode_with_an_applicant_asks_first(make_window, settings, fake_dialogs, tmp_path):
    settings.window_prefs = WindowPrefs(enabled=True)
    window = make_window()
    window.wizard.ensure_pages()
    assert window.open_path(example_file(tmp_path, "05"))
    assert not window.session.dirty  # opened, unchanged: before, Ctrl+Q quit without a word
    fake_dialogs.answers["ask_quit"] = False
    assert window.close() is False
    assert window.isVisible() and "ask_quit" in fake_dialogs.names()
    fake_dialogs.answers["ask_quit"] = True
    assert window.close() is True


def test_quitting_with_nothing_of_an_applicant_does_not_ask(ui, make_window, settings, fake_dialogs):
    settings.window_prefs = WindowPrefs(enabled=True, area_code="370200", area_name="山东省青岛市",
                                        agency_name="青岛市医疗保险事业中心")
    window = make_window()
    window.wizard.ensure_pages()
    ui.go_to(window, PageId.IDENTITY)  # the office fills its own agency in
    assert window.close() is True
    assert "ask_quit" not in fake_dialogs.names()


# -- 8. files and names ---------------------------------------------------------------------
def test_a_restored_crash_keeps_its_draft_file(make_window, ui, qtbot, tmp_path):
    path = example_file(tmp_path, "01")
    crashed = make_window()
    assert crashed.open_path(path)
    crashed.session.set("identity.phone", "13800138009")
    crashed.session.flush_autosave()
    crashed.session.autosave.wait()
    crashed.hide()  # killed

    window = make_window()
    start = window.wizard.page_of(PageId.START)
    assert start.restore.isChecked()
    window.wizard.next()
    assert window.session.path == path.resolve()
    assert window.session.value("identity.phone") == "13800138009"
    assert path.name in window.windowTitle() and "未命名" not in window.windowTitle()
    assert window.save_file()
    assert json.loads(path.read_text(encoding="utf-8"))["identity"]["phone"] == "13800138009"


def test_an_opened_example_is_not_marked_modified(ui, window, fake_dialogs, tmp_path):
    path = example_file(tmp_path, "05", **{"transfer.retired": None})
    fake_dialogs.answers["ask_open_path"] = path
    start = window.wizard.page_of(PageId.START)
    start.open.setChecked(True)
    window.wizard.next()
    assert window.wizard.currentId() == PageId.IDENTITY
    ui.go_to(window, PageId.TRANSFER)
    assert not window.session.dirty
    assert "*" not in window.windowTitle()


def test_birth_date_is_filled_however_the_draft_was_opened(make_window, settings, ui, tmp_path):
    path = example_file(tmp_path, "05", **{"identity.birth_date": None, "identity.sex": None})
    settings.window_prefs = WindowPrefs(enabled=True)
    window = make_window()
    window.wizard.ensure_pages()
    ui.go_to(window, PageId.IDENTITY)
    assert window.open_path(path)  # Ctrl+O while on the identity page
    page = window.wizard.currentPage()
    assert ui.widget(page, "identity.birth_date").text() == "1968-04-15"
    assert not window.session.dirty


def test_a_draft_is_suggested_a_name_with_the_person_and_date(window, ui, fake_dialogs):
    ui.load_example(window, "05")
    window.save_file_as()
    [(name, args)] = [call for call in fake_dialogs.calls if call[0] == "ask_save_path"]
    name = window.session.value("identity.name")
    assert args[-1] == f"医保关系转移申请-{name}-{window.session.today.isoformat()}.json"


def test_file_dialogs_start_in_the_last_folder_or_documents(tmp_path):
    assert dialogs_module.start_folder(str(tmp_path)) == str(tmp_path)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = documents if documents and Path(documents).is_dir() else str(Path.home())
    assert dialogs_module.start_folder("") == expected
    assert dialogs_module.start_folder(str(tmp_path / "gone")) == expected
    assert Path(dialogs_module.start_folder("")) != Path.cwd() or Path.cwd() == Path(expected)


# -- 9. documents page ----------------------------------------------------------------------
def test_document_names_are_whole_and_in_the_tooltip(window, ui, qtbot):
    ui.load_example(window, "05")
    ui.go_to(window, PageId.REVIEW)
    page = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(page.packetReady, timeout=60_000):
        window.wizard.next()
    tree = page.documents_list
    assert tree.wordWrap() and tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    for doc in page.packet.documents:
        item = page._item(doc.doc_id)
        assert item.text(0) == doc.title_zh
        assert item.toolTip(0).startswith(doc.title_zh)
        assert item.sizeHint(0).height() >= tree.fontMetrics().height()  # measured, wrapped


# -- 6. language ----------------------------------------------------------------------------
def test_switching_language_on_the_documents_page_retranslates_pages_already_shown(window, ui, qtbot, fake_dialogs,
                                                                                   tmp_path):
    ui.load_example(window, "05")
    ui.go_to(window, PageId.REVIEW)
    documents = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(documents.packetReady, timeout=60_000):
        window.wizard.next()
    fake_dialogs.answers["ask_folder"] = tmp_path
    assert documents.save_pdfs()
    assert "已保存" in documents.status.text()
    window.set_language("en")
    qtbot.wait(10)  # QEvent.LanguageChange is posted
    assert documents.status.text().startswith("Saved")  # the line said before the switch
    review = window.wizard.page_of(PageId.REVIEW)
    heads = [review.findings_tree.topLevelItem(i).text(0) for i in range(review.findings_tree.topLevelItemCount())]
    heads += [review.answers_tree.topLevelItem(i).text(0) for i in range(review.answers_tree.topLevelItemCount())]
    assert heads and all(HAN_FREE(text) for text in heads), heads  # without going back to it
    window.set_language("zh")


def test_a_long_finding_and_its_basis_wrap_instead_of_being_cut(window, ui, qtbot):
    window.resize(700, 600)
    window.set_language("en")
    qtbot.wait(10)
    ui.load_example(window, "03")  # a warning with the document it rests on
    ui.go_to(window, PageId.REVIEW)
    review = window.wizard.currentPage()
    tree = review.findings_tree
    qtbot.wait(50)
    metrics = tree.fontMetrics()
    width = tree.header().sectionSize(0) - 2 * tree.indentation() - 40
    sourced = [item for item in review_items(tree) if "\n" in item.text(0)]
    assert sourced, "no finding with its basis"
    for item in sourced:
        needed = metrics.boundingRect(0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, item.text(0)).height()
        assert tree.visualItemRect(item).height() >= needed, item.text(0)
    window.set_language("zh")


def review_items(tree):
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            yield head.child(j)


# -- 2. sizes -------------------------------------------------------------------------------
def test_the_window_restores_its_own_size_where_it_fits_and_shrinks_where_not(make_window, settings, qtbot):
    from app.ui.widgets import desk

    first = make_window()
    first.resize(640, 480)
    first.close()
    window = make_window()
    assert window.size().toTuple() == (640, 480)  # its own size again
    window.close()
    area = desk.available(window)
    huge = make_window(show=False)
    huge.resize(area.width() + 400, area.height() + 400)
    huge.show()
    qtbot.waitExposed(huge)
    assert huge.width() < area.width() + 400 and area.contains(huge.frameGeometry())


def test_qt_dialog_strings_follow_the_chosen_language(qapp):
    from PySide6.QtCore import QCoreApplication

    from app.ui.i18n import Translations

    translations = Translations()
    try:
        translations.switch("zh")
        # Qt 6 added mnemonics to these; PySide6's qtbase_zh_CN still has the old texts only.
        for source in ("&Look in:", "Files of &type:", "File &name:"):
            assert not QCoreApplication.translate("QFileDialog", source).isascii(), source
        translations.switch("en")
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    finally:
        translations.clear()


def test_moving_between_pages_without_a_change_does_not_check_the_draft_again(window, ui, monkeypatch):
    from app.domain import application

    ui.load_example(window, "01")
    ui.go_to(window, PageId.TRANSFER)
    window.session.run_check()
    calls = []
    real = application.check
    monkeypatch.setattr(application, "check", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    window.wizard.back()
    window.wizard.back()
    window.wizard.next()
    assert calls == []  # identity and history shown again: the current result is delivered, not redone
    window.session.set("identity.phone", "13900139000")
    window.wizard.next()
    assert calls == [1]  # changed: the transfer page gets a fresh check
