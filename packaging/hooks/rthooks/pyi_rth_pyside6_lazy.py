"""Run-time hook for PySide6 that does not import Qt at start; replaces PyInstaller's own
pyi_rth_pyside6.py (user hook folders come first, so PyInstaller logs that it skips its own).

PyInstaller's hook ends by importing PySide6.QtCore to install a qt.conf. That loads Qt Core
and ICU (about 200 ms here) at every start, so `transfer-helper-cli --version` took three
times as long; and it is a no-op for PySide6 from PyPI, whose QtCore installs the same qt.conf
(prefix: the package's Qt folder) itself when first imported. The rest is as PyInstaller's
hook (6.x), less the QML import path: the app uses no QML.
"""


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")

    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")

    if sys.platform.startswith("win"):
        # Qt's plugins find their DLLs through PATH.
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")


_pyi_rthook()
del _pyi_rthook
