"""The shipped examples/*.json: they cover the main situations, pass `transfer-helper check`,
and are exactly what tools/make_examples.py writes now (so they never drift from the code)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage import drafts
from app.domain.enums import Filer, Reason, Scheme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.json"))


@pytest.fixture(scope="module")
def loaded():
    return {path.stem: drafts.load(path) for path in EXAMPLES}


@pytest.fixture(scope="module")
def make_examples():
    spec = importlib.util.spec_from_file_location("make_examples_under_test", ROOT / "tools" / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_at_least_six_examples_are_shipped():
    assert len(EXAMPLES) >= 6


def _origin_family(draft):
    latest = max(draft.history, key=lambda p: p.end)
    return latest.scheme.family


def _province(code: str) -> str:
    return code[:2]


COVERAGE = {
    "employee job change across provinces": lambda d: (
        d.transfer.reason is Reason.JOB_CHANGE and _origin_family(d) is Scheme.EMPLOYEE
        and d.transfer.destination_scheme is Scheme.EMPLOYEE
        and _province(d.transfer.origin.area_code) != _province(d.transfer.destination.area_code)),
    "resident hukou move": lambda d: (
        d.transfer.reason is Reason.HUKOU_MOVE and _origin_family(d) is Scheme.RESIDENT
        and d.transfer.destination_scheme is Scheme.RESIDENT),
    "employee to resident": lambda d: (
        _origin_family(d) is Scheme.EMPLOYEE and d.transfer.destination_scheme is Scheme.RESIDENT),
    "pension moving": lambda d: d.transfer.pension_moves is True and d.transfer.pension is not None,
    "agent filing": lambda d: d.transfer.filer is Filer.AGENT and d.transfer.agent is not None,
    "name with an Ext B character": lambda d: any(ord(c) > 0xFFFF for c in d.identity.name or ""),
}


@pytest.mark.parametrize("situation", COVERAGE)
def test_examples_cover_situation(loaded, situation):
    matching = [name for name, draft in loaded.items() if COVERAGE[situation](draft)]
    assert matching, f"no example shows: {situation}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_passes_transfer_helper_check(path):
    done = subprocess.run(
        [sys.executable, "-m", "app", "check", str(path), "--today", "2026-11-23", "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["readable"] is True and report["printable"] is True
    assert [f for f in report["findings"] if f["severity"] == "error"] == []


def test_examples_are_exactly_what_make_examples_writes_now(make_examples, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(make_examples, "ROOT", tmp_path)
    make_examples.main()
    written = {p.name: p.read_bytes() for p in (tmp_path / "examples").glob("*.json")}
    shipped = {p.name: p.read_bytes() for p in EXAMPLES}
    assert sorted(written) == sorted(shipped), "examples/ and tools/make_examples.py name different files"
    stale = [name for name in shipped if written[name] != shipped[name]]
    assert not stale, f"rerun tools/make_examples.py: {stale} differ from what it writes now"

