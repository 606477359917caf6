"""The national transfer rules: every rule in resources/rules/national.json fires on its case
and stays silent on the closest case that should not trigger it; boundaries of the
thresholds; rules not in force on `today` stay silent; the file drives the thresholds."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain import rules
from app.domain.application import check
from app.domain.findings import Severity

TODAY = date(2026, 11, 23)
RULE_IDS = [spec.id for spec in rules.load_ruleset().rules]


def fired(draft, rule_id: str, today: date = TODAY):
    return [f for f in rules.evaluate(draft, today) if f.rule_id == rule_id]


def spec_of(rule_id: str) -> rules.RuleSpec:
    return next(spec for spec in rules.load_ruleset().rules if spec.id == rule_id)


def patch_rules(monkeypatch, **updates) -> None:
    """Replace the loaded rule set with a copy whose every rule gets `updates`."""
    original = rules.load_ruleset()
    changed = tuple(spec.model_copy(update=updates) for spec in original.rules)
    monkeypatch.setattr(rules, "load_ruleset", lambda: original.model_copy(update={"rules": changed}))


def patch_params(monkeypatch, rule_id: str, **params) -> None:
    original = rules.load_ruleset()
    changed = tuple(
        spec.model_copy(update={"params": {**spec.params, **params}}) if spec.id == rule_id else spec
        for spec in original.rules
    )
    monkeypatch.setattr(rules, "load_ruleset", lambda: original.model_copy(update={"rules": changed}))


# ------------------------------------------------------------------ every rule: fires and stays silent


def test_registry_and_rules_file_name_the_same_rules():
    assert set(rules.REGISTRY) == set(RULE_IDS)
    assert len(RULE_IDS) == len(set(RULE_IDS))


def test_every_rule_in_the_file_has_a_test_case(rule_cases):
    assert set(rule_cases) == set(RULE_IDS)


def test_base_draft_triggers_no_rule(make_draft):
    assert rules.evaluate(make_draft(), TODAY) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_positive_case_fires_with_path_severity_source_and_message(make_draft, rule_cases, rule_id):
    case = rule_cases[rule_id]
    spec = spec_of(rule_id)
    found = fired(make_draft(case.positive), rule_id)
    assert len(found) == 1
    finding = found[0]
    assert finding.code == rule_id
    assert finding.path == case.path
    assert finding.severity is Severity(spec.severity)
    assert finding.source == spec.source.text()
    assert spec.source.document in finding.source and spec.source.article in finding.source
    for message in (finding.message_zh, finding.message_en):
        assert message and "{" not in message and "}" not in message


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_negative_case_does_not_fire(make_draft, rule_cases, rule_id):
    assert fired(make_draft(rule_cases[rule_id].negative), rule_id) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_findings_reach_check_results(make_draft, rule_cases, rule_id):
    result = check(make_draft(rule_cases[rule_id].positive), TODAY)
    assert rule_id in {f.rule_id for f in result.findings}


# ------------------------------------------------------------------ specific rules and their boundaries


def test_retiree_is_warned_not_blocked(make_draft):
    draft = make_draft({"transfer.retired": True})
    assert [f.severity for f in fired(draft, "MED-SCOPE-RETIREE")] == [Severity.WARNING]
    assert check(draft, TODAY).printable


def test_stop_at_origin_fires_when_latest_origin_period_is_paying(make_draft):
    finding = fired(make_draft({"history.0.status": "paying"}), "MED-STOP-AT-ORIGIN")[0]
    assert finding.severity is Severity.ERROR
    assert "第 1 段" in finding.message_zh and "period 1 is still marked as paying" in finding.message_en


def test_stop_at_origin_looks_at_the_latest_origin_period_only(make_draft):
    earlier = {"area_code": "440300", "area_name": "深圳", "scheme": "employee", "start": "2015-01", "end": "2018-12",
               "status": "paying"}
    assert fired(make_draft({"history.1": earlier}), "MED-STOP-AT-ORIGIN") == []
    later_elsewhere = {**earlier, "area_code": "330100", "area_name": "杭州", "start": "2026-07", "end": "2026-10"}
    assert fired(make_draft({"history.1": later_elsewhere}), "MED-STOP-AT-ORIGIN") == []


def test_stop_at_origin_finds_origin_period_by_fullwidth_code(make_draft):
    later_elsewhere = {"area_code": "330100", "area_name": "杭州", "scheme": "employee", "start": "2026-07",
                       "end": "2026-10", "status": "suspended"}
    draft = make_draft({"history.0.status": "paying", "transfer.origin.area_code": "４４０３００",
                        "history.1": later_elsewhere})
    assert [f.path for f in fired(draft, "MED-STOP-AT-ORIGIN")] == ["history.0.status"]


@pytest.mark.parametrize(("stop", "fires"), [("2026-12", True), ("2027-03", True), ("2026-11", False)])
def test_stop_at_origin_fires_when_stop_month_is_after_this_month(make_draft, stop, fires):
    found = fired(make_draft({"transfer.stop_month": stop}), "MED-STOP-AT-ORIGIN")
    assert [f.path for f in found] == (["transfer.stop_month"] if fires else [])
    if fires:
        assert stop in found[0].message_zh and stop in found[0].message_en


@pytest.mark.parametrize(("enrol", "fires"), [("2026-12", True), ("2026-11", False), ("2026-07", False)])
def test_enrolled_at_destination_fires_when_enrol_month_is_after_this_month(make_draft, enrol, fires):
    found = fired(make_draft({"transfer.enrol_month": enrol}), "MED-ENROLLED-AT-DESTINATION")
    assert bool(found) is fires
    if fires:
        assert found[0].severity is Severity.ERROR and enrol in found[0].message_en


RESIDENT = {"history.0.scheme": "resident", "history.0.account_balance": None, "transfer.destination_scheme": "resident"}


@pytest.mark.parametrize(
    ("stop", "enrol", "fires"),
    [("2025-06", "2025-09", True), ("2025-06", "2025-12", True), ("2025-06", "2026-01", False),
     ("2025-12", "2026-01", False)],
)
def test_resident_to_resident_in_the_same_year_warns_next_year_does_not(make_draft, stop, enrol, fires):
    draft = make_draft({**RESIDENT, "history.0.end": stop, "transfer.stop_month": stop, "transfer.enrol_month": enrol})
    found = fired(draft, "MED-RESIDENT-NEXT-YEAR")
    assert bool(found) is fires
    if fires:
        assert "2026" in found[0].message_zh and "(2026)" in found[0].message_en


def test_resident_next_year_counts_legacy_ncms_origin_as_resident(make_draft):
    draft = make_draft({**RESIDENT, "history.0.scheme": "ncms", "history.0.end": "2019-06",
                        "transfer.stop_month": "2019-06", "transfer.enrol_month": "2019-08"})
    assert len(fired(draft, "MED-RESIDENT-NEXT-YEAR")) == 1


def test_resident_next_year_silent_for_employee_destination(make_draft):
    draft = make_draft({**RESIDENT, "transfer.destination_scheme": "employee"})
    assert fired(draft, "MED-RESIDENT-NEXT-YEAR") == []


@pytest.mark.parametrize(
    ("enrol", "gap", "expected"),
    [
        ("2026-05", -2, {"MED-NO-DUPLICATE-ENROLMENT"}),
        ("2026-06", -1, {"MED-NO-DUPLICATE-ENROLMENT"}),
        ("2026-07", 0, set()),
        ("2026-08", 1, {"MED-GAP-RETROACTIVE"}),
        ("2026-09", 2, {"MED-GAP-RETROACTIVE"}),
        ("2026-10", 3, {"MED-GAP-RETROACTIVE"}),
        ("2026-11", 4, {"MED-GAP-WAITING-PERIOD"}),
    ],
)
def test_gap_between_stop_and_enrolment_selects_one_rule(make_draft, enrol, gap, expected):
    gap_rules = {"MED-NO-DUPLICATE-ENROLMENT", "MED-GAP-RETROACTIVE", "MED-GAP-WAITING-PERIOD"}
    found = [f for f in rules.evaluate(make_draft({"transfer.enrol_month": enrol}), TODAY) if f.rule_id in gap_rules]
    assert {f.rule_id for f in found} == expected
    for finding in found:
        assert str(abs(gap)) in finding.message_en


def test_gap_retroactive_is_info_and_waiting_period_is_warning(make_draft):
    assert fired(make_draft({"transfer.enrol_month": "2026-08"}), "MED-GAP-RETROACTIVE")[0].severity is Severity.INFO
    assert fired(make_draft({"transfer.enrol_month": "2026-11"}), "MED-GAP-WAITING-PERIOD")[0].severity is Severity.WARNING


def test_duplicate_enrolment_message_names_months(make_draft):
    finding = fired(make_draft({"transfer.enrol_month": "2026-05"}), "MED-NO-DUPLICATE-ENROLMENT")[0]
    assert "2026-05" in finding.message_en and "2026-06" in finding.message_en and "2 months" in finding.message_en


@pytest.mark.parametrize(("start", "continuous", "fires"), [("2024-08", 23, True), ("2024-07", 24, False),
                                                            ("2026-06", 1, True)])
def test_type_change_employee_to_resident_needs_24_continuous_months(make_draft, start, continuous, fires):
    draft = make_draft({"history.0.start": start, "transfer.destination_scheme": "resident"})
    found = fired(draft, "MED-TYPE-CHANGE-CONTINUITY")
    assert bool(found) is fires
    if fires:
        assert f"{continuous} continuous months" in found[0].message_en


def test_type_change_counts_continuous_coverage_across_schemes(make_draft):
    earlier = {"area_code": "330100", "area_name": "杭州", "scheme": "resident", "start": "2020-01",
               "end": "2024-07", "status": "terminated"}
    draft = make_draft({"history.0.start": "2024-08", "history.1": earlier, "transfer.destination_scheme": "resident"})
    assert fired(draft, "MED-TYPE-CHANGE-CONTINUITY") == []


def test_type_change_broken_run_counts_only_the_last_run(make_draft):
    earlier = {"area_code": "330100", "area_name": "杭州", "scheme": "employee", "start": "2015-01",
               "end": "2024-06", "status": "terminated"}
    draft = make_draft({"history.0.start": "2024-08", "history.1": earlier, "transfer.destination_scheme": "resident"})
    assert len(fired(draft, "MED-TYPE-CHANGE-CONTINUITY")) == 1


def test_type_change_resident_to_employee_also_checked(make_draft):
    draft = make_draft({"history.0.scheme": "resident", "history.0.account_balance": None,
                        "history.0.start": "2025-01"})
    assert len(fired(draft, "MED-TYPE-CHANGE-CONTINUITY")) == 1


def test_type_change_with_long_gap_leaves_it_to_the_waiting_period_rule(make_draft):
    draft = make_draft({"history.0.start": "2026-01", "transfer.destination_scheme": "resident",
                        "transfer.enrol_month": "2026-11"})
    assert fired(draft, "MED-TYPE-CHANGE-CONTINUITY") == []
    assert len(fired(draft, "MED-GAP-WAITING-PERIOD")) == 1


def test_same_scheme_transfer_is_no_type_change(make_draft):
    assert fired(make_draft({"history.0.start": "2026-01"}), "MED-TYPE-CHANGE-CONTINUITY") == []


@pytest.mark.parametrize(("scheme", "balance", "fires"), [
    ("resident", "1000", True), ("ncms", "0.01", True), ("resident", "0", False), ("resident", "abc", False),
    ("employee", "1000", False),
])
def test_account_balance_only_for_employee_periods(make_draft, scheme, balance, fires):
    draft = make_draft({"history.0.scheme": scheme, "history.0.account_balance": balance})
    found = fired(draft, "MED-ACCOUNT-EMPLOYEE-ONLY")
    assert bool(found) is fires
    if fires:
        assert found[0].severity is Severity.ERROR
        assert not check(draft, TODAY).printable


@pytest.mark.parametrize(("arrears", "fires"), [("2", True), ("２", True), (" 1 ", True), ("0", False), ("", False),
                                                ("-3", False), ("²", True), ("lots", False)])
def test_arrears_warn(make_draft, arrears, fires):
    found = fired(make_draft({"history.0.arrears_months": arrears}), "MED-ARREARS")
    assert bool(found) is fires
    if fires:
        assert found[0].severity is Severity.WARNING


def test_arrears_message_names_period_and_months(make_draft):
    finding = fired(make_draft({"history.0.arrears_months": "２"}), "MED-ARREARS")[0]
    assert finding.message_en.startswith("Period 1 has 2 months in arrears.")


@pytest.mark.parametrize(("overdraft", "fires"), [("12.5", True), ("¥1,000", True), ("0", False), ("0.00", False),
                                                  ("-5", False)])
def test_overdraft_warns(make_draft, overdraft, fires):
    found = fired(make_draft({"history.0.overdraft": overdraft}), "MED-ACCOUNT-OVERDRAFT")
    assert bool(found) is fires


def test_overdraft_message_shows_two_decimals(make_draft):
    finding = fired(make_draft({"history.0.overdraft": "12.5"}), "MED-ACCOUNT-OVERDRAFT")[0]
    assert "12.50 yuan" in finding.message_en


@pytest.mark.parametrize(("scheme", "end", "fires"), [
    ("ncms", "2020-01", True), ("urban_resident", "2021-06", True), ("ncms", "2019-12", False),
    ("resident", "2021-06", False),
])
def test_legacy_scheme_after_merger_is_info(make_draft, scheme, end, fires):
    period = {"area_code": "411600", "area_name": "周口", "scheme": scheme, "start": "2017-01", "end": end,
              "status": "terminated"}
    found = fired(make_draft({"history.1": period}), "MED-LEGACY-SCHEME")
    assert bool(found) is fires
    if fires:
        assert found[0].severity is Severity.INFO and "2020-01" in found[0].message_zh


def test_pension_retiree_is_an_error(make_draft, pension_part):
    draft = make_draft({"transfer.retired": True, "transfer.pension_moves": True, "transfer.pension": pension_part()})
    assert [f.severity for f in fired(draft, "PEN-RETIREE")] == [Severity.ERROR]
    assert not check(draft, TODAY).printable


@pytest.mark.parametrize(
    ("birth", "seq", "age", "fires"),
    [
        pytest.param(date(1976, 7, 1), "013", 50, True, id="man-50-on-the-first-of-the-enrol-month"),
        pytest.param(date(1976, 7, 2), "013", 49, False, id="man-49-birthday-later-in-the-month"),
        pytest.param(date(1970, 1, 1), "013", 56, True, id="man-56"),
        pytest.param(date(1986, 7, 1), "024", 40, True, id="woman-40"),
        pytest.param(date(1986, 8, 1), "024", 39, False, id="woman-39"),
        pytest.param(date(1980, 1, 1), "013", 46, False, id="man-46-below-50"),
    ],
)
def test_pension_age_rule_men_50_women_40_at_the_enrol_month(make_draft, born, pension_part, birth, seq, age, fires):
    draft = make_draft({**born(birth, seq), "transfer.pension_moves": True, "transfer.pension": pension_part()})
    found = fired(draft, "PEN-AGE-50-40")
    assert bool(found) is fires
    if fires:
        assert f"You are {age} at enrolment" in found[0].message_en


@pytest.mark.parametrize("exemption", ["destination_is_hukou_place", "approved_transfer"])
def test_pension_age_rule_exempt_for_hukou_place_or_approved_transfer(make_draft, born, pension_part, exemption):
    draft = make_draft({**born(date(1960, 1, 1), "013"), "transfer.pension_moves": True,
                        "transfer.pension": pension_part(**{exemption: True})})
    assert fired(draft, "PEN-AGE-50-40") == []


def test_pension_age_rule_silent_when_pension_stays(make_draft, born):
    assert fired(make_draft(born(date(1960, 1, 1), "013")), "PEN-AGE-50-40") == []


def test_pension_age_rule_uses_this_month_without_enrol_month(make_draft, born, pension_part):
    changes = {**born(date(1976, 11, 1), "013"), "transfer.pension_moves": True, "transfer.pension": pension_part()}
    assert fired(make_draft({**changes, "transfer.enrol_month": None}), "PEN-AGE-50-40") != []
    assert fired(make_draft({**changes, "transfer.enrol_month": "2026-10"}), "PEN-AGE-50-40") == []


def test_pension_age_rule_reads_typed_birth_date_for_passport_holder(make_draft, pension_part):
    draft = make_draft({"identity.id_type": "passport", "identity.id_number": "E12345678", "identity.sex": "female",
                        "identity.birth_date": "1980-01-01", "transfer.pension_moves": True,
                        "transfer.pension": pension_part()})
    assert len(fired(draft, "PEN-AGE-50-40")) == 1


SHANGHAI_DESTINATION = {"area_code": "310115", "area_name": "上海市浦东新区", "name": "浦东医保中心"}
SHANGHAI_PERIOD = {"area_code": "310115", "area_name": "上海市浦东新区", "scheme": "employee", "start": "2014-01",
                   "end": "2018-12", "status": "terminated"}


@pytest.mark.parametrize("dest_code", ["310115", "３１０１１５"])
def test_shanghai_return_warns_when_pension_moves_back_to_shanghai(make_draft, pension_part, dest_code):
    draft = make_draft({"transfer.destination": {**SHANGHAI_DESTINATION, "area_code": dest_code},
                        "history.1": SHANGHAI_PERIOD, "transfer.pension_moves": True, "transfer.pension": pension_part()})
    assert [f.severity for f in fired(draft, "PEN-SHANGHAI-RETURN")] == [Severity.WARNING]


def test_shanghai_return_silent_without_pension_or_earlier_shanghai_period(make_draft, pension_part):
    draft = make_draft({"transfer.destination": SHANGHAI_DESTINATION, "history.1": SHANGHAI_PERIOD})
    assert fired(draft, "PEN-SHANGHAI-RETURN") == []
    draft = make_draft({"transfer.destination": SHANGHAI_DESTINATION, "transfer.pension_moves": True,
                        "transfer.pension": pension_part()})
    assert fired(draft, "PEN-SHANGHAI-RETURN") == []


def test_hmt_resident_gets_info(make_draft, person):
    draft = make_draft({"identity.id_type": "hmt_residence_permit", "identity.id_number": person["hmt_id_number"]})
    assert [f.severity for f in fired(draft, "ID-HMT-RESIDENT")] == [Severity.INFO]


# ------------------------------------------------------------------ dates in force, and the file drives the thresholds


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_not_yet_in_force_does_not_fire(monkeypatch, make_draft, rule_cases, rule_id):
    patch_rules(monkeypatch, effective_from=date(2026, 11, 24))
    assert fired(make_draft(rule_cases[rule_id].positive), rule_id) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_no_longer_in_force_does_not_fire(monkeypatch, make_draft, rule_cases, rule_id):
    patch_rules(monkeypatch, effective_from=date(2000, 1, 1), effective_to=date(2026, 11, 22))
    assert fired(make_draft(rule_cases[rule_id].positive), rule_id) == []


def test_rule_in_force_from_today_and_until_today_fires(monkeypatch, make_draft, rule_cases):
    patch_rules(monkeypatch, effective_from=TODAY, effective_to=TODAY)
    assert len(fired(make_draft(rule_cases["MED-SCOPE-RETIREE"].positive), "MED-SCOPE-RETIREE")) == 1


def test_rule_in_force_on_a_past_day_fires_for_that_day(make_draft):
    draft = make_draft({"transfer.retired": True, "transfer.stop_month": "2021-06", "history.0.end": "2021-06",
                        "transfer.enrol_month": "2021-07"})
    assert fired(draft, "MED-SCOPE-RETIREE", today=date(2021, 10, 31)) == []
    assert len(fired(draft, "MED-SCOPE-RETIREE", today=date(2021, 11, 1))) == 1


def test_gap_threshold_comes_from_the_rules_file(monkeypatch, make_draft):
    draft = make_draft({"transfer.enrol_month": "2026-10"})  # gap 3
    assert len(fired(draft, "MED-GAP-RETROACTIVE")) == 1
    patch_params(monkeypatch, "MED-GAP-RETROACTIVE", max_gap_months=2)
    assert fired(draft, "MED-GAP-RETROACTIVE") == []


def test_pension_age_limits_come_from_the_rules_file(monkeypatch, make_draft, born, pension_part):
    draft = make_draft({**born(date(1980, 1, 1), "013"), "transfer.pension_moves": True,
                        "transfer.pension": pension_part()})
    assert fired(draft, "PEN-AGE-50-40") == []
    patch_params(monkeypatch, "PEN-AGE-50-40", male_age=45)
    finding = fired(draft, "PEN-AGE-50-40")[0]
    assert "men from 45" in finding.message_en


def test_ruleset_version_names_id_and_version():
    info = rules.load_ruleset().ruleset
    assert rules.ruleset_version() == f"{info.id} {info.version}"
