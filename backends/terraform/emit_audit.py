"""audit -> CloudTrail (log file validation, multi-region, KMS, data events) with its own log
bucket and bucket policy (unless a bucket is referenced), and a CloudWatch log group."""

from __future__ import annotations

from autodeploy.backends.aws import audit as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .emit_bucket import _common, access_log_bucket
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("audit", primary=("aws_cloudtrail",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    key = ctx.key_arn(r) or (ctx.logs_key() if ctx.encrypted(r) else None)
    own = (r.get("bucket") or {}).get("ref")
    blabel = own or f"{n}_trail"
    trail_arn = Tmpl(f"arn:${{data.aws_partition.current.partition}}:cloudtrail:${{var.region}}:"
                     f"${{data.aws_caller_identity.current.account_id}}:trail/${{var.name_prefix}}-"
                     f"{n.replace('_', '-')}")
    ctx.partition()
    ctx.account()
    if not own:
        ctx.resource("aws_s3_bucket", blabel, {"bucket": facts.log_bucket(ctx.deployment, n),
                                               "force_destroy": False, "tags": ctx.tags(r, f"{n}-trail")})
        sse = {"sse_algorithm": "aws:kms", "kms_master_key_id": key} if key else {"sse_algorithm": "AES256"}
        _common(ctx, blabel, sse)
        ctx.resource("aws_s3_bucket_lifecycle_configuration", blabel, {
            "bucket": ref("aws_s3_bucket", blabel, "id"),
            "rule": Block({"id": "retention", "status": "Enabled", "filter": Block({}),
                           "abort_incomplete_multipart_upload": Block({"days_after_initiation": 7}),
                           "expiration": Block({"days": int(r.get("retention"))}),
                           "noncurrent_version_expiration": Block({"noncurrent_days": 30})}),
        })
        ctx.resource("aws_s3_bucket_logging", blabel, {
            "bucket": ref("aws_s3_bucket", blabel, "id"), "target_bucket": access_log_bucket(ctx),
            "target_prefix": f"s3/{blabel}/"})
    barn = ref("aws_s3_bucket", blabel, "arn").text
    doc = ctx.policy_document(f"{blabel}_cloudtrail", [
        {"sid": "CloudTrailAclCheck", "actions": ["s3:GetBucketAcl"], "resources": [Expr(barn)],
         "principals": [("Service", ["cloudtrail.amazonaws.com"])],
         "conditions": [("StringEquals", "aws:SourceArn", [trail_arn])]},
        {"sid": "CloudTrailWrite", "actions": ["s3:PutObject"],
         "resources": [Tmpl(f"${{{barn}}}/AWSLogs/${{data.aws_caller_identity.current.account_id}}/*")],
         "principals": [("Service", ["cloudtrail.amazonaws.com"])],
         "conditions": [("StringEquals", "s3:x-amz-acl", ["bucket-owner-full-control"]),
                        ("StringEquals", "aws:SourceArn", [trail_arn])]},
        {"sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"],
         "resources": [Expr(barn), Tmpl(f"${{{barn}}}/*")], "principals": [("*", ["*"])],
         "conditions": [("Bool", "aws:SecureTransport", ["false"])]},
    ])
    ctx.resource("aws_s3_bucket_policy", f"{blabel}_cloudtrail", {
        "bucket": ref("aws_s3_bucket", blabel, "id"), "policy": doc})
    lg = ctx.log_group(f"{n}_trail", Tmpl(f"/aws/cloudtrail/${{var.name_prefix}}-{n.replace('_', '-')}"),
                       r.get("retention"))
    role = f"{n}_trail"
    ctx.role(role, "cloudtrail.amazonaws.com")
    ctx.role_policy(role, role, [{"actions": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                  "resources": [Tmpl(f"${{{lg.text}}}:log-stream:*")]}])
    selectors = None
    if r.get("data_events"):
        part = "arn:${data.aws_partition.current.partition}"
        selectors = Block({
            "read_write_type": "All", "include_management_events": True,
            "data_resource": [Block({"type": "AWS::S3::Object", "values": [Tmpl(f"{part}:s3")]}),
                              Block({"type": "AWS::Lambda::Function", "values": [Tmpl(f"{part}:lambda")]})]})
    ctx.resource("aws_cloudtrail", n, {
        "name": ctx.name(n),
        "s3_bucket_name": ref("aws_s3_bucket", blabel, "id"),
        "include_global_service_events": True,
        "is_multi_region_trail": bool(r.get("multi_region")),
        "enable_log_file_validation": bool(r.get("log_validation")),
        "kms_key_id": key,
        "cloud_watch_logs_group_arn": Tmpl(f"${{{lg.text}}}:*"),
        "cloud_watch_logs_role_arn": ref("aws_iam_role", role, "arn"),
        "event_selector": selectors,
        "tags": ctx.tags(r),
        "depends_on": [Expr(f"aws_s3_bucket_policy.{blabel}_cloudtrail")],
    })
    ctx.output(f"{n}_trail_arn", ref("aws_cloudtrail", n, "arn"), f"ARN of trail {n}")
