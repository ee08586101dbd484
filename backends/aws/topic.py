"""topic (SNS): name and IAM."""

from __future__ import annotations

from .grants import ARN, READ_WRITE_KEY, Grant, key_grant, sid_of
from .names import prefixed


def name(deployment: str, resource: str, fifo: bool) -> str:
    return prefixed(deployment, resource, fifo)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    if attr == "trigger":
        return ()  # SNS invokes the function through a Lambda permission, not the function's role
    return Grant(f"Publish{sid_of(resource)}", ("sns:Publish",), (ARN,)), key_grant(resource, READ_WRITE_KEY)
