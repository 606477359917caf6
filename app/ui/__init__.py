"""The desktop interface (PySide6). The only package that imports Qt.

PySide6 6.12 on Python 3.11 loses one reference to None each time a Qt method returning
None is called (setText, show, processEvents ...): after roughly 16,000 such calls the
interpreter aborts with "none_dealloc: deallocating None". Python 3.12+ made None immortal,
so the bug is harmless there. On 3.11 we give None a reference count it can never use up,
which is what 3.12 does by design. Remove this once PySide6 is fixed (the test
tests/ui/test_pyside_none_refcount.py shows whether it is still needed).
"""
import sys

if sys.version_info < (3, 12):  # pragma: no branch
    import ctypes

    # True and False too: a Python Signal(bool) emitted with True or False loses one
    # reference to it per emit (tests/ui/test_pyside_bool_refcount.py), and ends the same
    # way ("bool_dealloc: deallocating True or False"), mostly at exit.
    for _immortal in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_immortal)).value += 1 << 40
    del _immortal
