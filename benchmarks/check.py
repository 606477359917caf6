#!/usr/bin/env python3
"""Time of a full `check()` of an application with 1, 20 and 200 history periods.

Prints medians of repeated in-process runs, and the same for a baseline in the same run
(pydantic validation of the draft alone) so the ratio survives a noisy machine.
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
from app.domain.application import ApplicationDraft, check  # noqa: E402
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


def median_ms(function, repeat: int) -> float:
    function()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    print(f"python {sys.version.split()[0]}, {sys.platform}")
    for n in (1, 20, 200):
        draft = with_periods(n)
        data = draft.model_dump(mode="json")
        full = median_ms(lambda: check(draft, TODAY), 50 if n < 200 else 30)
        base = median_ms(lambda: ApplicationDraft.model_validate(data), 50)
        findings = check(draft, TODAY).findings
        print(f"check, {n:>3} periods: {full:7.2f} ms median   "
              f"(baseline draft validation {base:6.2f} ms, ratio {full / base:5.1f}x, {len(findings)} findings)")


if __name__ == "__main__":
    main()
