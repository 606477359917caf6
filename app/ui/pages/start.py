"""Start page: who is filling in, and whether to start anew, open a draft or restore
the work an unclean exit left behind."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout

from app.domain.enums import Filer
from app.ui.binding import language
from app.ui.pages.base import FormPage, PageId

# This page is shown before the domain model (pydantic) has loaded: it imports it only
# when Next is pressed.
ROLES = ("self", "agent", "employer", "staff")
_FILER_FOR_ROLE = {"self": Filer.SELF, "agent": Filer.AGENT, "employer": Filer.EMPLOYER}


class StartPage(FormPage):
    page_id = PageId.START
    _window_mode = False  # set_window_mode()

    def build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.role_box = QGroupBox()
        role_layout = QVBoxLayout(self.role_box)
        self.role_group = QButtonGroup(self)
        self.role_buttons: dict[str, QRadioButton] = {}
        for index, role in enumerate(ROLES):
            button = QRadioButton()
            self.role_group.addButton(button, index)
            self.role_buttons[role] = button
            role_layout.addWidget(button)
        self.role_buttons["self"].setChecked(True)
        layout.addWidget(self.role_box)

        self.start_box = QGroupBox()
        start_layout = QVBoxLayout(self.start_box)
        self.restore_note = QLabel()
        self.restore_note.setWordWrap(True)
        self.restore_note.setStyleSheet("color: #8a5a00;")
        self.restore = QRadioButton()
        self.keep = QRadioButton()
        self.new = QRadioButton()
        self.open = QRadioButton()
        self.scan = QRadioButton()  # window mode only: a code the applicant made at home
        self.scan.setVisible(False)
        for widget in (self.restore_note, self.restore, self.keep, self.new, self.open, self.scan):
            start_layout.addWidget(widget)
        self.new.setChecked(True)
        self.restore_note.setVisible(False)
        self.restore.setVisible(False)
        self.keep.setVisible(False)
        layout.addWidget(self.start_box)
        layout.addStretch(1)
        self.session.changed.connect(self._on_changed)

    def retranslate(self) -> None:
        self.setTitle(self.tr("开始"))
        self.setSubTitle(self.tr("本程序帮您准备基本医疗保险关系转移接续的材料，全部在本机完成，不联网。"))
        self.intro.setText(self.tr(
            "接下来会依次询问身份信息、参保记录和转移信息，检查后生成可打印的申请表、参保凭证申请和办事指南。"
            "输入的内容会自动保存在本机。"))
        self.role_box.setTitle(self.tr("谁在填写？"))
        texts = {"self": self.tr("参保人本人(&B)"), "agent": self.tr("代办人（亲属或受托人）(&D)"),
                 "employer": self.tr("用人单位经办人(&E)"), "staff": self.tr("经办机构窗口工作人员(&W)")}
        for role, button in self.role_buttons.items():
            button.setText(texts[role])
        self.start_box.setTitle(self.tr("从哪里开始？"))
        self.restore_note.setText(self.tr("上次没有正常退出。自动保存的内容还在，可以恢复。"))
        self.restore.setText(self.tr("恢复上次自动保存的内容(&R)"))
        self.keep.setText(self.tr("继续填写当前申请(&C)"))
        self.new.setText(self.tr("新建一份申请(&A)"))  # not N: Next is Alt+N
        self.open.setText(self.tr("打开已保存的草稿(&O)…"))
        self.scan.setText(self.tr("扫描二维码导入(&Q)…"))

    def initializePage(self) -> None:
        self._offer_keep()

    def _on_changed(self, path: str) -> None:
        if path == "":  # a new, opened or restored draft (e.g. File > Open while on this page)
            self._offer_keep()

    def _offer_keep(self) -> None:
        """With work in progress, keep it unless told otherwise: Next must never silently
        replace a draft that was just opened from the File menu."""
        has_work = self.session.has_work()
        self.keep.setVisible(has_work)
        if has_work:
            self.keep.setChecked(True)
        elif self.keep.isChecked():
            self.new.setChecked(True)

    def offer_restore(self, available: bool) -> None:
        """Offer (and pre-select) the autosave an unclean exit left behind; at a service
        window it is the previous applicant's: discarded, never offered."""
        if available and self._window_mode:
            self._discard_restore()
            return
        self.restore_note.setVisible(available)
        self.restore.setVisible(available)
        if available:
            self.restore.setChecked(True)
        elif self.restore.isChecked():
            self.new.setChecked(True)

    def _discard_restore(self) -> None:
        autosave = self.session.autosave
        if autosave is not None:
            autosave.discard()  # and its .bak
        self.offer_restore(False)

    def offers_restore(self) -> bool:
        return self.restore.isVisibleTo(self)

    def set_window_mode(self, on: bool) -> None:
        """At a service window: offer the hand-off code, and the clerk fills in."""
        self._window_mode = on
        self.scan.setVisible(on)
        if on:
            self.role_buttons["staff"].setChecked(True)
            if self.offers_restore():
                self._discard_restore()
        elif self.scan.isChecked():
            self.new.setChecked(True)

    def role(self) -> str:
        return ROLES[max(0, self.role_group.checkedId())]

    def nextId(self) -> int:
        # Explicit, because the other pages are added to the wizard after this one is shown.
        return PageId.IDENTITY

    def validatePage(self) -> bool:
        from app.storage import drafts
        from app.ui import dialogs
        from app.ui import protected_files

        window = self.window()
        if self.restore.isVisibleTo(self) and self.restore.isChecked():
            try:
                restored = protected_files.load_autosave(self, self.session.autosave)
                if restored is None:  # the work was a protected draft; asked for its passphrase: cancelled
                    return False
                source = self.session.autosave.source() if self.session.autosave is not None else None
                self.session.replace(restored[0], source, dirty=True, key=restored[1])  # keeps its file
            except drafts.DraftFileError as exc:  # a damaged autosave: say so, offer a new start
                dialogs.show_error(self, self.tr("无法恢复"), exc.message(language()))
                if exc.code == "wrong_passphrase":
                    return False  # the offer stays: try again
                self.offer_restore(False)
                self.new.setChecked(True)
                return False
            self.offer_restore(False)
        elif self.keep.isVisibleTo(self) and self.keep.isChecked():
            pass
        elif self.open.isChecked():
            if not hasattr(window, "open_file") or not window.open_file():
                return False
        elif self.scan.isVisibleTo(self) and self.scan.isChecked():
            if getattr(window, "window_mode", None) is not None:
                window.window_mode.import_handoff()  # on success it goes on to the review page itself
            return False
        elif self.session.has_work():
            if not hasattr(window, "new_application") or not window.new_application():
                return False
        filer = _FILER_FOR_ROLE.get(self.role())
        if filer is not None and self.session.value("transfer.filer") in (None, Filer.SELF):
            self.session.fill("transfer.filer", filer)  # follows the role: not an edit of the draft
        return True
