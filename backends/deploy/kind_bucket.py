"""bucket -> S3 bucket + versioning + SSE(-KMS) + public access block + lifecycle + tags."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from autodeploy.backends.aws import access_logs as log_facts
from autodeploy.backends.aws import bucket as facts

from . import access_logs
from .cloud import delete_bucket_with_objects, ignore_missing, is_not_found
from .providers import Ctx, Provider, provider

_CLASS = {"infrequent": "STANDARD_IA", "archive": "GLACIER", "intelligent": "INTELLIGENT_TIERING"}


def create_bucket(ctx: Ctx, name: str, region: str) -> None:
    kwargs: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    ctx.c("s3").create_bucket(**kwargs)


def configure(ctx: Ctx, name: str, versioning: bool, kms_key: str | None, encryption: bool,
              public: bool) -> None:
    s3 = ctx.c("s3")
    s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": ctx.tag_list()})
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        k: not public for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
    if encryption:
        rule: dict[str, Any] = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kms_key} if kms_key else {
            "SSEAlgorithm": "AES256"}
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": rule, "BucketKeyEnabled": bool(kms_key)}]})
    if versioning:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    name = ctx.primary(facts.name(ctx.deployment, ctx.name), ctx.pname())
    create_bucket(ctx, name, ctx.cloud.region)
    phys["bucket"] = name
    phys["arn"] = f"arn:aws:s3:::{name}"
    configure(ctx, name, a["versioning"], ctx.kms_key(), a["encryption"] is not False, a["public"])
    rules = _lifecycle(a)
    if rules:
        ctx.c("s3").put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": rules})
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        access_logs.log_bucket_to(ctx, phys, name, logs)
    if a.get("retention"):
        ctx.warn_feature("object-lock retention", "Object Lock can only be enabled when a bucket is created "
                         "with it and cannot be removed, so autodeploy leaves it to a deliberate manual step",
                         "enable Object Lock by hand if the retention is a legal requirement")


def _lifecycle(a: dict[str, Any]) -> list[dict[str, Any]]:
    rule: dict[str, Any] = {"ID": "autodeploy", "Status": "Enabled", "Filter": {"Prefix": ""}}
    transitions = []
    if a.get("storage_class") in _CLASS and a["storage_class"] != "archive":
        transitions.append({"Days": 0 if a["storage_class"] == "intelligent" else 30,
                            "StorageClass": _CLASS[a["storage_class"]]})
    if a.get("archive_after"):
        transitions.append({"Days": int(a["archive_after"]), "StorageClass": "GLACIER"})
    if transitions:
        rule["Transitions"] = transitions
    if a.get("expire_after"):
        rule["Expiration"] = {"Days": int(a["expire_after"])}
    if a.get("versioning"):
        rule["NoncurrentVersionExpiration"] = {"NoncurrentDays": 90}
    return [rule] if len(rule) > 3 else []


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    a = ctx.resource.attrs
    s3, name = ctx.c("s3"), phys["bucket"]
    configure(ctx, name, False, ctx.kms_key(), a["encryption"] is not False, a["public"])
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={
        "Status": "Enabled" if a["versioning"] else "Suspended"})
    rules = _lifecycle(a)
    if rules:
        s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": rules})
    else:
        ignore_missing(s3.delete_bucket_lifecycle, Bucket=name)
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        access_logs.log_bucket_to(ctx, phys, name, logs)
    elif phys.pop(access_logs.PHYS_KEY, None):
        s3.put_bucket_logging(Bucket=name, BucketLoggingStatus={})


def empty_and_delete(ctx: Ctx, name: str) -> None:
    delete_bucket_with_objects(ctx.c("s3"), name)


def has_objects(ctx: Ctx, name: str) -> bool:
    """One read: does the bucket hold any object version (current or noncurrent)?"""
    try:
        page = ctx.c("s3").list_object_versions(Bucket=name, MaxKeys=1)
    except ClientError as exc:
        if is_not_found(exc):
            return False
        raise
    return bool(page.get("Versions"))


def holds_data(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    return "a bucket holding objects" if phys.get("bucket") and has_objects(ctx, phys["bucket"]) else None


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("bucket"):
        empty_and_delete(ctx, phys["bucket"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    s3, name = ctx.c("s3"), phys["bucket"]
    try:
        s3.head_bucket(Bucket=name)
    except ClientError as exc:
        if is_not_found(exc) or exc.response.get("Error", {}).get("Code") in ("404", "NoSuchBucket"):
            return None
        raise
    ver = s3.get_bucket_versioning(Bucket=name).get("Status", "Disabled") == "Enabled"
    try:
        rules = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"]
        algo = rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
    except ClientError:
        algo = None
    try:
        pab = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
        blocked = all(pab.values())
    except ClientError:
        blocked = False
    return {"versioning": ver, "encryption": algo, "public_access_blocked": blocked}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    enc = a["encryption"]
    algo = None if enc is False else ("aws:kms" if isinstance(enc, dict) else "AES256")
    return {"versioning": a["versioning"], "encryption": algo, "public_access_blocked": not a["public"]}


provider(Provider("bucket", create, delete, read, expected, update,
                  frozenset({"versioning", "public", "encryption", "archive_after", "expire_after", "storage_class",
                             "tags", "size", "load", "access_logs", "data"}),
                  holds_data=holds_data))
