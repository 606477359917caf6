"""The desktop interface (PySide6). The only package that imports Qt.

Before anything uses Qt: the work-around for PySide6's lost references to None, True and
False (app/ui/compat.py; the app refuses to start on a build where it cannot be applied),
PySide6's import hook made cheap (compat.quick_feature_scan: 60 ms at start-up), and the guard that keeps an exception in any Qt override of this package from ending the
process (app/ui/guard.py).
"""
from app.ui import compat, guard

compat.keep_singletons_alive()
compat.quick_feature_scan()
guard.protect_package(__name__)
