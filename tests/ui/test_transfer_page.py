"""The transfer page: groups appear only when they apply and keep their values when hidden,
area codes bring their names, agency names are only suggested, and Next follows the
required fields."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWizard, QWizardPage

from app.domain.enums import Filer, Reason, Scheme
from app.ui.pages.base import PageId
from app.ui.pages.transfer import TransferPage
from app.ui.session import Session

pytestmark = pytest.mark.gui

# The offscreen platform cannot raise the area picker's popup or grab the keyboard for it
# (nor pass size hints on); the popup works all the same. A marker on the test itself,
# because pytest-qt reads only the closest qt_log_ignore.
offscreen_popup = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 11, 23)


@pytest.fixture
def setup(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSFER_HELPER_DATA", str(tmp_path))
    session = Session(today=TODAY)
    wizard = QWizard()
    page = TransferPage(session)
    wizard.setPage(PageId.TRANSFER, page)
    wizard.setPage(PageId.REVIEW, QWizardPage())
    wizard.setStartId(PageId.TRANSFER)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard, page, session


def widget(page: TransferPage, path: str):
    return page.binder.widget_for(path)


def choose(page: TransferPage, path: str, value) -> None:
    combo: QComboBox = widget(page, path)
    index = combo.findData(value)
    assert index >= 0
    combo.setCurrentIndex(index)


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def pick_area(page: TransferPage, prefix: str, typed: str) -> None:
    """Type into the area search box and press Enter, as a person would."""
    picker = page.pickers[prefix]
    picker.setFocus()
    picker.selectAll()
    QTest.keyClicks(picker, typed)
    QTest.keyClick(picker, Qt.Key.Key_Return)


def fill_required(page: TransferPage) -> None:
    choose(page, "transfer.reason", Reason.JOB_CHANGE)
    pick_area(page, "transfer.origin", "440300")
    pick_area(page, "transfer.destination", "330100")
    choose(page, "transfer.destination_scheme", Scheme.EMPLOYEE)
    widget(page, "transfer.stop_month").setText("2026-06")
    widget(page, "transfer.enrol_month").setText("2026-07")


AGENT = {
    "transfer.agent.name": "赵小雨",
    "transfer.agent.phone": "13400134006",
    "transfer.agent.relation": "女儿",
}


@offscreen_popup
def test_choosing_an_agent_shows_the_agent_fields_and_hides_them_again_keeping_values(setup):
    _, page, session = setup
    name = widget(page, "transfer.agent.name")
    assert not name.isVisibleTo(page)
    choose(page, "transfer.filer", Filer.AGENT)
    assert name.isVisibleTo(page)
    for path, text in AGENT.items():
        widget(page, path).setText(text)
    choose(page, "transfer.filer", Filer.SELF)
    assert not name.isVisibleTo(page)
    assert {path: session.value(path) for path in AGENT} == AGENT
    choose(page, "transfer.filer", Filer.AGENT)
    assert name.text() == "赵小雨"


@offscreen_popup
def test_pension_checkbox_shows_the_pension_fields_and_values_survive_hiding(setup):
    _, page, session = setup
    page.initializePage()
    start = widget(page, "transfer.pension.start")
    assert not start.isVisibleTo(page)
    moves: QCheckBox = widget(page, "transfer.pension_moves")
    moves.setChecked(True)
    assert start.isVisibleTo(page)
    assert widget(page, "transfer.pension.approved_transfer").isVisibleTo(page)
    start.setText("2019-01")
    widget(page, "transfer.pension.account_balance").setText("12000.00")
    moves.setChecked(False)
    assert not start.isVisibleTo(page)
    assert session.value("transfer.pension.start") == "2019-01"
    moves.setChecked(True)
    assert start.text() == "2019-01"


@offscreen_popup
def test_employer_fields_appear_for_the_employee_scheme_or_when_the_employer_files(setup):
    _, page, _ = setup
    employer = widget(page, "transfer.new_employer.name")
    assert not employer.isVisibleTo(page)
    choose(page, "transfer.destination_scheme", Scheme.EMPLOYEE)
    assert employer.isVisibleTo(page)
    choose(page, "transfer.destination_scheme", Scheme.RESIDENT)
    assert not employer.isVisibleTo(page)
    choose(page, "transfer.filer", Filer.EMPLOYER)
    assert employer.isVisibleTo(page)


@offscreen_popup
def test_employer_with_content_stays_visible_because_it_is_printed(setup):
    _, page, _ = setup
    choose(page, "transfer.destination_scheme", Scheme.EMPLOYEE)
    widget(page, "transfer.new_employer.name").setText("杭州样例科技有限公司")
    choose(page, "transfer.destination_scheme", Scheme.RESIDENT)
    assert widget(page, "transfer.new_employer.name").isVisibleTo(page)


@offscreen_popup
def test_destination_scheme_offers_only_the_two_current_schemes(setup):
    _, page, _ = setup
    combo: QComboBox = widget(page, "transfer.destination_scheme")
    offered = {combo.itemData(i) for i in range(combo.count())} - {None}
    assert offered == {Scheme.EMPLOYEE.value, Scheme.RESIDENT.value}


@offscreen_popup
def test_next_is_enabled_once_the_required_fields_are_filled_and_valid(setup):
    wizard, page, _ = setup
    assert not next_enabled(wizard)
    fill_required(page)
    assert next_enabled(wizard)
    widget(page, "transfer.enrol_month").setText("2026-13")
    assert not next_enabled(wizard)
    message = page.binder.fields["transfer.enrol_month"].message
    assert message.isVisible() and "2024-03" in message.text()
    widget(page, "transfer.enrol_month").setText("2026-07")
    assert next_enabled(wizard)
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW


@offscreen_popup
def test_next_is_disabled_while_a_required_field_is_blank(setup):
    wizard, page, _ = setup
    fill_required(page)
    widget(page, "transfer.stop_month").setText("")
    assert not next_enabled(wizard)


@offscreen_popup
def test_next_is_disabled_when_the_origin_area_is_cleared(setup):
    wizard, page, session = setup
    fill_required(page)
    picker = page.pickers["transfer.origin"]
    picker.setFocus()
    picker.selectAll()
    QTest.keyClick(picker, Qt.Key.Key_Backspace)
    QTest.keyClick(picker, Qt.Key.Key_Return)  # Return (or leaving the box) stores what it holds
    assert session.value("transfer.origin.area_code") is None
    assert not next_enabled(wizard)


@offscreen_popup
def test_picking_an_area_by_its_code_stores_code_and_full_name(setup):
    _, page, session = setup
    pick_area(page, "transfer.origin", "440300")
    assert session.value("transfer.origin.area_code") == "440300"
    assert session.value("transfer.origin.area_name") == "广东省深圳市"
    assert page.pickers["transfer.origin"].text() == "广东省深圳市（440300）"


@offscreen_popup
def test_a_code_typed_without_picking_is_read_on_return(setup):
    _, page, session = setup
    picker = page.pickers["transfer.destination"]
    picker.setFocus()
    picker.setText("370200")  # typed, popup never used
    QTest.keyClick(picker, Qt.Key.Key_Return)
    assert session.value("transfer.destination.area_code") == "370200"
    assert session.value("transfer.destination.area_name") == "山东省青岛市"


@offscreen_popup
def test_same_origin_and_destination_is_reported_under_the_destination_area(setup, qtbot):
    _, page, _ = setup
    pick_area(page, "transfer.origin", "440300")
    pick_area(page, "transfer.destination", "440300")
    message = page.areas["transfer.destination"].message
    qtbot.waitUntil(lambda: message.isVisible())
    assert "同一个统筹地区" in message.text()


@offscreen_popup
def test_area_paths_lead_to_the_search_box(setup):
    _, page, _ = setup
    picker = page.pickers["transfer.origin"]
    assert widget(page, "transfer.origin.area_code") is picker
    assert widget(page, "transfer.origin.area_name") is picker


@offscreen_popup
def test_text_set_from_outside_the_box_is_stored_at_once(setup):
    _, page, session = setup
    picker = page.pickers["transfer.origin"]
    assert not picker.hasFocus()
    picker.setText("210100")  # e.g. a screen reader's or a test's "set value"
    assert session.value("transfer.origin.area_code") == "210100"
    assert session.value("transfer.origin.area_name") == "辽宁省沈阳市"


@offscreen_popup
def test_a_search_being_typed_is_not_stored_before_it_is_picked(setup):
    _, page, session = setup
    picker = page.pickers["transfer.origin"]
    picker.setFocus()
    QTest.keyClicks(picker, "shen")
    assert session.value("transfer.origin.area_name") is None


@offscreen_popup
def test_focus_field_for_an_area_path_focuses_its_search_box(setup):
    _, page, _ = setup
    assert page.focus_field("transfer.destination.area_name")
    assert page.pickers["transfer.destination"].hasFocus()


@offscreen_popup
def test_agency_name_is_only_suggested_as_placeholder_never_filled(setup):
    _, page, session = setup
    pick_area(page, "transfer.destination", "370200")
    agency: QLineEdit = widget(page, "transfer.destination.name")
    assert agency.text() == ""
    assert session.value("transfer.destination.name") is None
    assert "青岛市" in agency.placeholderText()


@offscreen_popup
def test_picking_an_area_by_pinyin_initials(setup):
    _, page, session = setup
    pick_area(page, "transfer.origin", "baq")
    assert session.value("transfer.origin.area_code") == "440306"
    assert session.value("transfer.origin.area_name") == "广东省深圳市宝安区"


@offscreen_popup
def test_unticked_boxes_are_stored_as_no_when_the_page_opens(setup):
    _, page, session = setup
    page.initializePage()
    assert session.value("transfer.retired") is False
    assert session.value("transfer.pension_moves") is False


@offscreen_popup
def test_loading_the_agent_example_shows_its_groups(setup):
    from app import drafts, paths

    wizard, page, session = setup
    session.replace(drafts.load(paths.EXAMPLES / "05-filed-by-agent.json"))
    page.initializePage()
    assert widget(page, "transfer.agent.name").isVisibleTo(page)
    assert widget(page, "transfer.agent.name").text() == "赵小雨"
    assert not widget(page, "transfer.pension.start").isVisibleTo(page)
    assert widget(page, "transfer.new_employer.name").isVisibleTo(page)
    assert page.pickers["transfer.origin"].text() == "辽宁省沈阳市（210100）"
    assert next_enabled(wizard)


@offscreen_popup
def test_every_input_has_a_buddy_label_with_a_mnemonic_and_an_accessible_name(setup):
    _, page, _ = setup
    buddies = {label.buddy(): label for label in page.findChildren(QLabel) if label.buddy() is not None}
    for field in [*page.findChildren(QLineEdit), *page.findChildren(QComboBox)]:
        assert field in buddies, field.accessibleName()
        assert "&" in buddies[field].text(), buddies[field].text()
        assert field.accessibleName()
    for box in page.findChildren(QCheckBox):
        assert "&" in box.text()
