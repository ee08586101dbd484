"""Issue 14, resource precision: kind words that name a resource already named, turn one down,
or speak of another resource's machines create no resource of their own. Paraphrases written for
these tests (not corpus lines), one group per class, each with the requests that must still
create what they ask for."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> Counter[str]:
    return Counter(r.kind for r in translate(text).resources if r.from_text)


# ------------------------------------------------------------------ pointing back -----------------

@pytest.mark.parametrize("text, kinds", [
    ("We want a MariaDB database for invoices. That database keeps backups for 10 days.", {"database": 1}),
    ("Un bucket S3 para facturas; ese bucket debe ser privado.", {"bucket": 1}),
    ("Necesito una cola SQS y una Lambda. Dicha cola guarda mensajes 3 días.", {"queue": 1, "function": 1}),
    ("Une file SQS et un topic SNS. Cette file garde les messages 2 jours.", {"queue": 1, "topic": 1}),
    ("Ein Redis-Cache und eine Postgres-Datenbank. Diese Datenbank braucht 50 GB.",
     {"cache": 1, "database": 1}),
    ("A Redis cache next to a MySQL DB; the same DB is multi-AZ.", {"cache": 1, "database": 1}),
    ("Una base MySQL. La base mencionada necesita copias de 7 días.", {"database": 1}),
])
def test_a_kind_pointed_back_at_is_the_one_named(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A bucket for invoices and another bucket for receipts", {"bucket": 2}),
    ("Zwei Queues: eine für Bestellungen, eine für Zahlungen", {"queue": 2}),
    ("a database; this app also needs a second database for reports", {"database": 2}),
])
def test_new_mentions_still_make_new_resources(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A private bucket whose key rotates every year", {"bucket": 1}),
    ("an S3 bucket, encrypted, with its key rotated yearly", {"bucket": 1}),
    ("Un bucket chiffré, sa clé tourne chaque année", {"bucket": 1}),
    ("Ein Bucket, verschlüsselt mit seinem Schlüssel", {"bucket": 1}),
    # a key of its own, or one qualified, is asked for
    ("a bucket encrypted with its own key", {"bucket": 1, "key": 1}),
    ("a bucket encrypted with its KMS key", {"bucket": 1, "key": 1}),
    ("A KMS key, and a bucket encrypted with it", {"bucket": 1, "key": 1}),
])
def test_a_possessed_key_is_the_owners_setting(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ turned down -------------------

@pytest.mark.parametrize("text, kinds", [
    ("DynamoDB no, a MySQL database with 20 GB", {"database": 1}),
    ("Memcached: no. Only a Postgres database.", {"database": 1}),
    ("A MySQL database; a cache is not required", {"database": 1}),
    ("Una base PostgreSQL; la cola no hace falta", {"database": 1}),
    ("Un bucket S3, le CDN n'est pas nécessaire", {"bucket": 1}),
    ("Ein S3-Bucket, ein CDN ist nicht erforderlich", {"bucket": 1}),
    ("Eine Lambda-Funktion, DynamoDB nicht", {"function": 1}),
    ("We do not need a queue, only a topic", {"topic": 1}),
    ("No necesitamos una cola: solo un topic SNS", {"topic": 1}),
    ("Pas besoin d'une file, juste un topic SNS", {"topic": 1}),
    ("Rather than a Redis cache, use a bigger database", {"database": 1}),
    ("En vez de una cola, un topic SNS", {"topic": 1}),
    ("Au lieu d'un cache, une base MySQL", {"database": 1}),
    ("Anstatt einer Queue ein SNS-Topic", {"topic": 1}),
])
def test_a_resource_turned_down_is_not_created(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A database no larger than 100 GB", {"database": 1}),
    ("Redis nicht öffentlich, mit 2 Knoten", {"cache": 1}),
    ("a bucket, no public access", {"bucket": 1}),
])
def test_a_setting_turned_down_keeps_its_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ machines of a resource -------

@pytest.mark.parametrize("text, kinds, attr, value", [
    ("an OpenSearch domain that runs on 2 instances", {"search": 1}, "nodes", 2),
    ("a Spark ETL job running on 6 instances", {"etl_job": 1}, "workers", 6),
    ("un trabajo ETL de Glue sobre 4 instancias", {"etl_job": 1}, "workers", 4),
    ("Ein ETL-Job mit 7 Instanzen", {"etl_job": 1}, "workers", 7),
    ("an ElastiCache Redis cluster with 2 instances", {"cache": 1}, "nodes", 2),
    ("an EKS cluster with 5 worker nodes", {"kubernetes": 1}, "nodes", {"min": 5, "max": 5}),
    ("un clúster AKS con 2 nodos worker", {"kubernetes": 1}, "nodes", {"min": 2, "max": 2}),
    ("Ein Cloud-Run-Dienst mit 4 Instanzen", {"service": 1}, "replicas", {"min": 4, "max": 4}),
])
def test_machines_of_a_resource_are_not_vms(text: str, kinds: dict, attr: str, value: object) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter(kinds)
    r = next(r for r in spec.resources if r.from_text)
    assert r.attrs[attr] == value


@pytest.mark.parametrize("text, kinds", [
    ("a MySQL database that runs on 2 instances", {"database": 1}),
    ("An Aurora cluster with two instances", {"database": 1}),
    ("Ein Aurora-Cluster mit 2 Instanzen", {"database": 1}),
    ("Eine RDS-Instanz mit MySQL und ein S3-Bucket", {"database": 1, "bucket": 1}),
    # machines of their own stay VMs
    ("a Glue job and 3 EC2 instances", {"etl_job": 1, "vm": 1}),
    ("A Kubernetes cluster and 3 workers", {"kubernetes": 1, "service": 1}),
    ("Eine EC2-Instanz vom Typ t3.micro", {"vm": 1}),
])
def test_a_database_names_its_own_instances(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ words of something else ------

@pytest.mark.parametrize("text, kinds", [
    ("Eine VM, Login nur per SSH-Schlüssel", {"vm": 1}),
    ("Une VM, connexion avec une clé SSH", {"vm": 1}),
    ("Eine DynamoDB-Tabelle, Partitionsschlüssel tenant", {"table": 1}),
    ("a bucket with server access logging enabled", {"bucket": 1}),
    # a key asked for stays one
    ("Ein KMS-Schlüssel für die Datenbank", {"key": 1, "database": 1}),
])
def test_keys_and_logging_that_are_no_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A Twilio token as a secret in Secrets Manager", {"secret": 1}),
    ("Ein Passwort für Twilio im Secrets Manager", {"secret": 1}),
    ("Queue the signups in SQS", {"queue": 1}),
    # two of a kind stay two
    ("a bucket for logs and a bucket for images in the S3 console", {"bucket": 2}),
])
def test_where_a_resource_is_kept_is_that_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("An S3 bucket to hold EC2 snapshots", {"bucket": 1}),
    ("A bucket for nightly database dumps", {"bucket": 1}),
    ("Un bucket para las copias de seguridad de la base de datos", {"bucket": 1}),
    ("Un bucket pour les images des conteneurs", {"bucket": 1}),
    ("Ein Bucket für die Datenbank-Sicherungen", {"bucket": 1}),
    ("A Memcached cache for API responses", {"cache": 1}),
    # the resource named elsewhere is the one its artifacts belong to
    ("A MySQL database and a bucket for the database dumps", {"database": 1, "bucket": 1}),
    ("A Postgres database with database backups kept 9 days", {"database": 1}),
    # a kind's own product, or a version, is the resource itself
    ("Archive CloudTrail logs to a bucket for a year", {"audit": 1, "bucket": 1}),
    ("A Cloud Run service and a Memorystore Redis version 7.2", {"service": 1, "cache": 1}),
])
def test_what_a_resource_stores_is_not_a_resource(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ counted machines --------------

@pytest.mark.parametrize("text, kind, attr, value", [
    ("Four Valkey nodes for sessions", "cache", "nodes", 4),
    ("Zwei Memcached-Knoten", "cache", "nodes", 2),
    ("dos nodos Redis para sesiones", "cache", "nodes", 2),
    ("quatre nœuds OpenSearch", "search", "nodes", 4),
    ("Container-Dienst acme/api:2, mind. 2 max. 6 Instanzen", "service", "replicas", {"min": 2, "max": 6}),
])
def test_counted_machines_are_one_resource(text: str, kind: str, attr: str, value: object) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter({kind: 1})
    assert next(r for r in spec.resources if r.from_text).attrs[attr] == value


@pytest.mark.parametrize("text, kinds", [
    ("Two MariaDB instances", {"database": 2}),  # a database has no machines to count: two of them
    ("three Redis caches", {"cache": 3}),
    ("Postgres + ElastiCache Redis 3 nodes + bucket for exports", {"database": 1, "cache": 1, "bucket": 1}),
    ("Drei Buckets (roh, sauber, archiv)", {"bucket": 3}),
    ("Two queues (billing + billing-dlq) feeding a Lambda", {"queue": 2, "function": 1}),
    ("Zwei Queues, eine davon als Dead-Letter-Queue", {"queue": 2}),
    ("tres colas, una de ellas como cola de mensajes fallidos", {"queue": 3}),
    ("deux files SQS dont une file de lettres mortes", {"queue": 2}),
])
def test_counts_of_resources(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ no resource -------------------

@pytest.mark.parametrize("text, kinds", [
    ("Die Routing-Tabelle bleibt, nur ein S3-Bucket", {"bucket": 1}),
    ("Une base MySQL ; l'audit SOC 2 arrive en mars", {"database": 1}),
    ("A Postgres database before our HIPAA audit", {"database": 1}),
    ("a Lambda which caches tokens locally", {"function": 1}),
    ("an AKS cluster with secrets encryption enabled", {"kubernetes": 1}),
    ("deux VMs derrière un ALB, monitoring détaillé activé", {"vm": 1, "load_balancer": 1}),
    ("un clúster EKS con el endpoint de la API privado", {"kubernetes": 1}),
    # still asked for
    ("an audit trail for SOC 2", {"audit": 1}),
    ("a Redis cache that caches sessions", {"cache": 1}),
])
def test_words_of_something_else(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("azurerm_storage_account with 200 GB", {"bucket": 1}),
    ("aws_ebs_volume of 50 GB", {"volume": 1}),
    ("azurerm_linux_virtual_machine Standard_B1s", {"vm": 1}),
    ("google_sql_database_instance on postgres", {"database": 1}),
])
def test_terraform_resource_types_are_their_kinds(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


# ------------------------------------------------------------------ someone else's ----------------

@pytest.mark.parametrize("text, kinds", [
    ("A SageMaker endpoint on ml.m5.large; the container downloads the model at boot", {"model_endpoint": 1}),
    ("Un endpoint SageMaker ; el contenedor descarga el modelo al arrancar", {"model_endpoint": 1}),
    ("A bucket and a Lambda that posts to an external API", {"bucket": 1, "function": 1}),
    ("Une fonction Lambda qui appelle une API externe", {"function": 1}),
    ("Un broker RabbitMQ y una cola para el backend", {"broker": 1, "queue": 1}),
    ("Un bucket S3 pour le frontend", {"bucket": 1}),
    ("Die API-Antworten an der Edge zwischenspeichern: CloudFront vor einem ALB", {"cdn": 1, "load_balancer": 1}),
    # what is asked for stays
    ("A SageMaker endpoint and a container service for the UI", {"model_endpoint": 1, "service": 1}),
    ("An external load balancer in front of 2 VMs", {"load_balancer": 1, "vm": 1}),
    ("a backend on Fargate and a Postgres database", {"service": 1, "database": 1}),
])
def test_what_another_resource_serves_or_calls(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Ein Lastverteiler vor dem Upload-Bucket, Bucket mit Versionierung.", {"load_balancer": 1, "bucket": 1}),
    ("a Postgres database and a cache; database: 40 GB", {"database": 1, "cache": 1}),
    ("Una cola SQS y una Lambda, cola con retención de 2 días", {"queue": 1, "function": 1}),
    # a bare word that opens a new item with its own article or count is new
    ("A bucket for logs, and a bucket with versioning for assets", {"bucket": 2}),
])
def test_a_bare_word_going_on_is_the_one_named(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Three queues and a topic that publishes to all queues", {"queue": 3, "topic": 1}),
    ("Zwei Buckets; beide Buckets versioniert", {"bucket": 2}),
    ("Dos colas y una Lambda que lee de ambas colas", {"queue": 2, "function": 1}),
    ("Deux files et un topic SNS qui publie vers les deux files", {"queue": 2, "topic": 1}),
    ("Ein Lastverteiler vor vier Servern", {"load_balancer": 1, "vm": 1}),
])
def test_quantifiers_point_back(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, replicas", [
    ("A container service with 4 containers", {"min": 4, "max": 4}),
    ("Un servicio Fargate con 2 contenedores", {"min": 2, "max": 2}),
    ("Un service ECS avec 5 conteneurs", {"min": 5, "max": 5}),
    ("Ein Fargate-Service mit 6 Containern", {"min": 6, "max": 6}),
])
def test_containers_of_a_service_are_its_replicas(text: str, replicas: dict) -> None:
    spec = translate(text)
    assert _kinds(text) == Counter({"service": 1})
    assert next(r for r in spec.resources if r.from_text).attrs["replicas"] == replicas


@pytest.mark.parametrize("text, kinds", [
    ("A FIFO queue and its dead-letter queue", {"queue": 2}),
    ("Una cola SQS y su DLQ", {"queue": 2}),
    ("Une file SQS et sa file de lettres mortes", {"queue": 2}),
])
def test_a_possessed_resource_of_the_same_kind_is_another(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("An S3 bucket with server-side encryption (SSE-S3)", {"bucket": 1}),
    ("Un bucket con cifrado del lado del servidor", {"bucket": 1}),
    ("Un bucket avec chiffrement côté serveur", {"bucket": 1}),
    ("An MSK cluster with 4 topics for the event bus", {"kafka": 1}),
    ("Ein Kafka-Cluster mit zwei Topics", {"kafka": 1}),
    # an SNS topic of its own stays one
    ("A Kafka cluster and an SNS topic for alerts", {"kafka": 1, "topic": 1}),
])
def test_parts_of_a_resource_are_not_resources(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A Lambda; the Mailgun API key is kept as a secret", {"function": 1, "secret": 1}),
    ("Das Root-Passwort als Secret", {"secret": 1}),
    ("A secret containing the MySQL root password", {"secret": 1}),
    ("Ein Secret für das Root-Passwort der Datenbank", {"secret": 1}),
    ("A MariaDB database and a secret with its master password", {"database": 1, "secret": 1}),
    # a dead-letter queue is never the queue it serves
    ("A queue, with the dead-letter queue after 4 receives", {"queue": 2}),
    ("A bucket in the EU and a bucket in the US", {"bucket": 2}),
])
def test_a_secret_and_what_it_holds_are_one(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("Un contenedor de almacenamiento para las facturas", {"bucket": 1}),
    ("Un conteneur de stockage pour les archives", {"bucket": 1}),
    ("Ein Speicher-Container für Archive", {"bucket": 1}),
    ("MySQL (3 instances) and a queue", {"database": 1, "queue": 1}),
    ("Memcached with three cache nodes", {"cache": 1}),
    ("AKS with 4 VMs as nodes", {"kubernetes": 1}),
    ("Ein Kubernetes-Cluster auf 5 VMs", {"kubernetes": 1}),
    # VMs of their own next to a cluster
    ("An EKS cluster and 3 EC2 instances for the legacy app", {"kubernetes": 1, "vm": 1}),
])
def test_storage_containers_and_machines(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


@pytest.mark.parametrize("text, kinds", [
    ("A bucket called clickstream-raw-bucket", {"bucket": 1}),
    ("A Lambda named resize_images_lambda and a queue", {"function": 1, "queue": 1}),
    ("A MariaDB database billing-db plus a MySQL database audit-db", {"database": 2}),
    ("Wir betreiben bereits eine Postgres-Datenbank; dazu ein Redis-Cache", {"cache": 1}),
    ("We already operate a MySQL database, add a bucket", {"bucket": 1}),
    ("Nous utilisons déjà une base PostgreSQL, il faut un cache Redis", {"cache": 1}),
])
def test_names_and_resources_we_already_run(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_an_engine_glued_to_its_word_keeps_the_engine() -> None:
    spec = translate("a mysql-db for orders")
    assert [(r.kind, r.variant) for r in spec.resources if r.from_text] == [("database", "mysql")]


@pytest.mark.parametrize("text, kinds", [
    ("A topic for each microservice", {"topic": 1}),
    ("Une file par microservice", {"queue": 1}),
    ("Eine Queue für jeden Microservice", {"queue": 1}),
    ("Una cola por microservicio", {"queue": 1}),
    # "por"/"par" before an article is "by": what it names is asked for
    ("Une file alimentée par une Lambda", {"queue": 1, "function": 1}),
    ("Un bucket leído por una función Lambda", {"bucket": 1, "function": 1}),
    ("Una API con 3 réplicas detrás de un balanceador", {"service": 1, "load_balancer": 1}),
    ("Ein Loadbalancer vor zwei VMs", {"load_balancer": 1, "vm": 1}),
])
def test_per_each_and_balancers(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_one_named_server_states_no_node_count() -> None:
    spec = translate("Ein Redis-Server für Sessions")
    assert [r.attrs.get("nodes") for r in spec.resources if r.from_text] == [None]


@pytest.mark.parametrize("text, kinds", [
    ("ec2 t3.small x2 behind nlb", {"vm": 1, "load_balancer": 1}),
    ("lambda + apigw + dynamodb", {"function": 1, "api_gateway": 1, "table": 1}),
])
def test_terse_lists(text: str, kinds: dict) -> None:
    assert _kinds(text) == Counter(kinds)


def test_a_resource_named_again_keeps_what_its_words_state() -> None:
    spec = translate("Deux volumes de 50 Go pour la machine virtuelle c6i.large")
    vms = [r for r in spec.resources if r.kind == "vm"]
    assert len(vms) == 1 and vms[0].attrs.get("instance") == "c6i.large"
