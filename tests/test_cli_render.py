"""`transfer-helper render`: PDFs for printable drafts, nothing for refused ones, exit codes."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from app import paths
from app.storage import drafts
from app.cli import main
from app.domain.packet import build_packet
from app.render import fonts

TODAY = "2026-11-23"
EXAMPLES = sorted(paths.EXAMPLES.glob("*.json"))


def run(*args: str) -> int:
    return main(["render", *args, "--today", TODAY, "--invariant"])


def names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def broken_draft(tmp_path, stem: str = "broken"):
    draft = drafts.load(paths.EXAMPLES / "01-employee-job-change-cross-province.json")
    draft.identity.id_number = "430104199005120130"  # wrong check character
    path = tmp_path / f"{stem}.json"
    drafts.save(draft, path)
    return path


@pytest.fixture(scope="module")
def all_examples(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    code = run(*map(str, EXAMPLES), "-o", str(out))
    return code, out


def test_every_example_is_written_with_one_file_per_document_and_the_packet(all_examples):
    from datetime import date

    from app.domain.application import complete

    code, out = all_examples
    assert code == 0
    expected = set()
    for path in EXAMPLES:
        app = complete(drafts.load(path), date.fromisoformat(TODAY))
        doc_ids = build_packet(app, date.fromisoformat(TODAY)).doc_ids
        expected |= {f"{path.stem}.{doc_id}.pdf" for doc_id in (*doc_ids, "packet")}
    assert names(out) == expected  # and no temporary files left behind
    assert "05-filed-by-agent.power_of_attorney.pdf" in expected
    assert "04-employee-with-pension.pension_application.pdf" in expected


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_written_files_are_private(all_examples):
    _, out = all_examples
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_draft_with_errors_is_refused_and_the_others_are_written(tmp_path, capsys):
    out = tmp_path / "out"
    bad = broken_draft(tmp_path)
    good = paths.EXAMPLES / "05-filed-by-agent.json"
    assert run(str(bad), str(good), "-o", str(out)) == 1
    written = names(out)
    assert not any(name.startswith("broken.") for name in written)
    assert "05-filed-by-agent.packet.pdf" in written
    printed = capsys.readouterr().out
    assert "broken.json" in printed and "未生成" in printed
    assert "证件号码" in printed and "校验不通过" in printed  # the finding itself
    assert "430104199005120130" not in printed  # findings never echo the number


def test_only_a_refused_draft_writes_nothing_at_all(tmp_path):
    out = tmp_path / "out"
    assert run(str(broken_draft(tmp_path)), "-o", str(out)) == 1
    assert not out.exists() or names(out) == set()


def test_an_unreadable_file_exits_2_and_the_others_are_still_written(tmp_path, capsys):
    out = tmp_path / "out"
    missing = tmp_path / "missing.json"
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    good = paths.EXAMPLES / "01-employee-job-change-cross-province.json"
    assert run(str(missing), str(junk), str(good), "-o", str(out)) == 2
    assert "01-employee-job-change-cross-province.packet.pdf" in names(out)
    assert "junk.json" in capsys.readouterr().err


def test_unreadable_outranks_refused(tmp_path):
    code = run(str(tmp_path / "missing.json"), str(broken_draft(tmp_path)), "-o", str(tmp_path / "out"))
    assert code == 2


def test_only_writes_just_that_document_and_no_packet(tmp_path):
    out = tmp_path / "out"
    good = paths.EXAMPLES / "05-filed-by-agent.json"
    assert run(str(good), "-o", str(out), "--only", "medical_application") == 0
    assert names(out) == {"05-filed-by-agent.medical_application.pdf"}


def test_only_a_document_the_case_does_not_need_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    good = paths.EXAMPLES / "01-employee-job-change-cross-province.json"
    assert run(str(good), "-o", str(out), "--only", "power_of_attorney") == 1
    assert not out.exists() or names(out) == set()
    assert "power_of_attorney" in capsys.readouterr().out


def test_same_input_and_invariant_give_the_same_bytes(tmp_path):
    good = paths.EXAMPLES / "04-employee-with-pension.json"
    assert run(str(good), "-o", str(tmp_path / "a")) == 0
    assert run(str(good), "-o", str(tmp_path / "b")) == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_a_file_stem_holding_the_name_is_not_used_for_the_pdfs(tmp_path):
    draft = drafts.load(paths.EXAMPLES / "05-filed-by-agent.json")
    first, second = tmp_path / "赵德明的材料.json", tmp_path / "copy-13500135005.json"
    drafts.save(draft, first)
    drafts.save(draft, second)
    out = tmp_path / "out"
    assert run(str(first), str(second), "-o", str(out)) == 0
    written = names(out)
    assert "packet-1.packet.pdf" in written and "packet-2.packet.pdf" in written
    assert not any("赵德明" in name or "13500135005" in name for name in written)


def test_two_drafts_with_the_same_stem_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder, stem in (("a", "05-filed-by-agent"), ("b", "04-employee-with-pension")):
        drafts.save(drafts.load(paths.EXAMPLES / f"{stem}.json"), tmp_path / folder / "case.json")
    out = tmp_path / "out"
    assert run(str(tmp_path / "a" / "case.json"), str(tmp_path / "b" / "case.json"), "-o", str(out)) == 0
    assert {"case.packet.pdf", "case-2.packet.pdf", "case-2.pension_application.pdf"} <= names(out)


def test_json_output_lists_written_files_and_refusals(tmp_path, capsys):
    out = tmp_path / "out"
    good = paths.EXAMPLES / "01-employee-job-change-cross-province.json"
    code = main(["render", str(good), str(broken_draft(tmp_path)), "-o", str(out), "--today", TODAY, "--json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)["drafts"]
    assert [d["refused"] for d in report] == [False, True]
    assert len(report[0]["written"]) == 4 and report[1]["written"] == []
    assert any(f["severity"] == "error" for f in report[1]["findings"])


def test_a_character_no_font_can_print_refuses_the_draft(tmp_path):
    # Run in a child process: the font chain is process-wide state.
    draft = drafts.load(paths.EXAMPLES / "06-rare-extb-name.json")
    draft.identity.name = "陶\U00030000祥"  # CJK Ext G: neither the bundled font nor HanaMin has it
    path = tmp_path / "unprintable.json"
    drafts.save(draft, path)
    fonts.register_fonts()
    if fonts.font_for_char("\U00030000") is not None:
        pytest.skip("a font on this machine covers U+30000")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "app", "render", str(path), "-o", str(out), "--today", TODAY],
        capture_output=True, text=True, cwd=paths.ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert not out.exists() or names(out) == set()
    assert "U+30000" in result.stdout or "30000" in result.stdout


# -- sets of different people never mix ---------------------------------------------------------
def test_a_person_named_draft_gets_a_new_packet_number_on_each_run(tmp_path):
    out = tmp_path / "out"
    for example, stem in (("05-filed-by-agent", "赵德明"), ("04-employee-with-pension", "周建华")):
        draft = drafts.load(paths.EXAMPLES / f"{example}.json")
        draft.identity.name = stem
        drafts.save(draft, tmp_path / f"{stem}.json")
    assert run(str(tmp_path / "赵德明.json"), "-o", str(out)) == 0
    first = {name for name in names(out) if name.startswith("packet-1.")}
    assert run(str(tmp_path / "周建华.json"), "-o", str(out)) == 0
    assert {name for name in names(out) if name.startswith("packet-1.")} == first  # untouched
    assert "packet-2.pension_application.pdf" in names(out)
    assert not any(name.startswith("packet-2.") and name.endswith("power_of_attorney.pdf") for name in names(out))


def test_an_earlier_set_of_the_same_name_is_refused_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    good = paths.EXAMPLES / "05-filed-by-agent.json"
    assert run(str(good), "-o", str(out)) == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    capsys.readouterr()
    assert run(str(good), "-o", str(out)) == 2
    assert "--force" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_force_replaces_the_set_and_leaves_no_stale_document_of_it(tmp_path):
    out = tmp_path / "out"
    good = paths.EXAMPLES / "05-filed-by-agent.json"
    assert run(str(good), "-o", str(out)) == 0
    assert len(names(out)) > 2
    assert run(str(good), "-o", str(out), "--only", "medical_application", "--force") == 0
    assert names(out) == {"05-filed-by-agent.medical_application.pdf"}


def test_a_full_disk_leaves_nothing_and_names_the_folder(tmp_path, monkeypatch, capsys):
    import errno

    out = tmp_path / "out"
    out.mkdir()
    real_fsync = os.fsync
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    assert run(str(paths.EXAMPLES / "05-filed-by-agent.json"), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "None" not in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def still_insured_draft(tmp_path, stem: str = "still-insured"):
    """Coverage at the origin stops only next month: MED-STOP-AT-ORIGIN holds back the
    medical application; the request that stops the coverage must still print."""
    draft = drafts.load(paths.EXAMPLES / "04-employee-with-pension.json")
    draft.transfer.stop_month = "2026-12"
    draft.transfer.pension.voucher_number = None  # no voucher yet: its request is printed too
    path = tmp_path / f"{stem}.json"
    drafts.save(draft, path)
    return path


def test_a_held_back_document_is_not_written_the_others_are_and_exit_is_1(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(str(still_insured_draft(tmp_path)), "-o", str(out)) == 1
    assert names(out) == {f"still-insured.{d}.pdf" for d in (
        "guide", "certificate_request", "pension_application", "pension_voucher_request", "packet")}
    printed = capsys.readouterr().out
    assert "[暂不打印] 基本医疗保险关系转移接续申请表" in printed
    assert "转出地的参保还没有中止" in printed


def test_render_json_reports_what_was_held_back_and_why(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["render", str(still_insured_draft(tmp_path)), "-o", str(out), "--today", TODAY, "--json"])
    report = json.loads(capsys.readouterr().out)["drafts"][0]
    assert code == 1 and report["refused"] is False
    assert [(h["document"], h["findings"]) for h in report["held_back"]] == [
        ("medical_application", ["MED-STOP-AT-ORIGIN"])]
    assert len(report["written"]) == 5


def test_render_only_a_held_back_document_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(str(still_insured_draft(tmp_path)), "-o", str(out), "--only", "medical_application") == 1
    assert not out.exists() or names(out) == set()
    assert "暂不打印" in capsys.readouterr().out


def test_render_only_a_printable_document_of_a_held_back_case_exits_0(tmp_path):
    out = tmp_path / "out"
    assert run(str(still_insured_draft(tmp_path)), "-o", str(out), "--only", "certificate_request") == 0
    assert names(out) == {"still-insured.certificate_request.pdf"}


def test_check_json_lists_for_each_finding_the_documents_it_blocks(tmp_path, capsys):
    code = main(["check", str(still_insured_draft(tmp_path)), "--json", "--today", TODAY])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["held_back"] == ["medical_application"]
    blocks = {f["code"]: f["blocks"] for f in report["findings"]}
    assert blocks["MED-STOP-AT-ORIGIN"] == ["medical_application"]
    assert all(b == [] for code_, b in blocks.items() if code_ != "MED-STOP-AT-ORIGIN")
