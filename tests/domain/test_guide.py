"""The guide's facts: steps in order for the case, offices, materials, and dates in working days."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import paths
from app.storage import drafts
from app.domain import guide, workdays
from app.domain.application import ApplicationDraft, complete
from app.domain.enums import FiledAt, PeriodStatus
from app.domain.packet import build_packet

TODAY = date(2026, 11, 23)


def example(stem: str) -> ApplicationDraft:
    return drafts.load(paths.EXAMPLES / f"{stem}.json")


def guide_of(draft: ApplicationDraft, today: date = TODAY, built_on: date | None = None) -> guide.Guide:
    """The guide of a draft completed on `today`, built as of `built_on` (default: today)."""
    return build_packet(complete(draft, today), built_on or today).guide


def step(g: guide.Guide, step_id: str) -> guide.Step:
    return next(s for s in g.steps if s.step_id == step_id)


def all_text(g: guide.Guide) -> str:
    parts = [g.title_zh, *vars_text(g.summary)]
    for s in g.steps:
        parts += [s.title_zh, s.title_en, *s.do_zh, *s.do_en, s.receive_zh, s.receive_en]
    for m in g.materials:
        parts += [m.name_zh, m.name_en, m.detail_zh, m.detail_en]
    parts += [n.text_zh + n.text_en for n in g.notes]
    return "\n".join(parts)


def vars_text(summary: guide.Summary) -> list[str]:
    return [v for v in (getattr(summary, f) for f in summary.__dataclass_fields__) if isinstance(v, str)]


# --- steps --------------------------------------------------------------------------

def test_steps_at_destination_follow_the_national_flow():
    g = guide_of(example("01-employee-job-change-cross-province"))
    assert [s.step_id for s in g.steps] == ["stop", "certificate", "enrol", "apply", "transfer_out", "transfer_in"]
    assert [s.number for s in g.steps] == list(range(1, 7))


def test_pension_adds_its_own_step_with_the_66_chain():
    g = guide_of(example("04-employee-with-pension"))
    assert g.steps[-1].step_id == "pension"
    assert [d.total_workdays for d in g.steps[-1].due] == [15, 30, 45]
    assert all(d.source.startswith("国办发〔2009〕66号") for d in g.steps[-1].due)
    # the voucher is already issued (its number is filled in): no step to ask for it
    assert "pension_voucher" not in [s.step_id for s in g.steps]
    assert "养老" not in "".join(step(g, "certificate").do_zh)  # the medical agency is another body
    no_voucher = example("04-employee-with-pension")
    no_voucher.transfer.pension.voucher_number = None
    assert "申请开具《基本养老保险参保缴费凭证》" in "".join(step(guide_of(no_voucher), "pension_voucher").do_zh)


def test_filed_at_origin_has_no_separate_certificate_step_and_files_at_the_origin():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.filed_at = FiledAt.ORIGIN
    g = guide_of(draft)
    assert "certificate" not in [s.step_id for s in g.steps]
    apply = step(g, "apply")
    assert apply.office.role == "origin" and apply.office.name == draft.transfer.origin.name
    assert "certificate_request" in [m.material_id for m in apply.bring]
    assert "certificate" not in [m.material_id for m in g.materials]  # the 参保凭证 is for the destination


def test_filed_at_destination_brings_the_certificate_not_its_request():
    apply = step(guide_of(example("01-employee-job-change-cross-province")), "apply")
    ids = [m.material_id for m in apply.bring]
    assert "certificate" in ids and "certificate_request" not in ids
    assert apply.office.role == "destination"


def test_offices_come_from_the_applications_agencies():
    draft = example("05-filed-by-agent")
    g = guide_of(draft)
    origin, destination = draft.transfer.origin, draft.transfer.destination
    cert = step(g, "certificate").office
    assert (cert.role_zh, cert.name, cert.address, cert.phone) == ("转出地", origin.name, origin.address, origin.phone)
    inn = step(g, "transfer_in").office
    assert (inn.role_zh, inn.name, inn.phone) == ("转入地", destination.name, destination.phone)


def test_stopped_and_enrolled_steps_are_marked_done_with_the_months():
    g = guide_of(example("05-filed-by-agent"))
    stop, enrol = step(g, "stop"), step(g, "enrol")
    assert stop.done and "2026年5月" in stop.do_zh[0] and stop.bring == ()
    assert enrol.done and "2026年6月" in enrol.do_zh[0]
    assert g.summary.first_zh.startswith("第 2 步")


def test_before_the_stop_month_the_stop_step_is_still_to_do():
    # Completed today, but the guide built as of a day before the stop month (2026-05).
    g = guide_of(example("05-filed-by-agent"), built_on=date(2026, 4, 1))
    stop = step(g, "stop")
    assert not stop.done and stop.bring and stop.receive_zh
    assert not step(g, "enrol").done
    assert g.summary.first_zh.startswith("第 1 步")


def test_employee_account_balance_moves_resident_has_no_account():
    employee = guide_of(example("01-employee-job-change-cross-province"))
    assert "12,345.67" in "".join(step(employee, "transfer_out").do_zh)
    assert "个人账户余额到账后" in "".join(step(employee, "transfer_in").do_zh)
    resident = guide_of(example("02-resident-hukou-move"))
    assert "没有个人账户" in "".join(step(resident, "transfer_in").do_zh)
    assert "个人账户余额" not in "".join(step(resident, "transfer_out").do_zh)


def test_type_change_note_follows_the_rules_that_hold():
    notes = {n.note_id: n for n in guide_of(example("03-employee-to-resident")).notes}
    assert "type_change" in notes
    # 26 years of cover, a gap of 1 month: retroactive, and no waiting period is said
    assert "追溯" in notes["type_change"].text_zh and "等待期" not in notes["type_change"].text_zh
    assert notes["type_change"].source.startswith("医保办发〔2021〕43号")
    long_gap = example("03-employee-to-resident")
    long_gap.transfer.enrol_month = "2026-08"
    text = {n.note_id: n for n in guide_of(long_gap).notes}["type_change"].text_zh
    assert "3 个月固定待遇等待期" in text and "不超过 6 个月" not in text and "追溯" not in text
    assert "type_change" not in {n.note_id for n in guide_of(example("01-employee-job-change-cross-province")).notes}


# --- materials ----------------------------------------------------------------------

def material_ids(g: guide.Guide) -> list[str]:
    return [m.material_id for m in g.materials]


def test_self_filing_materials():
    g = guide_of(example("01-employee-job-change-cross-province"))
    assert material_ids(g) == ["id_card", "ss_card", "certificate", "medical_application", "certificate_request"]
    card = g.materials[0]
    assert (card.originals, card.copies) == (1, 1)
    assert "居民身份证" in card.name_zh and "A4" in card.detail_zh and "正反" in card.detail_zh
    application = g.materials[3]
    assert (application.printed, application.document) == (2, "medical_application")
    assert "本人" in application.detail_zh and "亲笔签字" in application.detail_zh


def test_agent_needs_both_ids_and_the_power_of_attorney():
    g = guide_of(example("05-filed-by-agent"))
    ids = material_ids(g)
    assert {"id_card", "agent_id", "power_of_attorney"} <= set(ids)
    agent = g.materials[ids.index("agent_id")]
    assert "女儿" in agent.name_zh and (agent.originals, agent.copies) == (1, 1)
    assert "代办人" in "".join(step(g, "apply").do_zh)


def test_employer_filing_needs_the_seal():
    g = guide_of(example("07-minority-name-employer-files"))
    seal = g.materials[material_ids(g).index("employer_seal")]
    assert "公章" in seal.name_zh and "深圳示例医疗器械有限公司" in seal.detail_zh
    assert "agent_id" not in material_ids(g)


def test_pension_brings_voucher_and_more_id_copies():
    g = guide_of(example("04-employee-with-pension"))
    ids = material_ids(g)
    assert {"pension_voucher", "pension_application"} <= set(ids)
    assert "pension_voucher_request" not in ids  # the voucher number is filled in: it exists
    assert g.materials[ids.index("id_card")].copies == 2


def test_hukou_move_suggests_the_hukou_booklet():
    assert "hukou" in material_ids(guide_of(example("02-resident-hukou-move")))
    assert "hukou" not in material_ids(guide_of(example("01-employee-job-change-cross-province")))


def test_within_one_province_the_certificate_is_said_to_be_normally_unneeded():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.destination.area_code = "440100"
    draft.transfer.destination.area_name = "广东省广州市"
    g = guide_of(draft)
    cert = g.materials[material_ids(g).index("certificate")]
    assert "省内转移一般不需要" in cert.detail_zh


@pytest.mark.parametrize("stem", [p.stem for p in sorted(paths.EXAMPLES.glob("*.json"))])
def test_every_text_is_filled(stem):
    text = all_text(guide_of(example(stem)))
    assert "{" not in text and "}" not in text


# --- dates --------------------------------------------------------------------------

def signed(stem: str, day: date) -> ApplicationDraft:
    draft = example(stem)
    draft.transfer.signed_on = day.isoformat()
    return draft


def test_ten_working_days_across_the_national_day_holiday():
    # Signed Friday 2025-09-26; 9-28 and 10-11 are make-up working days, 10-01..10-08 off.
    g = guide_of(signed("01-employee-job-change-cross-province", date(2025, 9, 26)))
    assert g.base_date == date(2025, 9, 26) and g.base_is_signed_on
    out = step(g, "transfer_out").due[0]
    assert (out.limit_id, out.date, out.estimate) == ("med_2021_out", date(2025, 10, 16), False)
    assert out.text_zh == "预计 2025年10月16日（星期四）前"
    inn = step(g, "transfer_in").due[0]
    assert (inn.date, inn.total_workdays) == (date(2025, 10, 23), 15)
    assert g.summary.finish.date == inn.date
    assert "2025年9月26日" in g.summary.base_zh
    assert not g.estimate and "estimate" not in {n.note_id for n in g.notes}


def test_without_a_signing_date_dates_count_from_today():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.signed_on = None
    g = guide_of(draft)
    assert g.base_date == TODAY and not g.base_is_signed_on
    assert "今天" in g.summary.base_zh
    assert g.summary.finish.date == workdays.add_workdays(TODAY, 15).date


def test_dates_beyond_the_calendar_data_are_marked_estimates_and_printed_as_such():
    late = date(2026, 12, 21)
    g = guide_of(example("05-filed-by-agent"), today=late)
    finish = g.summary.finish
    assert finish.date.year == 2027 and finish.estimate
    assert finish.text_zh.startswith("约 ") and finish.text_zh.endswith("（估算）")
    assert "estimate" in finish.text_en
    assert g.estimate and "estimate" in {n.note_id for n in g.notes}


def test_a_chain_is_an_estimate_once_any_earlier_link_is():
    specs = guide.load_guide_data().time_limits
    dues = guide.due_dates(date(2026, 12, 1), specs)
    # 10 working days stay inside 2026; the paper chain runs into 2027.
    assert not dues["med_2021_out"].estimate
    assert dues["med_2016_out"].estimate and dues["med_2016_in"].estimate


def test_time_limit_cycles_are_refused():
    base = guide.load_guide_data().time_limits[0]
    a = base.model_copy(update={"id": "a", "after": "b"})
    b = base.model_copy(update={"id": "b", "after": "a"})
    with pytest.raises(ValueError, match="cycle"):
        guide.due_dates(TODAY, [a, b])


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2035, 12, 31)))
def test_due_dates_follow_their_chain_on_working_days(start):
    dues = guide.due_dates(start)
    specs = {s.id: s for s in guide.load_guide_data().time_limits}
    last_data_year = workdays.data_years()[1]
    for limit_id, due in dues.items():
        spec = specs[limit_id]
        previous = start if spec.after == guide.ACCEPTED else dues[spec.after].date
        assert workdays.workdays_between(previous, due.date) == spec.workdays
        assert workdays.is_workday(due.date)[0]
        assert due.date > previous
        if due.date.year <= last_data_year:
            assert not due.estimate
        if start.year > last_data_year:
            assert due.estimate


def test_zh_date_names_the_weekday():
    assert guide.zh_date(date(2025, 10, 16)) == "2025年10月16日（星期四）"
    assert guide.zh_date(date(2025, 10, 19)) == "2025年10月19日（星期日）"
    assert guide.zh_date(date(2025, 10, 19), weekday=False) == "2025年10月19日"


# --- the data file ------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def test_every_placeholder_in_the_data_is_known():
    data = guide.load_guide_data()
    known = set(guide.BASE_PLACEHOLDERS)
    for doc in data.documents:
        known |= {pattern.format(doc.id) for pattern in guide.DOCUMENT_PLACEHOLDERS}
    dumped = data.model_dump(exclude={"about"})
    used = {name for text in _texts(dumped) for name in _PLACEHOLDER.findall(text)}
    assert used <= known, used - known


def test_every_reference_in_the_data_resolves():
    data = guide.load_guide_data()
    materials = {m.id for m in data.materials}
    limits = {t.id for t in data.time_limits}
    documents = {d.id for d in data.documents}
    for s in data.steps:
        refs = {r if isinstance(r, str) else r.id for r in s.bring}
        assert refs <= materials, (s.id, refs - materials)
        assert set(s.limits) <= limits, s.id
        assert s.done_if is None or s.done_if in guide.TAGS
        assert (s.done_if is None) == (s.done is None), s.id
    for t in data.time_limits:
        assert t.after == guide.ACCEPTED or t.after in limits, t.id
    for m in data.materials:
        assert m.document is None or m.document in documents, m.id
        assert set(m.copies_when) <= set(guide.TAGS), m.id
    assert data.documents[0].id == "guide"
    assert "med_whole" in limits


def test_unknown_tags_in_the_data_are_rejected():
    with pytest.raises(ValueError, match="unknown tags"):
        guide.Part(zh="x", en="x", when=("pensoin",))


def test_the_day_of_acceptance_is_day_zero():
    # 10 working days from Friday 2025-09-26 span the National Day week: far more than 10 days.
    friday = date(2025, 9, 26)
    assert guide.due_dates(friday)["med_2021_out"].date - friday == timedelta(days=20)


def test_residents_are_never_told_about_a_personal_account_being_computed():
    g = guide_of(example("02-resident-hukou-move"))
    assert "个人账户" not in "".join(step(g, "certificate").do_zh)
    assert "核算个人账户" in "".join(step(guide_of(example("01-employee-job-change-cross-province")), "certificate").do_zh)


# --- the case decides every statement (rules followed, not restated) -----------------------

from app.domain.idnumbers import make_id_number  # noqa: E402


def temporary_account_case() -> ApplicationDraft:
    """A woman of 46 moving from 南京 to 武汉, not her hukou province: 66号 第五条(二)."""
    draft = example("04-employee-with-pension")
    draft.identity.id_number = make_id_number("320102", date(1980, 3, 1), "048")
    draft.identity.hukou_address = "江苏省南京市玄武区样例路 1 号"
    draft.transfer.pension.destination_is_hukou_place = False
    draft.transfer.pension.voucher_number = None
    return draft


def test_temporary_account_case_follows_the_temporary_account_path():
    packet = build_packet(complete(temporary_account_case(), TODAY), TODAY)
    g = packet.guide
    ids = [s.step_id for s in g.steps]
    assert "pension_temporary" in ids and "pension" not in ids
    temp = step(g, "pension_temporary")
    text = "".join(temp.do_zh)
    assert "临时基本养老保险缴费账户" in text and "不转移" in text
    assert temp.due == ()  # no 15 + 15 + 15 working days
    everything = all_text(g)
    assert "转移办结的通知" not in everything and "养老保险转移办结" not in everything
    assert "不用递交养老保险转移申请表" in text  # said at the pension office, not at the medical window
    assert "养老" not in "".join(step(g, "apply").do_zh)
    assert "临时基本养老保险缴费账户" in g.summary.pension_zh
    assert "pension_application" not in packet.doc_ids and "pension_application" not in material_ids(g)
    assert "pension_voucher_request" in packet.doc_ids
    assert "新参保地参保时出示" in packet.document("pension_voucher_request").reason_zh


def test_ordinary_pension_case_keeps_the_transfer_path():
    g = guide_of(example("04-employee-with-pension"))
    assert "pension" in [s.step_id for s in g.steps] and "pension_temporary" not in [s.step_id for s in g.steps]
    assert "同时转移" in g.summary.pension_zh


def test_approved_transfer_brings_the_transfer_approval_and_keeps_the_transfer():
    draft = temporary_account_case()
    draft.transfer.pension.approved_transfer = True
    g = guide_of(draft)
    assert "transfer_approval" in material_ids(g)
    assert "transfer_approval" in [m.material_id for m in step(g, "apply").bring]
    assert "pension" in [s.step_id for s in g.steps]
    assert "transfer_approval" not in material_ids(guide_of(example("04-employee-with-pension")))


def retiree_case() -> ApplicationDraft:
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.retired = True
    return draft


def test_retiree_is_pointed_to_the_registration_instead_of_transfer_steps():
    g = guide_of(retiree_case())
    assert [s.step_id for s in g.steps] == ["retiree_record"]
    text = "".join(g.steps[0].do_zh)
    assert "异地就医备案" in text and "不办理转移" in text
    assert g.summary.first_zh.startswith("第 1 步：在参保地办理异地就医备案")
    assert g.summary.finish is None and "异地就医备案" in g.summary.filing_zh
    assert "医保关系留在" in g.summary.route_zh and "转到" not in g.summary.route_zh
    assert "certificate" not in material_ids(g)
    assert "retiree_record" not in [s.step_id for s in guide_of(example("01-employee-job-change-cross-province")).steps]


def test_hmt_resident_brings_the_permit_and_the_travel_permit(person):
    draft = example("01-employee-job-change-cross-province")
    draft.identity.id_type = "hmt_residence_permit"
    draft.identity.id_number = person["hmt_id_number"]
    draft.identity.sex = None
    draft.identity.birth_date = None
    g = guide_of(draft)
    names = [m.name_zh for m in g.materials]
    assert any("港澳台居民居住证" in n for n in names) and any("通行证" in n for n in names)
    assert "hmt_permit" not in material_ids(guide_of(example("01-employee-job-change-cross-province")))


def test_national_guide_no_longer_states_the_nanjing_first_month_rule():
    for stem in ("01-employee-job-change-cross-province", "02-resident-hukou-move"):
        assert "当月已缴费" not in all_text(guide_of(example(stem)))


def test_balance_is_said_once_and_consistently_for_employee_to_resident():
    draft = example("03-employee-to-resident")
    draft.history[0].account_balance = "800.00"
    g = guide_of(draft)
    out, into = "".join(step(g, "transfer_out").do_zh), "".join(step(g, "transfer_in").do_zh)
    assert "随同划转" not in out and "没有个人账户" in out and "800.00" in out
    assert "没有个人账户" not in into
    assert "缴费年限累计计算" not in into


def test_contribution_years_add_up_only_for_employee_to_employee():
    assert "缴费年限累计计算" in "".join(step(guide_of(example("01-employee-job-change-cross-province")),
                                              "transfer_in").do_zh)
    assert "缴费年限累计计算" not in "".join(step(guide_of(example("02-resident-hukou-move")), "transfer_in").do_zh)


def test_shanghai_pack_note_in_the_guide_names_its_pack():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.origin.area_code = "310115"
    draft.transfer.origin.area_name = "上海市浦东新区"
    draft.history[0].area_code = "310115"
    draft.history[0].area_name = "上海市浦东新区"
    notes = {n.note_id: n for n in guide_of(draft).notes}
    assert notes["shanghai.sh_certificate"].source.startswith("［上海市本地规则包")
    assert "shanghai.sh_certificate" not in {n.note_id for n in guide_of(example("01-employee-job-change-cross-province")).notes}


def test_certificate_letter_asks_to_stop_only_while_coverage_runs():
    app = complete(example("01-employee-job-change-cross-province"), TODAY)
    assert app.origin_stopped
    assert app.certificate_request_ask.startswith("本人已于") and "中止参保。现申请开具" in app.certificate_request_ask
    running = app.model_copy(update={"history": tuple(p.model_copy(update={"status": PeriodStatus.PAYING}) for p in app.history)})
    assert not running.origin_stopped
    assert running.certificate_request_ask == "现申请在贵处中止参保，并开具"


def _office_pack(tmp_path, offices: list[dict]):
    from app.domain import packs

    path = tmp_path / "localpack.json"
    path.write_text(json.dumps({
        "pack": {"id": "localpack", "version": "1", "title_zh": "本地", "title_en": "Local", "compiled_on": "2026-01-01",
                 "areas": ["3301", "4201"], "note_zh": "测试", "note_en": "test"},
        "offices": [{**office, "source": {"document": "测试文件", "article": "第一条"}} for office in offices]},
        ensure_ascii=False), encoding="utf-8")
    return packs.load_pack(path)


def test_a_local_packs_office_completes_what_the_person_left_out_and_nothing_else(tmp_path, monkeypatch):
    from app.domain import packs

    pack = _office_pack(tmp_path, [
        {"kind": "pension", "area_code": "420100", "name": "武汉市社会保险中心", "address": "武汉市样例路 2 号",
         "phone": "027-00000000"},
        {"kind": "medical", "area_code": "330100", "name": "杭州市医疗保障服务中心", "address": "杭州市样例路 9 号",
         "phone": "0571-00000000", "postcode": "310001"}])
    monkeypatch.setattr(packs, "shipped", lambda: (pack,))
    # 04: the destination's pension office is named without address or phone
    with packs.selected(packs.NONE):
        before = step(guide_of(example("04-employee-with-pension")), "pension").office
    assert before.address is None and before.ask_zh
    pension = step(guide_of(example("04-employee-with-pension")), "pension").office
    assert (pension.name, pension.address, pension.phone, pension.ask_zh) == (
        "武汉市社会保险中心", "武汉市样例路 2 号", "027-00000000", "")
    # 01: the destination agency's own address and phone stay; only the missing postcode would be added
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.destination.postcode = None
    inn = step(guide_of(draft), "transfer_in").office
    assert (inn.address, inn.phone, inn.postcode) == ("杭州市上城区样例街 8 号", "0571-87654321", "310001")
    # another agency named by the person: nothing of the pack's office is mixed in
    draft.transfer.destination.name, draft.transfer.destination.address = "杭州市另一个中心", None
    inn = step(guide_of(draft), "transfer_in").office
    assert inn.address is None and inn.postcode is None
