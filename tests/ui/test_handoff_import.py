"""The hand-off import at the window: a code typed by a USB scanner (text + Enter) or read
from a photo of the guide page loads the application as a new, unsaved one, checked again
under this machine's rules, on the review page; a damaged, altered or foreign code is
refused with a message in both languages and changes nothing."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from app import handoff
from app.service_window.audit import AuditLog
from app.domain.application import check, complete
from app.domain.findings import Severity
from app.ui.pages.base import PageId
from app.service_window.prefs import WindowPrefs

pytestmark = pytest.mark.gui


def open_dialog(window):
    window.window_mode.act_import.trigger()
    dialog = window.window_mode.handoff_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def scan(qtbot, dialog, text: str) -> None:
    """What a USB scanner does: type the text into the focused field, then Enter."""
    field = dialog.findChild(QLineEdit, "handoffCode")
    assert field.hasFocus() or dialog.focusWidget() is field
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def review_findings(window):
    page = window.wizard.page_of(PageId.REVIEW)
    return [f for f in page.findings if f.rule_id is None or not f.rule_id.startswith("FONT")]


@pytest.mark.parametrize("example", ["01", "05"])
def test_a_scanned_code_lands_on_the_review_page_with_the_findings_of_check(make_window, ui, qtbot, today, example):
    window = make_window()
    draft = ui.example(example)
    dialog = open_dialog(window)
    scan(qtbot, dialog, handoff.encode(draft))
    assert not dialog.isVisible()
    assert window.wizard.currentId() == PageId.REVIEW
    expected = check(handoff.decode_text(handoff.encode(draft)), today).findings
    assert list(window.session.result.findings) == list(expected)
    assert review_findings(window) == [f for f in expected]
    assert window.session.value("identity.name") == draft.identity.name
    assert window.session.path is None and window.session.dirty  # a new, unsaved application
    # Every page is in the history: a finding's field can be reached from the review page.
    assert set(window.wizard.visitedIds()) >= {PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER}
    assert window.wizard.jump_to("identity.phone")
    assert window.wizard.currentId() == PageId.IDENTITY


def test_an_altered_code_is_refused_with_both_messages_and_nothing_changes(make_window, ui, qtbot):
    window = make_window()
    ui.load_example(window, "02")
    before = window.session.draft.model_copy(deep=True)
    text = handoff.encode(ui.example("05"))
    altered = text[:-5] + ("A" if text[-5] != "A" else "B") + text[-4:]
    dialog = open_dialog(window)
    scan(qtbot, dialog, altered)
    assert dialog.isVisible()
    assert dialog.error == "damaged"
    error = handoff.HandoffError("damaged")
    assert dialog.message.text() == error.message_zh
    assert dialog.other.text() == error.message_en
    assert window.session.draft == before
    assert window.wizard.currentId() == PageId.START
    assert dialog.code.selectedText() == altered  # the next scan replaces it
    dialog.reject()


@pytest.mark.parametrize(("text", "code"), [
    ("https://example.com/some-other-code", "not_ours"),
    ("TH1-", "damaged"),
    ("TH1-!!!!", "damaged"),
])
def test_foreign_and_damaged_codes_are_refused(make_window, qtbot, text, code):
    window = make_window()
    dialog = open_dialog(window)
    scan(qtbot, dialog, text)
    assert dialog.error == code
    assert dialog.message.text() == handoff.HandoffError(code).message_zh
    assert not window.session.has_work()
    dialog.reject()


def test_an_empty_scan_says_what_to_do(make_window, qtbot):
    dialog = open_dialog(make_window())
    scan(qtbot, dialog, "")
    assert dialog.isVisible() and "扫描" in dialog.message.text()
    dialog.reject()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_a_photo_of_the_guide_page_is_read_through_the_photo_button(
        make_window, ui, qtbot, fake_dialogs, tmp_path, today):
    from app.domain.packet import build_packet
    from app.render.packet import render_packet

    draft = ui.example("03")
    application = complete(draft, today)
    pdfs = render_packet(build_packet(application, today), application, only=["guide"])
    guide = tmp_path / "guide.pdf"
    guide.write_bytes(pdfs["guide"])
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(guide), str(tmp_path / "scan")],
                   check=True)
    photo = next(tmp_path.glob("scan*.png"))
    fake_dialogs.answers["ask_image_path"] = photo

    window = make_window()
    dialog = open_dialog(window)
    dialog.findChild(QPushButton, "handoffPhoto").click()
    assert "ask_image_path" in fake_dialogs.names()
    assert window.wizard.currentId() == PageId.REVIEW
    assert list(window.session.result.findings) == list(check(draft, today).findings)
    assert window.session.value("identity.id_number") == draft.identity.id_number


def test_a_picture_without_a_code_is_refused(make_window, qtbot, fake_dialogs, tmp_path):
    from PySide6.QtGui import QColor, QImage

    blank = tmp_path / "blank.png"
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.save(str(blank))
    fake_dialogs.answers["ask_image_path"] = blank
    window = make_window()
    dialog = open_dialog(window)
    dialog.photo.click()
    assert dialog.error == "no_code"
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("not a picture")
    fake_dialogs.answers["ask_image_path"] = not_an_image
    dialog.photo.click()
    assert dialog.error == "unreadable_image"
    assert not window.session.has_work()
    dialog.reject()


def test_in_window_mode_the_start_page_offers_the_scan_and_the_import_is_audited(
        make_window, settings, ui, qtbot, data_dir, fake_dialogs):
    settings.window_prefs = WindowPrefs(enabled=True)
    window = make_window()
    start = window.wizard.page_of(PageId.START)
    assert start.scan.isVisibleTo(start)
    assert start.scan.text() == "扫描二维码导入(&Q)…"
    start.scan.setChecked(True)
    window.wizard.next()
    assert window.wizard.currentId() == PageId.START  # the dialog decides
    dialog = window.window_mode.handoff_dialog
    draft = ui.example("05")
    scan(qtbot, dialog, handoff.encode(draft))
    assert window.wizard.currentId() == PageId.REVIEW
    entry = [item for item in AuditLog(data_dir).entries() if item["action"] == "handoff_import"][-1]
    errors = len([f for f in window.session.result.findings if f.severity is Severity.ERROR])
    assert entry["errors"] == errors
    assert "赵德明" not in (data_dir / "audit.log").read_text(encoding="ascii")


def test_in_window_mode_importing_over_unfinished_work_asks_first(make_window, settings, ui, qtbot, fake_dialogs):
    settings.window_prefs = WindowPrefs(enabled=True)
    window = make_window()
    ui.load_example(window, "02")
    fake_dialogs.answers["ask_discard_unfinished"] = False
    scan(qtbot, open_dialog(window), handoff.encode(ui.example("05")))
    assert "ask_discard_unfinished" in fake_dialogs.names()
    assert window.session.value("identity.name") == ui.example("02").identity.name


def test_the_file_menu_always_has_the_import(make_window):
    window = make_window()
    assert window.window_mode.act_import in window.file_menu.actions()
    assert window.window_mode.act_import.text() == "导入二维码(&I)…"


def _png_claiming(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_an_image_bomb_is_refused_in_the_dialog_with_both_messages(make_window, qtbot, fake_dialogs, tmp_path):
    import time

    bomb = tmp_path / "scan.png"
    bomb.write_bytes(_png_claiming(20000, 20000))
    gif = tmp_path / "scan.gif"
    gif.write_bytes(b"GIF89a\xff\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02D\x01\x00;")
    window = make_window()
    dialog = open_dialog(window)
    for path in (bomb, gif):
        fake_dialogs.answers["ask_image_path"] = path
        started = time.perf_counter()
        dialog.photo.click()
        assert time.perf_counter() - started < 2.0
        assert dialog.error == "image_too_large"
        assert "图片太大" in dialog.message.text() and "too large" in dialog.other.text()
    assert dialog.isVisible() and not window.session.has_work()
    dialog.reject()


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_chosen_as_the_photo_is_refused_without_waiting(make_window, qtbot, fake_dialogs, tmp_path):
    import os

    fifo = tmp_path / "scan.png"
    os.mkfifo(fifo)
    fake_dialogs.answers["ask_image_path"] = fifo
    window = make_window()
    dialog = open_dialog(window)
    dialog.photo.click()  # would block for ever if anything opened the FIFO for reading
    assert dialog.error == "not_regular"
    dialog.reject()
