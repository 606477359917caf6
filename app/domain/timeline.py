"""The insurance history as a picture: lanes of periods per scheme family, gaps, overlaps.

Owns: `layout(history)`, the Qt-free description the timeline widget paints (years shown,
one lane per scheme family with its bars, the months without any coverage, the months
counted twice), the findings about overlapping and repeated periods (the check's, on the
period that starts later, and the partner findings on the *other* row), the time-ordered
items of the text summary for screen readers, and the defaults of a period added after
another one.
Imports nothing from Qt or reportlab. Built on history.spans/overlaps/gaps, so the picture
and the check can never disagree about what overlaps.

Findings stay linear in the size of the history: a period entered several times is one
"repeated" finding with a count (not a finding per pair of copies), an overlap is reported
once per pair of *distinct* periods, and a row lists at most MAX_LISTED overlaps of a kind,
then "and N more" (等另外 N 处).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from app.domain import history as hist
from app.domain import months
from app.domain.enums import Scheme
from app.domain.findings import MESSAGES, Finding, make_finding
from app.domain.history import PeriodDraft

FAMILIES = (Scheme.EMPLOYEE, Scheme.RESIDENT)
MAX_LISTED = 3  # overlaps of one kind named on one row; the rest are counted ("and N more")


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


class Overlap(NamedTuple):
    """Two distinct periods sharing months; `earlier` starts first (or is first in the list).
    `count`: the pairs of rows it stands for when either period was entered several times.
    on_later / on_earlier: whether it is one of the MAX_LISTED overlaps named on that row."""

    earlier: int
    later: int
    first: int
    last: int
    same_family: bool  # True: the same months counted twice (error); False: duplicate enrolment
    count: int = 1
    on_later: bool = True
    on_earlier: bool = True


@dataclass(frozen=True, slots=True)
class More:
    """The overlaps of one kind on one row beyond the MAX_LISTED named ones: "and N more"."""

    row: int
    end: str                  # "start": the row is the later period; "end": the earlier one
    same_family: bool
    others: tuple[int, ...]   # the first MAX_LISTED of the other rows
    count: int                # how many there are in all


@dataclass(frozen=True, slots=True)
class Repeat:
    """One period entered several times, identical in every field: its rows, first one first."""

    rows: tuple[int, ...]
    scheme: Scheme
    first: int
    last: int


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
    overlaps: tuple[Overlap, ...]       # overlapping pairs of distinct periods named on a row
    duplicates: tuple[Stretch, ...]     # merged months enrolled in both families at once
    repeats: tuple[Repeat, ...] = ()    # periods entered more than once
    more: tuple[More, ...] = ()         # per row and kind: the overlaps beyond those named

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


def _identical(history: list[PeriodDraft], spans: list[hist.Span]) -> tuple[list[hist.Span], dict[int, tuple[int, ...]]]:
    """The drawable periods with copies left out (the first of each kept), and the rows of
    each period entered more than once, by its first row."""
    fields = tuple(PeriodDraft.model_fields)
    rows: dict[tuple, list[int]] = {}
    kept = []
    for span in spans:
        period = history[span.index]
        key = tuple(getattr(period, name) for name in fields)
        same = rows.setdefault(key, [])
        if not same:
            kept.append(span)
        same.append(span.index)
    return kept, {same[0]: tuple(same) for same in rows.values() if len(same) > 1}


def _covered_twice(spans: list[hist.Span]) -> list[tuple[int, int]]:
    """The months that two or more of `spans` cover (a sweep: no pairs are made)."""
    events = sorted([(s.first, 1) for s in spans] + [(s.last + 1, -1) for s in spans])
    result, depth, since = [], 0, 0
    for month, step in events:
        if depth >= 2 and depth + step < 2:
            result.append((since, month - 1))
        elif depth < 2 <= depth + step:
            since = month
        depth += step
    return result


def _both(a: tuple[Stretch, ...], b: tuple[Stretch, ...]) -> list[tuple[int, int]]:
    """The months in both sets of merged stretches."""
    result, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        first, last = max(a[i].first, b[j].first), min(a[i].last, b[j].last)
        if first <= last:
            result.append((first, last))
        if a[i].last < b[j].last:
            i += 1
        else:
            j += 1
    return result


def _named(distinct: list[hist.Span], copies: dict[int, tuple[int, ...]]) -> tuple[tuple[Overlap, ...], tuple[More, ...]]:
    """The overlaps of distinct periods: the first MAX_LISTED of a kind on each row as
    Overlap, the rest of each row counted as one More. The same pairs as hist.overlaps (a
    sweep over the periods sorted by start), but a pair past both rows' limits costs a
    counter, not an object: a full history of mutually overlapping periods has thousands."""
    family_of = {scheme: scheme.family for scheme in Scheme}
    active: dict[Scheme, list[hist.Span]] = {family: [] for family in FAMILIES}
    named: list[Overlap] = []
    rest: dict[tuple[int, str, bool], list] = {}  # (row, end, same) -> [count, first other rows]
    seen_as_earlier: dict[tuple[int, bool], int] = {}

    def count_rest(key: tuple[int, str, bool], others: list[hist.Span], total: int) -> None:
        entry = rest.setdefault(key, [0, []])
        entry[0] += total
        entry[1].extend(o.index for o in others[:MAX_LISTED - len(entry[1])])

    def pair(a: hist.Span, b: hist.Span, same: bool, on_later: bool, on_earlier: bool) -> None:
        count = len(copies.get(a.index, (a.index,))) * len(copies.get(b.index, (b.index,)))
        named.append(Overlap(a.index, b.index, b.first, min(a.last, b.last), same, count, on_later, on_earlier))

    for item in sorted(distinct, key=lambda s: (s.first, s.last, s.index)):
        family = family_of[item.scheme]
        for lane_family in FAMILIES:
            earlier = active[lane_family] = [a for a in active[lane_family] if a.last >= item.first]
            if not earlier:
                continue
            same = lane_family is family
            if len(earlier) > MAX_LISTED:
                count_rest((item.index, "start", same), earlier[MAX_LISTED:], len(earlier) - MAX_LISTED)
            for position, a in enumerate(earlier):
                key = (a.index, same)
                n = seen_as_earlier[key] = seen_as_earlier.get(key, 0) + 1
                on_later, on_earlier = position < MAX_LISTED, n <= MAX_LISTED
                if on_later or on_earlier:
                    pair(a, item, same, on_later, on_earlier)
                if not on_earlier:  # inline: this runs for nearly every pair of a long history
                    entry = rest.get((a.index, "end", same))
                    if entry is None:
                        entry = rest[(a.index, "end", same)] = [0, []]
                    entry[0] += 1
                    if len(entry[1]) < MAX_LISTED:
                        entry[1].append(item.index)
        active[family].append(item)
    more = tuple(More(row, end, same, tuple(others), count) for (row, end, same), (count, others) in rest.items())
    return tuple(named), more


def layout(history: list[PeriodDraft]) -> Timeline:
    """What to draw for a history. Periods without a readable start, end or scheme, or
    with the start after the end, are left out (their cells carry the finding)."""
    spans = hist.spans(history)
    distinct, copies = _identical(history, spans)
    overlaps, more = _named(distinct, copies)
    repeats = tuple(Repeat(copies[s.index], s.scheme, s.first, s.last) for s in distinct if s.index in copies)
    ordered = sorted(spans, key=lambda s: (s.first, s.last, s.index))
    lanes = []
    for family in FAMILIES:
        members = [s for s in ordered if (s.scheme is Scheme.EMPLOYEE) is (family is Scheme.EMPLOYEE)]
        segments = tuple(
            Segment(s.index, s.scheme, s.first, s.last, s.area_code, history[s.index].area_name or "")
            for s in members
        )
        lanes.append(Lane(family, segments, _merged(_covered_twice(members))))
    covered = [_merged([(s.first, s.last) for s in lane.segments]) for lane in lanes]
    duplicates = _merged(_both(*covered))
    gaps = tuple(Stretch(first, last) for first, last in hist.gaps(spans))
    first_year = min((s.first for s in spans), default=None)
    last_year = max((s.last for s in spans), default=None)
    return Timeline(
        None if first_year is None else first_year // 12,
        None if last_year is None else last_year // 12,
        tuple(lanes), gaps, overlaps, duplicates, repeats, more,
    )


def rows_text(rows: list[int] | tuple[int, ...], more: int = 0) -> dict[str, str]:
    """Rows (0-based) as a message names them, at most MAX_LISTED, then "and N more":
    {"rows": "第 2、3、4 段等另外 996 处", "rows_en": "periods 2, 3, 4 and 996 more"}."""
    shown = [str(row + 1) for row in rows[:MAX_LISTED]]
    more += max(0, len(rows) - MAX_LISTED)
    zh = f"第 {'、'.join(shown)} 段" + (f"等另外 {more} 处" if more else "")
    en = ("period " if len(shown) == 1 and not more else "periods ") + ", ".join(shown) + (f" and {more} more" if more else "")
    return {"rows": zh, "rows_en": en}


def _repeats_ctx(count: int) -> dict[str, str]:
    if count <= 1:
        return {"repeats": "", "repeats_en": ""}
    return {"repeats": f"（连同重复填写的记录共 {count} 处）", "repeats_en": f" ({count} places, counting repeated periods)"}


def _overlap_findings(timeline: Timeline, end: str) -> list[Finding]:
    """The overlap findings of the rows on one side: "start", the later period's (the
    check's), or "end", the earlier one's (the partner findings); at most MAX_LISTED named
    per row and kind, then one "and N more"."""
    found = []
    for overlap in timeline.overlaps:
        if not (overlap.on_later if end == "start" else overlap.on_earlier):
            continue
        row, other = (overlap.later, overlap.earlier) if end == "start" else (overlap.earlier, overlap.later)
        code = "history_overlap" if overlap.same_family else "history_duplicate_enrolment"
        ctx = {"other": other + 1, "first": months.from_index(overlap.first),
               "last": months.from_index(overlap.last), **_repeats_ctx(overlap.count)}
        found.append(make_finding(code, f"history.{row}.{end}", ctx))
    for more in timeline.more:
        if more.end == end:
            code = "history_overlap" if more.same_family else "history_duplicate_enrolment"
            ctx = rows_text(more.others, more.count - len(more.others))
            # "and N more" weighs as much as what it stands for
            found.append(make_finding("history_overlap_more", f"history.{more.row}.{end}", ctx,
                                      severity=MESSAGES[code][0]))
    return found


def check_findings(timeline: Timeline) -> list[Finding]:
    """The check's findings about overlaps and repeats: an overlap on the start of the
    period that starts later; a repeated period once, on its first copy."""
    found = []
    for repeat in timeline.repeats:
        first, *extra = repeat.rows
        ctx = {"first": first + 1, "count": len(repeat.rows), "extra": len(extra), **rows_text(extra)}
        found.append(make_finding("history_repeated", f"history.{extra[0]}.start", ctx))
    return found + _overlap_findings(timeline, "start")


def partner_findings(timeline: Timeline) -> list[Finding]:
    """Findings for the period an overlap check does not mark: the check puts its finding
    on the start of the period that starts later; this puts the same message, naming the
    other period, on the end of the one that starts first, so both rows show it."""
    return _overlap_findings(timeline, "end")


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
