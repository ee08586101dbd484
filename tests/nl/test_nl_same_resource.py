"""Issue 14, the right kind, the right count and the settings of unseen text (nl/same_resource.py,
nl/values_not_kinds.py and the count / value readers they sit next to). Paraphrases written for these
tests (not corpus lines); each class keeps requests whose plain reading must not change."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


def _stated(text: str, kind: str) -> dict[str, Any]:
    (r,) = [r for r in translate(text).resources if r.kind == kind and r.from_text]
    return {a: r.attrs[a] for a in r.stated_attrs if a in r.attrs}


# ------------------------------------------------------------------ the tool it is made with -------

@pytest.mark.parametrize("text", [
    "Create an EKS cluster and then put the grafana chart onto it using Helm.",
    "Un clúster EKS y el chart de loki, instalado con Helm sobre él.",
    "Ein EKS-Cluster, darauf das Helm-Chart external-dns, installiert mit Helm.",
])
def test_the_tool_named_after_a_resource_is_that_resource(text: str) -> None:
    assert _kinds(text)["helm_release"] == 1


def test_two_charts_with_articles_stay_two() -> None:
    assert _kinds("An EKS cluster with a Helm chart for grafana and a Helm chart for loki")["helm_release"] == 2


# ------------------------------------------------------------------ "(a VM)": what it is -----------

@pytest.mark.parametrize("text, kinds", [
    ("three io2 volumes of 500 GB for the reporting db server (an m6i.xlarge EC2 instance)", {"volume": 1, "vm": 1}),
    ("le serveur de la base (une VM Standard_E4s_v5) avec un disque de 200 Go", {"vm": 1}),
    ("the machine of the database (a Standard_E8s_v5 VM), 100 GB disk", {"vm": 1}),
    ("der Datenbank-Host (eine EC2-Instanz m5.large) mit 80 GB Platte", {"vm": 1}),
])
def test_a_parenthesis_saying_what_a_resource_is_names_its_kind(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("a Postgres database and a VM (a t3.large) for the batch jobs", {"database": 1, "vm": 1}),
    ("an m6i.large EC2 instance and a MySQL database (db.t3.medium)", {"vm": 1, "database": 1}),
])
def test_a_database_next_to_a_vm_is_still_asked_for(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ users and contents of a store --

@pytest.mark.parametrize("text", [
    "an EFS file system mounted by the containers, elastic throughput",
    "un sistema de archivos EFS para los contenedores, modo de rendimiento elastic",
    "EFS-Dateisystem für die Container, Backup aus",
])
def test_the_containers_a_store_is_for_are_no_service(text: str) -> None:
    assert _kinds(text) == Counter({"file_system": 1})


def test_counted_containers_next_to_a_store_are_a_service_with_replicas() -> None:
    assert _kinds("an EFS file system and 3 Fargate containers") == Counter({"file_system": 1, "service": 1})
    assert _stated("an EFS file system and 3 Fargate containers", "service")["replicas"] == {"min": 3, "max": 3}


@pytest.mark.parametrize("text, kinds", [
    ("a storage account for archives, cool tier, delete blobs after 90 days", {"bucket": 1}),
    ("una cuenta de almacenamiento para facturas, borrar blobs a los 30 días", {"bucket": 1}),
    ("a bucket for logs and two buckets for backups", {"bucket": 3}),
    ("an SQS queue; we do not need SNS. No SQS FIFO either", {"queue": 1}),
])
def test_a_bare_plural_of_a_named_store_is_that_store(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_the_contents_read_on_the_store() -> None:
    assert _stated("a storage account for archives, cool tier, delete blobs after 90 days", "bucket")[
        "expire_after"] == 90


# ------------------------------------------------------------------ a product it is made in --------

@pytest.mark.parametrize("text, value", [
    ("a REST API in API Gateway for the orders Lambda", "rest"),
    ("an HTTP API on API Gateway routing to a Lambda", "http"),
    ("une API REST sur API Gateway devant une Lambda", "rest"),
])
def test_an_api_in_api_gateway_is_the_gateway_with_its_type(text: str, value: str) -> None:
    assert _kinds(text) == Counter({"api_gateway": 1, "function": 1})
    assert _stated(text, "api_gateway")["type"] == value


def test_an_api_service_behind_a_gateway_stays_a_service() -> None:
    got = _kinds("API Gateway in front of a Fargate service running acme/api:3")
    assert got == Counter({"api_gateway": 1, "service": 1})


# ------------------------------------------------------------------ a kind word as a setting --------

def test_a_kind_word_after_a_type_word_is_a_value() -> None:
    text = "aws_lb (type network, internal) in front of aws_ecs_service with 3 tasks"
    assert _kinds(text) == Counter({"load_balancer": 1, "service": 1})
    assert _stated(text, "load_balancer")["type"] == "network"


@pytest.mark.parametrize("text, namespaces", [
    ("an EKS cluster with Fargate profiles for the reports namespace", ["reports"]),
    ("EKS 1.30 con perfiles Fargate para los namespaces informes y cron", ["informes", "cron"]),
    ("EKS-Cluster 1.31, Fargate für den Namespace nightly.", ["nightly"]),
])
def test_fargate_on_a_cluster_is_its_profiles(text: str, namespaces: list[str]) -> None:
    assert _kinds(text) == Counter({"kubernetes": 1})
    assert _stated(text, "kubernetes")["fargate"] == namespaces


def test_a_fargate_service_next_to_a_cluster_stays_a_service() -> None:
    assert _kinds("an EKS cluster and a Fargate service running acme/web:2") == Counter({"kubernetes": 1, "service": 1})


# ------------------------------------------------------------------ counts ---------------------------

@pytest.mark.parametrize("text, nodes", [
    ("un cluster AKS à 5 nœuds", {"min": 5, "max": 5}),
    ("un EKS 1.30 à 2 nœuds m6i.large", {"min": 2, "max": 2}),
    ("un clúster AKS a 4 nodos", {"min": 4, "max": 4}),
])
def test_a_french_a_before_a_count_is_no_article(text: str, nodes: dict) -> None:
    assert _stated(text, "kubernetes")["nodes"] == nodes


@pytest.mark.parametrize("text, count", [
    ("a scale set of 3-5 Standard_D4s_v5", {"min": 3, "max": 5}),
    ("a VM scale set of 2 to 8 Standard_B2ms VMs", {"min": 2, "max": 8}),
    ("azure: 2-4 Standard_D2s_v5 VMs behind an Application Gateway", {"min": 2, "max": 4}),
    ("un VMSS de 3 a 6 VM Standard_B2s", {"min": 3, "max": 6}),
])
def test_a_range_of_machines_with_a_size_between(text: str, count: dict) -> None:
    assert _stated(text, "vm")["count"] == count


@pytest.mark.parametrize("text", ["5 Cloud Run containers", "five Fargate containers behind an ALB"])
def test_containers_of_a_platform_are_replicas_of_one_service(text: str) -> None:
    assert _kinds(text)["service"] == 1
    assert _stated(text, "service")["replicas"] == {"min": 5, "max": 5}


# ------------------------------------------------------------------ values ---------------------------

@pytest.mark.parametrize("text, read, write", [
    ("una tabla DynamoDB con 40 unidades de lectura y 15 de escritura", 40, 15),
    ("une table DynamoDB : 30 unités de lecture et 12 unités d'écriture", 30, 12),
])
def test_capacity_units_before_read_and_write(text: str, read: int, write: int) -> None:
    got = _stated(text, "table")
    assert (got["read_capacity"], got["write_capacity"]) == (read, write)


@pytest.mark.parametrize("text", [
    "RabbitMQ? no: an ActiveMQ broker on Amazon MQ, active/passive",
    "un broker ActiveMQ en mode actif/veille",
    "ActiveMQ-Broker im Aktiv/Passiv-Betrieb",
])
def test_broker_active_standby_in_every_language(text: str) -> None:
    assert _stated(text, "broker")["mode"] == "active_standby"


@pytest.mark.parametrize("text", [
    "un balanceador de aplicaciones interno delante de las VMs",
    "un équilibreur de charge applicatif devant deux VM",
    "an application load balancer in front of two VMs",
])
def test_an_application_load_balancer_states_its_type(text: str) -> None:
    assert _stated(text, "load_balancer")["type"] == "application"


def test_a_full_stop_after_a_value_is_not_part_of_it() -> None:
    assert _stated("A Fargate service running ghcr.io/acme/web:4.1. Logs on.", "service")["image"] == \
        "ghcr.io/acme/web:4.1"
    text = "A SageMaker endpoint with the model at s3://ml-art/churn/model.tar.gz. Two instances."
    assert _stated(text, "model_endpoint")["model_data"] == "s3://ml-art/churn/model.tar.gz"


@pytest.mark.parametrize("text, chart", [
    ("Ein AKS-Cluster, darauf das Helm-Chart external-dns", "external-dns"),
    ("Ein EKS-Cluster mit 2 Knoten und dem Helm-Chart kube-prometheus-stack im Namespace monitoring",
     "kube-prometheus-stack"),
])
def test_an_article_before_a_helm_chart_is_not_its_name(text: str, chart: str) -> None:
    assert _stated(text.replace("AKS", "EKS"), "helm_release")["chart"] == chart


@pytest.mark.parametrize("text, kind, attr, value", [
    ("eine Container App mit 2 GB RAM und eine MariaDB-Datenbank mit 300 GB Speicher", "database", "storage", 300),
    ("ein Flexible Server für PostgreSQL mit 256 GB Speicher, dazu eine Function App", "database", "storage", 256),
    ("eine Lambda mit 3 GB Speicher und eine MySQL-Datenbank", "function", "memory", 3),
])
def test_a_word_for_memory_or_storage_goes_to_what_the_nearest_resource_has(
        text: str, kind: str, attr: str, value: int) -> None:
    assert _stated(text, kind)[attr] == value


@pytest.mark.parametrize("text, replicas", [
    ("un servicio en Fargate (mín 3, máx 12 réplicas)", {"min": 3, "max": 12}),
    ("Container App, min. 2 / max. 6 Replikas", {"min": 2, "max": 6}),
    ("a Cloud Run service with 4 instances, plus a read replica of the database later", {"min": 4, "max": 4}),
    ("un servicio Cloud Run con 2 instancias y una réplica de lectura de la base", {"min": 2, "max": 2}),
])
def test_replica_ranges_and_read_replicas(text: str, replicas: dict) -> None:
    assert _stated(text, "service")["replicas"] == replicas


@pytest.mark.parametrize("text, kind", [
    ("un équilibreur de charge applicatif interne devant trois conteneurs", "load_balancer"),
    ("un balanceador de carga de red interno para las VMs", "load_balancer"),
])
def test_internal_after_the_noun_and_its_type_word(text: str, kind: str) -> None:
    assert _stated(text, kind)["public"] is False


@pytest.mark.parametrize("text", [
    "Un clúster AKS de 3 nodos con el endpoint público de la API deshabilitado.",
    "un cluster EKS avec l'accès public à l'API désactivé",
])
def test_public_switched_off_past_its_complement(text: str) -> None:
    assert _stated(text, "kubernetes")["public"] is False


def test_public_access_stays_on_without_a_negation() -> None:
    assert _stated("un bucket S3 avec accès public pour les images", "bucket")["public"] is True


@pytest.mark.parametrize("text, budget", [
    ("una Lambda y una cola; contamos con 6.000 dólares al año", 500),
    ("a Lambda and a queue, we've got $24,000 a year for this", 2000),
    ("a Lambda, about 2 USD an hour all in", 1460),
])
def test_money_per_period_is_a_budget(text: str, budget: float) -> None:
    spec = translate(text)
    assert "budget" in spec.stated and spec.deployment["budget"] == budget


def test_money_per_unit_is_no_budget() -> None:
    assert "budget" not in translate("a Lambda; the old vendor charged $3 per GB").stated


@pytest.mark.parametrize("text", ["Produktionsumgebung, eine Lambda-Funktion", "eine Queue im Produktivbetrieb"])
def test_a_german_compound_names_the_environment(text: str) -> None:
    assert translate(text).deployment["environment"] == "prod"


@pytest.mark.parametrize("text, kind, attr", [
    ("a single-AZ MySQL database for the wiki", "database", "multi_az"),
    ("una base MariaDB en una sola zona", "database", "multi_az"),
    ("eine Postgres-Datenbank, nur in einer Zone", "database", "multi_az"),
    ("ein CloudTrail-Trail mit Datenereignissen, nur in einer Region", "audit", "multi_region"),
    ("un trail CloudTrail dans une seule région", "audit", "multi_region"),
])
def test_one_zone_or_region_turns_the_multi_switch_off(text: str, kind: str, attr: str) -> None:
    assert _stated(text, kind)[attr] is False


def test_multi_az_said_outright_wins() -> None:
    assert _stated("a multi-AZ MySQL database in one region", "database")["multi_az"] is True


@pytest.mark.parametrize("text, instance", [
    ("ein EKS-Cluster mit 4 Knoten (m6i.large) und ein Bucket", "m6i.large"),
    ("an EKS cluster, nodes: c6i.xlarge, 2 to 5 of them", "c6i.xlarge"),
])
def test_a_node_type_in_a_parenthesis_or_after_a_colon_types_the_nodes(text: str, instance: str) -> None:
    assert _kinds(text)["vm"] == 0
    assert _stated(text, "kubernetes")["node_instance"] == instance


def test_a_helm_chart_with_its_repository_and_namespace_said_before_the_word() -> None:
    got = _stated("an EKS cluster; the Helm chart loki from https://grafana.github.io/helm-charts "
                  "into the logging namespace", "helm_release")
    assert (got["chart"], got["repository"], got["namespace"]) == (
        "loki", "https://grafana.github.io/helm-charts", "logging")


@pytest.mark.parametrize("text, engine", [
    ("la instancia de RDS MySQL debe ser db.t4g.medium", "mysql"),
    ("l'instance RDS PostgreSQL avec 50 Go", "postgres"),
])
def test_an_engine_in_an_overlapping_reading_is_kept(text: str, engine: str) -> None:
    (db,) = [r for r in translate(text).resources if r.kind == "database"]
    assert db.variant == engine and "variant" in db.stated_attrs


@pytest.mark.parametrize("text", [
    "a private bucket in static website mode behind CloudFront",
    "un compte de stockage en mode site web derrière Front Door",
    "una cuenta de almacenamiento en modo sitio web",
    "ein S3-Bucket im Website-Modus",
])
def test_a_website_mode_switches_website_hosting_on(text: str) -> None:
    assert _stated(text, "bucket")["website"] is True


def test_a_bucket_for_a_website_behind_a_cdn_is_no_website_mode() -> None:
    assert "website" not in _stated("a private bucket for the website assets behind CloudFront", "bucket")


@pytest.mark.parametrize("text", [
    "un disco de 256 GB para la VM de la base de datos vieja (Standard_E4s_v5)",
    "the VM of the database, Standard_E8s_v5, with a 300 GB disk",
    "die VM der Datenbank mit 100 GB Platte",
])
def test_a_store_a_machine_is_of_is_its_role(text: str) -> None:
    assert _kinds(text)["database"] == 0 and _kinds(text)["vm"] == 1


@pytest.mark.parametrize("text, count", [
    ("Jumphost: 1 t3.nano, SSH only from 198.51.100.7/32", {"min": 1, "max": 1}),
    ("Sprungserver: 3 t3.micro, nur intern", {"min": 3, "max": 3}),
])
def test_a_count_after_a_heading_counts_the_machines(text: str, count: dict) -> None:
    assert _stated(text, "vm")["count"] == count


@pytest.mark.parametrize("text", ["un redis de ElastiCache de un solo nodo", "a Redis cache on a single node"])
def test_a_single_node(text: str) -> None:
    assert _stated(text, "cache")["nodes"] == 1


def test_a_helm_release_of_a_chart() -> None:
    assert _stated("an EKS cluster and a helm release of external-dns on it", "helm_release")["chart"] == "external-dns"


def _facts(text: str) -> set:
    from autodeploy.compiler import compile_source
    from autodeploy.nl.facts import stated_facts
    from autodeploy.nl.writer import write

    spec = translate(text)
    result = compile_source(write(spec), "t.adl")
    assert result.ir is not None
    return stated_facts(spec, result.ir)


@pytest.mark.parametrize("text, kind", [
    ("PCI DSS applies: an encrypted MariaDB database and a queue", "database"),
    ("HIPAA: un bucket S3 cifrado para radiografías", "bucket"),
])
def test_encrypted_said_under_a_framework_is_a_stated_encryption(text: str, kind: str) -> None:
    spec = translate(text)
    (r,) = [r for r in spec.resources if r.kind == kind]
    assert r.attrs["encryption"] == {"ref": "data_key"}  # the framework's customer-managed key
    assert (f"{kind}.encryption", True) in _facts(text)


def test_encryption_not_said_under_a_framework_is_no_stated_fact() -> None:
    assert not any(k == "database.encryption" for k, _ in _facts("PCI DSS applies: a MariaDB database"))


@pytest.mark.parametrize("text, brokers", [
    ("Event Hubs con endpoint Kafka y 3 unidades de throughput", 3),
    ("Event Hubs mit Kafka-Endpunkt, 6 Durchsatzeinheiten", 6),
    ("Event Hubs (endpoint Kafka), 2 unités de débit", 2),
])
def test_event_hubs_throughput_units_are_its_brokers(text: str, brokers: int) -> None:
    assert _stated(text, "kafka")["brokers"] == brokers


@pytest.mark.parametrize("text", [
    "CloudFront in front of our S3 bucket static website",
    "un bucket público con hosting de sitio web",
])
def test_a_store_named_as_the_static_site_hosts_it(text: str) -> None:
    assert _stated(text, "bucket")["website"] is True


@pytest.mark.parametrize("text, memory", [
    ("a Container App with 0.5 vCPU and 1Gi", 1),
    ("Cloud Run : 1 vCPU, 4 Gio", 4),
    ("a Cloud Run service, 1536Mi memory", 1.5),
])
def test_kubernetes_and_french_binary_units(text: str, memory: float) -> None:
    assert _stated(text, "service")["memory"] == memory


@pytest.mark.parametrize("text, attr, value", [
    ("a DynamoDB table keyed on order_id", "partition_key", "order_id"),
    ("une table DynamoDB avec tenant_id comme clé de partition", "partition_key", "tenant_id"),
    ("una tabla DynamoDB con fecha como clave de ordenación", "sort_key", "fecha"),
    ("eine DynamoDB-Tabelle mit kunde_id als Partitionsschlüssel", "partition_key", "kunde_id"),
])
def test_a_key_named_before_its_word_or_by_a_verb(text: str, attr: str, value: str) -> None:
    assert _stated(text, "table")[attr] == value


def test_a_rotation_period_after_a_spanish_subjunctive() -> None:
    assert _stated("un secreto para la API, que rote cada 45 días", "secret")["rotation_interval"] == 45


@pytest.mark.parametrize("text, version", [
    ("an AKS cluster on 1.29 with 3 nodes", "1.29"),
    ("ein EKS-Cluster (1.30, 4 Knoten)", "1.30"),
])
def test_a_cluster_version_in_its_parenthesis_or_after_on(text: str, version: str) -> None:
    assert _stated(text.replace("AKS", "EKS"), "kubernetes")["version"] == version


@pytest.mark.parametrize("text, schedule", [
    ("une Lambda qui vide le cache toutes les 15 minutes", "rate(15 minutes)"),
    ("a Lambda that deletes stale sessions every 2 hours", "rate(2 hours)"),
])
def test_a_period_is_a_schedule_even_next_to_a_delete_verb(text: str, schedule: str) -> None:
    assert _stated(text, "function")["schedule"] == schedule


def test_an_expiry_after_a_delay_stays_an_expiry() -> None:
    assert _stated("a bucket whose files are deleted after 60 days, and a Lambda", "bucket")["expire_after"] == 60


@pytest.mark.parametrize("text, cloud", [
    ("una tabla dynamo con clave de partición pedido_id", "aws"),
    ("eine Service-Bus-Queue mit 7 Tagen Aufbewahrung", "azure"),
])
def test_a_short_or_hyphenated_service_name_says_the_cloud(text: str, cloud: str) -> None:
    spec = translate(text)
    assert "cloud" in spec.stated and spec.deployment["cloud"] == cloud


@pytest.mark.parametrize("text", [
    "Blob container for the contracts on Azure. Private, and versioned.",
    "Un conteneur Blob pour les exports ? Pas public, merci.",
    "Le compte de stockage « archives » doit rester privé.",
])
def test_a_private_fragment_qualifies_the_one_store(text: str) -> None:
    assert _stated(text, "bucket")["public"] is False


@pytest.mark.parametrize("text", [
    "a bucket for the exports. Public information only.",  # a stray "public" makes nothing public
    "a bucket and a Postgres database. Private.",  # two holders: whose is not said
])
def test_a_stray_adjective_sets_nothing_it_cannot_place(text: str) -> None:
    spec = translate(text)
    assert all("public" not in r.stated_attrs for r in spec.resources)


def test_a_size_in_a_resources_parenthesis_is_its_own() -> None:
    text = "an RDS PostgreSQL instance (no deletion protection, 80 GB) and a Python Lambda"
    assert _stated(text, "database")["storage"] == 80


def test_a_list_bullet_ends_a_count() -> None:
    assert _kinds("orders -> API: * API Gateway HTTP API * 3 lambdas * DynamoDB table named orders")["table"] == 1


def test_a_budget_with_an_apostrophe_s() -> None:
    assert translate("an MSK cluster. budget's roughly 2k a month").deployment["budget"] == 2000


@pytest.mark.parametrize("text", ["a Cloud SQL MySQL 8.0 in HA mode", "una base Postgres en modo alta disponibilidad"])
def test_a_high_availability_mode_is_multi_az(text: str) -> None:
    assert _stated(text, "database")["multi_az"] is True


@pytest.mark.parametrize("text", ["un contenedor en Blob Storage para los PDF",
                                  "un conteneur dans le compte de stockage"])
def test_a_container_in_a_store_is_the_store(text: str) -> None:
    assert _kinds(text) == Counter({"bucket": 1})


def test_a_rest_api_word_order_in_spanish() -> None:
    assert _kinds("API REST en API Gateway con WAF") == Counter({"api_gateway": 1})


@pytest.mark.parametrize("text", ["ein S3-Bucket als Website, öffentlich", "un bucket S3 como sitio web, público"])
def test_a_store_as_a_website(text: str) -> None:
    assert _stated(text, "bucket")["website"] is True


def test_a_bare_chart_word_with_its_name() -> None:
    text = "un clúster EKS y un Helm release del chart loki (repo https://grafana.github.io/helm-charts)"
    assert _stated(text, "helm_release")["chart"] == "loki"
