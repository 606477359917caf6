"""Autosave and crash recovery through the window: what was typed survives a crash and is
offered back on the next start; a clean exit leaves nothing behind to offer."""
from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QRadioButton

from app.domain.application import ApplicationDraft
from app.ui.pages.base import PageId
from app.ui.session import AUTOSAVE_DELAY_MS

pytestmark = pytest.mark.gui

NAME = "王晓明"
PHONE = "13800138001"


def _autosaved(data_dir) -> dict:
    try:
        return json.loads((data_dir / "autosave.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _type_identity(window, ui, qtbot, data_dir) -> None:
    """From the start page of a fresh window to the identity page, typing a name and phone,
    until both are in the autosave."""
    window.wizard.next()
    assert window.wizard.currentId() == PageId.IDENTITY
    page = window.wizard.currentPage()
    ui.fill(page, "identity.name", NAME)
    ui.fill(page, "identity.phone", PHONE)
    qtbot.waitUntil(lambda: _autosaved(data_dir).get("identity", {}).get("phone") == PHONE, timeout=10_000)


def _radio(window, text: str) -> QRadioButton:
    start = window.wizard.page_of(PageId.START)
    found = [b for b in start.findChildren(QRadioButton) if text in b.text()]
    assert len(found) == 1, text
    return found[0]


def test_typed_values_come_back_after_a_crash(make_window, ui, qtbot, data_dir):
    crashed = make_window()
    _type_identity(crashed, ui, qtbot, data_dir)
    crashed.hide()  # killed: no close, so the running marker stays
    assert (data_dir / "running.lock").exists()

    window = make_window()
    assert window.wizard.currentId() == PageId.START
    restore = _radio(window, "恢复上次自动保存的内容")
    assert restore.isVisible() and restore.isChecked()
    # The new session must not overwrite the autosave before the user has chosen.
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert _autosaved(data_dir)["identity"]["name"] == NAME

    window.wizard.next()
    assert window.wizard.currentId() == PageId.IDENTITY
    page = window.wizard.currentPage()
    assert ui.widget(page, "identity.name").text() == NAME
    assert ui.widget(page, "identity.phone").text() == PHONE
    assert window.session.dirty  # restored work is not saved to a file yet


def test_choosing_new_after_a_crash_starts_empty(make_window, ui, qtbot, data_dir):
    crashed = make_window()
    _type_identity(crashed, ui, qtbot, data_dir)
    crashed.hide()

    window = make_window()
    _radio(window, "新建一份申请").setChecked(True)
    window.wizard.next()
    assert window.wizard.currentId() == PageId.IDENTITY
    assert ui.widget(window.wizard.currentPage(), "identity.name").text() == ""


def test_clean_close_leaves_nothing_to_restore(make_window, ui, qtbot, data_dir, fake_dialogs):
    first = make_window()
    _type_identity(first, ui, qtbot, data_dir)
    assert first.close()
    assert "ask_save_discard_cancel" in fake_dialogs.names()  # typed, never saved: asked
    assert not (data_dir / "running.lock").exists()
    assert not (data_dir / "autosave.json").exists()

    window = make_window()
    assert not _radio(window, "恢复上次自动保存的内容").isVisible()


def test_cancelled_close_keeps_the_window_and_the_autosave(make_window, ui, qtbot, data_dir, fake_dialogs):
    window = make_window()
    _type_identity(window, ui, qtbot, data_dir)
    fake_dialogs.answers["ask_save_discard_cancel"] = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert _autosaved(data_dir)["identity"]["name"] == NAME
    fake_dialogs.answers["ask_save_discard_cancel"] = "discard"


def test_damaged_autosave_is_reported_and_the_start_page_stays(make_window, data_dir, fake_dialogs):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "autosave.json").write_text('{"format": "transfer-helper-draft", "schema_ver', encoding="utf-8")
    (data_dir / "running.lock").write_text("1", encoding="utf-8")

    window = make_window()
    assert _radio(window, "恢复上次自动保存的内容").isChecked()
    window.wizard.next()
    assert window.wizard.currentId() == PageId.START
    assert fake_dialogs.names() == ["show_error"]
    title, text = fake_dialogs.calls[0][1][:2]
    assert "不完整" in text  # the draft loader's own message, in the UI language


def test_next_pressed_before_the_pages_exist_stops_to_show_the_restore_offer(qtbot, settings, data_dir):
    """run() makes the autosave and the other pages just after the start page is painted;
    a Next typed ahead of that must not restore (or discard) work the person never saw offered."""
    from app.storage.autosave import Autosave
    from app.ui.main import build_window

    Autosave(data_dir).save(ApplicationDraft.model_validate({"identity": {"name": NAME}}))
    (data_dir / "running.lock").write_text("1", encoding="utf-8")

    window = build_window(settings=settings, defer=True)
    qtbot.addWidget(window)
    window.show()  # no event processed yet: not painted, so the pages are not made yet
    try:
        assert window.session.autosave is None and not _radio(window, "恢复上次自动保存的内容").isVisibleTo(window)
        window.wizard.next()
        assert window.wizard.currentId() == PageId.START
        assert _radio(window, "恢复上次自动保存的内容").isVisibleTo(window)
        window.wizard.next()
        assert window.wizard.currentId() == PageId.IDENTITY
        assert window.session.value("identity.name") == NAME
    finally:
        window.translations.clear()


def test_closing_right_after_typing_leaves_no_autosave_behind(make_window, ui, qtbot, data_dir):
    """A clean exit removes the autosave (it holds personal data); a save still pending from
    the last keystrokes must not write it again afterwards."""
    window = make_window()
    window.wizard.next()
    ui.fill(window.wizard.currentPage(), "identity.name", NAME)
    assert window.close()
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)
    assert not (data_dir / "autosave.json").exists()


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_autosave_or_a_draft_is_refused_without_hanging(make_window, data_dir, fake_dialogs,
                                                                              tmp_path):
    import os

    data_dir.mkdir(parents=True, exist_ok=True)
    os.mkfifo(data_dir / "autosave.json")
    (data_dir / "running.lock").write_text("1", encoding="utf-8")
    window = make_window()
    window.wizard.next()  # restore: would block for ever if anything opened the FIFO
    assert window.wizard.currentId() == PageId.START
    assert "普通文件" in fake_dialogs.calls[-1][1][1]
    fifo = tmp_path / "draft.json"
    os.mkfifo(fifo)
    assert not window.open_path(fifo)
    assert fake_dialogs.names()[-1] == "show_error" and "普通文件" in fake_dialogs.calls[-1][1][1]
    os.unlink(data_dir / "autosave.json")
