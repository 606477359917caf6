"""Working-day arithmetic, checked by hand against the 国务院办公厅 holiday notices.

Expected dates are worked out in the comments day by day; weekdays were checked
against a printed calendar (2025-10-01 is a Wednesday, 2026-02-15 a Sunday,
2027-01-01 a Friday, 2029-01-01 a Monday, 2030-10-01 a Tuesday).
"""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import (
    WorkdayResult,
    add_workdays,
    data_years,
    is_workday,
    workdays_between,
)

D = date


# --- data range ----------------------------------------------------------------


def test_data_years_are_exactly_the_years_the_library_accepts():
    first, last = data_years()
    chinese_calendar.is_workday(D(first, 1, 1))
    chinese_calendar.is_workday(D(last, 12, 31))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(first - 1, 12, 31))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(last + 1, 1, 1))


def test_installed_holiday_data_covers_2004_to_2026():
    # The hand-checked estimate cases below assume 2027 is the first year without
    # official data. If this fails after upgrading chinesecalendar, re-check them
    # against the new notice and move them to the new first uncovered year.
    assert data_years() == (2004, 2026)


# --- official data ---------------------------------------------------------------


def test_ten_workdays_across_national_day_2025_skip_the_holiday_and_count_makeup_days():
    # Notice for 2025: Oct 1 (Wed) - Oct 8 (Wed) off; Sep 28 (Sun) and Oct 11 (Sat) worked.
    # From Fri 2025-09-26 (day 0):
    #   Sep 27 Sat off | Sep 28 Sun make-up 1 | Sep 29 Mon 2 | Sep 30 Tue 3
    #   Oct 1-8 off    | Oct 9 Thu 4 | Oct 10 Fri 5 | Oct 11 Sat make-up 6 | Oct 12 Sun off
    #   Oct 13 Mon 7 | Oct 14 Tue 8 | Oct 15 Wed 9 | Oct 16 Thu 10
    assert add_workdays(D(2025, 9, 26), 10) == WorkdayResult(D(2025, 10, 16), estimate=False)
    assert workdays_between(D(2025, 9, 26), D(2025, 10, 16)) == 10


def test_spring_festival_2026_is_skipped_and_its_makeup_saturdays_count():
    # Notice for 2026: Feb 15 (Sun) - Feb 23 (Mon) off; Feb 14 (Sat) and Feb 28 (Sat) worked.
    # From Thu 2026-02-12 (day 0):
    #   Feb 13 Fri 1 | Feb 14 Sat make-up 2 | Feb 15-23 off
    #   Feb 24 Tue 3 | Feb 25 Wed 4 | Feb 26 Thu 5 | Feb 27 Fri 6 | Feb 28 Sat make-up 7
    assert add_workdays(D(2026, 2, 12), 5) == WorkdayResult(D(2026, 2, 26), estimate=False)
    assert add_workdays(D(2026, 2, 12), 7) == WorkdayResult(D(2026, 2, 28), estimate=False)
    # Mar 1 is a plain Sunday: still 7.
    assert workdays_between(D(2026, 2, 12), D(2026, 3, 1)) == 7


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 9, 28), (True, False)),  # Sunday, make-up day for National Day
        (D(2025, 10, 11), (True, False)),  # Saturday, make-up day for National Day
        (D(2025, 10, 12), (False, False)),  # the Sunday after: an ordinary weekend day
        (D(2025, 10, 6), (False, False)),  # Monday, Mid-Autumn inside the National Day break
        (D(2025, 10, 8), (False, False)),  # Wednesday, last bridging day
        (D(2026, 1, 4), (True, False)),  # Sunday, make-up day for New Year 2026
        (D(2026, 1, 2), (False, False)),  # Friday, New Year bridging day
        (D(2026, 9, 25), (False, False)),  # Friday, Mid-Autumn 2026
    ],
)
def test_is_workday_follows_the_official_notice(day, expected):
    assert is_workday(day) == expected


def test_makeup_saturday_is_reached_by_counting_one_day():
    # Fri 2025-10-10 -> Sat 2025-10-11 is a working day.
    assert add_workdays(D(2025, 10, 10), 1) == WorkdayResult(D(2025, 10, 11), estimate=False)


# --- beyond the official data ------------------------------------------------------


def test_run_entirely_in_2027_is_an_estimate_skipping_national_day_and_weekend():
    # No notice for 2027 installed. 2027-10-01 is a Friday, Oct 2-3 the weekend.
    # From Wed 2027-09-29: Sep 30 Thu 1 | Oct 1 Fri holiday | Oct 2 Sat, Oct 3 Sun
    #   | Oct 4 Mon 2 | Oct 5 Tue 3
    assert add_workdays(D(2027, 9, 29), 3) == WorkdayResult(D(2027, 10, 5), estimate=True)
    for day in (D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)):
        assert is_workday(day) == (False, True)


def test_national_day_on_weekdays_skips_all_three_statutory_days():
    # 2030-10-01 is a Tuesday: Oct 1-3 (Tue-Thu) off, so the next working day
    # after Mon Sep 30 is Fri Oct 4.
    assert add_workdays(D(2030, 9, 30), 1) == WorkdayResult(D(2030, 10, 4), estimate=True)


def test_run_from_2026_into_2027_is_an_estimate():
    # 2026-12-28 is a Monday. Dec 29 Tue 1 | Dec 30 Wed 2 | Dec 31 Thu 3
    #   | Jan 1 2027 Fri 元旦 | Jan 2-3 weekend | Jan 4 Mon 4
    assert add_workdays(D(2026, 12, 28), 4) == WorkdayResult(D(2027, 1, 4), estimate=True)


def test_run_ending_on_last_official_day_is_not_an_estimate():
    assert add_workdays(D(2026, 12, 28), 3) == WorkdayResult(D(2026, 12, 31), estimate=False)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2029, 1, 1), False),  # Monday, 元旦
        (D(2029, 1, 2), True),
        (D(2029, 4, 3), True),
        (D(2029, 4, 4), False),  # Wednesday, 清明 (solar term)
        (D(2029, 4, 5), True),
        (D(2029, 5, 1), False),  # Tuesday, 劳动节
        (D(2029, 5, 2), False),  # Wednesday, 劳动节 second statutory day (from 2025)
        (D(2029, 5, 3), True),
        (D(2029, 5, 5), False),  # Saturday
    ],
)
def test_fallback_skips_statutory_days_with_a_gregorian_date(day, working):
    assert is_workday(day) == (working, True)


def test_fallback_does_not_know_lunar_holidays():
    # Known limitation, hence the estimate flag: 春节 2027 falls on Sat Feb 6, and the
    # real notice will give days off around it, but without a lunar conversion the
    # Monday after is counted as a working day.
    assert is_workday(D(2027, 2, 8)) == (True, True)


@pytest.mark.parametrize("year", [2025, 2026])
def test_fallback_holidays_are_holidays_in_the_official_data(year):
    # The fallback rule only claims days the current law makes statutory.
    fixed = [D(year, m, d) for m, d in [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)]]
    for day in [*fixed, _solar_term_qingming(year)]:
        assert day in chinese_calendar.holidays, day


def test_solar_term_qingming_is_the_official_qingming_holiday_since_2008():
    # 清明 became a public holiday in 2008; the formula must agree with every notice since.
    for year in range(2008, data_years()[1] + 1):
        qingming = _solar_term_qingming(year)
        assert qingming in chinese_calendar.holidays, qingming


def _solar_term_qingming(year):
    terms = chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 30))
    (day,) = [d for d, name in terms if name == "清明"]
    return day


def test_years_before_the_data_are_estimates():
    assert is_workday(D(2003, 6, 2)) == (True, True)


# --- edges and errors -----------------------------------------------------------------


def test_zero_workdays_is_the_start_itself_and_not_an_estimate():
    assert add_workdays(D(2028, 3, 4), 0) == WorkdayResult(D(2028, 3, 4), estimate=False)


def test_workdays_between_reversed_or_equal_dates_is_zero():
    assert workdays_between(D(2025, 10, 16), D(2025, 9, 26)) == 0
    assert workdays_between(D(2025, 10, 16), D(2025, 10, 16)) == 0


def test_negative_count_is_rejected():
    with pytest.raises(ValueError, match="n must be >= 0"):
        add_workdays(D(2025, 1, 6), -1)


@pytest.mark.parametrize("n", [1.0, "3", True])
def test_non_int_count_is_rejected(n):
    with pytest.raises(TypeError):
        add_workdays(D(2025, 1, 6), n)


def test_datetime_is_rejected_because_its_day_depends_on_the_time_zone():
    with pytest.raises(TypeError, match="datetime.date"):
        is_workday(datetime(2025, 10, 11, 9, 0))
    with pytest.raises(TypeError):
        add_workdays(datetime(2025, 10, 11, 9, 0), 1)
    with pytest.raises(TypeError):
        workdays_between(D(2025, 10, 1), datetime(2025, 10, 11))


# --- properties ------------------------------------------------------------------------

starts = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@given(start=starts, n=counts)
def test_add_workdays_is_strictly_monotone_in_n(start, n):
    assert add_workdays(start, n).date < add_workdays(start, n + 1).date


@given(start=starts, n=counts)
def test_workdays_between_inverts_add_workdays(start, n):
    assert workdays_between(start, add_workdays(start, n).date) == n


@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_result_is_a_workday_and_estimate_iff_it_leaves_the_data(start, n):
    result = add_workdays(start, n)
    assert is_workday(result.date)[0]
    assert result.date - start >= timedelta(days=n)
    assert result.estimate == (result.date.year > data_years()[1])
