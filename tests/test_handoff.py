"""The QR hand-off payload: round trip, refusal of damaged, altered, foreign and hostile codes."""
import base64
import hashlib
import json
import zlib
from pathlib import Path

import pytest

from app import handoff
from app.storage import drafts

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_round_trips_through_the_code_text(path):
    draft = drafts.load(path)
    text = handoff.encode(draft)
    assert handoff.decode_text(text) == draft


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_code_text_uses_only_qr_alphanumeric_characters_without_spaces(path):
    text = handoff.encode(drafts.load(path))
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def test_scanner_line_breaks_and_lower_case_are_tolerated(make_draft):
    draft = make_draft({})
    text = handoff.encode(draft)
    assert handoff.decode_text(text[:40].lower() + "\r\n" + text[40:] + "\n") == draft


def test_a_changed_character_is_refused_as_damaged(make_draft):
    text = handoff.encode(make_draft({}))
    position = len(text) // 2
    altered = text[:position] + ("A" if text[position] != "A" else "B") + text[position + 1:]
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(altered)
    assert caught.value.code == "damaged"


def test_a_cut_code_is_refused_as_damaged(make_draft):
    text = handoff.encode(make_draft({}))
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(text[: len(text) - 7])
    assert caught.value.code == "damaged"


def _frame(body: bytes) -> str:
    digest = hashlib.sha256(body).digest()[:8]
    return handoff.PREFIX + base64.b32encode(body + digest).decode().rstrip("=")


def _packed(obj) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(json.dumps(obj).encode()) + packer.flush()


def test_a_newer_format_is_refused_without_echoing_its_number():
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(_frame(bytes([217]) + _packed({})))
    assert caught.value.code == "newer_version" and "217" not in caught.value.message_en


def test_a_version_byte_of_zero_is_damaged_not_newer():
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(_frame(bytes([0]) + _packed({})))
    assert caught.value.code == "damaged"


@pytest.mark.parametrize(("version", "code"), [(999, "newer_version"), (-5, "invalid_content"),
                                               (0, "invalid_content"), ("1", "invalid_content"),
                                               (True, "invalid_content")])
def test_a_code_whose_draft_a_file_could_not_hold_is_refused(version, code):
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(_frame(bytes([1]) + _packed({"schema_version": version})))
    assert caught.value.code == code


def test_a_code_is_loaded_by_the_draft_files_own_loader(make_draft, monkeypatch):
    from app.storage import drafts

    seen = []
    real = drafts.from_data
    monkeypatch.setattr(drafts, "from_data", lambda data: seen.append(data) or real(data))
    draft = make_draft({})
    assert handoff.decode_text(handoff.encode(draft)) == draft
    assert seen and seen[0]["format"] == drafts.FORMAT


def test_a_decompression_bomb_is_refused_as_too_large():
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytes([1]) + bomb.compress(b" " * (20 * 1024 * 1024)) + bomb.flush()
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(_frame(body))
    assert caught.value.code in {"too_large"}


def test_valid_frame_with_foreign_content_is_refused_as_invalid():
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(_frame(bytes([1]) + _packed({"identity": {"colour": "blue"}})))
    assert caught.value.code == "invalid_content"


@pytest.mark.parametrize("text", ["", "hello", "https://example.invalid/x", "TH2-AAAA"])
def test_text_that_is_not_ours_is_refused(text):
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.decode_text(text)
    assert caught.value.code == "not_ours"


def test_messages_exist_in_both_languages_and_hold_no_payload(make_draft):
    text = handoff.encode(make_draft({}))
    for code in handoff.MESSAGES:
        error = handoff.HandoffError(code, megapixels=50, megabytes=40)
        assert error.message_zh and error.message_en
        assert text[5:20] not in error.message_zh + error.message_en


def test_a_history_of_twenty_periods_fits_one_code(make_draft):
    from app.domain.history import PeriodDraft

    periods = [
        PeriodDraft(area_code="440300", area_name="广东省深圳市", scheme="employee", start=f"{2000 + i}-01",
                    end=f"{2000 + i}-12", status="terminated", employer_name=f"深圳示例第{i}号科技有限公司",
                    employer_uscc="91440300MA5F00000X", account_balance=f"{1000 + i}.25")
        for i in range(20)
    ]
    draft = make_draft({})
    draft.history = periods
    assert handoff.fits(draft)
    assert handoff.decode_text(handoff.encode(draft)) == draft


def test_a_huge_history_does_not_fit_and_says_so(make_draft):
    from app.domain.application import MAX_PERIODS
    from app.domain.history import PeriodDraft

    draft = make_draft({})
    draft.history = [PeriodDraft(area_name=f"地区{i}" * 5, employer_name=f"单位名称不重复{i:04d}" * 3) for i in range(MAX_PERIODS)]
    assert not handoff.fits(draft)
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.encode(draft)
    assert caught.value.code == "does_not_fit"
