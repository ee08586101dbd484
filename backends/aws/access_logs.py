"""The deployment-wide access-log bucket (S3 server access logs, ALB and CloudFront standard logs):
one AWS model for main.tf (backends/terraform/emit_bucket.py, `autodeploy_access_logs`) and deploy
(backends/deploy/access_logs.py), so both build the same bucket under the same physical name and
send the same resources' logs to it under the same prefixes."""

from __future__ import annotations

from collections.abc import Iterable

from autodeploy.backends import naming
from autodeploy.compiler.ir import IRResource

from . import service

LABEL = "autodeploy_access_logs"  # main.tf's resource label
EXPIRE_DAYS = 400  # log objects
NONCURRENT_DAYS = 30
ABORT_MULTIPART_DAYS = 7
# ALB access logs are delivered by this service principal (the regional ELB account in older regions)
ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com"
S3_LOG_DELIVERY = "logging.s3.amazonaws.com"
TLS_ONLY_SID = "DenyInsecureTransport"  # every request over plain HTTP is refused, whoever sends it


def tls_only_statement(bucket: str) -> dict[str, object]:
    """The bucket policy statement refusing plain-HTTP requests, as IAM JSON (main.tf writes the same
    statement through aws_iam_policy_document, whose principal `*` renders as `"Principal": "*"`; IAM
    reads `{"AWS": "*"}` the same, and S3 emulators parse only the map form)."""
    arn = f"arn:aws:s3:::{bucket}"
    return {"Sid": TLS_ONLY_SID, "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*",
            "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def bucket_name(deployment: str) -> str:
    """The physical name main.tf gives the bucket: `<deployment>-access-logs-<hash>`."""
    return naming.s3_bucket_name(deployment, "access-logs")


def prefix(r: IRResource, resources: Iterable[IRResource]) -> str | None:
    """Where `r` delivers its logs in the bucket, as main.tf writes it; None when it delivers none.
    `resources` are the deployment's (a service exposed by a load_balancer gets no ALB of its own)."""
    if r.kind == "bucket" and r.get("access_logs"):
        return f"s3/{r.name}/"
    if r.kind == "load_balancer" and r.get("access_logs"):
        return f"lb/{r.name}"
    if r.kind == "cdn" and r.get("logging"):
        return f"cloudfront/{r.name}/"
    if r.kind == "audit" and not (r.get("bucket") or {}).get("ref"):
        return f"s3/{trail_bucket_label(r.name)}/"  # the trail's own bucket, logged like a bucket's
    if service.own_alb(r, resources):
        return f"lb/{service.alb_label(r.name)}"  # the ALB main.tf gives an exposed service, access logs on
    return None


def deliveries(resources: Iterable[IRResource]) -> dict[str, str]:
    """Every resource that delivers logs to the bucket -> its prefix; the bucket exists when one does."""
    rs = list(resources)
    return {r.name: p for r in rs if (p := prefix(r, rs)) is not None}


def trail_bucket_label(audit: str) -> str:
    """main.tf's label of an audit trail's own bucket (its access logs go under `s3/<label>/`)."""
    return f"{audit}_trail"


def needs_acls(resources: list[IRResource] | tuple[IRResource, ...]) -> bool:
    """CloudFront standard logging writes with ACLs: the bucket keeps them enabled
    (BucketOwnerPreferred) only then, as main.tf does."""
    return any(r.kind == "cdn" and r.get("logging") for r in resources)
