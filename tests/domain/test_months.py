"""Month parsing, the month index and the arithmetic the timeline uses."""
from __future__ import annotations

import pytest

from app.domain import months
from app.domain.months import MonthError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01", "2023-01"),
        ("202312", "2023-12"),
        ("2023/7", "2023-07"),
        ("2023.07", "2023-07"),
        ("2023年7月", "2023-07"),
        ("2023 年 7 月", "2023-07"),
        ("２０２３年７月", "2023-07"),
        ("\u0662\u0660\u0662\u0663-\u0660\u0667", "2023-07"),  # Arabic-Indic digits: read, stored as ASCII
        ("  2023-07\n", "2023-07"),
    ],
)
def test_parse_month_spellings_give_canonical_month(text, expected):
    assert months.parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("2023-13", "month_format", id="month-13"),
        pytest.param("2023-0", "month_format", id="month-0"),
        pytest.param("2023-123", "month_format", id="three-digit-month"),
        pytest.param("20231", "month_format", id="five-digits"),
        pytest.param("2023_01", "month_format", id="underscore"),
        pytest.param("1949-12", "month_range", id="before-min"),
        pytest.param("2051-01", "month_range", id="after-max"),
        pytest.param("0000-01", "month_range", id="year-zero"),
        pytest.param("", "month_format", id="empty"),
    ],
)
def test_parse_month_bad_text_raises_month_error_with_code(text, code):
    with pytest.raises(MonthError) as info:
        months.parse_month(text)
    assert info.value.code == code
    assert str(info.value) == code  # the typed text never reaches a message


def test_parse_month_range_error_carries_limits():
    with pytest.raises(MonthError) as info:
        months.parse_month("2051-01")
    assert info.value.ctx == {"min": months.MIN_MONTH, "max": months.MAX_MONTH}


@pytest.mark.parametrize(("text", "expected"), [(None, None), ("", None), ("x", None), ("1900-01", None),
                                                ("2023-01", 2023 * 12), ("2023年2月", 2023 * 12 + 1)])
def test_try_month_reads_or_returns_none(text, expected):
    assert months.try_month(text) == expected


@pytest.mark.parametrize(("month", "value"), [("2023-01", 24276), ("2023-12", 24287), ("1950-01", 23400)])
def test_index_counts_months_since_year_zero(month, value):
    assert months.index(month) == value


@pytest.mark.parametrize("month", ["1950-01", "1999-12", "2000-01", "2023-06", "2050-12"])
def test_from_index_inverts_index(month):
    assert months.from_index(months.index(month)) == month


def test_index_next_month_crosses_the_year():
    assert months.from_index(months.index("2023-12") + 1) == "2024-01"


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [("2023-01", "2023-01", 1), ("2023-01", "2023-12", 12), ("2012-07", "2016-12", 54), ("2023-05", "2023-04", 0)],
)
def test_span_counts_both_ends(start, end, count):
    assert months.span(start, end) == count


@pytest.mark.parametrize(("month", "text"), [("2023-01", "2023年01月"), ("1999-12", "1999年12月")])
def test_display_zh_prints_year_and_month(month, text):
    assert months.display_zh(month) == text
