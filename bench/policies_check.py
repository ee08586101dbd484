"""Time the compliance gate on generated 1,000- and 10,000-resource deployments: the local
engine end to end (input JSON -> one `opa eval` -> findings -> waivers -> sort), the OPA
server engine, and checkov on the equivalent Terraform when both are available.

    .venv/bin/python bench/policies_check.py [N ...] [--checkov-max N]
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

from autodeploy.compiler import compile_source
from autodeploy.policies.engine import evaluate
from autodeploy.policies.opa import REPO_ROOT, find_opa

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOV = REPO_ROOT / ".tools" / "checkov" / "bin" / "checkov"
TODAY = "2026-11-26"


def _generator():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("gen_adl", os.path.join(HERE, "gen_adl.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.generate


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server(opa: str):  # noqa: ANN202
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen([opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    return proc, url


def _checkov(res, limit: int) -> str:  # type: ignore[no-untyped-def]
    if len(res.ir.resources) > limit:
        return (f"skipped above {limit:,} resources (1,000 took ~508 s here: 2.4 MB main.tf; "
                "raise with --checkov-max N)")
    try:
        from autodeploy.backends.terraform import emit_terraform
    except ImportError:
        return "skipped (autodeploy.backends.terraform not importable)"
    if not CHECKOV.exists():
        return f"skipped ({CHECKOV} not installed)"
    out = emit_terraform(res.ir, res.graph, "hcl")
    text_sizes = [len(t) for t in out.files.values()]
    with tempfile.TemporaryDirectory() as d:
        for name, text in out.files.items():
            path = os.path.join(d, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        # checkov gives up parsing a .tf file after 10 s by default; a 10k-resource main.tf needs more
        env = dict(os.environ, HCL_PARSE_TIMEOUT_SEC="3600")
        t0 = time.perf_counter()
        proc = subprocess.run([str(CHECKOV), "-d", d, "--framework", "terraform", "--quiet", "--compact",
                               "-o", "json", "--skip-download"], capture_output=True, text=True, check=False,
                              timeout=3600, env=env)
        took = time.perf_counter() - t0
    try:
        doc = json.loads(proc.stdout)
        docs = doc if isinstance(doc, list) else [doc]
        failed = sum(int(x.get("summary", {}).get("failed", 0)) for x in docs)
        passed = sum(int(x.get("summary", {}).get("passed", 0)) for x in docs)
        resources = sum(int(x.get("summary", {}).get("resource_count", 0)) for x in docs)
        return (f"{took:.1f} s, {sum(text_sizes) / 1e6:.1f} MB HCL ({resources:,} terraform resources, "
                f"{passed:,} passed / {failed:,} failed checks)")
    except ValueError:
        return f"{took:.1f} s (exit {proc.returncode}; output not JSON: {proc.stderr.strip()[:200]})"


def bench(n: int, opa: str, checkov_max: int) -> None:
    text = _generator()(n, "aws")
    t0 = time.perf_counter()
    res = compile_source(text, "bench.adl")
    t_compile = time.perf_counter() - t0
    assert res.ok and res.ir is not None, res.render()[:2000]
    ir_bytes = len(json.dumps(res.ir.to_json()))
    times, report = [], None
    for _ in range(3):
        t0 = time.perf_counter()
        report = evaluate(res.ir, cost={"total_monthly": 1000.0, "currency": "USD"}, today=TODAY)
        times.append(time.perf_counter() - t0)
    assert report is not None
    proc, url = _server(opa)
    try:
        srv = []
        for _ in range(2):  # the first run uploads the library, the second finds it there
            t0 = time.perf_counter()
            sreport = evaluate(res.ir, cost={"total_monthly": 1000.0, "currency": "USD"}, opa_url=url,
                               today=TODAY)
            srv.append(time.perf_counter() - t0)
    finally:
        proc.terminate()
        proc.wait()
    assert sreport.findings == report.findings, "engines disagree"
    print(f"resources              {len(res.ir.resources):,} (IR JSON {ir_bytes / 1e6:.1f} MB, "
          f"compile {t_compile:.2f} s)")
    print(f"findings               {len(report.findings):,} from {len(report.rules)} rules")
    print(f"local opa eval         first {times[0]:.2f} s, then {min(times[1:]):.2f} s (end to end)")
    print(f"opa server             cold {srv[0]:.2f} s (uploads library), warm {srv[1]:.2f} s")
    print(f"checkov (terraform)    {_checkov(res, checkov_max)}")


def main(argv: list[str]) -> None:
    import argparse

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000])
    p.add_argument("--checkov-max", type=int, default=1_000, help="run checkov only up to this many resources")
    args = p.parse_args(argv)
    opa = find_opa()
    for n in args.sizes:
        print(f"== {n:,} resources")
        bench(n, opa, args.checkov_max)


if __name__ == "__main__":
    main(sys.argv[1:])
