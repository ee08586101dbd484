"""The offline translator's general phrasing rules (issue 14): numbers attach to the phrase they
close, polarity stays in its clause, attributes are read by their names, their values and their
synonyms, and words that name no resource add none. All but two cases (kept as guards against
over-reach: the es retention, "cache sessions") failed before these rules."""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy.compiler import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write


def _read(text: str) -> tuple[dict[str, int], dict[tuple[str, str], Any], list[str]]:
    spec = translate(text, {})
    result = compile_source(write(spec), "t.adl")
    assert result.ok, result.render()
    kinds: dict[str, int] = {}
    for r in spec.resources:
        if r.from_text:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
    attrs = {(r.kind, a): r.attrs[a] for r in spec.resources for a in r.stated_attrs if a in r.attrs}
    return kinds, attrs, spec.not_understood


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a number belongs to the phrase it closes, not to the noun the next "and" opens
        ("A queue with a message retention of 7 days and an S3 bucket", {("queue", "retention"): 7}),
        ("una cola SQS con retención de 4 días y una tabla DynamoDB", {("queue", "retention"): 4}),
        # an appositive or a comma fragment qualifies its sentence's resource
        ("An S3 bucket, not public, with versioning", {("bucket", "public"): False}),
        ("un bucket S3, pas public, sans versionnage", {("bucket", "public"): False, ("bucket", "versioning"): False}),
        ("eine Postgres-Datenbank mit 50 GB, nicht öffentlich", {("database", "public"): False}),
        ("A PostgreSQL 16 database, storage 50 GB, backups 10 days, not publicly accessible",
         {("database", "public"): False, ("database", "backup"): 10, ("database", "storage"): 50}),
        ("An S3 bucket without encryption, not versioned and private", {("bucket", "public"): False}),
        # attributes by their own names and synonyms, and Terraform's argument names
        ("aws_sqs_queue with a visibility timeout of 60 seconds and 4 days retention",
         {("queue", "visibility_timeout"): 60, ("queue", "retention"): 4}),
        ("aws_lambda_function with memory_size = 512 and timeout = 30",
         {("function", "memory"): 0.5, ("function", "timeout"): 30}),
        ("aws_sqs_queue with fifo_queue = true and message_retention_seconds = 86400",
         {("queue", "fifo"): True, ("queue", "retention"): 1}),
        ("aws_dynamodb_table with billing_mode = PAY_PER_REQUEST and hash_key = pk",
         {("table", "billing"): "on_demand", ("table", "partition_key"): "pk"}),
        ("An RDS MySQL instance with publicly_accessible = true", {("database", "public"): True}),
        ("An ECS service with desired_count = 3", {("service", "replicas"): {"min": 3, "max": 3}}),
        ("A container service running the image nginx:1.25 on port 80",
         {("service", "image"): "nginx:1.25", ("service", "port"): 80}),
        # values by themselves: distinctive enum values and their synonyms
        ("Create an RDS Postgres instance with 100 GB of gp3 storage", {("database", "storage_type"): "gp3"}),
        ("A Graviton Lambda in Python", {("function", "arch"): "arm64"}),
        ("Budget: $2k/month. An ECS service behind a network load balancer", {("load_balancer", "type"): "network"}),
        # secure switches turned off by name (the polarity rule applies, with its note)
        ("A KMS key with rotation disabled", {("key", "rotation"): False}),
        ("A DynamoDB table with point-in-time recovery turned off", {("table", "pitr"): False}),
        ("An Aurora MySQL database with 3 days of backups, multi-AZ off", {("database", "multi_az"): False}),
        # sizes fall through to the attribute something has; subnets in es/fr/de word order
        ("eine PostgreSQL-Datenbank mit 100 GB Speicher", {("database", "storage"): 100}),
        ("una VPC con CIDR 10.0.0.0/16 y 3 subredes privadas", {("network", "private_subnets"): 3}),
        ("A VPC 10.10.0.0/16 with 2 public and 2 private subnets",
         {("network", "public_subnets"): 2, ("network", "private_subnets"): 2}),
        ("An internal ALB", {("load_balancer", "public"): False}),
    ],
)
def test_attribute_is_read(text: str, want: dict[tuple[str, str], Any]) -> None:
    _, attrs, _ = _read(text)
    for key, value in want.items():
        assert attrs.get(key) == value, (key, attrs)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Cache product images in a CDN in front of an S3 bucket", {"cdn": 1, "bucket": 1}),
        ("cache sessions", {"cache": 1}),  # no place named: the noun reading
        ("Queue up jobs in SQS and run 3 workers on ECS to consume them", {"queue": 1, "service": 1}),
        ("Host a static website on S3 with CloudFront in front", {"bucket": 1, "cdn": 1}),
        ("A Postgres server with 100 GB and a Redis server", {"database": 1, "cache": 1}),
        ("un servidor PostgreSQL con 100 GB y un servidor Redis", {"database": 1, "cache": 1}),
        ("A database server running MariaDB with 3 days of backups", {"database": 1}),
        ("A MySQL database with a users table and an orders table", {"database": 1}),
        ("A serverless REST API with API Gateway, Lambda and DynamoDB", {"api_gateway": 1, "function": 1, "table": 1}),
        ("We host our API on two EC2 instances behind an ALB", {"vm": 1, "load_balancer": 1}),
        ("Table in DynamoDB with a partition key of user_id", {"table": 1}),
        ("A MySQL db.t4g.micro database", {"database": 1}),
        ("zwei EC2-Instanzen vom Typ t3.small", {"vm": 1}),
        ("Lambda functions (three of them) in Python reading from one SQS queue", {"function": 3, "queue": 1}),
        # a misspelt kind word is that kind; a real word one letter away is not
        ("a databse and an S3 bukcet", {"database": 1, "bucket": 1}),
        ("a lamdba in python and a memcahced cluster", {"function": 1, "cache": 1}),
        ("a junction table in postgres", {"table": 1, "database": 1}),
    ],
)
def test_no_resource_from_a_word_that_names_none(text: str, kinds: dict[str, int]) -> None:
    got, _, _ = _read(text)
    assert got == kinds


def test_what_the_dsl_cannot_state_is_reported() -> None:
    _, _, said = _read("Orchestrate two Lambdas with Step Functions")
    assert any("Step Functions" in s for s in said)
    _, attrs, said = _read("Create an RDS Postgres instance with gp3 storage")
    assert attrs[("database", "storage_type")] == "gp3" and not any("storage type" in s for s in said)
