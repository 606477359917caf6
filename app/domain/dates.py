"""The plausible range of every date an application holds, decided once.

Owns: the bounds of each date field relative to "today", and the cross-field checks that
compare dates with the person's birth. The field types (types.py) enforce the per-field
bounds; `cross_field` reports what needs two fields. Imports nothing from Qt or reportlab.

The bounds, and why:
- Birth date (typed, or decoded from the ID number): not after today, and not more than
  MAX_AGE_YEARS before it. The oldest verified human lived 122 years; 130 leaves room and
  still keeps out typing slips such as 0001-01-01, which would print as "1年01月01日".
- Signature date (transfer.signed_on): not more than SIGN_AHEAD_YEARS after today. A form is
  signed when it is handed in; people prepare at most months ahead for a planned move, and the
  guide counts its expected dates from this day, so a date years ahead would print deadlines
  nobody can check (and, near 9999-12-31, dates that do not exist). Not before the person's
  birth (cross-field, below), hence never before the birth-date bound either.
- Months of the history and the pension (types.YearMonth: MIN_MONTH..MAX_MONTH, fixed): not
  before the month of the person's birth (cross-field, below). Children are insured from
  birth under the resident scheme, so the birth month itself is plausible.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.domain import months
from app.domain.findings import Finding, make_finding

MAX_AGE_YEARS = 130
SIGN_AHEAD_YEARS = 1


def shift_years(day: date, years: int) -> date:
    """The same calendar day `years` later (earlier if negative); 29 Feb becomes 28 Feb in a
    common year; clamped to date.min..date.max instead of raising."""
    year = min(max(day.year + years, date.min.year), date.max.year)
    if (day.month, day.day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return day.replace(year=year)


def birth_bounds(today: date) -> tuple[date, date]:
    """The earliest and latest plausible birth date."""
    return shift_years(today, -MAX_AGE_YEARS), today


def sign_bounds(today: date) -> tuple[date, date]:
    """The earliest and latest plausible signature date (the earliest is refined by the birth)."""
    return shift_years(today, -MAX_AGE_YEARS), shift_years(today, SIGN_AHEAD_YEARS)


def out_of_range(value: date, bounds: tuple[date, date]) -> dict[str, str] | None:
    """The context of a date_range error, or None when `value` lies within `bounds`."""
    low, high = bounds
    if low <= value <= high:
        return None
    return {"min": low.isoformat(), "max": high.isoformat()}


def try_date(text: str | None) -> date | None:
    """A typed ISO date, or None when missing or unreadable (reported on its own field)."""
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def birth_of(draft, today: date) -> date | None:
    """The person's birth date as typed, else as the ID number says; None when unknown."""
    from app.domain.identity import id_info_or_none  # identity imports types, which imports us

    ident = draft.identity
    typed = try_date(ident.birth_date)
    if typed is not None:
        return typed
    info = id_info_or_none(ident.id_type, ident.id_number, today)
    return info.birth_date if info is not None else None


def cross_field(draft, today: date) -> Iterator[Finding]:
    """Dates that lie before the person's birth: the signature, every month of the history
    and of the pension. Skips what cannot be read (reported on its own field)."""
    birth = birth_of(draft, today)
    if birth is None or out_of_range(birth, birth_bounds(today)) is not None:
        return  # an implausible birth date is reported on its own field
    signed = try_date(draft.transfer.signed_on)
    if signed is not None and signed < birth:
        yield make_finding("date_before_birth", "transfer.signed_on")
    born = birth.year * 12 + birth.month - 1
    places = [(p.start, f"history.{i}.start") for i, p in enumerate(draft.history)]
    pension = draft.transfer.pension
    if draft.transfer.pension_moves and pension is not None:
        places.append((pension.start, "transfer.pension.start"))
    for text, path in places:
        month = months.try_month(text)
        if month is not None and month < born:
            yield make_finding("month_before_birth", path)
