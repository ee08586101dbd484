"""A real moto server for the deploy tests (imported by tests/deploy/test_deploy_*.py).

Started once per session on 127.0.0.1 with a free port, Lambda configured without Docker,
reset between tests, always stopped. `inventory()` lists every non-default resource the
deploy backend can create, straight from the APIs, so "nothing left behind" is checked
against the cloud rather than against our own state.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MotoServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        # moto runs no ECS tasks; this knob makes services report their tasks running, so the
        # engine's "service stable" waiter (backends/deploy/waiters.py) sees what AWS would show
        env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true", MOTO_ECS_SERVICE_RUNNING="1000")
        self.log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"moto-{self.port}.log"), "wb")  # noqa: SIM115
        self.proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"moto server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("moto server did not become ready in 60 s") from None
                time.sleep(0.2)
        self.configure()

    def _post(self, path: str, body: dict[str, Any] | None = None) -> None:
        data = json.dumps(body or {}).encode()
        req = urllib.request.Request(self.endpoint + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=30).read()

    def configure(self) -> None:
        self._post("/moto-api/config", {"lambda": {"use_docker": False}})

    def reset(self) -> None:
        self._post("/moto-api/reset")
        self.configure()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# Module scope: each test module imports this fixture, which makes it a fixture of its own per module — with
# session scope every module's server stayed alive to the end of the run (20+ idle moto servers, ~400 MB each).
@pytest.fixture(scope="module")
def moto_server() -> Any:
    for k, v in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                 ("AWS_DEFAULT_REGION", "us-east-1")):
        os.environ[k] = v
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AUTODEPLOY_AWS_ENDPOINT", None)
    server = MotoServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def moto(moto_server: MotoServer) -> MotoServer:
    """The session's server, reset to an empty cloud for this test."""
    moto_server.reset()
    return moto_server


_CLIENTS: dict[tuple[str, str, str], Any] = {}
_PENDING: set[tuple[str, str]] = set()


def _c(endpoint: str, region: str, service: str) -> Any:
    # cached: building a client costs more than the call it makes (the fault loop runs ~100 inventories)
    key = (endpoint, region, service)
    if key not in _CLIENTS:
        _CLIENTS[key] = boto3.client(service, endpoint_url=endpoint, region_name=region)
    return _CLIENTS[key]


def inventory(endpoint: str, region: str, services: set[str] | None = None) -> list[str]:
    """Every resource the deploy backend could have created that still exists.

    KMS keys scheduled for deletion count as removed: KMS never deletes a key at once
    (7-30 day window), so PendingDeletion is the deleted state. Defaults that exist in a
    fresh account (default VPC and its subnets/IGW/route table/security groups, default
    RDS parameter groups, the default event bus) are excluded.
    """
    want = services or {"ec2", "s3", "kms", "secretsmanager", "rds", "dynamodb", "elasticache", "sqs", "sns",
                        "lambda", "iam", "logs", "ecs", "elbv2", "acm", "autoscaling", "cloudfront",
                        "cloudtrail", "events", "wafv2", "apigateway"}
    out: list[str] = []

    def c(s: str) -> Any:
        return _c(endpoint, region, s)

    if "ec2" in want:
        ec2 = c("ec2")
        vpcs = ec2.describe_vpcs()["Vpcs"]
        default = {v["VpcId"] for v in vpcs if v.get("IsDefault")}
        out += [f"vpc {v['VpcId']}" for v in vpcs if v["VpcId"] not in default]
        out += [f"subnet {s['SubnetId']}" for s in ec2.describe_subnets()["Subnets"] if s["VpcId"] not in default]
        for g in ec2.describe_internet_gateways()["InternetGateways"]:
            if not any(a["VpcId"] in default for a in g.get("Attachments", [])):
                out.append(f"igw {g['InternetGatewayId']}")
        out += [f"route table {r['RouteTableId']}" for r in ec2.describe_route_tables()["RouteTables"]
                if r["VpcId"] not in default]
        out += [f"nat {n['NatGatewayId']}" for n in ec2.describe_nat_gateways()["NatGateways"]
                if n["State"] not in ("deleted", "deleting")]
        out += [f"eip {a.get('AllocationId')}" for a in ec2.describe_addresses()["Addresses"]]
        out += [f"sg {g['GroupId']}" for g in ec2.describe_security_groups()["SecurityGroups"]
                if g["GroupName"] != "default"]
        out += [f"launch template {t['LaunchTemplateId']}" for t in ec2.describe_launch_templates()["LaunchTemplates"]]
        out += [f"flow log {f['FlowLogId']}" for f in ec2.describe_flow_logs()["FlowLogs"]]
    if "s3" in want:
        # the deployment's access-log bucket outlives a destroy while it holds logs (ADL5960, kept on
        # purpose: moto delivers S3 access logs); tests/deploy/test_deploy_access_logs.py checks it
        s3 = c("s3")
        out += [f"bucket {b['Name']}" for b in s3.list_buckets()["Buckets"]
                if not (re.fullmatch(r".+-access-logs-[0-9a-f]{8}", b["Name"])
                        and s3.list_objects_v2(Bucket=b["Name"], MaxKeys=1).get("KeyCount"))]
    if "kms" in want:
        kms = c("kms")
        aliases = kms.list_aliases()["Aliases"]
        aws_managed = {a.get("TargetKeyId") for a in aliases if a["AliasName"].startswith("alias/aws/")}
        for k in kms.list_keys()["Keys"]:
            if k["KeyId"] in aws_managed:
                continue  # e.g. the EBS default key moto (like AWS) creates on first encrypted launch
            if (endpoint, k["KeyId"]) in _PENDING:
                continue  # a key scheduled for deletion stays so (nothing here cancels deletions)
            st = kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"]
            if st == "PendingDeletion":
                _PENDING.add((endpoint, k["KeyId"]))
            else:
                out.append(f"kms key {k['KeyId']} ({st})")
        out += [f"kms alias {a['AliasName']}" for a in aliases
                if not a["AliasName"].startswith("alias/aws/")]
    if "secretsmanager" in want:
        out += [f"secret {s['Name']}" for s in c("secretsmanager").list_secrets()["SecretList"]]
    if "rds" in want:
        rds = c("rds")
        out += [f"db {d['DBInstanceIdentifier']}" for d in rds.describe_db_instances()["DBInstances"]]
        out += [f"db subnet group {g['DBSubnetGroupName']}" for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]
                if g["DBSubnetGroupName"] != "default"]
        out += [f"db parameter group {g['DBParameterGroupName']}"
                for g in rds.describe_db_parameter_groups()["DBParameterGroups"]
                if not g["DBParameterGroupName"].startswith("default.")]
    if "dynamodb" in want:
        out += [f"table {t}" for t in c("dynamodb").list_tables()["TableNames"]]
    if "elasticache" in want:
        ec = c("elasticache")
        out += [f"replication group {g['ReplicationGroupId']}"
                for g in ec.describe_replication_groups()["ReplicationGroups"] if g.get("Status") != "deleting"]
        out += [f"cache cluster {g['CacheClusterId']}" for g in ec.describe_cache_clusters()["CacheClusters"]
                if g.get("CacheClusterStatus") != "deleting"]
    if "sqs" in want:
        out += [f"queue {u}" for u in c("sqs").list_queues().get("QueueUrls", [])]
    if "sns" in want:
        out += [f"topic {t['TopicArn']}" for t in c("sns").list_topics()["Topics"]]
        out += [f"subscription {t['SubscriptionArn']}" for t in c("sns").list_subscriptions()["Subscriptions"]]
    if "lambda" in want:
        lam = c("lambda")
        out += [f"function {f['FunctionName']}" for f in lam.list_functions()["Functions"]]
        out += [f"event source mapping {m['UUID']}" for m in lam.list_event_source_mappings()["EventSourceMappings"]]
    if "iam" in want:
        out += [f"role {r['RoleName']}" for r in c("iam").list_roles()["Roles"]]
    if "logs" in want:
        out += [f"log group {g['logGroupName']}" for g in c("logs").describe_log_groups()["logGroups"]]
    if "ecs" in want:
        ecs = c("ecs")
        # deleted clusters and services stay visible as INACTIVE for a while (as in AWS)
        arns = ecs.list_clusters()["clusterArns"]
        for cl in ecs.describe_clusters(clusters=arns)["clusters"] if arns else []:
            if cl["status"] != "ACTIVE":
                continue
            out.append(f"ecs cluster {cl['clusterArn']}")
            svcs = ecs.list_services(cluster=cl["clusterArn"])["serviceArns"]
            for sv in ecs.describe_services(cluster=cl["clusterArn"], services=svcs)["services"] if svcs else []:
                if sv["status"] == "ACTIVE":
                    out.append(f"ecs service {sv['serviceArn']}")
        out += [f"task definition {t}" for t in ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]]
    if "elbv2" in want:
        elb = c("elbv2")
        out += [f"load balancer {lb['LoadBalancerName']}" for lb in elb.describe_load_balancers()["LoadBalancers"]]
        out += [f"target group {t['TargetGroupName']}" for t in elb.describe_target_groups()["TargetGroups"]]
    if "acm" in want:
        out += [f"certificate {x['CertificateArn']}" for x in c("acm").list_certificates()["CertificateSummaryList"]]
    if "autoscaling" in want:
        out += [f"asg {g['AutoScalingGroupName']}"
                for g in c("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]]
    if "cloudfront" in want:
        items = c("cloudfront").list_distributions()["DistributionList"].get("Items", [])
        out += [f"distribution {d['Id']}" for d in items]
    if "cloudtrail" in want:
        out += [f"trail {t['Name']}" for t in c("cloudtrail").describe_trails()["trailList"]]
    if "events" in want:
        out += [f"rule {r['Name']}" for r in c("events").list_rules()["Rules"]]
    if "wafv2" in want:
        # CLOUDFRONT-scoped ACLs and their log groups live in us-east-1, whatever the region
        waf = c("wafv2")
        out += [f"web acl {a['Name']}" for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]]
        out += [f"logging {x['ResourceArn']}"
                for x in waf.list_logging_configurations(Scope="REGIONAL")["LoggingConfigurations"]]
        east = _c(endpoint, "us-east-1", "wafv2")
        out += [f"cloudfront web acl {a['Name']}" for a in east.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]]
        out += [f"logging {x['ResourceArn']}"
                for x in east.list_logging_configurations(Scope="CLOUDFRONT")["LoggingConfigurations"]]
        if region != "us-east-1":
            out += [f"us-east-1 log group {g['logGroupName']}" for g in _c(endpoint, "us-east-1", "logs")
                    .describe_log_groups(logGroupNamePrefix="aws-waf-logs-")["logGroups"]]
    if "apigateway" in want:
        out += [f"rest api {a['name']}" for a in c("apigateway").get_rest_apis()["items"]]
        out += [f"http api {a['Name']}" for a in c("apigatewayv2").get_apis()["Items"]]
    return sorted(out)


def tagged(endpoint: str, region: str, deployment: str) -> list[str]:
    """ARNs the resource groups tagging API reports with autodeploy:deployment=<deployment>."""
    api = _c(endpoint, region, "resourcegroupstaggingapi")
    got = api.get_resources(TagFilters=[{"Key": "autodeploy:deployment", "Values": [deployment]}])
    return sorted(m["ResourceARN"] for m in got["ResourceTagMappingList"])
