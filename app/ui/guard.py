"""Nothing that goes wrong in the app's own code ends the app.

Owns: what happens to an exception nobody caught, in one place for the whole interface.
- `install()` (the app calls it once) makes sys.excepthook and threading.excepthook show a
  short message in Chinese or English (the kind of error only: its text may quote what was
  typed), flush the autosave, and write the stack (files and lines, no values) to stderr. The
  process goes on; the draft stays as it was.
- Every Python method of an app.ui class that overrides a Qt method (initializePage,
  paintEvent, data, event ...) is wrapped when its module is imported: an exception in it
  goes to the hook above, and Qt gets what the method would give without the override
  (validatePage: False, so that a failed check never lets the wizard go on). Without this,
  shiboken6 on Python 3.11 crashes with signal 11 when an exception raised in C code (an
  OverflowError from date arithmetic, a ValueError from int()) leaves an override: it reads
  the exception's arguments before Python has made an object of it. Slots (signal
  connections, timers) need no wrapper: PySide6 hands their exceptions to sys.excepthook.
- `start_worker()`: the one way the interface starts a thread; what it raises reaches the hook.

Imports PySide6 only inside functions: app/ui/__init__.py loads this module before Qt is used.
"""
from __future__ import annotations

import functools
import inspect
import sys
import threading
import traceback
from collections.abc import Callable
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import importlib.abc

# What a wrapped override returns when it failed, where Qt's own implementation is not the
# safe answer. Everything else falls back to the base class (Qt's behaviour).
RESULT_ON_ERROR: dict[str, object] = {"validatePage": False}

MESSAGE = (
    "程序内部出错（{kind}），刚才的操作没有完成。填写的内容没有丢失，已自动保存；可以继续，"
    "或者保存草稿后重新启动程序。如果反复出现，请联系技术支持。",
    "Internal error ({kind}): the last action was not completed. Nothing you entered is lost; it "
    "has been saved automatically. You can go on, or save the draft and restart the program. If "
    "this keeps happening, please contact support.",
)
TITLE = ("程序出错", "Internal error")


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Hand an exception to the installed hook (in tests: pytest-qt's, which fails the test)."""
    try:
        sys.excepthook(exc_type, exc, tb)
    except BaseException:  # a broken hook must not turn one error into a crash
        _write_stack(exc_type, tb)


def report_current() -> None:
    report(*sys.exc_info())  # type: ignore[arg-type]


def log(exc: BaseException) -> None:
    """Write where an exception that the code handled happened to stderr (for support)."""
    _write_stack(type(exc), exc.__traceback__, exc)


def start_worker(target: Callable[..., object], *args: object, name: str) -> threading.Thread:
    """Run `target(*args)` in a daemon thread; an exception in it is reported, not lost."""

    def run() -> None:
        try:
            target(*args)
        except BaseException:
            report_current()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


# -- wrapping the overrides ---------------------------------------------------------------

def _qt_base(cls: type) -> type | None:
    return next((base for base in cls.__mro__ if base.__module__.startswith(("PySide6.", "shiboken6"))), None)


def _guarded(owner: type, name: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def guarded(self, *args, **kwargs):
        try:
            return function(self, *args, **kwargs)
        except BaseException:
            report_current()
        if name in RESULT_ON_ERROR:
            return RESULT_ON_ERROR[name]
        try:
            return getattr(super(owner, self), name)(*args, **kwargs)
        except BaseException:  # a pure virtual without a base, or the base fails too
            return None

    guarded.__guarded__ = True  # type: ignore[attr-defined]
    return guarded


def protect_class(cls: type) -> list[str]:
    """Wrap the methods of `cls` that override a method of its Qt base; their names."""
    base = _qt_base(cls)
    if base is None:
        return []
    wrapped = []
    for name, member in list(vars(cls).items()):
        if (name.startswith("__") or not inspect.isfunction(member) or getattr(member, "__guarded__", False)
                or not callable(getattr(base, name, None))):
            continue
        setattr(cls, name, _guarded(cls, name, member))
        wrapped.append(name)
    return wrapped


def protect_module(module: ModuleType) -> None:
    for value in list(vars(module).values()):
        if inspect.isclass(value) and value.__module__ == module.__name__:
            protect_class(value)


class _ProtectingLoader:
    """The module's own loader, followed by protect_module(). (Plain classes here, not
    importlib.abc's: that module imports importlib.resources, ~5 ms of start-up.)"""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        protect_module(module)

    def __getattr__(self, name: str):  # get_source, get_resource_reader ...
        return getattr(self._loader, name)


class _ProtectOnImport:
    """Finds modules of one package with the finders that follow it (source tree, wheel or
    frozen app alike) and protects their classes once they have run."""

    def __init__(self, package: str) -> None:
        self.prefix = package + "."

    def find_spec(self, fullname, path, target=None):
        if not fullname.startswith(self.prefix):
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ProtectingLoader(spec.loader)
                return spec
        return None


def protect_package(package: str) -> None:
    """Protect every module of `package`: those loaded already and those imported later."""
    if not any(isinstance(f, _ProtectOnImport) and f.prefix == package + "." for f in sys.meta_path):
        sys.meta_path.insert(0, _ProtectOnImport(package))
    for name, module in list(sys.modules.items()):
        if name.startswith(package + ".") and module is not None:
            protect_module(module)


# -- the hook -------------------------------------------------------------------------------

def _write_stack(exc_type: type[BaseException], tb: TracebackType | None, exc: BaseException | None = None) -> None:
    """Where it happened, for support: frames and the kind of error, never the message
    (an OverflowError or a ValueError may quote a date or a number that was typed)."""
    lines = ["transfer-helper: internal error (message withheld: it may quote personal data)\n"]
    chain: list[tuple[type[BaseException], TracebackType | None]] = [(exc_type, tb)]
    seen = {id(exc)}
    cause = exc.__cause__ or exc.__context__ if exc is not None else None
    while cause is not None and id(cause) not in seen and len(chain) < 5:
        seen.add(id(cause))
        chain.append((type(cause), cause.__traceback__))
        cause = cause.__cause__ or cause.__context__
    for kind, frames in reversed(chain):
        lines += traceback.format_list(traceback.extract_tb(frames))
        lines.append(f"{kind.__module__}.{kind.__qualname__}\n")
    try:
        sys.stderr.write("".join(lines))
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no console (a windowed app) or closed
        pass


class _Hook:
    """sys.excepthook and threading.excepthook of the running app."""

    def __init__(self, keep_draft: Callable[[], None] | None) -> None:
        from PySide6.QtCore import QObject, Qt, Signal

        class Relay(QObject):
            failed = Signal(str, bool)  # kind of error, quit (KeyboardInterrupt, SystemExit)

        self.keep_draft = keep_draft
        self.relay = Relay()  # lives in the GUI thread: an emit from a worker is queued
        self.relay.failed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.showing = False
        self.shown: set[str] = set()
        self.count = 0

    def __call__(self, exc_type, exc, tb) -> None:
        self.count += 1
        _write_stack(exc_type, tb, exc)
        quit_ = issubclass(exc_type, (KeyboardInterrupt, SystemExit))
        try:
            self.relay.failed.emit(exc_type.__name__, quit_)
        except RuntimeError:  # the app is shutting down and the relay is gone
            pass

    def on_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # a thread ended itself: nothing went wrong
        self(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _show(self, kind: str, quit_: bool) -> None:
        from PySide6.QtWidgets import QApplication

        if quit_:
            QApplication.quit()
            return
        if self.keep_draft is not None:
            try:
                self.keep_draft()
            except Exception as exc:  # saving failed too: the stack says why, the message still shows
                _write_stack(type(exc), exc.__traceback__, exc)
        # One dialog at a time, and each kind once: a paint event that fails on every paint
        # must not open a dialog per paint.
        if self.showing or kind in self.shown:
            return
        self.shown.add(kind)
        self.showing = True
        try:
            from app.ui import dialogs
            from app.ui.binding import language

            zh = language() == "zh"
            text = (MESSAGE[0] if zh else MESSAGE[1]).format(kind=kind)
            dialogs.show_error(QApplication.activeWindow(), TITLE[0] if zh else TITLE[1], text)
        finally:
            self.showing = False


_installed: _Hook | None = None


def install(keep_draft: Callable[[], None] | None = None) -> _Hook:
    """Make uncaught exceptions of every thread a message instead of the end of the app.
    `keep_draft` is called before the message is shown (the window flushes its autosave).
    Call with a QApplication; again to change `keep_draft`."""
    global _installed
    if _installed is None:
        _installed = _Hook(keep_draft)
    _installed.keep_draft = keep_draft
    sys.excepthook = _installed
    threading.excepthook = _installed.on_thread
    return _installed
