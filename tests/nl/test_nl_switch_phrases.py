"""On/off settings phrased besides "X on"/"X disabled" (issue 14): a vague switch named after a
with-word ("cache with auth"), the setting as a verb whose subject is the resource just before it
("a secret that rotates"), words of a complement between the setting and its negation ("logs of the
control plane off"), and "logging" for a kind whose switch is `logs`. Our own paraphrases in four
languages; the negatives check that nothing is guessed and nothing is inverted."""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy.nl.offline import translate


def _attrs(text: str, kind: str) -> dict[str, Any]:
    spec = translate(text)
    found = [r for r in spec.resources if r.kind == kind and r.from_text]
    assert found, f"no {kind} in {[r.kind for r in spec.resources]}"
    return {a: found[0].attrs[a] for a in found[0].stated_attrs if a in found[0].attrs}


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a vague switch asked for after a with-word
        ("memcached-free setup: one Redis cache with authentication for sessions", "cache", {"auth": True}),
        ("Ein Redis-Cache mit Auth für die Warenkörbe", "cache", {"auth": True}),
        ("una caché Redis con autenticación para el carrito", "cache", {"auth": True}),
        ("un cache Redis avec auth pour les paniers", "cache", {"auth": True}),
        # the setting as a verb, subject just before it
        ("store the api token in a secret which rotates monthly", "secret", {"rotation": True}),
        ("un secreto para el token que rote solo", "secret", {"rotation": True}),
        ("un secret pour le jeton, qui pivote automatiquement", "secret", {"rotation": True}),
        ("ein Secret für das Token, das automatisch rotiert", "secret", {"rotation": True}),
        ("keep the token in a secret that should never rotate", "secret", {"rotation": False}),
        ("un secreto para el token que no rote", "secret", {"rotation": False}),
        ("un secret pour le jeton qui ne pivote pas", "secret", {"rotation": False}),
        ("ein Secret für das Token, das nicht rotiert", "secret", {"rotation": False}),
        # a complement between the setting and its negation
        ("a Kubernetes cluster on EKS with the logs of the control plane switched off", "kubernetes", {"logs": False}),
        ("clúster EKS con los logs del plano de control desactivados", "kubernetes", {"logs": False}),
        ("cluster EKS, journaux du plan de contrôle désactivés", "kubernetes", {"logs": False}),
        ("EKS-Cluster, Logs der Steuerungsebene deaktiviert", "kubernetes", {"logs": False}),
        # "logging" for the `logs` switch
        ("an EKS cluster whose cluster logging is turned off", "kubernetes", {"logs": False}),
        ("EKS-Cluster, Protokollierung deaktiviert", "kubernetes", {"logs": False}),
    ],
)
def test_switch_phrases(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {a: got.get(a) for a in expect} == expect


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        # "auth" without a with-word or an on-word says too little
        ("a Redis cache; auth is handled by the app", "cache", "auth"),
        # "tourne"/"runs": the subject is a function, not the secret
        ("une fonction qui tourne toutes les heures et un secret pour la clé", "secret", "rotation"),
        ("una función que rota imágenes y un secreto", "secret", "rotation"),
        # people rotate, the secret does not
        ("a secret for the partner key; we rotate it ourselves", "secret", "rotation"),
    ],
)
def test_switch_phrases_do_not_guess(text: str, kind: str, absent: str) -> None:
    assert absent not in _attrs(text, kind)


def test_named_setting_outranks_its_verb() -> None:
    assert _attrs("a secret, rotation off, the ops team rotates it by hand", "secret")["rotation"] is False


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # an API's auth is a choice: turned off it is "none", SigV4 is "iam"
        ("a REST API gateway with no authentication, backed by one lambda", "api_gateway", {"auth": "none"}),
        ("API Gateway ohne Authentifizierung vor einer Lambda", "api_gateway", {"auth": "none"}),
        ("una API Gateway sin autenticación delante de una función", "api_gateway", {"auth": "none"}),
        ("une API Gateway avec authentification IAM devant une fonction", "api_gateway", {"auth": "iam"}),
        # an identifier whose parts are kind words is one value
        ("HTTP API gateway with JWT auth, issuer https://id.example.org, audience billing-api, one lambda",
         "api_gateway", {"auth": "jwt", "audience": "billing-api"}),
        # pk / sk, and a value glued to "de" is not read past the word
        ("a DynamoDB table keyed by pk tenantId and sk createdAt", "table",
         {"partition_key": "tenantId", "sort_key": "createdAt"}),
        ("tabla DynamoDB, pk=customer, sk=ts", "table", {"partition_key": "customer", "sort_key": "ts"}),
        # a lower-case protocol framed by a port or a transport word
        ("an application load balancer serving https on 8443", "load_balancer", {"protocol": "https"}),
        ("a network load balancer speaking tcp on port 5432", "load_balancer", {"protocol": "tcp"}),
        ("un équilibreur de charge en http sur le port 8080", "load_balancer", {"protocol": "http"}),
        ("ein Load Balancer über reines http auf Port 80", "load_balancer", {"protocol": "http"}),
    ],
)
def test_choices_and_values(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {a: got.get(a) for a in expect} == expect


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        # a lower-case short word with no frame says too little
        ("a load balancer for the http traffic of the shop", "load_balancer", "protocol"),
        # "pk"/"sk" inside a longer word name nothing
        ("a DynamoDB table of npm pkgs and skus, plus a lambda", "table", "partition_key"),
    ],
)
def test_choices_do_not_guess(text: str, kind: str, absent: str) -> None:
    assert absent not in _attrs(text, kind)


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # zone redundancy is multi-AZ; a with-word keeps the first item of a pair on
        ("an Azure Postgres database, zone-redundant", "database", {"multi_az": True}),
        ("Azure-Postgres mit zonenredundanter Bereitstellung", "database", {"multi_az": True}),
        ("une base Postgres sur Azure en haute dispo", "database", {"multi_az": True}),
        ("Redis cache, zone redundancy not needed", "cache", {"multi_az": False}),
        ("Redis-Cache mit Multi-AZ und TLS aus", "cache", {"multi_az": True, "tls": False}),
        ("una caché Redis con alta disponibilidad y TLS desactivado", "cache", {"multi_az": True, "tls": False}),
        # with no with-word the closing negation still covers both
        ("Redis-Cache, Multi-AZ und TLS aus", "cache", {"multi_az": False, "tls": False}),
    ],
)
def test_zone_redundancy_and_pairs(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {a: got.get(a) for a in expect} == expect


@pytest.mark.parametrize(
    ("text", "kind", "attr", "value"),
    [
        ("drei MySQL-Datenbanken mit je 80 GB Speicher", "database", "storage", 80),
        ("two SQS queues, each keeping messages 6 days", "queue", "retention", 6),
        ("tres colas SQS con retención de 6 días cada una", "queue", "retention", 6),
        ("deux bases MySQL de 80 Go chacune", "database", "storage", 80),
    ],
)
def test_value_said_of_each_copy(text: str, kind: str, attr: str, value: Any) -> None:
    copies = [r for r in translate(text).resources if r.kind == kind]
    assert len(copies) >= 2 and all(r.attrs.get(attr) == value for r in copies), [r.attrs for r in copies]


def test_value_without_distributive_word_stays_where_it_was_placed() -> None:
    # "je" is French "I", and a value on the next resource is not every copy's
    copies = [r for r in translate("Je veux deux files SQS et un bucket de 40 Go chacun").resources
              if r.kind == "queue"]
    assert len(copies) == 2 and not any("size" in r.attrs for r in copies)


@pytest.mark.parametrize(
    ("text", "kind", "expect"),
    [
        # a chart named next to "Helm release" / "via Helm", and its pinned version
        ("an EKS cluster running the Helm release external-dns", "helm_release", {"chart": "external-dns"}),
        ("un clúster EKS con external-dns vía Helm, fijado en 1.14.5", "helm_release",
         {"chart": "external-dns", "version": "1.14.5"}),
        ("EKS-Cluster, dazu external-dns mit Helm, Chart-Version v1.14.5", "helm_release",
         {"chart": "external-dns", "version": "v1.14.5"}),
        ("un cluster EKS avec la release Helm external-dns", "helm_release", {"chart": "external-dns"}),
        # an instance's monitoring switched, not a monitor
        ("one EC2 instance m5.large with monitoring turned off", "vm", {"monitoring": False}),
        ("eine EC2-Instanz m5.large, Detail-Monitoring deaktiviert", "vm", {"monitoring": False}),
        ("una instancia EC2 m5.large con monitoreo detallado desactivado", "vm", {"monitoring": False}),
        ("une instance EC2 m5.large, monitoring détaillé activé", "vm", {"monitoring": True}),
    ],
)
def test_charts_and_instance_monitoring(text: str, kind: str, expect: dict[str, Any]) -> None:
    got = _attrs(text, kind)
    assert {a: got.get(a) for a in expect} == expect


def test_monitoring_with_alarms_is_still_a_monitor() -> None:
    spec = translate("one EC2 instance and a Postgres database, with monitoring and alerts to ops@example.com")
    assert "monitor" in [r.kind for r in spec.resources]
    assert not any("monitoring" in r.stated_attrs for r in spec.resources)


@pytest.mark.parametrize(
    "text",
    [
        "a MySQL database, access private only",
        "eine MySQL-Datenbank, Zugang ausschließlich intern",
        "una base MySQL con acceso únicamente privado",
        "une base MySQL, accès interne seulement",
        "a MySQL database reachable only from the VNet",
        "una base MySQL que no sea accesible desde internet",
        "eine MySQL-Datenbank, nicht aus dem Internet erreichbar",
        "Postgres-Datenbank, 100 GB, intern, Backup 7 Tage",
    ],
)
def test_private_access_as_a_predicate(text: str) -> None:
    assert _attrs(text, "database").get("public") is False


def test_private_access_words_do_not_make_others_private() -> None:
    # "private" qualifying a subnet is no statement about the database's access
    assert "public" not in _attrs("a MySQL database in a VPC with 2 private subnets", "database")


@pytest.mark.parametrize(
    "text",
    [
        "two functions fed by one SQS queue, visibility timeout 4 minutes",
        "zwei Lambdas hinter einer SQS-Queue, Visibility Timeout von 4 Minuten",
        "dos funciones Lambda y una cola SQS con visibility timeout de 4 minutos",
        "deux fonctions Lambda et une file SQS, 4 min de visibility timeout",
    ],
)
def test_compound_attribute_name_holds_its_number(text: str) -> None:
    spec = translate(text)
    assert [r.attrs.get("visibility_timeout") for r in spec.resources if r.kind == "queue"] == [240]
    assert not any("timeout" in r.stated_attrs for r in spec.resources if r.kind == "function")


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("one bucket; we can spend at most 3 thousand dollars a month", 3000),
        ("un bucket, presupuesto máximo de 3 mil dólares al mes", 3000),
        ("un bucket, budget de 3 mille dollars par mois", 3000),
        ("ein Bucket, Budget höchstens 3 Tausend USD pro Monat", 3000),
        # a period closed by a colon still qualifies the budget noun
        ("Presupuesto anual: 36 mil dólares, un bucket", 3000),
    ],
)
def test_thousands_in_words_after_a_number(text: str, budget: int) -> None:
    assert translate(text).deployment.get("budget") == budget


def test_mil_inside_a_word_is_no_thousand() -> None:
    assert translate("a bucket for 2 millones de archivos, budget 300 USD").deployment.get("budget") == 300


@pytest.mark.parametrize(
    "text",
    [
        "ein EKS-Cluster mit einem Helm-Release für external-dns",
        "a cluster on EKS with a Helm release named external-dns",
    ],
)
def test_chart_after_a_preposition(text: str) -> None:
    assert _attrs(text, "helm_release").get("chart") == "external-dns"
