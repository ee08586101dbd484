"""Latency of `autodeploy serve`: /v1/check, /v1/cost and /v1/compile on examples/patient-portal.adl
over HTTP on 127.0.0.1 (workers warm, history recorded), sequential and with 4 clients, next to
the CLI's `autodeploy check` (a fresh process per run, as a CI job pays it).

    .venv/bin/python bench/service.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from autodeploy.service.app import create_app
from autodeploy.service.config import ServiceConfig

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"
BODY = {"source": (EX / "patient-portal.adl").read_text(), "filename": "patient-portal.adl",
        "imports": {"lib/network.adl": (EX / "lib" / "network.adl").read_text()}}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def line(name: str, xs: list[float]) -> str:
    return (f"  {name:<28} n={len(xs):<4} p50 {1000 * statistics.median(xs):7.1f} ms  "
            f"p95 {1000 * pct(xs, 95):7.1f} ms  max {1000 * max(xs):7.1f} ms")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    tmp = tempfile.mkdtemp()
    cfg = ServiceConfig(history=os.path.join(tmp, "h.duckdb"), tokens=os.path.join(tmp, "t.json"))
    server = uvicorn.Server(uvicorn.Config(create_app(cfg), host="127.0.0.1", port=0, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    with httpx.Client(timeout=120) as c:
        while c.get(f"{url}/readyz").status_code != 200:
            time.sleep(0.1)
        for op in ("compile", "check", "cost"):
            assert c.post(f"{url}/v1/{op}", json=BODY).status_code == 200  # warm each path once

        def timed(op: str) -> float:
            t = time.perf_counter()
            r = c.post(f"{url}/v1/{op}", json=BODY)
            assert r.status_code == 200, r.text
            return time.perf_counter() - t

        print(f"autodeploy serve, {cfg.pool_size} worker(s), examples/patient-portal.adl, {os.cpu_count()} cores")
        for op in ("check", "cost", "compile"):
            print(line(f"POST /v1/{op} (sequential)", [timed(op) for _ in range(n)]))
        with ThreadPoolExecutor(4) as pool:
            t0 = time.perf_counter()
            xs = list(pool.map(lambda _: timed("check"), range(n)))
            wall = time.perf_counter() - t0
        print(line("POST /v1/check (4 clients)", xs) + f"  {n / wall:.1f} req/s")
    cli = []
    for _ in range(min(n, 5)):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autodeploy", "check", "patient-portal.adl", "--format", "json"],
                       cwd=EX, capture_output=True, check=False)
        cli.append(time.perf_counter() - t)
    print(line("CLI autodeploy check", cli))
    server.should_exit = True


if __name__ == "__main__":
    main()
