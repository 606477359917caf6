"""Live fit: whether a typed text fits its box on the printed forms, as the renderer fits it."""
from __future__ import annotations

import pytest

from app.render import live_fit
from app.render.live_fit import FitStatus

EMPLOYER_40 = "青岛示例港务服务有限公司样例分公司第一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑"
ADDRESS_300 = ("山东省青岛市市南区示例路 21 号院" * 20)[:300]


def test_a_short_name_fits_at_the_normal_size():
    status = live_fit.fit_status("identity.name", "林晓测")
    assert status is not None
    assert status.kind == "fits"
    assert status.size_pt == 10.5


def test_a_40_character_employer_name_shrinks():
    assert len(EMPLOYER_40) == 40
    status = live_fit.fit_status("transfer.new_employer.name", EMPLOYER_40)
    assert status is not None
    assert status.kind == "shrinks"
    assert 7.0 <= status.size_pt < 10.5


def test_a_300_character_address_continues_on_the_attachment():
    assert len(ADDRESS_300) == 300
    status = live_fit.fit_status("identity.address", ADDRESS_300)
    assert status is not None
    assert status.kind == "continues"


def test_the_tightest_box_over_all_forms_decides():
    from app.render import forms
    from app.render.text import fit_text

    boxes = [box for box in live_fit.boxes_for("identity.name") if box.template == "{identity.name}"]
    assert len({box.form_title for box in boxes}) >= 2  # printed on several forms
    name = "阿" * 16
    fits = [fit_text(name, box.width, box.height, box.size, forms.MIN_PT) for box in boxes]
    assert all(fit.fits for fit in fits)
    status = live_fit.fit_status("identity.name", name)
    assert status.kind == "shrinks"
    assert status.size_pt == min(fit.size for fit in fits)


def test_a_field_printed_on_no_form_has_no_status():
    assert live_fit.fit_status("transfer.retired", "x") is None
    assert live_fit.boxes_for("identity.no_such_field") == ()


def test_list_items_are_measured_in_their_table_column():
    boxes = live_fit.boxes_for("history.*.employer_name")
    assert boxes, "the history table prints employer names"
    assert live_fit.fit_status("history.3.employer_name", "沈阳样例机械厂").kind == "fits"
    assert live_fit.fit_status("history.0.employer_name", "沈" * 200).kind == "continues"


def test_longer_text_never_fits_better():
    order = {"fits": 0, "shrinks": 1, "continues": 2}
    previous = None
    for length in range(1, 120, 7):
        status = live_fit.fit_status("transfer.destination.name", "医" * length)
        if previous is not None:
            assert (order[status.kind], -status.size_pt if status.kind != "continues" else 0) >= (
                order[previous.kind], -previous.size_pt if previous.kind != "continues" else 0)
        previous = status


def test_spaces_and_line_breaks_are_measured_as_the_form_prints_them():
    assert live_fit.fit_status("identity.name", "林  晓\n测") == live_fit.fit_status("identity.name", "林 晓 测")


def test_results_are_cached_per_path_and_text():
    live_fit.fit_status.cache_clear()
    live_fit.fit_status("identity.address", "杭州市西湖区样例路 1 号")
    live_fit.fit_status("identity.address", "杭州市西湖区样例路 1 号")
    assert live_fit.fit_status.cache_info().hits == 1


def test_fit_status_is_a_plain_value():
    status = live_fit.fit_status("identity.name", "林晓测")
    assert isinstance(status, FitStatus)
    assert status.form_title


@pytest.mark.gui
# The offscreen platform cannot pass a window's size hints on; not a problem of the widget.
@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_fit_note_under_a_field_follows_the_text(qtbot):
    from datetime import date

    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.ui.session import Session
    from app.ui.widgets.fit_note import FitNote

    session = Session(today=date(2026, 11, 23))
    parent = QWidget()
    note = FitNote(session, "transfer.new_employer.name")
    QVBoxLayout(parent).addWidget(note)
    qtbot.addWidget(parent)
    parent.show()
    assert not note.isVisible()
    session.set("transfer.new_employer.name", "杭州样例科技有限公司")
    qtbot.waitUntil(lambda: note.isVisible())
    assert note.text() == "✓ 能完整打印"
    assert note.accessibleName() == "能完整打印"
    session.set("transfer.new_employer.name", EMPLOYER_40)
    qtbot.waitUntil(lambda: "pt" in note.text())
    assert note.text().startswith("字号将缩小到")
    session.set("transfer.new_employer.name", EMPLOYER_40 * 3)
    qtbot.waitUntil(lambda: "附页" in note.text())
    session.set("transfer.new_employer.name", None)
    qtbot.waitUntil(lambda: not note.isVisible())
