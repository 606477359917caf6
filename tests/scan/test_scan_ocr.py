"""The committed scans read through the real OCR, and the `scan` command line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from app import cli, drafts

DATA = Path(__file__).resolve().parent / "data"
CLEAN = ["scan-000-id_card.png", "scan-000-medical_a.png", "scan-000-pension.png"]
PHOTOS = ["photo-000-id_card.jpg", "photo-000-certificate_b.jpg"]


@pytest.mark.parametrize("name", CLEAN)
def test_clean_scan_reads_every_field_exactly(name, read_images, scan_truth):
    result = read_images(name)
    read = {f.path: f.value for f in result.fields if f.path in scan_truth[name]["fields"]}
    assert read == scan_truth[name]["fields"]
    assert not result.notices


@pytest.mark.parametrize("name", PHOTOS)
def test_photo_reads_no_wrong_value_and_most_fields(name, read_images, scan_truth):
    truth = scan_truth[name]["fields"]
    read = {f.path: f.value for f in read_images(name).fields if f.path in truth}
    assert {p: v for p, v in read.items() if truth[p] != v} == {}
    assert len(read) >= 0.8 * len(truth)


def test_every_record_is_a_draft_path_with_a_confidence(read_images):
    result = read_images(*CLEAN)
    for item in result.fields:
        assert 0.0 <= item.confidence <= 1.0 and isinstance(item.corrected, bool)
    draft = result.draft()  # the draft model accepts every value read
    assert draft.identity.id_number and draft.history and draft.transfer.pension.voucher_number


def test_card_and_voucher_together_fill_identity_and_history(read_images, scan_truth):
    result = read_images("scan-000-id_card.png", "scan-000-medical_a.png")
    truth = {**scan_truth["scan-000-id_card.png"]["fields"], **scan_truth["scan-000-medical_a.png"]["fields"]}
    read = {f.path: f.value for f in result.fields}
    assert {p: read.get(p) for p in truth} == truth
    assert result.kinds == ["id_card", "medical_voucher"]


def test_cli_scan_json_prints_draft_and_fields(capsys, scan_truth):
    code = cli.main(["scan", str(DATA / "scan-000-id_card.png"), "--json", "--today", "2026-11-23"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["draft"]["identity"]["id_number"] == scan_truth["scan-000-id_card.png"]["fields"]["identity.id_number"]
    assert {"path": "identity.id_number", "value": out["draft"]["identity"]["id_number"],
            "confidence": pytest.approx(1.0, abs=0.1), "corrected": False} in out["fields"]


def test_cli_scan_output_is_a_draft_that_check_reads(tmp_path, capsys):
    target = tmp_path / "read.json"
    code = cli.main(["scan", str(DATA / "scan-000-id_card.png"), "-o", str(target), "--today", "2026-11-23"])
    assert code == 0
    draft = drafts.load(target)
    assert draft.identity.name and draft.identity.id_number and draft.identity.hukou_address
    capsys.readouterr()
    assert cli.main(["check", str(target), "--json", "--today", "2026-11-23"]) in (0, 1)  # read, not refused
    assert json.loads(capsys.readouterr().out)


def test_cli_scan_of_a_blank_page_exits_1(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    Image.new("L", (800, 600), 255).save(blank)
    assert cli.main(["scan", str(blank)]) == 1
    assert "未识别" in capsys.readouterr().err


def test_cli_scan_of_an_unreadable_file_exits_2_and_names_it(tmp_path, capsys):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff garbage")
    assert cli.main(["scan", str(DATA / "scan-000-id_card.png"), str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "broken.jpg" in err
