#!/usr/bin/env python3
"""The long fuzzing run: hypothesis-made applications through check, font_findings and
render_packet (tests/fuzz/test_fuzz_pipeline.py, profile "deep": no deadline).

    .venv/bin/python tools/fuzz.py [--examples 10000] [--workers N] [--seed S]
    python3 tools/dev.py fuzz [same options]

The examples are shared out over worker processes (default: one per CPU), each with its own
seed; at the end it prints how many ran, were rendered, were refused (by the checks, by the
fonts), the time, and the finding codes seen. A failure prints hypothesis's falsifying example
(and its reproduce blob) and makes the exit status 1. Failing examples are also kept in
.hypothesis/ (git-ignored), and the normal test run replays them there.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "tests" / "fuzz" / "test_fuzz_pipeline.py"


def load_module():
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("fuzz_pipeline", MODULE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def worker(examples: int, seed: int, out: Path, index: int) -> int:
    module = load_module()
    stats = module.Stats()
    started = time.perf_counter()
    step = max(1, examples // 10)

    def progress(current) -> None:
        if current.examples % step == 0:
            print(f"  worker {index}: {current.examples} examples, {current.rendered} rendered, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    failure = None
    try:
        module.fuzz("deep", stats, max_examples=examples, seed=seed, on_example=progress)
    except BaseException as exc:  # reported by the parent; hypothesis has printed the example
        failure = "".join(traceback.format_exception(exc))
        print(failure, file=sys.stderr, flush=True)
    out.write_text(json.dumps({"stats": stats.as_dict(), "seconds": time.perf_counter() - started,
                               "seed": seed, "failure": failure}), encoding="utf-8")
    return 1 if failure else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="in total, over all workers")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=None, help="first worker's seed (default: random)")
    parser.add_argument("--worker", nargs=3, metavar=("INDEX", "SEED", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        index, seed, out = args.worker
        return worker(args.examples, int(seed), Path(out), int(index))

    workers = max(1, min(args.workers, args.examples))
    base_seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    shares = [args.examples // workers + (1 if i < args.examples % workers else 0) for i in range(workers)]
    print(f"fuzz: {args.examples} examples over {workers} workers (seeds {base_seed}..{base_seed + workers - 1}), "
          f"profile deep", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-") as temp:
        outs = [Path(temp) / f"worker-{i}.json" for i in range(workers)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        children = [subprocess.Popen([sys.executable, __file__, "--examples", str(share),
                                      "--worker", str(i), str(base_seed + i), str(out)], cwd=ROOT, env=env)
                    for i, (share, out) in enumerate(zip(shares, outs))]
        codes = [child.wait() for child in children]
        results = [json.loads(out.read_text(encoding="utf-8")) if out.exists() else None for out in outs]
    elapsed = time.perf_counter() - started

    total = Counter()
    finding_codes = Counter()
    for result in results:
        if result is None:
            continue
        stats = result["stats"]
        total.update({k: v for k, v in stats.items() if isinstance(v, int)})
        finding_codes.update(stats["codes"])
    ran = total["examples"] or 1
    print(f"\nexamples run:       {total['examples']}")
    print(f"rendered:           {total['rendered']} ({100 * total['rendered'] / ran:.0f}%), "
          f"QR code drawn in {total['qr_drawn']}")
    print(f"refused by check:   {total['refused_check']} ({100 * total['refused_check'] / ran:.0f}%)")
    print(f"refused by fonts:   {total['refused_fonts']} ({100 * total['refused_fonts'] / ran:.0f}%)")
    print(f"chars checked:      {total['chars_checked']} (positions against their cells)")
    print(f"time:               {elapsed:.0f} s ({elapsed / ran * workers * 1000:.0f} ms per example per worker)")
    print("finding codes seen: " + ", ".join(f"{code} {n}" for code, n in finding_codes.most_common()))
    failed = [(i, r) for i, r in enumerate(results) if r is None or r["failure"]]
    if failed:
        for i, result in failed:
            reason = "no result (crashed)" if result is None else result["failure"].strip().splitlines()[-1]
            print(f"FAILED: worker {i} (seed {base_seed + i}, exit {codes[i]}): {reason}")
        return 1
    print("failures:           none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
