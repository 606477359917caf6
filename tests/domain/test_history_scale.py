"""Findings stay linear in the history, and the largest history the app accepts is checked fast.

A 414-character hand-off code expanded to 1,000 identical periods and 502,517 overlap
findings. Now: a period entered several times is one "repeated" finding with its count, an
overlap is reported once per pair of distinct periods (with how many row pairs it stands
for), each row names at most MAX_LISTED overlaps of a kind and then "and N more", and the
history holds at most MAX_PERIODS periods (a finding when a list grows past it; the draft
loader and the hand-off refuse a file or code with more).
"""
from __future__ import annotations

import json
import statistics
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import handoff
from app.storage import drafts
from app.domain import months
from app.domain import timeline as tl
from app.domain.application import MAX_PERIODS, ApplicationDraft, check
from app.domain.enums import Scheme
from app.domain.history import PeriodDraft

TODAY = date(2026, 11, 23)
OVERLAP_CODES = {"history_overlap", "history_duplicate_enrolment", "history_overlap_more"}


def period(start: str, end: str, scheme: str = "employee", **extra) -> dict:
    return {"area_code": "440300", "area_name": "广东省深圳市", "scheme": scheme, "status": "terminated",
            "start": start, "end": end, **extra}


def with_history(make_draft, periods: list[dict]) -> ApplicationDraft:
    draft = make_draft()
    draft.history = [PeriodDraft.model_validate(p) for p in periods]
    return draft


def codes(draft) -> list[str]:
    return [f.code for f in check(draft, TODAY).findings]


def nested(n: int) -> list[dict]:
    """n distinct periods that all overlap each other (each starts a month later)."""
    return [period(months.from_index(months.index("2000-01") + i), "2019-12", employer_name=f"单位{i}")
            for i in range(n)]


def test_a_period_entered_the_maximum_number_of_times_is_one_finding_with_its_count(make_draft):
    draft = with_history(make_draft, [period("2015-01", "2018-12")] * MAX_PERIODS)
    found = check(draft, TODAY).findings
    repeated = [f for f in found if f.code == "history_repeated"]
    assert len(repeated) == 1  # was one overlap finding per pair: 4,950 at 100 periods
    assert not [f for f in found if f.code in OVERLAP_CODES]
    assert len(found) < 20
    message = repeated[0].message_zh
    assert f"共填写了 {MAX_PERIODS} 次" in message and f"等另外 {MAX_PERIODS - 4} 处" in message
    assert repeated[0].path == "history.1.start"
    assert f"and {MAX_PERIODS - 4} more" in repeated[0].message_en


def test_an_overlap_with_a_repeated_period_is_reported_once_with_the_count(make_draft):
    draft = with_history(make_draft, [period("2015-01", "2018-12")] * 3 + [period("2018-06", "2019-12")])
    overlaps = [f for f in check(draft, TODAY).findings if f.code == "history_overlap"]
    assert len(overlaps) == 1 and overlaps[0].path == "history.3.start"
    assert "共 3 处" in overlaps[0].message_zh and "(3 places" in overlaps[0].message_en
    assert codes(draft).count("history_repeated") == 1


def test_each_row_names_at_most_three_overlaps_then_and_n_more(make_draft):
    n = 10
    draft = with_history(make_draft, nested(n))
    found = [f for f in check(draft, TODAY).findings if f.code in OVERLAP_CODES]
    last_row = [f for f in found if f.path == f"history.{n - 1}.start"]
    assert [f.code for f in last_row] == ["history_overlap"] * tl.MAX_LISTED + ["history_overlap_more"]
    more = last_row[-1]
    # row 10 overlaps rows 1-9: three named, then rows 4, 5, 6 and 3 more
    assert "第 4、5、6 段等另外 3 处" in more.message_zh and "periods 4, 5, 6 and 3 more" in more.message_en
    assert more.severity.value == "error"
    assert len(found) <= (tl.MAX_LISTED + 1) * n


def test_overlap_findings_are_linear_in_the_number_of_periods(make_draft):
    for n in (10, 40, MAX_PERIODS):
        draft = with_history(make_draft, nested(n))
        picture = tl.layout(draft.history)
        assert len(picture.overlaps) <= 2 * tl.MAX_LISTED * n
        assert len(tl.partner_findings(picture)) <= (tl.MAX_LISTED + 1) * n
        assert sum(code in OVERLAP_CODES for code in codes(draft)) <= (tl.MAX_LISTED + 1) * n


def _cpu_ms(function) -> float:
    function()
    samples = []
    for _ in range(5):
        start = time.process_time()
        function()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


@pytest.mark.parametrize("shape", ["identical", "nested", "consecutive"])
def test_check_of_the_largest_accepted_history_takes_under_50_ms(make_draft, shape):
    """CPU time (a busy machine stretches the wall clock, not the work); benchmarks/check.py
    prints both for the same shapes."""
    periods = {
        "identical": [period("2015-01", "2018-12")] * MAX_PERIODS,
        "nested": nested(MAX_PERIODS),
        "consecutive": [period(months.from_index(months.index("2000-01") + 2 * i),
                               months.from_index(months.index("2000-01") + 2 * i + 1), employer_name=f"单位{i}")
                        for i in range(MAX_PERIODS)],
    }[shape]
    draft = with_history(make_draft, periods)
    assert _cpu_ms(lambda: check(draft, TODAY)) < 50


def test_a_history_grown_past_the_maximum_is_one_finding_naming_the_limit(make_draft):
    draft = make_draft()
    draft.history.extend(draft.history[0].model_copy() for _ in range(MAX_PERIODS + 4))  # as the table grows it
    too_many = [f for f in check(draft, TODAY).findings if f.code == "history_too_many"]
    assert len(too_many) == 1 and too_many[0].path == "history"
    assert f"最多 {MAX_PERIODS} 段" in too_many[0].message_zh and f"{MAX_PERIODS + 5}" in too_many[0].message_en


def _draft_data(make_draft, n: int) -> dict:
    data = make_draft().model_dump(mode="json")
    data["history"] = [data["history"][0]] * n
    return data


def test_the_draft_loader_accepts_the_maximum_and_refuses_one_more(make_draft, tmp_path):
    for n, accepted in ((MAX_PERIODS, True), (MAX_PERIODS + 1, False)):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps({"format": drafts.FORMAT, **_draft_data(make_draft, n)}), "utf-8")
        if accepted:
            assert len(drafts.load(path).history) == n
        else:
            with pytest.raises(drafts.DraftFileError) as error:
                drafts.load(path)
            assert error.value.code == "invalid_content"


def test_a_hand_off_code_obeys_the_same_limit_as_a_draft_file(make_draft):
    fits = ApplicationDraft.model_validate(_draft_data(make_draft, MAX_PERIODS))
    assert len(handoff.decode_text(handoff.encode(fits)).history) == MAX_PERIODS
    over = ApplicationDraft.model_validate(_draft_data(make_draft, 1))
    over.history.extend(over.history[0].model_copy() for _ in range(MAX_PERIODS))  # the decoder must refuse it
    with pytest.raises(handoff.HandoffError) as error:
        handoff.decode_text(handoff.encode(over))
    assert error.value.code == "invalid_content"


# -- the picture: what is counted twice, without making every pair ------------------------

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 24), st.sampled_from(["employee", "resident", "ncms"])),
    max_size=12,
)


@settings(max_examples=150)
@given(spans)
def test_lanes_mark_exactly_the_months_counted_twice_and_both_schemes_at_once(items):
    base = months.index("2010-01")
    history = [PeriodDraft(area_code="440300", scheme=s, start=months.from_index(base + a),
                           end=months.from_index(base + a + length), status="terminated")
               for a, length, s in items]
    picture = tl.layout(history)
    count: dict[tuple[Scheme, int], int] = {}
    for p in history:
        for month in range(months.index(p.start), months.index(p.end) + 1):
            count[(p.scheme.family, month)] = count.get((p.scheme.family, month), 0) + 1

    def months_of(stretches) -> set[int]:
        return {m for s in stretches for m in range(s.first, s.last + 1)}

    for lane in picture.lanes:
        assert months_of(lane.overlaps) == {m for (f, m), n in count.items() if f is lane.family and n >= 2}
    both = {m for (f, m) in count if f is Scheme.EMPLOYEE and (Scheme.RESIDENT, m) in count}
    assert months_of(picture.duplicates) == both
    # every overlapping pair of distinct periods is reported on both rows, up to the cap
    for row_findings in (tl.check_findings(picture), tl.partner_findings(picture)):
        per_row: dict[tuple, int] = {}  # row and kind (an overlap is an error, both schemes a warning)
        for f in row_findings:
            if f.code in OVERLAP_CODES:
                per_row[(f.path, f.severity)] = per_row.get((f.path, f.severity), 0) + 1
        assert all(n <= tl.MAX_LISTED + 1 for n in per_row.values())
