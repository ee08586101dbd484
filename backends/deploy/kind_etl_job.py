"""etl_job -> a Glue role (grants over its source, target and script bucket), a security
configuration, the job, a scheduled trigger, and a crawler that catalogues the target after each
successful run (with its catalog database and conditional trigger)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts

from .cloud import ignore_missing, is_not_found
from .iam_util import create_role, delete_role, grant_statements
from .providers import Ctx, Provider, provider


def _security_configuration(ctx: Ctx, name: str) -> dict[str, Any]:
    key = ctx.kms_key()
    if key:
        return {"S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key}],
                "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key},
                "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": key}}
    ctx.warn_feature("encryption", "without a referenced key, deploy encrypts the job's S3 output with SSE-S3 "
                     "only (main.tf uses the deployment's log key for logs and bookmarks)",
                     "reference a `key` for SSE-KMS everywhere")
    return {"S3Encryption": [{"S3EncryptionMode": "SSE-S3"}]}


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    glue = ctx.c("glue")
    name = ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=255, lower=False))
    stmts = grant_statements(ctx, ("source", "target", "script_bucket")) + [{
        "Sid": "Logs", "Effect": "Allow", "Resource": "*",
        "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]}]
    role = create_role(ctx, phys, "role", "glue", "glue.amazonaws.com", stmts)
    sec = None
    if a["encryption"] is not False:
        sec = name
        glue.create_security_configuration(Name=sec, EncryptionConfiguration=_security_configuration(ctx, sec))
        phys["security_configuration"] = sec
    bucket, _ = ctx.ref("script_bucket")
    if not bucket:
        bucket, _ = ctx.ref("source")
    args = {"--job-bookmark-option": "job-bookmark-enable", "--enable-metrics": "true", "--job-language": "python"}
    if a["logs"]:
        args["--enable-continuous-cloudwatch-log"] = "true"
    job: dict[str, Any] = {
        "Name": name, "Role": role, "GlueVersion": a["glue_version"], "WorkerType": a["worker_type"],
        "NumberOfWorkers": int(a["workers"]), "Timeout": max(1, int(a["timeout"]) // 60),
        "Command": {"Name": "glueetl", "ScriptLocation": f"s3://{(bucket or {}).get('bucket')}/{a['script']}",
                    "PythonVersion": "3"},
        "DefaultArguments": args, "ExecutionProperty": {"MaxConcurrentRuns": 1}, "Tags": ctx.tags}
    if sec:
        job["SecurityConfiguration"] = sec
    glue.create_job(**job)
    phys["job"] = name
    ident = ctx.c("sts").get_caller_identity()
    phys["arn"] = f"arn:aws:glue:{ctx.cloud.region}:{ident['Account']}:job/{name}"
    if a.get("schedule"):
        glue.create_trigger(Name=f"{name}-schedule", Type="SCHEDULED", Schedule=a["schedule"],
                            Actions=[{"JobName": name}], StartOnCreation=True, Tags=ctx.tags)
        phys["schedule_trigger"] = f"{name}-schedule"
    target, _ = ctx.ref("target")
    if a["crawler"] and target and target.get("bucket"):
        glue.create_database(DatabaseInput={"Name": f"{name}-catalog"})
        phys["database"] = f"{name}-catalog"
        crawler: dict[str, Any] = {"Name": f"{name}-crawler", "Role": role, "DatabaseName": f"{name}-catalog",
                                   "Targets": {"S3Targets": [{"Path": f"s3://{target['bucket']}/"}]},
                                   "Tags": ctx.tags}
        if sec:
            crawler["CrawlerSecurityConfiguration"] = sec
        glue.create_crawler(**crawler)
        phys["crawler"] = f"{name}-crawler"
        glue.create_trigger(Name=f"{name}-crawl", Type="CONDITIONAL", StartOnCreation=True,
                            Predicate={"Logical": "AND", "Conditions": [{"LogicalOperator": "EQUALS", "JobName": name,
                                                       "State": "SUCCEEDED"}]},
                            Actions=[{"CrawlerName": f"{name}-crawler"}], Tags=ctx.tags)
        phys["crawl_trigger"] = f"{name}-crawl"
    elif a["crawler"]:
        ctx.warn_feature("crawler", "deploy crawls bucket targets only", "set `crawler = false`")


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    glue = ctx.c("glue")
    for key in ("crawl_trigger", "schedule_trigger"):
        if phys.get(key):
            ignore_missing(glue.delete_trigger, Name=phys[key])
    if phys.get("crawler"):
        ignore_missing(glue.delete_crawler, Name=phys["crawler"])
    if phys.get("database"):
        ignore_missing(glue.delete_database, Name=phys["database"])
    if phys.get("job"):
        ignore_missing(glue.delete_job, JobName=phys["job"])
    if phys.get("security_configuration"):
        ignore_missing(glue.delete_security_configuration, Name=phys["security_configuration"])
    delete_role(ctx, phys.get("role"))


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        job = ctx.c("glue").get_job(JobName=phys["job"])["Job"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc) or "EntityNotFound" in str(exc):
            return None
        raise
    return {"workers": job.get("NumberOfWorkers"), "worker_type": job.get("WorkerType"),
            "encrypted": bool(job.get("SecurityConfiguration"))}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"workers": int(a["workers"]), "worker_type": a["worker_type"], "encrypted": a["encryption"] is not False}


provider(Provider("etl_job", create, delete, read, expected))
