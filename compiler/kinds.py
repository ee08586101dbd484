"""The registry of resource kinds: one entry per kind, as data.

Defaults are secure: encryption on, nothing public, backups and logs on. They are
applied by the checker, so the IR carries the effective values that will be built.
"""

from __future__ import annotations

from .kinds_app_services import APP_SERVICE_KINDS
from .kinds_data_services import DATA_SERVICE_KINDS
from .kinds_platforms import PLATFORM_KINDS
from .schema import (
    TRAITS,
    KindSpec,
    NeedsNetwork,
    NLNames,
    TBool,
    TCount,
    TDate,
    TEnum,
    TInt,
    TList,
    TMap,
    TQty,
    TRef,
    TSize,
    TStr,
    TUnion,
)
from .schema import (
    AttrSpec as A,
)
from .schema import Words as W

DATA_CLASSES = ("phi", "pci", "pii", "public")
FRAMEWORKS = ("hipaa", "pci_dss", "soc2", "gdpr")
ENCRYPTION = TUnion((TBool(), TRef(("key",))))
NETWORK_REF = TRef(("network",))
LOAD = A("load", TQty("rps", min=0), doc="expected steady request rate (usage for cost and scaling)")

# Attributes every resource accepts.
COMMON = (
    A("data", TEnum(DATA_CLASSES), doc="data classification; pulls the matching framework's rules"),
    A("tags", TMap(check="tags"), default={}, doc="extra tags merged over the deployment's"),
    A("depends_on", TList(TRef()), default=[], doc="explicit ordering edges"),
)

DEPLOYMENT = KindSpec(
    name="deployment",
    doc="The deployment's cloud, region, frameworks, budget and tags (exactly one per closure).",
    attrs=(
        A("cloud", TEnum(("aws", "azure", "gcp")), default="aws"),
        A("region", TStr("a region name", check="region"),
          cloud_default=(("aws", "us-east-1"), ("azure", "eastus"), ("gcp", "us-central1"))),
        A("environment", TEnum(("prod", "staging", "dev", "test")), default="prod"),
        A("compliance", TList(TEnum(FRAMEWORKS)), default=[]),
        A("budget", TQty("usd/month", min=0)),
        A("tags", TMap(check="tags"), default={}),
        A("owner", TStr(check="tag_value"), doc="written as the `owner` tag on every resource"),
    ),
)

WAIVER = KindSpec(
    name="waive",
    doc="A documented, expiring exception to one policy rule on one resource.",
    attrs=(
        A("reason", TStr(), required=True, example='"why this is acceptable"'),
        A("owner", TStr(), required=True, example='"team@example.com"'),
        A("expires", TDate(), required=True, example="2027-01-31"),
    ),
)

def _size(what: str) -> A:
    """`size`: a portable size, resolved per cloud to the cheapest catalog `instance` (compiler/sizes.py)."""
    return A("size", TSize(), sparse=True,
             doc=f"portable size: a class or {{ vcpu: n, memory: n GB }}; the compiler picks "
                 f"the cheapest {what} type of the deployment's cloud that satisfies it")


def _physical_name(kind: str) -> A:
    """`name`: the user's own name for the cloud resource, checked against that cloud's rules (ADL1083)."""
    return A("name", TStr("a physical name", check=f"name:{kind}"),
             doc="the cloud resource's own name, checked against the cloud's naming rules; "
                 "derived from the deployment and resource names when absent")


_KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "network", "A VPC / VNet with public and private subnets spread over zones.",
        usage=(("nat_data_gb", "GB processed by the NAT gateways per month"),
               ("flow_logs_gb", "GB of flow logs ingested per month"),),
        nl=NLNames("net", singleton=True, words=(
            W("en", r"aws_vpc|vpcs?|vnets?|virtual networks?|private networks?|networks?|subnets?"),
            W("es", r"redes? privadas?|subredes?"),
            W("fr", r"reseaux? prives?|sous-reseaux"),
            W("de", r"netzwerk(?:e)?"),
        )),
        members=("private", "public"),
        attrs=(
            A("cidr", TStr("an IPv4 CIDR block", check="cidr"), default="10.0.0.0/16"),
            A("zones", TInt(1, 6), default=2, doc="availability zones the subnets spread over"),
            A("public_subnets", TInt(0, 16), default=2),
            A("private_subnets", TInt(0, 16), default=2),
            A("nat_gateways", TInt(0, 6), default=1),
            A("flow_logs", TBool(), default=True, control="VPC flow logs"),
            A("flow_log_retention", TQty("days", min=1), default=365),
        ),
    ),
    KindSpec(
        "key", "A customer-managed encryption key (KMS / Key Vault key).", control="customer-managed key",
        usage=(("monthly_requests", "KMS API requests per month"),),
        nl=NLNames("data_key", singleton=True, words=(
            W("en", r"aws_kms_key|kms[- ]keys?|kms|customer[- ]managed keys?|encryption keys?|key[- ]vault[- ]keys?"
                    r"|own keys?|keys?"),
            # the vault alone may be where a secret is kept: a key only when nothing else is named there
            W("en", r"key[- ]vaults?", weak=True),
            W("es", r"claves? kms|claves? propias?|clave de cifrado"),
            W("fr", r"cles? kms|coffres? de cles|cle de chiffrement"),
            W("de", r"kms-schlussel|key-vault-schlussel|schlussel"),
        )),
        attrs=(
            A("rotation", TBool(), default=True),
            A("deletion_window", TQty("days", min=7, max=30), default=30),
            A("multi_region", TBool(), default=False),
        ),
    ),
    KindSpec(
        "secret", "A secret whose value is generated or supplied at deploy time, never stored in the file.",
        stores_data=True,
        usage=(("monthly_requests", "Secrets Manager API calls per month"),),
        nl=NLNames("app_secret", words=(
            W("en", r"aws_secretsmanager_secret|(?:database |db |stripe |third[- ]party )?passwords?"
                    r"|(?:stripe |third[- ]party )?api[- ]keys?"
                    r"|secrets?(?: manager)?"),
            W("es", r"secretos?|contrasenas?(?: de (?:la )?base de datos)?|claves? de api"),
            W("fr", r"mots? de passe|cles? d'api"),
            W("de", r"passworter|passwort|geheimnisse?|api-schlussel"),
            W("de", r"(?:key-vault-|secrets-manager-)secrets?|(?:db|datenbank)-passw(?:orter|ort)"),
        )),
        attrs=(
            A("rotation", TBool(), default=True),
            A("rotation_interval", TQty("days", min=1, max=365), default=30),
            A("encryption", ENCRYPTION, default=True),
            A("length", TInt(16, 4096), default=32),
            A("value", TStr(), doc="a plain value: accepted by the compiler, flagged by policy"),
        ),
    ),
    KindSpec(
        "bucket", "Object storage (S3 bucket / Storage Account container).",
        stores_data=True, private_by_default=True,
        usage=(("size_gb", "GB stored"),
               ("load_rps", "requests per second"),
               ("monthly_requests", "requests per month (treated as GET-class)"),
               ("monthly_put_requests", "PUT/COPY/POST/LIST requests per month"),
               ("monthly_get_requests", "GET and other requests per month"),
               ("log_gb", "GB of server access logs per month (S3)"),),
        nl=NLNames("storage", app_data=True, load_rank=2, words=(
            W("en", r"aws_s3_bucket|s3[- ]buckets?|s3|buckets?|object storage|blob storage|blob containers?|blobs?"
                    r"|storage accounts?(?:[- ]containers?)?"),
            W("es", r"almacenamiento de objetos"),
            W("fr", r"stockage (?:d')?objets?"),
            W("de", r"objektspeicher"),
            W("en", r"gcs(?: buckets?)?|(?:google )?cloud storage(?: buckets?)?"),
            W("es", r"cuentas? de almacenamiento|contenedor(?:es)? de (?:almacenamiento(?: de blobs?)?|blobs?)"),
            W("fr", r"comptes? de stockage|conteneurs? (?:de )?(?:stockage|blobs?)"),
            W("de", r"storage-kont(?:o|en)|speicherkont(?:o|en)|blob-container|speicher-?container|storage-container"),
        )),
        attrs=(
            _physical_name("bucket"),
            A("encryption", ENCRYPTION, default=True),
            A("versioning", TBool(), default=True, control="bucket versioning"),
            A("public", TBool(), default=False),
            A("website", TBool(), default=False),
            A("access_logs", TBool(), default=True, control="bucket access logging"),
            A("size", TQty("GB", min=0), doc="expected stored data"),
            A("storage_class", TEnum(("standard", "infrequent", "archive", "intelligent")), default="standard"),
            A("retention", TQty("days", min=1), doc="object-lock retention"),
            A("archive_after", TQty("days", min=1)),
            A("expire_after", TQty("days", min=1)),
            LOAD,
        ),
    ),
    KindSpec(
        "database", "A managed relational database (RDS / Azure Database flexible server).",
        needs_network=(NeedsNetwork("aws"), NeedsNetwork("gcp")),  # RDS; Cloud SQL on a private IP
        stores_data=True, private_by_default=True,
        usage=(("backup_storage_gb", "total backup storage in GB (the first GB up to the provisioned storage are "
                                     "free)"),
               ("log_gb", "GB of log exports and enhanced-monitoring data per month (CloudWatch Logs)"),),
        nl=NLNames("db", app_data=True, words=(
            # "a mySQL instance" is one database, not a database and a VM; "PostgresSQL" a common spelling
            W("*", r"(?:aurora |rds |amazon rds for |azure database for |azure-database-for-|cloud sql (?:for )?)?"
                   r"(?:postgres{1,2}(?:s?ql)?|postgre ?sql|postgre|psql)"
                   r"(?:[ -](?:db |database )?(?:instances?|servers?))?", variant="postgres"),
            W("*", r"(?:aurora |rds |amazon rds for |azure database for |azure-database-for-|cloud sql (?:for )?)?"
                   r"mysql(?:[ -](?:db |database )?(?:instances?|servers?))?",
              variant="mysql"),
            W("*", r"(?:rds )?(?:mariadb|maria db)(?:[ -](?:db |database )?(?:instances?|servers?))?",
              variant="mariadb"),
            W("en", r"aws_db_instance|aws_rds_cluster|(?:rds|db|database) instances?|relational databases?"
                    r"|databases?|rds|sql servers?|\bdbs?\b|aurora(?: (?:db )?clusters?)?"),
            W("es", r"instancias? (?:de )?(?:rds|bases? de datos)|bases? de datos"
                    r"|base(?= postgres| mysql| mariadb| sql| relationnelle)"),
            W("fr", r"bases? de donnees"),
            W("de", r"datenbank(?:en)?"),
            W("en", r"cloud sql(?: instances?)?|flexible servers?|azure database"),
        )),
        variants=("postgres", "mysql", "mariadb"), variant_required=True,
        attrs=(
            _physical_name("database"),
            A("version", TStr("an engine version string"),
              variant_default=(("postgres", "16"), ("mysql", "8.0"), ("mariadb", "10.11"))),
            A("instance", TStr("an instance type", check="instance:db"),
              cloud_default=(("aws", "db.t4g.medium"), ("azure", "Standard_D2ds_v5"), ("gcp", "db-custom-2-4096"))),
            _size("database"),
            A("storage", TQty("GB", min=20, max=65536), default=20),
            A("storage_type", TEnum(("gp3", "io1", "io2")),
              doc="default: io1 when `iops` is set, else gp3 (then `iops`/`throughput` above the baseline)"),
            A("iops", TInt(1000, 256000)),
            A("throughput", TInt(125, 4000), doc="gp3 storage throughput in MiB/s"),
            A("multi_az", TBool(), default=False, control="Multi-AZ database"),
            A("backup", TQty("days", min=0, max=35), default=7, control="database backups"),
            A("deletion_protection", TBool(), default=True),
            A("encryption", ENCRYPTION, default=True),
            A("tls", TBool(), default=True),
            A("public", TBool(), default=False),
            A("logs", TBool(), default=True),
            A("network", NETWORK_REF),
        ),
    ),
    KindSpec(
        "table", "A NoSQL key-value table (DynamoDB / Cosmos DB Table API).",
        stores_data=True,
        usage=(("size_gb", "GB stored"),
               ("load_rps", "requests per second"),
               ("monthly_requests", "requests per month"),
               ("monthly_read_requests", "read request units per month"),
               ("monthly_write_requests", "write request units per month"),),
        nl=NLNames("items", app_data=True, load_rank=1, words=(
            W("en", r"aws_dynamodb_table|dynamo ?db(?:[- ]tables?)?|dynamo|cosmos ?db|nosql tables?"
                    r"|key[- ]value tables?|tables?"),
            W("es", r"tablas?"),
            W("de", r"tabellen?"),
            W("*", r"\(?api table\)?|table api"),
            W("en", r"(?:cloud )?firestore(?:[- ](?:databases?|collections?))?"),  # Google's key-document store
        )),
        attrs=(
            _physical_name("table"),
            A("partition_key", TStr(), default="id"),
            A("sort_key", TStr()),
            A("billing", TEnum(("on_demand", "provisioned")), default="on_demand"),
            A("read_capacity", TInt(1, 40000)),
            A("write_capacity", TInt(1, 40000)),
            A("pitr", TBool(), default=True, control="point-in-time recovery"),
            A("encryption", ENCRYPTION, default=True),
            A("deletion_protection", TBool(), default=True),
            A("size", TQty("GB", min=0)),
            LOAD,
        ),
    ),
    KindSpec(
        "cache", "An in-memory cache (ElastiCache / Azure Cache for Redis).",
        needs_network=(NeedsNetwork("aws"), NeedsNetwork("gcp")),  # ElastiCache; Memorystore
        stores_data=True,
        usage=(("nodes", "cache nodes"),),
        nl=NLNames("cache", app_data=True, variant_bases=(("redis", "redis"), ("memcached", "memcache"),
                                                           ("valkey", "valkey")), words=(
            W("*", r"(?:(?:elasticache|memorystore|azure cache) (?:for )?)?redis"
                   r"(?: (?:cache )?(?:clusters?|instances?|nodes?))?",
              variant="redis"),
            W("*", r"(?:elasticache (?:for )?)?memcached?(?: (?:clusters?|instances?))?", variant="memcached"),
            W("*", r"(?:elasticache (?:for )?)?valkey(?: (?:clusters?|instances?))?", variant="valkey"),
            W("en", r"aws_elasticache_(?:cluster|replication_group)|elasticache(?: (?:clusters?|instances?))?"
                    r"|caches?|in-memory cache"),
            W("es", r"cache en memoria"),
            W("en", r"memorystore(?: instances?)?"),
        )),
        variants=("redis", "memcached", "valkey"), variant_required=True,
        attrs=(
            A("instance", TStr("an instance type", check="instance:cache"),
              cloud_default=(("aws", "cache.t4g.small"), ("azure", "C1"), ("gcp", "1gb"))),
            _size("cache"),
            A("nodes", TInt(1, 90), default=1),
            A("version", TStr(), variant_default=(("redis", "7.1"), ("memcached", "1.6"), ("valkey", "8.0"))),
            A("encryption", ENCRYPTION, default=True),
            A("tls", TBool(), default=True),
            A("auth", TBool(), default=True),
            A("multi_az", TBool(), default=False, control="Multi-AZ cache"),
            A("backup", TQty("days", min=0, max=35), default=1, control="cache backups"),
            A("network", NETWORK_REF),
        ),
    ),
    KindSpec(
        "queue", "A message queue (SQS / Service Bus queue).",
        stores_data=True,
        usage=(("load_rps", "requests per second"),
               ("monthly_requests", "requests per month"),
               ("request_size_kb", "mean message size in KB (each 64 KB chunk is billed as one request)"),),
        nl=NLNames("jobs", app_data=True, variant_bases=(("dlq", "dead_letters"),), words=(
            W("en", r"dead[- ]letter(?: queues?)?|dlqs?", variant="dlq"),
            W("es", r"colas? de mensajes fallidos", variant="dlq"),
            W("fr", r"files? de lettres mortes", variant="dlq"),
            W("de", r"dead-letter-queues?", variant="dlq"),
            W("en", r"aws_sqs_queue|sqs(?:[- ]queues?)?|service bus queues?|message queues?|queues?"),
            W("es", r"colas?"),
            W("fr", r"files? d'attente|files?(?= sqs| fifo| qui| de messages)"),
            # "file" after a French article or number ("deux files abonnées"), never the English word
            W("fr", r"(?:(?<=une )|(?<=des )|(?<=les )|(?<=la )|(?<=deux )|(?<=trois )|(?<=quatre )|(?<=chaque ))"
                    r"files?"),
            W("de", r"warteschlangen?|sqs-warteschlangen?"),
        )),
        attrs=(
            _physical_name("queue"),
            A("fifo", TBool(), default=False),
            A("encryption", ENCRYPTION, default=True),
            A("retention", TQty("days", min=1 / 1440, max=14), default=4),
            A("visibility_timeout", TQty("seconds", min=0, max=43200), default=30),
            A("dead_letter", TRef(("queue",))),
            A("max_receives", TInt(1, 1000), default=5),
            LOAD,
        ),
    ),
    KindSpec(
        "topic", "A pub/sub topic (SNS / Service Bus topic).",
        stores_data=True,
        usage=(("load_rps", "publishes per second"),
               ("monthly_requests", "publishes per month"),
               ("request_size_kb", "mean message size in KB (64 KB chunks; FIFO payload GB)"),),
        nl=NLNames("events", app_data=True, words=(
            W("en", r"aws_sns_topic|sns(?:[- ]topics?)?|pub/?sub topics?|topics?|event grid|service bus topics?"),
            W("es", r"temas?(?= sns)"),
            W("fr", r"sujets?(?= sns)"),
            # Service Bus topics in Azure's own translations: "rubrique", "tema", "Thema"
            W("*", r"rubriques?(?= service bus| sns)|temas?(?= de service bus)|service-bus-themen?"),
        )),
        attrs=(
            A("fifo", TBool(), default=False),
            A("encryption", ENCRYPTION, default=True),
            A("subscribers", TList(TRef(("queue", "function"))), default=[]),
            LOAD,
        ),
    ),
    KindSpec(
        "function", "A serverless function (Lambda / Function App).",
        usage=(("load_rps", "invocations per second"),
               ("monthly_requests", "invocations per month"),
               ("duration_ms", "mean duration of one invocation in milliseconds"),
               ("log_gb", "GB of logs written per month (CloudWatch Logs)"),),
        nl=NLNames("fn", load_rank=6, words=(
            W("en", r"aws_lambda_function|lamb?das?(?:[- ]functions?|[- ]funktion(?:en)?)?|azure functions?"
                    r"|function apps?"
                    r"|serverless functions?|functions?|cloud functions?"),
            W("es", r"funcion(?:es)?(?: lambda| serverless)?"),
            W("fr", r"fonctions?(?: serverless| lambda)?"),
            W("de", r"funktion(?:en)?"),
        )),
        attrs=(
            A("runtime", TEnum(("python3.13", "python3.12", "python3.11", "python3.10", "nodejs22.x",
                                "nodejs20.x", "java21", "java17", "dotnet8", "ruby3.3", "provided.al2023")),
              default="python3.12"),
            A("memory", TQty("GB", min=0.125, max=10), default=0.5),
            A("timeout", TQty("seconds", min=1, max=900), default=30),
            A("arch", TEnum(("x86_64", "arm64")), default="x86_64"),
            A("handler", TStr(), default="main.handler"),
            A("code", TStr("a path to the code", check="path"), default="src"),
            A("trigger", TRef(("queue", "topic", "bucket", "table"))),
            A("schedule", TStr("a schedule such as \"rate(5 minutes)\" or \"cron(0 3 * * ? *)\"", check="schedule")),
            A("concurrency", TInt(1, 10000)),
            A("tracing", TBool(), default=True),
            A("network", NETWORK_REF),
            A("uses", TList(TRef()), default=[]),
            LOAD,
        ),
    ),
    KindSpec(
        "service", "A long-running container service (ECS Fargate / Container Apps).",
        needs_network=(NeedsNetwork("aws"),),  # Fargate tasks; Container Apps and Cloud Run need none
        usage=(("load_rps", "requests per second"),
               ("capacity_rps", "requests one replica serves"),
               ("replicas", "expected replicas"),
               ("log_gb", "GB of container logs per month (CloudWatch Logs)"),),
        nl=NLNames("api", load_rank=7, words=(
            W("en", r"containeri[sz]ed (?:apis?|services?|apps?)|container apps?|container[- ]services?|containers?"
                    r"|microservices?|micro-services?|web ?apps?|web-apps?|web applications?|app service|fargate"
                    r"|ecs services?|ecs|aws_ecs_service|\bapis?\b(?![\s-](?:endpoints?|endpunkte?|server\b|zugriff))"
                    r"|web services?|rest apis?|graphql apis?"),
            W("es", r"microservicios?|aplicaci?on(?:es)? web|contenedor(?:es)?"),
            W("fr", r"applications? web|conteneurs?|conteneurisee?s?|websites? dynamiques?"),
            W("de", r"container-dienste?|containerisierte?n? apis?|webanwendungen?"),
            W("en", r"cloud run(?: services?)?|(?:azure )?container instances?|\baci\b|(?:elastic )?beanstalk"),
            # weak: a resource only when the request names no service outright ("a mobile game backend")
            W("en", r"workers?|backend services?|backends?|frontends?", weak=True),
            W("es", r"trabajador(?:es)?", weak=True),
            # a plain "service" is one when its container image follows: "checkout service (image acme/x:5)"
            W("*", r"(?:services?|servicios?|dienste?)(?=(?:\s+(?:de|du|des|fur|for)\s+[a-z-]+)?\s*(?:\(|,|:)?\s*"
                   r"(?:with |con |avec |mit )?"
                   r"(?:the |la |l'|el |dem |das )?(?:container |docker )?(?:images?|imagen|image docker)\b)",
              weak=True),
        )),
        variants=("container",), default_variant="container",
        attrs=(
            A("image", TStr("a container image", check="image"), required=True, example='"ghcr.io/acme/api:1.0"'),
            A("cpu", TQty("vcpu", min=0.25, max=16), default=0.5),
            A("memory", TQty("GB", min=0.5, max=120), default=1),
            A("replicas", TCount(0, 1000), default={"min": 2, "max": 2}),
            A("capacity", TQty("rps", min=0), doc="requests one replica serves (scaling model input)"),
            A("port", TInt(1, 65535), default=8080),
            A("expose", TEnum(("https", "http", "internal")), default="internal"),
            A("health_path", TStr(), default="/health"),
            A("arch", TEnum(("x86_64", "arm64")), default="x86_64"),
            A("logs", TBool(), default=True),
            A("env", TMap(), default={}),
            A("secrets", TList(TRef(("secret",))), default=[]),
            A("network", NETWORK_REF),
            A("uses", TList(TRef()), default=[]),
            LOAD,
        ),
    ),
    KindSpec(
        "vm", "Virtual machines: a fixed count or an autoscaling group (EC2 / VMSS).",
        needs_network=(NeedsNetwork("aws"), NeedsNetwork("azure"), NeedsNetwork("gcp")),
        usage=(("load_rps", "requests per second"),
               ("count", "expected instance count"),
               ("cpu_credit_vcpu_hours", "surplus vCPU-hours per month of all instances (burstable, unlimited mode)"),),
        nl=NLNames("vms", load_rank=4, words=(
            W("en", r"aws_instance|virtual machines?|\bvms?\b|ec2(?: instances?)?|instances?|servers?"
                    r"|bastion(?: hosts?)?"
                    r"|hosts?|jump ?boxe?s?"),
            # weak: a group of VMs is the VMs the request counts when it names them ("a scale set of 2 VMs")
            W("en", r"(?:vm |virtual machine )?scale sets?|vmss|auto ?scaling groups?", weak=True),
            W("de", r"auto-scaling-gruppen?", weak=True),
            W("es", r"maquinas? virtuales|instancias?|servidor(?:es)?"),
            W("fr", r"machines? virtuelles?|serveurs?"),
            W("de", r"virtuellen? maschinen?|ec2-instanz(?:en)?|instanz(?:en)?|servern"),
        )),
        attrs=(
            A("instance", TStr("an instance type", check="instance:vm"), required=True, example='"t3.medium"',
              instead="size"),
            _size("virtual machine"),
            A("count", TCount(0, 1000), default={"min": 1, "max": 1}),
            A("disk", TQty("GB", min=1, max=65536), default=20),
            A("disk_type", TEnum(("gp3", "gp2", "io1", "io2", "st1", "sc1")), default="gp3"),
            A("disk_iops", TInt(100, 256000), doc="provisioned IOPS (gp3: above the 3,000 included; io1/io2)"),
            A("disk_throughput", TInt(125, 2000), doc="gp3 throughput in MiB/s (125 included)"),
            A("cpu_credits", TEnum(("standard", "unlimited")),
              doc="burstable (t*) types; default: AWS's (t2 standard, t3/t3a/t4g unlimited)"),
            A("purchase", TEnum(("on_demand", "reserved_1y", "reserved_3y", "savings_plan_1y", "savings_plan_3y")),
              default="on_demand",
              doc="pricing option of the instances (cost only; reserved_1y: standard, no upfront)"),
            A("image", TStr(), default="al2023"),
            A("encryption", ENCRYPTION, default=True),
            A("public", TBool(), default=False),
            A("ssh_from", TStr("an IPv4 CIDR block", check="cidr")),
            A("rdp_from", TStr("an IPv4 CIDR block", check="cidr")),
            A("monitoring", TBool(), default=True, control="detailed monitoring"),
            A("network", NETWORK_REF),
            A("uses", TList(TRef()), default=[]),
            LOAD,
        ),
    ),
    KindSpec(
        "load_balancer", "A load balancer (ALB/NLB / Application Gateway).",
        # an Application Gateway needs a dedicated subnet; a public Standard Load Balancer does not
        needs_network=(NeedsNetwork("aws"), NeedsNetwork("azure", unless=(("type", "network"), ("public", True)))),
        usage=(("load_rps", "requests per second"),
               ("lcu", "average load balancer capacity units"),
               ("processed_gb", "GB processed by the load balancer per month (GCP proxy data)"),
               ("waf_rules", "WAF rules"),
               ("waf_log_gb", "GB of WAF logs per month (CloudWatch Logs)"),
               ("log_gb", "GB of access logs per month (S3)"),),
        nl=NLNames("lb", singleton=True, load_rank=5, words=(
            W("en", r"aws_lb|aws_alb|application load balancers?|network load balancers?|load[- ]balancers?|albs?|nlbs?"
                    r"|elbs?|application gateway|load-balancer"),
            # the type is part of the name in every language ("de red", "réseau", "Netzwerk-")
            W("es", r"balanceador(?:es)?(?: de carga)?(?: de (?:red|aplicaci?on(?:es)?))?"),
            W("fr", r"(?:repartiteurs?|equilibreurs?|balanceurs?) de charge(?: (?:de |d')?(?:reseau|applications?))?"),
            W("de", r"(?:(?:netzwerk|anwendungs|network|application)-)?(?:load-balancer|loadbalancer)"
                    r"|lastverteiler[ns]?|lastausgleicher"),
        )),
        attrs=(
            A("type", TEnum(("application", "network")), default="application"),
            A("public", TBool(), default=False),
            A("protocol", TEnum(("https", "http", "tls", "tcp")), default="https"),
            A("port", TInt(1, 65535), default=443),
            A("targets", TList(TRef(("service", "vm", "function"))), default=[]),
            A("access_logs", TBool(), default=True, control="load balancer access logs"),
            A("waf", TBool(), default=False, control="WAF"),
            A("deletion_protection", TBool(), default=True),
            A("network", NETWORK_REF),
            LOAD,
        ),
    ),
    KindSpec(
        "cdn", "A content delivery network in front of a bucket, load balancer or service.",
        usage=(("load_rps", "requests per second"),
               ("monthly_requests", "HTTPS requests per month"),
               ("transfer_gb", "GB transferred out per month"),
               ("waf_rules", "WAF rules"),
               ("waf_log_gb", "GB of WAF logs per month (CloudWatch Logs)"),
               ("log_gb", "GB of standard logs per month (S3)"),),
        nl=NLNames("cdn", singleton=True, load_rank=3, words=(
            W("en", r"aws_cloudfront_distribution|cdn|cloudfront|front door|content delivery network"),
            W("es", r"red de entrega de contenidos"),
        )),
        attrs=(
            A("origin", TRef(("bucket", "load_balancer", "service")), required=True, example="site"),
            A("https_only", TBool(), default=True),
            A("min_tls", TEnum(("TLSv1.2_2021", "TLSv1.2_2019", "TLSv1")), default="TLSv1.2_2021"),
            A("price_class", TEnum(("PriceClass_100", "PriceClass_200", "PriceClass_All")), default="PriceClass_100"),
            A("waf", TBool(), default=False, control="CDN WAF"),
            A("logging", TBool(), default=True),
            A("transfer", TQty("GB", min=0), doc="expected data transfer out per month"),
            LOAD,
        ),
    ),
    KindSpec(
        "audit", "An audit trail of management (and data) events (CloudTrail / Activity Log export).",
        control="audit trail",
        stores_data=True,
        usage=(("monthly_data_events", "CloudTrail data events per month"),
               ("monthly_management_events", "management events per month (billed on a second trail's copy)"),
               ("log_gb", "GB of trail log files per month (S3 and CloudWatch Logs)"),),
        nl=NLNames("trail", singleton=True, words=(
            W("en", r"aws_cloudtrail|cloudtrail|audit(?:[- ]logs?|[- ]trail|[- ]logging)?|activity logs?"),
            W("es", r"registros? de auditoria|auditoria"),
            W("fr", r"journal d'audit|journaux d'audit|journal d'activite|journaux d'activite"),
            W("de", r"audit-logs?|prufprotokolle?|activity-logs?(?:-exports?)?|aktivitatsprotokolle?"),
            W("es", r"registros? de actividad"),
        )),
        attrs=(
            A("retention", TQty("days", min=1), default=365),
            A("log_validation", TBool(), default=True),
            A("multi_region", TBool(), default=True),
            A("data_events", TBool(), default=True, control="audit data events"),
            A("encryption", ENCRYPTION, default=True),
            A("bucket", TRef(("bucket",))),
        ),
    ),
)


def _with_common(k: KindSpec) -> KindSpec:
    from dataclasses import replace

    return replace(k, attrs=k.attrs + COMMON)


# the core kinds, then the pattern library's (compiler/kinds_<topic>.py)
_ALL = _KINDS + APP_SERVICE_KINDS + PLATFORM_KINDS + DATA_SERVICE_KINDS
KINDS: dict[str, KindSpec] = {k.name: _with_common(k) for k in _ALL}


def kind(name: str) -> KindSpec | None:
    return KINDS.get(name)


def kinds_with(*traits: str) -> frozenset[str]:
    """The names of the kinds that have every one of `traits` (see schema.TRAITS)."""
    unknown = set(traits) - set(TRAITS)
    if unknown:
        raise ValueError(f"unknown kind trait(s): {sorted(unknown)}")
    return frozenset(k.name for k in KINDS.values() if set(traits) <= set(k.traits))


def kinds_with_attr(attr: str) -> frozenset[str]:
    """The names of the kinds that accept attribute `attr`."""
    return frozenset(k.name for k in KINDS.values() if k.attr(attr) is not None)
