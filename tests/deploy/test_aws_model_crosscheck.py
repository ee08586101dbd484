"""What Terraform declares is what deploy creates (issue 13).

Every AWS example is applied to moto with the boto3 deploy backend and compared, resource by
resource, with its main.tf golden (tests/cases/<example>/main.tf, parsed with python-hcl2):
physical names, tags (provider default_tags merged with the resource's), the IAM statements of
every principal (sid, actions, resources) and the settings both sides express. `${var.*}` take
their defaults; references resolve to what the state recorded."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import boto3
import hcl2
import pytest
from moto_server import EXAMPLES, moto, moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.compiler import compile_file

CASES = Path(__file__).resolve().parents[1] / "cases"
AWS_EXAMPLES = ("data-platform", "patient-portal", "pci-checkout", "serverless-pipeline", "static-site",
                "analytics-api")

# kind -> (Terraform type of the primary resource, its name attribute, how deploy's phys names it)
NAMES: dict[str, tuple[str, str, Any]] = {
    "bucket": ("aws_s3_bucket", "bucket", lambda p: p["bucket"]),
    "database": ("aws_db_instance", "identifier", lambda p: p["instance"]),
    "table": ("aws_dynamodb_table", "name", lambda p: p["table"]),
    "queue": ("aws_sqs_queue", "name", lambda p: p["url"].rsplit("/", 1)[1]),
    "topic": ("aws_sns_topic", "name", lambda p: p["arn"].rsplit(":", 1)[1]),
    "secret": ("aws_secretsmanager_secret", "name", lambda p: p["secret_arn"].split(":secret:")[1][:-7]),
    "key": ("aws_kms_alias", "name", lambda p: p["alias"]),
    "function": ("aws_lambda_function", "function_name", lambda p: p["function"]),
    "cache": ("aws_elasticache_replication_group", "replication_group_id", lambda p: p.get("replication_group")),
    "audit": ("aws_cloudtrail", "name", lambda p: p["trail"]),
    "etl_job": ("aws_glue_job", "name", lambda p: p["job"]),
    "model_endpoint": ("aws_sagemaker_endpoint", "name", lambda p: p["endpoint"]),
}
# extra names of a resource's companions: (kind, tf type, label suffix, name attribute, phys key)
COMPANIONS = (("database", "aws_db_subnet_group", "", "name", "subnet_group"),
              ("database", "aws_db_parameter_group", "", "name", "parameter_group"),
              ("audit", "aws_s3_bucket", "_trail", "bucket", "bucket"))
# principals: kind -> [(phys key of the role, label suffix of main.tf's policy document)]
ROLES = {"function": [("role", "_access_policy")],
         "service": [("task_role", "_access_policy"), ("exec_role", "_secrets_policy")]}


class Tf:
    """main.tf as python-hcl2 reads it, with the variables' defaults."""

    def __init__(self, example: str) -> None:
        doc = hcl2.loads((CASES / example / "main.tf").read_text())
        self.res: dict[tuple[str, str], dict[str, Any]] = {}
        for block in doc.get("resource", []):
            for rtype, body in block.items():
                for label, attrs in body.items():
                    self.res[(rtype, label)] = attrs
        self.data: dict[tuple[str, str], dict[str, Any]] = {}
        for block in doc.get("data", []):
            for rtype, body in block.items():
                for label, attrs in body.items():
                    self.data[(rtype, label)] = attrs
        self.var = {k: v.get("default") for block in doc.get("variable", []) for k, v in block.items()}

    def get(self, rtype: str, label: str) -> dict[str, Any] | None:
        return self.res.get((rtype, label))


class Resolver:
    """`${...}` in main.tf values -> the deployed values recorded in the state."""

    def __init__(self, tf: Tf, state: dict[str, Any], region: str, account: str) -> None:
        self.tf, self.state, self.region, self.account = tf, state, region, account

    def phys(self, label: str) -> dict[str, Any]:
        rec = self.state.get(label)
        return rec["physical"] if rec else {}

    def one(self, m: re.Match[str]) -> str:
        expr = m.group(1)
        if expr.startswith("var."):
            return str(self.tf.var[expr[4:]])
        if expr == "data.aws_partition.current.partition":
            return "aws"
        if expr == "data.aws_caller_identity.current.account_id":
            return self.account
        _, label, attr = expr.split(".")
        p = self.phys(label)
        if attr == "arn":
            return str(p.get("arn") or p.get("key_arn") or p.get("secret_arn"))
        return str(p.get(attr))

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            return re.sub(r"\$\{([^{}]+)\}", self.one, value)
        if isinstance(value, list):
            return [self(v) for v in value]
        return value


def _apply(example: str, endpoint: str, tmp_path: Path) -> tuple[Any, dict[str, Any], str]:
    result = compile_file(str(EXAMPLES / f"{example}.adl"))
    assert result.ir is not None and result.graph is not None
    region = result.ir.deployment.region
    path = tmp_path / "s.json"
    state = st.State(str(path), result.ir.deployment.name, region, endpoint)
    cloud = Cloud(region, endpoint)
    out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    cloud.close()
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    return result.ir, json.loads(path.read_text())["resources"], region


def _tags(c: Any, kind: str, phys: dict[str, Any]) -> dict[str, str] | None:
    """The tags the cloud holds on a resource's primary object (None: not readable here)."""
    def kv(items: list[dict[str, str]], k: str = "Key", v: str = "Value") -> dict[str, str]:
        return {t[k]: t[v] for t in items}
    if kind == "bucket":
        return kv(c("s3").get_bucket_tagging(Bucket=phys["bucket"])["TagSet"])
    if kind == "database":
        return kv(c("rds").list_tags_for_resource(ResourceName=phys["arn"])["TagList"])
    if kind == "table":
        return kv(c("dynamodb").list_tags_of_resource(ResourceArn=phys["arn"])["Tags"])
    if kind == "queue":
        return dict(c("sqs").list_queue_tags(QueueUrl=phys["url"]).get("Tags", {}))
    if kind == "topic":
        return kv(c("sns").list_tags_for_resource(ResourceArn=phys["arn"])["Tags"])
    if kind == "secret":
        return kv(c("secretsmanager").describe_secret(SecretId=phys["secret_arn"]).get("Tags", []))
    if kind == "key":
        return kv(c("kms").list_resource_tags(KeyId=phys["key_id"])["Tags"], "TagKey", "TagValue")
    if kind == "function":
        return dict(c("lambda").list_tags(Resource=phys["arn"])["Tags"])
    return None


def _settings(c: Any, kind: str, phys: dict[str, Any], tf: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(setting, main.tf's value, the cloud's) for what both sides express."""
    if kind == "database":
        d = c("rds").describe_db_instances(DBInstanceIdentifier=phys["instance"])["DBInstances"][0]
        return [("engine", tf["engine"], d["Engine"]), ("engine_version", tf["engine_version"], d["EngineVersion"]),
                ("instance_class", tf["instance_class"], d["DBInstanceClass"]),
                ("allocated_storage", tf["allocated_storage"], d["AllocatedStorage"]),
                ("storage_type", tf["storage_type"], d["StorageType"]),
                ("username", tf["username"], d["MasterUsername"]), ("multi_az", tf["multi_az"], d["MultiAZ"]),
                ("publicly_accessible", tf["publicly_accessible"], d["PubliclyAccessible"]),
                ("backup_retention_period", tf["backup_retention_period"], d["BackupRetentionPeriod"]),
                ("deletion_protection", tf["deletion_protection"], d["DeletionProtection"]),
                ("storage_encrypted", tf["storage_encrypted"], d["StorageEncrypted"]),
                ("iam_database_authentication_enabled", tf["iam_database_authentication_enabled"],
                 d["IAMDatabaseAuthenticationEnabled"]),
                ("enabled_cloudwatch_logs_exports", tf.get("enabled_cloudwatch_logs_exports") or [],
                 d.get("EnabledCloudwatchLogsExports") or [])]
    if kind == "table":
        d = c("dynamodb").describe_table(TableName=phys["table"])["Table"]
        keys = {k["KeyType"]: k["AttributeName"] for k in d["KeySchema"]}
        return [("billing_mode", tf["billing_mode"], d.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")),
                ("hash_key", tf["hash_key"], keys.get("HASH")), ("range_key", tf.get("range_key"), keys.get("RANGE")),
                ("deletion_protection_enabled", tf["deletion_protection_enabled"], d["DeletionProtectionEnabled"])]
    if kind == "queue":
        a = c("sqs").get_queue_attributes(QueueUrl=phys["url"], AttributeNames=["All"])["Attributes"]
        return [("message_retention_seconds", tf["message_retention_seconds"], int(a["MessageRetentionPeriod"])),
                ("visibility_timeout_seconds", tf["visibility_timeout_seconds"], int(a["VisibilityTimeout"]))]
    if kind == "function":
        f = c("lambda").get_function_configuration(FunctionName=phys["function"])
        return [("runtime", tf["runtime"], f["Runtime"]), ("memory_size", tf["memory_size"], f["MemorySize"]),
                ("timeout", tf["timeout"], f["Timeout"]), ("architectures", tf["architectures"], f["Architectures"])]
    return []


def _statements(doc: str | dict[str, Any]) -> dict[str, tuple[list[str], list[str]]]:
    d = json.loads(doc) if isinstance(doc, str) else doc
    out = {}
    for s in d["Statement"]:
        if "Sid" in s:  # statements main.tf keeps in another policy (logs, ECR pulls) carry no Sid
            res = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
            act = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            out[s["Sid"]] = (sorted(act), sorted(res))
    return out


@pytest.mark.parametrize("example", AWS_EXAMPLES)
def test_apply_creates_what_main_tf_declares(example: str, moto, tmp_path: Path) -> None:  # noqa: F811
    ir, state, region = _apply(example, moto.endpoint, tmp_path)
    tf = Tf(example)

    def c(service: str) -> Any:
        return boto3.client(service, endpoint_url=moto.endpoint, region_name=region)

    account = c("sts").get_caller_identity()["Account"]
    resolve = Resolver(tf, state, region, account)
    default_tags = dict(tf.var["tags"])
    compared = {"names": 0, "tags": 0, "iam": 0, "settings": 0}
    for r in ir.resources:
        rec = state.get(r.name)
        if rec is None:
            continue  # skipped on moto (ADL5105): nothing deployed to compare
        phys = rec["physical"]
        if r.kind in NAMES:
            rtype, attr, deployed = NAMES[r.kind]
            tfr = tf.get(rtype, r.name)
            if tfr is not None and deployed(phys) is not None:
                assert deployed(phys) == resolve(tfr[attr]), f"{r.name}: {rtype}.{attr}"
                compared["names"] += 1
        for kind, rtype, suffix, attr, key in COMPANIONS:
            tfr = tf.get(rtype, r.name + suffix)
            if kind == r.kind and tfr is not None and key in phys:
                assert phys[key] == resolve(tfr[attr]), f"{r.name}: {rtype}.{attr}"
                compared["names"] += 1
        primary = tf.get(NAMES[r.kind][0], r.name) if r.kind in NAMES else None
        if r.kind == "key":
            primary = tf.get("aws_kms_key", r.name)
        cloud_tags = _tags(c, r.kind, phys)
        if primary is not None and cloud_tags is not None:
            assert cloud_tags == {**default_tags, **primary["tags"]}, f"{r.name}: tags"
            compared["tags"] += 1
        if primary is not None and r.kind != "key":
            for name, want, got in _settings(c, r.kind, phys, primary):
                assert got == resolve(want), f"{r.name}: {name}: main.tf {want!r}, deployed {got!r}"
                compared["settings"] += 1
        for role_key, doc_suffix in ROLES.get(r.kind, []):
            doc = tf.data.get(("aws_iam_policy_document", r.name + doc_suffix))
            if role_key not in phys:
                continue
            want = {s["sid"]: (sorted(s["actions"]), sorted(resolve(s["resources"])))
                    for s in (doc or {}).get("statement", [])}
            iam = c("iam")
            got: dict[str, tuple[list[str], list[str]]] = {}
            for pname in iam.list_role_policies(RoleName=phys[role_key])["PolicyNames"]:
                got.update(_statements(iam.get_role_policy(RoleName=phys[role_key], PolicyName=pname)
                                       ["PolicyDocument"]))
            assert got == want, f"{r.name}: IAM of {role_key}"
            compared["iam"] += len(want)
    assert compared["names"] and compared["tags"], compared
