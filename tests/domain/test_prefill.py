"""What the transfer section takes from the history: the origin and the month coverage stopped,
from the last period when it was suspended there."""
from __future__ import annotations

from app.domain.application import ApplicationDraft
from app.domain.enums import PeriodStatus
from app.domain.history import PeriodDraft
from app.domain.prefill import transfer_prefill


def draft(*periods: PeriodDraft) -> ApplicationDraft:
    result = ApplicationDraft()
    result.history = list(periods)
    return result


def period(area: str, name: str, start: str, end: str, status: PeriodStatus | None) -> PeriodDraft:
    return PeriodDraft(area_code=area, area_name=name, start=start, end=end, status=status)


def test_the_last_suspended_period_gives_origin_and_stop_month():
    values = transfer_prefill(draft(
        period("110105", "北京市朝阳区", "2015-01", "2019-12", PeriodStatus.TERMINATED),
        period("440305", "广东省深圳市南山区", "2020-01", "2026-06", PeriodStatus.SUSPENDED)))
    assert values == {"transfer.origin.area_code": "440305", "transfer.origin.area_name": "广东省深圳市南山区",
                      "transfer.stop_month": "2026-06"}


def test_the_period_that_ends_last_counts_not_the_last_row():
    values = transfer_prefill(draft(
        period("440305", "广东省深圳市南山区", "2020-01", "2026-06", PeriodStatus.SUSPENDED),
        period("110105", "北京市朝阳区", "2015-01", "2019-12", PeriodStatus.TERMINATED)))
    assert values["transfer.origin.area_code"] == "440305"


def test_a_month_typed_loosely_is_given_in_the_canonical_form():
    values = transfer_prefill(draft(period("440305", "深圳", "2020-01", "２０２６年6月", PeriodStatus.SUSPENDED)))
    assert values["transfer.stop_month"] == "2026-06"


def test_nothing_is_suggested_when_the_last_period_is_not_suspended():
    assert transfer_prefill(draft(period("440305", "深圳", "2020-01", "2026-06", PeriodStatus.PAYING))) == {}
    assert transfer_prefill(draft(period("440305", "深圳", "2020-01", "2026-06", None))) == {}
    assert transfer_prefill(draft(period("440305", "深圳", "2020-01", None, PeriodStatus.SUSPENDED))) == {}
    assert transfer_prefill(draft()) == {}


def test_without_an_area_only_the_month_is_suggested():
    values = transfer_prefill(draft(PeriodDraft(start="2020-01", end="2026-06", status=PeriodStatus.SUSPENDED)))
    assert values == {"transfer.stop_month": "2026-06"}
