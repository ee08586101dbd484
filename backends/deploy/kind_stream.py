"""stream -> Kinesis data stream (provisioned shards or on-demand, retention, KMS encryption) and,
with `delivery`, a Firehose delivery stream into the bucket through a role of its own."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import names

from .cloud import ignore_missing, is_not_found
from .iam_util import create_role, delete_role
from .providers import Ctx, Provider, always_data, provider

HOURS_PER_DAY = 24


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    k = ctx.c("kinesis")
    name = ctx.named(names.prefixed(ctx.deployment, ctx.name), ctx.pname(limit=128, lower=False))
    kwargs: dict[str, Any] = {"StreamName": name, "Tags": ctx.tags}
    if a.get("shards") is not None:
        kwargs["ShardCount"] = int(a["shards"])
        kwargs["StreamModeDetails"] = {"StreamMode": "PROVISIONED"}
    else:
        kwargs["StreamModeDetails"] = {"StreamMode": "ON_DEMAND"}
    k.create_stream(**kwargs)
    phys["stream"] = name
    desc = k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    phys["arn"] = desc["StreamARN"]
    hours = int(round(float(a["retention"]) * HOURS_PER_DAY))
    if hours > HOURS_PER_DAY:
        k.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=hours)
    if a["encryption"] is not False:
        k.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId=ctx.kms_key() or "alias/aws/kinesis")
    bucket, _ = ctx.ref("delivery")
    if bucket:
        _firehose(ctx, phys, bucket)


def _firehose(ctx: Ctx, phys: dict[str, Any], bucket: dict[str, Any]) -> None:
    bucket_arn = bucket.get("arn") or f"arn:aws:s3:::{bucket['bucket']}"
    stmts: list[dict[str, Any]] = [
        {"Effect": "Allow", "Action": ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords",
                                       "kinesis:ListShards"], "Resource": [phys["arn"]]},
        {"Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                                       "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
         "Resource": [bucket_arn, bucket_arn + "/*"]}]
    if ctx.kms_key():
        stmts.append({"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [ctx.kms_key()]})
    role = create_role(ctx, phys, "delivery_role", "delivery", "firehose.amazonaws.com", stmts)
    name = ctx.named(names.prefixed(ctx.deployment, f"{ctx.name}-delivery"), ctx.pname("delivery", limit=64))
    ctx.c("firehose").create_delivery_stream(
        DeliveryStreamName=name, DeliveryStreamType="KinesisStreamAsSource",
        KinesisStreamSourceConfiguration={"KinesisStreamARN": phys["arn"], "RoleARN": role},
        ExtendedS3DestinationConfiguration={"RoleARN": role, "BucketARN": bucket_arn, "Prefix": f"{ctx.name}/"},
        Tags=ctx.tag_list())
    phys["delivery"] = name


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("delivery"):
        ignore_missing(ctx.c("firehose").delete_delivery_stream, DeliveryStreamName=phys["delivery"])
    delete_role(ctx, phys.get("delivery_role"))
    if phys.get("stream"):
        ignore_missing(ctx.c("kinesis").delete_stream, StreamName=phys["stream"], EnforceConsumerDeletion=True)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        d = ctx.c("kinesis").describe_stream_summary(StreamName=phys["stream"])["StreamDescriptionSummary"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if d.get("StreamStatus") == "DELETING":
        return None
    return {"encrypted": d.get("EncryptionType") == "KMS", "retention_hours": int(d.get("RetentionPeriodHours", 0)),
            "mode": d.get("StreamModeDetails", {}).get("StreamMode")}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"encrypted": a["encryption"] is not False,
            "retention_hours": max(HOURS_PER_DAY, int(round(float(a["retention"]) * HOURS_PER_DAY))),
            "mode": "PROVISIONED" if a.get("shards") is not None else "ON_DEMAND"}


provider(Provider("stream", create, delete, read, expected, holds_data=always_data("a stream's records")))
