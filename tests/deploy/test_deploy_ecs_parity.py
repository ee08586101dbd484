"""ECS services: Terraform and deploy name and count the same containers and clusters (issue 13,
round 5).

deploy named every service's container `app` where main.tf names it after the service, so a
load balancer block written by one named a container the other's task definition does not have.
Applied to moto, the containers of the task definitions deploy registers are main.tf's, and the
ECS service's load balancers name them."""

from __future__ import annotations

import json
import re
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
SRC = """deployment shop { cloud = aws  region = "us-east-1" }
network core { cidr = "10.40.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8443  expose = https  network = core }
service web { image = "nginx:1.27"  port = 8080  expose = internal  network = core }
load_balancer inner { protocol = http  port = 80  targets = [web]  network = core.private  access_logs = false }
"""


def tf_doc(src: str) -> dict[str, Any]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    return dict(hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"]))


def tf_resources(doc: dict[str, Any], rtype: str) -> dict[str, dict[str, Any]]:
    return {label: attrs for block in doc["resource"] for t, body in block.items() if t == rtype
            for label, attrs in body.items()}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _tf_containers(doc: dict[str, Any]) -> dict[str, list[str]]:
    """service -> the container names of its main.tf task definition (inside `jsonencode(...)`)."""
    return {label: re.findall(r'\{"name": "([^"]+)", "image"', a["container_definitions"])
            for label, a in tf_resources(doc, "aws_ecs_task_definition").items()}


def test_containers_are_main_tf_s(moto, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    doc = tf_doc(SRC)
    tf_containers = _tf_containers(doc)
    assert tf_containers == {"api": ["api"], "web": ["web"]}
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(SRC)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    ecs = boto3.client("ecs", endpoint_url=moto.endpoint, region_name=REGION)
    phys = {n: r["physical"] for n, r in json.loads(state.read_text())["resources"].items()}
    tf_blocks = tf_resources(doc, "aws_ecs_service")
    for svc in ("api", "web"):
        td = ecs.describe_task_definition(taskDefinition=phys[svc]["task_definition"])["taskDefinition"]
        assert [c["name"] for c in td["containerDefinitions"]] == tf_containers[svc]
        live = ecs.describe_services(cluster=phys[svc]["cluster"], services=[svc])["services"][0]
        # the service's load balancers (its own ALB's, the load_balancer's) name main.tf's container
        assert [b["containerName"] for b in live["loadBalancers"]] == [
            b["container_name"] for b in tf_blocks[svc]["load_balancer"]]
    code, out = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert inventory(moto.endpoint, REGION) == []
