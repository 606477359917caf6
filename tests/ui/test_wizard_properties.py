"""Property tests of the wizard itself (offscreen): hypothesis opens generated drafts (the fuzz
strategies of tests/fuzz: hostile text, wrong values, long histories) and walks them through
every page to the rendered documents, scans generated hand-off codes and opens small random
or garbage images in the import dialog.

For every action: no exception escapes (the guard of app.ui.guard reports every exception of
a slot, a Qt override or a worker to sys.excepthook, which pytest-qt captures here), it ends
within a time budget, and the process does not keep growing. Small max_examples so the file
runs in well under a minute; derandomized under CI like the other property tests.
"""
from __future__ import annotations

import importlib.util
import json
import os
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import handoff
from app.storage import drafts
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
ACTION_BUDGET_S = 10.0   # one click or page change, on a busy two-core CI machine
RENDER_BUDGET_S = 60.0   # the documents page renders a whole packet in its worker
GROWTH_BUDGET_MIB = 300  # resident memory over the first example's
CI = bool(os.environ.get("CI"))


def _fuzz_module():
    """tests/fuzz/test_fuzz_pipeline.py, for its strategies (test modules cannot import one
    another with --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("_fuzz_strategies", ROOT / "tests" / "fuzz" / "test_fuzz_pipeline.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


APPLICATIONS = _fuzz_module().applications()


def gui_settings(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=CI, database=None if CI else settings().database,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


def rss_mib() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: the time and exception checks still run
        return 0.0


class Actions:
    """Runs one action at a time: no exception may reach sys.excepthook, each within its budget."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.baseline: float | None = None

    def __call__(self, label: str, action, budget: float = ACTION_BUDGET_S):
        start = time.perf_counter()
        with self.qtbot.capture_exceptions() as caught:
            result = action()
            self.qtbot.wait(1)  # queued slots and the guard's message run now
        elapsed = time.perf_counter() - start
        assert not caught, f"{label}: {[kind.__name__ for kind, _value, _tb in caught]} escaped"
        assert elapsed < budget, f"{label} took {elapsed:.1f} s"
        return result

    def wait_for(self, label: str, condition, budget: float) -> None:
        with self.qtbot.capture_exceptions() as caught:
            self.qtbot.waitUntil(condition, timeout=int(budget * 1000))
        assert not caught, f"{label}: {[kind.__name__ for kind, _value, _tb in caught]} escaped"

    def memory_bounded(self) -> None:
        now = rss_mib()
        if self.baseline is None:
            self.baseline = now
        assert now - self.baseline < GROWTH_BUDGET_MIB, f"resident memory grew {now - self.baseline:.0f} MiB"


@pytest.fixture
def actions(qtbot):
    return Actions(qtbot)


# -- drafts through every page --------------------------------------------------------------

@gui_settings(6)
@given(case=APPLICATIONS)
def test_generated_drafts_walk_the_wizard_to_the_documents(window, actions, tmp_path, case):
    _name, data, _qr = case
    path = tmp_path / "draft.json"
    path.write_text(json.dumps({"format": drafts.FORMAT, **data}), "utf-8")  # ASCII escapes: any string fits
    window.session.dirty = False  # the previous example is not to be saved
    actions("open", lambda: window.open_path(path))
    wizard = window.wizard
    actions("restart", wizard.restart)
    for _ in range(len(PageId)):
        if wizard.currentId() == PageId.DOCUMENTS:
            break
        before = wizard.currentId()
        actions(f"next from page {before}", wizard.next)
        if wizard.currentId() == before:  # blocked by an error on the page: look at the review
            actions("to the review page", lambda: wizard.advance_to(PageId.REVIEW))
            break
    if wizard.currentId() == PageId.DOCUMENTS:
        page = wizard.page_of(PageId.DOCUMENTS)
        actions.wait_for("rendering", lambda: not page.rendering, RENDER_BUDGET_S)
        actions("back", wizard.back)
    actions.memory_bounded()


# -- hand-off codes -------------------------------------------------------------------------

def _mutated(code: str, where: int, char: str) -> str:
    where %= len(code)
    return code[:where] + char + code[where + 1:]


_EXAMPLE_CODES = [handoff.encode(drafts.load(path)) for path in sorted((ROOT / "examples").glob("*.json"))[:3]]
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
CODES = st.one_of(
    st.text(max_size=300),
    st.builds(lambda body: handoff.PREFIX + body, st.text(alphabet=BASE32, max_size=1700)),
    st.builds(_mutated, st.sampled_from(_EXAMPLE_CODES), st.integers(0, 2000), st.sampled_from(BASE32)),
    st.sampled_from(_EXAMPLE_CODES),
)


@gui_settings(25)
@given(text=CODES)
def test_scanned_codes_are_imported_or_refused_never_an_exception(window, actions, text):
    window.session.dirty = False
    actions("open the import dialog", window.window_mode.import_handoff)
    dialog = window.window_mode.handoff_dialog
    dialog.code.setText(text)
    imported = actions("import", dialog.import_text)
    if imported:
        assert window.wizard.currentId() == PageId.REVIEW
    else:
        assert dialog.isVisible()
        actions("close", dialog.reject)
    actions.memory_bounded()


# -- images ---------------------------------------------------------------------------------

def _png(width: int, height: int, pixels: bytes) -> bytes:
    """A real PNG (8-bit grey) of random pixels."""
    raw = b"".join(b"\x00" + (pixels * (width * height // max(1, len(pixels)) + 1))[y * width:(y + 1) * width]
                   for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


IMAGES = st.one_of(
    st.binary(max_size=2000),  # garbage named .png
    st.builds(_png, st.integers(1, 64), st.integers(1, 64), st.binary(min_size=1, max_size=256)),
    st.builds(lambda png, cut: png[:cut], st.builds(_png, st.integers(1, 32), st.integers(1, 32),
                                                    st.binary(min_size=1, max_size=64)), st.integers(0, 200)),
)


@gui_settings(20)
@given(data=IMAGES)
def test_small_random_images_are_refused_with_a_message(window, actions, tmp_path, data):
    path = tmp_path / "scan.png"
    path.write_bytes(data)
    actions("open the import dialog", window.window_mode.import_handoff)
    dialog = window.window_mode.handoff_dialog
    assert actions("import the image", lambda: dialog.import_image(path)) is False
    assert dialog.error in {"no_code", "unreadable_image"} and dialog.message.text()
    actions("close", dialog.reject)
    actions.memory_bounded()


def test_the_harness_sees_an_exception_in_a_slot_an_override_and_a_hang(actions, window, monkeypatch):
    """The oracle of the tests above: it would notice each kind of failure."""
    from PySide6.QtCore import QTimer

    from app.ui import guard

    def fail():
        raise ValueError("x")

    with pytest.raises(AssertionError, match=r"ValueError'\] escaped"):
        actions("a slot", lambda: QTimer.singleShot(0, fail))
    review = window.wizard.page_of(PageId.REVIEW)
    monkeypatch.setattr(review, "refresh", fail)  # called inside ReviewPage.initializePage, a Qt override
    with pytest.raises(AssertionError, match=r"ValueError'\] escaped"):
        actions("an override", lambda: window.wizard.advance_to(PageId.REVIEW))
    with pytest.raises(AssertionError, match="took"):
        actions("a hang", lambda: time.sleep(0.3), budget=0.1)
    with pytest.raises(AssertionError, match=r"ValueError'\] escaped"):
        actions("a worker", lambda: guard.start_worker(fail, name="test").join(5))
