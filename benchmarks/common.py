"""Helpers shared by the benchmarks: honest summaries of repeated, noisy measurements.

On a shared machine one number says little: every figure is given as min / median / max of
repeated runs, and goals are judged on ratios against a baseline measured in the same run
(the same noise hits both). Child processes run with bytecode compiled, as an installed app
does (pip and PyInstaller compile it); a PYTHONDONTWRITEBYTECODE in the caller's environment
would otherwise make every child compile the app from source (~0.1 s each).
"""
from __future__ import annotations

import compileall
import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def spread(values, unit: str = "ms", digits: int = 0) -> str:
    """'median 123 ms (min 110, max 140, n=7)'."""
    values = list(values)
    if not values:
        return "no runs"
    f = f"{{:.{digits}f}}"
    return (f"median {f.format(statistics.median(values))} {unit} (min {f.format(min(values))}, "
            f"max {f.format(max(values))}, n={len(values)})")


def noise(values) -> float:
    """Max over min of repeated runs: 1.00 on a quiet machine, much more on a busy one."""
    values = [v for v in values if v > 0]
    return max(values) / min(values) if values else float("nan")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for timed child processes: bytecode on, the worktree's app first."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def compile_app() -> None:
    """Compile the app's modules once, so timed children load bytecode as an install does."""
    compileall.compile_dir(str(ROOT / "app"), quiet=1)


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cpus"
