"""Application-service kinds (issue 22): ETL jobs, model endpoints, API gateways, volumes and
file systems. Pure data like kinds.py, which concatenates APP_SERVICE_KINDS into its registry.

Defaults are secure: encryption at rest on (a referenced key where the file names one), auth on
API gateways, access logs and throttling on, file systems and endpoints inside a network.
"""

from __future__ import annotations

from dataclasses import replace

from .schema import AttrSpec as A
from .schema import KindSpec, NeedsNetwork, NLNames, TBool, TCount, TEnum, TInt, TList, TQty, TRef, TStr, TUnion
from .schema import Words as W

_ENCRYPTION = TUnion((TBool(), TRef(("key",))))
_NETWORK = TRef(("network",))
_EBS_TYPES = ("gp3", "gp2", "io1", "io2", "st1", "sc1")

ETL_JOB = KindSpec(
    "etl_job", "A batch ETL job between buckets, databases or tables (Glue job, crawler and security "
               "configuration).",
    usage=(("runs_per_month", "job runs per month (default: from `schedule`)"),
           ("run_hours", "mean duration of one run in hours"),
           ("crawler_hours", "crawler run time per month in hours (billed per DPU-hour)"),
           ("log_gb", "GB of continuous logs per month (CloudWatch Logs)"),),
    nl=NLNames("etl", words=(
        W("en", r"glue(?:[- ]etl)?(?:[- ]jobs?)?|etl(?:[- ]jobs?| pipelines?)?|data factory(?: pipelines?)?"
                r"|spark jobs?"),
        W("es", r"trabajos? (?:de )?etl|trabajos? glue"),
        W("fr", r"jobs? etl|taches? etl"),
        W("de", r"etl-jobs?|etl-auftrage?"),
    )),
    unsupported=(("azure", "a Data Factory pipeline runs copy activities, not a Spark script, and no "
                           "Data Factory price is cited; declare the pipeline in ARM by hand"),),
    attrs=(
        A("source", TRef(("bucket", "database", "table")), required=True, example="raw",
          doc="where the job reads"),
        A("target", TRef(("bucket", "database", "table")), required=True, example="curated",
          doc="where the job writes (the crawler catalogues it when it is a bucket)"),
        A("script", TStr("an object key"), default="scripts/etl.py",
          doc="the job script's key in `script_bucket` (default: the source bucket)"),
        A("script_bucket", TRef(("bucket",)), doc="the bucket holding the script"),
        A("worker_type", TEnum(("G.025X", "G.1X", "G.2X", "G.4X", "G.8X")), default="G.1X",
          doc="Glue worker size: G.1X = 1 DPU, G.2X = 2 DPU ..."),
        A("workers", TInt(2, 299), default=2),
        A("glue_version", TEnum(("5.0", "4.0", "3.0")), default="5.0"),
        A("schedule", TStr("a schedule such as \"cron(0 2 * * ? *)\"", check="schedule"),
          doc="when the job runs (a scheduled trigger); absent: on demand"),
        A("timeout", TQty("seconds", min=60, max=172800), default=7200,
          doc="a run is stopped after this long (bounds the cost of a stuck job)"),
        A("crawler", TBool(), default=True, doc="a crawler catalogues the target bucket after each run"),
        A("encryption", _ENCRYPTION, default=True,
          doc="a security configuration encrypts S3 output, logs and job bookmarks"),
        A("logs", TBool(), default=True, doc="continuous logging to CloudWatch Logs"),
    ),
)

MODEL_ENDPOINT = KindSpec(
    "model_endpoint", "A real-time model endpoint (SageMaker model, endpoint configuration and endpoint).",
    usage=(("count", "expected instance count"),),
    nl=NLNames("model", words=(
        W("en", r"sagemaker(?:[- ]endpoints?)?|model endpoints?|inference endpoints?|model serving"
                r"|ml endpoints?|azure ml(?: online)? endpoints?"),
        W("es", r"endpoints? de (?:sagemaker|modelo|inferencia)"),
        W("fr", r"points? de terminaison (?:de )?modeles?|endpoints? (?:de )?modeles?"),
        W("de", r"sagemaker-endpunkte?|modell-endpunkte?|inferenz-endpunkte?"),
    )),
    unsupported=(("azure", "Azure ML online endpoints need a workspace ADL does not model, and no "
                           "Azure ML price is cited"),),
    attrs=(
        A("image", TStr("a container image", check="image"), required=True,
          example='"763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311"'),
        A("model_data", TStr("an s3:// URL of the model artifact"),
          doc="the model artifact (model.tar.gz); absent: the image holds the model"),
        A("instance", TStr("a SageMaker instance type such as \"ml.m5.xlarge\""), default="ml.m5.large"),
        A("count", TCount(1, 100), default={"min": 1, "max": 1},
          doc="instances; a range `2..6` autoscales on invocations per instance"),
        A("encryption", _ENCRYPTION, default=True, doc="the endpoint's storage volume and the artifact"),
        A("isolation", TBool(), default=True, doc="network isolation: the container makes no outbound calls"),
        A("network", _NETWORK),
        A("load", TQty("rps", min=0), doc="expected invocations per second"),
    ),
)

API_GATEWAY = KindSpec(
    "api_gateway", "An HTTPS API in front of functions and services (API Gateway HTTP/REST / API "
                   "Management, consumption).",
    usage=(("load_rps", "requests per second"),
           ("monthly_requests", "requests per month"),
           ("log_gb", "GB of access logs per month (CloudWatch Logs)"),),
    nl=NLNames("gateway", singleton=True, words=(
        # an HTTP API drawn in front of its backend ("HTTP API (IAM auth) -> Lambda") is API Gateway's
        W("en", r"api[- ]gateways?|http apis?(?= in front| for| on| routing| proxying| fronting"
                r"|\s*(?:\([^)]{0,30}\)\s*)?(?:->|→|=>))|api management|apim|rest api gateways?|apigw"),
        W("es", r"pasarelas? (?:de )?api|api gateway"),
        W("fr", r"passerelles? (?:d')?api"),
        W("de", r"api-gateways?"),
    )),
    attrs=(
        A("type", TEnum(("http", "rest")), default="http", doc="HTTP API (cheaper) or REST API (WAF, caching)"),
        A("targets", TList(TRef(("function", "service"))), default=[],
          doc="the backends; one target takes every path, several get /<name>/..."),
        A("auth", TEnum(("iam", "jwt", "none")), default="iam",
          doc="who may call: SigV4 (IAM), a JWT authorizer, or anyone"),
        A("issuer", TStr("an https:// issuer URL"), doc="the JWT issuer (auth = jwt)"),
        A("audience", TStr(), doc="the JWT audience (auth = jwt)"),
        A("throttle", TQty("rps", min=1), default=100, doc="steady-state request limit of the stage"),
        A("burst", TInt(1, 10000), default=200),
        A("access_logs", TBool(), default=True),
        A("log_retention", TQty("days", min=1), default=365),
        A("waf", TBool(), default=False, doc="a WAF web ACL (REST APIs only)"),
        A("load", TQty("rps", min=0), doc="expected steady request rate (usage for cost)"),
    ),
)

VOLUME = KindSpec(
    "volume", "Block storage disks (EBS volumes / managed disks), attached to a vm or standalone.",
    stores_data=True,
    usage=(("count", "instances of the vm the disks attach to"),),
    nl=NLNames("disks", words=(
        W("en", r"ebs volumes?|managed disks?|data disks?|extra disks?|block storage|disks?|volumes?"),
        W("es", r"volumen(?:es)?|discos?(?: adicionales| extra)?"),
        W("fr", r"disques?(?: supplementaires)?|volumes?"),
        W("de", r"festplatten?|datentrager|volumes?"),
    )),
    attrs=(
        A("vm", TRef(("vm",)), doc="the vm the disks attach to (each of its instances gets `count`)"),
        A("size", TQty("GB", min=1, max=65536), required=True, example="500 GB"),
        A("count", TInt(1, 16), default=1, doc="disks per instance"),
        A("type", TEnum(_EBS_TYPES), default="gp3"),
        A("iops", TInt(100, 256000), doc="provisioned IOPS (gp3: above the 3,000 included; io1/io2)"),
        A("throughput", TInt(125, 2000), doc="gp3 throughput in MiB/s (125 included)"),
        A("encryption", _ENCRYPTION, default=True),
    ),
)

FILE_SYSTEM = KindSpec(
    "file_system", "A shared NFS/SMB file system (EFS with mount targets and an access point / Azure "
                   "Files share).",
    needs_network=(NeedsNetwork("aws"),),  # EFS mount targets; an Azure Files share needs none
    stores_data=True,
    usage=(("size_gb", "GB stored"),
           ("ia_fraction", "fraction of the data in the infrequent-access class (0..1)"),),
    nl=NLNames("files", singleton=True, words=(
        W("en", r"efs|elastic file system|azure files(?: shares?)?|file shares?|shared file systems?"
                r"|network file systems?|file systems?|nfs(?: shares?)?"),
        W("es", r"sistemas? de archivos(?: compartidos?)?"),
        W("fr", r"systemes? de fichiers(?: partages?)?|partages? de fichiers"),
        W("de", r"dateisysteme?|dateifreigaben?"),
    )),
    attrs=(
        A("size", TQty("GB", min=0), doc="expected stored data (cost)"),
        A("one_zone", TBool(), default=False, doc="one-zone storage (cheaper, no zone redundancy)"),
        A("performance", TEnum(("general", "max_io")), default="general"),
        A("throughput_mode", TEnum(("bursting", "elastic", "provisioned")), default="bursting"),
        A("throughput", TInt(1, 10240), doc="provisioned throughput in MiB/s (throughput_mode = provisioned)"),
        A("ia_after", TQty("days", min=1, max=365), default=30,
          doc="days without access before a file moves to infrequent access (rounded up to the "
              "cloud's steps: 1, 7, 14, 30, 60, 90, 180, 270, 365)"),
        A("access_point", TStr("an absolute path"), default="/shared",
          doc="the directory clients mount through the access point (POSIX user 1000)"),
        A("backup", TBool(), default=True),
        A("encryption", _ENCRYPTION, default=True),
        A("network", _NETWORK, doc="mount targets in each private subnet"),
    ),
)

APP_SERVICE_KINDS: tuple[KindSpec, ...] = (ETL_JOB, MODEL_ENDPOINT, API_GATEWAY, VOLUME, FILE_SYSTEM)


# The GCP backend (issue 23) covers the core kinds; these say so once, with their Google counterpart,
# so every stage reports the same ADL5007 on `cloud = gcp` instead of needing a handler.
_GCP_COUNTERPART = {
    "etl_job": "Dataflow or Dataproc",
    "model_endpoint": "Vertex AI endpoints",
    "api_gateway": "API Gateway or Apigee",
    "volume": "Persistent Disk",
    "file_system": "Filestore",
}
APP_SERVICE_KINDS = tuple(
    replace(k, unsupported=k.unsupported + (("gcp", f"the Google backend has no emitter or cited price for it yet "
                                                     f"(counterpart: {_GCP_COUNTERPART[k.name]})"),))
    for k in APP_SERVICE_KINDS
)
