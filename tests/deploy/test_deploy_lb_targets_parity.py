"""Load balancers with several targets, and a service behind several load balancers: Terraform and
deploy name and count the same target groups (issue 13, round 4).

deploy used to build one target group per load_balancer (named for its first target) where main.tf
has one per target, and `update_service` kept only the last load balancer of a service behind two.
Applied to moto, every target group main.tf declares exists under its name, port, protocol and
target type; the listener forwards to the same groups; the ECS service lists the target groups
main.tf's `load_balancer` blocks name; removing one load balancer leaves the other's attachment."""

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
HEAD = """deployment shop { cloud = aws  region = "us-east-1" }
network core { cidr = "10.40.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8443  expose = https  network = core }
service web { image = "nginx:1.27"  port = 8080  expose = internal  network = core }
"""
EDGE = "load_balancer edge { public = true  targets = [api, web]  network = core.public  access_logs = false }\n"
INNER = ("load_balancer inner { protocol = http  port = 80  targets = [api]  network = core.private"
         "  access_logs = false }\n")
TWO = HEAD + EDGE + INNER


def _tf(src: str) -> dict[str, dict[str, dict[str, Any]]]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for block in doc["resource"]:
        for rtype, body in block.items():
            for label, attrs in body.items():
                out.setdefault(rtype, {})[label] = attrs
    return out


def _label(expr: str) -> str:
    """`${aws_lb_target_group.<label>.arn}` -> label."""
    m = re.fullmatch(r"\$\{aws_lb_target_group\.(\w+)\.arn\}", expr)
    assert m, expr
    return m.group(1)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _tg_names(elb: Any, arns: list[str]) -> dict[str, str]:
    return {g["TargetGroupArn"]: g["TargetGroupName"] for g in elb.describe_target_groups(
        TargetGroupArns=arns)["TargetGroups"]} if arns else {}


def _service_tg_names(ecs: Any, elb: Any, cluster: str, name: str) -> list[str]:
    svc = ecs.describe_services(cluster=cluster, services=[name])["services"][0]
    names = _tg_names(elb, [b["targetGroupArn"] for b in svc["loadBalancers"]])
    return sorted(names[b["targetGroupArn"]] for b in svc["loadBalancers"])


def test_target_groups_and_service_attachments_are_main_tf_s(moto, tmp_path: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    tf = _tf(TWO)
    tf_tgs = tf["aws_lb_target_group"]
    assert sorted(tf_tgs) == ["edge_api", "edge_web", "inner_api"]  # one per target
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(TWO)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    ecs = boto3.client("ecs", endpoint_url=moto.endpoint, region_name=REGION)
    deployed = elb.describe_target_groups()["TargetGroups"]
    # item 1: same count, names, ports, protocols, target types
    assert sorted((g["TargetGroupName"], g["Port"], g["Protocol"], g["TargetType"]) for g in deployed) == sorted(
        (a["name"], a["port"], a["protocol"], a["target_type"]) for a in tf_tgs.values())
    by_name = {g["TargetGroupName"]: g for g in deployed}
    for a in tf_tgs.values():  # the health check main.tf declares
        hc, g = a["health_check"][0], by_name[a["name"]]
        assert (g["HealthCheckProtocol"], g["HealthCheckPath"], g["Matcher"]["HttpCode"]) == (
            hc["protocol"], hc["path"], hc["matcher"])
    phys = {n: r["physical"] for n, r in json.loads(state.read_text())["resources"].items()}
    # the listener forwards to the groups main.tf's listener forwards to
    for lb in ("edge", "inner"):
        action = elb.describe_listeners(LoadBalancerArn=phys[lb]["lb_arn"])["Listeners"][0]["DefaultActions"][0]
        arns = ([g["TargetGroupArn"] for g in action["ForwardConfig"]["TargetGroups"]]
                if "ForwardConfig" in action and len(action["ForwardConfig"]["TargetGroups"]) > 1
                else [action["TargetGroupArn"]])
        tf_action = tf["aws_lb_listener"][lb]["default_action"][0]
        tf_labels = ([_label(t["arn"]) for t in tf_action["forward"][0]["target_group"]] if "forward" in tf_action
                     else [_label(tf_action["target_group_arn"])])
        assert sorted(_tg_names(elb, arns).values()) == sorted(tf_tgs[t]["name"] for t in tf_labels)
    # item 2: the ECS services sit behind every group main.tf's `load_balancer` blocks name
    for svc in ("api", "web"):
        tf_blocks = tf["aws_ecs_service"][svc]["load_balancer"]
        assert _service_tg_names(ecs, elb, phys[svc]["cluster"], svc) == sorted(
            tf_tgs[_label(b["target_group_arn"])]["name"] for b in tf_blocks)
    assert len(tf["aws_ecs_service"]["api"]["load_balancer"]) == 2

    # the inner load balancer goes: api keeps edge's target group (only inner's own is removed)
    adl.write_text(HEAD + EDGE)
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _service_tg_names(ecs, elb, phys["api"]["cluster"], "api") == [tf_tgs["edge_api"]["name"]]
    assert sorted(g["TargetGroupName"] for g in elb.describe_target_groups()["TargetGroups"]) == sorted(
        a["name"] for a in _tf(HEAD + EDGE)["aws_lb_target_group"].values())

    code, out = _cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert inventory(moto.endpoint, REGION) == []


NO_TARGETS = HEAD.replace("expose = https", "expose = internal") + (
    "load_balancer edge { public = true  protocol = http  port = 80  network = core.public  access_logs = false }\n")


def test_a_load_balancer_with_no_target_answers_404_as_main_tf(moto, tmp_path: Path,  # noqa: F811
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    tf = _tf(NO_TARGETS)
    assert "aws_lb_target_group" not in tf
    assert tf["aws_lb_listener"]["edge"]["default_action"][0]["fixed_response"][0]["status_code"] == "404"
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(NO_TARGETS)
    code, out = _cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--state", str(state),
                     "--auto-approve")
    assert code == 0, out
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    assert elb.describe_target_groups()["TargetGroups"] == []
    lb = json.loads(state.read_text())["resources"]["edge"]["physical"]["lb_arn"]
    action = elb.describe_listeners(LoadBalancerArn=lb)["Listeners"][0]["DefaultActions"][0]
    assert (action["Type"], action["FixedResponseConfig"]["StatusCode"]) == ("fixed-response", "404")


def test_a_target_with_no_recorded_service_fails_closed(moto, tmp_path: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Item 3: a service the state records without its ECS service id is not silently left out of
    the load balancer: ADL5962, exit 1, the load balancer rolled back."""
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    alone = HEAD.replace("expose = https", "expose = internal")
    adl.write_text(alone)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    assert _cli(capsys, "apply", str(adl), *common, "--auto-approve")[0] == 0
    doc = json.loads(state.read_text())
    del doc["resources"]["web"]["physical"]["service"]
    state.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    adl.write_text(alone + "load_balancer edge { public = true  targets = [web]  network = core.public"
                           "  access_logs = false }\n")
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 1 and "ADL5962" in out and "`edge` cannot put `web` (service) behind it" in out, out
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    assert elb.describe_load_balancers()["LoadBalancers"] == []  # rolled back
    assert elb.describe_target_groups()["TargetGroups"] == []
    assert "edge" not in json.loads(state.read_text())["resources"]


MIXED = """deployment mix { cloud = aws  region = "us-east-1" }
network core { cidr = "10.42.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
vm box { instance = "t3.micro"  count = 1..2  network = core }
function hook { runtime = python3.12 }
load_balancer edge { public = true  protocol = http  port = 80  targets = [box, hook]  network = core.public
  access_logs = false }
"""


def test_vm_and_function_targets_get_main_tf_s_target_groups(moto, tmp_path: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    tf_tgs = _tf(MIXED)["aws_lb_target_group"]
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(MIXED)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    assert sorted((g["TargetGroupName"], g["TargetType"]) for g in elb.describe_target_groups()["TargetGroups"]) \
        == sorted((a["name"], a["target_type"]) for a in tf_tgs.values())
    phys = {n: r["physical"] for n, r in json.loads(state.read_text())["resources"].items()}
    tgs = phys["edge"]["target_groups"]
    asg = boto3.client("autoscaling", endpoint_url=moto.endpoint, region_name=REGION)
    group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[phys["box"]["asg"]])["AutoScalingGroups"][0]
    assert group["TargetGroupARNs"] == [tgs["box"]]  # the vm's group behind its own target group
    health = elb.describe_target_health(TargetGroupArn=tgs["hook"])["TargetHealthDescriptions"]
    assert [h["Target"]["Id"] for h in health] == [phys["hook"]["function_arn"]]  # the function registered
    code, out = _cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert inventory(moto.endpoint, REGION) == []
