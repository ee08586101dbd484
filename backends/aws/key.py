"""key (KMS): alias and IAM."""

from __future__ import annotations

from autodeploy.backends import naming

from .grants import ARN, Grant, sid_of

# a principal that `uses` a key directly encrypts with it too (envelope encryption needs
# GenerateDataKey, direct encryption Encrypt); deploy used to leave Encrypt out
USES = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey")


def alias(deployment: str, resource: str) -> str:
    return f"alias/{naming.name_prefix(deployment)}/{resource.replace('_', '-')}"


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    if attr == "trigger":
        return ()
    return (Grant(f"Key{sid_of(resource)}", USES, (ARN,)),)
