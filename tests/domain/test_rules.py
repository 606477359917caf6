"""The national transfer rules: every rule in resources/rules/national.json fires on its case
and stays silent on the closest case that should not trigger it; boundaries of the
thresholds; rules not in force on `today` stay silent; the file drives the thresholds."""
from __future__ import annotations

from datetime import date, timedelta

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


# --- 医保办发〔2021〕43号 待遇衔接: who gets the retroactive gap, who gets a waiting period


def _resident_origin(start: str, end: str = "2026-06") -> dict:
    return {"history.0.scheme": "resident", "history.0.account_balance": None, "history.0.employer_name": None,
            "history.0.start": start, "history.0.end": end, "transfer.stop_month": end}


@pytest.mark.parametrize(
    ("changes", "fires"),
    [
        pytest.param({"transfer.enrol_month": "2026-09"}, True, id="employee-to-employee-gap-2"),
        pytest.param({"transfer.enrol_month": "2026-07"}, False, id="employee-to-employee-no-gap"),
        pytest.param({**_resident_origin("2025-01"), "transfer.enrol_month": "2026-09"}, False,
                     id="resident-to-employee-18-months"),
        pytest.param({**_resident_origin("2024-06"), "transfer.enrol_month": "2026-09"}, True,
                     id="resident-to-employee-25-months"),
        pytest.param({**_resident_origin("2024-07"), "transfer.enrol_month": "2026-09"}, True,
                     id="resident-to-employee-24-months"),
        pytest.param({**_resident_origin("2024-08"), "transfer.enrol_month": "2026-09"}, False,
                     id="resident-to-employee-23-months"),
        pytest.param({**_resident_origin("2015-01"), "transfer.destination_scheme": "resident",
                      "transfer.enrol_month": "2026-09"}, False, id="resident-to-resident-long-cover"),
        pytest.param({"history.0.start": "2024-07", "transfer.destination_scheme": "resident",
                      "transfer.enrol_month": "2026-09"}, True, id="employee-to-resident-24-months"),
        pytest.param({"history.0.start": "2024-08", "transfer.destination_scheme": "resident",
                      "transfer.enrol_month": "2026-09"}, False, id="employee-to-resident-23-months"),
    ],
)
def test_gap_retroactive_only_for_employee_moves_or_switch_after_two_years(make_draft, changes, fires):
    found = fired(make_draft(changes), "MED-GAP-RETROACTIVE")
    assert bool(found) is fires
    if fires:
        assert "2 months" in found[0].message_en


def test_gap_retroactive_names_its_basis(make_draft):
    employee = fired(make_draft({"transfer.enrol_month": "2026-09"}), "MED-GAP-RETROACTIVE")[0]
    assert "职工医保" in employee.message_zh
    switch = fired(make_draft({**_resident_origin("2024-06"), "transfer.enrol_month": "2026-09"}),
                   "MED-GAP-RETROACTIVE")[0]
    assert "25 months of continuous cover" in switch.message_en


@pytest.mark.parametrize(
    ("start", "enrol", "continuous", "fires"),
    [("2024-08", "2026-08", 23, True), ("2024-07", "2026-08", 24, False), ("2026-06", "2026-10", 1, True),
     ("2024-08", "2026-07", 23, False), ("2024-08", "2026-11", 23, False)],
)
def test_type_change_short_continuity_speaks_only_for_a_short_gap(make_draft, start, enrol, continuous, fires):
    draft = make_draft({"history.0.start": start, "transfer.destination_scheme": "resident",
                        "transfer.enrol_month": enrol})
    found = fired(draft, "MED-TYPE-CHANGE-CONTINUITY")
    assert bool(found) is fires
    if fires:
        assert f"{continuous} continuous months" in found[0].message_en
        # the waiting period belongs to gaps over 3 months, not to short continuity
        assert "等待期" not in found[0].message_zh and "waiting" not in found[0].message_en


def test_type_change_counts_continuous_coverage_across_schemes(make_draft):
    earlier = {"area_code": "330100", "area_name": "杭州", "scheme": "resident", "start": "2020-01",
               "end": "2024-07", "status": "terminated"}
    draft = make_draft({"history.0.start": "2024-08", "history.1": earlier, "transfer.destination_scheme": "resident",
                        "transfer.enrol_month": "2026-08"})
    assert fired(draft, "MED-TYPE-CHANGE-CONTINUITY") == []
    assert len(fired(draft, "MED-GAP-RETROACTIVE")) == 1


def test_type_change_broken_run_counts_only_the_last_run(make_draft):
    earlier = {"area_code": "330100", "area_name": "杭州", "scheme": "employee", "start": "2015-01",
               "end": "2024-06", "status": "terminated"}
    draft = make_draft({"history.0.start": "2024-08", "history.1": earlier, "transfer.destination_scheme": "resident",
                        "transfer.enrol_month": "2026-08"})
    assert len(fired(draft, "MED-TYPE-CHANGE-CONTINUITY")) == 1


def test_type_change_resident_to_employee_also_checked(make_draft):
    draft = make_draft({**_resident_origin("2025-01"), "transfer.enrol_month": "2026-08"})
    assert len(fired(draft, "MED-TYPE-CHANGE-CONTINUITY")) == 1


def test_type_change_with_long_gap_leaves_it_to_the_waiting_period_rule(make_draft):
    draft = make_draft({"history.0.start": "2026-01", "transfer.enrol_month": "2026-11", **_resident_origin("2026-01")})
    assert fired(draft, "MED-TYPE-CHANGE-CONTINUITY") == []
    assert len(fired(draft, "MED-GAP-WAITING-PERIOD")) == 1


# --- 国办发〔2024〕38号 (R11): 居民医保 waiting periods from 2025, chosen by the enrolment month

WAITING_RULES = {"MED-GAP-WAITING-PERIOD", "MED-RESIDENT-WAITING", "MED-RESIDENT-CONTINUOUS", "MED-GAP-RETROACTIVE"}


def _waiting(make_draft, changes) -> set[str]:
    return {f.rule_id for f in rules.evaluate(make_draft(changes), TODAY)} & WAITING_RULES


@pytest.mark.parametrize(
    ("stop", "enrol", "expected"),
    [
        pytest.param("2024-06", "2024-12", {"MED-GAP-WAITING-PERIOD"}, id="gap-5-enrol-2024-gets-2021-text"),
        pytest.param("2024-07", "2025-01", {"MED-RESIDENT-WAITING"}, id="gap-5-enrol-2025-gets-38hao"),
        pytest.param("2024-10", "2024-12", set(), id="gap-1-enrol-2024-nothing"),
        pytest.param("2024-11", "2025-01", {"MED-RESIDENT-WAITING"}, id="gap-1-enrol-2025-waits"),
        pytest.param("2024-11", "2024-12", set(), id="no-gap-2024"),
        pytest.param("2024-12", "2025-01", {"MED-RESIDENT-CONTINUOUS"}, id="no-gap-2025-continuity-reward"),
    ],
)
def test_resident_destination_waiting_period_follows_the_enrolment_date(make_draft, stop, enrol, expected):
    changes = {**_resident_origin("2015-01", stop), "transfer.destination_scheme": "resident",
               "transfer.enrol_month": enrol}
    assert _waiting(make_draft, changes) == expected


def test_resident_rules_follow_enrolment_not_the_day_of_checking(make_draft):
    changes = {**_resident_origin("2015-01", "2024-06"), "transfer.destination_scheme": "resident",
               "transfer.enrol_month": "2024-12"}
    found = {f.rule_id for f in rules.evaluate(make_draft(changes), date(2026, 11, 23))}
    assert "MED-GAP-WAITING-PERIOD" in found and "MED-RESIDENT-WAITING" not in found


@pytest.mark.parametrize(("enrol", "rule_id"), [("2024-12", "MED-GAP-WAITING-PERIOD"),
                                                ("2025-01", "MED-GAP-WAITING-PERIOD")])
def test_employee_destination_keeps_the_2021_waiting_period_after_2025(make_draft, enrol, rule_id):
    changes = {"history.0.end": "2024-06", "transfer.stop_month": "2024-06", "transfer.enrol_month": enrol}
    assert _waiting(make_draft, changes) == {rule_id}


def test_resident_waiting_message_states_the_38hao_facts(make_draft):
    changes = {**_resident_origin("2015-01", "2022-06"), "transfer.destination_scheme": "resident",
               "transfer.enrol_month": "2025-01"}
    finding = fired(make_draft(changes), "MED-RESIDENT-WAITING")[0]
    assert "断保 30 个月（约 2 年）" in finding.message_zh
    for fact in ("3 个月固定待遇等待期", "新生儿", "每多断保 1 年", "补缴", "不少于 6 个月"):
        assert fact in finding.message_zh
    assert "国办发〔2024〕38号" in finding.source


def test_resident_switch_after_two_years_with_short_gap_is_retroactive_not_waiting(make_draft):
    changes = {"history.0.start": "2020-01", "history.0.end": "2024-11", "transfer.stop_month": "2024-11",
               "transfer.destination_scheme": "resident", "transfer.enrol_month": "2025-02"}
    assert _waiting(make_draft, changes) == {"MED-GAP-RETROACTIVE"}


def test_38hao_rules_record_what_was_read():
    for rule_id in ("MED-RESIDENT-WAITING", "MED-RESIDENT-CONTINUOUS"):
        spec = spec_of(rule_id)
        assert spec.effective_from == date(2025, 1, 1) and spec.date_basis == "enrolment"
        assert "国办发〔2024〕38号" in spec.source.document and spec.source.read_at


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


GUANGZHOU = {"area_code": "440100", "area_name": "广东省广州市", "name": "广州市医疗保障局"}


def test_pension_age_rule_only_for_moves_between_provinces(make_draft, born, pension_part):
    changes = {**born(date(1960, 1, 1), "013"), "transfer.pension_moves": True, "transfer.pension": pension_part()}
    assert len(fired(make_draft(changes), "PEN-AGE-50-40")) == 1
    assert fired(make_draft({**changes, "transfer.destination": GUANGZHOU}), "PEN-AGE-50-40") == []


def test_pension_age_rule_silent_for_a_retiree(make_draft, born, pension_part):
    changes = {**born(date(1960, 1, 1), "013"), "transfer.pension_moves": True, "transfer.pension": pension_part(),
               "transfer.retired": True}
    assert fired(make_draft(changes), "PEN-AGE-50-40") == []
    assert len(fired(make_draft(changes), "PEN-RETIREE")) == 1


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
    draft = make_draft(rule_cases[rule_id].positive)
    day = rules.Facts(draft, TODAY).day_for(spec_of(rule_id))
    patch_rules(monkeypatch, effective_from=date(2000, 1, 1), effective_to=day - timedelta(days=1))
    assert fired(draft, rule_id) == []


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
