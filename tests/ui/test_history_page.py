"""The insurance-history page: the table model, its editors, the toolbar and keys, the
findings list, the totals and the timeline."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from app import paths
from app.storage import drafts
from app.domain import months
from app.domain.application import MAX_PERIODS, ApplicationDraft
from app.domain.enums import PeriodStatus, Scheme
from app.domain.findings import Severity
from app.domain.history import PeriodDraft
from app.ui.history_model import COMPUTED_ROLE, SEVERITY_ROLE, Column
from app.ui.pages.base import PageId
from app.ui.pages.history import HistoryPage
from app.ui.session import Session
from app.ui.widgets.area_picker import AreaPicker

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 23)
# The offscreen platform cannot raise the area list's popup or grab the keyboard for it;
# xcb and Windows can. Put on the tests that open it (a module-level mark would be hidden
# by the one tests/ui/conftest.py adds to every item).
popup_noise = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")


@pytest.fixture
def session(qapp) -> Session:
    return Session(autosave=None, today=TODAY)


@pytest.fixture
def page(qtbot, session) -> HistoryPage:
    widget = HistoryPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def example(name: str) -> ApplicationDraft:
    return drafts.load(sorted(paths.EXAMPLES.glob(f"{name}*.json"))[0])


def employee(start, end, area="430100", name="湖南省长沙市", **extra) -> PeriodDraft:
    return PeriodDraft(area_code=area, area_name=name, scheme=Scheme.EMPLOYEE, start=start, end=end,
                       status=PeriodStatus.TERMINATED, **extra)


def load(page: HistoryPage, history: list[PeriodDraft]) -> None:
    page.session.replace(ApplicationDraft(history=history))
    page.initializePage()


def cell(page: HistoryPage, row: int, column: Column) -> QModelIndex:
    return page.model.index(row, column)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


# -- the model -----------------------------------------------------------------------------

def test_model_shows_example_periods_with_area_code_labels_and_months(page):
    page.session.replace(example("02"))
    model = page.model
    assert model.rowCount() == 2
    assert cell(page, 0, Column.AREA).data() == "河南省周口市（411600）"
    assert cell(page, 0, Column.SCHEME).data() == "新农合"
    assert cell(page, 1, Column.STATUS).data() == "暂停"
    assert model.headerData(Column.MONTHS, Qt.Orientation.Horizontal) == "缴费月数"


def test_computed_months_shown_grey_italic_until_a_number_is_given(page):
    load(page, [employee("2010-01", "2016-12")])
    months = cell(page, 0, Column.MONTHS)
    assert months.data() == "84"
    assert months.data(COMPUTED_ROLE) == 84
    assert months.data(Qt.ItemDataRole.FontRole).italic()
    assert months.data(Qt.ItemDataRole.EditRole) == ""  # nothing given: the editor starts empty
    assert page.model.setData(months, "80")
    assert page.session.draft.history[0].months_paid == "80"
    assert months.data() == "80"
    assert months.data(COMPUTED_ROLE) is None
    assert months.data(Qt.ItemDataRole.FontRole) is None


def test_edit_cell_writes_through_session_and_normalises_display_only(page):
    load(page, [employee("2010-01", "2016-12")])
    assert page.model.setData(cell(page, 0, Column.START), "201103")
    assert page.session.draft.history[0].start == "201103"  # kept as typed
    assert cell(page, 0, Column.START).data() == "2011-03"
    assert cell(page, 0, Column.MONTHS).data() == "70"
    assert page.session.dirty


def test_enum_cells_take_enum_values_and_codes(page):
    load(page, [employee("2010-01", "2016-12")])
    assert page.model.setData(cell(page, 0, Column.SCHEME), Scheme.RESIDENT)
    assert page.model.setData(cell(page, 0, Column.STATUS), "suspended")
    assert not page.model.setData(cell(page, 0, Column.STATUS), "nonsense")
    period = page.session.draft.history[0]
    assert (period.scheme, period.status) == (Scheme.RESIDENT, PeriodStatus.SUSPENDED)


def test_area_cell_sets_code_and_name_together(page):
    load(page, [employee("2010-01", "2016-12")])
    assert page.model.setData(cell(page, 0, Column.AREA), ("440306", "广东省深圳市宝安区"))
    period = page.session.draft.history[0]
    assert (period.area_code, period.area_name) == ("440306", "广东省深圳市宝安区")


def test_insert_remove_move_rows_through_model_api_update_draft(page):
    load(page, [employee("2010-01", "2010-12"), employee("2011-01", "2011-12")])
    model, history = page.model, page.session.draft.history
    assert model.insertRows(1, 2)
    assert [p.start for p in history] == ["2010-01", None, None, "2011-01"]
    assert model.removeRows(1, 2)
    assert [p.start for p in history] == ["2010-01", "2011-01"]
    assert model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)
    assert [p.start for p in history] == ["2011-01", "2010-01"]
    assert not model.removeRows(1, 5)
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # onto itself


ROW = MAX_PERIODS - 10


def test_the_most_periods_editing_a_cell_never_resets_the_model(page, qtbot):
    first = months.index("1990-01")
    history = [employee(months.from_index(first + 2 * i), months.from_index(first + 2 * i + 1))
               for i in range(MAX_PERIODS)]
    load(page, history)
    page.session.run_check()
    resets, changes = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.dataChanged.connect(lambda a, b, roles: changes.append((a.row(), a.column(), b.row(), b.column())))
    assert page.model.setData(cell(page, ROW, Column.EMPLOYER), "某某单位")
    assert changes == [(ROW, Column.EMPLOYER, ROW, Column.EMPLOYER)]
    page.session.run_check()
    page.model.setData(cell(page, ROW, Column.END), "2000-13")
    page.session.run_check()
    assert resets == []
    assert cell(page, ROW, Column.END).data(SEVERITY_ROLE) == Severity.ERROR


def test_typo_marks_cell_at_once_before_the_full_check(page):
    load(page, [employee("2010-01", "2016-12")])
    page.session.run_check()
    page.model.setData(cell(page, 0, Column.END), "2016-13")
    end = cell(page, 0, Column.END)
    assert end.data(SEVERITY_ROLE) == Severity.ERROR
    assert "年月无法识别" in end.data(Qt.ItemDataRole.ToolTipRole)
    assert end.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "年月无法识别" in page.cell_message.text() or page.table.currentIndex() != end


# -- overlaps, gaps, findings --------------------------------------------------------------

def overlap_and_gap() -> list[PeriodDraft]:
    return [
        employee("2012-07", "2016-12", employer_name="长沙示例有限公司"),
        employee("2016-10", "2018-06", area="440300", name="广东省深圳市"),  # overlaps 2016-10..12
        employee("2018-10", "2020-12", area="440300", name="广东省深圳市"),  # gap 2018-07..09
    ]


def test_overlap_in_same_scheme_marks_both_rows_after_check_and_is_listed(page):
    load(page, overlap_and_gap())
    page.session.run_check()
    assert cell(page, 1, Column.START).data(SEVERITY_ROLE) == Severity.ERROR
    assert cell(page, 0, Column.END).data(SEVERITY_ROLE) == Severity.ERROR
    assert "第 2 段" in cell(page, 0, Column.END).data(Qt.ItemDataRole.ToolTipRole)
    assert cell(page, 2, Column.START).data(SEVERITY_ROLE) is None
    shown = page.findings_shown()
    assert any(path == "history.1.start" and "重叠" in text for path, text in shown)
    assert any(path == "history" and "2018-07 至 2018-09" in text for path, text in shown)
    assert all(path.startswith("history") for path, _ in shown)


def test_clicking_a_finding_selects_its_cell(page, qtbot):
    load(page, overlap_and_gap())
    page.session.run_check()
    row = next(i for i, (path, _) in enumerate(page.findings_shown()) if path == "history.1.start")
    item = page.findings_list.item(row)
    rect = page.findings_list.visualItemRect(item)
    qtbot.mouseClick(page.findings_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, Column.START)
    assert page.table.hasFocus()
    assert "重叠" in page.cell_message.text()


def test_enter_on_a_finding_selects_its_cell(page, qtbot):
    load(page, overlap_and_gap())
    page.session.run_check()
    row = next(i for i, (path, _) in enumerate(page.findings_shown()) if path == "history.1.start")
    page.findings_list.setFocus()
    page.findings_list.setCurrentRow(row)
    press(qtbot, page.findings_list, Qt.Key.Key_Return)
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, Column.START)


def test_focus_field_selects_cell_of_a_path(page):
    load(page, overlap_and_gap())
    assert page.focus_field("history.2.end")
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (2, Column.END)
    assert page.focus_field("history")
    assert not page.focus_field("transfer.enrol_month")
    assert page.page_id is PageId.HISTORY


def test_summary_line_shows_cumulative_months_per_scheme(page):
    history = overlap_and_gap() + [PeriodDraft(scheme=Scheme.NCMS, start="2005-01", end="2005-12")]
    load(page, history)
    page.session.run_check()
    text = page.summary.text()
    assert "共 4 段" in text
    assert "职工医保累计 102 个月（约 8.5 年）" in text  # 54 + 21 + 27: overlapping months count twice
    assert "城乡居民医保累计 12 个月（约 1.0 年）" in text


def test_timeline_follows_the_check_not_each_keystroke(page):
    load(page, overlap_and_gap())
    page.session.run_check()
    assert [(g.start, g.end) for g in page.timeline.timeline().gaps] == [("2018-07", "2018-09")]
    page.model.setData(cell(page, 2, Column.START), "2018-07")
    assert [(g.start, g.end) for g in page.timeline.timeline().gaps] == [("2018-07", "2018-09")]
    page.session.run_check()
    assert page.timeline.timeline().gaps == ()
    assert "空档" not in page.timeline.accessibleDescription()


def test_timeline_paints_and_describes_gap_and_overlap(page):
    load(page, overlap_and_gap())
    page.session.run_check()
    image = page.timeline.grab().toImage()
    assert not image.isNull() and image.width() > 100
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 5)}
    assert len(colours) > 5
    description = page.timeline.accessibleDescription()
    assert "2012-07 至 2016-12 职工医保 湖南省长沙市" in description
    assert "空档 2018-07 至 2018-09（3 个月）" in description
    assert "重叠 2016-10 至 2016-12" in description
    assert page.timeline.accessibleName() == "参保时间轴"


# -- toolbar and keys ----------------------------------------------------------------------

def test_add_button_continues_previous_period(page, qtbot):
    page.session.replace(example("02"))
    page.select_cell(1, Column.AREA)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    history = page.session.draft.history
    assert len(history) == 3
    assert (history[2].start, history[2].area_code, history[2].scheme) == ("2026-01", "411600", Scheme.RESIDENT)
    assert history[2].end is None and history[2].status is None
    assert page.table.currentIndex().row() == 2
    assert page.table.hasFocus()


def test_add_on_empty_history_adds_a_blank_period(page, qtbot):
    assert "还没有参保记录" in page.cell_message.text()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.session.draft.history == [PeriodDraft()]
    assert page.table.currentIndex().row() == 0


def test_copy_previous_keeps_employer_and_status(page, qtbot):
    load(page, [employee("2010-01", "2016-12", employer_name="长沙示例有限公司", account_balance="10.00")])
    page.select_cell(0, Column.START)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    copy = page.session.draft.history[1]
    assert (copy.employer_name, copy.status, copy.start, copy.account_balance) == (
        "长沙示例有限公司", PeriodStatus.TERMINATED, "2017-01", None)


def test_remove_asks_and_keeps_periods_when_declined(page, qtbot, fake_dialogs):
    load(page, overlap_and_gap())
    page.select_cell(1, Column.START)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs.names() == ["ask_yes_no"]
    assert len(page.session.draft.history) == 3


def test_remove_then_undo_restores_period_and_selection_stays_sane(page, qtbot, fake_dialogs):
    fake_dialogs.answers["ask_yes_no"] = True
    load(page, overlap_and_gap())
    page.select_cell(2, Column.END)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [p.start for p in page.session.draft.history] == ["2012-07", "2016-10"]
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, Column.END)
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert [p.start for p in page.session.draft.history] == ["2012-07", "2016-10", "2018-10"]
    assert page.table.currentIndex().row() == 2


def test_removing_an_empty_period_needs_no_confirmation(page, qtbot, fake_dialogs):
    load(page, [employee("2010-01", "2016-12"), PeriodDraft()])
    page.select_cell(1, Column.AREA)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs.names() == []
    assert len(page.session.draft.history) == 1


def test_remove_several_selected_rows(page, qtbot, fake_dialogs):
    fake_dialogs.answers["ask_yes_no"] = True
    load(page, overlap_and_gap())
    page.select_cell(0, Column.AREA)
    page.table.selectRow(0)
    page.table.selectionModel().select(cell(page, 2, Column.AREA),
                                       page.table.selectionModel().SelectionFlag.Select)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [p.start for p in page.session.draft.history] == ["2016-10"]
    assert "1、3" in fake_dialogs.calls[0][1][1]


def test_move_buttons_reorder_and_selection_follows(page, qtbot):
    load(page, overlap_and_gap())
    page.select_cell(0, Column.EMPLOYER)
    assert not page.up_button.isEnabled()
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert [p.start for p in page.session.draft.history] == ["2016-10", "2012-07", "2018-10"]
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, Column.EMPLOYER)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [p.start for p in page.session.draft.history] == ["2012-07", "2016-10", "2018-10"]


def test_keyboard_insert_ctrl_n_ctrl_arrows_delete_and_undo(page, qtbot, fake_dialogs):
    fake_dialogs.answers["ask_yes_no"] = True
    load(page, [employee("2010-01", "2010-12")])
    page.select_cell(0, Column.AREA)
    page.table.setFocus()
    press(qtbot, page.table, Qt.Key.Key_Insert)
    press(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [p.start for p in page.session.draft.history] == ["2010-01", "2011-01", None]
    page.select_cell(0, Column.AREA)
    press(qtbot, page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [p.start for p in page.session.draft.history] == ["2011-01", "2010-01", None]
    assert page.table.currentIndex().row() == 1
    press(qtbot, page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert page.table.currentIndex().row() == 0
    press(qtbot, page.table, Qt.Key.Key_Delete)
    assert [p.start for p in page.session.draft.history] == ["2011-01", None]
    press(qtbot, page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.start for p in page.session.draft.history] == ["2010-01", "2011-01", None]


def test_buttons_have_mnemonics_and_table_a_buddy_label(page):
    for button in page.buttons:
        assert "&" in button.text() and button.toolTip()
    assert page.table_label.buddy() is page.table
    assert page.findings_label.buddy() is page.findings_list
    assert page.table.accessibleName()


# -- editing with the keyboard -------------------------------------------------------------

def start_typing(qtbot, page, row, column, first_key):
    page.select_cell(row, column)
    page.table.setFocus()
    qtbot.keyClick(page.table, first_key)
    editor = QApplication.focusWidget()
    assert page.table.state() == QAbstractItemView.State.EditingState
    return editor


def test_typing_in_a_cell_commits_each_keystroke_and_escape_reverts(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.END, "2")
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "01713")
    assert page.session.draft.history[0].end == "201713"
    assert "年月无法识别" in page.cell_message.text()  # the inline message follows the typing
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert page.session.draft.history[0].end == "2016-12"
    assert page.table.state() != QAbstractItemView.State.EditingState


def test_tab_moves_to_next_cell_after_typing(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.START, "2")
    qtbot.keyClicks(editor, "01103")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert page.session.draft.history[0].start == "201103"
    assert page.table.currentIndex().column() == Column.END


def test_scheme_cell_picks_by_number_key(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.SCHEME, "2")
    assert isinstance(editor, QComboBox)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.session.draft.history[0].scheme is Scheme.RESIDENT
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState, timeout=1000)
    assert page.table.hasFocus()


@popup_noise
def test_area_cell_baq_enter_picks_baoan_and_closes_editor(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.AREA, "b")
    assert isinstance(editor, AreaPicker)
    qtbot.keyClicks(editor, "aq")
    assert editor.popup_visible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    period = page.session.draft.history[0]
    assert (period.area_code, period.area_name) == ("440306", "广东省深圳市宝安区")
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState, timeout=1000)


@popup_noise
def test_area_cell_typed_code_then_tab_moves_on(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.AREA, "4")
    qtbot.keyClicks(editor, "40306")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert page.session.draft.history[0].area_code == "440306"
    assert page.table.currentIndex().column() == Column.SCHEME


@popup_noise
def test_validate_page_commits_an_open_editor(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    editor = start_typing(qtbot, page, 0, Column.AREA, "x")
    qtbot.keyClicks(editor, "yz")
    assert page.validatePage()
    assert page.session.draft.history[0].area_name == "xyz"
    assert page.table.state() != QAbstractItemView.State.EditingState


def test_enter_on_the_table_edits_the_cell_instead_of_leaving_the_page(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    page.select_cell(0, Column.EMPLOYER)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.table.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "ABC")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState, timeout=1000)
    assert page.session.draft.history[0].employer_name == "ABC"


def test_timeline_tooltips_name_gap_and_overlap_under_the_pointer(page):
    load(page, overlap_and_gap())
    page.session.run_check()
    timeline = page.timeline
    texts = {timeline.text_at(x, y) for x in range(0, timeline.width(), 2) for y in range(0, timeline.height(), 2)}
    joined = "\n".join(texts)
    assert "空档 2018-07 至 2018-09（3 个月）" in joined
    assert "重叠 2016-10 至 2016-12：第 1 段与第 2 段重复计算" in joined
    assert "第 3 段：2018-10 至 2020-12 职工医保 广东省深圳市" in joined


def test_ctrl_n_in_the_table_adds_a_period_not_a_new_application(window, ui, qtbot, fake_dialogs):
    ui.load_example(window, "01")
    while window.wizard.currentId() != PageId.HISTORY:
        window.wizard.next()
    page = window.wizard.currentPage()
    before = len(window.session.draft.history)
    page.table.setFocus()
    window.activateWindow()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.draft.history) == before + 1
    assert fake_dialogs.names() == []  # File > New would have asked about the unsaved work


def test_chinese_typed_into_the_table_opens_the_editor_and_commits(page, qtbot):
    load(page, [employee("2010-01", "2016-12")])
    page.select_cell(0, Column.EMPLOYER)
    page.table.setFocus()
    # An input method composes first (pinyin shown as preedit), then commits the characters.
    QApplication.sendEvent(page.table, QInputMethodEvent("changsha", []))
    assert page.table.state() == QAbstractItemView.State.EditingState
    commit = QInputMethodEvent()
    commit.setCommitString("长沙示例")
    QApplication.sendEvent(page.table, commit)
    assert page.session.draft.history[0].employer_name == "长沙示例"
