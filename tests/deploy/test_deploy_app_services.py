"""The application-service kinds deployed to a real moto server: analytics-api applies, every new
kind's parts exist as declared (two encrypted 500 GB gp3 disks per database VM instance, an EFS with
mount targets in the private subnets and an access point, a JWT-protected HTTP API with throttling and
access logs, a Glue job with its security configuration, trigger and crawler, a SageMaker endpoint
with autoscaling), a second plan is empty, drift is read back, and destroy removes everything."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from moto_server import EXAMPLES, moto, moto_server  # noqa: F401

from autodeploy.cli import main

APP = ("nightly", "scoring", "public_api", "reporting_data", "artifacts")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analytics_api_apply_read_destroy(moto, tmp_path: Path,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(EXAMPLES / "analytics-api.adl")
    state_path = tmp_path / "aa.state.json"
    common = ["--endpoint", moto.endpoint, "--state", str(state_path)]
    code, out, err = cli(capsys, "apply", adl, *common, "--auto-approve")
    assert code == 0, out + err
    phys = {n: r["physical"] for n, r in json.loads(state_path.read_text())["resources"].items()}
    assert set(APP) <= set(phys)

    def c(service: str):  # noqa: ANN202
        return boto3.client(service, endpoint_url=moto.endpoint, region_name="us-east-1")

    key_arn = phys["data_key"]["key_arn"]
    vols = c("ec2").describe_volumes(VolumeIds=phys["reporting_data"]["volumes"])["Volumes"]
    assert [(v["Size"], v["VolumeType"], v["Encrypted"], v.get("KmsKeyId")) for v in vols] == \
        [(500, "gp3", True, key_arn)] * 2
    attached = sorted(a["Device"] for v in vols for a in v["Attachments"])
    assert attached == ["/dev/sdf", "/dev/sdg"]

    efs = c("efs")
    fs = efs.describe_file_systems(FileSystemId=phys["artifacts"]["file_system"])["FileSystems"][0]
    assert fs["Encrypted"] and fs["KmsKeyId"] == key_arn
    targets = efs.describe_mount_targets(FileSystemId=fs["FileSystemId"])["MountTargets"]
    assert sorted(t["SubnetId"] for t in targets) == sorted(phys["core"]["private_subnets"])
    ap = efs.describe_access_points(FileSystemId=fs["FileSystemId"])["AccessPoints"][0]
    assert ap["RootDirectory"]["Path"] == "/shared" and ap["PosixUser"]["Uid"] == 1000

    gw = c("apigatewayv2")
    api = phys["public_api"]["api"]
    routes = gw.get_routes(ApiId=api)["Items"]
    assert [(r["RouteKey"], r["AuthorizationType"]) for r in routes] == [("$default", "JWT")]
    stage = gw.get_stage(ApiId=api, StageName="$default")
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] == 50
    assert stage["AccessLogSettings"]["DestinationArn"].endswith(":log-group:/aws/apigateway/"
                                                                 + phys["public_api"]["log_group"].rsplit("/", 1)[1])

    glue = c("glue")
    job = glue.get_job(JobName=phys["nightly"]["job"])["Job"]
    assert (job["WorkerType"], job["NumberOfWorkers"], job["SecurityConfiguration"]) == \
        ("G.2X", 10, phys["nightly"]["security_configuration"])
    assert job["Command"]["ScriptLocation"] == f"s3://{phys['raw']['bucket']}/jobs/curate.py"
    assert glue.get_trigger(Name=phys["nightly"]["schedule_trigger"])["Trigger"]["Schedule"] == "cron(0 2 * * ? *)"
    assert glue.get_crawler(Name=phys["nightly"]["crawler"])["Crawler"]["Targets"]["S3Targets"][0]["Path"] == \
        f"s3://{phys['curated']['bucket']}/"

    sm = c("sagemaker")
    cfg = sm.describe_endpoint_config(EndpointConfigName=phys["scoring"]["endpoint_config"])
    assert cfg["KmsKeyId"] == key_arn and cfg["ProductionVariants"][0]["InitialInstanceCount"] == 2
    scal = c("application-autoscaling").describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert [(s["MinCapacity"], s["MaxCapacity"]) for s in scal] == [(2, 6)]

    code, out, err = cli(capsys, "plan", adl, *common)
    assert code == 0 and out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete", out + err
    code, out, err = cli(capsys, "drift", adl, *common)
    assert code == 0, out + err

    code, out, err = cli(capsys, "destroy", adl, *common, "--auto-approve", "--allow-data-loss")
    assert code == 0, out + err
    assert not c("ec2").describe_volumes(VolumeIds=[])["Volumes"] or all(
        v["State"] in ("deleting", "deleted") for v in c("ec2").describe_volumes(
            Filters=[{"Name": "volume-id", "Values": phys["reporting_data"]["volumes"]}])["Volumes"])
    assert not efs.describe_file_systems()["FileSystems"]
    assert not gw.get_apis()["Items"]
    assert not glue.get_jobs()["Jobs"]
    assert not sm.list_endpoints()["Endpoints"]
