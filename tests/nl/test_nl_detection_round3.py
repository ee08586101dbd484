"""Issue 14, resource precision on unseen text (round 3): kind words that name the owner of another
resource's thing, a heading or a correction naming the same resource twice, a first idea given up,
the users of a store, client-side things, a place outside a network. Paraphrases written for these
tests (not corpus lines), in the four languages; each class has negatives where the same words still
ask for the resource."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


# ------------------------------------------------------------------ the owner of a thing ----------

@pytest.mark.parametrize("text, kinds", [
    ("a Secrets Manager secret holding the admin password of the warehouse database", {"secret": 1}),
    ("a Key Vault secret for the cache password", {"secret": 1}),
    ("un secreto con la contrasena de la base de datos de produccion", {"secret": 1}),
    ("un secret Key Vault pour la cle SSH de la VM de rebond", {"secret": 1}),
    ("ein Secret fur das Passwort der Datenbank im Rechenzentrum", {"secret": 1}),
    ("an SQS queue; if possible also a read replica of the database in Frankfurt", {"queue": 1}),
])
def test_the_owner_of_a_thing_is_not_asked_for(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("a Secrets Manager secret holding the admin password of a new Postgres database",
     {"secret": 1, "database": 1}),
    ("un secreto con la contrasena de una base de datos MySQL nueva", {"secret": 1, "database": 1}),
    ("a MySQL database, and the database password in a secret", {"secret": 1, "database": 1}),
])
def test_an_owner_asked_for_is_still_created(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ one resource named twice -------

@pytest.mark.parametrize("text, kinds", [
    ("Jump host: an EC2 instance t3.nano with SSH from 203.0.113.0/24", {"vm": 1}),
    ("Hote de rebond : une instance EC2 t3.nano", {"vm": 1}),
    ("a serverless postgres (or rather plain RDS) for the billing data", {"database": 1}),
    ("eine Datenbank mit MySQL (eigentlich einfach RDS) fur die Kunden", {"database": 1}),
    ("une base MySQL geree sur RDS avec 100 Go", {"database": 1}),
    ("una base PostgreSQL 15.4 en RDS con copias de 7 dias", {"database": 1}),
    ("eine PostgreSQL-Datenbank, verwaltet auf RDS", {"database": 1}),
])
def test_a_heading_or_correction_names_the_same_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Jump host: an EC2 instance t3.nano; app server: an EC2 instance m5.large", {"vm": 2}),
    ("a MySQL database managed by the ops team and a new Postgres on RDS", {"database": 2}),
])
def test_two_resources_stay_two(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ a first idea given up ----------

@pytest.mark.parametrize("text, kinds", [
    ("At first I wanted a queue for the invoices, but actually one scheduled Lambda is enough", {"function": 1}),
    ("Al principio pensaba en una cola, pero al final basta con una Lambda diaria", {"function": 1}),
    ("Au debut je voulais un cache Redis, mais finalement une base Postgres suffit", {"database": 1}),
    ("Ursprunglich wollte ich eine Queue, aber eigentlich reicht eine Lambda-Funktion", {"function": 1}),
])
def test_a_first_idea_given_up_is_not_asked_for(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_a_first_step_then_another_keeps_both() -> None:
    assert _kinds("First a queue for the jobs, then a Lambda that reads it") == Counter({"queue": 1, "function": 1})


# ------------------------------------------------------------------ the users of a store -----------

@pytest.mark.parametrize("text, kinds", [
    ("an Azure Files share of 1 TB to share files between the VMs of the design team", {"file_system": 1}),
    ("un EFS partage entre les conteneurs de l'equipe data", {"file_system": 1}),
    ("ein Dateisystem, gemeinsam genutzt zwischen den VMs der Abteilung", {"file_system": 1}),
])
def test_the_users_of_a_store_are_not_asked_for(text: str, kinds: dict) -> None:
    assert _kinds(text)["vm"] == 0 and _kinds(text)["service"] == 0
    assert _kinds(text)["file_system"] == 1


def test_compute_asked_for_next_to_a_store_is_created() -> None:
    assert _kinds("an EFS file system and a dashboard for the payments ECS service")["service"] == 1
    assert _kinds("Tres discos de 100 GB para la VM t3.large nueva")["vm"] == 1


# ------------------------------------------------------------------ a heading for our own app ------

@pytest.mark.parametrize("text, replicas", [
    ("For our booking API: four containers on Fargate behind an ALB", 4),
    ("Para nuestra API de reservas: dos contenedores en Fargate", 2),
    ("Fur unsere Buchungs-API: drei Container auf Fargate", 3),
])
def test_a_heading_for_our_app_asks_for_what_runs_it(text: str, replicas: int) -> None:
    spec = translate(text)
    services = [r for r in spec.resources if r.from_text and r.kind == "service"]
    assert len(services) == 1 and services[0].attrs["replicas"] in (replicas, {"min": replicas, "max": replicas})


def test_a_heading_with_nothing_running_it_keeps_the_app() -> None:
    assert _kinds("For our booking API: a Postgres database and an S3 bucket") == Counter(
        {"service": 1, "database": 1, "bucket": 1})


# ------------------------------------------------------------------ client side, outside, "it's for" -

@pytest.mark.parametrize("text", [
    "the browser cache is handled by the frontend; I only need a CDN in front of the ALB",
    "el cache del navegador lo gestiona el front, solo una CDN delante del balanceador",
    "Den Browser-Cache regelt das Frontend, wir brauchen nur ein CDN",
])
def test_a_client_side_cache_is_no_resource(text: str) -> None:
    assert _kinds(text)["cache"] == 0 and _kinds(text)["cdn"] == 1


def test_a_cache_asked_for_next_to_browser_words_is_created() -> None:
    assert _kinds("browser cache headers on the CDN plus a Redis cache for sessions")["cache"] == 1


@pytest.mark.parametrize("text", [
    "an OpenSearch domain outside the VPC, 3 nodes",
    "un dominio OpenSearch fuera de la VPC con 3 nodos",
    "un domaine OpenSearch en dehors du VPC, 3 noeuds",
])
def test_outside_a_network_asks_for_none(text: str) -> None:
    assert _kinds(text)["network"] == 0 and _kinds(text)["search"] == 1


def test_inside_a_network_still_asks_for_one() -> None:
    assert _kinds("an OpenSearch domain inside a new VPC, 3 nodes")["network"] == 1


@pytest.mark.parametrize("text", [
    "a small public t4g.nano VM, SSH from 198.51.100.9/32, it's for a bastion",
    "une petite VM t4g.nano, SSH depuis 198.51.100.9/32, c'est pour un bastion",
])
def test_what_a_machine_is_for_is_that_machine(text: str) -> None:
    assert _kinds(text)["vm"] == 1
