"""Characters entered by their code point, and which characters of a name are rare.

Owns: reading what a person types into the "enter by code point" box (U+20BB7, 20BB7,
&#x20BB7;, \\U00020BB7, or the character itself; several separated by spaces or commas)
into characters, refusing what can never be printed with a reason code, and naming the
characters of a text that people usually cannot type (outside the Basic Multilingual Plane,
CJK Extension A, CJK compatibility ideographs), so the screen can show their code points.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
import unicodedata

MAX_CODEPOINT = 0x10FFFF

# One token: U+XXXX, \\uXXXX, \\UXXXXXXXX, 0xXXXX, &#xXXXX;, &#DDDD; or bare hex digits.
_HEX_TOKEN = re.compile(
    r"""^(?:
        [Uu]\+(?P<uplus>[0-9A-Fa-f]{1,8})
      | \\[Uu](?P<escape>[0-9A-Fa-f]{1,8})
      | 0[xX](?P<zerox>[0-9A-Fa-f]{1,8})
      | &\#[xX](?P<hexref>[0-9A-Fa-f]{1,8});?
      | &\#(?P<decref>[0-9]{1,8});?
      | (?P<bare>[0-9A-Fa-f]{2,8})
    )$""",
    re.VERBOSE,
)
_SEPARATORS = re.compile(r"[\s,，、;；]+")

# Reasons a code point is refused (the UI words them; `value` is "U+XXXX" or the token).
EMPTY, UNREADABLE, TOO_LARGE, SURROGATE, UNASSIGNED, NOT_PRINTABLE = (
    "empty", "unreadable", "too_large", "surrogate", "unassigned", "not_printable",
)


class CodepointError(ValueError):
    """`code` is one of the reasons above; `value` names the offending input."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.value = value


def label(ch: str) -> str:
    """"U+20BB7" for 𠮷, "U+4E00" for 一."""
    return f"U+{ord(ch):04X}"


def _char(number: int, token: str) -> str:
    if number > MAX_CODEPOINT:
        raise CodepointError(TOO_LARGE, token)
    if 0xD800 <= number <= 0xDFFF:
        raise CodepointError(SURROGATE, f"U+{number:04X}")
    ch = chr(number)
    category = unicodedata.category(ch)
    if category == "Cn":
        raise CodepointError(UNASSIGNED, f"U+{number:04X}")
    if category in ("Cc", "Cf", "Co", "Zl", "Zp"):
        raise CodepointError(NOT_PRINTABLE, f"U+{number:04X}")
    return ch


def _token_chars(token: str) -> str:
    match = _HEX_TOKEN.match(token)
    if match is not None:
        kind = match.lastgroup
        digits = match.group(kind)
        return _char(int(digits, 10 if kind == "decref" else 16), token)
    if token.isascii():
        raise CodepointError(UNREADABLE, token)  # "U+XYZ", "G123": a notation gone wrong
    # The characters themselves (pasted, or typed with an input method that has them).
    for ch in token:
        _char(ord(ch), token)
    return token


def parse(text: str) -> str:
    """The characters `text` names, in order. Raises CodepointError.

    >>> parse("U+20BB7")
    '𠮷'
    """
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    if not tokens:
        raise CodepointError(EMPTY)
    return "".join(_token_chars(token) for token in tokens)


def is_rare(ch: str) -> bool:
    """A character most input methods and fonts lack: outside the BMP, CJK Extension A,
    or a CJK compatibility ideograph (which NFKC would silently turn into another one)."""
    number = ord(ch)
    return (
        number > 0xFFFF
        or 0x3400 <= number <= 0x4DBF
        or 0xF900 <= number <= 0xFAFF
    )


def rare_chars(text: str) -> list[str]:
    """The rare characters of `text`, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if is_rare(ch):
            seen.setdefault(ch)
    return list(seen)
