"""Load test of the REST service (`autodeploy serve`, docs/service.md): N `POST /v1/check`
requests of examples/patient-portal.adl from C concurrent clients on 127.0.0.1. Reports
throughput and p50/p99 latency, and checks that every answer equals the CLI's
(`autodeploy check --format json` on the same files: same exit code, same report).

Run: .venv/bin/python bench/load_service.py [--requests 200] [--clients 8] [--workers 2]
     [--url http://127.0.0.1:8700]   (an already running service; default: start one)

Bounded: every request has a timeout and the whole run a deadline (--deadline, 900 s). Exit 0
when every answer matched, 1 when one did not (or a request failed), 2 when the service could not
be started (it needs the `service` extra: fastapi + uvicorn)."""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = "patient-portal.adl"
TODAY = "2026-11-26"  # pinned: waiver expiry must not differ between the CLI run and the requests


def example_files(name: str) -> dict[str, Any]:
    """{"source", "filename", "imports"} of examples/<name>, imports read transitively."""
    main = EXAMPLES / name
    imports: dict[str, str] = {}
    todo = [main]
    while todo:
        path = todo.pop()
        for rel in re.findall(r'^import\s+"([^"]+)"', path.read_text(encoding="utf-8"), re.M):
            target = (path.parent / rel).resolve()
            key = target.relative_to(EXAMPLES).as_posix()
            if key not in imports and target.exists():
                imports[key] = target.read_text(encoding="utf-8")
                todo.append(target)
    return {"source": main.read_text(encoding="utf-8"), "filename": name, "imports": imports}


def cli_answer(files: dict[str, Any], tmp: Path) -> tuple[int, Any]:
    """The CLI's exit code and JSON report, run in a folder holding exactly the request's files."""
    for name, text in [(files["filename"], files["source"]), *files["imports"].items()]:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    exe = Path(sys.executable).parent / "autodeploy"
    proc = subprocess.run([str(exe), "check", files["filename"], "--format", "json", "--today", TODAY],
                          cwd=tmp, capture_output=True, text=True, timeout=300, check=False)
    return proc.returncode, json.loads(proc.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(tmp: Path, workers: int, queue: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    exe = Path(sys.executable).parent / "autodeploy"
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--workers", str(workers), "--queue", str(queue),
         "--history", str(tmp / "history.duckdb"), "--tokens", str(tmp / "tokens.json")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    proc.kill()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    raise SystemExit(f"load_service: the service did not become ready on {url}: {err.strip()[-500:]}")


def one_request(url: str, body: bytes, timeout: float) -> tuple[float, int, Any]:
    req = urllib.request.Request(f"{url}/v1/check", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    seconds = time.perf_counter() - started
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = raw.decode(errors="replace")
    return seconds, status, doc


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="service worker processes (started service only)")
    ap.add_argument("--url", help="a running service (default: start `autodeploy serve` on a free port)")
    ap.add_argument("--timeout", type=float, default=120.0, help="per request (s)")
    ap.add_argument("--deadline", type=float, default=900.0, help="for the whole run (s)")
    args = ap.parse_args(argv)
    if not (1 <= args.requests <= 10_000 and 1 <= args.clients <= 64):
        ap.error("--requests 1..10000, --clients 1..64")
    if args.url is None and (importlib.util.find_spec("autodeploy.service") is None
                             or importlib.util.find_spec("uvicorn") is None):
        print("load_service: not run: `autodeploy serve` is not installed here (the service package and the "
              "`service` extra: fastapi + uvicorn)", file=sys.stderr)
        return 2
    files = example_files(EXAMPLE)
    body = json.dumps({**files, "today": TODAY}).encode()
    with tempfile.TemporaryDirectory(prefix="autodeploy-load-") as tmp_name:
        tmp = Path(tmp_name)
        cli_dir = tmp / "cli"
        cli_dir.mkdir()
        expected_code, expected = cli_answer(files, cli_dir)
        proc = None
        url = args.url
        if url is None:
            # every client may wait for a worker: a queue of `clients` means no 429 by design
            proc, url = start_service(tmp, args.workers, args.clients)
        try:
            one_request(url, body, args.timeout)  # warm-up (worker imports, OPA annotations cache): not counted
            results: list[tuple[float, int, Any]] = []
            ends = time.monotonic() + args.deadline
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
                futures = [pool.submit(one_request, url, body, args.timeout) for _ in range(args.requests)]
                for f in futures:
                    results.append(f.result(timeout=max(0.1, ends - time.monotonic())))
            wall = time.perf_counter() - started
        finally:
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
    latencies = [s for s, _, _ in results]
    statuses: dict[int, int] = {}
    mismatched = 0
    for _, status, doc in results:
        statuses[status] = statuses.get(status, 0) + 1
        ok = (status == 200 and isinstance(doc, dict) and doc.get("exit_code") == expected_code
              and doc.get("check") == expected)
        mismatched += not ok
    summary = {
        "example": f"examples/{EXAMPLE}",
        "requests": len(results),
        "clients": args.clients,
        "workers": args.workers if args.url is None else None,
        "cpus": os.cpu_count(),
        "seconds": round(wall, 2),
        "throughput_rps": round(len(results) / wall, 2),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "cli_exit_code": expected_code,
        "all_equal_cli": mismatched == 0,
        "mismatched": mismatched,
    }
    print(json.dumps(summary, indent=2))
    return 0 if mismatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
