"""`apply` builds the WAF web ACLs and the REST API that `check` evaluated and main.tf declares, instead
of warning (ADL5106) and building less: a public ALB, a CDN (CLOUDFRONT scope, in us-east-1 while the
deployment is in us-east-2) and a REST API over two functions, each guarded by an ACL with the AWS
managed rule groups, logging to its `aws-waf-logs-*` group. Compared with the Terraform emitted for the
same file (names, rules, tags, stage settings), re-planned (empty), drift read back (removing an ACL by
hand is drift), destroyed (the moto APIs list nothing), and rolled back after a failure at every
mutating call of a smaller file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import boto3
import hcl2
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import CallLog, Cloud
from autodeploy.backends.terraform import emit_terraform
from autodeploy.cli import main
from autodeploy.compiler import compile_file, compile_source

DATA = Path(__file__).resolve().parent / "data"
EDGE = DATA / "edge-waf.adl"
REGION = "us-east-2"
RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
               "AWSManagedRulesAmazonIpReputationList"]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _client(endpoint: str, service: str, region: str = REGION) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name=region)


def _main_tf(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    res = compile_file(str(path))
    assert res.ir is not None
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    var = {k: v.get("default") for b in doc["variable"] for k, v in b.items()}
    prefix = var["name_prefix"]
    out: dict[tuple[str, str], dict[str, Any]] = {("variable", "tags"): var["tags"]}
    for block in doc["resource"]:
        for rtype, body in block.items():
            for label, attrs in body.items():
                out[(rtype, label)] = json.loads(json.dumps(attrs).replace("${var.name_prefix}", prefix))
    return out


def _acl(endpoint: str, phys: dict[str, Any]) -> dict[str, Any]:
    region = "us-east-1" if phys["waf_scope"] == "CLOUDFRONT" else REGION
    return dict(_client(endpoint, "wafv2", region).get_web_acl(
        Name=phys["waf_acl_name"], Scope=phys["waf_scope"], Id=phys["waf_acl_id"])["WebACL"])


def test_waf_and_rest_api_apply_as_main_tf_declares(moto, tmp_path: Path,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    state_path = tmp_path / "edge.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state_path)]
    code, out, err = cli(capsys, "apply", str(EDGE), *common, "--auto-approve")
    assert code == 0, out + err
    left_out = re.findall(r"ADL5106: `\w+` \(\w+\): (\w+) was not configured", out + err)
    assert not {"waf", "type"} & set(left_out), out + err  # the ACLs and the REST API are built
    phys = {n: r["physical"] for n, r in json.loads(state_path.read_text())["resources"].items()}
    tf = _main_tf(EDGE)
    ep = moto.endpoint

    # --- the three web ACLs: main.tf's names, scope, rules, tags, log group and logging --------
    for name, label, scope in (("front", "front", "REGIONAL"), ("www", "www", "CLOUDFRONT"),
                               ("api", "api_waf", "REGIONAL")):
        p, want = phys[name], tf[("aws_wafv2_web_acl", label)]
        region = "us-east-1" if scope == "CLOUDFRONT" else REGION
        assert (p["waf_acl_name"], p["waf_scope"]) == (want["name"], want["scope"]) == (
            f"edge-guard-{label.replace('_', '-')}", scope)
        acl = _acl(ep, p)
        assert list(acl["DefaultAction"]) == ["Allow"]
        assert [(r["Name"], r["Priority"], r["Statement"]["ManagedRuleGroupStatement"]["VendorName"],
                 r["Statement"]["ManagedRuleGroupStatement"]["Name"], list(r["OverrideAction"]))
                for r in acl["Rules"]] == \
            [(r["name"], r["priority"], r["statement"][0]["managed_rule_group_statement"][0]["vendor_name"],
              r["statement"][0]["managed_rule_group_statement"][0]["name"], ["None"]) for r in want["rule"]]
        assert [r["Name"] for r in acl["Rules"]] == RULE_GROUPS
        assert acl["VisibilityConfig"]["MetricName"] == want["visibility_config"][0]["metric_name"] == label
        waf = _client(ep, "wafv2", region)
        group = tf[("aws_cloudwatch_log_group", f"{label}_waf")]
        tags = {t["Key"]: t["Value"] for t in waf.list_tags_for_resource(ResourceARN=p["waf_acl_arn"])
                ["TagInfoForResource"]["TagList"]}
        default_tags = tf[("variable", "tags")]  # the provider's default_tags
        assert default_tags["autodeploy:deployment"] == "edge_guard" and default_tags["team"] == "edge"
        assert tags == {**default_tags, **want["tags"]} == {**default_tags, **group["tags"]}
        assert p["waf_log_group"] == group["name"] == f"aws-waf-logs-edge-guard-{label.replace('_', '-')}"
        got = _client(ep, "logs", region).describe_log_groups(logGroupNamePrefix=p["waf_log_group"])["logGroups"]
        assert [(g["logGroupName"], g["retentionInDays"]) for g in got] == \
            [(p["waf_log_group"], group["retention_in_days"])]
        logging = waf.get_logging_configuration(ResourceArn=p["waf_acl_arn"])["LoggingConfiguration"]
        assert logging["LogDestinationConfigs"] == [got[0]["arn"].removesuffix(":*")]
    # associations: the ALB and the REST stage (as aws_wafv2_web_acl_association), the distribution by WebACLId
    waf = _client(ep, "wafv2")
    assert waf.get_web_acl_for_resource(ResourceArn=phys["front"]["lb_arn"])["WebACL"]["ARN"] == \
        phys["front"]["waf_acl_arn"]
    stage_arn = f"arn:aws:apigateway:{REGION}::/restapis/{phys['api']['rest_api']}/stages/prod"
    assert waf.get_web_acl_for_resource(ResourceArn=stage_arn)["WebACL"]["ARN"] == phys["api"]["waf_acl_arn"]
    dist = _client(ep, "cloudfront").get_distribution_config(Id=phys["www"]["distribution_id"])["DistributionConfig"]
    assert dist["WebACLId"] == phys["www"]["waf_acl_arn"]

    # --- the REST API: main.tf's name, resources, methods, integrations, stage and method settings ----
    gw = _client(ep, "apigateway")
    api = phys["api"]["rest_api"]
    rest = gw.get_rest_api(restApiId=api)
    assert rest["name"] == tf[("aws_api_gateway_rest_api", "api")]["name"] == "edge-guard-api"
    assert rest["endpointConfiguration"]["types"] == ["REGIONAL"]
    paths = {r["path"]: r for r in gw.get_resources(restApiId=api)["items"]}
    assert sorted(paths) == ["/", "/billing", "/billing/{proxy+}", "/orders", "/orders/{proxy+}"]
    for fn in ("orders", "billing"):
        method = gw.get_method(restApiId=api, resourceId=paths[f"/{fn}/{{proxy+}}"]["id"], httpMethod="ANY")
        want_m = tf[("aws_api_gateway_method", f"api_{fn}")]
        assert method["authorizationType"] == want_m["authorization"] == "AWS_IAM"
        assert method["requestParameters"] == {"method.request.path.proxy": True}
        integ = gw.get_integration(restApiId=api, resourceId=paths[f"/{fn}/{{proxy+}}"]["id"], httpMethod="ANY")
        want_i = tf[("aws_api_gateway_integration", f"api_{fn}")]
        assert (integ["type"], integ["httpMethod"]) == (want_i["type"], want_i["integration_http_method"])
        assert integ["uri"] == (f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/"
                                f"{phys[fn]['function_arn']}/invocations")
        policy = json.loads(_client(ep, "lambda").get_policy(FunctionName=phys[fn]["function"])["Policy"])
        assert [s["Condition"]["ArnLike"]["AWS:SourceArn"] for s in policy["Statement"]
                if s["Principal"] == {"Service": "apigateway.amazonaws.com"}] == \
            [f"arn:aws:execute-api:{REGION}:123456789012:{api}/*/*"]
    stage = gw.get_stage(restApiId=api, stageName="prod")
    want_s = tf[("aws_api_gateway_stage", "api")]
    assert stage["tracingEnabled"] is want_s["xray_tracing_enabled"] is True
    assert stage["accessLogSettings"]["format"] == want_s["access_log_settings"][0]["format"]
    assert stage["accessLogSettings"]["destinationArn"].endswith(":log-group:/aws/apigateway/edge-guard-api")
    settings = tf[("aws_api_gateway_method_settings", "api")]["settings"][0]
    got = stage["methodSettings"]["*/*"]
    assert (got["throttlingRateLimit"], got["throttlingBurstLimit"], got["metricsEnabled"], got["loggingLevel"]) == \
        (settings["throttling_rate_limit"], settings["throttling_burst_limit"], settings["metrics_enabled"],
         settings["logging_level"]) == (50.0, 100, True, "ERROR")

    # --- converged: an empty plan and no drift ---------------------------------------------------
    code, out, err = cli(capsys, "plan", str(EDGE), *common)
    assert code == 0 and out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete", out + err
    code, out, err = cli(capsys, "drift", str(EDGE), *common)
    assert code == 0, out + err

    # --- an ACL removed by hand is drift, for each of the three ----------------------------------
    waf.disassociate_web_acl(ResourceArn=phys["front"]["lb_arn"])
    waf.disassociate_web_acl(ResourceArn=stage_arn)
    cf = _client(ep, "cloudfront")
    got_cfg = cf.get_distribution_config(Id=phys["www"]["distribution_id"])
    cfg = dict(got_cfg["DistributionConfig"], WebACLId="")
    cf.update_distribution(Id=phys["www"]["distribution_id"], IfMatch=got_cfg["ETag"], DistributionConfig=cfg)
    code, out, err = cli(capsys, "drift", str(EDGE), *common)
    assert code == 1
    for name, kind in (("front", "load_balancer"), ("www", "cdn"), ("api", "api_gateway")):
        assert f"`{name}` ({kind}): `waf` is false in the cloud, true in the state" in out + err, out + err

    # --- destroy leaves nothing, in either region -------------------------------------------------
    code, out, err = cli(capsys, "destroy", str(EDGE), *common, "--auto-approve", "--allow-data-loss")
    assert code == 0, out + err
    assert inventory(ep, REGION) == []
    assert inventory(ep, "us-east-1") == []


SMALL = """
deployment waf_small {
  cloud  = aws
  region = "us-east-2"
}
function handler { runtime = "python3.12" }
load_balancer front {
  public              = true
  waf                 = true
  deletion_protection = false
}
api_gateway api {
  type    = rest
  targets = [handler]
  waf     = true
}
"""


def test_waf_and_rest_api_roll_back_at_every_failing_call(moto, tmp_path: Path) -> None:  # noqa: F811
    """The k-th mutating call fails, for every k: the run rolls back to nothing, in every API, and the
    state file is as it was."""
    res = compile_source(SMALL, "waf-small.adl")
    assert res.ir is not None and res.graph is not None
    ir, graph = res.ir, res.graph
    path = str(tmp_path / "s.json")
    cloud = Cloud(REGION, moto.endpoint)
    try:
        clean = st.load(path, "waf_small", REGION, moto.endpoint)
        cloud.calls = CallLog()
        assert engine.apply(ir, graph, clean, cloud, lambda _: None).exit_code == 0
        ops, total = cloud.calls.by_operation, cloud.calls.mutating
        for op in ("wafv2:CreateWebACL", "wafv2:PutLoggingConfiguration", "wafv2:AssociateWebACL",
                   "apigateway:CreateRestApi", "apigateway:PutIntegration", "apigateway:UpdateStage"):
            assert ops[op] >= 1, op
        assert engine.destroy(clean, cloud, lambda _: None).exit_code == 0
        assert inventory(moto.endpoint, REGION) == []
        pre = json.dumps({"schema_version": 1, "deployment": "waf_small", "endpoint": moto.endpoint,
                          "region": REGION, "resources": {}}, indent=1) + "\n"
        problems = []
        assert total <= 40, total  # bounded: the loop applies once per call
        for k in range(1, total + 1):
            Path(path).write_text(pre)
            cloud.calls = CallLog(fail_at=k)
            out = engine.apply(ir, graph, st.load(path, "waf_small", REGION, moto.endpoint), cloud, lambda _: None)
            if out.exit_code != 1 or any(d.code == "ADL5107" for d in out.diagnostics):
                problems.append(f"k={k}: exit {out.exit_code}, {[d.message for d in out.diagnostics]}")
            left = inventory(moto.endpoint, REGION)
            if left:
                problems.append(f"k={k}: left behind {left}")
                moto.reset()
            if Path(path).read_text() != pre:
                problems.append(f"k={k}: state file changed")
        assert not problems, "\n".join(problems)
    finally:
        cloud.close()


def test_rest_type_is_not_swapped_for_an_http_api(moto, tmp_path: Path) -> None:  # noqa: F811
    """The old behaviour (an HTTP API and ADL5106 for `type = rest`) fails here."""
    src = SMALL.replace("waf     = true\n}", "auth    = none\n}").replace("waf                 = true\n", "")
    res = compile_source(src, "rest-only.adl")
    assert res.ir is not None and res.graph is not None
    state = st.load(str(tmp_path / "s.json"), "waf_small", REGION, moto.endpoint)
    cloud = Cloud(REGION, moto.endpoint)
    out = engine.apply(res.ir, res.graph, state, cloud, lambda _: None)
    cloud.close()
    assert out.exit_code == 0 and not [d for d in out.diagnostics if d.code == "ADL5106"]
    assert _client(moto.endpoint, "apigatewayv2").get_apis()["Items"] == []
    apis = _client(moto.endpoint, "apigateway").get_rest_apis()["items"]
    assert [a["name"] for a in apis] == ["waf-small-api"]
    gw = _client(moto.endpoint, "apigateway")
    paths = {r["path"]: r["id"] for r in gw.get_resources(restApiId=apis[0]["id"])["items"]}
    assert sorted(paths) == ["/", "/{proxy+}"]  # one target takes every path
    assert gw.get_method(restApiId=apis[0]["id"], resourceId=paths["/{proxy+}"], httpMethod="ANY")[
        "authorizationType"] == "NONE"
    assert re.fullmatch(r"[a-z0-9]+", apis[0]["id"])
