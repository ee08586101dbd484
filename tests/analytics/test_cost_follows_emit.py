"""Cost follows emit: every billable attribute the Terraform backend writes has a component in the
estimate — priced, or an explicit unknown line with its reason. A resource type the backend starts
emitting must be classified here (billable with its components, or free with the reason), so an
emit change cannot silently fall out of the estimate."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from autodeploy.analytics.cost import CostComponent, CostReport, estimate
from autodeploy.backends.terraform.emitter import emit_terraform
from autodeploy.compiler import compile_file, compile_source
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.kinds_data_services import DATA_SERVICE_KINDS

Body = dict[str, Any]
Check = Callable[[Body, list[CostComponent]], bool]


def _block(body: Body, key: str) -> Body:
    v = body.get(key)
    if isinstance(v, list):
        v = v[0] if v else {}
    return v if isinstance(v, dict) else {}


def _has(pattern: str, check: Check | None = None) -> Callable[[Body, list[CostComponent]], str | None]:
    """A component whose name matches `pattern` (and passes `check`), else the failure text."""
    rx = re.compile(pattern)

    def probe(body: Body, comps: list[CostComponent]) -> str | None:
        hits = [c for c in comps if rx.search(c.name)]
        if not hits:
            return f"no component /{pattern}/ among {[c.name for c in comps]}"
        for c in hits:
            if c.price_source == "unknown" and not c.note:
                return f"unknown component {c.name!r} without a reason"
        if check is not None and not check(body, hits):
            return f"component /{pattern}/ does not match the emitted attribute: {[c.to_json() for c in hits]}"
        return None

    return probe


def _always(body: Body) -> bool:
    return True


def _qty(value: Callable[[Body], float]) -> Check:
    return lambda body, hits: any(abs(c.quantity - value(body)) < 1e-6 for c in hits)


def _retention_in_note(body: Body, hits: list[CostComponent]) -> bool:
    days = body.get("retention_in_days")
    return any((f"x {days} retention days" in c.note) if days else ("never expires" in c.note) for c in hits)


def _count(body: Body) -> int:
    return int(body.get("count") or 1)


# tf type -> [(when the attribute is billable, expected component)]
BILLABLE: dict[str, list[tuple[Callable[[Body], bool], Callable[[Body, list[CostComponent]], str | None]]]] = {
    "aws_instance": [
        (_always, _has(r"^Instance \((\S+) x ", lambda b, h: any(b["instance_type"] in c.name for c in h))),
        (_always, _has(r"^Disk \(", lambda b, h: any(
            f"({_block(b, 'root_block_device')['volume_type']}, {_block(b, 'root_block_device')['volume_size']} GB"
            in c.name for c in h))),
        (lambda b: b.get("monitoring") is True, _has(r"^Detailed monitoring", _qty(lambda b: 7 * _count(b)))),
        (lambda b: b.get("ebs_optimized") is True, _has(r"^EBS-optimized")),
        (lambda b: b.get("associate_public_ip_address") is True, _has(r"^Public IPv4 address")),
        (lambda b: _block(b, "credit_specification").get("cpu_credits") == "unlimited", _has(r"^CPU credits")),
        (lambda b: (_block(b, "root_block_device").get("iops") or 0) > 3000
         or _block(b, "root_block_device").get("volume_type") in ("io1", "io2"), _has(r"^Disk IOPS")),
        (lambda b: (_block(b, "root_block_device").get("throughput") or 0) > 125, _has(r"^Disk throughput")),
    ],
    "aws_launch_template": [
        (_always, _has(r"^Instance \(", lambda b, h: any(b["instance_type"] in c.name for c in h))),
        (_always, _has(r"^Disk \(")),
        (lambda b: _block(b, "monitoring").get("enabled") is True, _has(r"^Detailed monitoring")),
        (lambda b: b.get("ebs_optimized") is True, _has(r"^EBS-optimized")),
        (lambda b: _block(b, "network_interfaces").get("associate_public_ip_address") is True,
         _has(r"^Public IPv4 address")),
    ],
    "aws_db_instance": [
        (_always, _has(r"^Instance \(", lambda b, h: any(b["instance_class"] in c.name for c in h))),
        (lambda b: b["storage_type"] == "gp3", _has(r"^Storage \(gp3\)", _qty(lambda b: b["allocated_storage"]))),
        (lambda b: b["storage_type"] == "io1", _has(r"^Storage \(provisioned IOPS SSD\)")),
        (lambda b: bool(b.get("iops")) and b["storage_type"] != "gp3",
         _has(r"^Provisioned IOPS$", _qty(lambda b: b["iops"]))),
        (lambda b: (b.get("iops") or 0) > 12000 and b["storage_type"] == "gp3",
         _has(r"^Provisioned IOPS \(gp3", _qty(lambda b: b["iops"] - 12000))),
        (lambda b: (b.get("storage_throughput") or 0) > 500, _has(r"^Provisioned throughput \(gp3")),
        (lambda b: b["storage_type"] == "io2", _has(r"^Storage \(io2")),
        (lambda b: b.get("backup_retention_period", 0) > 0, _has(r"^Backup storage")),
        (lambda b: bool(b.get("enabled_cloudwatch_logs_exports")) or b.get("monitoring_interval", 0) > 0,
         _has(r"log ingestion \(CloudWatch Logs\)")),
        (lambda b: b["engine"] == "postgres" and str(b["engine_version"]).split(".")[0] in ("11", "12"),
         _has(r"^Extended support")),
    ],
    "aws_nat_gateway": [(_always, _has(r"^NAT gateway$", _qty(lambda b: _count(b) * 730))),
                        (_always, _has(r"^NAT data processed"))],
    "aws_eip": [(_always, _has(r"^Public IPv4 address", _qty(lambda b: _count(b) * 730)))],
    "aws_flow_log": [(_always, _has(r"^Flow logs ingestion"))],
    "aws_cloudwatch_log_group": [(_always, _has(r"(log|logs) storage \(CloudWatch Logs\)", _retention_in_note))],
    "aws_elasticache_replication_group": [
        (_always, _has(r"^Cache nodes \(", lambda b, h: any(
            b["node_type"] in c.name and c.quantity == b["num_cache_clusters"] * 730 for c in h))),
        (lambda b: b.get("snapshot_retention_limit", 0) > 0, _has(r"^Snapshots")),
    ],
    "aws_elasticache_cluster": [
        (_always, _has(r"^Cache nodes \(", lambda b, h: any(
            b["node_type"] in c.name and c.quantity == b["num_cache_nodes"] * 730 for c in h))),
    ],
    "aws_sqs_queue": [(_always, _has(r"^Requests"))],
    "aws_sns_topic": [
        (lambda b: b.get("fifo_topic") is True, _has(r"^Publish requests \(FIFO\)")),
        (lambda b: b.get("fifo_topic") is True, _has(r"^Deliveries to \d+ subscription")),
        (lambda b: not b.get("fifo_topic"), _has(r"^Publish requests$")),
    ],
    "aws_lambda_function": [
        (_always, _has(r"^Requests$")),
        (_always, _has(r"^Duration \(", lambda b, h: any(
            f"({b['memory_size'] / 1024:g} GB, {b['architectures'][0]})" in c.name for c in h))),
        (lambda b: _block(b, "tracing_config").get("mode") == "Active", _has(r"^X-Ray traces|^Requests$")),
    ],
    "aws_ecs_task_definition": [
        (_always, _has(r"^Fargate vCPU \(", lambda b, h: any(f"({int(b['cpu']) / 1024:g} vCPU" in c.name for c in h))),
        (_always, _has(r"^Fargate memory \(", lambda b, h: any(
            f"({int(b['memory']) / 1024:g} GB" in c.name for c in h))),
    ],
    "aws_ecs_cluster": [(lambda b: _block(b, "setting").get("value") == "enabled", _has(r"^Container Insights"))],
    "aws_lb": [
        (lambda b: b["load_balancer_type"] == "application", _has(r"^Application Load Balancer")),
        (lambda b: b["load_balancer_type"] == "network", _has(r"^Network Load Balancer")),
        (_always, _has(r"^Capacity units")),
        (lambda b: _block(b, "access_logs").get("enabled") is True, _has(r"^Access logs \(S3 access-log bucket\)")),
    ],
    "aws_wafv2_web_acl": [
        (_always, _has(r"^WAF web ACL$")),
        (_always, _has(r"^WAF rules$", lambda b, h: any(c.quantity == len(b["rule"]) for c in h))),
        (_always, _has(r"^WAF requests$")),
    ],
    "aws_cloudfront_distribution": [
        (_always, _has(r"^Data transfer out")),
        (_always, _has(r"^HTTPS requests$")),
        (lambda b: bool(b.get("logging_config")), _has(r"^Standard logs \(S3 access-log bucket\)")),
    ],
    "aws_cloudtrail": [
        (_always, _has(r"^Management events \((first|additional) copy\)")),
        (lambda b: any(_block(s, "data_resource") for s in (b.get("event_selector") or [])
                       if isinstance(s, dict)), _has(r"^Data events$")),
        (lambda b: bool(b.get("cloud_watch_logs_group_arn")), _has(r"^Trail log ingestion")),
    ],
    "aws_kms_key": [(_always, _has(r"^Customer managed key$|^Log encryption key|^Logs KMS key|^Secrets KMS key"
                                   r"|^Customer managed key \(SCRAM"))],
    # issue 21: kubernetes, helm_release, monitor
    "aws_eks_cluster": [(_always, _has(r"^EKS control plane", _qty(lambda b: 730)))],
    "aws_eks_node_group": [
        (_always, _has(r"^Node group instances \(", lambda b, h: any(b["instance_types"][0] in c.name for c in h))),
        (_always, _has(r"^Node root volumes \(gp2", lambda b, h: any(f"{b['disk_size']} GB" in c.name for c in h))),
    ],
    "aws_eks_fargate_profile": [(_always, _has(r"^Fargate pods vCPU")), (_always, _has(r"^Fargate pods memory"))],
    "aws_cloudwatch_metric_alarm": [(_always, _has(r"^CloudWatch alarms \("))],
    "aws_cloudwatch_dashboard": [(_always, _has(r"^CloudWatch dashboard$"))],
    "aws_prometheus_workspace": [(_always, _has(r"^Amazon Managed Prometheus"))],
    "aws_grafana_workspace": [(_always, _has(r"^Amazon Managed Grafana editors"))],
    "helm_release": [(_always, _has(r"^Resources the chart"))],
    "aws_secretsmanager_secret": [(_always, _has(r"^Secret$|^Secret \(AUTH token|^Secret \(generated admin"))],
    "aws_s3_bucket": [(_always, _has(r"^Storage \(|\(S3 access-log bucket\)$|^Trail log files"))],
    "aws_s3_bucket_logging": [(_always, _has(r"^Server access logs|^Trail log files"))],
    # application-service kinds (issue 22)
    "aws_glue_job": [(_always, _has(r"^Job run time \(", lambda b, h: any(
        f"{b['number_of_workers']} x {b['worker_type']}" in c.name for c in h)))],
    "aws_glue_crawler": [(_always, _has(r"^Crawler run time$"))],
    "aws_sagemaker_endpoint_configuration": [(_always, _has(r"^Endpoint instances \(", lambda b, h: any(
        _block(b, "production_variants")["instance_type"] in c.name and c.price_source == "unknown" for c in h)))],
    "aws_apigatewayv2_api": [(_always, _has(r"^HTTP API requests"))],
    "aws_api_gateway_rest_api": [(_always, _has(r"^REST API requests"))],
    "aws_ebs_volume": [
        (_always, _has(r"^Volume storage \(", lambda b, h: any(
            f"({b['type']}, {b['size']} GB x {_count(b)})" in c.name for c in h))),
        (lambda b: (b.get("iops") or 0) > 3000 or b["type"] in ("io1", "io2"), _has(r"^Disk IOPS")),
        (lambda b: (b.get("throughput") or 0) > 125, _has(r"^Disk throughput")),
    ],
    "aws_efs_file_system": [
        (_always, _has(r"^Storage \((Standard|One Zone)\)")),
        (lambda b: b["throughput_mode"] == "provisioned", _has(r"^Provisioned throughput")),
        (lambda b: b["throughput_mode"] == "elastic", _has(r"^Elastic throughput")),
    ],
    "aws_efs_backup_policy": [(lambda b: _block(b, "backup_policy").get("status") == "ENABLED",
                               _has(r"^Automatic backups"))],
    "aws_dynamodb_table": [
        (lambda b: b["billing_mode"] == "PAY_PER_REQUEST", _has(r"request units \(on-demand\)")),
        (lambda b: b["billing_mode"] == "PROVISIONED", _has(r"^Provisioned capacity")),
        (_always, _has(r"^Data storage$")),
        (lambda b: _block(b, "point_in_time_recovery").get("enabled") is True, _has(r"^Point-in-time")),
    ],
    # data services (issue 20)
    "aws_opensearch_domain": [
        (_always, _has(r"^Data nodes \(", lambda b, h: any(
            c.quantity == _block(b, "cluster_config")["instance_count"] * 730 for c in h))),
        (lambda b: _block(b, "cluster_config").get("dedicated_master_enabled") is True, _has(r"^Dedicated masters")),
        (_always, _has(r"^EBS gp3 storage")),
    ],
    "aws_kinesis_stream": [
        (lambda b: b.get("shard_count") is not None, _has(r"^Shards \(", _qty(lambda b: b["shard_count"] * 730))),
        (lambda b: b.get("shard_count") is None, _has(r"^On-demand stream$")),
        (lambda b: b["retention_period"] > 24, _has(r"^Extended retention")),
        (lambda b: b["retention_period"] > 168, _has(r"^Long-term retention")),
    ],
    "aws_kinesis_firehose_delivery_stream": [(_always, _has(r"^Firehose delivery"))],
    "aws_msk_cluster": [
        (_always, _has(r"^Brokers \(", _qty(lambda b: b["number_of_broker_nodes"] * 730))),
        (_always, _has(r"^Broker storage")),
    ],
    "aws_msk_serverless_cluster": [(_always, _has(r"^MSK Serverless cluster$"))],
    "aws_mq_broker": [(_always, _has(r"^Broker \(")), (_always, _has(r"^Broker storage"))],
    "aws_docdb_cluster": [
        (_always, _has(r"^Cluster storage$")), (_always, _has(r"^I/O requests$")),
        (_always, _has(r"^Backup storage")),
        (lambda b: bool(b.get("enabled_cloudwatch_logs_exports")), _has(r"log ingestion \(CloudWatch Logs\)")),
    ],
    "aws_docdb_cluster_instance": [(_always, _has(r"^Instances \(", _qty(lambda b: b["count"] * 730)))],
}

# Emitted but not billed by AWS, or billed through another resource's line (why).
FREE: dict[str, str] = {
    "aws_vpc": "no charge", "aws_subnet": "no charge", "aws_route_table": "no charge",
    "aws_route_table_association": "no charge", "aws_internet_gateway": "no charge",
    "aws_default_security_group": "no charge", "aws_security_group": "no charge",
    "aws_vpc_security_group_ingress_rule": "no charge", "aws_vpc_security_group_egress_rule": "no charge",
    "aws_iam_role": "IAM is free", "aws_iam_role_policy": "IAM is free",
    "aws_iam_role_policy_attachment": "IAM is free", "aws_iam_instance_profile": "IAM is free",
    "aws_kms_alias": "aliases are free", "random_password": "not a cloud resource",
    "aws_s3_bucket_public_access_block": "bucket setting", "aws_s3_bucket_versioning": "bucket setting "
    "(old versions are storage, stated by `size`)", "aws_s3_bucket_ownership_controls": "bucket setting",
    "aws_s3_bucket_server_side_encryption_configuration": "bucket setting (KMS key priced on the key)",
    "aws_s3_bucket_lifecycle_configuration": "bucket setting", "aws_s3_bucket_policy": "bucket setting",
    "aws_s3_bucket_object_lock_configuration": "bucket setting",
    "aws_db_subnet_group": "no charge", "aws_db_parameter_group": "no charge",
    "aws_elasticache_subnet_group": "no charge", "aws_lb_listener": "included in LB hours and LCUs",
    "aws_lb_target_group": "included in LB hours and LCUs",
    "aws_autoscaling_group": "the instances are priced on the launch template",
    "aws_autoscaling_policy": "no charge", "aws_appautoscaling_target": "no charge",
    "aws_appautoscaling_policy": "no charge",
    "aws_ecs_service": "tasks are priced on the task definition x expected replicas",
    "aws_lambda_permission": "no charge", "aws_lambda_event_source_mapping": "the polling requests are "
    "priced on the queue", "aws_cloudwatch_event_rule": "scheduled rules are free",
    "aws_cloudwatch_event_target": "no charge", "aws_secretsmanager_secret_version": "priced on the secret",
    "aws_sns_topic_subscription": "deliveries priced on the topic",
    "aws_sqs_queue_policy": "no charge",
    "aws_cloudfront_origin_access_control": "no charge",
    "aws_wafv2_web_acl_association": "no charge",
    "aws_wafv2_web_acl_logging_configuration": "logs priced on the WAF log group",
    "aws_glue_security_configuration": "no charge", "aws_glue_trigger": "triggers are free",
    "aws_glue_catalog_database": "Data Catalog objects are billed only from 100,000 objects "
    "(service_prices_more.SOURCE.md caveat 7); one crawler's tables stay far below",
    "aws_sagemaker_model": "instances priced on the endpoint configuration",
    "aws_sagemaker_endpoint": "instances priced on the endpoint configuration",
    "aws_apigatewayv2_stage": "requests priced on the API", "aws_apigatewayv2_integration": "no charge",
    "aws_apigatewayv2_route": "no charge", "aws_apigatewayv2_authorizer": "no charge",
    "aws_api_gateway_resource": "no charge", "aws_api_gateway_method": "no charge",
    "aws_api_gateway_integration": "no charge", "aws_api_gateway_deployment": "no charge",
    "aws_api_gateway_stage": "requests priced on the API (no stage cache is emitted)",
    "aws_api_gateway_method_settings": "no charge",
    "aws_volume_attachment": "no charge", "aws_efs_mount_target": "no charge",
    "aws_efs_access_point": "no charge", "aws_efs_file_system_policy": "no charge",
    "aws_cloudwatch_log_resource_policy": "no charge", "aws_cloudwatch_log_stream": "priced on the log group",
    "aws_msk_scram_secret_association": "no charge", "aws_docdb_subnet_group": "no charge",
    "aws_docdb_cluster_parameter_group": "no charge",
}

VARIANTS = """
deployment v { region = "us-east-1"  budget = 100000 usd/month }
network n { nat_gateways = 2 }
network quiet { nat_gateways = 0  flow_logs = false }
key k { }
secret s { }
bucket b { size = 10 GB  load = 1 rps }
bucket cold { storage_class = archive  access_logs = false }
database pg12 : postgres { version = "12"  iops = 3000  storage = 100 GB  multi_az = true  network = n.private }
database my : mysql { logs = false  backup = 0 days  network = n.private }
database maria : mariadb { network = n.private }
table t { load = 1 rps }
table prov { billing = provisioned  read_capacity = 5  write_capacity = 5  pitr = false }
cache c : redis { nodes = 3  network = n.private }
cache mc : memcached { nodes = 2  backup = 0 days  network = n.private }
cache vk : valkey { network = n.private }
queue q { load = 1 rps }
queue fq { fifo = true  load = 1 rps }
topic tp { load = 1 rps  subscribers = [q] }
topic ft { fifo = true  load = 1 rps  subscribers = [fq, f] }
function f { load = 1 rps  memory = 1 GB }
function arm { arch = arm64  tracing = false  schedule = "rate(5 minutes)" }
service sv { image = "x:1"  arch = arm64  cpu = 1 vcpu  memory = 2 GB  network = n.private }
vm v { instance = "t3.micro"  network = n.private }
vm fleet { instance = "r3.xlarge"  count = 2..4  monitoring = false  disk = 50 GB  disk_type = io1  disk_iops = 3000
           network = n.private }
vm pub { instance = "m3.large"  public = true  network = n.public }
vm fast { instance = "t3.large"  cpu_credits = unlimited  disk = 500 GB  disk_iops = 6000  disk_throughput = 250
          network = n.private }
vm io2box { instance = "m5.large"  disk_type = io2  disk_iops = 70000  disk = 1000 GB  network = n.private }
vm legacy { instance = "t2.micro"  cpu_credits = unlimited  purchase = reserved_1y  network = n.private }
database big : postgres { storage = 500 GB  storage_type = gp3  iops = 20000  throughput = 800
                           network = n.private }
database fastio : mysql { storage_type = io2  iops = 5000  network = n.private }
load_balancer lb { targets = [sv]  waf = true  public = true  network = n.public }
load_balancer nlb { type = network  protocol = tcp  port = 80  targets = [fleet]  network = n.private }
cdn cd { origin = b  transfer = 10 GB  waf = true }
cdn plain { origin = b  logging = false  price_class = PriceClass_All }
audit a { }
audit own { bucket = cold  data_events = false }
etl_job etl { source = b  target = t  worker_type = "G.2X"  workers = 4  schedule = "cron(0 2 * * ? *)" }
etl_job etl_db { source = b  target = my  crawler = false  encryption = k }
model_endpoint me { image = "x:1"  instance = "ml.m5.xlarge"  count = 2..4  encryption = k  network = n.private }
api_gateway http { targets = [f, sv]  load = 5 rps }
api_gateway rest { type = rest  waf = true  auth = none  targets = [f] }
volume vol { vm = v  size = 500 GB  count = 2  iops = 6000  throughput = 250 }
volume io { size = 100 GB  type = io2  iops = 4000 }
file_system fs { size = 100 GB  network = n.private }
file_system fsp { one_zone = true  throughput_mode = provisioned  throughput = 50  backup = false
                  network = n.private }
file_system fse { throughput_mode = elastic  network = n.private }
kubernetes ks { nodes = 2..3  fargate = ["batch"]  network = n.private }
kubernetes kopen { public = true  encryption = k  logs = false  node_instance = "t3.medium"  network = n.private }
helm_release hr { cluster = ks  chart = "nginx"  version = "1.0.0" }
monitor mon { watch = [q, f, pg12, lb, sv, t]  latency = p99 < 300 ms  errors = < 1 %  saturation = avg < 80 %
              backlog = < 100  prometheus = true }
"""


def _emitted(ir: Any, graph: Any) -> dict[str, dict[str, Body]]:
    res = emit_terraform(ir, graph, "json")
    assert res.ok, res.diagnostics
    return dict(json.loads(res.files["main.tf.json"]).get("resource", {}))


def _owner(label: str, names: list[str]) -> str | None:
    hits = [n for n in names if label == n or label.startswith(n + "_")]
    return max(hits, key=len) if hits else None


def _shared(label: str, rep: CostReport) -> list[CostComponent]:
    """Deployment-level resources (the logs key, the access-log bucket): any resource's lines."""
    return [c for r in rep.resources for c in r.components]


def _check(ir: Any, graph: Any, rep: CostReport) -> list[str]:
    names = [r.name for r in ir.resources]
    problems: list[str] = []
    for tf_type, items in sorted(_emitted(ir, graph).items()):
        if tf_type in FREE:
            continue
        if tf_type not in BILLABLE:
            problems.append(f"{tf_type}: emitted but neither billable nor free in this test")
            continue
        for label, body in sorted(items.items()):
            owner = _owner(label, names)
            comps = _shared(label, rep) if owner is None else list(rep.resource(owner).components)  # type: ignore[union-attr]
            for when, probe in BILLABLE[tf_type]:
                if when(body):
                    why = probe(body, comps)
                    if why:
                        problems.append(f"{tf_type}.{label} ({owner}): {why}")
    return problems


# the Azure example is checked against its ARM template below
AWS_EXAMPLES = [p for p in sorted(Path("examples").glob("*.adl")) if not re.search(r"cloud\s*=\s*azure", p.read_text())]


def test_the_aws_examples() -> None:
    # the five originals, two portable-size examples (docs/gcp.md) and the pattern library's six
    # (data services, platforms, application services: each compliant and insecure)
    assert len(AWS_EXAMPLES) == 13


@pytest.mark.parametrize("path", AWS_EXAMPLES, ids=lambda p: p.stem)
def test_every_billable_emitted_attribute_is_priced_or_unpriced_with_a_reason(path: Path) -> None:
    res = compile_file(str(path))
    assert res.ok, res.render()
    assert res.ir.deployment.cloud == "aws"
    assert _check(res.ir, res.graph, estimate(res.ir, today="2026-12-01")) == []


def test_every_kind_and_variant_follows_emit() -> None:
    res = compile_source(VARIANTS, "variants.adl")
    assert res.ok, res.render()
    rep = estimate(res.ir, today="2026-12-01")
    assert _check(res.ir, res.graph, rep) == []
    kinds = {r.kind for r in res.ir.resources}
    # every kind is in the variants, but the data services, which DATA_VARIANTS below holds
    assert set(KINDS) - kinds == {k.name for k in DATA_SERVICE_KINDS}


DATA_VARIANTS = """
deployment v { region = "us-east-1" }
network n { private_subnets = 3  zones = 3 }
key k { }
bucket lake { }
search s { instance = "c4.2xlarge.search"  nodes = 3  zones = 3  masters = 3  network = n.private }
search open { public = true  logs = false  auth = false }
stream od { }
stream pr { shards = 2  retention = 30 days  delivery = lake }
kafka mk { brokers = 3  network = n.private }
kafka sc { brokers = 3  auth = scram  network = n.private }
kafka sl { serverless = true  network = n.private }
broker rb : rabbitmq { mode = cluster  network = n.private }
broker am : activemq { mode = active_standby  encryption = k  network = n.private }
document_db d { instances = 3  network = n.private }
"""


def test_every_data_service_variant_follows_emit() -> None:
    res = compile_source(DATA_VARIANTS, "data.adl")
    assert res.ok, res.render()
    assert _check(res.ir, res.graph, estimate(res.ir, today="2026-12-01")) == []
    assert {r.kind for r in res.ir.resources} >= {"search", "stream", "kafka", "broker", "document_db"}


def test_a_new_emitted_type_must_be_classified() -> None:
    """The guard itself can fail: drop a billable type from the table and the check reports it."""
    res = compile_source(VARIANTS, "variants.adl")
    rep = estimate(res.ir, today="2026-12-01")
    saved = BILLABLE.pop("aws_nat_gateway")
    try:
        assert "aws_nat_gateway: emitted but neither billable nor free in this test" in _check(res.ir, res.graph, rep)
    finally:
        BILLABLE["aws_nat_gateway"] = saved


# ---- ARM: every billable resource type has a component somewhere in the estimate ----------------
ARM_BILLABLE: dict[str, str] = {
    "Microsoft.Compute/virtualMachines": r"^Instance \(",
    "Microsoft.Compute/virtualMachineScaleSets": r"^Instance \(",
    "Microsoft.Network/natGateways": r"^NAT gateway$",
    "Microsoft.Network/publicIPAddresses": r"^Public IP address",
    "Microsoft.Network/networkWatchers/flowLogs": r"^Flow logs$",
    "Microsoft.Network/privateEndpoints": r"^Private endpoints and private DNS zones$",
    "Microsoft.Network/privateDnsZones": r"^Private endpoints and private DNS zones$",
    "Microsoft.Network/applicationGateways": r"^Application Gateway ",
    "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies": r"^Application Gateway WAF_v2$",
    "Microsoft.Network/loadBalancers": r"^Load-balancing rule$",
    "Microsoft.OperationalInsights/workspaces": r"^Log Analytics ingestion",
    "Microsoft.Insights/components": r"^Application Insights",
    "Microsoft.Storage/storageAccounts": r"^Blob storage|storage account|^Azure Files share",
    "Microsoft.ApiManagement/service": r"^API Management calls",
    "Microsoft.Compute/disks": r"^Data disk \(",
    "Microsoft.Cache/redis": r"^Cache \(",
    "Microsoft.Cdn/profiles": r"^Azure CDN / Front Door$",
    "Microsoft.DBforPostgreSQL/flexibleServers": r"^Compute \(",
    "Microsoft.DBforMySQL/flexibleServers": r"^Compute \(",
    "Microsoft.DocumentDB/databaseAccounts": r"^Cosmos DB",
    "Microsoft.ServiceBus/namespaces": r"^Service Bus Standard namespace$",
    "Microsoft.App/containerApps": r"^Container Apps vCPU",
    "Microsoft.Web/serverfarms": r"^Executions$",
    "Microsoft.Web/sites": r"^Execution time",
    "Microsoft.KeyVault/vaults": r"^Key Vault operations",
    "Microsoft.ContainerService/managedClusters": r"^AKS Standard tier",
    "Microsoft.Insights/metricAlerts": r"^Metric alert rules",
    "Microsoft.Insights/actionGroups": r"^Alert e-mails",
    "Microsoft.Dashboard/grafana": r"^Azure Managed Grafana",
    "Microsoft.Monitor/accounts": r"^Azure Monitor workspace",
    "Microsoft.Search/searchServices": r"^Search units \(",
    "Microsoft.EventHub/namespaces": r"^Throughput units \(",
}
ARM_FREE = {
    "Microsoft.App/managedEnvironments": "consumption environment: billed per app",
    "Microsoft.Authorization/locks": "no charge", "Microsoft.Authorization/roleAssignments": "no charge",
    "Microsoft.Cdn/profiles/afdEndpoints": "in the profile",
    "Microsoft.Cdn/profiles/afdEndpoints/routes": "in the profile",
    "Microsoft.Cdn/profiles/originGroups": "in the profile",
    "Microsoft.Cdn/profiles/originGroups/origins": "in the profile",
    "Microsoft.DBforMySQL/flexibleServers/configurations": "no charge",
    "Microsoft.DBforPostgreSQL/flexibleServers/configurations": "no charge",
    "Microsoft.DocumentDB/databaseAccounts/tables": "in the account",
    "Microsoft.Insights/autoscalesettings": "no charge",
    "Microsoft.Insights/diagnosticSettings": "ingestion priced on the workspace",
    "Microsoft.KeyVault/vaults/keys": "software keys: operations only",
    "Microsoft.KeyVault/vaults/secrets": "operations",
    "Microsoft.ManagedIdentity/userAssignedIdentities": "no charge",
    "Microsoft.Network/networkInterfaces": "no charge", "Microsoft.Network/networkSecurityGroups": "no charge",
    "Microsoft.Network/virtualNetworks": "no charge (peering is not emitted)",
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks": "in the zone",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": "in the endpoint",
    "Microsoft.Resources/deployments": "a wrapper: its template's resources are checked",
    "Microsoft.ServiceBus/namespaces/queues": "in the namespace",
    "Microsoft.ServiceBus/namespaces/topics": "in the namespace",
    "Microsoft.Storage/storageAccounts/blobServices": "in the account",
    "Microsoft.Storage/storageAccounts/blobServices/containers": "in the account",
    "Microsoft.Storage/storageAccounts/managementPolicies": "no charge",
    "Microsoft.ApiManagement/service/apis": "in the service", "Microsoft.ApiManagement/service/backends": "no charge",
    "Microsoft.ApiManagement/service/apis/operations": "in the service",
    "Microsoft.ApiManagement/service/apis/policies": "in the service",
    "Microsoft.Storage/storageAccounts/fileServices": "in the account",
    "Microsoft.Storage/storageAccounts/fileServices/shares": "priced on the account's Azure Files share line",
    "Microsoft.EventHub/namespaces/eventhubs": "in the namespace (TUs; Capture priced per TU)",
    "Microsoft.DocumentDB/databaseAccounts/mongodbDatabases": "its throughput is priced on the account's line",
}

AZURE_VARIANTS = """
deployment d { cloud = azure  region = "eastus" }
network n { }
key k { }
secret s { }
bucket b { size = 10 GB  load = 1 rps }
database pg : postgres { network = n.private }
database my : mysql { network = n.private }
table t { load = 1 rps }
cache c : redis { network = n.private }
queue q { load = 1 rps }
topic tp { load = 1 rps }
function f { load = 1 rps }
service sv { image = "x:1"  expose = https  network = n.private }
vm v { instance = "Standard_B1s"  public = true  network = n.public }
vm fleet { instance = "Standard_B2s"  count = 2..3  disk = 100 GB  network = n.private }
load_balancer lb { targets = [v]  waf = true  public = true  network = n.public }
load_balancer nlb { type = network  protocol = tcp  port = 80  targets = [fleet]  network = n.private }
cdn cd { origin = b  transfer = 10 GB }
audit a { }
api_gateway gw { targets = [f]  load = 20 rps }
vm single { instance = "Standard_B2s"  count = 1  network = n.private }
volume vol { vm = single  size = 100 GB  count = 2 }
file_system fs { size = 50 GB  network = n.private }
kubernetes ks { nodes = 2..3  encryption = k  network = n.private }
monitor mon { watch = [pg, f]  latency = p99 < 300 ms  saturation = avg < 80 %  email = "ops@example.com"
              prometheus = true }
"""


def _arm_types(resources: list[Any]) -> set[str]:
    out: set[str] = set()
    for x in resources:
        out.add(x["type"])
        out |= _arm_types(x.get("resources", []))
        props = x.get("properties")
        if isinstance(props, dict) and isinstance(props.get("template"), dict):
            out |= _arm_types(props["template"].get("resources", []))
    return out


def _arm_problems(res: Any) -> list[str]:
    from autodeploy.backends.arm.emit import emit_arm

    emitted = emit_arm(res.ir, res.graph)
    assert emitted.ok, emitted.diagnostics
    types: set[str] = set()
    for text in emitted.files.values():
        types |= _arm_types(json.loads(text).get("resources", []))
    comps = [c for r in estimate(res.ir).resources for c in r.components]
    problems = []
    for t in sorted(types - set(ARM_FREE)):
        if t not in ARM_BILLABLE:
            problems.append(f"{t}: emitted but neither billable nor free in this test")
            continue
        hits = [c for c in comps if re.search(ARM_BILLABLE[t], c.name)]
        if not hits:
            problems.append(f"{t}: no component /{ARM_BILLABLE[t]}/")
        problems += [f"{t}: {c.name} unknown without a reason"
                     for c in hits if c.price_source == "unknown" and not c.note]
    return problems


@pytest.mark.parametrize("src", ["examples/azure-webapp.adl", "examples/data-services-azure.adl", AZURE_VARIANTS],
                         ids=["azure-webapp", "data-services-azure", "variants"])
def test_arm_billable_resources_are_priced_or_unpriced(src: str) -> None:
    res = compile_file(src) if src.endswith(".adl") else compile_source(src, "az.adl")
    assert res.ok, res.render()
    assert _arm_problems(res) == []


def test_a_pricer_billing_the_shared_logs_key_says_when_its_resource_uses_it() -> None:
    """The shared logs key is billed on the first resource whose kind's AWS pricer declares it uses
    the key (`logs_key=`, pricing_shared.py): a pricer that adds the key's line must declare when,
    or the key is never billed; one that declares it must add the line, or the key's line is lost."""
    import inspect

    from autodeploy.analytics.pricers import AWS_PRICERS

    calls = {k for k in AWS_PRICERS if "shared_logs_key(" in inspect.getsource(AWS_PRICERS[k])}
    declares = {k for k in AWS_PRICERS if callable(AWS_PRICERS.meta(k).get("logs_key"))}
    assert calls and calls == declares
