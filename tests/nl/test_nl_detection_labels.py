"""Issue 14, resource precision (round 2): a label after a kind's word tells two resources apart, a
data service named with the protocol it carries is one resource of the protocol's kind, a misspelt
singular is its kind, and an HTTP API drawn in front of a backend is an API gateway. Paraphrases
written for these tests (not corpus lines), each class with the requests that must keep their
reading."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


# ------------------------------------------------------------------ labels ------------------------

@pytest.mark.parametrize("text, kinds", [
    ("An ETL job that reads the bucket inbound and writes the bucket published each night",
     {"etl_job": 1, "bucket": 2}),
    ("Un trabajo ETL que lee el bucket entrada y escribe en el bucket salida", {"etl_job": 1, "bucket": 2}),
    ("Un job ETL qui lit le bucket « sources » et écrit dans le bucket « rapports »", {"etl_job": 1, "bucket": 2}),
    ("Ein ETL-Job liest den Bucket rohdaten und schreibt in den Bucket berichte", {"etl_job": 1, "bucket": 2}),
])
def test_two_labels_after_the_same_word_are_two_resources(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A bucket 'media' and a Lambda; the bucket 'media' keeps versions", {"bucket": 1, "function": 1}),
    ("a bucket and a lambda; the bucket stays private", {"bucket": 1, "function": 1}),
    ("Una cola y una función, la cola con 4 días de retención", {"queue": 1, "function": 1}),
    ("Ein Bucket und eine Funktion, der Bucket privat und der Bucket versioniert", {"bucket": 1, "function": 1}),
])
def test_the_same_label_or_a_setting_points_back(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ protocols ---------------------

@pytest.mark.parametrize("text", [
    "Managed Kafka on Azure: an Event Hubs namespace exposing the Kafka protocol",
    "Un espacio de Event Hubs con protocolo Kafka habilitado",
    "un flux Event Hubs compatible avec Kafka",
    "Ein Event-Hubs-Namespace mit Kafka-Schnittstelle",
    "a Kafka-compatible Event Hubs namespace",
])
def test_a_data_service_carrying_a_protocol_is_that_kind(text: str) -> None:
    assert _kinds(text) == Counter({"kafka": 1})


@pytest.mark.parametrize("text, kinds", [
    ("a Lambda with an API Gateway endpoint", {"function": 1, "api_gateway": 1}),
    ("an API Gateway endpoint in front of a Lambda", {"function": 1, "api_gateway": 1}),
    ("a Kafka cluster and an Event Hubs stream", {"kafka": 1, "stream": 1}),
])
def test_an_endpoint_of_another_service_names_both(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ misspelt singulars -------------

@pytest.mark.parametrize("text, kind", [
    ("Eine Warteschlage mit 2 Tagen Aufbewahrung", "queue"),
    ("eine Festplate mit 100 GB für die VM", "volume"),
])
def test_a_misspelt_singular_is_its_kind(text: str, kind: str) -> None:
    assert _kinds(text)[kind] == 1


# ------------------------------------------------------------------ HTTP API in front ---------------

@pytest.mark.parametrize("text", [
    "HTTP API -> Lambda -> DynamoDB",
    "HTTP API (JWT auth) → Lambda",
    "an HTTP API routing to a Lambda",
])
def test_an_http_api_in_front_of_a_backend_is_a_gateway(text: str) -> None:
    assert _kinds(text)["api_gateway"] == 1


def test_a_plain_http_api_is_not_a_gateway() -> None:
    assert _kinds("Deploy our HTTP API as a container with 2 replicas")["api_gateway"] == 0


# ------------------------------------------------------------------ machines of a cluster ---------

def _resources(text: str) -> list:
    return [r for r in translate(text).resources if r.from_text]


@pytest.mark.parametrize("text, nodes, node_type", [
    ("a Kubernetes cluster with 2 t3.large VMs", 2, "t3.large"),
    ("un cluster EKS avec 2 serveurs t3.large", 2, "t3.large"),
    ("an EKS cluster with three m5.large instances", 3, "m5.large"),
])
def test_typed_machines_inside_a_cluster_phrase_are_its_nodes(text: str, nodes: int, node_type: str) -> None:
    rs = _resources(text)
    assert [r.kind for r in rs] == ["kubernetes"]
    assert rs[0].attrs["nodes"] == {"min": nodes, "max": nodes}
    assert rs[0].attrs["node_instance"] == node_type


@pytest.mark.parametrize("text", [
    "an EKS cluster and 2 t3.large VMs for the build agents",
    "an EKS cluster; also 3 t3.small VMs",
])
def test_typed_machines_past_a_list_break_are_vms(text: str) -> None:
    assert _kinds(text) == Counter({"kubernetes": 1, "vm": 1})


# ------------------------------------------------------------------ a type in the next list item --

@pytest.mark.parametrize("text, low, high, itype", [
    ("web tier: 2 to 6 instances, t3.medium", 2, 6, "t3.medium"),
    ("Webserver-Gruppe: min. 3 max. 7 Instanzen, m5.large", 3, 7, "m5.large"),
    ("2 instances, type c6g.large, behind an ALB", 2, 2, "c6g.large"),
])
def test_a_type_alone_in_the_next_item_is_the_same_vm(text: str, low: int, high: int, itype: str) -> None:
    vms = [r for r in _resources(text) if r.kind == "vm"]
    assert len(vms) == 1
    assert vms[0].attrs["instance"] == itype and vms[0].attrs["count"] == {"min": low, "max": high}


def test_two_vms_each_with_its_type_stay_two() -> None:
    assert _kinds("a VM, t3.micro, and a second VM, m5.large")["vm"] == 2


@pytest.mark.parametrize("text, n", [("ec2 t3.micro x3", 3), ("t3.small x2 behind an ALB", 2)])
def test_a_multiplier_after_the_type_counts_the_vm(text: str, n: int) -> None:
    vms = [r for r in _resources(text) if r.kind == "vm"]
    assert len(vms) == 1 and vms[0].attrs["count"] == {"min": n, "max": n}


# ------------------------------------------------------------------ words that qualify, not name ---

@pytest.mark.parametrize("text, kinds", [
    # a version after the word states the version of the one named
    ("An ETL job with 8 workers, Glue 4.0, timeout 30 minutes", {"etl_job": 1}),
    ("Un trabajo Glue, versión Glue 4.0", {"etl_job": 1}),
    ("an EKS cluster, Kubernetes 1.30", {"kubernetes": 1}),
    # an item's number in a list is no count
    ("Parts: (1) a VPC; (2) a queue; (3) an S3 bucket; (4) CloudTrail", {"network": 1, "queue": 1, "bucket": 1,
                                                                        "audit": 1}),
    # the cluster's API endpoint is no container API
    ("EKS 1.29 with 2 nodes, private API endpoint", {"kubernetes": 1}),
    ("AKS-Cluster, API-Endpunkt privat", {"kubernetes": 1}),
    # a vault holding a secret is where the secret is kept
    ("un Key Vault pour le mot de passe FTP", {"secret": 1}),
    ("ein Key Vault für das Datenbank-Passwort", {"secret": 1}),
    # an event of a bucket already named
    ("photos go to a bucket; an S3 event starts a lambda", {"bucket": 1, "function": 1}),
    ("un bucket; el evento S3 lanza una Lambda", {"bucket": 1, "function": 1}),
    # the engine a database is compatible with
    ("an Aurora cluster, MySQL-compatible", {"database": 1}),
    ("an Aurora cluster compatible with Postgres", {"database": 1}),
    # a storage account's container is the store
    ("a storage account container for invoices", {"bucket": 1}),
])
def test_a_qualifying_word_makes_no_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Postgres 15, Postgres 16", {"database": 2}),
    ("Postgres 16 for orders, MySQL 8 for billing", {"database": 2}),
    ("a Postgres database and a MySQL-compatible one", {"database": 2}),
    ("a Key Vault for the storage account", {"key": 1, "bucket": 1}),
    ("an API on ECS with 2 replicas", {"service": 1}),
])
def test_the_same_words_still_name_resources(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Set up a Route 53 zone for shop.example.com.", {}),
    ("Eine Function App, max. 12 Instanzen", {"function": 1}),
    ("una función, máx. 6 instancias", {"function": 1}),
])
def test_a_host_name_or_a_bound_of_another_resource_makes_no_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_a_bound_past_a_list_break_is_still_vms() -> None:
    assert _kinds("a bucket and max 3 instances")["vm"] == 1


def test_a_bound_the_dsl_cannot_state_is_reported() -> None:
    said = translate("Eine Function App, max. 12 Instanzen").not_understood
    assert any("no copies" in s for s in said)
