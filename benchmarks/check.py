#!/usr/bin/env python3
"""Time of a full `check()` of an application with 1, 20 and MAX_PERIODS history periods, and
of the largest history the app accepts in its worst shapes: one period entered MAX_PERIODS
times (what a 414-character hand-off code once expanded to), and MAX_PERIODS distinct
periods that all overlap each other.

Prints medians of repeated in-process runs, and the same for a baseline in the same run
(pydantic validation of the draft alone) so the ratio survives a noisy machine; for the
largest history also the CPU time (a busy machine stretches the wall clock, not the work).
Measures; asserts nothing. Run: .venv/bin/python benchmarks/check.py
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.storage import drafts  # noqa: E402
from app.domain.application import MAX_PERIODS, ApplicationDraft, check  # noqa: E402
from app.domain.idnumbers import make_uscc  # noqa: E402
from app.domain.months import from_index, index  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "01-employee-job-change-cross-province.json"
TODAY = date(2026, 11, 23)


def with_periods(n: int) -> ApplicationDraft:
    """The example with its history replaced by n consecutive two-month periods ending before
    the stop, each with its own employer and credit code (no cache helps across periods)."""
    draft = drafts.load(EXAMPLE)
    template = draft.history[-1]
    last = index("2026-06")
    periods = []
    for i in range(n):
        end = last - 2 * (n - 1 - i)
        periods.append(template.model_copy(update={
            "start": from_index(end - 1), "end": from_index(end), "account_balance": None, "months_paid": None,
            "employer_name": f"示例单位第{i + 1}号有限公司", "employer_uscc": make_uscc(f"91440300MA5F{i:04d}0"),
        }))
    draft.history = periods
    return draft


def median_ms(function, repeat: int, clock=time.perf_counter) -> float:
    function()  # warm-up
    samples = []
    for _ in range(repeat):
        start = clock()
        function()
        samples.append((clock() - start) * 1000)
    return statistics.median(samples)


def largest(shape: str) -> ApplicationDraft:
    """MAX_PERIODS periods: "identical" (one period entered again and again) or "nested"
    (distinct periods, each starting a month after the previous, all ending together)."""
    draft = with_periods(MAX_PERIODS)
    if shape == "identical":
        draft.history = [draft.history[-1].model_copy() for _ in range(MAX_PERIODS)]
    else:
        draft.history = [p.model_copy(update={"start": from_index(index("2000-01") + i)})
                         for i, p in enumerate(draft.history)]
    return draft


def main() -> None:
    print(f"python {sys.version.split()[0]}, {sys.platform}")
    for n in (1, 20, MAX_PERIODS):
        draft = with_periods(n)
        data = draft.model_dump(mode="json")
        full = median_ms(lambda: check(draft, TODAY), 50 if n < MAX_PERIODS else 30)
        base = median_ms(lambda: ApplicationDraft.model_validate(data), 50)
        findings = check(draft, TODAY).findings
        print(f"check, {n:>3} periods: {full:7.2f} ms median   "
              f"(baseline draft validation {base:6.2f} ms, ratio {full / base:5.1f}x, {len(findings)} findings)")
    for shape in ("identical", "nested"):
        draft = largest(shape)
        wall = median_ms(lambda: check(draft, TODAY), 30)
        cpu = median_ms(lambda: check(draft, TODAY), 30, time.process_time)
        findings = check(draft, TODAY).findings
        print(f"check, {MAX_PERIODS} periods (the maximum), {shape:>9}: {wall:7.2f} ms median, "
              f"CPU {cpu:6.2f} ms ({len(findings)} findings)")


if __name__ == "__main__":
    main()
