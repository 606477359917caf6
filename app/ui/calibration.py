"""The printer calibration dialog: print the test page, enter what the ruler says, save.

Owns: choosing the printer (the system's default or a named one), printing the test page
uncorrected and, to confirm, the check page with the correction applied (through
app.ui.printing and dialogs.ask_print, so tests never block), three measurements in mm,
the correction they give (app.printer_calibration does the maths, Qt-free) and saving it
per printer (app.ui.settings). `open_calibration(parent, settings)` is what a menu calls.

Imports QtPrintSupport and (when printing) the renderer: import this module when the
dialog is opened, not at start-up.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.printer_calibration import IDENTITY, LINE_A_MM, LINE_B_MM, SQUARE_MM, Calibration, CalibrationError
from app.ui import dialogs
from app.ui.binding import language

DEFAULT_PRINTER = ""   # the combo's data for "the system's default printer"
STILL_MM = 0.05        # a move smaller than this is shown as "no move"
STILL_SCALE = 0.0005


class CalibrationDialog(QDialog):
    """Edits the calibration of one printer at a time; `save()` stores it."""

    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("calibrationDialog")
        self._result: Calibration | None = IDENTITY

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.printer_label = QLabel()
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printer")
        self.printer_label.setBuddy(self.printer_combo)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printTestPage")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved")
        self.saved_label.setWordWrap(True)

        self.measure_intro = QLabel()
        self.measure_intro.setWordWrap(True)
        self.top_label, self.left_label, self.square_label = QLabel(), QLabel(), QLabel()
        self.top_spin = self._spin("top", 100.0)
        self.left_spin = self._spin("left", 100.0)
        self.square_spin = self._spin("square", 300.0)
        self.top_label.setBuddy(self.top_spin)
        self.left_label.setBuddy(self.left_spin)
        self.square_label.setBuddy(self.square_spin)
        self.result_label = QLabel()
        self.result_label.setObjectName("result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.check_button = QPushButton()
        self.check_button.setObjectName("printCheckPage")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close")
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)

        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer_combo, 1)
        printer_row.addWidget(self.print_button)
        top_form = QFormLayout()
        top_form.addRow(self.printer_label, printer_row)
        top_form.addRow("", self.saved_label)
        measures = QFormLayout()
        measures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        measures.addRow(self.top_label, self.top_spin)
        measures.addRow(self.left_label, self.left_spin)
        measures.addRow(self.square_label, self.square_spin)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top_form)
        layout.addSpacing(8)
        layout.addWidget(self.measure_intro)
        layout.addLayout(measures)
        layout.addWidget(self.result_label)
        layout.addLayout(check_row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for first, second in ((self.printer_combo, self.print_button), (self.print_button, self.top_spin),
                              (self.top_spin, self.left_spin), (self.left_spin, self.square_spin),
                              (self.square_spin, self.check_button), (self.check_button, self.save_button),
                              (self.save_button, self.close_button), (self.close_button, self.reset_button)):
            self.setTabOrder(first, second)

        self.retranslate()
        self._fill_printers()
        self.printer_combo.currentIndexChanged.connect(lambda _index: self._load_saved())
        for spin in (self.top_spin, self.left_spin, self.square_spin):
            spin.valueChanged.connect(lambda _value: self._update_result())
        self.print_button.clicked.connect(lambda: self.print_test_page())
        self.check_button.clicked.connect(lambda: self.print_check_page())
        self.save_button.clicked.connect(self._save_and_close)
        self.close_button.clicked.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)
        self._load_saved()
        self.printer_combo.setFocus()

    def _spin(self, name: str, maximum: float) -> QDoubleSpinBox:
        # Wide ranges on purpose: a wrong number gets a message saying why, not a silent clamp.
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(0.0, maximum)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setMinimumWidth(110)
        return spin

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印机校准"))
        self.intro.setText(self.tr(
            "有的打印机会把内容印得偏一点或大一点小一点，套打在印好的表格上就会错位。"
            "先用普通 A4 纸打印一张校准页，用尺子量三个数填在下面，保存后，以后在这台打印机上打印都会自动校正。"))
        self.printer_label.setText(self.tr("打印机(&R)："))
        self.printer_combo.setAccessibleName(self.tr("打印机"))
        self.print_button.setText(self.tr("打印校准页(&T)…"))
        self.print_button.setToolTip(self.tr("按实际大小打印，不做校正；打印时请关闭“适合页面”"))
        self.measure_intro.setText(self.tr("用毫米刻度的尺子，从纸的边缘量起："))
        self.top_label.setText(self.tr("上边缘到横线 A(&A)："))
        self.left_label.setText(self.tr("左边缘到竖线 B(&B)："))
        self.square_label.setText(self.tr("方框 C 的上边长(&C)："))
        self.top_spin.setAccessibleName(self.tr("上边缘到横线 A 的距离，毫米"))
        self.left_spin.setAccessibleName(self.tr("左边缘到竖线 B 的距离，毫米"))
        self.square_spin.setAccessibleName(self.tr("方框 C 的上边长，毫米"))
        for spin, nominal in ((self.top_spin, LINE_A_MM), (self.left_spin, LINE_B_MM), (self.square_spin, SQUARE_MM)):
            spin.setToolTip(self.tr("没有误差时是 {mm} mm").format(mm=f"{nominal:.0f}"))
        self.result_label.setAccessibleName(self.tr("校正结果"))
        self.check_button.setText(self.tr("打印检查页(&K)…"))
        self.check_button.setToolTip(self.tr("按上面算出的校正打印，量到 20、20、100 mm 就对了"))
        self.reset_button.setText(self.tr("清除校准(&E)"))
        self.reset_button.setToolTip(self.tr("这台打印机以后不做校正"))
        self.save_button.setText(self.tr("保存(&S)"))
        self.close_button.setText(self.tr("关闭"))
        if self.printer_combo.count():
            self.printer_combo.setItemText(0, self._default_text())
        self._show_saved()
        self._update_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _default_text(self) -> str:
        name = QPrinterInfo.defaultPrinterName()
        return self.tr("默认打印机（{name}）").format(name=name) if name else self.tr("默认打印机")

    def describe(self, calibration: Calibration) -> str:
        """What the correction does, in words."""
        if abs(calibration.dx_mm) < STILL_MM and abs(calibration.dy_mm) < STILL_MM \
                and abs(calibration.scale - 1) < STILL_SCALE:
            return self.tr("不用校正：这台打印机印得很准。")
        dx, dy = calibration.dx_mm, calibration.dy_mm
        if abs(dx) < STILL_MM:
            horizontal = self.tr("左右不动")
        elif dx > 0:
            horizontal = self.tr("向右移 {mm} mm").format(mm=f"{dx:.1f}")
        else:
            horizontal = self.tr("向左移 {mm} mm").format(mm=f"{-dx:.1f}")
        if abs(dy) < STILL_MM:
            vertical = self.tr("上下不动")
        elif dy > 0:
            vertical = self.tr("向下移 {mm} mm").format(mm=f"{dy:.1f}")
        else:
            vertical = self.tr("向上移 {mm} mm").format(mm=f"{-dy:.1f}")
        percent = f"{calibration.scale * 100:.1f}"
        if abs(calibration.scale - 1) < STILL_SCALE:
            scale = self.tr("大小不变")
        elif calibration.scale > 1:
            scale = self.tr("放大到 {percent}%").format(percent=percent)
        else:
            scale = self.tr("缩小到 {percent}%").format(percent=percent)
        return self.tr("打印时内容{horizontal}，{vertical}，{scale}。").format(
            horizontal=horizontal, vertical=vertical, scale=scale)

    # -- printers --------------------------------------------------------------------------
    def _fill_printers(self) -> None:
        self.printer_combo.clear()
        self.printer_combo.addItem(self._default_text(), DEFAULT_PRINTER)
        for name in QPrinterInfo.availablePrinterNames():
            self.printer_combo.addItem(name, name)

    def printer_name(self) -> str:
        """The name of the chosen printer ("" if the system has none)."""
        data = self.printer_combo.currentData()
        return data if data else QPrinterInfo.defaultPrinterName()

    def select_printer(self, name: str) -> None:
        """Make `name` the chosen printer (added to the list if it is not in it)."""
        if name == self.printer_name():
            return
        index = self.printer_combo.findData(name)
        if index < 0:
            self.printer_combo.addItem(name, name)
            index = self.printer_combo.count() - 1
        self.printer_combo.setCurrentIndex(index)

    def _show_saved(self) -> None:
        if self.printer_combo.count() == 0:
            return  # retranslate() during construction, before the list is filled
        saved = self.settings.calibration(self.printer_name())
        if saved.is_identity:
            self.saved_label.setText(self.tr("这台打印机还没有校准。"))
        else:
            self.saved_label.setText(self.tr("已保存的校正：{what}").format(what=self.describe(saved)))

    def _load_saved(self) -> None:
        """Show the chosen printer's saved correction as the measurements it came from."""
        left, top, square = self.settings.calibration(self.printer_name()).measurements()
        for spin, value in ((self.top_spin, top), (self.left_spin, left), (self.square_spin, square)):
            spin.blockSignals(True)
            spin.setValue(round(value, 1))
            spin.blockSignals(False)
        self._show_saved()
        self._update_result()

    # -- the correction --------------------------------------------------------------------
    def set_measurements(self, top_mm: float, left_mm: float, square_mm: float) -> None:
        self.top_spin.setValue(top_mm)
        self.left_spin.setValue(left_mm)
        self.square_spin.setValue(square_mm)

    def calibration(self) -> Calibration | None:
        """The correction the measurements give; None if they cannot be right."""
        return self._result

    def _update_result(self) -> None:
        try:
            self._result = Calibration.from_measurements(
                self.left_spin.value(), self.top_spin.value(), self.square_spin.value())
        except CalibrationError as exc:
            self._result = None
            self.result_label.setText(exc.message(language()))
            self.result_label.setStyleSheet("color: #b3261e;")
        else:
            self.result_label.setText(self.describe(self._result))
            self.result_label.setStyleSheet("font-weight: bold;")
        valid = self._result is not None
        self.save_button.setEnabled(valid)
        self.check_button.setEnabled(valid)

    # -- printing --------------------------------------------------------------------------
    def print_test_page(self) -> bool:
        """The test page, uncorrected, on the chosen printer (or the one picked in the system
        dialog, which then becomes the chosen one)."""
        return self._print(check=False)

    def print_check_page(self) -> bool:
        """The check page with the correction the measurements give."""
        return self._print(check=True)

    def _print(self, check: bool) -> bool:
        calibration = self.calibration()
        if check and calibration is None:
            return False
        from app.render.calibration import calibration_page_pdf
        from app.ui import printing

        printer = printing.make_printer(self.tr("打印机校准检查页") if check else self.tr("打印机校准页"))
        if self.printer_combo.currentData():
            printer.setPrinterName(self.printer_combo.currentData())
        if not dialogs.ask_print(self, printer):
            return False
        if not check:
            self.select_printer(printer.printerName())
        job = printing.PrintJob(calibration_page_pdf(check=check), 1, "calibration")
        try:
            printing.paint_jobs(printer, [job], calibration=calibration if check else None)
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, self.tr("无法打印"), self.tr("打印机无法使用（{reason}）。").format(
                reason=type(exc).__name__))
            return False
        self.status.setText(self.tr("检查页已发送到打印机。") if check else
                            self.tr("校准页已发送到打印机。印好后用尺子量，把数填在上面。"))
        return True

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Store the correction for the chosen printer; False if the measurements are wrong."""
        calibration = self.calibration()
        if calibration is None:
            return False
        self.settings.set_calibration(self.printer_name(), calibration)
        self.settings.sync()
        self._show_saved()
        return True

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def reset(self) -> None:
        """No correction for the chosen printer from now on."""
        self.settings.set_calibration(self.printer_name(), IDENTITY)
        self.settings.sync()
        self._load_saved()
        self.status.setText(self.tr("已清除这台打印机的校准。"))


def open_calibration(parent: QWidget | None, settings) -> bool:
    """The calibration dialog, modal; True if a calibration was saved."""
    dialog = CalibrationDialog(settings, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
