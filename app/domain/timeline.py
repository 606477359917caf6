"""The insurance history as a picture: lanes of periods per scheme family, gaps, overlaps.

Owns: `layout(history)`, the Qt-free description the timeline widget paints (years shown,
one lane per scheme family with its bars, the months without any coverage, the months
counted twice), the findings that mark the *other* row of an overlap (the check marks the
period that starts later), the time-ordered items of the text summary for screen readers,
and the defaults of a period added after another one.
Imports nothing from Qt or reportlab. Built on history.spans/overlaps/gaps, so the picture
and the check can never disagree about what overlaps.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain import history as hist
from app.domain import months
from app.domain.enums import Scheme
from app.domain.findings import Finding, make_finding
from app.domain.history import PeriodDraft

FAMILIES = (Scheme.EMPLOYEE, Scheme.RESIDENT)


@dataclass(frozen=True, slots=True)
class Stretch:
    """Months first..last (month indexes, both included)."""

    first: int
    last: int

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def start(self) -> str:
        return months.from_index(self.first)

    @property
    def end(self) -> str:
        return months.from_index(self.last)


@dataclass(frozen=True, slots=True)
class Segment:
    """One bar: a readable period of the history list (row = its index in the list)."""

    row: int
    scheme: Scheme
    first: int
    last: int
    area_code: str
    area_name: str

    @property
    def start(self) -> str:
        return months.from_index(self.first)

    @property
    def end(self) -> str:
        return months.from_index(self.last)


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two periods sharing months; `earlier` starts first (or is first in the list)."""

    earlier: int
    later: int
    first: int
    last: int
    same_family: bool  # True: the same months counted twice (error); False: duplicate enrolment


@dataclass(frozen=True, slots=True)
class Lane:
    family: Scheme
    segments: tuple[Segment, ...]       # sorted by start
    overlaps: tuple[Stretch, ...]       # merged months counted twice within this lane


@dataclass(frozen=True, slots=True)
class Timeline:
    first_year: int | None              # None when no period can be drawn
    last_year: int | None
    lanes: tuple[Lane, ...]             # always one per family, employee first
    gaps: tuple[Stretch, ...]           # months with no coverage at all, between periods
    overlaps: tuple[Overlap, ...]       # every overlapping pair
    duplicates: tuple[Stretch, ...]     # merged months enrolled in both families at once

    @property
    def years(self) -> range:
        if self.first_year is None or self.last_year is None:
            return range(0)
        return range(self.first_year, self.last_year + 1)

    @property
    def empty(self) -> bool:
        return not any(lane.segments for lane in self.lanes)

    def lane(self, family: Scheme) -> Lane:
        return next(lane for lane in self.lanes if lane.family is family.family)


def _merged(stretches: list[tuple[int, int]]) -> tuple[Stretch, ...]:
    result: list[list[int]] = []
    for first, last in sorted(stretches):
        if result and first <= result[-1][1] + 1:
            result[-1][1] = max(result[-1][1], last)
        else:
            result.append([first, last])
    return tuple(Stretch(first, last) for first, last in result)


def layout(history: list[PeriodDraft]) -> Timeline:
    """What to draw for a history. Periods without a readable start, end or scheme, or
    with the start after the end, are left out (their cells carry the finding)."""
    spans = hist.spans(history)
    pairs = hist.overlaps(spans)
    overlaps = tuple(
        Overlap(a.index, b.index, first, last, a.scheme.family is b.scheme.family) for a, b, first, last in pairs
    )
    ordered = sorted(spans, key=lambda s: (s.first, s.last, s.index))
    lanes = []
    for family in FAMILIES:
        segments = tuple(
            Segment(s.index, s.scheme, s.first, s.last, s.area_code, history[s.index].area_name or "")
            for s in ordered if (s.scheme is Scheme.EMPLOYEE) is (family is Scheme.EMPLOYEE)
        )
        twice = [(o.first, o.last) for o in overlaps
                 if o.same_family and history[o.earlier].scheme.family is family]
        lanes.append(Lane(family, segments, _merged(twice)))
    duplicates = _merged([(o.first, o.last) for o in overlaps if not o.same_family])
    gaps = tuple(Stretch(first, last) for first, last in hist.gaps(spans))
    first_year = min((s.first for s in spans), default=None)
    last_year = max((s.last for s in spans), default=None)
    return Timeline(
        None if first_year is None else first_year // 12,
        None if last_year is None else last_year // 12,
        tuple(lanes), gaps, overlaps, duplicates,
    )


def partner_findings(timeline: Timeline) -> list[Finding]:
    """Findings for the period an overlap check does not mark: the check puts its finding
    on the start of the period that starts later; this puts the same message, naming the
    other period, on the end of the one that starts first, so both rows show it."""
    found = []
    for overlap in timeline.overlaps:
        code = "history_overlap" if overlap.same_family else "history_duplicate_enrolment"
        ctx = {"other": overlap.later + 1, "first": months.from_index(overlap.first),
               "last": months.from_index(overlap.last)}
        found.append(make_finding(code, f"history.{overlap.earlier}.end", ctx))
    return found


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of the text summary: kind is "period", "gap" or "overlap"."""

    kind: str
    first: int
    last: int
    segment: Segment | None = None
    overlap: Overlap | None = None


def summary_items(timeline: Timeline) -> list[Item]:
    """Periods, gaps and overlaps in time order (ties: periods, then gaps, then overlaps)."""
    items = [Item("period", s.first, s.last, segment=s) for lane in timeline.lanes for s in lane.segments]
    items += [Item("gap", g.first, g.last) for g in timeline.gaps]
    items += [Item("overlap", o.first, o.last, overlap=o) for o in timeline.overlaps]
    rank = {"period": 0, "gap": 1, "overlap": 2}
    items.sort(key=lambda i: (i.first, rank[i.kind], i.last, i.segment.row if i.segment else 0))
    return items


def period_after(previous: PeriodDraft | None, keep_employer: bool = False) -> PeriodDraft:
    """A new period to follow `previous`: same area and scheme, starting the month after it
    ended. With keep_employer (the "copy" action) the employer and status come along too.
    Amounts and month counts belong to one period and are never copied."""
    if previous is None:
        return PeriodDraft()
    last = months.try_month(previous.end)
    values = {
        "area_code": previous.area_code,
        "area_name": previous.area_name,
        "scheme": previous.scheme,
        "start": None if last is None else months.from_index(last + 1),
    }
    if keep_employer:
        values.update(employer_name=previous.employer_name, employer_uscc=previous.employer_uscc,
                      status=previous.status)
    return PeriodDraft(**values)
