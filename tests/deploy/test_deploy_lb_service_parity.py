"""A service a load_balancer targets: Terraform and deploy build the same load balancers.

main.tf gives an exposed service an ALB of its own only when no load_balancer targets it (the
explicit load_balancer wins and forwards to the service); deploy used to build the service's own ALB
as well and leave the load_balancer's target group empty. Applied to moto, the load balancers deploy
creates are main.tf's, by count and by name, and the service is registered with the load_balancer's
target group on the service's port."""

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
TARGETED = """deployment shop { cloud = aws  region = "us-east-1" }
network core { cidr = "10.40.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8443  expose = https  network = core }
load_balancer edge { public = true  targets = [api]  network = core.public  access_logs = false }
"""
OWN = """deployment solo { cloud = aws  region = "us-east-1" }
network core { cidr = "10.41.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8080  expose = http  network = core }
"""


def _tf_lbs(src: str) -> dict[str, dict[str, Any]]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    return {label: attrs for block in doc["resource"] for t, body in block.items() if t == "aws_lb"
            for label, attrs in body.items()}


def _apply(src: str, tmp_path: Path, endpoint: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(src)
    capsys.readouterr()
    code = main(["apply", str(adl), "--endpoint", endpoint, "--state", str(state), "--auto-approve"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    return adl, state


@pytest.mark.parametrize(("src", "labels"), [(TARGETED, ["edge"]), (OWN, ["api_alb"])], ids=["targeted", "own"])
def test_deploy_builds_main_tf_s_load_balancers(src: str, labels: list[str], moto, tmp_path: Path,  # noqa: F811
                                               capsys: pytest.CaptureFixture[str]) -> None:
    tf = _tf_lbs(src)
    assert sorted(tf) == labels
    adl, state = _apply(src, tmp_path, moto.endpoint, capsys)
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    deployed = elb.describe_load_balancers()["LoadBalancers"]
    # same count, same names (Terraform names = deployed names)
    assert sorted(lb["LoadBalancerName"] for lb in deployed) == sorted(a["name"] for a in tf.values())

    phys = json.loads(state.read_text())["resources"]
    ecs = boto3.client("ecs", endpoint_url=moto.endpoint, region_name=REGION)
    svc = ecs.describe_services(cluster=phys["api"]["physical"]["cluster"], services=["api"])["services"][0]
    owner = phys["edge"]["physical"] if "edge" in phys else phys["api"]["physical"]
    # the service sits behind the one load balancer, on its own port
    assert [(b["targetGroupArn"], b["containerPort"]) for b in svc["loadBalancers"]] == [
        (owner["target_groups"]["api"], 8443 if "edge" in phys else 8080)]
    tg = elb.describe_target_groups(TargetGroupArns=[owner["target_groups"]["api"]])["TargetGroups"][0]
    assert tg["Port"] == svc["loadBalancers"][0]["containerPort"]

    capsys.readouterr()
    assert main(["destroy", str(adl), "--endpoint", moto.endpoint, "--state", str(state), "--auto-approve"]) == 0
    assert inventory(moto.endpoint, REGION) == []
