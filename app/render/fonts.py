"""Fonts for the printed forms: the only module that registers fonts with reportlab.

It owns the font chain used to print names: the bundled Noto Sans CJK SC (TrueType
outlines, see resources/fonts/README.md) first, then TrueType fonts of this computer
that cover more CJK ideographs (Windows SimSun-ExtB, Linux HanaMinB/HanaMinA, any other
TrueType-outline CJK font in the standard font folders). Text is split into runs, one
font per run, so a rare Ext B character in a name falls back character by character.

It also repairs reportlab's ToUnicode CMap for characters beyond U+FFFF (see
`_make_to_unicode_cmap`) so that text copied out of our PDFs is what was printed.

Python strings hold code points, so U+20BB7 is one `str` character here; nothing in
this module looks at UTF-16. Imports reportlab and app.paths only; never PySide6.

Thread-safe: the render thread and the GUI thread (live fitting while typing) both use the
chain. One lock, here, guards building the chain, loading a fallback font (parsing it and
registering it with reportlab) and filling the per-character cache; callers take no lock of
their own. `chain_generation()` tells caches elsewhere when the chain was rebuilt.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import re
import struct
import sys
import threading
import unicodedata
from array import array
from contextlib import contextmanager
from contextvars import ContextVar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from app import paths

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PRIMARY = "THSans"
BUNDLED = paths.FONTS / "NotoSansCJKsc-Regular-TT.ttf"
WIDTHS = BUNDLED.with_name(BUNDLED.stem + ".widths.json")
"""The bundled font's advance widths and coverage, made by tools/build_font_widths.py; a
test checks it against the font."""
WIDTHS_FORMAT = 1
BOUNDS = BUNDLED.with_name(BUNDLED.stem + ".bounds.bin")
"""The outline bounding box of every mapped character of the bundled font (for glyph_bounds),
made with WIDTHS: b"THB1", the count (uint32), then zlib-compressed int16 (x0, y0, x1, y1)
per code point in WIDTHS order (ascending), NO_OUTLINE where the glyph has none."""
NO_OUTLINE = (-32768, -32768, -32768, -32768)
_BOUNDS_MAGIC = b"THB1"
FONT_DIRS_ENV = "TRANSFER_HELPER_FONT_DIRS"
"""os.pathsep-separated folders searched for fallback fonts instead of the system's
standard ones; set but empty means "no fallback fonts" (tests, reproducible output)."""

# Fonts made to extend a base CJK font with rare ideographs, in chain order, by
# lower-case file name; they come before any other CJK font the search finds.
PREFERRED_FALLBACKS = ("simsunb.ttf", "simsunextg.ttf", "hanaminb.ttf", "hanamina.ttf")
FALLBACK_PREFIX = "THFallback-"
_FONT_SUFFIXES = (".ttf", ".ttc")
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_MIN_CJK_CHARS = 500  # below this a font is not a CJK font, just one with a few ideographs


# --- reportlab ToUnicode repair -------------------------------------------------------

def _utf16_hex(code_point: int) -> str:
    if code_point > 0xFFFF:
        v = code_point - 0x10000
        return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"
    return f"{code_point:04X}"


def _make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab 5.1's ttfonts.makeToUnicodeCMap with one line changed.

    reportlab writes each bfchar destination as "<%04X>" of the code point, so U+20BB7
    becomes <20BB7>: five hex digits, which PDF readers take as the byte pair 20 BB
    plus a stray nibble, and copy/extract gives the wrong text although the glyph
    prints right. A bfchar destination is UTF-16BE (PDF 1.7, 9.10.3), so a character
    beyond U+FFFF must be written as its surrogate pair, <D842DFB7>. Everything else is
    reportlab's text, byte for byte, so BMP-only PDFs do not change.
    """
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname,
        "/Ordering (%s)" % fontname,
        "/Supplement 0",
        ">> def",
        "/CMapName /%s def" % fontname,
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
        "%d beginbfchar" % len(subset),
    ] + ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)] + [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def _install_to_unicode_fix() -> None:
    """Swap in the fixed CMap writer while reportlab still has the bug (checked, not assumed)."""
    current = ttfonts.makeToUnicodeCMap
    if current is _make_to_unicode_cmap:
        return
    if "<D842DFB7>" in current("probe", [0, 0x20BB7]):
        return  # a reportlab that writes surrogate pairs itself needs no help
    # TTFont.addObjects looks the function up as a module global at call time.
    ttfonts.makeToUnicodeCMap = _make_to_unicode_cmap


# --- finding fallback fonts without parsing them --------------------------------------

def standard_font_dirs() -> list[Path]:
    """The folders where this operating system keeps installed fonts."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [Path(data_home) / "fonts", home / ".fonts",
            *(Path(d) / "fonts" for d in data_dirs.split(":") if d)]


def _configured_dirs(font_dirs: Iterable[str | os.PathLike[str]] | None) -> tuple[Path, ...]:
    if font_dirs is not None:
        return tuple(Path(d) for d in font_dirs)
    env = os.environ.get(FONT_DIRS_ENV)
    if env is not None:
        return tuple(Path(d) for d in env.split(os.pathsep) if d)
    return tuple(standard_font_dirs())


@dataclass(frozen=True)
class _SfntInfo:
    version: bytes
    tags: frozenset[bytes]
    fs_type: int
    unicode_range2: int


def _read_sfnt_info(path: Path) -> _SfntInfo | None:
    """Header facts of the file's first face, read without parsing the font."""
    try:
        with path.open("rb") as f:
            offset = 0
            if f.read(4) == b"ttcf":
                f.seek(12)  # after ttcTag, majorVersion, minorVersion, numFonts
                (offset,) = struct.unpack(">I", f.read(4))
            f.seek(offset)
            version, count = struct.unpack(">4sH", f.read(6))
            f.seek(offset + 12)
            records = f.read(16 * count)
            tables = {}
            for i in range(count):
                tag, _checksum, at, _length = struct.unpack_from(">4sIII", records, 16 * i)
                tables[tag] = at
            fs_type = unicode_range2 = 0
            if b"OS/2" in tables:
                f.seek(tables[b"OS/2"])
                os2 = f.read(50)
                (fs_type,) = struct.unpack_from(">H", os2, 8)
                (unicode_range2,) = struct.unpack_from(">I", os2, 46)
    except (OSError, struct.error):
        return None
    return _SfntInfo(version, frozenset(tables), fs_type, unicode_range2)


def _is_candidate(path: Path, preferred: bool) -> bool:
    """TrueType outlines, embeddable, and (unless preferred) claiming CJK ideographs."""
    info = _read_sfnt_info(path)
    if info is None or info.version not in (b"\x00\x01\x00\x00", b"true"):
        return False  # "OTTO" is CFF: reportlab cannot embed it
    if b"glyf" not in info.tags or b"cmap" not in info.tags or info.tags & {b"CFF ", b"CFF2"}:
        return False
    if info.fs_type & 0x0002:
        return False  # "restricted licence embedding": may not go into a PDF
    # ulUnicodeRange2 bit 27 is OS/2 Unicode range bit 59, "CJK Unified Ideographs".
    return preferred or bool((info.unicode_range2 >> 27) & 1)


def find_fallback_files(dirs: Iterable[Path]) -> list[Path]:
    """Candidate fallback fonts under `dirs`, preferred ones first, then by path."""
    seen: set[str] = {os.path.realpath(BUNDLED)}
    found: list[Path] = []
    for top in dirs:
        if not top.is_dir():
            continue
        for root, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                if not name.lower().endswith(_FONT_SUFFIXES):
                    continue
                # A link (Debian's fonts-japanese-mincho.ttf -> HanaMinA.ttf) counts
                # once, under the real file's name, which is what PREFERRED_FALLBACKS lists.
                path = Path(os.path.realpath(Path(root) / name))
                if str(path) in seen:
                    continue
                seen.add(str(path))
                if _is_candidate(path, path.name.lower() in PREFERRED_FALLBACKS):
                    found.append(path)

    def rank(path: Path) -> tuple[int, str]:
        name = path.name.lower()
        if name in PREFERRED_FALLBACKS:
            return PREFERRED_FALLBACKS.index(name), str(path)
        return len(PREFERRED_FALLBACKS), str(path)

    return sorted(found, key=rank)


# --- the chain -------------------------------------------------------------------------

def _cjk_count(font: TTFont) -> int:
    mapping = font.face.charToGlyph
    if isinstance(mapping, _CharMap):  # counted per cmap group, not per code point
        return mapping.count_in(_CJK_RANGES)
    return sum(1 for cp in mapping if any(lo <= cp <= hi for lo, hi in _CJK_RANGES))


def _has_glyph(font: TTFont, code_point: int) -> bool:
    """The font maps the character to a glyph that is neither .notdef nor empty."""
    if isinstance(font, _TableFont) and font.parsed_face is None:
        return font.table_face.covers(code_point)
    return _glyph_drawn(font.face, code_point)


@dataclass
class _Entry:
    name: str
    path: Path
    preferred: bool
    font: TTFont | None = None
    failed: bool = False

    def load(self) -> TTFont | None:
        """Open and register the font on first use (a cmap of format 12: a _LazyFace, a few ms;
        any other: reportlab's parse, ~0.25 s and tens of MB per font)."""
        if self.font is None and not self.failed:
            key = (self.name, os.path.realpath(self.path))
            font = _loaded.get(key)
            if font is None:
                try:
                    font = open_font(self.name, self.path)
                except Exception:  # noqa: BLE001 - a broken system font must not stop printing
                    font = None
                if font is not None and not self.preferred and _cjk_count(font) < _MIN_CJK_CHARS:
                    font = None
            if font is None:
                self.failed = True
                return None
            _loaded[key] = font
            pdfmetrics.registerFont(font)
            self.font = font
        return self.font


@dataclass
class _Chain:
    dirs: tuple[Path, ...]
    entries: list[_Entry]
    cache: dict[str, str | None] = field(default_factory=dict)
    runs: dict[str, tuple[tuple[str | None, str], ...]] = field(default_factory=dict)


_chain: _Chain | None = None
_generation = 0
_loaded: dict[tuple[str, str], TTFont] = {}
_LOCK = threading.RLock()


def open_font(name: str, path: Path) -> TTFont:
    """A TTFont of the file whose face is `parse_face`'s."""
    return _FaceFont(name, parse_face(path))


_used_codes: ContextVar[dict[str, set[int]] | None] = ContextVar("used_codes", default=None)


@contextmanager
def recording(into: dict[str, set[int]] | None):
    """While inside (in this thread), every character a font of the chain encodes for a PDF
    goes into `into`, by font name (app.render.base: what a document's own PDF prints)."""
    token = _used_codes.set(into)
    try:
        yield
    finally:
        _used_codes.reset(token)


class ChainFont(TTFont):
    """A font of the chain: reportlab's TTFont whose encoding of text (splitString, which all
    text drawn in it goes through) also records the characters, inside `recording`."""

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab's name
        into = _used_codes.get()
        if into is not None:
            codes = into.setdefault(self.fontName, set())
            codes.update(map(ord, text if isinstance(text, str) else text.decode(encoding)))
        return super().splitString(text, doc, encoding)


def _init_unparsed(font: TTFont, name: str) -> None:
    """TTFont.__init__ less its parse and its face (tests compare the attributes with a parsed
    TTFont's)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    font.fontName = name
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)


class _FaceFont(ChainFont):
    """A TTFont around a face made here (parse_face)."""

    def __init__(self, name: str, face: ttfonts.TTFontFace) -> None:
        _init_unparsed(self, name)
        self.face = face


def _share_glyf_of(face: ttfonts.TTFontFace) -> None:
    original = face.get_table
    kept: dict[str, bytes] = {}

    def get_table(tag: str) -> bytes:
        if tag != "glyf":
            return original(tag)
        if tag not in kept:
            kept[tag] = original(tag)
        return kept[tag]

    face.get_table = get_table


# --- the bundled font's widths without parsing it ---------------------------------------
# reportlab's parse of the 12.8 MB font costs ~0.2 s and ~35 MB. Measuring text (layout, the
# live fit notes of the UI) needs only each character's advance width and whether the font
# draws it: the width table holds exactly reportlab's figures for that, so the font is opened
# only when a PDF needs its glyphs, and then as a _LazyFace (the file read where asked, its
# tables answered per character and glyph: ~2 ms and ~0.3 MB).

def _glyph_drawn(face: ttfonts.TTFontFace, code_point: int) -> bool:
    """Mapped to a glyph that draws something (a space counts): some fonts map characters they
    do not draw to an empty glyph, which prints nothing."""
    gid = face.charToGlyph.get(code_point)
    if not gid:
        return False
    if chr(code_point).isspace():
        return True
    pos = face.glyphPos
    return gid + 1 < len(pos) and pos[gid + 1] > pos[gid]


def width_table(font: TTFont, path: Path) -> dict:
    """The width table of a parsed font (what tools/build_font_widths.py writes): runs of
    consecutive code points with the same advance width (reportlab's 1/1000 em figures; it has
    one for every code point the font maps), and the code points whose glyph draws nothing."""
    face = font.face
    if set(face.charWidths) != set(face.charToGlyph):
        raise ValueError(f"{path.name}: widths and character map differ; the table cannot stand in for it")
    runs: list[list[int]] = []
    for cp in sorted(face.charWidths):
        width = face.charWidths[cp]
        if runs and runs[-1][0] + runs[-1][1] == cp and runs[-1][2] == width:
            runs[-1][1] += 1
        else:
            runs.append([cp, 1, width])
    data = path.read_bytes()
    return {
        "format": WIDTHS_FORMAT,
        "font": path.name,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "name": bytes(face.name).decode("latin-1"),
        "units_per_em": face.unitsPerEm,
        "default_width": face.defaultWidth,
        "runs": runs,
        "empty": [cp for cp in sorted(face.charToGlyph) if not _glyph_drawn(face, cp)],
    }


EM_TOP, EM_BOTTOM = 0.88, 0.12
"""The ideographic em box of the bundled font around the baseline, in em: most glyphs stay
inside it; line boxes are made for it (app.render.text)."""


def _outline_box(face: ttfonts.TTFontFace, code_point: int) -> tuple[int, int, int, int] | None:
    """The glyf header's bounding box of the character's glyph (font units); None for no glyph
    or an empty one (a space). What _bounds_in reads, before dividing by the em."""
    gid = face.charToGlyph.get(code_point)
    if not gid or gid + 1 >= len(face.glyphPos):
        return None
    start, end = face.glyphPos[gid], face.glyphPos[gid + 1]
    if end - start < 10:
        return None
    at = face.table["glyf"]["offset"] + start + 2
    return struct.unpack(">hhhh", face._ttf_data[at:at + 8])


def bounds_table(font: TTFont) -> bytes:
    """The BOUNDS file of a parsed font (what tools/build_font_widths.py writes)."""
    import array
    import zlib

    face = font.face
    values = array.array("h")
    for cp in sorted(face.charWidths):
        values.extend(_outline_box(face, cp) or NO_OUTLINE)
    if sys.byteorder != "little":
        values.byteswap()
    return _BOUNDS_MAGIC + struct.pack("<I", len(face.charWidths)) + zlib.compress(values.tobytes(), 9)


def _read_bounds(path: Path, count: int):
    """The BOUNDS values as an int16 array, or None when missing or not for `count` characters."""
    import array
    import zlib

    try:
        data = path.read_bytes()
        if data[:4] != _BOUNDS_MAGIC or struct.unpack_from("<I", data, 4)[0] != count:
            return None
        values = array.array("h", zlib.decompress(data[8:]))
    except (OSError, ValueError, zlib.error, struct.error):
        return None
    if sys.byteorder != "little":
        values.byteswap()
    return values if len(values) == 4 * count else None


class _TableFace:
    """What measuring text asks of a font face, from the width table; anything else (glyphs,
    for a PDF) parses the font, once, and is answered by the parsed face from then on."""

    def __init__(self, font: _TableFont, table: dict) -> None:
        self._font = font
        self.name = table["name"].encode("latin-1")
        self.defaultWidth = table["default_width"]
        widths: dict[int, int] = {}
        for first, count, width in table["runs"]:
            widths.update(dict.fromkeys(range(first, first + count), width))
        self.charWidths = widths
        self._empty = frozenset(table["empty"])
        self._units_per_em = float(table["units_per_em"])
        self._order: list[int] | None = None  # sorted code points, for BOUNDS, when first asked
        self._bounds = None

    def covers(self, code_point: int) -> bool:
        """As _has_glyph: mapped to a glyph that draws something (or a space)."""
        return code_point in self.charWidths and code_point not in self._empty

    def bounds(self, code_point: int) -> tuple[float, float, float, float] | None | bool:
        """As _bounds_in, in em: the outline box, or None for no outline; False when the
        BOUNDS file cannot answer (then the parsed font must)."""
        import bisect

        if self._order is None:
            order = sorted(self.charWidths)
            self._bounds = _read_bounds(BOUNDS, len(order))
            self._order = order
        if self._bounds is None:
            return False
        i = bisect.bisect_left(self._order, code_point)
        if i == len(self._order) or self._order[i] != code_point:
            return None
        box = tuple(self._bounds[4 * i:4 * i + 4])
        if box == NO_OUTLINE:
            return None
        em = self._units_per_em
        return box[0] / em, box[1] / em, box[2] / em, box[3] / em

    def __getattr__(self, name: str):
        return getattr(self._font.parse(), name)


class _TableFont(ChainFont):
    """The bundled font, registered with reportlab from its width table: widths and coverage
    without parsing; the font file is parsed on the first use that needs more (drawing)."""

    def __init__(self, name: str, path: Path, table: dict) -> None:
        _init_unparsed(self, name)
        self.path = path
        self.parsed_face: ttfonts.TTFontFace | None = None
        self.table_face = _TableFace(self, table)
        self._parse_lock = threading.Lock()

    @property
    def face(self):  # noqa: D401 - reportlab's attribute
        return self.parsed_face if self.parsed_face is not None else self.table_face

    def parse(self) -> ttfonts.TTFontFace:
        """The parsed face (parsing the font file now if no one has yet); thread-safe."""
        with self._parse_lock:
            if self.parsed_face is None:
                self.parsed_face = parse_face(self.path, self.table_face.charWidths)
        return self.parsed_face


def parse_face(path: Path, widths: dict[int, float] | None = None) -> ttfonts.TTFontFace:
    """A face of the font file that answers everything reportlab's TTFontFace answers, the
    same in every attribute: for a cmap of format 12 a `_LazyFace` (the file read where asked,
    nothing per character built up front; `widths`, when given, must be reportlab's
    charWidths of this file, e.g. the width table's), for any other format reportlab's own
    parse, its glyf table shared (_share_glyf_of). tests/render/test_font_widths.py compares
    the two for every code point and glyph."""
    try:
        return _LazyFace(path, widths)
    except _NotLazy:
        face = ttfonts.TTFontFace(str(path))
        _share_glyf_of(face)
        return face


class _NotLazy(Exception):
    """The font is one _LazyFace does not read (not cmap format 12, ...): parse it as reportlab does."""


_U16, _U32, _HH = struct.Struct(">H"), struct.Struct(">I"), struct.Struct(">HH")


class _CharMap(Mapping):
    """reportlab's charToGlyph (code point -> glyph) of a cmap format 12 subtable, answered by a
    bisect over its groups; what is set on it (reportlab's space/no-break space alias, private
    characters of shaping) lives in a small dict that comes first."""

    def __init__(self, starts: array, ends: array, glyphs: array) -> None:
        self._starts, self._ends, self._glyphs = starts, ends, glyphs
        self._extra: dict[int, int] = {}
        self._count = sum(ends) - sum(starts) + len(starts)

    def _find(self, code: int) -> int | None:
        i = bisect.bisect_right(self._starts, code) - 1
        if i >= 0 and code <= self._ends[i]:
            return code - self._starts[i] + self._glyphs[i]
        return None

    def __getitem__(self, code: int) -> int:
        try:
            return self._extra[code]
        except KeyError:
            pass
        if type(code) is int:
            glyph = self._find(code)
            if glyph is not None:
                return glyph
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return code in self._extra or (type(code) is int and self._find(code) is not None)

    def get(self, code, default=None):
        try:
            return self[code]
        except KeyError:
            return default

    def __setitem__(self, code: int, glyph: int) -> None:
        self._extra[code] = glyph

    def count_in(self, ranges) -> int:
        """How many mapped code points lie in the (first, last) ranges (not overlapping)."""
        count = sum(max(0, min(last, hi) - max(first, lo) + 1)
                    for first, last in zip(self._starts, self._ends) for lo, hi in ranges)
        return count + sum(1 for code in self._extra if self._find(code) is None
                           and any(lo <= code <= hi for lo, hi in ranges))

    def __iter__(self):
        extra = self._extra
        for first, last in zip(self._starts, self._ends):
            for code in range(first, last + 1):
                if code not in extra:
                    yield code
        yield from extra

    def __len__(self) -> int:
        return self._count + sum(1 for code in self._extra if self._find(code) is None)

    def items_by_glyph_order(self):
        """(code, glyph) of the groups in cmap order, then the set ones: the order reportlab fills
        glyphToChar in."""
        for first, last, glyph in zip(self._starts, self._ends, self._glyphs):
            yield from zip(range(first, last + 1), range(glyph, glyph + last + 1 - first))


class _Unpacked(Sequence):
    """A table of `count` entries unpacked per index from its bytes (no list of ~45,000)."""

    def __init__(self, data: bytes, count: int) -> None:
        self._data, self._count = data, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._entry(i) for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._entry(index)

    def _entry(self, index: int):
        raise NotImplementedError


class _ShortPositions(_Unpacked):
    """reportlab's glyphPos of a short loca: where each glyph starts in glyf, stored halved."""

    def _entry(self, index: int) -> int:
        return _U16.unpack_from(self._data, 2 * index)[0] << 1


class _HMetrics(_Unpacked):
    """reportlab's hmetrics: (advance, left side bearing as an unsigned short) per glyph, from
    hmtx's bytes; glyphs past the long metrics repeat the last advance, scaled to 1/1000 em as
    reportlab does."""

    def __init__(self, data: bytes, long_count: int, count: int, last_advance: float) -> None:
        super().__init__(data, count)
        self._long_count, self._last = long_count, last_advance

    def _entry(self, index: int) -> tuple:
        if index < self._long_count:
            return _HH.unpack_from(self._data, 4 * index)
        return self._last, _U16.unpack_from(self._data, 4 * self._long_count + 2 * (index - self._long_count))[0]


class _TableView:
    """A table of the font file that makeSubset slices: each slice is bytes read from the file,
    the table never copied whole (glyf is 12 MB here)."""

    def __init__(self, data, offset: int, length: int) -> None:
        self._data, self._offset, self._length = data, offset, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a table view is sliced, not indexed")
        start, stop, step = index.indices(self._length)
        if step != 1:
            raise ValueError("a table view is sliced with step 1")
        return self._data[self._offset + start:self._offset + max(start, stop)]


_KEPT_READ = 4096  # bytes: larger reads (a table) are not kept
_KEPT_READS = 8192


class _FileData:
    """The font file as reportlab's parser reads it (`_ttf_data[a:b]`, `_ttf_data[i]`), each read
    from the file when asked (os.pread; seek and read under a lock where there is no pread):
    only the small reads last made are kept in memory, not the file. A memory map would keep
    more: every glyph it touches maps the pages around it as well (~5 MB of the 12.8 MB for one
    packet)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - open as long as the face
        self._size = os.fstat(self._file.fileno()).st_size
        self._pread = getattr(os, "pread", None)
        self._lock = threading.Lock()
        # Small reads (a glyph, its first bytes), by position: one packet subsets the same
        # glyphs for the combined file and for each document's own, and each glyph is read
        # twice per subset (its contour count, then its outline). Bounded; about 0.3 MB a packet.
        self._kept: dict[tuple[int, int], bytes] = {}

    def __len__(self) -> int:
        return self._size

    def _read(self, at: int, count: int) -> bytes:
        if count <= 0:
            return b""
        if self._pread is not None:
            return self._pread(self._file.fileno(), count, at)
        with self._lock:
            self._file.seek(at)
            return self._file.read(count)

    def __getitem__(self, index):
        if type(index) is slice:
            start, stop, step = index.indices(self._size)
            if step != 1:
                raise ValueError("the font file is read with step 1")
            if stop <= start:
                return b""
            if stop - start > _KEPT_READ:
                return self._read(start, stop - start)
            key = (start, stop)
            data = self._kept.get(key)
            if data is None:
                if len(self._kept) >= _KEPT_READS:
                    self._kept.clear()
                data = self._kept[key] = self._read(start, stop - start)
            return data
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("font file index out of range")
        return self._read(index, 1)[0]


class _LazyFace(ttfonts.TTFontFace):
    """reportlab's TTFontFace of a TrueType font with a cmap of format 12, its big tables answered
    on demand instead of built up front (~0.1 s and ~35 MB for the bundled font's ~45,000 glyphs):
    the file is read where asked (_FileData) rather than whole; charToGlyph bisects the cmap
    groups; loca and hmtx are read whole (~360 KB): glyphPos is an array of a long loca (a short
    one is unpacked per index, as hmetrics is); get_table('glyf') is a view whose slices are read from
    the file; charWidths is the dict given (the width table's) or built when first asked, as is
    glyphToChar (only shaping asks). Reads only: thread-safe as reportlab's face is (makeSubset
    moves the shared read position, as it always did)."""

    def __init__(self, path: Path, widths: dict[int, float] | None = None) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        self._ttf_data = _FileData(path)  # TTFontParser.readFile reads nothing when this is set
        self.filename = str(path)
        ttfonts.TTFontFile.__init__(self, str(path), charInfo=0)  # header, names, metrics; no tables
        self._lock = threading.Lock()
        self._read_tables(widths)

    def _read_tables(self, widths: dict[int, float] | None) -> None:
        """What TTFontFile.extractInfo(charInfo=1) adds to charInfo=0, as views of the file."""
        data = self._ttf_data

        def read(fmt: struct.Struct, at: int) -> tuple:
            return fmt.unpack(data[at:at + fmt.size])

        tables = self.table
        if not all(tag in tables for tag in ("head", "hhea", "hmtx", "loca", "cmap", "glyf")):
            raise _NotLazy("missing table")
        head, hhea = tables["head"]["offset"], tables["hhea"]["offset"]
        index_to_loc, glyph_data_format = read(struct.Struct(">hh"), head + 50)
        (long_count,) = read(_U16, hhea + 34)
        glyphs = self.numGlyphs
        if glyph_data_format != 0 or not 0 < long_count <= glyphs or index_to_loc not in (0, 1):
            raise _NotLazy("glyph data or metrics format")
        # The subtable reportlab picks: the last of the encoding records it accepts.
        cmap = tables["cmap"]["offset"]
        version, count = read(_HH, cmap)
        if count == 0 and version != 0:
            count = version
        chosen, enc = None, 0
        for i in range(count):
            platform, encoding, offset = read(struct.Struct(">HHI"), cmap + 4 + 8 * i)
            if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                chosen, enc = offset, 1
            elif platform == 1 and encoding == 0 and enc != 1:
                chosen, enc = offset, 2
        if chosen is None:
            raise _NotLazy("no cmap reportlab accepts")
        at = cmap + chosen
        if read(_U16, at)[0] != 12:
            raise _NotLazy("cmap format")
        (groups,) = read(_U32, at + 12)
        values = array("I", data[at + 16:at + 16 + 12 * groups])
        if values.itemsize != 4 or len(values) != 3 * groups:
            raise _NotLazy("cmap groups")
        if sys.byteorder == "little":
            values.byteswap()
        starts, ends, firsts = values[0::3], values[1::3], values[2::3]
        # reportlab fills a dict group by group (a later group wins); groups in order, not
        # overlapping, as the format requires, give the same map searched by bisect.
        if any(s > e for s, e in zip(starts, ends)) or any(e >= s for e, s in zip(ends, starts[1:])):
            raise _NotLazy("cmap groups out of order")
        char_to_glyph = _CharMap(starts, ends, firsts)
        # hmtx and loca (~180 KB each here) are read whole: answered from memory, not the disk.
        hmtx_at, hmtx_size = tables["hmtx"]["offset"], 4 * long_count + 2 * (glyphs - long_count)
        hmtx = data[hmtx_at:hmtx_at + hmtx_size]
        loca, loca_size = tables["loca"]["offset"], (4 if index_to_loc == 1 else 2) * (glyphs + 1)
        positions = data[loca:loca + loca_size]
        if len(hmtx) != hmtx_size or len(positions) != loca_size:
            raise _NotLazy("hmtx or loca cut short")
        first_advance, _ = _HH.unpack_from(hmtx, 0)
        last_advance = self._pdfScale(_U16.unpack_from(hmtx, 4 * (long_count - 1))[0])
        self.hmetrics = _HMetrics(hmtx, long_count, glyphs, last_advance)
        if index_to_loc == 1:  # 32-bit values need no shifting: an array, indexed in C
            self.glyphPos = array("I", positions)
            if self.glyphPos.itemsize != 4:
                raise _NotLazy("no 32-bit array type")
            if sys.byteorder == "little":
                self.glyphPos.byteswap()
        else:
            self.glyphPos = _ShortPositions(positions, glyphs + 1)
        self.defaultWidth = self._pdfScale(first_advance)
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
        self.charToGlyph = char_to_glyph
        if widths is not None:
            self.charWidths = widths
        else:  # charInfo=0 set it to None: built when first asked (__getattr__)
            del self.charWidths
        self._pos = loca + loca_size  # where reportlab's reader stops

    def __getattr__(self, name: str):
        # Only for attributes not set yet: the tables built when first asked.
        if name not in ("charWidths", "glyphToChar") or "_lock" not in self.__dict__:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                self.__dict__[name] = self._build_widths() if name == "charWidths" else self._build_glyph_to_char()
        return self.__dict__[name]

    def _build_widths(self) -> dict[int, float]:
        """reportlab's charWidths: the advance of each mapped character's glyph (glyphs past the
        font's count have none), the alias of space and no-break space included."""
        glyphs, hmetrics = self.numGlyphs, self.hmetrics
        long_count = hmetrics._long_count
        pairs = array("H", hmetrics._data[:4 * long_count])
        if sys.byteorder == "little":
            pairs.byteswap()
        scale = self._pdfScale
        advances = [scale(advance) for advance in pairs[0::2]]
        advances += [hmetrics._last] * (glyphs - long_count)
        mapping = self.charToGlyph
        widths = {code: advances[glyph] for code, glyph in mapping.items_by_glyph_order() if glyph < glyphs}
        for code, glyph in mapping._extra.items():
            if glyph < glyphs:
                widths[code] = advances[glyph]
        return widths

    def _build_glyph_to_char(self) -> dict[int, list[int]]:
        """reportlab's glyphToChar: every character of each glyph, in cmap order (the alias of
        space and no-break space is not in it, as in reportlab's)."""
        glyph_to_char: dict[int, list[int]] = {}
        for code, glyph in self.charToGlyph.items_by_glyph_order():
            glyph_to_char.setdefault(glyph, []).append(code)
        return glyph_to_char

    def get_table(self, tag: str):
        if tag == "glyf":
            pos, length = self.get_table_pos(tag)
            return _TableView(self._ttf_data, pos, length)
        return super().get_table(tag)


def _read_width_table(font_path: Path, table_path: Path) -> dict | None:
    """The width table if it belongs to this font file (same size and format), else None."""
    try:
        table = json.loads(table_path.read_text(encoding="utf-8"))
        if (table.get("format") == WIDTHS_FORMAT and table.get("font") == font_path.name
                and table.get("size") == font_path.stat().st_size):
            return table
    except (OSError, ValueError, AttributeError):
        pass
    return None


def _register_bundled() -> TTFont:
    if not BUNDLED.exists():
        raise FileNotFoundError(f"{BUNDLED} is missing: run tools/build_font.py")
    key = (PRIMARY, os.path.realpath(BUNDLED))
    if key not in _loaded:
        table = _read_width_table(BUNDLED, WIDTHS)
        # Without a matching width table (a font rebuilt, the table not), parse as before.
        _loaded[key] = _TableFont(PRIMARY, BUNDLED, table) if table else open_font(PRIMARY, BUNDLED)
        pdfmetrics.registerFont(_loaded[key])
    return _loaded[key]


def register_fonts(font_dirs: Iterable[str | os.PathLike[str]] | None = None) -> None:
    """Register the bundled font and find the fallback fonts; idempotent.

    `font_dirs` replaces the folders searched for fallback fonts; without it the
    TRANSFER_HELPER_FONT_DIRS environment variable does, and without that the system's
    standard font folders are searched. Calling again with other folders rebuilds the
    chain. Fallback fonts are parsed and registered with reportlab the first time a
    character needs them (or when `fallback_chain()` is asked for the whole chain).
    """
    dirs = _configured_dirs(font_dirs)
    with _LOCK:
        _build_chain(dirs)


def _build_chain(dirs: tuple[Path, ...]) -> None:
    global _chain, _generation
    _install_to_unicode_fix()
    if _chain is not None and _chain.dirs == dirs:
        return
    primary = _register_bundled()
    entries = [_Entry(PRIMARY, BUNDLED, preferred=True, font=primary)]
    taken = {PRIMARY}
    for path in find_fallback_files(dirs):
        name = FALLBACK_PREFIX + path.stem
        n = 2
        while name in taken:
            name, n = f"{FALLBACK_PREFIX}{path.stem}-{n}", n + 1
        taken.add(name)
        entries.append(_Entry(name, path, preferred=path.name.lower() in PREFERRED_FALLBACKS))
    _chain = _Chain(dirs, entries)
    _generation += 1


def chain_generation() -> int:
    """A number that changes whenever `register_fonts` builds another chain; 0 before the
    first. Caches of measurements key on it (a width belongs to one chain)."""
    return _generation


def _current() -> _Chain:
    chain = _chain
    if chain is None:
        register_fonts()
        chain = _chain
    assert chain is not None
    return chain


def fallback_chain() -> tuple[str, ...]:
    """Registered font names in the order they are tried: the bundled font first."""
    with _LOCK:
        return tuple(e.name for e in _current().entries if e.load() is not None)


def font_for_char(ch: str) -> str | None:
    """The first font of the chain with a real glyph for `ch`, None if no font has one."""
    chain = _current()
    try:
        return chain.cache[ch]  # a dict read: safe without the lock
    except KeyError:
        pass
    with _LOCK:
        code_point = ord(ch)  # one code point: U+20BB7 is a single str character
        found = None
        if unicodedata.category(ch) == "Cc":  # a line break or tab: no font draws it, and asking
            chain.cache[ch] = None           # every fallback would parse them all (~1 s)
            return None
        for entry in chain.entries:
            font = entry.load()
            if font is not None and _has_glyph(font, code_point):
                found = entry.name
                break
        chain.cache[ch] = found
    return found


# CJK compatibility ideographs: NFC would replace each by its unified twin, which is another
# character in a person's name (the registry and the ID card hold the one typed).
_COMPAT_IDEOGRAPHS = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")


def printed_form(text: str) -> str:
    """`text` as it is measured and printed: Unicode NFC, so that "Rene\u0301e" prints the
    composed é and a decomposed ễ finds the font that has the composed one; a composed
    character no font has, but whose decomposed parts the fonts have (Ẃ), is printed as base
    and mark instead. CJK compatibility ideographs are kept as they are. What was typed stays
    in the draft; only paper sees this."""
    return _printed_form(text, _generation)


@functools.lru_cache(maxsize=16384)
def _printed_form(text: str, generation: int) -> str:
    if not unicodedata.is_normalized("NFC", text):
        parts = _COMPAT_IDEOGRAPHS.split(text)
        text = "".join(part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts))
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) > 0x7F and font_for_char(ch) is None:
            # Only a letter with marks comes apart: a singleton (a compatibility ideograph,
            # 丽 for U+2F800) would be another character.
            parts = unicodedata.normalize("NFD", ch)
            if len(parts) > 1 and all(font_for_char(p) is not None for p in parts):
                ch = parts
        out.append(ch)
    return "".join(out)


def is_mark(ch: str) -> bool:
    """A combining mark drawn on the character before it (zero advance)."""
    return unicodedata.combining(ch) > 0 or unicodedata.category(ch) == "Me"


@functools.lru_cache(maxsize=8192)
def _bounds_in(name: str, ch: str) -> tuple[float, float, float, float] | None:
    font = pdfmetrics.getFont(name)
    if isinstance(font, _TableFont) and font.parsed_face is None:
        found = font.table_face.bounds(ord(ch))  # measuring does not parse the font
        if found is not False:
            return found
    face = font.parse() if isinstance(font, _TableFont) else font.face
    box = _outline_box(face, ord(ch))
    if box is None:
        return None
    em = float(face.unitsPerEm)
    return box[0] / em, box[1] / em, box[2] / em, box[3] / em


def vertical_reach(ch: str) -> tuple[float, float] | None:
    """(lowest, highest) y of the glyph's outline in em around the baseline, in the font the
    chain picks for `ch`; None when it stays inside the em box (EM_TOP, EM_BOTTOM) or has no
    outline. For the bundled font this comes from its bounds table: measuring never parses it."""
    box = glyph_bounds(ch)
    if box is None or (box[3] <= EM_TOP and box[1] >= -EM_BOTTOM):
        return None
    return box[1], box[3]


def glyph_bounds(ch: str) -> tuple[float, float, float, float] | None:
    """The outline's bounding box (x0, y0, x1, y1) in em, relative to the glyph's origin on the
    baseline, in the font the chain picks for `ch`; None for no font or no outline. Tells how
    tall a character really is (U+3031 reaches 1.32 em up and 0.55 em down) and where a
    combining mark sits on its own."""
    name = font_for_char(ch)
    if name is None:
        return None
    with _LOCK:
        return _bounds_in(name, ch)


def split_runs(text: str) -> list[tuple[str | None, str]]:
    """Cut `text` into (font name, run) pieces: each character in the font `font_for_char`
    picks for it, neighbours with the same font in one run.

    Characters that no font covers form runs whose font is None: the caller must not
    draw them as they are (they would print as empty boxes). Whitespace no font has
    goes with the bundled font instead, as `uncovered_chars` ignores it. A space
    between two fallback characters is its own run in the bundled font, so the width
    of a text is always the sum of its characters' widths in their own fonts.
    """
    chain = _current()
    known = chain.runs.get(text)
    if known is None:
        known = tuple(_split_runs(printed_form(text)))
        if len(chain.runs) >= _RUNS_KEPT:  # a batch of many people: keep the memory bounded
            chain.runs.clear()
        chain.runs[text] = known
    return list(known)


_RUNS_KEPT = 20_000
"""Texts whose runs are kept per chain: a packet draws the same names, places and dates on
many pages and copies (a 200-period packet: ~4,000 lines, most of them repeats)."""


def _split_runs(text: str) -> list[tuple[str | None, str]]:
    runs: list[tuple[str | None, str]] = []
    current: str | None = None
    buf: list[str] = []
    for ch in text:
        font = font_for_char(ch)
        if font is None and ch.isspace():
            font = PRIMARY
        if buf and font != current:
            runs.append((current, "".join(buf)))
            buf = []
        current = font
        buf.append(ch)
    if buf:
        runs.append((current, "".join(buf)))
    return runs


def uncovered_chars(text: str) -> list[str]:
    """Characters of `text` that no font of the chain can draw, each once, in text order."""
    missing: dict[str, None] = {}
    for ch in printed_form(text):
        if not ch.isspace() and font_for_char(ch) is None:
            missing[ch] = None
    return list(missing)


def string_width(text: str, size: float) -> float:
    """Width in points of `text` drawn run by run at `size` (for fitting text in boxes)."""
    total = 0.0
    for name, run in split_runs(text):
        # An uncovered run would print .notdef glyphs, which are as wide as the primary's.
        total += pdfmetrics.stringWidth(run, name or PRIMARY, size)
    return total


def draw_text(canv: Canvas, x: float, y: float, text: str, size: float) -> float:
    """Draw one line of `text` at (x, y) run by run in one PDF text object; returns its width.

    One text object, not one drawString per run: pypdf's extraction starts a new line
    at every new text object, so "王𪛖明" drawn in three drawString calls would copy
    out as three lines. Raises ValueError for characters no font has, rather than
    printing empty boxes in a name; check `uncovered_chars` first.
    """
    runs = split_runs(text)
    missing = [run for name, run in runs if name is None]
    if missing:
        raise ValueError(f"no font has these characters: {''.join(missing)!r}")
    text_object = canv.beginText(x, y)
    for name, run in runs:
        text_object.setFont(name, size)
        text_object.textOut(run)
    canv.drawText(text_object)
    return sum(pdfmetrics.stringWidth(run, name, size) for name, run in runs)
