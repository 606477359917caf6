"""The application being edited: one draft, its file, its autosave, its findings.

Owns: changing the draft by field path (the only way widgets change it), the debounced
full check and the debounced autosave (at most one second of typing is ever unsaved),
saving files (main.MainWindow opens them: a protected one needs a dialog), and telling
the pages what changed. Holds no widgets.

The debounced check runs on a worker thread (app.ui.guard.start_worker) on a snapshot of
the draft (its dump: under a millisecond on the GUI thread at 200 periods, where a deep
copy takes 4 ms), and its result comes back by a queued signal. Every change of the draft
counts one generation up; a result of an older generation is dropped (a newer check is
then pending), so `checked` never carries a stale result. `run_check()` stays synchronous:
a page that acts on the findings (review, the open notes on a page change) asks it.

The domain model (pydantic) is imported when the draft is first used, not with this module:
the start page is shown before it has loaded (see app.ui.wizard).
"""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.ui.guard import start_worker

if TYPE_CHECKING:
    from app.storage.autosave import Autosave
    from app.storage.draft_crypto import DraftKey
    from app.domain.application import ApplicationDraft, CheckResult
    from app.domain.findings import Finding

CHECK_DELAY_MS = 150
AUTOSAVE_DELAY_MS = 400
AUTOSAVE_MAX_DELAY_S = 1.0


class Session(QObject):
    changed = Signal(str)          # a field path, or "" when the whole draft was replaced
    checked = Signal(object)       # CheckResult
    fileChanged = Signal(object)   # Path | None
    _checkedInThread = Signal(int, object)  # generation, CheckResult (None: the check failed)

    def __init__(self, autosave: Autosave | None = None, today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._draft: ApplicationDraft | None = None  # created on first use
        self._result: CheckResult | None = None
        self.path: Path | None = None
        self.dirty = False
        self.printed = False  # printed or saved as PDF since the last change of applicant
        self.key: DraftKey | None = None  # of a passphrase-protected file: in memory only, never in settings
        self.autosave = autosave
        self._today = today
        self._generation = 0          # counts every change of the draft
        self._result_generation = -1  # the generation self._result was checked at
        self._checking = False        # a check runs in a worker thread
        self._again = False           # the debounce timer fired meanwhile: check again after it
        self._layout: tuple[int, Any] | None = None  # (generation, the history's timeline layout)
        self._checkedInThread.connect(self._checked_in_thread, Qt.ConnectionType.QueuedConnection)
        self._check_timer = self._single_shot(CHECK_DELAY_MS, self.check_in_background)
        self._save_timer = self._single_shot(AUTOSAVE_DELAY_MS, self.flush_autosave)
        self._unsaved_since: float | None = None
        self._quiet = False  # fill(): a change the app makes is not the person's modification

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def draft(self) -> ApplicationDraft:
        if self._draft is None:
            from app.domain.application import ApplicationDraft

            self._draft = ApplicationDraft()
        return self._draft

    @draft.setter
    def draft(self, draft: ApplicationDraft) -> None:
        self._draft = draft

    @property
    def result(self) -> CheckResult:
        """The last full check (an empty result before the first)."""
        if self._result is None:
            from app.domain.application import CheckResult

            self._result = CheckResult(())
        return self._result

    @result.setter
    def result(self, result: CheckResult) -> None:
        self._result = result

    def result_is_current(self) -> bool:
        """Whether `result` is the check of the draft as it is now."""
        return self._result is not None and self._result_generation == self._generation

    def has_work(self) -> bool:
        """Whether the draft holds any answer (without loading the model if it was never used)."""
        if self._draft is None:
            return False
        from app.domain.application import ApplicationDraft

        return self._draft != ApplicationDraft()

    # -- editing ---------------------------------------------------------------------------
    def value(self, path: str) -> Any:
        from app.domain import fields

        return fields.get_value(self.draft, path)

    def set(self, path: str, value: Any) -> None:
        from app.domain import fields
        from app.domain.application import fill_from_id

        if isinstance(value, str) and not value.strip():
            value = None
        if fields.get_value(self.draft, path) == value:
            return
        fields.set_value(self.draft, path, value)
        if path in ("identity.id_number", "identity.id_type") and fill_from_id(self.draft, self.today):
            self.changed.emit("identity.sex")
            self.changed.emit("identity.birth_date")
        self.touch(path)

    def fill(self, path: str, value: Any) -> None:
        """set() a value the app derives or defaults (not the person's answer): the draft
        does not count as modified by it (no "*" in the title, no question on closing)."""
        self._quiet = True
        try:
            self.set(path, value)
        finally:
            self._quiet = False

    def touch(self, path: str = "") -> None:
        """Record a change made to the draft (by set(), or by a table model editing a list)."""
        if not self._quiet:
            self.dirty = True
        self._generation += 1
        self.changed.emit(path)
        self._check_timer.start()
        self._schedule_autosave()

    def field_findings(self, path: str) -> list[Finding]:
        """The fast per-keystroke check of one field."""
        from app.domain import fields

        return fields.check_field(self.draft, path, self.today)

    def run_check(self) -> CheckResult:
        """Check the draft now, on this thread (a check in a worker is then superseded)."""
        from app.domain.application import check

        self._check_timer.stop()
        self._again = False
        self.result = check(self.draft, self.today)
        self._result_generation = self._generation
        self.checked.emit(self.result)
        return self.result

    def check_in_background(self) -> None:
        """The debounced check: on a worker thread, on a snapshot of the draft as it is now."""
        if self._checking:
            self._again = True  # one check at a time; the next starts when this one is back
            return
        if self.result_is_current():
            return
        self._checking, self._again = True, False
        # The dump is a deep copy of plain values; the worker validates it back into a draft.
        start_worker(self._check_snapshot, self.draft.model_dump(), self._generation, self.today,
                     name="full-check")

    def _check_snapshot(self, data: dict, generation: int, today: date) -> None:
        """In the worker thread: a failure reaches the guard's hook (and its dialog)."""
        result = None
        try:
            from app.domain import timeline
            from app.domain.application import ApplicationDraft, check

            draft = ApplicationDraft.model_validate(data)
            result = check(draft, today)
            self._layout = (generation, timeline.layout(draft.history))  # for the history page
        finally:
            try:
                self._checkedInThread.emit(generation, result)
            except RuntimeError:  # the session is gone (its window closed meanwhile)
                pass

    def _checked_in_thread(self, generation: int, result: CheckResult | None) -> None:
        self._checking = False
        if result is not None and generation == self._generation and self._result_generation != generation:
            self.result = result
            self._result_generation = generation
            self.checked.emit(result)
        elif self._again and not self._check_timer.isActive():
            self.check_in_background()  # the draft changed while this one ran

    def history_layout(self):
        """The timeline layout of the draft's history (app.domain.timeline.layout): the one
        the background check made beside its result while the draft is unchanged, else made now."""
        layout = self._layout
        if layout is None or layout[0] != self._generation:
            from app.domain import timeline

            layout = self._layout = (self._generation, timeline.layout(self.draft.history))
        return layout[1]

    # -- autosave --------------------------------------------------------------------------
    def _schedule_autosave(self) -> None:
        if self.autosave is None:
            return
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        if now - self._unsaved_since >= AUTOSAVE_MAX_DELAY_S:
            self.flush_autosave()  # typing without pause: still never more than a second behind
        else:
            self._save_timer.start()

    def stop(self) -> None:
        """Cancel the pending check and autosave: the window is closing, and an autosave
        removed on a clean exit must not be written again by a timer."""
        self._check_timer.stop()
        self._save_timer.stop()
        self._unsaved_since = None
        self._generation += 1  # a check still running in a worker is dropped when it ends
        self._again = False

    def flush_autosave(self) -> None:
        self._save_timer.stop()
        self._unsaved_since = None
        if self.autosave is not None:
            self.autosave.save_in_background(self.draft, key=self.key)

    # -- files -----------------------------------------------------------------------------
    def replace(self, draft: ApplicationDraft, path: Path | None = None, dirty: bool = False,
                key: DraftKey | None = None) -> None:
        """The one way a whole draft comes in (new, opened, restored, imported, an example):
        what the ID number says (sex, birth date) is filled in here, for every way alike."""
        from app.domain.application import fill_from_id

        fill_from_id(draft, self.today)
        self.draft = draft
        self._generation += 1
        self.key = key
        self.path = path
        self.dirty = dirty
        self.printed = False
        self.changed.emit("")
        self.fileChanged.emit(path)
        self.run_check()
        if self.autosave is not None:
            self.autosave.set_source(path)
            self.flush_autosave()

    def new(self) -> None:
        from app.domain.application import ApplicationDraft

        self.replace(ApplicationDraft())

    def save_as(self, path: Path, key: DraftKey | None | object = ...) -> None:
        """`key`: a new key (None: unprotected); left out: the one the draft has."""
        from app.storage import drafts

        key = self.key if key is ... else key
        drafts.save(self.draft, path, key=key)
        if key is not None and self.autosave is not None:
            # Protection covers every copy at once: the autosave is rewritten encrypted now,
            # not at the next keystroke (the .bak beside the file is handled by drafts.save).
            self._save_timer.stop()
            self._unsaved_since = None
            self.autosave.save(self.draft, key=key)
        self.key = key
        self.path = Path(path)
        self.dirty = False
        if self.autosave is not None:
            self.autosave.set_source(self.path)
        self.fileChanged.emit(self.path)

    def save(self) -> bool:
        if self.path is None:
            return False
        self.save_as(self.path)
        return True
