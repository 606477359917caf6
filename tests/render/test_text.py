"""Text primitives: line breaking with the Chinese line-breaking rules, fitting, drawing."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from app.render import fonts
from app.render.text import (
    BREAK_NOT_AFTER,
    BREAK_NOT_BEFORE,
    Fit,
    break_lines,
    draw_line,
    fit_text,
    text_width,
)

SIZE = 10.0
EM = SIZE  # an ideograph is 1 em wide in the bundled font


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    fonts.register_fonts()


def _no_break_spaces(text: str) -> str:
    return re.sub(r"[ \n]", "", text)


def test_rule_tables_hold_the_required_characters():
    for ch in "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}％．；：？！）］｝":
        assert ch in BREAK_NOT_BEFORE
    for ch in "（《「『【〔〈“‘([{（［｛":
        assert ch in BREAK_NOT_AFTER


def test_cjk_breaks_between_any_two_characters():
    assert break_lines("一二三四五六七", 3 * EM, SIZE) == ["一二三", "四五六", "七"]


def test_latin_words_break_only_at_spaces_and_the_break_space_is_dropped():
    lines = break_lines("apple banana cherry", text_width("apple banana", SIZE) + 0.1, SIZE)
    assert lines == ["apple banana", "cherry"]


def test_digits_and_phone_numbers_stay_together():
    text = "电话025-83581234转"
    assert break_lines(text, 8 * EM, SIZE) == ["电话", "025-83581234转"]


def test_word_wider_than_the_line_is_split_by_characters():
    word = "A" * 40
    lines = break_lines(word, 5 * EM, SIZE)
    assert "".join(lines) == word
    assert all(text_width(line, SIZE) <= 5 * EM for line in lines)


def test_explicit_newline_starts_a_new_line():
    assert break_lines("一二\n三", 10 * EM, SIZE) == ["一二", "三"]
    assert break_lines("一\n\n二", 10 * EM, SIZE) == ["一", "", "二"]


def test_single_character_wider_than_the_line_stands_alone():
    assert break_lines("一二", 0.5 * EM, SIZE) == ["一", "二"]


# Characters that must never start a line: placed where a naive break would put them first.
@pytest.mark.parametrize("mark", list("：，。）、；？！》」』】〕〉”’…"))
@pytest.mark.parametrize("per_line", [2, 3, 4, 5, 7])
def test_closing_mark_never_starts_a_line(mark, per_line):
    text = ("中" * per_line + mark + "文") * 4
    lines = break_lines(text, per_line * EM, SIZE)
    assert all(not line.startswith(mark) for line in lines), lines
    assert _no_break_spaces("".join(lines)) == _no_break_spaces(text)
    assert all(text_width(line, SIZE) <= per_line * EM + 1e-6 for line in lines)


@pytest.mark.parametrize("mark", list("（《「『【〔〈“‘"))
@pytest.mark.parametrize("per_line", [2, 3, 4, 6])
def test_opening_mark_never_ends_a_line(mark, per_line):
    text = ("中" * (per_line - 1) + mark + "文字") * 4
    lines = break_lines(text, per_line * EM, SIZE)
    assert all(not line.endswith(mark) for line in lines[:-1]), lines
    assert "".join(lines) == text


def test_colon_after_a_space_at_the_break_does_not_start_a_line():
    lines = break_lines("中中中 ：中中", 4 * EM, SIZE)
    assert all(not line.lstrip().startswith("：") for line in lines), lines


def test_colon_in_a_real_label_value_text():
    text = "联系地址：湖北省武汉市江岸区样例路100号，邮政编码：430014（经办机构：武汉市医疗保障局）。"
    for width in range(3, 30):
        lines = break_lines(text, width * EM, SIZE)
        starts = [line[0] for line in lines if line]
        assert not set(starts) & set("：，。）"), (width, lines)


def test_fit_text_keeps_the_size_when_it_fits():
    fit = fit_text("陈静", 50, 20, 10.5, 7)
    assert fit == Fit(10.5, ["陈静"], True)


def test_fit_text_shrinks_in_half_points():
    text = "湖北省武汉市江岸区样例路一百号"
    fit = fit_text(text, 60, 20, 10.5, 7)
    assert fit.fits
    assert fit.size < 10.5 and (fit.size * 2).is_integer()
    assert len(fit.lines) * fit.size * 1.25 <= 20
    bigger = fit_text(text, 60, 20, fit.size + 0.5, fit.size + 0.5)
    assert not bigger.fits


def test_fit_text_reports_failure_at_the_minimum_size():
    fit = fit_text("字" * 300, 60, 20, 10.5, 7)
    assert not fit.fits
    assert fit.size == 7
    assert _no_break_spaces("".join(fit.lines)) == "字" * 300


def test_fit_text_honours_max_lines():
    assert not fit_text("一二三四五六", 3 * EM, 1000, SIZE, SIZE, max_lines=1).fits


# --- properties --------------------------------------------------------------------------

IDEOGRAPHS = "中文字申请表医保转移接续参保单位地址号"
PUNCT_CLOSE = "：，。）、；？！》」"
PUNCT_OPEN = "（《「"
LATIN = st.text(alphabet="abcdefgXYZ0123456789", min_size=1, max_size=6)


_IDEO = st.sampled_from(IDEOGRAPHS)
_PIECE = st.one_of(
    _IDEO,
    st.tuples(_IDEO, st.sampled_from(PUNCT_CLOSE)).map("".join),
    st.tuples(st.sampled_from(PUNCT_OPEN), _IDEO).map("".join),
    LATIN,
    st.just(" "),
)
# Text where every rule can be satisfied: a closing mark follows an ideograph, an opening mark
# precedes one, Latin words are short. Spaces may sit anywhere between pieces.
mixed_text = st.lists(_PIECE, min_size=1, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=mixed_text, width_em=st.floats(min_value=6, max_value=40))
def test_every_line_fits_and_joining_gives_back_the_text(text, width_em):
    width = width_em * EM
    lines = break_lines(text, width, SIZE)
    assert all(text_width(line, SIZE) <= width + 1e-6 for line in lines)
    assert _no_break_spaces("".join(lines)) == _no_break_spaces(text)
    # Only break spaces go: no line ends with one, no continued line starts with one.
    assert all(not line.endswith(" ") for line in lines)
    assert all(not line.startswith(" ") for line in lines[1:])


@settings(max_examples=200, deadline=None)
@given(text=mixed_text, width_em=st.floats(min_value=6, max_value=40))
def test_rules_hold_for_any_width(text, width_em):
    lines = break_lines(text, width_em * EM, SIZE)
    for i, line in enumerate(lines):
        if i > 0 and line:
            assert line[0] not in BREAK_NOT_BEFORE, lines
        if i < len(lines) - 1 and line:
            assert line[-1] not in BREAK_NOT_AFTER, lines


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=0, max_size=200), width=st.floats(min_value=1, max_value=400))
def test_any_text_breaks_without_error_and_loses_no_character(text, width):
    lines = break_lines(text, width, SIZE)
    # Lines hold the printed form (NFC; compatibility ideographs kept): canonically the same text.
    assert _no_break_spaces("".join(lines)) == _no_break_spaces(fonts.printed_form(text))
    for line in lines:
        if len(line) > 1:
            assert text_width(line, SIZE) <= width + 1e-6


# --- drawing -----------------------------------------------------------------------------

def _draw(text: str) -> pdfplumber.PDF:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    draw_line(canvas, 100, 700, text, 12)
    canvas.showPage()
    canvas.save()
    return pdfplumber.open(io.BytesIO(buffer.getvalue()))


def test_draw_line_prints_text_that_extracts_back():
    with _draw("陈静 Chen 2024年") as pdf:
        assert pdf.pages[0].extract_text().replace(" ", "") == "陈静Chen2024年"


def test_draw_line_centres_in_a_box():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    draw_line(canvas, 100, 700, "中文", 10, align="center", width=100)
    canvas.showPage()
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        chars = pdf.pages[0].chars
        assert chars[0]["x0"] == pytest.approx(140, abs=0.01)
        assert chars[-1]["x1"] == pytest.approx(160, abs=0.01)


def _uncovered() -> str | None:
    for code in (0x30000, 0x31350, 0x323AF, 0x2EBF0, 0x2B740, 0x2A6D6):
        if fonts.uncovered_chars(chr(code)):
            return chr(code)
    return None


def test_uncovered_character_is_drawn_as_a_box_with_its_code_point():
    ch = _uncovered()
    if ch is None:
        pytest.skip("every candidate character is covered by an installed font")
    with _draw(f"王{ch}明") as pdf:
        page = pdf.pages[0]
        assert len(page.rects) == 1
        text = page.extract_text().replace(" ", "")
        assert f"{ord(ch):04X}" in text
        assert ch not in text
    assert text_width(ch, 12) == 12


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="参保地区起止时间城乡居民 ABC12-（）、。\n", max_size=40),
       st.floats(min_value=20, max_value=200), st.sampled_from(["orphan", "even"]))
def test_a_kept_fit_is_the_fit_made_afresh_and_its_lines_are_the_callers_own(text, width, balance):
    from app.render import text as text_module

    fresh = text_module._fit(text, width, 30.0, 10.0, 6.0, 1.25, None, balance, ())
    first = fit_text(text, width, 30.0, 10.0, 6.0, balance=balance)
    first.lines.append("changed by a caller")
    again = fit_text(text, width, 30.0, 10.0, 6.0, balance=balance)
    assert again == fresh


def test_a_line_drawn_twice_draws_the_same_operators():
    def operators() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=0)
        draw_line(canvas, 10, 700, "林晓测 示例路 1 号 Ẃ", SIZE, align="center", width=200)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    assert operators() == operators()  # the second from the kept placement
