"""PySide6's import hook, made cheap (app/ui/compat.py, quick_feature_scan): the same answer
as shiboken's own check, from the file's bytes instead of inspect.getsource."""
from __future__ import annotations

import sys
import types

import app.ui  # noqa: F401  (applies it)
from app.ui import compat


def _hook():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_the_hook_is_replaced_once():
    hook = _hook()
    assert getattr(hook, "quick", False)
    assert compat.quick_feature_scan() is False  # again: nothing to do
    assert _hook() is hook


def test_it_answers_as_the_original():
    hook = _hook()
    names = ["app.ui.main", "app.ui.binding", "app.cli", "app.domain.findings", "json", "inspect",
             "sys", "builtins", "PySide6.QtCore", "shiboken6.Shiboken", "_json", "app.ui.compat"]
    for name in names:
        __import__(name)
        module = sys.modules[name]
        assert hook(module) == hook.original(module), name
    assert hook(sys.modules["app.ui.main"]) is True and hook(sys.modules["json"]) is False


def test_a_module_without_a_readable_source_goes_to_the_original(tmp_path):
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # never written
    assert _hook()(gone) is _hook().original(gone) is False
    namespace = types.ModuleType("namespace")  # no __file__
    assert _hook()(namespace) is False


def test_a_module_imported_after_pyside6_leaves_no_source_lines_behind(tmp_path, monkeypatch):
    """The original hook read every module's source into linecache, where it stayed (~4 MB of
    the GUI's memory by the documents page)."""
    import linecache

    (tmp_path / "names_pyside.py").write_text("import PySide6  # noqa\nVALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    import names_pyside  # noqa: F401

    assert str(tmp_path / "names_pyside.py") not in linecache.cache
    assert _hook()(sys.modules["names_pyside"]) is True
