#!/usr/bin/env python3
"""Update the English translation source and compile it.

    .venv/bin/python tools/build_translations.py          # lupdate + lrelease, then a summary
    .venv/bin/python tools/build_translations.py --check  # change nothing; exit 1 if the .ts is
                                                          # out of date or has unfinished messages

Chinese is the source language (the strings in `self.tr("姓名(&N)")`), so the default
language needs no file. English lives in resources/translations/transfer_helper_en.ts:

1. `pyside6-lupdate` reads every .py file under app/ui and merges its strings into the .ts.
   Existing translations are kept; messages whose source text is gone are dropped
   (-no-obsolete), and no source locations are written (-locations none), so that moving
   code around does not churn the file.
2. Translate what is marked `type="unfinished"` (Qt Linguist: `pyside6-linguist FILE.ts`,
   or edit the XML): keep the mnemonic (`姓名(&N)` -> `&Name`, one `&` per text, not clashing
   with the other mnemonics of the same page), keep every `{placeholder}` as is, and remove
   the `type="unfinished"` attribute.
3. `pyside6-lrelease` compiles the .ts into transfer_helper_en.qm, which the app loads; and
   each hand-written qt_missing_<lang>.ts (Qt's own strings that PySide6's qtbase
   translation lacks) into its .qm.

tests/data/test_translations.py checks that the .ts is current, complete and compiled.
Imports nothing from app/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app" / "ui"
TS = ROOT / "resources" / "translations" / "transfer_helper_en.ts"
QM = TS.with_suffix(".qm")
# Qt's own strings missing from the qtbase translation PySide6 ships: hand-written, compiled only.
QT_EXTRA = sorted(TS.parent.glob("qt_missing_*.ts"))


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: next to this Python first (the venv), then PATH."""
    here = Path(sys.executable).parent / (name + (".exe" if os.name == "nt" else ""))
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def source_files(root: Path = SOURCES) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts: Path, sources: list[Path] | None = None) -> str:
    """Merge the strings of `sources` into `ts` (created if missing). Returns lupdate's report."""
    files = [str(p) for p in (sources or source_files())]
    result = subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
         "-source-language", "zh_CN", "-target-language", "en", *files, "-ts", str(ts)],
        check=True, capture_output=True, text=True)
    return result.stdout + result.stderr


def lrelease(ts: Path, qm: Path) -> str:
    result = subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)],
                            check=True, capture_output=True, text=True)
    return result.stdout + result.stderr


def messages(ts: Path) -> list[dict]:
    """Every message of a .ts file: context, source, translation, finished."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            out.append({
                "context": name,
                "source": message.findtext("source", ""),
                "translation": (translation.text or "") if translation is not None else "",
                "finished": kind not in ("unfinished", "obsolete", "vanished"),
            })
    return out


def check() -> int:
    """Exit status 1 if lupdate would change the .ts or a message is not translated."""
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / TS.name
        shutil.copyfile(TS, copy)
        lupdate(copy)
        stale = copy.read_bytes() != TS.read_bytes()
    unfinished = [m for m in messages(TS) if not m["finished"]]
    if stale:
        print(f"{TS.relative_to(ROOT)} is out of date: run tools/build_translations.py")
    for message in unfinished:
        print(f"unfinished: [{message['context']}] {message['source']}")
    return 1 if stale or unfinished else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if not up to date")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    TS.parent.mkdir(parents=True, exist_ok=True)
    print(lupdate(TS).strip())
    print(lrelease(TS, QM).strip())
    for extra in QT_EXTRA:
        print(lrelease(extra, extra.with_suffix(".qm")).strip())
    found = messages(TS)
    unfinished = [m for m in found if not m["finished"]]
    print(f"{len(found)} messages, {len(found) - len(unfinished)} translated, {len(unfinished)} unfinished")
    for message in unfinished:
        print(f"  unfinished: [{message['context']}] {message['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
