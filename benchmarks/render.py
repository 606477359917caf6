#!/usr/bin/env python3
"""How fast and how big the printed packet is. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/render.py [--runs 20] [--process-runs 5] [--no-soffice]

For every example and for a 200-period history (built here from example 01), it measures:
  - in process, after warm-up, the median over --runs of
      packet:  build_packet + layout + the combined PDF (what one "print everything" costs)
      all:     build_packet + render_packet (every document's PDF and the combined one: the CLI)
  - the whole process `python -m app render DRAFT -o DIR`, --process-runs times, min / median
    / max (interpreter start, imports, font loading, checks, rendering and writing), and in
    the same rounds a bare QWizard's first paint (benchmarks/startup.py's script) as the
    baseline the goal is a ratio to
  - peak memory: tracemalloc's peak during one render, and ru_maxrss of this process and of
    the child processes
  - pages and bytes of every PDF
and, like for like, the medical application as offices make it today: a Writer template
(benchmarks/office/medical_application.fodt) filled with the same data by a mail merge and
converted headless by LibreOffice, beside our in-process and whole-process times for that
one form (`render --only medical_application`), all in the same run.

LibreOffice is not part of the app nor of CI; install it for this benchmark with
`benchmarks/render.py --setup` (runs: apt-get install -y --no-install-recommends
libreoffice-writer-nogui) or skip the comparison with --no-soffice.

Goals: packet <= 60 ms in process (median), every PDF <= 150 KB, whole-process render
<= 0.40 s and <= 3x the bare QWizard's first paint in the same run. The last line is
`whole-process render worst: X.XX s` (the worst case's median wall time).
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))
from common import child_env, compile_app, load_line, noise, spread  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

from app import paths  # noqa: E402
from app.storage import drafts  # noqa: E402
from app.domain.application import ApplicationDraft, check, complete  # noqa: E402
from app.domain.packet import Packet, assess, build_packet  # noqa: E402
from app.render import fonts  # noqa: E402
from app.formspec import fieldpaths  # noqa: E402
from app.render import forms  # noqa: E402
from app.render.base import write_pdf  # noqa: E402
from app.render.packet import PACKET, PACKET_TITLE, _copies, layout_documents, render_packet  # noqa: E402

TODAY = date(2026, 11, 23)
GOAL_MS, GOAL_PROCESS_S, GOAL_PROCESS_RATIO, GOAL_BYTES = 60.0, 0.40, 3.0, 150_000
TEMPLATE = ROOT / "benchmarks" / "office" / "medical_application.fodt"
MEDICAL = "medical_application"
SETUP = ["apt-get", "install", "-y", "--no-install-recommends", "libreoffice-writer-nogui"]
AREAS = [("430100", "湖南省长沙市"), ("330100", "浙江省杭州市"), ("320500", "江苏省苏州市"), ("510100", "四川省成都市")]


def long_history_draft(periods: int = 200) -> ApplicationDraft:
    """Example 01 with `periods` periods: one-month jobs back to back, then the origin period."""
    draft = drafts.load(paths.EXAMPLES / "01-employee-job-change-cross-province.json")
    origin = draft.history[-1]
    first = origin.start  # "2017-01"
    year, month = int(first[:4]), int(first[5:7])
    start_index = year * 12 + month - 1 - (periods - 1)
    rows = []
    for i in range(periods - 1):
        y, m = divmod(start_index + i, 12)
        code, name = AREAS[i % len(AREAS)]
        rows.append({
            "area_code": code, "area_name": name, "scheme": "employee", "start": f"{y:04d}-{m + 1:02d}",
            "end": f"{y:04d}-{m + 1:02d}", "status": "terminated", "employer_name": f"样例劳务第{i + 1}号有限公司",
            "account_balance": "0.00",
        })
    data = draft.model_dump(mode="json")
    data["history"] = rows + [origin.model_dump(mode="json")]
    return ApplicationDraft.model_validate(data)


def median_ms(function, runs: int, warmup: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds. CPU time is what to compare on a shared machine:
    wall time also counts the time other processes had the CPU."""
    for _ in range(warmup):
        function()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def _first_render_cpu_ms(function, runs: int) -> float:
    """Median CPU milliseconds of `function` with the render caches of laid-out text emptied
    before each run (the font chain and its widths stay: every process has them warm)."""
    from app.render import guide, text

    cpu = []
    for _ in range(runs):
        for kept in (getattr(text, "_fits", None), getattr(text, "_placements", None)):
            if kept is not None:
                kept.clear()
        text._prepare_cached.cache_clear()
        fonts._current().runs.clear()
        guide._qr_literal.cache_clear()
        start = time.process_time()
        function()
        cpu.append(time.process_time() - start)
    return statistics.median(cpu) * 1000


def combined_pdf(packet: Packet, app) -> bytes:
    laid = layout_documents(packet, app)
    documents = [copy for doc in packet.documents for copy in _copies(doc, laid[doc.doc_id])]
    return write_pdf(documents, title=PACKET_TITLE, ruleset=packet.ruleset, invariant=True)


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _render_command(draft_path: Path, out: str, only: str | None = None) -> list[str]:
    return ([sys.executable, "-m", "app", "render", str(draft_path), "-o", out, "--today", TODAY.isoformat(),
             "--invariant", "--force"] + (["--only", only] if only else []))  # --force: each run replaces the last


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system of the child) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _bare_wizard_ms(temp: Path) -> float:
    """First paint of a bare QWizard, spawned as benchmarks/startup.py does."""
    import startup  # benchmarks/startup.py: the same script and the same clock

    return startup._spawn([sys.executable, "-c", startup.BARE], startup._env(temp))[0]


def whole_process(cases: list[tuple[str, Path]], runs: int) -> tuple[dict[str, tuple[list, list]], list[float]]:
    """Per case, the wall and CPU seconds of each CLI run; and a bare QWizard's first paint
    (ms) in each round, spawned just before that round's renders."""
    compile_app()
    env = child_env()
    times: dict[str, tuple[list, list]] = {name: ([], []) for name, _ in cases}
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as out:
        for name, path in cases:  # warm-up: file cache
            _timed(_render_command(path, out), env)
        for _ in range(runs):
            bare.append(_bare_wizard_ms(Path(out)))
            for name, path in cases:
                wall, cpu = _timed(_render_command(path, out), env)
                times[name][0].append(wall)
                times[name][1].append(cpu)
    return times, bare


# --- LibreOffice, like for like -----------------------------------------------------------

_ROW = "<!--HISTORY-ROW-->"


def office_document(app) -> str:
    """The Writer template filled with `app`'s data, as a mail merge does: each {path} by the
    value our form prints for it, the history row once per period."""
    template = TEMPLATE.read_text(encoding="utf-8")
    head, row, tail = template.split(_ROW)
    period_model = fieldpaths.resolve("history").cls

    def fill(text: str, obj, root=None) -> str:
        return forms._PLACEHOLDER.sub(lambda m: escape(forms._field(m.group(1), obj, root)), text)

    rows = [fill(row.replace("{#}", str(i)), period, period_model) for i, period in enumerate(app.history, start=1)]
    return fill(head, app) + "".join(rows) + fill(tail, app)


def _fontconfig(tmp: Path) -> Path:
    """A fontconfig file adding the bundled print font, so LibreOffice sets the same type."""
    conf = tmp / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f'  <dir>{escape(str(paths.FONTS))}</dir>\n  <cachedir>{escape(str(tmp / "fc-cache"))}</cachedir>\n'
                    '</fontconfig>\n', encoding="utf-8")
    return conf


def soffice_convert(source: Path, out: Path, profile: Path, binary: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, env=env,
    )
    return time.perf_counter() - start


def libreoffice(cases, runs: int) -> None:
    """cases: (name, packet, app, draft path). For each: LibreOffice converting the filled template,
    our whole-process render of the same form, and our in-process layout + PDF of it."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    print("\n## LibreOffice comparison (the medical application, like for like)")
    if binary is None:
        print(f"soffice not installed: skipped (install: benchmarks/render.py --setup, i.e. {' '.join(SETUP)})")
        return
    print(f"{binary}: Writer template {TEMPLATE.relative_to(ROOT)} filled by mail merge with the same data, "
          f"converted with --headless --convert-to pdf; ours: `render --only {MEDICAL}` (whole process) and "
          f"render_packet(only={MEDICAL}) (in process); {runs} runs each after a warm-up, in the same rounds")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(tmp))}
        ours_env = child_env()
        profile = tmp / "profile"
        print(f"{'case':<40} {'soffice s':>10} {'ours s':>8} {'ratio':>7} {'in-process ms':>14} "
              f"{'soffice KB':>11} {'ours KB':>8}")
        for name, packet, app, path in cases:
            source = tmp / f"{name}.fodt"
            source.write_text(office_document(app), encoding="utf-8")
            soffice_convert(source, tmp, profile, binary, env)  # warm-up (creates the profile on first use)
            _timed(_render_command(path, str(tmp), MEDICAL), ours_env)
            office, ours = [], []
            for _ in range(runs):
                office.append(soffice_convert(source, tmp, profile, binary, env))
                ours.append(_timed(_render_command(path, str(tmp), MEDICAL), ours_env)[0])
            in_ms, _ = median_ms(lambda: render_packet(packet, app, invariant=True, only=[MEDICAL]), 5, warmup=1)
            size = (tmp / f"{name}.pdf").stat().st_size
            ours_pdf = render_packet(packet, app, invariant=True, only=[MEDICAL])[MEDICAL]
            o, w = statistics.median(office), statistics.median(ours)
            print(f"{name:<40} {o:>10.2f} {w:>8.2f} {o / w:>6.1f}x {in_ms:>14.0f} {size / 1024:>11.0f} "
                  f"{len(ours_pdf) / 1024:>8.0f}")
            print(f"    soffice {spread(office, 's', 2)}; ours {spread(ours, 's', 2)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--process-runs", type=int, default=5)
    parser.add_argument("--soffice-runs", type=int, default=3)
    parser.add_argument("--no-soffice", action="store_true")
    parser.add_argument("--setup", action="store_true", help="install LibreOffice (Debian/Ubuntu, as root) and exit")
    args = parser.parse_args()
    if args.setup:
        return subprocess.call(SETUP)

    print(f"# render benchmark  python {platform.python_version()}  {platform.machine()}  cpus {os.cpu_count()}"
          f"  load {os.getloadavg()[0]:.2f}")
    print(f"start: {load_line()}")
    fonts.register_fonts()
    long = long_history_draft()
    assert check(long, TODAY).printable, [f.message_en for f in check(long, TODAY).errors]
    inputs = [(p.stem, drafts.load(p)) for p in sorted(paths.EXAMPLES.glob("*.json"))]
    inputs.append(("200-period-history", long))

    print(f"\n## In process (median of {args.runs} after warm-up)")
    print(f"{'case':<40} {'packet ms':>9} {'cpu':>5} {'all ms':>7} {'cpu':>5} {'pages':>6}  sizes KB (packet first)")
    cases, packet_ms, packet_sizes, cold = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, draft in inputs:
            assessment = assess(draft, TODAY)  # as the CLI does: checked once, before rendering
            app, findings = assessment.application, assessment.findings
            ms_packet = median_ms(lambda: combined_pdf(build_packet(app, TODAY, findings), app), args.runs)
            ms_all = median_ms(lambda: render_packet(build_packet(app, TODAY, findings), app, invariant=True), args.runs)
            packet = build_packet(app, TODAY)
            pdfs = render_packet(packet, app, invariant=True)
            sizes = " ".join(f"{doc_id}={len(data) / 1024:.0f}" for doc_id, data in
                             sorted(pdfs.items(), key=lambda item: item[0] != PACKET))
            print(f"{name:<40} {ms_packet[0]:>9.0f} {ms_packet[1]:>5.0f} {ms_all[0]:>7.0f} {ms_all[1]:>5.0f} "
                  f"{pages(pdfs[PACKET]):>6}  {sizes}")
            packet_ms.append(ms_packet)
            packet_sizes.append(max(len(data) for data in pdfs.values()))
            path = Path(tmp) / f"{name}.json"
            drafts.save(draft, path)
            cases.append((name, packet, app, pdfs[PACKET], path))
            cold.append((name, _first_render_cpu_ms(lambda: combined_pdf(build_packet(app, TODAY, findings), app),
                                                    args.runs)))
        # The figures above repeat one packet: text it has laid out before is kept (app.render.text
        # keeps fits and placements per font chain, the guide its QR code). A new application
        # shares only the fixed text of the forms; this is the other bound, nothing kept.
        print("  packet cpu ms, text caches emptied before each run (nothing laid out before): "
              + ", ".join(f"{name} {ms:.0f}" for name, ms in cold))

        app = complete(long, TODAY)
        tracemalloc.start()
        render_packet(build_packet(app, TODAY), app, invariant=True)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"\npeak memory: tracemalloc {peak / 2**20:.1f} MiB (one 200-period render), "
              f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (this process)")

        print(f"\n## Whole process: python -m app render DRAFT ({args.process_runs} runs, min / median / max)")
        process, bare = whole_process([(name, path) for name, _, _, _, path in cases], args.process_runs)
        bare_s = statistics.median(bare) / 1000
        print(f"baseline, bare QWizard first paint in the same rounds: {spread(bare)}")
        process_times = {}
        for name, _, _, _, path in cases:
            wall, cpu = process[name]
            process_times[name] = (statistics.median(wall), statistics.median(cpu))
            print(f"{name:<40} {process_times[name][0]:.2f} s wall  {process_times[name][1]:.2f} s cpu  "
                  f"{process_times[name][0] / bare_s:.2f}x bare QWizard  (wall min {min(wall):.2f}, max {max(wall):.2f};"
                  f" noise {noise(wall):.2f})")
        print(f"children ru_maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")

        if not args.no_soffice:
            libreoffice([(n, p, a, path) for n, p, a, _, path in cases], args.soffice_runs)

    print("\n## Goals")
    examples = [i for i, (name, _) in enumerate(inputs) if name != "200-period-history"]
    for label, chosen in (("examples", examples), ("all cases", range(len(inputs)))):
        wall = max(packet_ms[i][0] for i in chosen)
        cpu = max(packet_ms[i][1] for i in chosen)
        proc = [process_times[inputs[i][0]] for i in chosen]
        print(f"{label}: packet <= {GOAL_MS:.0f} ms in process: worst median {wall:.0f} ms wall, {cpu:.0f} ms cpu -> "
              f"{'met' if cpu <= GOAL_MS else 'NOT met'}")
        worst = max(p[0] for p in proc)
        print(f"{label}: whole-process render <= {GOAL_PROCESS_S:.2f} s and <= {GOAL_PROCESS_RATIO:.0f}x the bare "
              f"QWizard ({bare_s:.2f} s): worst median {worst:.2f} s wall ({worst / bare_s:.2f}x), "
              f"{max(p[1] for p in proc):.2f} s cpu -> "
              f"{'met' if worst <= GOAL_PROCESS_S and worst / bare_s <= GOAL_PROCESS_RATIO else 'NOT met'}")
        biggest = max(packet_sizes[i] for i in chosen)
        print(f"{label}: every PDF <= {GOAL_BYTES / 1000:.0f} KB: largest {biggest / 1000:.0f} KB -> "
              f"{'met' if biggest <= GOAL_BYTES else 'NOT met'}")
    print(f"end: {load_line()}")
    print(f"whole-process render worst: {max(p[0] for p in process_times.values()):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
