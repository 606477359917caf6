"""Reusable constrained field types of the complete application, as ``Annotated`` aliases.

Owns: what a valid value of each kind of field is, and the normalisation of what Chinese
input methods produce (NFKC for numbers, months, money, phones and postcodes: fullwidth
digits are accepted and converted; names and free text are never NFKC-normalised, because
that would change rare or compatibility ideographs in a person's name).

Every rejection raises ``PydanticCustomError`` with a stable code from ``FIELD_ERROR_CODES``
and its context; the English template is never shown to a user (findings.py translates codes).
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from app.domain import dates, months

FIELD_ERROR_CODES = frozenset(
    {
        "required", "text_chars", "text_too_long", "name_chars", "name_too_long",
        "phone_format", "postcode_format", "area_code_format",
        "month_format", "month_range", "money_format", "money_negative",
        "money_decimals", "money_too_large", "count_format", "date_range",
    }
)

MAX_MONEY = Decimal("99999999.99")

# Characters that must never reach a form: controls, format marks (incl. bidi overrides),
# lone surrogates, private use (prints as a box or as something else on another system)
# and unassigned code points.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})

# Middle-dot variants that input methods produce in minority names; the ID card and the
# public security registry use U+00B7.
_DOTS = dict.fromkeys(map(ord, "\u2022\u2027\u2219\u30fb\uff65\u0387"), "\u00b7")


def _error(code: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(code, code, ctx)


def first_forbidden_char(text: str) -> str | None:
    """The first character that must not be printed, or None."""
    for ch in text:
        if unicodedata.category(ch) in _FORBIDDEN_CATEGORIES:
            return ch
    return None


def codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _text(limit: int):
    def check(value: str) -> str:
        # One line on paper: runs of white space (tabs, line breaks pasted from elsewhere,
        # the ideographic space) become one space.
        value = " ".join(value.split())
        if not value:
            raise _error("required")
        bad = first_forbidden_char(value)
        if bad is not None:
            raise _error("text_chars", char=codepoint(bad))
        if len(value) > limit:
            raise _error("text_too_long", limit=limit, length=len(value))
        return value

    return check


def normalize_name(value: str) -> str:
    """Trim, collapse inner spaces, unify middle dots. Never changes an ideograph."""
    value = " ".join(value.split())
    return value.translate(_DOTS)


# Letters that make no sense in a name: the vertical kana repeat marks 〱〲〳〴〵 (1.87 em tall
# glyphs, made for vertical text, that print across the lines and cell borders around them).
_NOT_IN_NAMES = frozenset("\u3031\u3032\u3033\u3034\u3035")


def check_name(value: str) -> str:
    value = normalize_name(value)
    if not value:
        raise _error("required")
    for n, ch in enumerate(value):
        category = unicodedata.category(ch)
        if not (category[0] in "LM" or ch in "\u00b7 -'.") or ch in _NOT_IN_NAMES:
            raise _error("name_chars", char=codepoint(ch))
        if n == 0 and category[0] == "M":  # a mark needs a letter before it to sit on
            raise _error("name_chars", char=codepoint(ch))
    if len(value) > 60:
        raise _error("name_too_long", limit=60, length=len(value))
    return value


def _nfkc_compact(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


# re.ASCII: \d would also match Arabic-Indic and other decimal digits, which NFKC keeps
# and which would then be stored and printed as they are.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$", re.ASCII)
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$", re.ASCII)
_HOTLINE = re.compile(r"^\d{5}$", re.ASCII)  # 12345, 12393: agencies' service hotlines


def _phone_text(value: str) -> str:
    """Compact form; a mobile written in groups (138-0013-8000) loses its hyphens."""
    value = _nfkc_compact(value)
    plain = value.replace("-", "")
    return plain if _MOBILE.match(plain) else value


def check_person_phone(value: str) -> str:
    value = _phone_text(value)
    if not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise _error("phone_format")
    return value


def check_agency_phone(value: str) -> str:
    value = _phone_text(value)
    if not (_MOBILE.match(value) or _LANDLINE.match(value) or _HOTLINE.match(value)):
        raise _error("phone_format")
    return value


def check_postcode(value: str) -> str:
    value = _nfkc_compact(value)
    if not re.fullmatch(r"[0-9]{6}", value):
        raise _error("postcode_format")
    return value


def check_area_code(value: str) -> str:
    value = _nfkc_compact(value)
    if not re.fullmatch(r"[0-9]{6}", value):
        raise _error("area_code_format")
    return value


def check_month(value: str) -> str:
    try:
        return months.parse_month(value)
    except months.MonthError as exc:
        raise _error(exc.code, **exc.ctx) from None


def context_today(info: ValidationInfo | None) -> date:
    """The day the checks run as of: the validation context's "today", else the clock."""
    context = (info.context if info is not None else None) or {}
    return context.get("today") or date.today()


def _date_in(bounds_of):
    def check(value: date, info: ValidationInfo) -> date:
        ctx = dates.out_of_range(value, bounds_of(context_today(info)))
        if ctx is not None:
            raise _error("date_range", **ctx)
        return value

    return check


def parse_money(value: object) -> Decimal:
    """Yuan with at most two decimals, >= 0. Accepts "1,234.50", "¥88", fullwidth digits."""
    if isinstance(value, bool):
        raise _error("money_format")
    if isinstance(value, (int, Decimal)):
        text = str(value)
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = _nfkc_compact(value).replace(",", "").removeprefix("¥").removesuffix("元")
    else:
        raise _error("money_format")
    if not re.fullmatch(r"-?\d{1,12}(?:\.\d+)?", text):
        raise _error("money_format")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes these
        raise _error("money_format") from None
    if amount < 0:
        raise _error("money_negative")
    if amount != amount.quantize(Decimal("0.01")):
        raise _error("money_decimals")
    if amount > MAX_MONEY:
        raise _error("money_too_large", limit=str(MAX_MONEY))
    return amount.quantize(Decimal("0.01"))


def parse_count(value: object) -> int:
    if isinstance(value, bool):
        raise _error("count_format")
    if isinstance(value, str):
        value = _nfkc_compact(value)
        if not value.isdigit():
            raise _error("count_format")
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: float("inf")
        raise _error("count_format") from None
    if not isinstance(value, str) and number != value:  # 1.5 must not become 1
        raise _error("count_format")
    if number < 0 or number > 1200:
        raise _error("count_format")
    return number


Name = Annotated[str, AfterValidator(check_name)]
"""A person's name: letters of any script incl. CJK Ext A–H, marks, the middle dot (variants
unified to U+00B7), spaces, hyphen, apostrophe; at most 60 characters."""

Text20 = Annotated[str, AfterValidator(_text(20))]
"""Short codes and words: personal numbers, voucher numbers, relations."""

Text50 = Annotated[str, AfterValidator(_text(50))]
"""Agency and area names."""

Text100 = Annotated[str, AfterValidator(_text(100))]
"""Addresses and employer names."""

PersonPhone = Annotated[str, AfterValidator(check_person_phone)]
"""A mobile (1[3-9] + 9 digits, optional +86) or a landline with area code (010-12345678)."""

AgencyPhone = Annotated[str, AfterValidator(check_agency_phone)]
"""Like PersonPhone, plus 5-digit service hotlines such as 12393."""

Postcode = Annotated[str, AfterValidator(check_postcode)]
"""Six digits."""

AreaCode = Annotated[str, AfterValidator(check_area_code)]
"""A six-digit GB/T 2260 (or 医保区划) code. Whether it exists is a warning, not a type error."""

YearMonth = Annotated[str, AfterValidator(check_month)]
"""A month, canonical "YYYY-MM", 1950-01 to 2050-12."""

Money = Annotated[Decimal, BeforeValidator(parse_money)]
"""Yuan, >= 0, at most two decimals, at most 99,999,999.99."""

BirthDate = Annotated[date, AfterValidator(_date_in(dates.birth_bounds))]
"""A birth date within a human lifetime: not after today, at most 130 years before it
(dates.py says why)."""

SignDate = Annotated[date, AfterValidator(_date_in(dates.sign_bounds))]
"""A signature date at most one year after today (and not before the birth: dates.cross_field)."""

MonthCount = Annotated[int, BeforeValidator(parse_count)]
"""A number of months, 0 to 1200."""
