"""document_db -> Cosmos DB account for MongoDB (RU) and one database with `throughput` RU/s:
TLS 1.2, public access off with a private endpoint into the network, periodic backups kept
`backup` days (at most 30), the referenced key, a delete lock, logs to the workspace."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q
from .emit_network import member_subnet, subnet_id
from .emit_table import cosmos_cmk
from .names import child_name
from .registry import ARM

MAX_BACKUP_HOURS = 720  # periodic backup retention ceiling (30 days)


@ARM.register("document_db")
def emit_document_db(ctx: ArmContext, r: IRResource) -> None:
    acct = Ref("Microsoft.DocumentDB/databaseAccounts", (ctx.name_expr("cosmos", r.name),))
    ctx.primary[r.name] = acct
    hours = int(round(float(r.get("backup")) * 24))
    if hours > MAX_BACKUP_HOURS:
        ctx.diag("ADL5054", r.span_of("backup"), name=r.name, attr="backup",
                 value=f"{float(r.get('backup')):g} days", why="Cosmos DB periodic backups are kept at most 30 days; "
                 "emitted with 30", hint="use `backup = 30 days`")
        hours = MAX_BACKUP_HOURS
    props: dict[str, Any] = {
        "databaseAccountOfferType": "Standard",
        "consistencyPolicy": {"defaultConsistencyLevel": "Session"},
        "locations": [{"locationName": "[parameters('location')]", "failoverPriority": 0,
                       "isZoneRedundant": int(r.get("instances")) > 1}],
        "capabilities": [{"name": "EnableMongo"}],
        "apiProperties": {"serverVersion": str(r.get("version"))},
        "backupPolicy": {"type": "Periodic", "periodicModeProperties": {
            "backupIntervalInMinutes": 240, "backupRetentionIntervalInHours": hours,
            "backupStorageRedundancy": "Geo"}},
        "minimalTlsVersion": "Tls12",
        # the MongoDB API authenticates with the account's keys (connection strings)
        "disableLocalAuth": False,
        "disableKeyBasedMetadataWriteAccess": True,
        "publicNetworkAccess": "Disabled",
        "isVirtualNetworkFilterEnabled": True,
        "enableMultipleWriteLocations": False,
    }
    kw: dict[str, Any] = {"kind": "MongoDB"}
    deps = ctx.deps_of(r) + cosmos_cmk(ctx, r, props, kw)
    for attr, why in (("instance", "Cosmos DB sizes by request units (`throughput`), not instances"),):
        if attr in r.explicit:
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=why)
    if not r.get("tls"):
        ctx.diag("ADL5055", r.span_of("tls"), name=r.name, attr="tls", what="Cosmos DB accepts TLS connections only")
    ctx.resource(acct.type, acct.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)
    db = Ref("Microsoft.DocumentDB/databaseAccounts/mongodbDatabases", (acct.segments[0], q(child_name(r.name, 255))))
    ctx.resource(db.type, db.name, location=False, tags=False, depends=[acct.id], props={
        "resource": {"id": child_name(r.name, 255)}, "options": {"throughput": int(r.get("throughput"))}})
    if r.get("logs"):
        shared.diagnostic_settings(ctx, acct, f"{r.name}-cosmos")
    if r.get("deletion_protection"):
        shared.lock(ctx, acct, r)
    net = member_subnet(ctx, r)
    if net is not None:
        shared.private_endpoint(ctx, r, acct, "MongoDB", subnet_id(ctx, *net), ctx.primary[net[0]], [])
