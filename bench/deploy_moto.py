"""Bench: apply examples/patient-portal.adl to a fresh moto server, then re-apply.

Targets: apply <= 20 s, re-apply <= 3 s. Prints the figures; not run in CI.
Usage: .venv/bin/python bench/deploy_moto.py [example.adl]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "deploy"))

from moto_server import MotoServer, inventory  # noqa: E402

from autodeploy.backends.deploy import engine  # noqa: E402
from autodeploy.backends.deploy import state as st  # noqa: E402
from autodeploy.backends.deploy.cloud import CallLog, Cloud  # noqa: E402
from autodeploy.compiler import compile_file  # noqa: E402


def main() -> int:
    for k, v in (("AWS_ACCESS_KEY_ID", "bench"), ("AWS_SECRET_ACCESS_KEY", "bench"),
                 ("AWS_DEFAULT_REGION", "us-east-1")):
        os.environ.setdefault(k, v)
    example = sys.argv[1] if len(sys.argv) > 1 else str(HERE.parent / "examples" / "patient-portal.adl")
    result = compile_file(example)
    assert result.ok and result.ir is not None and result.graph is not None, result.render()
    ir, graph = result.ir, result.graph
    region = ir.deployment.region
    server = MotoServer()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "state.json")
            rows = []
            # cold: a fresh server and a fresh process-level Cloud (client creation included)
            cloud = Cloud(region, server.endpoint)
            state = st.load(path, ir.deployment.name, region, server.endpoint)
            t = time.perf_counter()
            out = engine.apply(ir, graph, state, cloud, lambda _: None)
            rows.append(("apply (fresh moto server)", time.perf_counter() - t, cloud.calls.mutating, out.exit_code))
            cloud.calls = CallLog()
            state = st.load(path, ir.deployment.name, region, server.endpoint)
            t = time.perf_counter()
            out = engine.apply(ir, graph, state, cloud, lambda _: None)
            rows.append(("re-apply (no changes)", time.perf_counter() - t, cloud.calls.mutating, out.exit_code))
            # the same through the CLI in a new process (interpreter start + compile + gate + plan)
            cli = [sys.executable, "-m", "autodeploy", "apply", example, "--endpoint", server.endpoint,
                   "--state", path, "--auto-approve"]
            t = time.perf_counter()
            proc = subprocess.run(cli, capture_output=True, text=True, check=False)
            rows.append(("re-apply via CLI process", time.perf_counter() - t, 0, proc.returncode))
            cloud.calls = CallLog()
            t = time.perf_counter()
            out = engine.destroy(state, cloud, lambda _: None)
            rows.append(("destroy", time.perf_counter() - t, cloud.calls.mutating, out.exit_code))
            left = inventory(server.endpoint, region)
            # the same apply on the now-warm server separates moto's first-touch start-up
            # (EC2 AMI catalogue, IAM managed policies) from the deploy engine's own time
            os.unlink(path)
            cloud.calls = CallLog()
            state = st.load(path, ir.deployment.name, region, server.endpoint)
            t = time.perf_counter()
            out = engine.apply(ir, graph, state, cloud, lambda _: None)
            rows.append(("apply again (warm server)", time.perf_counter() - t, cloud.calls.mutating, out.exit_code))
            cloud.close()
    finally:
        server.stop()
    print(f"example: {os.path.relpath(example)}  ({len(ir.resources)} resources, {len(graph.waves())} waves)")
    print(f"{'step':<28}{'seconds':>9}{'mutating calls':>16}{'exit':>6}")
    for name, secs, calls, code in rows:
        print(f"{name:<28}{secs:>9.2f}{calls:>16}{code:>6}")
    print(f"targets: apply <= 20 s: {'ok' if rows[0][1] <= 20 else 'MISSED'}; "
          f"re-apply <= 3 s: {'ok' if max(rows[1][1], rows[2][1]) <= 3 else 'MISSED'}; "
          f"left behind after destroy: {len(left)}")
    print(f"machine load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
