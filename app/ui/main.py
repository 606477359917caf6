"""The desktop app: QApplication set-up, the main window with its menus, start-up and exit.

Owns: the File menu (New, Open, Save, Save As, Quit), the Language menu, the clean-exit
marker of the autosave, and handing the session to the wizard. Heavy parts (reportlab,
QtPdf, the region table) are imported by the pages that need them, when first needed; the
domain model (pydantic) and the autosave right after the start page is first painted
(run() -> build_window(defer=True)), so that the window appears fast.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app import __version__
from app.ui import fonts as ui_fonts
from app.ui import guard
from app.ui.binding import language
from app.ui.i18n import Translations
from app.ui.pages.base import PageId, dialogs as _dialogs
from app.ui.session import Session
from app.ui.settings import Settings
from app.ui.widgets import desk
from app.ui.wizard import TransferWizard

if TYPE_CHECKING:
    from app.storage.autosave import Autosave
    from app.ui.window_mode import WindowMode


PREFERRED_SIZE = QSize(980, 760)  # shrunk to the available screen (desk.fit_size)


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: Settings, translations: Translations,
                 crashed: bool = False, parent: QWidget | None = None, *, defer: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.translations = translations
        self.crashed = crashed
        self.wizard = TransferWizard(session, self)
        self.wizard.rejected.connect(self.close)
        self.setCentralWidget(self.wizard)
        self.wizard.page_of(PageId.START).offer_restore(crashed)
        if defer:  # run(): once every page exists, before anything else sees them (see run())
            self.wizard.pagesReady.connect(self._install_desk_guard)
        else:
            desk.install(QApplication.instance())  # also when the QApplication was made elsewhere (tests)
        self.wizard.pagesReady.connect(lambda: self.start_autosave())
        self._build_menus()
        # 窗口模式: next applicant, idle lock, hand-off import, audit. Off (as at home), run()
        # does not wait for it to paint the first page: it comes with the other pages
        # (its module and its widgets, ~10 ms of CPU); on, its toolbar is part of that page.
        self.window_mode: WindowMode | None = None
        if defer and not settings.window_prefs.enabled:
            self.wizard.pagesReady.connect(self._make_window_mode)
        else:
            self._make_window_mode()
        self.retranslate()
        session.fileChanged.connect(lambda _p: self._update_title())
        session.changed.connect(lambda _p: self._update_title())
        self.resize(desk.fit_size(PREFERRED_SIZE))
        if not settings.geometry.isEmpty():
            self.restoreGeometry(settings.geometry)  # desk.DeskGuard shrinks it if the screen is smaller now

    def _make_window_mode(self) -> None:
        if self.window_mode is None:
            from app.ui.window_mode import WindowMode

            self.window_mode = WindowMode(self)

    def _install_desk_guard(self) -> None:
        # Window mode's widgets first (when it is off): made under the guard, the private
        # classes of its tool bar made PySide6 build every QObject type's Python type (~50 ms).
        self._make_window_mode()
        desk.install(QApplication.instance())
        desk.settle(self)  # the fields of the pages just made, as if the guard had seen them polished

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.act_new = self._action(self.file_menu, QKeySequence.StandardKey.New, self.new_application)
        self.act_open = self._action(self.file_menu, QKeySequence.StandardKey.Open, self.open_file)
        from app.ui.scan_entry import ScanEntry  # File → 扫描/导入证件…, and images dropped or pasted

        self.scan_entry = ScanEntry(self, self.file_menu)
        self.act_save = self._action(self.file_menu, QKeySequence.StandardKey.Save, self.save_file)
        self.act_save_as = self._action(self.file_menu, QKeySequence.StandardKey.SaveAs, self.save_file_as)
        self.file_menu.addSeparator()
        self.act_calibrate = self._action(self.file_menu, None, self.calibrate_printer)
        self.file_menu.addSeparator()
        self.act_quit = self._action(self.file_menu, QKeySequence.StandardKey.Quit, self.close)
        self.lang_menu = self.menuBar().addMenu("")
        self.act_zh = self._action(self.lang_menu, None, lambda: self.set_language("zh"))
        self.act_en = self._action(self.lang_menu, None, lambda: self.set_language("en"))
        for act in (self.act_zh, self.act_en):
            act.setCheckable(True)
        self.act_zh.setChecked(self.translations.language == "zh")
        self.act_en.setChecked(self.translations.language == "en")

    def _action(self, menu, shortcut, slot) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.act_new.setText(self.tr("新建申请(&N)"))
        self.act_open.setText(self.tr("打开草稿(&O)…"))
        self.act_save.setText(self.tr("保存(&S)"))
        self.act_save_as.setText(self.tr("另存为(&A)…"))
        self.act_calibrate.setText(self.tr("校准打印机(&C)…"))
        self.act_quit.setText(self.tr("退出(&Q)"))
        self.lang_menu.setTitle(self.tr("语言(&L)"))
        self.act_zh.setText("中文")
        self.act_en.setText("English")
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def calibrate_printer(self) -> bool:
        """The printer calibration dialog (QtPrintSupport is loaded only when asked for)."""
        from app.ui.calibration import open_calibration

        return open_calibration(self, self.settings)

    def _update_title(self) -> None:
        name = self.session.path.name if self.session.path else self.tr("未命名")
        mark = " *" if self.session.dirty else ""
        window_mode = getattr(self, "window_mode", None)
        if window_mode is not None and window_mode.enabled:
            name, mark = window_mode.title_part(), ""  # a shared screen: no file name (it may hold a name)
        # tr() on its own line: lupdate does not see calls inside an f-string.
        title = self.tr("医保关系转移接续助手")
        self.setWindowTitle(f"{name}{mark} — {title} {__version__}")

    # -- language --------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.translations.switch(language)
        self.settings.language = language
        self.act_zh.setChecked(language == "zh")
        self.act_en.setChecked(language == "en")

    # -- files -----------------------------------------------------------------------------
    def _confirm_discard(self) -> bool:
        if not self.session.dirty:
            return True
        answer = _dialogs().ask_save_discard_cancel(self, self.tr("当前申请有未保存到文件的修改。是否先保存？"))
        if answer == "save":
            return self.save_file()
        return answer == "discard"

    def new_application(self) -> bool:
        """Start an empty application (after asking about unsaved work). True if done."""
        if not self._confirm_discard():
            return False
        self.session.new()
        if self.wizard.currentId() not in (-1, 0):
            self.wizard.restart()
        return True

    def open_file(self) -> bool:
        if not self._confirm_discard():
            return False
        path = _dialogs().ask_open_path(self, self.settings.last_folder)
        if path is None:
            return False
        return self.open_path(path)

    def open_path(self, path: Path) -> bool:
        from app.storage import drafts

        from app.ui import protected_files

        try:
            passphrase = protected_files.passphrase_if_needed(self, Path(path))
            if passphrase is None:
                draft, key = drafts.load_protected(path, None)
            else:  # Argon2id: on a worker thread, with a busy dialog over this window
                draft, key = protected_files.run_busy(self, lambda: drafts.load_protected(path, passphrase))
        except protected_files.Cancelled:
            return False
        except drafts.DraftFileError as exc:  # nothing changed
            _dialogs().show_error(self, self.tr("无法打开"), exc.message(language()))
            return False
        self.session.replace(draft, Path(path), key=key)  # a protected file's key is kept for saving again
        self.settings.last_folder = str(Path(path).parent)
        self._record("open_draft", protected=self.session.key is not None)
        return True

    def save_file(self) -> bool:
        if self.session.path is None:
            return self.save_file_as()
        return self._save_to(self.session.path)

    def save_file_as(self) -> bool:
        from app.ui import protected_files

        from app.filenames import draft_file_name

        suggested = draft_file_name(self.session.value("identity.name"), self.session.today)
        path = _dialogs().ask_save_path(self, self.settings.last_folder, suggested)
        if path is None:
            return False
        try:
            key = protected_files.ask_key(self, self.session.key)  # optional passphrase
        except protected_files.Cancelled:
            return False
        return self._save_to(path, key)

    def _save_to(self, path: Path, key=...) -> bool:
        """`key`: of a Save As (None: unprotected); left out, the draft keeps its own."""
        from app.storage import drafts

        try:
            self.session.save_as(path, key)
        except drafts.DraftFileError as exc:
            _dialogs().show_error(self, self.tr("无法保存"), exc.message(language()))
            return False
        except OSError as exc:
            _dialogs().show_error(self, self.tr("无法保存"), exc.strerror or str(exc))
            return False
        self.settings.last_folder = str(Path(path).parent)
        self._update_title()
        self._record("save_draft", protected=self.session.key is not None)
        return True

    def _record(self, action: str, **counts: object) -> None:
        if self.window_mode is not None:  # (made with the pages when off; it records only when on)
            self.window_mode.record(action, **counts)

    def _window_mode_on(self) -> bool:
        return self.window_mode is not None and self.window_mode.enabled

    # -- autosave --------------------------------------------------------------------------
    def start_autosave(self, autosave: Autosave | None = None) -> None:
        """Mark this run as running in the data folder, and offer to restore what an unclean
        exit left behind. Once; build_window() calls it, or the wizard when its pages exist."""
        if self.session.autosave is not None:
            return
        from app.storage.autosave import Autosave

        autosave = autosave or Autosave()
        self.crashed = autosave.start_session()
        self.session.autosave = autosave
        self.wizard.page_of(PageId.START).offer_restore(self.crashed)

    # -- exit ------------------------------------------------------------------------------
    def has_applicant(self) -> bool:
        """Whether the draft holds anything beyond what window mode fills into every new
        application (the office's own agency)."""
        if not self.session.has_work():
            return False
        from app.domain import fields
        from app.domain.application import ApplicationDraft
        from app.service_window.prefs import office_values

        empty = ApplicationDraft()
        if self._window_mode_on():
            for path, value in office_values(self.window_mode.prefs).items():
                fields.set_value(empty, path, value)
        return self.session.draft != empty

    def _confirm_quit(self) -> bool:
        """At a service window the applicant's data goes with the program: quitting with an
        applicant loaded asks first, even when the work was saved or printed."""
        if self.session.dirty:
            return self._confirm_discard()
        if self._window_mode_on() and self.has_applicant():
            return _dialogs().ask_quit(self, self.tr(
                "当前申请人的内容还在屏幕上。退出后会清除（已保存的文件不受影响）。确定退出吗？"))
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_quit():
            event.ignore()
            return
        # Saved to a file or knowingly discarded: the autosave has done its job.
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.session.stop()
        if self.session.autosave is not None:
            self.session.autosave.discard()
            self.session.autosave.end_session()
        if self.window_mode is not None:
            self.window_mode.shutdown()
        event.accept()


def create_app(argv: list[str] | None = None, *, defer: bool = False) -> QApplication:
    """The QApplication set up for the app. With `defer` (run()), the desk guard is left to the
    main window (build_window(defer=True)), which installs it after the first paint."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    # While a worker thread runs Python (the full check, rendering, autosave), the GUI thread
    # waits for the interpreter lock up to this long per event: 1 ms, not Python's 5, keeps it
    # within a frame (benchmarks/startup.py, the check's longest GUI-thread gap at 200
    # periods: 16-18 ms -> 12-15 ms on a busy machine).
    sys.setswitchinterval(0.001)
    QCoreApplication.setOrganizationName("transfer-helper")
    QCoreApplication.setApplicationName("transfer-helper")
    ui_fonts.install(app)
    if not defer:
        desk.install(app)  # the wheel never changes an unfocused field; windows fit the screen
    return app


def build_window(settings: Settings | None = None, autosave: Autosave | None = None,
                 today: date | None = None, *, defer: bool = False) -> MainWindow:
    """The main window with its session; used by run() and by the tests (`today` fixes the
    date the checks use, so that tests do not depend on the calendar). With `defer`, the
    autosave starts (and a restore is offered) when the wizard has made its pages, right
    after the start page is first shown, and the desk guard (app.ui.widgets.desk) once they
    exist; otherwise at once."""
    settings = settings or Settings(QSettings())
    translations = Translations()
    translations.switch(settings.language)
    window = MainWindow(Session(None, today=today), settings, translations, defer=defer)
    if not defer:
        window.start_autosave(autosave)
    return window


class _FirstPaint(QObject):
    """For benchmarks/startup.py (TRANSFER_HELPER_EXIT_AFTER_SHOW=1): report the time of the
    first paint of the first page, and of all pages made (with the events their making left
    pending processed: the app ready for a keystroke on any page), then exit cleanly. The benchmark
    measures a bare QWizard's first paint the same way."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        now = time.perf_counter()
        age = _process_age_ms()
        since = f"{age:.0f} ms after process start, " if age is not None else ""
        # The monotonic clock is shared by all processes, so the benchmark can subtract the
        # moment it spawned this process (the /proc age has only 10 ms resolution).
        cpu = time.process_time() * 1000  # this process's CPU time (all threads): less noisy than wall time
        print(f"first page shown: {since}cpu {cpu:.0f} ms, monotonic {now * 1000:.3f} ms", flush=True)
        self.window.wizard.ensure_pages()  # what follows the first paint at once anyway
        # and the events that their making left pending (layout, the desk guard's first events,
        # which make PySide6 build the Python types of Qt's private classes): ready for a key.
        QCoreApplication.processEvents()
        cpu = time.process_time() * 1000
        print(f"all pages ready: cpu {cpu:.0f} ms, monotonic {time.perf_counter() * 1000:.3f} ms", flush=True)
        self.window.close()


def _process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux /proc; None elsewhere)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _own_temp_folder() -> None:
    from app.storage import tempfiles

    tempfiles.sweep_stale()  # the folders of runs that crashed
    tempfiles.registry().redirect_process_temp()


def run(argv: list[str] | None = None) -> int:
    from app.ui import display

    problem = display.problem()
    if problem is not None:  # said before Qt would abort with its own generic message
        print(problem, file=sys.stderr)
        return display.EXIT_NO_DISPLAY
    app = create_app(argv, defer=True)
    # The desk guard, an application-wide event filter in Python, comes once every page has
    # been made: installed before the first show, it made PySide6 build the Python types of
    # every object and event that show passes through it (QWidgetWindow, the style ...: 120
    # enum types, ~35 ms); installed before the pages are made, every event of their making
    # went through Python (~80 ms of CPU). Until then nothing can be scrolled that it would
    # guard, the fields it would have seen polished are settled then (desk.settle), and the
    # window it would fit on its Show event is fitted here.
    window = build_window(defer=True)
    # An exception anywhere (a slot, a worker, a Qt override) becomes a message; the app and
    # the draft stay (app.ui.guard).
    guard.install(keep_draft=window.session.flush_autosave)
    # Right after the first paint (nothing writes a temporary file before): every temporary
    # file of the app, Qt's print spool copy too, goes into one folder (app.storage.tempfiles).
    window.wizard.pagesReady.connect(_own_temp_folder)
    if os.environ.get("TRANSFER_HELPER_EXIT_AFTER_SHOW") == "1":
        watcher = _FirstPaint(window)
        window.wizard.page(window.wizard.startId()).installEventFilter(watcher)
    desk.fit_window(window)  # what the desk guard does when a window is shown
    window.show()
    return app.exec()
