"""Data-service kinds: search clusters, streams, Kafka, message brokers and document databases.

Each is one KindSpec, concatenated into kinds._KINDS. Defaults are secure as in kinds.py:
encryption at rest and in transit on, authentication on, nothing public, logs exported, and
engine versions limited to the ones the clouds still support (an enum, so an unsupported
version is a compile error rather than a policy finding).
"""

from __future__ import annotations

from dataclasses import replace

from .schema import AttrSpec as A
from .schema import KindSpec, NeedsNetwork, NLNames, TBool, TEnum, TInt, TQty, TRef, TStr, TUnion
from .schema import Words as W

# the same shapes as kinds.ENCRYPTION / kinds.NETWORK_REF (kinds.py imports this module)
_ENCRYPTION = TUnion((TBool(), TRef(("key",))))
_NETWORK = A("network", TRef(("network",)), doc="the network whose (private) subnets hold the service")
_TLS = A("tls", TBool(), default=True, doc="encrypt traffic in transit (client and node-to-node)")
_LOGS = A("logs", TBool(), default=True, doc="export the service's logs (CloudWatch Logs / Log Analytics)")

# OpenSearch versions AWS offers under standard support; Azure AI Search is versionless
SEARCH_VERSIONS = ("2.19", "2.17", "2.15", "2.13", "2.11")
# Azure AI Search tiers (`instance` on Azure)
AZURE_SEARCH_SKUS = ("basic", "standard", "standard2", "standard3", "storage_optimized_l1",
                     "storage_optimized_l2")
KAFKA_VERSIONS = ("3.8.x", "3.7.x", "3.6.0", "3.5.1")
DOCDB_VERSIONS = ("5.0", "4.0")
# Amazon MQ engine versions per engine (buildable_data checks the pair, ADL1205)
BROKER_VERSIONS = {"rabbitmq": ("3.13",), "activemq": ("5.18",)}

DATA_SERVICE_KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "search", "A search and analytics cluster (OpenSearch Service domain / Azure AI Search service).",
        needs_network=(NeedsNetwork("aws", unless=(("public", True),)),),  # a public domain has no VPC
        stores_data=True, private_by_default=True,
        usage=(("storage_gb", "GB of EBS storage per data node (default: `storage`)"),
               ("log_gb", "GB of slow/application/audit logs per month (CloudWatch Logs)"),),
        nl=NLNames("search", singleton=True, words=(
            W("en", r"opensearch(?: service| domains?| clusters?)?|elasticsearch(?: domains?| clusters?)?"
                    r"|azure (?:ai|cognitive) search|search (?:clusters?|engines?|services?|domains?|index(?:es)?)"
                    r"|full[- ]text search"),
            W("es", r"clust(?:er|eres) de busqueda|motor(?:es)? de busqueda|busqueda de texto completo"),
            W("fr", r"moteurs? de recherche|clusters? de recherche|recherche plein texte"),
            W("de", r"suchmaschinen?|such-?cluster|volltextsuche|opensearch-cluster"),
        )),
        attrs=(
            A("version", TEnum(SEARCH_VERSIONS), default="2.17", doc="OpenSearch engine version (AWS)"),
            A("instance", TStr("an instance type or search tier"),
              cloud_default=(("aws", "r6g.large.search"), ("azure", "standard")),
              doc="data node type (AWS, `*.search`) or service tier (Azure: " + ", ".join(AZURE_SEARCH_SKUS)
                  + ")"),
            A("nodes", TInt(1, 80), default=2, doc="data nodes (AWS) or replicas (Azure)"),
            A("zones", TInt(1, 3), default=2, doc="availability zones the data nodes spread over (AWS)"),
            A("masters", TInt(0, 5), default=0, doc="dedicated master nodes (0, 3 or 5)"),
            A("master_instance", TStr("an instance type"), doc="dedicated master type (default: `instance`)"),
            A("storage", TQty("GB", min=10, max=24576), default=20, doc="gp3 EBS storage per data node"),
            A("encryption", _ENCRYPTION, default=True),
            _TLS,
            A("auth", TBool(), default=True,
              doc="fine-grained access control (AWS) / Microsoft Entra ID only, no API keys (Azure)"),
            A("public", TBool(), default=False),
            _LOGS,
            _NETWORK,
        ),
    ),
    KindSpec(
        "stream", "A data stream (Kinesis Data Streams / Event Hubs), optionally delivered to a bucket "
                  "(Firehose / Event Hubs Capture).",
        stores_data=True,
        usage=(("ingest_gb", "GB written to the stream per month"),
               ("monthly_records", "records put per month (each 25 KB chunk is one PUT payload unit)"),
               ("record_size_kb", "mean record size in KB"),),
        nl=NLNames("events_stream", singleton=True, words=(
            W("en", r"kinesis(?: data)?(?: streams?)?|event hubs?|eventhubs?|data streams?|firehose"
                    r"|event streams?|streams?"),
            W("es", r"flujos? de (?:datos|eventos)"),
            W("fr", r"flux de (?:donnees|evenements)"),
            W("de", r"datenstrom(?:e)?|datenstreams?|ereignisstrom"),
        )),
        attrs=(
            A("shards", TInt(1, 10000),
              doc="provisioned shards (AWS) / throughput units and partitions (Azure); absent: on-demand "
                  "capacity (AWS) / auto-inflate (Azure)"),
            A("retention", TQty("days", min=1, max=365), default=1, doc="how long records are kept"),
            A("encryption", _ENCRYPTION, default=True),
            A("delivery", TRef(("bucket",)), doc="deliver records to this bucket (Firehose / Capture)"),
        ),
    ),
    KindSpec(
        "kafka", "An Apache Kafka cluster (Amazon MSK / Event Hubs namespace with its Kafka endpoint).",
        needs_network=(NeedsNetwork("aws"),),
        stores_data=True,
        usage=(("log_gb", "GB of broker logs per month (CloudWatch Logs)"),),
        nl=NLNames("kafka", singleton=True, words=(
            W("*", r"kafka(?:[- ]clusters?|[- ]topics?)?|msk(?: clusters?)?|managed streaming for (?:apache )?kafka"),
        )),
        attrs=(
            A("version", TEnum(KAFKA_VERSIONS), default="3.6.0", doc="Kafka version (MSK provisioned)"),
            A("instance", TStr("a broker type"), default="kafka.m5.large", doc="broker type (MSK provisioned)"),
            A("brokers", TInt(1, 30), default=2,
              doc="broker nodes (AWS: a multiple of the network's private subnets) / throughput units (Azure)"),
            A("storage", TQty("GB", min=1, max=16384), default=100, doc="EBS storage per broker"),
            A("serverless", TBool(), default=False, doc="MSK Serverless instead of provisioned brokers"),
            A("auth", TEnum(("iam", "scram")), default="iam",
              doc="client authentication: IAM / Entra ID, or SASL/SCRAM (MSK) / SAS keys (Azure)"),
            A("encryption", _ENCRYPTION, default=True),
            _TLS,
            _LOGS,
            _NETWORK,
        ),
    ),
    KindSpec(
        "broker", "A managed message broker (Amazon MQ for RabbitMQ or ActiveMQ).",
        needs_network=(NeedsNetwork("aws", unless=(("public", True),)),),  # a public broker has no VPC
        stores_data=True, private_by_default=True,
        unsupported=(("azure", "Azure has no managed RabbitMQ or ActiveMQ; Service Bus speaks AMQP 1.0 and JMS 2.0, "
                               "not these brokers' protocols (use `queue` or `topic`)"),),
        usage=(("storage_gb", "GB of broker storage (RabbitMQ EBS, ActiveMQ EFS)"),
               ("log_gb", "GB of broker logs per month (CloudWatch Logs)"),),
        nl=NLNames("broker", singleton=True, words=(
            W("*", r"(?:amazon mq (?:for )?)?rabbit ?mq(?:[- ]brokers?)?", variant="rabbitmq"),
            W("*", r"(?:amazon mq (?:for )?)?active ?mq(?:[- ]brokers?)?", variant="activemq"),
            W("en", r"amazon mq|message brokers?"),
            W("es", r"intermediari(?:o|os) de mensajes|brokers? de mensajes"),
            W("fr", r"courtiers? de messages|brokers? de messages"),
            W("de", r"nachrichtenbroker|message-broker"),
        )),
        variants=("rabbitmq", "activemq"), variant_required=True,
        attrs=(
            A("version", TEnum(tuple(v for vs in BROKER_VERSIONS.values() for v in vs)),
              variant_default=tuple((e, vs[0]) for e, vs in BROKER_VERSIONS.items()),
              doc="engine version: RabbitMQ 3.13, ActiveMQ 5.18"),
            A("instance", TStr("a broker instance type"), default="mq.m5.large"),
            A("mode", TEnum(("single", "active_standby", "cluster")), default="single",
              doc="single instance, an active/standby pair (ActiveMQ) or a 3-node cluster (RabbitMQ)"),
            A("encryption", _ENCRYPTION, default=True),
            A("public", TBool(), default=False),
            _LOGS,
            _NETWORK,
        ),
    ),
    KindSpec(
        "document_db", "A MongoDB-compatible document database (Amazon DocumentDB / Cosmos DB for MongoDB).",
        needs_network=(NeedsNetwork("aws"),),
        stores_data=True,
        emit_only="moto (the AWS API AutoDeploy tests deploy against) implements no DocumentDB clusters",
        usage=(("size_gb", "GB stored"),
               ("monthly_io", "I/O requests per month (DocumentDB)"),
               ("cpu_credit_vcpu_hours", "surplus vCPU-hours per month of T instances (unlimited mode)"),
               ("backup_storage_gb", "GB of backup storage beyond the free allowance"),),
        nl=NLNames("documents", singleton=True, words=(
            W("en", r"documentdb|docdb|mongo ?db(?:[- ]compatible)?(?: databases?)?|mongo|cosmos ?db for mongo ?db"
                    r"|document (?:databases?|stores?|dbs?)"),
            W("es", r"bases? de datos (?:de )?documentos|bases? de datos documental(?:es)?"),
            W("fr", r"bases? de donnees documentaires?|bases? de donnees (?:de )?documents"),
            W("de", r"dokumentendatenbank(?:en)?|mongodb-kompatible datenbank"),
        )),
        attrs=(
            A("version", TEnum(DOCDB_VERSIONS), default="5.0", doc="MongoDB API version"),
            A("instance", TStr("an instance class"), default="db.t3.medium", doc="instance class (DocumentDB)"),
            A("instances", TInt(1, 16), default=1, doc="cluster instances (AWS; 2 or more spread over zones)"),
            A("throughput", TInt(400, 1000000), default=400, doc="provisioned RU/s of the database (Azure)"),
            A("backup", TQty("days", min=1, max=35), default=7),
            A("deletion_protection", TBool(), default=True),
            A("encryption", _ENCRYPTION, default=True),
            _TLS,
            _LOGS,
            _NETWORK,
        ),
    ),
)


# The GCP backend (issue 23) covers the core kinds; these say so once, with their Google counterpart,
# so every stage reports the same ADL5007 on `cloud = gcp` instead of needing a handler.
_GCP_COUNTERPART = {
    "search": "no managed Google search service",
    "stream": "Pub/Sub with Dataflow",
    "kafka": "Managed Service for Apache Kafka",
    "broker": "no managed RabbitMQ/ActiveMQ service",
    "document_db": "Firestore with MongoDB compatibility",
}
DATA_SERVICE_KINDS = tuple(
    replace(k, unsupported=k.unsupported + (("gcp", f"the Google backend has no emitter or cited price for it yet "
                                                     f"(counterpart: {_GCP_COUNTERPART[k.name]})"),))
    for k in DATA_SERVICE_KINDS
)
