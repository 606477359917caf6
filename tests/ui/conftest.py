"""Shared fixtures of the wizard tests: an isolated data folder and settings file, fake
dialogs, main windows built the way the app builds them, and helpers that drive pages
through their public API (the page's binder, buttons, accessible names).

Everything here is a fixture: with --import-mode=importlib a test module cannot import
this file. Fake people only (examples/*.json).
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QLineEdit, QWidget

from app import paths
from app.storage import drafts
from app.storage.autosave import Autosave
from app.ui import dialogs as dialogs_module
from app.ui.settings import Settings

TODAY = date(2026, 11, 23)  # the examples are dated around it (as tests/conftest.py's `today`)

# What a fake dialog answers unless a test says otherwise: "cancelled" for choosers,
# "no" for questions, "discard" / "quit" when closing (teardown closes windows).
_DEFAULT_ANSWERS: dict[str, Any] = {"ask_save_discard_cancel": "discard", "ask_yes_no": False, "ask_quit": True}


class FakeDialogs:
    """Stands in for every ask_*/show_* function of app.ui.dialogs: records each call
    (name, title/text arguments) and returns `answers[name]` (a value or a callable)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.answers: dict[str, Any] = dict(_DEFAULT_ANSWERS)

    def _fake(self, name: str) -> Callable[..., Any]:
        def fake(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args[1:] + tuple(kwargs.values())))
            answer = self.answers.get(name)
            return answer(*args, **kwargs) if callable(answer) else answer
        return fake

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


# The offscreen platform plugin (headless tests) cannot pass a top-level window's minimum
# size on, raise a popup or grab the keyboard for it, and says so (xcb, Windows and macOS
# can). Not a problem of the app, so it does not fail a test; a test's own qt_log_ignore
# marker wins (pytest-qt reads only the closest one).
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents and item.get_closest_marker("qt_log_ignore") is None:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The autosave folder of every UI test: never the user's real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRANSFER_HELPER_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    """No modal dialog can block a test: every dialog function is replaced."""
    fake = FakeDialogs()
    for name in dir(dialogs_module):
        if name.startswith(("ask_", "show_")) and callable(getattr(dialogs_module, name)):
            monkeypatch.setattr(dialogs_module, name, fake._fake(name))
    return fake


@pytest.fixture
def settings(tmp_path: Path, qapp) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, settings: Settings, data_dir: Path) -> Iterator[Callable[..., Any]]:
    """make_window(language="zh", show=True) -> a MainWindow on the test's data folder.
    Windows are closed at teardown (a clean exit); a test simulating a crash just hides
    one and builds the next window before closing it."""
    from app.ui.main import build_window

    made = []

    def make(language: str = "zh", show: bool = True):
        settings.language = language
        window = build_window(settings=settings, autosave=Autosave(data_dir), today=TODAY)
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.translations.clear()
    # pytest-qt has closed the windows and called deleteLater(), which only happens in an
    # event loop: delete them now, so that no window of an earlier test (its timers, its
    # session's signals) lives on into the next test or into interpreter shutdown.
    del made[:]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


@pytest.fixture
def window(make_window):
    return make_window()


class Driver:
    """Drives wizard pages through their public API."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def example(name: str):
        """An example draft by its number ("01") or file name."""
        matches = sorted(paths.EXAMPLES.glob(f"{name}*.json"))
        assert matches, f"no example {name}"
        return drafts.load(matches[0])

    @staticmethod
    def go_to(window, page_id) -> None:
        """From the start page, Next until `page_id` (each page must let us pass)."""
        wizard = window.wizard
        wizard.restart()
        while wizard.currentId() != page_id:
            before = wizard.currentId()
            wizard.next()
            assert wizard.currentId() != before, f"stuck on page {before}"

    def load_example(self, window, name: str) -> None:
        """Put an example into the window's session as a new, untitled application (so that
        Save never writes into examples/)."""
        window.session.replace(self.example(name), dirty=True)

    @staticmethod
    def widget(page, path: str) -> QWidget:
        widget = page.binder.widget_for(path)
        assert widget is not None, f"{type(page).__name__} has no field {path}"
        return widget

    def fill(self, page, path: str, value: Any) -> QWidget:
        """Enter `value` into the field of `path` the way a user would end up with it."""
        widget = self.widget(page, path)
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0 and value is not None:  # a combo of plain strings
                index = widget.findData(str(value))
            assert index >= 0, f"{path}: no choice {value!r}"
            widget.setCurrentIndex(index)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif hasattr(widget, "setText"):
            widget.setText("" if value is None else str(value))
        else:
            raise AssertionError(f"{path}: don't know how to fill a {type(widget).__name__}")
        return widget

    @staticmethod
    def by_name(root: QWidget, name: str, kind: type = QWidget) -> QWidget:
        """The visible widget whose accessibleName is `name`."""
        found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
        assert found, f"no {kind.__name__} named {name!r}"
        return found[0]

    @staticmethod
    def button(root: QWidget, text_part: str) -> QAbstractButton:
        """The visible button whose text (without mnemonic) contains `text_part`."""
        for button in root.findChildren(QAbstractButton):
            if button.isVisible() and text_part in button.text().replace("&", ""):
                return button
        raise AssertionError(f"no visible button with {text_part!r}")

    def settle(self, window) -> None:
        """Let the debounced check run now, and pending events be processed."""
        window.session.run_check()
        self.qtbot.wait(1)


@pytest.fixture
def ui(qtbot) -> Driver:
    return Driver(qtbot)


@pytest.fixture
def tab_cycle() -> Callable[..., list]:
    """tests/ui/focus_order.py's tab_cycle (shared with the screen-reader driver, which runs
    outside pytest): the widgets Tab reaches, by Qt's own rule, never a Python walk."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("focus_order", Path(__file__).with_name("focus_order.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tab_cycle
