"""search, stream, kafka, broker, document_db on AWS: the names, ports and engine strings that
main.tf and deploy share, so both build the same thing."""

from __future__ import annotations

import re

from autodeploy.backends import naming

from . import names
from .grants import ARN, OBJECTS, READ_WRITE_KEY, Grant, key_grant, sid_of

# client ports the security groups open to users of the service
PORTS = {"search": 443, "kafka_tls": 9098, "kafka_scram": 9096, "broker_rabbitmq": 5671, "broker_activemq": 61617,
         "document_db": 27017}
# Amazon MQ deployment modes by ADL `mode`
MQ_MODES = {"single": "SINGLE_INSTANCE", "active_standby": "ACTIVE_STANDBY_MULTI_AZ", "cluster": "CLUSTER_MULTI_AZ"}
MQ_ENGINES = {"rabbitmq": "RabbitMQ", "activemq": "ActiveMQ"}
MQ_USER = "app_admin"
DOCDB_USER = "app_admin"
# DocumentDB engine versions by API version, and their parameter-group families
DOCDB_ENGINE = {"5.0": "5.0.0", "4.0": "4.0.0"}
DOCDB_LOGS = ("audit", "profiler")
# OpenSearch log types published to CloudWatch Logs (audit needs fine-grained access control)
SEARCH_LOGS = ("INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS")
SEARCH_TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10"
# log groups main.tf names `<prefix>${var.name_prefix}-<name>` (retention 365 days)
SEARCH_LOG_GROUP_PREFIX = "/aws/opensearch/"
KAFKA_LOG_GROUP_PREFIX = "/aws/msk/"
# who may write into the search log group (the CloudWatch Logs resource policy main.tf declares)
SEARCH_LOG_ACTIONS = ("logs:PutLogEvents", "logs:CreateLogStream")
SEARCH_LOG_PRINCIPAL = "es.amazonaws.com"


def search_logs(auth: bool) -> tuple[str, ...]:
    """The log types a domain publishes (audit logs need fine-grained access control)."""
    return SEARCH_LOGS + (("AUDIT_LOGS",) if auth else ())


def search_log_policy(deployment: str, name: str) -> str:
    return names.prefixed(deployment, f"{name}-opensearch-logs")


def search_domain(deployment: str, name: str) -> str:
    """OpenSearch domain names: 3-28 chars, lowercase letters, digits and hyphens, a letter first."""
    base = f"{naming.slug(deployment)}-{naming.slug(name)}"
    if not base[0].isalpha():
        base = "s-" + base
    if len(base) > 28:
        base = base[:21].rstrip("-") + "-" + naming.short_hash(deployment, name)
    return re.sub(r"-{2,}", "-", base)


def search_version(version: str) -> str:
    return f"OpenSearch_{version}"


def kafka_version(version: str) -> str:
    return version


def cluster_name(deployment: str, name: str) -> str:
    """MSK cluster, Amazon MQ broker and DocumentDB cluster ids: a letter first, at most 50 chars."""
    return naming.rds_identifier(deployment, name)[:50].rstrip("-")


def docdb_family(version: str) -> str:
    return f"docdb{version}"


# what a principal that `uses` a stream or a search domain gets (a Kafka or broker client
# authenticates to the service itself: its security group is opened, no IAM)
STREAM_USES = ("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStreamSummary")
SEARCH_USES = ("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete")


def stream_grants(resource: str, attr: str) -> tuple[Grant, ...]:
    return Grant(f"Put{sid_of(resource)}", STREAM_USES, (ARN,)), key_grant(resource, READ_WRITE_KEY)


def search_grants(resource: str, attr: str) -> tuple[Grant, ...]:
    return (Grant(f"Search{sid_of(resource)}", SEARCH_USES, (OBJECTS,)),)
