"""Suggested file names: the document's title, the person's name and the date, safe on Windows."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.filenames import MAX_LENGTH, document_file_name, draft_file_name, safe_file_name

DAY = date(2026, 11, 23)
FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def windows_safe(name: str) -> bool:
    stem = name.split(".")[0].strip().upper()
    return (bool(name) and not FORBIDDEN & set(name) and all(ord(ch) >= 32 for ch in name)
            and not name.endswith((".", " ")) and stem not in RESERVED and len(name) <= MAX_LENGTH)


def test_a_document_is_named_by_title_person_and_date():
    assert document_file_name("授权委托书", "赵德明", DAY) == "授权委托书-赵德明-2026-11-23.pdf"
    assert draft_file_name("林晓测", DAY) == "医保关系转移申请-林晓测-2026-11-23.json"


def test_without_a_name_the_title_and_date_remain():
    assert document_file_name("授权委托书", None, DAY) == "授权委托书-2026-11-23.pdf"
    assert draft_file_name("  ", DAY) == "医保关系转移申请-2026-11-23.json"


@pytest.mark.parametrize("stem, expected", [
    ('a<b>c:d"e/f\\g|h?i*j', "a_b_c_d_e_f_g_h_i_j"),   # Windows' forbidden characters
    ("名字. . ", "名字"),                                # no trailing dots or spaces
    ("CON", "未命名_CON"),                               # a reserved device name
    ("lpt1.txt", "未命名_lpt1.txt"),                     # reserved whatever the extension
    ("tab\there\nnewline", "tab here newline"),          # control characters
    ("", "未命名"),
    ("张\u200b三", "张 三"),                              # invisible format characters
])
def test_unsafe_names_are_made_safe(stem, expected):
    assert safe_file_name(stem) == expected


def test_long_names_are_cut_to_the_limit_keeping_the_suffix():
    name = document_file_name("基本医疗保险关系转移接续申请表" * 10, "王" * 60, DAY)
    assert len(name) <= MAX_LENGTH and name.endswith(".pdf")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_title_and_name_give_a_windows_safe_file_name(title, person):
    assert windows_safe(document_file_name(title, person, DAY))
    assert windows_safe(draft_file_name(person, DAY))
