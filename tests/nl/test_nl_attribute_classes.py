"""Attribute recall by class (issue 14), each in four languages with our own paraphrases:
a switch word inflected ("multi-régions") or held by a phrase that names no resource ("isolation
réseau"); the website-hosting feature switched on by name; NAT gateways counted in each language,
per zone or after the noun; a number-valued attribute named by the head of its name ("IOPS" for a
VM's `disk_iops`). The negatives check that nothing is guessed for the wrong resource."""

from __future__ import annotations

from typing import Any

import pytest
from test_nl_switch_phrases import _attrs as _stated  # the stated attributes of the first resource of a kind

from autodeploy.nl.offline import translate


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a switch word in a plural / inflected form
        ("an audit trail, multi-regions please", "audit", {"multi_region": True}),
        ("registro de auditoría CloudTrail multi-regiones para la cuenta", "audit", {"multi_region": True}),
        ("une piste CloudTrail multi-régions pour le compte", "audit", {"multi_region": True}),
        # a switch word inside a phrase that only guards its words from the kinds' patterns
        ("host the model on a SageMaker endpoint, no network isolation", "model_endpoint", {"isolation": False}),
        ("un endpoint SageMaker para el modelo, sin aislamiento de red", "model_endpoint", {"isolation": False}),
        ("déployer le modèle sur un endpoint SageMaker avec isolation réseau", "model_endpoint",
         {"isolation": True}),
        ("ein SageMaker-Endpoint für das Modell ohne Netzwerkisolation", "model_endpoint", {"isolation": False}),
        # the longer phrase first: the negation after "isolation réseau" is the setting's
        ("le modèle sur un endpoint SageMaker, isolation réseau coupée", "model_endpoint", {"isolation": False}),
        ("host it on a SageMaker endpoint with network isolation turned off", "model_endpoint", {"isolation": False}),
        # the website-hosting feature switched on by name (no public bucket needed)
        ("a bucket for the brochure site with website hosting enabled", "bucket", {"website": True}),
        ("un bucket para la landing con alojamiento web activado", "bucket", {"website": True}),
        ("un bucket pour la plaquette, hébergement de site web activé", "bucket", {"website": True}),
        ("ein Bucket für die Broschüre mit Website-Hosting", "bucket", {"website": True}),
        # NAT gateways counted in each language, per zone, or after the noun
        ("a VPC across 2 zones with 2 NAT gateways", "network", {"nat_gateways": 2}),
        ("una VPC con tres puertas de enlace NAT", "network", {"nat_gateways": 3}),
        ("un VPC avec 3 passerelles NAT", "network", {"nat_gateways": 3}),
        ("ein VPC mit 2 NAT-Gateways", "network", {"nat_gateways": 2}),
        ("a VPC in 3 AZs, a NAT per AZ", "network", {"zones": 3, "nat_gateways": 3}),
        ("ein VPC, NAT-Gateways: 2", "network", {"nat_gateways": 2}),
        ("un VPC, passerelle NAT : une seule", "network", {}),  # "une seule" is no count we read: nothing
        ("una VPC, NAT solo una", "network", {"nat_gateways": 1}),
        # an attribute named by the head of its name
        ("an EC2 box with a 500 GB io2 volume at 16000 IOPS", "vm", {"disk_iops": 16000}),
        ("una instancia EC2 con disco io2 de 300 GB y 12000 IOPS", "vm", {"disk_iops": 12000}),
        ("une instance EC2, disque io2 de 300 Go à 12000 IOPS", "vm", {"disk_iops": 12000}),
        ("an EKS cluster whose nodes each get 80 GB disks", "kubernetes", {"node_disk": 80}),
        ("a VPC with flow logs, 60 days retention", "network", {"flow_log_retention": 60}),
    ],
)
def test_attribute_class(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _stated(text, kind)
    assert {k: got.get(k) for k in expect} == expect, got


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        # a static site behind a CDN on a private bucket: the purpose, not the feature switched on
        ("a private bucket for our static website behind CloudFront", "bucket", "website"),
        # "NAT gateway, 2 subnets": the number counts the subnets
        ("a VPC with a NAT gateway, 2 subnets", "network", "private_subnets"),
        # an API's retention is not the VPC's flow log retention (the VPC is not the nearest)
        ("an HTTP service keeping access logs 30 days retention and a VPC with flow logs", "network",
         "flow_log_retention"),
        # a volume's IOPS belong to the volume, not the VM next to it
        ("a t3.large VM and a gp3 EBS volume with 6000 iops", "vm", "disk_iops"),
    ],
)
def test_nothing_guessed(text: str, kind: str, absent: str) -> None:
    assert absent not in _stated(text, kind)


def test_nat_count_after_is_not_taken_from_a_later_noun() -> None:
    got = _stated("a VPC with a NAT gateway, 2 subnets", "network")
    assert got.get("nat_gateways") == 1


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        # an approximate amount after its cue
        ("two queues and a function; budget ~2 usd per hour", 1460),
        ("una cola SQS, presupuesto de unos 120 dólares al mes", 120),
        ("une file SQS, budget d'environ 80 dollars par mois", 80),
        ("eine SQS-Queue, Budget etwa 90 Dollar im Monat", 90),
        # an amount in US cents: "cents" after digits is the currency, not French "hundreds"
        ("one small VM; we can spend 40 cents an hour at most", 292),
        ("una VM pequeña, presupuesto de 50 centavos por hora", 365),
    ],
)
def test_budget_amount_classes(text: str, budget: float) -> None:
    spec = translate(text)
    assert "budget" in spec.stated
    assert spec.deployment["budget"] == pytest.approx(budget)


def test_french_hundreds_still_count() -> None:
    spec = translate("un bucket S3, objets supprimés après deux cents jours")
    bucket = next(r for r in spec.resources if r.kind == "bucket")
    assert bucket.attrs.get("expire_after") == 200


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a standby spread over zones, with no count
        ("a MySQL database spread across zones", "database", True),
        ("una caché Redis en varias zonas de disponibilidad", "cache", True),
        ("une base Postgres répartie sur plusieurs zones", "database", True),
        ("eine Postgres-Datenbank über mehrere Zonen", "database", True),
        # the phrase is about the VPC named next to it, not the database after it
        ("a VPC across several AZs and a Postgres database", "database", None),
    ],
)
def test_spread_over_zones(text: str, kind: str, expect: bool | None) -> None:
    assert _stated(text, kind).get("multi_az") is expect


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a limit verb between an attribute's name and its number
        ("a Python lambda, reserved concurrency limited to 25", "function", {"concurrency": 25}),
        ("una función Lambda con concurrencia limitada a 8", "function", {"concurrency": 8}),
        ("a queue whose visibility timeout is capped at 90 seconds", "queue", {"visibility_timeout": 90}),
        # a path after a preposition
        ("a container service on Fargate with the health check on /status", "service", {"health_path": "/status"}),
        # a purchase term whose words hold the machines' own word
        ("two VMs (r6i.large) on Reserved Instances for 1 year", "vm", {"purchase": "reserved_1y"}),
        # an API anyone may call, in each language (a loosening: applied with a note)
        ("an API Gateway in front of the lambda, anonymous access", "api_gateway", {"auth": "none"}),
        ("un API Gateway delante de la lambda con acceso anónimo", "api_gateway", {"auth": "none"}),
        ("un API Gateway devant la lambda, appels anonymes autorisés", "api_gateway", {"auth": "none"}),
        ("ein API Gateway vor der Lambda mit anonymem Zugriff", "api_gateway", {"auth": "none"}),
        # a value word in its Spanish spelling
        ("una tabla DynamoDB en modo de capacidad aprovisionada", "table", {"billing": "provisioned"}),
    ],
)
def test_value_phrasings(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _stated(text, kind)
    assert {k: got.get(k) for k in expect} == expect, got


def test_anonymous_alone_loosens_nothing() -> None:
    spec = translate("an API Gateway in front of a lambda that stores anonymous analytics events")
    gateway = next(r for r in spec.resources if r.kind == "api_gateway")
    assert gateway.attrs.get("auth") != "none"


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a physical name given by a naming verb in a relative clause
        ("necesito una cola SQS para los pedidos, que se llame pedidos-eu", "queue", {"name": "pedidos-eu"}),
        ("un bucket pour les factures, qui s'appelle factures-2024", "bucket", {"name": "factures-2024"}),
        ("ein Bucket für die Rechnungen, der heißt rechnungen-prod", "bucket", {"name": "rechnungen-prod"}),
        # Azure Blob access tiers in each language
        ("an Azure storage account for old invoices on the cool tier", "bucket", {"storage_class": "infrequent"}),
        ("una cuenta de almacenamiento Azure en nivel de acceso esporádico", "bucket",
         {"storage_class": "infrequent"}),
        ("un compte de stockage Azure, niveau d'accès archive", "bucket", {"storage_class": "archive"}),
        ("ein Azure-Speicherkonto mit kalter Zugriffsebene", "bucket", {"storage_class": "infrequent"}),
    ],
)
def test_names_and_tiers(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _stated(text, kind)
    assert {k: got.get(k) for k in expect} == expect, got
