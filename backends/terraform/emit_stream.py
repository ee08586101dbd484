"""stream -> Kinesis data stream (provisioned shards or on-demand, KMS encryption with the referenced
key or aws/kinesis), and with `delivery` a Firehose delivery stream reading it into the bucket
(its own least-privilege role, KMS-encrypted objects, delivery errors logged)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Tmpl, ref
from .registry import TERRAFORM

HOURS_PER_DAY = 24


@TERRAFORM.register("stream", primary=("aws_kinesis_stream",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    shards = r.get("shards")
    key = ctx.key_arn(r)
    encrypted = ctx.encrypted(r)
    ctx.resource("aws_kinesis_stream", n, {
        "name": ctx.name(n),
        "shard_count": int(shards) if shards is not None else None,
        "retention_period": int(round(float(r.get("retention")) * HOURS_PER_DAY)),
        "stream_mode_details": Block({"stream_mode": "PROVISIONED" if shards is not None else "ON_DEMAND"}),
        "encryption_type": "KMS" if encrypted else "NONE",
        "kms_key_id": (key or "alias/aws/kinesis") if encrypted else None,
        "tags": ctx.tags(r),
    })
    target = r.get("delivery")
    if isinstance(target, dict) and "ref" in target:
        _firehose(ctx, r, str(target["ref"]))
    ctx.output(f"{n}_arn", ref("aws_kinesis_stream", n, "arn"), f"ARN of stream {n}")


def _firehose(ctx: TfCtx, r: IRResource, bucket: str) -> None:
    n = r.name
    label = f"{n}_delivery"
    ctx.role(label, "firehose.amazonaws.com")
    stream_key = ctx.key_arn(r)
    bucket_res = ctx.get(bucket)
    bucket_key = ctx.key_arn(bucket_res) if bucket_res is not None else None
    statements: list[dict[str, Any]] = [
        {"sid": "ReadStream", "actions": ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords",
                                          "kinesis:ListShards"],
         "resources": [ref("aws_kinesis_stream", n, "arn")]},
        {"sid": "WriteBucket", "actions": ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                                           "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
         "resources": [ref("aws_s3_bucket", bucket, "arn"), Tmpl(f"${{aws_s3_bucket.{bucket}.arn}}/*")]},
        {"sid": "WriteErrors", "actions": ["logs:PutLogEvents"],
         "resources": [Tmpl(f"${{aws_cloudwatch_log_group.{label}.arn}}:*")]},
    ]
    if stream_key is not None:
        statements.append({"sid": "DecryptStream", "actions": ["kms:Decrypt"], "resources": [stream_key]})
    if bucket_key is not None:
        statements.append({"sid": "EncryptObjects", "actions": ["kms:GenerateDataKey", "kms:Decrypt"],
                           "resources": [bucket_key]})
    ctx.role_policy(label, label, statements)
    ctx.log_group(label, Tmpl(f"/aws/kinesisfirehose/${{var.name_prefix}}-{n.replace('_', '-')}"))
    ctx.resource("aws_cloudwatch_log_stream", label, {
        "name": "DestinationDelivery", "log_group_name": ref("aws_cloudwatch_log_group", label, "name")})
    ctx.resource("aws_kinesis_firehose_delivery_stream", label, {
        "name": ctx.name(f"{n}-delivery"),
        "destination": "extended_s3",
        "kinesis_source_configuration": Block({
            "kinesis_stream_arn": ref("aws_kinesis_stream", n, "arn"),
            "role_arn": ref("aws_iam_role", label, "arn")}),
        "extended_s3_configuration": Block({
            "role_arn": ref("aws_iam_role", label, "arn"),
            "bucket_arn": ref("aws_s3_bucket", bucket, "arn"),
            "prefix": f"{n}/",
            "kms_key_arn": bucket_key,
            "cloudwatch_logging_options": Block({
                "enabled": True, "log_group_name": ref("aws_cloudwatch_log_group", label, "name"),
                "log_stream_name": ref("aws_cloudwatch_log_stream", label, "name")}),
        }),
        "tags": ctx.tags(r),
    })
