"""The width table of the bundled font stands in for parsing it: the same widths and coverage
as reportlab's own parse, and the font is parsed only when a PDF needs glyphs."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.render import fonts

ROOT = Path(__file__).resolve().parents[2]


def test_the_width_table_is_that_of_the_bundled_font():
    """Fails when the font changed and tools/build_font_widths.py was not run."""
    parsed = TTFont("WidthsCheck", str(fonts.BUNDLED))
    table = json.loads(fonts.WIDTHS.read_text(encoding="utf-8"))
    assert table == fonts.width_table(parsed, fonts.BUNDLED)


def test_table_face_answers_as_the_parsed_face(tmp_path):
    parsed = TTFont("WidthsCheck2", str(fonts.BUNDLED))
    font = fonts._TableFont("WidthsCheck3", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    assert font.table_face.charWidths == parsed.face.charWidths
    assert font.table_face.defaultWidth == parsed.face.defaultWidth
    assert font.table_face.name == bytes(parsed.face.name)
    for cp in [*parsed.face.charToGlyph, 0x20BB7, 0x2A6D6, 0x10FFFF, 0x1F600]:
        assert font.table_face.covers(cp) == fonts._glyph_drawn(parsed.face, cp), hex(cp)
    text = "林晓测 示例路 1 号（ABC-xyz）𠮷，。"
    assert font.stringWidth(text, 10.5) == parsed.stringWidth(text, 10.5)
    assert font.parsed_face is None


def test_table_font_has_the_attributes_of_a_parsed_font():
    """_TableFont.__init__ mirrors TTFont.__init__ without parsing: a reportlab that adds an
    attribute there must show up here."""
    parsed = TTFont("WidthsCheck4", str(fonts.BUNDLED))
    font = fonts._TableFont("WidthsCheck5", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    ours = set(vars(font)) - {"path", "parsed_face", "table_face", "_parse_lock"}
    assert ours == set(vars(parsed)) - {"face"}
    assert font.shapable == parsed.shapable and font._asciiReadable == parsed._asciiReadable


def test_a_table_of_another_font_file_is_not_used(tmp_path):
    table = json.loads(fonts.WIDTHS.read_text(encoding="utf-8"))
    stale = tmp_path / "stale.widths.json"
    stale.write_text(json.dumps({**table, "size": table["size"] + 1}), encoding="utf-8")
    assert fonts._read_width_table(fonts.BUNDLED, stale) is None
    assert fonts._read_width_table(fonts.BUNDLED, tmp_path / "missing.json") is None
    assert fonts._read_width_table(fonts.BUNDLED, fonts.WIDTHS) == table


def test_parsing_happens_once_from_any_thread():
    font = fonts._TableFont("WidthsCheck6", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    faces = []
    threads = [threading.Thread(target=lambda: faces.append(font.parse())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(faces) == 4 and all(face is faces[0] for face in faces)
    assert font.face is faces[0]
    assert font.face.name == font.table_face.name  # asked of the face: the parsed one answers now


PROBE = r"""
import json, sys
from app.render import fonts, live_fit, text
fonts.register_fonts([])
primary = fonts._loaded[next(k for k in fonts._loaded if k[0] == fonts.PRIMARY)]
live_fit.warm_up()
statuses = [live_fit.fit_status("identity.address", "浙江省杭州市西湖区样例路 1 号" * n) for n in (1, 4, 40)]
measured = text.text_width("林晓测 𠮷 ABC", 10.5)
before = primary.parsed_face is None
from reportlab.pdfgen.canvas import Canvas
import io
canvas = Canvas(io.BytesIO())
fonts.draw_text(canvas, 10, 10, "林晓测", 10.5)
canvas.save()
print(json.dumps({"kind": type(primary).__name__, "unparsed_while_measuring": before,
                  "parsed_for_pdf": primary.parsed_face is not None,
                  "kinds": [s.kind for s in statuses], "width": measured}))
"""


def test_measuring_and_live_fit_never_parse_the_font():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["kind"] == "_TableFont"
    assert result["unparsed_while_measuring"]
    assert result["parsed_for_pdf"]
    assert result["kinds"] == ["fits", "shrinks", "continues"]
    fonts.register_fonts([])
    from app.render import text

    assert result["width"] == text.text_width("林晓测 𠮷 ABC", 10.5)  # same as in this (parsed or not) process


def test_registered_primary_measures_as_reportlab_would():
    fonts.register_fonts([])
    parsed = TTFont("WidthsCheck7", str(fonts.BUNDLED))
    for sample in ("林晓测", "Hello, world 123", "（示例）：；、。", "\u3000\u00a0 "):
        assert pdfmetrics.stringWidth(sample, fonts.PRIMARY, 9) == parsed.stringWidth(sample, 9)


@pytest.fixture(scope="module")
def reportlab_face():
    from reportlab.pdfbase.ttfonts import TTFontFace

    return TTFontFace(str(fonts.BUNDLED))


LAZY = {"charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos", "_ttf_data"}


def _assert_answers_as(ours, theirs) -> None:
    """`ours` answers every question reportlab's code asks of a face as `theirs` does."""
    assert set(vars(ours)) - {"_lock", "glyphToChar", "charWidths"} == set(vars(theirs)) - {"glyphToChar", "charWidths"}
    for name, value in vars(theirs).items():
        if name == "_pdfScale":  # a lambda: compare what it does
            assert ours._pdfScale(1234) == value(1234)
        elif name not in LAZY:
            assert getattr(ours, name) == value, name
    assert ours._ttf_data[:] == theirs._ttf_data
    assert ours.get_table("glyf")[:] == theirs.get_table("glyf")
    for tag in theirs.table:
        if tag != "glyf":
            assert ours.get_table(tag) == theirs.get_table(tag), tag
    # charToGlyph: `in`, [], .get and the keys, for every mapped code point and a few others.
    mapping = ours.charToGlyph
    assert len(mapping) == len(theirs.charToGlyph) and set(mapping.keys()) == set(theirs.charToGlyph)
    for cp, glyph in theirs.charToGlyph.items():
        assert cp in mapping and mapping[cp] == glyph and mapping.get(cp) == glyph, hex(cp)
    for cp in range(0x30000):
        if cp not in theirs.charToGlyph:
            assert cp not in mapping and mapping.get(cp, "none") == "none", hex(cp)
    assert 0x10FFFF not in mapping and -1 not in mapping and "a" not in mapping
    # Per glyph: where it is, its metrics.
    assert len(ours.glyphPos) == len(theirs.glyphPos) == theirs.numGlyphs + 1
    assert len(ours.hmetrics) == len(theirs.hmetrics) == theirs.numGlyphs
    for glyph in range(theirs.numGlyphs + 1):
        assert ours.glyphPos[glyph] == theirs.glyphPos[glyph], glyph
    for glyph in range(theirs.numGlyphs):
        assert ours.hmetrics[glyph] == theirs.hmetrics[glyph], glyph
    assert list(ours.glyphPos) == theirs.glyphPos and list(ours.hmetrics) == theirs.hmetrics
    assert ours.glyphPos[-1] == theirs.glyphPos[-1] and ours.hmetrics[-1] == theirs.hmetrics[-1]
    assert ours.charWidths == theirs.charWidths
    assert ours.glyphToChar == theirs.glyphToChar
    for cp in (0x20, 0xA0, 0x6797, 0x20BB7, 0x10FFFF):
        assert ours.getCharWidth(cp) == theirs.getCharWidth(cp)


def test_lazy_face_answers_as_reportlabs_parse(reportlab_face):
    ours = fonts.parse_face(fonts.BUNDLED)
    assert isinstance(ours, fonts._LazyFace)
    assert "charWidths" not in vars(ours) and "glyphToChar" not in vars(ours)  # built when asked
    _assert_answers_as(ours, reportlab_face)


def test_the_registered_fonts_lazy_face_answers_as_reportlabs_parse(reportlab_face):
    """As drawing gets it: the widths are the width table's dict, not a second copy."""
    font = fonts._TableFont("LazyCheck", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    face = font.parse()
    assert isinstance(face, fonts._LazyFace) and face.charWidths is font.table_face.charWidths
    _assert_answers_as(face, reportlab_face)


def test_lazy_face_makes_reportlabs_subsets(reportlab_face):
    ours = fonts.parse_face(fonts.BUNDLED)
    codes = sorted(reportlab_face.charToGlyph)
    sample = [0, 0x20, 0xA0, 0x3000, 0x20BB7, 0x10FFFF, *codes[::37]]  # a code point no font has maps to .notdef
    for i in range(0, len(sample), 255):
        subset = sample[i:i + 255]
        assert ours.makeSubset(subset) == reportlab_face.makeSubset(subset), i


def test_lazy_face_reads_the_file_without_copying_it():
    face = fonts.parse_face(fonts.BUNDLED)
    assert not isinstance(face._ttf_data, bytes)  # the file mapped, not read
    assert not isinstance(face.get_table("glyf"), bytes)  # slices of it, not a 12 MB copy


def test_tables_built_when_asked_are_built_once_from_any_thread():
    face = fonts.parse_face(fonts.BUNDLED)
    got: list[tuple[object, object]] = []
    start = threading.Barrier(4)

    def ask() -> None:
        start.wait()
        got.append((face.glyphToChar, face.charWidths))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(a is got[0][0] and b is got[0][1] for a, b in got)


def test_other_cmap_formats_get_reportlabs_parse(monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFontFace

    def not_format_12(face, widths):
        raise fonts._NotLazy("cmap format")

    monkeypatch.setattr(fonts._LazyFace, "_read_tables", not_format_12)
    face = fonts.parse_face(fonts.BUNDLED)
    assert type(face) is TTFontFace and face.charWidths == TTFontFace(str(fonts.BUNDLED)).charWidths


def test_the_bounds_table_is_that_of_the_bundled_font():
    """glyph_bounds answers from BOUNDS while the font is unparsed: the same boxes as the
    parsed font, for every mapped character (and None for the unmapped)."""
    parsed = TTFont("BoundsCheck", str(fonts.BUNDLED))
    assert fonts.BOUNDS.read_bytes() == fonts.bounds_table(parsed)
    font = fonts._TableFont("BoundsCheck2", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    em = float(parsed.face.unitsPerEm)
    for cp in [*parsed.face.charWidths, 0x2A6D6, 0x10FFFF]:
        box = fonts._outline_box(parsed.face, cp)
        assert font.table_face.bounds(cp) == (None if box is None else tuple(v / em for v in box)), hex(cp)
    assert font.parsed_face is None


def test_a_bounds_file_for_another_font_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "stale.bounds.bin"
    stale.write_bytes(fonts.BOUNDS.read_bytes()[:4] + (1).to_bytes(4, "little") + fonts.BOUNDS.read_bytes()[8:])
    monkeypatch.setattr(fonts, "BOUNDS", stale)
    font = fonts._TableFont("BoundsCheck3", fonts.BUNDLED, json.loads(fonts.WIDTHS.read_text(encoding="utf-8")))
    assert font.table_face.bounds(0x6797) is False  # cannot answer: the parsed font will


def _tiny_font() -> bytes:
    """A TrueType font made here for the branches the bundled font does not take: units per em
    2048 (widths scaled), fewer long horizontal metrics than glyphs (the rest repeat the last
    advance), short loca, a composite glyph, a glyph shared by two characters, characters
    beyond U+FFFF, a cmap group pointing past the last glyph, no U+00A0 (reportlab aliases
    it to the space) and a left side bearing that is negative as a signed short."""
    import struct

    def simple(x: int) -> bytes:  # a triangle: one contour, three on-curve points
        data = struct.pack(">hhhhhHH3B3h3h", 1, 0, 0, x, 700, 2, 0, 1, 1, 1, 0, x, -x // 2, 0, 0, 700)
        return data + b"\0" * (-len(data) % 4)

    composite = struct.pack(">hhhhhHHhh", -1, 0, 0, 500, 700, 0x0003, 2, 10, 20)
    glyphs = [simple(500), b"", simple(600), composite, simple(300)]
    loca, at = [], 0
    for glyph in glyphs:
        loca.append(at // 2)
        at += len(glyph)
    loca.append(at // 2)
    groups = [(0x20, 0x20, 1), (0x41, 0x43, 2), (0x4E00, 0x4E00, 2), (0xE000, 0xE000, 4), (0x20000, 0x20001, 3),
              (0x20010, 0x20010, 9)]
    cmap_sub = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    cmap_sub += b"".join(struct.pack(">III", *g) for g in groups)
    name_string = b"LazyTest"
    names = [(1, 0, 0, 1), (1, 0, 0, 6)]
    name = struct.pack(">HHH", 0, len(names), 6 + 12 * len(names))
    name += b"".join(struct.pack(">6H", p, e, lang, n, len(name_string), 0) for p, e, lang, n in names) + name_string
    tables = {
        "head": struct.pack(">HHHHIIHHqqhhhhHHhhh", 1, 0, 1, 0, 0, 0x5F0F3CF5, 0, 2048, 0, 0,
                            -100, -200, 1900, 1800, 0, 8, 2, 0, 0),
        "hhea": struct.pack(">HH28xHH", 1, 0, 0, 3),
        "maxp": struct.pack(">IH26x", 0x00010000, len(glyphs)),
        "OS/2": struct.pack(">HHHHH58xhh16xh6x", 2, 500, 400, 5, 0, 1800, -400, 1400),
        "post": struct.pack(">HHhHhhI16x", 3, 0, 0, 0, -100, 50, 0),
        "name": name,
        "cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12) + cmap_sub,
        "hmtx": struct.pack(">6H2H", 1000, 10, 512, 0xFFF0, 1536, 20, 30, 40),
        "loca": struct.pack(f">{len(loca)}H", *loca),
        "glyf": b"".join(glyphs),
    }
    header = struct.pack(">IHHHH", 0x00010000, len(tables), 0, 0, 0)
    offset, directory, body = len(header) + 16 * len(tables), b"", b""
    for tag in sorted(tables):
        data = tables[tag] + b"\0" * (-len(tables[tag]) % 4)
        directory += struct.pack(">4sIII", tag.encode("latin-1"), 0, offset + len(body), len(tables[tag]))
        body += data
    return header + directory + body


def test_lazy_face_answers_as_reportlabs_parse_of_another_font(tmp_path):
    from reportlab.pdfbase.ttfonts import TTFontFace

    path = tmp_path / "tiny.ttf"
    path.write_bytes(_tiny_font())
    theirs, ours = TTFontFace(str(path)), fonts.parse_face(path)
    assert isinstance(ours, fonts._LazyFace)
    assert theirs.unitsPerEm == 2048 and len(theirs.glyphToChar[2]) == 2 and 0x20010 in theirs.charToGlyph
    _assert_answers_as(ours, theirs)
    subset = [0, 0x20, 0xA0, 0x41, 0x42, 0x43, 0x4E00, 0xE000, 0x20000, 0x20001, 0x3000]
    assert ours.makeSubset(subset) == theirs.makeSubset(subset)


def test_a_pdf_drawn_with_the_lazy_face_is_reportlabs_byte_for_byte():
    import io

    from reportlab.pdfgen.canvas import Canvas

    font = TTFont("LazySame", str(fonts.BUNDLED))
    pdfmetrics.registerFont(font)

    def pdf() -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        canvas.setFont("LazySame", 10.5)
        canvas.drawString(20, 700, "林晓测 示例路\u00a01 号（ABC-xyz）𠮷，。" + "".join(map(chr, range(0x4E00, 0x4F40))))
        canvas.save()
        return out.getvalue()

    theirs = pdf()
    font.face = fonts.parse_face(fonts.BUNDLED)
    assert pdf() == theirs


@pytest.mark.parametrize("pread", [True, False], ids=["pread", "seek-and-read"])
def test_the_font_file_reads_the_same_bytes_from_many_threads(pread):
    """What _FileData answers is the file's bytes, with os.pread and without (Windows has none),
    however many threads read at once."""
    whole = fonts.BUNDLED.read_bytes()
    data = fonts._FileData(fonts.BUNDLED)
    if not pread:
        data._pread = None
    assert len(data) == len(whole) and data[:16] == whole[:16] and data[-1] == whole[-1] and data[5] == whole[5]
    assert data[len(whole) - 4:len(whole) + 10] == whole[-4:] and data[10:5] == b""
    errors: list[int] = []

    def read(seed: int) -> None:
        for i in range(2000):
            at = (seed * 7919 + i * 104729) % len(whole)
            if data[at:at + 37] != whole[at:at + 37]:
                errors.append(at)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_a_fallback_font_with_a_cmap_of_format_12_is_opened_lazily(tmp_path):
    """A character the bundled font lacks opens the fallback fonts until one has it: each a
    _LazyFace (a few ms and ~1 MB, not reportlab's parse: ~0.3 s and ~94 MB for a character
    no font here has), measuring and drawing as reportlab's parse of the file would."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "hanaminb.ttf").write_bytes(_tiny_font())  # a preferred name: taken without counting ideographs
    try:
        fonts.register_fonts([folder])
        name = fonts.font_for_char("\ue000")
        assert name == fonts.FALLBACK_PREFIX + "hanaminb"
        font = pdfmetrics.getFont(name)
        assert isinstance(font, fonts._FaceFont) and isinstance(font.face, fonts._LazyFace)
        parsed = TTFont("TinyCheck", str(folder / "hanaminb.ttf"))
        assert set(vars(font)) == set(vars(parsed))
        assert font.shapable == parsed.shapable and font._asciiReadable == parsed._asciiReadable
        assert font.stringWidth("\ue000AB C", 10) == parsed.stringWidth("\ue000AB C", 10)
        assert fonts._cjk_count(font) == sum(1 for cp in parsed.face.charToGlyph if 0x4E00 <= cp <= 0x9FFF
                                             or 0x20000 <= cp <= 0x3FFFF) == 4
        canvas = Canvas(io.BytesIO())
        fonts.draw_text(canvas, 10, 10, "林\ue000", 10.5)
        canvas.save()
    finally:
        fonts.register_fonts([])


HANAZONO = Path("/usr/share/fonts/truetype/hanazono")


@pytest.mark.skipif(not (HANAZONO / "HanaMinB.ttf").exists(), reason="fonts-hanazono is not installed")
@pytest.mark.parametrize("name", ["HanaMinB.ttf", "HanaMinA.ttf"])
def test_lazy_face_of_a_system_fallback_font_answers_as_reportlabs_parse(name):
    from reportlab.pdfbase.ttfonts import TTFontFace

    path = HANAZONO / name
    theirs, ours = TTFontFace(str(path)), fonts.parse_face(path)
    assert isinstance(ours, fonts._LazyFace)
    _assert_answers_as(ours, theirs)
    subset = [0, 0x20, 0x4E00, *sorted(theirs.charToGlyph)[::997]][:255]
    assert ours.makeSubset(subset) == theirs.makeSubset(subset)
