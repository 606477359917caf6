"""The timeline layout: lanes per scheme family, gaps, overlaps, partner marks, new-period defaults."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain import months
from app.domain import timeline as tl
from app.domain.application import ApplicationDraft, check
from app.domain.enums import PeriodStatus, Scheme
from app.domain.findings import Severity
from app.domain.history import PeriodDraft


def period(start, end, scheme="employee", area="430100", name="湖南省长沙市", **extra) -> PeriodDraft:
    return PeriodDraft(area_code=area, area_name=name, scheme=scheme, start=start, end=end, **extra)


def m(text: str) -> int:
    return months.index(text)


def test_layout_of_empty_history_is_empty_with_both_lanes():
    result = tl.layout([])
    assert result.empty
    assert [lane.family for lane in result.lanes] == [Scheme.EMPLOYEE, Scheme.RESIDENT]
    assert result.years == range(0)
    assert result.gaps == () and result.overlaps == () and result.duplicates == ()


def test_layout_consecutive_periods_one_lane_no_gaps_years_cover_both():
    result = tl.layout([period("2012-07", "2016-12"), period("2017-01", "2020-03", area="440300", name="深圳市")])
    employee = result.lane(Scheme.EMPLOYEE)
    assert [(s.row, s.start, s.end) for s in employee.segments] == [
        (0, "2012-07", "2016-12"), (1, "2017-01", "2020-03")]
    assert result.lane(Scheme.RESIDENT).segments == ()
    assert result.gaps == () and result.overlaps == ()
    assert result.years == range(2012, 2021)


def test_layout_segments_sorted_by_start_rows_keep_list_index():
    result = tl.layout([period("2017-01", "2020-03"), period("2012-07", "2016-12")])
    assert [s.row for s in result.lane(Scheme.EMPLOYEE).segments] == [1, 0]


def test_layout_gap_between_periods_is_reported_with_its_months():
    result = tl.layout([period("2012-07", "2016-12"), period("2017-04", "2018-12")])
    assert [(g.start, g.end, g.months) for g in result.gaps] == [("2017-01", "2017-03", 3)]


def test_layout_gap_is_across_families_not_per_lane():
    # Employee until 2016-12, resident from 2017-01: no month without coverage.
    result = tl.layout([period("2012-07", "2016-12"), period("2017-01", "2018-12", "resident")])
    assert result.gaps == ()


def test_layout_same_family_overlap_marks_lane_and_pair():
    result = tl.layout([period("2012-07", "2016-12"), period("2016-10", "2018-12")])
    assert [(o.earlier, o.later, months.from_index(o.first), months.from_index(o.last), o.same_family)
            for o in result.overlaps] == [(0, 1, "2016-10", "2016-12", True)]
    assert [(s.start, s.end) for s in result.lane(Scheme.EMPLOYEE).overlaps] == [("2016-10", "2016-12")]
    assert result.duplicates == ()


def test_layout_cross_family_overlap_is_a_duplicate_not_a_lane_overlap():
    result = tl.layout([period("2012-07", "2016-12"), period("2016-01", "2018-12", "resident")])
    assert [o.same_family for o in result.overlaps] == [False]
    assert [(s.start, s.end) for s in result.duplicates] == [("2016-01", "2016-12")]
    assert all(lane.overlaps == () for lane in result.lanes)


def test_layout_overlapping_stretches_in_a_lane_are_merged():
    result = tl.layout([period("2010-01", "2012-12"), period("2012-01", "2013-06"), period("2012-06", "2014-01")])
    assert len(result.overlaps) == 3
    assert [(s.start, s.end) for s in result.lane(Scheme.EMPLOYEE).overlaps] == [("2012-01", "2013-06")]


def test_layout_legacy_schemes_go_into_the_resident_lane():
    result = tl.layout([period("2008-01", "2015-12", "ncms"), period("2016-01", "2016-12", "urban_resident")])
    assert [s.scheme for s in result.lane(Scheme.RESIDENT).segments] == [Scheme.NCMS, Scheme.URBAN_RESIDENT]
    assert result.lane(Scheme.NCMS) is result.lane(Scheme.RESIDENT)


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(PeriodDraft(scheme="employee", start="2012-07"), id="no-end"),
        pytest.param(PeriodDraft(scheme="employee", start="2012-13", end="2013-01"), id="bad-month"),
        pytest.param(PeriodDraft(start="2012-01", end="2013-01"), id="no-scheme"),
        pytest.param(PeriodDraft(scheme="employee", start="2014-01", end="2013-01"), id="start-after-end"),
    ],
)
def test_layout_leaves_out_periods_it_cannot_draw(bad):
    result = tl.layout([bad, period("2017-01", "2017-12")])
    assert [s.row for lane in result.lanes for s in lane.segments] == [1]


def test_layout_reads_months_as_typed():
    result = tl.layout([period("201207", "2016年12月")])
    assert [(s.start, s.end) for s in result.lane(Scheme.EMPLOYEE).segments] == [("2012-07", "2016-12")]


def test_partner_findings_mark_end_of_the_period_that_starts_first():
    found = tl.partner_findings(tl.layout([period("2016-10", "2018-12"), period("2012-07", "2016-12")]))
    assert [(f.code, f.path, f.severity) for f in found] == [("history_overlap", "history.1.end", Severity.ERROR)]
    assert "第 1 段" in found[0].message_zh and "2016-10 至 2016-12" in found[0].message_zh


def test_partner_findings_cross_family_is_duplicate_enrolment_warning():
    found = tl.partner_findings(tl.layout([period("2012-07", "2016-12"), period("2016-01", "2018-12", "resident")]))
    assert [(f.code, f.path, f.severity) for f in found] == [
        ("history_duplicate_enrolment", "history.0.end", Severity.WARNING)]


def test_partner_findings_complement_the_check_so_both_rows_are_marked():
    history = [period("2012-07", "2016-12"), period("2016-10", "2018-12")]
    checked = check(ApplicationDraft(history=history), date(2026, 11, 23)).findings
    overlap_paths = {f.path for f in checked if f.code == "history_overlap"}
    partner_paths = {f.path for f in tl.partner_findings(tl.layout(history))}
    assert overlap_paths == {"history.1.start"}
    assert partner_paths == {"history.0.end"}


def test_summary_items_in_time_order_periods_gaps_overlaps():
    result = tl.layout([period("2012-07", "2016-12"), period("2017-04", "2018-12"), period("2018-06", "2019-12")])
    assert [(i.kind, months.from_index(i.first)) for i in tl.summary_items(result)] == [
        ("period", "2012-07"), ("gap", "2017-01"), ("period", "2017-04"), ("period", "2018-06"),
        ("overlap", "2018-06")]


def test_period_after_continues_area_scheme_and_month():
    previous = period("2012-07", "2016-12", employer_name="某单位", months_paid="50", account_balance="10.00",
                      status=PeriodStatus.TERMINATED)
    new = tl.period_after(previous)
    assert (new.area_code, new.area_name, new.scheme, new.start, new.end) == (
        "430100", "湖南省长沙市", Scheme.EMPLOYEE, "2017-01", None)
    assert new.employer_name is None and new.status is None and new.months_paid is None


def test_period_after_copy_keeps_employer_and_status_never_amounts():
    previous = period("2012-07", "2016-12", employer_name="某单位", employer_uscc="X", months_paid="50",
                      account_balance="10.00", arrears_months="2", overdraft="1", status=PeriodStatus.SUSPENDED)
    new = tl.period_after(previous, keep_employer=True)
    assert (new.employer_name, new.employer_uscc, new.status) == ("某单位", "X", PeriodStatus.SUSPENDED)
    assert (new.months_paid, new.account_balance, new.arrears_months, new.overdraft) == (None, None, None, None)


@pytest.mark.parametrize("end", [None, "", "soon", "2016-13"])
def test_period_after_unreadable_end_leaves_start_blank(end):
    assert tl.period_after(PeriodDraft(scheme="employee", end=end)).start is None


def test_period_after_nothing_is_a_blank_period():
    assert tl.period_after(None) == PeriodDraft()


def test_period_after_december_rolls_into_january():
    assert tl.period_after(period("2015-01", "2015-12")).start == "2016-01"
