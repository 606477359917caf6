"""Draft files: saving and loading an application as JSON, safely.

Owns: the draft format, the backup of the previous version (FILE.bak; written through
app.storage.files, the one reading and writing path: regular files only, a byte limit, atomic
owner-only writes), and the refusal,
with a clear message, of any file that is damaged, truncated, not ours, from a newer
version, or hostile (huge, deeply nested, not UTF-8). A file that failed to load is never
overwritten. Messages name the problem and the field path, never a value from the file.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from pydantic import ValidationError

from app.errors import CodedError
from app.storage import draft_crypto, files
from app.storage.draft_crypto import DraftKey

from app.domain.application import SCHEMA_VERSION, ApplicationDraft
from app.domain.checks import findings_from_validation
from app.domain.findings import FIELD_LABELS

MAX_BYTES = 5 * 1024 * 1024
FORMAT = "transfer-helper-draft"

MESSAGES = {
    "unreadable": ("无法读取文件（{reason}）。", "The file cannot be read ({reason})."),
    "too_large": ("文件太大（超过 5 MB），不是本程序保存的草稿。", "The file is too large (over 5 MB) to be a draft of this program."),
    "not_utf8": ("文件不是 UTF-8 文本，不是本程序保存的草稿。", "The file is not UTF-8 text, so it is not a draft of this program."),
    "truncated": ("文件不完整（可能保存时被中断）。可以尝试打开同名的 .bak 备份。", "The file is incomplete (saving may have been interrupted). Try the .bak backup next to it."),
    "not_json": ("文件已损坏：第 {line} 行第 {column} 列无法读取。可以尝试打开同名的 .bak 备份。", "The file is damaged: it cannot be read at line {line}, column {column}. Try the .bak backup next to it."),
    "foreign": ("文件已损坏，或不是本程序保存的草稿。", "The file is damaged or is not a draft of this program."),
    "not_regular": ("这不是普通文件（可能是文件夹、设备或管道），无法打开。", "This is not a regular file (it may be a folder, a device or a pipe) and cannot be opened."),
    "newer_version": ("草稿由更新版本的程序保存（本程序支持到格式版本 {supported}），请升级后再打开。", "The draft was saved by a newer version (this program reads up to format {supported}). Please upgrade to open it."),
    "invalid_content": ("草稿内容有误，无法打开：{fields}。", "The draft's content is invalid and cannot be opened: {fields}."),
    "passphrase_needed": ("此草稿已用口令保护，请输入口令。", "This draft is protected by a passphrase; please enter it."),
    "wrong_passphrase": ("口令不对（或文件已被改动），无法打开。文件没有任何改变。", "Wrong passphrase (or the file was altered); it cannot be opened. The file is unchanged."),
    "encrypted_unsupported": ("这个加密草稿的格式无法识别，可能来自更新版本的程序。", "The format of this encrypted draft is not recognised; it may come from a newer version."),
    "encrypted_damaged": ("加密草稿已损坏，或不是本程序保存的，无法打开。可以尝试打开同名的 .bak 备份。文件没有任何改变。", "The encrypted draft is damaged or was not saved by this program, so it cannot be opened. Try the .bak backup next to it. The file is unchanged."),
    "target_foreign": ("目标位置已有一个不是本程序草稿的文件，为避免覆盖，请换一个文件名。", "A file that is not a draft of this program is already there; choose another name so it is not overwritten."),
    "target_not_regular": ("目标位置是文件夹、设备或管道，不能保存到那里，请换一个文件名。", "The target is a folder, a device or a pipe, not a file; choose another name."),
}


class DraftFileError(CodedError):
    """A draft file could not be loaded or saved. The message holds no personal data."""
    MESSAGES = MESSAGES


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(draft: ApplicationDraft) -> str:
    return dumped_to_json(draft.model_dump(mode="json"))


def dumped_to_json(dumped: dict) -> str:
    """The file text of a draft already dumped (`model_dump(mode="json")`: a snapshot taken
    on the GUI thread, written out on a worker)."""
    data = {"format": FORMAT, **dumped}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # A lone surrogate (a file may hold "\ud800") cannot be encoded as UTF-8: keep it as a
    # JSON escape, so that saving works and loading gives the same text back.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def _cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether the text is a valid start that just ends early (a save interrupted). A cut
    inside a string is reported where the string starts, one inside a literal at its start."""
    rest = text[exc.pos:].rstrip()
    if not rest or exc.msg.startswith("Unterminated string"):
        return True
    if exc.msg.startswith("Invalid \\uXXXX escape"):  # cut inside an escaped control character
        return re.fullmatch(r"u[0-9a-fA-F]{0,4}", rest) is not None
    return exc.msg == "Expecting value" and any(word.startswith(rest) for word in ("null", "true", "false", "-"))


def _parse(text: str) -> object:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if _cut_short(text, exc):
            raise DraftFileError("truncated") from None
        raise DraftFileError("not_json", line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):
        raise DraftFileError("foreign") from None


def from_json(text: str) -> ApplicationDraft:
    return from_data(_parse(text))


def from_data(data: object) -> ApplicationDraft:
    """A draft from parsed JSON (a draft file's, or a hand-off code's): the format, the
    schema version and every field checked, with the draft file's limits."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftFileError("foreign")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftFileError("foreign")
    if version > SCHEMA_VERSION:  # never echo the file's number: it may be 4,000 digits long
        raise DraftFileError("newer_version", supported=SCHEMA_VERSION)
    data = {key: value for key, value in data.items() if key != "format"}
    try:
        return ApplicationDraft.model_validate(data)
    except ValidationError as error:
        # Name only fields this program knows: an unknown key in a file could be anything,
        # even personal data, and messages must not carry values from the file.
        known = sorted({f.path for f in findings_from_validation(error) if f.path and _known(f.path)})
        unknown = len(error.errors()) - len(known)
        shown = "、".join(known[:5]) + ("…" if len(known) > 5 else "")
        if unknown > 0:
            shown = (shown + "、" if shown else "") + f"+{unknown}"
        raise DraftFileError("invalid_content", fields=shown) from None
    except RecursionError:
        raise DraftFileError("foreign") from None


def _known(path: str) -> bool:
    pattern = ".".join("*" if part.isdigit() else part for part in path.split("."))
    return pattern in FIELD_LABELS or pattern in ("history", "transfer", "identity")


def load(path: str | os.PathLike, passphrase: str | None = None) -> ApplicationDraft:
    """Load a draft; a passphrase-protected one needs `passphrase` (see load_protected)."""
    return load_protected(path, passphrase)[0]


def load_protected(path: str | os.PathLike, passphrase: str | None) -> tuple[ApplicationDraft, DraftKey | None]:
    """The draft and, for a protected file, its key (to save again without re-deriving it)."""
    data = _parse(_read_text(path))
    if not draft_crypto.is_encrypted(data):
        return from_data(data), None
    envelope = _envelope(data)
    if passphrase is None:
        raise DraftFileError("passphrase_needed")
    try:
        plaintext, key = draft_crypto.decrypt(envelope, passphrase)
    except draft_crypto.CryptoError:
        raise DraftFileError("wrong_passphrase") from None
    try:
        return from_data(_parse(plaintext.decode("utf-8"))), key
    except UnicodeDecodeError:
        raise DraftFileError("encrypted_damaged") from None
    except DraftFileError as exc:
        if exc.code in ("newer_version", "invalid_content"):
            raise
        raise DraftFileError("encrypted_damaged") from None  # authentic, yet not a draft: not ours


def _envelope(data: object) -> draft_crypto.Envelope:
    try:
        return draft_crypto.parse(data)
    except draft_crypto.CryptoError as exc:
        raise DraftFileError("encrypted_unsupported" if exc.code == "unsupported" else "encrypted_damaged") from None


def is_protected(path: str | os.PathLike) -> bool:
    """Whether the file says it is a passphrase-protected draft (its parsed "format")."""
    try:
        return draft_crypto.is_encrypted(_parse(_read_text(path)))
    except DraftFileError:
        return False


def _read_text(path: str | os.PathLike) -> str:
    try:
        raw = files.read_limited(path, MAX_BYTES)
    except files.NotRegularFile:
        raise DraftFileError("not_regular") from None
    except files.TooLarge:
        raise DraftFileError("too_large") from None
    except OSError as exc:
        raise DraftFileError("unreadable", reason=exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside the last character
            raise DraftFileError("truncated") from None
        raise DraftFileError("not_utf8") from None
    return text


def _previous_version(path: Path) -> tuple[str, bool]:
    """The text of the draft a save would replace and whether it is protected. A file that
    is not a readable draft of this program (damaged, foreign, newer) is not replaced."""
    try:
        text = _read_text(path)
        data = _parse(text)
        protected = draft_crypto.is_encrypted(data)
        if protected:
            _envelope(data)  # ours; its owner is saving over it (it stays as .bak)
        else:
            from_data(data)
    except DraftFileError:
        raise DraftFileError("target_foreign") from None
    return text, protected


def save(draft: ApplicationDraft, path: str | os.PathLike, key: DraftKey | None = None) -> Path:
    """Write atomically; the previous version becomes FILE.bak. With `key` (from
    draft_crypto.new_key or load_protected) the file is encrypted, and so is the .bak of an
    earlier unprotected version: protecting a draft leaves no plaintext copy beside it.
    Refuses to replace a file that is not a readable draft of this program; a symbolic link
    is followed (the file it points to is updated, the link stays). Returns the path written."""
    try:
        path = files.target(path)
    except files.NotRegularFile:
        raise DraftFileError("target_not_regular") from None
    backup = None
    if path.exists():
        previous, protected = _previous_version(path)
        if key is not None and not protected:
            previous = draft_crypto.encrypt(previous.encode("utf-8"), key)
        backup = previous.encode("utf-8")
    text = to_json(draft)
    if key is not None:
        text = draft_crypto.encrypt(text.encode("utf-8"), key)
    return files.write_atomic(path, text.encode("utf-8"), backup=backup)


def json_schema() -> dict:
    """The JSON Schema of a draft file (what `transfer-helper schema` prints)."""
    schema = ApplicationDraft.model_json_schema()
    schema["properties"] = {"format": {"const": FORMAT, "title": "Format"}, **schema["properties"]}
    schema["required"] = ["format", "schema_version"]
    schema["title"] = "Transfer helper draft"
    return schema
