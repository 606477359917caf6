"""A screen reader can use every page: read through AT-SPI, as Orca on Linux does.

tests/ui/a11y_driver.py runs the wizard with Qt's accessibility bridge on, inside its own
D-Bus session with the AT-SPI bus, an Xvfb and openbox; on every page it has
tests/ui/a11y_reader.py (system Python, pyatspi) read the accessibility tree. Asserted here:
every input on screen has an accessible name, and it matches the visible label that names
it (Qt exposes the label as the input's "labelled by" relation; on Linux a drop-down's name
is its value and its label comes through that relation, on Windows NVDA reads the
accessible name, so that must match too); every message on screen is in the tree; the
keyboard focus moves in the visual order. Skipped, with the reason, when the bridge cannot
be run here (.ci/run installs at-spi2-core, python3-pyatspi, dbus-x11, xvfb, openbox).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("a11y_driver.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
INPUT_ROLES = {"text", "password text", "combo box", "spin button", "check box", "radio button", "table", "tree",
               "tree table", "list", "list box", "push button", "toggle button", "slider"}
PAGES = ("START", "IDENTITY", "HISTORY", "TRANSFER", "REVIEW", "DOCUMENTS")


def plain(text: str) -> str:
    """A label as a screen reader gets it, without mnemonic and colon: "姓名(N)：" -> "姓名"."""
    return re.sub(r"\(&?\w\)|&(?=\w)", "", text).strip().rstrip("：:").strip()


def _why_not() -> str | None:
    for tool in ("Xvfb", "openbox", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install xvfb openbox dbus-x11)"
    if not Path(BUS_LAUNCHER).exists():
        return "the AT-SPI bus is not installed (apt-get install at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        return "pyatspi is not installed for /usr/bin/python3 (apt-get install python3-pyatspi)"
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    reason = _why_not()
    if reason:
        pytest.skip(f"screen-reader test: {reason}")
    out = tmp_path_factory.mktemp("a11y") / "report.json"
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(TRANSFER_HELPER_DATA=str(out.parent / "data"), NO_AT_BRIDGE="0", LANG="C.UTF-8")
    run = subprocess.run(["dbus-run-session", "--", sys.executable, "-X", "faulthandler", str(DRIVER), str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    # It used to die now and then (SIGSEGV while collecting garbage): its focus-chain walk had
    # built a loop of PySide6 wrappers (tests/ui/test_wrapper_cycles.py). A crash fails.
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    for page in PAGES:
        tree = data["pages"][page]["tree"]
        assert tree["found"], f"{page}: the app is not on the accessibility bus ({tree.get('error', '')})"
    return data


def inputs(nodes: list[dict]) -> list[dict]:
    return [node for node in nodes if node["role"] in INPUT_ROLES and node["focusable"]]


@pytest.mark.parametrize("page", PAGES)
def test_every_input_has_a_name_that_matches_its_label(report, page):
    nodes = report["pages"][page]["tree"]["nodes"]
    assert inputs(nodes), "no inputs read"
    wrong = []
    for node in inputs(nodes):
        labels = [plain(label) for label in node["labelled_by"] if plain(label)]
        name = plain(node["name"])
        if not name:
            wrong.append(f"{node['role']} without a name (labelled by {labels})")
        elif node["role"] == "combo box":
            if not labels:
                wrong.append(f"combo box {name!r} without a label")  # its name is its value on Linux
        elif labels and node["role"] not in ("check box", "radio button") and not any(l in name for l in labels):
            wrong.append(f"{node['role']} {name!r} labelled {labels}")
    assert wrong == []


@pytest.mark.parametrize("page", PAGES)
def test_what_qt_names_an_input_is_its_label_and_the_reader_finds_it(report, page):
    """NVDA reads the accessible name itself: it must say the visible label too."""
    view = report["pages"][page]["qt"]
    names = {node["name"] for node in report["pages"][page]["tree"]["nodes"]}
    labels_read = {plain(label) for node in report["pages"][page]["tree"]["nodes"] for label in node["labelled_by"]}
    for pair in view["pairs"]:
        assert pair["label"] in pair["name"], pair
        assert pair["name"] in names or pair["label"] in labels_read, pair


@pytest.mark.parametrize("page", PAGES)
def test_every_message_on_screen_is_in_the_tree(report, page):
    names = [node["name"] for node in report["pages"][page]["tree"]["nodes"]]
    for message in report["pages"][page]["qt"]["messages"]:
        assert any(message in name for name in names), message


def test_messages_were_on_screen_to_read(report):
    assert any("电话" in message for message in report["pages"]["IDENTITY"]["qt"]["messages"])
    assert report["pages"]["REVIEW"]["qt"]["messages"]


@pytest.mark.parametrize("page", PAGES)
def test_focus_moves_in_the_visual_order(report, page):
    """Tab goes down a column, then on to the next column to the right or further down: never
    back up to a field above on the same column."""
    chain = report["pages"][page]["qt"]["chain"]
    backwards = []
    for before, after in zip(chain, chain[1:]):
        above = after["y"] + after["h"] <= before["y"]
        to_the_right = after["x"] >= before["x"] + before["w"]
        if above and not to_the_right:
            backwards.append(f"{before['name']} -> {after['name']}")
    assert backwards == []
