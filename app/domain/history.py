"""The insurance-history section: one period per area, scheme and employer.

Owns: PeriodDraft (as typed), Period (complete), the months a period counts, and the
timeline facts the checks need (overlaps, gaps, cumulative months per scheme).
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from app.domain import idnumbers, months
from app.domain.base import Draft, Loose, Strict, reads
from app.domain.enums import PeriodStatus, Scheme
from app.domain.types import (
    AreaCode, CreditCode, Money, MonthCount, Text50, Text100, YearMonth, parse_count,
)


def validate_uscc(value: str | None, info: ValidationInfo) -> str | None:
    if value is None:
        return None
    try:
        return idnumbers.parse_uscc(value)
    except idnumbers.NumberError as exc:
        raise PydanticCustomError(exc.code, exc.code, exc.ctx) from None


class PeriodDraft(Draft):
    area_code: Loose = None
    area_name: Loose = None
    scheme: Scheme | None = None
    employer_name: Loose = None
    employer_uscc: Loose = None
    start: Loose = None
    end: Loose = None
    months_paid: Loose = None
    account_balance: Loose = None
    status: PeriodStatus | None = None
    arrears_months: Loose = None
    overdraft: Loose = None


class Period(Strict):
    area_code: AreaCode
    area_name: Text50
    scheme: Scheme
    employer_name: Text100 | None = None
    employer_uscc: CreditCode | None = None
    start: YearMonth
    end: YearMonth
    months_paid: MonthCount | None = None
    account_balance: Money | None = None
    status: PeriodStatus
    arrears_months: MonthCount | None = None
    overdraft: Money | None = None

    _check_uscc = field_validator("employer_uscc")(validate_uscc)

    @property
    def span(self) -> int:
        return months.span(self.start, self.end)

    @property
    @reads("history.start", "history.end", "history.months_paid")
    def paid(self) -> int:
        """Months actually paid: as stated on the agency's record, else the whole span."""
        return self.span if self.months_paid is None else self.months_paid


@dataclass(frozen=True, slots=True)
class Span:
    """A period reduced to what the timeline needs; indexes point into the history list."""

    index: int
    scheme: Scheme
    area_code: str
    first: int  # month index, see months.index
    last: int


def spans(history: list[PeriodDraft]) -> list[Span]:
    """The periods whose start, end and scheme can be read, in list order."""
    result = []
    for i, period in enumerate(history):
        first, last = months.try_month(period.start), months.try_month(period.end)
        if first is None or last is None or period.scheme is None or first > last:
            continue
        result.append(Span(i, period.scheme, period.area_code or "", first, last))
    return result


def overlaps(items: list[Span]) -> list[tuple[Span, Span, int, int]]:
    """Pairs of periods that share months: (earlier, later, first shared, last shared).

    Sweep over periods sorted by start: O(n log n + k) for k overlapping pairs.
    """
    ordered = sorted(items, key=lambda s: (s.first, s.last, s.index))
    found = []
    active: list[Span] = []
    for item in ordered:
        active = [a for a in active if a.last >= item.first]
        for other in active:
            found.append((other, item, item.first, min(other.last, item.last)))
        active.append(item)
    return found


def gaps(items: list[Span]) -> list[tuple[int, int]]:
    """Runs of months with no period at all between the first and the last period."""
    ordered = sorted(items, key=lambda s: s.first)
    result = []
    covered_to = None
    for item in ordered:
        if covered_to is not None and item.first > covered_to + 1:
            result.append((covered_to + 1, item.first - 1))
        covered_to = item.last if covered_to is None else max(covered_to, item.last)
    return result


def count_or_none(text: str | None) -> int | None:
    """A typed month count read as the complete form reads it, else None. Not str.isdigit()
    + int(): "²" is a digit to isdigit() but not to int()."""
    if not text:
        return None
    try:
        return parse_count(text)
    except ValueError:
        return None


def paid_months(period: PeriodDraft) -> int | None:
    """Months paid in one draft period: the stated number, else the span; None if unreadable."""
    if period.months_paid:
        return count_or_none(period.months_paid)
    first, last = months.try_month(period.start), months.try_month(period.end)
    if first is None or last is None or first > last:
        return None
    return last - first + 1


def cumulative_months(history: list[PeriodDraft]) -> dict[Scheme, int]:
    """Months paid per scheme family (legacy resident schemes count as resident)."""
    totals: dict[Scheme, int] = {}
    for period in history:
        paid = paid_months(period)
        if paid is None or period.scheme is None:
            continue
        family = period.scheme.family
        totals[family] = totals.get(family, 0) + paid
    return totals


def total_balance(history: list[Period]) -> Decimal:
    return sum((p.account_balance or Decimal("0.00") for p in history), Decimal("0.00"))
