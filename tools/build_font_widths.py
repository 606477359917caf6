#!/usr/bin/env python3
"""Write the width and bounds tables of the bundled print font, resources/fonts/<font>.widths.json
and <font>.bounds.bin.

    .venv/bin/python tools/build_font_widths.py [--check]

The table holds what measuring text needs from the font: each mapped code point's advance
width exactly as reportlab computes it (runs of consecutive code points sharing a width), the
code points whose glyph draws nothing, the PostScript name and the font file's size and
SHA-256; the bounds file holds each character's outline box (how tall a line must be, where a
combining mark sits). With them, app.render.fonts measures text (layout, the UI's live fit notes) without
parsing the 12.8 MB font (~0.2 s, ~35 MB); the font is parsed only when a PDF needs glyphs.
Run it after tools/build_font.py; tests/render/test_font_widths.py fails while the table
does not match the font. --check: exit 1 if the file on disk is not what would be written.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

from app.render import fonts  # noqa: E402


def render_table(font_path: Path = fonts.BUNDLED, font: TTFont | None = None) -> str:
    font = font or TTFont("WidthTableSource", str(font_path))
    table = fonts.width_table(font, font_path)
    # One run per line: small diffs when the font changes, still compact (~40 KB).
    head = {k: v for k, v in table.items() if k not in ("runs", "empty")}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    lines.append(f'  "empty": {json.dumps(table["empty"])},')
    lines.append('  "runs": [')
    lines.append(",\n".join(f"    {json.dumps(run, separators=(',', ':'))}" for run in table["runs"]))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table on disk is out of date")
    args = parser.parse_args()
    font = TTFont("WidthTableSource", str(fonts.BUNDLED))
    outputs = {fonts.WIDTHS: render_table(fonts.BUNDLED, font).encode("utf-8"), fonts.BOUNDS: fonts.bounds_table(font)}
    if args.check:
        stale = [path for path, data in outputs.items() if not path.exists() or path.read_bytes() != data]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run tools/build_font_widths.py")
        if not stale:
            print("the width and bounds tables are up to date")
        return 1 if stale else 0
    for path, data in outputs.items():
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # a resource every user of the installed app reads
        os.replace(temp, path)
        print(f"wrote {path.relative_to(ROOT)} ({len(data) / 1024:.0f} KB)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
