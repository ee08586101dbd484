"""secret -> Secrets Manager secret holding a freshly generated random value.

The value is generated here with `secrets` and sent only to Secrets Manager: it never
reaches the state file or the output. A `value` written in the .adl file is ignored on
purpose (policy flags it); the generated value replaces it.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from autodeploy.backends.aws import secret as facts

from .cloud import ignore_missing
from .providers import Ctx, Provider, provider

_ALPHABET = string.ascii_letters + string.digits + "!#%+-.:=@_~"


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    value = "".join(secrets.choice(_ALPHABET) for _ in range(int(a["length"])))
    kwargs: dict[str, Any] = {"Name": ctx.named(facts.name(ctx.deployment, ctx.name),
                                                  f"autodeploy/{ctx.deployment}/{ctx.name}"), "SecretString": value,
                              "Tags": ctx.tag_list(), "Description": f"autodeploy {ctx.deployment}/{ctx.name}"}
    key = ctx.kms_key()
    if key:
        kwargs["KmsKeyId"] = key
    out = ctx.c("secretsmanager").create_secret(**kwargs)
    phys["secret_arn"] = out["ARN"]
    if a["rotation"]:
        ctx.warn_feature("rotation", "automatic rotation needs a rotation Lambda function, which ADL does not "
                         "declare yet", "rotate by re-running apply after `autodeploy destroy`, or attach a "
                         "rotation function by hand")


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("secret_arn"):
        ignore_missing(ctx.c("secretsmanager").delete_secret, SecretId=phys["secret_arn"],
                       ForceDeleteWithoutRecovery=True)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        d = ctx.c("secretsmanager").describe_secret(SecretId=phys["secret_arn"])
    except Exception as exc:  # noqa: BLE001
        from .cloud import is_not_found

        if is_not_found(exc):
            return None
        raise
    if d.get("DeletedDate"):
        return None
    return {"kms": bool(d.get("KmsKeyId"))}


def expected(r: Any) -> dict[str, Any]:
    enc = r.attrs.get("encryption")
    return {"kms": isinstance(enc, dict)}


provider(Provider("secret", create, delete, read, expected))
