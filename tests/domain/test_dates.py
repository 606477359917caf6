"""Every date field has a plausible range; no date makes check or render raise (issue 9 item 1)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import dates, workdays
from app.domain.application import IncompleteApplication, check, complete
from app.domain.packet import build_packet

TODAY = date(2026, 11, 23)
PASSPORT = {"identity.id_type": "passport", "identity.id_number": "E12345678", "identity.sex": "female",
            "identity.birth_date": "1990-05-12"}


def codes(draft, path: str, today: date = TODAY) -> list[str]:
    return [f.code for f in check(draft, today).findings if f.path == path]


def messages(draft, path: str, today: date = TODAY):
    return [(f.message_zh, f.message_en) for f in check(draft, today).errors if f.path == path]


def test_far_future_signature_is_an_error_naming_the_field(make_draft):
    draft = make_draft({"transfer.signed_on": "9999-11-01"})
    assert "date_range" in codes(draft, "transfer.signed_on")
    zh, en = messages(draft, "transfer.signed_on")[0]
    assert zh.startswith("申请日期：") and "2027-11-23" in zh
    assert en.startswith("Date of application:") and "2027-11-23" in en
    with pytest.raises(IncompleteApplication):
        complete(draft, TODAY)


@pytest.mark.parametrize("signed, ok", [
    (TODAY + timedelta(days=300), True),       # planned a few months ahead: a warning only
    (date(2027, 11, 23), True),                # exactly one year ahead
    (date(2027, 11, 24), False),
    (date.max, False),
])
def test_signature_at_most_one_year_ahead(make_draft, signed, ok):
    draft = make_draft({"transfer.signed_on": signed.isoformat()})
    assert ("date_range" not in codes(draft, "transfer.signed_on")) is ok


def test_signature_before_birth_is_an_error(make_draft):
    draft = make_draft({"transfer.signed_on": "1990-05-11"})  # the base person is born 1990-05-12
    assert codes(draft, "transfer.signed_on") == ["date_before_birth"]
    zh, en = messages(draft, "transfer.signed_on")[0]
    assert zh.startswith("申请日期：") and en.startswith("Date of application:")
    assert codes(make_draft({"transfer.signed_on": "1990-05-12"}), "transfer.signed_on") == []


@pytest.mark.parametrize("birth, ok", [
    ("0001-01-01", False),   # would print as 1年01月01日
    ("1896-11-22", False),   # 130 years and a day
    ("1896-11-23", True),
    ("2026-11-23", True),    # born today
    ("2026-11-24", False),   # tomorrow
    ("9999-12-31", False),
])
def test_passport_birth_date_within_a_human_lifetime(make_draft, birth, ok):
    draft = make_draft({**PASSPORT, "identity.birth_date": birth, "history.0.start": "2026-06"})
    found = codes(draft, "identity.birth_date")
    assert ("date_range" not in found) is ok
    if not ok:
        zh, en = messages(draft, "identity.birth_date")[0]
        assert zh.startswith("出生日期：") and en.startswith("Date of birth:")


def test_history_month_before_birth_is_an_error(make_draft):
    draft = make_draft({"history.0.start": "1990-04"})
    assert codes(draft, "history.0.start") == ["month_before_birth"]
    assert codes(make_draft({"history.0.start": "1990-05"}), "history.0.start") == []


def test_pension_month_before_birth_is_an_error(make_draft):
    draft = make_draft({"transfer.pension_moves": True,
                        "transfer.pension": {"start": "1989-01", "end": "2026-06"}})
    assert "month_before_birth" in codes(draft, "transfer.pension.start")


def test_shift_years_is_total():
    assert dates.shift_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert dates.shift_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert dates.shift_years(date.max, 1) == date.max
    assert dates.shift_years(date.min, -130) == date.min


@pytest.mark.parametrize("start", [date.max, date.max - timedelta(days=1), date(9999, 11, 1), date.min])
def test_add_workdays_never_overflows(start):
    result = workdays.add_workdays(start, 120)
    assert start <= result.date <= date.max
    assert result.estimate


def test_guide_dates_for_a_today_near_the_end_of_the_calendar(make_draft):
    # `today` is the caller's (the CLI's --today): the guide's arithmetic must still be total.
    today = date(9999, 12, 30)
    app = complete(make_draft({}), TODAY)
    packet = build_packet(app, today)
    assert packet.guide.base_date == today and packet.guide.estimate


DATE_FIELDS = ["identity.birth_date", "transfer.signed_on"]


@pytest.mark.parametrize("field", DATE_FIELDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.one_of(st.dates(), st.sampled_from([date.min, date.max, date(9999, 11, 1), date(1, 1, 1)])))
def test_any_date_in_any_date_field_checks_and_renders_or_is_refused(make_draft, field, day):
    from app.render.packet import render_packet

    changes = {field: day.isoformat()}
    if field == "identity.birth_date":
        changes = {**PASSPORT, **changes}
    draft = make_draft(changes)
    result = check(draft, TODAY)  # never raises
    if not result.printable:
        assert any(f.path == field for f in result.errors) or result.errors
        return
    app = complete(draft, TODAY)
    packet = build_packet(app, TODAY, result.findings)
    pdfs = render_packet(packet, app, invariant=True, only=["guide", "medical_application"])
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs.values())
