"""The printed forms: every example through every form that applies to it, checked as a window
clerk would, by what the PDF says and where: every value present, inside its cell, the same
bytes every time; long histories and addresses on the continuation sheets (附页)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest

from app import paths
from app.storage import drafts
from app.domain import months
from app.domain.application import Application, complete
from app.domain.enums import Filer
from app.domain.findings import Severity
from app.domain.history import Period
from app.formspec import fieldpaths as fp
from app.formspec import load_all
from app.formspec import spec as fs
from app.render import fonts
from app.render.base import write_pdf
from app.render.checks import font_findings
from app.render.forms import SEE_ATTACHED, CellBox, format_value, layout_form

TODAY = date(2026, 11, 23)
EXAMPLES = sorted(paths.EXAMPLES.glob("*.json"))
TOLERANCE = 1.0  # points: pdfplumber's glyph boxes come from the font's ascent and descent


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    fonts.register_fonts()


@pytest.fixture(scope="module")
def specs() -> dict[str, fs.FormSpec]:
    return load_all()


def _app(path) -> Application:
    return complete(drafts.load(path), today=TODAY)


def _applies(form_id: str, app: Application) -> bool:
    """The rule of the brief, independent of the forms' own `requires`."""
    if form_id in ("medical_application", "certificate_request"):
        return True
    if form_id.startswith("pension_"):
        return app.transfer.pension_moves
    return app.transfer.filer is Filer.AGENT


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _render(spec, app):
    doc = layout_form(spec, app)
    pdf = write_pdf([doc], title=spec.title, ruleset="test", invariant=True)
    return doc, pdf


def _box_chars(page, box: CellBox) -> list[dict]:
    top, bottom = page.height - box.y1, page.height - box.y0
    return [c for c in page.chars
            if box.x0 <= (c["x0"] + c["x1"]) / 2 <= box.x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _box_text(page, box: CellBox) -> str:
    return _squash("".join(c["text"] for c in _box_chars(page, box)))


def _check_document(doc, pdf_bytes: bytes) -> dict[str, str]:
    """Every value is printed in its cell (or on the 附页) and no glyph crosses a cell's edge.
    Returns the extracted text of each page, by index."""
    boxes: list[CellBox] = doc.extra["cell_boxes"]
    texts = {}
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == len(doc.pages)
        for index, page in enumerate(pdf.pages):
            texts[index] = page.extract_text()
            on_page = [b for b in boxes if b.page == index]
            for char in page.chars:
                top, bottom = page.height - char["bottom"], page.height - char["top"]
                for box in on_page:
                    overlaps = char["x0"] < box.x1 and char["x1"] > box.x0 and top < box.y1 and bottom > box.y0
                    inside = (char["x0"] >= box.x0 - TOLERANCE and char["x1"] <= box.x1 + TOLERANCE
                              and top >= box.y0 - TOLERANCE and bottom <= box.y1 + TOLERANCE)
                    assert inside or not overlaps, f"{char['text']!r} crosses the cell of {box.path} on page {index + 1}"
        attached: dict[str, str] = {}
        for box in boxes:
            if box.page > 0:
                printed = _box_text(pdf.pages[box.page], box)
                assert _squash(box.value) == printed, f"附页 {box.path}: {box.value!r} is not {printed!r}"
                attached[box.path] = attached.get(box.path, "") + printed
        for box in boxes:
            if not box.value or box.page > 0:
                continue
            printed = _box_text(pdf.pages[box.page], box)
            if box.shown == SEE_ATTACHED:
                assert printed == SEE_ATTACHED, box.path
                assert _squash(box.value) in attached.get(box.path, ""), f"{box.path} is not on the 附页"
            else:
                assert _squash(box.value) in printed, f"{box.path}: {box.value!r} not in {printed!r}"
    return texts


def _value_paths(spec: fs.FormSpec) -> list[str]:
    out = []
    for section in spec.sections:
        for row in section.rows:
            for cell in row.cells:
                if isinstance(cell, fs.ValueCell):
                    out.append(cell.value)
                elif isinstance(cell, fs.CombCell):
                    out.append(cell.comb)
    return out


FORM_IDS = ("medical_application", "certificate_request", "pension_application",
            "pension_voucher_request", "power_of_attorney")
CASES = [(path, form_id) for path in EXAMPLES for form_id in FORM_IDS if _applies(form_id, _app(path))]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem[:2] for p in EXAMPLES])
def test_forms_declare_when_they_apply(example, specs):
    app = _app(example)
    for form_id in FORM_IDS:
        assert specs[form_id].applies_to(app) == _applies(form_id, app), form_id


@pytest.mark.parametrize(("example", "form_id"), CASES, ids=[f"{p.stem[:2]}-{f}" for p, f in CASES])
def test_example_prints_every_value_inside_its_cell(example, form_id, specs):
    app = _app(example)
    spec = specs[form_id]
    doc, pdf = _render(spec, app)
    texts = _check_document(doc, pdf)
    boxed = {box.path for box in doc.extra["cell_boxes"]}
    for path in _value_paths(spec):
        value = fp.resolve(path).get(app)
        if value is not None:
            assert path in boxed, f"{path} has a value but no cell box"
    assert _squash(spec.title) in _squash(texts[0])
    assert len(doc.pages) == 1, "the examples fit on one page"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem[:2] for p in EXAMPLES])
def test_same_input_gives_the_same_bytes(example, specs):
    app = _app(example)
    for spec in specs.values():
        if spec.applies_to(app):
            assert _render(spec, app)[1] == _render(spec, app)[1]


def test_ext_b_name_extracts_exactly(specs):
    app = _app(paths.EXAMPLES / "06-rare-extb-name.json")
    assert app.identity.name == "陶\U00020BB7祥"
    doc, pdf = _render(specs["medical_application"], app)
    name_box = next(b for b in doc.extra["cell_boxes"] if b.path == "identity.name")
    with pdfplumber.open(io.BytesIO(pdf)) as pdf_file:
        page = pdf_file.pages[0]
        assert "".join(c["text"] for c in _box_chars(page, name_box)) == "陶\U00020BB7祥"
        assert "陶\U00020BB7祥" in page.extract_text()


def test_absent_agent_leaves_the_agent_block_struck_and_empty(specs):
    app = _app(paths.EXAMPLES / "04-employee-with-pension.json")
    assert app.transfer.agent is None
    doc, pdf = _render(specs["medical_application"], app)
    assert not [b for b in doc.extra["cell_boxes"] if b.path.startswith("transfer.agent")]


def test_agent_block_is_filled_when_an_agent_files(specs):
    app = _app(paths.EXAMPLES / "05-filed-by-agent.json")
    doc, _ = _render(specs["medical_application"], app)
    values = {b.path: b.value for b in doc.extra["cell_boxes"]}
    assert values["transfer.agent.name"] == app.transfer.agent.name
    assert values["transfer.agent.id_number"] == app.transfer.agent.id_number


# --- values as printed ---------------------------------------------------------------------

@pytest.mark.parametrize(("path", "value", "printed"), [
    ("transfer.stop_month", "2024-03", "2024年03月"),
    ("transfer.signed_on", date(2024, 3, 15), "2024年03月15日"),
    ("transfer.pension.account_balance", Decimal("8888.8"), "8888.80"),
    ("transfer.pension.account_balance", Decimal("0"), "0.00"),
    ("identity.sex", "female", "女"),
    ("transfer.pension.destination_is_hukou_place", True, "是"),
    ("transfer.pension.months_paid", 156, "156"),
    ("identity.postcode", None, ""),
])
def test_values_print_in_their_form(path, value, printed):
    ref = fp.resolve(path)
    if ref.kind == fp.ENUM:
        value = ref.cls(value)
    assert format_value(ref, value) == printed


# --- continuation sheets -----------------------------------------------------------------

def _with(app: Application, *, history=None, **identity) -> Application:
    """A variant of a complete application that skips the checks (lengths beyond the model's
    limits are what these tests are about)."""
    update = {}
    if identity:
        update["identity"] = app.identity.model_copy(update=identity)
    if history is not None:
        update["history"] = tuple(history)
    return app.model_copy(update=update)


def _periods(count: int) -> list[Period]:
    first = months.index("2000-01")
    return [Period.model_validate({
        "area_code": "440300", "area_name": "广东省深圳市", "scheme": "employee",
        "employer_name": f"深圳样例科技有限公司第{i + 1}分公司",
        "start": months.from_index(first + i), "end": months.from_index(first + i),
        "account_balance": f"{i}.50", "status": "terminated"}) for i in range(count)]


def test_long_history_flows_onto_continuation_sheets_with_every_period(specs):
    app = _with(_app(EXAMPLES[0]), history=_periods(200))
    spec = specs["medical_application"]
    doc, pdf = _render(spec, app)
    rows = next(s.table for s in spec.sections if s.table is not None).rows
    assert len(doc.pages) > 2
    texts = _check_document(doc, pdf)
    assert f"其余{200 - (rows - 1)}段见附页" in _squash(texts[0])
    attachment = _squash("".join(texts[i] for i in range(1, len(doc.pages))))
    for period in app.history:
        assert months.display_zh(period.start) in attachment
    employers = {b.value for b in doc.extra["cell_boxes"] if b.page > 0 and b.path.endswith(".employer_name")}
    assert employers == {period.employer_name for period in app.history}
    for i in range(1, len(doc.pages)):
        assert _squash(texts[i]).startswith(_squash(f"附页 · {spec.title}"))
        assert "开始年月" in texts[i], "the table header repeats on every continuation page"
    starts = [b for b in doc.extra["cell_boxes"] if b.page > 0 and b.path.endswith(".start")]
    assert len(starts) == 200


def test_history_that_fits_the_table_needs_no_continuation_sheet(specs):
    spec = specs["medical_application"]
    rows = next(s.table for s in spec.sections if s.table is not None).rows
    app = _with(_app(EXAMPLES[0]), history=_periods(rows))
    doc, pdf = _render(spec, app)
    assert len(doc.pages) == 1
    _check_document(doc, pdf)


def test_long_address_shrinks_before_it_moves(specs):
    spec = specs["medical_application"]
    address = "浙江省杭州市西湖区样例街道示例社区样例小区3幢2单元201室" * 2
    doc, pdf = _render(spec, _with(_app(EXAMPLES[0]), address=address))
    box = next(b for b in doc.extra["cell_boxes"] if b.path == "identity.address")
    assert box.shown == address
    assert len(doc.pages) == 1
    with pdfplumber.open(io.BytesIO(pdf)) as pdf_file:
        sizes = {round(c["size"], 1) for c in _box_chars(pdf_file.pages[0], box)}
    assert sizes and max(sizes) < 10.5 and min(sizes) >= 7
    _check_document(doc, pdf)


def test_very_long_address_goes_to_the_continuation_sheet(specs):
    spec = specs["medical_application"]
    address = ("浙江省杭州市西湖区样例街道示例社区样例小区3幢2单元201室，" * 12)[:300]
    assert len(address) == 300
    doc, pdf = _render(spec, _with(_app(EXAMPLES[0]), address=address))
    main = next(b for b in doc.extra["cell_boxes"] if b.path == "identity.address" and b.page == 0)
    assert main.shown == SEE_ATTACHED
    assert len(doc.pages) == 2
    texts = _check_document(doc, pdf)
    assert "一、参保人员基本信息·现联系地址" in _squash(texts[1])
    assert _squash(address) in _squash(texts[1])


# --- characters no font has ---------------------------------------------------------------

def _uncovered() -> str | None:
    for code in (0x30000, 0x31350, 0x323AF, 0x2EBF0, 0x2B740, 0x2A6D6):
        if fonts.uncovered_chars(chr(code)):
            return chr(code)
    return None


def test_name_with_a_character_no_font_has_is_an_error_naming_the_field():
    ch = _uncovered()
    if ch is None:
        pytest.skip("every candidate character is covered by an installed font")
    app = _with(_app(EXAMPLES[0]), name=f"王{ch}明")
    found = font_findings(app)
    assert [(f.code, f.path, f.severity) for f in found] == [("char_no_glyph", "identity.name", Severity.ERROR)]
    point = f"U+{ord(ch):04X}"
    assert found[0].message_zh.startswith(f"姓名中的“{ch}”({point}) 没有可用字体，打印会变成空框。")
    assert point in found[0].message_en
    for other in (app.identity.id_number, app.identity.phone, app.identity.address, "王", "明"):
        assert other not in found[0].message_zh and other not in found[0].message_en


def test_history_field_with_an_uncovered_character_is_named_by_its_row():
    ch = _uncovered()
    if ch is None:
        pytest.skip("every candidate character is covered by an installed font")
    app = _app(EXAMPLES[0])
    history = list(app.history)
    history[1] = history[1].model_copy(update={"employer_name": f"样例{ch}公司"})
    found = font_findings(_with(app, history=history))
    assert [f.path for f in found] == ["history.1.employer_name"]
    assert found[0].message_zh.startswith("第2段参保记录的单位名称中的")


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem[:2] for p in EXAMPLES])
def test_examples_have_no_uncovered_characters(example):
    assert font_findings(_app(example)) == []


def test_a_blocked_name_still_lays_out_with_a_visible_box(specs):
    ch = _uncovered()
    if ch is None:
        pytest.skip("every candidate character is covered by an installed font")
    doc, pdf = _render(specs["medical_application"], _with(_app(EXAMPLES[0]), name=f"王{ch}明"))
    with pdfplumber.open(io.BytesIO(pdf)) as pdf_file:
        assert f"{ord(ch):04X}" in pdf_file.pages[0].extract_text()


# --- the power of attorney ----------------------------------------------------------------

def test_power_of_attorney_delegates_the_pension_only_when_it_moves(specs):
    spec = specs["power_of_attorney"]
    agent_only = _app(paths.EXAMPLES / "05-filed-by-agent.json")
    draft = drafts.load(paths.EXAMPLES / "05-filed-by-agent.json")
    draft.transfer.pension_moves = True
    draft.transfer.pension = drafts.load(paths.EXAMPLES / "04-employee-with-pension.json").transfer.pension
    with_pension = complete(draft, today=TODAY)
    pension_item = "办理基本养老保险关系转移接续手续"
    for app, expected in ((agent_only, False), (with_pension, True)):
        doc, pdf = _render(spec, app)
        texts = _check_document(doc, pdf)
        assert (pension_item in _squash(texts[0])) is expected
        assert _squash(f"委托人{app.identity.name}因故不能亲自办理") in _squash(texts[0])
