"""The review page's list of values filled from a scan and not yet confirmed.

Owns: showing each such value beside the crop of the image it was read from ("来自扫描"),
a 确认 button per value and 全部确认 for all; the review page cannot go on (and the documents
page cannot print) while the list is not empty (app.ui.scan_state decides that). Hidden when
there is nothing to confirm.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.binding import language
from app.ui.scan_state import ScanState

CROP_SIZE = QSize(240, 36)


class ScanConfirmPanel(QGroupBox):
    changed = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_confirm")
        self.session = session
        self.state = ScanState.of(session)
        self._shown: tuple | None = None  # (language, what the list shows)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("scan_unconfirmed")
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setIconSize(CROP_SIZE)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        row.addStretch(1)
        self.confirm_all_button = QPushButton()
        self.confirm_all_button.setObjectName("confirm_all")
        self.confirm_all_button.clicked.connect(self.state.confirm_all)
        row.addWidget(self.confirm_all_button)
        layout.addLayout(row)
        self.state.changed.connect(self.refresh)
        session.changed.connect(lambda _path: self.refresh())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("以下内容由扫描读取。请对照原图逐项核对，无误后点“确认”，或看过后点“全部确认”。"
                                  "确认前不能生成和打印材料；有误请回到该页直接修改。"))
        self.confirm_all_button.setText(self.tr("全部确认(&K)"))
        self.tree.setHeaderLabels([self.tr("项目"), self.tr("来自扫描"), self.tr("原图"), ""])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def pending(self) -> int:
        return len(self.state.unconfirmed())

    def refresh(self) -> None:
        from app.domain.findings import field_label
        from app.scan.values import display_value

        values = self.state.unconfirmed()
        lang = language()
        # Asked on every change of the draft (every keystroke): rebuilt only when what it
        # lists changed, as a rebuild relays out the review page.
        shown = (lang, [(v.path, v.value, v.confidence, v.corrected, v.crop) for v in values])
        if shown == self._shown:
            return
        self._shown = shown
        self.tree.clear()
        for value in values:
            item = QTreeWidgetItem([field_label(value.path, lang), display_value(value.path, value.value), "", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, value.path)
            tip = self.tr("来自扫描，可信度 {p}").format(p=f"{value.confidence:.0%}")
            if value.corrected:
                tip += self.tr("；已按校验码更正")
            item.setToolTip(1, tip)
            if value.crop is not None and not value.crop.isNull():
                pixmap = QPixmap.fromImage(value.crop).scaled(
                    CROP_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
                item.setIcon(2, QIcon(pixmap))
                item.setSizeHint(2, CROP_SIZE)
            self.tree.addTopLevelItem(item)
            button = QPushButton(self.tr("确认"))
            button.setObjectName(f"confirm:{value.path}")
            button.clicked.connect(lambda _checked=False, p=value.path: self.state.confirm(p))
            self.tree.setItemWidget(item, 3, button)
        self.setTitle(self.tr("来自扫描的内容：{n} 项待确认").format(n=len(values)))
        self.setVisible(bool(values))
        self.tree.setFixedHeight(min(5, max(1, len(values))) * (CROP_SIZE.height() + 8) + self.tree.header().height() + 6)
        self.changed.emit()
