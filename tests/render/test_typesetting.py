"""Print typesetting: nothing outside its cell, no one-character last line where the lines can
be balanced, no break inside a word of a document title, one size across a table row, tall
glyphs measured, combining marks on their base, 附页 headers that wrap."""
from __future__ import annotations

import io
import re
from datetime import date

import pdfplumber
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from app import paths
from app.storage import drafts
from app.domain import enums
from app.domain.application import Application, IncompleteApplication, check, complete
from app.formspec import load_all
from app.render import fonts, forms, text
from app.render.base import write_pdf

TODAY = date(2026, 11, 23)
EXAMPLES = sorted(paths.EXAMPLES.glob("*.json"))
TOLERANCE = 0.01  # points


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    fonts.register_fonts([])  # no fallback fonts: the same result on every machine
    yield
    fonts.register_fonts()


def _app(path) -> Application:
    return complete(drafts.load(path), TODAY)


def _applies(form_id: str, app: Application) -> bool:
    return {"power_of_attorney": app.transfer.agent is not None,
            "pension_application": app.transfer.pension is not None,
            "pension_voucher_request": app.transfer.pension is not None}.get(form_id, True)


def _reach(line: str) -> tuple[float, float]:
    """How far the glyphs of a line reach above and below the baseline (em), measured from
    the fonts' outlines here, independently of the layout's own line boxes."""
    top, bottom, base = 0.0, 0.0, None
    for ch in fonts.printed_form(line):
        box = fonts.glyph_bounds(ch)
        if box is None:
            continue
        rise = 0.0
        if fonts.is_mark(ch) and base is not None:
            rise = text._mark_offset(base, ch)[1]
        else:
            base = ch
        top, bottom = max(top, box[3] + rise), min(bottom, box[1] + rise)
    return top, bottom


def _outside(placed: forms.Placed) -> str | None:
    """Why a laid-out line is not inside its cell, or None."""
    x, y, w, h = placed.cell
    width = text.text_width(placed.text, placed.size)
    if placed.align == "center" and placed.width is not None:
        x0 = placed.x + (placed.width - width) / 2
    elif placed.align == "right" and placed.width is not None:
        x0 = placed.x + placed.width - width
    else:
        x0 = placed.x
    top, bottom = _reach(placed.text)
    y1, y0 = placed.baseline + top * placed.size, placed.baseline + bottom * placed.size
    problems = []
    if x0 < x - TOLERANCE:
        problems.append(f"left by {x - x0:.2f}")
    if x0 + width > x + w + TOLERANCE:
        problems.append(f"right by {x0 + width - x - w:.2f}")
    if y1 > y + h + TOLERANCE:
        problems.append(f"top by {y1 - y - h:.2f}")
    if y0 < y - TOLERANCE:
        problems.append(f"bottom by {y - y0:.2f}")
    return ", ".join(problems) or None


def _escapes(app: Application) -> list[str]:
    found = []
    for spec in load_all().values():
        if not _applies(spec.id, app):
            continue
        doc = forms.layout_form(spec, app)
        for placed in doc.extra["placed"]:
            if placed.clipped:
                found.append(f"{spec.id} p{placed.page}: {placed.text!r} clipped")
                continue
            why = _outside(placed)
            if why:
                found.append(f"{spec.id} p{placed.page}: {placed.text!r} {why}")
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_text_of_every_example_lies_inside_its_cell(path):
    assert _escapes(_app(path)) == []


# Long texts up to the limits the domain allows, with what makes typesetting hard: tall
# glyphs (U+3031 in free text), decomposed accents, Latin words, punctuation, titles.
_PIECES = ["示例", "路", "号", "（东门）", "，", "。", "《基本医疗保险参保凭证》", "〱", "Rene\u0301e", "Street",
           "12", "·", "国际物流有限责任公司", "新疆维吾尔自治区", " "]
_LONG = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)
_NAMES = st.lists(st.sampled_from(["林", "晓", "阿依古丽", "·", "Nguye\u0302\u0303n", "Rene\u0301e", " ", "𠮷"]),
                  min_size=1, max_size=25).map("".join)


def _clip(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value[:limit].strip() or "示例"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(address=_LONG, employer=_LONG, agency=_LONG, area=_LONG, name=_NAMES, agent=_NAMES)
def test_fuzzed_long_texts_stay_inside_their_cells(make_draft, address, employer, agency, area, name, agent):
    draft = make_draft({
        "identity.name": _clip(name, 60),
        "identity.address": _clip(address, 100),
        "identity.hukou_address": _clip(address[::-1], 100),
        "history.0.employer_name": _clip(employer, 100),
        "history.0.area_name": _clip(area, 50),
        "transfer.origin.name": _clip(agency, 50),
        "transfer.destination.address": _clip(address, 100),
        "transfer.filer": "agent",
        "transfer.agent": {"name": _clip(agent, 60), "id_type": "passport", "id_number": "E12345678",
                           "phone": "13900139000", "relation": _clip(area, 20)},
        "transfer.pension_moves": True,
        "transfer.pension": {"start": "2019-01", "end": "2026-06"},
    })
    try:
        app = complete(draft, TODAY)
    except IncompleteApplication:
        assume(False)
    assert _escapes(app) == []


# --- balancing -------------------------------------------------------------------------

def _real(line: str) -> int:
    return text._real_chars(line)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(2, 80), columns=st.integers(2, 30))
def test_ideographs_never_leave_one_character_on_the_last_line_when_lines_can_balance(n, columns):
    # n ideographs in a measure of `columns` em: the last line can take a second character
    # from the lines above without adding a line exactly when columns >= lines + 1.
    value = ("林晓测示例路" * 20)[:n]
    lines = text.break_lines(value, columns * 10.0, 10.0)
    assert "".join(lines) == value
    if len(lines) >= 2 and columns >= len(lines) + 1:
        assert len(lines[-1]) >= 2, lines


@pytest.mark.parametrize("reason", list(enums.Reason))
@pytest.mark.parametrize("area", ["北京市", "湖北省武汉市", "广东省深圳市南山区", "新疆维吾尔自治区伊犁哈萨克自治州"])
def test_request_letters_never_end_with_one_character(make_draft, reason, area):
    app = complete(make_draft({"transfer.reason": reason.value, "transfer.destination.area_name": area}), TODAY)
    for form_id in ("certificate_request", "pension_voucher_request"):
        placed = forms.layout_form(load_all()[form_id], app).extra["placed"]
        start = next(p for p in placed if p.text.startswith("\u3000\u3000本人因"))
        letter = [p.text for p in placed if p.cell == start.cell]
        assert len(letter) >= 2 and _real(letter[-1]) >= 2, letter


def test_caption_breaks_between_words_with_even_lines():
    spec = load_all()["pension_voucher_request"]
    app = _app(paths.EXAMPLES / "04-employee-with-pension.json")
    lines = [p.text for p in forms.layout_form(spec, app).extra["placed"] if p.text in ("在本地参保", "起止时间")]
    assert lines == ["在本地参保", "起止时间"]


# --- titles ------------------------------------------------------------------------------

TITLE = "《基本养老保险参保缴费凭证》"


@settings(max_examples=150, deadline=None)
@given(before=st.text(alphabet="本人因跨统筹地区就业现申请开具，", max_size=40),
       after=st.text(alphabet="用于到新参保地办理手续。", max_size=40),
       columns=st.integers(15, 40))
def test_a_title_that_fits_a_line_is_never_broken(before, after, columns):
    lines = text.break_lines(before + TITLE + after, columns * 10.0, 10.0)
    assert sum(TITLE in line for line in lines) == 1, lines


@pytest.mark.parametrize("columns", range(3, 15))
def test_a_long_title_breaks_only_between_its_words(columns):
    title = "基本医疗保险关系转移接续申请表"
    lines = text.break_lines(title, columns * 10.0, 10.0, titles=(title,))
    assert "".join(lines) == title
    joints = [(a[-2:], b[:2]) for a, b in zip(lines, lines[1:])]
    for end, start in joints:
        assert not (end.endswith("申") or end.endswith("申请") and start.startswith("表")), lines
        assert not (end.endswith("保") and start.startswith("险")), lines


def test_guide_document_list_keeps_申请表_whole(monkeypatch):
    from app.domain.packet import build_packet
    from app.render import guide as render_guide

    wrapped: list[list[str]] = []
    original = render_guide.wrap

    def recording(value, width, size, bold=False, titles=()):
        result = original(value, width, size, bold, titles)
        wrapped.append(result)
        return result

    monkeypatch.setattr(render_guide, "wrap", recording)
    for path in EXAMPLES:
        render_guide.layout_guide(build_packet(_app(path), TODAY))
    titled = [lines for lines in wrapped if any("申请表" in line for line in lines) or len(lines) > 1]
    assert titled
    for lines in wrapped:
        for end, start in zip(lines, lines[1:]):
            assert not (end.endswith("申") and start.startswith("请表")), lines
            assert not (end.endswith("申请") and start.startswith("表")), lines


# --- one size across a table row ----------------------------------------------------------

def test_every_scheme_label_prints_at_the_tables_size():
    for spec in load_all().values():
        for section in spec.sections:
            table = section.table
            if table is None:
                continue
            for column in table.columns:
                if column.value != "scheme":
                    continue
                for scheme in enums.Scheme:
                    fit = text.fit_text(enums.label(scheme), column.width * mm - 2 * forms.PAD_X,
                                        table.row_height * mm - 2 * forms.PAD_Y, table.size, forms.MIN_PT)
                    assert fit.fits and fit.size == table.size, (spec.id, scheme)


def test_power_of_attorney_matters_are_framed():
    spec = load_all()["power_of_attorney"]
    section = next(s for s in spec.sections if s.title == "委托事项")
    assert section.frame


# --- tall glyphs and marks -----------------------------------------------------------------

def test_vertical_repeat_mark_is_measured_by_its_outline():
    top, bottom = fonts.glyph_bounds("\u3031")[3], fonts.glyph_bounds("\u3031")[1]
    assert top > 1.2 and bottom < -0.5  # 1.87 em tall in the bundled font
    box = text.line_box("東京〱")
    assert box.pitch >= top - bottom
    assert text.line_box("林晓测") == text.LineBox(1.25, 1.005)
    # Lines of it need more room than ordinary lines: the same count of characters that fits
    # at the full size shrinks (or goes to the 附页) with the tall mark in it.
    plain = text.fit_text("林林" * 8, 100.0, 30.0, 10.5, 7.0)
    tall = text.fit_text("林〱" * 8, 100.0, 30.0, 10.5, 7.0)
    assert plain.fits and plain.size == 10.5
    assert tall.size < plain.size or not tall.fits
    if tall.fits:
        assert len(tall.lines) * tall.size * tall.pitch <= 30.0 + 1e-6


def test_printed_form_composes_decomposed_accents_and_keeps_compatibility_ideographs():
    assert fonts.printed_form("Rene\u0301e") == "Ren\u00e9e"
    assert fonts.printed_form("Nguye\u0302\u0303n") == "Nguy\u1ec5n"
    assert fonts.uncovered_chars("Nguye\u0302\u0303n") == []
    assert fonts.printed_form("\uf900\u0041") == "\uf900A"  # NFC alone would give U+8C48
    assert fonts.printed_form("\U0002f800") == "\U0002f800"  # not 丽, even where no font has it


def test_a_composed_letter_no_font_has_prints_as_base_and_mark():
    fonts.register_fonts(font_dirs=[])  # the bundled font only: a system font may have Ẃ (HanaMinA does)
    try:
        assert fonts.font_for_char("\u1e82") is None
        assert fonts.printed_form("\u1e82") == "W\u0301"
    finally:
        fonts.register_fonts()


def test_a_combining_mark_is_drawn_over_its_base():
    spans = list(text._pieces(fonts.split_runs("xq\u0301z"), 0.0, 10.0))
    (_, base_text, base_x, _), (_, mark, mark_x, rise), (_, rest, rest_x, _) = spans
    assert (base_text, mark, rest) == ("xq", "\u0301", "z")
    q_left = base_x + text.text_width("x", 10.0)
    q_right = q_left + text.text_width("q", 10.0)
    bounds = fonts.glyph_bounds("\u0301")
    centre = mark_x + (bounds[0] + bounds[2]) / 2 * 10.0
    assert q_left < centre < q_right
    assert rest_x == pytest.approx(q_right)
    assert rise > 0  # above the x-height of q


def test_decomposed_name_prints_with_the_composed_glyph(make_draft):
    draft = make_draft({"identity.name": "Rene\u0301e Nguye\u0302\u0303n"})
    app = complete(draft, TODAY)
    assert app.identity.name == "Rene\u0301e Nguye\u0302\u0303n"  # what was typed is kept
    from app.render.checks import font_findings
    assert font_findings(app) == []
    data = write_pdf([forms.layout_form(load_all()["medical_application"], app)], title="t", ruleset="r",
                     invariant=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "Renée Nguyễn" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("mark", ["\u3031", "\u3032", "\u3033", "\u3034", "\u3035"])
def test_names_refuse_vertical_repeat_marks(make_draft, mark):
    draft = make_draft({"identity.name": f"林{mark}"})
    found = [f for f in check(draft, TODAY).errors if f.path == "identity.name"]
    assert [f.code for f in found] == ["name_chars"]
    assert f"U+{ord(mark):04X}" in found[0].message_zh and f"U+{ord(mark):04X}" in found[0].message_en


def test_free_text_with_a_vertical_repeat_mark_is_accepted(make_draft):
    draft = make_draft({"identity.address": "示例路〱 1 号"})
    assert not [f for f in check(draft, TODAY).errors if f.path == "identity.address"]


# --- 附页 headers ---------------------------------------------------------------------------

def _force_attachment(changes: dict) -> dict:
    # Four periods do not fit the three rows of the medical form: the table goes to the 附页.
    period = {"area_code": "440300", "area_name": "广东省深圳市", "scheme": "employee", "status": "terminated"}
    extra = {f"history.{i}": {**period, "start": f"{2010 + i}-01", "end": f"{2010 + i}-12"} for i in (1, 2, 3)}
    return {**changes, **extra}


@pytest.mark.parametrize("form_id", ["medical_application", "certificate_request"])
@pytest.mark.parametrize("identity", [
    {},
    # The longest number a document may have: a passport number of 20 characters.
    {"identity.id_type": "passport", "identity.id_number": "E1234567890123456789", "identity.sex": "male",
     "identity.birth_date": "1990-05-12"},
])
def test_attachment_header_keeps_the_id_number_with_the_longest_name(make_draft, form_id, identity):
    name = "阿依古丽·买买提" * 7 + "林晓测示"  # 60 characters, the most a name may have
    assert len(name) == 60
    draft = make_draft(_force_attachment({**identity, "identity.name": name}))
    app = complete(draft, TODAY)
    doc = forms.layout_form(load_all()[form_id], app)
    if doc.extra["attachment_pages"] == 0:
        pytest.skip("the table fits this form")
    header = [p for p in doc.extra["placed"] if p.page == 1][:4]
    joined = "".join(p.text for p in header)
    assert name in joined
    assert app.identity.id_number in joined
    assert all(_outside(p) is None for p in header)


def test_power_of_attorney_attachment_header_keeps_the_agents_name(make_draft):
    principal = "阿依古丽·买买提" * 7 + "林晓测示"
    agent = "Rene\u0301e " + "买买提·阿依古丽" * 6 + "赵小"
    draft = make_draft({"identity.name": principal, "transfer.filer": "agent",
                        "transfer.origin.area_name": "新疆维吾尔自治区伊犁哈萨克自治州" * 3,
                        "transfer.agent": {"name": agent[:60], "id_type": "passport", "id_number": "E12345678",
                                           "phone": "13900139000", "relation": "女儿"}})
    try:
        app = complete(draft, TODAY)
    except IncompleteApplication as exc:  # pragma: no cover - shows why
        raise AssertionError([f.message_en for f in exc.findings if f.severity.value == "error"]) from None
    doc = forms.layout_form(load_all()["power_of_attorney"], app)
    if doc.extra["attachment_pages"] == 0:
        pytest.skip("nothing went to the 附页")
    joined = "".join(p.text for p in doc.extra["placed"] if p.page == 1)
    assert fonts.printed_form(app.transfer.agent.name).replace(" ", "") in joined.replace(" ", "")


def test_guide_lines_with_a_tall_glyph_move_apart_to_hold_it():
    from app.render import guide as render_guide

    normal = render_guide._stack(["南京市鼓楼区示例路 100 号"], 10.0)
    assert normal == (text.EM_TOP * 10.0, render_guide.LEADING * 10.0)
    first, step = render_guide._stack(["南京市鼓楼区示例路〱 100 号", "第二行"], 10.0)
    top, bottom = _reach("〱")
    assert first >= top * 10.0 - 1e-9          # the first line hangs from the glyph's real top
    assert step >= (top - bottom) * 10.0        # the next line starts below its lowest point
    assert render_guide.lines_height(["〱", "〱"], 10.0) == pytest.approx(2 * step)


def test_vertical_reach_of_the_bundled_font_comes_from_its_width_table():
    box = fonts.glyph_bounds("\u3031")
    assert fonts.vertical_reach("\u3031") == pytest.approx((box[1], box[3]))
    assert fonts.vertical_reach("林") is None  # inside the em box
    assert fonts.vertical_reach(" ") is None
