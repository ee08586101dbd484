"""Long fuzz run of compile + fmt: N generated inputs through the four properties of
tests/compiler/fuzz_props.py (no internal error, fmt idempotent, same IR and diagnostics after
fmt, comments kept). Counts every outcome instead of stopping at the first failure.

    python bench/fuzz_compile.py            # 25,000 inputs (about 10-20 minutes on one core)
    python bench/fuzz_compile.py 2000 --seed 7

Measured 2026-12-04 (seed 20261204, a shared 2-core machine): 25,000 inputs in 1,222 s, 0 property
failures, 0 internal errors; 7,719 formatted and checked for all four properties, 17,281 refused
with a parse-phase code (mutants, random text, literals past the bounds). Before the issue-11 fixes
the same generators found 14 fmt failures in the first 800 inputs.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests.compiler.fuzz_props import PropertyFailure, check_program, inputs  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=25_000, help="how many inputs (default 25,000)")
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--show", type=int, default=3, help="print this many failing inputs")
    args = ap.parse_args()

    outcomes: Counter[str] = Counter()
    failures: list[tuple[str, str, str]] = []
    sizes: list[int] = []

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def run(src: str) -> None:
        sizes.append(len(src))
        try:
            outcomes[check_program(src)] += 1
        except PropertyFailure as exc:
            outcomes[f"FAIL {exc.prop}"] += 1
            failures.append((exc.prop, src, str(exc)))
        except Exception as exc:  # an internal error: the compiler raised on some input
            outcomes["FAIL internal error"] += 1
            failures.append(("internal error", src, "".join(traceback.format_exception_only(exc)).strip()))

    t0 = time.perf_counter()
    run()
    elapsed = time.perf_counter() - t0
    total = sum(outcomes.values())
    print(f"fuzz compile+fmt: {total} inputs in {elapsed:.1f} s ({total / elapsed:.0f}/s), seed {args.seed}, "
          f"input sizes {min(sizes)}..{max(sizes)} chars (median {sorted(sizes)[len(sizes) // 2]})")
    for k, v in sorted(outcomes.items()):
        print(f"  {k:<22} {v:>7}")
    bad = sum(v for k, v in outcomes.items() if k.startswith("FAIL"))
    print(f"  {'property failures':<22} {bad:>7}")
    for prop, src, msg in failures[: args.show]:
        print(f"--- {prop}: {msg[:300]}\n{src!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
