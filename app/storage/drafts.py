"""Draft files: saving and loading an application as JSON, safely.

Owns: the atomic write (temp file in the same folder, fsync, rename, folder fsync), the
backup of the previous version (FILE.bak), owner-only permissions (0600), and the refusal,
with a clear message, of any file that is damaged, truncated, not ours, from a newer
version, or hostile (huge, deeply nested, not UTF-8). A file that failed to load is never
overwritten. Messages name the problem and the field path, never a value from the file.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from pydantic import ValidationError

from app.storage import draft_crypto
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
    "foreign": ("这不是本程序保存的草稿文件。", "This is not a draft file of this program."),
    "newer_version": ("草稿由更新版本的程序保存（格式版本 {found}，本程序支持到 {supported}），请升级后再打开。", "The draft was saved by a newer version (format {found}; this program reads up to {supported}). Please upgrade to open it."),
    "invalid_content": ("草稿内容有误，无法打开：{fields}。", "The draft's content is invalid and cannot be opened: {fields}."),
    "passphrase_needed": ("此草稿已用口令保护，请输入口令。", "This draft is protected by a passphrase; please enter it."),
    "wrong_passphrase": ("口令不对（或文件已被改动），无法打开。文件没有任何改变。", "Wrong passphrase (or the file was altered); it cannot be opened. The file is unchanged."),
    "encrypted_unsupported": ("这个加密草稿的格式无法识别，可能来自更新版本的程序。", "The format of this encrypted draft is not recognised; it may come from a newer version."),
    "target_foreign": ("目标位置已有一个不是本程序草稿的文件，为避免覆盖，请换一个文件名。", "A file that is not a draft of this program is already there; choose another name so it is not overwritten."),
}


class DraftFileError(Exception):
    """A draft file could not be loaded or saved. The message holds no personal data."""

    def __init__(self, code: str, **ctx: object) -> None:
        self.code = code
        self.ctx = ctx
        zh, en = MESSAGES[code]
        self.message_zh = zh.format(**ctx)
        self.message_en = en.format(**ctx)
        super().__init__(f"{code}: {self.message_en}")

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(draft: ApplicationDraft) -> str:
    data = {"format": FORMAT, **draft.model_dump(mode="json")}
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


def from_json(text: str) -> ApplicationDraft:
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if _cut_short(text, exc):
            raise DraftFileError("truncated") from None
        raise DraftFileError("not_json", line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):
        raise DraftFileError("foreign") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftFileError("foreign")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftFileError("foreign")
    if version > SCHEMA_VERSION:
        raise DraftFileError("newer_version", found=version, supported=SCHEMA_VERSION)
    data.pop("format")
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
    text = _read_text(path)
    if not draft_crypto.is_encrypted(text):
        return from_json(text), None
    if passphrase is None:
        raise DraftFileError("passphrase_needed")
    try:
        plaintext, key = draft_crypto.decrypt(text, passphrase)
    except draft_crypto.CryptoError as exc:
        code = {"wrong_passphrase": "wrong_passphrase", "unsupported": "encrypted_unsupported"}.get(exc.code, "foreign")
        raise DraftFileError(code) from None
    return from_json(plaintext.decode("utf-8")), key


def is_protected(path: str | os.PathLike) -> bool:
    try:
        return draft_crypto.is_encrypted(_read_text(path))
    except DraftFileError:
        return False


def _read_text(path: str | os.PathLike) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DraftFileError("too_large")
        raw = path.read_bytes()
    except OSError as exc:
        raise DraftFileError("unreadable", reason=exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside the last character
            raise DraftFileError("truncated") from None
        raise DraftFileError("not_utf8") from None
    return text


def _is_our_draft(path: Path) -> bool:
    # A damaged draft, or one from a newer version, must not be replaced either.
    try:
        if is_protected(path):
            return True  # ours; its owner is saving over it (the previous version stays as .bak)
        load(path)
    except DraftFileError:
        return False
    return True


def save(draft: ApplicationDraft, path: str | os.PathLike, key: DraftKey | None = None) -> None:
    """Write atomically; the previous version becomes FILE.bak. With `key` (from
    draft_crypto.new_key or load_protected) the file is encrypted. Refuses to replace a file
    that is not a readable draft of this program."""
    path = Path(path)
    if path.exists() and not _is_our_draft(path):
        raise DraftFileError("target_foreign")
    text = to_json(draft)
    if key is not None:
        text = draft_crypto.encrypt(text.encode("utf-8"), key)
    write_private(path, text.encode("utf-8"), backup=True)


def write_private(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Atomic owner-only write of `data` to `path` (also used for autosave and settings-free files)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            os.chmod(temp_name, 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if backup and path.exists():
            _keep_backup(path)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + ".bak")
    handle, temp_name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        shutil.copyfile(path, temp_name)
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; os.replace is durable there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def json_schema() -> dict:
    """The JSON Schema of a draft file (what `transfer-helper schema` prints)."""
    schema = ApplicationDraft.model_json_schema()
    schema["properties"] = {"format": {"const": FORMAT, "title": "Format"}, **schema["properties"]}
    schema["required"] = ["format", "schema_version"]
    schema["title"] = "Transfer helper draft"
    return schema
