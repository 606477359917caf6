"""The wizard: its pages in order, navigation, and jumping to a field from anywhere.

Navigation is decided in each page's nextId() only (QWizard's idiom); this class holds no
business logic. Only the start page is made with the wizard; the others (and with them the
domain model, pydantic and the region table) are made right after the start page has been
painted, or at once when something needs them (Next, page(), page_of(), jump_to()), so the
first page shows fast. `pagesReady` says when they exist.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget, QWizard, QWizardPage

from app.ui.pages.base import FormPage, PageId
from app.ui.pages.start import StartPage
from app.ui.session import Session


def _page_classes() -> dict[PageId, type[FormPage]]:
    return {PageId.START: StartPage, **_later_page_classes()}


def _later_page_classes() -> dict[PageId, type[FormPage]]:
    from app.ui.pages.documents import DocumentsPage
    from app.ui.pages.history import HistoryPage
    from app.ui.pages.identity import IdentityPage
    from app.ui.pages.review import ReviewPage
    from app.ui.pages.transfer import TransferPage

    return {
        PageId.IDENTITY: IdentityPage,
        PageId.HISTORY: HistoryPage,
        PageId.TRANSFER: TransferPage,
        PageId.REVIEW: ReviewPage,
        PageId.DOCUMENTS: DocumentsPage,
    }


class TransferWizard(QWizard):
    jumped = Signal(str)  # a field path the wizard moved the focus to
    pagesReady = Signal()  # every page exists now (emitted once)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self._complete = False
        self._unchecked = False  # advance_to() is passing pages without their checks
        start = StartPage(session, self)
        self.setPage(PageId.START, start)
        self.setStartId(PageId.START)
        start.installEventFilter(self)
        self.currentIdChanged.connect(self._page_shown)
        self.retranslate()

    def _page_shown(self, page_id: int) -> None:
        # The line "what is still open" of a page follows the full check: have a fresh one.
        if page_id not in (PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER):
            return
        if self.session.result_is_current():  # the draft is unchanged since its last check: not again
            self.session.checked.emit(self.session.result)
        else:
            self.session.run_check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._complete:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.ensure_pages)  # after this first paint has reached the screen
        return super().eventFilter(watched, event)

    def ensure_pages(self) -> None:
        """Make every page that does not exist yet."""
        if self._complete:
            return
        self._complete = True
        for page_id, cls in _later_page_classes().items():
            self.setPage(page_id, cls(self.session, self))
        self.pagesReady.emit()

    def has_all_pages(self) -> bool:
        """Whether ensure_pages() has made them (or is making them)."""
        return self._complete

    def page(self, page_id: int) -> QWizardPage | None:
        if page_id != PageId.START:
            self.ensure_pages()
        return super().page(page_id)

    def page_of(self, page_id: PageId) -> FormPage:
        return self.page(page_id)  # type: ignore[return-value]

    def validateCurrentPage(self) -> bool:
        if self._unchecked:
            return True
        if not self._complete:
            # Next pressed before the pages were made (keys typed ahead while starting):
            # make them now; if that brought an offer to restore, let the person see it.
            start = QWizard.page(self, PageId.START)
            offered = start.offers_restore()
            self.ensure_pages()
            if start.offers_restore() and not offered:
                return False
        return super().validateCurrentPage()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("医保关系转移接续助手"))

    def _retranslate_buttons(self) -> None:
        # QWizard translates Back / Next / Cancel only when the style changes or the page
        # does, not on a language change: a change of style and back does it.
        style = self.wizardStyle()
        other = QWizard.WizardStyle.ModernStyle if style != QWizard.WizardStyle.ModernStyle \
            else QWizard.WizardStyle.ClassicStyle
        self.setWizardStyle(other)
        self.setWizardStyle(style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._retranslate_buttons()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        """Embedded in the main window, the wizard never hides or resets itself: Cancel asks
        the window to close (`rejected`), which asks about unsaved work and may be refused,
        and then the person must find the same page with the same answers. (QWizard.done
        would clean up every page and hide the wizard, leaving an empty window.)"""
        if result == QDialog.DialogCode.Rejected.value:
            self.setResult(result)
            self.finished.emit(result)
            self.rejected.emit()
            return
        if not self.validateCurrentPage():
            return
        self.setResult(result)
        self.finished.emit(result)
        self.accepted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDialog closes on Escape; here that would close the application on a stray key
        # (e.g. one meant for a popup that has just closed). Cancel and File > Quit remain.
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            return
        super().keyPressEvent(event)

    def advance_to(self, page_id: PageId) -> bool:
        """Go forward to `page_id` through every page on the way without their checks (an
        application imported at a service window: the review page says what needs fixing,
        and every page is in the history, so jump_to() can go back to it). True if reached."""
        self.ensure_pages()
        self._unchecked = True
        try:
            while self.currentId() != page_id:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    return False
        finally:
            self._unchecked = False
        return True

    def jump_to(self, path: str) -> bool:
        """Go back to the page that owns `path` and focus its field. True if found."""
        for page_id in (PageId.IDENTITY, PageId.HISTORY, PageId.TRANSFER):
            page = self.page_of(page_id)
            if not page.owns(path):
                continue
            while self.currentId() not in (page_id, -1) and page_id in self.visitedIds():
                self.back()
            if self.currentId() != page_id:
                return False
            found = page.focus_field(path)
            if found:
                self.jumped.emit(path)
            return found
        return False
