"""Names of the files the app suggests: saved PDFs and drafts.

Owns: `safe_file_name` (a name every file system the app runs on accepts, Windows the
strictest: none of <>:"/\\|?*, no control characters, no trailing dot or space, none of
the reserved device names, at most MAX_LENGTH characters) and the suggested names
themselves: the document's Chinese title, the person's name and the date, so that a folder
of saved files reads like the paper on the desk ("基本医疗保险关系转移接续申请表-张三-2026-11-23.pdf").

Qt-free and reportlab-free: the wizard and the command line can both use it.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

MAX_LENGTH = 120  # characters, the suffix included: well inside Windows' 255 and MAX_PATH folders
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_SEPARATOR = "-"


def safe_file_name(stem: str, suffix: str = "", fallback: str = "未命名") -> str:
    """`stem` + `suffix` made safe as a file name (see the module docstring)."""
    text = unicodedata.normalize("NFC", stem)
    text = "".join(" " if unicodedata.category(ch) in ("Zl", "Zp", "Cc", "Cf") else ch for ch in text)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(". ")
    if not text or text.split(".")[0].strip().upper() in _RESERVED:
        text = f"{fallback}_{text}" if text else fallback
    room = MAX_LENGTH - len(suffix)
    if len(text) > room:
        text = text[:room].rstrip(". ")
    return text + suffix


def _stem(*parts: str | None) -> str:
    return _SEPARATOR.join(part.strip() for part in parts if part and part.strip())


def document_file_name(title: str, person: str | None, day: date) -> str:
    """A saved PDF: "<document title>-<person's name>-<YYYY-MM-DD>.pdf"."""
    return safe_file_name(_stem(title, person, day.isoformat()), ".pdf")


def draft_file_name(person: str | None, day: date, title: str = "医保关系转移申请") -> str:
    """A draft: "<title>-<person's name>-<YYYY-MM-DD>.json"."""
    return safe_file_name(_stem(title, person, day.isoformat()), ".json")
