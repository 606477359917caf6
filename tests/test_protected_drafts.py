"""Passphrase-protected drafts: encrypted round trip, wrong passphrase, tampering, no damage."""
import json

import pytest

from app.storage import draft_crypto, drafts

FAST = {"memory_kib": 32 * 1024, "iterations": 1}  # the cheapest accepted; the app writes the defaults


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
    assert caught.value.code == "encrypted_damaged"


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


# -- hostile encrypted files: one clear message, never an exception ---------------------------
def _hostile_variants(text: str) -> dict[str, str]:
    data = json.loads(text)

    def changed(edit) -> str:
        copy = json.loads(text)
        edit(copy)
        return json.dumps(copy)

    nested = '{"format": "%s", "kdf": ' % draft_crypto.FORMAT + "[" * 100_000 + "]" * 100_000 + "}"
    return {
        "memory-1e400": changed(lambda d: d["kdf"].update(memory_kib=1e400)).replace("Infinity", "1e400"),
        "lanes-over-memory": changed(lambda d: d["kdf"].update(lanes=100_000, memory_kib=32 * 1024)),
        "short-salt": changed(lambda d: d["kdf"].update(salt="AAAA")),
        "empty-salt": changed(lambda d: d["kdf"].update(salt="")),
        "nesting-100k": nested,
        "salt-a-number": changed(lambda d: d["kdf"].update(salt=5)),
        "kdf-a-list": changed(lambda d: d.update(kdf=[1, 2])),
        "memory-a-string": changed(lambda d: d["kdf"].update(memory_kib="65536")),
        "iterations-bool": changed(lambda d: d["kdf"].update(iterations=True)),
        "nonce-short": changed(lambda d: d.update(nonce="AAAA")),
        "ciphertext-missing": changed(lambda d: d.pop("ciphertext")),
        "kdf-1-gib-16-passes": changed(lambda d: d["kdf"].update(memory_kib=1024 * 1024, iterations=16)),
        "version-a-string": changed(lambda d: d.update(version="1")),
        "top-level-list": json.dumps([data]),
    }


@pytest.fixture(scope="module")
def saved_text(tmp_path_factory):
    from app.domain.application import ApplicationDraft

    path = tmp_path_factory.mktemp("enc") / "case.json"
    drafts.save(ApplicationDraft(), path, key=draft_crypto.new_key("pw", **FAST))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", ["memory-1e400", "lanes-over-memory", "short-salt", "empty-salt", "nesting-100k",
                                     "salt-a-number", "kdf-a-list", "memory-a-string", "iterations-bool",
                                     "nonce-short", "ciphertext-missing", "kdf-1-gib-16-passes",
                                     "version-a-string", "top-level-list"])
def test_hostile_encrypted_files_give_the_damaged_or_not_ours_message(tmp_path, saved_text, variant, monkeypatch):
    derived = []
    monkeypatch.setattr(draft_crypto, "_derive", lambda *a, **k: derived.append(a) or b"\0" * 32)
    path = tmp_path / "case.json"
    path.write_text(_hostile_variants(saved_text)[variant], encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code in ("encrypted_damaged", "foreign")
    assert "损坏" in caught.value.message_zh and "damaged" in caught.value.message_en
    assert derived == []  # refused before any key derivation


def test_a_valid_tag_over_non_utf8_plaintext_is_damaged_not_a_crash(tmp_path):
    key = draft_crypto.new_key("pw", **FAST)
    path = tmp_path / "case.json"
    path.write_text(draft_crypto.encrypt(b"\xff\xfe not text", key), encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code == "encrypted_damaged"
    path.write_text(draft_crypto.encrypt(b'{"format": "something else"}', key), encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code == "encrypted_damaged"


@pytest.mark.parametrize(("memory_kib", "iterations", "lanes", "accepted"), [
    (64 * 1024, 3, 1, True),            # what the app writes
    (32 * 1024, 1, 1, True), (128 * 1024, 4, 4, True),  # the documented range
    (128 * 1024 + 1, 4, 1, False), (32 * 1024 - 1, 3, 1, False), (64 * 1024, 5, 1, False),
    (64 * 1024, 3, 5, False), (64 * 1024, 0, 1, False), (1024 * 1024, 16, 1, False),
])
def test_only_kdf_parameters_close_to_the_apps_are_accepted(memory_kib, iterations, lanes, accepted, saved_text):
    data = json.loads(saved_text)
    data["kdf"].update(memory_kib=memory_kib, iterations=iterations, lanes=lanes)
    if accepted:
        assert draft_crypto.parse(data).params == {"memory_kib": memory_kib, "iterations": iterations, "lanes": lanes}
    else:
        with pytest.raises(draft_crypto.CryptoError):
            draft_crypto.parse(data)


def test_the_defaults_are_inside_the_accepted_range():
    for name, value in draft_crypto.KDF_DEFAULTS.items():
        low, high = draft_crypto.KDF_ACCEPTED[name]
        assert low <= value <= high


def test_a_truncated_encrypted_file_says_incomplete_and_points_to_the_backup(tmp_path, saved_text):
    path = tmp_path / "case.json"
    for cut in (len(saved_text) // 2, len(saved_text) - 5, 30):
        path.write_text(saved_text[:cut], encoding="utf-8")
        with pytest.raises(drafts.DraftFileError) as caught:
            drafts.load(path, "pw")
        assert caught.value.code == "truncated" and ".bak" in caught.value.message_zh


# -- parse, don't grep --------------------------------------------------------------------------
def test_a_draft_named_like_the_encryption_marker_loads(tmp_path, make_draft):
    draft = make_draft({})
    draft.identity.name = draft_crypto.FORMAT
    path = tmp_path / "case.json"
    drafts.save(draft, path)
    assert f'"{draft_crypto.FORMAT}"' in path.read_text(encoding="utf-8")[:300]  # what the old grep matched
    assert not drafts.is_protected(path)
    assert drafts.load(path).identity.name == draft_crypto.FORMAT


def test_a_foreign_file_holding_the_marker_is_not_ours_and_not_replaced(tmp_path, draft):
    path = tmp_path / "notes.json"
    foreign = json.dumps({"note": draft_crypto.FORMAT, "mine": True})
    path.write_text(foreign, encoding="utf-8")
    assert not drafts.is_protected(path)
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.load(path, "pw")
    assert caught.value.code == "foreign"
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.save(draft, path, key=draft_crypto.new_key("pw", **FAST))
    assert caught.value.code == "target_foreign"
    assert path.read_text(encoding="utf-8") == foreign


def test_a_file_claiming_the_format_but_malformed_is_not_replaced(tmp_path, draft):
    path = tmp_path / "case.json"
    claimed = json.dumps({"format": draft_crypto.FORMAT, "kdf": "nothing"})
    path.write_text(claimed, encoding="utf-8")
    with pytest.raises(drafts.DraftFileError) as caught:
        drafts.save(draft, path)
    assert caught.value.code == "target_foreign" and path.read_text(encoding="utf-8") == claimed


# -- protecting leaves no plaintext copy ---------------------------------------------------------
def test_protecting_a_draft_saved_unprotected_encrypts_its_backup_too(tmp_path, draft):
    path = tmp_path / "case.json"
    drafts.save(draft, path)
    drafts.save(draft, path)  # an unprotected .bak as well
    key = draft_crypto.new_key("pw", **FAST)
    drafts.save(draft, path, key=key)
    backup = path.with_name("case.json.bak")
    for copy in (path, backup):
        text = copy.read_text(encoding="utf-8")
        assert json.loads(text)["format"] == draft_crypto.FORMAT
        assert draft.identity.name not in text
    assert drafts.load(backup, "pw") == draft


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="symlinks need privileges on Windows")
def test_saving_over_a_symlinked_draft_follows_the_link(tmp_path, draft):
    real = tmp_path / "store" / "case.json"
    real.parent.mkdir()
    drafts.save(draft, real)
    link = tmp_path / "case.json"
    link.symlink_to(real)
    changed = draft.model_copy(deep=True)
    changed.identity.phone = "13900000000"
    assert drafts.save(changed, link) == real
    assert link.is_symlink() and drafts.load(real).identity.phone == "13900000000"
    assert drafts.load(real.with_name("case.json.bak")) == draft
