#!/usr/bin/env python3
"""Start-up time, keystroke latency and peak memory of the desktop app.

    .venv/bin/python benchmarks/startup.py [--runs N] [--keys N] [--periods N]

1. Start-up: N rounds, each spawning a bare script (QApplication + QWizard with one page)
   and `python -m app`, alternately, both headless (QT_QPA_PLATFORM=offscreen) on the same
   empty data and settings folders. Each child reports the moment its first page got its
   first paint event (the app with TRANSFER_HELPER_EXIT_AFTER_SHOW=1, see app/ui/main.py;
   the bare script in the same way) on the machine-wide monotonic clock, and exits; the
   start-up time is that moment minus the moment this script spawned it. So interpreter
   start, imports and the first show count for both in the same way. Goal: ratio <= 1.3.
   The app makes its other pages (and loads the domain model, and installs its application-
   wide event filter) just after that first paint; the time until they exist is printed too
   ("every page made": the app ready for a keystroke on any page: the pages made and the
   events their making left pending processed, e.g. the desk guard's first events). Both children also report
   their own CPU time at those moments, printed as a second, less load-sensitive ratio.
2. Keystroke latency, in a child process: a draft with 200 history periods; a key typed
   into a text field (identity phone, a history cell editor) until its inline message
   changed and the events it caused (layout, paint) were processed. Median of 50 (a letter,
   then Backspace, ...). Goal: <= 16 ms. Also the GUI-thread stall of the debounced full
   check on that draft (it runs after a pause in typing).
3. Peak memory, in a child process of its own: ru_maxrss after example 01 went through
   every page and the documents page rendered its preview. Goal: <= 150 MB.

Every figure comes with min / median / max of its runs, and the goals are ratios to the bare
QWizard measured in the same run (app first paint <= 1.3x; every page made <= 2.5x the bare
first paint), so a busy machine slows both sides alike. Prints numbers, the line before the
last being `peak memory: N MB` (median of --memory-runs children) and the last line
`startup ratio: X.XX` (median app first paint / median bare first paint); asserts nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from common import child_env, compile_app, load_line, noise, spread  # noqa: E402

EXAMPLE = ROOT / "examples" / "01-employee-job-change-cross-province.json"
TODAY = "2026-11-23"

BARE = r'''
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first page shown: cpu {time.process_time() * 1000:.0f} ms, "
              f"monotonic {time.perf_counter() * 1000:.3f} ms", flush=True)
        wizard.close()


app = QApplication(sys.argv)
wizard = QWizard()
page = QWizardPage()
page.setTitle("Start")
QVBoxLayout(page).addWidget(QLabel("A bare QWizard with one page."))
wizard.addPage(page)
watcher = FirstPaint()
page.installEventFilter(watcher)
wizard.show()
sys.exit(app.exec())
'''


# ---------------------------------------------------------------------------- start-up


def _env(folder: Path) -> dict[str, str]:
    env = child_env()
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "TRANSFER_HELPER_DATA": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),  # QSettings() of the app: not the user's file
        "TRANSFER_HELPER_EXIT_AFTER_SHOW": "1",
        "PYTHONPATH": str(ROOT),
    })
    return env


CPU_TIMES: dict[tuple[str, str], list[float]] = {}  # (command kind, stamp) -> the child's CPU ms at it


def _spawn(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Milliseconds from spawning `command` to the first paint it reports, and to "all
    pages ready" (the app makes its other pages right after the first paint). The child's
    own CPU time at each (process_time, all its threads) goes to CPU_TIMES."""
    started = time.perf_counter() * 1000
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    stamps = {}
    kind = "bare" if command[1:2] == ["-c"] else "app"
    for line in result.stdout.splitlines():
        head, _, tail = line.partition(": ")
        if "monotonic" in tail:
            stamps[head] = float(tail.rsplit("monotonic", 1)[1].split()[0]) - started
            cpu = re.search(r"\bcpu (\d+(?:\.\d+)?) ms", tail)
            if cpu:
                CPU_TIMES.setdefault((kind, head), []).append(float(cpu.group(1)))
    if "first page shown" not in stamps:
        raise RuntimeError(f"{command[1:]} did not report its first page (exit {result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
    return stamps["first page shown"], stamps.get("all pages ready")


def startup(runs: int) -> dict[str, list[float]]:
    compile_app()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as temp:
        env = _env(Path(temp))
        bare = [sys.executable, "-c", BARE]
        ours = [sys.executable, "-m", "app"]
        _spawn(bare, env), _spawn(ours, env)  # warm the file cache for both
        times: dict[str, list[float]] = {"bare": [], "app": [], "ready": []}
        for round_ in range(runs):
            order = [("bare", bare), ("app", ours)]
            for name, command in order if round_ % 2 == 0 else reversed(order):
                shown, ready = _spawn(command, env)
                times[name].append(shown)
                if ready is not None:
                    times["ready"].append(ready)
    bare_ms, app_ms = statistics.median(times["bare"]), statistics.median(times["app"])
    print(f"start-up to first page, median of {runs}: bare QWizard {bare_ms:.0f} ms, app {app_ms:.0f} ms")
    print(f"  bare QWizard first paint: {spread(times['bare'])}")
    print(f"  app first paint:          {spread(times['app'])}")
    print(f"  bare runs: {', '.join(f'{t:.0f}' for t in times['bare'])}")
    print(f"  app runs:  {', '.join(f'{t:.0f}' for t in times['app'])}")
    print(f"  fastest runs: bare {min(times['bare']):.0f} ms, app {min(times['app']):.0f} ms, ratio "
          f"{min(times['app']) / min(times['bare']):.2f} (less sensitive to other load on the machine)")
    pairs = [a / b for a, b in zip(times["app"], times["bare"])]
    print(f"  app / bare per round (each pair spawned back to back): {spread(pairs, 'x', 2)}")
    print(f"  noise (max / min of the same command): bare {noise(times['bare']):.2f}, app {noise(times['app']):.2f}")
    bare_cpu, app_cpu = CPU_TIMES.get(("bare", "first page shown")), CPU_TIMES.get(("app", "first page shown"))
    ready_cpu = CPU_TIMES.get(("app", "all pages ready"))
    if bare_cpu and app_cpu:  # the children's own CPU time: less hit by other load than the wall clock
        line = (f"  CPU time of the child to its first paint: bare {statistics.median(bare_cpu):.0f} ms, "
                f"app {statistics.median(app_cpu):.0f} ms, ratio {statistics.median(app_cpu) / statistics.median(bare_cpu):.2f}")
        if ready_cpu:
            line += (f"; to every page made {statistics.median(ready_cpu):.0f} ms = "
                     f"{statistics.median(ready_cpu) / statistics.median(bare_cpu):.2f}x")
        print(line)
    if times["ready"]:
        ready_ms = statistics.median(times["ready"])
        print(f"  app with every page made (right after the first paint; the desk guard installed): "
              f"{spread(times['ready'])}")
        print(f"every page made, median {ready_ms:.0f} ms = {ready_ms / bare_ms:.2f}x the bare QWizard's first paint "
              f"(goal <= 2.5x)")
    return times


# ---------------------------------------------------------------------------- in-process


def _with_periods(n: int):
    spec = importlib.util.spec_from_file_location("bench_check", ROOT / "benchmarks" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.with_periods(n)


def _key_latency(app, edit, message, keys: int) -> list[float]:
    """Type a letter, then Backspace, ... into `edit`; each time until the inline message
    changed and the events it caused (layout, paint) were processed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    edit.setFocus()
    edit.end(False)
    samples = []
    for i in range(keys + 2):
        key = Qt.Key.Key_X if i % 2 == 0 else Qt.Key.Key_Backspace
        before = message.text(), message.isVisible()
        start = time.perf_counter()
        QTest.keyClick(edit, key)
        deadline = start + 1.0
        while (message.text(), message.isVisible()) == before and time.perf_counter() < deadline:
            app.processEvents()
        app.processEvents()
        if i >= 2:  # the first two warm up
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def _window(temp: Path):
    """The app's window on a temporary data folder and settings file, shown."""
    from datetime import date

    from PySide6.QtCore import QSettings

    from app.storage.autosave import Autosave
    from app.ui.main import build_window, create_app
    from app.ui.settings import Settings

    os.environ["TRANSFER_HELPER_DATA"] = str(temp / "data")
    app = create_app([sys.argv[0]])
    settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(settings=settings, autosave=Autosave(temp / "data"), today=date.fromisoformat(TODAY))
    window.show()
    app.processEvents()
    return app, window


def latency(keys: int, periods: int) -> None:
    from app.ui.pages.base import PageId

    with tempfile.TemporaryDirectory(prefix="startup-bench-") as temp:
        app, window = _window(Path(temp))
        session, wizard = window.session, window.wizard
        session.replace(_with_periods(periods), dirty=True)
        wizard.next()  # start -> identity (keeps the draft just loaded)
        app.processEvents()
        if wizard.currentId() != PageId.IDENTITY:
            print(f"could not reach the identity page (at page {wizard.currentId()})")
            return

        identity = wizard.currentPage()
        bound = identity.binder.fields.get("identity.phone")
        if bound is None or bound.message is None:
            print("identity page: no phone field with an inline message")
        else:
            samples = _key_latency(app, bound.widget, bound.message, keys)
            print(f"keystroke -> inline message, identity phone, {periods} periods: "
                  f"median {statistics.median(samples):.2f} ms, max {max(samples):.2f} ms (n={len(samples)})")
            bound.widget.setText("13800138001")

        wizard.next()
        app.processEvents()
        edit, message = _history_cell_editor(wizard.currentPage(), app)
        if edit is None:
            print("history page: no cell editor with an inline message found")
        else:
            samples = _key_latency(app, edit, message, keys)
            print(f"keystroke -> inline message, history cell, {periods} periods: "
                  f"median {statistics.median(samples):.2f} ms, max {max(samples):.2f} ms (n={len(samples)})")

        gaps, cpus, paths = _check_stall(app, session, periods)
        print(f"debounced full check + every page's messages, {periods} periods: median {statistics.median(gaps):.1f} ms "
              f"(the longest the GUI thread did not answer, from the debounce timer to the result shown; "
              f"max {max(gaps):.1f} ms, n={len(gaps)})")
        print(f"  GUI-thread CPU in that longest gap: {spread(cpus, 'ms', 1)}; the result reached the pages "
              f"{paths} times out of {len(gaps)}")
        sync = []
        for _ in range(10):
            start = time.perf_counter()
            session.run_check()  # the synchronous check of a page change (review, open notes)
            app.processEvents()
            sync.append((time.perf_counter() - start) * 1000)
        print(f"synchronous run_check + every page's messages (page changes), {periods} periods: "
              f"{spread(sync, 'ms', 1)}")
        session.dirty = False
        window.close()


def _check_stall(app, session, periods: int, rounds: int = 12) -> tuple[list[float], list[float], int]:
    """The debounced full check on its real path: a history cell changed (as by typing), the
    debounce timer fires, the check runs (wherever the session runs it), every page updates
    its messages and repaints. A 1 ms heartbeat timer on the GUI thread beats throughout;
    per round, the longest gap between two beats (wall) from the change until 50 ms after
    the `checked` signal, and the GUI thread's own CPU time in that gap (time.thread_time:
    other processes and threads do not count in it)."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    path = f"history.{periods // 2}.employer_name"
    gaps, cpus, delivered = [], [], 0
    for i in range(rounds + 2):
        beats: list[tuple[float, float]] = []
        loop = QEventLoop()
        heart = QTimer()
        heart.setTimerType(Qt.TimerType.PreciseTimer)
        heart.setInterval(1)
        heart.timeout.connect(lambda: beats.append((time.perf_counter(), time.thread_time())))
        got = []

        def checked(_result, got=got, loop=loop) -> None:
            got.append(True)
            QTimer.singleShot(50, loop.quit)  # the repaints the result causes

        session.checked.connect(checked)
        session.set(path, f"示例科技有限公司{'甲乙'[i % 2]}")
        app.processEvents()  # the keystroke's own work (cell message, field check): not the check's
        beats.append((time.perf_counter(), time.thread_time()))
        heart.start()
        QTimer.singleShot(5000, loop.quit)  # a check that never reports ends the round
        loop.exec()
        heart.stop()
        session.checked.disconnect(checked)
        if i < 2:
            continue  # warm-up
        delivered += bool(got)
        worst = max(range(1, len(beats)), key=lambda k: beats[k][0] - beats[k - 1][0])
        gaps.append((beats[worst][0] - beats[worst - 1][0]) * 1000)
        cpus.append((beats[worst][1] - beats[worst - 1][1]) * 1000)
    return gaps, cpus, delivered


def memory() -> None:
    """Example 01 through every page to the documents preview; the peak RSS."""
    from app.storage import drafts
    from app.ui.pages.base import PageId

    with tempfile.TemporaryDirectory(prefix="startup-bench-") as temp:
        app, window = _window(Path(temp))
        wizard = window.wizard
        window.session.replace(drafts.load(EXAMPLE), dirty=True)
        for _ in range(8):
            wizard.next()
            for _ in range(5):  # what pages do just after being shown (warm-ups)
                app.processEvents()
                time.sleep(0.01)
            if wizard.currentId() == PageId.DOCUMENTS:
                break
        _render_preview(wizard.currentPage(), app)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (ru_maxrss) of the GUI after every page and the documents preview "
              f"(example 01, at page {wizard.currentId()}): {peak:.0f} MB", flush=True)
        window.session.dirty = False
        window.close()


def _history_cell_editor(page, app):
    """The editor of the start-month cell in the middle of the history table, and the line
    under the table that shows the current cell's message."""
    from app.ui.history_model import Column

    table, model = getattr(page, "table", None), getattr(page, "model", None)
    if table is None or model is None or model.rowCount() == 0:
        return None, None
    row = model.rowCount() // 2
    page.select_cell(row, Column.START)
    table.setFocus()
    table.edit(model.index(row, Column.START))
    app.processEvents()
    editor = app.focusWidget()
    if not hasattr(editor, "setText"):
        return None, None
    return editor, page.cell_message


def _render_preview(page, app) -> None:
    """Wait for the documents (rendered in a thread), then paint the page and its preview."""
    deadline = time.perf_counter() + 60
    while not page.is_ready() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):  # the preview renders its pages on paint requests
        app.processEvents()
        time.sleep(0.01)
    page.grab()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up rounds (>= 5)")
    parser.add_argument("--keys", type=int, default=50, help="keystrokes per field")
    parser.add_argument("--periods", type=int, default=200, help="history periods of the latency draft")
    parser.add_argument("--memory-runs", type=int, default=3, help="peak-memory children (median reported)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {sys.platform}; {load_line()}")
    times = startup(max(5, args.runs))
    bare_ms, app_ms = statistics.median(times["bare"]), statistics.median(times["app"])
    # Each in-process part runs in a child of its own: the peak memory is the GUI's alone.
    env = child_env(QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, __file__, "--latency", str(args.keys), str(args.periods)], check=True, env=env)
    peaks = []
    for _ in range(max(1, args.memory_runs)):
        out = subprocess.run([sys.executable, __file__, "--memory"], check=True, env=env, capture_output=True,
                             text=True).stdout
        print(out, end="")
        peaks += [float(m) for m in re.findall(r": (\d+) MB$", out, re.M)]
    if peaks:
        print(f"  peak memory of {len(peaks)} runs: {spread(peaks, 'MB')}")
    print(f"end: {load_line()}")
    if peaks:
        print(f"peak memory: {statistics.median(peaks):.0f} MB")
    print(f"startup ratio: {app_ms / bare_ms:.2f}")

if __name__ == "__main__":
    if sys.argv[1:2] == ["--latency"]:
        sys.path.insert(0, str(ROOT))
        latency(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["--memory"]:
        sys.path.insert(0, str(ROOT))
        memory()
    else:
        main()
