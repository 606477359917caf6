"""The audit log of a service window: what was done when, never about whom.

Owns: the file (audit.log in the data directory, JSON lines, owner-only 0600), its rotation
(at about 1 MB the file becomes audit.log.1, the older ones move up, three are kept), and
what an entry may hold. An entry is a timestamp, an action from ACTIONS and a few counts:
integers (clamped to ±100,000: "100000" means that many or more, so no large number such as
a phone number can get in), booleans, and short lower-case words such as document ids or
settings keys. `entry()` refuses anything else with ValueError, so that no name, number,
address, file name (file names may hold names) or field value can reach the file by
mistake: an ID number, a phone number or a postcode is a run of five or more digits and is
refused too. `record()` never raises (an audit must not stop 下一位): a refused value is
left out and the entry says how many were ("withheld").

Imports nothing from Qt, reportlab or the domain model.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from datetime import datetime
from pathlib import Path

from app.storage import files

FILE_NAME = "audit.log"
MAX_BYTES = 1_000_000
KEEP = 3  # rotated files kept besides the current one: audit.log.1 … audit.log.3

ACTIONS = frozenset({
    "invalid",  # what record() writes for an action it does not know
    "app_start", "next_applicant", "auto_lock", "auto_clear", "print", "save_pdf", "open_draft", "save_draft",
    "handoff_import", "settings_changed",
})

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_WORD = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")  # no "/": no paths
_LONG_NUMBER = re.compile(r"\d{5}")
MAX_COUNT = 100_000


def _check_word(value: str) -> str:
    if not _WORD.match(value) or _LONG_NUMBER.search(value):
        raise ValueError("audit values are short lower-case words without long numbers")
    return value


def _check_scalar(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return max(-MAX_COUNT, min(MAX_COUNT, value))  # a bucket "this many or more", never the number
    if isinstance(value, str):
        return _check_word(value)
    raise ValueError(f"audit values are counts, flags or words, not {type(value).__name__}")


def _check_value(value: object) -> object:
    """A scalar, a list of scalars, or a mapping of words to scalars (e.g. copies per document)."""
    if isinstance(value, (list, tuple)):
        return [_check_scalar(item) for item in value]
    if isinstance(value, dict):
        return {_check_word(key) if isinstance(key, str) else _check_scalar(key): _check_scalar(item)
                for key, item in value.items()}
    return _check_scalar(value)


def entry(action: str, now: datetime | None = None, **counts: object) -> dict:
    """The entry to write: refuses an unknown action and any value that is not a count."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    for key in counts:
        if not _KEY.match(key):
            raise ValueError("audit keys are lower-case words")
    stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    return {"ts": stamp, "action": action, **{key: _check_value(value) for key, value in counts.items()}}


def _safe_entry(action: str, counts: dict) -> dict:
    kept, withheld = {}, 0
    for key, value in counts.items():
        try:
            if not _KEY.match(key):
                raise ValueError(key)
            kept[key] = _check_value(value)
        except (ValueError, TypeError, RecursionError):
            withheld += 1
    item = entry(action if action in ACTIONS else "invalid", **kept)
    if withheld:
        item["withheld"] = withheld
    return item


class AuditLog:
    """Appends entries to FOLDER/audit.log; safe to call from any thread."""

    def __init__(self, folder: str | os.PathLike, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME
        self.max_bytes = max_bytes
        self.keep = keep
        self._lock = threading.Lock()

    def record(self, action: str, **counts: object) -> dict:
        """Write one entry and return it; never raises. A full disk or a read-only folder
        does not stop the app (the entry is lost then); a value that is not a count is left
        out (counted in "withheld"), an unknown action is written as "invalid"."""
        item = _safe_entry(action, counts)
        line = (json.dumps(item, ensure_ascii=True, separators=(",", ":"), sort_keys=False) + "\n").encode("ascii")
        with self._lock, contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._rotate_if_needed(len(line))
            files.append_line(self.path, line)
        return item

    def _rotate_if_needed(self, adding: int) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size + adding <= self.max_bytes:
            return
        for number in range(self.keep, 0, -1):
            older = self.rotated(number)
            if number == self.keep:
                with contextlib.suppress(FileNotFoundError):
                    older.unlink()
            newer = self.rotated(number - 1) if number > 1 else self.path
            if newer.exists():
                os.replace(newer, older)

    def rotated(self, number: int) -> Path:
        return self.path.with_name(f"{FILE_NAME}.{number}")

    def files(self) -> list[Path]:
        """The current file and the rotated ones that exist, newest first."""
        return [path for path in [self.path, *(self.rotated(n) for n in range(1, self.keep + 1))] if path.exists()]

    def entries(self) -> list[dict]:
        """Every entry, oldest first (for tests and for a supervisor reading the log)."""
        found: list[dict] = []
        for path in reversed(self.files()):
            try:
                text = files.read_limited(path, 4 * self.max_bytes).decode("ascii", errors="replace")
            except OSError:
                continue
            for line in text.splitlines():
                with contextlib.suppress(ValueError):
                    found.append(json.loads(line))
        return found
