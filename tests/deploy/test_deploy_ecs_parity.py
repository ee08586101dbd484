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


def _active_clusters(endpoint: str) -> dict[str, list[str]]:
    """Active cluster name -> the active services in it."""
    ecs = boto3.client("ecs", endpoint_url=endpoint, region_name=REGION)
    arns = ecs.list_clusters()["clusterArns"]
    out: dict[str, list[str]] = {}
    for c in ecs.describe_clusters(clusters=arns)["clusters"] if arns else []:
        if c["status"] != "ACTIVE":
            continue
        svcs = ecs.list_services(cluster=c["clusterName"])["serviceArns"]
        out[c["clusterName"]] = sorted(s["serviceName"] for s in (ecs.describe_services(
            cluster=c["clusterName"], services=svcs)["services"] if svcs else []) if s["status"] == "ACTIVE")
    return out


def _tf_clusters(doc: dict[str, Any]) -> list[str]:
    """main.tf's cluster names, `var.name_prefix` at its default."""
    prefix = next(v["name_prefix"]["default"] for v in doc["variable"] if "name_prefix" in v)
    return sorted(a["name"].replace("${var.name_prefix}", prefix)
                  for a in tf_resources(doc, "aws_ecs_cluster").values())


ONLY_API = SRC.split("service web")[0]


def test_one_shared_cluster_as_main_tf(moto, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    doc = tf_doc(SRC)
    assert _tf_clusters(doc) == ["shop"]
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(SRC)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    # the same count and name: one cluster, main.tf's, holding both services
    assert _active_clusters(moto.endpoint) == {"shop": ["api", "web"]}
    families = {t["family"] for t in tf_resources(doc, "aws_ecs_task_definition").values()}
    ecs = boto3.client("ecs", endpoint_url=moto.endpoint, region_name=REGION)
    deployed = {ecs.describe_task_definition(taskDefinition=a)["taskDefinition"]["family"]
                for a in ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]}
    assert deployed == {f.replace("${var.name_prefix}", "shop") for f in families}
    # one service goes: the cluster stays for the other
    adl.write_text(ONLY_API)
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _active_clusters(moto.endpoint) == {"shop": ["api"]}
    # the last goes: the cluster with it
    code, out = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _active_clusters(moto.endpoint) == {}
    assert inventory(moto.endpoint, REGION) == []


def test_a_service_recorded_with_its_own_cluster_keeps_it(moto, tmp_path: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """State is sacred: a service a previous release deployed into a cluster of its own is neither
    moved nor orphaned. The plan changes nothing of it, new services go into the shared cluster,
    and its own cluster goes when it goes."""
    from autodeploy.backends.aws import service as facts

    web_only = SRC.split("service api")[0] + "service web" + SRC.split("service web")[1]
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    adl.write_text(web_only)
    with monkeypatch.context() as m:  # what the release before did: a cluster per service
        m.setattr(facts, "cluster_name", lambda deployment: "ad-shop-web-0a1b2c")
        code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _active_clusters(moto.endpoint) == {"ad-shop-web-0a1b2c": ["web"]}
    code, out = cli(capsys, "plan", str(adl), *common)
    assert code == 0 and "Plan: 0 to create, 0 to update, 0 to delete" in out, out
    adl.write_text(SRC)
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _active_clusters(moto.endpoint) == {"ad-shop-web-0a1b2c": ["web"], "shop": ["api"]}
    code, out = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _active_clusters(moto.endpoint) == {}
    assert inventory(moto.endpoint, REGION) == []
