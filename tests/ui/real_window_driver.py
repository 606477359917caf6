"""Runs the wizard in a real X window and reports what a person at a desk would meet.

    python tests/ui/real_window_driver.py OUT.json

Started by tests/ui/test_real_window.py in its own process (QT_QPA_PLATFORM=xcb, a DISPLAY
with a window manager), never imported by pytest. Walks an example (fake people only)
through every page and writes a JSON report: for each check a list of what went wrong (an
empty list is a pass), plus a few measurements. It asserts nothing itself.

Checks: every top-level window and dialog the flow opens lies inside the screen's available
geometry and the wizard's buttons inside the window; a wheel event over every unfocused
drop-down or spin box changes nothing (plus one real wheel turn through xdotool over the
transfer page); Tab from the last cell of the history table (and Ctrl+Tab from any cell)
reaches the next widget; switching language on the documents page retranslates every page
(no Han character left in English outside names and data), and the file dialog speaks one
language.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QPointF, QRect, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QDialog,  # noqa: E402
                               QFileDialog, QGroupBox, QLabel, QLineEdit, QScrollArea, QTreeWidget, QWidget,
                               QWizard)

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
REPORT: dict[str, object] = {}


def problems(name: str) -> list:
    return REPORT.setdefault(name, [])  # type: ignore[return-value]


def settle(seconds: float = 0.15) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def wait_framed(window: QWidget, timeout: float = 3.0) -> None:
    """Until the window manager has put its frame around `window` (or timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        settle(0.03)
        if window.isVisible() and window.frameGeometry() != window.geometry():
            settle(0.1)
            return


def inside(window: QWidget, what: str) -> None:
    """The window with its frame lies inside the available geometry of its screen."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems("outside_screen").append(f"{what}: frame {frame.getRect()} not inside {area.getRect()}")


def buttons_inside(window: QWidget, wizard: QWizard, what: str) -> None:
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton,
                  QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton):
        button = wizard.button(which)
        if not button.isVisible():
            continue
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not window.rect().contains(rect):
            problems("clipped").append(f"{what}: button {button.text()!r} at {rect.getRect()} "
                                       f"outside the window {window.rect().getRect()}")


def inspect_modal(what: str, opener, settle_s: float = 0.3) -> None:
    """Call `opener()` (which opens a modal dialog with exec()), check the dialog's place
    when it is up, then close it."""
    seen = {"done": False}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        wait_framed(dialog)
        settle(settle_s)
        inside(dialog, what)
        REPORT.setdefault("dialogs", []).append(
            {"what": what, "frame": dialog.frameGeometry().getRect(), "available": dialog.screen().availableGeometry().getRect()})
        seen["done"] = True
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    QTimer.singleShot(50, look)
    opener()
    if not seen["done"]:
        problems("outside_screen").append(f"{what}: no dialog appeared")


def wheel(widget: QWidget) -> None:
    center = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(center, QPointF(widget.mapToGlobal(center.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    return widget.text()  # QAbstractSpinBox: its text holds the value (and date fields')


def wheel_over_fields(page: QWidget, what: str) -> int:
    """A wheel turn over every unfocused drop-down or spin box of `page` changes nothing."""
    count = 0
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, (QComboBox, QAbstractSpinBox)) or not widget.isVisible() or not widget.isEnabled():
            continue
        if widget.hasFocus():
            continue
        before = value_of(widget)
        wheel(widget)
        settle(0.01)
        count += 1
        if value_of(widget) != before:
            problems("wheel_changed").append(f"{what}: {widget.accessibleName() or type(widget).__name__}")
    return count


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def real_wheel_on_transfer(page: QWidget) -> None:
    """One real wheel turn (X server -> Qt) over the 申请地点 drop-down: the value stays,
    the page scrolls."""
    combo = page.binder.widget_for("transfer.filed_at")
    scroll = page.findChild(QScrollArea)
    scroll.ensureWidgetVisible(combo, 0, 0)
    settle(0.2)
    before, bar = combo.currentIndex(), scroll.verticalScrollBar()
    at = bar.value()
    center = combo.mapToGlobal(QPoint(combo.width() // 2, combo.height() // 2))
    xdotool("mousemove", str(center.x()), str(center.y()))
    settle(0.1)
    direction = "5" if at < bar.maximum() else "4"
    xdotool("click", direction)
    settle(0.3)
    REPORT["real_wheel"] = {"scrolled_from": at, "scrolled_to": bar.value(), "maximum": bar.maximum()}
    if combo.currentIndex() != before:
        problems("wheel_changed").append("real wheel over 申请地点 changed it")
    if bar.maximum() > 0 and bar.value() == at:
        problems("wheel_changed").append("real wheel over 申请地点 did not scroll the page")


def tab_out_of_table(window, page) -> None:
    table = page.table
    model = table.model()
    window.activateWindow()
    settle(0.2)
    last = model.index(model.rowCount() - 1, model.columnCount() - 1)
    table.setCurrentIndex(last)
    table.setFocus()
    settle(0.1)
    xdotool("key", "Tab")
    settle(0.2)
    focus = QApplication.focusWidget()
    if focus is None or focus is table or table.isAncestorOf(focus):
        problems("tab").append(f"Tab on the last cell stayed in the table ({type(focus).__name__})")
    REPORT["tab_from_last_cell_to"] = type(focus).__name__ if focus else None
    table.setCurrentIndex(model.index(0, 1))
    table.setFocus()
    settle(0.1)
    xdotool("key", "ctrl+Tab")
    settle(0.2)
    focus = QApplication.focusWidget()
    if focus is None or focus is table or table.isAncestorOf(focus):
        problems("tab").append("Ctrl+Tab in the middle of the table stayed in it")
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    settle(0.1)
    xdotool("key", "shift+Tab")
    settle(0.2)
    focus = QApplication.focusWidget()
    if focus is None or focus is table:
        problems("tab").append("Shift+Tab on the first cell stayed in the table")


# -- language ---------------------------------------------------------------------------------
def data_strings(session) -> set[str]:
    """Names and data: every string value of the draft, and the region names it leads to."""
    from app.domain import regions

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    dump = session.draft.model_dump(mode="json")
    walk(dump)
    for text in list(found):
        if len(text) == 6 and text.isdigit():
            region = regions.get(text)
            if region is not None:
                found |= {region.name, region.full_name}
    number = session.value("identity.id_number") or ""
    if len(number) == 18:
        region = regions.get(number[:6])
        if region is not None:
            found |= {region.name, region.full_name}
    return {text for text in found if HAN.search(text)}


def leftover_han(text: str, data: set[str]) -> str:
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, "")
    # Chinese documents cited by their names: in 《》, and the review's "Source: ..." line.
    text = re.sub(r"《[^》]*》|〔[^〕]*〕", "", text)
    text = re.sub(r"(?m)^Source: .*$", "", text)
    return "".join(HAN.findall(text))


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(kind, text) of what the page shows in words that are not input: labels, buttons,
    group titles, tree rows (not the answers' value column), headers, placeholders."""
    texts: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root.window()):
            continue
        if isinstance(widget, QLabel):
            texts.append(("label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(("button", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append(("group", widget.title()))
        elif isinstance(widget, QLineEdit):
            texts.append(("placeholder", widget.placeholderText()))
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            texts += [("header", header.text(i)) for i in range(widget.columnCount())]
            stack = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while stack:
                item = stack.pop()
                for column in range(widget.columnCount()):
                    if widget.objectName() == "answers" and column == 1:
                        continue  # the answers themselves: data
                    texts.append(("tree", item.text(column)))
                stack += [item.child(i) for i in range(item.childCount())]
        if widget.accessibleName():
            texts.append(("accessible", widget.accessibleName()))
    return [(kind, text) for kind, text in texts if text]


def check_english(window, page_ids) -> None:
    from app.ui.pages.base import PageId

    data = data_strings(window.session)
    wizard = window.wizard
    where = []
    for page_id in reversed(page_ids):
        while wizard.currentId() != page_id and wizard.currentId() > page_id:
            wizard.back()
            settle(0.05)
        settle(0.3)
        page = wizard.currentPage()
        for kind, text in visible_texts(window) + [("title", page.title()), ("subtitle", page.subTitle()),
                                                   ("window", window.windowTitle())]:
            left = leftover_han(text, data)
            if left:
                where.append(f"{PageId(page_id).name} {kind}: {text[:80]!r}")
    problems("han_in_english").extend(sorted(set(where)))


def file_dialog_language(language: str) -> None:
    dialog = QFileDialog(None, "", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    settle(0.3)
    words = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    words += [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    dialog.close()
    dialog.deleteLater()
    with_han = [w for w in words if HAN.search(w)]
    ascii_words = [w for w in words if re.search(r"[A-Za-z]{3,}", w) and not HAN.search(w)]
    REPORT.setdefault("file_dialog", {})[language] = words
    if language == "en" and with_han:
        problems("file_dialog_mixed").append(f"en: {with_han}")
    if language == "zh" and ascii_words:
        problems("file_dialog_mixed").append(f"zh: {ascii_words}")


# -- the flow ---------------------------------------------------------------------------------
def main(out: Path) -> int:
    os.environ.setdefault("TRANSFER_HELPER_DATA", tempfile.mkdtemp(prefix="real-window-"))
    from app import paths
    from app.storage import drafts
    from app.storage.autosave import Autosave
    from app.domain.enums import Filer
    from app.ui import dialogs
    from app.ui.main import build_window, create_app
    from app.ui.pages.base import PageId
    from app.ui.settings import Settings

    app = create_app([sys.argv[0]])
    temp = Path(os.environ["TRANSFER_HELPER_DATA"])
    settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
    settings.language = "zh"
    window = build_window(settings=settings, autosave=Autosave(temp / "data"), today=date(2026, 11, 23))
    window.show()
    wait_framed(window)
    inside(window, "main window")
    REPORT["main_window"] = {"frame": window.frameGeometry().getRect(),
                             "available": window.screen().availableGeometry().getRect()}
    wizard = window.wizard

    [example] = sorted(paths.EXAMPLES.glob("04*.json"))
    window.session.replace(drafts.load(example), dirty=True)
    wheel_total = 0
    for page_id in (PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER, PageId.REVIEW, PageId.DOCUMENTS):
        wizard.next()
        settle(0.3)
        if wizard.currentId() != page_id:
            problems("flow").append(f"stuck before {page_id.name}")
            break
        page = wizard.currentPage()
        inside(window, f"main window on {page_id.name}")
        buttons_inside(window, wizard, page_id.name)
        if page_id is PageId.HISTORY:
            tab_out_of_table(window, page)
        if page_id is PageId.TRANSFER:
            window.session.set("transfer.filer", Filer.AGENT)  # the longest page: the agent's fields too
            settle(0.3)
            wheel_total += wheel_over_fields(page, page_id.name)
            real_wheel_on_transfer(page)
            window.session.set("transfer.filer", Filer.SELF)
            window.session.set("transfer.agent", None)
            settle(0.2)
        elif page_id is PageId.DOCUMENTS:
            deadline = time.monotonic() + 60
            while not page.is_ready() and time.monotonic() < deadline:
                settle(0.1)
            wheel_total += wheel_over_fields(page, page_id.name)
        else:
            wheel_total += wheel_over_fields(page, page_id.name)
    REPORT["wheel_fields_tried"] = wheel_total

    # Dialogs the flow opens, each inside the screen.
    from app.ui import printing

    documents = wizard.page_of(PageId.DOCUMENTS)
    jobs = documents.print_jobs()[:1]
    printer = printing.make_printer("test")
    inspect_modal("print preview", lambda: dialogs.show_print_preview(
        window, printer, lambda device: printing.paint_jobs(device, jobs, dpi=printing.PREVIEW_DPI)), settle_s=0.5)
    inspect_modal("question", lambda: dialogs.ask_yes_no(window, "删除参保记录", "删除第 1 段参保记录？"))
    inspect_modal("passphrase", lambda: dialogs.ask_passphrase(window, confirm=True))
    inspect_modal("window-mode settings", lambda: window.window_mode.open_settings())
    inspect_modal("printer calibration", lambda: window.calibrate_printer())

    file_dialog_language("zh")
    # English, switched on the documents page; every page must follow at once.
    window.set_language("en")
    settle(0.5)
    check_english(window, [PageId.START, PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER, PageId.REVIEW,
                           PageId.DOCUMENTS])
    file_dialog_language("en")
    inside(window, "main window at the end")

    window.set_language("zh")
    window.session.dirty = False
    window.close()
    settle(0.2)
    out.write_text(json.dumps(REPORT, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
