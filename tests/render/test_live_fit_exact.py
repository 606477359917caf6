"""The live fit notes are exact: for every box the renderer fills with a field, the live fit's
verdict (fits / shrinks to N pt / continues on the 附页) is what the real layout printed, on
every example and on fuzzed texts."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import drafts, paths
from app.domain.application import complete
from app.formspec import load_all
from app.render import forms, live_fit
from app.render.forms import SEE_ATTACHED, layout_form

TODAY = date(2026, 11, 23)
EXAMPLES = sorted(paths.EXAMPLES.glob("*.json"))


def _printed(doc, cell) -> tuple[str, float | None]:
    """What the layout did with the value of `cell` (a CellBox): ("continues", None), or
    ("printed", the size its lines were set at)."""
    if cell.shown == SEE_ATTACHED and cell.value != SEE_ATTACHED:
        return "continues", None
    page = doc.pages[cell.page].__self__
    lines = list(page.texts) + [line for _, clip in page.clipped for line in clip]
    sizes = {size for x, y, _text, size, *_ in lines
             if cell.x0 <= x <= cell.x1 and cell.y0 <= y <= cell.y1}
    assert len(sizes) == 1, (cell.path, sizes)
    return "printed", sizes.pop()


def _live_box(title: str, cell):
    """The live fit's box for this printed cell: same form, same field or template, same size."""
    pattern = live_fit.pattern_of(cell.path)
    width = cell.x1 - cell.x0 - 2 * forms.PAD_X
    height = cell.y1 - cell.y0 - 2 * forms.PAD_Y
    candidates = live_fit.boxes_for(pattern) if "{" not in cell.path else [
        box for inner in live_fit._PLACEHOLDER.findall(cell.path) for box in live_fit.boxes_for(inner)]
    for box in candidates:
        template_ok = box.template == cell.path or box.template == "{" + pattern + "}"
        if box.form_title == title and template_ok and abs(box.width - width) < 1e-6 and abs(box.height - height) < 1e-6:
            return box
    return None


def compare(app) -> int:
    """Asserts live fit == layout for every measured box of every form; returns how many."""
    compared = 0
    for spec in load_all().values():
        doc = layout_form(spec, app)
        for cell in doc.extra["cell_boxes"]:
            if not cell.value or "|" in cell.path:
                continue
            box = _live_box(spec.title, cell)
            if box is None:
                continue  # comb and choice cells: the live fit does not measure them
            status = live_fit._measure(box, cell.value)
            outcome, size = _printed(doc, cell)
            if outcome == "continues":
                assert status.kind == "continues", (spec.id, cell.path, cell.value)
            else:
                assert status.kind != "continues", (spec.id, cell.path, cell.value)
                assert status.size_pt == size, (spec.id, cell.path, cell.value, status, size)
                assert (status.kind == "fits") == (size == box.size), (spec.id, cell.path, status, size)
            compared += 1
    return compared


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_live_fit_agrees_with_the_layout_on_every_example(example):
    assert compare(complete(drafts.load(example), TODAY)) > 10


def test_fit_status_of_a_field_is_its_tightest_printed_box():
    app = complete(drafts.load(EXAMPLES[0]), TODAY)
    address = "浙江省杭州市西湖区样例路 1 号院" * 5
    app = app.model_copy(update={"identity": app.identity.model_copy(update={"address": address})})
    outcomes = []
    for spec in load_all().values():
        doc = layout_form(spec, app)
        outcomes += [_printed(doc, c) for c in doc.extra["cell_boxes"] if c.path == "identity.address"]
    assert outcomes
    status = live_fit.fit_status("identity.address", address)
    if any(kind == "continues" for kind, _ in outcomes):
        assert status.kind == "continues"
    else:
        assert status.size_pt == min(size for _, size in outcomes)


# Fuzzed texts: Chinese, Latin, digits, spaces, the punctuation the line breaker treats
# specially, a fullwidth space and an Ext B character, in every length from empty to long.
ALPHABET = "示例路号院栋室青岛杭州有限公司样例第一二三（）《》、，。：；！？ABCxyz0189-/ 　𠮷"
FIELDS = {
    "identity.address": lambda app, t: app.model_copy(update={"identity": app.identity.model_copy(update={"address": t})}),
    "identity.name": lambda app, t: app.model_copy(update={"identity": app.identity.model_copy(update={"name": t})}),
    "transfer.destination.name": lambda app, t: app.model_copy(update={"transfer": app.transfer.model_copy(
        update={"destination": app.transfer.destination.model_copy(update={"name": t})})}),
    "history.0.employer_name": lambda app, t: app.model_copy(update={"history": [
        app.history[0].model_copy(update={"employer_name": t}), *app.history[1:]]}),
}
BASE = complete(drafts.load(EXAMPLES[0]), TODAY)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(FIELDS)), text=st.text(alphabet=ALPHABET, min_size=1, max_size=160))
def test_live_fit_agrees_with_the_layout_on_fuzzed_texts(field, text):
    text = " ".join(text.split())  # as the complete model stores it
    if not text:
        return
    app = FIELDS[field](BASE, text)
    assert compare(app) > 10
