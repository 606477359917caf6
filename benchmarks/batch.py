#!/usr/bin/env python3
"""Batch throughput: 1,000 drafts made by varying the examples, each checked and rendered in
one process, as a service window's back office or a bulk `transfer-helper render` would.

    .venv/bin/python benchmarks/batch.py [--count 1000] [--qr-sample 20]

Each draft is an example (in turn) with its person's name, phone, address, employer and
agency details varied by its number, so no two drafts are alike (the hand-off QR code of
each is different too). Per draft, as the CLI does: assess (check, the
application, font_findings, what each error holds back), packet_of, render_packet (every document and the combined packet, in memory). Prints
packets per second over the whole batch and the median time per packet (and of its check);
then, on the first --qr-sample drafts, the part of a packet's time spent drawing the guide's
QR code (the same packet rendered again without it). Goal: >= 25 drafts checked and rendered
per second in one process; on a shared machine judge it by drafts per CPU-second (printed too,
with min / median / max per packet and the load average at the start and the end).
Measures; asserts nothing.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import paths  # noqa: E402
from app.storage import drafts  # noqa: E402
from app.domain.application import ApplicationDraft  # noqa: E402
from app.domain.packet import assess, packet_of  # noqa: E402
from app.render import fonts  # noqa: E402
from app.render.checks import font_findings  # noqa: E402
from app.render.packet import render_packet  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from common import load_line, spread  # noqa: E402

GOAL_PER_SECOND = 25.0

TODAY = date(2026, 11, 23)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["晓明", "丽华", "建国", "秀英", "志强", "海燕", "俊杰", "雪梅", "国庆", "文静", "子涵", "浩然"]
ROADS = ["示例路", "样例街", "测试大道", "模板巷", "演示路"]


def varied(examples: list[ApplicationDraft], n: int) -> ApplicationDraft:
    """Example n % len(examples), with its free text varied by n (still printable)."""
    data = examples[n % len(examples)].model_dump(mode="json")
    ident = data["identity"]
    ident["name"] = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
    ident["phone"] = f"13{(n % 9) + 1}{n:08d}"[:11]
    ident["address"] = f"{ROADS[n % len(ROADS)]}{n % 997 + 1} 号 {n % 30 + 1} 栋 {n % 12 + 1}0{n % 4 + 1} 室"
    for i, period in enumerate(data["history"]):
        if period.get("employer_name"):
            period["employer_name"] = f"{period['employer_name']}第{(n + i) % 50 + 1}分公司"
    transfer = data["transfer"]
    for place in ("origin", "destination"):
        transfer[place]["address"] = f"{ROADS[(n + 1) % len(ROADS)]}{n % 500 + 1} 号"
    if transfer.get("agent"):
        transfer["agent"]["name"] = SURNAMES[(n + 7) % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
    return ApplicationDraft.model_validate(data)


def one(draft: ApplicationDraft, qr: bool = True) -> tuple[float, float, int, float]:
    """Seconds for the whole packet, seconds of its check, bytes of the combined PDF, CPU
    seconds for the whole packet (what to compare on a shared machine)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    assessment = assess(draft, TODAY, more=font_findings)  # as the CLI and the wizard do
    checked = time.perf_counter()
    if assessment.held_back:
        raise SystemExit(f"a varied draft has documents held back: {[f.code for f in assessment.errors]}")
    application = assessment.application
    packet = packet_of(assessment, TODAY)
    if not qr:
        packet = dataclasses.replace(packet, handoff=None)
    pdfs = render_packet(packet, application)
    return time.perf_counter() - start, checked - start, len(pdfs["packet"]), time.process_time() - start_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--qr-sample", type=int, default=20)
    args = parser.parse_args()
    print(f"# batch benchmark  python {platform.python_version()}  cpus {os.cpu_count()}  "
          f"load {os.getloadavg()[0]:.2f}")
    print(f"start: {load_line()}")
    fonts.register_fonts()
    examples = [drafts.load(p) for p in sorted(paths.EXAMPLES.glob("*.json"))]
    batch = [varied(examples, n) for n in range(args.count)]
    one(batch[0])  # warm-up: fonts, rules, regions, guide data

    times, checks, sizes, cpus = [], [], [], []
    started, started_cpu = time.perf_counter(), time.process_time()
    for draft in batch:
        seconds, checked, size, cpu = one(draft)
        times.append(seconds)
        checks.append(checked)
        sizes.append(size)
        cpus.append(cpu)
    total, total_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(f"drafts: {args.count} (from {len(examples)} examples, varied)")
    print(f"batch total: {total:.1f} s wall, {total_cpu:.1f} s cpu")
    print(f"packets per second: {args.count / total:.2f} (per cpu-second {args.count / total_cpu:.2f})")
    print(f"median per packet: {statistics.median(times) * 1000:.0f} ms wall, {statistics.median(cpus) * 1000:.0f} ms "
          f"cpu (p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.0f} ms wall), of which check "
          f"{statistics.median(checks) * 1000:.1f} ms")
    print(f"per packet, wall: {spread([t * 1000 for t in times])}")
    print(f"per packet, cpu:  {spread([c * 1000 for c in cpus])}")
    print(f"combined packet PDF: median {statistics.median(sizes) / 1024:.0f} KB")
    sample = batch[: max(0, min(args.qr_sample, len(batch)))]
    if sample:
        with_qr = statistics.median(one(d)[3] for d in sample)
        without = statistics.median(one(d, qr=False)[3] for d in sample)
        print(f"QR code share (first {len(sample)} drafts): median cpu per packet {with_qr * 1000:.0f} ms with the "
              f"guide's QR code, {without * 1000:.0f} ms without it")
    per_cpu = args.count / total_cpu
    print(f"end: {load_line()}")
    print(f"goal >= {GOAL_PER_SECOND:.0f} drafts per second: {args.count / total:.1f} per wall second, {per_cpu:.1f} "
          f"per cpu-second -> {'met' if per_cpu >= GOAL_PER_SECOND else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
