"""Attribute classes read from where a value stands relative to its resource's own words (own
paraphrases, four languages): an enumerated value beside the name (nl/value_words.py), an
adjective opening the next noun phrase (nl/attributive.py), and "encrypted" kept as stated when a
framework supplies the key (nl/facts.py reads a key reference as encryption on)."""

from __future__ import annotations

import pytest

from autodeploy.compiler import compile_source
from autodeploy.nl.facts import stated_facts
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write


def _facts(text: str) -> dict[str, object]:
    spec = translate(text, {})
    result = compile_source(write(spec), "t.adl")
    assert result.ir is not None, result.render()
    return dict(stated_facts(spec, result.ir))


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Set up a REST API Gateway in front of one Lambda", "api_gateway.type", "rest"),
        ("Quiero un API Gateway REST delante de una función Lambda", "api_gateway.type", "rest"),
        ("Je voudrais un équilibreur de charge réseau devant trois VM", "load_balancer.type", "network"),
        ("un balanceador de aplicaciones interno para dos contenedores", "load_balancer.type", "application"),
        ("Ein Netzwerk-Load-Balancer vor zwei VMs", "load_balancer.type", "network"),
        ("aws_lb (application) in front of an aws_ecs_service", "load_balancer.type", "application"),
        ("un équilibreur de charge applicatif public pour deux conteneurs", "load_balancer.type", "application"),
    ],
)
def test_enum_value_beside_the_resource_name(text: str, key: str, value: object) -> None:
    assert _facts(text).get(key) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # the value word is not beside the load balancer's name: nothing is guessed
        ("a load balancer for the application team, plus a queue", "load_balancer.type"),
        ("an API gateway in front of the network appliance VM", "api_gateway.type"),
    ],
)
def test_value_word_away_from_the_name_states_nothing(text: str, key: str) -> None:
    assert key not in _facts(text)


@pytest.mark.parametrize(
    ("text", "encrypted", "plain"),
    [
        ("a queue and an encrypted bucket for invoices", "bucket.encryption", "queue.encryption"),
        ("eine Queue und ein verschlüsseltes SNS-Topic für Rechnungen", "topic.encryption", "queue.encryption"),
        ("a Postgres database and an encrypted S3 bucket", "bucket.encryption", "database.encryption"),
    ],
)
def test_adjective_qualifies_the_noun_it_opens(text: str, encrypted: str, plain: str) -> None:
    facts = _facts(text)
    assert facts.get(encrypted) is True
    assert plain not in facts


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("HIPAA scope: a MySQL database, encrypted, 20 GB", "database.encryption"),
        ("PCI DSS: un bucket S3 chiffré pour les reçus", "bucket.encryption"),
        ("PCI-DSS: ein verschlüsseltes SNS-Topic für Zahlungen", "topic.encryption"),
    ],
)
def test_encrypted_stays_stated_under_a_framework_key(text: str, key: str) -> None:
    assert _facts(text).get(key) is True


def test_framework_key_alone_states_no_encryption() -> None:
    # the framework encrypts the bucket with its key, but the request said nothing about it
    assert "bucket.encryption" not in _facts("HIPAA: a bucket for scans")


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # website hosting as the bucket's mode or in its compound name
        ("Please put the docs in an S3 bucket in website mode", "bucket.website", True),
        ("Un bucket S3 en mode site web pour la doc, derrière CloudFront", "bucket.website", True),
        ("Ein Bucket im Website-Modus für die Doku", "bucket.website", True),
        ("Azure CDN in front of the team's storage account static website", "bucket.website", True),
        # a rotation period after (or, in German, before) the verb
        ("un secreto de Secrets Manager que rote cada 45 días", "secret.rotation_interval", 45),
        ("un secret pour l'API qui tourne tous les 60 jours", "secret.rotation_interval", 60),
        ("ein Secret für die DB, das alle 30 Tage rotiert", "secret.rotation_interval", 30),
        # a name given by its label, or in a fragment after a comma
        ("a bucket for the build artifacts, name ci-artifacts-01", "bucket.name", "ci-artifacts-01"),
        ("Ein S3-Bucket für die Backups der Wiki-Seiten, namens wiki-backup-2", "bucket.name", "wiki-backup-2"),
        # key columns around the key's name
        ("a DynamoDB table partitioned by tenant_id", "table.partition_key", "tenant_id"),
        ("une table DynamoDB avec order_id comme clé de partition", "table.partition_key", "order_id"),
        ("eine DynamoDB-Tabelle mit ts als Sortierschlüssel", "table.sort_key", "ts"),
        # Event Hubs sized in throughput units: Kafka's brokers (the registry says so)
        ("Event Hubs namespace with Kafka endpoint, 3 throughput units", "kafka.brokers", 3),
        ("Event Hubs con endpoint Kafka y 2 unidades de rendimiento", "kafka.brokers", 2),
        # active/standby in each language
        ("un broker ActiveMQ en mode actif/veille", "broker.mode", "active_standby"),
        ("ActiveMQ-Broker, aktiv/passiv", "broker.mode", "active_standby"),
        # a size keyword shared by memory and storage goes where the value fits
        ("eine Container App mit 1 GB RAM, dazu eine MySQL-Datenbank (Flexible Server) mit 200 GB Speicher",
         "database.storage", 200),
        # binary units in French and as Kubernetes writes them
        ("un service Cloud Run avec 1 vCPU et 4 Gio", "service.memory", 4),
        ("a container app with 0.5 cpu and 2Gi", "service.memory", 2),
        ("Cloud Run, 1024Mi of memory", "service.memory", 1),
        # a unit said once for two durations, or a unit with no number after an "after" word
        ("a bucket for exports: archive after 60 days, delete after 400", "bucket.expire_after", 400),
        ("un bucket, archivado a los 30 días y borrado a los 180", "bucket.expire_after", 180),
        ("ein Bucket, Dateien nach einem Jahr löschen", "bucket.expire_after", 365),
        # a count range before an Azure size
        ("a scale set of 3-5 Standard_D4s_v5 VMs", "vm.count", "3..5"),
        # a switch's words hold their value word: "HTTPS only" is the CDN's switch, not a protocol
        ("CloudFront vor dem Load Balancer, nur HTTPS", "cdn.https_only", True),
        ("a CloudFront distribution in front of an ALB, HTTPS only", "cdn.https_only", True),
        # an adjective after a purpose phrase qualifies the noun the phrase is about
        ("an SNS topic for the billing alarms, encrypted", "topic.encryption", True),
        ("ein SNS-Topic für die Warnungen, unverschlüsselt", "topic.encryption", False),
        ("un bucket S3 para la función, sin versionado", "bucket.versioning", False),
        # a size nobody else can hold goes to the resource that can ("100 GB" is no Lambda's memory)
        ("a MariaDB instance (no deletion protection, 80 GB) plus a Python Lambda", "database.storage", 80),
        # high availability said as a mode
        ("Cloud SQL for MySQL 8.0 in HA mode", "database.multi_az", True),
        ("eine Postgres-Datenbank im HA-Modus", "database.multi_az", True),
        # the console's "log file validation" said with the files in each language
        ("un trail CloudTrail avec validation des fichiers journaux activée", "audit.log_validation", True),
        ("CloudTrail con validación de los archivos de registro", "audit.log_validation", True),
        ("CloudTrail mit Validierung der Log-Dateien", "audit.log_validation", True),
        # a value ending its sentence keeps no full stop
        ("A Fargate service that runs shop/api:4.1. Nothing else.", "service.image", "shop/api:4.1"),
    ],
)
def test_attribute_class(text: str, key: str, value: object) -> None:
    assert _facts(text).get(key) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a bucket for the static website, behind CloudFront", "bucket.website"),  # serves a site: nothing stated
        ("a Lambda that runs every 5 minutes, and a secret", "secret.rotation_interval"),
        ("a bucket; we will name it later", "bucket.name"),
        ("a DynamoDB table keyed on the customer", "table.partition_key"),
        ("A bucket and a queue. Private.", "bucket.public"),  # two nouns before: whose is it?
        ("a Lambda that retries after 3 attempts and a queue with 4 days retention", "function.timeout"),
        ("dos funciones y mi base de datos", "database.storage"),  # "mi" is a word, not a unit
    ],
)
def test_attribute_class_states_nothing(text: str, key: str) -> None:
    assert key not in _facts(text)


def test_noun_less_sentence_qualifies_the_only_resource_before_it() -> None:
    assert _facts("A Blob container for the scanned contracts. Private, please.").get("bucket.public") is False


def test_https_only_is_no_load_balancer_protocol() -> None:
    facts = _facts("a CloudFront distribution in front of an ALB, HTTPS only")
    assert "load_balancer.protocol" not in facts
    assert _facts("an HTTPS load balancer in front of two VMs").get("load_balancer.protocol") == "https"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # the off-word after the public thing's complement turns it off (never an inversion)
        ("an EKS cluster, public endpoint of the API disabled", "kubernetes.public"),
        ("un clúster AKS con el endpoint público de la API deshabilitado", "kubernetes.public"),
        ("un cluster AKS, endpoint public de l'API désactivé", "kubernetes.public"),
        ("a bucket for exports, public read of the objects disabled", "bucket.public"),
        ("un bucket S3 con el acceso público de los objetos deshabilitado", "bucket.public"),
    ],
)
def test_public_switched_off_past_a_complement(text: str, key: str) -> None:
    assert _facts(text).get(key) is False
