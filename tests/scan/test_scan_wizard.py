"""Scan to fill in the wizard: drop an ID card and a 参保凭证 on the window, read them, fill
the application, confirm on the review page, render the PDFs. Also: printing waits for the
confirmation, a value typed over is the person's own, and 下一位 forgets the scan and wipes
a pasted image."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWizard

from app import paths
from app.storage import drafts

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SHOTS = os.environ.get("TRANSFER_HELPER_SCREENSHOTS")  # a folder: save screenshots of the scan panel there


def _ui_conftest():
    """tests/ui/conftest.py's fixtures (its folder's conftest does not reach this file)."""
    spec = importlib.util.spec_from_file_location("ui_conftest_for_scan", ROOT / "tests" / "ui" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_ui = _ui_conftest()
data_dir, fake_dialogs, settings, make_window, ui = (_ui.data_dir, _ui.fake_dialogs, _ui.settings, _ui.make_window,
                                                    _ui.ui)
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(_ui.OFFSCREEN_NOISE),
              # PySide6 marks QDragEnterEvent's only constructor deprecated (a QPoint position).
              pytest.mark.filterwarnings("ignore:Function. 'QDragEnterEvent:DeprecationWarning")]


def _without_scanned_parts():
    """Example 01 with what the papers hold left blank: identity from the card, history from the voucher."""
    draft = drafts.load(paths.EXAMPLES / "01-employee-job-change-cross-province.json")
    for name in ("name", "id_number", "hukou_address", "birth_date", "sex"):
        setattr(draft.identity, name, None)
    draft.history = []
    draft.transfer.origin.name = None
    return draft


def _drop(window, files):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def _shot(widget, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


@pytest.fixture(autouse=True)
def shared_ocr(ocr_engine, monkeypatch):
    """The dialog's reader uses the session's engine: the real OCR, once per image per session."""
    from app.scan import reader

    monkeypatch.setattr(reader, "default_engine", lambda: ocr_engine)


@pytest.fixture
def scanned(make_window, qtbot, scan_truth):
    """A window whose draft was filled by dropping the card and the voucher and pressing 填入申请."""
    from app.ui.scan_state import ScanState

    window = make_window()
    window.resize(1200, 860)
    window.session.replace(_without_scanned_parts())
    _drop(window, [DATA / "scan-000-id_card.png", DATA / "scan-000-medical_a.png"])
    dialog = window.scan_entry.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.is_done, timeout=180_000)
    assert dialog.fields.topLevelItemCount() >= 10
    dialog.fields.setCurrentItem(dialog.fields.topLevelItem(0))
    _shot(dialog, "scan-dialog.png")
    dialog.apply_button.click()
    assert window.scan_entry.dialog is None or not window.scan_entry.dialog.isVisible()
    return window, ScanState.of(window.session)


def test_drop_read_confirm_render(scanned, qtbot, fake_dialogs, tmp_path, scan_truth, ui):
    from app.ui.pages.base import PageId
    from app.ui.scan_state import blocks_printing

    window, state = scanned
    session = window.session
    truth = {**scan_truth["scan-000-id_card.png"]["fields"], **scan_truth["scan-000-medical_a.png"]["fields"]}
    from app.domain import fields

    for path, value in truth.items():
        got = fields.get_value(session.draft, path)
        assert str(getattr(got, "value", got)) == value, path
    assert blocks_printing(session)
    # What no paper says: the period's status, and the origin is the area of the period read.
    session.set("history.0.status", "terminated")
    for name in ("area_code", "area_name"):
        session.set(f"transfer.origin.{name}", session.value(f"history.0.{name}"))
    session.set("transfer.stop_month", session.value("history.0.end"))

    wizard = window.wizard
    assert wizard.advance_to(PageId.REVIEW)
    review = wizard.currentPage()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert review.errors() == [], [f.path for f in review.errors()]
    assert review.scan_panel.isVisible() and review.scan_panel.pending() == len(state.unconfirmed()) > 0
    assert not next_button.isEnabled()  # printing waits for the confirmation
    _shot(window, "scan-review-confirm.png")

    first = state.unconfirmed()[0].path
    review.scan_panel.findChild(QPushButton, f"confirm:{first}").click()
    assert first not in [v.path for v in state.unconfirmed()]
    assert not next_button.isEnabled()
    review.scan_panel.confirm_all_button.click()
    assert state.unconfirmed() == [] and not review.scan_panel.isVisible()
    assert next_button.isEnabled() and not blocks_printing(session)

    next_button.click()
    documents = wizard.currentPage()
    assert wizard.currentId() == PageId.DOCUMENTS
    qtbot.waitUntil(documents.is_ready, timeout=120_000)
    out = tmp_path / "out"
    out.mkdir()
    fake_dialogs.answers["ask_folder"] = out
    ui.button(documents, "PDF").click()
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert len(written) == len(documents.pdfs) > 1, written  # every document and the combined packet


def test_a_value_typed_over_is_no_longer_waiting_for_confirmation(scanned):
    window, state = scanned
    assert state.is_scanned("identity.hukou_address")
    window.session.set("identity.hukou_address", "浙江省杭州市西湖区样例路 1 号")
    assert not state.is_scanned("identity.hukou_address")
    assert "identity.hukou_address" not in [v.path for v in state.unconfirmed()]


def test_documents_page_refuses_to_save_while_scanned_values_wait(scanned, fake_dialogs):
    from app.ui.pages.base import PageId

    window, state = scanned
    documents = window.wizard.page_of(PageId.DOCUMENTS)
    documents.pdfs = {"packet": b"%PDF-1.4"}  # as if rendered: the gate comes before any dialog
    assert documents.save_pdfs() is False and documents.print_selected() is False
    assert "ask_folder" not in fake_dialogs.names() and "ask_print" not in fake_dialogs.names()


def test_next_applicant_forgets_the_scan_and_wipes_a_pasted_image(make_window, qtbot):
    from app.storage import tempfiles
    from app.ui.scan_state import ScanState

    window = make_window()
    image = QImage(str(DATA / "scan-000-id_card.png"))
    QGuiApplication.clipboard().setImage(image)
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier))
    dialog = window.scan_entry.dialog
    assert dialog is not None
    [pasted] = dialog.paths
    assert pasted.parent == tempfiles.registry().folder and pasted.exists()
    qtbot.waitUntil(dialog.is_done, timeout=120_000)
    dialog.apply_button.click()
    state = ScanState.of(window.session)
    assert state.unconfirmed()
    window.window_mode.clear_applicant()
    assert state.unconfirmed() == [] and state.values == {}
    assert not pasted.exists()
    QGuiApplication.clipboard().clear()


def test_cancel_leaves_the_dialog_usable_and_ignores_the_late_result(make_window, qtbot, monkeypatch):
    import threading

    from app.scan import reader

    release = threading.Event()

    class SlowEngine:
        def read(self, image):
            release.wait(30)
            return []

    monkeypatch.setattr(reader, "default_engine", lambda: SlowEngine())
    window = make_window()
    dialog = window.scan_entry.open_dialog([DATA / "scan-000-id_card.png"], start=True)
    assert dialog.reading and dialog.cancel_button.isEnabled() and not dialog.read_button.isEnabled()
    dialog.cancel_button.click()
    assert not dialog.reading and dialog.read_button.isEnabled() and not dialog.apply_button.isEnabled()
    release.set()
    qtbot.wait(300)  # the worker's late answer arrives and is ignored
    assert dialog.result is None and not dialog.apply_button.isEnabled()


def _ready_for_review(session):
    """What no paper says: the period's status, and the origin is the area of the period read."""
    session.set("history.0.status", "terminated")
    for name in ("area_code", "area_name"):
        session.set(f"transfer.origin.{name}", session.value(f"history.0.{name}"))
    session.set("transfer.stop_month", session.value("history.0.end"))


def test_identity_field_filled_from_a_scan_shows_the_crop_in_its_tooltip(scanned):
    import base64
    import re

    from app.ui.pages.base import PageId

    window, state = scanned
    page = window.wizard.page_of(PageId.IDENTITY)
    for path in ("identity.name", "identity.id_number", "identity.hukou_address"):
        widget = page.binder.widget_for(path)
        tip = widget.toolTip()
        assert "来自扫描" in tip, path
        [encoded] = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', tip)
        shown = QImage.fromData(base64.b64decode(encoded), "PNG")
        crop = state.values[path].crop
        assert not shown.isNull() and shown.width() == min(crop.width(), 480), path
        assert abs(shown.height() - crop.height() * shown.width() / crop.width()) <= 1, path
    # Typed over: the value is the person's own, and the field's tooltip goes with the scan's.
    window.session.set("identity.hukou_address", "浙江省杭州市西湖区样例路 1 号")
    assert "data:image" not in page.binder.widget_for("identity.hukou_address").toolTip()
    assert "data:image" in page.binder.widget_for("identity.name").toolTip()


def test_review_verdict_says_the_scanned_values_wait_for_confirmation(scanned):
    from app.ui.pages.base import PageId

    window, state = scanned
    _ready_for_review(window.session)
    assert window.wizard.advance_to(PageId.REVIEW)
    review = window.wizard.currentPage()
    assert review.errors() == []
    pending = len(state.unconfirmed())
    assert pending > 0
    text = review.verdict.text()
    assert "可以生成材料" not in text and f"要先确认扫描读取的 {pending} 项内容才能生成材料" in text, text
    review.scan_panel.confirm_all_button.click()
    assert review.verdict.text().startswith("没有错误，可以生成材料。")


def test_history_cell_filled_from_a_scan_shows_the_crop_in_its_tooltip(scanned):
    """The voucher's periods: each cell still as read shows where it was read, as the
    identity fields do; a cell typed over is the person's own and its tooltip goes back."""
    from app.ui.history_model import Column
    from app.ui.pages.base import PageId

    window, state = scanned
    model = window.wizard.page_of(PageId.HISTORY).model
    assert model.rowCount() >= 1 and state.is_scanned("history.0.start")
    tip = model.data(model.index(0, Column.START), Qt.ItemDataRole.ToolTipRole)
    assert "来自扫描" in tip and 'src="data:image/png;base64,' in tip
    window.session.set("history.0.start", "2000-01")
    tip = model.data(model.index(0, Column.START), Qt.ItemDataRole.ToolTipRole) or ""
    assert "data:image" not in tip
    assert "data:image" in model.data(model.index(0, Column.END), Qt.ItemDataRole.ToolTipRole)
