"""The deployment-wide access-log bucket main.tf declares (`autodeploy_access_logs`), built by deploy.

It is not a resource of the file but a part of the deployment, named as main.tf names it
(backends/aws/access_logs.py, which also says who delivers there and under which prefix): the first
delivering resource of a run creates it, every delivering resource records it in its physical ids
(`access_log_bucket`) and grants or configures its own delivery. A rolled-back run removes it when
it created it (`discard`); `release` removes it once no recorded resource uses it (destroy, an apply
removing the last user) when it is empty, and keeps a bucket holding logs, saying so (ADL5960): logs
are evidence, and main.tf would not delete it either (`force_destroy = false`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

from botocore.exceptions import ClientError

from autodeploy.backends.aws import access_logs as facts
from autodeploy.backends.tags import TAG_NAME

from .cloud import Cloud, delete_bucket_with_objects, ignore_missing, is_not_found
from .diagnostics import ddiag
from .providers import Ctx

PHYS_KEY = "access_log_bucket"
# the workers of one wave may reach `ensure` together: one creates, the others find it
_LOCK = threading.Lock()


def bucket_name(deployment: str) -> str:
    return facts.bucket_name(deployment)


def ensure(ctx: Ctx) -> str:
    """The bucket's name, after creating and configuring it when it does not exist yet."""
    name = facts.bucket_name(ctx.deployment)
    with _LOCK:
        if not _exists(ctx.cloud, name):
            _create(ctx, name)
    return name


def _exists(cloud: Cloud, name: str) -> bool:
    try:
        cloud.client("s3").head_bucket(Bucket=name)
    except ClientError as exc:
        if is_not_found(exc) or exc.response.get("Error", {}).get("Code") in ("404", "NoSuchBucket"):
            return False
        raise
    return True


def _create(ctx: Ctx, name: str) -> None:
    s3 = ctx.c("s3")
    kwargs: dict[str, Any] = {"Bucket": name}
    if ctx.cloud.region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": ctx.cloud.region}
    s3.create_bucket(**kwargs)
    ctx.cloud.parts_created.add(name)
    # the deployment's tags (main.tf's default_tags) and main.tf's own Name tag; no resource's tags
    tags = {**ctx.deployment_tags, TAG_NAME: "access-logs"}
    s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in sorted(tags.items())]})
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
    # S3 server access logs, ALB and CloudFront logs are delivered only to SSE-S3 buckets
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    targets = list(ctx.targets.values())
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [{
        "ObjectOwnership": "BucketOwnerPreferred" if facts.needs_acls(targets) else "BucketOwnerEnforced"}]})
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [{
        "ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": ""},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": facts.ABORT_MULTIPART_DAYS},
        "Expiration": {"Days": facts.EXPIRE_DAYS},
        "NoncurrentVersionExpiration": {"NoncurrentDays": facts.NONCURRENT_DAYS}}]})
    arn = f"arn:aws:s3:::{name}"
    # main.tf adds a DenyInsecureTransport statement; deploy's buckets carry none (moto denies every
    # plain-http call under it, the endpoint's own included), this one neither: docs/deploy.md
    _put_policy(ctx, name, [
        {"Sid": "LoadBalancerLogs", "Effect": "Allow", "Principal": {"Service": facts.ELB_LOG_DELIVERY},
         "Action": "s3:PutObject", "Resource": f"{arn}/lb/*"},
    ])


def _put_policy(ctx: Ctx, name: str, statements: list[dict[str, Any]]) -> None:
    ctx.c("s3").put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": statements}))


def grant_s3_source(ctx: Ctx, name: str, prefix: str) -> None:
    """Let S3 server access logging write under `prefix` (one statement per source bucket, from this
    account only: S3 checks the target's policy when logging is turned on)."""
    with _LOCK:
        s3 = ctx.c("s3")
        try:
            doc = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "NoSuchBucketPolicy":
                raise
            doc = {"Version": "2012-10-17", "Statement": []}
        sid = "S3ServerAccessLogs" + hashlib.sha256(prefix.encode()).hexdigest()[:12]  # one per prefix
        if any(s.get("Sid") == sid for s in doc["Statement"]):
            return
        doc["Statement"].append({
            "Sid": sid, "Effect": "Allow", "Principal": {"Service": facts.S3_LOG_DELIVERY},
            "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{name}/{prefix}*",
            "Condition": {"StringEquals": {"aws:SourceAccount": ctx.cloud.account}}})
        _put_policy(ctx, name, doc["Statement"])


def log_bucket_to(ctx: Ctx, phys: dict[str, Any], source: str, prefix: str) -> None:
    """S3 server access logs of bucket `source` into the access-log bucket under `prefix`."""
    name = ensure(ctx)
    phys[PHYS_KEY] = name
    grant_s3_source(ctx, name, prefix)
    ctx.c("s3").put_bucket_logging(Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": name, "TargetPrefix": prefix}})


def log_alb_to(ctx: Ctx, phys: dict[str, Any], prefix: str) -> None:
    """ALB access logs of the load balancer in `phys` into the access-log bucket under `prefix`."""
    name = ensure(ctx)
    phys[PHYS_KEY] = name
    ctx.c("elbv2").modify_load_balancer_attributes(LoadBalancerArn=phys["lb_arn"], Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": name},
        {"Key": "access_logs.s3.prefix", "Value": prefix}])


def discard(cloud: Cloud) -> None:
    """Rollback: the access-log bucket this run created goes, with the logs of what was rolled back."""
    for name in sorted(cloud.parts_created):
        delete_bucket_with_objects(cloud.client("s3"), name)
    cloud.parts_created.clear()


def release(cloud: Cloud, deployment: str, resources: dict[str, dict[str, Any]]) -> list[Any]:
    """Delete the access-log bucket when no recorded resource uses it any more and it holds no log;
    the warnings to show (a bucket kept because it holds logs)."""
    if any(rec.get("physical", {}).get(PHYS_KEY) for rec in resources.values()):
        return []
    name = facts.bucket_name(deployment)
    if not _exists(cloud, name):
        return []
    s3 = cloud.client("s3")
    page = s3.list_object_versions(Bucket=name, MaxKeys=1)
    if page.get("Versions") or page.get("DeleteMarkers"):
        return [ddiag("ADL5960", None, bucket=name)]
    ignore_missing(s3.delete_bucket, Bucket=name)
    return []
