"""Check digits as error correction: what is repaired, and what is left empty."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import idnumbers
from app.scan import correct

TODAY = date(2026, 11, 23)
BIRTH = date(1988, 7, 14)
NUMBER = idnumbers.make_id_number("440305", BIRTH, "019")  # a fake person, valid check character
USCC = "91440300MA5F00026U"  # the examples' fake employer (valid check and org code)


def test_id_number_that_passes_its_check_is_taken_as_read():
    repair = correct.repair_id_number(NUMBER, birth=None, today=TODAY)
    assert (repair.value, repair.corrected) == (NUMBER, False)


def _with_letter(number: str) -> str:
    """The number with its first 0 read as the letter O (a clear OCR confusion)."""
    i = number.index("0")
    return number[:i] + "O" + number[i + 1:]


def test_id_number_with_a_letter_for_a_digit_is_repaired_when_the_birth_date_agrees():
    repair = correct.repair_id_number(_with_letter(NUMBER), birth=BIRTH, today=TODAY)
    assert (repair.value, repair.corrected) == (NUMBER, True)


def test_id_number_repair_without_a_birth_date_to_agree_with_is_refused():
    repair = correct.repair_id_number(_with_letter(NUMBER), birth=None, today=TODAY)
    assert (repair.value, repair.reason) == (None, "id_unconfirmed")


def test_id_number_repair_that_disagrees_with_the_birth_date_is_refused():
    read = "44O305" + NUMBER[6:]
    repair = correct.repair_id_number(read, birth=date(1970, 1, 1), today=TODAY)
    assert repair.value is None and repair.reason == "id_unconfirmed"


def test_id_number_with_two_valid_repairs_is_left_empty():
    # MOD 11-2 weights 3 (digit 10) and 8 (digit 15) add up to 11: reading both as "l"
    # (1 or 7) leaves 1971/1xx and 1977/7xx, both valid with the same check character.
    base = idnumbers.make_id_number("110101", date(1971, 1, 1), "123")
    twin = idnumbers.make_id_number("110101", date(1977, 1, 1), "723")
    assert base[17] == twin[17]
    read = base[:9] + "l" + base[10:14] + "l" + base[15:]
    repair = correct.repair_id_number(read, birth=date(1971, 1, 1), today=TODAY)
    assert (repair.value, repair.reason) == (None, "id_ambiguous")


def test_id_number_of_the_wrong_length_is_not_guessed():
    assert correct.repair_id_number(NUMBER[:-1], birth=BIRTH, today=TODAY).reason == "id_unreadable"


def test_credit_code_with_a_letter_outside_its_alphabet_is_repaired():
    read = USCC.replace("0", "O", 1)  # O is not in the GB 32100 alphabet
    repair = correct.repair_uscc(read)
    assert (repair.value, repair.corrected) == (USCC, True)


def test_credit_code_passing_its_check_is_taken_as_read():
    assert correct.repair_uscc(USCC) == correct.Repair(USCC)


def test_credit_code_with_too_many_unclear_characters_is_left_empty():
    assert correct.repair_uscc("B" * 18).value is None


@settings(max_examples=60)
@given(st.dates(date(1950, 1, 1), date(2010, 12, 31)), st.integers(0, 999), st.data())
def test_a_single_lookalike_letter_in_an_id_number_is_always_repaired(birth, seq, data):
    number = idnumbers.make_id_number("330106", birth, f"{seq:03d}")
    letters = {"0": "OD", "1": "Il", "2": "Z", "5": "S", "8": "B"}
    positions = [i for i, c in enumerate(number[:17]) if c in letters]
    if not positions:
        return
    i = data.draw(st.sampled_from(positions))
    read = number[:i] + data.draw(st.sampled_from(letters[number[i]])) + number[i + 1:]
    repair = correct.repair_id_number(read, birth=birth, today=TODAY)
    # Never a wrong number: either the right one, or nothing (when 1/7 leaves two valid).
    assert repair.value in (number, None)
    if number[i] != "1":
        assert repair.value == number


@settings(max_examples=60)
@given(st.text(alphabet="0123456789OIlSZBDX×K7 -", min_size=0, max_size=22))
def test_a_repaired_id_number_always_passes_the_domain_check(text):
    repair = correct.repair_id_number(text, birth=date(1990, 1, 1), today=TODAY)
    if repair.value is not None:
        assert idnumbers.parse_id_number(repair.value, today=TODAY).number == repair.value
