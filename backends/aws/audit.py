"""audit (CloudTrail): trail and log bucket names."""

from __future__ import annotations

from autodeploy.backends import naming

from .names import prefixed


def trail_name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def log_bucket(deployment: str, resource: str) -> str:
    """The trail's own log bucket, when the audit names no `bucket`."""
    return naming.s3_bucket_name(deployment, f"{resource}-trail")
