"""GB/T 2260 look-up, province names and the area picker's search (app.domain.regions).

Reads the shipped resources/regions/gbt2260.json; the codes are public facts, no person appears.
"""

import ast
import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import paths
from app.domain import regions
from app.domain.regions import Region

MODULE = Path(regions.__file__)


def codes(found: list[Region]) -> list[str]:
    return [r.code for r in found]


# --- get ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "name", "full_name"),
    [
        ("110108", "海淀区", "北京市海淀区"),
        ("440306", "宝安区", "广东省深圳市宝安区"),
        ("310115", "浦东新区", "上海市浦东新区"),
        ("110114", "昌平区", "北京市昌平区"),  # municipality: no "市辖区" in the middle
        ("500101", "万州区", "重庆市万州区"),
        ("440300", "深圳市", "广东省深圳市"),
        ("440000", "广东省", "广东省"),
        ("429004", "仙桃市", "湖北省仙桃市"),  # under 省直辖县级行政单位, which is left out
    ],
)
def test_get_current_code_gives_name_and_full_name(code, name, full_name):
    region = regions.get(code)
    assert region is not None
    assert (region.code, region.name, region.full_name) == (code, name, full_name)
    assert region.province_code == code[:2]
    assert region.current is True
    assert region.last_year is None


def test_get_shenzhen_baoan_has_pinyin_for_the_picker():
    region = regions.get("440306")
    assert (region.initials, region.pinyin) == ("baq", "baoanqu")
    assert (regions.get("110000").initials, regions.get("110000").pinyin) == ("bjs", "beijingshi")


def test_get_historical_chongwen_ended_2010_and_is_not_current():
    region = regions.get("110103")
    assert region.name == "崇文区"
    assert region.full_name == "北京市崇文区"
    assert region.last_year == 2010
    assert region.current is False


def test_get_changping_district_starts_1999():
    region = regions.get("110114")
    assert (region.first_year, region.last_year, region.current) == (1999, None, True)


def test_get_renamed_code_shows_its_latest_name():
    assert regions.get("130502").name == "襄都区"  # 桥东区 until 2019
    assert regions.get("120110").name == "东丽区"  # 东郊区 until 1991


@pytest.mark.parametrize(
    ("code", "name", "first_year"),
    [("810000", "香港特别行政区", 1997), ("820000", "澳门特别行政区", 1999), ("830000", "台湾地区", 2018)],
)
def test_get_hong_kong_macao_taiwan_id_codes(code, name, first_year):
    region = regions.get(code)
    assert (region.name, region.full_name, region.province_code) == (name, name, code[:2])
    assert (region.first_year, region.last_year, region.current) == (first_year, None, True)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("000000", "no province 00"),
        ("440399", "no such county in 深圳"),
        ("4403", "not six digits"),
        ("", "empty"),
        ("４４０３０６", "fullwidth digits are the caller's to normalize"),
        (" 440306", "surrounding space is the caller's to strip"),
        (440306, "not a string"),
        (None, "not a string"),
    ],
)
def test_get_unknown_or_malformed_code_gives_none(code, reason):
    assert regions.get(code) is None, reason


def test_get_corrected_codes_are_not_current():
    # loc.dat gives them no years; see "corrections" in the json
    for code in ("422900", "422921", "429001"):
        assert regions.get(code).current is False, code
    assert regions.get("429021").current is True  # 神农架林区 today
    assert regions.get("421300").current is True  # 随州市 today


def test_region_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        regions.get("440306").name = "x"


# --- provinces ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code2", "name"),
    [
        ("11", "北京市"), ("44", "广东省"), ("50", "重庆市"), ("65", "新疆维吾尔自治区"),
        ("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区"), ("83", "台湾地区"),
    ],
)
def test_province_name_known_code(code2, name):
    assert regions.province_name(code2) == name


@pytest.mark.parametrize("code2", ["00", "16", "99", "72", "4", "440", "", "４４", None])
def test_province_name_unknown_code_gives_none(code2):
    assert regions.province_name(code2) is None


@pytest.mark.parametrize(
    "code2",
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
     "65", "71", "81", "82", "83"],
)
def test_is_known_province_valid(code2):
    assert regions.is_known_province(code2)


@pytest.mark.parametrize(
    ("code2", "reason"),
    [
        ("00", "no province 00"),
        ("10", "region 1 starts at 11"),
        ("16", "region 1 ends at 15"),
        ("20", "region 2 starts at 21"),
        ("24", "region 2 ends at 23"),
        ("38", "region 3 ends at 37"),
        ("47", "region 4 ends at 46"),
        ("49", "Chongqing is 50; 4x stops at 46"),
        ("55", "region 5 ends at 54"),
        ("66", "region 6 ends at 65"),
        ("70", "Taiwan is 71 only"),
        ("72", "Taiwan is 71 only"),
        ("80", "region 8 starts at 81"),
        ("84", "region 8 ends at 83"),
        ("91", "region 9 is not used"),
        ("99", "region 9 is not used"),
        ("1", "one digit"),
        ("110", "three digits"),
        ("", "empty"),
        ("１１", "fullwidth digits"),
    ],
)
def test_is_known_province_invalid(code2, reason):
    assert not regions.is_known_province(code2), reason


def test_known_provinces_are_exactly_the_files_current_provinces():
    in_file = {r.province_code for r in regions.all_regions() if r.code.endswith("0000") and r.current}
    assert in_file == set(regions.KNOWN_PROVINCES)


# --- search ------------------------------------------------------------------------------

def test_search_code_prefix_finds_shenzhen_first_then_its_districts():
    found = regions.search("4403")
    assert found[0].code == "440300"
    assert "440306" in codes(found)
    assert all(r.code.startswith("4403") for r in found)


def test_search_exact_code_comes_first():
    assert regions.search("440306")[0].code == "440306"


def test_search_chinese_substring_finds_baoan():
    assert regions.search("宝安")[0].code == "440306"


def test_search_city_name_finds_the_city_first_then_its_counties_by_full_name():
    found = regions.search("深圳")
    assert found[0].code == "440300"
    assert "440306" in codes(found)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [("baq", "440306"), ("baoan", "440306"), ("baoanqu", "440306"), ("BaoAn", "440306"),
     ("bao an", "440306"), ("Ｂａｏａｎ", "440306"), ("bjs", "110000"), ("beijing", "110000"),
     ("lvchun", "532531")],
)
def test_search_pinyin_and_initials(query, expected_first):
    assert regions.search(query)[0].code == expected_first


def test_search_initials_prefix_finds_shenzhen_among_others():
    found = regions.search("szs")
    assert "440300" in codes(found)
    assert all(r.initials.startswith("szs") or r.pinyin.startswith("szs") for r in found)


def test_search_fullwidth_digits_from_an_input_method_work():
    assert codes(regions.search("４４０３")) == codes(regions.search("4403"))


@pytest.mark.parametrize("query", ["", "   ", "\u3000", "'"])
def test_search_empty_query_gives_nothing(query):
    assert regions.search(query) == []


def test_search_respects_limit():
    assert len(regions.search("区", limit=5)) == 5
    assert regions.search("区", limit=0) == []


def test_search_current_only_hides_historical_codes():
    assert regions.search("崇文") == []
    assert codes(regions.search("崇文", current_only=False)) == ["110103"]


def test_search_ranks_current_before_historical_in_the_same_tier():
    found = regions.search("随州市", current_only=False)
    assert found[0].code == "421300"
    current = [r.current for r in found if r.name == "随州市"]
    assert current == sorted(current, reverse=True)


def test_search_ranks_shorter_names_first_within_a_tier():
    found = regions.search("szs")
    lengths = [len(r.name) for r in found if r.initials == "szs"]
    assert lengths == sorted(lengths)


def test_search_never_returns_grouping_codes():
    assert regions.search("市辖区") == []
    assert "110100" not in codes(regions.search("1101", limit=100))


@given(st.text(max_size=12), st.integers(min_value=-1, max_value=30), st.booleans())
def test_search_any_text_returns_at_most_limit_regions(query, limit, current_only):
    found = regions.search(query, limit=limit, current_only=current_only)
    assert len(found) <= max(limit, 0)
    assert all(isinstance(r, Region) for r in found)
    if current_only:
        assert all(r.current for r in found)


# --- all_regions, data_info, the file ----------------------------------------------------

def test_all_regions_sorted_unique_and_counted():
    everything = regions.all_regions()
    all_codes = [r.code for r in everything]
    assert all_codes == sorted(set(all_codes))
    assert len(everything) == regions.data_info()["count"] > 6000


def test_data_info_states_source_and_build_date():
    info = regions.data_info()
    assert info["standard"] == "GB/T 2260"
    assert "python-stdnum" in info["source"]
    assert "wikipedia" in info["source"]
    datetime.date.fromisoformat(info["built"])
    assert info["current_count"] == sum(r.current for r in regions.all_regions())


def test_shipped_json_states_source_standard_history_and_date():
    doc = json.loads((paths.REGIONS / "gbt2260.json").read_text(encoding="utf-8"))
    assert doc["standard"] == "GB/T 2260"
    assert doc["includes_historical"] is True
    datetime.date.fromisoformat(doc["built"])
    source = doc["source"]
    assert source["package"] == "python-stdnum" and source["version"]
    assert source["upstream"] and all("zh.wikipedia.org" in url for url in source["upstream"])


def test_module_imports_no_gui_pdf_or_pinyin_library():
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"PySide6", "reportlab", "pypinyin"}


# --- pooling areas ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "area_id", "level", "certain"),
    [
        ("110108", "11", "municipality", True),
        ("500236", "50", "municipality", True),
        ("440305", "4403", "prefecture", True),
        ("429004", "429004", "county", True),
        ("440000", "440000", "province", False),
        ("440399", "4403", "prefecture", False),
    ],
)
def test_pooling_area_of_a_code(code, area_id, level, certain):
    area = regions.pooling_area(code)
    assert (area.id, area.level, area.certain) == (area_id, level, certain)
    assert area.source


@pytest.mark.parametrize("code", ["", "11010", "1101088", "１１０１０８", "abcdef", None])
def test_pooling_area_of_anything_else_is_none(code):
    assert regions.pooling_area(code) is None


def test_same_pooling_is_symmetric_on_the_table_cases():
    pairs = [("110108", "110105"), ("440000", "440305"), ("429004", "429005"), ("440305", "330106")]
    for a, b in pairs:
        assert regions.same_pooling(a, b) == regions.same_pooling(b, a)


def test_pooling_info_names_its_date_and_sources():
    info = regions.pooling_info()
    assert info["compiled_on"] and {"gbt2260", "43hao", "municipalities"} <= set(info["sources"])
