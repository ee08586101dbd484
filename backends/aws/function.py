"""function (Lambda): name and IAM."""

from __future__ import annotations

from .grants import ARN, Grant, sid_of
from .names import prefixed


def name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    """`uses` a function = invokes it (deploy used to grant nothing, so the call failed after apply)."""
    if attr == "trigger":
        return ()
    return (Grant(f"Invoke{sid_of(resource)}", ("lambda:InvokeFunction",), (ARN,)),)
