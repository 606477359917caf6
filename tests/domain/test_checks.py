"""Cross-field checks (checks.py) and the message catalogue (findings.MESSAGES).

Each check has a case that fires (code, severity, path, the values its message names) and the
closest case that does not. The catalogue test makes every code appear through check() and
formats its template strictly with the context the producer really passed: render_message
quietly drops a placeholder it cannot fill, so "no '{' in the text" alone could never fail.
"""
from __future__ import annotations

import re
import string
from datetime import date

import pytest
from pydantic import ValidationError

from app.domain import checks, dates, regions
from app.domain.application import check
from app.domain.findings import MESSAGES, Severity, field_label, make_finding, render_message
from app.domain.identity import Identity
from app.domain.idnumbers import CTX_KEYS, id_check_char, make_id_number, make_uscc

TODAY = date(2026, 11, 23)


def findings_of(draft, code: str, today: date = TODAY):
    return [f for f in check(draft, today).findings if f.code == code]


def one(draft, code: str, today: date = TODAY):
    found = findings_of(draft, code, today)
    assert len(found) == 1, [f.code for f in check(draft, today).findings]
    return found[0]


PERIOD = {"area_code": "440300", "area_name": "广东省深圳市", "scheme": "employee", "status": "terminated"}


def period(start: str, end: str, **extra) -> dict:
    return {**PERIOD, "start": start, "end": end, **extra}


# ------------------------------------------------------------------ identity


def test_id_sex_mismatch_error_names_the_decoded_sex(make_draft):
    finding = one(make_draft({"identity.sex": "female"}), "id_sex_mismatch")
    assert (finding.severity, finding.path) == (Severity.ERROR, "identity.sex")
    assert "男" in finding.message_zh and "male" in finding.message_en


def test_id_sex_matching_gives_no_finding(make_draft):
    assert findings_of(make_draft({"identity.sex": "male"}), "id_sex_mismatch") == []


def test_id_birth_mismatch_error_names_the_decoded_date(make_draft):
    finding = one(make_draft({"identity.birth_date": "1990-05-13"}), "id_birth_mismatch")
    assert (finding.severity, finding.path) == (Severity.ERROR, "identity.birth_date")
    assert "1990-05-12" in finding.message_zh and "1990-05-12" in finding.message_en


def test_id_birth_matching_gives_no_finding(make_draft):
    assert findings_of(make_draft({"identity.birth_date": "1990-05-12"}), "id_birth_mismatch") == []


def test_id_region_unknown_warns_for_valid_number_with_unlisted_county(make_draft):
    assert regions.get("110199") is None  # the premise: a well-formed code missing from the table
    number = make_id_number("110199", date(1990, 5, 12), "013")
    draft = make_draft({"identity.id_number": number})
    finding = one(draft, "id_region_unknown")
    assert (finding.severity, finding.path) == (Severity.WARNING, "identity.id_number")
    assert "110199" in finding.message_zh and "110199" in finding.message_en
    assert check(draft, TODAY).printable


def test_id_region_known_gives_no_warning(make_draft):
    assert regions.get("440305") is not None
    assert findings_of(make_draft(), "id_region_unknown") == []


@pytest.mark.parametrize(
    ("number", "zh", "en"),
    [
        pytest.param(make_id_number("810000", date(1985, 3, 4), "021"), "港澳台居民居住证",
                     "Residence permit for HK, Macao and Taiwan residents", id="hk-810000"),
        pytest.param(make_id_number("830000", date(1985, 3, 4), "021"), "港澳台居民居住证",
                     "Residence permit for HK, Macao and Taiwan residents", id="tw-830000"),
        pytest.param(make_id_number("915840", date(1985, 3, 4), "021"), "外国人永久居留身份证",
                     "Foreign permanent resident ID card", id="foreigner-9"),
    ],
)
def test_id_type_mismatch_suggests_the_right_type_in_both_languages(make_draft, number, zh, en):
    finding = one(make_draft({"identity.id_number": number}), "id_type_mismatch")
    assert (finding.severity, finding.path) == (Severity.ERROR, "identity.id_number")
    assert f"“{zh}”" in finding.message_zh
    assert f"“{en}”" in finding.message_en


def test_id_type_matching_permit_number_is_accepted(make_draft, person):
    draft = make_draft({"identity.id_type": "hmt_residence_permit", "identity.id_number": person["hmt_id_number"]})
    assert findings_of(draft, "id_type_mismatch") == []
    assert check(draft, TODAY).printable


@pytest.mark.parametrize(("id_type", "ssn", "warns"), [
    ("passport", "ABC", True), ("passport", "A" * 18, False), ("passport", "１２３４５６７８９０１２３４５６７８", False),
    ("resident_id", "ABC", False),
])
def test_ss_number_format_warns_only_for_other_id_types(make_draft, id_type, ssn, warns):
    draft = make_draft({"identity.id_type": id_type, "identity.id_number": "E12345678",
                        "identity.birth_date": "1990-05-12", "identity.social_security_number": ssn})
    assert bool(findings_of(draft, "ss_number_format")) is warns


def test_agent_same_person_errors_when_agent_files_with_applicants_number(make_draft, person):
    agent = {"name": "林小代", "id_number": person["id_number"].lower(), "phone": "13900139000", "relation": "本人"}
    finding = one(make_draft({"transfer.filer": "agent", "transfer.agent": agent}), "agent_same_person")
    assert (finding.severity, finding.path) == (Severity.ERROR, "transfer.agent.id_number")


def test_agent_same_person_silent_when_the_person_files_self(make_draft, person):
    agent = {"name": "林小代", "id_number": person["id_number"]}
    assert findings_of(make_draft({"transfer.filer": "self", "transfer.agent": agent}), "agent_same_person") == []


# ------------------------------------------------------------------ areas and employers


def test_area_unknown_warns_on_the_period_area_code(make_draft):
    finding = one(make_draft({"history.0.area_code": "110199"}), "area_unknown")
    assert (finding.severity, finding.path) == (Severity.WARNING, "history.0.area_code")
    assert "110199" in finding.message_en


@pytest.mark.parametrize("where", ["transfer.origin", "transfer.destination"])
def test_area_unknown_warns_on_agency_area_code(make_draft, where):
    finding = one(make_draft({f"{where}.area_code": "110199"}), "area_unknown")
    assert finding.path == f"{where}.area_code"


def test_area_name_mismatch_names_the_table_name(make_draft):
    finding = one(make_draft({"history.0.area_name": "北京市"}), "area_name_mismatch")
    assert (finding.severity, finding.path) == (Severity.WARNING, "history.0.area_name")
    assert "广东省深圳市" in finding.message_zh and "440300" in finding.message_en


@pytest.mark.parametrize("name", ["广东省深圳市", "深圳市", "深圳", "广东省 深圳市"])
def test_area_name_matching_short_or_full_name_gives_no_warning(make_draft, name):
    assert findings_of(make_draft({"history.0.area_name": name}), "area_name_mismatch") == []


def test_area_code_with_bad_format_is_not_looked_up(make_draft):
    draft = make_draft({"history.0.area_code": "4403"})
    assert findings_of(draft, "area_unknown") == []
    assert [f.path for f in findings_of(draft, "area_code_format")] == ["history.0.area_code"]


def test_uscc_org_code_warns_when_embedded_org_code_is_wrong(make_draft):
    code = make_uscc("91430104MA4L0001X")  # valid GB 32100 check, wrong GB 11714 check at position 17
    finding = one(make_draft({"history.0.employer_uscc": code}), "uscc_org_code")
    assert (finding.severity, finding.path) == (Severity.WARNING, "history.0.employer_uscc")


def test_uscc_org_code_on_new_employer(make_draft):
    code = make_uscc("91430104MA4L0001X")
    finding = one(make_draft({"transfer.new_employer": {"name": "杭州示例", "uscc": code}}), "uscc_org_code")
    assert finding.path == "transfer.new_employer.uscc"


def test_uscc_org_code_silent_for_consistent_code(make_draft):
    assert findings_of(make_draft({"history.0.employer_uscc": "91430104MA4L00011D"}), "uscc_org_code") == []


def test_uscc_with_bad_checksum_is_an_error_not_an_org_warning(make_draft):
    draft = make_draft({"history.0.employer_uscc": "91430104MA4L00011E"})
    assert findings_of(draft, "uscc_org_code") == []
    assert [f.path for f in findings_of(draft, "uscc_checksum")] == ["history.0.employer_uscc"]


# ------------------------------------------------------------------ the timeline


def test_history_empty_is_an_error(make_draft):
    finding = one(make_draft({"history": []}), "history_empty")
    assert (finding.severity, finding.path) == (Severity.ERROR, "history")


def test_history_order_error_names_both_months(make_draft):
    finding = one(make_draft({"history.0.start": "2026年7月", "history.0.end": "2019-01"}), "history_order")
    assert (finding.severity, finding.path) == (Severity.ERROR, "history.0.end")
    assert "2026-07" in finding.message_zh and "2019-01" in finding.message_en


def test_history_months_exceed_error_names_paid_and_span(make_draft):
    finding = one(make_draft({"history.0.start": "2026-01", "history.0.months_paid": "7"}), "history_months_exceed")
    assert (finding.severity, finding.path) == (Severity.ERROR, "history.0.months_paid")
    assert "7" in finding.message_en and "(6)" in finding.message_en


def test_history_months_paid_equal_to_span_is_fine(make_draft):
    assert findings_of(make_draft({"history.0.start": "2026-01", "history.0.months_paid": "6"}),
                       "history_months_exceed") == []


def test_history_overlap_same_scheme_is_an_error_naming_months(make_draft):
    draft = make_draft({"history.1": period("2015-01", "2019-03", scheme="employee")})
    finding = one(draft, "history_overlap")
    # reported on the period that starts later, naming the one that starts earlier
    assert (finding.severity, finding.path) == (Severity.ERROR, "history.0.start")
    assert "第 2 段" in finding.message_zh
    assert "2019-01" in finding.message_en and "2019-03" in finding.message_en
    assert findings_of(draft, "history_duplicate_enrolment") == []


def test_history_overlap_legacy_ncms_with_resident_is_same_scheme(make_draft):
    draft = make_draft({**_resident_origin(), "history.1": period("2015-01", "2019-03", scheme="ncms")})
    assert len(findings_of(draft, "history_overlap")) == 1


def test_history_duplicate_enrolment_employee_and_resident_warns_naming_months(make_draft):
    draft = make_draft({"history.1": period("2018-06", "2019-02", scheme="resident")})
    finding = one(draft, "history_duplicate_enrolment")
    assert (finding.severity, finding.path) == (Severity.WARNING, "history.0.start")
    assert "2019-01" in finding.message_zh and "2019-02" in finding.message_zh
    assert "period 2" in finding.message_en
    assert findings_of(draft, "history_overlap") == []


def test_history_overlap_reported_on_the_later_period_in_list_order(make_draft):
    draft = make_draft({"history.0.start": "2015-01", "history.0.end": "2019-06",
                        "history.1": period("2019-04", "2026-06")})
    finding = one(draft, "history_overlap")
    assert finding.path == "history.1.start"
    assert "period 1 from 2019-04 to 2019-06" in finding.message_en


def test_history_adjacent_periods_do_not_overlap(make_draft):
    draft = make_draft({"history.1": period("2015-01", "2018-12")})
    assert findings_of(draft, "history_overlap") == findings_of(draft, "history_gap") == []


def test_history_gap_info_names_months_and_count(make_draft):
    draft = make_draft({"history.1": period("2015-01", "2018-06")})
    finding = one(draft, "history_gap")
    assert (finding.severity, finding.path) == (Severity.INFO, "history")
    assert finding.message_en.endswith("No coverage from 2018-07 to 2018-12 (6 months).")


def _resident_origin() -> dict:
    return {"history.0.scheme": "resident", "history.0.account_balance": None}


def test_history_total_per_scheme_family_counts_legacy_as_resident(make_draft):
    draft = make_draft({
        "history.0.start": "2024-07",  # employee, 24 months
        "history.1": period("2020-01", "2020-12", scheme="ncms"),
        "history.2": period("2021-01", "2021-12", scheme="urban_resident"),
        "history.3": period("2022-01", "2024-06", scheme="resident", months_paid="6"),
    })
    totals = findings_of(draft, "history_total")
    assert all(f.severity is Severity.INFO and f.path == "history" for f in totals)
    texts = sorted(f.message_en for f in totals)
    assert texts == [
        "Insurance history: Employee basic medical insurance: 24 months paid in total (about 2.0 years).",
        "Insurance history: Urban and rural resident basic medical insurance: 30 months paid in total (about 2.5 years).",
    ]


def test_history_period_with_unreadable_month_is_skipped_by_timeline(make_draft):
    draft = make_draft({"history.1": period("2015-01", "someday")})
    assert findings_of(draft, "history_gap") == findings_of(draft, "history_overlap") == []
    assert [f.path for f in findings_of(draft, "month_format")] == ["history.1.end"]


# ------------------------------------------------------------------ the transfer


@pytest.mark.parametrize("scheme", ["ncms", "urban_resident"])
def test_legacy_scheme_destination_is_an_error(make_draft, scheme):
    finding = one(make_draft({"transfer.destination_scheme": scheme}), "legacy_scheme_destination")
    assert (finding.severity, finding.path) == (Severity.ERROR, "transfer.destination_scheme")


def test_resident_destination_is_not_legacy(make_draft):
    assert findings_of(make_draft({"transfer.destination_scheme": "resident"}), "legacy_scheme_destination") == []


@pytest.mark.parametrize("code", ["440300", " 440300 ", "４４０３００"])
def test_same_area_error_also_for_fullwidth_or_spaced_code(make_draft, code):
    finding = one(make_draft({"transfer.destination.area_code": code}), "same_area")
    assert (finding.severity, finding.path) == (Severity.ERROR, "transfer.destination.area_code")
    assert "深圳市" in finding.message_zh


def test_different_areas_are_not_same_area(make_draft):
    assert findings_of(make_draft(), "same_area") == []


BEIJING_HAIDIAN = {"area_code": "110108", "area_name": "北京市海淀区", "name": "海淀区医保中心"}


@pytest.mark.parametrize(
    ("origin", "destination", "code"),
    [
        pytest.param("110108", "110105", "same_area", id="haidian-to-chaoyang-one-municipality"),
        pytest.param("310115", "310104", "same_area", id="shanghai-districts"),
        pytest.param("500101", "500236", "same_area", id="chongqing-district-to-county"),
        pytest.param("440305", "440306", "same_area", id="two-districts-of-one-prefecture"),
        pytest.param("440000", "440305", "same_area_probably", id="province-code-against-its-prefecture"),
        pytest.param("440399", "440305", "same_area_probably", id="unknown-code-in-the-same-prefecture"),
        pytest.param("440305", "440106", None, id="shenzhen-to-guangzhou"),
        pytest.param("110108", "120101", None, id="beijing-to-tianjin"),
        pytest.param("429004", "429005", None, id="two-county-cities-under-the-province"),
        pytest.param("440000", "330100", None, id="province-code-of-another-province"),
    ],
)
def test_same_pooling_area_refused_when_certain_warned_when_probable(make_draft, origin, destination, code):
    draft = make_draft({"transfer.origin.area_code": origin, "history.0.area_code": origin,
                        "transfer.destination.area_code": destination})
    found = findings_of(draft, "same_area") + findings_of(draft, "same_area_probably")
    assert [f.code for f in found] == ([code] if code else [])
    if code:
        expected = Severity.ERROR if code == "same_area" else Severity.WARNING
        assert found[0].severity is expected and found[0].path == "transfer.destination.area_code"


def test_pension_order_error(make_draft, pension_part):
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": pension_part(start="2026-07")})
    finding = one(draft, "pension_order")
    assert (finding.severity, finding.path) == (Severity.ERROR, "transfer.pension.end")
    assert "2026-07" in finding.message_en and "2026-06" in finding.message_en


@pytest.mark.parametrize(("paid", "fires"), [("90", False), ("91", True), ("９１", True), ("²", False), ("x", False)])
def test_pension_months_exceed_reads_count_like_the_form(make_draft, pension_part, paid, fires):
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": pension_part(months_paid=paid)})
    assert bool(findings_of(draft, "pension_months_exceed")) is fires


def test_pension_checks_skipped_when_pension_does_not_move(make_draft, pension_part):
    draft = make_draft({"transfer.pension_moves": False, "transfer.pension": pension_part(start="2026-07")})
    assert findings_of(draft, "pension_order") == []


def test_signed_future_warns(make_draft):
    finding = one(make_draft({"transfer.signed_on": "2026-11-24"}), "signed_future")
    assert (finding.severity, finding.path) == (Severity.WARNING, "transfer.signed_on")
    assert "2026-11-24" in finding.message_en


def test_signed_today_is_fine(make_draft):
    assert findings_of(make_draft({"transfer.signed_on": "2026-11-23"}), "signed_future") == []


# ------------------------------------------------------------------ every catalogue code, rendered


def _id17(first17: str) -> str:
    return first17 + id_check_char(first17)


_AGENCY_PHONE_OK = "0755-12345678"

CODE_TRIGGERS: dict[str, dict] = {
    "required": {"identity.name": None},
    "choice": {"schema_version": 2},
    "date_format": {"identity.birth_date": "1990-13-01"},
    "text_chars": {"identity.address": "路\u202e号"},
    "text_too_long": {"identity.address": "路" * 101},
    "name_chars": {"identity.name": "林3"},
    "name_too_long": {"identity.name": "林" * 61},
    "phone_format": {"identity.phone": "123"},
    "postcode_format": {"identity.postcode": "123"},
    "area_code_format": {"history.0.area_code": "4403"},
    "month_format": {"history.0.start": "someday"},
    "month_range": {"history.0.start": "1949-01"},
    "money_format": {"history.0.account_balance": "lots"},
    "money_negative": {"history.0.account_balance": "-1"},
    "money_decimals": {"history.0.account_balance": "1.001"},
    "money_too_large": {"history.0.account_balance": "100000000"},
    "count_format": {"history.0.months_paid": "many"},
    "id_empty": {"identity.id_number": "\u200b"},
    "id_length": {"identity.id_number": "4403051990"},
    "id_legacy15": {"identity.id_number": "440305900512013"},
    "id_chars": {"identity.id_number": "44030519900512O134"},
    "id_birth_date": {"identity.id_number": _id17("44030519901332013")},
    "id_birth_future": {"identity.id_number": make_id_number("440305", date(2027, 1, 1), "013")},
    "id_checksum": {"identity.id_number": "440305199005120130"},
    "id_province": {"identity.id_number": _id17("00000019900512013")},
    "id_hmt_address": {"identity.id_type": "hmt_residence_permit", "identity.id_number": _id17("81010119900512013")},
    "id_foreign_province": {"identity.id_type": "foreign_pr", "identity.id_number": _id17("99010119900512013")},
    "id_type_mismatch": {"identity.id_number": make_id_number("810000", date(1985, 3, 4), "021")},
    "permit_format": {"identity.id_type": "hk_macao_permit", "identity.id_number": "X123"},
    "passport_format": {"identity.id_type": "passport", "identity.id_number": "E1"},
    "foreign_pr_format": {"identity.id_type": "foreign_pr", "identity.id_number": "AB1234567890123"},
    "uscc_length": {"history.0.employer_uscc": "91430104"},
    "uscc_chars": {"history.0.employer_uscc": "91430104MA4L0001IO"},
    "uscc_checksum": {"history.0.employer_uscc": "91430104MA4L00011E"},
    "id_sex_mismatch": {"identity.sex": "female"},
    "id_birth_mismatch": {"identity.birth_date": "1990-01-01"},
    "id_region_unknown": {"identity.id_number": make_id_number("110199", date(1990, 5, 12), "013")},
    "area_unknown": {"history.0.area_code": "110199"},
    "area_name_mismatch": {"history.0.area_name": "北京市"},
    "uscc_org_code": {"history.0.employer_uscc": make_uscc("91430104MA4L0001X")},
    "ss_number_format": {"identity.id_type": "passport", "identity.id_number": "E12345678",
                         "identity.birth_date": "1990-05-12", "identity.social_security_number": "1"},
    "history_empty": {"history": []},
    "history_order": {"history.0.start": "2026-07"},
    "history_months_exceed": {"history.0.months_paid": "1000"},
    "history_overlap": {"history.1": period("2015-01", "2019-03")},
    "history_duplicate_enrolment": {"history.1": period("2015-01", "2019-03", scheme="resident")},
    "history_gap": {"history.1": period("2015-01", "2018-06")},
    "history_total": {},
    "legacy_scheme_destination": {"transfer.destination_scheme": "ncms"},
    "same_area": {"transfer.destination.area_code": "440300"},
    "same_area_probably": {"transfer.destination.area_code": "440000"},
    "agent_same_person": {"transfer.filer": "agent",
                          "transfer.agent": {"name": "林小代", "id_number": make_id_number("440305", date(1990, 5, 12), "013"),
                                             "phone": "13900139000", "relation": "本人"}},
    "pension_order": {"transfer.pension_moves": True, "transfer.pension": {"start": "2026-07", "end": "2026-06"}},
    "pension_months_exceed": {"transfer.pension_moves": True,
                              "transfer.pension": {"start": "2026-01", "end": "2026-06", "months_paid": "7"}},
    "signed_future": {"transfer.signed_on": "2027-01-01"},
    "date_range": {"transfer.signed_on": "9999-11-01"},
    "date_before_birth": {"transfer.signed_on": "1990-05-11"},
    "month_before_birth": {"history.0.start": "1990-04"},
}

# Codes that check() cannot produce from a draft, with the reason.
UNREACHABLE = {
    "invalid_value": "fallback for a pydantic error without a catalogue entry; tested below",
}


def test_code_triggers_cover_the_whole_catalogue():
    assert set(CODE_TRIGGERS) | set(UNREACHABLE) == set(MESSAGES)


@pytest.fixture
def produced(monkeypatch):
    """Every (code, ctx) that checks.make_finding is asked to render during the test."""
    calls: list[tuple[str, dict]] = []

    def spy(code, path, ctx=None, severity=None):
        calls.append((code, dict(ctx or {})))
        return make_finding(code, path, ctx, severity)

    monkeypatch.setattr(checks, "make_finding", spy)
    monkeypatch.setattr(dates, "make_finding", spy)
    return calls


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CODE_TRIGGERS))
def test_catalogue_code_renders_in_both_languages_with_the_context_passed(make_draft, produced, code):
    draft = make_draft(CODE_TRIGGERS[code])
    found = findings_of(draft, code)
    assert found, f"{code} not produced"
    severity, zh, en = MESSAGES[code]
    for finding in found:
        assert finding.severity is severity
        for message in (finding.message_zh, finding.message_en):
            assert "{" not in message and "}" not in message
        assert finding.message_zh != finding.message_en
    contexts = [ctx for c, ctx in produced if c == code]
    assert contexts
    for ctx in contexts:
        missing = (_placeholders(zh) | _placeholders(en)) - set(ctx)
        assert not missing, f"{code}: the template needs {missing}, the producer passed {sorted(ctx)}"


def test_catalogue_messages_start_with_the_field_label(make_draft):
    finding = findings_of(make_draft({"history.0.start": "someday"}), "month_format")[0]
    assert finding.message_zh.startswith("第1段参保记录的开始年月：")
    assert finding.message_en.startswith("Start month of period 1: ")


@pytest.mark.parametrize("code", sorted(CTX_KEYS))
def test_number_error_templates_use_only_the_keys_their_errors_carry(code):
    _, zh, en = MESSAGES[code]
    assert _placeholders(zh) | _placeholders(en) <= set(CTX_KEYS[code])


def test_render_message_without_context_drops_the_placeholder_cleanly():
    text = render_message("month_range", {}, "en")
    assert "{" not in text and text.startswith("The month must lie between")


def test_findings_from_validation_unknown_error_becomes_invalid_value():
    data = {"name": "林", "sex": "male", "id_type": "passport", "id_number": "E12345678", "birth_date": "1990-01-01",
            "phone": "13800138000", "address": "某地", "unexpected": "x"}
    with pytest.raises(ValidationError) as info:
        Identity.model_validate(data, context={"today": TODAY})
    found = checks.findings_from_validation(info.value)
    assert [(f.code, f.path) for f in found] == [("invalid_value", "unexpected")]
    assert "{" not in found[0].message_en


def test_field_label_numbers_list_items_from_one():
    assert field_label("history.2.end", "zh") == "第3段参保记录的终止年月"
    assert field_label("history.2.end", "en") == "End month of period 3"
    assert field_label("no.such.path", "en") == "no.such.path"


@pytest.mark.parametrize("path", ["history.0.{", "history.2.{n}", "identity.}{"])
def test_field_label_of_unknown_path_with_braces_is_the_path(path):
    assert field_label(path, "zh") == path and field_label(path, "en") == path


def test_every_field_label_pattern_has_both_languages():
    from app.domain.findings import FIELD_LABELS

    for pattern, (zh, en) in FIELD_LABELS.items():
        assert zh and en and zh != en, pattern
        assert re.fullmatch(r"[a-z_.*]+", pattern)
