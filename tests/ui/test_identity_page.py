"""The identity page: the ID number decodes as it is typed, messages appear without Next,
"required" only once a field was left or Next pressed, Next always goes on while the page
lists what is open, and rare characters can be entered by code point."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWizard, QWizardPage

from app.domain.enums import IdType, Sex
from app.domain.idnumbers import make_id_number
from app.ui.pages.base import PageId
from app.ui.pages.identity import IdentityPage
from app.ui.session import Session

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 23)
PERSON_ID = make_id_number("440305", date(1990, 5, 12), "013")   # male, 广东省深圳市南山区
FEMALE_ID = make_id_number("330106", date(1992, 3, 8), "024")    # female, 浙江省杭州市西湖区
HMT_ID = make_id_number("810000", date(1985, 3, 4), "021")       # 港澳台居民居住证
UNKNOWN_REGION_ID = make_id_number("449999", date(1990, 5, 12), "013")
JI = "\U00020BB7"  # 𠮷


def wrong_check_char(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


@pytest.fixture
def setup(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSFER_HELPER_DATA", str(tmp_path))
    session = Session(today=TODAY)
    wizard = QWizard()
    page = IdentityPage(session)
    wizard.setPage(PageId.IDENTITY, page)
    wizard.setPage(PageId.HISTORY, QWizardPage())
    wizard.setStartId(PageId.IDENTITY)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard, page, session


def edit(page: IdentityPage, path: str):
    return page.binder.widget_for(path)


def message(page: IdentityPage, path: str) -> QLabel:
    return page.binder.fields[path].message


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def fill_required(page: IdentityPage, number: str = PERSON_ID) -> None:
    edit(page, "identity.name").setText("林晓测")
    edit(page, "identity.phone").setText("13800138000")
    edit(page, "identity.id_number").setText(number)


def test_valid_id_number_fills_sex_and_birth_date_and_shows_the_region(setup):
    _, page, session = setup
    edit(page, "identity.id_number").setText(PERSON_ID)
    assert edit(page, "identity.sex").currentData() == Sex.MALE
    assert edit(page, "identity.birth_date").text() == "1990-05-12"
    assert "广东省深圳市南山区" in page.decoded.text()
    assert "1990-05-12" in page.decoded.text()
    assert session.value("identity.sex") is Sex.MALE


def test_region_missing_from_the_table_is_named_as_such(setup):
    _, page, _ = setup
    edit(page, "identity.id_number").setText(UNKNOWN_REGION_ID)
    assert "区划代码表中未找到" in page.decoded.text()
    assert "449999" in page.decoded.text()


def open_note(page) -> str:
    page.session.run_check()
    return page.open_note.text()


def test_wrong_check_character_shows_inline_message_at_once_and_the_page_lists_it_as_open(setup):
    wizard, page, _ = setup
    fill_required(page, wrong_check_char(PERSON_ID))
    shown = message(page, "identity.id_number")
    assert shown.isVisible()
    assert "校验不通过" in shown.text()
    assert wizard.currentId() == PageId.IDENTITY
    assert next_enabled(wizard)  # Next is always allowed; the review page blocks the documents
    assert "证件号码" in open_note(page)


def test_fixing_the_number_takes_it_off_the_open_list(setup, qtbot):
    wizard, page, _ = setup
    fill_required(page, wrong_check_char(PERSON_ID))
    assert "证件号码" in open_note(page)
    edit(page, "identity.id_number").setText(PERSON_ID)
    qtbot.waitUntil(lambda: not message(page, "identity.id_number").isVisible())
    assert "证件号码" not in open_note(page)
    wizard.next()
    assert wizard.currentId() == PageId.HISTORY


@pytest.mark.parametrize("blank", ["identity.name", "identity.phone", "identity.id_number"])
def test_a_blank_required_field_is_listed_as_open_and_next_still_goes_on(setup, blank):
    wizard, page, _ = setup
    fill_required(page)
    edit(page, blank).setText("")
    label = page.rows[blank].focus.accessibleName()
    assert label in open_note(page)
    assert "下一步" in open_note(page)  # the page says Next may be pressed anyway
    assert not message(page, blank).isVisible()  # nobody left the field nor pressed Next yet
    wizard.next()
    assert wizard.currentId() == PageId.HISTORY
    wizard.back()
    assert message(page, blank).isVisible()  # Next showed it
    assert message(page, blank).text() in ("请填写此项。", "请填写证件号码。")


def test_the_empty_form_shows_no_required_message_until_a_field_is_left(setup, qtbot):
    wizard, page, session = setup
    session.run_check()
    shown = [path for path, bound in page.binder.fields.items() if bound.message and bound.message.isVisible()]
    assert shown == []
    name = edit(page, "identity.name")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    edit(page, "identity.phone").setFocus()  # leaving the name field
    qtbot.waitUntil(lambda: message(page, "identity.name").isVisible())
    assert message(page, "identity.name").text() == "请填写此项。"
    assert not message(page, "identity.address").isVisible()  # never visited
    assert not message(page, "identity.phone").isVisible()  # being visited


def test_switching_type_to_residence_permit_clears_the_type_mismatch_message(setup):
    wizard, page, _ = setup
    fill_required(page, HMT_ID)
    shown = message(page, "identity.id_number")
    assert shown.isVisible() and "港澳台居民居住证" in shown.text()
    combo: QComboBox = edit(page, "identity.id_type")
    combo.setCurrentIndex(combo.findData(IdType.HMT_RESIDENCE_PERMIT))
    assert not shown.isVisible()
    assert "香港特别行政区" in page.decoded.text()


def test_sex_chosen_against_the_number_gets_a_cross_field_message(setup, qtbot):
    _, page, _ = setup
    edit(page, "identity.id_number").setText(PERSON_ID)
    combo: QComboBox = edit(page, "identity.sex")
    combo.setCurrentIndex(combo.findData(Sex.FEMALE))
    qtbot.waitUntil(lambda: message(page, "identity.sex").isVisible())
    assert "第 17 位" in message(page, "identity.sex").text()


def test_sex_and_birth_date_follow_a_corrected_number(setup):
    _, page, _ = setup
    number = edit(page, "identity.id_number")
    number.setText(PERSON_ID)
    number.setText(PERSON_ID[:-1])            # being corrected: no longer valid
    number.setText(FEMALE_ID)
    assert edit(page, "identity.sex").currentData() == Sex.FEMALE
    assert edit(page, "identity.birth_date").text() == "1992-03-08"


def test_a_birth_date_typed_by_hand_is_kept_when_the_number_changes(setup, qtbot):
    _, page, _ = setup
    edit(page, "identity.id_number").setText(PERSON_ID)
    edit(page, "identity.birth_date").setText("1990-05-13")
    edit(page, "identity.id_number").setText(FEMALE_ID)
    assert edit(page, "identity.birth_date").text() == "1990-05-13"
    qtbot.waitUntil(lambda: message(page, "identity.birth_date").isVisible())
    assert "1992-03-08" in message(page, "identity.birth_date").text()


def test_social_security_number_is_asked_only_for_documents_without_one(setup):
    _, page, _ = setup
    ss_edit = edit(page, "identity.social_security_number")
    assert not ss_edit.isVisibleTo(page)
    combo: QComboBox = edit(page, "identity.id_type")
    combo.setCurrentIndex(combo.findData(IdType.PASSPORT))
    assert ss_edit.isVisibleTo(page)
    assert "不含出生日期" in page.decoded.text()
    combo.setCurrentIndex(combo.findData(IdType.RESIDENT_ID))
    assert not ss_edit.isVisibleTo(page)


def test_code_point_entry_inserts_at_the_cursor_and_preview_names_the_code_point(setup):
    wizard, page, session = setup
    name = page.name
    name.edit.setText("林测")
    name.edit.setCursorPosition(1)
    name.code_button.click()
    assert name.code_edit.isVisible()
    name.code_edit.setText("U+20BB7")
    assert JI in name.code_echo.text()
    QTest.keyClick(name.code_edit, Qt.Key.Key_Return)
    assert session.value("identity.name") == "林" + JI + "测"
    assert name.preview.text() == "林" + JI + "测"
    assert "U+20BB7" in name.rare_note.text() and name.rare_note.isVisible()
    assert not name.code_edit.isVisible()
    assert wizard.currentId() == PageId.IDENTITY  # Return did not press Next


@pytest.mark.parametrize("typed", ["20BB7", "&#x20BB7;", "\\U00020BB7", JI])
def test_code_point_entry_accepts_other_notations(setup, typed):
    _, page, session = setup
    page.name.show_code_entry(True)
    page.name.code_edit.setText(typed)
    assert page.name.insert_code()
    assert session.value("identity.name") == JI


def test_code_point_entry_refuses_a_surrogate_with_a_reason_and_changes_nothing(setup):
    _, page, session = setup
    page.name.edit.setText("林")
    page.name.show_code_entry(True)
    page.name.code_edit.setText("U+D842")
    assert not page.name.insert_code()
    assert page.name.code_echo.isVisible()
    assert "代理项" in page.name.code_echo.text()
    assert session.value("identity.name") == "林"


def test_name_preview_uses_the_print_font(setup):
    from app.ui import fonts

    _, page, _ = setup
    page.name.edit.setText("林晓测")
    assert page.name.preview.isVisible()
    family = fonts.print_family()
    if family is not None:
        assert page.name.preview.font().family() == family
    assert page.name.preview.font().pointSizeF() >= 18


def test_a_character_no_print_font_has_is_reported(setup, monkeypatch):
    from app.ui.widgets import name_edit

    _, page, _ = setup
    monkeypatch.setattr(name_edit, "uncovered_chars", lambda text: [ch for ch in text if ch == "\u9fff"])
    page.name.edit.setText("林\u9fff")
    page.name.check_fonts()
    assert page.name.uncovered_note.isVisible()
    assert "U+9FFF" in page.name.uncovered_note.text()
    page.name.edit.setText("林")
    assert not page.name.uncovered_note.isVisible()


def test_loading_a_draft_fills_every_field_and_the_decoded_line(setup):
    from app.domain.application import ApplicationDraft

    wizard, page, session = setup
    session.replace(ApplicationDraft.model_validate({"identity": {
        "name": "林晓测", "id_type": "resident_id", "id_number": PERSON_ID, "phone": "13800138000",
        "address": "浙江省杭州市西湖区样例路 1 号", "hukou_type": "urban"}}))
    page.initializePage()
    assert edit(page, "identity.name").text() == "林晓测"
    assert edit(page, "identity.address").text() == "浙江省杭州市西湖区样例路 1 号"
    assert "广东省深圳市南山区" in page.decoded.text()
    assert next_enabled(wizard)


def test_every_input_has_a_buddy_label_with_a_mnemonic_and_an_accessible_name(setup):
    _, page, _ = setup
    buddies = {label.buddy(): label for label in page.findChildren(QLabel) if label.buddy() is not None}
    for widget in [*page.findChildren(QLineEdit), *page.findChildren(QComboBox)]:
        assert widget in buddies, widget.accessibleName() or widget.objectName()
        assert "&" in buddies[widget].text()
        assert widget.accessibleName()
    for box in page.findChildren(QCheckBox):
        assert "&" in box.text()


def test_field_order_puts_the_id_number_before_the_name(setup, tab_cycle):
    _, page, _ = setup
    order = [edit(page, p) for p in ("identity.id_type", "identity.id_number", "identity.name", "identity.phone")]
    chain = tab_cycle(page.window(), start=order[0])
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)
