"""Documents page: the packet for this case, previewed, saved as PDF and printed.

Owns: making the packet when the page is shown (app.domain.packet.assess -> packet_of ->
render_packet), the list of documents (each with why it is included, who signs, whether it
is printed and how many copies), the documents held back by an error and why (greyed in the
list and named under it), the preview of the selected document or of the whole packet,
saving the PDFs to a folder and printing through the system dialog with a print preview.

The renderer (reportlab), QtPdf and QtPrintSupport are imported the first time this page
is shown, never at start-up. Rendering runs in a worker thread (a second or two the first
time, while fonts load), started by app.ui.guard.start_worker: the page shows at once and
says it is working; choosing the documents (build_packet) and rendering them run there, on
frozen data, and the result or the kind of error comes back by a queued signal. File
writing is Qt-free (app.render.output); printing is in app.ui.printing; every dialog is in
app.ui.dialogs.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.ui import guard
from app.ui.binding import language
from app.ui.pages.base import FormPage, PageId, dialogs as _dialogs
from app.ui.widgets import tree_wrap


PACKET = "packet"
DOC_ROLE = Qt.ItemDataRole.UserRole
MAX_COPIES = 20
FALLBACK_COPIES = 2
COLUMN_TITLE, COLUMN_COPIES, COLUMN_PAGES = range(3)


class _Relay(QObject):
    """Carries a finished rendering from the worker thread to the page (a queued signal)."""

    finished = Signal(int, object, object)  # generation, Packet, dict of PDFs or an error name


class _BusyCursor:
    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc) -> None:
        QApplication.restoreOverrideCursor()


class DocumentsPage(FormPage):
    page_id = PageId.DOCUMENTS
    prefixes = ()
    packetReady = Signal(bool)  # a rendering finished: True with PDFs, False without
    delivered = Signal(str, object)  # "print" / "save_pdf" and counts (document ids, copies) for the audit log

    def build(self) -> None:
        self.packet = None           # app.domain.packet.Packet of the last rendering
        self.held_back: tuple = ()   # app.domain.packet.HeldBack of the last rendering
        self.pdfs: dict[str, bytes] = {}
        self.pages: dict[str, int] = {}
        self.preview = None          # PdfPreview, created when first shown (imports QtPdf)
        self._copies: dict[str, int] = {}   # the person's choices, kept while the draft is the same
        self._excluded: set[str] = set()
        self._filling = False
        self.rendering = False
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.finished.connect(self._rendered)
        self.session.changed.connect(self._forget_choices)

        # QWizard puts an expanding spacer under each page: without this the page keeps its
        # size hint and the preview stays a strip.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list_label = QLabel()
        self.documents_list = QTreeWidget()
        self.documents_list.setObjectName("documents")
        self.documents_list.setColumnCount(3)
        self.documents_list.setRootIsDecorated(False)
        # Full document names: wrapped; if a word is still too long, cut in the middle
        # (the tooltip has the whole name).
        self.documents_list.setWordWrap(True)
        self.documents_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.documents_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.documents_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_COPIES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_PAGES, QHeaderView.ResizeMode.ResizeToContents)
        tree_wrap.keep_wrapped(self.documents_list, COLUMN_TITLE, self._check_width(), self._fit_list_height)
        self.list_label.setBuddy(self.documents_list)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.documents_list)

        details = QGridLayout()
        self.copies_label = QLabel()
        self.copies_spin = QSpinBox()
        self.copies_spin.setObjectName("copies")
        self.copies_spin.setRange(1, MAX_COPIES)
        self.copies_label.setBuddy(self.copies_spin)
        self.reason_title = QLabel()
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.signing_title = QLabel()
        self.signing = QLabel()
        self.signing.setObjectName("signing")
        for label in (self.reason, self.signing):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.reason_title, self.signing_title):
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        details.addWidget(self.copies_label, 0, 0)
        details.addWidget(self.copies_spin, 0, 1, Qt.AlignmentFlag.AlignLeft)
        details.addWidget(self.reason_title, 1, 0)
        details.addWidget(self.reason, 1, 1)
        details.addWidget(self.signing_title, 2, 0)
        details.addWidget(self.signing, 2, 1)
        details.setColumnStretch(1, 1)
        left_layout.addLayout(details)

        buttons = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.setObjectName("savePdf")
        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        self.held = QLabel()         # the documents held back and why, under the list
        self.held.setObjectName("heldBack")
        self.held.setWordWrap(True)
        self.held.setTextFormat(Qt.TextFormat.PlainText)
        self.held.setStyleSheet("color: #b3261e;")
        self.held.setVisible(False)
        left_layout.addWidget(self.held)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        left_layout.addWidget(self.status)
        left_layout.addStretch(1)

        right = QWidget()
        self.preview_layout = QVBoxLayout(right)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel()
        self.preview_placeholder = QLabel()
        self.preview_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_layout.addWidget(self.preview_label)
        self.preview_layout.addWidget(self.preview_placeholder, 1)

        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.documents_list.currentItemChanged.connect(lambda _cur, _prev: self._show_current())
        self.documents_list.itemChanged.connect(self._item_changed)
        self.copies_spin.valueChanged.connect(self._copies_changed)
        self.save_button.clicked.connect(self.save_pdfs)
        self.print_button.clicked.connect(self.print_selected)
        self.setTabOrder(self.documents_list, self.copies_spin)
        self.setTabOrder(self.copies_spin, self.save_button)
        self.setTabOrder(self.save_button, self.print_button)
        self._set_ready(False)

    def retranslate(self) -> None:
        self.setTitle(self.tr("生成材料"))
        self.setSubTitle(self.tr("这些是您这次要用的材料。勾选要打印的材料并设定份数，可以先预览，再打印或保存为 PDF。"))
        self.list_label.setText(self.tr("材料清单(&M)："))
        self.documents_list.setHeaderLabels([self.tr("材料（勾选＝打印）"), self.tr("份数"), self.tr("页数")])
        self.documents_list.setAccessibleName(self.tr("材料清单"))
        self.documents_list.setAccessibleDescription(self.tr("空格键勾选或取消打印；选中的材料显示在右边的预览中。"))
        self.copies_label.setText(self.tr("打印份数(&N)："))
        self.copies_spin.setAccessibleName(self.tr("打印份数"))
        self.copies_spin.setSuffix(self.tr(" 份"))
        self.reason_title.setText(self.tr("为什么需要："))
        self.signing_title.setText(self.tr("签字盖章："))
        self.save_button.setText(self.tr("保存为 PDF(&S)…"))
        self.save_button.setToolTip(self.tr("把每份材料和全部材料各存为一个 PDF 文件"))
        self.print_button.setText(self.tr("打印(&P)…"))
        self.print_button.setToolTip(self.tr("打印勾选的材料，每份按设定的份数"))
        self.preview_label.setText(self.tr("预览："))
        self.preview_placeholder.setText(self.tr("进入本页时生成材料并在这里预览。"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&D)"))
        if self.status.text() and getattr(self, "_status_text", None) is not None:
            self.status.setText(self._status_text())
        if self.packet is not None:
            self._fill_list()

    # -- making the packet -----------------------------------------------------------------
    def initializePage(self) -> None:
        self.status.clear()
        self.start_rendering()

    def start_rendering(self) -> bool:
        """Check and pick the documents now, and render them in the background (a second or
        two the first time: fonts); `packetReady` says when. False if the draft has errors."""
        from app.domain.packet import assess, packet_of
        from app.render.checks import font_findings

        self._ensure_preview()
        self._generation += 1
        self._set_ready(False)
        assessment = assess(self.session.draft, self.session.today, more=font_findings)
        application = assessment.application
        if application is None or not assessment.printable:
            errors = len(assessment.errors)
            self._show_status(lambda: self.tr("还有 {n} 个错误，改正后才能生成材料。请点“上一步”回到检查页。").format(n=errors),
                              error=True)
            self._clear()
            self.packetReady.emit(False)
            return False
        self.rendering = True
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._show_status(lambda: self.tr("正在生成材料，请稍候…"))
        generation = self._generation
        relay = self._relay
        today = self.session.today

        def run() -> None:
            packet = None
            try:
                from app.render.packet import render_packet

                packet = packet_of(assessment, today)  # the documents no error holds back
                result: object = render_packet(packet, application)
            except Exception as exc:  # shown as its type only: the text may quote personal data
                result = type(exc).__name__
                guard.log(exc)
            try:
                relay.finished.emit(generation, packet, result)
            except RuntimeError:  # the page is gone (window closed while rendering)
                pass

        guard.start_worker(run, name="render-packet")
        return True

    def _rendered(self, generation: int, packet, result) -> None:
        if generation != self._generation:
            return  # an older rendering finished after a newer one started
        self.rendering = False
        self.unsetCursor()
        if not isinstance(result, dict):
            self._clear()
            self._show_status(lambda: self.tr("生成材料时出错（{reason}）。请把草稿文件保存好，并联系技术支持。").format(
                reason=result), error=True)
            self.packetReady.emit(False)
            return
        from app.ui import printing

        self.packet, self.pdfs = packet, result
        self.held_back = packet.held_back
        self.pages = {doc_id: printing.page_count(data) for doc_id, data in result.items()}
        self.status.clear()
        self._set_ready(True)
        self._fill_list()
        if self.isVisible():
            self.documents_list.setFocus()
        self.packetReady.emit(True)

    def _clear(self) -> None:
        self.packet, self.pdfs, self.pages, self.held_back = None, {}, {}, ()
        self.documents_list.clear()
        self._show_held()
        self.reason.clear()
        self.signing.clear()
        if self.preview is not None:
            self.preview.clear()

    def forget(self) -> None:
        """Drop the packet, its PDFs, the preview and the status line (window mode: the next
        applicant); a rendering still running is ignored when it ends."""
        self._generation += 1
        if self.rendering:
            self.rendering = False
            self.unsetCursor()
        self._clear()
        self.status.clear()
        self._set_ready(False)
        self._forget_choices("")

    def is_ready(self) -> bool:
        return self.packet is not None and not self.rendering

    def _ensure_preview(self) -> None:
        if self.preview is not None:
            return
        from app.ui.widgets.pdf_preview import PdfPreview

        self.preview = PdfPreview(self)
        self.preview.setObjectName("preview")
        self.preview_layout.replaceWidget(self.preview_placeholder, self.preview)
        self.preview_placeholder.hide()
        self.preview_label.setBuddy(self.preview)
        self.setTabOrder(self.print_button, self.preview.first_in_tab_order())  # the tool row, then the pages

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.save_button, self.print_button, self.copies_spin):
            widget.setEnabled(ready)

    def _forget_choices(self, _path: str) -> None:
        # Another draft, or a changed one: the suggestions of the new packet apply again.
        self._copies.clear()
        self._excluded.clear()

    def default_copies(self) -> int:
        settings = getattr(self.window(), "settings", None)
        value = getattr(settings, "default_copies", FALLBACK_COPIES)
        return value if isinstance(value, int) and value > 0 else FALLBACK_COPIES

    # -- the list --------------------------------------------------------------------------
    def _fill_list(self) -> None:
        if self.packet is None:
            return
        current = self.current_doc_id()
        zh = language() == "zh"
        tree = self.documents_list
        self._filling = True
        try:
            tree.clear()
            whole = QTreeWidgetItem(tree, [self.tr("全部材料（按打印顺序，含建议份数）"), "",
                                           self.tr("{n} 页").format(n=self.pages.get(PACKET, 0))])
            whole.setData(COLUMN_TITLE, DOC_ROLE, PACKET)
            font = whole.font(COLUMN_TITLE)
            font.setBold(True)
            whole.setFont(COLUMN_TITLE, font)
            for doc in self.packet.documents:
                copies = self.copies_of(doc.doc_id)
                item = QTreeWidgetItem(tree, [doc.title_zh if zh else doc.title_en, self.tr("{n} 份").format(n=copies),
                                              self.tr("{n} 页").format(n=self.pages.get(doc.doc_id, 0))])
                item.setData(COLUMN_TITLE, DOC_ROLE, doc.doc_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = doc.doc_id not in self._excluded
                item.setCheckState(COLUMN_TITLE, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                title = doc.title_zh if zh else doc.title_en
                item.setToolTip(COLUMN_TITLE, f"{title}\n{doc.reason_zh if zh else doc.reason_en}")
            for held in self.held_back:  # listed, greyed, never ticked: nothing to print yet
                doc = held.document
                item = QTreeWidgetItem(tree, [self.tr("{title}（暂不打印）").format(
                    title=doc.title_zh if zh else doc.title_en), "—", "—"])
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(COLUMN_TITLE, self._held_reasons(held, zh))
        finally:
            self._filling = False
        self._show_held()
        tree_wrap.wrap_rows(tree, COLUMN_TITLE, self._check_width())  # whole names, wrapped
        self._fit_list_height()
        self.select(current or PACKET)

    def _check_width(self) -> int:
        return self.documents_list.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8

    @staticmethod
    def _held_reasons(held, zh: bool) -> str:
        return "；".join(dict.fromkeys(f.message("zh" if zh else "en") for f in held.findings))

    def _show_held(self) -> None:
        """Under the list: each document held back, and the errors that hold it."""
        if not self.held_back:
            self.held.clear()
            self.held.setVisible(False)
            return
        zh = language() == "zh"
        lines = [self.tr("以下材料暂不打印，先解决问题再回来生成（办事指南里写了下一步怎么办）：")]
        for held in self.held_back:
            lines.append(self.tr("· {title}：{reasons}").format(
                title=held.document.title_zh if zh else held.document.title_en,
                reasons=self._held_reasons(held, zh)))
        self.held.setText("\n".join(lines))
        self.held.setVisible(True)

    def _fit_list_height(self) -> None:
        """As tall as its rows (a packet has at most a handful), so the details sit right under it."""
        tree = self.documents_list
        rows = sum(tree.sizeHintForRow(i) for i in range(tree.topLevelItemCount()))
        frame = 2 * tree.frameWidth() + tree.header().sizeHint().height() + 4
        scroll = tree.horizontalScrollBar().sizeHint().height()
        tree.setFixedHeight(max(rows + frame + scroll, 120))

    def _item(self, doc_id: str) -> QTreeWidgetItem | None:
        for i in range(self.documents_list.topLevelItemCount()):
            item = self.documents_list.topLevelItem(i)
            if item.data(COLUMN_TITLE, DOC_ROLE) == doc_id:
                return item
        return None

    def select(self, doc_id: str) -> bool:
        """Make `doc_id` (or PACKET) the current row, which previews it."""
        item = self._item(doc_id)
        if item is None:
            return False
        self.documents_list.setCurrentItem(item)
        self._show_current()
        return True

    def current_doc_id(self) -> str | None:
        item = self.documents_list.currentItem()
        return item.data(COLUMN_TITLE, DOC_ROLE) if item is not None else None

    def copies_of(self, doc_id: str) -> int:
        if doc_id in self._copies:
            return self._copies[doc_id]
        suggested = self.packet.document(doc_id).copies if self.packet is not None else 0
        return suggested if suggested > 0 else self.default_copies()

    def included(self) -> list[str]:
        """The documents ticked for printing, in print order."""
        if self.packet is None:
            return []
        return [doc.doc_id for doc in self.packet.documents if doc.doc_id not in self._excluded]

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        doc_id = item.data(COLUMN_TITLE, DOC_ROLE)
        if self._filling or column != COLUMN_TITLE or doc_id in (None, PACKET):
            return
        if item.checkState(COLUMN_TITLE) == Qt.CheckState.Checked:
            self._excluded.discard(doc_id)
        else:
            self._excluded.add(doc_id)

    def _copies_changed(self, value: int) -> None:
        doc_id = self.current_doc_id()
        if self._filling or doc_id in (None, PACKET):
            return
        self._copies[doc_id] = value
        item = self._item(doc_id)
        if item is not None:
            item.setText(COLUMN_COPIES, self.tr("{n} 份").format(n=value))

    def _show_current(self) -> None:
        doc_id = self.current_doc_id()
        if doc_id is None or self.packet is None:
            return
        zh = language() == "zh"
        self._filling = True
        try:
            self.copies_label.setVisible(doc_id != PACKET)
            self.copies_spin.setVisible(doc_id != PACKET)
            if doc_id == PACKET:
                self.reason.setText(self.tr("所有材料合成一个文件，按打印顺序排列，每份材料按建议份数重复。"
                                            "打印时只打印勾选的材料，份数按每份材料设定的为准。"))
                self.signing.setText(self.tr("见各份材料。"))
            else:
                doc = self.packet.document(doc_id)
                self.copies_spin.setValue(self.copies_of(doc_id))
                reason = doc.reason_zh if zh else doc.reason_en
                if not doc.hand_in:
                    reason += self.tr("（自己留存，不用交。）")
                self.reason.setText(reason)
                signing = doc.signing_zh if zh else doc.signing_en
                if doc.original_signature:
                    signing += self.tr("（每一份都要原件签字，不能用复印件。）")
                self.signing.setText(signing or self.tr("不用签字。"))
        finally:
            self._filling = False
        if self.preview is not None and doc_id in self.pdfs:
            self.preview.set_pdf(self.pdfs[doc_id])

    # -- saving and printing ---------------------------------------------------------------
    def _show_status(self, text, error: bool = False) -> None:
        """`text()` gives the line in the language shown; it is asked again on a language change."""
        self._status_text = text
        self.status.setText(text())
        self.status.setStyleSheet("color: #b3261e;" if error else "color: #1b6e2e;")

    def _mark_done(self) -> None:
        # Read by the window (clerk mode): the work of this application has reached paper or a file.
        self.session.printed = True

    def save_pdfs(self) -> bool:
        """Ask for a folder and write one PDF per document plus the whole packet into it."""
        if not self.pdfs or self._scan_unconfirmed():
            return False
        from app.render import output

        settings = getattr(self.window(), "settings", None)
        start = getattr(settings, "last_folder", "") or ""
        folder = _dialogs().ask_folder(self, self.tr("选择保存材料的文件夹"), start)
        if folder is None:
            return False
        file_names = self.file_names()
        replaced = output.existing(folder, self.pdfs, file_names)
        if replaced:
            names = "\n".join(path.name for path in replaced)
            question = self.tr("文件夹里已有同名文件：\n{names}\n是否替换？").format(names=names)
            if not _dialogs().ask_yes_no(self, self.tr("替换文件"), question):
                return False
        try:
            written = output.write_documents(folder, self.pdfs, file_names)
        except OSError as exc:
            _dialogs().show_error(self, self.tr("无法保存"), exc.strerror or type(exc).__name__)
            return False
        if settings is not None:
            settings.last_folder = str(folder)
        self._mark_done()
        self.delivered.emit("save_pdf", {"documents": list(self.pdfs)})
        self._show_status(lambda: self.tr("已保存 {n} 个 PDF 文件到：{folder}").format(n=len(written), folder=str(folder)))
        return True

    def file_names(self) -> dict[str, str]:
        """Doc id -> the file name it is saved under: the Chinese title (the forms are
        Chinese), the person's name and today's date (app.filenames)."""
        from app.filenames import document_file_name

        person = self.session.value("identity.name")
        titles = {PACKET: "医保关系转移全部材料"}
        if self.packet is not None:
            titles.update({doc.doc_id: doc.title_zh for doc in self.packet.documents})
        return {doc_id: document_file_name(titles.get(doc_id, doc_id), person, self.session.today)
                for doc_id in self.pdfs}

    def print_jobs(self) -> list:
        from app.ui.printing import PrintJob

        return [PrintJob(self.pdfs[doc_id], self.copies_of(doc_id), doc_id) for doc_id in self.included()
                if doc_id in self.pdfs]

    def print_selected(self) -> bool:
        """System print dialog, then a print preview, then print the ticked documents."""
        if self._scan_unconfirmed():
            return False
        jobs = self.print_jobs()
        if not jobs:
            self._show_status(lambda: self.tr("请至少勾选一份要打印的材料。"), error=True)
            return False
        from app.ui import printing

        printer = printing.make_printer(self.tr("医保关系转移申请材料"))
        if not _dialogs().ask_print(self, printer):
            return False
        if not _dialogs().show_print_preview(
                self, printer, lambda device: printing.paint_jobs(device, jobs, dpi=printing.PREVIEW_DPI)):
            return False
        try:
            with _BusyCursor():
                # The preview stays true to the PDF; the paper gets this printer's calibration.
                calibration = printing.calibration_for(printer, getattr(self.window(), "settings", None))
                sheets = printing.paint_jobs(printer, jobs, calibration=calibration)
        except (OSError, ValueError) as exc:
            _dialogs().show_error(self, self.tr("无法打印"), self.tr("打印机无法使用（{reason}）。").format(
                reason=type(exc).__name__))
            return False
        self._mark_done()
        self.delivered.emit("print", {"copies": {job.name: job.copies for job in jobs}, "sheets": sheets})
        self._show_status(lambda: self.tr("已发送到打印机：共 {n} 页。").format(n=sheets))
        return True

    def _scan_unconfirmed(self) -> bool:
        """Values filled from a scan print only after a person confirmed them (review page)."""
        from app.ui.scan_state import blocks_printing

        if blocks_printing(self.session):
            self._show_status(lambda: self.tr("有扫描读取的内容尚未确认：请回到“检查与核对”页逐项确认后再打印或保存。"),
                              error=True)
            return True
        return False

    # -- finishing -------------------------------------------------------------------------
    def validatePage(self) -> bool:
        """Finish keeps the window open (the autosave holds the work): it marks the
        application as done and says so."""
        if self.packet is not None:
            self._mark_done()
        self._show_status(lambda: self.tr("已完成。填写的内容已自动保存，可以继续修改、再次打印，或关闭程序。"))
        return False
