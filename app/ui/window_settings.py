"""The window-mode settings dialog: on/off, the idle times, and the office of this window.

Owns: the dialog (WindowSettingsDialog, built from and read into an app.service_window.prefs
WindowPrefs) and `open_window_settings(parent, settings)`, which shows it and stores what
was accepted. The office's area, agency, address and phone are the office's own
preferences (printed on every form it hands out), never an applicant's data.
"""
from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.service_window.prefs import CLEAR_MINUTES, DESTINATION, LOCK_MINUTES, ORIGIN, WindowPrefs


class WindowSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, prefs: WindowPrefs) -> None:
        super().__init__(parent)
        self.setObjectName("windowSettings")
        self.original = prefs
        layout = QVBoxLayout(self)

        self.enabled = QCheckBox()
        self.enabled.setChecked(prefs.enabled)
        layout.addWidget(self.enabled)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)

        self.idle_box = QGroupBox()
        idle = QFormLayout(self.idle_box)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(*LOCK_MINUTES)
        self.lock_minutes.setValue(prefs.lock_minutes)
        self.clear_minutes = QSpinBox()
        self.clear_minutes.setRange(*CLEAR_MINUTES)
        self.clear_minutes.setValue(prefs.clear_minutes)
        self.lock_label, self.clear_label = QLabel(), QLabel()
        idle.addRow(self.lock_label, self.lock_minutes)
        idle.addRow(self.clear_label, self.clear_minutes)
        self.lock_note = QLabel()
        self.lock_note.setWordWrap(True)
        idle.addRow(self.lock_note)
        layout.addWidget(self.idle_box)

        self.office_box = QGroupBox()
        office = QFormLayout(self.office_box)
        self.side = QComboBox()
        self.side.addItem("", DESTINATION)
        self.side.addItem("", ORIGIN)
        self.side.setCurrentIndex(max(0, self.side.findData(prefs.side)))
        from app.ui.widgets.area_picker import AreaPicker

        self.area = AreaPicker(full_names=True)
        self.area.set_value(prefs.area_code or None, prefs.area_name or None)
        self.agency_name = QLineEdit(prefs.agency_name)
        self.address = QLineEdit(prefs.address)
        self.phone = QLineEdit(prefs.phone)
        self.postcode = QLineEdit(prefs.postcode)
        limits = ((self.agency_name, 50), (self.address, 100), (self.phone, 30), (self.postcode, 6))
        for edit, limit in limits:
            edit.setMaxLength(limit)
        from app.domain import packs

        self.pack = QComboBox()  # the office's local rule pack (app.domain.packs), set once here
        self.pack.addItem("", packs.AUTO)
        self.pack.addItem("", packs.NONE)
        self._packs = packs.shipped()
        for pack in self._packs:
            self.pack.addItem("", pack.id)
        self.pack.setCurrentIndex(max(0, self.pack.findData(prefs.local_pack)))
        self.labels = {name: QLabel() for name in ("side", "area", "agency_name", "address", "phone", "postcode", "pack")}
        for name, widget in (("side", self.side), ("area", self.area), ("agency_name", self.agency_name),
                             ("address", self.address), ("phone", self.phone), ("postcode", self.postcode),
                             ("pack", self.pack)):
            self.labels[name].setBuddy(widget)
            office.addRow(self.labels[name], widget)
        layout.addWidget(self.office_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for label, widget in ((self.lock_label, self.lock_minutes), (self.clear_label, self.clear_minutes)):
            label.setBuddy(widget)
        self.lock_minutes.valueChanged.connect(self._keep_order)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("窗口模式设置"))
        self.enabled.setText(self.tr("本机在经办窗口使用（窗口模式）(&E)"))
        self.explain.setText(self.tr(
            "窗口模式为一台电脑接待多位申请人而设：工具栏上的“下一位”清除上一位的全部内容（草稿、自动保存、"
            "临时文件、剪贴板），无人操作时自动锁屏、再过一段时间自动清除；不记录最近使用的文件夹；"
            "操作记录（不含任何个人信息）写在数据文件夹的 audit.log 中。"))
        self.idle_box.setTitle(self.tr("无人操作时"))
        self.lock_label.setText(self.tr("锁屏等待(&L)："))
        self.clear_label.setText(self.tr("清除等待(&C)："))
        for spin in (self.lock_minutes, self.clear_minutes):
            spin.setSuffix(self.tr(" 分钟"))
        self.lock_minutes.setAccessibleName(self.tr("无人操作多少分钟后锁屏"))
        self.clear_minutes.setAccessibleName(self.tr("无人操作多少分钟后清除申请内容"))
        self.lock_note.setText(self.tr("锁屏只是为了在柜台遮住屏幕，不是安全措施：按任意键即可继续。"))
        self.office_box.setTitle(self.tr("本经办机构（自动填入每份新申请）"))
        self.side.setItemText(0, self.tr("转入地（接收转入的申请）"))
        self.side.setItemText(1, self.tr("转出地"))
        self.pack.setItemText(0, self.tr("自动（申请涉及哪个地区，就用那里的规则包）"))
        self.pack.setItemText(1, self.tr("不用本地规则包（只按全国规定）"))
        from app.ui.binding import language

        zh = language() == "zh"
        for index, pack in enumerate(self._packs, start=2):
            self.pack.setItemText(index, pack.label_zh if zh else pack.label_en)
        texts = {"side": self.tr("本窗口是(&S)："), "area": self.tr("统筹区(&A)："),
                 "agency_name": self.tr("经办机构名称(&N)："), "address": self.tr("地址(&D)："),
                 "phone": self.tr("电话(&P)："), "postcode": self.tr("邮政编码(&Z)："),
                 "pack": self.tr("本地规则包(&R)：")}
        for name, text in texts.items():
            self.labels[name].setText(text)
            self.labels[name].buddy().setAccessibleName(_plain(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _keep_order(self, lock: int) -> None:
        if self.clear_minutes.value() <= lock:
            self.clear_minutes.setValue(lock + 1)

    def prefs(self) -> WindowPrefs:
        code, name = self.area.value()
        return replace(
            self.original, enabled=self.enabled.isChecked(), lock_minutes=self.lock_minutes.value(),
            clear_minutes=self.clear_minutes.value(), side=self.side.currentData(), area_code=code or "",
            area_name=name or "", agency_name=self.agency_name.text(), address=self.address.text(),
            phone=self.phone.text(), postcode=self.postcode.text(), local_pack=self.pack.currentData(),
        ).normalized()


def _plain(label: str) -> str:
    """A label without its mnemonic and colon, as an accessible name."""
    return re.sub(r"\(&\w\)|&", "", label).rstrip("：: ")


def open_window_settings(parent: QWidget | None, settings) -> WindowPrefs | None:
    """Show the dialog; store and return the accepted preferences (None if cancelled)."""
    dialog = WindowSettingsDialog(parent, settings.window_prefs)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        prefs = dialog.prefs()
    finally:
        dialog.deleteLater()
    settings.window_prefs = prefs
    return prefs
