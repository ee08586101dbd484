"""Compile speed (parse -> IR -> graph) for generated N-resource files.

    .venv/bin/python bench/compile.py            # 1,000 and 10,000 resources
Targets on a 2-core machine: 1,000 <= 0.5 s, 10,000 <= 3 s, 10k/1k <= 12x.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from gen_adl import generate  # noqa: E402

from autodeploy.compiler import compile_source  # noqa: E402
from autodeploy.compiler.parser import parse  # noqa: E402


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    compile_source("bucket warm {}")  # load the grammar once, as a CLI run does
    results = {}
    for n in (1000, 10000):
        text = generate(n)
        assert compile_source(text, "bench.adl").ok
        parse_s = timed(lambda text=text: parse(text, "bench.adl"), 3)
        total_s = timed(lambda text=text: compile_source(text, "bench.adl"), 3)
        results[n] = total_s
        print(f"{n:>6} resources ({len(text) / 1024:,.0f} KiB): parse {parse_s:.3f} s, "
              f"compile (parse+check+IR+graph) {total_s:.3f} s")
    print(f"scaling 10k/1k: {results[10000] / results[1000]:.1f}x")


if __name__ == "__main__":
    main()
