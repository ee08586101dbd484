"""Fault injection: make the k-th mutating AWS call of an apply fail, for every k.

After each failed apply nothing the run created may remain in the (real, moto) cloud and
the state file must be byte-identical to what it was before the run.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from moto_server import EXAMPLES, inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import CallLog, Cloud
from autodeploy.compiler import compile_file

CASES = {
    "patient-portal": {"ec2", "logs", "iam", "kms", "s3", "rds", "ecs", "elbv2", "acm", "cloudtrail"},
    "serverless-pipeline": {"kms", "s3", "sqs", "dynamodb", "lambda", "iam", "events", "cloudtrail", "logs"},
}


@pytest.mark.parametrize("example", sorted(CASES))
def test_every_failing_call_rolls_back(moto, tmp_path: Path, example: str) -> None:  # noqa: F811
    result = compile_file(EXAMPLES / f"{example}.adl")
    assert result.ok and result.ir is not None and result.graph is not None
    ir, graph = result.ir, result.graph
    region, services = ir.deployment.region, CASES[example]
    cloud = Cloud(region, moto.endpoint)
    try:
        # a clean apply tells how many mutating calls there are
        path = str(tmp_path / "state.json")
        clean = st.load(path, ir.deployment.name, region, moto.endpoint)
        cloud.calls = CallLog()
        assert engine.apply(ir, graph, clean, cloud, lambda _: None).exit_code == 0
        total = cloud.calls.mutating
        assert total >= 20, total
        assert engine.destroy(clean, cloud, lambda _: None).exit_code == 0
        assert inventory(moto.endpoint, region, services) == []

        # the pre-run state: a valid file for this deployment (restored byte for byte)
        pre = json.dumps({"schema_version": 1, "deployment": ir.deployment.name, "endpoint": moto.endpoint,
                          "region": region, "resources": {}}, indent=1) + "\n"
        problems: list[str] = []
        t0 = time.monotonic()
        for k in range(1, total + 1):
            Path(path).write_text(pre)
            state = st.load(path, ir.deployment.name, region, moto.endpoint)
            cloud.calls = CallLog(fail_at=k)
            out = engine.apply(ir, graph, state, cloud, lambda _: None)
            msgs = [d.message for d in out.diagnostics if d.code == "ADL5104"]
            if out.exit_code != 1 or not any("InjectedFault" in m for m in msgs):
                problems.append(f"k={k}: exit {out.exit_code}, {msgs}")
            if any(d.code == "ADL5107" for d in out.diagnostics):
                problems.append(f"k={k}: rollback incomplete: {[d.message for d in out.diagnostics]}")
            left = inventory(moto.endpoint, region, services)
            if left:
                problems.append(f"k={k} ({msgs}): left behind {left}")
                moto.reset()  # keep the next k independent of this one's leftovers
            if Path(path).read_text() != pre:
                problems.append(f"k={k}: state file changed")
        assert not problems, "\n".join(problems)
        print(f"{example}: {total} fault points in {time.monotonic() - t0:.1f}s")
    finally:
        cloud.close()
