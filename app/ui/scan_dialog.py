"""File → 扫描/导入证件…: read ID cards and insurance papers from photos or scans.

Owns: the scan dialog (the files to read, reading them in a worker thread with progress and
cancel, the page shown with boxes round every value read, the list of values with their
confidence, the messages for what could not be read, and "填入申请"), and the main window's
entry points: the menu item, images dropped onto the window, an image pasted (Ctrl+V where
no text field takes it). The reading itself is app.scan (Qt-free); filling and the
confirmation gate are app.ui.scan_state.

Pasted images are written only into the app's temporary folder (app.storage.tempfiles, emptied by
下一位); dropped files are read where they are. Nothing of a scan goes to the audit log.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.binding import language
from app.ui.scan_entry import dropped_paths, save_pasted


def ask_image_paths(parent: QWidget | None) -> list[Path]:
    """Photos or scans to read (no folder is remembered: window mode keeps no trace)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("ScanDialog", "选择证件照片或扫描件"), "",
        QCoreApplication.translate("ScanDialog", "图片或 PDF (*.png *.jpg *.jpeg *.pdf)"))
    return [Path(n) for n in names]


class _Relay(QObject):
    """Carries the worker's news to the dialog (queued signals across threads)."""

    progress = Signal(int, int)
    finished = Signal(int, object)  # generation, ScanResult | an error text | None (cancelled)


class ScanDialog(QDialog):
    """Reads the files it is given; `applied` is emitted with the ApplyReport after 填入申请."""

    applied = Signal(object)

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_dialog")
        self.session = session
        self.paths: list[Path] = []
        self.result = None
        self._generation = 0
        self._cancel = threading.Event()
        self.reading = False
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progress)
        self._relay.finished.connect(self._finished)
        self._build()
        self.retranslate()
        self.setAcceptDrops(True)
        self.resize(1100, 720)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        top.addWidget(self.files, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_files)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(self.paste_image)
        self.read_button = QPushButton()
        self.read_button.setObjectName("read")
        self.read_button.clicked.connect(self.start)
        for button in (self.add_button, self.paste_button, self.read_button):
            buttons.addWidget(button)
        top.addLayout(buttons)
        layout.addLayout(top)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_reading")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.page_choice = QComboBox()
        self.page_choice.currentIndexChanged.connect(self._show_page)
        self.view = QGraphicsView()
        self.view.setObjectName("scan_view")
        self.scene = QGraphicsScene(self)
        self.view.setScene(self.scene)
        left_layout.addWidget(self.page_choice)
        left_layout.addWidget(self.view, 1)
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.fields_label = QLabel()
        self.fields = QTreeWidget()
        self.fields.setObjectName("scan_fields")
        self.fields.setColumnCount(3)
        self.fields.setRootIsDecorated(False)
        self.fields.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fields.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.fields.currentItemChanged.connect(lambda item, _old: self._highlight(item))
        self.fields_label.setBuddy(self.fields)
        self.notices = QLabel()
        self.notices.setObjectName("scan_notices")
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.PlainText)
        self.notices.setStyleSheet("color: #a15c00;")
        right_layout.addWidget(self.fields_label)
        right_layout.addWidget(self.fields, 1)
        right_layout.addWidget(self.notices)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 480])
        layout.addWidget(splitter, 1)

        self.box = QDialogButtonBox()
        self.apply_button = self.box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply_scan")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.close_button = self.box.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.box)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("扫描/导入证件"))
        self.add_button.setText(self.tr("添加图片(&A)…"))
        self.paste_button.setText(self.tr("粘贴图片(&V)"))
        self.read_button.setText(self.tr("读取(&R)"))
        self.cancel_button.setText(self.tr("取消读取(&C)"))
        self.fields_label.setText(self.tr("读到的内容(&F)（框出的位置见左图；填入后每项须在“检查与核对”页确认）："))
        self.fields.setHeaderLabels([self.tr("项目"), self.tr("内容"), self.tr("可信度")])
        self.apply_button.setText(self.tr("填入申请(&I)"))
        self.close_button.setText(self.tr("关闭"))
        self.progress.setFormat(self.tr("%v / %m 页"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- files -----------------------------------------------------------------------------
    def add_paths(self, paths) -> None:
        for path in paths:
            path = Path(path)
            if path not in self.paths:
                self.paths.append(path)
                self.files.addItem(path.name)
        self.read_button.setEnabled(bool(self.paths) and not self.reading)

    def add_files(self) -> None:
        self.add_paths(ask_image_paths(self))

    def paste_image(self) -> bool:
        """The clipboard's image, kept in the app's temporary folder; False when there is none."""
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            return False
        self.add_paths([save_pasted(image)])
        return True

    def dragEnterEvent(self, event) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
            self.start()

    # -- reading ---------------------------------------------------------------------------
    def start(self) -> bool:
        """Open and read the files in a worker thread; False when there is nothing to read."""
        if not self.paths or self.reading:
            return False
        self._generation += 1
        generation = self._generation
        self._cancel = cancel = threading.Event()
        self.reading = True
        self.result = None
        self.apply_button.setEnabled(False)
        self.read_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the pages are counted
        self.notices.setText(self.tr("正在读取，首次读取需加载识别模型…"))
        relay, today, paths, lang = self._relay, self.session.today, list(self.paths), language()

        def run() -> None:
            from app.scan import images, reader

            try:
                pages = [page for path in paths for page in images.open_pages(path)]
                result: object = reader.scan_pages(
                    pages, today=today, progress=lambda done, total: relay.progress.emit(done, total),
                    cancelled=cancel.is_set)
            except images.ImageFileError as exc:  # names the file, never its content
                result = ("file", exc.message(lang))
            except reader.Cancelled:
                result = None
            except Exception as exc:  # shown as its type only: the text may quote what was read
                result = ("error", type(exc).__name__)
            try:
                relay.finished.emit(generation, result)
            except RuntimeError:  # the dialog is gone
                pass

        threading.Thread(target=run, name="scan", daemon=True).start()
        return True

    def cancel(self) -> None:
        """Stop after the page being read; the dialog is usable again at once."""
        self._cancel.set()
        self._generation += 1  # whatever the worker still sends is ignored
        self._reading_over()
        self.notices.setText(self.tr("已取消读取。"))

    def is_done(self) -> bool:
        return not self.reading and self.result is not None

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _reading_over(self) -> None:
        self.reading = False
        self.cancel_button.setEnabled(False)
        self.read_button.setEnabled(bool(self.paths))

    def _finished(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self._reading_over()
        if result is None:
            return
        if isinstance(result, tuple):
            kind, text = result
            self.progress.setRange(0, 1)
            self.notices.setText(text if kind == "file" else self.tr("读取时出错（{reason}）。").format(reason=text))
            return
        self.result = result
        self._fill(result)

    # -- showing ---------------------------------------------------------------------------
    def _fill(self, result) -> None:
        from app.domain.findings import field_label
        from app.scan.values import display_value

        lang = language()
        self.fields.clear()
        for item in result.fields:
            row = QTreeWidgetItem([field_label(item.path, lang), display_value(item.path, item.value),
                                   f"{item.confidence:.0%}" + (self.tr("（已按校验码更正）") if item.corrected else "")])
            row.setData(0, Qt.ItemDataRole.UserRole, item)
            self.fields.addTopLevelItem(row)
        messages = [n.message(lang) for n in result.notices]
        if not result.fields:
            messages.insert(0, self.tr("未读到任何内容。请换一张更清晰、更正的照片，或手工填写。"))
        self.notices.setText("\n".join(messages))
        self.page_choice.blockSignals(True)
        self.page_choice.clear()
        for number, page in enumerate(result.pages):
            self.page_choice.addItem(f"{page.source} #{page.number}", number)
        self.page_choice.blockSignals(False)
        self._show_page(0)
        self.apply_button.setEnabled(bool(result.fields))

    def _show_page(self, index: int, selected=None) -> None:
        """The page with a box round every value read on it (the selected one in orange)."""
        self.scene.clear()
        if self.result is None or not 0 <= index < len(self.result.pages):
            return
        from app.ui.scan_state import pil_to_qimage

        page = self.result.pages[index]
        self.scene.addPixmap(QPixmap.fromImage(pil_to_qimage(page.image)))
        width = max(2, page.image.width // 400)
        for item in self.result.fields:
            if item.page == index:
                chosen = item is selected
                color = QColor(230, 110, 0) if chosen else QColor(0, 120, 215)
                x0, y0, x1, y1 = item.box
                fill = QColor(color)
                fill.setAlpha(60 if chosen else 35)
                rect = self.scene.addRect(QRectF(x0, y0, x1 - x0, y1 - y0), QPen(color, width * (2 if chosen else 1)),
                                          QBrush(fill))
                rect.setToolTip(item.path)
        self.scene.setSceneRect(QRectF(0, 0, page.image.width, page.image.height))
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def _highlight(self, row: QTreeWidgetItem | None) -> None:
        if row is None or self.result is None:
            return
        item = row.data(0, Qt.ItemDataRole.UserRole)
        self.page_choice.blockSignals(True)
        self.page_choice.setCurrentIndex(item.page)
        self.page_choice.blockSignals(False)
        self._show_page(item.page, selected=item)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.scene.sceneRect().isEmpty():
            self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # -- filling ---------------------------------------------------------------------------
    def apply(self) -> None:
        if self.result is None:
            return
        from app.ui.scan_state import ScanState

        report = ScanState.of(self.session).apply(self.result)
        self.applied.emit(report)
        self.accept()
