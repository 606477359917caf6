"""Chinese working days (工作日) for the deadlines printed in the guide.

Owns: whether a date is a working day in mainland China, counting working days
forward from an event ("the transfer-out agency has 10 working days"), and saying
when such an answer rests on estimated rather than official holiday data.

Official data comes from the `chinese_calendar` library (PyPI ``chinesecalendar``),
which encodes the 国务院办公厅 holiday notices: the days off *and* the weekend
make-up working days (调休上班). Its years are reported by `data_years()`.

Outside those years the rule is: Monday to Friday, minus the statutory holidays
(《全国年节及纪念日放假办法》 as amended from 2025) whose date can be computed
offline: 元旦 1 Jan, 清明 (a solar term, from the library's own formula),
劳动节 1-2 May, 国庆 1-3 Oct. Such results are flagged ``estimate``: 春节, 端午 and
中秋 follow the lunar calendar, which nothing among our dependencies converts, and
the bridging days and make-up working days are only known once a year's notice is
published, so a date near those holidays may be several days early.

Imports only the standard library and chinese_calendar: no PySide6, no reportlab,
no pydantic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar

__all__ = [
    "WorkdayResult",
    "add_workdays",
    "data_years",
    "is_workday",
    "workdays_between",
]

_ONE_DAY = timedelta(days=1)

# Statutory days with a fixed Gregorian date, as (month, day), in force since
# 2025-01-01 (国务院令第798号). Only the statutory days: the rest of a "golden week"
# is bridging paid for by make-up Saturdays/Sundays, which cannot be predicted.
_FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    """A date reached by counting working days."""

    date: date
    #: True if any day counted lies outside the years with official holiday data.
    estimate: bool


@functools.cache
def data_years() -> tuple[int, int]:
    """First and last year for which official holiday data is installed."""
    # The same bounds chinese_calendar checks before it raises NotImplementedError.
    years = {d.year for d in chinese_calendar.holidays}
    return min(years), max(years)


def is_workday(d: date) -> tuple[bool, bool]:
    """Return (is a working day, is an estimate) for one date."""
    _check_date(d)
    first, last = data_years()
    if first <= d.year <= last:
        return chinese_calendar.is_workday(d), False
    return _estimated_workday(d), True


def add_workdays(start: date, n: int) -> WorkdayResult:
    """The date on which ``n`` working days have passed since ``start``.

    Counting starts on the day after ``start`` (the day of acceptance is day 0),
    so for n >= 1 the result is always a working day; n == 0 gives ``start``.
    Defined for every date: a count that would pass 9999-12-31 stops there, as an estimate.
    """
    _check_date(start)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    day, remaining, estimate = start, n, False
    while remaining:
        if day == date.max:
            # Total, never OverflowError: the count runs off the calendar. The checks keep real
            # applications years away from here (dates.py); this answer is only ever an estimate.
            return WorkdayResult(day, True)
        day += _ONE_DAY
        working, guessed = is_workday(day)
        estimate = estimate or guessed
        remaining -= working
    return WorkdayResult(day, estimate)


def workdays_between(start: date, end: date) -> int:
    """Working days in (start, end]; 0 when ``end`` is not after ``start``."""
    _check_date(start)
    _check_date(end)
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        count += is_workday(day)[0]
    return count


def _check_date(d: object) -> None:
    # A datetime is a date subclass and would slip through, but which calendar day
    # it denotes depends on its time zone; the caller must decide the day in China.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a datetime.date, not {type(d).__name__}")


def _estimated_workday(d: date) -> bool:
    if d.weekday() >= 5:
        return False
    if (d.month, d.day) in _FIXED_HOLIDAYS:
        return False
    return d != _qingming(d.year)


@functools.lru_cache(maxsize=64)
def _qingming(year: int) -> date | None:
    """The 清明 solar term of ``year``, or None where the formula has no answer."""
    try:
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    except NotImplementedError:  # the library's formula covers 1900-2100 only
        return None
    return next((d for d, name in terms if name == "清明"), None)
