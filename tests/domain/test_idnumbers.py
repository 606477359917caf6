"""Identity and organisation number parsers (app.domain.idnumbers), forms-and-rules.md §5.

All numbers are fake: built here with valid check characters. Check characters in the tables
were computed with python-stdnum's calc_check_digit (an independent implementation) and the
GB 11714 ones by hand, with the arithmetic in the comments.
"""

import ast
import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

import app.domain.idnumbers as idn
from app.domain.idnumbers import (
    CTX_KEYS,
    DOCUMENT_ERROR_CODES,
    ID_ERROR_CODES,
    USCC_ERROR_CODES,
    IdInfo,
    IdKind,
    NumberError,
    id_check_char,
    make_id_number,
    make_uscc,
    normalize_number_text,
    parse_hk_macao_permit,
    parse_id_number,
    parse_old_foreign_pr,
    parse_passport,
    parse_taiwan_permit,
    parse_uscc,
    uscc_org_code_ok,
)

TODAY = date(2025, 6, 15)
PROVINCES = [
    *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47),
    *range(50, 55), *range(61, 66), 71, 81, 82, 83,
]


def with_check(first17: str) -> str:
    """first17 + its MOD 11-2 character, from stdnum (not the code under test)."""
    return first17 + ric.calc_check_digit(first17 + "0")


def raises_code(func, text, **kwargs) -> NumberError:
    with pytest.raises(NumberError) as info:
        func(text, **kwargs)
    return info.value


# --- the module's boundaries -----------------------------------------------------


def test_module_imports_no_qt_reportlab_pydantic_or_stdnum():
    tree = ast.parse(Path(idn.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported.isdisjoint({"PySide6", "reportlab", "pydantic", "stdnum"})


def test_error_code_sets_partition_the_documented_ctx_table():
    assert ID_ERROR_CODES | USCC_ERROR_CODES | DOCUMENT_ERROR_CODES == set(CTX_KEYS)
    assert not ID_ERROR_CODES & USCC_ERROR_CODES
    assert ID_ERROR_CODES == {
        "id_empty", "id_length", "id_legacy15", "id_chars", "id_birth_date",
        "id_birth_future", "id_checksum", "id_province", "id_hmt_address", "id_foreign_province",
    }
    assert USCC_ERROR_CODES == {"uscc_length", "uscc_chars", "uscc_checksum"}


def test_number_error_text_is_the_code_only_so_numbers_stay_out_of_logs():
    err = raises_code(parse_id_number, "110114196001010014", today=TODAY)
    assert str(err) == "id_checksum"
    assert "110114196001010014" not in repr(err)
    assert err.ctx == {"expected": "3"}
    assert isinstance(err, ValueError)  # pydantic turns ValueError into a validation error


# --- normalize_number_text -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("110105198001010016", "110105198001010016", id="ascii-unchanged"),
        pytest.param("１１０１０５１９８００１０１００１６", "110105198001010016", id="fullwidth-digits"),
        pytest.param("11010519800101001x", "11010519800101001X", id="lowercase-x"),
        pytest.param("11010519800101001ｘ", "11010519800101001X", id="fullwidth-lowercase-x"),
        pytest.param("110105 19800101 0016", "110105198001010016", id="ascii-spaces"),
        pytest.param("110105\u300019800101\u30000016", "110105198001010016", id="ideographic-space"),
        pytest.param(" \t110105198001010016\n", "110105198001010016", id="tab-newline-around"),
        pytest.param("1101\u200b05198001010016\ufeff", "110105198001010016", id="zero-width-and-bom"),
        pytest.param("110105-19800101-0016", "110105-19800101-0016", id="hyphens-kept-to-report"),
        pytest.param("110105－1980", "110105-1980", id="fullwidth-hyphen-becomes-ascii"),
        pytest.param("９１ｂ", "91B", id="fullwidth-letter-upper-cased"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_number_text(text, expected):
    assert normalize_number_text(text) == expected


# --- id_check_char and make_id_number --------------------------------------------


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        pytest.param("11011419600101001", "3", id="changping-1960"),
        pytest.param("44030619800101001", "X", id="check-is-X"),
        pytest.param("11010519800101001", "6", id="dongcheng-1980"),
        pytest.param("11010519491231000", "3", id="seq-000"),
    ],
)
def test_id_check_char_known_values(first17, check):
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    "first17",
    [
        pytest.param("1101051980010100", id="16-digits"),
        pytest.param("110105198001010016", id="18-digits"),
        pytest.param("1101051980010100X", id="letter"),
        pytest.param("١١٠١٠٥١٩٨٠٠١٠١٠٠١", id="arabic-indic-digits"),
    ],
)
def test_id_check_char_refuses_anything_but_17_ascii_digits(first17):
    with pytest.raises(ValueError):
        id_check_char(first17)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_char_agrees_with_stdnum(first17):
    assert id_check_char(first17) == ric.calc_check_digit(first17 + "0")


def test_make_id_number_builds_the_documented_layout():
    assert make_id_number("110105", date(1980, 1, 1), "001") == "110105198001010016"
    assert make_id_number("810000", date(1990, 5, 17), "123") == "810000199005171231"


@pytest.mark.parametrize(
    ("address6", "seq3"),
    [
        pytest.param("11010", "001", id="address-5-digits"),
        pytest.param("110105", "01", id="seq-2-digits"),
        pytest.param("1101051", "001", id="address-7-digits"),
    ],
)
def test_make_id_number_refuses_wrong_part_lengths(address6, seq3):
    with pytest.raises(ValueError):
        make_id_number(address6, date(1980, 1, 1), seq3)


# --- parse_id_number: valid ------------------------------------------------------

VALID_IDS = [
    # number, kind, address_code, province_code, birth date, sex
    pytest.param("110114196001010013", IdKind.CITIZEN, "110114", "11", date(1960, 1, 1), "male",
                 id="changping-code-of-1999-born-1960"),
    pytest.param("44030619800101001X", IdKind.CITIZEN, "440306", "44", date(1980, 1, 1), "male",
                 id="baoan-code-newer-than-birth-check-X"),
    pytest.param("11010519491231002X", IdKind.CITIZEN, "110105", "11", date(1949, 12, 31), "female",
                 id="digit17-even-female"),
    pytest.param("110105194912310003", IdKind.CITIZEN, "110105", "11", date(1949, 12, 31), "female",
                 id="digit17-zero-female"),
    pytest.param("370203199912319984", IdKind.CITIZEN, "370203", "37", date(1999, 12, 31), "female",
                 id="seq-998"),
    pytest.param("110101200002290018", IdKind.CITIZEN, "110101", "11", date(2000, 2, 29), "male",
                 id="feb29-leap-2000-div-by-400"),
    pytest.param("110101202402290016", IdKind.CITIZEN, "110101", "11", date(2024, 2, 29), "male",
                 id="feb29-leap-2024"),
    pytest.param("110101180001010015", IdKind.CITIZEN, "110101", "11", date(1800, 1, 1), "male",
                 id="year-1800-lower-bound"),
    pytest.param("650102190001010024", IdKind.CITIZEN, "650102", "65", date(1900, 1, 1), "female",
                 id="year-1900"),
    pytest.param("810000199005171231", IdKind.HMT_RESIDENT, "810000", "81", date(1990, 5, 17), "male",
                 id="hong-kong-residence-permit"),
    pytest.param("82000020010203456X", IdKind.HMT_RESIDENT, "820000", "82", date(2001, 2, 3), "female",
                 id="macao-residence-permit"),
    pytest.param("830000197511110786", IdKind.HMT_RESIDENT, "830000", "83", date(1975, 11, 11), "female",
                 id="taiwan-residence-permit"),
    pytest.param("911037198507040015", IdKind.FOREIGN_PR, "911037", "11", date(1985, 7, 4), "male",
                 id="foreign-pr-2023-beijing"),
    pytest.param("931392200002290021", IdKind.FOREIGN_PR, "931392", "31", date(2000, 2, 29), "female",
                 id="foreign-pr-2023-shanghai-feb29"),
    pytest.param("１１０１１４１９６００１０１００１３", IdKind.CITIZEN, "110114", "11", date(1960, 1, 1),
                 "male", id="fullwidth-digits"),
    pytest.param("44030619800101001x", IdKind.CITIZEN, "440306", "44", date(1980, 1, 1), "male",
                 id="lowercase-x"),
    pytest.param("４４０３０６１９８００１０１００１ｘ", IdKind.CITIZEN, "440306", "44", date(1980, 1, 1),
                 "male", id="fullwidth-lowercase-x"),
    pytest.param("440306 19800101 001X", IdKind.CITIZEN, "440306", "44", date(1980, 1, 1), "male",
                 id="grouped-with-spaces"),
    pytest.param(" 440306\u300019800101\u3000001X ", IdKind.CITIZEN, "440306", "44", date(1980, 1, 1),
                 "male", id="grouped-with-ideographic-spaces"),
]


@pytest.mark.parametrize(("text", "kind", "address", "province", "birth", "sex"), VALID_IDS)
def test_parse_id_number_accepts(text, kind, address, province, birth, sex):
    info = parse_id_number(text, today=TODAY)
    assert info == IdInfo(
        number=normalize_number_text(text), kind=kind, address_code=address,
        province_code=province, birth_date=birth, sex=sex,
    )
    assert len(info.number) == 18


def test_parse_id_number_accepts_birth_today():
    number = make_id_number("110105", TODAY, "001")
    assert parse_id_number(number, today=TODAY).birth_date == TODAY


@pytest.mark.parametrize("province", PROVINCES, ids=str)
def test_parse_id_number_accepts_every_listed_province(province):
    number = with_check(f"{province}0000" + "19800101" + "001")
    assert parse_id_number(number, today=TODAY).province_code == f"{province}"


# --- parse_id_number: invalid ----------------------------------------------------

INVALID_IDS = [
    # empty
    pytest.param("", "id_empty", {}, id="empty"),
    pytest.param("   ", "id_empty", {}, id="spaces-only"),
    pytest.param("\u3000\u3000", "id_empty", {}, id="ideographic-spaces-only"),
    # legacy 15 digits: 110105 800101 001 -> 110105 19800101 001 + check 6
    pytest.param("110105800101001", "id_legacy15", {"suggested": "110105198001010016"},
                 id="legacy15-with-suggestion"),
    pytest.param("１１０１０５８００１０１００１", "id_legacy15", {"suggested": "110105198001010016"},
                 id="legacy15-fullwidth"),
    pytest.param("440306800101001", "id_legacy15", {"suggested": "44030619800101001X"},
                 id="legacy15-suggestion-ends-in-X"),
    pytest.param("110105801301001", "id_length", {"length": 15}, id="15-digits-bad-date-not-legacy"),
    pytest.param("000105800101001", "id_length", {"length": 15}, id="15-digits-province-00-not-legacy"),
    # characters (reported before the length, with 1-based positions after normalization)
    pytest.param("110105-19800101-0016", "id_chars", {"position": 7}, id="hyphen-position-7"),
    pytest.param("110105.198001010016", "id_chars", {"position": 7}, id="full-stop"),
    pytest.param("1101051980O1010016", "id_chars", {"position": 11}, id="letter-O-for-zero"),
    pytest.param("1101051980010100I6", "id_chars", {"position": 17}, id="letter-I-for-one"),
    pytest.param("١10105198001010016", "id_chars", {"position": 1}, id="arabic-indic-digit"),
    pytest.param("E12345678", "id_chars", {"position": 1}, id="passport-number-typed"),
    pytest.param("1101051980010100X6", "id_chars", {"position": 17}, id="X-not-last"),
    pytest.param("X10105198001010016", "id_chars", {"position": 1}, id="X-first"),
    # length
    pytest.param("11010519800101001", "id_length", {"length": 17}, id="17-digits"),
    pytest.param("1101051980010100X", "id_length", {"length": 17}, id="17-with-final-X-missing-digit"),
    pytest.param("1101051980010100166", "id_length", {"length": 19}, id="19-digits"),
    pytest.param("1", "id_length", {"length": 1}, id="1-digit"),
    pytest.param("11010519800101", "id_length", {"length": 14}, id="14-digits"),
    # birth date (checksums valid, so the date is the only fault)
    pytest.param(with_check("11010520230229001"), "id_birth_date", {"value": "20230229"},
                 id="feb29-non-leap-2023"),
    pytest.param(with_check("11010119000229001"), "id_birth_date", {"value": "19000229"},
                 id="feb29-1900-century-not-leap"),
    pytest.param(with_check("11010519801301001"), "id_birth_date", {"value": "19801301"}, id="month-13"),
    pytest.param(with_check("11010519800001001"), "id_birth_date", {"value": "19800001"}, id="month-00"),
    pytest.param(with_check("11010519800100001"), "id_birth_date", {"value": "19800100"}, id="day-00"),
    pytest.param(with_check("11010519800132001"), "id_birth_date", {"value": "19800132"}, id="day-32"),
    pytest.param(with_check("11010519800431001"), "id_birth_date", {"value": "19800431"}, id="april-31"),
    pytest.param(with_check("11010517991231001"), "id_birth_date", {"value": "17991231"}, id="year-1799"),
    pytest.param(with_check("11010500000101001"), "id_birth_date", {"value": "00000101"}, id="year-0000"),
    pytest.param(with_check("91103719851304001"), "id_birth_date", {"value": "19851304"},
                 id="foreign-pr-month-13"),
    # birth in the future
    pytest.param(with_check("11010520250616001"), "id_birth_future", {"value": "20250616"},
                 id="born-tomorrow"),
    pytest.param(with_check("11010520990101001"), "id_birth_future", {"value": "20990101"},
                 id="born-2099"),
    pytest.param(with_check("91103720301231001"), "id_birth_future", {"value": "20301231"},
                 id="foreign-pr-born-2030"),
    # province (checksums valid)
    pytest.param(with_check("00010519800101001"), "id_province", {"code": "00"}, id="province-00"),
    pytest.param(with_check("16010519800101001"), "id_province", {"code": "16"}, id="province-16"),
    pytest.param(with_check("09010519800101001"), "id_province", {"code": "09"}, id="province-09"),
    pytest.param(with_check("10010519800101001"), "id_province", {"code": "10"}, id="province-10"),
    pytest.param(with_check("72000019800101001"), "id_province", {"code": "72"}, id="province-72"),
    pytest.param(with_check("84000019800101001"), "id_province", {"code": "84"}, id="province-84-past-macao-tw"),
    pytest.param(with_check("80000019800101001"), "id_province", {"code": "80"}, id="province-80"),
    # checksum
    pytest.param("110114196001010014", "id_checksum", {"expected": "3"}, id="checksum-off-by-one"),
    pytest.param("110114196001010012", "id_checksum", {"expected": "3"}, id="checksum-off-by-minus-one"),
    pytest.param("440306198001010010", "id_checksum", {"expected": "X"}, id="checksum-zero-for-X"),
    pytest.param("11011419600101001X", "id_checksum", {"expected": "3"}, id="checksum-X-for-digit"),
    pytest.param("110114196001010103", "id_checksum", {"expected": "1"}, id="sequence-digits-swapped"),
    pytest.param("810000199005171230", "id_checksum", {"expected": "1"}, id="hk-permit-checksum"),
    pytest.param("911037198507040016", "id_checksum", {"expected": "5"}, id="foreign-pr-checksum"),
    pytest.param("110105198001010026", "id_checksum", {"expected": "4"}, id="sex-digit-typo"),
]


@pytest.mark.parametrize(("text", "code", "ctx"), INVALID_IDS)
def test_parse_id_number_rejects(text, code, ctx):
    err = raises_code(parse_id_number, text, today=TODAY)
    assert (err.code, err.ctx) == (code, ctx)


@pytest.mark.parametrize("first17", ["99010519800101001", "90010519800101001", "91010519800101001",
                                     "92010519800101001", "97110519800101001", "98110519800101001",
                                     "98210519800101001", "98310519800101001"])
def test_foreign_pr_number_needs_a_real_mainland_province_in_digits_2_and_3(first17):
    # 2023 永居证: digit 1 is 9, digits 2-3 the accepting province (§5.3); 99, 00, 10, 20 are none,
    # and 71/81/82/83 issue no such card
    err = raises_code(parse_id_number, with_check(first17), today=TODAY)
    assert err.code == "id_foreign_province" and err.ctx == {"code": first17[1:3]}


@pytest.mark.parametrize("first17", ["91103719850704001", "93139220000229002", "96510119900101001",
                                     "91110519800101001"])
def test_foreign_pr_number_with_a_province_code_is_accepted(first17):
    info = parse_id_number(with_check(first17), today=TODAY)
    assert (info.kind, info.province_code) == (IdKind.FOREIGN_PR, first17[1:3])


@pytest.mark.parametrize("first17", ["81010119900517123", "82000119900517123", "83020019900517123",
                                     "81999919900517123"])
def test_hmt_residence_permit_number_needs_exactly_x10000(first17):
    # 国办发〔2018〕81号 第三条: 810000, 820000, 830000, nothing under them
    err = raises_code(parse_id_number, with_check(first17), today=TODAY)
    assert err.code == "id_hmt_address" and err.ctx == {"code": first17[:6]}


def test_foreign_pr_and_hmt_messages_name_the_rule():
    from app.domain.findings import render_message

    assert "810000" in render_message("id_hmt_address", {"code": "810101"}, "zh")
    assert "省级代码" in render_message("id_foreign_province", {"code": "99"}, "zh")
    assert "province" in render_message("id_foreign_province", {"code": "99"}, "en")


def test_feb29_of_leap_1980_is_valid_unlike_2023_and_1900():
    assert parse_id_number(with_check("11010519800229001"), today=TODAY).birth_date == date(1980, 2, 29)


@pytest.mark.parametrize(
    ("typo", "code"),
    [
        # one typo in 110105198001010016, each given the most specific message
        pytest.param("010105198001010016", "id_province", id="province-digit-typo"),
        pytest.param("110105198013010016", "id_birth_date", id="month-digit-typo"),
        pytest.param("110105208001010016", "id_birth_future", id="century-digit-typo"),
        pytest.param("110105198001010017", "id_checksum", id="check-char-typo"),
        pytest.param("110106198001010016", "id_checksum", id="county-digit-typo"),
        pytest.param("110105-98001010016", "id_chars", id="hyphen-for-digit"),
    ],
)
def test_single_typo_gets_the_most_specific_code(typo, code):
    assert raises_code(parse_id_number, typo, today=TODAY).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # two faults at once: the earlier check in the documented order wins
        pytest.param("110105-9801301001X", "id_chars", id="chars-before-date"),
        pytest.param("11010519801301001", "id_length", id="length-before-date"),
        pytest.param("000105198013010010", "id_birth_date", id="date-before-province"),
        pytest.param("000105209901010010", "id_birth_future", id="future-before-province"),
        pytest.param("160105198001010010", "id_province", id="province-before-checksum"),
    ],
)
def test_check_order_when_several_things_are_wrong(text, code):
    assert raises_code(parse_id_number, text, today=TODAY).code == code


BASES = [
    pytest.param("110114196001010013", id="citizen"),
    pytest.param("44030619800101001X", id="citizen-check-X"),
    pytest.param("810000199005171231", id="hk-permit"),
    pytest.param("911037198507040015", id="foreign-pr"),
]


def _substitutions(number: str):
    for i, old in enumerate(number):
        for new in "0123456789X":
            if new != old:
                yield number[:i] + new + number[i + 1:]


@pytest.mark.parametrize("base", BASES)
def test_every_single_character_substitution_is_rejected(base):
    mutants = list(_substitutions(base))
    assert len(mutants) == 18 * 10
    for mutant in mutants:
        with pytest.raises(NumberError):
            parse_id_number(mutant, today=TODAY)


@pytest.mark.parametrize("base", BASES)
def test_mod11_2_alone_detects_every_single_digit_substitution(base):
    for mutant in _substitutions(base):
        if "X" in mutant[:17]:
            continue  # not a digit string; refused as id_chars before any checksum
        assert id_check_char(mutant[:17]) != mutant[17], mutant


@pytest.mark.parametrize("base", BASES)
def test_every_adjacent_transposition_is_rejected(base):
    for i in range(17):
        if base[i] == base[i + 1]:
            continue
        swapped = base[:i] + base[i + 1] + base[i] + base[i + 2:]
        with pytest.raises(NumberError):
            parse_id_number(swapped, today=TODAY)


# --- parse_id_number: properties -------------------------------------------------

addresses = st.builds(
    # 81/82/83 carry exactly x10000 (国办发〔2018〕81号 第三条); other provinces any county digits
    lambda p, rest: f"{p}0000" if p in {81, 82, 83} else f"{p}{rest}",
    st.sampled_from(PROVINCES),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
)
seqs = st.text(alphabet="0123456789", min_size=3, max_size=3)
births = st.dates(min_value=date(1800, 1, 1), max_value=TODAY)


@given(addresses, births, seqs)
def test_made_numbers_parse_and_round_trip(address, birth, seq):
    number = make_id_number(address, birth, seq)
    info = parse_id_number(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == birth
    assert info.address_code == address
    assert info.sex == ("male" if int(seq[2]) % 2 else "female")
    assert info.kind == (IdKind.HMT_RESIDENT if address[:2] in {"81", "82", "83"} else IdKind.CITIZEN)
    assert parse_id_number(info.number.lower(), today=TODAY) == info


FOREIGN_PR_PROVINCES = sorted({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
                               "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
                               "63", "64", "65"})


@given(st.sampled_from(FOREIGN_PR_PROVINCES), st.text(alphabet="0123456789", min_size=3, max_size=3), births, seqs)
def test_made_foreign_pr_numbers_parse(province, nationality, birth, seq):
    rest = province + nationality
    info = parse_id_number(make_id_number("9" + rest, birth, seq), today=TODAY)
    assert info.kind == IdKind.FOREIGN_PR
    assert info.province_code == rest[:2]
    assert info.birth_date == birth


def _assert_documented(err: NumberError, codes: frozenset[str]) -> None:
    assert err.code in codes
    assert set(err.ctx) == set(CTX_KEYS[err.code])


numberish = st.text(alphabet="0123456789Xx -１２Ｘ\u3000O", max_size=22)


@given(st.one_of(st.text(), numberish))
def test_parse_id_number_raises_only_documented_number_errors(text):
    try:
        info = parse_id_number(text, today=TODAY)
    except NumberError as err:
        _assert_documented(err, ID_ERROR_CODES)
    else:
        assert parse_id_number(info.number, today=TODAY) == info


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)))
def test_future_births_are_refused_and_past_ones_accepted(birth):
    number = make_id_number("110105", birth, "002")
    if birth > TODAY:
        assert raises_code(parse_id_number, number, today=TODAY).code == "id_birth_future"
    else:
        assert parse_id_number(number, today=TODAY).birth_date == birth


def test_born_tomorrow_relative_to_the_injected_today():
    number = make_id_number("110105", TODAY + timedelta(days=1), "002")
    assert raises_code(parse_id_number, number, today=TODAY).code == "id_birth_future"
    assert parse_id_number(number, today=TODAY + timedelta(days=1)).birth_date == TODAY + timedelta(days=1)


# --- USCC ------------------------------------------------------------------------

VALID_USCCS = [
    pytest.param("91110108551385082Q", id="xiaomi-public-company-code"),
    pytest.param("Y1110108MA0000001P", id="letter-Y-in-position-1"),
    pytest.param("A1110108MA0000001C", id="letter-A-in-position-1"),
    pytest.param("5311000050000000K0", id="check-31-becomes-0"),
    pytest.param("52440300000000000F", id="civil-affairs-5-2"),
    pytest.param("9111010840000000XE", id="org-code-check-X"),
]


@pytest.mark.parametrize("code", VALID_USCCS)
def test_parse_uscc_accepts(code):
    assert parse_uscc(code) == code
    assert uscc.calc_check_digit(code[:17]) == code[17]  # the oracle agrees on every row


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("91110108551385082q", "91110108551385082Q", id="lowercase"),
        pytest.param("９１１１０１０８５５１３８５０８２Ｑ", "91110108551385082Q", id="fullwidth"),
        pytest.param("9111 0108 5513 8508 2Q", "91110108551385082Q", id="grouped-with-spaces"),
        pytest.param("y1110108ma0000001p", "Y1110108MA0000001P", id="lowercase-letters-1-2"),
    ],
)
def test_parse_uscc_normalizes(text, expected):
    assert parse_uscc(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "ctx"),
    [
        pytest.param("", "uscc_length", {"length": 0}, id="empty"),
        pytest.param("91110108551385082", "uscc_length", {"length": 17}, id="17-missing-check"),
        pytest.param("91110108551385082QQ", "uscc_length", {"length": 19}, id="19-chars"),
        pytest.param("551385082", "uscc_length", {"length": 9}, id="old-org-code-alone"),
        pytest.param("I1110108MA0000001P", "uscc_chars", {"position": 1}, id="letter-I-position-1"),
        pytest.param("9O110108551385082Q", "uscc_chars", {"position": 2}, id="letter-O-position-2"),
        pytest.param("91110108S51385082Q", "uscc_chars", {"position": 9}, id="letter-S"),
        pytest.param("91110108MV0000001P", "uscc_chars", {"position": 10}, id="letter-V"),
        pytest.param("91110108551385082Z", "uscc_chars", {"position": 18}, id="letter-Z-as-check"),
        pytest.param("91A10108551385082Q", "uscc_chars", {"position": 3}, id="letter-in-region-code"),
        pytest.param("9111010A551385082Q", "uscc_chars", {"position": 8}, id="letter-at-position-8"),
        pytest.param("91110108-55138508-2", "uscc_chars", {"position": 9}, id="hyphen-before-length"),
        pytest.param("9111010855138508Q", "uscc_length", {"length": 17}, id="17-before-letter-check"),
        pytest.param("91A1010855138508", "uscc_length", {"length": 16}, id="length-before-region-letter"),
        pytest.param("91110108551385082R", "uscc_checksum", {"expected": "Q"}, id="check-off-by-one"),
        pytest.param("91110108551385083Q", "uscc_checksum", {"expected": "U"}, id="typo-position-17"),
        pytest.param("91110108513585082Q", "uscc_checksum", {"expected": "2"}, id="transposed-digits"),
        pytest.param("Y1110108MA0000001C", "uscc_checksum", {"expected": "P"}, id="check-of-other-row"),
    ],
)
def test_parse_uscc_rejects(text, code, ctx):
    err = raises_code(parse_uscc, text)
    assert (err.code, err.ctx) == (code, ctx)


@pytest.mark.parametrize("bad", "IOSVZ")
@pytest.mark.parametrize("position", [1, 2, 9, 17, 18])
def test_parse_uscc_rejects_every_excluded_letter_everywhere(bad, position):
    code = "91110108551385082Q"
    text = code[: position - 1] + bad + code[position:]
    assert raises_code(parse_uscc, text).ctx == {"position": position}


def test_uscc_single_substitutions_in_the_body_are_all_rejected():
    code = "91110108551385082Q"
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for i, new in itertools.product(range(18), alphabet):
        if new != code[i]:
            with pytest.raises(NumberError):
                parse_uscc(code[:i] + new + code[i + 1:])


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_make_uscc_agrees_with_stdnum_and_parses(first17):
    code = make_uscc(first17)
    assert code[17] == uscc.calc_check_digit(first17)
    if first17[2:8].isdigit():
        assert parse_uscc(code) == code


@pytest.mark.parametrize(
    "first17",
    [
        pytest.param("9111010855138508", id="16-chars"),
        pytest.param("91110108551385O82", id="letter-O"),
    ],
)
def test_make_uscc_refuses_bad_input(first17):
    with pytest.raises(ValueError):
        make_uscc(first17)


@given(st.one_of(st.text(), st.text(alphabet="0123456789ABCIOSZqy -", max_size=20)))
def test_parse_uscc_raises_only_documented_number_errors(text):
    try:
        parse_uscc(text)
    except NumberError as err:
        _assert_documented(err, USCC_ERROR_CODES)


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        # 5 5 1 3 8 5 0 8 x 3 7 9 10 5 8 4 2: 15+35+9+30+40+40+0+16 = 185; 185 mod 11 = 9; 11-9 = 2
        pytest.param("91110108551385082Q", True, id="xiaomi-check-2"),
        # 4*3 = 12; 12 mod 11 = 1; 11-1 = 10 -> X
        pytest.param("9111010840000000XE", True, id="check-10-is-X"),
        # sum 0; 11-0 = 11 -> 0
        pytest.param("52440300000000000F", True, id="check-11-is-0"),
        # M=22, A=10: 66+70 = 136; 136 mod 11 = 4; 11-4 = 7
        pytest.param("91110108MA00000070", True, id="letters-M-A-check-7"),
        # 1*3 = 3; 11-3 = 8
        pytest.param("933101071000000084", True, id="check-8"),
        pytest.param("91110108551385082q", True, id="lowercase-normalized"),
        pytest.param("Y1110108MA0000001P", False, id="MA0000001-should-end-7"),
        pytest.param("91110108551385083N", False, id="org-check-off-by-one"),
        pytest.param("9111010840000000", False, id="too-short"),
        pytest.param("91110108-5513850-Q", False, id="hyphen-in-org-code"),
    ],
)
def test_uscc_org_code_ok(code, ok):
    assert uscc_org_code_ok(code) is ok


def test_org_code_warning_is_independent_of_uscc_validity():
    # a USCC can be valid while its embedded organisation code is not: a warning, not an error
    assert parse_uscc("Y1110108MA0000001P") == "Y1110108MA0000001P"
    assert not uscc_org_code_ok("Y1110108MA0000001P")


# --- permits, passports, old foreign PR cards ------------------------------------

FORMAT_CASES = [
    # function, text, expected result (None = refused with the code)
    (parse_hk_macao_permit, "permit_format", [
        pytest.param("H12345678", "H12345678", id="hk-8-digits"),
        pytest.param("M87654321", "M87654321", id="macao-8-digits"),
        pytest.param("H1234567801", "H1234567801", id="hk-with-renewal-count"),
        pytest.param("h12345678", "H12345678", id="lowercase-h"),
        pytest.param("Ｍ８７６５４３２１", "M87654321", id="fullwidth"),
        pytest.param("H 1234 5678", "H12345678", id="spaces"),
        pytest.param("", None, id="empty"),
        pytest.param("12345678", None, id="no-letter"),
        pytest.param("X12345678", None, id="letter-not-H-or-M"),
        pytest.param("H1234567", None, id="7-digits"),
        pytest.param("H123456789", None, id="9-digits-renewal-needs-2"),
        pytest.param("H123456789012", None, id="12-digits"),
        pytest.param("HM1234567", None, id="two-letters"),
        pytest.param("H1234567A", None, id="letter-in-digits"),
        pytest.param("H12345678-01", None, id="hyphen"),
    ]),
    (parse_taiwan_permit, "permit_format", [
        pytest.param("12345678", "12345678", id="8-digits-current"),
        pytest.param("1234567890", "1234567890", id="10-digits-older"),
        pytest.param("１２３４５６７８", "12345678", id="fullwidth"),
        pytest.param("", None, id="empty"),
        pytest.param("1234567", None, id="7-digits"),
        pytest.param("123456789", None, id="9-digits"),
        pytest.param("12345678901", None, id="11-digits"),
        pytest.param("T1234567", None, id="letter"),
        pytest.param("12345678-1", None, id="hyphen"),
        pytest.param("١٢٣٤٥٦٧٨", None, id="arabic-indic-digits"),
    ]),
    (parse_passport, "passport_format", [
        pytest.param("E12345678", "E12345678", id="letter-and-digits"),
        pytest.param("12345", "12345", id="5-chars-minimum"),
        pytest.param("A" * 20, "A" * 20, id="20-chars-maximum"),
        pytest.param("ab12345", "AB12345", id="lowercase"),
        pytest.param("", None, id="empty"),
        pytest.param("1234", None, id="4-chars"),
        pytest.param("A" * 21, None, id="21-chars"),
        pytest.param("E1234-5678", None, id="hyphen"),
        pytest.param("E12345678Ä", None, id="non-ascii-letter"),
        pytest.param("中国12345", None, id="chinese"),
    ]),
    (parse_old_foreign_pr, "foreign_pr_format", [
        pytest.param("USA110078020001", "USA110078020001", id="3-letters-12-digits"),
        pytest.param("gbr310012345678", "GBR310012345678", id="lowercase"),
        pytest.param("", None, id="empty"),
        pytest.param("US1110078020001", None, id="2-letters"),
        pytest.param("USA11007802000", None, id="11-digits"),
        pytest.param("USA1100780200012", None, id="13-digits"),
        pytest.param("1SA110078020001", None, id="digit-first"),
        pytest.param("USA11007802000O", None, id="letter-O-in-digits"),
        pytest.param(make_id_number("911037", date(1985, 7, 4), "001"), None, id="2023-18-digit-form"),
    ]),
]


@pytest.mark.parametrize(
    ("func", "code", "text", "expected"),
    [
        pytest.param(func, code, *case.values, id=f"{func.__name__}-{case.id}")
        for func, code, cases in FORMAT_CASES
        for case in cases
    ],
)
def test_document_number_formats(func, code, text, expected):
    if expected is None:
        err = raises_code(func, text)
        assert (err.code, err.ctx) == (code, {})
    else:
        assert func(text) == expected


@pytest.mark.parametrize(
    "func", [parse_hk_macao_permit, parse_taiwan_permit, parse_passport, parse_old_foreign_pr]
)
@given(text=st.one_of(st.text(), st.text(alphabet="HMUSA0123456789 -\n", max_size=22)))
def test_document_parsers_raise_only_documented_number_errors(func, text):
    try:
        result = func(text)
    except NumberError as err:
        _assert_documented(err, DOCUMENT_ERROR_CODES)
    else:
        assert result.isascii() and result.isalnum()
        assert func(result) == result
