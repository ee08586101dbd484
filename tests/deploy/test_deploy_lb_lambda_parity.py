"""Two load balancers in front of one function: each has its own invoke permission, with the same
statement id in main.tf and on the deployed function (issue 13, round 5).

Both used the statement id `AllowLoadBalancer`: AWS refuses the second (ResourceConflictException)
and Terraform's second aws_lambda_permission fails alike; moto accepted both, and removing one load
balancer then removed the first statement of that id, possibly the other load balancer's."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401
from test_deploy_ecs_parity import cli, tf_doc, tf_resources

REGION = "us-east-1"
HEAD = """deployment fan { cloud = aws  region = "us-east-1" }
network core { cidr = "10.43.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
function hook { runtime = python3.12 }
load_balancer edge { public = true  protocol = http  port = 80  targets = [hook]  network = core.public
  access_logs = false }
"""
INNER = ("load_balancer inner { protocol = http  port = 80  targets = [hook]  network = core.private"
         "  access_logs = false }\n")


def _statements(fn: str, endpoint: str) -> dict[str, str]:
    """statement id -> the target group it lets invoke the function."""
    policy = json.loads(boto3.client("lambda", endpoint_url=endpoint, region_name=REGION).get_policy(
        FunctionName=fn)["Policy"])
    return {s["Sid"]: s["Condition"]["ArnLike"]["AWS:SourceArn"] for s in policy["Statement"]}


def test_each_load_balancer_has_its_own_statement_as_main_tf(moto, tmp_path: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    perms = tf_resources(tf_doc(HEAD + INNER), "aws_lambda_permission")
    tf_sids = {label.split("_", 1)[0]: a["statement_id"] for label, a in perms.items()}
    assert sorted(tf_sids) == ["edge", "inner"] and len(set(tf_sids.values())) == 2
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(HEAD + INNER)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    phys = {n: r["physical"] for n, r in json.loads(state.read_text())["resources"].items()}
    fn = phys["hook"]["function_arn"]
    # one statement per load balancer, main.tf's id, each for its own target group
    assert _statements(fn, moto.endpoint) == {tf_sids[lb]: phys[lb]["target_groups"]["hook"]
                                              for lb in ("edge", "inner")}
    # `inner` goes: its statement goes, `edge`'s stays
    adl.write_text(HEAD)
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert _statements(fn, moto.endpoint) == {tf_sids["edge"]: phys["edge"]["target_groups"]["hook"]}
    code, out = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert inventory(moto.endpoint, REGION) == []


def test_a_recorded_permission_keeps_its_old_statement_id(moto, tmp_path: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A load balancer recorded before (its permission `AllowLoadBalancer`, no `lambda_statement`)
    still removes its own statement when it goes: nothing is left on the function."""
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(HEAD)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    assert cli(capsys, "apply", str(adl), *common, "--auto-approve")[0] == 0
    doc = json.loads(state.read_text())
    edge, fn = doc["resources"]["edge"]["physical"], doc["resources"]["hook"]["physical"]["function_arn"]
    lam = boto3.client("lambda", endpoint_url=moto.endpoint, region_name=REGION)
    # make it what an older deploy left: the statement under the old id, the record without the new field
    lam.remove_permission(FunctionName=fn, StatementId=edge.pop("lambda_statement"))
    lam.add_permission(FunctionName=fn, StatementId="AllowLoadBalancer", Action="lambda:InvokeFunction",
                       Principal="elasticloadbalancing.amazonaws.com", SourceArn=edge["target_groups"]["hook"])
    state.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    adl.write_text(HEAD.split("load_balancer")[0])
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    with pytest.raises(lam.exceptions.ResourceNotFoundException):  # no policy left: no statement
        lam.get_policy(FunctionName=fn)
