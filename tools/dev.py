#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+ (Linux, macOS, Windows).

    python3 tools/dev.py run [ARGS...]   the app (ARGS go to `transfer-helper`)
    python3 tools/dev.py test [ARGS...]  the whole test suite, headless (ARGS go to pytest)
    python3 tools/dev.py package [ARGS...]  the one-folder app in dist/transfer-helper/ (PyInstaller,
                                         installed into .venv on first use; ARGS go to tools/package.py)
    python3 tools/dev.py fuzz [ARGS...]  10,000 fuzzed applications through check and render, with a
                                         summary (ARGS go to tools/fuzz.py, e.g. --examples 500)
    python3 tools/dev.py perf [ARGS...]  every benchmark, and docs/performance.md written from their
                                         output (ARGS go to tools/perf_report.py)

Each command creates `.venv` on first use and reinstalls the project into it whenever
pyproject.toml changes. Standard library only: this script runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".dev-stamp"
PYINSTALLER = "pyinstaller>=6.10,<7"  # packaging/: user hooks override its Qt hooks (6.x API)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed / 需要 Python 3.11 或更高版本")
    py = venv_python()
    if not py.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing the project and its test tools into .venv ...", flush=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
        no_deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        no_deps = no_deps.get("tool", {}).get("transfer-helper", {}).get("install-no-deps", [])
        if no_deps:  # why: see [tool.transfer-helper] in pyproject.toml
            subprocess.run([py, "-m", "pip", "install", "--quiet", "--no-deps", *no_deps], check=True)
        STAMP.write_text(wanted)
    return py


def ensure_pyinstaller(py: Path) -> None:
    """PyInstaller is a build tool, not a dependency of the app: installed only for `package`."""
    if subprocess.run([py, "-c", "import PyInstaller"], capture_output=True).returncode != 0:
        print("Installing PyInstaller into .venv ...", flush=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", PYINSTALLER], check=True)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "package", "fuzz", "perf"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = ensure_venv()
    env = dict(os.environ)
    if command == "test":
        # Headless: Qt draws into memory, no display or X libraries needed.
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "package":
        ensure_pyinstaller(py)
        return subprocess.call([py, str(ROOT / "tools" / "package.py"), *rest], cwd=ROOT, env=env)
    if command in ("fuzz", "perf"):
        script = {"fuzz": "fuzz.py", "perf": "perf_report.py"}[command]
        return subprocess.call([py, str(ROOT / "tools" / script), *rest], cwd=ROOT, env=env)
    return subprocess.call([py, "-m", "app", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
