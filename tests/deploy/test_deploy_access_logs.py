"""`apply` builds the deployment-wide access-log bucket main.tf declares (`autodeploy_access_logs`) and
sends to it what main.tf sends: S3 server access logs of a bucket, ALB access logs, CloudFront standard
logs and the audit trail bucket's access logs, under main.tf's physical name and prefixes; destroy
removes it when empty and keeps it (ADL5960) when it holds logs."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import boto3
import hcl2
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.aws import access_logs as facts
from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.terraform import emit_terraform
from autodeploy.cli import main
from autodeploy.compiler import compile_file, compile_source

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
EDGE = DATA / "edge-waf.adl"  # a public ALB, a bucket behind a CDN: every default sends logs
REGION = "us-east-2"
AUDITED = """deployment audited { cloud = aws  region = "us-east-1"  tags = { team: "sec" } }
audit trail { retention = 1 years }
"""


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tf(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    res = compile_file(str(path))
    assert res.ir is not None
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    return {(rtype, label): attrs for block in doc["resource"] for rtype, body in block.items()
            for label, attrs in body.items()}


def _block(v: Any) -> dict[str, Any]:
    return v[0] if isinstance(v, list) else v


def test_apply_builds_the_access_log_bucket_main_tf_declares(moto, tmp_path: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    state_path = tmp_path / "edge.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state_path)]
    code, out, err = cli(capsys, "apply", str(EDGE), *common, "--auto-approve")
    assert code == 0, out + err
    assert "logging was not configured" not in out + err  # the CDN's ADL5106 is gone
    tf = _tf(EDGE)
    name = tf[("aws_s3_bucket", facts.LABEL)]["bucket"]
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name=REGION)
    assert name in {b["Name"] for b in s3.list_buckets()["Buckets"]}  # Terraform's name is the deployed name

    # the bucket as main.tf configures it
    enc = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert enc["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    assert all(s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"].values())
    tf_owner = _block(_block(tf[("aws_s3_bucket_ownership_controls", facts.LABEL)]["rule"]))["object_ownership"]
    owner = s3.get_bucket_ownership_controls(Bucket=name)["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
    assert owner == tf_owner == "BucketOwnerPreferred"  # a CDN logs with ACLs
    rule = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"][0]
    tf_rule = _block(tf[("aws_s3_bucket_lifecycle_configuration", facts.LABEL)]["rule"])
    assert rule["Expiration"]["Days"] == _block(tf_rule["expiration"])["days"] == 400
    tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=name)["TagSet"]}
    assert tags["team"] == "edge" and tags["Name"] == "access-logs" and tags["autodeploy:deployment"] == "edge_guard"
    assert "autodeploy:resource" not in tags  # a part of the deployment, not a resource of the file

    # the bucket's server access logs: main.tf's target and prefix, and a grant for exactly that prefix
    site = json.loads(state_path.read_text())["resources"]["site"]["physical"]
    logging = s3.get_bucket_logging(Bucket=site["bucket"])["LoggingEnabled"]
    tf_logging = tf[("aws_s3_bucket_logging", "site")]
    assert logging == {"TargetBucket": name, "TargetPrefix": tf_logging["target_prefix"]} | {
        k: v for k, v in logging.items() if k not in ("TargetBucket", "TargetPrefix")}
    assert site["access_log_bucket"] == name
    policy = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"]
    assert [s["Resource"] for s in policy if s["Principal"] == {"Service": "logging.s3.amazonaws.com"}] == [
        f"arn:aws:s3:::{name}/s3/site/*"]

    # the ALB's access logs
    phys = json.loads(state_path.read_text())["resources"]["front"]["physical"]
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    attrs = {a["Key"]: a["Value"] for a in elb.describe_load_balancer_attributes(
        LoadBalancerArn=phys["lb_arn"])["Attributes"]}
    tf_logs = _block(tf[("aws_lb", "front")]["access_logs"])
    assert (attrs["access_logs.s3.enabled"], attrs["access_logs.s3.bucket"], attrs["access_logs.s3.prefix"]) == (
        "true", name, tf_logs["prefix"])

    # CloudFront standard logging
    phys = json.loads(state_path.read_text())["resources"]["www"]["physical"]
    cf = boto3.client("cloudfront", endpoint_url=moto.endpoint, region_name="us-east-1")
    got = cf.get_distribution_config(Id=phys["distribution_id"])["DistributionConfig"]["Logging"]
    tf_cf = _block(tf[("aws_cloudfront_distribution", "www")]["logging_config"])
    assert got["Enabled"] and got["Bucket"] == f"{name}.s3.amazonaws.com" and got["Prefix"] == tf_cf["prefix"]

    # re-planned: nothing to do; destroyed: everything goes but the access-log bucket, which holds the
    # S3 access logs moto delivered (logs are evidence: kept and said so)
    code, out, err = cli(capsys, "plan", str(EDGE), *common)
    assert "Plan: 0 to create, 0 to update, 0 to delete" in out, out + err
    code, out, err = cli(capsys, "destroy", str(EDGE), *common, "--auto-approve")
    assert code == 0, out + err
    assert s3.list_objects_v2(Bucket=name, Prefix="s3/site/")["KeyCount"] > 0
    assert "ADL5960" in out + err and name in out + err
    assert {b["Name"] for b in s3.list_buckets()["Buckets"]} == {name}
    assert inventory(moto.endpoint, REGION) == []


def test_a_rolled_back_first_apply_removes_the_log_bucket_it_created(moto, tmp_path: Path,  # noqa: F811
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    src = 'deployment rb { cloud = aws  region = "us-east-1" }\nbucket b {}\nqueue q { depends_on = [b] }\n'
    res = compile_source(src, "rb.adl")
    assert res.ir is not None and res.graph is not None
    providers = engine.load_all()

    def boom(ctx: Any, phys: dict[str, Any]) -> None:
        raise RuntimeError("injected failure after the bucket and its access-log bucket exist")

    monkeypatch.setattr(engine, "load_all", lambda: {**providers, "queue": replace(providers["queue"], create=boom)})
    state = st.State(str(tmp_path / "s.json"), "rb", "us-east-1", moto.endpoint)
    cloud = Cloud("us-east-1", moto.endpoint)
    out = engine.apply(res.ir, res.graph, state, cloud, lambda _: None)
    cloud.close()
    assert out.exit_code == 1
    assert [d.code for d in out.diagnostics] == ["ADL5104"], [d.message for d in out.diagnostics]
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    assert s3.list_buckets()["Buckets"] == []  # the bucket, and the access-log bucket with its logs


def test_a_log_bucket_holding_logs_is_kept_on_destroy(moto, tmp_path: Path,  # noqa: F811
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "audited.adl"
    adl.write_text(AUDITED)
    state_path = tmp_path / "s.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state_path)]
    code, out, err = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out + err
    res = compile_source(AUDITED, "audited.adl")
    assert res.ir is not None
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    tf = {(t, label): a for block in doc["resource"] for t, body in block.items() for label, a in body.items()}
    name = tf[("aws_s3_bucket", facts.LABEL)]["bucket"]
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    trail = json.loads(state_path.read_text())["resources"]["trail"]["physical"]["bucket"]
    # the trail bucket's own access logs, as main.tf's aws_s3_bucket_logging on it
    logging = s3.get_bucket_logging(Bucket=trail)["LoggingEnabled"]
    assert (logging["TargetBucket"], logging["TargetPrefix"]) == (
        name, tf[("aws_s3_bucket_logging", "trail_trail")]["target_prefix"])
    s3.list_objects_v2(Bucket=trail)  # a request to the trail bucket: S3 delivers its access log
    assert s3.list_objects_v2(Bucket=name, Prefix="s3/trail_trail/")["KeyCount"] > 0
    code, out, err = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out + err
    assert "ADL5960" in out + err and name in out + err
    assert name in {b["Name"] for b in s3.list_buckets()["Buckets"]}  # the logs are kept
    assert trail not in {b["Name"] for b in s3.list_buckets()["Buckets"]}


def _aws_files() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.adl")) + sorted((ROOT / "tests" / "adl_wild").glob("aws_*.adl"))
    return files + sorted(DATA.glob("*.adl"))


def test_deploy_and_main_tf_agree_on_who_needs_the_access_log_bucket() -> None:
    """The one AWS model (backends/aws/access_logs.py) says which resources deliver logs; main.tf
    declares the bucket exactly when one does, and each delivering resource's prefix is main.tf's."""
    checked = 0
    for path in _aws_files():
        res = compile_file(str(path))
        if not res.ok or res.ir is None or res.ir.deployment.cloud != "aws":
            continue
        emitted = emit_terraform(res.ir, res.graph)
        if not emitted.ok:
            continue
        text = emitted.files["main.tf"]
        prefixes = facts.deliveries(res.ir.resources)
        assert (f'resource "aws_s3_bucket" "{facts.LABEL}"' in text) == bool(prefixes), path.name
        for prefix in prefixes.values():
            assert f'"{prefix}"' in text, (path.name, prefix)
        checked += 1
    assert checked >= 10


def _tf_data(source: str, path: str) -> dict[tuple[str, str], dict[str, Any]]:
    res = compile_source(source, path)
    assert res.ir is not None
    doc = hcl2.loads(emit_terraform(res.ir, res.graph).files["main.tf"])
    return {(t, label): a for key in ("resource", "data") for block in doc.get(key, []) for t, body in block.items()
            for label, a in body.items()}


def _iam(statement: dict[str, Any], arn: str) -> dict[str, Any]:
    """An aws_iam_policy_document statement block of main.tf as the IAM JSON it renders, with the log
    bucket's ARN resolved (`"Principal": "*"` written `{"AWS": "*"}`, which IAM reads the same)."""
    def sub(v: str) -> str:
        return v.replace(f"${{aws_s3_bucket.{facts.LABEL}.arn}}", arn)
    principal = {p["type"] if p["type"] != "*" else "AWS": p["identifiers"][0] for p in statement["principals"]}
    out: dict[str, Any] = {"Sid": statement["sid"], "Effect": statement["effect"], "Principal": principal,
                           "Action": statement["actions"][0], "Resource": [sub(r) for r in statement["resources"]]}
    if statement.get("condition"):
        out["Condition"] = {c["test"]: {c["variable"]: c["values"][0]} for c in statement["condition"]}
    return out


def test_the_deployed_log_bucket_has_every_setting_main_tf_declares(moto, tmp_path: Path,  # noqa: F811
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Deployed = declared: every setting main.tf gives `autodeploy_access_logs` (versioning, SSE-S3,
    the four public access blocks, ownership, the lifecycle rule, the Name tag and the bucket policy's
    statements, DenyInsecureTransport included) is what the S3 API reports for the bucket apply built."""
    adl = tmp_path / "audited.adl"
    adl.write_text(AUDITED)
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--state", str(tmp_path / "s.json"),
                         "--auto-approve")
    assert code == 0, out + err
    tf = _tf_data(AUDITED, "audited.adl")
    name = tf[("aws_s3_bucket", facts.LABEL)]["bucket"]
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")

    want_versioning = _block(tf[("aws_s3_bucket_versioning", facts.LABEL)]["versioning_configuration"])["status"]
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == want_versioning
    sse = _block(_block(tf[("aws_s3_bucket_server_side_encryption_configuration", facts.LABEL)]["rule"])[
        "apply_server_side_encryption_by_default"])
    got_sse = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert got_sse["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == sse["sse_algorithm"]
    pab = tf[("aws_s3_bucket_public_access_block", facts.LABEL)]
    got_pab = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
    assert got_pab == {"".join(w.title() for w in k.split("_")): pab[k]
                       for k in ("block_public_acls", "ignore_public_acls", "block_public_policy",
                                 "restrict_public_buckets")}
    owner = _block(_block(tf[("aws_s3_bucket_ownership_controls", facts.LABEL)]["rule"]))["object_ownership"]
    assert s3.get_bucket_ownership_controls(Bucket=name)["OwnershipControls"]["Rules"][0]["ObjectOwnership"] == owner
    rule = _block(tf[("aws_s3_bucket_lifecycle_configuration", facts.LABEL)]["rule"])
    got_rule = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"][0]
    assert (got_rule["ID"], got_rule["Status"], got_rule["Expiration"]["Days"],
            got_rule["NoncurrentVersionExpiration"]["NoncurrentDays"],
            got_rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"]) == (
        rule["id"], rule["status"], _block(rule["expiration"])["days"],
        _block(rule["noncurrent_version_expiration"])["noncurrent_days"],
        _block(rule["abort_incomplete_multipart_upload"])["days_after_initiation"])
    tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=name)["TagSet"]}
    assert tf[("aws_s3_bucket", facts.LABEL)]["tags"].items() <= tags.items()

    declared = tf[("aws_iam_policy_document", f"{facts.LABEL}_bucket")]["statement"]
    deployed = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"]
    # the same statements by purpose (deploy writes one S3 server-access-log grant per source bucket,
    # narrower than main.tf's `s3/*`: docs/deploy.md)
    assert {s["sid"] for s in declared} == {re.sub(r"[0-9a-f]{12}$", "", s["Sid"]) for s in deployed}
    arn = f"arn:aws:s3:::{name}"
    tls = next(s for s in declared if s["sid"] == facts.TLS_ONLY_SID)
    assert _iam(tls, arn) in deployed  # the TLS-only statement, exactly
    assert {s["Effect"] for s in deployed} == {s["effect"] for s in declared}


def test_plan_and_destroy_list_the_log_bucket_like_a_resource(moto, tmp_path: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Terraform's plan shows aws_s3_bucket.autodeploy_access_logs; so do `plan`, `apply`, `destroy`
    and `drift` (a deleted or loosened log bucket is drift like a resource's)."""
    adl = tmp_path / "audited.adl"
    adl.write_text(AUDITED)
    common = ["--endpoint", moto.endpoint, "--state", str(tmp_path / "s.json")]
    code, out, err = cli(capsys, "plan", str(adl), *common)
    line = f"+ {facts.LABEL} (bucket): create"
    assert line in out and "Plan: 2 to create, 0 to update, 0 to delete" in out, out + err  # the trail, the logs
    code, out, err = cli(capsys, "plan", str(adl), *common, "--format", "json")
    doc = json.loads(out)
    assert doc["parts"] == [{"op": "create", "name": facts.LABEL, "kind": "bucket"}] and doc["summary"]["create"] == 2
    code, out, err = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0 and line in out, out + err
    code, out, err = cli(capsys, "plan", str(adl), *common)
    assert f"{facts.LABEL} (bucket): no changes" in out and "Plan: 0 to create, 0 to update, 0 to delete" in out

    # drift: the bucket loosened out of band (its TLS-only statement and public access block gone)
    name = facts.bucket_name("audited")
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    code, out, err = cli(capsys, "drift", str(adl), *common)
    assert code == 0, out + err
    s3.delete_bucket_policy(Bucket=name)
    s3.delete_public_access_block(Bucket=name)
    code, out, err = cli(capsys, "drift", str(adl), *common)
    assert code == 1 and facts.LABEL in out + err and "tls_only" in out + err and "public_access_blocked" in out + err

    code, out, err = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert f"- {facts.LABEL} (bucket): delete" in out and "Plan: 0 to create, 0 to update, 2 to delete" in out, out
