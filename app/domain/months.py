"""Calendar months ("YYYY-MM") as people type them, and month arithmetic.

Owns: parsing the many ways a month is written (2023-01, 202301, 2023/1, 2023.1, 2023年1月,
fullwidth digits), the canonical text form, and the month index used for spans and gaps.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_MONTH = "1950-01"
MAX_MONTH = "2050-12"

_PATTERNS = (
    re.compile(r"^(\d{4})(\d{2})$"),
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$"),
)


class MonthError(ValueError):
    """A month cannot be read. `code` is month_format or month_range."""

    def __init__(self, code: str, **ctx: object) -> None:
        super().__init__(code)
        self.code = code
        self.ctx = ctx


def parse_month(text: str) -> str:
    """Return the canonical "YYYY-MM" form of a typed month, or raise MonthError."""
    raw = unicodedata.normalize("NFKC", text).strip()
    for pattern in _PATTERNS:
        match = pattern.match(raw)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            break
    else:
        raise MonthError("month_format")
    if not 1 <= month <= 12:
        raise MonthError("month_format")
    canonical = f"{year:04d}-{month:02d}"
    if not MIN_MONTH <= canonical <= MAX_MONTH:
        raise MonthError("month_range", min=MIN_MONTH, max=MAX_MONTH)
    return canonical


@lru_cache(maxsize=8192)
def try_month(text: str | None) -> int | None:
    """The month index of a typed month, or None when it is missing or unreadable.
    Cached: the checks ask for the same few months many times per keystroke."""
    if not text:
        return None
    try:
        return index(parse_month(text))
    except MonthError:
        return None


def index(month: str) -> int:
    """Months since year 0: "2023-01" -> 2023*12 + 0. Only for canonical months."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def from_index(value: int) -> str:
    year, month0 = divmod(value, 12)
    return f"{year:04d}-{month0 + 1:02d}"


def span(start: str, end: str) -> int:
    """Months from start to end, both included (the formula the agencies' systems use)."""
    return index(end) - index(start) + 1


def display_zh(month: str) -> str:
    """ "2023-01" -> "2023年01月" for printing."""
    return f"{month[:4]}年{month[5:7]}月"
