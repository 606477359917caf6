"""The debounced full check on a worker thread: it checks a snapshot of the draft, its result
reaches the pages by a queued signal only while the draft is unchanged, and the pages then
update only what changed (the history table repaints the rows whose marks changed)."""
from __future__ import annotations

import threading
from datetime import date

import pytest

from app import paths
from app.domain import application
from app.domain.application import ApplicationDraft
from app.domain.enums import PeriodStatus, Scheme
from app.domain.history import PeriodDraft
from app.storage import drafts
from app.ui.pages.history import HistoryPage
from app.ui.session import Session

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 23)
PHONE = "identity.phone"
EXAMPLE_ID = drafts.load(sorted(paths.EXAMPLES.glob("01*.json"))[0]).identity.id_number


@pytest.fixture
def session(qapp) -> Session:
    session = Session(autosave=None, today=TODAY)
    session.replace(drafts.load(sorted(paths.EXAMPLES.glob("01*.json"))[0]))
    return session


class SlowCheck:
    """Stands in for app.domain.application.check: records the thread and the phone number of
    each draft it checks, and holds the first call until `release` is set."""

    def __init__(self) -> None:
        self.real = application.check
        self.release = threading.Event()
        self.seen: list[tuple[str, str | None]] = []

    def __call__(self, draft, today=None):
        if draft.identity.id_number != EXAMPLE_ID:  # another session's check (a test before this one)
            return self.real(draft, today)
        self.seen.append((threading.current_thread().name, draft.identity.phone))
        if len(self.seen) == 1:
            assert self.release.wait(10)
        return self.real(draft, today)


@pytest.fixture
def slow(monkeypatch) -> SlowCheck:
    fake = SlowCheck()
    monkeypatch.setattr(application, "check", fake)
    return fake


def test_the_snapshot_of_every_example_and_of_the_longest_history_is_the_draft():
    longest = drafts.load(sorted(paths.EXAMPLES.glob("01*.json"))[0])
    longest.history = [PeriodDraft(area_code="430100", area_name="湖南省长沙市", scheme=Scheme.EMPLOYEE,
                                   start=f"{1980 + i // 6}-{1 + 2 * (i % 6):02d}", end=f"{1980 + i // 6}-{2 + 2 * (i % 6):02d}",
                                   employer_name=f"示例单位{i}", status=PeriodStatus.TERMINATED)
                       for i in range(application.MAX_PERIODS)]
    for draft in [drafts.load(path) for path in sorted(paths.EXAMPLES.glob("*.json"))] + [longest, ApplicationDraft()]:
        assert ApplicationDraft.model_validate(draft.model_dump()) == draft


def test_the_debounced_check_runs_in_a_worker_and_reaches_the_pages(session, slow, qtbot):
    slow.release.set()
    with qtbot.waitSignal(session.checked, timeout=5000) as signal:
        session.set(PHONE, "12345")
    assert slow.seen == [("full-check", "12345")]
    assert signal.args[0] is session.result and session.result_is_current()
    assert session.result == slow.real(session.draft, TODAY)


def test_a_result_for_an_older_draft_is_dropped_and_the_current_draft_checked(session, slow, qtbot):
    results = []
    session.checked.connect(results.append)
    session.set(PHONE, "12345")
    session.check_in_background()  # the debounce timer fires: the worker now holds "12345"
    qtbot.waitUntil(lambda: len(slow.seen) == 1)
    session.set(PHONE, "13800138000")  # changed while the check runs
    assert not session.result_is_current()
    slow.release.set()
    qtbot.waitUntil(lambda: session.result_is_current(), timeout=5000)
    assert [phone for _, phone in slow.seen] == ["12345", "13800138000"]
    assert len(results) == 1 and results[0] is session.result
    assert not any(f.path == PHONE for f in session.result.findings)


def test_a_timer_firing_while_a_check_runs_checks_again_once_it_is_back(session, slow, qtbot):
    session.set(PHONE, "12345")
    session.check_in_background()
    qtbot.waitUntil(lambda: len(slow.seen) == 1)
    session.set(PHONE, "1234")
    session.check_in_background()  # the timer again, while the first check still runs
    slow.release.set()
    qtbot.waitUntil(lambda: session.result_is_current(), timeout=5000)
    assert [phone for _, phone in slow.seen] == ["12345", "1234"]


def test_a_synchronous_check_wins_over_a_background_one_still_running(session, slow, qtbot):
    results = []
    session.checked.connect(results.append)
    session.set(PHONE, "12345")
    session.check_in_background()
    qtbot.waitUntil(lambda: len(slow.seen) == 1)
    result = session.run_check()  # e.g. the review page being shown
    slow.release.set()
    qtbot.wait(200)
    assert results == [result] and session.result is result and session.result_is_current()


def test_closing_drops_a_check_still_running(session, slow, qtbot):
    results = []
    session.checked.connect(results.append)
    session.set(PHONE, "12345")
    session.check_in_background()
    qtbot.waitUntil(lambda: len(slow.seen) == 1)
    session.stop()
    slow.release.set()
    qtbot.wait(200)
    assert results == []


def test_a_full_check_repaints_only_the_history_rows_whose_marks_changed(qtbot, qapp):
    session = Session(autosave=None, today=TODAY)
    page = HistoryPage(session)
    qtbot.addWidget(page)
    periods = [PeriodDraft(area_code="430100", area_name="湖南省长沙市", scheme=Scheme.EMPLOYEE,
                           start=f"{2000 + i}-01", end=f"{2000 + i}-12", status=PeriodStatus.TERMINATED)
                for i in range(20)]
    session.replace(ApplicationDraft(history=periods))
    page.model.reveal_all()
    session.run_check()
    rows = []
    page.model.dataChanged.connect(lambda first, last, _roles: rows.append((first.row(), last.row())))
    session.run_check()
    assert rows == []  # nothing changed: nothing repainted
    session.set("history.7.end", "2007-13")
    rows.clear()
    session.run_check()
    assert rows == [(7, 7)]
