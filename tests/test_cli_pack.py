"""`--pack` on check and render: which local packs speak, and a clear refusal of an unknown one."""
from __future__ import annotations

import json

import pytest

from app import paths
from app.cli import main
from app.domain import packs

NANJING_ORIGIN = str(paths.EXAMPLES / "04-employee-with-pension.json")  # 南京 -> 武汉


@pytest.fixture(autouse=True)
def _restore_selection():
    yield
    packs.select(packs.AUTO)


def _rule_ids(capsys, *extra) -> set[str]:
    main(["check", NANJING_ORIGIN, "--json", "--today", "2026-11-23", *extra])
    return {f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"]}


@pytest.mark.parametrize(("option", "speaks"), [((), True), (("--pack", "auto"), True),
                                                (("--pack", "nanjing"), True), (("--pack", "none"), False),
                                                (("--pack", "shanghai"), False)])
def test_check_pack_option_selects_the_local_rules(capsys, option, speaks):
    assert ("NJ-TRANSFER-OUT-STATUS" in _rule_ids(capsys, *option)) is speaks


@pytest.mark.parametrize(("lang", "text"), [("zh", "没有名为“atlantis”的本地规则包"), ("en", "no local pack 'atlantis'")])
def test_unknown_pack_is_refused_with_a_message(capsys, lang, text):
    assert main(["check", NANJING_ORIGIN, "--pack", "atlantis", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert text in err and "nanjing" in err


def test_render_accepts_the_pack_option(tmp_path, capsys):
    assert main(["render", NANJING_ORIGIN, "-o", str(tmp_path), "--pack", "none", "--only", "medical_application",
                 "--today", "2026-11-23"]) == 0
    assert list(tmp_path.glob("*.pdf"))
