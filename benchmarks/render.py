#!/usr/bin/env python3
"""How fast and how big the printed packet is. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/render.py [--runs 20] [--process-runs 5] [--no-soffice]

For every example and for a 200-period history (built here from example 01), it measures:
  - in process, after warm-up, the median over --runs of
      packet:  build_packet + layout + the combined PDF (what one "print everything" costs)
      all:     build_packet + render_packet (every document's PDF and the combined one: the CLI)
  - the whole process `python -m app render DRAFT -o DIR`, median of --process-runs
    (interpreter start, imports, font loading, checks, rendering and writing)
  - peak memory: tracemalloc's peak during one render, and ru_maxrss of this process and of
    the child processes
  - pages and bytes of every PDF
and, where LibreOffice is installed, converts an HTML file with the same content (guide text
and the application's fields and history table) to PDF in the same run, for comparison.

Goals: packet <= 60 ms in process (median), whole-process render <= 1 s, packet <= 150 KB.
"""
from __future__ import annotations

import argparse
import html
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

from pypdf import PdfReader  # noqa: E402

from app import drafts, paths  # noqa: E402
from app.domain.application import ApplicationDraft, check, complete  # noqa: E402
from app.domain.packet import Packet, assess, build_packet  # noqa: E402
from app.render import fonts  # noqa: E402
from app.render.base import write_pdf  # noqa: E402
from app.render.packet import PACKET, PACKET_TITLE, _copies, layout_documents, render_packet  # noqa: E402

TODAY = date(2026, 11, 23)
GOAL_MS, GOAL_PROCESS_S, GOAL_BYTES = 60.0, 1.0, 150_000
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


def combined_pdf(packet: Packet, app) -> bytes:
    laid = layout_documents(packet, app)
    documents = [copy for doc in packet.documents for copy in _copies(doc, laid[doc.doc_id])]
    return write_pdf(documents, title=PACKET_TITLE, ruleset=packet.ruleset, invariant=True)


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def whole_process(draft_path: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system of the child) seconds of one CLI run."""
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "app", "render", str(draft_path), "-o", out, "--today", TODAY.isoformat(),
                 "--invariant"],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
            )
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


# --- LibreOffice comparison ---------------------------------------------------------

def packet_html(packet: Packet, app) -> str:
    """The guide's text and the application's fields and history as one HTML document."""
    e = html.escape
    g = packet.guide
    parts = [f"<html><head><meta charset='utf-8'><title>{e(PACKET_TITLE)}</title></head><body>",
             f"<h1>{e(g.title_zh)}</h1>", "<table border='1'>"]
    s = g.summary
    for label, value in (("转移", s.route_zh), ("办理", s.filing_zh), ("先做", s.first_zh),
                         ("办结", f"{s.finish.label_zh}：{s.finish.text_zh}")):
        parts.append(f"<tr><th>{label}</th><td>{e(value)}</td></tr>")
    parts.append("</table><h2>一、办理步骤</h2>")
    for step in g.steps:
        parts.append(f"<h3>{step.number}. {e(step.title_zh)}</h3><p>{e(step.office.role_zh)} · {e(step.office.name)}</p><ul>")
        parts += [f"<li>{e(t)}</li>" for t in step.do_zh]
        parts.append("</ul>")
        if step.bring:
            parts.append(f"<p>带上：{e('、'.join(m.name_zh for m in step.bring))}</p>")
        parts += [f"<p>{e(d.label_zh)}，{e(d.text_zh)}</p>" for d in step.due]
    parts.append("<h2>二、要带的材料</h2><ul>")
    parts += [f"<li>☐ {e(m.name_zh)}：{e(m.detail_zh)}</li>" for m in g.materials]
    parts.append("</ul><h2>三、请注意</h2>")
    parts += [f"<p>{e(f.message_zh)}<br><small>{e(f.source or '')}</small></p>" for f in packet.findings]
    parts.append("<h2>四、这套材料里的文件</h2><table border='1'>")
    parts += [f"<tr><td>{e(d.title_zh)}</td><td>{d.copies} 份</td><td>{e(d.reason_zh)}</td></tr>"
              for d in packet.documents]
    ident = app.identity
    parts.append("</table><h1 style='page-break-before:always'>基本医疗保险关系转移接续申请表</h1><table border='1'>")
    for label, value in (("姓名", ident.name), ("证件号码", ident.id_number), ("联系电话", ident.phone),
                         ("现联系地址", ident.address), ("转出地", app.transfer.origin.name),
                         ("转入地", app.transfer.destination.name)):
        parts.append(f"<tr><th>{label}</th><td>{e(value)}</td></tr>")
    parts.append("</table><table border='1'><tr><th>序号</th><th>参保地</th><th>险种</th><th>单位</th>"
                 "<th>起始年月</th><th>终止年月</th></tr>")
    for i, p in enumerate(app.history, start=1):
        parts.append(f"<tr><td>{i}</td><td>{e(p.area_name)}</td><td>{e(p.scheme.value)}</td>"
                     f"<td>{e(p.employer_name or '')}</td><td>{p.start}</td><td>{p.end}</td></tr>")
    parts.append("</table></body></html>")
    return "".join(parts)


def soffice_convert(source: Path, out: Path, profile: Path, binary: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
    )
    return time.perf_counter() - start


def libreoffice(cases, process_times: dict[str, float], runs: int = 3) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    print("\n## LibreOffice comparison")
    if binary is None:
        print("soffice not installed: skipped (Debian: apt-get install libreoffice-writer-nogui)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = tmp / "profile"
        print(f"{'case':<40} {'soffice s':>10} {'ours s':>8} {'ratio':>7} {'soffice KB':>11} {'ours KB':>8}")
        for name, packet, app, ours_bytes in cases:
            source = tmp / f"{name}.html"
            source.write_text(packet_html(packet, app), encoding="utf-8")
            soffice_convert(source, tmp, profile, binary)  # warm-up (creates the profile on first use)
            seconds = statistics.median(soffice_convert(source, tmp, profile, binary) for _ in range(runs))
            size = (tmp / f"{name}.pdf").stat().st_size
            ours = process_times[name][0]
            print(f"{name:<40} {seconds:>10.2f} {ours:>8.2f} {seconds / ours:>6.1f}x {size / 1024:>11.0f} "
                  f"{len(ours_bytes) / 1024:>8.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--process-runs", type=int, default=5)
    parser.add_argument("--no-soffice", action="store_true")
    args = parser.parse_args()

    print(f"# render benchmark  python {platform.python_version()}  {platform.machine()}  cpus {os.cpu_count()}"
          f"  load {os.getloadavg()[0]:.2f}")
    fonts.register_fonts()
    long = long_history_draft()
    assert check(long, TODAY).printable, [f.message_en for f in check(long, TODAY).errors]
    inputs = [(p.stem, drafts.load(p)) for p in sorted(paths.EXAMPLES.glob("*.json"))]
    inputs.append(("200-period-history", long))

    print(f"\n## In process (median of {args.runs} after warm-up)")
    print(f"{'case':<40} {'packet ms':>9} {'cpu':>5} {'all ms':>7} {'cpu':>5} {'pages':>6}  sizes KB (packet first)")
    cases, packet_ms, packet_sizes = [], [], []
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

        app = complete(long, TODAY)
        tracemalloc.start()
        render_packet(build_packet(app, TODAY), app, invariant=True)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"\npeak memory: tracemalloc {peak / 2**20:.1f} MiB (one 200-period render), "
              f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (this process)")

        print(f"\n## Whole process: python -m app render DRAFT (median of {args.process_runs})")
        process_times = {}
        for name, _, _, _, path in cases:
            process_times[name] = whole_process(path, args.process_runs)
            wall, cpu = process_times[name]
            print(f"{name:<40} {wall:.2f} s wall  {cpu:.2f} s cpu")
        print(f"children ru_maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")

        if not args.no_soffice:
            libreoffice([(n, p, a, b) for n, p, a, b, _ in cases], process_times)

    print("\n## Goals")
    examples = [i for i, (name, _) in enumerate(inputs) if name != "200-period-history"]
    for label, chosen in (("examples", examples), ("all cases", range(len(inputs)))):
        wall = max(packet_ms[i][0] for i in chosen)
        cpu = max(packet_ms[i][1] for i in chosen)
        proc = [process_times[inputs[i][0]] for i in chosen]
        print(f"{label}: packet <= {GOAL_MS:.0f} ms in process: worst median {wall:.0f} ms wall, {cpu:.0f} ms cpu -> "
              f"{'met' if cpu <= GOAL_MS else 'NOT met'}")
        print(f"{label}: whole-process render <= {GOAL_PROCESS_S:.0f} s: worst median "
              f"{max(p[0] for p in proc):.2f} s wall, {max(p[1] for p in proc):.2f} s cpu -> "
              f"{'met' if max(p[1] for p in proc) <= GOAL_PROCESS_S else 'NOT met'}")
        biggest = max(packet_sizes[i] for i in chosen)
        print(f"{label}: every PDF <= {GOAL_BYTES / 1000:.0f} KB: largest {biggest / 1000:.0f} KB -> "
              f"{'met' if biggest <= GOAL_BYTES else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
