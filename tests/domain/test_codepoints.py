"""Entering characters by code point, and spotting rare characters in a name."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import codepoints
from app.domain.codepoints import CodepointError

JI = "\U00020BB7"  # 𠮷, CJK Extension B


@pytest.mark.parametrize(
    "text",
    ["U+20BB7", "u+20bb7", "20BB7", "&#x20BB7;", "&#x20bb7", "\\U00020BB7", "\\u20BB7", "0x20BB7",
     "&#134071;", JI, "  U+20BB7  "],
)
def test_parse_accepts_every_notation_of_the_same_character(text):
    assert codepoints.parse(text) == JI


def test_parse_reads_several_characters_separated_by_spaces_or_commas():
    assert codepoints.parse("U+20BB7 4E00，&#x9F98;") == JI + "一" + "\u9f98"


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("", codepoints.EMPTY, ""),
        ("   ", codepoints.EMPTY, ""),
        ("U+D842", codepoints.SURROGATE, "U+D842"),          # half of a surrogate pair
        ("DFFF", codepoints.SURROGATE, "U+DFFF"),
        ("U+110000", codepoints.TOO_LARGE, "U+110000"),       # beyond Unicode
        ("FFFFFFFF", codepoints.TOO_LARGE, "FFFFFFFF"),
        ("U+0378", codepoints.UNASSIGNED, "U+0378"),          # unassigned in every version
        ("U+2FFFE", codepoints.UNASSIGNED, "U+2FFFE"),        # a noncharacter
        ("U+E000", codepoints.NOT_PRINTABLE, "U+E000"),       # private use: prints differently elsewhere
        ("U+202E", codepoints.NOT_PRINTABLE, "U+202E"),       # right-to-left override
        ("U+0007", codepoints.NOT_PRINTABLE, "U+0007"),       # a control character
        ("U+20BB7 U+D800", codepoints.SURROGATE, "U+D800"),   # one bad token refuses the whole input
    ],
)
def test_parse_refuses_what_cannot_be_printed_with_its_reason(text, code, value):
    with pytest.raises(CodepointError) as caught:
        codepoints.parse(text)
    assert caught.value.code == code
    assert caught.value.value == value


@pytest.mark.parametrize("text", ["U+", "U+XYZ", "&#x;", "\\U", "G123", "吉 U+"])
def test_parse_refuses_malformed_notation_instead_of_inserting_its_letters(text):
    with pytest.raises(CodepointError) as caught:
        codepoints.parse(text)
    assert caught.value.code == codepoints.UNREADABLE


def test_label_names_a_character_by_its_code_point():
    assert codepoints.label(JI) == "U+20BB7"
    assert codepoints.label("一") == "U+4E00"


@pytest.mark.parametrize(
    ("text", "rare"),
    [
        ("林晓测", []),
        ("吉" + JI + JI, [JI]),                 # each rare character once
        ("\u3400明", ["\u3400"]),               # CJK Extension A
        ("\uf900", ["\uf900"]),                 # a compatibility ideograph
        ("阿依古丽·买买提", []),
    ],
)
def test_rare_chars_names_characters_outside_bmp_ext_a_and_compatibility_block(text, rare):
    assert codepoints.rare_chars(text) == rare


@given(st.characters(codec="utf-8", exclude_categories=("Cn", "Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Zs")))
def test_parse_round_trips_every_printable_character_through_its_label(ch):
    assert codepoints.parse(codepoints.label(ch)) == ch
