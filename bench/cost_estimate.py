"""Bench: estimate a 10,000-resource IR (mixed kinds). Target: estimate <= 2 s.

Run: .venv/bin/python bench/cost_estimate.py [N]
Prints compile time, catalog load time (first estimate pays for reading the DuckDB tables),
and the warm estimate time, plus rendering times.
"""

from __future__ import annotations

import sys
import time

from autodeploy.analytics.catalog import Catalog
from autodeploy.analytics.cost import estimate
from autodeploy.analytics.cost_render import render
from autodeploy.compiler import compile_source

KINDS = (
    'vm v{i} {{ instance = "{inst}"  count = 1..3  disk = 50 GB }}',
    'database d{i} : postgres {{ instance = "db.m5.large"  multi_az = true  storage = 100 GB }}',
    'service s{i} {{ image = "x:1"  cpu = 1 vcpu  memory = 2 GB  replicas = 2..10  load = 300 rps'
    "  capacity = 100 rps }}",
    "bucket b{i} {{ size = 500 GB  load = 5 rps }}",
    "queue q{i} {{ load = 2 rps }}",
    "function f{i} {{ memory = 1 GB  timeout = 10 s  load = 1 rps }}",
    'cache c{i} : redis {{ instance = "cache.m5.large"  nodes = 2 }}',
    "table t{i} {{ size = 20 GB  load = 10 rps }}",
    "key k{i} {{ }}",
    "secret x{i} {{ }}",
)
INSTANCES = ("t3.medium", "m5.large", "c5.xlarge", "r5.large")


def source(n: int) -> str:
    lines = ['deployment bench { cloud = aws  region = "us-east-1"  budget = 1000000 usd/month }']
    for i in range(n):
        lines.append(KINDS[i % len(KINDS)].format(i=i, inst=INSTANCES[i % len(INSTANCES)]))
    return "\n".join(lines) + "\n"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t0 = time.perf_counter()
    res = compile_source(source(n), "bench.adl")
    t1 = time.perf_counter()
    assert res.ok and res.ir is not None, res.render()[:2000]
    cat = Catalog()
    t2, c2 = time.perf_counter(), time.process_time()
    rep = estimate(res.ir, catalog=cat)  # cold: loads the tables it needs through DuckDB
    t3, c3 = time.perf_counter(), time.process_time()
    rep2 = estimate(res.ir, catalog=cat)  # warm
    t4, c4 = time.perf_counter(), time.process_time()
    assert rep.dumps() == rep2.dumps()
    js = render(rep, "json")
    t5 = time.perf_counter()
    render(rep, "table")
    t6 = time.perf_counter()
    comps = sum(len(r.components) for r in rep.resources)
    print(
        f"resources            {len(rep.resources):,} ({comps:,} components), "
        f"total ${rep.total_monthly:,.2f}/month"
    )
    print(f"compile              {t1 - t0:.2f} s (not part of the target)")
    # CPU time too: on a shared, loaded machine wall time overstates the work
    print(f"estimate, cold       {t3 - t2:.2f} s wall, {c3 - c2:.2f} s CPU (incl. catalog load)")
    print(f"estimate, warm       {t4 - t3:.2f} s wall, {c4 - c3:.2f} s CPU")
    print(f"render json          {t5 - t4:.2f} s ({len(js) / 1e6:.1f} MB)")
    print(f"render table         {t6 - t5:.2f} s")
    verdict = "met" if t3 - t2 <= 2 else "NOT met"
    print(f"target               estimate <= 2 s: {verdict} (cold wall {t3 - t2:.2f} s)")


if __name__ == "__main__":
    main()
