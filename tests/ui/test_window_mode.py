"""Window mode (窗口模式): "next applicant" leaves nothing of the previous person in the data
folder, the temporary folder, the clipboard or any widget; the idle lock hides the data and
any key brings it back; the idle clear clears; the office fills each new application; the
audit log names actions, never people. Fake people only (examples/05: an agent files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QTreeWidget,
)

from app.storage import tempfiles
from app.service_window.audit import AuditLog
from app.ui import printing
from app.ui.pages.base import PageId
from app.service_window.prefs import WindowPrefs

pytestmark = pytest.mark.gui

OFFICE = WindowPrefs(enabled=True, area_code="370200", area_name="山东省青岛市", agency_name="青岛市医疗保险事业中心",
                     address="青岛市市南区样例路 18 号", phone="0532-85791234", postcode="266000")
# Everything of example 05 that identifies its two people.
PERSONAL = ("赵德明", "210102196804150579", "13500135005", "山东省青岛市市南区示例路 21 号", "辽宁省沈阳市和平区样例街 4 号",
            "赵小雨", "370202199409090629", "13400134006", "1968-04-15")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole,
         Qt.ItemDataRole.AccessibleTextRole)


# -- helpers ------------------------------------------------------------------------------
def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # QAbstractListModel: private, one column
        return 1


def _model_texts(model, parent=QModelIndex()):
    columns = _columns(model, parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in ROLES:
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            if column == 0 and not parent.isValid() and model.rowCount(index) > 0:
                yield from _model_texts(model, index)
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str):
            yield header


def widget_texts() -> list[tuple[str, str]]:
    """Every text any widget of the application holds: text(), toPlainText(), item texts
    of views and combos, window titles, tool tips, placeholders, accessible names."""
    found = []
    for widget in QApplication.allWidgets():
        kind = type(widget).__name__
        texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
                 widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())] + [widget.currentText()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += list(_model_texts(widget.model()))
        found += [(kind, text) for text in texts if text]
    return found


def leaks_in_widgets() -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in widget_texts() if any(secret in text for secret in PERSONAL)]


def leaks_in_files(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            for secret in PERSONAL:
                forms = {secret.encode("utf-8"), json.dumps(secret).strip('"').encode("ascii")}
                if any(form in data for form in forms):
                    found.append(f"{path.name}: {secret}")
    return found


@pytest.fixture
def clerk_window(make_window, settings, qtbot):
    """A main window in window mode with this office set (as the app starts)."""
    settings.window_prefs = OFFICE

    def make():
        window = make_window()
        window.wizard.ensure_pages()
        window.activateWindow()
        qtbot.waitActive(window)
        return window

    return make


@pytest.fixture
def temp_folder():
    """The app's temporary folder, with Python's and Qt's temporary files redirected into it
    (as run() does); removed afterwards."""
    files = tempfiles.registry()
    folder = files.redirect_process_temp()
    yield files, folder
    files.remove()


def audit_entries(data_dir: Path) -> list[dict]:
    return AuditLog(data_dir).entries()


def rendered_documents(window, ui, qtbot, example: str = "05"):
    ui.load_example(window, example)
    ui.go_to(window, PageId.REVIEW)
    page = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(page.packetReady, timeout=60_000) as ready:
        window.wizard.next()
    assert ready.args == [True]
    return page


# -- next applicant -----------------------------------------------------------------------
def test_next_applicant_leaves_nothing_of_the_previous_person_anywhere(
        clerk_window, ui, qtbot, fake_dialogs, monkeypatch, tmp_path, data_dir, settings, temp_folder):
    files, folder = temp_folder
    window = clerk_window()
    page = rendered_documents(window, ui, qtbot)
    # Previewed: every document once.
    for i in range(page.documents_list.topLevelItemCount()):
        page.documents_list.setCurrentItem(page.documents_list.topLevelItem(i))
    assert page.preview.page_count() > 0
    # Saved as PDFs (outside the scanned folders: the clerk chose to keep them).
    out = tmp_path / "out"
    out.mkdir()
    fake_dialogs.answers["ask_folder"] = out
    assert page.save_pdfs()
    # Printed: the spool copy lands in the app's temporary folder, as Qt's CUPS spool does.
    spool = folder / "spool-job.pdf"

    def pdf_printer(title=""):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(spool))
        printer.setResolution(300)  # fast: the pages are rasterised at the printer's resolution
        printer.setFullPage(True)
        return printer

    monkeypatch.setattr(printing, "make_printer", pdf_printer)
    fake_dialogs.answers.update(ask_print=True, show_print_preview=True)
    assert page.print_selected()
    assert spool.stat().st_size > 0
    files.write(b"a preview rendered to a file", suffix=".png")
    # Saved as a draft under the person's name, with a passphrase kept in the session.
    drafts = tmp_path / "drafts"
    fake_dialogs.answers.update(ask_save_path=drafts / "赵德明.json", ask_passphrase="")
    assert window.save_file_as()
    # The name copied to the clipboard from its field.
    identity = window.wizard.page_of(PageId.IDENTITY)
    name_edit = identity.binder.widget_for("identity.name")
    name_edit.selectAll()
    name_edit.copy()
    assert QGuiApplication.clipboard().text() == "赵德明"
    assert leaks_in_widgets()  # the scan does see them before
    history = window.wizard.page_of(PageId.HISTORY)

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(50)

    assert "ask_discard_unfinished" not in fake_dialogs.names()  # printed: nothing to ask
    assert window.wizard.currentId() == PageId.IDENTITY
    assert QApplication.focusWidget() is identity.binder.widget_for("identity.id_number")
    assert leaks_in_widgets() == []
    window.session.autosave.wait()
    assert not (data_dir / "autosave.json.bak").exists()
    assert leaks_in_files(data_dir, folder, tmp_path / "settings.ini") == []
    assert files.leftovers() == []
    assert not spool.exists()
    assert QGuiApplication.clipboard().text() == ""
    assert page.pdfs == {} and page.packet is None and page.preview.page_count() == 0
    assert history.undo_stack.count() == 0
    assert window.session.path is None and window.session.key is None and not window.session.printed
    assert settings.last_folder == "" and "last_folder" not in Path(tmp_path / "settings.ini").read_text()
    assert "赵德明" not in window.windowTitle()
    actions = [item["action"] for item in audit_entries(data_dir)]
    assert actions[0] == "app_start"
    assert {"save_pdf", "print", "save_draft", "next_applicant"} <= set(actions)
    assert (drafts / "赵德明.json").exists()  # what the clerk saved on purpose stays


def test_the_audit_log_after_a_full_flow_holds_no_name_number_or_phone(
        clerk_window, ui, qtbot, fake_dialogs, tmp_path, data_dir):
    window = clerk_window()
    page = rendered_documents(window, ui, qtbot)
    fake_dialogs.answers["ask_folder"] = tmp_path
    page.save_pdfs()
    fake_dialogs.answers.update(ask_save_path=tmp_path / "赵德明-210102196804150579.json", ask_passphrase="")
    window.save_file_as()
    window.window_mode.next_applicant()
    log = (data_dir / "audit.log").read_text(encoding="ascii")
    for secret in ("赵德明", "210102196804150579", "13500135005", json.dumps("赵德明").strip('"')):
        assert secret not in log
    assert [json.loads(line)["action"] for line in log.splitlines()][-3:] == ["save_pdf", "save_draft",
                                                                                "next_applicant"]


def test_next_applicant_asks_before_clearing_work_neither_printed_nor_saved(clerk_window, ui, fake_dialogs):
    window = clerk_window()
    ui.go_to(window, PageId.IDENTITY)
    ui.fill(window.wizard.page_of(PageId.IDENTITY), "identity.name", "赵德明")
    fake_dialogs.answers["ask_discard_unfinished"] = False
    assert not window.window_mode.next_applicant()
    assert window.session.value("identity.name") == "赵德明"
    fake_dialogs.answers["ask_discard_unfinished"] = True
    assert window.window_mode.next_applicant()
    assert window.session.value("identity.name") is None
    assert fake_dialogs.names().count("ask_discard_unfinished") == 2


def test_the_office_fills_a_new_application_and_enter_on_the_start_page_goes_straight_on(clerk_window, qtbot):
    window = clerk_window()
    assert window.wizard.currentId() == PageId.START
    start = window.wizard.page_of(PageId.START)
    assert start.scan.isVisibleTo(start) and start.role() == "staff"
    qtbot.keyClick(window.wizard, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.IDENTITY
    session = window.session
    assert session.value("transfer.destination.name") == "青岛市医疗保险事业中心"
    assert session.value("transfer.destination.area_code") == "370200"
    assert session.value("transfer.origin.name") is None
    assert not session.dirty  # the office is not the applicant's work: nothing to ask about
    assert window.window_mode.next_applicant()
    assert session.value("transfer.destination.postcode") == "266000"


def test_the_toolbar_shows_next_applicant_only_in_window_mode(make_window, settings):
    window = make_window()
    toolbar = window.findChild(QToolBar, "windowModeToolbar")
    assert not toolbar.isVisible()
    assert not window.window_mode.act_next.isEnabled()
    window.window_mode.set_enabled(True)
    assert toolbar.isVisible()
    assert window.window_mode.act_next.text() == "下一位(&X)"
    assert window.window_mode.act_next.shortcut().toString() == "Ctrl+Shift+N"
    assert settings.window_mode
    assert "窗口模式" in window.windowTitle()


def test_window_mode_keeps_no_recent_folder(clerk_window, fake_dialogs, settings, tmp_path):
    window = clerk_window()
    fake_dialogs.answers.update(ask_save_path=tmp_path / "somebody" / "draft.json", ask_passphrase="")
    assert window.save_file_as()
    assert settings.last_folder == ""
    assert window.open_path(tmp_path / "somebody" / "draft.json")
    assert settings.store.value("files/last_folder") is None


def test_the_title_never_shows_the_file_name_in_window_mode(clerk_window, fake_dialogs, tmp_path):
    window = clerk_window()
    fake_dialogs.answers.update(ask_save_path=tmp_path / "赵德明.json", ask_passphrase="")
    window.save_file_as()
    assert "赵德明" not in window.windowTitle()


def test_switching_window_mode_on_and_the_settings_are_audited_by_key_only(make_window, monkeypatch, data_dir):
    from app.ui import window_settings

    window = make_window()
    window.window_mode.act_toggle.trigger()
    assert window.window_mode.enabled
    monkeypatch.setattr(window_settings, "open_window_settings",
                        lambda parent, settings: _store(settings, OFFICE))
    assert window.window_mode.open_settings()
    entries = [item for item in audit_entries(data_dir) if item["action"] == "settings_changed"]
    assert entries[0]["keys"] == ["enabled"]
    assert set(entries[1]["keys"]) == {"area_code", "area_name", "agency_name", "address", "phone", "postcode"}
    assert "青岛" not in (data_dir / "audit.log").read_text(encoding="ascii")


def _store(settings, prefs):
    settings.window_prefs = prefs
    return settings.window_prefs


def test_the_settings_dialog_reads_and_returns_the_preferences(qtbot):
    from app.ui.window_settings import WindowSettingsDialog

    dialog = WindowSettingsDialog(None, OFFICE)
    qtbot.addWidget(dialog)
    assert dialog.enabled.isChecked()
    assert dialog.prefs() == OFFICE.normalized()
    dialog.lock_minutes.setValue(12)
    assert dialog.clear_minutes.value() == 13  # the clear always comes after the lock
    dialog.side.setCurrentIndex(dialog.side.findData("origin"))
    dialog.agency_name.setText("另一个中心")
    prefs = dialog.prefs()
    assert (prefs.lock_minutes, prefs.side, prefs.agency_name) == (12, "origin", "另一个中心")
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            assert "&" in label.text()
            assert label.buddy().accessibleName()


# -- idle lock and clear ------------------------------------------------------------------
def test_idle_lock_hides_the_data_and_any_key_unlocks_with_the_data_intact(clerk_window, ui, qtbot, data_dir):
    window = clerk_window()
    ui.load_example(window, "05")
    ui.go_to(window, PageId.IDENTITY)
    id_edit = window.wizard.page_of(PageId.IDENTITY).binder.widget_for("identity.id_number")
    id_edit.setFocus()
    window.window_mode.set_idle_times(60, 60_000)
    qtbot.waitUntil(lambda: window.window_mode.locked, timeout=2000)

    lock = window.window_mode.lock_screen
    assert lock.isVisible() and not window.wizard.isVisible()
    assert lock.title.text() == "已锁定 — 按任意键继续"
    assert lock.geometry() == window.rect()
    visible = [text for kind, text in widget_texts() if any(s in text for s in PERSONAL)]
    shown = [w for w in QApplication.allWidgets() if w.isVisible() and isinstance(w, (QLineEdit, QLabel))
             and any(s in (w.text() or "") for s in PERSONAL)]
    assert visible and shown == []  # still held, but nothing of it on screen
    assert "赵德明" not in window.windowTitle() and "已锁定" in window.windowTitle()

    qtbot.keyClick(lock, Qt.Key.Key_A)
    assert not window.window_mode.locked
    assert window.wizard.isVisible() and not lock.isVisible()
    assert window.session.value("identity.name") == "赵德明"
    assert id_edit.text() == "210102196804150579"  # the key only unlocked, it typed nothing
    assert QApplication.focusWidget() is id_edit
    assert [item["action"] for item in audit_entries(data_dir)].count("auto_lock") == 1


def test_a_click_unlocks_and_moving_the_mouse_does_not(clerk_window, qtbot):
    window = clerk_window()
    window.window_mode.lock_now()
    lock = window.window_mode.lock_screen
    qtbot.mouseMove(lock, lock.rect().center())
    assert window.window_mode.locked
    qtbot.mouseClick(lock, Qt.MouseButton.LeftButton)
    assert not window.window_mode.locked


def test_shortcuts_do_not_fire_while_locked(clerk_window, qtbot, fake_dialogs):
    window = clerk_window()
    window.window_mode.lock_now()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.window_mode.locked
    assert window.wizard.currentId() == PageId.START  # unlocked only: 下一位 did not run


def test_idle_clear_clears_without_asking_and_the_lock_screen_says_so(clerk_window, ui, qtbot, fake_dialogs, data_dir):
    window = clerk_window()
    ui.load_example(window, "05")
    ui.go_to(window, PageId.TRANSFER)
    assert window.window_mode.has_unfinished_work()
    window.window_mode.set_idle_times(40, 150)
    qtbot.waitUntil(lambda: window.session.value("identity.name") is None, timeout=3000)
    lock = window.window_mode.lock_screen
    assert window.window_mode.locked and lock.isVisible()
    assert "已清除" in lock.message.text()
    assert "ask_discard_unfinished" not in fake_dialogs.names()
    assert leaks_in_widgets() == []
    assert not (data_dir / "autosave.json").exists() or leaks_in_files(data_dir) == []
    actions = [item["action"] for item in audit_entries(data_dir)]
    assert "auto_lock" in actions and actions[-1] == "auto_clear"
    qtbot.keyClick(lock, Qt.Key.Key_Space)
    assert window.wizard.currentId() == PageId.IDENTITY
    assert QApplication.focusWidget() is window.wizard.page_of(PageId.IDENTITY).binder.widget_for("identity.id_number")


def test_outside_window_mode_nothing_locks(make_window, qtbot):
    window = make_window()
    window.window_mode.set_idle_times(20, 40)
    qtbot.wait(120)
    assert not window.window_mode.locked
    assert window.wizard.isVisible()


def test_no_review_or_history_content_survives_next_applicant(clerk_window, ui, fake_dialogs):
    window = clerk_window()
    ui.load_example(window, "05")
    ui.go_to(window, PageId.REVIEW)
    history = window.wizard.page_of(PageId.HISTORY)
    history.undo_stack.push(QUndoCommand("添加"))
    review = window.wizard.page_of(PageId.REVIEW)
    assert any(tree.topLevelItemCount() for tree in review.findChildren(QTreeWidget))
    fake_dialogs.answers["ask_discard_unfinished"] = True
    assert window.window_mode.next_applicant()
    assert all(tree.topLevelItemCount() == 0 for tree in review.findChildren(QTreeWidget))
    assert history.undo_stack.count() == 0


def test_the_preferences_survive_the_settings_file_and_hold_no_applicant(settings, tmp_path):
    settings.window_prefs = OFFICE
    settings.sync()
    from PySide6.QtCore import QSettings

    from app.ui.settings import Settings

    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.window_prefs == OFFICE.normalized()
    assert again.window_mode is True
    again.window_prefs = WindowPrefs()
    assert again.window_mode is False
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert not any(secret in text for secret in PERSONAL)


# -- a crash at a service window ------------------------------------------------------------------
@pytest.mark.parametrize("defer", [False, True])
def test_after_a_crash_in_window_mode_the_previous_applicants_autosave_is_discarded(
        settings, data_dir, qtbot, defer):
    from app.domain.application import ApplicationDraft
    from app.storage.autosave import Autosave
    from app.ui.main import build_window

    settings.window_prefs = OFFICE
    Autosave(data_dir).save(ApplicationDraft.model_validate({"identity": {"name": "赵德明"}}))
    (data_dir / "running.lock").write_text("1", encoding="utf-8")
    window = build_window(settings=settings, autosave=None if defer else Autosave(data_dir), defer=defer)
    qtbot.addWidget(window)
    window.show()
    try:
        window.wizard.ensure_pages()
        qtbot.waitUntil(lambda: window.session.autosave is not None, timeout=5000)
        start = window.wizard.page_of(PageId.START)
        assert not start.offers_restore() and not start.restore.isChecked()
        assert not (data_dir / "autosave.json").exists()
        window.wizard.next()
        assert window.session.value("identity.name") in (None, "")
    finally:
        window.translations.clear()


def test_the_office_sets_its_local_pack_once_and_every_check_uses_it(qtbot, make_window, monkeypatch):
    from app.domain import packs
    from app.ui import window_settings
    from app.ui.window_settings import WindowSettingsDialog

    dialog = WindowSettingsDialog(None, OFFICE)
    qtbot.addWidget(dialog)
    assert dialog.pack.currentData() == packs.AUTO
    dialog.pack.setCurrentIndex(dialog.pack.findData("nanjing"))
    chosen = dialog.prefs()
    assert chosen.local_pack == "nanjing"

    window = make_window()
    with packs.selected(packs.AUTO):
        window.window_mode.act_toggle.trigger()
        monkeypatch.setattr(window_settings, "open_window_settings",
                            lambda parent, settings: _store(settings, chosen))
        assert window.window_mode.open_settings()
        assert packs.selection() == "nanjing"
        assert window.settings.window_prefs.local_pack == "nanjing"  # kept for the next start
        window.window_mode.act_toggle.trigger()  # window mode off: the packs go by area again
        assert packs.selection() == packs.AUTO


def test_the_started_app_makes_window_mode_with_the_pages_when_off_and_at_once_when_on(qtbot, settings, data_dir):
    """run() (build_window(defer=True)) does not wait for window mode to paint the first page
    when it is off; on, its toolbar belongs to that page."""
    from app.ui.main import build_window

    windows = []
    try:
        off = build_window(settings=settings, defer=True)
        qtbot.addWidget(off)
        windows.append(off)
        assert off.window_mode is None
        assert not off.has_applicant() and off._confirm_quit()  # usable before it exists
        off.wizard.ensure_pages()
        assert off.window_mode is not None and not off.window_mode.enabled
        assert off.window_mode.act_toggle in off.file_menu.actions()
        assert off.file_menu.actions()[-1] is off.act_quit

        settings.window_prefs = WindowPrefs(enabled=True)
        on = build_window(settings=settings, defer=True)
        qtbot.addWidget(on)
        windows.append(on)
        assert on.window_mode is not None and on.window_mode.enabled
        assert not on.window_mode.toolbar.isHidden()
        on.wizard.ensure_pages()
        assert [entry["action"] for entry in audit_entries(data_dir)].count("app_start") == 1  # the one that is on
    finally:
        for window in windows:
            window.translations.clear()
            window.session.dirty = False
