#!/usr/bin/env python3
"""Rebuild the bundled fonts resources/fonts/NotoSansCJKsc-Regular-TT.ttf.

    .venv/bin/python tools/build_font.py                  # both weights
    .venv/bin/python tools/build_font.py --weight Regular [--source TTC] [--out TTF]

Input: Debian's fonts-noto-cjk collections (NotoSansCJK-Regular.ttc, -Bold.ttc). Output: the
"Noto Sans CJK SC" face of each with TrueType (quadratic, glyf) outlines, because
reportlab embeds only TrueType outlines and every Noto CJK file is CFF.

What the build does, and why:

* picks the face whose family name is exactly "Noto Sans CJK SC" (the collection's
  JP face comes first; its glyph forms are wrong for Simplified Chinese);
* keeps every code point that face maps, including its Ext B ideographs such as U+20BB7,
  and only the OpenType features that need no other-language glyphs: the `locl`,
  `fwid`, `pwid`, `aalt`... lookups of the collection would pull in the JP/KR/TC/HK
  forms and grow the font by ~20,000 glyphs that Simplified Chinese text never shows;
* drops the Unicode variation-sequence subtable (cmap format 14; in this face two
  selectors, eleven glyphs): reportlab cannot use it;
* converts every CFF charstring to quadratic curves with fontTools' cu2qu (max error
  1 unit of 1000, the fontmake default) and writes glyf/loca, maxp 1.0, post 3.0;
* is deterministic: same input file, same output bytes (no timestamps are touched).

Needs only fontTools (in the project's .venv). Imports nothing from app/.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ("Regular",)  # bold is drawn as fill + stroke (app/render/text.py BOLD_STROKE)
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
OUT_DIR = ROOT / "resources" / "fonts"
FAMILY = "Noto Sans CJK SC"
MAX_ERR = 1.0  # font units (unitsPerEm is 1000): the curve error cu2qu may introduce
MAX_BYTES = 30 * 1024 * 1024
# Features whose lookups stay within Simplified Chinese / Latin glyphs. Vertical ones
# are kept so Qt can still set vertical text; GPOS-only ones cost no glyphs.
FEATURES = ["ccmp", "liga", "calt", "kern", "palt", "halt", "vert", "vrt2", "vkrn", "vpal", "vhal"]
NOTE = ("; TrueType outlines converted from Debian fonts-noto-cjk"
        " by transfer-helper tools/build_font.py")


def find_face(source: Path, family: str = FAMILY) -> int:
    """Index of the face in the collection whose family name (name ID 1) is `family`."""
    for index, face in enumerate(TTCollection(str(source), lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            return index
    raise SystemExit(f"{source}: no face with family name {family!r}")


def subset_face(font: TTFont) -> None:
    """Keep the face's own code points and the glyphs Simplified Chinese text can reach."""
    font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 14]
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.legacy_cmap = False
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table with quadratic TrueType outlines (in place)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF outer contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:  # defined for CFF outlines only; glyf fonts use vmtx + yMax
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")

    hmtx = font["hmtx"].metrics
    for name in order:
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        # TrueType rasterisers place outlines by lsb == xMin; keep them consistent.
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field, value in {
        "maxZones": 1, "maxTwilightPoints": 0, "maxStorage": 0, "maxFunctionDefs": 0,
        "maxInstructionDefs": 0, "maxStackElements": 0, "maxSizeOfInstructions": 0,
        "maxComponentElements": 0, "maxComponentDepth": 0, "maxPoints": 0,
        "maxContours": 0, "maxCompositePoints": 0, "maxCompositeContours": 0,
    }.items():
        setattr(maxp, field, value)  # points/contours are recalculated on save

    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID names like "cid12345" carry nothing
    post.extraNames = []
    post.mapping = {}


def mark_modified(font: TTFont) -> None:
    """Say in the name table that this is a modified version (OFL: Modified Version)."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 5:
            text = record.toUnicode()
            if NOTE not in text:
                name.setName(text + NOTE, 5, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            text = record.toUnicode()
            if not text.endswith(";TT"):
                name.setName(text + ";TT", 3, record.platformID, record.platEncID, record.langID)


def build(source: Path, out: Path) -> Path:
    index = find_face(source)
    font = TTFont(str(source), fontNumber=index, recalcTimestamp=False, recalcBBoxes=True)
    subset_face(font)
    cff_to_glyf(font)
    mark_modified(font)
    font.sfntVersion = "\x00\x01\x00\x00"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    font.save(str(tmp))
    tmp.replace(out)
    return out


def build_weight(weight: str, source: Path | None, out: Path | None) -> int:
    source = source or SOURCE_DIR / f"NotoSansCJK-{weight}.ttc"
    out = out or OUT_DIR / f"NotoSansCJKsc-{weight}-TT.ttf"
    if not source.exists():
        print(f"{source} not found: install the Debian package fonts-noto-cjk", file=sys.stderr)
        return 1
    started = time.monotonic()
    build(source, out)
    size = out.stat().st_size
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    check = TTFont(str(out), lazy=True)
    print(f"{out}: {size / 1e6:.1f} MB, {check['maxp'].numGlyphs} glyphs, "
          f"{len(check.getBestCmap())} code points, {time.monotonic() - started:.0f} s\n"
          f"sha256 {digest}", flush=True)
    if size >= MAX_BYTES:
        print(f"too big: the shipped font must stay under {MAX_BYTES} bytes", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weight", choices=WEIGHTS, help="build one weight only (default: both)")
    parser.add_argument("--source", type=Path, help="the .ttc to read (needs --weight)")
    parser.add_argument("--out", type=Path, help="the .ttf to write (needs --weight)")
    args = parser.parse_args(argv)
    if (args.source or args.out) and not args.weight:
        parser.error("--source and --out need --weight")
    weights = [args.weight] if args.weight else list(WEIGHTS)
    return max(build_weight(w, args.source, args.out) for w in weights)


if __name__ == "__main__":
    sys.exit(main())
