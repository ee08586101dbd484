"""Resources nobody asked for (issue 14, resource precision on unseen text): whose a resource is
(nl/owners.py) and what is a part, the contents or a feature of another (nl/part_words.py).

Every request here is our own paraphrase of a class, in the four languages; each class has traps
next to it that must still create the resource (an article, a count, "extra", "new").
"""

from __future__ import annotations

from collections import Counter

import pytest

from autodeploy.nl.offline import translate


def _kinds(text: str) -> dict[str, int]:
    return dict(Counter(r.kind for r in translate(text, {}).resources if r.from_text))


def _want(spec: str) -> dict[str, int]:
    out: Counter[str] = Counter()
    for tok in spec.split():
        kind, _, n = tok.partition("=")
        out[kind] += int(n or 1)
    return dict(out)


# already there, said before the word; a list of things already there
ALREADY = [
    ("function", "The orders table already lives in our Postgres; we only need a Lambda that exports it nightly."),
    ("queue", "Los pedidos ya están en nuestra base de datos MySQL; solo queremos una cola SQS."),
    ("function", "Les logs sont déjà dans notre bucket S3 ; il nous faut juste une fonction Lambda."),
    ("function", "Die Rohdaten liegen bereits in unserem Bucket, wir brauchen nur eine Lambda-Funktion."),
    ("function", "We already have the database and the VPC; we need a Lambda."),
    ("function", "Nous avons déjà la base MySQL et le VPC, il manque une fonction Lambda."),
    # traps: "deja" is Spanish "leaves"; a new one is asked for
    ("function queue", "Una Lambda procesa el fichero y deja el resultado en una cola SQS."),
    ("database", "We already have a VPC; we need a new Postgres database."),
]

# someone else's: a partner's, a customer's, a vendor's; another product doing the job
SOMEONE_ELSES = [
    ("queue", "An SQS queue for events coming from the partner's Kafka."),
    ("function", "A Lambda writing to the customer's bucket in their own account."),
    ("queue", "Una cola SQS que recibe mensajes del servicio de pagos del cliente."),
    ("queue", "Eine SQS-Queue für Nachrichten aus der Kafka des Partners."),
    ("bucket", "Un bucket S3 qui reçoit les fichiers du bucket du client."),
    ("function", "Una función Lambda que descarga archivos del servidor SFTP del proveedor."),
    ("bucket", "A bucket where the ETL tool of the analytics vendor drops CSV files."),
    ("function", "We rely on New Relic for monitoring; we need a Lambda in Go."),
    ("queue", "Wir nutzen Grafana für das Monitoring, brauchen aber eine SQS-Queue."),
    ("function", "A Lambda whose logs go to our Splunk instance."),
    ("function", "Una Lambda cuyos logs van a nuestra instancia de Splunk."),
    ("function", "A Lambda that sends an alert to Slack when an order fails."),
    ("function", "A Lambda that reads reports from the audit account."),
    ("cache", "Redis 7 with 2 nodes; the application servers connect over TLS."),
    ("cache", "Un Redis 7 con 2 nodos; los servidores de aplicación se conectan por TLS."),
    ("network", "VPC with gateway endpoints for S3 and DynamoDB, no NAT."),
    ("network", "Ein VPC mit Gateway-Endpunkten für S3 und DynamoDB."),
    ("network", "Un VPC avec des endpoints pour S3 et DynamoDB."),
    ("kubernetes", "EKS 1.30 with the AWS Load Balancer Controller and cluster autoscaler."),
    ("kubernetes", "AKS mit Azure CNI und dem Application Gateway Ingress Controller."),
    ("bucket", "S3 bucket with a lifecycle rule and replication to a bucket in another region we already have."),
    # traps: a credential of a partner is ours to keep; an alarm of our own; a VM of our own; machines
    # with a count of their own; a store whose own words are an account
    ("cache vm", "A Redis cache and 2 application servers that connect to it over TLS."),
    ("bucket", "A Blob storage account for scans."),
    ("secret", "A secret for the vendor's API key, rotated every 30 days."),
    ("bucket", "A bucket for the vendor's invoices."),
    ("monitor queue", "An SQS queue and an alarm that emails oncall@example.com when the backlog grows."),
    ("vm", "A VM t3.medium that runs our Jenkins server."),
]

# needed only if something happens, judged too much, turned down with a verb or a place
NOT_NOW = [
    ("function", "A Lambda; if we ever need a queue we'll add it later."),
    ("function", "Una Lambda; si algún día necesitamos una cola la añadiremos después."),
    ("function", "Une Lambda ; si un jour il faut une file, on l'ajoutera plus tard."),
    ("function", "Eine Lambda; falls wir je eine Queue brauchen, kommt die später."),
    ("queue", "Eine SQS-Queue; Kafka wäre hier übertrieben."),
    ("bucket", "Just a bucket for now - no need to think about CDN or caching yet."),
    ("function", "A Lambda that writes to Snowflake, not to a database of ours."),
    ("cache", "A Redis cache, something like ElastiCache rather than a self-managed VM."),
    # traps: an imperative asks (a monitor of the database); a platform or a cloud used for a resource; the
    # shop's own new database; a condition on a resource asked for; "if" without a need
    ("database monitor", "A Postgres database; send an alert to oncall@example.com when its CPU is above 80%."),
    ("service", "We'll use Fargate for the API, 2 tasks."),
    ("database", "Usamos Azure para la base de datos PostgreSQL."),
    ("database", "La base de datos de la tienda en RDS MySQL, 50 GB."),
    ("queue monitor", "An SQS queue and an alarm if the queue backs up."),
    ("function queue", "A Lambda, and a queue in case it fails."),
]

# old, on the premises, a place's own
WHERE_IT_IS = [
    ("cache", "A Redis cache in front of the legacy database."),
    ("function", "A Lambda connecting to the mainframe database in our data center."),
    ("vm", "Una VM para la base de datos antigua, Standard_E4s_v5."),
    ("bucket", "One private S3 bucket. Our office network is slow, so uploads are batched."),
    ("database", "A MySQL 8 database; the reporting team connects from the corporate network."),
    ("database", "Postgres 15 with 50 GB; the API that uses it is deployed by another team."),
    ("cache", "Un Redis pour les sessions ; les serveurs web existent déjà."),
    ("cache", "Un Redis para las sesiones; los servidores web ya existen."),
    ("bucket", "Un bucket S3 para los informes; la base de datos de origen es un Oracle on-premise."),
    ("vm", "Une VM t3.small qui sert de bastion vers la base du client."),
    # traps: the relative clause's own noun has the predicate, not the word before it
    ("function", "Una Lambda que lee de la cola que ya tenemos en producción."),
    ("network", "A VPC for the clinic with 3 private subnets."),
    ("vm", "A VM t3.small for the office."),
]

# parts, contents and features of a resource named
PARTS = [
    ("kafka", "An MSK cluster with 3 brokers; every topic gets 12 partitions."),
    ("kafka", "Un cluster Kafka MSK, chaque topic avec 6 partitions."),
    ("bucket", "A storage account for media; move blobs to cool after 30 days."),
    ("bucket", "Ein Speicherkonto für Rechnungen, Blobs nach 90 Tagen löschen."),
    ("bucket", "Un compte de stockage pour les factures, les blobs sont supprimés après un an."),
    ("vm", "An EC2 instance t3.large with a 300 GB data disk."),
    ("vm", "Una VM t3.medium con un disco de datos de 256 GB."),
    ("kubernetes", "EKS 1.30 with Fargate profiles for the jobs namespace."),
    ("kubernetes", "Un cluster EKS avec des profils Fargate pour le namespace batch."),
    ("kubernetes helm_release", "An EKS cluster; put the cert-manager chart on it using helm."),
    ("kubernetes", "An AKS cluster with 4 nodes (Standard_D4s_v5) and RBAC on."),
    ("load_balancer service", "aws_lb (type network) in front of an ECS service with 2 tasks."),
    ("function", "handler.py still caches sessions in memory; deploy it as a Lambda with 512 MB."),
    ("network", "Peering is someone else's job. We only need the VPC itself: 10.8.0.0/16."),
    # a contracted article points back like an article; a setting's head noun; idioms
    ("service", "Una container app; el puerto del contenedor es 8080."),
    ("service", "Une container app ; le port du conteneur est 8080."),
    ("service", "A container service, container port 8080, 2 replicas."),
    ("function", "Lambda role with access to DynamoDB, Python 3.12."),
    ("vm", "An EC2 instance t3.small whose role has S3 read access."),
    # traps: a setting's head noun alone still names its resource; an Azure account is a resource
    ("database", "Postgres port 5433, 100 GB, version 16."),
    ("service", "Container port 8080, image acme/web:1, 2 replicas."),
    ("vm", "A t3.medium VM; for instance, the CI runner could live there."),
    ("queue", "An SQS queue; on the topic of ordering, FIFO is not needed."),
    ("function", "A Lambda in Python; cost grows as a function of traffic, keep it under $20."),
    ("database function", "An RDS Postgres instance and a Lambda whose main.py deletes old rows from the jobs table."),
    ("bucket", "I need a container in Blob Storage for scanned contracts, locked for 5 years."),
    ("bucket", "Ein Container im Speicherkonto für Belege, privat."),
    ("kubernetes", "Un AKS 1.30, 4 nœuds Standard_D4s_v5, API non publique."),
    ("topic function", "An SNS topic through which alarms reach the on-call phone, and a Lambda in Go."),
    ("topic", "Ein SNS-Topic, über das Warnungen an das Support-Team gehen."),
    ("load_balancer vm", "Game backend on AWS: a public NLB on UDP 7777 and 3 to 9 c6i.large VMs."),
    # traps: a word with an article of its own, extra disks, two stores
    ("kafka topic", "A Kafka cluster and an SNS topic for alerts."),
    ("vm volume", "An EC2 instance and a 500 GB data disk."),
    ("vm volume", "A VM with an additional 200 GB disk."),
    ("bucket=2", "Two buckets; blobs in both expire after a year."),
    ("queue=2", "An SQS queue with a dead-letter queue."),
    ("database", "An RDS database postgres 16; postgres: 100 GB."),
]


@pytest.mark.parametrize("want, text", ALREADY + SOMEONE_ELSES + NOT_NOW + WHERE_IT_IS + PARTS)
def test_only_the_resources_asked_for(want: str, text: str) -> None:
    assert _kinds(text) == _want(want)


def test_a_vm_disk_tied_by_with_sizes_the_vm() -> None:
    (vm,) = [r for r in translate("An EC2 instance t3.large with a 300 GB data disk.", {}).resources
             if r.kind == "vm"]
    assert vm.attrs.get("disk") == 300


def test_an_attribute_value_is_read_as_the_value() -> None:
    (lb,) = [r for r in translate("aws_lb (type network) in front of an ECS service with 2 tasks.", {}).resources
             if r.kind == "load_balancer"]
    assert lb.attrs.get("type") == "network"


def test_what_is_there_already_is_reported() -> None:
    said = translate("The orders table already lives in our Postgres; we only need a Lambda.", {}).not_understood
    assert any("Postgres" in s and "existing" in s for s in said)
