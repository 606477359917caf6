"""No network, ever: the app works offline and must never open a socket (it holds personal
data; a clerk's machine may be watched by a firewall that would flag it).

In process, every way Python opens a socket is replaced by a recorder that refuses
(socket.socket's constructor, connect and connect_ex, socket.create_connection,
socket.getaddrinfo, gethostbyname, ssl.wrap_socket where it exists, SSLContext.wrap_socket),
and the process's socket file descriptors are counted before and after (that also sees
sockets opened by C++ code: Qt, libdbus). Then:
  - the wizard is driven through its public API from an empty start to PDFs written to a
    folder (the fixtures of tests/ui/conftest.py: fake dialogs, an isolated data folder);
  - the command line renders an example, and encodes and decodes its hand-off code, in process.
Nothing may be recorded. In a subprocess, `python -X importtime` runs `-m app render` under an
audit hook (sys.addaudithook) that records every `socket.*` event: none may occur, and no
network client module (ssl, http.client, urllib.request, QtNetwork, ...) may be imported.
(`socket` itself is imported, by pydantic -> importlib.metadata -> email.utils; importing
it opens nothing.)
"""
from __future__ import annotations

import importlib.util
import json
import os
import socket
import ssl
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app import cli, paths
from app.storage import drafts

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
EXAMPLE = paths.EXAMPLES / "05-filed-by-agent.json"  # an agent files: the most pages of the wizard
NETWORK_MODULES = ("ssl", "http.client", "urllib.request", "urllib3", "requests", "ftplib", "smtplib",
                   "xmlrpc.client", "asyncio", "PySide6.QtNetwork")


def _ui_conftest():
    """tests/ui/conftest.py's fixtures (its folder's conftest does not reach this file)."""
    spec = importlib.util.spec_from_file_location("ui_conftest_for_no_network", ROOT / "tests" / "ui" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_ui = _ui_conftest()
# The fixtures the wizard run needs; data_dir and fake_dialogs are autouse for this module's
# tests, as they are for tests/ui (no dialog can block, no autosave reaches the user folder).
data_dir, fake_dialogs, settings, make_window, ui = (_ui.data_dir, _ui.fake_dialogs, _ui.settings, _ui.make_window,
                                                    _ui.ui)


class NetworkUsed(OSError):
    pass


@pytest.fixture
def no_sockets(monkeypatch):
    """Every Python-level way to a socket refuses and is recorded; returns the record."""
    used: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            used.append(name)
            raise NetworkUsed(f"network use in an offline app: {name}")
        return refused

    monkeypatch.setattr(socket.socket, "__init__", refuse("socket.socket()"))
    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    if hasattr(ssl, "wrap_socket"):  # gone in Python 3.12
        monkeypatch.setattr(ssl, "wrap_socket", refuse("ssl.wrap_socket"))
    monkeypatch.setattr(ssl.SSLContext, "wrap_socket", refuse("ssl.SSLContext.wrap_socket"))
    return used


def _socket_fds() -> set[str] | None:
    """The process's open sockets ("socket:[inode]"), or None without /proc."""
    folder = Path("/proc/self/fd")
    if not folder.is_dir():
        return None
    found = set()
    for entry in folder.iterdir():
        try:
            target = os.readlink(entry)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


# ------------------------------------------------------------------ the wizard


def _drive_wizard_to_pdfs(window, ui, qtbot, fake_dialogs, example, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QRadioButton, QWizard

    from app.ui.history_model import FIELDS, Column
    from app.ui.pages.base import PageId

    wizard = window.wizard

    def go_next(expected):
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled(), wizard.currentId()
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentId() == expected

    [agent] = [b for b in wizard.currentPage().findChildren(QRadioButton) if b.text().startswith("代办人")]
    agent.setChecked(True)
    go_next(PageId.IDENTITY)

    page = wizard.currentPage()
    for name in ("id_type", "id_number", "name", "phone", "address", "postcode", "hukou_address", "hukou_type"):
        value = getattr(example.identity, name)
        if value is not None:
            ui.fill(page, f"identity.{name}", value)
    go_next(PageId.HISTORY)

    page = wizard.currentPage()
    for row, period in enumerate(example.history):
        page.add_button.click()
        for column in Column:
            if column is Column.AREA:
                value = (period.area_code, period.area_name)
            else:
                value = getattr(period, FIELDS[column][0])
                if value is None:
                    continue
                value = value if isinstance(value, str) else str(value)
            assert page.model.setData(page.model.index(row, column), value), (row, column)
    go_next(PageId.TRANSFER)

    page = wizard.currentPage()
    transfer = example.transfer
    ui.fill(page, "transfer.filer", transfer.filer)
    ui.fill(page, "transfer.reason", transfer.reason)
    for place, spoken in (("origin", "转出地地区"), ("destination", "转入地地区")):
        agency = getattr(transfer, place)
        picker = ui.by_name(page, spoken)
        window.activateWindow()
        picker.setFocus()
        qtbot.waitUntil(picker.hasFocus)
        picker.selectAll()  # the origin may be prefilled from the history
        qtbot.keyClicks(picker, agency.area_code)
        qtbot.keyClick(picker, Qt.Key.Key_Return)
        for name in ("name", "address", "phone", "postcode"):
            ui.fill(page, f"transfer.{place}.{name}", getattr(agency, name))
    for name in ("stop_month", "destination_scheme", "enrol_month", "filed_at", "retired", "pension_moves"):
        ui.fill(page, f"transfer.{name}", getattr(transfer, name))
    if transfer.new_employer is not None:
        ui.fill(page, "transfer.new_employer.name", transfer.new_employer.name)
        ui.fill(page, "transfer.new_employer.uscc", transfer.new_employer.uscc)
    for name in ("name", "id_type", "id_number", "phone", "relation", "address", "postcode"):
        ui.fill(page, f"transfer.agent.{name}", getattr(transfer.agent, name))
    go_next(PageId.REVIEW)
    assert wizard.currentPage().errors() == []
    go_next(PageId.DOCUMENTS)

    documents = wizard.currentPage()
    qtbot.waitUntil(documents.is_ready, timeout=60_000)
    fake_dialogs.answers["ask_folder"] = out
    ui.button(documents, "PDF").click()


@pytest.mark.gui
@pytest.mark.qt_log_ignore(_ui.OFFSCREEN_NOISE)
def test_wizard_from_empty_start_to_pdfs_opens_no_socket(make_window, ui, qtbot, fake_dialogs, tmp_path, no_sockets):
    example = drafts.load(EXAMPLE)
    before = _socket_fds()
    window = make_window()
    out = tmp_path / "out"
    out.mkdir()
    _drive_wizard_to_pdfs(window, ui, qtbot, fake_dialogs, example, out)
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert any(name.startswith("医保关系转移全部材料") for name in written), written  # the packet
    assert any(name.startswith("授权委托书") for name in written), written
    after = _socket_fds()
    assert no_sockets == []
    if before is not None:
        assert after - before == set(), f"sockets opened below Python (Qt, a library): {after - before}"


# ------------------------------------------------------------------ the command line, in process


def test_cli_render_and_handoff_round_trip_open_no_socket(tmp_path, capsys, no_sockets):
    before = _socket_fds()
    out = tmp_path / "out"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out), "--today", TODAY.isoformat()]) == 0
    assert len(list(out.glob("*.pdf"))) >= 4
    capsys.readouterr()
    assert cli.main(["handoff", "encode", str(EXAMPLE)]) == 0
    code = capsys.readouterr().out.strip()
    decoded = tmp_path / "decoded.json"
    assert cli.main(["handoff", "decode", code, "-o", str(decoded)]) == 0
    assert drafts.load(decoded) == drafts.load(EXAMPLE)
    assert no_sockets == []
    if before is not None:
        assert _socket_fds() - before == set()


# ------------------------------------------------------------------ a fresh process, audited

_AUDITED = r'''
import json, runpy, sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
import atexit
atexit.register(lambda: sys.stderr.write("AUDIT-SOCKET-EVENTS " + json.dumps(events) + "\n"))
sys.argv = ["transfer-helper", *sys.argv[1:]]
runpy.run_module("app", run_name="__main__", alter_sys=True)
'''


def _imported(importtime: str) -> set[str]:
    names = set()
    for line in importtime.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_render_process_makes_no_socket_event_and_imports_no_network_client(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSFER_HELPER_DATA": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _AUDITED, "render", str(EXAMPLE), "-o", str(tmp_path / "out"),
         "--today", TODAY.isoformat()],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    [report] = [line for line in result.stderr.splitlines() if line.startswith("AUDIT-SOCKET-EVENTS ")]
    assert json.loads(report.split(" ", 1)[1]) == []
    imported = _imported(result.stderr)
    assert "app.render.packet" in imported  # the audit saw the real work
    assert sorted(m for m in NETWORK_MODULES if m in imported) == []


def test_the_guard_sees_a_socket(no_sockets):
    """The recorder itself: a socket and a name lookup are refused and recorded."""
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    assert no_sockets == ["socket.socket()", "socket.getaddrinfo"]


def test_the_descriptor_count_sees_a_socket():
    before = _socket_fds()
    if before is None:
        pytest.skip("no /proc/self/fd")
    left, right = socket.socketpair()
    try:
        assert len(_socket_fds() - before) == 2
    finally:
        left.close()
        right.close()
