"""The data-service kinds deploy to a real moto server: apply builds the stream (and its Firehose
delivery), the OpenSearch domain, the MSK cluster and the Amazon MQ broker as main.tf declares them;
a second plan is empty, drift is seen, destroy leaves nothing behind; document_db is emit-only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.aws import data_services as facts
from autodeploy.backends.aws import names
from autodeploy.cli import main

ROOT = Path(__file__).resolve().parents[2]
ADL = ROOT / "tests" / "deploy" / "data" / "data-services-deploy.adl"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _c(endpoint: str, service: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test")


def _data_services(endpoint: str) -> list[str]:
    """What exists of the data services (MSK/MQ keep deleted clusters listed in a DELETING state)."""
    out = [f"stream {s}" for s in _c(endpoint, "kinesis").list_streams()["StreamNames"]]
    out += [f"delivery {d}" for d in _c(endpoint, "firehose").list_delivery_streams()["DeliveryStreamNames"]]
    out += [f"domain {d['DomainName']}" for d in _c(endpoint, "opensearch").list_domain_names()["DomainNames"]]
    out += [f"kafka {c['ClusterName']}" for c in _c(endpoint, "kafka").list_clusters_v2()["ClusterInfoList"]
            if c.get("State") != "DELETING"]
    out += [f"broker {b['BrokerName']}" for b in _c(endpoint, "mq").list_brokers()["BrokerSummaries"]
            if b.get("BrokerState") != "DELETION_IN_PROGRESS"]
    return sorted(out)


def test_apply_reapply_drift_destroy(moto, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    common = ["--endpoint", moto.endpoint, "--state", str(tmp_path / "s.json")]
    code, out, err = cli(capsys, "apply", str(ADL), *common, "--auto-approve")
    assert code == 0, err + out
    assert "Apply complete: 7 created" in out
    # the names main.tf gives them (backends/aws/data_services.py, names.py): one naming scheme
    dep = "order_platform"
    assert _data_services(moto.endpoint) == sorted([
        f"broker {facts.cluster_name(dep, 'fulfilment')}", f"delivery {names.prefixed(dep, 'clickstream-delivery')}",
        f"domain {facts.search_domain(dep, 'catalog')}", f"kafka {facts.cluster_name(dep, 'orders')}",
        f"stream {names.prefixed(dep, 'clickstream')}"])
    k = _c(moto.endpoint, "kinesis").describe_stream_summary(StreamName=names.prefixed(dep, "clickstream"))
    d = k["StreamDescriptionSummary"]
    assert (d["EncryptionType"], d["RetentionPeriodHours"], d["OpenShardCount"]) == ("KMS", 168, 2)
    dom = _c(moto.endpoint, "opensearch").describe_domain(
        DomainName=facts.search_domain(dep, "catalog"))["DomainStatus"]
    assert dom["NodeToNodeEncryptionOptions"]["Enabled"] and dom["EncryptionAtRestOptions"]["Enabled"]
    assert dom["VPCOptions"]["SubnetIds"] and dom["AdvancedSecurityOptions"]["Enabled"]
    # logs (the default): the groups, retention and resource policy main.tf declares, not an ADL5106 warning
    assert "ADL5106" not in out + err, out + err
    logs = _c(moto.endpoint, "logs")
    groups = {g["logGroupName"]: g for g in logs.describe_log_groups(logGroupNamePrefix="/aws/")["logGroups"]}
    search_group, kafka_group = f"/aws/opensearch/{names.prefixed(dep, 'catalog')}", \
        f"/aws/msk/{names.prefixed(dep, 'orders')}"
    assert sorted(groups) == sorted([search_group, kafka_group])
    assert {g["retentionInDays"] for g in groups.values()} == {365}
    search_arn = groups[search_group]["arn"].removesuffix(":*")
    assert {t: o for t, o in dom["LogPublishingOptions"].items()} == {
        t: {"CloudWatchLogsLogGroupArn": search_arn, "Enabled": True}
        for t in ("INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS")}
    policies = logs.describe_resource_policies()["resourcePolicies"]
    assert [p["policyName"] for p in policies] == [names.prefixed(dep, "catalog-opensearch-logs")]
    assert json.loads(policies[0]["policyDocument"])["Statement"] == [{
        "Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"},
        "Action": ["logs:PutLogEvents", "logs:CreateLogStream"], "Resource": search_arn + ":*"}]
    msk = _c(moto.endpoint, "kafka")
    cluster = msk.describe_cluster_v2(ClusterArn=msk.list_clusters_v2()["ClusterInfoList"][0]["ClusterArn"])
    assert cluster["ClusterInfo"]["Provisioned"]["LoggingInfo"] == {
        "BrokerLogs": {"CloudWatchLogs": {"Enabled": True, "LogGroup": kafka_group}}}

    code, out, _ = cli(capsys, "plan", str(ADL), *common)
    assert code == 0 and out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete"

    code, out, err = cli(capsys, "drift", str(ADL), *common)
    assert code == 0 and "No drift: 7 resource(s)" in out, err + out
    # drift: retention shortened behind AutoDeploy's back
    _c(moto.endpoint, "kinesis").decrease_stream_retention_period(StreamName=names.prefixed(dep, "clickstream"),
                                                                  RetentionPeriodHours=24)
    code, out, err = cli(capsys, "drift", str(ADL), *common)
    assert code == 1 and "Drift: 1 of 7 resource(s) drifted." in out
    assert "`clickstream` (stream): `retention_hours` is 24 in the cloud, 168 in the state" in err

    # a log group deleted by hand is drift
    logs.delete_log_group(logGroupName=kafka_group)
    code, out, err = cli(capsys, "drift", str(ADL), *common)
    assert code == 1 and "`orders` (kafka): `broker_logs` is false in the cloud, true in the state" in err, err

    code, out, err = cli(capsys, "destroy", str(ADL), *common, "--auto-approve", "--allow-data-loss")
    assert code == 0, err + out
    assert _data_services(moto.endpoint) == []
    assert logs.describe_resource_policies()["resourcePolicies"] == []
    assert inventory(moto.endpoint, "us-east-1") == []  # security groups, secret, role, network, key too


def test_document_db_is_emit_only(moto, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    code, out, err = cli(capsys, "apply", str(ROOT / "examples" / "data-services.adl"), "--endpoint", moto.endpoint,
                         "--state", str(tmp_path / "s.json"), "--auto-approve")
    assert code != 0 and "ADL5009" in out + err and "document_db profiles" in out + err
    assert _data_services(moto.endpoint) == []
