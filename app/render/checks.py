"""Checks that need the fonts: characters of an application that no installed font can print.

Owns: `font_findings`, one ERROR finding (code `char_no_glyph`) per field and character that no
font of the chain covers, because such a character would print as an empty box on a form the
window must accept. The message names the field, the character and its code point, and says
what to do; it carries none of the person's other data.
Lives in render/ because only render/ knows the fonts; builds Finding records directly.
"""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from pydantic import BaseModel

from app.domain.application import Application
from app.domain.findings import Finding, Severity, field_label
from app.render import fonts

CODE = "char_no_glyph"

_HINT_EXT_B = (
    "请安装含扩展B区的字体（如 Windows 的 SimSun-ExtB、Linux 的 HanaMinB）或改用正式规范字。",
    "Install a font with CJK Extension B (e.g. SimSun-ExtB on Windows, HanaMinB on Linux) "
    "or use the standard form of the character.",
)
_HINT_EXT_G = (
    "请安装含扩展G区及以后汉字的字体（如 Windows 的 SimSun-ExtG）或改用正式规范字。",
    "Install a font with CJK Extension G or later (e.g. SimSun-ExtG on Windows) "
    "or use the standard form of the character.",
)
_HINT_OTHER = (
    "请安装含该字符的字体，或改用其他写法。",
    "Install a font that has this character, or write it another way.",
)


def _hint(ch: str) -> tuple[str, str]:
    code = ord(ch)
    if 0x20000 <= code <= 0x2FFFF:
        return _HINT_EXT_B
    if 0x30000 <= code <= 0x3FFFF:
        return _HINT_EXT_G
    return _HINT_OTHER


def _texts(obj, path: str) -> Iterator[tuple[str, str]]:
    """(field path, text) of every printed text value; pick-list values print fixed labels."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}.{i}")
    elif isinstance(obj, str) and not isinstance(obj, Enum):
        yield path, obj


def _finding(path: str, ch: str) -> Finding:
    point = f"U+{ord(ch):04X}"
    hint_zh, hint_en = _hint(ch)
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        path=path,
        message_zh=f"{field_label(path, 'zh')}中的“{ch}”({point}) 没有可用字体，打印会变成空框。{hint_zh}",
        message_en=(f"{field_label(path, 'en')}: the character “{ch}” ({point}) has no font to print it "
                    f"and would print as an empty box. {hint_en}"),
    )


def font_findings(app: Application) -> list[Finding]:
    """An error for every character of every printed value that no font can draw, in form order."""
    fonts.register_fonts()
    return [_finding(path, ch) for path, text in _texts(app, "") for ch in fonts.uncovered_chars(text)]
