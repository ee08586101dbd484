"""A load_balancer put in front of a service with its own ALB, in a run that fails later: the rollback
leaves the service as it was, own ALB included (issue 13, round 5, item 5).

The service's in-place update (`own_alb`) removed the ALB at once; the rollback then called the
update again with the record from before, which could not build it again, and the restored state
named an ALB that no longer existed. The removal now runs last (the provider's `settle`), once
everything else of the run stands. Fault injection as tests/deploy/test_deploy_faults.py: the
first call of the api_gateway, whose wave comes after the load_balancer's (it depends on it), fails."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import CallLog, Cloud
from autodeploy.compiler import compile_source

REGION = "us-east-1"
OWN = """deployment solo { cloud = aws  region = "us-east-1" }
network core { cidr = "10.41.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8080  expose = http  network = core }
"""
FRONTED = OWN + ("load_balancer edge { public = true  protocol = http  port = 80  targets = [api]"
                 "  network = core.public  access_logs = false }\n"
                 "api_gateway front { targets = [api]  access_logs = false }\n")


@dataclass
class _FailGateway(CallLog):
    """The first mutating API Gateway call fails (the last wave of FRONTED)."""

    def before_call(self, model: Any, **kw: Any) -> None:
        super().before_call(model, **kw)
        if model.service_model.service_name == "apigatewayv2":
            raise ClientError({"Error": {"Code": "InjectedFault", "Message": "injected"}}, model.name)


def _compile(src: str) -> Any:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    return res


def _lbs(endpoint: str) -> list[str]:
    elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=REGION)
    return sorted(lb["LoadBalancerName"] for lb in elb.describe_load_balancers()["LoadBalancers"])


def _service_tgs(endpoint: str, phys: dict[str, Any]) -> list[str]:
    ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=REGION)
    svc = ecs.describe_services(cluster=phys["cluster"], services=[phys["service"]])["services"][0]
    return sorted(b["targetGroupArn"] for b in svc["loadBalancers"])


def test_a_failed_takeover_rolls_back_with_the_own_alb_intact(moto, tmp_path: Path) -> None:  # noqa: F811
    path = str(tmp_path / "state.json")
    cloud = Cloud(REGION, moto.endpoint)
    own = _compile(OWN)
    state = st.load(path, "solo", REGION, moto.endpoint)
    assert engine.apply(own.ir, own.graph, state, cloud, lambda _: None).exit_code == 0
    before_lbs, before_text = _lbs(moto.endpoint), Path(path).read_text()
    phys = state.resources["api"]["physical"]
    before_tgs = _service_tgs(moto.endpoint, phys)
    assert len(before_lbs) == 1 and before_tgs == sorted(phys["target_groups"].values())

    fronted = _compile(FRONTED)
    state = st.load(path, "solo", REGION, moto.endpoint)
    actions = engine.plan(fronted.ir, fronted.graph, state)
    assert ("api", "update", ("own_alb",)) in [(a.name, a.op, a.changed) for a in actions]
    cloud.calls = _FailGateway()
    out = engine.apply(fronted.ir, fronted.graph, state, cloud, lambda _: None, actions=actions)
    assert out.exit_code == 1 and any("InjectedFault" in d.message for d in out.diagnostics), out.diagnostics
    # rolled back: the state as it was, the own ALB still there and the service still behind it only
    assert Path(path).read_text() == before_text
    assert _lbs(moto.endpoint) == before_lbs
    assert _service_tgs(moto.endpoint, phys) == before_tgs

    # the same change without the fault: the ALB goes last, and nothing is left to plan
    cloud.calls = CallLog()
    state = st.load(path, "solo", REGION, moto.endpoint)
    out = engine.apply(fronted.ir, fronted.graph, state, cloud, lambda _: None)
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    rec = state.resources
    assert "lb_arn" not in rec["api"]["physical"]
    assert _lbs(moto.endpoint) == ["solo-edge"]
    assert _service_tgs(moto.endpoint, rec["api"]["physical"]) == [rec["edge"]["physical"]["target_groups"]["api"]]
    assert [a.op for a in engine.plan(fronted.ir, fronted.graph, state) if a.op != "noop"] == []
    assert engine.destroy(state, cloud, lambda _: None).exit_code == 0
    assert inventory(moto.endpoint, REGION) == []


@pytest.mark.parametrize("phase", ["settle"])
def test_a_failing_removal_is_coded_and_planned_again(phase: str, moto, tmp_path: Path,  # noqa: F811
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The removal itself failing: ADL5965, exit 1, the state records the ALB still there, and the
    next apply removes it."""
    from autodeploy.backends.deploy import kind_service

    path = str(tmp_path / "state.json")
    cloud = Cloud(REGION, moto.endpoint)
    own, fronted = _compile(OWN), _compile(OWN + FRONTED.split(OWN)[1].split("api_gateway")[0])
    state = st.load(path, "solo", REGION, moto.endpoint)
    assert engine.apply(own.ir, own.graph, state, cloud, lambda _: None).exit_code == 0

    def broken(*_: Any) -> None:
        raise ClientError({"Error": {"Code": "Throttling", "Message": "slow down"}}, "DeleteLoadBalancer")

    with monkeypatch.context() as m:
        m.setattr(kind_service, "delete_alb", broken)
        out = engine.apply(fronted.ir, fronted.graph, state, cloud, lambda _: None)
    assert out.exit_code == 1 and [d.code for d in out.diagnostics if d.severity.name == "ERROR"] == ["ADL5965"]
    state = st.load(path, "solo", REGION, moto.endpoint)
    assert state.resources["api"]["physical"].get("lb_arn") and "edge" in state.resources
    assert [(a.name, a.changed) for a in engine.plan(fronted.ir, fronted.graph, state) if a.op != "noop"] == [
        ("api", ("own_alb",))]
    out = engine.apply(fronted.ir, fronted.graph, state, cloud, lambda _: None)
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    assert _lbs(moto.endpoint) == ["solo-edge"]
    assert engine.destroy(state, cloud, lambda _: None).exit_code == 0
    assert inventory(moto.endpoint, REGION) == []
