"""audit -> CloudTrail trail + its own log bucket (policy for cloudtrail.amazonaws.com) + logging on."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import access_logs as log_facts
from autodeploy.backends.aws import audit as facts

from . import access_logs
from .cloud import ignore_missing, is_not_found
from .kind_bucket import configure, create_bucket, empty_and_delete, has_objects
from .providers import Ctx, Provider, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    s3 = ctx.c("s3")
    ref, _ = ctx.ref("bucket")
    if ref:
        bucket = ref["bucket"]
    else:
        bucket = ctx.named(facts.log_bucket(ctx.deployment, ctx.name), ctx.pname("logs"))
        create_bucket(ctx, bucket, ctx.cloud.region)
        phys["bucket"] = bucket
        configure(ctx, bucket, True, ctx.kms_key(), True, False)
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [{
            "ID": "retention", "Status": "Enabled", "Filter": {"Prefix": ""},
            "Expiration": {"Days": int(a["retention"])}}]})
        # the trail bucket's own access logs, as main.tf's aws_s3_bucket_logging on it
        logs = log_facts.prefix(ctx.resource, ctx.targets.values())
        if logs is not None:
            access_logs.log_bucket_to(ctx, phys, bucket, logs)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": f"arn:aws:s3:::{bucket}"},
        {"Sid": "Write", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/AWSLogs/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}))
    ct = ctx.c("cloudtrail")
    trail = ctx.named(facts.trail_name(ctx.deployment, ctx.name), ctx.pname(limit=128))
    kwargs: dict[str, Any] = dict(Name=trail, S3BucketName=bucket,
                                  IsMultiRegionTrail=a["multi_region"], EnableLogFileValidation=a["log_validation"],
                                  IncludeGlobalServiceEvents=True, TagsList=ctx.tag_list())
    if ctx.kms_key():
        kwargs["KmsKeyId"] = ctx.kms_key()
    out = ct.create_trail(**kwargs)
    phys["trail"], phys["trail_arn"] = out["Name"], out["TrailARN"]
    if a["data_events"]:
        ct.put_event_selectors(TrailName=out["Name"], EventSelectors=[{
            "ReadWriteType": "All", "IncludeManagementEvents": True,
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    ct.start_logging(Name=out["Name"])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("trail"):
        ignore_missing(ctx.c("cloudtrail").delete_trail, Name=phys["trail"])
    if phys.get("bucket"):
        empty_and_delete(ctx, phys["bucket"])


def holds_data(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    # only its own log bucket is deleted with it (a referenced bucket is left alone)
    return "an audit log bucket holding logs" if phys.get("bucket") and has_objects(ctx, phys["bucket"]) else None


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    ct = ctx.c("cloudtrail")
    try:
        trails = ct.describe_trails(trailNameList=[phys["trail"]])["trailList"]
        if not trails:
            return None
        status = ct.get_trail_status(Name=phys["trail"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    t = trails[0]
    return {"logging": status.get("IsLogging", False), "log_validation": t.get("LogFileValidationEnabled", False),
            "multi_region": t.get("IsMultiRegionTrail", False)}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"logging": True, "log_validation": a["log_validation"], "multi_region": a["multi_region"]}


provider(Provider("audit", create, delete, read, expected, holds_data=holds_data))
