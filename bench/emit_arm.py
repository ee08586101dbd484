"""Bench: emit_arm on a generated 10,000-resource Azure deployment (every kind, with references).

    .venv/bin/python bench/emit_arm.py [--resources 10000] [--repeat 3]

Prints compile time, emit time (best and median of --repeat runs), template size and resource count.
Target: emit <= 2 s on the project machine (2 cores). Not run in CI."""

from __future__ import annotations

import argparse
import statistics
import time

from autodeploy.backends.arm import emit_arm
from autodeploy.compiler import compile_source

GROUP = """
network net{i} {{ cidr = "10.{a}.0.0/16" public_subnets = 1 private_subnets = 2 }}
key key{i} {{ rotation = true }}
secret token{i} {{ rotation_interval = 30 days }}
bucket media{i} {{ encryption = key{i} retention = 30 days archive_after = 90 days }}
bucket site{i} {{ public = true }}
database pg{i} : postgres {{
  instance = "Standard_D2ds_v5" storage = 64 GB encryption = key{i} network = net{i}.private
}}
database my{i} : mysql {{ network = net{i}.private }}
table tbl{i} {{ encryption = key{i} }}
cache redis{i} : redis {{ network = net{i}.private }}
queue jobs{i} {{ dead_letter = dlq{i} }}
queue dlq{i} {{ retention = 14 days }}
function fn{i} {{ trigger = jobs{i} uses = [media{i}, tbl{i}] }}
topic events{i} {{ subscribers = [jobs{i}, fn{i}] }}
service api{i} : container {{
  image = "ghcr.io/acme/api:1" replicas = 2..6 expose = https network = net{i}.private
  secrets = [token{i}] uses = [pg{i}, redis{i}, events{i}]
}}
vm box{i} {{ instance = "Standard_B2s" ssh_from = "203.0.113.0/24" network = net{i}.private }}
vm pool{i} {{ instance = "Standard_D2s_v5" count = 2..8 network = net{i}.private }}
load_balancer front{i} {{ type = application public = true waf = true targets = [api{i}, pool{i}] network = net{i} }}
cdn edge{i} {{ origin = front{i} }}
cdn static{i} {{ origin = site{i} }}
audit trail{i} {{ retention = 1 years bucket = media{i} }}
"""
PER_GROUP = 20


def source(n_resources: int) -> str:
    groups = max(1, n_resources // PER_GROUP)
    parts = ['deployment bench { cloud = azure region = "westeurope" }']
    for i in range(groups):
        parts.append(GROUP.format(i=i, a=i % 250))
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--resources", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = source(args.resources)
    t0 = time.perf_counter()
    res = compile_source(text, "bench.adl")
    t_compile = time.perf_counter() - t0
    assert res.ir is not None and not res.errors, res.render()[:2000]
    times, cpu = [], []
    out = None
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = emit_arm(res.ir, res.graph)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    assert out is not None
    text_out = out.files["azuredeploy.json"]
    import json

    n_arm = len(json.loads(text_out)["resources"])
    codes: dict[str, int] = {}
    for d in out.diagnostics:
        codes[d.code] = codes.get(d.code, 0) + 1
    print(f"ADL resources        {len(res.ir.resources)}")
    print(f"graph edges          {res.graph.g.number_of_edges()}")
    print(f"compile              {t_compile:.2f} s")
    print(f"emit_arm best        {min(times):.2f} s")
    print(f"emit_arm median      {statistics.median(times):.2f} s  ({args.repeat} runs)")
    print(f"emit_arm CPU best    {min(cpu):.2f} s  (process time; the wall figures include machine load)")
    print(f"ARM resources        {n_arm}")
    print(f"template size        {len(text_out.encode()) / 1e6:.1f} MB")
    print(f"diagnostics          {dict(sorted(codes.items()))}")


if __name__ == "__main__":
    main()
