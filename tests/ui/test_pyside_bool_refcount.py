"""The app survives many emits of a Python Signal(bool) (PySide6 6.12 + Python 3.11: each emit
loses a reference to True or False; app/ui/__init__.py works around it as for None)."""
import os
import subprocess
import sys

SCRIPT = """
import app.ui  # applies the work-around on Python 3.11
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

class Source(QObject):
    flag = Signal(bool)

qt = QApplication([])
source = Source()
source.flag.connect(lambda value: None)
for _ in range(30000):
    source.flag.emit(True)
    source.flag.emit(False)
print("ok")
"""


def test_sixty_thousand_bool_signal_emits_do_not_abort_the_process():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", **os.environ})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
