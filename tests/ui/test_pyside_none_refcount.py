"""The app survives many Qt calls that return None (PySide6 6.12 + Python 3.11 refcount bug)."""
import subprocess
import sys

SCRIPT = """
import app.ui  # applies the work-around on Python 3.11
from PySide6.QtWidgets import QApplication, QLabel
qt = QApplication([])
label = QLabel()
for _ in range(60000):
    label.setText("x")
print("ok")
"""


def test_sixty_thousand_none_returning_qt_calls_do_not_abort_the_process():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
