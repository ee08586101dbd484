"""Resources nobody asked for, by class (issue 14, resource precision on unseen text): kinds a
request mentions without wanting them (already there, replaced, declined, for later, set against
the one wanted, asked about and answered no), kind words inside other noun phrases or used as
verbs, and a feature of one resource read as a second one. Each class in the four languages, with
paraphrases of our own, and the traps the other way round: the same words where a resource IS
asked for must still make one."""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def kinds(text: str) -> dict[str, int]:
    spec = translate(text, {})
    return dict(Counter(r.kind for r in spec.resources if r.from_text))


# (request, the kinds it asks for)
NOT_WANTED = [
    # already there, said after the word or with a verb of reuse
    ("The queue is already provisioned. Please add one Python Lambda.", {"function": 1}),
    ("Our network already exists; create a private S3 bucket for exports.", {"bucket": 1}),
    ("La red ya existe: solo hace falta un bucket S3 para informes.", {"bucket": 1}),
    ("Le réseau existe déjà, il faut seulement un bucket S3 pour les rapports.", {"bucket": 1}),
    ("Das Netzwerk gibt es bereits, wir brauchen nur einen S3-Bucket für Berichte.", {"bucket": 1}),
    ("Die Datenbank mit den Bestellungen läuft schon bei uns; bitte nur eine SQS-Queue.", {"queue": 1}),
    ("La cola de pedidos ya la tenemos; falta una función Lambda en Node.", {"function": 1}),
    ("Reuse our current VPC and add a Lambda function in Go... I mean in Python.", {"function": 1}),
    # replaced or left behind
    ("Swap out the Memcached cluster for a Redis cache.", {"cache": 1}),
    ("Migrate away from our MySQL database to a DynamoDB table.", {"table": 1}),
    ("Sustituir la base MySQL por una tabla DynamoDB.", {"table": 1}),
    ("Remplacer la base MySQL par une table DynamoDB.", {"table": 1}),
    ("Bitte die MySQL-Datenbank durch eine DynamoDB-Tabelle ersetzen.", {"table": 1}),
    # declined with a verb, or in a list a negation runs over
    ("One SQS queue please. Skip the database, we store nothing.", {"queue": 1}),
    ("Un bucket S3 y nada de CDN delante.", {"bucket": 1}),
    ("Un bucket S3 ; on se passe de CDN.", {"bucket": 1}),
    ("Ein S3-Bucket; auf ein CDN verzichten wir.", {"bucket": 1}),
    ("No need for a cache or a queue, only a Postgres database.", {"database": 1}),
    ("Sin caché ni cola: solo una base de datos Postgres.", {"database": 1}),
    ("Ni cache ni file : seulement une base PostgreSQL.", {"database": 1}),
    ("Kein Cache oder Queue, nur eine Postgres-Datenbank.", {"database": 1}),
    ("Keine öffentlichen Buckets bitte, nur eine VM m5.large.", {"vm": 1}),
    # for later
    ("A Postgres database; perhaps later a Redis cache.", {"database": 1}),
    ("Una base Postgres; más adelante quizás una caché Redis.", {"database": 1}),
    ("Une base PostgreSQL ; plus tard, peut-être un cache Redis.", {"database": 1}),
    ("Eine Postgres-Datenbank; später eventuell einen Redis-Cache.", {"database": 1}),
    ("A Postgres database. A Redis cache can come later.", {"database": 1}),
    # set against the one wanted, or asked about and answered no
    ("A managed Postgres (a database, not a VM) with 50 GB.", {"database": 1}),
    ("Une base MySQL managée (pas une VM) de 20 Go.", {"database": 1}),
    ("Do we need a queue? No. Just one Lambda on a schedule.", {"function": 1}),
    ("¿Hace falta una cola? No, basta con una Lambda.", {"function": 1}),
    ("Brauchen wir eine Queue? Nein, nur eine Lambda-Funktion.", {"function": 1}),
    ("Le VPC, ne le touchez pas ; ajoutez une base MySQL.", {"database": 1}),
    # someone else's
    ("The Redis cache is run by the platform team; one Lambda please.", {"function": 1}),
    ("Un servicio ECS; la base de datos está en otra cuenta.", {"service": 1}),
    ("Un service ECS ; la base de données est dans un autre compte.", {"service": 1}),
    ("Den Redis-Cache betreibt ein anderes Team; wir brauchen nur eine Lambda-Funktion.", {"function": 1}),
    ("A bucket where our mobile app drops photos.", {"bucket": 1}),
    # later, said after the word
    ("One EC2 instance. The load balancer comes later.", {"vm": 1}),
    ("Una instancia EC2; el balanceador de carga vendrá después.", {"vm": 1}),
    ("Une instance EC2. Le load balancer viendra ensuite.", {"vm": 1}),
    ("Eine EC2-Instanz; der Load Balancer folgt in Phase 2.", {"vm": 1}),
    ("We're moving off DynamoDB: create a Postgres database.", {"database": 1}),
    ("Weg von DynamoDB, hin zu einer Postgres-Datenbank.", {"database": 1}),
    # out of this request, or deployed by someone else
    ("A Redis cache; the app servers are not part of this request.", {"cache": 1}),
    ("Una caché Redis; los servidores de la aplicación no forman parte del pedido.", {"cache": 1}),
    ("Un cache Redis ; les serveurs d'application ne font pas partie de la demande.", {"cache": 1}),
    ("Only the bucket, please: the functions are deployed by another pipeline.", {"bucket": 1}),
    ("The Lambda must not use a VPC; Python 3.12.", {"function": 1}),
    # someone else's API the request's resource calls
    ("A container service that calls the Twilio API.", {"service": 1}),
    ("Ein ECS-Service, der die Twilio-API aufruft.", {"service": 1}),
    ("Un servicio ECS que invoca la API de Twilio.", {"service": 1}),
]

PART_OF_ANOTHER = [
    # a kind word qualifying an activity or a setting
    ("A CloudFront distribution in front of the site bucket that respects cache headers.", {"cdn": 1, "bucket": 1}),
    ("One Lambda function dedicated to stream processing of click events.", {"function": 1}),
    ("Une distribution CloudFront devant le bucket du site, avec invalidation du cache à chaque déploiement.",
     {"cdn": 1, "bucket": 1}),
    ("Eine Lambda-Funktion für die Stream-Verarbeitung, Python 3.12.", {"function": 1}),
    ("An SQS queue plus an alarm on the queue depth.", {"queue": 1, "monitor": 1}),
    ("Den Topic-Namen klären wir noch; jetzt nur eine Lambda-Funktion.", {"function": 1}),
    # verbs
    ("We cache everything in process, so only a MySQL database is needed.", {"database": 1}),
    ("Let's table the queue question; give me one S3 bucket.", {"bucket": 1}),
    # a feature of another resource
    ("A DynamoDB table for sessions and a Lambda that consumes the stream.", {"table": 1, "function": 1}),
    ("Un topic SNS para alarmas y nada más.", {"topic": 1}),
    ("Ein Secret für den API-Token in Azure Key Vault.", {"secret": 1}),
    ("Un cluster AKS de 3 nodos con la API privada.", {"kubernetes": 1}),
    ("Two t3.small instances behind a load balancer (it's a web tier).", {"vm": 1, "load_balancer": 1}),
    ("The Postgres instance needs 100 GB; Postgres will cache the hot rows.", {"database": 1}),
    ("A MySQL database with audit logs kept a year.", {"database": 1}),
    ("Una base MySQL con registros de auditoría.", {"database": 1}),
    ("Une base MySQL avec journalisation d'audit.", {"database": 1}),
    ("Eine MySQL-Datenbank mit Audit-Logs.", {"database": 1}),
    ("A Cloud Run service for our API, 2 to 4 instances.", {"service": 1}),
    # an application put on virtual machines, and an engine named again after a dash
    ("Our shop frontend on three EC2 instances (t3.medium), nothing else.", {"vm": 1}),
    ("Una aplicación web en dos VMs t3.small detrás de un ALB.", {"vm": 1, "load_balancer": 1}),
    ("The database must stay private - Postgres 16 on AWS please.", {"database": 1}),
]

STILL_ASKED = [
    # the same words where the resource is wanted
    ("A Postgres database and a Redis cache that we will scale later.", {"database": 1, "cache": 1}),
    ("Later today please: a Postgres database.", {"database": 1}),
    ("Create a Redis cache; the existing app will use it.", {"cache": 1}),
    ("Replace nothing: add an SQS queue and a Lambda consumer.", {"queue": 1, "function": 1}),
    ("Une file SQS et, plus tard dans la chaîne, une fonction Lambda qui lit la file.",
     {"queue": 1, "function": 1}),
    ("A Kinesis stream and a Lambda that reads the stream.", {"stream": 1, "function": 1}),
    ("A DynamoDB table and a Kinesis data stream for the clickstream.", {"table": 1, "stream": 1}),
    ("Can you set up a bucket for exports? No public access, please.", {"bucket": 1}),
    ("We need a queue for orders and a cache for sessions.", {"queue": 1, "cache": 1}),
    ("Un bucket privé, pas de versioning.", {"bucket": 1}),
    ("Bitte einen Redis-Cache mit zwei Knoten und eine Queue.", {"cache": 1, "queue": 1}),
    ("An SQS queue with a CloudWatch alarm on its backlog.", {"queue": 1, "monitor": 1}),
    ("Maybe you could create a Postgres database for us?", {"database": 1}),
    ("A MySQL database and a CloudTrail trail with audit logs.", {"database": 1, "audit": 1}),
    ("Deploy our web app as a container service with a Postgres database.", {"service": 1, "database": 1}),
    ("Una cola SQS y después una Lambda que la lea.", {"queue": 1, "function": 1}),
    ("An ECS service on two EC2 instances.", {"service": 1, "vm": 1}),
    ("A Postgres database, MySQL 8.0 for the legacy app too.", {"database": 2}),
    ("A Lambda function that calls a new internal API on ECS.", {"function": 1, "service": 1}),
    ("A CloudFront distribution with Lambda@Edge in front of the bucket.", {"cdn": 1, "bucket": 1}),
]


@pytest.mark.parametrize(("text", "want"), NOT_WANTED, ids=[t[:40] for t, _ in NOT_WANTED])
def test_mentioned_but_not_wanted(text: str, want: dict[str, int]) -> None:
    assert kinds(text) == want


@pytest.mark.parametrize(("text", "want"), PART_OF_ANOTHER, ids=[t[:40] for t, _ in PART_OF_ANOTHER])
def test_kind_words_that_name_part_of_another(text: str, want: dict[str, int]) -> None:
    assert kinds(text) == want


@pytest.mark.parametrize(("text", "want"), STILL_ASKED, ids=[t[:40] for t, _ in STILL_ASKED])
def test_the_same_words_still_ask_when_meant(text: str, want: dict[str, int]) -> None:
    assert kinds(text) == want


def test_existing_and_later_are_said_not_dropped() -> None:
    """A resource left out because it exists or comes later is reported under "not understood"."""
    later = translate("A Postgres database; perhaps later a Redis cache.", {})
    assert any("later" in n for n in later.not_understood)
    there = translate("Our network already exists; create a private S3 bucket.", {})
    assert any("existing" in n for n in there.not_understood)
