"""Resources only from nouns that name them, numbers on the right resource, the user's vocabulary."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate

CASES = [
    # (request, kinds named by the text, stated attributes {(kind, attr): value})
    ("Create an AWS mySQL instance", {"database": 1}, {("database", "variant"): "mysql"}),
    ("an aws_db_instance running postgres", {"database": 1}, {}),
    ("a PostgresSQL database", {"database": 1}, {("database", "variant"): "postgres"}),
    ("an ElastiCache Redis cluster and an RDS postgres", {"cache": 1, "database": 1}, {}),
    ("cache static assets with CloudFront in front of an S3 bucket", {"cdn": 1, "bucket": 1}, {}),
    ("a VPC with a route table", {"network": 1}, {}),
    ("a Lambda function deployed from lambda.js", {"function": 1}, {}),
    ("run 4 containers of my API", {"service": 1}, {("service", "replicas"): {"min": 4, "max": 4}}),
    ("a web API and a container service", {"service": 1}, {}),
    (
        "an ALB in front of an ECS service, autoscaling up to 10 instances",
        {"load_balancer": 1, "service": 1},
        {("service", "replicas"): {"min": 1, "max": 10}},
    ),
    ("DynamoDB table with read capacity = 20", {"table": 1}, {("table", "read_capacity"): 20}),
    ("une table DynamoDB avec une capacité de lecture de 20", {"table": 1}, {("table", "read_capacity"): 20}),
    ("a FIFO SQS queue", {"queue": 1}, {("queue", "fifo"): True}),
    (
        "a VPC with CIDR 10.42.0.0/16 and 3 private subnets",
        {"network": 1},
        {("network", "cidr"): "10.42.0.0/16", ("network", "private_subnets"): 3},
    ),
]


@pytest.mark.parametrize(("text", "kinds", "stated"), CASES, ids=[c[0] for c in CASES])
def test_resources_and_attributes(text, kinds, stated):
    spec = translate(text)
    assert Counter(r.kind for r in spec.resources if r.from_text) == Counter(kinds)
    for (kind, attr), value in stated.items():
        [r] = spec.of_kind(kind)
        got = r.variant if attr == "variant" else r.attrs.get(attr)
        assert got == value and (attr in r.stated_attrs), (attr, got)


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Our monthly budget is 400 dollars: a Postgres database", 400),
        ("a Postgres database, no more than $300 a month", 300),
        ("a Postgres database; keep it under 500 per month", 500),
        ("Nuestro presupuesto mensual es de 300 dólares: una base de datos", 300),
        ("Notre budget mensuel est de 300 dollars : une base de données", 300),
        ("Unser monatliches Budget beträgt 300 Dollar: eine Datenbank", 300),
        ("a Postgres database with 100 GB of storage", None),
    ],
)
def test_budget_phrasings(text, budget):
    assert translate(text).deployment.get("budget") == budget


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Create an AWS mySQL instance that skips the final snapshot", "final snapshot"),
        ("un bucket Azure appelé raw-events", "not a valid name for this bucket"),
    ],
)
def test_what_the_dsl_cannot_say_is_reported_not_dropped(text, what):
    assert any(what in nu for nu in translate(text).not_understood)


def test_a_physical_name_is_stated_when_the_cloud_allows_it():
    [bucket] = translate("an S3 bucket called raw-events").of_kind("bucket")
    assert bucket.attrs["name"] == "raw-events" and "name" in bucket.stated_attrs
    [table] = translate("a DynamoDB table named Orders").of_kind("table")
    assert table.attrs["name"] == "Orders"  # case kept: DynamoDB names are case-sensitive
