#!/usr/bin/env python3
"""Build the compact offline price catalog in analytics/data from ../shared/data/prices.

Run from the repository root:  .venv/bin/python scripts/build-price-catalog.py [--src DIR]

Only the columns the estimator needs are kept, numbers are copied verbatim as strings,
gzip files carry mtime 0 so a rebuild from the same inputs is byte-identical, and every
file's sha256 goes into catalog.json so a corrupt or truncated file is detected at run time.
The product never reads ../shared: this script is the only bridge.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "analytics", "data")
# the compiler checks instance types against the catalog without importing the analytics layer
TYPES_OUT = os.path.join(ROOT, "compiler", "data", "instance_types.json")
PORTABLE_OUT = os.path.join(ROOT, "compiler", "data", "portable_types.json")

# (service, sku_or_dimension prefix) -> stable key the estimator looks up.
SERVICE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("S3", "S3 Standard storage", "s3.standard.storage"),
    ("S3", "S3 Standard PUT", "s3.put_requests"),
    ("S3", "S3 Standard GET", "s3.get_requests"),
    ("S3", "S3 Standard-IA storage", "s3.infrequent.storage"),
    ("S3", "S3 Glacier Deep Archive storage", "s3.archive.storage"),
    ("VPC NAT Gateway", "NAT gateway-hour", "nat.hour"),
    ("VPC NAT Gateway", "Data processed", "nat.data"),
    ("Elastic Load Balancing", "Application Load Balancer hour", "alb.hour"),
    ("Elastic Load Balancing", "Application Load Balancer LCU-hour", "alb.lcu"),
    ("Elastic Load Balancing", "Network Load Balancer hour", "nlb.hour"),
    ("Elastic Load Balancing", "Network Load Balancer NLCU-hour", "nlb.lcu"),
    ("Fargate", "Linux/x86 vCPU-hour", "fargate.x86_64.vcpu"),
    ("Fargate", "Linux/x86 memory GB-hour", "fargate.x86_64.gb"),
    ("Fargate", "Linux/ARM (Graviton) vCPU-hour", "fargate.arm64.vcpu"),
    ("Fargate", "Linux/ARM (Graviton) memory GB-hour", "fargate.arm64.gb"),
    ("Lambda", "Requests (x86)", "lambda.x86_64.requests"),
    ("Lambda", "Requests (Arm)", "lambda.arm64.requests"),
    ("Lambda", "Duration x86", "lambda.x86_64.duration"),
    ("Lambda", "Duration Arm", "lambda.arm64.duration"),
    ("DynamoDB", "On-demand write", "dynamodb.wru"),
    ("DynamoDB", "On-demand read", "dynamodb.rru"),
    ("DynamoDB", "Data storage", "dynamodb.storage"),
    ("DynamoDB", "Point-in-time", "dynamodb.pitr"),
    ("DynamoDB", "PITR", "dynamodb.pitr"),
    ("SQS", "Standard queue requests", "sqs.standard.requests"),
    ("SQS", "FIFO queue requests", "sqs.fifo.requests"),
    ("SNS", "Standard topic publish", "sns.requests"),
    ("KMS", "Customer managed key", "kms.key"),
    ("KMS", "Symmetric requests", "kms.requests"),
    ("Secrets Manager", "Secret", "secrets.secret"),
    ("Secrets Manager", "API calls", "secrets.api"),
    ("CloudTrail", "Management events, first copy", "cloudtrail.management_first"),
    ("CloudTrail", "Management events, additional", "cloudtrail.management_extra"),
    ("CloudTrail", "Data events", "cloudtrail.data_events"),
    ("CloudWatch Logs", "Log data ingestion", "logs.ingestion"),
    ("CloudWatch Logs", "Log storage", "logs.storage"),
    ("CloudFront", "Data transfer out", "cloudfront.transfer"),
    ("CloudFront", "HTTPS requests", "cloudfront.https_requests"),
    ("EBS", "gp3 storage", "ebs.gp3.fixture"),
    ("Data Transfer (EC2/internet egress)", "Data transfer out", "transfer.out"),
    ("WAF (v2)", "Web ACL", "waf.acl"),
    ("WAF (v2)", "Rule", "waf.rule"),
    ("WAF (v2)", "Requests", "waf.requests"),
    ("Functions (Consumption plan)", "Execution time", "azfunc.gb_seconds"),
    ("Functions (Consumption plan)", "Total executions", "azfunc.executions"),
    ("Blob Storage (StorageV2, Hot, LRS)", "Data stored", "azblob.hot_lrs.storage"),
    ("Managed Disks", "Premium SSD P10", "azdisk.p10"),
    ("Load Balancer (Standard)", "Load-balancing rule", "azlb.rule"),
    ("Load Balancer (Standard)", "Data processed", "azlb.data"),
    ("Application Gateway v2", "Standard_V2 fixed", "appgw.standard.fixed"),
    ("Application Gateway v2", "Standard_v2 fixed", "appgw.standard.fixed"),
    ("Application Gateway v2", "Standard_V2 capacity", "appgw.standard.cu"),
    ("Application Gateway v2", "Standard_v2 capacity", "appgw.standard.cu"),
    ("Application Gateway v2", "WAF_V2 fixed", "appgw.waf.fixed"),
    ("Application Gateway v2", "WAF_v2 fixed", "appgw.waf.fixed"),
    ("Application Gateway v2", "WAF_V2 capacity", "appgw.waf.cu"),
    ("Application Gateway v2", "WAF_v2 capacity", "appgw.waf.cu"),
    ("Service Bus (Standard)", "Base charge", "servicebus.base"),
    ("Service Bus (Standard)", "Messaging operations", "servicebus.operations"),
    ("Key Vault (Standard)", "Operations", "keyvault.operations"),
    ("Database for PostgreSQL Flexible Server", "General Purpose D2ds_v5", "azpg.Standard_D2ds_v5"),
)

# Rows taken from service_prices_more.csv (see its SOURCE note): only the components the
# estimator prices; the file's other 250-odd rows are for kinds ADL does not have yet.
MORE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("SNS", "FIFO topic: Publish API requests", "sns.fifo.requests"),
    ("SNS", "FIFO topic: Publish API payload", "sns.fifo.payload"),
    ("SNS", "FIFO topic: notifications delivered", "sns.fifo.notifications"),
    ("SNS", "FIFO topic: notification payload", "sns.fifo.notification_payload"),
    ("Lambda", "Duration x86_64, 6,000,000,000-", "lambda.x86_64.duration.tier2"),
    ("Lambda", "Duration x86_64, over 15,000,000,000", "lambda.x86_64.duration.tier3"),
    ("Lambda", "Duration arm64, 7,500,000,000-", "lambda.arm64.duration.tier2"),
    ("Lambda", "Duration arm64, over 18,750,000,000", "lambda.arm64.duration.tier3"),
    ("RDS", "Extended support, year 1-2 band (fixture label 'year 1'): RDS for PostgreSQL 11 ",
     "rds.extended_support.postgres.11"),
    ("RDS", "Extended support, year 1-2 band (fixture label 'year 1'): RDS for PostgreSQL 12 ",
     "rds.extended_support.postgres.12"),
    ("RDS", "Extended support, year 1-2 band (fixture label 'year 1'): RDS for MySQL 5.7 ",
     "rds.extended_support.mysql.5.7"),
    ("EC2", "Detailed monitoring (monitoring = true)", "ec2.detailed_monitoring"),
    ("EC2", "EBS-optimized surcharge (ebs_optimized = true), r3.xlarge ", "ec2.ebs_optimized.r3.xlarge"),
    ("EKS node group (EC2)", "CPU credits, T3 unlimited mode", "ec2.cpu_credits.t3"),
    ("EKS node group (EC2)", "t3.medium, Linux, reserved standard 1-year no-upfront", "ec2.reserved_1y.t3.medium"),
    ("Log Analytics", "Pay-as-you-go (PerGB2018) log data ingestion", "azlog.ingestion"),
    # application-service kinds (issue 22); the first matching prefix wins, so IA before its base class
    ("Glue", "ETL job (Spark), per DPU-hour", "glue.dpu"),
    ("Glue", "Crawler run time", "glue.crawler"),
    ("EFS", "Storage, Standard-Infrequent Access", "efs.standard_ia"),
    ("EFS", "Storage, Standard (regional)", "efs.standard"),
    ("EFS", "Storage, One Zone-Infrequent Access", "efs.one_zone_ia"),
    ("EFS", "Storage, One Zone", "efs.one_zone"),
    ("EFS", "Provisioned throughput above the included baseline", "efs.provisioned"),
    ("API Gateway (HTTP API)", "Requests, first 300M", "apigw.http.t1"),
    ("API Gateway (HTTP API)", "Requests, over 300M", "apigw.http.t2"),
    ("API Gateway (REST API)", "Requests, first 333M", "apigw.rest.t1"),
    ("API Gateway (REST API)", "Requests, 333M-1B", "apigw.rest.t2"),
    ("API Gateway (REST API)", "Requests, 1B-20B", "apigw.rest.t3"),
    ("API Gateway (REST API)", "Requests, over 20B", "apigw.rest.t4"),
    ("API Management", "Consumption tier calls", "apim.consumption.calls"),
    # platform kinds (issue 21): kubernetes, monitor
    ("EKS", "Cluster control plane (standard support)", "eks.cluster"),
    ("EKS Fargate profile", "Fargate vCPU (Linux/x86)", "eks.fargate.vcpu"),
    ("EKS Fargate profile", "Fargate memory (Linux/x86)", "eks.fargate.gb"),
    ("EKS node group (EC2)", "Node root volume gp2", "eks.node.gp2"),
    ("AKS", "Uptime SLA (Standard tier cluster)", "aks.standard"),
    ("CloudWatch", "Metric alarm, standard resolution", "cloudwatch.alarm"),
    ("CloudWatch", "Dashboard", "cloudwatch.dashboard"),
    ("Managed Grafana", "Editor/administrator user licence", "grafana.editor"),
    ("Monitor (metrics and alerts)", "Metric alert rule: metrics monitored", "azmonitor.metric_alert"),
    ("Monitor (action groups)", "Email notifications", "azmonitor.email"),
    # data-service kinds (issue 20): OpenSearch, Kinesis, Firehose, MSK, Amazon MQ, DocumentDB, AI Search,
    # Event Hubs, Cosmos DB
    ("OpenSearch Service (incl. Elasticsearch domains)", "Data node instance c4.2xlarge.search",
     "opensearch.c4.2xlarge.search"),
    ("OpenSearch Service (incl. Elasticsearch domains)", "Data node instance m4.large.search",
     "opensearch.m4.large.search"),
    ("OpenSearch Service (incl. Elasticsearch domains)", "Dedicated master instance c4.8xlarge.search",
     "opensearch.c4.8xlarge.search"),
    ("OpenSearch Service (incl. Elasticsearch domains)", "EBS storage gp3", "opensearch.storage.gp3"),
    ("Kinesis Data Streams", "On-demand mode: stream hour", "kinesis.ondemand.stream_hour"),
    ("Kinesis Data Streams", "On-demand mode: data ingested", "kinesis.ondemand.ingest"),
    ("Kinesis Data Streams", "On-demand mode: extended retention", "kinesis.ondemand.extended_retention"),
    ("Kinesis Data Streams", "On-demand mode: long-term retention", "kinesis.ondemand.long_term_retention"),
    ("Kinesis Data Streams", "Provisioned mode: shard hour", "kinesis.shard_hour"),
    ("Kinesis Data Streams", "Provisioned mode: PUT payload units", "kinesis.put_units"),
    ("Kinesis Data Streams", "Provisioned mode: extended retention", "kinesis.extended_retention"),
    ("Kinesis Data Streams", "Provisioned mode: long-term retention (over 7 days)", "kinesis.long_term_retention"),
    ("Kinesis Data Firehose", "Data ingested (Direct PUT, event-by-event), tier 0-", "firehose.ingest"),
    ("MSK (Managed Streaming for Apache Kafka)", "Broker instance kafka.t3.small", "msk.kafka.t3.small"),
    ("MSK (Managed Streaming for Apache Kafka)", "Broker instance kafka.m5.24xlarge", "msk.kafka.m5.24xlarge"),
    ("MSK (Managed Streaming for Apache Kafka)", "Broker storage", "msk.storage"),
    ("Amazon MQ", "RabbitMQ mq.m5.xlarge, single-instance", "mq.rabbitmq.mq.m5.xlarge.single"),
    ("Amazon MQ", "RabbitMQ mq.m5.xlarge, cluster_multi_az", "mq.rabbitmq.mq.m5.xlarge.cluster"),
    ("Amazon MQ", "ActiveMQ mq.m5.large, active_standby_multi_az", "mq.activemq.mq.m5.large.active_standby"),
    ("Amazon MQ", "ActiveMQ mq.t2.micro, single-instance", "mq.activemq.mq.t2.micro.single"),
    ("Amazon MQ", "RabbitMQ broker storage (EBS)", "mq.rabbitmq.storage"),
    ("Amazon MQ", "ActiveMQ broker storage (EFS", "mq.activemq.storage"),
    ("DocumentDB", "Instance db.r5.4xlarge", "docdb.db.r5.4xlarge"),
    ("DocumentDB", "Instance db.t3.medium", "docdb.db.t3.medium"),
    ("DocumentDB", "Cluster storage", "docdb.storage"),
    ("DocumentDB", "I/O requests", "docdb.io"),
    ("DocumentDB", "Backup storage", "docdb.backup"),
    ("DocumentDB", "CPU credits (T3 instances)", "docdb.cpu_credits"),
    ("AI Search (Cognitive Search)", "Basic search unit", "azsearch.basic"),
    ("AI Search (Cognitive Search)", "Standard S2 search unit", "azsearch.standard2"),
    ("AI Search (Cognitive Search)", "Storage Optimized L1 search unit", "azsearch.storage_optimized_l1"),
    ("Event Hubs", "Standard tier throughput unit", "evh.standard.tu"),
    ("Event Hubs", "Standard tier ingress events", "evh.standard.ingress"),
    ("Event Hubs", "Standard tier Capture", "evh.standard.capture"),
    ("Cosmos DB", "Provisioned throughput, standard (single-region write)", "cosmos.ru100"),
    ("Cosmos DB", "Transactional storage", "cosmos.storage"),
    ("Cosmos DB", "Periodic backup storage", "cosmos.backup.periodic"),
)

# Rows taken from gcp_prices.csv (see its SOURCE note): (service, sku_or_dimension prefix, key).
# GCP prices are regional: a key priced only in us-central1 is unknown elsewhere (analytics/prices.py).
GCP_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Compute Engine", "Custom machine (N2) vCPU, on-demand", "gcp.n2_custom.vcpu"),
    ("Compute Engine", "Custom machine (N2) memory, on-demand", "gcp.n2_custom.gb"),
    ("Compute Engine", "Custom machine (N1) vCPU, on-demand", "gcp.n1_custom.vcpu"),
    ("Compute Engine", "Custom machine (N1) memory, on-demand", "gcp.n1_custom.gb"),
    ("Persistent Disk", "pd-standard", "gcp.pd.standard"),
    ("Persistent Disk", "pd-balanced", "gcp.pd.balanced"),
    ("Persistent Disk", "pd-ssd", "gcp.pd.ssd"),
    ("Networking (external IP)", "External IPv4 address in use on a standard VM", "gcp.ip.in_use"),
    ("Cloud NAT", "NAT gateway uptime", "gcp.nat.vm_hour"),
    ("Cloud NAT", "Data processed", "gcp.nat.data"),
    ("Cloud Load Balancing", "Forwarding rule (price", "gcp.lb.rule"),
    ("Cloud Load Balancing", "Forwarding rule inbound data", "gcp.lb.rule_data"),
    ("Cloud Load Balancing", "Target proxy instance", "gcp.lb.proxy"),
    ("Cloud Load Balancing", "Target proxy data", "gcp.lb.proxy_data"),
    ("Cloud Storage", "Standard storage, multi-region", "gcp.gcs.standard_multi"),
    ("Cloud Storage", "Class A operations, Standard", "gcp.gcs.class_a"),
    ("Cloud Storage", "Class B operations, Standard", "gcp.gcs.class_b"),
    ("Cloud SQL for MySQL", "vCPU, zonal", "gcp.sql.mysql.vcpu.zonal"),
    ("Cloud SQL for MySQL", "Memory, zonal", "gcp.sql.mysql.gb.zonal"),
    ("Cloud SQL for MySQL", "Storage SSD (PD_SSD), zonal", "gcp.sql.mysql.ssd.zonal"),
    ("Cloud SQL for MySQL", "vCPU, regional", "gcp.sql.mysql.vcpu.regional"),
    ("Cloud SQL for MySQL", "Memory, regional", "gcp.sql.mysql.gb.regional"),
    ("Cloud SQL for MySQL", "Storage SSD (PD_SSD), regional", "gcp.sql.mysql.ssd.regional"),
    ("Cloud SQL for PostgreSQL", "vCPU, zonal", "gcp.sql.postgres.vcpu.zonal"),
    ("Cloud SQL for PostgreSQL", "Memory, zonal", "gcp.sql.postgres.gb.zonal"),
    ("Cloud SQL for PostgreSQL", "Storage SSD (PD_SSD), zonal", "gcp.sql.postgres.ssd.zonal"),
    ("Cloud SQL for PostgreSQL", "vCPU, regional", "gcp.sql.postgres.vcpu.regional"),
    ("Cloud SQL for PostgreSQL", "Memory, regional", "gcp.sql.postgres.gb.regional"),
    ("Cloud SQL for PostgreSQL", "Storage SSD (PD_SSD), regional", "gcp.sql.postgres.ssd.regional"),
    ("Cloud SQL", "Backups (all engines)", "gcp.sql.backup"),
    ("Memorystore for Redis", "Basic tier, capacity band M1", "gcp.redis.basic.m1"),
    ("Memorystore for Redis", "Basic tier, capacity band M2", "gcp.redis.basic.m2"),
    ("Memorystore for Redis", "Basic tier, capacity band M3", "gcp.redis.basic.m3"),
    ("Memorystore for Redis", "Basic tier, capacity band M4", "gcp.redis.basic.m4"),
    ("Memorystore for Redis", "Basic tier, capacity band M5", "gcp.redis.basic.m5"),
    ("Memorystore for Redis", "Standard (HA) tier, capacity band M1", "gcp.redis.standard.m1"),
    ("Memorystore for Redis", "Standard (HA) tier, capacity band M2", "gcp.redis.standard.m2"),
    ("Memorystore for Redis", "Standard (HA) tier, capacity band M3", "gcp.redis.standard.m3"),
    ("Memorystore for Redis", "Standard (HA) tier, capacity band M4", "gcp.redis.standard.m4"),
    ("Memorystore for Redis", "Standard (HA) tier, capacity band M5", "gcp.redis.standard.m5"),
    ("Cloud Run", "Services CPU, request-based", "gcp.run.request_vcpu_second"),
    ("Cloud Run", "Services memory, request-based", "gcp.run.request_gib_second"),
    ("Cloud Run", "Services CPU, instance-based", "gcp.run.vcpu_second"),
    ("Cloud Run", "Services memory, instance-based", "gcp.run.gib_second"),
    ("Cloud Run", "Requests", "gcp.run.requests"),
    ("Cloud Functions (1st gen)", "CPU time", "gcp.functions.ghz_second"),
    ("Cloud Functions (1st gen)", "Memory time", "gcp.functions.gb_second"),
    ("Cloud Functions (1st gen)", "Invocations", "gcp.functions.invocations"),
    ("Pub/Sub", "Message ingestion", "gcp.pubsub.ingestion"),
    ("Pub/Sub", "Message delivery", "gcp.pubsub.delivery"),
    ("Cloud KMS", "Active software symmetric key version", "gcp.kms.key_version"),
    ("Cloud KMS", "Cryptographic operations, software", "gcp.kms.operations"),
    ("Secret Manager", "Active secret version", "gcp.secret.version"),
    ("Secret Manager", "Access operations", "gcp.secret.access"),
    ("Cloud Logging", "Log ingestion", "gcp.logging.ingestion"),
)

# How many of the priced thing one listed price buys ("USD per 1M requests" -> 1,000,000).
_PER = (("per 1M", 1_000_000), ("per 100,000", 100_000), ("per 10,000", 10_000), ("per 1,000", 1_000))
# GCP unit names (per TiB of Pub/Sub data) priced per GB by the estimator: the divisor is stated by the unit
_PER_GCP = (("per TiB", 1024),)


def per_of(unit: str) -> int:
    for token, n in _PER:
        if token in unit:
            return n
    return 1


def date_of(text: str) -> str:
    m = re.search(r"\d{4}-\d{2}-\d{2}", text)
    return m.group(0) if m else "undated"


def key_of(service: str, sku: str, keys: tuple[tuple[str, str, str], ...] = SERVICE_KEYS) -> str:
    for svc, prefix, key in keys:
        if service == svc and sku.startswith(prefix):
            return key
    if keys is MORE_KEYS or keys is GCP_KEYS:
        return ""
    raise SystemExit(
        f"build-price-catalog: no key for service row {service!r} / {sku!r}: extend SERVICE_KEYS"
    )


def write_gz_csv(name: str, header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(sorted(rows))
    path = os.path.join(OUT, name)
    with open(path, "wb") as raw:
        # mtime=0 and no file name: byte-identical rebuilds
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    return path


def read(src: str, name: str) -> list[dict[str, str]]:
    with open(os.path.join(src, name), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def write_instance_types(src: str) -> None:
    """Every instance type that has a price in some region, per cloud and ADL check
    (instance:vm / instance:db / instance:cache): the compiler's ADL1070 list."""
    spec = {
        "aws": {
            "vm": ("aws_ec2_prices.csv", "instance_type"),
            "db": ("aws_rds_prices.csv", "instance_class"),
            "cache": ("aws_elasticache_prices.csv", "node_type"),
        },
        "azure": {"vm": ("azure_vm_prices.csv", "vm_size")},
    }
    out: dict[str, object] = {
        "SOURCE": "generated by scripts/build-price-catalog.py from the type columns of "
        "aws_ec2_prices.csv (2025-04-04), aws_rds_prices.csv (2024-09-28), "
        "aws_elasticache_prices.csv (2025-03-14), azure_vm_prices.csv (2026-05-20) and the predefined "
        "machine types of gcp_prices.csv; "
        "see analytics/data/*.SOURCE.md",
    }
    for cloud, checks in spec.items():
        out[cloud] = {
            what: sorted({r[col] for r in read(src, file) if r[col]}) for what, (file, col) in checks.items()
        }
    out["gcp"] = {"vm": sorted(name for name, _, _, _ in gcp_machine_types(src))}
    os.makedirs(os.path.dirname(TYPES_OUT), exist_ok=True)
    with open(TYPES_OUT, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(out, indent=1, sort_keys=True) + "\n")


_GCP_TYPE = re.compile(r"^([a-z][a-z0-9]*-[a-z0-9-]+?) on-demand, Linux(?: \((?:([0-9.]+) shared|([0-9]+)) vCPU, "
                       r"([0-9.,]+) GB)?")


def gcp_machine_types(src: str) -> list[tuple[str, float, float, str]]:
    """(type, vCPU, GB, usd/hour) of the predefined Compute Engine types priced in us-central1; the
    vCPU and memory come from the row's own description ("n2-standard-8 on-demand, Linux (8 vCPU, 32 GB)")."""
    out = []
    for r in read(src, "gcp_prices.csv"):
        m = _GCP_TYPE.match(r["sku_or_dimension"])
        if r["service"] != "Compute Engine" or r["region"] != "us-central1" or not m or m.group(4) is None:
            continue
        vcpu = float(m.group(2) or m.group(3))
        out.append((m.group(1), vcpu, float(m.group(4).replace(",", "")), r["usd"]))
    return out


# The portable-size candidates (compiler/sizes.py): per cloud and check, every type with its vCPU, GB,
# reference-region list price and whether the optimizer's family rules allow it for a portable size
# (current generation, not bare metal, not burstable or shared-core, no accelerators; VMs x86_64 only).
REFERENCE = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}


def _aws_rows(src: str, file: str, col: str, engine: str | None, burst: str, arm_ok: bool) -> list[list[object]]:
    rows = []
    for r in read(src, file):
        if r["region"] != REFERENCE["aws"] or (engine and r["engine"] != engine):
            continue
        if "deployment_option" in r and r["deployment_option"] != "Single-AZ":
            continue
        if r.get("data_tiering", "false") != "false" or not r["vcpu"] or not r["memory_gib"]:
            continue
        name = r[col]
        ok = (r.get("current_generation") == "true" and "metal" not in name and not name.startswith(burst)
              and (arm_ok or r.get("arch", "x86_64") == "x86_64")
              and r.get("instance_family", "") not in ("Accelerated computing", "Machine Learning ASIC Instances"))
        rows.append([name, float(r["vcpu"]), float(r["memory_gib"].replace(",", "")), r["usd_per_hour"], ok])
    return sorted(rows, key=lambda x: str(x[0]))


def write_portable_types(src: str) -> None:
    aws: dict[str, object] = {"vm": _aws_rows(src, "aws_ec2_prices.csv", "instance_type", None, "t", False)}
    for engine in ("postgres", "mysql"):
        aws[f"db:{engine}"] = _aws_rows(src, "aws_rds_prices.csv", "instance_class", engine, "db.t", True)
    for engine in ("redis", "valkey", "memcached"):
        aws[f"cache:{engine}"] = _aws_rows(src, "aws_elasticache_prices.csv", "node_type", engine, "cache.t", True)
    az_vm, az_db = [], []
    for r in read(src, "azure_vm_prices.csv"):
        if r["region"] != REFERENCE["azure"]:
            continue
        name = r["vm_size"]
        row = [name, float(r["vcpu"]), float(r["memory_gib"]), r["usd_per_hour"]]
        # no A/B (entry-level, burstable), no accelerators, no Arm (a `p` among the size's features)
        ok = (not re.match(r"Standard_(A|B)", name) and not r["accelerator_name"] and "Promo" not in name
              and not re.match(r"Standard_[A-Z]+[0-9]+[a-z]*p[a-z]*_", name))
        az_vm.append(row + [ok])
        # flexible server General Purpose / Memory Optimized SKUs share the Ddsv5/Edsv5 VM shapes; their VM
        # price only ranks them (the database price itself is the cost estimator's business)
        if re.fullmatch(r"Standard_[DE][0-9]+ds_v5", name):
            az_db.append(row + [True])
    gcp_vm = [[n, v, g, usd, not n.startswith(("e2-", "f1-", "g1-", "n1-", "g2-"))]
              for n, v, g, usd in gcp_machine_types(src)]
    rates = {key_of(r["service"], r["sku_or_dimension"], GCP_KEYS): r["usd"] for r in read(src, "gcp_prices.csv")
             if r["region"] == REFERENCE["gcp"]}
    out = {
        "SOURCE": "generated by scripts/build-price-catalog.py: specs and reference-region list prices "
                  "(us-east-1, eastus, us-central1) of aws_ec2/rds/elasticache_prices.csv, azure_vm_prices.csv "
                  "and gcp_prices.csv; see analytics/data/*.SOURCE.md",
        "aws": aws,
        "azure": {"vm": sorted(az_vm), "db": sorted(az_db)},
        "gcp": {"vm": sorted(gcp_vm),
                "rates": {k: rates[k] for k in sorted(rates) if k and k.startswith(
                    ("gcp.n2_custom", "gcp.sql.postgres", "gcp.sql.mysql", "gcp.redis"))}},
    }
    with open(PORTABLE_OUT, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(out, indent=None, sort_keys=True, separators=(",", ":")) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=os.path.join(os.path.dirname(ROOT), "shared", "data", "prices"))
    src = ap.parse_args().src
    os.makedirs(OUT, exist_ok=True)
    tables: dict[str, dict[str, object]] = {}

    def add(table: str, path: str, rows: int, data_date: str, origin: str, source_note: str) -> None:
        tables[table] = {
            "file": os.path.basename(path),
            "rows": rows,
            "data_date": data_date,
            "origin": origin,
            "source_note": source_note,
            "sha256": sha256(path),
        }

    ec2 = [[r["region"], r["instance_type"], r["usd_per_hour"]] for r in read(src, "aws_ec2_prices.csv")]
    p = write_gz_csv("aws_ec2.csv.gz", ["region", "instance_type", "usd_per_hour"], ec2)
    add(
        "aws_ec2",
        p,
        len(ec2),
        "2025-04-04",
        "AWS EC2 on-demand Linux feed via yeo/ec2.shop (MIT)",
        "aws_ec2_prices.SOURCE.md",
    )

    rds = [
        [r["region"], r["engine"], r["instance_class"], r["deployment_option"], r["usd_per_hour"]]
        for r in read(src, "aws_rds_prices.csv")
        if r["region"]
    ]
    p = write_gz_csv(
        "aws_rds.csv.gz", ["region", "engine", "instance_class", "deployment_option", "usd_per_hour"], rds
    )
    add(
        "aws_rds",
        p,
        len(rds),
        "2024-09-28",
        "AWS RDS postgres/mysql on-demand feed via yeo/ec2.shop (MIT)",
        "aws_rds_prices.SOURCE.md",
    )

    # storage, IOPS, snapshot and engine-specific Extended Support rows ("PostgreSQL Year 3 11"),
    # per vCPU-hour; the "Any Year ..." rows name no engine version and are not used
    keep = re.compile(
        r"^(Database Storage|Provisioned (GP3 |IO2 )?IOPS|Provisioned Throughput|Storage Snapshot"
        r"|(PostgreSQL|MySQL) Year )"
    )
    other = [
        [r["region"], r["engine_file"], r["price_key"], r["usd_price"]]
        for r in read(src, "aws_rds_other_prices.csv")
        if r["region"] and keep.match(r["price_key"])
    ]
    p = write_gz_csv("aws_rds_storage.csv.gz", ["region", "engine", "price_key", "usd_price"], other)
    add(
        "aws_rds_storage",
        p,
        len(other),
        "2024-09-28",
        "AWS RDS feed (storage, IOPS, snapshot items)",
        "aws_rds_prices.SOURCE.md",
    )

    ec = [
        [r["region"], r["engine"], r["node_type"], r["data_tiering"], r["usd_per_hour"]]
        for r in read(src, "aws_elasticache_prices.csv")
        if r["region"]
    ]
    p = write_gz_csv(
        "aws_elasticache.csv.gz", ["region", "engine", "node_type", "data_tiering", "usd_per_hour"], ec
    )
    add(
        "aws_elasticache",
        p,
        len(ec),
        "2025-03-14",
        "AWS ElastiCache feed via yeo/ec2.shop (MIT)",
        "aws_elasticache_prices.SOURCE.md",
    )

    ebs = [
        [r["region"], r["volume_type"], r["dimension"], r["unit"], r["usd_price"]]
        for r in read(src, "aws_ebs_volume_prices.csv")
        if r["region"]
    ]
    p = write_gz_csv("aws_ebs.csv.gz", ["region", "volume_type", "dimension", "unit", "usd_price"], ebs)
    add(
        "aws_ebs",
        p,
        len(ebs),
        "2024-07-18",
        "AWS EBS feed via yeo/ec2.shop (MIT)",
        "aws_ebs_prices.SOURCE.md",
    )

    az = [[r["region"], r["vm_size"], r["usd_per_hour"]] for r in read(src, "azure_vm_prices.csv")]
    p = write_gz_csv("azure_vm.csv.gz", ["region", "vm_size", "usd_per_hour"], az)
    add(
        "azure_vm",
        p,
        len(az),
        "2026-05-20",
        "Microsoft Azure retail prices (Linux PAYG) via anycloud-sh/catalog",
        "azure_vm_prices.SOURCE.md",
    )

    svc_rows = []
    more = [(r, key_of(r["service"], r["sku_or_dimension"], MORE_KEYS)) for r in read(src, "service_prices_more.csv")]
    for r, key in [(r, key_of(r["service"], r["sku_or_dimension"])) for r in read(src, "service_prices.csv")] + [
        (r, k) for r, k in more if k
    ]:
        svc_rows.append(
            [
                key,
                r["cloud"],
                r["region"],
                r["service"],
                r["sku_or_dimension"],
                r["unit"],
                str(per_of(r["unit"])),
                r["usd"],
                date_of(r["source_date"]),
                r["note"].split(" ", 1)[0].removeprefix("tier=").rstrip(";"),
                r["source"],
            ]
        )
    for r in read(src, "gcp_prices.csv"):
        key = key_of(r["service"], r["sku_or_dimension"], GCP_KEYS)
        m = _GCP_TYPE.match(r["sku_or_dimension"])
        if not key and r["service"] == "Compute Engine" and m and m.group(4) is not None:
            key = f"gcp.machine.{m.group(1)}"  # a predefined machine type, per instance-hour
        if not key:
            continue
        per = dict(_PER_GCP).get(next((u for u, _ in _PER_GCP if u in r["unit"]), ""), per_of(r["unit"]))
        svc_rows.append([key, r["cloud"], r["region"], r["service"], r["sku_or_dimension"], r["unit"], str(per),
                         r["usd"], date_of(r["source_date"]),
                         r["note"].split(" ", 1)[0].removeprefix("tier=").rstrip(";"), r["source"]])
    p = write_gz_csv(
        "service_prices.csv.gz",
        ["key", "cloud", "region", "service", "sku", "unit", "per", "usd", "source_date", "tier", "source"],
        svc_rows,
    )
    dates = sorted({row[8] for row in svc_rows if row[8] != "undated"})
    add(
        "service_prices",
        p,
        len(svc_rows),
        f"{dates[0]}..{dates[-1]}",
        f"{len(svc_rows)} cited list prices (infracost fixtures, AWS/Microsoft docs, articles; tier A/B/C "
        "per row): service_prices.csv and the priced rows of service_prices_more.csv and gcp_prices.csv",
        "service_prices.SOURCE.md, service_prices_more.SOURCE.md, gcp_prices.SOURCE.md",
    )

    write_instance_types(src)
    write_portable_types(src)
    for name in sorted(os.listdir(src)):
        if name.endswith(".SOURCE.md"):
            shutil.copyfile(os.path.join(src, name), os.path.join(OUT, name))
    manifest = {"catalog_version": 1, "currency": "USD", "tables": tables}
    with open(os.path.join(OUT, "catalog.json"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {len(tables)} tables to {os.path.relpath(OUT, ROOT)} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
