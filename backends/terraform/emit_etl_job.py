"""etl_job -> a Glue job with its role, an encrypting security configuration, a continuous-log
group, a scheduled trigger, and a crawler (with its catalog database) that catalogues the target
after each successful run."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .access import statements
from .context import TfCtx
from .hcl import Block, Expr, Tmpl, ref, template_literal
from .registry import TERRAFORM


def _ref_target(ctx: TfCtx, r: IRResource, attr: str) -> IRResource | None:
    return ctx.get((r.get(attr) or {}).get("ref"))


def _security_configuration(ctx: TfCtx, r: IRResource) -> Expr:
    n = r.name
    key = ctx.key_arn(r)
    # SSE-KMS needs a key: the referenced one, else the deployment's log key for logs and bookmarks
    ctx.resource("aws_glue_security_configuration", n, {
        "name": ctx.name(n),
        "encryption_configuration": Block({
            "cloudwatch_encryption": Block({"cloudwatch_encryption_mode": "SSE-KMS",
                                            "kms_key_arn": key or ctx.logs_key()}),
            "job_bookmarks_encryption": Block({"job_bookmarks_encryption_mode": "CSE-KMS",
                                               "kms_key_arn": key or ctx.logs_key()}),
            "s3_encryption": Block({"s3_encryption_mode": "SSE-KMS" if key else "SSE-S3", "kms_key_arn": key}),
        }),
    })
    return ref("aws_glue_security_configuration", n, "name")


@TERRAFORM.register("etl_job", primary=("aws_glue_job",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    role = f"{n}_glue"
    ctx.role(role, "glue.amazonaws.com", ("service-role/AWSGlueServiceRole",))
    ctx.roles[n] = role
    src, dst = _ref_target(ctx, r, "source"), _ref_target(ctx, r, "target")
    script_bucket = _ref_target(ctx, r, "script_bucket") or src
    stmts: list[dict[str, Any]] = []
    for t in (src, dst, script_bucket):
        if t is not None:
            stmts.extend(s for s in statements(ctx, t, "uses") if s not in stmts)
    ctx.role_policy(f"{n}_data", role, stmts)
    sec = _security_configuration(ctx, r) if ctx.encrypted(r) else None
    args: dict[str, Any] = {"--job-bookmark-option": "job-bookmark-enable", "--enable-metrics": "true",
                            "--job-language": "python"}
    if r.get("logs"):
        lg = ctx.log_group(n, Tmpl(f"/aws-glue/jobs/${{var.name_prefix}}-{n.replace('_', '-')}"), 365)
        ctx.role_policy(f"{n}_logs", role, [{"actions": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                             "resources": [Tmpl(f"${{{lg.text}}}:*")]}])
        args["--enable-continuous-cloudwatch-log"] = "true"
        args["--continuous-log-logGroup"] = ref("aws_cloudwatch_log_group", n, "name")
    assert script_bucket is not None  # compiler/buildable_kinds/etl_job.py (ADL1402)
    script = Tmpl(f"s3://${{aws_s3_bucket.{script_bucket.name}.bucket}}/" + template_literal(str(r.get("script"))))
    ctx.resource("aws_glue_job", n, {
        "name": ctx.name(n),
        "role_arn": ref("aws_iam_role", role, "arn"),
        "glue_version": r.get("glue_version"),
        "worker_type": r.get("worker_type"),
        "number_of_workers": int(r.get("workers")),
        "timeout": max(1, int(r.get("timeout")) // 60),
        "security_configuration": sec,
        "command": Block({"name": "glueetl", "script_location": script, "python_version": "3"}),
        "default_arguments": args,
        "execution_property": Block({"max_concurrent_runs": 1}),
        "tags": ctx.tags(r),
    })
    if r.get("schedule"):
        ctx.resource("aws_glue_trigger", n, {
            "name": ctx.name(f"{n}-schedule"), "type": "SCHEDULED", "schedule": r.get("schedule"),
            "actions": Block({"job_name": ref("aws_glue_job", n, "name")}), "tags": ctx.tags(r)})
    if r.get("crawler") and dst is not None:
        _crawler(ctx, r, dst, role, sec)
    ctx.output(f"{n}_glue_job_name", ref("aws_glue_job", n, "name"), f"Name of Glue job {n}")


def _crawler(ctx: TfCtx, r: IRResource, dst: IRResource, role: str, sec: Expr | None) -> None:
    n = r.name
    if dst.kind == "bucket":
        target = {"s3_target": Block({"path": Tmpl(f"s3://${{aws_s3_bucket.{dst.name}.bucket}}/")})}
    elif dst.kind == "table":
        target = {"dynamodb_target": Block({"path": ref("aws_dynamodb_table", dst.name, "name")})}
    else:
        ctx.diag("ADL5003", r.span_of("crawler"), kind="etl_job", name=n, attr="crawler", value="true",
                 reason=f"crawling the {dst.kind} `{dst.name}` needs a JDBC connection; no crawler is emitted",
                 hint="set `crawler = false`, or catalogue the database by hand")
        return
    ctx.resource("aws_glue_catalog_database", n, {"name": ctx.name(f"{n}-catalog")})
    ctx.resource("aws_glue_crawler", n, {
        "name": ctx.name(f"{n}-crawler"),
        "role": ref("aws_iam_role", role, "arn"),
        "database_name": ref("aws_glue_catalog_database", n, "name"),
        "security_configuration": sec,
        **target,
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_glue_trigger", f"{n}_crawl", {
        "name": ctx.name(f"{n}-crawl"), "type": "CONDITIONAL",
        "predicate": Block({"conditions": Block({"job_name": ref("aws_glue_job", n, "name"), "state": "SUCCEEDED"})}),
        "actions": Block({"crawler_name": ref("aws_glue_crawler", n, "name")}), "tags": ctx.tags(r)})
