"""Passphrase-protected drafts: encrypted round trip, wrong passphrase, tampering, no damage."""
import json

import pytest

from app.storage import draft_crypto, drafts

FAST = {"memory_kib": 1024, "iterations": 1}  # tests only; the app uses the defaults


@pytest.fixture
def draft(make_draft):
    return make_draft({})


def test_protected_draft_round_trips_with_the_right_passphrase(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("正确的口令 correct", **FAST))
    loaded, key = drafts.load_protected(path, "正确的口令 correct")
    assert loaded == draft and key is not None
    assert drafts.is_protected(path)


def test_protected_file_holds_no_plaintext(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("pw", **FAST))
    text = path.read_text(encoding="utf-8")
    assert draft.identity.name not in text and draft.identity.id_number not in text
    assert json.loads(text)["format"] == draft_crypto.FORMAT


def test_wrong_passphrase_is_refused_and_the_file_is_unchanged(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("right", **FAST))
    before = path.read_bytes()
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "wrong")
    assert caught.value.code == "wrong_passphrase"
    assert caught.value.message_zh and caught.value.message_en
    assert path.read_bytes() == before


def test_protected_draft_without_passphrase_asks_for_one(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("pw", **FAST))
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path)
    assert caught.value.code == "passphrase_needed"


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "salt"])
def test_altered_protected_file_is_refused(tmp_path, draft, field):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("pw", **FAST))
    data = json.loads(path.read_text(encoding="utf-8"))
    holder = data["kdf"] if field == "salt" else data
    raw = bytearray(draft_crypto.base64.b64decode(holder[field]))
    raw[0] ^= 1
    holder[field] = draft_crypto.base64.b64encode(bytes(raw)).decode()
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code == "wrong_passphrase"


def test_hostile_kdf_parameters_are_refused_before_deriving(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path, key=draft_crypto.new_key("pw", **FAST))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB would exhaust memory
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code == "encrypted_unsupported"


def test_each_save_uses_a_fresh_nonce(tmp_path, draft):
    key = draft_crypto.new_key("pw", **FAST)
    first = json.loads(draft_crypto.encrypt(b"same", key))["nonce"]
    second = json.loads(draft_crypto.encrypt(b"same", key))["nonce"]
    assert first != second


def test_saving_over_a_protected_draft_keeps_the_previous_version_as_backup(tmp_path, draft):
    path = tmp_path / "case.json"
    key = draft_crypto.new_key("pw", **FAST)
    drafts.save(draft, path, key=key)
    changed = draft.model_copy(deep=True)
    changed.identity.phone = "13900000000"
    drafts.save(changed, path, key=key)
    assert drafts.load(path, "pw").identity.phone == "13900000000"
    assert drafts.load(path.with_name("case.json.bak"), "pw") == draft


def test_default_key_derivation_is_memory_hard():
    assert draft_crypto.KDF_DEFAULTS["memory_kib"] >= 64 * 1024
