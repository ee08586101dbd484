"""Issue 14, resource detection: which kind words in a request are resources, how many, on which
cloud. Paraphrases written for these tests (not corpus lines), one group per class of input, with
the traps that must create nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


# ------------------------------------------------------------------ where something runs ---------

@pytest.mark.parametrize("text, kinds, attr, value", [
    ("a DocumentDB cluster running 4 instances for the catalogue", {"document_db": 1}, "instances", 4),
    ("SageMaker inference endpoint on ml.c5.large, between 2 and 5 instances",
     {"model_endpoint": 1}, "count", {"min": 2, "max": 5}),
    ("Ein Container-Dienst mit 3 bis 6 Instanzen", {"service": 1}, "replicas", {"min": 3, "max": 6}),
    ("un servicio Cloud Run con entre 1 y 8 instancias", {"service": 1}, "replicas", {"min": 1, "max": 8}),
    ("an Azure scale set of Standard_D2s_v5, min 3 max 9 instances", {"vm": 1}, "count", {"min": 3, "max": 9}),
])
def test_instances_of_a_resource_are_its_copies(text: str, kinds: dict, attr: str, value: object) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter(kinds)
    r = next(r for r in spec.resources if r.from_text)
    assert r.attrs[attr] == value


@pytest.mark.parametrize("text, kinds", [
    ("une instance Cloud SQL MySQL pour la facturation", {"database": 1}),
    ("a Postgres database and two app servers", {"database": 1, "vm": 1}),
    ("a load balancer in front of 3 instances", {"load_balancer": 1, "vm": 1}),
])
def test_a_hosting_word_is_a_vm_only_on_its_own(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kind, instance", [
    ("Managed Kafka on MSK with 6 brokers of kafka.m7g.large", "kafka", "kafka.m7g.large"),
    ("an OpenSearch cluster on r7g.xlarge.search data nodes", "search", "r7g.xlarge.search"),
    ("Amazon MQ for RabbitMQ on mq.t3.micro", "broker", "mq.t3.micro"),
])
def test_a_service_family_type_is_no_vm(text: str, kind: str, instance: str) -> None:
    spec = translate(text)
    assert "vm" not in _kinds(text)
    assert spec.of_kind(kind)[0].attrs.get("instance") == instance


# ------------------------------------------------------------------ named again -------------------

@pytest.mark.parametrize("text, kinds", [
    ("We need an SQS queue for orders. Queue retention should be 7 days.", {"queue": 1}),
    ("Put the exports in an S3 bucket; bucket versioning off.", {"bucket": 1}),
    ("a relational database (PostgreSQL 16) for billing", {"database": 1}),
    ("Bastion: one t3.micro with SSH from 192.0.2.0/24", {"vm": 1}),
    ("Azure-Database-for-MySQL (Flexible Server) mit 100 GB", {"database": 1}),
    ("two queues. Another queue for billing events", {"queue": 3}),
])
def test_the_same_resource_named_twice_is_one(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("the platform API x3 replicas behind a load balancer", {"service": 1, "load_balancer": 1}),
    ("5 container app replicas running the shop", {"service": 1}),
])
def test_replica_words_count_copies_not_services(text: str, kinds: dict) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter(kinds)
    assert spec.of_kind("service")[0].attrs["replicas"]["max"] in (3, 5)


# ------------------------------------------------------------------ not asked for -----------------

@pytest.mark.parametrize("text, kinds", [
    ("A Lambda function writing to S3, no DynamoDB", {"function": 1, "bucket": 1}),
    ("Eine Funktion ohne Cache, dazu ein S3-Bucket", {"function": 1, "bucket": 1}),
    ("une fonction Lambda sans file d'attente", {"function": 1}),
    ("I want no public bucket, just a private one", {"bucket": 1}),
    ("a CloudFront distribution in front of our existing load balancer", {"cdn": 1}),
    ("un CDN devant l'ALB existant", {"cdn": 1}),
    ("a container service running ghcr.io/team/queue-worker:2", {"service": 1}),
    ("a Lambda that reads s3://lake/tables/part.parquet", {"function": 1}),
    ("a secret holding the webhook signing key", {"secret": 1}),
    ("a server with EBS disk encryption", {"vm": 1}),
    ("Mettre en cache les images avec CloudFront devant un bucket S3", {"cdn": 1, "bucket": 1}),
    ("a Glue job with 8 workers reading from S3", {"etl_job": 1, "bucket": 1}),
    ("store the DB password in Key Vault", {"secret": 1}),
    ("an EKS cluster, 3 to 5 nodes, 80 GB node disks", {"kubernetes": 1}),
])
def test_traps_create_nothing(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_an_existing_resource_is_said_not_understood() -> None:
    spec = translate("a CDN in front of the existing ALB")
    assert any("existing resource" in n for n in spec.not_understood)


def test_a_url_states_no_environment() -> None:
    spec = translate("a container API running registry.corp.dev/web:1")
    assert "environment" not in spec.stated


# ------------------------------------------------------------------ service names -----------------

@pytest.mark.parametrize("text, kinds, cloud", [
    ("a Memorystore Redis and a GCS bucket", {"cache": 1, "bucket": 1}, "gcp"),
    ("una cuenta de almacenamiento con un contenedor de blobs", {"bucket": 1}, "azure"),
    ("un équilibreur de charge et deux conteneurs", {"load_balancer": 1, "service": 1}, None),
    ("ein Storage-Konto für Berichte", {"bucket": 1}, "azure"),
    ("un journal d'activité conservé deux ans", {"audit": 1}, None),
    ("a Secrets Manager secret for the Stripe API key", {"secret": 1}, "aws"),
    ("Autoscaling group of c7g.large instances", {"vm": 1}, "aws"),
])
def test_product_names_and_compounds(text: str, kinds: dict, cloud: str | None) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter(kinds)
    if cloud is not None:
        assert spec.deployment["cloud"] == cloud and "cloud" in spec.stated


@pytest.mark.parametrize("text", [
    "an S3 bucket and a Key Vault key",  # one hint each: a tie states no cloud
    "a bucket for records kept under GDPR laws",  # "laws" is not "aws"
])
def test_no_cloud_without_a_clear_hint(text: str) -> None:
    assert "cloud" not in translate(text).stated


# ------------------------------------------------------------------ deployment facts --------------

@pytest.mark.parametrize("text, cloud, region", [
    ("a queue somewhere in the EU", "aws", "eu-west-1"),
    ("un bucket en Europa sobre Azure", "azure", "westeurope"),
    ("a Cloud SQL database in Iowa", "gcp", "us-central1"),
    ("ein Bucket in Brüssel auf Azure", "azure", "belgiumcentral"),
])
def test_areas_and_places(text: str, cloud: str, region: str) -> None:
    spec = translate(text)
    assert (spec.deployment["cloud"], spec.deployment["region"]) == (cloud, region)
    assert "region" in spec.stated


@pytest.mark.parametrize("text, code", [
    ("a Cloud Run service in europe-west9", "europe-west9"),
    ("an S3 bucket in eu-west-9", "eu-west-9"),
])
def test_an_unknown_region_code_is_reported(text: str, code: str) -> None:
    spec = translate(text)
    assert any(code in n for n in spec.not_understood)
    assert "region" not in spec.stated  # not read as the place "Europe" either


@pytest.mark.parametrize("text, env", [
    ("a pre-prod queue", "staging"),
    ("a queue for the dev team, image registry.example.dev/app:1", "dev"),
])
def test_environment_words(text: str, env: str) -> None:
    assert translate(text).deployment["environment"] == env


def test_a_framework_the_dsl_lacks_is_reported() -> None:
    spec = translate("an ISO 27001 certified bucket under the Datenschutz-Grundverordnung")
    assert spec.deployment["compliance"] == ["gdpr"]
    assert any("ISO 27001" in n for n in spec.not_understood)


@pytest.mark.parametrize("text, kinds", [
    ("a dead-letter queue per Lambda function", {"queue": 1}),
    ("4x Lambda functions for the pipeline", {"function": 4}),
    ("We already have a VPC; put a MariaDB database in it", {"database": 1}),
    ("Move the self-hosted Postgres to Cloud SQL", {"database": 1}),
    ("a Kafka topic for clickstream events", {"kafka": 1}),
    ("a virtual machine hosting a Redis server", {"vm": 1}),
    ("un sujet SNS qui alimente trois files abonnées", {"topic": 1, "queue": 3}),
])
def test_counts_and_context(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_software_on_a_vm_is_reported() -> None:
    spec = translate("an EC2 instance running a MySQL server")
    assert any("virtual machine" in n for n in spec.not_understood)


# ------------------------------------------------------------------ what the DSL cannot state -----

@pytest.mark.parametrize("text, said", [
    ("a Postgres database and a DNS record in Route 53", "Route 53"),
    ("an ALB with a TLS certificate from ACM", "certificate"),
    ("a MySQL database with two read replicas", "read replica"),
    ("une base PostgreSQL et une VPN vers le bureau", "VPN"),
    ("an app container with sign-in through a Cognito user pool", "Cognito"),
    ("a Redshift warehouse next to an S3 bucket", "Redshift"),
    ("a bucket; budget 250 EUR per month", "250 EUR"),
    ("a bucket, budget 900 $ CAD monthly", "CAD"),
])
def test_what_the_dsl_cannot_state_is_said(text: str, said: str) -> None:
    spec = translate(text)
    assert any(said in n for n in spec.not_understood), spec.not_understood
    assert "budget" not in spec.stated


def test_a_clause_the_dsl_cannot_state_is_quoted_whole() -> None:
    spec = translate("a Lambda function, and the DNS entries in Route 53")
    assert any("the DNS entries in Route 53" in n for n in spec.not_understood)


@pytest.mark.parametrize("text, kinds, said", [
    ("an Oracle database on RDS and an S3 bucket", {"bucket": 1}, "Oracle"),
    ("a Microsoft SQL Server instance for the ERP", {}, "SQL Server"),
    ("backups of our on-premise MySQL go to a bucket", {"bucket": 1}, None),
    ("a bucket called invoices and another called receipts", {"bucket": 2}, None),
])
def test_engines_the_dsl_lacks_and_context(text: str, kinds: dict, said: str | None) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter(kinds)
    if said is not None:
        assert any(said in n for n in spec.not_understood)


@pytest.mark.parametrize("text, kinds", [
    ("two managed databases, one MariaDB and one Postgres", {"database": 2}),
    ("deux caches (un Redis, un Memcached) et un bucket", {"cache": 2, "bucket": 1}),
    ("two buckets, a queue and a topic", {"bucket": 2, "queue": 1, "topic": 1}),
])
def test_a_counted_heading_and_its_items(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("an EKS cluster running our three microservices", {"kubernetes": 1}),
    ("un clúster de Kubernetes para nuestros microservicios y una base de datos", {"kubernetes": 1, "database": 1}),
    ("un serveur web avec Apache sur une VM", {"vm": 1}),
    ("an AKS cluster and a container service", {"kubernetes": 1, "service": 1}),
])
def test_workloads_on_a_vm_or_cluster(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)
