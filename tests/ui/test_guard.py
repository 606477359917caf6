"""No exception ends the app (app.ui.guard): not in a Qt override, a slot or a worker thread.
The person sees the kind of error in a message (never a value they typed), the autosave is
flushed, the stack goes to stderr without values, and the draft stays as it was."""
from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard, QWizardPage

import app.ui
from app.ui import guard
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SECRET = "林晓测 440305199005120133"  # what an exception message might quote


def overflow_in_c(*_args, **_kwargs):
    """An OverflowError raised by C code (not yet an exception object when it leaves the
    function: the case that made shiboken6 crash on Python 3.11)."""
    return date.max + timedelta(days=1)


@pytest.fixture
def hook(monkeypatch, qapp):
    """The app's hook installed for one test (pytest-qt's own capture is off there), with a
    counter of autosave flushes; restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    kept = []
    installed = guard.install(keep_draft=lambda: kept.append(1))
    installed.shown.clear()
    installed.kept = kept
    yield installed
    guard.install(keep_draft=None)


def errors_shown(fake_dialogs):
    return [args for name, args in fake_dialogs.calls if name == "show_error"]


# -- the crash: signal 11 when going to the documents page --------------------------------

SCRIPT = r"""
import os, sys, tempfile
from datetime import date, timedelta
from pathlib import Path
os.environ["TRANSFER_HELPER_DATA"] = tempfile.mkdtemp()
from PySide6.QtCore import QSettings, QTimer
from app import drafts
from app.autosave import Autosave
from app.ui import dialogs, guard
from app.ui.main import build_window, create_app
from app.ui.pages.base import PageId
from app.ui.settings import Settings
import app.ui.pages.documents as documents

qt = create_app([])
settings = Settings(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
window = build_window(settings=settings, autosave=Autosave(Path(os.environ["TRANSFER_HELPER_DATA"])),
                      today=date(2026, 11, 23))
guard.install(keep_draft=window.session.flush_autosave)
dialogs.show_error = lambda parent, title, text: print("DIALOG", title, text, flush=True)
draft = drafts.load(sys.argv[1])
draft.transfer.signed_on = "9999-11-01"
if sys.argv[2] == "c-error-in-override":
    # complete() runs in the documents page's initializePage, a Qt override
    documents.complete = lambda *a, **k: date.max + timedelta(days=1)
window.session.replace(draft, dirty=True)
window.show()
wizard = window.wizard
wizard.restart()
for _ in range(10):
    if wizard.currentId() == PageId.REVIEW:
        break
    wizard.next()
before = window.session.draft.model_dump()
wizard.next()  # to the documents page


def finish():
    page = wizard.page_of(PageId.DOCUMENTS)
    if page.rendering:
        QTimer.singleShot(100, finish)
        return
    print("PAGE", int(wizard.currentId()), flush=True)
    print("STATUS", page.status.text(), flush=True)
    print("DRAFT KEPT", window.session.draft.model_dump() == before, flush=True)
    os._exit(0)  # no closing dialogs: only whether the process lived matters here


QTimer.singleShot(500, finish)
qt.exec()
"""


@pytest.mark.parametrize("case", ["c-error-in-override", "far-future-signature"])
def test_going_to_the_documents_page_never_ends_the_process(case):
    example = ROOT / "examples" / "01-employee-job-change-cross-province.json"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(example), case], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]  # was -11 (SIGSEGV)
    assert "DRAFT KEPT True" in done.stdout
    assert "林晓测" not in done.stdout + done.stderr
    if case == "c-error-in-override":
        assert "DIALOG 程序出错 程序内部出错（OverflowError）" in done.stdout
        assert "builtins.OverflowError" in done.stderr  # the stack, for support
        assert "date value out of range" not in done.stderr  # never the message


# -- the documents page: rendering fails ---------------------------------------------------

def test_render_raising_in_the_worker_shows_the_kind_of_error_and_keeps_the_draft(
        window, ui, qtbot, monkeypatch, capfd):
    import app.render.packet

    def failing_render(packet, application):
        raise ValueError(SECRET)

    monkeypatch.setattr(app.render.packet, "render_packet", failing_render)
    ui.load_example(window, "01")
    wizard = window.wizard
    wizard.restart()
    while wizard.currentId() != PageId.REVIEW:
        wizard.next()
    before = window.session.draft.model_dump()
    page = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(page.packetReady, timeout=30_000) as ready:
        wizard.next()
    assert ready.args == [False]
    assert "ValueError" in page.status.text()
    assert SECRET not in page.status.text()
    assert window.session.draft.model_dump() == before
    assert not page.save_button.isEnabled()
    assert SECRET not in capfd.readouterr().err


def test_packet_choice_raising_in_c_reaches_the_page_not_the_process(window, ui, qtbot, monkeypatch):
    import app.domain.packet

    monkeypatch.setattr(app.domain.packet, "build_packet", overflow_in_c)
    ui.load_example(window, "01")
    wizard = window.wizard
    wizard.restart()
    while wizard.currentId() != PageId.REVIEW:
        wizard.next()
    page = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(page.packetReady, timeout=30_000) as ready:
        wizard.next()
    assert ready.args == [False]
    assert "OverflowError" in page.status.text()
    assert wizard.currentId() == PageId.DOCUMENTS


# -- the hook ---------------------------------------------------------------------------

@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_one_message_without_values_and_flushes_the_autosave(
        hook, fake_dialogs, qtbot, capfd):
    def slot():
        raise ValueError(SECRET)

    QTimer.singleShot(0, slot)
    QTimer.singleShot(0, slot)  # the same kind again: no second dialog
    qtbot.waitUntil(lambda: len(hook.kept) == 2, timeout=5000)
    shown = errors_shown(fake_dialogs)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "程序出错" and "ValueError" in text and "没有丢失" in text
    assert SECRET not in text
    err = capfd.readouterr().err
    assert "builtins.ValueError" in err and "test_guard.py" in err
    assert SECRET not in err


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_worker_thread_reaches_the_gui_thread_as_a_message(hook, fake_dialogs, qtbot):
    def work():
        raise KeyError(SECRET)

    guard.start_worker(work, name="test-worker").join(5)
    qtbot.waitUntil(lambda: bool(errors_shown(fake_dialogs)), timeout=5000)
    assert "KeyError" in errors_shown(fake_dialogs)[0][1]


@pytest.mark.qt_no_exception_capture
def test_a_plain_thread_is_covered_too(hook, fake_dialogs, qtbot, capfd):
    thread = threading.Thread(target=lambda: int(SECRET))
    thread.start()
    thread.join(5)
    qtbot.waitUntil(lambda: bool(errors_shown(fake_dialogs)), timeout=5000)
    assert "ValueError" in errors_shown(fake_dialogs)[0][1]
    assert SECRET not in capfd.readouterr().err


@pytest.mark.qt_no_exception_capture
def test_english_message_when_the_interface_is_english(make_window, hook, fake_dialogs, qtbot):
    make_window(language="en")
    QTimer.singleShot(0, overflow_in_c)
    qtbot.waitUntil(lambda: bool(errors_shown(fake_dialogs)), timeout=5000)
    title, text = errors_shown(fake_dialogs)[0]
    assert title == "Internal error" and text.startswith("Internal error (OverflowError)")


# -- the overrides ------------------------------------------------------------------------

class _Page(QWizardPage):
    calls: list[str] = []

    def initializePage(self) -> None:
        overflow_in_c()

    def validatePage(self) -> bool:
        int(SECRET)
        return True

    def isComplete(self) -> bool:
        raise RuntimeError("no")

    def helper(self) -> None:  # not a Qt method: left alone
        raise RuntimeError("mine")


def test_a_failing_override_reports_and_gives_qt_the_safe_answer(qtbot, monkeypatch):
    reported = []
    monkeypatch.setattr(guard, "report", lambda *exc: reported.append(exc[0]))
    assert sorted(guard.protect_class(_Page)) == ["initializePage", "isComplete", "validatePage"]
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.addPage(QWizardPage())
    page = _Page()
    wizard.addPage(page)
    wizard.show()
    wizard.next()  # initializePage raises an OverflowError in C: reported, base behaviour
    assert wizard.currentId() == 1
    assert page.validatePage() is False  # a failed check never lets the wizard go on
    assert page.isComplete() is True  # QWizardPage's own answer
    assert reported[0] is OverflowError
    assert set(reported) == {OverflowError, ValueError, RuntimeError}  # Qt asks isComplete() itself too
    with pytest.raises(RuntimeError):
        page.helper()


def _app_ui_modules():
    for info in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        yield importlib.import_module(info.name)


def test_every_qt_override_in_the_interface_is_guarded():
    """Whatever class a module of app.ui defines, every method that overrides a Qt method is
    wrapped once the module is imported: a new page or widget cannot forget it."""
    unguarded = []
    checked = 0
    for module in _app_ui_modules():
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__):
                continue
            base = guard._qt_base(cls)
            if base is None:
                continue
            for name, member in vars(cls).items():
                if name.startswith("__") or not inspect.isfunction(member) or not callable(getattr(base, name, None)):
                    continue
                checked += 1
                if not getattr(member, "__guarded__", False):
                    unguarded.append(f"{cls.__qualname__}.{name}")
    assert checked > 30  # pages, widgets, models: initializePage, paintEvent, data ...
    assert unguarded == []
