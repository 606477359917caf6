"""The font chain of app.render.fonts: bundled font, fallbacks, runs, and what PDFs contain.

Fallback folders are always given explicitly (an empty list: no fallbacks), so the
results do not depend on the fonts of the machine; tests that need HanaMinB skip
where the Debian package fonts-hanazono is not installed.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas

from app.render import fonts, text

HANAZONO = Path("/usr/share/fonts/truetype/hanazono")
NOTO_CFF = Path("/usr/share/fonts/opentype/noto")
SAMPLE = "张𠮷祥 阿依古丽·买买提 ABC 123"
# U+2A6D6, the last Ext B ideograph: in HanaMinB, not in Noto Sans CJK SC (checked by cmap).
HANAMINB_ONLY = "\U0002A6D6"

needs_hanazono = pytest.mark.skipif(
    not (HANAZONO / "HanaMinB.ttf").exists(), reason="fonts-hanazono is not installed")


@pytest.fixture(autouse=True)
def _default_chain_afterwards():
    yield
    fonts.register_fonts()  # leave the chain as other test modules expect it


def _draw(text: str, *, one_text_object: bool = False) -> bytes:
    """One A4 page with `text` drawn run by run, with drawString or with draw_text."""
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1, initialFontName=fonts.PRIMARY)
    if one_text_object:
        fonts.draw_text(c, 72, 700, text, 14)
    else:
        x = 72.0
        for name, run in fonts.split_runs(text):
            assert name is not None, f"uncovered run {run!r}"
            c.setFont(name, 14)
            c.drawString(x, 700, run)
            x += pdfmetrics.stringWidth(run, name, 14)
    c.showPage()
    c.save()
    return out.getvalue()


def _extract_all(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    import pdfplumber
    from pypdf import PdfReader

    texts = {"pypdf": PdfReader(io.BytesIO(pdf)).pages[0].extract_text()}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts["pdfplumber"] = doc.pages[0].extract_text()
    if shutil.which("pdftotext"):
        path = tmp_path / "sample.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                capture_output=True, check=True)
        texts["pdftotext"] = result.stdout.decode("utf-8")
    return {tool: text.strip() for tool, text in texts.items()}


def test_register_fonts_twice_keeps_one_chain_with_bundled_font_first():
    fonts.register_fonts(font_dirs=[])
    fonts.register_fonts(font_dirs=[])
    assert fonts.fallback_chain() == (fonts.PRIMARY,)
    assert isinstance(pdfmetrics.getFont(fonts.PRIMARY), ttfonts.TTFont)


def test_bold_text_is_the_primary_face_filled_and_stroked():
    import io

    from reportlab.pdfgen.canvas import Canvas

    from app.render import text

    fonts.register_fonts(font_dirs=[])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=fonts.PRIMARY, pageCompression=0)
    text.draw_line(canvas, 50, 700, "基本医疗保险", 16, bold=True)
    text.draw_line(canvas, 50, 650, "正文", 10)
    canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    assert b"2 Tr" in pdf and b"0 Tr" in pdf  # stroked for the title, back to fill only
    assert b"0.560 w" in pdf                  # 16 pt x BOLD_STROKE


def test_register_fonts_patches_to_unicode_cmap_to_write_surrogate_pairs():
    fonts.register_fonts(font_dirs=[])
    cmap = ttfonts.makeToUnicodeCMap("F1+0", [0, 0x5F20, 0x20BB7])
    assert "<01> <5F20>" in cmap
    assert "<02> <D842DFB7>" in cmap
    assert "20BB7" not in cmap


def test_pdf_drawn_with_split_runs_extracts_exactly_the_sample(tmp_path):
    fonts.register_fonts(font_dirs=[])
    texts = _extract_all(_draw(SAMPLE), tmp_path)
    assert texts == {tool: SAMPLE for tool in texts}


@needs_hanazono
def test_pdf_with_fallback_font_run_extracts_exactly_the_text(tmp_path):
    fonts.register_fonts(font_dirs=[HANAZONO])
    text = f"王{HANAMINB_ONLY}明 𠮷"
    assert [name for name, _ in fonts.split_runs(text)] == [
        fonts.PRIMARY, "THFallback-HanaMinB", fonts.PRIMARY]
    # drawString per run would do for pdfplumber and pdftotext, but pypdf starts a new
    # line at each text object; draw_text keeps the runs in one.
    texts = _extract_all(_draw(text, one_text_object=True), tmp_path)
    assert texts == {tool: text for tool in texts}


def test_draw_text_refuses_characters_no_font_has():
    fonts.register_fonts(font_dirs=[])
    c = canvas.Canvas(io.BytesIO(), initialFontName=fonts.PRIMARY)
    with pytest.raises(ValueError, match="no font has"):
        fonts.draw_text(c, 72, 700, f"王{HANAMINB_ONLY}", 14)


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
@pytest.mark.parametrize("dirs", [[], [HANAZONO]], ids=["bundled-only", "with-fallbacks"])
def test_pdffonts_shows_every_font_embedded_as_subset(tmp_path, dirs):
    fonts.register_fonts(font_dirs=dirs)
    path = tmp_path / "fonts.pdf"
    text = SAMPLE + HANAMINB_ONLY if fonts.font_for_char(HANAMINB_ONLY) else SAMPLE
    path.write_bytes(_draw(text, one_text_object=True))
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        emb, sub = line.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), line


@pytest.mark.parametrize("ch", ["\U0010FFFD", "\u0378", "\U000E01F0"],
                         ids=["plane16-private-use", "unassigned-greek", "unassigned-plane14"])
def test_uncovered_chars_reports_character_no_font_has(ch):
    fonts.register_fonts(font_dirs=[])
    assert fonts.uncovered_chars(f"张 {ch}\n三") == [ch]
    assert fonts.font_for_char(ch) is None


def test_uncovered_chars_ignores_spaces_and_newlines():
    fonts.register_fonts(font_dirs=[])
    assert fonts.uncovered_chars(" \n\t\u3000" + SAMPLE) == []


def _gb2312_chars() -> list[str]:
    chars = []
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def test_bundled_font_covers_every_gb2312_character():
    fonts.register_fonts(font_dirs=[])
    chars = _gb2312_chars()
    assert len(chars) == 7445
    assert [ch for ch in chars if fonts.font_for_char(ch) != fonts.PRIMARY] == []


@pytest.mark.parametrize("ch", list("𠮷·，。：（）；、《》“”□〇") + ["\u3000"])
def test_bundled_font_covers_name_and_form_character(ch):
    fonts.register_fonts(font_dirs=[])
    assert fonts.font_for_char(ch) == fonts.PRIMARY


def test_ext_b_character_is_one_str_character_in_one_run():
    fonts.register_fonts(font_dirs=[])
    assert len("𠮷") == 1
    assert fonts.split_runs("𠮷") == [(fonts.PRIMARY, "𠮷")]
    assert fonts.string_width("𠮷", 10) == pytest.approx(10.0)


@needs_hanazono
def test_font_for_char_picks_hanaminb_for_ext_b_char_bundled_font_lacks():
    fonts.register_fonts(font_dirs=[HANAZONO])
    assert fonts.fallback_chain() == (fonts.PRIMARY, "THFallback-HanaMinB", "THFallback-HanaMinA")
    assert fonts.font_for_char(HANAMINB_ONLY) == "THFallback-HanaMinB"
    assert fonts.uncovered_chars(HANAMINB_ONLY) == []


@needs_hanazono
def test_fallback_dirs_come_from_environment_when_not_given(monkeypatch):
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(HANAZONO))
    fonts.register_fonts()
    assert fonts.font_for_char(HANAMINB_ONLY) == "THFallback-HanaMinB"
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, "")
    fonts.register_fonts()
    assert fonts.fallback_chain() == (fonts.PRIMARY,)


def test_with_fallbacks_disabled_char_only_hanaminb_has_is_uncovered():
    fonts.register_fonts(font_dirs=[])
    assert fonts.font_for_char(HANAMINB_ONLY) is None
    assert fonts.uncovered_chars(f"王{HANAMINB_ONLY}") == [HANAMINB_ONLY]
    assert fonts.split_runs(f"王{HANAMINB_ONLY}明") == [
        (fonts.PRIMARY, "王"), (None, HANAMINB_ONLY), (fonts.PRIMARY, "明")]


@pytest.mark.skipif(not NOTO_CFF.is_dir(), reason="fonts-noto-cjk is not installed")
def test_fallback_search_skips_cff_fonts():
    fonts.register_fonts(font_dirs=[NOTO_CFF])
    assert fonts.fallback_chain() == (fonts.PRIMARY,)


@needs_hanazono
def test_fallback_search_counts_linked_font_once_under_its_real_name(tmp_path):
    (tmp_path / "fonts-japanese-mincho.ttf").symlink_to(HANAZONO / "HanaMinA.ttf")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "HanaMinA.ttf").symlink_to(HANAZONO / "HanaMinA.ttf")
    fonts.register_fonts(font_dirs=[tmp_path])
    assert fonts.fallback_chain() == (fonts.PRIMARY, "THFallback-HanaMinA")


def test_split_runs_of_text_the_bundled_font_covers_is_one_run():
    fonts.register_fonts(font_dirs=[])
    assert fonts.split_runs(SAMPLE) == [(fonts.PRIMARY, SAMPLE)]
    assert fonts.split_runs("") == []


@needs_hanazono
def test_split_runs_puts_space_between_fallback_chars_in_bundled_font():
    fonts.register_fonts(font_dirs=[HANAZONO])
    fallback = "THFallback-HanaMinB"
    text = f"{HANAMINB_ONLY} {HANAMINB_ONLY}"
    assert fonts.split_runs(text) == [
        (fallback, HANAMINB_ONLY), (fonts.PRIMARY, " "), (fallback, HANAMINB_ONLY)]
    per_char = sum(pdfmetrics.stringWidth(ch, fonts.font_for_char(ch), 10) for ch in text)
    assert fonts.string_width(text, 10) == pytest.approx(per_char)


def test_split_runs_gives_whitespace_no_font_has_to_bundled_font():
    fonts.register_fonts(font_dirs=[])
    assert fonts.split_runs("张\n三") == [(fonts.PRIMARY, "张\n三")]


def test_string_width_adds_run_widths():
    fonts.register_fonts(font_dirs=[])
    expected = pdfmetrics.stringWidth(SAMPLE, fonts.PRIMARY, 12)
    assert fonts.string_width(SAMPLE, 12) == pytest.approx(expected)
    assert fonts.string_width("张三", 12) == pytest.approx(24.0)


@pytest.mark.gui
def test_qt_loads_bundled_font_with_ext_b_glyph(qapp):
    from PySide6.QtGui import QFontDatabase, QRawFont

    font_id = QFontDatabase.addApplicationFont(str(fonts.BUNDLED))
    assert font_id != -1
    try:
        assert QFontDatabase.applicationFontFamilies(font_id) == ["Noto Sans CJK SC"]
        raw = QRawFont(str(fonts.BUNDLED), 12)
        assert raw.isValid()
        assert raw.supportsCharacter(0x20BB7)
    finally:
        QFontDatabase.removeApplicationFont(font_id)


@needs_hanazono
def test_line_breaks_and_tabs_never_make_the_chain_parse_its_fallbacks():
    """A text of several lines is measured (reach, widths) without asking any fallback font
    about "\\n": no font draws it, and asking them all parsed every fallback (about 1 s of the
    whole-process render of every example)."""
    fonts.register_fonts(font_dirs=[HANAZONO])
    text.reach("第一行\n第二行\t第三段")
    assert fonts.font_for_char("\n") is None and fonts.font_for_char("\t") is None
    assert [e.name for e in fonts._current().entries if e.font is not None] == [fonts.PRIMARY]
