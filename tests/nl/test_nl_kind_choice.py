"""Issue 14, the right kind and the right count (nl/kind_choice.py): service names built on "for" in
every language, a product name next to a generic store noun, code run at a CDN's edge, one resource
given to each of several others, a plural counted later. Paraphrases written for these tests (not
corpus lines), each class with requests that must keep their plain reading."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


# ------------------------------------------------------------------ "X for Y" in four languages ----

@pytest.mark.parametrize("text, kinds", [
    ("Quiero una Cosmos DB para MongoDB con 800 RU/s", {"document_db": 1}),
    ("Une Cosmos DB pour MongoDB dans West Europe", {"document_db": 1}),
    ("Eine Cosmos DB für MongoDB in germanywestcentral", {"document_db": 1}),
    ("Azure Cosmos DB (API for MongoDB) for the catalogue", {"document_db": 1}),
    ("Azure Cache para Redis con 6 GB", {"cache": 1}),
    ("Azure Database pour MySQL, 50 Go", {"database": 1}),
])
def test_a_service_name_built_on_for_is_one_resource_of_its_kind(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_a_localised_for_keeps_the_engine() -> None:
    spec = translate("Azure Database para PostgreSQL con 64 GB")
    (db,) = [r for r in spec.resources if r.kind == "database"]
    assert db.variant == "postgres"


@pytest.mark.parametrize("text, kinds", [
    # "for" between two resources of their own is no service name
    ("A Redis cache for the Postgres database", {"cache": 1, "database": 1}),
    ("Una cola SQS para la función Lambda", {"queue": 1, "function": 1}),
    ("Un bucket S3 pour la base de données MySQL", {"bucket": 1, "database": 1}),
])
def test_for_between_two_resources_keeps_both(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ product + generic store noun --

@pytest.mark.parametrize("text, kinds", [
    ("We keep shopping carts in a DynamoDB database", {"table": 1}),
    ("Sessions go into a Redis database of 1 GB", {"cache": 1}),
    ("Für die Sessions eine Redis-Datenbank", {"cache": 1}),
    ("Les paniers dans une base de données DynamoDB", {"table": 1}),
    ("Los carritos en una base de datos DynamoDB", {"table": 1}),
    ("A NoSQL database (DynamoDB) for carts", {"table": 1}),
    ("Profiles live in a Firestore database on GCP", {"table": 1}),
    ("Ein Such-Cluster: eine OpenSearch-Datenbank für Logs", {"search": 1}),
])
def test_a_product_name_decides_the_kind_of_a_generic_store_noun(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A DynamoDB table and a Postgres database", {"table": 1, "database": 1}),
    ("A Redis cache in front of the database", {"cache": 1, "database": 1}),
    ("Eine Redis-Instanz und dazu eine MySQL-Datenbank", {"cache": 1, "database": 1}),
    ("a reporting database next to a DynamoDB table", {"database": 1, "table": 1}),
    ("an SQS queue and a database", {"queue": 1, "database": 1}),
])
def test_a_generic_store_noun_apart_from_a_product_stays_a_database(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ code at a CDN's edge -----------

@pytest.mark.parametrize("text", [
    "CloudFront in front of the S3 bucket, with a Lambda@Edge for auth headers",
    "Una distribución CloudFront con Lambda@Edge delante del bucket S3",
    "CloudFront devant le bucket S3, des CloudFront Functions pour les redirections",
    "Ein CDN vor dem S3-Bucket mit Edge-Funktionen für Weiterleitungen",
])
def test_code_run_at_the_edge_is_no_function(text: str) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter({"cdn": 1, "bucket": 1})
    assert any("edge" in note.lower() for note in spec.not_understood)


def test_a_function_next_to_a_cdn_is_still_a_function() -> None:
    assert _kinds("CloudFront in front of a bucket, and a Lambda that resizes uploads") == Counter(
        {"cdn": 1, "bucket": 1, "function": 1})


# ------------------------------------------------------------------ one for each ------------------

@pytest.mark.parametrize("text, kinds", [
    ("Four SQS queues; each queue gets its own Lambda consumer", {"queue": 4, "function": 4}),
    ("Two queues, each with a dedicated worker Lambda", {"queue": 2, "function": 2}),
    ("Tres colas SQS y una función Lambda por cola", {"queue": 3, "function": 3}),
    ("Trois files SQS, chacune avec sa propre fonction Lambda", {"queue": 3, "function": 3}),
    ("Drei Queues, jede mit einer eigenen Lambda", {"queue": 3, "function": 3}),
    ("Two SQS queues and a Lambda that drains each queue", {"queue": 2, "function": 2}),
    ("Two SQS queues with a dead-letter queue each", {"queue": 4}),
])
def test_one_for_each_of_several_makes_as_many(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Three SQS queues and one Lambda that reads all of them", {"queue": 3, "function": 1}),
    ("A queue and its own Lambda consumer", {"queue": 1, "function": 1}),
    ("Two buckets, each with versioning, and a Lambda", {"bucket": 2, "function": 1}),
    ("Two container services and one ALB in front of each service", {"service": 2, "load_balancer": 1}),
])
def test_one_shared_resource_stays_one(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ a plural counted later ---------

@pytest.mark.parametrize("text, kinds", [
    ("Wire the Lambda functions to the queue; three Lambdas in Node", {"function": 3, "queue": 1}),
    ("Conecta las funciones a la cola SQS: dos funciones Lambda en Python", {"function": 2, "queue": 1}),
    ("Die Funktionen lesen aus der Queue; zwei Lambdas in Python", {"function": 2, "queue": 1}),
])
def test_a_definite_plural_counted_later_is_the_total(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A Lambda function for uploads; two more Lambdas for reports", {"function": 3}),
    ("One queue for orders. Two queues for refunds.", {"queue": 3}),
])
def test_a_single_first_mention_and_a_later_count_add_up(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ the items of a count ----------

@pytest.mark.parametrize("text, kinds", [
    ("Two MySQL databases, one for billing and another for auth", {"database": 2}),
    ("Deux files SQS, une pour les commandes et une autre pour les remboursements", {"queue": 2}),
    ("Dos buckets S3, uno para fotos y otro para vídeos", {"bucket": 2}),
])
def test_one_and_another_after_a_count_are_its_items(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_another_without_a_count_before_is_one_more() -> None:
    assert _kinds("A MySQL database for billing and another for auth") == Counter({"database": 2})


# ------------------------------------------------------------------ an app on machines ------------

@pytest.mark.parametrize("text, kinds", [
    ("Our shop web app on three EC2 instances behind an ALB", {"vm": 1, "load_balancer": 1}),
    ("Una aplicación web en dos máquinas virtuales detrás de un balanceador", {"vm": 1, "load_balancer": 1}),
    ("Eine Webanwendung auf zwei virtuellen Maschinen", {"vm": 1}),
])
def test_an_app_put_on_virtual_machines_is_their_workload(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A web app on ECS Fargate and two EC2 instances for batch jobs", {"service": 1, "vm": 1}),
    ("Containers on two EC2 instances", {"service": 1, "vm": 1}),
])
def test_a_container_platform_or_a_separate_vm_keeps_the_service(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ a service's range of copies ---

@pytest.mark.parametrize("text", [
    "A Cloud Run service with image gcr.io/acme/api:2 and between 2 and 8 instances",
    "Un servicio de Cloud Run con la imagen gcr.io/acme/api:2 y entre 2 y 8 instancias",
    "Ein Cloud-Run-Dienst mit dem Image acme/api:2 und 2 bis 8 Instanzen",
])
def test_a_range_of_instances_next_to_a_service_is_its_replicas(text: str) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter({"service": 1})
    (svc,) = [r for r in spec.resources if r.kind == "service"]
    assert svc.attrs["replicas"] == {"min": 2, "max": 8}


def test_a_fixed_number_of_servers_after_a_service_stays_vms() -> None:
    assert _kinds("A Fargate service for the API. Two EC2 servers for the legacy batch") == Counter(
        {"service": 1, "vm": 1})


# ------------------------------------------------------------------ named again -------------------

@pytest.mark.parametrize("text, kinds", [
    ("The RDS MySQL needs 200 GB. Later on, MySQL handles the reporting load alone.", {"database": 1}),
    ("Die Datenbank muss privat bleiben – PostgreSQL 16 in Frankfurt.", {"database": 1}),
    ("Une VM t3.micro ouverte en SSH (c'est notre bastion)", {"vm": 1}),
    ("One EC2 t3.nano serving as a bastion host", {"vm": 1}),
])
def test_a_bare_engine_or_a_predicate_names_the_resource_again(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A Postgres database for orders; MySQL for the legacy CRM", {"database": 2}),
    ("An SQS queue as well as a dead-letter queue", {"queue": 2}),
    ("A database for orders. Another Postgres database for analytics.", {"database": 2}),
])
def test_another_engine_or_a_new_article_is_one_more(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ a plain "service" with an image -

@pytest.mark.parametrize("text", [
    "A new pricing service (image acme/pricing:4) next to a MySQL database",
    "Un servicio de pagos con la imagen acme/pagos:2 y una base MySQL",
    "Un service de facturation avec l'image acme/factures:7 et une base MySQL",
    "Ein Dienst mit dem Image acme/preise:3 und eine MySQL-Datenbank",
])
def test_a_plain_service_with_its_image_is_a_container_service(text: str) -> None:
    assert _kinds(text) == Counter({"service": 1, "database": 1})


@pytest.mark.parametrize("text", [
    "A MySQL database; the service level we need is 99.9 %",
    "Un bucket S3 pour le service client",
])
def test_a_plain_service_without_an_image_is_no_resource(text: str) -> None:
    assert "service" not in _kinds(text)


# ------------------------------------------------------------------ the platform named later ------

@pytest.mark.parametrize("text", [
    "The containers should simply be deployed to Azure Container Apps, 2 to 4 replicas",
    "Los contenedores se despliegan en Azure Container Apps con 2 a 4 réplicas",
    "Die Container laufen später auf Azure Container Apps, 2 bis 4 Replikate",
])
def test_a_platform_named_later_in_the_clause_is_where_the_service_runs(text: str) -> None:
    assert _kinds(text) == Counter({"service": 1})


def test_two_services_each_named_stay_two() -> None:
    assert _kinds("A container for the shop and another container on Azure Container Apps for the admin") == Counter(
        {"service": 2})


# ------------------------------------------------------------------ counts written after ----------

def _only(text: str, kind: str) -> dict:
    (r,) = [r for r in translate(text).resources if r.kind == kind]
    return r.attrs


@pytest.mark.parametrize("text, lo, hi", [
    ("A GKE-free setup: EKS 1.30 with c6i.large nodes, 3-9 of them", 3, 9),
    ("Un clúster EKS con nodos m5.large (entre 3 y 7)", 3, 7),
    ("Un cluster AKS avec des nœuds Standard_D2s_v5 (de 2 à 6)", 2, 6),
    ("Ein EKS-Cluster, Knoten c6i.large (3 bis 12)", 3, 12),
    ("An AKS cluster whose Standard_D8s_v5 nodes scale 1 to 4", 1, 4),
])
def test_a_node_range_written_after_the_nodes(text: str, lo: int, hi: int) -> None:
    assert _only(text, "kubernetes")["nodes"] == {"min": lo, "max": hi}


def test_a_number_inside_the_node_type_is_no_node_count() -> None:
    assert "nodes" not in _only("An AKS cluster with Standard_D4s_v5 nodes", "kubernetes")


@pytest.mark.parametrize("text, n", [
    ("A scale set of 6 Standard_D4s_v5 for the render jobs", 6),
    ("Un VMSS de 5 VM Standard_B2s", 5),
    ("servers: 3x c6i.large", 3),
])
def test_a_group_of_machines_counts_its_machines(text: str, n: int) -> None:
    assert _only(text, "vm")["count"] == {"min": n, "max": n}


@pytest.mark.parametrize("text", [
    "An EC2 instance with 2 vCPUs and 8 GB of memory",
    "A VM with 2 extra disks",
])
def test_other_numbers_after_a_machine_count_nothing(text: str) -> None:
    assert _only(text, "vm")["count"] == {"min": 1, "max": 1}


# ------------------------------------------------------------------ attribute words ---------------

@pytest.mark.parametrize("text, public", [
    ("An EKS cluster whose public endpoint is disabled", False),
    ("Un clúster EKS con el endpoint de la API no público", False),
    ("Un cluster AKS, point de terminaison API privé", False),
    ("Ein EKS-Cluster mit öffentlichem API-Server", True),
    ("EKS cluster, the API server endpoint public", True),
])
def test_a_cluster_endpoint_said_public_or_private(text: str, public: bool) -> None:
    assert _only(text, "kubernetes")["public"] is public


def test_a_private_endpoint_of_another_resource_leaves_the_cluster_alone() -> None:
    assert "public" not in _only("An AKS cluster and a Postgres database behind a private endpoint", "kubernetes")


@pytest.mark.parametrize("text, kind", [
    ("Dos VMs detrás de un balanceador de carga de red", "network"),
    ("Deux VM derrière un équilibreur de charge réseau", "network"),
    ("Zwei VMs hinter einem Netzwerk-Load-Balancer", "network"),
    ("Un balanceador de carga de aplicaciones delante de dos contenedores", "application"),
])
def test_a_load_balancer_type_in_its_own_language(text: str, kind: str) -> None:
    assert _only(text, "load_balancer")["type"] == kind


@pytest.mark.parametrize("text, mode", [
    ("RabbitMQ on Amazon MQ, a three-node cluster", "cluster"),
    ("Un broker RabbitMQ en cluster de 3 nodos", "cluster"),
    ("Un broker RabbitMQ, une seule instance", "single"),
    ("Ein RabbitMQ-Broker als Einzelinstanz", "single"),
])
def test_a_broker_deployment_said_as_nodes_or_instances(text: str, mode: str) -> None:
    spec = translate(text)
    (broker,) = [r for r in spec.resources if r.kind == "broker"]
    assert broker.attrs["mode"] == mode
    if mode == "cluster":  # the network added for it has a private subnet in each of 3 zones
        (net,) = [r for r in spec.resources if r.kind == "network"]
        assert net.attrs["private_subnets"] == 3


def test_a_kafka_cluster_of_nodes_states_no_broker_mode() -> None:
    assert "mode" not in _only("A 3-node Kafka cluster", "kafka")


@pytest.mark.parametrize("text, purchase", [
    ("Two c6i.large servers on a 3-year reservation", "reserved_3y"),
    ("One EC2 t3.small, 1yr reserved pricing", "reserved_1y"),
    ("Una VM m5.large reservada durante un año", "reserved_1y"),
    ("Zwei Reserved Instances m5.large (3 Jahre Laufzeit)", "reserved_3y"),
    ("A VM m6i.large under a 3y savings plan", "savings_plan_3y"),
])
def test_a_purchase_commitment_in_any_order(text: str, purchase: str) -> None:
    assert _only(text, "vm")["purchase"] == purchase


def test_a_year_of_something_else_is_no_commitment() -> None:
    assert "purchase" not in _only("One EC2 t3.small and a bucket that keeps logs 1 year", "vm")


@pytest.mark.parametrize("text, mode", [
    ("An EFS share with throughput elastic", "elastic"),
    ("Un EFS, mode de débit provisionné à 128 MiB/s", "provisioned"),
    ("Ein EFS-Dateisystem mit elastischem Durchsatz", "elastic"),
])
def test_a_throughput_mode_before_or_after_its_noun(text: str, mode: str) -> None:
    assert _only(text, "file_system")["throughput_mode"] == mode


@pytest.mark.parametrize("text, days", [
    ("Un conteneur Blob pour les exports, suppression des objets au bout de 45 jours", 45),
    ("Un bucket para los informes que caduquen a los 3 años", 1095),
    ("Ein Bucket für Exporte mit Ablauf nach 60 Tagen", 60),
])
def test_an_expiry_in_every_language(text: str, days: int) -> None:
    assert _only(text, "bucket")["expire_after"] == days


@pytest.mark.parametrize("text, version", [
    ("Azure Database for MySQL flexible server, v8.0.21", "8.0.21"),
    ("a flexible server for the CRM. postgres: v15, 64 GB", "15"),
    ("Une base MariaDB managée (RDS) en 10.11", "10.11"),
    ("The reporting DB is Postgres 15.", "15"),
])
def test_a_version_after_a_colon_comma_parenthesis_or_at_the_end(text: str, version: str) -> None:
    assert _only(text, "database")["version"] == version


def test_a_compute_engine_machine_type_is_the_vms_type() -> None:
    spec = translate("On GCP: two e2-medium VMs behind a load balancer")
    (vm,) = [r for r in spec.resources if r.kind == "vm"]
    assert vm.attrs["instance"] == "e2-medium" and "instance" in vm.stated_attrs
