"""Language: Qt's own buttons speak the UI language, switching at run time retranslates
every page and the check messages, the choice is remembered, and on every page each
mnemonic (Alt+letter) belongs to one control only."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QWidget,
    QWizard,
)

from app.ui.binding import language
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
BUTTONS = {"zh": ("上一步", "下一步", "取消"), "en": ("Back", "Next", "Cancel")}
WRONG_CHECK_CHARACTER = "430104199005120136"  # example 01's number with a wrong last character


def _wizard_buttons(wizard: QWizard) -> tuple[str, str, str]:
    kinds = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)
    return tuple(wizard.button(kind).text() for kind in kinds)


def _switch(window, qtbot, lang: str) -> None:
    (window.act_en if lang == "en" else window.act_zh).trigger()  # the Language menu
    qtbot.waitUntil(lambda: language() == lang)
    qtbot.wait(1)  # LanguageChange events are posted: let the widgets handle them


def _texts(page: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a page shows or announces that is not user data."""
    found = [("title", page.title()), ("subtitle", page.subTitle())]
    for widget in page.findChildren(QWidget):
        kind = type(widget).__name__
        if widget.accessibleName():
            found.append((f"{kind} accessibleName", widget.accessibleName()))
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((f"{kind} buddy label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((f"{kind} text", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((f"{kind} title", widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append((f"{kind} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(f"{kind} item", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTreeWidget) and not widget.isHeaderHidden():
            header = widget.headerItem()
            found += [(f"{kind} header", header.text(i)) for i in range(header.columnCount())]
    return [(where, text) for where, text in found if text]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_qt_buttons_speak_the_ui_language(make_window, lang):
    window = make_window(lang)
    back, next_, cancel = _wizard_buttons(window.wizard)
    want = BUTTONS[lang]
    assert want[0] in back and want[1] in next_ and want[2] in cancel


def test_switching_to_english_retranslates_every_page(make_window, qtbot):
    window = make_window("zh")
    zh_texts = {page_id: _texts(window.wizard.page_of(page_id)) for page_id in PageId}
    _switch(window, qtbot, "en")

    assert all(word in text for word, text in zip(BUTTONS["en"], _wizard_buttons(window.wizard)))
    left = {}
    for page_id in PageId:
        chinese = [(where, text) for where, text in _texts(window.wizard.page_of(page_id)) if CJK.search(text)]
        if chinese:
            left[page_id.name] = chinese
    assert left == {}, "Chinese left after switching to English (missing tr() or retranslate())"
    assert not CJK.search(window.windowTitle().split("—")[-1])

    _switch(window, qtbot, "zh")
    assert {page_id: _texts(window.wizard.page_of(page_id)) for page_id in PageId} == zh_texts
    assert all(word in text for word, text in zip(BUTTONS["zh"], _wizard_buttons(window.wizard)))


def test_inline_message_switches_language_with_the_ui(make_window, ui, qtbot):
    window = make_window("zh")
    window.wizard.next()
    page = window.wizard.currentPage()
    ui.fill(page, "identity.id_number", WRONG_CHECK_CHARACTER)
    message = page.binder.fields["identity.id_number"].message
    assert message.isVisible() and CJK.search(message.text())
    _switch(window, qtbot, "en")
    assert message.isVisible() and message.text() and not CJK.search(message.text())
    _switch(window, qtbot, "zh")
    assert CJK.search(message.text())


def test_language_choice_is_remembered(make_window, settings, qtbot):
    window = make_window("zh")
    _switch(window, qtbot, "en")
    assert settings.language == "en"
    window.translations.clear()
    again = make_window(settings.language)
    assert window.act_en.isChecked() and again.act_en.isChecked()
    assert "Next" in _wizard_buttons(again.wizard)[1]


_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton)


def _mnemonics(window, page: QWidget) -> Counter:
    """Alt+letter of every visible control of the shown page, the wizard's buttons and the menus."""
    texts = [action.text() for action in window.menuBar().actions()]
    for widget in page.findChildren(QWidget) + [window.wizard.button(kind) for kind in _BUTTONS]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
    letters = Counter()
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            letters[match.group(1).lower()] += 1
    return letters


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_mnemonic_belongs_to_one_control_per_page(make_window, ui, lang):
    window = make_window(lang)
    ui.load_example(window, "01")
    clashes = {}
    while True:
        page = window.wizard.currentPage()
        doubled = {letter: n for letter, n in _mnemonics(window, page).items() if n > 1}
        if doubled:
            clashes[type(page).__name__] = doubled
        if window.wizard.currentId() == PageId.DOCUMENTS:
            break
        before = window.wizard.currentId()
        window.wizard.next()
        assert window.wizard.currentId() != before, f"stuck on page {before}"
    assert clashes == {}
