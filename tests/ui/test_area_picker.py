"""AreaPicker: search by name, pinyin initials and code; keyboard picking; its value API."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.ui.widgets.area_picker import AreaPicker, display_text

pytestmark = pytest.mark.gui

# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so each
# time the list opens; xcb and Windows do both. Put on each test (not pytestmark): the
# item-level mark tests/ui/conftest.py adds would hide a module-level one.
popup_noise = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")


@pytest.fixture
def picker(qtbot):
    widget = AreaPicker()
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def type_chinese(widget, text: str) -> None:
    """What an input method does when it commits text (keyClicks cannot send Chinese)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@popup_noise
@pytest.mark.parametrize(
    ("typed", "chinese"),
    [("baq", False), ("baoan", False), ("440306", False), ("宝安", True), ("宝安区", True)],
)
def test_search_finds_baoan_first_by_initials_pinyin_code_and_name(picker, qtbot, typed, chinese):
    if chinese:
        type_chinese(picker, typed)
    else:
        qtbot.keyClicks(picker, typed)
    assert picker.popup_visible()
    assert (picker.results()[0].code, picker.results()[0].name) == ("440306", "宝安区")


@popup_noise
def test_enter_picks_highlighted_best_match_and_emits_code_and_name(picker, qtbot):
    qtbot.keyClicks(picker, "baq")
    with qtbot.waitSignal(picker.picked, timeout=1000) as signal:
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert signal.args == ["440306", "宝安区"]
    assert not picker.popup_visible()
    assert picker.value() == ("440306", "宝安区")
    assert picker.text() == display_text("440306", "宝安区")
    assert picker.region().full_name == "广东省深圳市宝安区"


@popup_noise
def test_arrow_down_then_enter_picks_the_second_entry(picker, qtbot):
    qtbot.keyClicks(picker, "szs")
    second = picker.results()[1]
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.picked, timeout=1000) as signal:
        qtbot.keyClick(picker, Qt.Key.Key_Enter)
    assert signal.args == [second.code, second.name]


@popup_noise
def test_popup_rows_show_name_full_name_and_code(picker, qtbot):
    qtbot.keyClicks(picker, "4403")
    assert picker.row_texts()[0] == "深圳市 · 广东省深圳市 · 440300"
    assert len(picker.row_texts()) == len(picker.results()) <= 20


@popup_noise
def test_escape_closes_the_list_without_picking(picker, qtbot):
    qtbot.keyClicks(picker, "baq")
    with qtbot.assertNotEmitted(picker.picked):
        qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not picker.popup_visible()
    assert picker.text() == "baq"


@popup_noise
def test_full_names_option_hands_out_the_full_name(qtbot):
    picker = AreaPicker(full_names=True)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker, "440306")
    with qtbot.waitSignal(picker.picked, timeout=1000) as signal:
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert signal.args == ["440306", "广东省深圳市宝安区"]


def test_set_value_shows_value_without_emitting_picked(picker, qtbot):
    with qtbot.assertNotEmitted(picker.picked):
        picker.set_value("411600", "河南省周口市")
    assert picker.text() == "河南省周口市（411600）"
    assert picker.value() == ("411600", "河南省周口市")
    assert picker.region() is None
    assert not picker.popup_visible()


@popup_noise
def test_value_after_typing_six_digits_reads_a_code_with_its_name(picker, qtbot):
    picker.set_value("411600", "河南省周口市")
    picker.selectAll()
    qtbot.keyClicks(picker, "440306")
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert picker.value() == ("440306", "宝安区")


def test_value_after_typing_free_text_keeps_code_and_takes_text_as_name(picker):
    picker.set_value("411600", "河南省周口市")
    picker.setText("周口市川汇区")
    assert picker.value() == ("411600", "周口市川汇区")


def test_value_of_cleared_box_is_empty(picker):
    picker.set_value("411600", "河南省周口市")
    picker.clear()
    assert picker.value() == (None, None)


@popup_noise
def test_historical_codes_only_when_asked_and_marked(qtbot):
    current_only = AreaPicker()
    with_old = AreaPicker(include_historical=True)
    for widget in (current_only, with_old):
        qtbot.addWidget(widget)
        widget.show()
        widget.setFocus()
        qtbot.keyClicks(widget, "4301")  # 长沙: several old district codes
    assert all(r.current for r in current_only.results())
    old = [i for i, r in enumerate(with_old.results()) if not r.current]
    if not old:
        pytest.skip("no historical code under this prefix in the bundled table")
    row_text = with_old.row_texts()[old[0]]
    assert "停用" in row_text


@popup_noise
def test_down_arrow_reopens_the_list_after_escape(picker, qtbot):
    qtbot.keyClicks(picker, "baq")
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.popup_visible()


def test_accessible_name_and_placeholder_are_set(picker):
    assert picker.accessibleName()
    assert picker.placeholderText()


def test_value_reads_fullwidth_digits_from_an_input_method_as_a_code(picker):
    picker.set_value("411600", "河南省周口市")
    picker.setText("４４０３０６")
    assert picker.value() == ("440306", "宝安区")
