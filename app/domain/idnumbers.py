"""Parsers for identity and organisation numbers: text as typed -> canonical value or NumberError.

Owns: the 18-character 公民身份号码 (GB 11643-1999) and the numbers built the same way
(港澳台居民居住证 810000/820000/830000, 2023 外国人永久居留身份证 starting with 9), the 15-digit
legacy form (GB 11643-1989, refused with a converted suggestion), the 统一社会信用代码
(GB 32100-2015) with its embedded 组织机构代码 (GB 11714, warning only), and the format checks of
permits and passports. See forms-and-rules.md §5.

Must not import PySide6, reportlab or pydantic: the domain model calls these functions from its
validators, and the CLI and tests call them directly. No region data either: whether a county
code exists is the caller's warning, not an error here (numbers keep the code of the place where
they were issued, which may be newer than the birth year or abolished since).

Check digits are computed here rather than with python-stdnum: its `validate()` functions reject
valid numbers (§5.6), and the tests cross-check these check digits against its `calc_check_digit`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

__all__ = [
    "CTX_KEYS", "DOCUMENT_ERROR_CODES", "ID_ERROR_CODES", "USCC_ERROR_CODES",
    "IdInfo", "IdKind", "NumberError",
    "id_check_char", "make_id_number", "make_uscc", "normalize_number_text",
    "parse_hk_macao_permit", "parse_id_number", "parse_old_foreign_pr", "parse_passport",
    "parse_taiwan_permit", "parse_uscc", "uscc_org_code_ok",
]

#: Every error code with the keys its `ctx` carries (what a translated message may use).
CTX_KEYS: dict[str, tuple[str, ...]] = {
    "id_empty": (),
    "id_legacy15": ("suggested",),
    "id_length": ("length",),
    "id_chars": ("position",),
    "id_birth_date": ("value",),
    "id_birth_future": ("value",),
    "id_province": ("code",),
    "id_hmt_address": ("code",),
    "id_foreign_province": ("code",),
    "id_checksum": ("expected",),
    "uscc_length": ("length",),
    "uscc_chars": ("position",),
    "uscc_checksum": ("expected",),
    "permit_format": (),
    "passport_format": (),
    "foreign_pr_format": (),
}
ID_ERROR_CODES = frozenset(c for c in CTX_KEYS if c.startswith("id_"))
USCC_ERROR_CODES = frozenset(c for c in CTX_KEYS if c.startswith("uscc_"))
DOCUMENT_ERROR_CODES = frozenset({"permit_format", "passport_format", "foreign_pr_format"})


class NumberError(ValueError):
    """A number is not valid. `code` is a stable machine code, `ctx` holds values for the message.

    `str(error)` is the code only: the typed number must not reach a log through an error
    message. `ctx` may hold parts of it (a suggested number, a check character) for the user.
    """

    def __init__(self, code: str, /, **ctx: object) -> None:  # "code" is also a ctx key
        super().__init__(code)
        self.code = code
        self.ctx = ctx


def normalize_number_text(text: str) -> str:
    """What an input method produces -> canonical text.

    NFKC turns fullwidth digits and letters (and U+3000) into ASCII; whitespace and invisible
    format characters (zero-width space, BOM, from copy and paste) are removed, since people
    group numbers as 6-8-4; letters are upper-cased (x -> X). Hyphens and other punctuation are
    kept on purpose, so that the parser reports them with their position.
    """
    folded = unicodedata.normalize("NFKC", text)
    kept = (c for c in folded if not c.isspace() and unicodedata.category(c) != "Cf")
    return "".join(kept).upper()


# ---------------------------------------------------------------- 公民身份号码 (GB 11643)

_DIGITS = frozenset("0123456789")  # not str.isdigit(): it accepts Arabic-Indic digits and more
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_PROVINCES = frozenset(
    str(p) for p in (
        *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47),
        *range(50, 55), *range(61, 66), 71, 81, 82, 83,
    )
)
_HMT_PROVINCES = frozenset({"81", "82", "83"})
# 国办发〔2018〕81号 第三条: the address code of a residence permit for Hong Kong, Macao and
# Taiwan residents is exactly 810000, 820000 or 830000 (not a county under them).
_HMT_ADDRESS_CODES = frozenset({"810000", "820000", "830000"})
# 2023 永居证: digits 2-3 are the province of the accepting authority, a mainland province
# (forms-and-rules.md §5.3; 71/81/82/83 issue no such card).
_FOREIGN_PR_PROVINCES = _PROVINCES - {"71"} - _HMT_PROVINCES
_MIN_BIRTH_YEAR = 1800


class IdKind(StrEnum):
    CITIZEN = "citizen"
    HMT_RESIDENT = "hmt_resident"  # 港澳台居民居住证: address code exactly 810000/820000/830000
    FOREIGN_PR = "foreign_pr"  # 2023 外国人永久居留身份证: first digit 9


@dataclass(frozen=True, slots=True)
class IdInfo:
    number: str  # normalized, 18 characters
    kind: IdKind
    address_code: str  # characters 1-6 as they are
    province_code: str  # characters 1-2; for FOREIGN_PR 2-3 (accepting province, layout unverified)
    birth_date: date
    sex: Literal["male", "female"]  # from digit 17: odd = male


def _is_digits(text: str) -> bool:
    return bool(text) and all(c in _DIGITS for c in text)


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    if len(first17) != 17 or not _is_digits(first17):
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def make_id_number(address6: str, birth: date, seq3: str) -> str:
    """A number with a valid check character, for tests and fixtures (fake people only)."""
    if len(address6) != 6 or len(seq3) != 3:
        raise ValueError("address6 must have 6 digits and seq3 3 digits")
    first17 = f"{address6}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq3}"
    return first17 + id_check_char(first17)


def _birth_date(yyyymmdd: str) -> date | None:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < _MIN_BIRTH_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _legacy15_suggestion(text: str, today: date) -> str | None:
    """The 18-digit form of a plausible GB 11643-1989 number, else None."""
    if len(text) != 15 or not _is_digits(text) or text[:2] not in _PROVINCES:
        return None
    born = _birth_date("19" + text[6:12])
    if born is None or born > today:
        return None
    return make_id_number(text[:6], born, text[12:])


def _first_bad_char(number: str) -> int | None:
    """1-based position of the first character that is neither a digit nor X."""
    return next((i for i, c in enumerate(number, 1) if c not in _DIGITS and c != "X"), None)


def _kind(number: str) -> IdKind:
    if number[0] == "9":
        return IdKind.FOREIGN_PR
    if number[:2] in _HMT_PROVINCES:
        return IdKind.HMT_RESIDENT
    return IdKind.CITIZEN


def parse_id_number(text: str, *, today: date) -> IdInfo:
    """Parse a 公民身份号码 or a number built like one; raise NumberError.

    Checks, in this order (the first failure is reported):
    1. id_empty;
    2. id_legacy15: 15 digits with a real, past 19YYMMDD date and a known province;
    3. id_chars: a character that is neither a digit nor X (a hyphen, the letter O) is
       reported with its position before the length, which it usually explains;
    4. id_length;
    5. id_chars: an X anywhere but last (after the length, so that a missing digit before a
       final X reads as a length error, not as a misplaced X);
    6. id_birth_date (digits 7-14, also for FOREIGN_PR, per the layout in §5.3), then
       id_birth_future;
    7. id_province; for HMT_RESIDENT id_hmt_address (exactly 810000/820000/830000); for
       FOREIGN_PR id_foreign_province (digits 2-3 a mainland province code);
    8. id_checksum.

    The checksum comes last because it only says "something is wrong": when a typo lands in
    the date or province digits, the specific message points at the wrong part, and when it
    lands elsewhere (or in the check character) the checksum still catches it, because
    MOD 11-2 detects every single-character substitution.
    """
    number = normalize_number_text(text)
    if not number:
        raise NumberError("id_empty")
    if (suggested := _legacy15_suggestion(number, today)) is not None:
        raise NumberError("id_legacy15", suggested=suggested)
    if (position := _first_bad_char(number)) is not None:
        raise NumberError("id_chars", position=position)
    if len(number) != 18:
        raise NumberError("id_length", length=len(number))
    if "X" in number[:17]:
        raise NumberError("id_chars", position=number.index("X") + 1)
    born = _birth_date(number[6:14])
    if born is None:
        raise NumberError("id_birth_date", value=number[6:14])
    if born > today:
        raise NumberError("id_birth_future", value=number[6:14])
    kind = _kind(number)
    if kind is IdKind.FOREIGN_PR:
        if number[1:3] not in _FOREIGN_PR_PROVINCES:
            raise NumberError("id_foreign_province", code=number[1:3])
    elif number[:2] not in _PROVINCES:
        raise NumberError("id_province", code=number[:2])
    elif kind is IdKind.HMT_RESIDENT and number[:6] not in _HMT_ADDRESS_CODES:
        raise NumberError("id_hmt_address", code=number[:6])
    if (expected := id_check_char(number[:17])) != number[17]:
        raise NumberError("id_checksum", expected=expected)
    return IdInfo(
        number=number,
        kind=kind,
        address_code=number[:6],
        province_code=number[1:3] if kind is IdKind.FOREIGN_PR else number[:2],
        birth_date=born,
        sex="male" if int(number[16]) % 2 else "female",
    )


# ---------------------------------------------------------------- 统一社会信用代码 (GB 32100)

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_USCC_SET = frozenset(_USCC_ALPHABET)
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def make_uscc(first17: str) -> str:
    """first17 + its GB 32100 check character, for tests and fixtures."""
    if len(first17) != 17 or not set(first17) <= _USCC_SET:
        raise ValueError("first17 must be 17 characters of the USCC alphabet")
    return first17 + _uscc_check_char(first17)


def _uscc_bad_position(code: str, allowed_at: Callable[[int], frozenset[str]]) -> int | None:
    return next((i for i, c in enumerate(code, 1) if c not in allowed_at(i)), None)


def parse_uscc(text: str) -> str:
    """Parse a 统一社会信用代码; return it normalized or raise NumberError.

    Order, as for identity numbers: uscc_chars for a character outside the alphabet anywhere
    (a hyphen, I O S V Z); uscc_length; uscc_chars for a letter in positions 3-8 (the region
    code); uscc_checksum. Letters are allowed in positions 1-2 (python-stdnum's validate()
    wrongly rejects them). The embedded 组织机构代码 is not checked here: see uscc_org_code_ok,
    a warning only.
    """
    code = normalize_number_text(text)
    if (position := _uscc_bad_position(code, lambda i: _USCC_SET)) is not None:
        raise NumberError("uscc_chars", position=position)
    if len(code) != 18:
        raise NumberError("uscc_length", length=len(code))
    if (position := _uscc_bad_position(code, _uscc_allowed_at)) is not None:
        raise NumberError("uscc_chars", position=position)
    if (expected := _uscc_check_char(code[:17])) != code[17]:
        raise NumberError("uscc_checksum", expected=expected)
    return code


def _uscc_allowed_at(position: int) -> frozenset[str]:
    return _DIGITS if 3 <= position <= 8 else _USCC_SET


def _org_value(c: str) -> int | None:
    """GB 11714 character values: 0-9, then A=10 ... Z=35."""
    if c in _DIGITS:
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    return None


def uscc_org_code_ok(code: str) -> bool:
    """Whether positions 9-17 of a USCC are a valid GB 11714 组织机构代码 (for a warning only).

    Weights 3 7 9 10 5 8 4 2 over positions 9-16; C = 11 - (S mod 11), 10 -> 'X', 11 -> '0'.
    """
    code = normalize_number_text(code)
    if len(code) != 18:
        return False
    values = [_org_value(c) for c in code[8:16]]
    if None in values:
        return False
    check = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS)) % 11
    return code[16] == {10: "X", 11: "0"}.get(check, str(check))


# ---------------------------------------------------------------- permits and passports

_HK_MACAO_PERMIT = re.compile(r"[HM][0-9]{8}(?:[0-9]{2})?")
_TAIWAN_PERMIT = re.compile(r"[0-9]{8}(?:[0-9]{2})?")
_PASSPORT = re.compile(r"[A-Z0-9]{5,20}")
_OLD_FOREIGN_PR = re.compile(r"[A-Z]{3}[0-9]{12}")


def _match(pattern: re.Pattern[str], text: str, code: str) -> str:
    number = normalize_number_text(text)
    # fullmatch and ASCII classes only: `$` would accept a trailing newline
    if not pattern.fullmatch(number):
        raise NumberError(code)
    return number


def parse_hk_macao_permit(text: str) -> str:
    """港澳居民来往内地通行证: H or M + 8 digits, optionally + 2 digits (renewal count)."""
    return _match(_HK_MACAO_PERMIT, text, "permit_format")


def parse_taiwan_permit(text: str) -> str:
    """台湾居民来往大陆通行证: 8 digits (current card) or 10 (older cards)."""
    return _match(_TAIWAN_PERMIT, text, "permit_format")


def parse_passport(text: str) -> str:
    """A foreign passport number: 5-20 characters A-Z, 0-9."""
    return _match(_PASSPORT, text, "passport_format")


def parse_old_foreign_pr(text: str) -> str:
    """2017 外国人永久居留身份证: 3 letters + 12 digits (15 characters)."""
    return _match(_OLD_FOREIGN_PR, text, "foreign_pr_format")
