"""Local rule packs: the shipped packs load and change what a case in their area gets (and
nothing elsewhere); the selection (auto, none, one pack) decides which packs speak; the strict
loader names the file and the place of every error."""
from __future__ import annotations

import json
from datetime import date

import pytest

from app.domain import packs, rules
from app.domain.application import check

TODAY = date(2026, 11, 23)
NANJING = {"area_code": "320102", "area_name": "江苏省南京市玄武区", "name": "南京市医疗保障局"}
SHANGHAI = {"area_code": "310115", "area_name": "上海市浦东新区", "name": "上海市浦东新区医疗保障事务中心"}
SHANGHAI_PERIOD = {"area_code": "310115", "area_name": "上海市浦东新区", "scheme": "employee", "start": "2014-01",
                   "end": "2018-12", "status": "terminated"}


def ids(draft, pack_list=None) -> set[str]:
    return {f.rule_id for f in rules.evaluate(draft, TODAY, pack_list)}


def test_shipped_packs_load_with_their_areas_and_sources():
    shipped = {p.id: p for p in packs.shipped()}
    assert set(shipped) >= {"nanjing", "shanghai"}
    assert shipped["nanjing"].pack.areas == ("3201",) and shipped["shanghai"].pack.areas == ("31",)
    for pack in shipped.values():
        for item in (*pack.rules, *pack.overrides, *pack.materials, *pack.notes, *pack.offices):
            assert item.source.document and item.source.article


def test_nanjing_pack_speaks_for_a_transfer_into_nanjing_only(make_draft):
    into = make_draft({"transfer.destination": NANJING})
    assert "NJ-TRANSFER-IN-PAID" in ids(into)
    assert "NJ-TRANSFER-IN-PAID" not in ids(make_draft())           # 杭州: not in the pack's area
    finding = next(f for f in rules.evaluate(into, TODAY) if f.rule_id == "NJ-TRANSFER-IN-PAID")
    assert "南京市本地规则包" in finding.source and "当月已有足额缴费记录" in finding.message_zh


def test_nanjing_pack_transfer_out_rule_for_an_origin_in_nanjing(make_draft):
    out = make_draft({"transfer.origin": NANJING, "history.0.area_code": "320102", "history.0.area_name": "南京"})
    assert "NJ-TRANSFER-OUT-STATUS" in ids(out) and "NJ-TRANSFER-IN-PAID" not in ids(out)


def test_selection_none_and_other_pack_silence_the_nanjing_rule(make_draft):
    into = make_draft({"transfer.destination": NANJING})
    with packs.selected(packs.NONE):
        assert "NJ-TRANSFER-IN-PAID" not in ids(into)
    with packs.selected("shanghai"):
        assert "NJ-TRANSFER-IN-PAID" not in ids(into)
    with packs.selected("nanjing"):
        assert "NJ-TRANSFER-IN-PAID" in ids(into)
    assert packs.selection() == packs.AUTO


def test_selecting_an_unknown_pack_is_refused():
    with pytest.raises(KeyError):
        packs.select("atlantis")
    assert packs.selection() == packs.AUTO


def _shanghai_return(pension_part, **pension) -> dict:
    return {"transfer.destination": SHANGHAI, "history.1": SHANGHAI_PERIOD, "transfer.pension_moves": True,
            "transfer.pension": pension_part(**pension)}


def test_shanghai_pension_return_only_for_a_shanghai_hukou(make_draft, pension_part):
    assert "SH-PENSION-RETURN" in ids(make_draft(_shanghai_return(pension_part, destination_is_hukou_place=True)))
    assert "SH-PENSION-RETURN" not in ids(make_draft(_shanghai_return(pension_part)))


def test_shanghai_pension_return_needs_an_earlier_shanghai_period(make_draft, pension_part):
    changes = _shanghai_return(pension_part, destination_is_hukou_place=True)
    del changes["history.1"]
    assert "SH-PENSION-RETURN" not in ids(make_draft(changes))


def test_pack_findings_reach_check(make_draft):
    result = check(make_draft({"transfer.destination": NANJING}), TODAY)
    assert "NJ-TRANSFER-IN-PAID" in {f.rule_id for f in result.findings}


# --- the format: overrides, the strict loader


def _write(tmp_path, data: dict, name: str = "testpack") -> packs.Pack:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return packs.load_pack(path)


SOURCE = {"document": "测试文件", "article": "第一条"}


def _pack(**parts) -> dict:
    return {"pack": {"id": "testpack", "version": "1", "title_zh": "测试市", "title_en": "Test", "compiled_on": "2026-01-01",
                     "areas": ["3301"], "note_zh": "测试", "note_en": "test"}, **parts}


def test_override_changes_a_national_parameter_and_message_in_the_area_only(tmp_path, make_draft):
    pack = _write(tmp_path, _pack(overrides=[{
        "rule": "MED-GAP-WAITING-PERIOD", "source": SOURCE, "params": {"max_waiting_months": 3},
        "message_zh": "本地等待期最长 {max_waiting_months} 个月（断缴 {gap} 个月）。",
        "message_en": "Local waiting period at most {max_waiting_months} months (gap {gap})."}]))
    draft = make_draft({"transfer.enrol_month": "2026-11"})  # 杭州 330100: in the area
    finding = next(f for f in rules.evaluate(draft, TODAY, [pack]) if f.rule_id == "MED-GAP-WAITING-PERIOD")
    assert finding.message_zh == "本地等待期最长 3 个月（断缴 4 个月）。"
    assert finding.source.startswith("［测试市本地规则包 1］测试文件")
    national = next(f for f in rules.evaluate(draft, TODAY, []) if f.rule_id == "MED-GAP-WAITING-PERIOD")
    assert "6" in national.message_zh


@pytest.mark.parametrize(
    ("parts", "place"),
    [
        ({"rules": [{"id": "T-RULE", "kind": "no_such_kind", "severity": "info", "effective_from": "2021-01-01",
                     "source": SOURCE, "message_zh": "甲", "message_en": "a"}]}, "rules[0].kind"),
        ({"rules": [{"id": "MED-ARREARS", "kind": "transfer_in_here", "severity": "info",
                     "effective_from": "2021-01-01", "source": SOURCE, "message_zh": "甲", "message_en": "a"}]},
         "rules[0].id"),
        ({"overrides": [{"rule": "MED-NOPE", "source": SOURCE}]}, "overrides[0].rule"),
        ({"overrides": [{"rule": "MED-ARREARS", "source": SOURCE, "params": {"months": 2}}]}, "overrides[0].params"),
        ({"notes": [{"id": "n", "where": "origin", "text_zh": "甲", "text_en": "a"}]}, "notes[0].source"),
        ({"offices": [{"kind": "medical", "area_code": "440300", "name": "某局", "source": SOURCE}]},
         "offices[0].area_code"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_loader_names_the_file_and_place_of_each_error(tmp_path, parts, place):
    with pytest.raises(packs.PackError) as caught:
        _write(tmp_path, _pack(**parts))
    assert caught.value.file == "testpack.json"
    assert place in [p for p, _, _ in caught.value.problems]
    assert all(line.startswith("testpack.json: ") for line in caught.value.lines("en"))


def test_loader_refuses_a_pack_whose_id_is_not_its_file_name(tmp_path):
    with pytest.raises(packs.PackError) as caught:
        _write(tmp_path, _pack(), name="other")
    assert [p for p, _, _ in caught.value.problems] == ["pack.id"]


def test_loader_reports_broken_json_with_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"pack": ', encoding="utf-8")
    with pytest.raises(packs.PackError) as caught:
        packs.load_pack(path)
    assert caught.value.problems[0][0].startswith("line 1")
