#!/usr/bin/env python3
"""Time one `optimize` run (search + policy checks + compliance control costs) on each example.

    .venv/bin/python bench/optimize.py [--repeat 1]

Prints seconds per example (best of --repeat), the savings found and the policy status. The budget
is 30 s per example on the 2-core CI machine. The first run in the process pays the catalog load.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time

from autodeploy.analytics.optimizer import optimize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    os.chdir(ROOT)
    print(f"{'example':<32} {'seconds':>8} {'before $/mo':>12} {'after $/mo':>12} {'changes':>8}  policy")
    worst = 0.0
    for path in sorted(glob.glob("examples/*.adl")):
        best = float("inf")
        res = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = optimize(path)
            best = min(best, time.perf_counter() - t0)
        assert res is not None
        worst = max(worst, best)
        print(f"{os.path.basename(path):<32} {best:>8.2f} {res.before_total:>12,.2f} {res.after_total:>12,.2f} "
              f"{len(res.changes):>8}  {res.policy_note}")
    print(f"slowest: {worst:.2f} s (budget 30 s)")
    return 0 if worst <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
