"""Compatibility with third-party internals: the one module that reaches into them.

Owns: the work-around for PySide6's lost references to None, True and False, and the check
of the interpreter build it depends on; a quicker answer to the question PySide6's import hook
asks of every module imported (quick_feature_scan, below). Imports nothing from the rest of
the app and no Qt (it must run before PySide6 is used at all; shiboken6 only, in a function).

The fault: PySide6 6.12 on Python 3.11 loses one reference to None each time a Qt method
returning None is called (setText, show, processEvents ...), and one to True or False per
emit of a Python Signal(bool). After roughly 5,000 such calls (None starts with about that
many references) the interpreter aborts with "none_dealloc: deallocating None". Python 3.12
made these objects immortal (PEP 683), so the loss is harmless there. On 3.11 we give them a
reference count they can never use up, which is what 3.12 does by design.

The write goes to `ob_refcnt`, the first field of every object, as a C ssize_t at the
object's address (`id()`). That layout holds for 64-bit release builds of CPython 3.11; a
debug build puts two pointers before it (Py_TRACE_REFS), another implementation has no such
field, and a 32-bit count would overflow on the amount added. On those builds the bug would
still end the app, and the write is not known to be correct: the app refuses to start.

tests/ui/test_pyside_refcount_canary.py runs PySide6 without the work-around (a strict
xfail): when it starts passing, PySide6 is fixed and this module can go.
"""
from __future__ import annotations

import sys

# The amount added: far more than a long session loses (one reference per Qt call), far
# less than an ssize_t can hold.
HEADROOM = 1 << 40

UNSUPPORTED_MESSAGE = (
    "本程序不能在这个 Python 版本上运行（{build}）：所用的 PySide6 在 Python 3.12 以前的版本中有引用计数缺陷，"
    "只有 64 位正式版 CPython 上的修补是确认安全的。请使用 64 位 CPython 3.11 或 3.12 及以上版本。\n"
    "This program cannot run on this Python build ({build}): the PySide6 it uses has a reference-count "
    "fault on Python before 3.12, and its work-around is known to be safe only on 64-bit release "
    "CPython. Please use 64-bit CPython 3.11, or 3.12 or later."
)


def bug_applies(version: tuple[int, int] = sys.version_info[:2]) -> bool:
    """Whether the lost references can end the process: only where None, True and False
    are not immortal (before Python 3.12)."""
    return version < (3, 12)


def _implementation() -> str:
    """platform.python_implementation() without importing platform (2-3 ms of start-up)."""
    name = sys.implementation.name
    return {"cpython": "CPython", "pypy": "PyPy", "ironpython": "IronPython", "jython": "Jython"}.get(name, name)


def write_is_known_correct(*, implementation: str = _implementation(),
                           maxsize: int = sys.maxsize,
                           debug_build: bool = hasattr(sys, "gettotalrefcount"),
                           version: tuple[int, int] = sys.version_info[:2]) -> bool:
    """The refcount write is right only for 64-bit release CPython before 3.12."""
    return (implementation == "CPython" and maxsize == 2**63 - 1 and not debug_build
            and (3, 8) <= version < (3, 12))


def describe_build() -> str:
    import platform

    bits = 64 if sys.maxsize == 2**63 - 1 else 32
    debug = ", debug" if hasattr(sys, "gettotalrefcount") else ""
    return f"{platform.python_implementation()} {platform.python_version()}, {bits}-bit{debug}"


class UnsupportedBuild(SystemExit):
    """Raised on import of the interface on a build where the work-around cannot be applied.
    A SystemExit: the interpreter prints the message and exits with status 1, no traceback."""

    def __init__(self) -> None:
        super().__init__(UNSUPPORTED_MESSAGE.format(build=describe_build()))


_applied = False


def keep_singletons_alive() -> bool:
    """Apply the work-around once where it is needed; True if it wrote. Nothing happens on
    Python 3.12+; UnsupportedBuild where the bug applies but the write is not known to be right."""
    global _applied
    if not bug_applies():
        return False
    if not write_is_known_correct():
        raise UnsupportedBuild()
    if _applied:
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _applied = True
    return True


def quick_feature_scan() -> bool:
    """Make PySide6's import hook cheap; True if it was replaced now.

    For `from __feature__ import snake_case` (which the app does not use), shiboken's hook
    (shibokensupport.feature) asks of every module imported after shiboken6 whether its
    source mentions "PySide6", by inspect.getsource(): tokenizing the file into linecache,
    ~0.3 ms a module, 60 ms of CPU over the ~220 modules the app imports at start-up (pydantic,
    the domain model, the pages). The same question is answered here from the file's bytes
    (~0.02 ms). Without a file (built in, a namespace package) or with a compiled extension
    the original finds no source either: False, as it answers; any other module without a
    readable .py file (a frozen app's) goes to the original. Call before anything imports
    PySide6; on a PySide6 without that hook nothing changes."""
    try:
        import shiboken6  # noqa: F401  (loads shibokensupport)
    except ImportError:
        return False
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or getattr(original, "quick", False):
        return False

    from importlib.machinery import EXTENSION_SUFFIXES

    def _mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not path or (isinstance(path, str) and path.endswith(tuple(EXTENSION_SUFFIXES))):
            return False  # what inspect.getsource's TypeError / OSError make of it
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    _mod_uses_pyside.quick = True  # type: ignore[attr-defined]
    _mod_uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside
    return True
