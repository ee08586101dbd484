"""Parts the data-service providers share (kind_search, kind_kafka, kind_broker): a security group
of the resource's own in its network, and a generated admin credential kept in Secrets Manager
(the password is made by Secrets Manager and never passes through the state)."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import names

from .cloud import ignore_missing
from .providers import Ctx


def security_group(ctx: Ctx, phys: dict[str, Any], vpc: str | None, what: str) -> str:
    sg = ctx.c("ec2").create_security_group(GroupName=ctx.pname(what), Description=f"autodeploy {what} {ctx.name}",
                                            VpcId=vpc, TagSpecifications=ctx.tag_spec("security-group"))
    phys["security_group"] = sg["GroupId"]
    return str(sg["GroupId"])


def admin_secret(ctx: Ctx, phys: dict[str, Any], username: str) -> str:
    """Create `<prefix>-<name>-admin` holding {username, password}; return the password."""
    sm = ctx.c("secretsmanager")
    password = sm.get_random_password(PasswordLength=32, ExcludePunctuation=True)["RandomPassword"]
    kwargs: dict[str, Any] = dict(
        Name=names.prefixed(ctx.deployment, f"{ctx.name}-admin"), Description=f"admin user of {ctx.name}",
        SecretString=json.dumps({"username": username, "password": password}), Tags=ctx.tag_list())
    key = ctx.kms_key()
    if key:
        kwargs["KmsKeyId"] = key
    phys["admin_secret"] = sm.create_secret(**kwargs)["ARN"]
    return str(password)


def delete_parts(ctx: Ctx, phys: dict[str, Any]) -> None:
    """The shared parts, after the service itself is gone."""
    if phys.get("admin_secret"):
        ignore_missing(ctx.c("secretsmanager").delete_secret, SecretId=phys["admin_secret"],
                       ForceDeleteWithoutRecovery=True)
    if phys.get("security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["security_group"])
