"""The wizard restates no rule of the domain: every input box is capped at the domain's
limit, and the transfer page shows a group exactly when the domain applies that part."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from app.domain import applicability
from app.domain.enums import Filer, Scheme
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

QT_DEFAULT_MAX_LENGTH = 32767


def bound_line_edits(window):
    window.wizard.ensure_pages()
    for page_id in PageId:
        page = window.wizard.page(page_id)
        binder = getattr(page, "binder", None)
        if binder is None:
            continue
        for path, bound in binder.fields.items():
            if type(bound.widget) is QLineEdit:  # an area picker shows a code and a name together
                yield path, bound.widget


def test_every_bound_input_box_has_exactly_the_domains_limit(window):
    """Fails when a page caps a box at its own number, or the domain's limit changes alone."""
    seen = dict(bound_line_edits(window))
    assert len(seen) > 30  # the identity and transfer pages' boxes, at least
    differ = {path: (edit.maxLength(), applicability.max_length(path)) for path, edit in seen.items()
              if edit.maxLength() != (applicability.max_length(path) or QT_DEFAULT_MAX_LENGTH)}
    assert differ == {}


def test_every_typed_answer_of_the_identity_and_transfer_pages_has_a_box(window):
    seen = set(dict(bound_line_edits(window)))
    typed = {p for p in applicability.leaf_paths()
             if applicability.max_length(p) is not None and p.startswith(("identity.", "transfer."))
             and not p.endswith("area_code") and not p.endswith("area_name")}  # area pickers hold both
    assert typed - seen == set()


@pytest.mark.parametrize(
    ("answers", "groups"),
    [
        pytest.param({}, set(), id="nothing-chosen"),
        pytest.param({"transfer.destination_scheme": Scheme.EMPLOYEE}, {"employer"}, id="employee"),
        pytest.param({"transfer.filer": Filer.EMPLOYER, "transfer.destination_scheme": Scheme.RESIDENT},
                     {"employer"}, id="employer-files"),
        pytest.param({"transfer.filer": Filer.AGENT}, {"agent"}, id="agent"),
        pytest.param({"transfer.pension_moves": True}, {"pension", "pension_offices"}, id="pension"),
    ],
)
def test_transfer_groups_show_exactly_the_parts_the_domain_applies(window, answers, groups):
    page = window.wizard.page(PageId.TRANSFER)
    for path, value in answers.items():
        window.wizard.page(PageId.TRANSFER).session.set(path, value)
    boxes = {"employer": page.employer_box, "agent": page.agent_box, "pension": page.pension_box,
             "pension_offices": page.pension_offices_box}
    shown = {name for name, box in boxes.items() if box.isVisibleTo(page)}
    assert shown == groups
    case = applicability.parts(page.session.draft)
    assert ("employer" in shown, "agent" in shown, "pension" in shown) == (case.new_employer, case.agent, case.pension)
