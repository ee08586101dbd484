"""apply / re-apply / plan / drift / destroy against a real moto server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto_server import EXAMPLES, inventory, moto, moto_server, tagged  # noqa: F401

from autodeploy.backends.aws.access_logs import bucket_name as access_log_bucket
from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import CallLog, Cloud
from autodeploy.cli import main
from autodeploy.compiler import compile_file

APPROVE_DATA_LOSS = ("--auto-approve", "--allow-data-loss")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_patient_portal_apply_reapply_drift_destroy(moto, tmp_path: Path,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(EXAMPLES / "patient-portal.adl")
    state_path = tmp_path / "pp.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state_path)]

    code, out, _ = cli(capsys, "plan", adl, *common)
    assert code == 0
    # the six resources and the access-log bucket their bucket's server access logs go to (as main.tf)
    assert out.splitlines()[-1] == "Plan: 7 to create, 0 to update, 0 to delete"
    assert "+ core (network): create" in out and "+ autodeploy_access_logs (bucket): create" in out

    code, out, err = cli(capsys, "apply", adl, *common, "--auto-approve")
    assert code == 0, err
    assert "Apply complete: 6 created" in out
    saved = json.loads(state_path.read_text())
    assert saved["schema_version"] == 1 and saved["deployment"] == "patient_portal"
    assert saved["endpoint"] == moto.endpoint and saved["region"] == "us-east-1"
    assert set(saved["resources"]) == {"core", "records_key", "records", "patients", "api", "trail"}
    for rec in saved["resources"].values():
        assert rec["kind"] and rec["physical"] and len(rec["attrs_hash"]) == 64 and "attrs" in rec
    assert inventory(moto.endpoint, "us-east-1"), "apply created nothing?"
    arns = tagged(moto.endpoint, "us-east-1", "patient_portal")
    assert any(":vpc/" in a for a in arns) and any(":key/" in a for a in arns)

    # a second apply makes no API call at all (so certainly no mutation)
    result = compile_file(adl)
    assert result.ir is not None and result.graph is not None
    cloud = Cloud("us-east-1", moto.endpoint)
    cloud.calls = CallLog()
    state = st.load(str(state_path), "patient_portal", "us-east-1", moto.endpoint)
    before = state_path.read_text()
    outcome = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    cloud.close()
    assert outcome.exit_code == 0 and not outcome.created and not outcome.updated
    assert cloud.calls.mutating == 0 and cloud.calls.reads == 0, cloud.calls.by_operation
    assert state_path.read_text() == before

    code, out, _ = cli(capsys, "plan", adl, *common)
    assert out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete"
    code, out, err = cli(capsys, "drift", adl, *common)
    assert code == 0, err
    assert "No drift: 6 resource(s)" in out

    # out of band: suspend versioning on the records bucket
    bucket = saved["resources"]["records"]["physical"]["bucket"]
    boto3.client("s3", endpoint_url=moto.endpoint).put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    code, out, err = cli(capsys, "drift", adl, *common)
    assert code == 1
    assert "ADL5111" in err and "`records` (bucket): `versioning` is false in the cloud, true in the state" in err

    code, out, err = cli(capsys, "destroy", adl, *common, *APPROVE_DATA_LOSS)
    assert code == 0, err
    assert "Destroy complete: 6 deleted, 0 left" in out
    assert inventory(moto.endpoint, "us-east-1") == []
    assert json.loads(state_path.read_text())["resources"] == {}
    # what the tagging API still shows may only be things AWS keeps visible for a while after
    # deletion: KMS keys pending deletion, NAT gateways in state `deleted`, INACTIVE ECS objects
    kms = boto3.client("kms", endpoint_url=moto.endpoint, region_name="us-east-1")
    ec2 = boto3.client("ec2", endpoint_url=moto.endpoint, region_name="us-east-1")
    for arn in tagged(moto.endpoint, "us-east-1", "patient_portal"):
        if ":key/" in arn:
            assert kms.describe_key(KeyId=arn)["KeyMetadata"]["KeyState"] == "PendingDeletion"
        elif ":natgateway/" in arn:
            nat = ec2.describe_nat_gateways(NatGatewayIds=[arn.rsplit("/", 1)[1]])["NatGateways"][0]
            assert nat["State"] == "deleted", arn
        elif arn == f"arn:aws:s3:::{access_log_bucket('patient_portal')}":
            assert "ADL5960" in out + err  # kept on purpose, holding the S3 access logs, and said so
        else:
            assert ":ecs:" in arn, f"left behind: {arn}"


SMALL = """
deployment small {{ region = "eu-west-1" }}
key k {{ rotation = true }}
bucket b {{ encryption = k  versioning = {versioning} }}
{queues}
"""


def _write(path: Path, versioning: str, queues: str) -> str:
    path.write_text(SMALL.format(versioning=versioning, queues=queues))
    return str(path)


def test_update_create_delete_plan_and_apply(moto, tmp_path: Path,  # noqa: F811
                                             capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "small.adl"
    _write(adl, "true", "queue old { retention = 2 days }")
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 0, err
    state_path = tmp_path / ".autodeploy" / "small.state.json"  # the default location
    assert state_path.exists()

    _write(adl, "false", "queue new { retention = 3 days }")
    code, out, _ = cli(capsys, "plan", str(adl), "--endpoint", moto.endpoint)
    assert code == 0
    assert "~ b (bucket): update  (versioning)" in out
    assert "+ new (queue): create" in out and "- old (queue): delete" in out
    assert out.splitlines()[-1] == "Plan: 1 to create, 1 to update, 1 to delete"

    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 0, err
    saved = json.loads(state_path.read_text())
    assert set(saved["resources"]) == {"k", "b", "new"}
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="eu-west-1")
    bucket = saved["resources"]["b"]["physical"]["bucket"]
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended"
    queues = boto3.client("sqs", endpoint_url=moto.endpoint, region_name="eu-west-1").list_queues()["QueueUrls"]
    assert len(queues) == 1 and queues[0].endswith("/small-new")  # main.tf's name (issue 13)

    code, out, _ = cli(capsys, "plan", str(adl), "--endpoint", moto.endpoint)
    assert out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete"
    # out of band: the queue is deleted -> drift reports it missing
    boto3.client("sqs", endpoint_url=moto.endpoint, region_name="eu-west-1").delete_queue(QueueUrl=queues[0])
    code, out, err = cli(capsys, "drift", str(adl), "--endpoint", moto.endpoint)
    assert code == 1 and "ADL5110" in err and "`new` (queue) is recorded in the state but is gone" in err
    code, out, err = cli(capsys, "destroy", str(adl), "--endpoint", moto.endpoint, *APPROVE_DATA_LOSS)
    assert code == 0, err
    assert inventory(moto.endpoint, "eu-west-1") == []


def test_secret_value_never_reaches_state_or_output(moto, tmp_path: Path,  # noqa: F811
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "history.duckdb"))
    adl = tmp_path / "sec.adl"
    adl.write_text('deployment sec { region = "us-east-1" }\n'
                   'secret api_token {\n  value = "hunter2-from-the-file"\n  length = 40\n}\n')
    # the literal value is a critical finding (ADLP-026): the gate refuses, the override lets it through
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 1 and "ADL5140" in err and "ADLP-026" in err
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve",
                         "--skip-gate", "testing that the value is never stored")
    assert code == 0, err
    text = (tmp_path / ".autodeploy" / "sec.state.json").read_text()
    arn = json.loads(text)["resources"]["api_token"]["physical"]["secret_arn"]
    live = boto3.client("secretsmanager", endpoint_url=moto.endpoint).get_secret_value(SecretId=arn)["SecretString"]
    assert len(live) == 40 and live != "hunter2-from-the-file"
    for blob in (text, out, err):
        assert live not in blob and "hunter2-from-the-file" not in blob
    assert "ADL5106" in err  # rotation is reported as not configured, not silently dropped
    assert cli(capsys, "destroy", str(adl), "--endpoint", moto.endpoint, *APPROVE_DATA_LOSS)[0] == 0
    assert inventory(moto.endpoint, "us-east-1", {"secretsmanager"}) == []


@pytest.mark.parametrize("example", ["serverless-pipeline", "static-site", "pci-checkout", "data-platform"])
def test_other_examples_apply_and_destroy(moto, tmp_path: Path, example: str,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLES / f"{example}.adl"
    if not compile_file(src).ok:
        pytest.fail(f"{example} does not compile")
    shutil.copytree(EXAMPLES, tmp_path / "ex")
    adl = str(tmp_path / "ex" / f"{example}.adl")
    code, out, err = cli(capsys, "apply", adl, "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 0, err
    result = compile_file(adl)
    assert result.ir is not None
    region = result.ir.deployment.region
    assert cli(capsys, "drift", adl, "--endpoint", moto.endpoint)[0] == 0
    code, out, err = cli(capsys, "destroy", adl, "--endpoint", moto.endpoint, *APPROVE_DATA_LOSS)
    assert code == 0, err
    left: list[Any] = inventory(moto.endpoint, region)
    assert left == []
    if example == "pci-checkout":
        # moto 5.2 has no DeleteCacheSubnetGroup: reported, never silent
        assert "ADL5114" in err and "DeleteCacheSubnetGroup" in err


def test_replacement_with_deployed_dependents_is_refused(moto, tmp_path: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "net.adl"
    body = ('deployment net {{ region = "us-east-1" }}\nnetwork n {{ cidr = "{cidr}"  nat_gateways = 0 }}\n'
            'database d : postgres {{ network = n.private  deletion_protection = false }}\n')
    adl.write_text(body.format(cidr="10.1.0.0/16"))
    assert cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")[0] == 0
    state_file = tmp_path / ".autodeploy" / "net.state.json"
    before = state_file.read_text()
    adl.write_text(body.format(cidr="10.2.0.0/16"))
    code, out, _ = cli(capsys, "plan", str(adl), "--endpoint", moto.endpoint)
    assert "-/+ n (network): replace  (cidr)" in out
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 1 and "ADL5115" in err and "`d`" in err
    assert state_file.read_text() == before
    adl.write_text(body.format(cidr="10.1.0.0/16"))
    assert cli(capsys, "drift", str(adl), "--endpoint", moto.endpoint)[0] == 0  # nothing was touched
    # a leaf (nothing depends on it) is replaced: deleted, then created again
    adl.write_text(body.format(cidr="10.1.0.0/16").replace("postgres {", 'postgres { version = "15"'))
    # ... but replacing a database deletes its data: --auto-approve alone is not enough
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 2 and "ADL5144" in err and "`d` (database" in err
    assert state_file.read_text() == before
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, *APPROVE_DATA_LOSS)
    assert code == 0, err
    rds = boto3.client("rds", endpoint_url=moto.endpoint, region_name="us-east-1")
    dbs = rds.describe_db_instances()["DBInstances"]
    assert [d["EngineVersion"] for d in dbs] == ["15"]
    assert cli(capsys, "destroy", str(adl), "--endpoint", moto.endpoint, *APPROVE_DATA_LOSS)[0] == 0
    assert inventory(moto.endpoint, "us-east-1") == []
