"""bucket -> S3 bucket with versioning, KMS encryption, public access block, ownership,
lifecycle, object lock (retention) and server access logging; plus the shared log bucket."""

from __future__ import annotations

from typing import Any

from autodeploy.backends import naming
from autodeploy.backends.aws import access_logs as logs
from autodeploy.backends.aws import bucket as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM

_CLASS_TRANSITION = {"infrequent": (30, "STANDARD_IA"), "intelligent": (0, "INTELLIGENT_TIERING"),
                     "archive": (0, "GLACIER")}


def _common(ctx: TfCtx, n: str, sse: dict[str, Any], public: bool = False, ownership: str = "BucketOwnerEnforced",
            versioning: bool = True) -> None:
    bid = ref("aws_s3_bucket", n, "id")
    ctx.resource("aws_s3_bucket_versioning", n, {
        "bucket": bid, "versioning_configuration": Block({"status": "Enabled" if versioning else "Suspended"})})
    ctx.resource("aws_s3_bucket_server_side_encryption_configuration", n, {
        "bucket": bid,
        "rule": Block({"apply_server_side_encryption_by_default": Block(sse),
                       "bucket_key_enabled": True if sse["sse_algorithm"] == "aws:kms" else None}),
    })
    ctx.resource("aws_s3_bucket_public_access_block", n, {
        "bucket": bid,
        "block_public_acls": not public,
        "block_public_policy": not public,
        "ignore_public_acls": not public,
        "restrict_public_buckets": not public,
    })
    ctx.resource("aws_s3_bucket_ownership_controls", n, {"bucket": bid,
                                                         "rule": Block({"object_ownership": ownership})})


def log_bucket(ctx: TfCtx, n: str) -> None:
    """S3 server access logs, ALB and CloudFront logs can only be delivered to SSE-S3 buckets."""
    ctx.resource("aws_s3_bucket", n, {"bucket": naming.s3_bucket_name(ctx.deployment, "access-logs"),
                                      "force_destroy": False, "tags": {"Name": "access-logs"}})
    # CloudFront standard logging writes with ACLs: only then does the log bucket keep them enabled
    acls = logs.needs_acls(ctx.ir.resources)  # the one model deploy asks too
    _common(ctx, n, {"sse_algorithm": "AES256"}, ownership="BucketOwnerPreferred" if acls else "BucketOwnerEnforced")
    ctx.resource("aws_s3_bucket_lifecycle_configuration", n, {
        "bucket": ref("aws_s3_bucket", n, "id"),
        "rule": Block({"id": "expire-logs", "status": "Enabled", "filter": Block({}),
                       "abort_incomplete_multipart_upload": Block({"days_after_initiation": logs.ABORT_MULTIPART_DAYS}),
                       "expiration": Block({"days": logs.EXPIRE_DAYS}),
                       "noncurrent_version_expiration": Block({"noncurrent_days": logs.NONCURRENT_DAYS})}),
    })
    ctx.data_source("aws_elb_service_account", "current", {})
    ctx.account()
    arn = ref("aws_s3_bucket", n, "arn").text
    doc = ctx.policy_document(f"{n}_bucket", [
        {"sid": "S3ServerAccessLogs", "actions": ["s3:PutObject"], "resources": [Tmpl(f"${{{arn}}}/s3/*")],
         "principals": [("Service", ["logging.s3.amazonaws.com"])],
         "conditions": [("StringEquals", "aws:SourceAccount", [Expr("data.aws_caller_identity.current.account_id")])]},
        {"sid": "LoadBalancerLogs", "actions": ["s3:PutObject"], "resources": [Tmpl(f"${{{arn}}}/lb/*")],
         "principals": [("AWS", [Expr("data.aws_elb_service_account.current.arn")])]},
        {"sid": logs.TLS_ONLY_SID, "effect": "Deny", "actions": ["s3:*"],
         "resources": [Expr(arn), Tmpl(f"${{{arn}}}/*")], "principals": [("*", ["*"])],
         "conditions": [("Bool", "aws:SecureTransport", ["false"])]},
    ])
    ctx.resource("aws_s3_bucket_policy", n, {"bucket": ref("aws_s3_bucket", n, "id"), "policy": doc})


def access_log_bucket(ctx: TfCtx) -> Expr:
    """One bucket per deployment receiving S3 server access logs, ALB and CloudFront logs."""
    label = "autodeploy_access_logs"
    if label not in ctx.flags:
        ctx.flags.add(label)
        log_bucket(ctx, label)
    return ref("aws_s3_bucket", label, "id")


def _cdn_origin(ctx: TfCtx, name: str) -> str | None:
    cdns = ctx.cdns_of.get(name)
    return cdns[0] if cdns else None


@TERRAFORM.register("bucket", primary=("aws_s3_bucket",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    bid = ref("aws_s3_bucket", n, "id")
    retention = r.get("retention")
    ctx.resource("aws_s3_bucket", n, {
        "bucket": r.get("name") or facts.name(ctx.deployment, n),
        "object_lock_enabled": True if retention else None,
        "force_destroy": False,
        "tags": ctx.tags(r),
    })
    versioning = bool(r.get("versioning"))
    if retention and not versioning:
        ctx.diag("ADL5003", r.span_of("versioning"), kind="bucket", name=n, attr="versioning", value="false",
                 reason="S3 object lock (retention) requires versioning; versioning is enabled",
                 hint="drop `versioning = false` or `retention`")
        versioning = True
    key = ctx.key_arn(r)
    cdn = _cdn_origin(ctx, n)
    if not ctx.encrypted(r):
        ctx.diag("ADL5003", r.span_of("encryption"), kind="bucket", name=n, attr="encryption", value="false",
                 reason="S3 encrypts every object; SSE-S3 (AES256) is used", hint="set `encryption = true`")
        sse: dict[str, Any] = {"sse_algorithm": "AES256"}
    elif key is None and cdn:
        # CloudFront OAC cannot decrypt with the AWS-managed aws/s3 key: SSE-S3 for a CDN origin
        sse = {"sse_algorithm": "AES256"}
    else:
        sse = {"sse_algorithm": "aws:kms", "kms_master_key_id": key}
    public = bool(r.get("public")) or bool(r.get("website"))
    _common(ctx, n, sse, public=public, versioning=versioning)
    rule: dict[str, Any] = {"id": "lifecycle", "status": "Enabled", "filter": Block({}),
                            "abort_incomplete_multipart_upload": Block({"days_after_initiation": 7})}
    transitions = []
    if r.get("storage_class") in _CLASS_TRANSITION:
        days, cls = _CLASS_TRANSITION[r.get("storage_class")]
        transitions.append(Block({"days": days, "storage_class": cls}))
    if r.get("archive_after"):
        transitions.append(Block({"days": int(r.get("archive_after")), "storage_class": "GLACIER"}))
    rule["transition"] = transitions or None
    if r.get("expire_after"):
        rule["expiration"] = Block({"days": int(r.get("expire_after"))})
    ctx.resource("aws_s3_bucket_lifecycle_configuration", n, {"bucket": bid, "rule": Block(rule),
                                                              "depends_on": [Expr(f"aws_s3_bucket_versioning.{n}")]})
    if retention:
        ctx.resource("aws_s3_bucket_object_lock_configuration", n, {
            "bucket": bid,
            "rule": Block({"default_retention": Block({"mode": "COMPLIANCE", "days": int(retention)})}),
        })
    if r.get("website"):
        ctx.resource("aws_s3_bucket_website_configuration", n, {
            "bucket": bid, "index_document": Block({"suffix": "index.html"})})
    if r.get("access_logs"):
        ctx.resource("aws_s3_bucket_logging", n, {
            "bucket": bid, "target_bucket": access_log_bucket(ctx), "target_prefix": f"s3/{n}/"})
    ctx.output(f"{n}_bucket_name", bid, f"name of bucket {n}")
