"""The shipped resources/regions/gbt2260.json: well-formed, consistent, and what its tool builds.

Reads the file directly (not through app.domain.regions) so a loader bug cannot hide a data bug.
"""

import datetime
import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import paths

FILE = paths.REGIONS / "gbt2260.json"
README = paths.REGIONS / "README.md"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_regions.py"
KINDS = {"", "grouping", "id_special"}


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(doc) -> dict[str, dict]:
    return {row[0]: dict(zip(doc["fields"], row, strict=True)) for row in doc["regions"]}


def test_file_is_format_1_with_declared_fields(doc):
    assert doc["format"] == 1
    assert doc["fields"][:2] == ["code", "name"]
    assert all(len(row) == len(doc["fields"]) for row in doc["regions"])


def test_every_code_is_six_ascii_digits_sorted_and_unique(doc):
    codes = [row[0] for row in doc["regions"]]
    assert all(re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert codes == sorted(set(codes))


def test_counts_match_rows(doc, rows):
    assert doc["count"] == len(rows)
    assert doc["current_count"] == sum(r["current"] for r in rows.values())


def test_every_code_has_its_province_with_that_name(rows):
    for code, row in rows.items():
        if code.endswith("0000"):
            assert row["province"] == "", code
            continue
        province = rows.get(code[:2] + "0000")
        assert province is not None, code
        assert row["province"] in _names(province), code


def test_every_county_has_its_prefecture(rows):
    for code, row in rows.items():
        if code[2:4] != "00" and code[4:] != "00":
            prefecture = rows.get(code[:4] + "00")
            assert prefecture is not None, code
            assert row["prefecture"] in _names(prefecture) | {""}, code


def _names(row: dict) -> set[str]:
    return {n[0] for n in row["names"]} if row["names"] else {row["name"]}


def test_years_are_ordered_and_current_means_no_end_year(rows):
    for code, row in rows.items():
        first, last = row["first_year"], row["last_year"]
        assert first is None or 1949 < first <= 2100, code
        assert last is None or first is None or first <= last, code
        assert row["current"] is (last is None), code


def test_name_history_is_oldest_first_and_ends_with_the_display_name(rows):
    for code, row in rows.items():
        names = row["names"]
        if names is None:
            continue
        assert len(names) > 1, code
        assert names[-1][0] == row["name"], code
        assert names[-1][2] == row["last_year"], code
        starts = [n[1] or 0 for n in names]
        assert starts == sorted(starts), code


def test_names_are_simplified_chinese_without_year_markup(rows):
    for code, row in rows.items():
        for name in _names(row):
            assert re.fullmatch(r"[\u4e00-\u9fff]+", name), (code, name)
            assert not set(name) & set("區達嶺稜員會"), (code, name)


def test_pinyin_fields_are_lower_case_letters(rows):
    for code, row in rows.items():
        assert re.fullmatch(r"[a-z]+", row["pinyin"]), code
        assert re.fullmatch(r"[a-z]+", row["initials"]), code
        assert len(row["initials"]) == len(row["name"]), code
        assert row["pinyin"].startswith(row["initials"][0]), code


def test_kinds_and_special_id_codes(rows):
    assert {row["kind"] for row in rows.values()} <= KINDS
    assert [c for c, row in rows.items() if row["kind"] == "id_special"] == ["810000", "820000", "830000"]
    assert rows["110100"]["kind"] == "grouping"


def test_file_states_source_standard_and_date(doc):
    assert doc["standard"] == "GB/T 2260" and doc["includes_historical"] is True
    datetime.date.fromisoformat(doc["built"])
    assert doc["source"]["package"] == "python-stdnum"
    assert len(doc["source"]["upstream"]) == 8
    assert all(c["reason"] for c in doc["corrections"] + doc["added"])


def test_readme_names_the_same_source_version_and_date(doc):
    text = README.read_text(encoding="utf-8")
    assert doc["built"] in text
    assert f"python-stdnum {doc['source']['version']}" in text
    assert "CC BY-SA" in text and "LGPL" in text
    assert "tools/build_regions.py" in text


def rebuild(doc: dict, out: Path, date: str) -> Path:
    """Run the tool into ``out``; skip when the inputs it was built with are not installed."""
    pytest.importorskip("pypinyin", reason="pypinyin is a build-time tool, not installed here")
    installed = {
        "python-stdnum": importlib.metadata.version("python-stdnum"),
        "pypinyin": importlib.metadata.version("pypinyin"),
    }
    recorded = {"python-stdnum": doc["source"]["version"], "pypinyin": doc["tool"]["pypinyin"]}
    if installed != recorded:
        pytest.skip(f"built with {recorded}, installed {installed}: rebuild and review the diff")
    command = [sys.executable, str(TOOL), "--out", str(out), "--date", date]
    subprocess.run(command, check=True, capture_output=True)
    return out / FILE.name


def test_rebuilding_with_the_tool_gives_the_shipped_file(doc, tmp_path):
    # Same date given, so the whole file must match byte for byte.
    assert rebuild(doc, tmp_path, doc["built"]).read_bytes() == FILE.read_bytes()


def test_rebuilding_on_another_day_changes_only_the_date(doc, tmp_path):
    rebuilt = json.loads(rebuild(doc, tmp_path, "2000-01-01").read_text(encoding="utf-8"))
    assert rebuilt.pop("built") == "2000-01-01"
    assert rebuilt == {k: v for k, v in doc.items() if k != "built"}


def test_pooling_table_entries_name_a_source_a_known_level_and_a_real_code():
    from app.domain import regions

    doc = json.loads((paths.REGIONS / "pooling.json").read_text(encoding="utf-8"))
    assert doc["format"] == 1 and doc["compiled_on"] and doc["rule"]
    source_ids = {s["id"] for s in doc["sources"]}
    for source in doc["sources"]:
        assert source["document"].strip() and source["article"].strip()
    for area in doc["areas"]:
        assert area["source"] in source_ids, area
        assert area["level"] in regions.POOLING_LEVELS
        key = area.get("code") or area["prefix"]
        assert regions.get(key.ljust(6, "0")) is not None, key
