"""The wizard end to end, the way a person uses it: from an empty start through every
page to PDFs on disk; Next follows what is filled in; a wrong check character shows under
the number at once; the review page jumps back to the field of a finding; Cancel can be
refused and Escape closes nothing; the first page is made without the heavy parts.

Widgets are found through each page's binder (`binder.widget_for(path)`), its buttons and
the history table's model; never through private attributes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton, QTreeWidget, QWizard

from app.domain.enums import Filer
from app.ui.history_model import FIELDS, Column
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

NEXT = QWizard.WizardButton.NextButton
RIGHT_NUMBER = "430104199005120135"   # example 01's
WRONG_CHECK = "430104199005120136"    # the same with a wrong check character
IDENTITY_FIELDS = ("id_type", "id_number", "name", "phone", "address", "postcode", "hukou_address", "hukou_type",
                   "ss_card_number", "former_personal_number", "social_security_number")
AGENCY_FIELDS = ("name", "address", "phone", "postcode")  # the area: a search box


def _next_enabled(window) -> bool:
    return window.wizard.button(NEXT).isEnabled()


def _go_next(window, expected: PageId) -> None:
    assert _next_enabled(window), f"Next is disabled on page {window.wizard.currentId()}"
    window.wizard.button(NEXT).click()
    assert window.wizard.currentId() == expected


def _enter_identity(ui, page, example) -> None:
    for name in IDENTITY_FIELDS:
        value = getattr(example.identity, name)
        if value is not None:
            ui.fill(page, f"identity.{name}", value)


def _enter_history(page, example) -> None:
    """Each period: the Add button, then every cell through the table model."""
    model = page.model
    for row, period in enumerate(example.history):
        page.add_button.click()
        assert model.rowCount() == row + 1
        for column in Column:
            if column is Column.AREA:
                value = (period.area_code, period.area_name)
            else:
                value = getattr(period, FIELDS[column][0])
                if value is None:
                    continue
                value = value if isinstance(value, str) else str(value)
            assert model.setData(model.index(row, column), value), (row, column)


def _pick_area(qtbot, ui, page, accessible_name: str, code: str) -> None:
    """Type a division code into an area search box and press Enter, as a clerk would."""
    picker = ui.by_name(page, accessible_name)
    page.window().activateWindow()
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    picker.selectAll()  # the origin may be prefilled from the history
    qtbot.keyClicks(picker, code)
    qtbot.keyClick(picker, Qt.Key.Key_Return)


def _enter_transfer(qtbot, ui, page, example) -> None:
    transfer = example.transfer
    ui.fill(page, "transfer.filer", transfer.filer)  # first: it shows the agent's fields
    ui.fill(page, "transfer.reason", transfer.reason)
    for place, spoken in (("origin", "转出地地区"), ("destination", "转入地地区")):
        agency = getattr(transfer, place)
        _pick_area(qtbot, ui, page, spoken, agency.area_code)
        for name in AGENCY_FIELDS:
            ui.fill(page, f"transfer.{place}.{name}", getattr(agency, name))
    for name in ("stop_month", "destination_scheme", "enrol_month", "filed_at", "retired", "pension_moves"):
        ui.fill(page, f"transfer.{name}", getattr(transfer, name))
    if transfer.new_employer is not None:
        ui.fill(page, "transfer.new_employer.name", transfer.new_employer.name)
        ui.fill(page, "transfer.new_employer.uscc", transfer.new_employer.uscc)
    if transfer.agent is not None:
        for name in ("name", "id_type", "id_number", "phone", "relation", "address", "postcode"):
            ui.fill(page, f"transfer.agent.{name}", getattr(transfer.agent, name))
    if transfer.signed_on is not None:
        ui.fill(page, "transfer.signed_on", transfer.signed_on.isoformat()
                if isinstance(transfer.signed_on, date) else transfer.signed_on)


def _first_page_text(path) -> str:
    """The first page only (extracting every page of a CJK packet takes seconds)."""
    with pdfplumber.open(path) as pdf:
        return pdf.pages[0].extract_text() or ""


@pytest.mark.parametrize("number, role", [("01", "参保人本人"), ("05", "代办人")])
def test_empty_start_to_pdfs_on_disk(make_window, ui, qtbot, tmp_path, fake_dialogs, number, role):
    example = ui.example(number)
    window = make_window()
    wizard = window.wizard

    start = wizard.currentPage()
    [choice] = [b for b in start.findChildren(QRadioButton) if b.text().startswith(role)]
    choice.setChecked(True)
    _go_next(window, PageId.IDENTITY)

    identity = wizard.currentPage()
    assert _next_enabled(window)  # always: the page lists what is open, the review page blocks
    _enter_identity(ui, identity, example)
    assert window.session.value("identity.sex") == example.identity.sex  # decoded from the number
    _go_next(window, PageId.HISTORY)

    _enter_history(wizard.currentPage(), example)
    _go_next(window, PageId.TRANSFER)

    transfer = wizard.currentPage()
    if role == "代办人":
        assert window.session.value("transfer.filer") is Filer.AGENT  # from the start page's answer
    _enter_transfer(qtbot, ui, transfer, example)
    _go_next(window, PageId.REVIEW)

    review = wizard.currentPage()
    assert [(f.path, f.code) for f in review.errors()] == []
    assert window.session.draft.history == example.history
    assert window.session.draft.transfer == example.transfer
    _go_next(window, PageId.DOCUMENTS)

    documents = wizard.currentPage()
    qtbot.waitUntil(documents.is_ready, timeout=30_000)
    out = tmp_path / "out"
    out.mkdir()
    fake_dialogs.answers["ask_folder"] = out
    ui.button(documents, "PDF").click()
    assert "ask_folder" in fake_dialogs.names()
    written = sorted(out.glob("*.pdf"))
    assert len(written) >= 2, written
    suffix = f"-{example.identity.name}-{window.session.today.isoformat()}.pdf"
    assert all(p.name.endswith(suffix) for p in written), written  # title, name and date
    assert (out / f"医保关系转移全部材料{suffix}").exists()
    form = _first_page_text(next(p for p in written if p.name.startswith("基本医疗保险") and "申请表" in p.name))
    assert example.identity.name in form
    if example.transfer.agent is not None:
        assert example.transfer.agent.name in form
        assert any("授权委托书" in p.name for p in written)


def test_next_is_allowed_on_every_answer_page_and_only_the_review_page_blocks(window, ui):
    window.wizard.next()
    for page_id in (PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER):
        assert window.wizard.currentId() == page_id
        assert _next_enabled(window)
        page = window.wizard.currentPage()
        window.session.run_check()
        assert "下一步" in page.open_note.text() and "检查页" in page.open_note.text()
        window.wizard.next()
    assert window.wizard.currentId() == PageId.REVIEW
    assert not _next_enabled(window)  # an empty application: errors block the documents


def test_wrong_check_character_shows_under_the_number_while_typing(window, ui, qtbot):
    window.wizard.next()
    page = window.wizard.currentPage()
    number = ui.widget(page, "identity.id_number")
    message = page.binder.fields["identity.id_number"].message
    number.setFocus()
    qtbot.keyClicks(number, WRONG_CHECK[:-1])
    qtbot.keyClick(number, WRONG_CHECK[-1])
    # At once: no Next pressed, no waiting for the debounced full check.
    assert message.isVisible()
    assert "校验" in message.text()
    assert window.wizard.currentId() == PageId.IDENTITY
    qtbot.keyClick(number, Qt.Key.Key_Backspace)
    qtbot.keyClick(number, "5")
    assert not message.isVisible()


def _items(tree: QTreeWidget):
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        yield head
        for j in range(head.childCount()):
            yield head.child(j)


def _to_review(window, ui, changes: dict) -> None:
    ui.load_example(window, "01")
    for path, value in changes.items():
        window.session.set(path, value)
    while window.wizard.currentId() != PageId.REVIEW:
        _go_next(window, PageId(window.wizard.currentId() + 1))


def test_review_blocks_on_errors_and_jumps_to_the_field(window, ui, qtbot):
    _to_review(window, ui, {"identity.phone": "12345"})
    review = window.wizard.currentPage()
    assert not _next_enabled(window)
    tree = review.findChild(QTreeWidget, "findings")
    [item] = [i for i in _items(tree) if i.data(0, Qt.ItemDataRole.UserRole) == "identity.phone"]
    tree.setFocus()
    tree.setCurrentItem(item)
    with qtbot.waitSignal(window.wizard.jumped):
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.IDENTITY
    phone = ui.widget(window.wizard.currentPage(), "identity.phone")
    assert QApplication.focusWidget() is phone

    phone.setText("13800138001")
    while window.wizard.currentId() != PageId.REVIEW:
        _go_next(window, PageId(window.wizard.currentId() + 1))
    assert _next_enabled(window)


def test_review_jumps_to_a_history_cell(window, ui, qtbot):
    _to_review(window, ui, {"history.1.start": "2017-13"})
    review = window.wizard.currentPage()
    tree = review.findChild(QTreeWidget, "findings")
    targets = [i for i in _items(tree) if (i.data(0, Qt.ItemDataRole.UserRole) or "") == "history.1.start"]
    assert targets
    tree.setFocus()
    tree.setCurrentItem(targets[0])
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.HISTORY
    history = window.wizard.currentPage()
    current = history.table.currentIndex()
    assert (current.row(), current.column()) == (1, Column.START)
    assert history.table.hasFocus()


def test_cancel_asks_about_unsaved_work_and_can_be_refused(window, ui, fake_dialogs):
    ui.load_example(window, "01")
    _go_next(window, PageId.IDENTITY)
    fake_dialogs.answers["ask_save_discard_cancel"] = "cancel"
    window.wizard.button(QWizard.WizardButton.CancelButton).click()
    assert fake_dialogs.names() == ["ask_save_discard_cancel"]
    assert window.isVisible() and window.wizard.isVisible()
    assert window.wizard.currentId() == PageId.IDENTITY
    assert ui.widget(window.wizard.currentPage(), "identity.name").text() == "王晓明"
    fake_dialogs.answers["ask_save_discard_cancel"] = "discard"


def test_escape_in_a_field_does_not_close_the_window(window, ui, qtbot, fake_dialogs):
    window.wizard.next()
    name = ui.widget(window.wizard.currentPage(), "identity.name")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert window.isVisible() and window.wizard.currentId() == PageId.IDENTITY
    assert fake_dialogs.calls == []


def test_the_first_page_is_made_without_the_domain_model_or_the_other_pages():
    """Start-up: the window and its start page need neither pydantic nor the page modules
    (they load right after the first paint). A fresh interpreter, since this one has them."""
    code = ("import sys\n"
            "from app.ui.main import build_window, create_app\n"
            "app = create_app(['x'])\n"
            "window = build_window(defer=True)\n"
            "print(sorted(m for m in ('pydantic', 'app.domain.application', 'app.ui.pages.identity',\n"
            "                         'app.ui.pages.history', 'reportlab') if m in sys.modules))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_started_app_installs_the_desk_guard_once_its_pages_exist(tmp_path):
    """run() installs the desk guard (app.ui.widgets.desk) when every page has been made, not
    before the first paint (it made that ~35 ms slower) nor while the pages are made (~80
    ms): then the fields already made are settled as if it had seen them polished, and the
    wheel is guarded on every page. A fresh interpreter: no other test's guard is there."""
    code = ("import json\n"
            "from PySide6.QtCore import Qt\n"
            "from PySide6.QtWidgets import QAbstractSpinBox, QComboBox\n"
            "from app.ui.main import build_window, create_app\n"
            "from app.ui.widgets import desk\n"
            "app = create_app(['x'], defer=True)\n"
            "window = build_window(defer=True)\n"
            "window.show()\n"
            "before = desk._guard is not None\n"
            "window.wizard.ensure_pages()\n"
            "fields = window.findChildren(QComboBox) + window.findChildren(QAbstractSpinBox)\n"
            "print(json.dumps({'before': before, 'after': desk._guard is not None, 'fields': len(fields),\n"
            "    'wheel_focus': sum(f.focusPolicy() == Qt.FocusPolicy.WheelFocus for f in fields)}))\n"
            "window.session.dirty = False\n"
            "window.close()\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRANSFER_HELPER_DATA": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["before"] is False and found["after"] is True
    assert found["fields"] >= 5 and found["wheel_focus"] == 0


def test_desk_settle_does_what_the_guard_does_on_polish(qapp):
    from PySide6.QtWidgets import QDateEdit, QSpinBox, QWidget

    from app.ui.widgets import desk

    root = QWidget()  # never shown: nothing polished
    fields = [QComboBox(root), QSpinBox(root), QDateEdit(root)]
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
    desk.settle(root)
    assert [field.focusPolicy() for field in fields] == [Qt.FocusPolicy.StrongFocus] * 3
