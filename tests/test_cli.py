"""The command line: `id`, `check` and `schema`, their exit codes, JSON and text output.

Most cases call app.cli.main in-process (fast); a few run `python -m app` in a subprocess to
check the real entry point, exit status and UTF-8 output.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app import cli
from app.storage import drafts
from app.domain.idnumbers import make_id_number

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "01-employee-job-change-cross-province.json"
TODAY = "2026-11-23"

CITIZEN = make_id_number("440305", date(1990, 5, 12), "013")  # male, 广东省深圳市南山区
CITIZEN_FEMALE = make_id_number("110101", date(1988, 2, 29), "048")
HK_PERMIT = make_id_number("810000", date(1985, 3, 4), "021")
FOREIGNER = make_id_number("915840", date(1985, 3, 4), "022")
UNLISTED_COUNTY = make_id_number("110199", date(1990, 5, 12), "013")


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *argv], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


# ------------------------------------------------------------------ id


@pytest.mark.parametrize(
    ("number", "kind", "region", "birth", "sex"),
    [
        pytest.param(CITIZEN, "citizen", "广东省深圳市南山区", "1990-05-12", "male", id="citizen"),
        pytest.param(CITIZEN_FEMALE, "citizen", "北京市东城区", "1988-02-29", "female", id="citizen-female-leap-day"),
        pytest.param(HK_PERMIT, "hmt_resident", "香港特别行政区", "1985-03-04", "male", id="hk-residence-permit"),
        pytest.param(FOREIGNER, "foreign_pr", None, "1985-03-04", "female", id="foreigner-2023-starting-9"),
        pytest.param(fullwidth(CITIZEN), "citizen", "广东省深圳市南山区", "1990-05-12", "male", id="fullwidth-digits"),
    ],
)
def test_id_valid_number_json_fields(capsys, number, kind, region, birth, sex):
    code, out, _ = run_main(capsys, "id", number, "--json", "--today", TODAY)
    data = json.loads(out)
    assert code == 0
    assert data["valid"] is True
    assert (data["kind"], data["region"], data["birth_date"], data["sex"]) == (kind, region, birth, sex)
    assert data["number"].isascii() and len(data["number"]) == 18
    assert data["region_known"] is (region is not None)


def test_id_lowercase_x_is_upper_cased(capsys):
    number = next(n for n in (make_id_number("110101", date(1991, 2, 3), f"{s:03d}") for s in range(100))
                  if n.endswith("X"))
    _, out, _ = run_main(capsys, "id", number.lower(), "--json", "--today", TODAY)
    assert json.loads(out)["number"] == number


def test_id_unlisted_county_is_valid_but_region_unknown(capsys):
    code, out, _ = run_main(capsys, "id", UNLISTED_COUNTY, "--json", "--today", TODAY)
    data = json.loads(out)
    assert code == 0 and data["region"] is None and data["region_known"] is False and data["province"] == "北京市"


@pytest.mark.parametrize(
    ("number", "error"),
    [
        pytest.param(CITIZEN[:-1] + ("0" if CITIZEN[-1] != "0" else "1"), "id_checksum", id="checksum"),
        pytest.param(CITIZEN[:10], "id_length", id="too-short"),
        pytest.param("abc", "id_chars", id="letters"),
        pytest.param(make_id_number("440305", date(2027, 1, 1), "013"), "id_birth_future", id="born-after-today"),
    ],
)
def test_id_invalid_number_exits_1_with_code_and_both_messages(capsys, number, error):
    code, out, _ = run_main(capsys, "id", number, "--json", "--today", TODAY)
    data = json.loads(out)
    assert code == 1
    assert data["valid"] is False and data["code"] == error
    assert data["message_zh"] and data["message_en"] and "{" not in data["message_zh"] + data["message_en"]


def test_id_text_output_in_chinese(capsys):
    code, out, _ = run_main(capsys, "id", CITIZEN, "--today", TODAY)
    assert code == 0
    assert out.splitlines() == [f"有效  {CITIZEN}", "类型：公民身份号码", "地区：广东省深圳市南山区",
                                "出生日期：1990-05-12", "性别：男"]


def test_id_text_output_in_english(capsys):
    code, out, _ = run_main(capsys, "id", HK_PERMIT, "--today", TODAY, "--lang", "en")
    assert code == 0
    assert "Kind: HK/Macao/Taiwan residence permit number" in out and "Sex: male" in out


def test_id_text_output_for_unlisted_county_says_so(capsys):
    _, out, _ = run_main(capsys, "id", UNLISTED_COUNTY, "--today", TODAY)
    assert "区划代码表中未找到此代码" in out


def test_id_invalid_text_output(capsys):
    code, out, _ = run_main(capsys, "id", "123", "--today", TODAY, "--lang", "en")
    assert code == 1 and out.startswith("Not valid: ")


def test_id_malformed_today_exits_2(capsys):
    code, out, err = run_main(capsys, "id", CITIZEN, "--today", "2026-13-01")
    assert code == 2 and out == "" and err.startswith("transfer-helper: ")


# ------------------------------------------------------------------ check


@pytest.fixture
def broken_file(tmp_path, make_draft) -> Path:
    path = tmp_path / "broken.json"
    drafts.save(make_draft({"identity.phone": "123", "transfer.retired": True}), path)
    return path


@pytest.fixture
def unreadable_file(tmp_path) -> Path:
    path = tmp_path / "damaged.json"
    path.write_text('{"format": "transfer-helper-draft", "schema_version": 1, "identity": {"name": #}}')
    return path


def test_check_printable_draft_exits_0_with_json_report(capsys):
    code, out, _ = run_main(capsys, "check", str(EXAMPLE), "--json", "--today", TODAY)
    report = json.loads(out)
    assert code == 0
    assert report["readable"] is True and report["printable"] is True
    assert isinstance(report["findings"], list) and report["findings"]
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "path", "message_zh", "message_en", "rule_id", "source", "blocks"}
        assert finding["blocks"] == []  # nothing is held back by a warning or a note
        assert finding["severity"] in {"error", "warning", "info"}


def test_check_draft_with_errors_exits_1_and_lists_them(capsys, broken_file):
    code, out, _ = run_main(capsys, "check", str(broken_file), "--json", "--today", TODAY)
    report = json.loads(out)
    assert code == 1
    assert report["readable"] is True and report["printable"] is False
    assert [(f["code"], f["path"]) for f in report["findings"] if f["severity"] == "error"] == [
        ("phone_format", "identity.phone")]
    rule = next(f for f in report["findings"] if f["code"] == "MED-SCOPE-RETIREE")
    assert rule["rule_id"] == "MED-SCOPE-RETIREE" and rule["source"]


def test_check_unreadable_file_exits_2_with_json_code(capsys, unreadable_file):
    code, out, _ = run_main(capsys, "check", str(unreadable_file), "--json")
    report = json.loads(out)
    assert code == 2
    assert report["readable"] is False and report["code"] == "not_json"
    assert report["message_zh"] and report["message_en"]


def test_check_missing_file_exits_2_with_message_on_stderr(capsys, tmp_path):
    code, out, err = run_main(capsys, "check", str(tmp_path / "nope.json"), "--lang", "en")
    assert code == 2 and out == "" and err.startswith("The file cannot be read")


def test_check_text_output_in_chinese(capsys, broken_file):
    code, out, _ = run_main(capsys, "check", str(broken_file), "--today", TODAY)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("[错误] 联系电话：")
    assert any(line.startswith("[提醒] ") for line in lines)
    assert any(line.strip().startswith("依据: 医保办发〔2021〕43号") for line in lines)
    assert lines[-1] == "共 1 个错误、1 个提醒、1 条说明。有错误：相关的文件要改正后才能打印。"


def test_check_text_output_in_english(capsys):
    code, out, _ = run_main(capsys, "check", str(EXAMPLE), "--today", TODAY, "--lang", "en")
    assert code == 0
    assert out.splitlines()[0].startswith("[INFO] Insurance history: ")
    assert out.splitlines()[-1].endswith("Ready to print.")


def test_check_uses_today_option_for_date_rules(capsys, tmp_path, make_draft):
    path = tmp_path / "future.json"
    drafts.save(make_draft({"transfer.enrol_month": "2026-12"}), path)
    assert run_main(capsys, "check", str(path), "--today", TODAY)[0] == 1
    assert run_main(capsys, "check", str(path), "--today", "2026-12-15")[0] == 0


# ------------------------------------------------------------------ schema and the entry point


def test_schema_prints_json_schema_of_a_draft(capsys):
    code, out, _ = run_main(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert {"format", "schema_version", "identity", "history", "transfer"} <= set(schema["properties"])
    assert schema["properties"]["format"]["const"] == drafts.FORMAT
    assert "format" in schema["required"]


def test_schema_describes_the_examples(capsys):
    """Every top-level and identity key of a shipped example is described by the schema."""
    _, out, _ = run_main(capsys, "schema")
    schema = json.loads(out)
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert set(example) <= set(schema["properties"])
    identity_ref = schema["properties"]["identity"]["$ref"].rsplit("/", 1)[-1]
    assert set(example["identity"]) <= set(schema["$defs"][identity_ref]["properties"])


def test_version_option_prints_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert "transfer-helper 0.1.0" in capsys.readouterr().out


def test_subprocess_id_valid_and_invalid_exit_codes():
    valid = run_process("id", HK_PERMIT, "--json", "--today", TODAY)
    assert valid.returncode == 0 and json.loads(valid.stdout)["kind"] == "hmt_resident"
    invalid = run_process("id", "440305199005120130", "--today", TODAY)
    assert invalid.returncode == 1 and invalid.stdout.startswith("无效：")


def test_subprocess_check_exit_codes_0_1_2(broken_file, unreadable_file):
    assert run_process("check", str(EXAMPLE), "--today", TODAY).returncode == 0
    assert run_process("check", str(broken_file), "--today", TODAY).returncode == 1
    unreadable = run_process("check", str(unreadable_file), "--json")
    assert unreadable.returncode == 2 and json.loads(unreadable.stdout)["readable"] is False


def test_subprocess_schema_is_valid_json():
    done = run_process("schema")
    assert done.returncode == 0 and "identity" in json.loads(done.stdout)["properties"]
