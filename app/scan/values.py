"""Turning raw text read for a field into the value a person would have typed.

Owns: one parser per kind of field, each built on the domain's own parser (months.parse_month,
types.parse_money / parse_count / check_name, idnumbers via app/scan/correct.py), so every
value read passes exactly the checks a typed one passes; the digit confusions allowed in
months and amounts; and the scheme words on the papers. A value that does not parse is
dropped with a message code, never guessed. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from pydantic_core import PydanticCustomError

from app.domain import months, types
from app.domain.enums import Scheme

# In a field that holds only digits, these letters can only be misread digits.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1",
                                   "Z": "2", "S": "5", "s": "5", "B": "8"})
_SCHEME_WORDS = (  # most specific first
    ("城镇职工", Scheme.EMPLOYEE), ("职工", Scheme.EMPLOYEE),
    ("新型农村合作医疗", Scheme.NCMS), ("新农合", Scheme.NCMS),
    ("城镇居民", Scheme.URBAN_RESIDENT),
    ("城乡居民", Scheme.RESIDENT), ("居民", Scheme.RESIDENT),
)
_BIRTH = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")
_STAMP_MARK = re.compile(r"[(（]?章[)）]?$")


class Unreadable(ValueError):
    """The text does not give a valid value; `code` names why (a message code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _digits_only(text: str) -> tuple[str, bool]:
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    fixed = compact.translate(_DIGIT_LOOKALIKES)
    return fixed, fixed != compact


def month(text: str) -> tuple[str, bool]:
    """A month (canonical YYYY-MM) and whether a lookalike letter was read as a digit."""
    fixed, changed = _digits_only(text)
    try:
        return months.parse_month(fixed), changed
    except months.MonthError:
        raise Unreadable("month_invalid") from None


def count(text: str) -> tuple[str, bool]:
    fixed, changed = _digits_only(text.removesuffix("个月").removesuffix("月"))
    try:
        return str(types.parse_count(fixed)), changed
    except PydanticCustomError:
        raise Unreadable("count_invalid") from None


def money(text: str) -> tuple[str, bool]:
    fixed, changed = _digits_only(text)
    fixed = fixed.replace("，", ",")
    try:
        return str(types.parse_money(fixed)), changed
    except PydanticCustomError:
        raise Unreadable("money_invalid") from None


def name(text: str) -> str:
    try:
        return types.check_name(unicodedata.normalize("NFC", text))
    except PydanticCustomError:
        raise Unreadable("name_unreadable") from None


def plain_text(text: str, limit: int) -> str:
    """Agency, area and employer names; addresses. The stamp mark after a signature goes."""
    value = " ".join(unicodedata.normalize("NFC", text).split())
    value = _STAMP_MARK.sub("", value).strip()
    if not value or len(value) > limit or types.first_forbidden_char(value) is not None:
        raise Unreadable("text_invalid")
    return value


def sex(text: str) -> str:
    value = "".join(text.split())
    if value == "男":
        return "male"
    if value == "女":
        return "female"
    raise Unreadable("sex_invalid")


def birth_date(text: str) -> date:
    fixed, _ = _digits_only(text)
    match = _BIRTH.match(fixed)
    if not match:
        raise Unreadable("birth_invalid")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise Unreadable("birth_invalid") from None


def scheme(text: str) -> str:
    value = "".join(unicodedata.normalize("NFKC", text).split())
    for word, found in _SCHEME_WORDS:
        if word in value:
            return found.value
    raise Unreadable("scheme_invalid")


def voucher_number(text: str) -> tuple[str, bool]:
    fixed, changed = _digits_only(text)
    if not fixed or len(fixed) > 20 or not fixed.isascii() or not fixed.isalnum():
        raise Unreadable("text_invalid")
    return fixed, changed
