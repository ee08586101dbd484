"""secret (Secrets Manager): name and IAM."""

from __future__ import annotations

from .grants import ARN, DECRYPT, Grant, key_grant, sid_of
from .names import prefixed

RECOVERY_WINDOW_DAYS = 30


def name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    if attr == "trigger":
        return ()
    return Grant(f"Secret{sid_of(resource)}", ("secretsmanager:GetSecretValue",), (ARN,)), \
        key_grant(resource, DECRYPT)
