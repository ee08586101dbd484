"""Attributes read from requests, per class of phrasing (issue 14): numbers written as words, units in
every spelling, a duration attached to the keyword of its own clause, settings across "and",
switches by name, names, images, copies, versions, instance types, enum codes. Each sentence is
our own paraphrase in one of the four languages; negatives check nothing is guessed."""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy.nl.numbers import size_in_gb, with_digits
from autodeploy.nl.offline import translate


def _stated(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {k: got.get(k) for k in expect} == expect


def _attrs(text: str, kind: str) -> dict[str, Any]:
    spec = translate(text)
    found = [r for r in spec.resources if r.kind == kind and r.from_text]
    assert found, f"no {kind} in {[r.kind for r in spec.resources]}"
    r = found[0]
    return {a: r.attrs[a] for a in r.stated_attrs if a in r.attrs}


@pytest.mark.parametrize(
    "text,expect",
    [
        ("seventeen days", "17"),
        ("veintitres dias", "23"),
        ("quatre-vingt-dix jours", "90"),
        ("soixante-quinze jours", "75"),
        ("dreiundvierzig tage", "43"),
        ("three hundred and twelve gb", "312"),
        ("dos mil quinientos dolares", "2500"),
        ("cuarenta y cinco minutos", "45"),
    ],
)
def test_number_words_before_a_unit_become_digits(text: str, expect: str) -> None:
    out = with_digits(text)
    assert len(out) == len(text)
    assert out.split()[0] == expect


@pytest.mark.parametrize(
    "text",
    ["once upon a time", "sept personnes", "dos equipos", "one to many", "between twenty and thirty people"],
)
def test_number_words_that_count_no_unit_stay_words(text: str) -> None:
    assert with_digits(text) == text


def test_two_numbers_joined_by_and_stay_two() -> None:
    assert with_digits("between twenty and thirty replicas").split() == ["between", "20", "and", "30", "replicas"]


@pytest.mark.parametrize("unit,gb", [("Go", 1), ("gigaoctets", 1), ("TiB", 1024), ("To", 1024), ("Mo", 1 / 1024),
                                     ("terabytes", 1024), ("megas", 1 / 1024)])
def test_size_units_in_every_spelling(unit: str, gb: float) -> None:
    assert size_in_gb(unit) == gb


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("A MariaDB database keeping its backups for three weeks", "database", {"backup": 21}),
        ("Una base de datos MySQL con respaldos de veinte días", "database", {"backup": 20}),
        ("Une base MySQL dont les sauvegardes durent douze jours", "database", {"backup": 12}),
        ("Eine MariaDB-Datenbank, Sicherungen von neun Tagen", "database", {"backup": 9}),
        ("A message queue holding messages for six days", "queue", {"retention": 6}),
        ("Una función Lambda con un tiempo límite de cuarenta segundos", "function", {"timeout": 40}),
        ("Une fonction Lambda avec un délai d'attente de 3 minutes", "function", {"timeout": 180}),
        ("Eine Lambda-Funktion mit einer Zeitüberschreitung von 20 Sekunden", "function", {"timeout": 20}),
        ("A Glue job with a timeout of half an hour", "etl_job", {"timeout": 1800}),
        ("A Postgres database of 60 gigabytes", "database", {"storage": 60}),
        ("Une base PostgreSQL de 2 To", "database", {"storage": 2048}),
        ("Eine PostgreSQL-Datenbank mit einer Backup-Aufbewahrung von 10 Tagen", "database", {"backup": 10}),
        ("A MySQL database with a retention of 12 days", "database", {"backup": 12}),
    ],
)
def test_durations_and_sizes(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


def test_a_duration_goes_to_the_keyword_of_its_own_clause() -> None:
    spec = translate("Una cola con mensajes retenidos 3 días y una base de datos MySQL con copias de seguridad "
                     "de 9 días")
    db = next(r for r in spec.resources if r.kind == "database")
    queue = next(r for r in spec.resources if r.kind == "queue")
    assert db.attrs.get("backup") == 9 and queue.attrs.get("retention") == 3


def test_a_key_rotated_every_n_days_states_rotation_and_reports_the_period() -> None:
    spec = translate("A KMS key that is rotated every 180 days")
    key = next(r for r in spec.resources if r.kind == "key")
    assert key.attrs.get("rotation") is True and "rotation" in key.stated_attrs
    assert any("180 days" in x for x in spec.not_understood)


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        # a setting after "and"/"y"/"et"/"und" qualifies the noun the phrase is about
        ("Un bucket S3 con cifrado y no público", "bucket", {"public": False}),
        ("Un bucket S3 sans versionnage et public", "bucket", {"versioning": False, "public": True}),
        # auxiliaries between the negation and the setting
        ("La base MariaDB no tiene que ser pública", "database", {"public": False}),
        ("The Postgres database should not ever be public", "database", {"public": False}),
        # a phrase naming public access, wherever it stands
        ("Une base PostgreSQL. Pas d'accès public.", "database", {"public": False}),
        ("Eine MySQL-Datenbank, kein öffentlicher Zugriff", "database", {"public": False}),
        ("A Postgres database with public access disabled", "database", {"public": False}),
        # a coordinated pair with a plural negation after it
        ("Un cache Redis, TLS y auth deshabilitados", "cache", {"tls": False, "auth": False}),
        # any on/off switch of the schema, by its name in four languages
        ("A Lambda function without X-Ray tracing", "function", {"tracing": False}),
        ("Una función Lambda sin trazas", "function", {"tracing": False}),
        ("Ein CloudTrail-Trail über alle Regionen", "audit", {"multi_region": True}),
        ("A DynamoDB table with point-in-time recovery", "table", {"pitr": True}),
        ("Un répartiteur de charge public sans WAF", "load_balancer", {"waf": False}),
    ],
)
def test_switches_and_polarity(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


def test_a_vague_switch_word_is_not_read_as_on() -> None:
    # "logs" names a bucket's content here, not the database's logging switch
    assert "logs" not in _attrs("A Postgres database and a bucket for logs", "database")


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("A DynamoDB table 'orders-v2' on demand", "table", {"name": "orders-v2"}),
        ("Une file SQS « factures » standard", "queue", {"name": "factures"}),
        ("A DynamoDB table with partition key tenant_id and sort key created", "table",
         {"partition_key": "tenant_id", "sort_key": "created"}),
        ("Una tabla DynamoDB, clave de partición cliente_id", "table", {"partition_key": "cliente_id"}),
        ("A container service running quay.io/team/shop:2.4 with 3 tasks", "service",
         {"image": "quay.io/team/shop:2.4", "replicas": {"min": 3, "max": 3}}),
        ("Un servicio de contenedores, entre 2 y 5 tareas, imagen repo.example.org/app:9", "service",
         {"replicas": {"min": 2, "max": 5}, "image": "repo.example.org/app:9"}),
        ("A monitor on the queue with alerts to team@example.org", "monitor", {"email": "team@example.org"}),
        ("A secret of 40 characters", "secret", {"length": 40}),
        ("Une clé KMS avec une fenêtre de suppression de 10 jours", "key", {"deletion_window": 10}),
        ("A Redis 7.0 cache", "cache", {"version": "7.0"}),
        ("An Amazon MQ RabbitMQ 3.13 broker on mq.m5.large", "broker", {"version": "3.13", "instance": "mq.m5.large"}),
        ("An MSK cluster, Kafka 3.7, with 3 brokers of type kafka.m7g.large", "kafka",
         {"version": "3.7.x", "brokers": 3, "instance": "kafka.m7g.large"}),
        ("An internal NLB on TCP", "load_balancer", {"type": "network", "protocol": "tcp"}),
        ("An HTTP API Gateway with IAM auth", "api_gateway", {"type": "http", "auth": "iam"}),
    ],
)
def test_names_values_and_codes(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


def test_a_plain_lowercase_word_is_not_an_enum_code() -> None:
    # "tcp" written in lower case inside prose, "http" in a URL: no protocol stated
    got = _attrs("A load balancer for the app; see http docs later", "load_balancer")
    assert "protocol" not in got


def test_a_kafka_count_that_needs_three_zones_compiles_with_them() -> None:
    spec = translate("An MSK cluster with three brokers")
    kafka = next(r for r in spec.resources if r.kind == "kafka")
    net = next(r for r in spec.resources if r.kind == "network")
    assert kafka.attrs.get("brokers") == 3 and net.attrs.get("zones") == 3


def test_a_code_followed_by_a_version_is_not_the_shorter_code() -> None:
    # "TLSv1.2" must never read as the weaker enum value "TLSv1"
    assert _attrs("A CloudFront CDN requiring TLSv1.2 at minimum", "cdn").get("min_tls") != "TLSv1"


def test_managed_service_sizes_and_rates() -> None:
    _stated("An EFS file system with 300 MiB/s of provisioned throughput and One Zone storage", "file_system",
            {"throughput": 300, "one_zone": True})
    _stated("A Glue 4.0 job with 4 G.1X workers", "etl_job", {"glue_version": "4.0", "worker_type": "G.1X"})
    _stated("Una tabla DynamoDB con 30 de lectura y 15 de escritura", "table",
            {"read_capacity": 30, "write_capacity": 15})


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("Una base MySQL con protección contra la eliminación", "database", {"deletion_protection": True}),
        ("Des sauvegardes gardées une semaine pour une base MariaDB", "database", {"backup": 7}),
        ("Eine hochverfügbare PostgreSQL-Datenbank", "database", {"multi_az": True}),
        ("A MySQL database of 300 gigs", "database", {"storage": 300}),
        ("A standard queue with a 45-second visibility timeout", "queue", {"visibility_timeout": 45, "fifo": False}),
        ("Una tabla DynamoDB con facturación bajo demanda", "table", {"billing": "on_demand"}),
        ("A VPC with 2 public subnets and 3 private", "network", {"public_subnets": 2, "private_subnets": 3}),
        ("Una VPC sin NAT gateway", "network", {"nat_gateways": 0}),
    ],
)
def test_more_phrasings(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


def test_schedules_and_times_of_day() -> None:
    _stated("Un job Glue tous les jours à 4h", "etl_job", {"schedule": "cron(0 4 * * ? *)"})
    spec = translate("Un job Glue tous les jours à 4h")
    assert not any("duration" in x for x in spec.not_understood)  # "à 4h" is a time of day


def test_own_negative_words_and_product_names() -> None:
    _stated("An unversioned bucket", "bucket", {"versioning": False})
    _stated("Un bucket S3 non versionné", "bucket", {"versioning": False})
    _stated("A serverless MSK cluster", "kafka", {"serverless": True})
    _stated("A 3-node Redis cache", "cache", {"nodes": 3})
