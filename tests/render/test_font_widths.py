"""The width table of the bundled font stands in for parsing it: the same widths and coverage
as reportlab's own parse, and the font is parsed only when a PDF needs glyphs."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

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


def test_bulk_parse_gives_reportlabs_face_in_every_attribute():
    from reportlab.pdfbase.ttfonts import TTFontFace

    theirs, ours = TTFontFace(str(fonts.BUNDLED)), fonts.parse_face(fonts.BUNDLED)
    assert set(vars(ours)) == set(vars(theirs))
    for name, value in vars(theirs).items():
        if name == "_pdfScale":  # a lambda: compare what it does
            assert ours._pdfScale(1234) == value(1234)
        else:
            assert getattr(ours, name) == value, name
    assert ours.makeSubset([0, 0x6797, 0x6653, 0x20]) == theirs.makeSubset([0, 0x6797, 0x6653, 0x20])


def test_other_cmap_formats_get_reportlabs_parse(monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFontFace

    monkeypatch.setattr(fonts, "_read_char_info", lambda face: False)
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
