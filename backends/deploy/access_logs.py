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
from collections.abc import Iterable, Mapping
from typing import Any

from botocore.exceptions import ClientError

from autodeploy.backends.aws import access_logs as facts
from autodeploy.backends.tags import TAG_NAME
from autodeploy.compiler.ir import IRResource

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
    _put_declared(s3, name)
    targets = list(ctx.targets.values())
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [{
        "ObjectOwnership": "BucketOwnerPreferred" if facts.needs_acls(targets) else "BucketOwnerEnforced"}]})
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [{
        "ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": ""},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": facts.ABORT_MULTIPART_DAYS},
        "Expiration": {"Days": facts.EXPIRE_DAYS},
        "NoncurrentVersionExpiration": {"NoncurrentDays": facts.NONCURRENT_DAYS}}]})
    _put_policy(s3, name, _declared_statements(name))


def _put_declared(s3: Any, name: str) -> None:
    """The settings drift compares (DECLARED) but the policy, as main.tf declares them."""
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
    # S3 server access logs, ALB and CloudFront logs are delivered only to SSE-S3 buckets
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


LB_LOGS_SID = "LoadBalancerLogs"


def _declared_statements(name: str) -> list[dict[str, Any]]:
    """The policy statements main.tf declares on the bucket itself: ALB log delivery, and its
    DenyInsecureTransport (deploy's own calls on this bucket are bucket-level — policy, logging,
    listing and deleting versions — which the statement leaves alone over HTTPS)."""
    arn = f"arn:aws:s3:::{name}"
    return [{"Sid": LB_LOGS_SID, "Effect": "Allow", "Principal": {"Service": facts.ELB_LOG_DELIVERY},
             "Action": "s3:PutObject", "Resource": f"{arn}/lb/*"}, facts.tls_only_statement(name)]


def _put_policy(s3: Any, name: str, statements: list[dict[str, Any]]) -> None:
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": statements}))


def _statements(s3: Any, name: str) -> list[dict[str, Any]]:
    """The bucket policy's statements; none when it has no policy."""
    try:
        return list(json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"])
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "NoSuchBucketPolicy":
            raise
        return []


def repair(cloud: Cloud, name: str) -> None:
    """`apply --refresh` on a drifted bucket: main.tf's settings again (a deployment from before
    the TLS-only statement, or loosened out of band). The per-source S3 logging grants stay; the
    declared statements replace any of the same Sid."""
    s3 = cloud.client("s3")
    with _LOCK:
        _put_declared(s3, name)
        declared = _declared_statements(name)
        sids = {st["Sid"] for st in declared}
        _put_policy(s3, name, [st for st in _statements(s3, name) if st.get("Sid") not in sids] + declared)


def grant_s3_source(ctx: Ctx, name: str, prefix: str) -> None:
    """Let S3 server access logging write under `prefix` (one statement per source bucket, from this
    account only: S3 checks the target's policy when logging is turned on)."""
    with _LOCK:
        s3 = ctx.c("s3")
        statements = _statements(s3, name)
        sid = "S3ServerAccessLogs" + hashlib.sha256(prefix.encode()).hexdigest()[:12]  # one per prefix
        if any(s.get("Sid") == sid for s in statements):
            return
        statements.append({
            "Sid": sid, "Effect": "Allow", "Principal": {"Service": facts.S3_LOG_DELIVERY},
            "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{name}/{prefix}*",
            "Condition": {"StringEquals": {"aws:SourceAccount": ctx.cloud.account}}})
        _put_policy(s3, name, statements)


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
        # its policy first: the bucket goes anyway, and an emulator that ignores the TLS-only
        # statement's condition (moto) would refuse deleting the logs under it
        ignore_missing(cloud.client("s3").delete_bucket_policy, Bucket=name)
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


# ---- plan and drift: the bucket listed like a resource (Terraform's plan lists aws_s3_bucket.<LABEL>) ----

def recorded(resources: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The access-log bucket the state's resources record, if any."""
    names = sorted({str(n) for rec in resources.values() if (n := rec.get("physical", {}).get(PHYS_KEY))})
    return names[0] if names else None


def planned_op(wanted: Iterable[IRResource], resources: Mapping[str, Mapping[str, Any]]) -> str | None:
    """What a run of the file makes of the bucket: create it (a resource will deliver logs and none
    recorded it yet), delete it (nothing delivers any more; `release` keeps it if it holds logs),
    keep it (`noop`), or nothing at all (None: it neither exists for this state nor is needed)."""
    needed = bool(facts.deliveries(wanted))
    have = recorded(resources) is not None
    if needed:
        return "noop" if have else "create"
    return "delete" if have else None


# the settings drift compares, as main.tf declares them (backends/terraform/emit_bucket.py log_bucket)
DECLARED: dict[str, Any] = {"encryption": "AES256", "versioning": "Enabled", "public_access_blocked": True,
                            "tls_only": True}


def _config(call: Any, key: str, **kwargs: Any) -> Any:
    """One bucket configuration, None when the bucket has none (S3 answers NoSuchBucketPolicy,
    ServerSideEncryptionConfigurationNotFoundError, NoSuchPublicAccessBlockConfiguration...)."""
    try:
        return call(**kwargs)[key]
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if "NotFound" in code or code.startswith("NoSuch"):
            return None
        raise


def observe(cloud: Cloud, name: str) -> dict[str, Any] | None:
    """The bucket's settings as the S3 API reports them; None when the bucket is gone."""
    if not _exists(cloud, name):
        return None
    s3 = cloud.client("s3")
    enc = _config(s3.get_bucket_encryption, "ServerSideEncryptionConfiguration", Bucket=name)
    pab = _config(s3.get_public_access_block, "PublicAccessBlockConfiguration", Bucket=name)
    policy = _config(s3.get_bucket_policy, "Policy", Bucket=name)
    statements = json.loads(policy)["Statement"] if policy else []
    tls = facts.tls_only_statement(name)
    return {
        "encryption": enc["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] if enc else None,
        "versioning": s3.get_bucket_versioning(Bucket=name).get("Status"),
        "public_access_blocked": bool(pab) and all(pab.values()),
        "tls_only": any({k: v for k, v in st.items() if k != "Principal"} ==
                        {k: v for k, v in tls.items() if k != "Principal"} for st in statements),
    }


Drifted = tuple[str, bool, list[tuple[str, Any, Any]]]


def drift(cloud: Cloud, resources: Mapping[str, Mapping[str, Any]]) -> Drifted | None:
    """(bucket, missing, [(setting, declared, observed)]) for the recorded bucket when it drifted."""
    name = recorded(resources)
    if name is None:
        return None
    seen = observe(cloud, name)
    if seen is None:
        return name, True, []
    changes = [(k, want, seen[k]) for k, want in DECLARED.items() if seen[k] != want]
    return (name, False, changes) if changes else None
