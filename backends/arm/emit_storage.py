"""bucket -> a StorageV2 account (HTTPS only, TLS 1.2, no public blob access unless public, CMK from
Key Vault when a key is referenced) + its blob service (versioning, soft delete) + one container,
an immutability policy for `retention`, and a lifecycle policy for archive/expiry."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .names import child_name
from .registry import ARM

TIERS = {"standard": "Hot", "infrequent": "Cool", "archive": "Cool", "intelligent": "Hot"}


@ARM.register("bucket")
def emit_bucket(ctx: ArmContext, r: IRResource) -> None:
    name = q(r.get("name")) if r.get("name") else ctx.name_expr("storage", r.name)  # the user's own, or derived
    acct = Ref("Microsoft.Storage/storageAccounts", (name,))
    ctx.primary[r.name] = acct
    public = bool(r.get("public"))
    extra: dict[str, Any] = {"accessTier": TIERS[r.get("storage_class") or "standard"]}
    identity = None
    deps = ctx.deps_of(r)
    enc = r.get("encryption")
    if isinstance(enc, dict) and enc.get("ref") in ctx.primary:
        key = ctx.primary[enc["ref"]]
        kv = shared.vault(ctx)
        ident = shared.cmk_identity(ctx)
        identity = {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}
        props = shared.storage_properties(public)
        props["encryption"].update({
            "keySource": "Microsoft.Keyvault",
            "identity": {"userAssignedIdentity": x(ident.id)},
            "keyvaultproperties": {"keyname": key.last_value, "keyvaulturi": x(f"reference({kv.id}).vaultUri")},
        })
        extra["encryption"] = props["encryption"]
        # the role assignment must exist before the account unwraps the key
        deps += [ident.id, kv.id, key.id, shared.cmk_role(ctx)]
    elif enc is False:
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="Azure Storage always encrypts at rest; Microsoft-managed keys are used")
    if r.get("website"):
        ctx.diag("ADL5054", r.span_of("website"), name=r.name, attr="website", value="true",
                 why="static website hosting is a data-plane setting that ARM cannot set",
                 hint="enable it after deployment: `az storage blob service-properties update --static-website`")
    kw: dict[str, Any] = {"kind": "StorageV2", "sku": {"name": "Standard_GZRS"}}
    if identity:
        kw["identity"] = identity
    ctx.resource(acct.type, acct.name, tags=ctx.tags_for(r), depends=deps,
                 props=shared.storage_properties(public, extra), **kw)

    blob = Ref("Microsoft.Storage/storageAccounts/blobServices", (acct.segments[0], q("default")))
    versioning = bool(r.get("versioning"))
    retention = r.get("retention")
    if retention and not versioning:
        ctx.diag("ADL5055", r.span_of("retention"), name=r.name, attr="versioning",
                 what="immutability with versioning needs blob versioning; it is turned on")
        versioning = True
    ctx.resource(blob.type, blob.name, location=False, tags=False, depends=[acct.id], props={
        "isVersioningEnabled": versioning,
        "deleteRetentionPolicy": {"enabled": True, "days": 30},
        "containerDeleteRetentionPolicy": {"enabled": True, "days": 30},
        "changeFeed": {"enabled": True},
    })
    cont = Ref("Microsoft.Storage/storageAccounts/blobServices/containers",
               (acct.segments[0], q("default"), q(_container(r.name))))
    cprops: dict[str, Any] = {"publicAccess": "Blob" if public else "None"}
    if retention:
        cprops["immutableStorageWithVersioning"] = {"enabled": True}
    ctx.resource(cont.type, cont.name, location=False, tags=False, depends=[blob.id], props=cprops)
    if retention:
        pol = Ref(cont.type + "/immutabilityPolicies", cont.segments + (q("default"),))
        ctx.resource(pol.type, pol.name, location=False, tags=False, depends=[cont.id], props={
            "immutabilityPeriodSinceCreationInDays": int(retention),
            "allowProtectedAppendWrites": False,
        })
    _lifecycle(ctx, r, acct)
    if r.get("access_logs"):
        shared.diagnostic_settings(ctx, blob, r.name)
    if public:  # outputs are capped at 64 per template: only endpoints meant to be reached from outside
        ctx.output(_out(r.name, "BlobEndpoint"), "string", x(f"reference({acct.id}).primaryEndpoints.blob"))


def _container(name: str) -> str:
    c = child_name(name)
    return c if len(c) >= 3 else (c + "-data")


def _out(name: str, what: str) -> str:
    return "".join(p.capitalize() if i else p for i, p in enumerate(child_name(name).split("-"))) + what


def _lifecycle(ctx: ArmContext, r: IRResource, acct: Ref) -> None:
    actions: dict[str, Any] = {}
    if r.get("storage_class") == "archive" and not r.get("archive_after"):
        actions["tierToArchive"] = {"daysAfterModificationGreaterThan": 0}
    if r.get("archive_after"):
        actions["tierToArchive"] = {"daysAfterModificationGreaterThan": int(r.get("archive_after"))}
    if r.get("expire_after"):
        actions["delete"] = {"daysAfterModificationGreaterThan": int(r.get("expire_after"))}
    if r.get("storage_class") == "intelligent":
        actions["tierToCool"] = {"daysAfterLastAccessTimeGreaterThan": 30}
        actions["enableAutoTierToHotFromCool"] = True
        ctx.diag("ADL5055", r.span_of("storage_class"), name=r.name, attr="storage_class",
                 what="intelligent tiering maps to a last-access lifecycle rule (Hot -> Cool after 30 days)")
    if not actions:
        return
    ref = Ref("Microsoft.Storage/storageAccounts/managementPolicies", (acct.segments[0], q("default")))
    ctx.resource(ref.type, ref.name, location=False, tags=False, depends=[acct.id], props={"policy": {"rules": [{
        "enabled": True, "name": "lifecycle", "type": "Lifecycle",
        "definition": {"filters": {"blobTypes": ["blockBlob"]}, "actions": {"baseBlob": actions}},
    }]}})
