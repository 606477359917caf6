"""The Annotated field types of the complete form: a table of valid and invalid inputs per type.

Fullwidth policy under test: numbers, months, money, phones and postcodes are NFKC-normalised
(fullwidth digits from Chinese input methods are accepted and stored as ASCII); names and free
text are never NFKC-normalised (a compatibility ideograph or a fullwidth letter in a name stays).
Each invalid input has its reason as its test id and asserts the stable error code.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from app.domain import types
from app.domain.findings import MESSAGES
from app.domain.history import Period
from app.domain.types import (
    FIELD_ERROR_CODES,
    AgencyPhone,
    AreaCode,
    Money,
    MonthCount,
    Name,
    PersonPhone,
    Postcode,
    Text20,
    Text50,
    Text100,
    YearMonth,
)


def valid(type_, value):
    return TypeAdapter(type_).validate_python(value)


def error_code(type_, value) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(type_).validate_python(value)
    errors = info.value.errors()
    assert len(errors) == 1
    assert errors[0]["type"] in FIELD_ERROR_CODES
    return errors[0]["type"]


# ------------------------------------------------------------------ Name

NAME_VALID = [
    pytest.param("王晓明", "王晓明", id="common-cjk"),
    pytest.param("陶\U00020bb7祥", "陶\U00020bb7祥", id="ext-b-u20bb7-kept"),
    pytest.param("\u3400丁", "\u3400丁", id="ext-a-u3400-kept"),
    pytest.param("阿依古丽·买买提", "阿依古丽·买买提", id="minority-name-u00b7"),
    pytest.param("阿依古丽•买买提", "阿依古丽·买买提", id="bullet-u2022-becomes-u00b7"),
    pytest.param("阿依古丽・买买提", "阿依古丽·买买提", id="katakana-dot-u30fb-becomes-u00b7"),
    pytest.param("阿依古丽･买买提", "阿依古丽·买买提", id="halfwidth-dot-uff65-becomes-u00b7"),
    pytest.param("阿依古丽‧买买提", "阿依古丽·买买提", id="hyphenation-point-u2027-becomes-u00b7"),
    pytest.param("\uf900", "\uf900", id="compatibility-ideograph-uf900-not-nfkc"),
    pytest.param("金\uf92b", "金\uf92b", id="compatibility-ideograph-uf92b-not-nfkc"),
    pytest.param("Ｊｏｈｎ", "Ｊｏｈｎ", id="fullwidth-latin-untouched"),
    pytest.param("John Smith", "John Smith", id="latin-with-space"),
    pytest.param("Anne-Marie O'Neil", "Anne-Marie O'Neil", id="latin-hyphen-apostrophe"),
    pytest.param("José Müller", "José Müller", id="latin-diacritics"),
    pytest.param("  王  晓明 ", "王 晓明", id="spaces-trimmed-and-collapsed"),
    pytest.param("王\u3000晓明", "王 晓明", id="ideographic-space-becomes-space"),
    pytest.param("张" * 60, "张" * 60, id="exactly-60-chars"),
    pytest.param("\U00020bb7" * 60, "\U00020bb7" * 60, id="60-astral-chars-count-as-60"),
]


@pytest.mark.parametrize(("given", "expected"), NAME_VALID)
def test_name_valid_input_is_normalised_only_in_spaces_and_dots(given, expected):
    assert valid(Name, given) == expected


NAME_INVALID = [
    pytest.param("王3", "name_chars", id="digit"),
    pytest.param("王３", "name_chars", id="fullwidth-digit"),
    pytest.param("王😀", "name_chars", id="emoji"),
    pytest.param("王\x01明", "name_chars", id="control-char"),
    pytest.param("王\x00明", "name_chars", id="nul"),
    pytest.param("王\u202e明", "name_chars", id="bidi-override-u202e"),
    pytest.param("王\u200b明", "name_chars", id="zero-width-space"),
    pytest.param("王\ud800明", "name_chars", id="lone-surrogate"),
    pytest.param("王\ue000明", "name_chars", id="private-use"),
    pytest.param("王@明", "name_chars", id="punctuation"),
    pytest.param("张" * 61, "name_too_long", id="61-chars"),
]


@pytest.mark.parametrize(("given", "code"), NAME_INVALID)
def test_name_invalid_input_is_rejected_with_code(given, code):
    assert error_code(Name, given) == code


def test_name_error_context_names_the_code_point_not_the_name():
    with pytest.raises(ValidationError) as info:
        valid(Name, "王\u202e明")
    error = info.value.errors()[0]
    assert error["ctx"] == {"char": "U+202E"}


def test_name_too_long_context_has_limit_and_length():
    with pytest.raises(ValidationError) as info:
        valid(Name, "张" * 61)
    assert info.value.errors()[0]["ctx"] == {"limit": 60, "length": 61}


# ------------------------------------------------------------------ Text


@pytest.mark.parametrize(
    ("type_", "given", "expected"),
    [
        pytest.param(Text20, "女儿", "女儿", id="text20-short"),
        pytest.param(Text50, "深圳市 医保\t中心\n", "深圳市 医保 中心", id="text50-whitespace-runs-collapse"),
        pytest.param(Text100, "示例路１号", "示例路１号", id="text100-fullwidth-digit-not-nfkc"),
        pytest.param(Text20, "一" * 20, "一" * 20, id="text20-at-limit"),
    ],
)
def test_text_valid_input_collapses_whitespace_only(type_, given, expected):
    assert valid(type_, given) == expected


@pytest.mark.parametrize(
    ("type_", "given", "code"),
    [
        pytest.param(Text20, "一" * 21, "text_too_long", id="text20-21-chars"),
        pytest.param(Text50, "一" * 51, "text_too_long", id="text50-51-chars"),
        pytest.param(Text100, "一" * 101, "text_too_long", id="text100-101-chars"),
        pytest.param(Text100, "路\x07", "text_chars", id="bell-control-char"),
        pytest.param(Text100, "路\u202e号", "text_chars", id="bidi-override"),
        pytest.param(Text50, "路\ud800", "text_chars", id="lone-surrogate"),
        pytest.param(Text50, "路\U0010fffe", "text_chars", id="unassigned-noncharacter"),
    ],
)
def test_text_invalid_input_is_rejected_with_code(type_, given, code):
    assert error_code(type_, given) == code


# ------------------------------------------------------------------ phones

PHONE_VALID = [
    pytest.param("13800138000", "13800138000", id="mobile"),
    pytest.param("+8613800138000", "+8613800138000", id="mobile-plus86"),
    pytest.param("8613800138000", "8613800138000", id="mobile-86"),
    pytest.param("１３８００１３８０００", "13800138000", id="mobile-fullwidth-digits"),
    pytest.param("＋８６１３８００１３８０００", "+8613800138000", id="mobile-fullwidth-plus86"),
    pytest.param("138 0013 8000", "13800138000", id="mobile-grouped-with-spaces"),
    pytest.param("010-12345678", "010-12345678", id="landline-beijing"),
    pytest.param("01012345678", "01012345678", id="landline-no-hyphen"),
    pytest.param("0755-1234567", "0755-1234567", id="landline-4-digit-area-7-digit-number"),
    pytest.param("0755-12345678-123", "0755-12345678-123", id="landline-with-extension"),
    pytest.param("０７５５－１２３４５６７８", "0755-12345678", id="landline-fullwidth-hyphen"),
]


@pytest.mark.parametrize(("given", "expected"), PHONE_VALID)
def test_person_phone_valid_input_is_normalised(given, expected):
    assert valid(PersonPhone, given) == expected


@pytest.mark.parametrize(("given", "expected"), PHONE_VALID)
def test_agency_phone_accepts_every_person_phone(given, expected):
    assert valid(AgencyPhone, given) == expected


@pytest.mark.parametrize(("hotline", "expected"), [("12393", "12393"), ("12345", "12345"), ("１２３９３", "12393")])
def test_agency_phone_hotline_accepted(hotline, expected):
    assert valid(AgencyPhone, hotline) == expected


PHONE_INVALID = [
    pytest.param("12393", id="hotline-is-not-a-person-phone"),
    pytest.param("12345678901", id="mobile-second-digit-2"),
    pytest.param("1380013800", id="mobile-10-digits"),
    pytest.param("138001380000", id="mobile-12-digits"),
    pytest.param("+4413800138000", id="foreign-country-code"),
    pytest.param("12345678", id="landline-without-area-code"),
    pytest.param("010-123456", id="landline-6-digit-number"),
    pytest.param("0755-12345678-1234567", id="extension-7-digits"),
    pytest.param("13８00138000".replace("８", "\u0668"), id="arabic-indic-digit"),
    pytest.param("abc", id="letters"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("given", PHONE_INVALID)
def test_person_phone_invalid_input_is_rejected(given):
    assert error_code(PersonPhone, given) == "phone_format"


@pytest.mark.parametrize(
    "given",
    [
        pytest.param("1239", id="4-digit-hotline"),
        pytest.param("123456", id="6-digit-hotline"),
        pytest.param("\u0661\u0662\u0663\u0669\u0663", id="arabic-indic-hotline"),
    ],
)
def test_agency_phone_invalid_input_is_rejected(given):
    assert error_code(AgencyPhone, given) == "phone_format"


# ------------------------------------------------------------------ postcodes and area codes


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param("310000", "310000", id="ascii"),
        pytest.param("３１００００", "310000", id="fullwidth"),
        pytest.param(" 310 000 ", "310000", id="spaces-removed"),
    ],
)
@pytest.mark.parametrize("type_", [Postcode, AreaCode], ids=["postcode", "area-code"])
def test_six_digit_code_valid_input_is_normalised(type_, given, expected):
    assert valid(type_, given) == expected


@pytest.mark.parametrize(
    "given",
    [
        pytest.param("31000", id="5-digits"),
        pytest.param("3100000", id="7-digits"),
        pytest.param("31000a", id="letter"),
        pytest.param("310-000", id="hyphen"),
        pytest.param("\u0663\u0661\u0660\u0660\u0660\u0660", id="arabic-indic-digits"),
        pytest.param("", id="empty"),
    ],
)
@pytest.mark.parametrize(("type_", "code"), [(Postcode, "postcode_format"), (AreaCode, "area_code_format")],
                         ids=["postcode", "area-code"])
def test_six_digit_code_invalid_input_is_rejected(type_, code, given):
    assert error_code(type_, given) == code


# ------------------------------------------------------------------ YearMonth

MONTH_VALID = [
    pytest.param("2023-01", id="canonical"),
    pytest.param("202301", id="six-digits"),
    pytest.param("2023/1", id="slash-one-digit"),
    pytest.param("2023/01", id="slash-two-digits"),
    pytest.param("2023.1", id="dot"),
    pytest.param("2023-1", id="hyphen-one-digit"),
    pytest.param("2023年1月", id="chinese"),
    pytest.param("2023年01月", id="chinese-two-digits"),
    pytest.param("2023年1", id="chinese-without-yue"),
    pytest.param("２０２３年１月", id="fullwidth-chinese"),
    pytest.param("２０２３－０１", id="fullwidth-hyphen"),
    pytest.param("２０２３０１", id="fullwidth-six-digits"),
    pytest.param(" 2023 - 01 ", id="spaces-around"),
]


@pytest.mark.parametrize("given", MONTH_VALID)
def test_year_month_every_spelling_becomes_canonical(given):
    assert valid(YearMonth, given) == "2023-01"


@pytest.mark.parametrize(("given", "expected"), [("1950-01", "1950-01"), ("2050-12", "2050-12"), ("1999.12", "1999-12")])
def test_year_month_range_ends_are_accepted(given, expected):
    assert valid(YearMonth, given) == expected


MONTH_INVALID = [
    pytest.param("1949-12", "month_range", id="before-1950"),
    pytest.param("2051-01", "month_range", id="after-2050"),
    pytest.param("2023-13", "month_format", id="month-13"),
    pytest.param("2023-00", "month_format", id="month-0"),
    pytest.param("23-01", "month_format", id="two-digit-year"),
    pytest.param("2023", "month_format", id="year-only"),
    pytest.param("2023-01-15", "month_format", id="full-date"),
    pytest.param("2023/01/", "month_format", id="trailing-slash"),
    pytest.param("一月", "month_format", id="chinese-numerals"),
    pytest.param("", "month_format", id="empty"),
]


@pytest.mark.parametrize(("given", "code"), MONTH_INVALID)
def test_year_month_invalid_input_is_rejected_with_code(given, code):
    assert error_code(YearMonth, given) == code


def test_year_month_range_error_context_names_the_limits():
    with pytest.raises(ValidationError) as info:
        valid(YearMonth, "1949-12")
    assert info.value.errors()[0]["ctx"] == {"min": "1950-01", "max": "2050-12"}


# ------------------------------------------------------------------ Money

MONEY_VALID = [
    pytest.param("1,234.50", Decimal("1234.50"), id="thousands-separator"),
    pytest.param("¥88", Decimal("88.00"), id="yen-sign"),
    pytest.param("￥88", Decimal("88.00"), id="fullwidth-yen-sign"),
    pytest.param("88元", Decimal("88.00"), id="yuan-suffix"),
    pytest.param("１２３４．５", Decimal("1234.50"), id="fullwidth-digits-and-point"),
    pytest.param("0", Decimal("0.00"), id="zero-text"),
    pytest.param(0, Decimal("0.00"), id="zero-int"),
    pytest.param(12, Decimal("12.00"), id="int"),
    pytest.param(1.5, Decimal("1.50"), id="float"),
    pytest.param(Decimal("7.1"), Decimal("7.10"), id="decimal"),
    pytest.param("99999999.99", Decimal("99999999.99"), id="largest"),
    pytest.param(" 12.30 ", Decimal("12.30"), id="spaces"),
]


@pytest.mark.parametrize(("given", "expected"), MONEY_VALID)
def test_money_valid_input_is_two_decimal_yuan(given, expected):
    amount = valid(Money, given)
    assert amount == expected
    assert amount.as_tuple().exponent == -2


MONEY_INVALID = [
    pytest.param("-1", "money_negative", id="negative-text"),
    pytest.param(-1, "money_negative", id="negative-int"),
    pytest.param("1.234", "money_decimals", id="three-decimals"),
    pytest.param(1.005, "money_decimals", id="three-decimals-float"),
    pytest.param("100000000", "money_too_large", id="too-large"),
    pytest.param(True, "money_format", id="bool"),
    pytest.param("NaN", "money_format", id="nan-string"),
    pytest.param("inf", "money_format", id="inf-string"),
    pytest.param("Infinity", "money_format", id="infinity-string"),
    pytest.param(Decimal("NaN"), "money_format", id="decimal-nan"),
    pytest.param(float("inf"), "money_format", id="float-inf"),
    pytest.param("1e3", "money_format", id="exponent"),
    pytest.param("+5", "money_format", id="plus-sign"),
    pytest.param(".5", "money_format", id="no-integer-part"),
    pytest.param("", "money_format", id="empty"),
    pytest.param("十元", "money_format", id="chinese-numerals"),
    pytest.param(None, "money_format", id="none"),
    pytest.param([], "money_format", id="list"),
]


@pytest.mark.parametrize(("given", "code"), MONEY_INVALID)
def test_money_invalid_input_is_rejected_with_code(given, code):
    assert error_code(Money, given) == code


# ------------------------------------------------------------------ MonthCount

COUNT_VALID = [
    pytest.param("12", 12, id="text"),
    pytest.param("１２", 12, id="fullwidth"),
    pytest.param(" 12 ", 12, id="spaces"),
    pytest.param(0, 0, id="zero"),
    pytest.param(1200, 1200, id="largest"),
    pytest.param(12.0, 12, id="integral-float"),
]


@pytest.mark.parametrize(("given", "expected"), COUNT_VALID)
def test_month_count_valid_input_is_int(given, expected):
    assert valid(MonthCount, given) == expected


COUNT_INVALID = [
    pytest.param(1201, id="over-1200"),
    pytest.param(-1, id="negative-int"),
    pytest.param("-1", id="negative-text"),
    pytest.param(True, id="bool"),
    pytest.param("1.5", id="decimal-text"),
    pytest.param(1.5, id="non-integral-float-not-truncated"),
    pytest.param(Decimal("2.5"), id="non-integral-decimal-not-truncated"),
    pytest.param(float("inf"), id="float-inf"),
    pytest.param(float("nan"), id="float-nan"),
    pytest.param("", id="empty"),
    pytest.param(None, id="none"),
    pytest.param("十二", id="chinese-numerals"),
]


@pytest.mark.parametrize("given", COUNT_INVALID)
def test_month_count_invalid_input_is_rejected(given):
    assert error_code(MonthCount, given) == "count_format"


# ------------------------------------------------------------------ the code catalogue


def test_every_field_error_code_has_a_translated_message():
    assert FIELD_ERROR_CODES <= set(MESSAGES)


@pytest.mark.parametrize(
    ("field", "value"),
    [("area_name", "王\u202e明"), ("area_code", "31000X"), ("start", "1900-01"), ("end", "13-2023"),
     ("account_balance", "-123.45"), ("overdraft", "1.001"), ("months_paid", "MP-9999")],
)
def test_strict_model_error_text_never_contains_the_rejected_value(field, value):
    period = {"area_code": "440300", "area_name": "深圳", "scheme": "employee", "start": "2020-01",
              "end": "2020-12", "status": "suspended", field: value}
    with pytest.raises(ValidationError) as info:
        Period.model_validate(period)
    assert [e["loc"] for e in info.value.errors()] == [(field,)]
    assert value not in str(info.value)


def test_first_forbidden_char_finds_the_first_bad_character():
    assert types.first_forbidden_char("ab\u202ec\x00") == "\u202e"
    assert types.first_forbidden_char("王\U00020bb7") is None
