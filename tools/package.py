#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller, check it, and measure its size and start-up.

    python3 tools/dev.py package [ARGS]     (installs PyInstaller into .venv, then runs this)
    .venv/bin/python tools/package.py [--no-build] [--clean] [--runs N]

1. Builds packaging/transfer-helper.spec into dist/transfer-helper/ (intermediate files in
   build/pyinstaller/, PyInstaller's log in build/pyinstaller/build.log).
2. Checks the folder: the data folders are there; no development tool, no excluded Qt module
   or plugin, no TLS; names the modules the app imports that PyInstaller could not find.
3. Runs the frozen command line (`id`, `check`, `render`, `schema`) and starts the wizard
   headless (QT_QPA_PLATFORM=offscreen), on empty data and settings folders.
4. Prints the folder's size and file count, and start-up times: `transfer-helper-cli
   --version` and `... id 11010519491231002X` from spawn to exit, and the wizard from spawn
   to its first page painted (TRANSFER_HELPER_EXIT_AFTER_SHOW=1, see app/ui/main.py), each
   the median of N runs after one to warm the file cache.

Exit status 0 when every check passed, 1 otherwise. Standard library only, besides running
PyInstaller: it drives the frozen app, it does not import the project.
"""
from __future__ import annotations

import argparse
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "transfer-helper.spec"
NAME = "transfer-helper"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
FOLDER = DIST / NAME
ID_NUMBER = "11010519491231002X"
EXAMPLE_CHECK = ROOT / "examples" / "01-employee-job-change-cross-province.json"
EXAMPLE_RENDER = ROOT / "examples" / "05-filed-by-agent.json"
SCAN_IMAGE = ROOT / "tests" / "scan" / "data" / "scan-000-id_card.png"  # the frozen OCR reads it
TODAY = "2026-11-23"  # the examples' findings must not depend on the calendar

# Python packages that must not be frozen in (top-level names in the executables' archive).
# pypdfium2 is wanted: scanned PDFs become page images through it (app/scan/images.py). The
# OCR runs its models itself (app/scan/ocr.py): RapidOCR's code and OpenCV stay out.
FORBIDDEN_MODULES = {
    "pytest", "_pytest", "pytestqt", "hypothesis", "pypinyin", "fontTools", "pdfplumber",
    "pdfminer", "pypdf", "PyInstaller", "tkinter", "unittest", "ssl", "multiprocessing",
    "cv2", "shapely", "pyclipper", "yaml", "rapidocr_onnxruntime",
}
# Files that must not be in the folder: Qt modules and plugins the app does not use, the
# network-capable ones in particular (libQt6Network itself stays: libQt6Pdf links it).
FORBIDDEN_FILES = re.compile(
    r"Qt6?(Qml|Quick|WebEngine|WebChannel|WebSockets|Multimedia|Sql|Test|OpenGL|VirtualKeyboard|"
    r"3D|Designer|UiTools|Help|Positioning|Bluetooth|Nfc|SerialPort|HttpServer)"
    r"|QtNetwork\.|[/\\]plugins[/\\](tls|networkinformation|sqldrivers|qmltooling|egldeviceintegrations)[/\\]"
    r"|qgtk3|libssl|libgtk|_ssl\.",
    re.IGNORECASE,
)


def exe(name: str) -> Path:
    return FOLDER / (f"{name}.exe" if os.name == "nt" else name)


# ---------------------------------------------------------------------------- build


def build(clean: bool) -> bool:
    WORK.mkdir(parents=True, exist_ok=True)
    log = WORK / "build.log"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(DIST),
               "--workpath", str(WORK), *(["--clean"] if clean else []), str(SPEC)]
    print("Building with PyInstaller (a minute or two) ...", flush=True)
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        code = subprocess.call(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    text = log.read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        if " WARNING: " in line or " ERROR: " in line:
            print("  " + line.split(": ", 1)[-1] if ": " in line else line)
    if code != 0:
        print("\n".join(text.splitlines()[-30:]))
        print(f"PyInstaller failed (exit {code}); full log: {log.relative_to(ROOT)}")
        return False
    print(f"built in {time.perf_counter() - started:.0f} s: {FOLDER.relative_to(ROOT)}/")
    return True


# ---------------------------------------------------------------------------- checks


def folder_size() -> tuple[int, int]:
    """(bytes, files) of the folder; symbolic links (PyInstaller links some Qt libraries
    into _internal/) count as files but not as bytes."""
    total, count = 0, 0
    for path in FOLDER.rglob("*"):
        if path.is_file():
            count += 1
            total += 0 if path.is_symlink() else path.stat().st_size
    return total, count


def frozen_modules() -> set[str]:
    """Top-level names of the Python modules in the CLI executable's archive."""
    result = subprocess.run([sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer",
                             "--list", "--recursive", "--brief", str(exe(f"{NAME}-cli"))],
                            capture_output=True, text=True)
    names, in_pyz = set(), False
    for line in result.stdout.splitlines():
        if line.startswith("Contents of"):
            in_pyz = "(PYZ)" in line
        elif in_pyz and line.strip():
            names.add(line.strip().split(".")[0])
    if not names:
        raise RuntimeError(f"could not list the executable's archive: {result.stderr.strip()[-500:]}")
    return names


def missing_app_imports(frozen: set[str]) -> list[str]:
    """Packages the app imports that PyInstaller could not find at all (from its warn file;
    `from pydantic import BaseModel` shows there as a missing "pydantic.BaseModel", so only
    packages of which nothing was frozen count)."""
    warn = WORK / NAME / f"warn-{NAME}.txt"
    if not warn.exists():
        return []
    found = []
    for line in warn.read_text(encoding="utf-8").splitlines():
        match = re.match(r"missing module named '?([\w.]+)'? - imported by (.*)", line)
        if match and match.group(1).split(".")[0] not in frozen:
            importers = [name for name in match.group(2).split(", ") if name.startswith("app.")]
            if importers:
                found.append(f"{match.group(1)} (imported by {', '.join(importers)})")
    return found


def unresolved_libraries() -> dict[str, set[str]]:
    """Linux: shared libraries that neither the folder nor this machine provides, with the
    files that need them (they must come from the user's system, or the file does not load)."""
    if not sys.platform.startswith("linux"):
        return {}
    missing: dict[str, set[str]] = {}
    for path in (FOLDER / "_internal").rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            if "not found" in line:
                missing.setdefault(line.split("=>")[0].strip(), set()).add(path.name)
    return missing


def required_files() -> list[str]:
    """Name fragments of files the app cannot do without, on this system."""
    platform = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
    required = ["QtPdf.", "QtPdfWidgets.", "QtPrintSupport.", "qtbase_zh_CN.qm", platform, "qoffscreen",
                "ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx"]
    if sys.platform.startswith("linux"):
        required.append("cupsprintersupport")
    return required


def check_folder(frozen: set[str]) -> list[str]:
    problems = []
    internal = FOLDER / "_internal"
    for folder in ("forms", "resources", "examples"):
        if (ROOT / folder).is_dir() and not (internal / folder).is_dir():
            problems.append(f"data folder missing: {folder}/")
    fonts = list((internal / "resources" / "fonts").glob("*.ttf"))
    if not fonts or not (internal / "resources" / "fonts" / "OFL.txt").is_file():
        problems.append("resources/fonts: a font or its OFL licence is missing")
    if not (internal / "resources" / "licences" / "Apache-2.0.txt").is_file():
        problems.append("resources/licences/Apache-2.0.txt is missing (the OCR models' licence)")
    names = [p.name for p in FOLDER.rglob("*")]
    problems += [f"missing: a file named *{part}*" for part in required_files() if not any(part in n for n in names)]
    bad_files = sorted(str(p.relative_to(FOLDER)) for p in FOLDER.rglob("*") if FORBIDDEN_FILES.search(str(p)))
    problems += [f"unwanted file: {name}" for name in bad_files]
    problems += [f"unwanted Python package frozen in: {name}" for name in sorted(frozen & FORBIDDEN_MODULES)]
    return problems


# ---------------------------------------------------------------------------- running


def isolated_env(temp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "TRANSFER_HELPER_DATA": str(temp / "data"),  # autosave: not the user's
        "XDG_CONFIG_HOME": str(temp / "config"),  # QSettings on Linux: not the user's
    })
    env.pop("TRANSFER_HELPER_ROOT", None)  # the frozen app must find its own data
    return env


def smoke(env: dict[str, str], temp: Path, fresh: bool) -> list[str]:
    """Run the frozen command line as a user would; the problems found."""
    cli = str(exe(f"{NAME}-cli"))
    out = temp / "pdfs"
    runs = [
        ([cli, "--version"], {0}),
        ([cli, "id", ID_NUMBER], {0}),
        ([cli, "check", str(EXAMPLE_CHECK), "--today", TODAY], {0}),
        ([cli, "render", str(EXAMPLE_RENDER), "-o", str(out), "--today", TODAY], {0}),
        ([cli, "schema"], {0}),
        ([cli, "scan", str(SCAN_IMAGE), "--json", "--today", TODAY], {0}),
    ]
    problems = []
    for command, ok in runs:
        shown = " ".join(Path(c).name if i == 0 or c.startswith(str(ROOT)) else c for i, c in enumerate(command))
        result = subprocess.run(command, env=env, cwd=temp, capture_output=True, text=True,
                                encoding="utf-8", errors="replace", timeout=120)
        first = (result.stdout.strip().splitlines() or [""])[0]
        print(f"  {shown}: exit {result.returncode}  {first[:70]}")
        if result.returncode not in ok or "Traceback" in result.stderr:
            problems.append(f"{shown}: exit {result.returncode}\n{result.stdout[-800:]}{result.stderr[-1500:]}")
    pdfs = sorted(out.glob("*.pdf"))
    if not pdfs or any(p.read_bytes()[:5] != b"%PDF-" for p in pdfs):
        problems.append("render wrote no valid PDF")
    else:
        print(f"  render wrote {len(pdfs)} PDFs")
    differ = same_pdfs_as_source(env, temp)
    if differ and not fresh:
        print(f"  note (--no-build: the source tree may have changed since the build): {differ[0]}")
    elif differ:
        problems += differ
    return problems


def same_pdfs_as_source(env: dict[str, str], temp: Path) -> list[str]:
    """`render --invariant` frozen and from the source tree: the same bytes, so the frozen
    app has the same fonts, forms and rules."""
    args = ["render", str(EXAMPLE_RENDER), "--today", TODAY, "--invariant", "-o"]
    frozen, source = temp / "invariant-frozen", temp / "invariant-source"
    subprocess.run([str(exe(f"{NAME}-cli")), *args, str(frozen)], env=env, cwd=temp, capture_output=True)
    subprocess.run([sys.executable, "-m", "app", *args, str(source)], env={**env, "PYTHONPATH": str(ROOT)},
                   cwd=ROOT, capture_output=True)
    names = sorted(p.name for p in source.glob("*.pdf"))
    if not names:
        return []  # the source tree could not render (not a packaging problem)
    differ = [n for n in names if not (frozen / n).is_file() or (frozen / n).read_bytes() != (source / n).read_bytes()]
    print(f"  render --invariant: {len(names) - len(differ)} of {len(names)} PDFs byte-identical to the source tree's")
    return [f"render --invariant differs from the source tree: {', '.join(differ)}"] if differ else []


def time_exit(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Milliseconds from spawn to exit. No timeout: with one, subprocess polls for the exit
    in steps of up to 50 ms, which would be measured too (smoke() has run these already)."""
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def time_first_page(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float | None, str]:
    """(ms to the first page painted, ms to all pages built or None, stderr). The app prints
    those moments on the machine-wide monotonic clock (app/ui/main.py, _FirstPaint), the same
    clock as time.perf_counter() here. A child that has not exited 10 s after reporting is
    stopped: the number is taken, and its stderr tells why it hung."""
    env = {**env, "TRANSFER_HELPER_EXIT_AFTER_SHOW": "1"}
    started = time.perf_counter() * 1000
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, encoding="utf-8", errors="replace")
    lines: queue.Queue[str | None] = queue.Queue()
    err: list[str] = []

    def read_stdout() -> None:
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    readers = [threading.Thread(target=read_stdout, daemon=True),
               threading.Thread(target=lambda: err.extend(child.stderr), daemon=True)]
    for reader in readers:
        reader.start()
    shown = ready = None
    deadline = time.monotonic() + 120
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("first page shown:") and "monotonic" in line:
            shown = float(line.rsplit("monotonic", 1)[1].split()[0]) - started
            deadline = min(deadline, time.monotonic() + 10)
        elif line.startswith("all pages ready:") and "monotonic" in line:
            ready = float(line.rsplit("monotonic", 1)[1].split()[0]) - started
            break
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    for reader in readers:
        reader.join(timeout=5)
    if shown is None:
        raise RuntimeError(f"{Path(command[0]).name} did not report its first page (exit {child.returncode}):\n"
                           + "".join(err)[-2000:])
    return shown, ready, "".join(err)


def measure(env: dict[str, str], temp: Path, runs: int, source: bool = False) -> dict[str, float]:
    """Start-up times of the frozen app, or with source=True of `python -m app` from the
    source tree in the same way (for comparison)."""
    if source:
        cli = gui = [sys.executable, "-m", "app"]
        env = {**env, "PYTHONPATH": str(ROOT)}
        label = "python -m app"
    else:
        cli = [str(exe(f"{NAME}-cli"))]
        # On Windows the windowed executable has no stdout to report through; the console
        # one is the same program.
        gui = [str(exe(NAME if os.name != "nt" else f"{NAME}-cli"))]
        label = Path(cli[0]).name
    results = {}
    for what, args in (("--version", ["--version"]), (f"id {ID_NUMBER}", ["id", ID_NUMBER])):
        time_exit(cli + args, env, temp)  # warm the file cache
        samples = [time_exit(cli + args, env, temp) for _ in range(runs)]
        results[what] = statistics.median(samples)
        print(f"  {label} {what}: median {results[what]:.0f} ms  ({', '.join(f'{s:.0f}' for s in samples)})")
    time_first_page(gui, env, ROOT if source else temp)
    shown, ready, errors = [], [], ""
    for _ in range(runs):
        first, all_pages, errors = time_first_page(gui, env, ROOT if source else temp)
        shown.append(first)
        if all_pages is not None:
            ready.append(all_pages)
    results["first page"] = statistics.median(shown)
    name = label if source else Path(gui[0]).name
    print(f"  {name} (wizard, offscreen) to first page painted: median {results['first page']:.0f} ms  "
          f"({', '.join(f'{s:.0f}' for s in shown)})")
    if ready:
        results["all pages"] = statistics.median(ready)
        print(f"  ... to all pages built: median {results['all pages']:.0f} ms")
    if "Traceback" in errors:
        print("  the wizard reported an error after its first page (not a packaging problem if the same "
              "happens with `python -m app`):\n    " + errors.strip().splitlines()[-1])
    return results


# ---------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="check and measure the existing dist/ folder")
    parser.add_argument("--clean", action="store_true", help="PyInstaller --clean (empty its cache first)")
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up time (median; default 5)")
    parser.add_argument("--source", action="store_true", help="also time `python -m app` the same way, for comparison")
    args = parser.parse_args(argv)

    if not args.no_build and not build(args.clean):
        return 1
    if not exe(f"{NAME}-cli").exists():
        print(f"no build in {FOLDER.relative_to(ROOT)}/ (run without --no-build)")
        return 1

    frozen = frozen_modules()
    problems = check_folder(frozen)
    for module in missing_app_imports(frozen):
        print(f"note: not found when building (the frozen app lacks it): {module}")
    for library, users in sorted(unresolved_libraries().items()):
        print(f"note: {library} is left to the user's system (needed by {', '.join(sorted(users))})")

    with tempfile.TemporaryDirectory(prefix="package-") as temp_name:
        temp = Path(temp_name)
        env = isolated_env(temp)
        print("Running the frozen app:")
        problems += smoke(env, temp, fresh=not args.no_build)
        print(f"Start-up, median of {args.runs}:")
        try:
            measure(env, temp, max(1, args.runs))
            if args.source:
                print(f"From the source tree, for comparison, median of {args.runs}:")
                measure(env, temp, max(1, args.runs), source=True)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            problems.append(f"start-up: {exc}")

    size, files = folder_size()
    print(f"{FOLDER.relative_to(ROOT)}/: {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB) in {files} files")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("package: " + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
