"""Answers of the transfer section that the insurance history already gives.

Owns: `transfer_prefill(draft)`, the values the wizard puts into empty transfer fields (marked
as prefilled, editable). The origin (转出地) is where coverage was last suspended: the period
that ends last, when its status is 暂停 (suspended), gives the origin's area and the month
coverage stopped there (中止参保年月 = its end month). A period still being paid or already
terminated says nothing certain about the transfer, so nothing is suggested then.

Qt-free; imports only the domain.
"""
from __future__ import annotations

from app.domain import months
from app.domain.enums import PeriodStatus
from app.domain.history import PeriodDraft

ORIGIN_AREA_CODE = "transfer.origin.area_code"
ORIGIN_AREA_NAME = "transfer.origin.area_name"
STOP_MONTH = "transfer.stop_month"


def last_period(history: list[PeriodDraft]) -> PeriodDraft | None:
    """The period that ends last (of those with a readable end month; the later row wins a tie)."""
    best, best_end = None, None
    for period in history:
        end = months.try_month(period.end)
        if end is not None and (best_end is None or end >= best_end):
            best, best_end = period, end
    return best


def transfer_prefill(draft) -> dict[str, str]:
    """Field path -> value for the transfer fields the history answers (see the module)."""
    period = last_period(list(draft.history))
    if period is None or period.status is not PeriodStatus.SUSPENDED:
        return {}
    values = {STOP_MONTH: months.from_index(months.try_month(period.end))}
    if period.area_code:
        values[ORIGIN_AREA_CODE] = period.area_code
        if period.area_name:
            values[ORIGIN_AREA_NAME] = period.area_name
    return values
