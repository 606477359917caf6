"""Window mode (窗口模式) in the main window: one machine, many applicants.

Owns: the actions (下一位 on a toolbar and Ctrl+Shift+N, 锁定屏幕, 导入二维码…, the window
mode switch and its settings), "next applicant" (clear everything of the previous person
and start the next one on the ID number field), the idle lock and clear (app.ui.idle),
the office's own agency filled into each new application, the hand-off import (the
dialog in app.ui.handoff_dialog; the imported application is checked again under this
machine's rules and shown on the review page), and the audit log (app.service_window.audit: actions and
counts, never personal data). The preferences are app.service_window.prefs.WindowPrefs, stored by
app.ui.settings; this module holds no personal data itself.

What "next applicant" clears: the session's draft and its passphrase key, the autosave and
its .bak and every temporary file (app.service_window.wipe; app.storage.tempfiles: the app's own temporary folder, where Qt's
print spool copy goes too), what the app put on the clipboard, Qt's file-dialog folder history, the documents page (packet,
PDF bytes, preview buffer, status), the review lists, the history page's undo stack (it
is cleared with the table), and every field (they show the new, empty draft). Python
cannot overwrite freed memory; the strings of the previous person are garbage then.
"""
from __future__ import annotations

import gc
import re
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from app.ui.clipboard_guard import ClipboardGuard
from app.ui.idle import IdleWatcher, LockScreen
from app.ui.pages.base import PageId, dialogs as _dialogs
from app.service_window.prefs import WindowPrefs, office_values
from app.service_window.wipe import wipe_applicant_files

if TYPE_CHECKING:
    from app.service_window.audit import AuditLog
    from app.ui.main import MainWindow


def _button_text(text: str) -> str:
    """A menu text as a toolbar button's: "下一位(&X)" -> "下一位", "&Import…" -> "Import"
    (Qt drops the "&" but would keep the Chinese-style "(X)")."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…").strip()


def forget_file_dialog_history() -> None:
    """Qt's own file dialog remembers the folders it visited (QtProject settings,
    FileDialog/history and lastVisited): a recent-folder list of the previous applicant.
    Not on the offscreen and minimal platforms: there no file dialog is ever shown (tests
    fake them) and the user's real QtProject settings must not be touched."""
    from PySide6.QtCore import QSettings

    if QApplication.platformName() in ("offscreen", "minimal"):
        return
    store = QSettings(QSettings.Scope.UserScope, "QtProject")
    for key in ("FileDialog/history", "FileDialog/lastVisited"):
        store.remove(key)
    store.sync()


class WindowMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.settings = window.settings
        self.prefs: WindowPrefs = self.settings.window_prefs
        self.locked = False
        self.handoff_dialog = None
        self._idle_times: tuple[int, int] | None = None  # set_idle_times() (tests)
        self._audit: AuditLog | None = None
        self._focus_before_lock: QWidget | None = None
        self._office_pending = True  # a new, empty application gets the office when it reaches the identity page
        self.clipboard = ClipboardGuard(self)
        self.idle = IdleWatcher(self.prefs.lock_ms, self.prefs.clear_ms, self)
        self.idle.lockDue.connect(self.lock)
        self.idle.clearDue.connect(self.auto_clear)
        self.idle.unlockRequested.connect(self.unlock)
        self.lock_screen = LockScreen(window)
        self._build_actions()
        window.wizard.currentIdChanged.connect(self._page_changed)
        if window.wizard.has_all_pages():  # made when the pages were (run(), window mode off)
            self._pages_ready()
        else:
            window.wizard.pagesReady.connect(self._pages_ready)
        self.session.changed.connect(self._session_changed)
        window.installEventFilter(self)
        self.retranslate()
        self.apply(self.prefs)

    # -- actions ---------------------------------------------------------------------------
    def _action(self, slot, shortcut: str | None = None) -> QAction:
        action = QAction(self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        window = self.window
        self.act_import = self._action(self.import_handoff, "Ctrl+I")
        self.act_next = self._action(self.next_applicant, "Ctrl+Shift+N")
        self.act_lock = self._action(self.lock_now, "Ctrl+L")
        self.act_toggle = QAction(window)
        self.act_toggle.setCheckable(True)
        self.act_toggle.toggled.connect(self.set_enabled)
        self.act_settings = self._action(self.open_settings)
        menu, quit_action = window.file_menu, window.act_quit
        for action in (self.act_import, self.act_next, self.act_lock):
            menu.insertAction(quit_action, action)
        menu.insertSeparator(quit_action)
        menu.insertAction(quit_action, self.act_toggle)
        menu.insertAction(quit_action, self.act_settings)
        menu.insertSeparator(quit_action)

        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("windowModeToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_next, self.act_import, self.act_lock):
            self.toolbar.addAction(action)
        next_button = self.toolbar.widgetForAction(self.act_next)
        next_button.setObjectName("nextApplicant")
        font = next_button.font()
        font.setBold(True)
        next_button.setFont(font)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def retranslate(self) -> None:
        self.act_import.setText(self.tr("导入二维码(&I)…"))
        self.act_import.setToolTip(self.tr("导入申请人在家生成的二维码（扫描枪或照片）（Ctrl+I）"))
        self.act_next.setText(self.tr("下一位(&X)"))
        self.act_next.setToolTip(self.tr("清除上一位申请人的全部内容，开始接待下一位（Ctrl+Shift+N）"))
        self.act_lock.setText(self.tr("锁定屏幕(&K)"))
        self.act_lock.setToolTip(self.tr("暂时遮住屏幕，按任意键继续（Ctrl+L）"))
        self.act_toggle.setText(self.tr("窗口模式(&W)"))
        self.act_settings.setText(self.tr("窗口模式设置(&T)…"))
        self.toolbar.setWindowTitle(self.tr("窗口模式"))
        for action in (self.act_next, self.act_import, self.act_lock):
            action.setIconText(_button_text(action.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- switching on and off --------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self.prefs.enabled

    def apply(self, prefs: WindowPrefs) -> None:
        self.prefs = prefs
        on = prefs.enabled
        self.toolbar.setVisible(on)
        for action in (self.act_next, self.act_lock):
            action.setVisible(on)
            action.setEnabled(on)
        self.act_toggle.blockSignals(True)
        self.act_toggle.setChecked(on)
        self.act_toggle.blockSignals(False)
        self.window.wizard.page_of(PageId.START).set_window_mode(on)
        self._apply_pack(prefs if on else replace(prefs, local_pack="auto"))
        lock_ms, clear_ms = self._idle_times or (prefs.lock_ms, prefs.clear_ms)
        self.idle.set_times(lock_ms, clear_ms)
        if on:
            self.idle.start()
        else:
            self.idle.stop()
            self.unlock()
        self.window._update_title()

    @staticmethod
    def _apply_pack(prefs: WindowPrefs) -> None:
        """The office's local rule pack for every check and guide from now on. "auto" is the
        domain's own default: the domain model is then not loaded before the first paint."""
        if prefs.local_pack != "auto" or "app.domain.packs" in sys.modules:
            from app.service_window.prefs import apply_pack

            apply_pack(prefs)

    def set_idle_times(self, lock_ms: int, clear_ms: int) -> None:
        """Idle times in milliseconds instead of the settings' minutes (tests, demos)."""
        self._idle_times = (lock_ms, clear_ms)
        self.idle.set_times(lock_ms, clear_ms)

    def set_enabled(self, on: bool) -> None:
        self._store(replace(self.prefs, enabled=bool(on)))

    def open_settings(self) -> bool:
        from app.ui import window_settings

        old = self.prefs
        new = window_settings.open_window_settings(self.window, self.settings)
        if new is None:
            return False
        self._changed(old, new)
        return True

    def _store(self, prefs: WindowPrefs) -> None:
        old = self.prefs
        self.settings.window_prefs = prefs
        self._changed(old, self.settings.window_prefs)

    def _changed(self, old: WindowPrefs, new: WindowPrefs) -> None:
        keys = new.changed_keys(old)
        self.apply(new)
        if keys and (old.enabled or new.enabled):
            self._audit_log().record("settings_changed", keys=keys)

    def title_part(self) -> str:
        """What the window title shows instead of the file name in window mode (a file name
        may hold a name: the screen is seen by the people in the queue)."""
        return self.tr("已锁定") if self.locked else self.tr("窗口模式")

    # -- audit -----------------------------------------------------------------------------
    def _audit_log(self) -> AuditLog:
        if self._audit is None:
            from app.service_window.audit import AuditLog
            from app.storage.autosave import data_dir

            self._audit = AuditLog(data_dir())
        return self._audit

    def record(self, action: str, **counts: object) -> None:
        """An audit entry, in window mode only (at home the log would serve nobody)."""
        if self.enabled:
            self._audit_log().record(action, **counts)

    def _pages_ready(self) -> None:
        self.window.wizard.page_of(PageId.DOCUMENTS).delivered.connect(
            lambda kind, counts: self.record(kind, **counts))
        from app import __version__

        self.record("app_start", version=__version__)

    # -- a new application gets the office -------------------------------------------------
    def _session_changed(self, path: str) -> None:
        if path == "":
            self._office_pending = not self.session.has_work()

    def _page_changed(self, page_id: int) -> None:
        if page_id == PageId.IDENTITY and self._office_pending and self.enabled:
            self.fill_office()

    def fill_office(self) -> list[str]:
        """Put this office into the application's empty fields (not a change of the
        applicant's: the application stays "unchanged" for the question before clearing)."""
        self._office_pending = False
        done = []
        for path, value in office_values(self.prefs).items():
            if path != "transfer.filed_at" and self.session.value(path):
                continue
            self.session.set(path, value)
            done.append(path)
        if done:
            self.session.dirty = False
            self.window._update_title()
        return done

    # -- next applicant --------------------------------------------------------------------
    def has_unfinished_work(self) -> bool:
        """Changed since opened or saved, and neither printed nor saved as PDF."""
        return self.session.dirty and not self.session.printed and self.session.has_work()

    def next_applicant(self) -> bool:
        """Clear everything of the previous person (asking first about work that was neither
        printed nor saved) and start the next one on the ID number. True if done."""
        if not self.enabled:
            return False
        if self.has_unfinished_work() and not _dialogs().ask_discard_unfinished(self.window):
            return False
        self.clear_applicant()
        self.record("next_applicant")
        self.start_next()
        return True

    def clear_applicant(self) -> None:
        session = self.session
        session.stop()
        session.new()  # an empty draft: no path, no key, nothing printed
        wizard = self.window.wizard
        start = wizard.page_of(PageId.START)
        start.offer_restore(False)  # that autosave is gone
        start.new.setChecked(True)
        wizard.page_of(PageId.DOCUMENTS).forget()
        from PySide6.QtWidgets import QTreeWidget

        for tree in wizard.page_of(PageId.REVIEW).findChildren(QTreeWidget):
            tree.clear()
        self._close_dialogs()
        self.clipboard.clear()
        forget_file_dialog_history()
        # after the dialogs closed: a print preview may still hold a spool file open
        wipe_applicant_files(session.autosave)  # the autosave, its .bak, the temporary folder
        gc.collect()

    def start_next(self, focus: bool = True) -> None:
        """The wizard from the start, on the identity page with the ID number focused."""
        wizard = self.window.wizard
        wizard.restart()
        wizard.next()
        if focus and wizard.currentId() == PageId.IDENTITY:
            wizard.page_of(PageId.IDENTITY).focus_field("identity.id_number")

    def _close_dialogs(self) -> None:
        """Close the app's open dialogs (a print preview shows the applicant's forms)."""
        from PySide6.QtWidgets import QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    # -- idle lock and clear ---------------------------------------------------------------
    def lock_now(self) -> None:
        self.lock(manual=True)

    def lock(self, manual: bool = False) -> None:
        if self.locked or not self.enabled:
            return
        self.locked = True
        self.idle.locked = True
        # The window's own focus child, not the application's: while the window is not the active
        # one (another program in front, a busy machine) QApplication.focusWidget() is None.
        focus = self.window.focusWidget()
        self._focus_before_lock = focus if focus is not None and self.window.isAncestorOf(focus) else None
        self._close_dialogs()
        self.window.wizard.hide()
        self.lock_screen.show_locked(cleared=False)
        self.window._update_title()
        self.record("auto_lock", manual=manual)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.idle.locked = False
        cleared = self.lock_screen.cleared
        self.lock_screen.hide()
        self.window.wizard.show()
        self.window._update_title()
        if self.idle.running:
            self.idle.poke()
        if cleared and self.window.wizard.currentId() == PageId.IDENTITY:
            self.window.wizard.page_of(PageId.IDENTITY).focus_field("identity.id_number")
        elif self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()
        self._focus_before_lock = None

    def auto_clear(self) -> None:
        """Nobody at the keyboard for the clear time: clear as "next applicant", without
        asking, and say so on the lock screen."""
        if not self.enabled:
            return
        self.lock()
        self.clear_applicant()
        self.record("auto_clear")
        self.start_next(focus=False)
        self._focus_before_lock = None
        self.lock_screen.show_locked(cleared=True)

    # -- the hand-off import ---------------------------------------------------------------
    def import_handoff(self) -> None:
        """The scan dialog (not blocking); on success the application is loaded."""
        from app.ui.handoff_dialog import HandoffDialog

        if self.handoff_dialog is not None:
            self.handoff_dialog.raise_()
            return
        dialog = HandoffDialog(self.window)
        dialog.imported.connect(self.load_handoff)
        dialog.finished.connect(lambda _result: self._handoff_closed(dialog))
        self.handoff_dialog = dialog
        dialog.open()

    def _handoff_closed(self, dialog) -> None:
        if self.handoff_dialog is dialog:
            self.handoff_dialog = None
        dialog.deleteLater()

    def load_handoff(self, draft) -> bool:
        """Load an imported application as a new, unsaved one; check it again under this
        machine's rules and show the findings on the review page. True if loaded."""
        from app.domain.findings import Severity

        if self.enabled:
            if self.has_unfinished_work() and not _dialogs().ask_discard_unfinished(self.window):
                return False
            self.clear_applicant()
        elif not self.window.new_application():
            return False
        self.session.replace(draft, dirty=True)
        result = self.session.run_check()
        wizard = self.window.wizard
        wizard.restart()
        wizard.advance_to(PageId.REVIEW)
        counts = {severity.value: 0 for severity in Severity}
        for finding in result.findings:
            counts[finding.severity.value] += 1
        self.record("handoff_import", **{f"{name}s": n for name, n in counts.items()})
        return True

    # -- exit ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """The window is closing: stop watching, take the app's text off the clipboard and
        remove the temporary folder."""
        self.idle.stop()
        if self.enabled:
            self.clipboard.clear()
            forget_file_dialog_history()
        from app.storage import tempfiles

        tempfiles.registry().remove()
