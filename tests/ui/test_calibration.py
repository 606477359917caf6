"""Printer calibration: the dialog (app.ui.calibration) with its dialogs replaced, the settings
it saves (app.ui.settings), and printing with a calibration (app.ui.printing): the content
really moves and scales by what was saved."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLabel, QPushButton

from app.printer_calibration import IDENTITY, Calibration
from app.ui import printing
from app.ui.calibration import CalibrationDialog, open_calibration
from app.ui.settings import CALIBRATION, Settings, calibration_key

pytestmark = pytest.mark.gui
MM = 72 / 25.4


class NamedPrinter(QPrinter):
    """A QPrinter that writes a PDF file but answers to a printer's name (this machine has none)."""

    def __init__(self, name: str, out: Path | None = None) -> None:
        super().__init__(QPrinter.PrinterMode.HighResolution)
        self._name = name
        self.setResolution(300)
        self.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.setFullPage(True)
        if out is not None:
            self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.setOutputFileName(str(out))

    def printerName(self) -> str:  # noqa: N802 - Qt's name
        return self._name


@pytest.fixture
def dialog(qtbot, settings):
    made = CalibrationDialog(settings)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def printed(monkeypatch, tmp_path, fake_dialogs):
    """Printing goes to PDF files (one per print) named after the printer "Office HP"."""
    files: list[Path] = []

    def make_printer(title: str = "") -> QPrinter:
        files.append(tmp_path / f"printed-{len(files)}.pdf")
        return NamedPrinter("Office HP", files[-1])

    monkeypatch.setattr(printing, "make_printer", make_printer)
    fake_dialogs.answers["ask_print"] = True
    return files


def spin(root, name: str) -> QDoubleSpinBox:
    found = [w for w in root.findChildren(QDoubleSpinBox) if w.accessibleName() == name]
    assert found, name
    return found[0]


def button(root, object_name: str) -> QPushButton:
    found = root.findChild(QPushButton, object_name)
    assert found is not None, object_name
    return found


def measure(root, top: float, left: float, square: float) -> None:
    spin(root, "上边缘到横线 A 的距离，毫米").setValue(top)
    spin(root, "左边缘到竖线 B 的距离，毫米").setValue(left)
    spin(root, "方框 C 的上边长，毫米").setValue(square)


def image_box(pdf: Path) -> dict:
    with pdfplumber.open(pdf) as document:
        images = document.pages[0].images
        assert len(images) == 1
        return images[0]


# -- the dialog ----------------------------------------------------------------------------

def test_every_input_has_a_mnemonic_buddy_and_a_name_in_millimetres(dialog):
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert set(labels) == {"打印机(&R)：", "上边缘到横线 A(&A)：", "左边缘到竖线 B(&B)：", "方框 C 的上边长(&C)："}
    assert labels["打印机(&R)："].accessibleName() == "打印机"
    for name in ("上边缘到横线 A 的距离，毫米", "左边缘到竖线 B 的距离，毫米", "方框 C 的上边长，毫米"):
        assert spin(dialog, name).suffix() == " mm"
    for name, text in (("printTestPage", "打印校准页(&T)…"), ("printCheckPage", "打印检查页(&K)…"),
                       ("save", "保存(&S)"), ("reset", "清除校准(&E)")):
        assert button(dialog, name).text() == text
    assert dialog.windowTitle() == "打印机校准"


def test_the_printer_list_starts_with_the_default_printer(dialog):
    combo = dialog.printer_combo
    assert combo.itemText(0).startswith("默认打印机")
    assert combo.itemData(0) == ""
    assert dialog.printer_name() == ""  # no printer on the test machine: the default has no name


def test_an_uncalibrated_printer_starts_at_the_true_values(dialog):
    assert (dialog.top_spin.value(), dialog.left_spin.value(), dialog.square_spin.value()) == (20.0, 20.0, 100.0)
    assert dialog.saved_label.text() == "这台打印机还没有校准。"
    assert dialog.result_label.text() == "不用校正：这台打印机印得很准。"


def test_measurements_show_the_correction_in_words(dialog):
    measure(dialog, top=21.0, left=18.5, square=100.0)
    assert dialog.calibration() == Calibration(1.5, -1.0, 1.0)
    assert dialog.result_label.text() == "打印时内容向右移 1.5 mm，向上移 1.0 mm，大小不变。"
    measure(dialog, top=20.4, left=20.4, square=102.0)
    assert dialog.result_label.text() == "打印时内容左右不动，上下不动，缩小到 98.0%。"
    assert button(dialog, "save").isEnabled()


def test_an_absurd_measurement_says_why_and_cannot_be_saved(dialog, settings):
    measure(dialog, top=20.0, left=20.0, square=10.0)  # measured in centimetres
    assert dialog.calibration() is None
    assert "方框 C 的边长量到 10.0 mm，不可能" in dialog.result_label.text()
    assert not button(dialog, "save").isEnabled()
    assert not button(dialog, "printCheckPage").isEnabled()
    assert dialog.save() is False
    assert settings.store.allKeys() == []


def test_saving_stores_the_correction_under_the_printer_and_reopening_shows_it(qtbot, dialog, settings):
    measure(dialog, top=21.0, left=18.5, square=101.0)
    expected = dialog.calibration()
    button(dialog, "save").click()
    assert dialog.result() == CalibrationDialog.DialogCode.Accepted
    assert settings.calibration("") == Calibration.from_text(expected.to_text())
    assert settings.store.allKeys() == [f"{CALIBRATION}/default"]

    again = CalibrationDialog(settings)
    qtbot.addWidget(again)
    assert (again.top_spin.value(), again.left_spin.value(), again.square_spin.value()) == (21.0, 18.5, 101.0)
    assert again.saved_label.text().startswith("已保存的校正：打印时内容向右移")


def test_reset_forgets_the_printer_calibration(dialog, settings):
    settings.set_calibration("", Calibration(2.0, 1.0, 1.01))
    dialog.reset()
    assert settings.calibration("") == IDENTITY
    assert settings.store.allKeys() == []
    assert dialog.top_spin.value() == 20.0 and dialog.saved_label.text() == "这台打印机还没有校准。"


def test_the_test_page_prints_uncorrected_through_the_print_dialog(dialog, printed, fake_dialogs, settings):
    settings.set_calibration("Office HP", Calibration(5.0, 5.0, 1.0))  # must not move the test page
    button(dialog, "printTestPage").click()
    assert fake_dialogs.names() == ["ask_print"]
    assert len(printed) == 1 and len(pypdf.PdfReader(printed[0]).pages) == 1
    box = image_box(printed[0])
    assert abs(box["x0"]) < 0.5 and abs(box["top"]) < 0.5
    assert "校准页已发送到打印机" in dialog.status.text()


def test_the_printer_picked_in_the_print_dialog_becomes_the_one_calibrated(dialog, printed, settings):
    assert dialog.print_test_page() is True
    assert dialog.printer_name() == "Office HP"
    assert dialog.printer_combo.currentText() == "Office HP"
    measure(dialog, top=20.0, left=22.0, square=100.0)
    assert dialog.save() is True
    assert settings.calibration("Office HP") == Calibration(-2.0, 0.0, 1.0)
    assert settings.calibration("") == IDENTITY


def test_cancelling_the_print_dialog_prints_nothing(dialog, printed, fake_dialogs):
    fake_dialogs.answers["ask_print"] = False
    assert dialog.print_test_page() is False
    assert fake_dialogs.names() == ["ask_print"]
    assert not printed[0].exists()
    assert dialog.status.text() == ""


def test_the_check_page_prints_with_the_measured_correction(dialog, printed):
    measure(dialog, top=18.0, left=23.0, square=100.0)  # prints 3 mm right and 2 mm high
    assert dialog.print_check_page() is True
    box = image_box(printed[0])
    assert box["x0"] == pytest.approx(-3.0 * MM, abs=0.3)
    assert box["top"] == pytest.approx(2.0 * MM, abs=0.3)
    assert "检查页已发送" in dialog.status.text()


def test_a_printer_that_fails_shows_an_error(dialog, printed, fake_dialogs, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("the printer could not be opened")

    monkeypatch.setattr(printing, "paint_jobs", broken)
    assert dialog.print_test_page() is False
    assert fake_dialogs.names() == ["ask_print", "show_error"]
    assert fake_dialogs.calls[-1][1] == ("无法打印", "打印机无法使用（OSError）。")


@pytest.mark.parametrize("action", ["save", "close"])
def test_open_calibration_is_modal_and_says_whether_it_saved(qtbot, settings, action):
    def answer() -> None:
        active = QApplication.activeModalWidget()
        assert isinstance(active, CalibrationDialog)
        measure(active, top=19.0, left=21.0, square=100.0)
        button(active, action).click()

    QTimer.singleShot(0, answer)
    assert open_calibration(None, settings) is (action == "save")
    assert settings.calibration("") == (Calibration(-1.0, 1.0, 1.0) if action == "save" else IDENTITY)


def test_tab_goes_through_everything_in_order(qtbot, dialog):
    order = [dialog.printer_combo, dialog.print_button, dialog.top_spin, dialog.left_spin, dialog.square_spin,
             dialog.check_button, dialog.save_button, dialog.close_button, dialog.reset_button]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    order[0].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is order[0])
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


# -- settings ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [
    ("", "print/calibration/default"),
    ("HP LaserJet 1020", "print/calibration/HP LaserJet 1020"),
    ("\\\\OFFICE-PC\\Canon LBP", "print/calibration/__OFFICE-PC_Canon LBP"),
    ("Brother/HL 2140", "print/calibration/Brother_HL 2140"),
    ("得力打印机\n", "print/calibration/得力打印机_"),
])
def test_calibration_keys_are_one_level_below_print_calibration(name, key):
    assert calibration_key(name) == key


def test_calibrations_round_trip_per_printer_through_the_ini_file(tmp_path, qapp):
    path = tmp_path / "settings.ini"
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    settings.set_calibration("\\\\OFFICE-PC\\Canon LBP", Calibration(-1.25, 0.5, 0.995))
    settings.set_calibration("HP 1020", Calibration(2.0, 0.0, 1.0))
    settings.sync()
    reread = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert reread.calibration("\\\\OFFICE-PC\\Canon LBP") == Calibration(-1.25, 0.5, 0.995)
    assert reread.calibration("HP 1020") == Calibration(2.0, 0.0, 1.0)
    assert reread.calibration("Another printer") == IDENTITY
    values = [line.split("=", 1)[1] for line in path.read_text("utf-8").splitlines() if "=" in line]
    assert values and all(re.fullmatch(r'"-?\d+\.\d\d,-?\d+\.\d\d,\d\.\d{5}"', v) for v in values)


@pytest.mark.parametrize("stored", ["nonsense", "1,2", "99,0,1", "0,0,3", ["1.00", "2.00", "1.00000"]])
def test_a_broken_or_hand_edited_value_reads_safely(settings, stored):
    settings.store.setValue(calibration_key("P"), stored)
    expected = Calibration(1.0, 2.0, 1.0) if isinstance(stored, list) else IDENTITY
    assert settings.calibration("P") == expected


def test_saving_no_correction_removes_the_key(settings):
    settings.set_calibration("P", Calibration(1.0, 0.0, 1.0))
    settings.set_calibration("P", IDENTITY)
    assert settings.store.allKeys() == []


# -- printing with a calibration -----------------------------------------------------------

def non_white_box(image: QImage) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the pixels darker than mid grey."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride, width = gray.bytesPerLine(), gray.width()
    data = bytes(gray.constBits())
    dark = re.compile(rb"[\x00-\x7f]")
    rows = []
    left, right = width, -1
    for y in range(gray.height()):
        row = data[y * stride: y * stride + width]
        first = dark.search(row)
        if first is None:
            continue
        rows.append(y)
        left = min(left, first.start())
        right = max(right, width - 1 - dark.search(row[::-1]).start())
    assert rows, "nothing was painted"
    return left, rows[0], right, rows[-1]


def paint_a4(page: QImage, calibration: Calibration | None, dpi: int = 100) -> QImage:
    sheet = QImage(round(210 / 25.4 * dpi), round(297 / 25.4 * dpi), QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    printing.paint_page(painter, page, QRectF(0, 0, sheet.width(), sheet.height()), QSizeF(595.2756, 841.8898),
                        dpi, calibration)
    painter.end()
    return sheet


@pytest.fixture
def page_with_a_block(qapp) -> QImage:
    """An A4 page at 100 dpi with a black block from (60, 80) mm to (110, 110) mm."""
    page = QImage(827, 1169, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    painter = QPainter(page)
    per_mm = 100 / 25.4
    painter.fillRect(QRectF(60 * per_mm, 80 * per_mm, 50 * per_mm, 30 * per_mm), QColor("black"))
    painter.end()
    return page


@pytest.mark.parametrize("calibration", [Calibration(3.0, -2.0, 1.0), Calibration(-1.5, 4.0, 1.0),
                                         Calibration(0.0, 0.0, 0.97), Calibration(2.0, 1.0, 1.03)])
def test_painting_with_a_calibration_moves_and_scales_the_content(page_with_a_block, calibration):
    per_mm = 100 / 25.4
    left, top, right, bottom = non_white_box(paint_a4(page_with_a_block, None))
    assert (left, top) == pytest.approx((60 * per_mm, 80 * per_mm), abs=1.5)
    moved = non_white_box(paint_a4(page_with_a_block, calibration))
    a, _b, _c, d, e, f = calibration.to_transform()
    e_px, f_px = e / 72 * 100, f / 72 * 100
    expected = (a * left + e_px, d * top + f_px, a * right + e_px, d * bottom + f_px)
    assert moved == pytest.approx(expected, abs=2)


def test_paint_jobs_applies_the_calibration_to_every_printed_sheet(tmp_path, qapp):
    from app.render.calibration import calibration_page_pdf

    out = tmp_path / "calibrated.pdf"
    writer = QPdfWriter(str(out))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    calibration = Calibration(-2.0, 1.5, 0.98)
    assert printing.paint_jobs(writer, [printing.PrintJob(calibration_page_pdf(), 2)], calibration=calibration) == 2
    del writer
    with pdfplumber.open(out) as document:
        for page in document.pages:
            (image,) = page.images
            assert image["x0"] == pytest.approx(-2.0 * MM, abs=0.3)
            assert image["top"] == pytest.approx(1.5 * MM, abs=0.3)
            assert image["width"] == pytest.approx(595.2756 * 0.98, abs=0.3)


def test_calibration_for_picks_the_printer_and_leaves_pdf_files_alone(settings, tmp_path):
    settings.set_calibration("Office HP", Calibration(1.0, -1.0, 1.0))
    assert printing.calibration_for(NamedPrinter("Office HP"), settings) == Calibration(1.0, -1.0, 1.0)
    assert printing.calibration_for(NamedPrinter("Other"), settings) == IDENTITY
    assert printing.calibration_for(NamedPrinter("Office HP", tmp_path / "file.pdf"), settings) == IDENTITY
    assert printing.calibration_for(NamedPrinter("Office HP"), None) == IDENTITY


def test_file_menu_opens_the_calibration_dialog(window, monkeypatch):
    import app.ui.calibration as calibration

    opened = []
    monkeypatch.setattr(calibration, "open_calibration", lambda parent, settings: opened.append(settings) or True)
    window.act_calibrate.trigger()
    assert opened == [window.settings]
