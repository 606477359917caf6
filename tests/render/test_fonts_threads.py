"""The font chain is shared by the render thread and the GUI thread: one lock inside
app.render.fonts guards it, and nothing outside that module touches its private state."""
from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest

from app.render import fonts, text

APP = Path(__file__).resolve().parents[2] / "app"


@pytest.fixture(autouse=True)
def _default_chain_afterwards():
    yield
    fonts.register_fonts()


def test_chain_building_never_runs_in_two_threads_at_once(monkeypatch, tmp_path):
    """Two threads build chains for different folders at the same moment: the search for
    fallback fonts (and the registration that follows) must run one at a time."""
    inside, most = [0], [0]
    guard = threading.Lock()
    real = fonts.find_fallback_files

    def slow_search(dirs):
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        try:
            return real(dirs)
        finally:
            with guard:
                inside[0] -= 1

    monkeypatch.setattr(fonts, "find_fallback_files", slow_search)
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(3):
                fonts.register_fonts([tmp_path / f"dir-{n}-{i}"])
                assert fonts.font_for_char("林") == fonts.PRIMARY
                text.text_width("林晓测 示例路 1 号", 10.0)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert most[0] == 1


def test_measuring_while_another_thread_rebuilds_the_chain_gives_one_answer(tmp_path):
    fonts.register_fonts([])
    expected = text.text_width("张𠮷祥 阿依古丽·买买提 ABC 123", 10.0)
    stop = threading.Event()
    errors: list[BaseException] = []
    seen: set[float] = set()

    def rebuild() -> None:
        n = 0
        while not stop.is_set():
            fonts.register_fonts([tmp_path / str(n % 2)])
            n += 1

    def measure() -> None:
        try:
            for _ in range(300):
                seen.add(round(text.text_width("张𠮷祥 阿依古丽·买买提 ABC 123", 10.0), 6))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    builder = threading.Thread(target=rebuild)
    builder.start()
    workers = [threading.Thread(target=measure) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    stop.set()
    builder.join(30)
    assert not errors
    assert seen == {round(expected, 6)}  # empty folders: the same chain every time


def test_chain_generation_changes_with_every_new_chain(tmp_path):
    fonts.register_fonts([tmp_path / "a"])
    first = fonts.chain_generation()
    fonts.register_fonts([tmp_path / "a"])  # same folders: the same chain
    assert fonts.chain_generation() == first
    fonts.register_fonts([tmp_path / "b"])
    assert fonts.chain_generation() == first + 1


def _private_uses_of_fonts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "fonts"
                and node.attr.startswith("_")):
            found.append(f"{path.name}:{node.lineno} fonts.{node.attr}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id == "fonts"
                and isinstance(node.args[1], ast.Constant) and str(node.args[1].value).startswith("_")):
            found.append(f"{path.name}:{node.lineno} getattr(fonts, {node.args[1].value!r})")
    return found


def test_no_module_outside_the_font_module_reads_its_private_state():
    offenders = [use for path in sorted(APP.rglob("*.py")) if path.name != "fonts.py" or path.parent.name != "render"
                 for use in _private_uses_of_fonts(path)]
    assert offenders == []
