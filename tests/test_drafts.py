"""Draft files: round trip, owner-only permissions, the .bak of the previous version, atomic
writes that survive a crash, and a clean DraftFileError (with messages in both languages and no
personal data) for every kind of bad file. A file that failed to load is never overwritten."""
from __future__ import annotations

import json
import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from app.storage import drafts, files
from app.domain.application import SCHEMA_VERSION, ApplicationDraft
from app.domain.idnumbers import make_id_number
from app.storage.drafts import DraftFileError

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

FAKE_ID = make_id_number("440305", date(1990, 5, 12), "013")


def header(**rest) -> dict:
    return {"format": drafts.FORMAT, "schema_version": SCHEMA_VERSION, **rest}


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def load_error(tmp_path: Path, content: bytes | str) -> DraftFileError:
    path = tmp_path / "draft.json"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(DraftFileError) as info:
        drafts.load(path)
    return info.value


# ------------------------------------------------------------------ round trip


def test_save_then_load_gives_equal_draft(tmp_path, make_draft):
    draft = make_draft({"identity.name": "陶\U00020bb7祥", "identity.address": "样例路\u3000１号"})
    path = tmp_path / "a.json"
    drafts.save(draft, path)
    assert drafts.load(path) == draft


def test_saved_file_is_readable_utf8_json_with_format_marker(tmp_path, make_draft):
    path = tmp_path / "a.json"
    drafts.save(make_draft(), path)
    text = path.read_text(encoding="utf-8")
    assert "林晓测" in text  # Chinese kept readable, not \u-escaped
    data = json.loads(text)
    assert (data["format"], data["schema_version"]) == (drafts.FORMAT, SCHEMA_VERSION)


def test_empty_draft_round_trips(tmp_path):
    path = tmp_path / "empty.json"
    drafts.save(ApplicationDraft(), path)
    assert drafts.load(path) == ApplicationDraft()


def test_draft_with_lone_surrogate_saves_and_loads_back(tmp_path, make_draft):
    draft = make_draft({"identity.name": "林\ud800测", "identity.address": "\udfff"})
    path = tmp_path / "s.json"
    drafts.save(draft, path)
    path.read_bytes().decode("utf-8")  # valid UTF-8 on disk
    assert drafts.load(path) == draft


def test_load_accepts_utf8_bom(tmp_path, make_draft):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + drafts.to_json(make_draft()).encode("utf-8"))
    assert drafts.load(path) == make_draft()


def test_save_creates_missing_folders(tmp_path, make_draft):
    path = tmp_path / "new" / "folder" / "a.json"
    drafts.save(make_draft(), path)
    assert drafts.load(path) == make_draft()


# ------------------------------------------------------------------ permissions and backup


@posix_only
def test_saved_file_and_backup_are_owner_only(tmp_path, make_draft):
    path = tmp_path / "a.json"
    drafts.save(make_draft(), path)
    drafts.save(make_draft({"identity.phone": "13900139000"}), path)
    for file in (path, tmp_path / "a.json.bak"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


@posix_only
def test_save_over_a_world_readable_draft_makes_it_owner_only(tmp_path, make_draft):
    path = tmp_path / "a.json"
    path.write_text(drafts.to_json(make_draft()), encoding="utf-8")
    os.chmod(path, 0o644)
    drafts.save(make_draft(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_second_save_keeps_the_first_as_bak(tmp_path, make_draft):
    path = tmp_path / "a.json"
    first, second = make_draft(), make_draft({"identity.phone": "13900139000"})
    drafts.save(first, path)
    assert not (tmp_path / "a.json.bak").exists()
    first_bytes = path.read_bytes()
    drafts.save(second, path)
    assert (tmp_path / "a.json.bak").read_bytes() == first_bytes
    assert drafts.load(path) == second
    assert drafts.load(tmp_path / "a.json.bak") == first
    assert leftovers(tmp_path, {"a.json", "a.json.bak"}) == []


# ------------------------------------------------------------------ atomicity


def test_crash_at_the_final_rename_leaves_old_file_intact_and_no_temp(tmp_path, make_draft, monkeypatch):
    path = tmp_path / "a.json"
    drafts.save(make_draft(), path)
    before = path.read_bytes()
    real_replace = os.replace

    def crash_on_target(src, dst, *args, **kwargs):
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", crash_on_target)
    with pytest.raises(OSError):
        drafts.save(make_draft({"identity.phone": "13900139000"}), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path, {"a.json", "a.json.bak"}) == []


def test_crash_on_every_rename_leaves_old_file_intact_and_no_temp(tmp_path, make_draft, monkeypatch):
    path = tmp_path / "a.json"
    drafts.save(make_draft(), path)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        drafts.save(make_draft({"identity.phone": "13900139000"}), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path, {"a.json"}) == []


def test_crash_while_writing_the_temp_file_leaves_old_file_intact(tmp_path, make_draft, monkeypatch):
    path = tmp_path / "a.json"
    drafts.save(make_draft(), path)
    before = path.read_bytes()

    def crash(fd):
        raise KeyboardInterrupt  # not even an OSError: the temp file is still removed

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        drafts.save(make_draft({"identity.phone": "13900139000"}), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path, {"a.json"}) == []


def test_crash_on_first_save_leaves_nothing_behind(tmp_path, make_draft, monkeypatch):
    def crash(*args, **kwargs):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        drafts.save(make_draft(), tmp_path / "a.json")
    assert leftovers(tmp_path, set()) == []


# ------------------------------------------------------------------ bad files


def test_damaged_json_mid_file_is_not_json_with_line_and_column(tmp_path, make_draft):
    lines = drafts.to_json(make_draft()).splitlines()
    lines[4] = lines[4].replace('"', "#", 1)
    error = load_error(tmp_path, "\n".join(lines) + "\n")
    assert error.code == "not_json"
    assert error.ctx["line"] == 5
    assert error.ctx["column"] >= 1
    assert "第 5 行" in error.message_zh and "line 5" in error.message_en


def test_file_cut_in_half_is_truncated(tmp_path, make_draft):
    data = drafts.to_json(make_draft()).encode("utf-8")
    error = load_error(tmp_path, data[: len(data) // 2])
    assert error.code == "truncated"
    assert ".bak" in error.message_zh and ".bak" in error.message_en


def test_file_cut_anywhere_is_truncated(tmp_path, make_draft):
    """An interrupted save can stop at any byte: inside a string, inside null/true/false,
    inside a multi-byte character (the Ext B name has 4 bytes), inside a \\uXXXX escape (a
    control character or a lone surrogate), between tokens."""
    draft = make_draft({"identity.name": "陶\U00020bb7祥", "transfer.retired": True,
                        "identity.address": "路\x1f号\ud800"})
    data = drafts.to_json(draft).encode("utf-8")
    assert b"\\u001f" in data and b"\\ud800" in data
    path = tmp_path / "cut.json"
    codes = {}
    for cut in range(1, len(data.rstrip())):
        path.write_bytes(data[:cut])
        try:
            drafts.load(path)
            codes[cut] = "loaded"
        except DraftFileError as error:
            codes[cut] = error.code
    wrong = {cut: code for cut, code in codes.items() if code != "truncated"}
    assert not wrong, f"{len(wrong)} cut positions, e.g. {data[:min(wrong)][-20:]!r} -> {wrong[min(wrong)]}"


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xef\xbb\xbf"], ids=["empty", "whitespace", "bom-only"])
def test_empty_file_is_truncated(tmp_path, content):
    assert load_error(tmp_path, content).code == "truncated"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{}", id="object-without-format"),
        pytest.param('{"schema_version": 1, "identity": {}}', id="no-format-key"),
        pytest.param('{"format": "something-else", "schema_version": 1}', id="other-format"),
        pytest.param("[1, 2, 3]", id="list"),
        pytest.param("42", id="number"),
        pytest.param('"transfer-helper-draft"', id="string"),
        pytest.param("null", id="null"),
        pytest.param(json.dumps(header(schema_version=None)), id="version-null"),
        pytest.param(json.dumps({"format": drafts.FORMAT}), id="version-missing"),
        pytest.param(json.dumps(header(schema_version="1")), id="version-string"),
        pytest.param(json.dumps(header(schema_version=True)), id="version-bool"),
        pytest.param(json.dumps(header(schema_version=1.0)), id="version-float"),
        pytest.param(json.dumps(header(schema_version=0)), id="version-zero"),
    ],
)
def test_foreign_json_is_refused_as_foreign(tmp_path, content):
    assert load_error(tmp_path, content).code == "foreign"


def test_newer_schema_version_is_refused_naming_ours_never_the_files(tmp_path):
    huge = int("7" * 4000)  # never echo a file's value: it may be 4,000 digits long
    error = load_error(tmp_path, json.dumps(header(schema_version=huge)))
    assert error.code == "newer_version"
    assert error.ctx == {"supported": SCHEMA_VERSION}
    assert "7777" not in error.message_en and "7777" not in error.message_zh
    assert f"format {SCHEMA_VERSION}" in error.message_en


def test_bad_enum_is_invalid_content_naming_the_path_not_the_value(tmp_path):
    error = load_error(tmp_path, json.dumps(header(identity={"sex": FAKE_ID, "name": "林晓测"})))
    assert error.code == "invalid_content"
    assert "identity.sex" in error.message_zh and "identity.sex" in error.message_en
    for text in (error.message_zh, error.message_en, str(error)):
        assert FAKE_ID not in text and "林晓测" not in text


def test_invalid_content_in_a_period_names_its_path(tmp_path):
    error = load_error(tmp_path, json.dumps(header(history=[{}, {"scheme": "gold"}])))
    assert error.code == "invalid_content" and "history.1.scheme" in error.message_en


def test_invalid_content_lists_at_most_five_paths(tmp_path):
    periods = [{"scheme": f"bad{i}", "status": "bad"} for i in range(10)]
    error = load_error(tmp_path, json.dumps(header(history=periods)))
    assert error.code == "invalid_content" and error.ctx["fields"].endswith("…")
    assert error.ctx["fields"].count("、") == 4


@pytest.mark.parametrize("key", ["{", "{n}", "}{", "{0}", "11010519491231002X"])
def test_unknown_key_is_invalid_content_without_echoing_the_key(tmp_path, key):
    # An unknown key could be anything, even personal data: it is counted, never shown.
    error = load_error(tmp_path, json.dumps(header(history=[{key: None}])))
    assert error.code == "invalid_content"
    assert key not in error.message_en and key not in error.message_zh
    assert "+1" in error.message_en


def test_too_many_periods_is_invalid_content(tmp_path):
    error = load_error(tmp_path, json.dumps(header(history=[{}] * 1001)))
    assert error.code == "invalid_content" and "history" in error.message_en


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xff\xfe{\x00}\x00", id="utf16"),
        pytest.param('{"format": "transfer-helper-draft", "x": "é"}'.encode("latin-1"), id="latin1"),
        pytest.param(b'{"a": "\xed\xa0\x80"}', id="encoded-surrogate"),
    ],
)
def test_not_utf8_file_is_refused(tmp_path, content):
    assert load_error(tmp_path, content).code == "not_utf8"


def test_file_over_5_mb_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    with open(path, "wb") as out:
        out.truncate(drafts.MAX_BYTES + 1)

    def no_reading(self):
        raise AssertionError("a huge file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(DraftFileError) as info:
        drafts.load(path)
    assert info.value.code == "too_large"


def test_file_of_exactly_5_mb_is_read(tmp_path, make_draft):
    text = drafts.to_json(make_draft())
    path = tmp_path / "padded.json"
    path.write_bytes(text.encode("utf-8") + b" " * (drafts.MAX_BYTES - len(text.encode("utf-8"))))
    assert drafts.load(path) == make_draft()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="list-100000-deep"),
        pytest.param('{"a":' * 100_000 + "1" + "}" * 100_000, id="object-100000-deep"),
        pytest.param(json.dumps(header())[:-1] + ', "identity": ' + "[" * 100_000 + "]" * 100_000 + "}",
                     id="deep-inside-a-draft"),
    ],
)
def test_deeply_nested_json_is_a_clean_error(tmp_path, content):
    error = load_error(tmp_path, content)
    assert error.code == "foreign"


def test_moderately_nested_value_inside_a_draft_is_invalid_content(tmp_path):
    content = json.dumps(header())[:-1] + ', "identity": {"name": ' + "[" * 500 + "]" * 500 + "}}"
    assert load_error(tmp_path, content).code == "invalid_content"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(tmp_path, constant):
    content = json.dumps(header())[:-1] + f', "identity": {{"name": {constant}}}}}'
    assert load_error(tmp_path, content).code == "foreign"


def test_missing_file_is_unreadable_with_reason(tmp_path):
    with pytest.raises(DraftFileError) as info:
        drafts.load(tmp_path / "nope.json")
    assert info.value.code == "unreadable" and info.value.ctx["reason"]


def test_folder_instead_of_file_is_refused_as_not_a_regular_file(tmp_path):
    with pytest.raises(DraftFileError) as info:
        drafts.load(tmp_path)
    assert info.value.code == "not_regular"


ALL_BAD_FILES = [
    pytest.param(b'{"format": #}', id="not_json"),
    pytest.param(b'{"format": "transfer-helper-draft"', id="truncated"),
    pytest.param(b"", id="empty"),
    pytest.param(b"[]", id="foreign"),
    pytest.param(json.dumps(header(schema_version=99)).encode(), id="newer_version"),
    pytest.param(json.dumps(header(identity={"sex": FAKE_ID})).encode(), id="invalid_content"),
    pytest.param(b"\xff", id="not_utf8"),
    pytest.param(b"[" * 100_000, id="deep"),
]


@pytest.mark.parametrize("content", ALL_BAD_FILES)
def test_every_file_error_has_messages_in_both_languages(tmp_path, content):
    error = load_error(tmp_path, content)
    assert error.message_zh and error.message_en and error.message_zh != error.message_en
    for message in (error.message_zh, error.message_en):
        assert "{" not in message and FAKE_ID not in message
    assert error.message("zh") == error.message_zh and error.message("en") == error.message_en


def test_every_file_error_code_formats_with_its_context():
    contexts = {"unreadable": {"reason": "x"}, "not_json": {"line": 1, "column": 2},
                "newer_version": {"found": 2, "supported": 1}, "invalid_content": {"fields": "identity.sex"}}
    for code in drafts.MESSAGES:
        error = DraftFileError(code, **contexts.get(code, {}))
        assert "{" not in error.message_zh + error.message_en


# ------------------------------------------------------------------ never overwrite what failed to load


@pytest.mark.parametrize("content", ALL_BAD_FILES)
def test_save_refuses_to_overwrite_a_file_that_fails_to_load(tmp_path, make_draft, content):
    path = tmp_path / "draft.json"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as info:
        drafts.save(make_draft(), path)
    assert info.value.code == "target_foreign"
    assert info.value.message_zh and info.value.message_en
    assert path.read_bytes() == content
    assert leftovers(tmp_path, {"draft.json"}) == []


def test_save_over_own_valid_draft_is_allowed(tmp_path, make_draft):
    path = tmp_path / "draft.json"
    drafts.save(ApplicationDraft(), path)
    drafts.save(make_draft(), path)
    assert drafts.load(path) == make_draft()


# ------------------------------------------------------------------ schema


def test_json_schema_describes_a_draft_file():
    schema = drafts.json_schema()
    assert {"format", "schema_version", "identity", "history", "transfer"} <= set(schema["properties"])
    assert schema["properties"]["format"]["const"] == drafts.FORMAT
    assert set(schema["required"]) == {"format", "schema_version"}
    json.dumps(schema)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_write_atomic_creates_owner_only_file(tmp_path):
    path = tmp_path / "x.bin"
    files.write_atomic(path, b"abc")
    assert path.read_bytes() == b"abc" and stat.S_IMODE(path.stat().st_mode) == 0o600
