"""key -> KMS key + alias + rotation. Deletion schedules the key (KMS never deletes at once)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import key as facts

from .cloud import ignore_missing
from .providers import Ctx, Provider, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    kms = ctx.c("kms")
    meta = kms.create_key(Description=f"autodeploy {ctx.deployment}/{ctx.name}", MultiRegion=a["multi_region"],
                          Tags=ctx.tag_list("TagKey", "TagValue"))["KeyMetadata"]
    phys["key_id"], phys["key_arn"] = meta["KeyId"], meta["Arn"]
    phys["deletion_window"] = int(a["deletion_window"])
    alias = ctx.named(facts.alias(ctx.deployment, ctx.name), f"alias/autodeploy/{ctx.deployment}/{ctx.name}")
    kms.create_alias(AliasName=alias, TargetKeyId=meta["KeyId"])
    phys["alias"] = alias
    if a["rotation"]:
        kms.enable_key_rotation(KeyId=meta["KeyId"])


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    kms = ctx.c("kms")
    if ctx.resource.attrs["rotation"]:
        kms.enable_key_rotation(KeyId=phys["key_id"])
    else:
        kms.disable_key_rotation(KeyId=phys["key_id"])
    phys["deletion_window"] = int(ctx.resource.attrs["deletion_window"])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    kms = ctx.c("kms")
    if phys.get("alias"):
        ignore_missing(kms.delete_alias, AliasName=phys["alias"])
    if phys.get("key_id"):
        state = _state(ctx, phys)
        if state not in (None, "PendingDeletion"):
            kms.schedule_key_deletion(KeyId=phys["key_id"], PendingWindowInDays=phys.get("deletion_window", 30))


def _state(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    try:
        return ctx.c("kms").describe_key(KeyId=phys["key_id"])["KeyMetadata"]["KeyState"]
    except Exception as exc:  # noqa: BLE001 - NotFound means nothing to do
        from .cloud import is_not_found

        if is_not_found(exc):
            return None
        raise


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    state = _state(ctx, phys)
    if state in (None, "PendingDeletion"):
        return None
    rot = ctx.c("kms").get_key_rotation_status(KeyId=phys["key_id"])["KeyRotationEnabled"]
    return {"enabled": state == "Enabled", "rotation": rot}


def expected(r: Any) -> dict[str, Any]:
    return {"enabled": True, "rotation": r.attrs["rotation"]}


provider(Provider("key", create, delete, read, expected, update, frozenset({"rotation", "deletion_window",
                                                                          "tags"})))
