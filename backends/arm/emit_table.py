"""table -> a Cosmos DB account with the Table API (EnableTable), continuous backup for pitr,
serverless for on-demand billing, local auth and public access off, and one table."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .names import child_name
from .registry import ARM


def cosmos_cmk(ctx: ArmContext, r: IRResource, props: dict[str, Any], kw: dict[str, Any]) -> list[str]:
    """A Cosmos DB account encrypted with the referenced key: the versionless key URI and the identity
    that may unwrap it go into `props` / `kw`; returns what the account then depends on."""
    enc = r.get("encryption")
    if not (isinstance(enc, dict) and enc.get("ref") in ctx.primary):
        return []
    key = ctx.primary[enc["ref"]]
    ident = shared.cmk_identity(ctx)
    kw["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}
    props["keyVaultKeyUri"] = x(f"reference({key.id}).keyUri")
    props["defaultIdentity"] = x(f"concat('UserAssignedIdentity=', {ident.id})")
    return [ident.id, key.id, shared.cmk_role(ctx)]


@ARM.register("table")
def emit_table(ctx: ArmContext, r: IRResource) -> None:
    name = q(r.get("name")) if r.get("name") else ctx.name_expr("cosmos", r.name)  # the user's own, or derived
    acct = Ref("Microsoft.DocumentDB/databaseAccounts", (name,))
    ctx.primary[r.name] = acct
    deps = ctx.deps_of(r)
    on_demand = r.get("billing") == "on_demand"
    caps = [{"name": "EnableTable"}] + ([{"name": "EnableServerless"}] if on_demand else [])
    props: dict[str, Any] = {
        "databaseAccountOfferType": "Standard",
        "consistencyPolicy": {"defaultConsistencyLevel": "Session"},
        "locations": [{"locationName": "[parameters('location')]", "failoverPriority": 0,
                       "isZoneRedundant": False}],
        "capabilities": caps,
        "backupPolicy": ({"type": "Continuous", "continuousModeProperties": {"tier": "Continuous30Days"}}
                         if r.get("pitr") else
                         {"type": "Periodic", "periodicModeProperties": {
                             "backupIntervalInMinutes": 240, "backupRetentionIntervalInHours": 8,
                             "backupStorageRedundancy": "Geo"}}),
        "minimalTlsVersion": "Tls12",
        "disableLocalAuth": True,
        "disableKeyBasedMetadataWriteAccess": True,
        "publicNetworkAccess": "Disabled",
        "isVirtualNetworkFilterEnabled": True,
        "enableMultipleWriteLocations": False,
    }
    kw: dict[str, Any] = {"kind": "GlobalDocumentDB"}
    deps += cosmos_cmk(ctx, r, props, kw)
    if r.get("sort_key") or r.get("partition_key") not in (None, "id"):
        ctx.diag("ADL5055", r.span_of("partition_key"), name=r.name, attr="partition_key",
                 what="the Table API keys every entity by PartitionKey and RowKey; "
                      f"store `{r.get('partition_key')}` in PartitionKey"
                      + (f" and `{r.get('sort_key')}` in RowKey" if r.get("sort_key") else ""))
    ctx.resource(acct.type, acct.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)
    table = Ref("Microsoft.DocumentDB/databaseAccounts/tables", (acct.segments[0], q(child_name(r.name, 255))))
    tprops: dict[str, Any] = {"resource": {"id": child_name(r.name, 255)}}
    if not on_demand:
        rc, wc = r.get("read_capacity"), r.get("write_capacity")
        ru = max(400, (int(rc or 0) + int(wc or 0)) * 5 // 100 * 100 or 400)
        tprops["options"] = {"throughput": ru}
        ctx.diag("ADL5055", r.span_of("billing"), name=r.name, attr="billing",
                 what=f"provisioned capacity maps to {ru} request units/second on the table")
    ctx.resource(table.type, table.name, location=False, tags=False, depends=[acct.id], props=tprops)
    if r.get("deletion_protection"):
        shared.lock(ctx, acct, r)
