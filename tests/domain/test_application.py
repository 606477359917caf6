"""The aggregate: check() and complete() on drafts, derived values, conditionally required parts,
the strict Application's own consistency guard, and that findings never carry personal data."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.storage import drafts
from app.domain.application import (
    Application,
    ApplicationDraft,
    CheckResult,
    IncompleteApplication,
    check,
    complete,
    fill_from_id,
)
from app.domain.enums import Filer, IdType, Sex
from app.domain.findings import Severity
from app.domain.idnumbers import make_id_number

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
TODAY = date(2026, 11, 23)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def codes_at(result: CheckResult, severity: Severity | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in result.findings if severity is None or f.severity is severity]


def id_ending_in_x() -> str:
    for seq in range(1000):
        number = make_id_number("110101", date(1991, 2, 3), f"{seq:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")  # pragma: no cover


# ------------------------------------------------------------------ the examples


def test_examples_folder_is_not_empty():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_check_has_no_errors(path):
    result = check(drafts.load(path), today=TODAY)
    assert result.errors == ()
    assert result.printable


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_complete_gives_application_with_sex_and_birth_date(path):
    draft = drafts.load(path)
    application = complete(draft, today=TODAY)
    assert isinstance(application, Application)
    assert application.identity.birth_date is not None
    assert application.identity.sex in (Sex.MALE, Sex.FEMALE)
    assert len(application.history) == len(draft.history)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_json_round_trip_gives_equal_draft(path):
    draft = drafts.load(path)
    assert drafts.from_json(drafts.to_json(draft)) == draft


# ------------------------------------------------------------------ normalisation by complete()


def test_base_draft_has_no_errors_and_only_the_total(make_draft, today):
    result = check(make_draft(), today)
    assert codes_at(result) == [("history_total", "history")]


def test_complete_fullwidth_id_digits_become_ascii(make_draft, person, today):
    draft = make_draft({"identity.id_number": fullwidth(person["id_number"])})
    assert complete(draft, today).identity.id_number == person["id_number"]


def test_complete_lowercase_x_becomes_upper_case(make_draft, today):
    number = id_ending_in_x()
    draft = make_draft({"identity.id_number": number.lower(), "identity.sex": None})
    assert complete(draft, today).identity.id_number == number


def test_complete_id_number_with_spaces_is_compacted(make_draft, person, today):
    n = person["id_number"]
    draft = make_draft({"identity.id_number": f"{n[:6]} {n[6:14]} {n[14:]}"})
    assert complete(draft, today).identity.id_number == n


def test_complete_normalises_months_money_phones_and_codes(make_draft, today):
    draft = make_draft({
        "history.0.start": "2019年1月", "history.0.end": "２０２６／６", "history.0.account_balance": "¥1,000.5",
        "identity.phone": "１３８ ００１３ ８０００", "transfer.origin.area_code": "４４０３００",
        "transfer.stop_month": "202606", "transfer.enrol_month": "2026.7", "identity.postcode": "３１００００",
    })
    application = complete(draft, today)
    period = application.history[0]
    assert (period.start, period.end, period.account_balance) == ("2019-01", "2026-06", Decimal("1000.50"))
    assert application.identity.phone == "13800138000"
    assert application.identity.postcode == "310000"
    assert application.transfer.origin.area_code == "440300"
    assert (application.transfer.stop_month, application.transfer.enrol_month) == ("2026-06", "2026-07")


def test_complete_keeps_the_name_exactly_as_typed(make_draft, today):
    name = "\uf900\U00020bb7·明"
    assert complete(make_draft({"identity.name": name}), today).identity.name == name


def test_complete_application_is_frozen(make_draft, today):
    application = complete(make_draft(), today)
    with pytest.raises(ValidationError):
        application.identity.name = "别人"  # type: ignore[misc]


# ------------------------------------------------------------------ sex and birth date from the number


def test_complete_fills_sex_and_birth_date_from_id_when_missing(make_draft, today):
    number = make_id_number("440305", date(1988, 2, 29), "048")  # even 17th digit: female
    draft = make_draft({"identity.id_number": number, "identity.sex": None, "identity.birth_date": None})
    identity = complete(draft, today).identity
    assert (identity.sex, identity.birth_date) == (Sex.FEMALE, date(1988, 2, 29))
    assert draft.identity.sex is None  # complete() does not change the draft


def test_fill_from_id_sets_missing_sex_and_birth_date(make_draft, today):
    draft = make_draft({"identity.sex": None})
    assert fill_from_id(draft, today) is True
    assert draft.identity.sex is Sex.MALE
    assert str(draft.identity.birth_date) == "1990-05-12"
    assert fill_from_id(draft, today) is False  # nothing left to fill


def test_fill_from_id_keeps_typed_values_and_check_reports_the_conflict(make_draft, today):
    draft = make_draft({"identity.sex": "female", "identity.birth_date": "1990-05-13"})
    assert fill_from_id(draft, today) is False
    assert draft.identity.sex is Sex.FEMALE
    codes = [code for code, _ in codes_at(check(draft, today), Severity.ERROR)]
    assert codes == ["id_sex_mismatch", "id_birth_mismatch"]


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        pytest.param("resident_id", "440305199005120130", id="wrong-checksum"),
        pytest.param("resident_id", "", id="empty"),
        pytest.param("passport", "E12345678", id="passport-encodes-nothing"),
    ],
)
def test_fill_from_id_without_a_decodable_number_changes_nothing(make_draft, today, id_type, number):
    draft = make_draft({"identity.sex": None, "identity.id_type": id_type, "identity.id_number": number})
    assert fill_from_id(draft, today) is False
    assert (draft.identity.sex, draft.identity.birth_date) == (None, None)


def test_check_wrong_id_number_gives_no_extra_required_for_sex_and_birth(make_draft, today):
    draft = make_draft({"identity.id_number": "440305199005120130", "identity.sex": None})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("id_checksum", "identity.id_number")]


def test_check_passport_without_sex_requires_sex_and_birth_date(make_draft, today):
    draft = make_draft({"identity.id_type": "passport", "identity.id_number": "E12345678", "identity.sex": None})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("required", "identity.sex"), ("required", "identity.birth_date")]


def test_complete_passport_holder_with_sex_and_birth_date(make_draft, today):
    draft = make_draft({"identity.id_type": "passport", "identity.id_number": "e1234567 8",
                        "identity.birth_date": "1980-01-02"})
    identity = complete(draft, today).identity
    assert (identity.id_number, identity.birth_date, identity.is_citizen_number) == ("E12345678", date(1980, 1, 2), False)


# ------------------------------------------------------------------ incomplete drafts


def test_complete_on_draft_with_errors_raises_with_the_findings(make_draft, today):
    draft = make_draft({"identity.name": None, "identity.phone": "123"})
    with pytest.raises(IncompleteApplication) as info:
        complete(draft, today)
    findings = info.value.findings
    errors = [(f.code, f.path) for f in findings if f.severity is Severity.ERROR]
    assert errors == [("required", "identity.name"), ("phone_format", "identity.phone")]
    assert str(info.value) == "2 errors"


def test_complete_with_warnings_only_succeeds(make_draft, today):
    draft = make_draft({"transfer.retired": True})
    assert check(draft, today).of(Severity.WARNING)
    assert complete(draft, today).transfer.retired is True


def test_check_empty_draft_reports_required_fields_and_empty_history(today):
    result = check(ApplicationDraft(), today)
    assert not result.printable
    errors = codes_at(result, Severity.ERROR)
    assert ("required", "identity.name") in errors
    assert ("required", "transfer.enrol_month") in errors
    assert ("history_empty", "history") in errors
    assert all(code in ("required", "history_empty") for code, _ in errors)


@pytest.mark.parametrize("blank", ["", "   ", "\u3000", "\t\n"])
def test_check_blank_string_counts_as_missing(make_draft, today, blank):
    draft = make_draft({"identity.name": blank, "transfer.origin.name": blank})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("required", "identity.name"), ("required", "transfer.origin.name")]


def test_check_blank_optional_field_is_simply_absent(make_draft, today):
    draft = make_draft({"identity.postcode": "  ", "history.0.months_paid": ""})
    assert check(draft, today).printable
    assert complete(draft, today).identity.postcode is None


# ------------------------------------------------------------------ conditional parts


AGENT = {"name": "林小代", "id_type": "resident_id", "phone": "13900139000", "relation": "女儿"}


def test_check_agent_files_without_agent_requires_agent_fields(make_draft, today):
    draft = make_draft({"transfer.filer": "agent"})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("required", "transfer.agent.name"), ("required", "transfer.agent.id_type"),
                      ("required", "transfer.agent.id_number"), ("required", "transfer.agent.phone"),
                      ("required", "transfer.agent.relation")]


def test_check_agent_files_with_blank_agent_fields_requires_them(make_draft, today):
    draft = make_draft({"transfer.filer": "agent", "transfer.agent": {"name": " ", "id_type": None, "id_number": ""}})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert ("required", "transfer.agent.name") in errors
    assert ("required", "transfer.agent.id_type") in errors
    assert ("required", "transfer.agent.id_number") in errors


def test_complete_agent_files_with_agent_keeps_the_agent(make_draft, person, today):
    agent = {**AGENT, "id_number": fullwidth(person["agent_id_number"])}
    application = complete(make_draft({"transfer.filer": "agent", "transfer.agent": agent}), today)
    assert application.transfer.agent is not None
    assert application.transfer.agent.id_number == person["agent_id_number"]


def test_agent_details_present_but_self_files_gives_no_agent_findings_and_drops_agent(make_draft, today):
    bad_agent = {**AGENT, "id_number": "123", "phone": "x"}
    draft = make_draft({"transfer.filer": "self", "transfer.agent": bad_agent})
    result = check(draft, today)
    assert not [f for f in result.findings if f.path.startswith("transfer.agent")]
    assert complete(draft, today).transfer.agent is None


def test_check_pension_moves_without_pension_requires_start_and_end(make_draft, today):
    draft = make_draft({"transfer.pension_moves": True})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("required", "transfer.pension.start"), ("required", "transfer.pension.end")]


def test_complete_pension_details_dropped_when_pension_does_not_move(make_draft, pension_part, today):
    draft = make_draft({"transfer.pension_moves": False, "transfer.pension": pension_part(start="bad")})
    assert check(draft, today).printable
    assert complete(draft, today).transfer.pension is None


def test_complete_pension_moves_with_pension_keeps_it(make_draft, pension_part, today):
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": pension_part(months_paid="９０")})
    pension = complete(draft, today).transfer.pension
    assert pension is not None and pension.months_paid == 90


def test_check_employer_files_without_new_employer_requires_its_name(make_draft, today):
    draft = make_draft({"transfer.filer": "employer"})
    errors = codes_at(check(draft, today), Severity.ERROR)
    assert errors == [("required", "transfer.new_employer.name")]


def test_check_employer_files_with_blank_employer_name_requires_it(make_draft, today):
    draft = make_draft({"transfer.filer": "employer", "transfer.new_employer": {"name": "  ", "uscc": None}})
    assert codes_at(check(draft, today), Severity.ERROR) == [("required", "transfer.new_employer.name")]


def test_complete_self_files_with_blank_new_employer_drops_it(make_draft, today):
    draft = make_draft({"transfer.new_employer": {"name": " ", "uscc": ""}})
    assert complete(draft, today).transfer.new_employer is None


def test_complete_self_files_with_new_employer_keeps_it(make_draft, today):
    draft = make_draft({"transfer.new_employer": {"name": "杭州示例有限公司"}})
    assert complete(draft, today).transfer.new_employer.name == "杭州示例有限公司"


# ------------------------------------------------------------------ the strict model guards itself


@pytest.fixture
def application_data(make_draft, person, pension_part, today):
    """A complete application as plain data, ready to be made inconsistent."""
    agent = {**AGENT, "id_number": person["agent_id_number"]}
    draft = make_draft({"transfer.filer": "agent", "transfer.agent": agent, "transfer.pension_moves": True,
                        "transfer.pension": pension_part(), "transfer.new_employer": {"name": "杭州示例有限公司"}})
    return complete(draft, today).model_dump(mode="json")


def test_application_direct_construction_of_consistent_data_is_accepted(application_data):
    assert Application.model_validate(application_data).transfer.filer is Filer.AGENT


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"agent": None}, "transfer.agent missing", id="agent-files-without-agent"),
        pytest.param({"filer": "self"}, "transfer.agent present", id="agent-without-agent-filing"),
        pytest.param({"pension": None}, "transfer.pension missing", id="pension-moves-without-pension"),
        pytest.param({"pension_moves": False}, "transfer.pension present", id="pension-without-moving"),
        pytest.param({"filer": "employer", "agent": None, "new_employer": None}, "transfer.new_employer missing",
                     id="employer-files-without-employer"),
        pytest.param({"destination_scheme": "resident", "new_employer": {"name": "某某有限公司"}},
                     "transfer.new_employer present", id="employer-for-a-resident-destination"),
    ],
)
def test_application_direct_construction_refuses_inconsistent_parts(application_data, changes, reason):
    application_data["transfer"].update(changes)
    with pytest.raises(ValidationError) as info:
        Application.model_validate(application_data)
    assert reason in str(info.value)


def test_application_without_history_is_refused(application_data):
    application_data["history"] = []
    with pytest.raises(ValidationError):
        Application.model_validate(application_data)


def test_application_direct_construction_checks_id_against_today_context(application_data):
    number = make_id_number("440305", date(2026, 12, 1), "013")
    application_data["identity"]["id_number"] = number
    with pytest.raises(ValidationError) as info:
        Application.model_validate(application_data, context={"today": TODAY})
    assert [e["type"] for e in info.value.errors()] == ["id_birth_future"]


def test_application_direct_construction_checks_id_type(application_data, person):
    application_data["identity"]["id_number"] = person["hmt_id_number"]
    with pytest.raises(ValidationError) as info:
        Application.model_validate(application_data, context={"today": TODAY})
    error = info.value.errors()[0]
    assert (error["type"], error["ctx"]) == ("id_type_mismatch", {"suggested": IdType.HMT_RESIDENCE_PERMIT.value})


# ------------------------------------------------------------------ order and privacy of findings


def test_check_findings_ordered_errors_then_warnings_then_infos(make_draft, today):
    draft = make_draft({"identity.name": None, "transfer.retired": True, "transfer.enrol_month": "2026-09",
                        "transfer.signed_on": "2026-12-01", "transfer.reason": None})
    result = check(draft, today)
    severities = [f.severity for f in result.findings]
    assert set(severities) == {Severity.ERROR, Severity.WARNING, Severity.INFO}
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    assert [rank[s] for s in severities] == sorted(rank[s] for s in severities)
    errors = codes_at(result, Severity.ERROR)
    assert errors == [("required", "identity.name"), ("required", "transfer.reason")]  # form order
    warnings = codes_at(result, Severity.WARNING)
    assert warnings == [("signed_future", "transfer.signed_on"), ("MED-SCOPE-RETIREE", "transfer.retired")]


def test_check_result_errors_and_printable(make_draft, today):
    result = check(make_draft({"identity.phone": "1"}), today)
    assert result.errors == result.of(Severity.ERROR)
    assert [f.code for f in result.errors] == ["phone_format"]
    assert result.printable is False


def _broken_drafts(make_draft, person):
    """Drafts that produce many findings; each holds the fake person's name and ID number."""
    number = person["id_number"]
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    yield make_draft({
        "identity.sex": "female", "identity.birth_date": "1990-05-13", "identity.phone": "1",
        "identity.postcode": "31000", "transfer.filer": "agent",
        "transfer.agent": {**AGENT, "name": person["name"], "id_number": number},
        "history.0.status": "paying", "history.0.arrears_months": "3", "history.0.overdraft": "5",
        "history.1": {"area_code": "440300", "area_name": person["name"], "scheme": "resident", "start": "2018-01",
                      "end": "2019-06", "status": "terminated", "account_balance": "5"},
        "transfer.destination.area_name": person["name"], "transfer.enrol_month": "2026-05",
        "transfer.pension_moves": True, "transfer.pension": {"start": "2020-01", "end": "2019-01"},
    })
    yield make_draft({"identity.id_number": wrong, "identity.name": person["name"] + "3"})
    yield make_draft({"identity.id_number": number[:-2], "transfer.agent": {**AGENT, "id_number": number},
                      "transfer.filer": "agent"})
    yield make_draft({"identity.id_type": "hmt_residence_permit"})
    yield make_draft({"identity.name": person["name"] * 20})


def test_check_messages_never_contain_the_id_number_or_the_name(make_draft, person, today):
    findings = [f for draft in _broken_drafts(make_draft, person) for f in check(draft, today).findings]
    assert len({f.code for f in findings}) >= 15  # the drafts really are broken in many ways
    for finding in findings:
        for message in (finding.message_zh, finding.message_en):
            assert person["id_number"] not in message, finding.code
            assert person["id_number"][:-1] not in message, finding.code
            assert person["name"] not in message, finding.code


def test_check_legacy_15_digit_message_does_not_contain_the_id_number(make_draft, today):
    number = make_id_number("440305", date(1970, 5, 12), "013")
    legacy = number[:6] + number[8:17]
    findings = check(make_draft({"identity.id_number": legacy}), today).findings
    assert [f.code for f in findings if f.path == "identity.id_number"] == ["id_legacy15"]
    assert all(number not in f.message_zh + f.message_en for f in findings)
