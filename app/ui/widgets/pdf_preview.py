"""An in-app preview of PDF bytes (QtPdf), usable with the keyboard alone.

Owns: loading PDF bytes into a QPdfDocument through a QBuffer (no temporary file holding
personal data), the page view, and its controls: previous/next page, go to page, zoom in/out,
fit width, whole page. Shortcuts work while the focus is anywhere inside the preview:
Ctrl+PgUp / Ctrl+PgDown (page), Ctrl++ / Ctrl+- (zoom), Ctrl+0 (fit width); arrows and
PgUp/PgDown scroll the view itself.

Imports QtPdf: import this module only when a preview is first needed (start-up stays fast).
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = QPdfDocument(self)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setPageSpacing(12)

        self.act_prev = self._action("Ctrl+PgUp", self.previous_page)
        self.act_next = self._action("Ctrl+PgDown", self.next_page)
        self.act_zoom_in = self._action(QKeySequence.StandardKey.ZoomIn, self.zoom_in, "Ctrl+=")
        self.act_zoom_out = self._action(QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self.act_fit_width = self._action("Ctrl+0", self.fit_width)
        self.act_fit_page = self._action(None, self.fit_page)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("prev", self.act_prev), ("next", self.act_next)):
            bar.addWidget(self._button(key, action))
        self.page_label = QLabel()
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setMaximum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_label.setBuddy(self.page_spin)
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.total_label = QLabel()
        bar.addSpacing(8)
        bar.addWidget(self.page_label)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.total_label)
        bar.addStretch(1)
        for key, action in (("zoom_out", self.act_zoom_out), ("zoom_in", self.act_zoom_in),
                            ("fit_width", self.act_fit_width), ("fit_page", self.act_fit_page)):
            bar.addWidget(self._button(key, action))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        # Tab in the order things are seen: the tool row left to right, then the pages below.
        row = [self.buttons["prev"], self.buttons["next"], self.page_spin, self.buttons["zoom_out"],
               self.buttons["zoom_in"], self.buttons["fit_width"], self.buttons["fit_page"], self.view]
        for first, second in zip(row, row[1:]):
            QWidget.setTabOrder(first, second)

        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.retranslate()
        self._update_pages()

    def _action(self, shortcut, slot, *more) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            keys = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) \
                else [QKeySequence(shortcut)]
            action.setShortcuts(keys + [QKeySequence(k) for k in more])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, key: str, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.buttons[key] = button
        return button

    def first_in_tab_order(self) -> QWidget:
        """Where Tab enters the preview (its tool row, above the pages)."""
        return self.buttons["prev"]

    def retranslate(self) -> None:
        texts = {
            self.act_prev: (self.tr("上一页"), "Ctrl+PgUp"),
            self.act_next: (self.tr("下一页"), "Ctrl+PgDown"),
            self.act_zoom_out: (self.tr("缩小"), "Ctrl+-"),
            self.act_zoom_in: (self.tr("放大"), "Ctrl++"),
            self.act_fit_width: (self.tr("适合宽度"), "Ctrl+0"),
            self.act_fit_page: (self.tr("整页"), ""),
        }
        for action, (text, keys) in texts.items():
            action.setText(text)
            tip = self.tr("{action}（{keys}）").format(action=text, keys=keys) if keys else text
            action.setToolTip(tip)
        for button in self.buttons.values():
            button.setAccessibleName(button.defaultAction().text())
        self.page_label.setText(self.tr("第(&G)"))
        self.page_spin.setAccessibleName(self.tr("第几页"))  # says the visible label "第"
        self.view.setAccessibleName(self.tr("预览"))
        self.setAccessibleName(self.tr("预览"))  # the label "预览：" names the whole preview
        self.view.setAccessibleDescription(self.tr("方向键和翻页键滚动；Ctrl+翻页键换页；Ctrl+加号、Ctrl+减号缩放。"))
        self._update_pages()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- content ---------------------------------------------------------------------------
    def set_pdf(self, data: bytes) -> bool:
        """Show the PDF in `data`; True if it could be read. A new QPdfDocument each time:
        QPdfView keeps the rendered pages of a document object, and would go on showing
        the previous file's pages after a reload into the same one."""
        keep = self.current_page()
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        pdf = QPdfDocument(self)
        buffer.setParent(pdf)  # lives as long as the document that reads it
        pdf.load(buffer)  # synchronous for a QBuffer
        old, self.pdf = self.pdf, pdf
        self.view.setDocument(pdf)
        old.close()
        old.deleteLater()
        self._update_pages()
        if self.page_count():
            self.go_to(min(keep, self.page_count() - 1) if keep else 0)
        return pdf.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        """Show nothing, and let go of the PDF's bytes (the buffer is its document's child)."""
        old, self.pdf = self.pdf, QPdfDocument(self)
        self.view.setDocument(self.pdf)
        old.close()
        old.deleteLater()
        self._update_pages()

    def document(self) -> QPdfDocument:
        return self.pdf

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    # -- navigation and zoom ---------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if not 0 <= page < self.page_count():
            return
        zoom = self.view.zoomFactor()
        self.view.pageNavigator().jump(page, QPointF(), zoom)
        self._page_changed(page)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.act_prev.setEnabled(page > 0)
        self.act_next.setEnabled(page + 1 < self.page_count())

    def _update_pages(self) -> None:
        count = self.page_count()
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setEnabled(count > 0)
        self.total_label.setText(self.tr("页，共 {n} 页").format(n=count))
        self._page_changed(min(self.current_page(), max(0, count - 1)))
