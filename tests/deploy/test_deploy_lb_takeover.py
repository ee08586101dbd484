"""A load_balancer put in front of a service that had its own ALB (and taken away again): apply
converges to what main.tf declares, and plan says so first (issue 13, round 4, item 5).

The service's own attributes do not change, so the hash alone planned nothing for it and deploy
left the old `<service>_alb` running beside the new load balancer, where Terraform destroys it.
The service provider's `derived` hook plans an in-place update (`own_alb`) that removes the ALB
(or builds it again when the last load_balancer in front goes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import hcl2
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.terraform import emit_terraform
from autodeploy.cli import main
from autodeploy.compiler import compile_source

REGION = "us-east-1"
OWN = """deployment solo { cloud = aws  region = "us-east-1" }
network core { cidr = "10.41.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8080  expose = http  network = core }
"""
FRONTED = OWN + ("load_balancer edge { public = true  protocol = http  port = 80  targets = [api]"
                 "  network = core.public  access_logs = false }\n")


def _tf_names(src: str) -> tuple[list[str], list[str]]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    got: dict[str, list[str]] = {"aws_lb": [], "aws_lb_target_group": []}
    for block in doc["resource"]:
        for rtype, body in block.items():
            if rtype in got:
                got[rtype] += [a["name"] for a in body.values()]
    return sorted(got["aws_lb"]), sorted(got["aws_lb_target_group"])


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _deployed(endpoint: str) -> tuple[list[str], list[str]]:
    elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=REGION)
    return (sorted(lb["LoadBalancerName"] for lb in elb.describe_load_balancers()["LoadBalancers"]),
            sorted(g["TargetGroupName"] for g in elb.describe_target_groups()["TargetGroups"]))


def _service_tgs(endpoint: str, phys: dict[str, Any]) -> list[str]:
    ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=REGION)
    elb = boto3.client("elbv2", endpoint_url=endpoint, region_name=REGION)
    svc = ecs.describe_services(cluster=phys["cluster"], services=["api"])["services"][0]
    arns = [b["targetGroupArn"] for b in svc["loadBalancers"]]
    return sorted(g["TargetGroupName"] for g in elb.describe_target_groups(TargetGroupArns=arns)["TargetGroups"])


def _change(src: str, edge_line: str, adl: Path, common: list[str], endpoint: str,
            capsys: pytest.CaptureFixture[str]) -> None:
    """Write `src`; plan shows the service's in-place update first; apply converges to main.tf."""
    adl.write_text(src)
    code, out = _cli(capsys, "plan", str(adl), *common)
    assert "~ api (service): update  (own_alb)" in out and edge_line in out, out
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _deployed(endpoint) == _tf_names(src)
    state = Path(common[common.index("--state") + 1])
    assert _service_tgs(endpoint, json.loads(state.read_text())["resources"]["api"]["physical"]) == _tf_names(src)[1]
    assert "Plan: 0 to create, 0 to update, 0 to delete" in _cli(capsys, "plan", str(adl), *common)[1]


def test_a_load_balancer_taking_over_a_service_removes_its_own_alb(moto, tmp_path: Path,  # noqa: F811
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    adl.write_text(OWN)
    assert _cli(capsys, "apply", str(adl), *common, "--auto-approve")[0] == 0
    assert _deployed(moto.endpoint) == _tf_names(OWN)

    # a load_balancer in front: Terraform destroys api_alb; deploy converges to main.tf's names only
    _change(FRONTED, "+ edge (load_balancer): create", adl, common, moto.endpoint, capsys)
    phys = json.loads(state.read_text())["resources"]["api"]["physical"]
    assert "lb_arn" not in phys and "target_groups" not in phys
    # and back: the load_balancer goes, the service gets its own ALB again, as main.tf declares
    _change(OWN, "- edge (load_balancer): delete", adl, common, moto.endpoint, capsys)

    assert _cli(capsys, "destroy", str(adl), *common, "--auto-approve")[0] == 0
    assert inventory(moto.endpoint, REGION) == []
