#!/usr/bin/env python3
"""Runs every benchmark in benchmarks/ and writes docs/performance.md.

    .venv/bin/python tools/perf_report.py [--render-runs 10] [--process-runs 5] [--startup-runs 7]
                                          [--batch-count 1000] [--output docs/performance.md]
    python3 tools/dev.py perf [same options]

The benchmarks run one after another, each in its own process, so they do not compete with
each other (other work on the machine still counts: the load average at the start and the end
is in the report, and in-process figures are also given as CPU time where the benchmark
measures it). Every figure is the median the benchmark prints; this script only reads their
output, so what the report says can be checked in the raw output at its end. Measures;
asserts nothing; commits nothing.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


@dataclass
class Result:
    name: str
    command: list[str]
    seconds: float = 0.0
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    figures: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


# ------------------------------------------------------------------ the machine


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _version_of(python: str, distribution: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({distribution!r}))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return result.stdout.strip() or "not installed"


def machine(python: str) -> dict[str, str]:
    cpuinfo = _read("/proc/cpuinfo")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    os_name = re.search(r'^PRETTY_NAME="?([^"\n]+)', _read("/etc/os-release"), re.M)
    python_version = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                    capture_output=True, text=True).stdout.strip()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    soffice_version = "not installed"
    if soffice:
        try:
            out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout
            soffice_version = out.strip().splitlines()[0] if out.strip() else soffice
        except (OSError, subprocess.SubprocessError):
            soffice_version = soffice
    return {
        "CPU": model.group(1).strip() if model else platform.processor() or platform.machine(),
        "Cores (logical)": str(os.cpu_count()),
        "Memory": f"{int(meminfo.group(1)) / 1024 / 1024:.1f} GiB" if meminfo else "unknown",
        "OS": f"{os_name.group(1) if os_name else platform.system()} (kernel {platform.release()}, {platform.machine()})",
        "Python": python_version,
        "PySide6": _version_of(python, "PySide6-Essentials"),
        "reportlab": _version_of(python, "reportlab"),
        "pydantic": _version_of(python, "pydantic"),
        "LibreOffice": soffice_version,
    }


# ------------------------------------------------------------------ running and reading


def run(name: str, args: list[str], python: str, timeout: float) -> Result:
    script = BENCHMARKS / name
    result = Result(name, [python, str(script.relative_to(ROOT)), *args])
    if not script.exists():
        result.stderr = f"{script.relative_to(ROOT)} not found"
        return result
    print(f"running {name} {' '.join(args)} ...", flush=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    try:
        done = subprocess.run([python, str(script), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout)
        result.returncode, result.stdout, result.stderr = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        result.stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        result.stderr = f"timed out after {timeout:.0f} s"
    result.seconds = time.perf_counter() - started
    print(f"  {'done' if result.ok else 'FAILED'} in {result.seconds:.0f} s", flush=True)
    return result


NUM = r"([\d.]+)"


def read_check(result: Result) -> None:
    for n, full, base, ratio in re.findall(
            rf"check,\s+(\d+) periods:\s+{NUM} ms median\s+\(baseline draft validation\s+{NUM} ms, ratio\s+{NUM}x",
            result.stdout):
        result.figures[int(n)] = {"ms": float(full), "baseline_ms": float(base), "ratio": float(ratio)}


def _section(text: str, title: str) -> str:
    start = text.find(title)
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def read_render(result: Result) -> None:
    text = result.stdout
    rows = {}
    for line in _section(text, "## In process").splitlines():
        m = re.match(rf"^(\S+)\s+{NUM}\s+{NUM}\s+{NUM}\s+{NUM}\s+(\d+)\s+(.*)$", line)
        if m:
            sizes = dict((k, float(v)) for k, v in re.findall(r"(\w+)=([\d.]+)", m.group(7)))
            rows[m.group(1)] = {"packet_ms": float(m.group(2)), "packet_cpu": float(m.group(3)),
                                "all_ms": float(m.group(4)), "all_cpu": float(m.group(5)),
                                "pages": int(m.group(6)), "sizes_kb": sizes}
    result.figures["in_process"] = rows
    runs = re.search(r"## In process \(median of (\d+)", text)
    result.figures["runs"] = int(runs.group(1)) if runs else None
    peak = re.search(rf"peak memory: tracemalloc {NUM} MiB.*?ru_maxrss {NUM} MiB", text)
    if peak:
        result.figures["tracemalloc_mib"], result.figures["rss_mib"] = float(peak.group(1)), float(peak.group(2))
    process = {}
    for line in _section(text, "## Whole process").splitlines():
        m = re.match(rf"^(\S+)\s+{NUM} s wall\s+{NUM} s cpu", line)
        if m:
            process[m.group(1)] = {"wall_s": float(m.group(2)), "cpu_s": float(m.group(3))}
    result.figures["process"] = process
    children = re.search(rf"children ru_maxrss {NUM} MiB", text)
    result.figures["children_rss_mib"] = float(children.group(1)) if children else None
    office = {}
    lo = _section(text, "## LibreOffice")
    for line in lo.splitlines():
        m = re.match(rf"^(\S+)\s+{NUM}\s+{NUM}\s+{NUM}x\s+{NUM}\s+{NUM}\s+{NUM}$", line)
        if m:
            office[m.group(1)] = {"soffice_s": float(m.group(2)), "ours_s": float(m.group(3)),
                                  "ratio": float(m.group(4)), "in_process_ms": float(m.group(5)),
                                  "soffice_kb": float(m.group(6)), "ours_kb": float(m.group(7))}
    result.figures["libreoffice"] = office
    result.figures["libreoffice_note"] = "" if office else (lo.splitlines()[1].strip() if lo.count("\n") else "")
    m = re.search(rf"bare QWizard first paint in the same rounds: median {NUM} ms \(min {NUM}, max {NUM}", text)
    if m:
        result.figures["bare_ms"] = float(m.group(1))
    m = re.search(rf"whole-process render worst: {NUM} s", text)
    result.figures["process_worst_s"] = float(m.group(1)) if m else None
    result.figures["goals"] = [line for line in _section(text, "## Goals").splitlines()[1:] if line.strip()]


def read_startup(result: Result) -> None:
    text, f = result.stdout, result.figures
    m = re.search(rf"start-up to first page, median of (\d+): bare QWizard {NUM} ms, app {NUM} ms", text)
    if m:
        f["runs"], f["bare_ms"], f["app_ms"] = int(m.group(1)), float(m.group(2)), float(m.group(3))
    m = re.search(rf"every page made, median {NUM} ms = {NUM}x", text)
    f["ready_ms"], f["ready_ratio"] = (float(m.group(1)), float(m.group(2))) if m else (None, None)
    for key, label in (("bare_spread", "bare QWizard first paint"), ("app_spread", "app first paint")):
        m = re.search(rf"{label}:\s+median {NUM} ms \(min {NUM}, max {NUM}", text)
        f[key] = tuple(float(x) for x in m.groups()) if m else None
    m = re.search(rf"app / bare per round.*?median {NUM} x \(min {NUM}, max {NUM}", text)
    f["pair_ratio"] = tuple(float(x) for x in m.groups()) if m else None
    m = re.search(rf"startup ratio: {NUM}", text)
    f["ratio"] = float(m.group(1)) if m else None
    for key, label in (("key_identity", "identity phone"), ("key_history", "history cell")):
        m = re.search(rf"keystroke -> inline message, {label}, (\d+) periods: median {NUM} ms, max {NUM} ms \(n=(\d+)\)",
                      text)
        if m:
            f[key] = {"periods": int(m.group(1)), "median_ms": float(m.group(2)), "max_ms": float(m.group(3)),
                      "n": int(m.group(4))}
    m = re.search(rf"debounced full check \+ every page's messages, (\d+) periods: median {NUM} ms", text)
    if m:
        f["full_check"] = {"periods": int(m.group(1)), "median_ms": float(m.group(2))}
    m = re.search(rf"^peak memory: {NUM} MB", text, re.M)
    f["gui_rss_mb"] = float(m.group(1)) if m else None


def read_batch(result: Result) -> None:
    text, f = result.stdout, result.figures
    patterns = {
        "count": r"drafts: (\d+)",
        "total_wall_s": rf"batch total: {NUM} s wall",
        "total_cpu_s": rf"batch total: {NUM} s wall, {NUM} s cpu",
        "per_second": rf"packets per second: {NUM}",
        "per_cpu_second": rf"per cpu-second {NUM}",
        "median_ms": rf"median per packet: {NUM} ms wall",
        "median_cpu_ms": rf"median per packet: {NUM} ms wall, {NUM} ms cpu",
        "check_ms": rf"of which check {NUM} ms",
        "packet_kb": rf"combined packet PDF: median {NUM} KB",
        "qr_with_ms": rf"median cpu per packet {NUM} ms with",
        "qr_without_ms": rf"QR code, {NUM} ms without",
    }
    for key, pattern in patterns.items():
        m = re.search(pattern, text)
        if m:
            f[key] = float(m.groups()[-1])


# ------------------------------------------------------------------ the report


def _fmt(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{unit}"


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _verdict(value, goal, lower_is_better: bool = True) -> str:
    if value is None or goal is None:
        return ""
    return "met" if (value <= goal if lower_is_better else value >= goal) else "**not met**"


def summary_rows(results: dict[str, Result]) -> list[tuple[str, str, str, str]]:
    """(figure, median, goal, verdict)."""
    rows = []
    s = results["startup.py"].figures
    spread_ = lambda t: f" (min {t[1]:.0f}, max {t[2]:.0f})" if t else ""  # noqa: E731
    rows.append(("Start-up to first page: app / bare QWizard (ratio of the medians)",
                 f"{_fmt(s.get('app_ms'), ' ms')}{spread_(s.get('app_spread'))} / {_fmt(s.get('bare_ms'), ' ms')}"
                 f"{spread_(s.get('bare_spread'))} ({_fmt(s.get('ratio'), '', 2)})",
                 "ratio ≤ 1.3", _verdict(s.get("ratio"), 1.3)))
    if s.get("pair_ratio"):
        rows.append(("Start-up ratio per round (app and bare spawned back to back): median (min, max)",
                     f"{s['pair_ratio'][0]:.2f} ({s['pair_ratio'][1]:.2f}, {s['pair_ratio'][2]:.2f})", "", ""))
    rows.append(("Start-up until every page exists (× the bare QWizard's first paint)",
                 f"{_fmt(s.get('ready_ms'), ' ms')} ({_fmt(s.get('ready_ratio'), '×', 2)})", "≤ 2.5×",
                 _verdict(s.get("ready_ratio"), 2.5)))
    r = results["render.py"].figures
    examples = {k: v for k, v in r.get("in_process", {}).items() if k != "200-period-history"}
    long = r.get("in_process", {}).get("200-period-history", {})
    packet_cpu = _median(v["packet_cpu"] for v in examples.values())
    rows.append(("Packet render in process (combined PDF), examples: wall / CPU",
                 f"{_fmt(_median(v['packet_ms'] for v in examples.values()), ' ms')} / {_fmt(packet_cpu, ' ms')}",
                 "≤ 60 ms", _verdict(packet_cpu, 60)))
    all_cpu = _median(v["all_cpu"] for v in examples.values())
    rows.append(("Every PDF of a packet in process (render_packet), examples: wall / CPU",
                 f"{_fmt(_median(v['all_ms'] for v in examples.values()), ' ms')} / {_fmt(all_cpu, ' ms')}", "", ""))
    rows.append(("Packet render in process, 200-period history: wall / CPU",
                 f"{_fmt(long.get('packet_ms'), ' ms')} / {_fmt(long.get('packet_cpu'), ' ms')}", "≤ 60 ms",
                 _verdict(long.get("packet_cpu"), 60)))
    long_kb = long.get("sizes_kb", {}).get("packet")
    rows.append(("Combined packet PDF, 200-period history", _fmt(long_kb, " KiB"), "≤ 150 kB (146.5 KiB)",
                 _verdict(long_kb * 1.024 if long_kb is not None else None, 150)))
    process = {k: v for k, v in r.get("process", {}).items() if k != "200-period-history"}
    process_cpu = _median(v["cpu_s"] for v in process.values())
    rows.append(("Whole process `python -m app render`, examples: wall / CPU",
                 f"{_fmt(_median(v['wall_s'] for v in process.values()), ' s', 2)} / {_fmt(process_cpu, ' s', 2)}",
                 "", ""))
    worst, bare = r.get("process_worst_s"), r.get("bare_ms")
    rows.append(("Whole-process render, worst case (median wall) / × bare QWizard first paint, same run",
                 f"{_fmt(worst, ' s', 2)} / {_fmt(worst / bare * 1000 if worst and bare else None, '×', 2)}",
                 "≤ 0.40 s and ≤ 3×",
                 _verdict(worst, 0.40) if _verdict(worst, 0.40) != "met" or not bare
                 else _verdict(worst / bare * 1000, 3.0)))
    office = r.get("libreoffice", {})
    if office:
        rows.append(("Medical application: LibreOffice (filled Writer template → PDF) / ours, whole process",
                     f"{_fmt(_median(v['soffice_s'] for v in office.values()), ' s', 2)} / "
                     f"{_fmt(_median(v['ours_s'] for v in office.values()), ' s', 2)} "
                     f"(soffice / ours = {_fmt(_median(v['ratio'] for v in office.values()), '×', 1)})", "", ""))
    else:
        rows.append(("LibreOffice comparison", r.get("libreoffice_note") or "not run", "", ""))
    c = results["check.py"].figures
    for n in (1, 20, 200):
        value = c.get(n, {}).get("ms")
        rows.append((f"check(), {n} period{'s' if n > 1 else ''}", _fmt(value, " ms", 2), "", ""))
    for key, label in (("key_identity", "identity phone"), ("key_history", "history cell")):
        k = s.get(key)
        rows.append((f"Keystroke → inline message, {label} ({k['periods'] if k else '?'} periods)",
                     f"{_fmt(k and k['median_ms'], ' ms', 2)} (max {_fmt(k and k['max_ms'], ' ms', 1)})",
                     "≤ 16 ms", _verdict(k and k["median_ms"], 16)))
    full = s.get("full_check")
    if full:
        rows.append((f"Debounced full check + messages, GUI stall ({full['periods']} periods)",
                     _fmt(full["median_ms"], " ms", 1), "≤ 16 ms", _verdict(full["median_ms"], 16)))
    rows.append(("Peak memory, GUI after every page and the preview (ru_maxrss)", _fmt(s.get("gui_rss_mb"), " MB"),
                 "≤ 150 MB", _verdict(s.get("gui_rss_mb"), 150)))
    rows.append(("Peak memory, one 200-period render (tracemalloc) / render benchmark process (ru_maxrss)",
                 f"{_fmt(r.get('tracemalloc_mib'), ' MiB', 1)} / {_fmt(r.get('rss_mib'), ' MiB')}", "", ""))
    sizes = [v["sizes_kb"].get("packet") for v in examples.values()]
    biggest = max((max(v["sizes_kb"].values()) for v in r.get("in_process", {}).values() if v["sizes_kb"]),
                  default=None)
    rows.append(("PDF size: combined packet, examples (median) / largest PDF of any case",
                 f"{_fmt(_median(sizes), ' KiB')} / {_fmt(biggest, ' KiB')}", "≤ 150 kB (146.5 KiB)",
                 _verdict(biggest * 1.024 if biggest is not None else None, 150)))
    b = results["batch.py"].figures
    rows.append((f"Batch: {int(b['count']) if b.get('count') else '?'} drafts, check + render each, in process",
                 f"{_fmt(b.get('per_second'), ' packets/s', 2)} ({_fmt(b.get('per_cpu_second'), ' per CPU-second', 2)})",
                 "≥ 25 per s", _verdict(b.get("per_cpu_second"), 25, lower_is_better=False)))
    rows.append(("Batch: median per packet, wall / CPU",
                 f"{_fmt(b.get('median_ms'), ' ms')} / {_fmt(b.get('median_cpu_ms'), ' ms')}", "", ""))
    if b.get("qr_with_ms") is not None:
        rows.append(("Batch: CPU per packet with / without the guide's QR code",
                     f"{_fmt(b.get('qr_with_ms'), ' ms')} / {_fmt(b.get('qr_without_ms'), ' ms')}", "", ""))
    return rows


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_report(path: Path, info: dict, results: dict[str, Result], load_start, load_end, started: str,
                 elapsed: float, options: str, note: str = "") -> None:
    out = [
        "# Performance",
        "",
        f"Generated by `tools/perf_report.py` ({options}) on {started}, in {elapsed / 60:.0f} min. "
        "Do not edit by hand: run `python3 tools/dev.py perf` again. Every figure is a median of repeated runs "
        "(the number of runs is given with each benchmark below); wall-clock times count the time other programs "
        "had the CPU, CPU times do not, so on a busy machine compare CPU times.",
        "",
    ]
    busy = max(load_start[0], load_end[0]) > 0.5 * (os.cpu_count() or 1)
    if note or busy:
        out += [f"**Machine state:** {note or ''}{' ' if note else ''}"
                + (f"The load average was {load_start[0]:.2f} at the start and {load_end[0]:.2f} at the end on "
                   f"{os.cpu_count()} cores: other programs shared the CPU, so wall-clock times are inflated and "
                   "noisy; ratios to a baseline measured in the same run (start-up, whole-process render) and CPU "
                   "times are the figures to trust." if busy else ""), ""]
    out += [
        "## Machine",
        "",
        _table(["", ""], [[k, v] for k, v in info.items()] + [
            ["Load average (1, 5, 15 min) at the start", " ".join(f"{x:.2f}" for x in load_start)],
            ["Load average at the end", " ".join(f"{x:.2f}" for x in load_end)],
        ]),
        "",
        "## Key figures",
        "",
        _table(["Figure", "Median", "Goal", ""], [list(row) for row in summary_rows(results)]),
        "",
    ]
    r = results["render.py"].figures
    if r.get("in_process"):
        out += ["## Packet rendering per case", "",
                f"In process: median of {r.get('runs')} runs after warm-up; `packet` = build_packet + layout + the "
                "combined PDF; `all` = build_packet + render_packet (each document's PDF and the combined one, as the "
                "CLI writes them). Whole process: `python -m app render DRAFT -o DIR`.", ""]
        rows = []
        for name, v in r["in_process"].items():
            p = r.get("process", {}).get(name, {})
            rows.append([name, f"{v['packet_ms']:.0f} / {v['packet_cpu']:.0f}", f"{v['all_ms']:.0f} / {v['all_cpu']:.0f}",
                         f"{p.get('wall_s', float('nan')):.2f} / {p.get('cpu_s', float('nan')):.2f}", v["pages"],
                         f"{v['sizes_kb'].get('packet', 0):.0f}", f"{max(v['sizes_kb'].values()):.0f}"])
        out += [_table(["Case", "packet ms (wall / CPU)", "all ms (wall / CPU)", "process s (wall / CPU)",
                        "pages", "packet KiB", "largest PDF KiB"], rows), ""]
        if r.get("libreoffice"):
            out += ["LibreOffice, like for like: the medical application as a Writer template "
                    "(benchmarks/office/medical_application.fodt) filled by mail merge with the same data and converted "
                    "with `soffice --headless --convert-to pdf` (after a warm-up, in the same rounds as ours), against our "
                    "whole-process `render --only medical_application` and our in-process layout + PDF of that form:", ""]
            out += [_table(["Case", "soffice s", "ours s (process)", "soffice / ours", "ours in process ms",
                            "soffice KiB", "ours KiB"],
                           [[n, f"{v['soffice_s']:.2f}", f"{v['ours_s']:.2f}", f"{v['ratio']:.1f}×",
                             f"{v['in_process_ms']:.0f}", f"{v['soffice_kb']:.0f}", f"{v['ours_kb']:.0f}"]
                            for n, v in r["libreoffice"].items()]), ""]
        if r.get("goals"):
            out += ["The render benchmark's own verdicts:", ""] + [f"- {g}" for g in r["goals"]] + [""]
    c = results["check.py"].figures
    if c:
        out += ["## Checking", "", "`check()` of example 01 with its history replaced by n two-month periods (each "
                "its own employer), against pydantic validation of the same draft alone:", "",
                _table(["Periods", "check ms", "validation only ms", "ratio"],
                       [[n, f"{v['ms']:.2f}", f"{v['baseline_ms']:.2f}", f"{v['ratio']:.1f}×"] for n, v in c.items()]),
                ""]
    out += ["## Notes", "",
            "- Start-up: the app and a bare QWizard with one page are spawned alternately, headless; each reports "
            "the first paint of its first page; the goals are ratios of the medians of the same run, and every "
            "figure has its min / max in the raw output. Keystroke latency: a key typed into a field of a "
            "200-period draft until its inline message changed and the resulting paint was processed.",
            "- Whole-process render: each round spawns a bare QWizard first (its first paint is the baseline of the "
            "ratio goal), then `python -m app render` for every case; child processes load compiled bytecode, as "
            "an installed app does.",
            "- LibreOffice is installed for the render benchmark only (`benchmarks/render.py --setup`); it converts "
            "the medical application as a Writer template filled with the same data, the way offices fill forms "
            "today, set in the same bundled font.",
            "- Batch: drafts varied from the seven examples (names, phones, addresses, employers), each checked, "
            "completed, font-checked and rendered (every PDF in memory) one after another in one process.",
            "- Crash safety and fuzzing are not timed here: see tests/test_crash_safety.py and tools/fuzz.py.",
            ""]
    out += ["## Raw output", ""]
    for name, result in results.items():
        status = "ok" if result.ok else f"FAILED (exit {result.returncode})"
        out += [f"<details><summary>{name}: {status}, {result.seconds:.0f} s — "
                f"<code>{' '.join(result.command[1:])}</code></summary>", "", "```", result.stdout.rstrip()]
        if not result.ok and result.stderr.strip():
            out += ["--- stderr (end) ---", result.stderr.rstrip()[-3000:]]
        out += ["```", "", "</details>", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render-runs", type=int, default=10)
    parser.add_argument("--process-runs", type=int, default=5)
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--batch-count", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs the benchmarks")
    parser.add_argument("--note", default="", help="a sentence on the machine's state, printed under the header")
    args = parser.parse_args()

    started = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load_start = os.getloadavg()
    t0 = time.perf_counter()
    info = machine(args.python)
    plan = [
        ("check.py", [], read_check, 900),
        ("render.py", ["--runs", str(args.render_runs), "--process-runs", str(args.process_runs)], read_render, 7200),
        ("startup.py", ["--runs", str(args.startup_runs)], read_startup, 1800),
        ("batch.py", ["--count", str(args.batch_count)], read_batch, 14400),
    ]
    results = {}
    for name, extra, reader, timeout in plan:
        result = run(name, extra, args.python, timeout)
        try:
            reader(result)
        except (ValueError, KeyError, IndexError) as exc:  # an output this script does not understand
            result.stderr += f"\nperf_report could not read the output: {exc!r}"
        results[name] = result
    load_end = os.getloadavg()
    options = (f"render runs {args.render_runs}, process runs {args.process_runs}, start-up runs {args.startup_runs}, "
               f"batch {args.batch_count} drafts")
    write_report(args.output, info, results, load_start, load_end, started, time.perf_counter() - t0, options,
                 args.note)
    print(f"wrote {args.output}")
    for figure, value, goal, verdict in summary_rows(results):
        print(f"  {figure}: {value}" + (f"  [goal {goal}: {verdict}]" if goal else ""))
    return 0 if all(r.ok for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
