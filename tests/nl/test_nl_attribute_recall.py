"""Attribute and deployment recall, per class of phrasing (issue 14): misspelt attribute words and
German umlauts written out, negations placed after their setting, an attribute's own name freed from
a weak kind word ("Glue ... 12 workers"), German compounds and inflections of attribute names,
ports without the word "port", the retention of a resource's own logs, rates, budgets per hour or
per year, values after a colon or a closed parenthesis. Every sentence is our own paraphrase, in all
four languages; the negatives check that nothing is guessed and nothing is inverted."""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy.nl import attr_spelling, budget_period
from autodeploy.nl.offline import translate


def _attrs(text: str, kind: str) -> dict[str, Any]:
    spec = translate(text)
    found = [r for r in spec.resources if r.kind == kind and r.from_text]
    assert found, f"no {kind} in {[r.kind for r in spec.resources]}"
    return {a: found[0].attrs[a] for a in found[0].stated_attrs if a in found[0].attrs}


def _stated(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {k: got.get(k) for k in expect} == expect, got


# ---------------------------------------------------------------- spelling --------------------------

@pytest.mark.parametrize(
    "word,meant",
    [
        ("encyrption", "encryption"),  # two neighbours swapped
        ("versoining", "versioning"),
        ("cifarda", "cifrada"),
        ("verschluesselte", "verschlusselte"),  # umlaut written out
        ("Loeschschutz", "loschschutz"),
        ("oeffentliche", "offentliche"),
        ("Hochverfuegbarkeit", "hochverfugbarkeit"),
    ],
)
def test_misspelt_attribute_words_are_read_as_meant(word: str, meant: str) -> None:
    assert attr_spelling.meant(word) == meant


@pytest.mark.parametrize(
    "word",
    [
        "replica",  # another form of a known word, not a typo
        "handled",  # differs from "handler" only in its last letter
        "registry",
        "capacité",  # another language's word
        "queue",  # a known word containing "ue"
        "Steuer",  # "ue" in a word the vocabulary does not know
        "retained",
        "speichern",  # an inflected known word
        "blue",
    ],
)
def test_real_words_are_not_corrected(word: str) -> None:
    assert attr_spelling.meant(word) is None


def test_corrected_leaves_names_paths_and_images_alone() -> None:
    text = "image ghcr.io/acme/encyrption:2 and s3://versoining/x plus encyrption"
    assert attr_spelling.corrected(text) == "image ghcr.io/acme/encyrption:2 and s3://versoining/x plus encryption"


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("an S3 bucket with encyrption and versoining", "bucket", {"encryption": True, "versioning": True}),
        ("una base de datos MySQL cifarda", "database", {"encryption": True}),
        ("eine Postgres-Datenbank, verschluesselt und mit Loeschschutz", "database",
         {"encryption": True, "deletion_protection": True}),
        ("ein Speicher-Bucket, nicht oeffentlich", "bucket", {"public": False}),
    ],
)
def test_misspelt_settings_set_their_attribute(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


# ---------------------------------------------------------------- polarity --------------------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("MySQL-Datenbank, Löschschutz brauchen wir keinen", "database", {"deletion_protection": False}),
        ("Postgres-Datenbank; Multi-AZ brauchen wir vorerst nicht", "database", {"multi_az": False}),
        ("ein Bucket, Versionierung ebenfalls aus", "bucket", {"versioning": False}),
        ("eine MariaDB, öffentlich erreichbar auf keinen Fall", "database", {"public": False}),
        ("ein Bucket mit keinerlei öffentlichem Zugriff", "bucket", {"public": False}),
        ("Speicher-Bucket mit deaktivierten Zugriffslogs", "bucket", {"access_logs": False}),
        ("ein Bucket; Versionierung abschalten", "bucket", {"versioning": False}),
        ("an Azure AI Search service, public endpoint off", "search", {"public": False}),
        ("a Postgres database, deletion protection is not needed", "database", {"deletion_protection": False}),
        ("una base MySQL, el Multi-AZ no hace falta", "database", {"multi_az": False}),
        # an on-word before a vague switch turns it on
        ("ein EKS-Cluster mit eingeschalteten Logs", "kubernetes", {"logs": True}),
        ("un Redis con autenticación activada", "cache", {"auth": True}),
        ("a CloudFront distribution with enabled logging", "cdn", {"logging": True}),
    ],
)
def test_negations_after_the_setting_and_on_words_before_it(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text,kind,attr",
    [
        ("ein Bucket, Verschlüsselung bitte nicht vergessen", "bucket", "encryption"),  # a reminder, not a negation
        ("ein Bucket; Versionierung nicht abschalten", "bucket", "versioning"),
    ],
)
def test_a_negation_that_does_not_end_the_clause_turns_nothing_off(text: str, kind: str, attr: str) -> None:
    assert _attrs(text, kind).get(attr) is not False


# ---------------------------------------------------------------- names of attributes ---------------

@pytest.mark.parametrize(
    "text,expect",
    [
        ("a nightly Glue job running on 12 workers", {"workers": 12}),
        ("trabajo Glue con 7 workers", {"workers": 7}),
        ("un job Glue, 4 workers G.1X", {"workers": 4, "worker_type": "G.1X"}),
        ("Glue-Job mit 6 Workern", {"workers": 6}),
        ("Glue job, workers: 9", {"workers": 9}),
    ],
)
def test_workers_of_a_glue_job(text: str, expect: dict[str, Any]) -> None:
    _stated(text, "etl_job", expect)


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("SQS-Warteschlange mit einer Sichtbarkeitszeit von 45 Sekunden", "queue", {"visibility_timeout": 45}),
        ("Warteschlange mit höchstens 4 Zustellversuchen", "queue", {"max_receives": 4}),
        ("Lambda-Funktion mit 25 gleichzeitigen Ausführungen", "function", {"concurrency": 25}),
        ("a Lambda allowing 40 concurrent executions", "function", {"concurrency": 40}),
        ("una Lambda con 15 ejecuciones concurrentes", "function", {"concurrency": 15}),
        ("une Lambda limitée à 30 exécutions simultanées", "function", {"concurrency": 30}),
        ("OpenSearch-Domäne mit 5 dedizierten Master-Knoten", "search", {"masters": 5}),
        ("CloudFront-Verteilung mit Preisklasse 200", "cdn", {"price_class": "PriceClass_200"}),
        ("distribution CloudFront en classe de prix All", "cdn", {"price_class": "PriceClass_All"}),
    ],
)
def test_german_compounds_inflections_and_synonyms(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text,expect",
    [
        ("REST API Gateway rate limited to 80 rps", {"throttle": 80}),
        ("API Gateway mit Drosselung auf 75 Anfragen pro Sekunde", {"throttle": 75}),
        ("API Gateway HTTP, limitado a 60 peticiones por segundo", {"throttle": 60}),
        ("API Gateway REST avec throttling à 25 requêtes/s", {"throttle": 25}),
    ],
)
def test_a_rate_limit_is_the_gateway_throttle(text: str, expect: dict[str, Any]) -> None:
    _stated(text, "api_gateway", expect)


# ---------------------------------------------------------------- ports -----------------------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("an internet-facing ALB, HTTPS on 8443", "load_balancer", {"port": 8443}),
        ("a network load balancer on TCP 6379", "load_balancer", {"port": 6379}),
        ("ein NLB, UDP auf 5353", "load_balancer", {"port": 5353}),
        ("an ALB on 8080 in front of the API", "load_balancer", {"port": 8080}),
        ("un balanceador de carga NLB, TCP en 2049", "load_balancer", {"port": 2049}),
        ("un service conteneurisé (image registry.example.org/app:3.1) qui écoute sur 9090, derrière un NLB",
         "service", {"port": 9090}),
    ],
)
def test_ports_said_without_the_word_port(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text",
    ["a load balancer on 50 GB of logs", "an ALB on 2 zones", "a load balancer, HTTP/2 enabled"],
)
def test_numbers_that_are_no_port(text: str) -> None:
    assert "port" not in _attrs(text, "load_balancer")


# ---------------------------------------------------------------- durations of logs -----------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("a VPC whose flow logs are retained for 120 days", "network", {"flow_log_retention": 120}),
        ("VPC, Flow Logs 60 Tage aufbewahren", "network", {"flow_log_retention": 60}),
        ("VPC con registros de flujo guardados 45 días", "network", {"flow_log_retention": 45}),
        ("un VPC, journaux de flux conservés 2 ans", "network", {"flow_log_retention": 730}),
        ("HTTP API Gateway, access logs kept 14 days", "api_gateway", {"log_retention": 14}),
        ("REST-API-Gateway, Zugriffslogs 180 Tage behalten", "api_gateway", {"log_retention": 180}),
        ("un trail CloudTrail conservé 1 an", "audit", {"retention": 365}),
    ],
)
def test_a_duration_after_log_words_keeps_those_logs(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


def test_log_words_of_a_kind_without_their_retention_take_no_duration() -> None:
    # a load balancer has access logs but no days attribute for them: the duration stays unplaced
    spec = translate("an ALB with access logs, 30 days")
    lb = next(r for r in spec.resources if r.kind == "load_balancer")
    assert not any(a.endswith("retention") for a in lb.stated_attrs)


# ---------------------------------------------------------------- placement -------------------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("RabbitMQ broker (Amazon MQ) in single-instance mode, not public", "broker", {"public": False}),
        ("OpenSearch-Domäne: 2 Datenknoten, je 50 GB, nicht öffentlich", "search", {"public": False}),
        ("AKS-Cluster mit 4 Knoten der Größe Standard_D8s_v5", "kubernetes", {"node_instance": "Standard_D8s_v5"}),
        ("clúster AKS con entre 2 y 5 nodos Standard_D2s_v5", "kubernetes", {"node_instance": "Standard_D2s_v5"}),
    ],
)
def test_values_after_a_parenthesis_a_colon_or_node_words(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


# ---------------------------------------------------------------- budgets ---------------------------

@pytest.mark.parametrize(
    "text,budget",
    [
        ("a Postgres database; spend at most 2 USD per hour", 1460),
        ("una cola SQS, presupuesto: no más de 0,20 dólares la hora", 146),
        ("une file SQS, budget annuel de 2 400 $", 200),
        ("ein Bucket, Jahresbudget 3600 USD", 300),
        ("a bucket, budget 10 dollars a day", 300),
        ("a bucket, under $250 a month", 250),
    ],
)
def test_budgets_per_hour_day_or_year_are_monthly(text: str, budget: float) -> None:
    assert translate(text).deployment.get("budget") == budget


@pytest.mark.parametrize(
    "text",
    [
        "un bucket, sans dépasser 200 dollars canadiens par mois",  # not US dollars
        "a bucket under 300 Australian dollars a month",
    ],
)
def test_foreign_dollars_are_no_budget(text: str) -> None:
    assert "budget" not in translate(text).deployment


def test_an_hourly_job_does_not_make_a_budget_hourly() -> None:
    assert translate("an hourly Lambda and a bucket, budget of $300").deployment.get("budget") == 300
    assert budget_period.per_month("budget 300 usd", 7, 14) == 1.0


# ---------------------------------------------------------------- tiers, logs, compounds ------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("Azure Cache for Redis on the P1 tier", "cache", {"instance": "P1"}),
        ("Azure AI Search, SKU standard3", "search", {"instance": "standard3"}),
        ("Azure AI Search im Tier basic", "search", {"instance": "basic"}),
        ("servicio Azure AI Search, nivel standard", "search", {"instance": "standard"}),
    ],
)
def test_a_tier_by_name_is_the_instance(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text", ["an OpenSearch domain within the free tier", "an Azure AI Search, a higher tier later"]
)
def test_words_describing_a_tier_are_no_value(text: str) -> None:
    assert "instance" not in _attrs(text, "search")


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("an RDS MySQL database with its logs exported", "database", {"logs": True}),
        ("base DocumentDB, journaux exportés", "document_db", {"logs": True}),
        ("Glue-Job, Logs bitte nicht exportieren", "etl_job", {"logs": False}),
        ("ein AKS-Cluster, RBAC bitte nicht deaktivieren", "kubernetes", {"rbac": True}),
        ("Fargate-Dienst, die Logs bitte nicht abschalten", "service", {"logs": True}),
        ("ein SageMaker-Endpunkt, Netzwerkisolation bleibt an", "model_endpoint", {"isolation": True}),
        ("EKS-Cluster, Control-Plane-Logs abgeschaltet", "kubernetes", {"logs": False}),
        ("distribution CloudFront sans journalisation", "cdn", {"logging": False}),
    ],
)
def test_log_switches_in_their_usual_words(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("eine 300-GB-MySQL-Datenbank mit 21-tägigen Sicherungen", "database", {"storage": 300, "backup": 21}),
        ("eine Lambda mit 1024-MB-Arbeitsspeicher", "function", {"memory": 1}),
        ("ein Bucket mit 60-tägiger Aufbewahrung", "bucket", {"retention": 60}),
        ("eine SQS-Queue mit 2-stündiger Sichtbarkeit", "queue", {"visibility_timeout": 7200}),
        ("ein ECS-Dienst, der zwischen drei und neun Instanzen skaliert", "service",
         {"replicas": {"min": 3, "max": 9}}),
        ("EKS-Cluster mit zwei bis sechs Knoten", "kubernetes", {"nodes": {"min": 2, "max": 6}}),
        ("eine Postgres-Datenbank, öffentlich nicht erreichbar", "database", {"public": False}),
    ],
)
def test_german_values_inside_compounds_and_spelled_ranges(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


# ---------------------------------------------------------------- counts and capacities -------------

@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("ein AKS-Cluster, Knotenanzahl 5", "kubernetes", {"nodes": {"min": 5, "max": 5}}),
        ("EKS-Cluster; Anzahl der Knoten: 2", "kubernetes", {"nodes": {"min": 2, "max": 2}}),
        ("Fargate-Dienst, Anzahl Replikate = 4", "service", {"replicas": {"min": 4, "max": 4}}),
        ("un servicio Cloud Run con número de réplicas 6", "service", {"replicas": {"min": 6, "max": 6}}),
        ("un service Cloud Run, nombre de réplicas : 2", "service", {"replicas": {"min": 2, "max": 2}}),
        ("an ECS service, number of tasks = 7", "service", {"replicas": {"min": 7, "max": 7}}),
        ("an SQS queue, max receive count 6", "queue", {"max_receives": 6}),  # a name of its own
    ],
)
def test_a_count_named_before_its_number(text: str, kind: str, expect: dict[str, Any]) -> None:
    _stated(text, kind, expect)


@pytest.mark.parametrize(
    "text,expect",
    [
        ("DynamoDB-Tabelle mit 8 Lese- und 4 Schreibeinheiten", {"read_capacity": 8, "write_capacity": 4}),
        ("DynamoDB-Tabelle, bereitgestellte Kapazität (12 Lese-, 6 Schreibeinheiten)",
         {"billing": "provisioned", "read_capacity": 12, "write_capacity": 6}),
        ("tabla DynamoDB con capacidad de lectura 30 y de escritura 15", {"read_capacity": 30, "write_capacity": 15}),
        ("table DynamoDB en capacité provisionnée, lecture 40, écriture 8", {"read_capacity": 40, "write_capacity": 8}),
    ],
)
def test_capacities_with_the_second_noun_elided(text: str, expect: dict[str, Any]) -> None:
    _stated(text, "table", expect)


def test_a_verb_read_is_no_capacity() -> None:
    assert "read_capacity" not in _attrs("a DynamoDB table on demand and a Lambda that reads 20 items", "table")


def test_typos_with_several_spellings_of_one_attribute_are_read() -> None:
    # "rotaion" is one edit from "rotation" and from Spanish "rotacion": one attribute, not an ambiguity
    assert attr_spelling.meant("Rotaion") == "rotacion"
    _stated("ein Secret mit Rotaion alle 45 Tage", "secret", {"rotation_interval": 45})
