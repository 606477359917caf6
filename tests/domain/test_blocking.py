"""Errors hold back only the documents they concern; the rest print, and the guide says why.

Also: the documents a case needs come from the forms' `requires`, and the pension steps of the
guide name the pension (人社) offices, never the medical agency.
"""
from __future__ import annotations

import json

import pytest

from app import paths
from app.domain import guide as guide_facts
from app.domain.findings import Finding, Severity
from app.domain.packet import assess, blocked_by, build_packet, packet_of, printed_by
from app.domain.rules import load_ruleset

PENSION = {"start": "2019-01", "end": "2026-06", "destination_is_hukou_place": False, "approved_transfer": False}


def held(assessment) -> list[str]:
    return [h.doc_id for h in assessment.held_back]


def printable(assessment) -> list[str]:
    return [d.doc_id for d in assessment.printable]


# --- rules name what they hold back ---------------------------------------------------

def test_still_insured_at_origin_holds_back_only_the_medical_application(make_draft, today):
    a = assess(make_draft({"transfer.stop_month": "2026-12"}), today)
    stop = next(f for f in a.findings if f.code == "MED-STOP-AT-ORIGIN")
    assert stop.blocks == ("medical_application",)
    assert held(a) == ["medical_application"]
    assert printable(a) == ["guide", "certificate_request"]  # the request that stops coverage prints


def test_coverage_stopped_holds_nothing_back(make_draft, today):
    a = assess(make_draft({"transfer.stop_month": "2026-11"}), today)
    assert held(a) == [] and a.complete
    assert printable(a) == ["guide", "medical_application", "certificate_request"]


def test_still_paying_period_holds_back_the_medical_application_not_the_request(make_draft, today):
    a = assess(make_draft({"history.0.status": "paying"}), today)
    assert held(a) == ["medical_application"]
    assert "certificate_request" in printable(a)


def test_not_yet_enrolled_at_destination_holds_back_only_the_medical_application(make_draft, today):
    a = assess(make_draft({"transfer.enrol_month": "2026-12"}), today)
    assert [f.blocks for f in a.errors] == [("medical_application",)]
    assert held(a) == ["medical_application"]
    silent = assess(make_draft({"transfer.enrol_month": "2026-11"}), today)
    assert held(silent) == []


def test_retiree_moving_the_pension_holds_back_only_the_pension_documents(make_draft, today):
    a = assess(make_draft({"transfer.retired": True, "transfer.pension_moves": True, "transfer.pension": PENSION}),
               today)
    assert held(a) == ["pension_application", "pension_voucher_request"]
    assert printable(a) == ["guide", "medical_application", "certificate_request"]


def test_every_error_rule_names_documents_of_the_packet():
    doc_ids = {d.id for d in guide_facts.load_guide_data().documents}
    for rule in load_ruleset().rules:
        if rule.blocks is not None:
            assert rule.severity == "error", rule.id
            assert rule.blocks and set(rule.blocks) <= doc_ids, rule.id


# --- field errors hold back what prints the field --------------------------------------

def test_a_bad_optional_field_holds_back_the_documents_printing_it(make_draft, today):
    draft = make_draft({"transfer.filer": "agent",
                        "transfer.agent": {"name": "王测代", "id_type": "passport", "id_number": "E12345678",
                                           "phone": "13900139000", "relation": "朋友"},
                        "identity.postcode": "12"})
    a = assess(draft, today)
    bad = next(f for f in a.errors if f.path == "identity.postcode")
    assert set(bad.blocks) == {"guide", "medical_application", "certificate_request"}
    assert printable(a) == ["power_of_attorney"]  # it prints no postcode
    assert a.application is not None and a.application.identity.postcode is None


def test_a_bad_required_field_leaves_nothing_to_print_from(make_draft, today):
    a = assess(make_draft({"identity.phone": "12"}), today)
    assert a.application is None
    assert printable(a) == []
    assert held(a) == ["guide", "medical_application", "certificate_request"]
    assert a.errors[0].blocks == ("guide", "medical_application", "certificate_request")
    assert packet_of(a, today) is None


def test_a_pension_office_error_holds_back_the_pension_application_only(make_draft, today):
    pension = {**PENSION, "origin_office": {"name": "深圳市社会保险基金管理局", "phone": "call us"}}
    a = assess(make_draft({"transfer.pension_moves": True, "transfer.pension": pension}), today)
    assert held(a) == ["guide", "pension_application"]
    assert printable(a) == ["medical_application", "certificate_request", "pension_voucher_request"]


def test_an_error_of_the_whole_case_holds_back_everything():
    finding = Finding("same_area", Severity.ERROR, "transfer.destination.area_code", "", "")
    assert blocked_by(finding, ["guide", "medical_application", "power_of_attorney"]) == (
        "guide", "medical_application", "power_of_attorney")


def test_warnings_hold_nothing_back():
    finding = Finding("x", Severity.WARNING, "identity.name", "", "")
    assert blocked_by(finding, ["guide", "medical_application"]) == ()


def test_printed_paths_follow_declared_property_inputs():
    prints = printed_by()
    assert "identity.social_security_number" in prints["medical_application"]  # via social_security_no
    assert "history.months_paid" in prints["medical_application"]              # via Period.paid
    assert "transfer.pension.origin_office.name" in prints["pension_voucher_request"]  # the addressee
    assert "transfer.pension.origin_office.phone" not in prints["pension_voucher_request"]
    # The request's opening sentence follows the origin's last period and the stop month: an
    # error there holds the request back (before, the property's own name stood in its place,
    # which no finding's path can match).
    assert {"history.status", "transfer.stop_month"} <= prints["certificate_request"]
    assert "certificate_request_ask" not in prints["certificate_request"]
    finding = Finding("x", Severity.ERROR, "history.1.status", "", "")
    assert "certificate_request" in blocked_by(finding, ["guide", "medical_application", "certificate_request"])


def test_a_root_property_that_declares_nothing_stands_for_every_answer():
    from app.formspec.fieldpaths import inputs

    assert inputs("origin_periods") == ("",)   # no @reads: everything (the model that holds it)
    assert inputs("origin_scheme") == ("transfer.origin.area_code", "history.area_code", "history.end",
                                       "history.scheme")


# --- documents from the forms' requires ------------------------------------------------

@pytest.mark.parametrize(
    ("changes", "docs"),
    [
        pytest.param({}, ["guide", "medical_application", "certificate_request"], id="self"),
        pytest.param({"transfer.pension_moves": True, "transfer.pension": PENSION},
                     ["guide", "medical_application", "certificate_request", "pension_application",
                      "pension_voucher_request"], id="pension"),
        pytest.param({"transfer.pension": PENSION}, ["guide", "medical_application", "certificate_request"],
                     id="pension-kept-but-not-moving"),
    ],
)
def test_documents_follow_the_forms_requires(make_draft, today, changes, docs):
    assert [d.doc_id for d in assess(make_draft(changes), today).documents] == docs


def test_guide_documents_do_not_restate_the_forms_requires():
    """A form's structural condition lives in its file; guide.json may add case conditions only."""
    data = json.loads((paths.RESOURCES / "guide" / "guide.json").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        assert not {"pension", "agent"} & set(doc.get("when", [])), doc["id"]


# --- the guide with held-back documents ------------------------------------------------

def test_guide_lists_the_held_back_document_and_puts_its_error_first(make_draft, today):
    a = assess(make_draft({"transfer.stop_month": "2026-12"}), today)
    packet = packet_of(a, today)
    assert [h.doc_id for h in packet.held_back] == ["medical_application"]
    assert packet.findings[0].code == "MED-STOP-AT-ORIGIN"
    material = next(m for m in packet.guide.materials if m.material_id == "medical_application")
    assert material.printed == 0 and "暂不打印" in material.detail_zh
    assert packet.guide.steps[0].step_id == "stop" and not packet.guide.steps[0].done  # what comes next


# --- pension offices ---------------------------------------------------------------------

def _pension_steps(packet):
    return [s for s in packet.guide.steps if s.step_id.startswith("pension")]


def test_pension_steps_never_print_the_medical_agency(make_draft, today):
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": PENSION})
    packet = packet_of(assess(draft, today), today)
    steps = _pension_steps(packet)
    assert [s.step_id for s in steps] == ["pension_voucher", "pension_apply", "pension"]
    for s in steps:
        medical = draft.transfer.origin if s.office.role == "origin" else draft.transfer.destination
        assert s.office.name != medical.name and "社会保险经办机构" in s.office.name
        assert s.office.address is None and s.office.phone is None
        assert "人社" in s.office.ask_zh


def test_pension_steps_print_the_named_pension_offices(make_draft, today):
    pension = {**PENSION,
               "origin_office": {"name": "深圳市社会保险基金管理局福田分局", "address": "深圳市福田区示例路 9 号",
                                 "phone": "0755-88886666"},
               "destination_office": {"name": "杭州市社会保险管理服务中心", "phone": "0571-86668888"}}
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": pension})
    steps = {s.step_id: s.office for s in _pension_steps(packet_of(assess(draft, today), today))}
    assert steps["pension_voucher"].name == "深圳市社会保险基金管理局福田分局"
    assert steps["pension_voucher"].phone == "0755-88886666" and steps["pension_voucher"].ask_zh == ""
    assert steps["pension_apply"].name == "杭州市社会保险管理服务中心"
    assert steps["pension_apply"].address is None and steps["pension_apply"].phone == "0571-86668888"


def test_pension_application_goes_to_the_new_place_when_the_medical_one_is_filed_at_the_origin(make_draft, today):
    draft = make_draft({"transfer.pension_moves": True, "transfer.pension": PENSION, "transfer.filed_at": "origin"})
    packet = packet_of(assess(draft, today), today)
    apply_medical = next(s for s in packet.guide.steps if s.step_id == "apply")
    apply_pension = next(s for s in packet.guide.steps if s.step_id == "pension_apply")
    assert apply_medical.office.role == "origin"
    assert apply_pension.office.role == "destination"


def test_build_packet_without_held_back_documents_is_unchanged(make_draft, today):
    a = assess(make_draft(), today)
    assert build_packet(a.application, today).doc_ids == packet_of(a, today).doc_ids
