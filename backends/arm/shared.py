"""Resources several kinds share, created once on first use: the deployment's Key Vault, its Log
Analytics workspace, its log storage account, the identity that unwraps customer-managed keys, and
the small extension resources (locks, role assignments, diagnostic settings, private endpoints)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .apiversions import API, ROLE
from .context import ArmContext, Ref, q, x
from .names import child_name


def scope_of(ref: Ref) -> str:
    """The relative scope form `Provider/type/name[/type/name]` used by extension resources."""
    parts = ref.type.split("/")
    out = [q(parts[0])]
    for t, seg in zip(parts[1:], ref.segments, strict=True):
        out += [q("/" + t + "/"), seg]
    out[1] = q(parts[1] + "/")  # no leading slash after the provider namespace
    out[0] = q(parts[0] + "/")
    return x("concat(" + ", ".join(out) + ")")


def vault(ctx: ArmContext) -> Ref:
    if "vault" in ctx.shared:
        return ctx.shared["vault"]
    ref = Ref("Microsoft.KeyVault/vaults", (ctx.name_expr("keyvault", "vault"),))
    keys = [r for r in ctx.ir.resources if r.kind == "key"]
    window = max([int(k.get("deletion_window") or 90) for k in keys] or [90])
    ctx.resource(ref.type, ref.name, props={
        "tenantId": "[subscription().tenantId]",
        "sku": {"family": "A", "name": "premium"},
        "enableRbacAuthorization": True,
        "enableSoftDelete": True,
        "softDeleteRetentionInDays": max(7, min(90, window)),
        "enablePurgeProtection": True,
        "publicNetworkAccess": "Disabled",
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny"},
    })
    ctx.shared["vault"] = ref
    diagnostic_settings(ctx, ref, "vault")
    return ref


def workspace(ctx: ArmContext) -> Ref:
    if "workspace" in ctx.shared:
        return ctx.shared["workspace"]
    ref = Ref("Microsoft.OperationalInsights/workspaces", (ctx.name_expr("workspace", "logs"),))
    audits = [int(r.get("retention") or 0) for r in ctx.ir.resources if r.kind == "audit"]
    # Interactive retention is 30..730 days on a workspace; longer audit retention is kept in storage.
    retention = max(30, min(730, max(audits or [90])))
    ctx.resource(ref.type, ref.name, props={
        "sku": {"name": "PerGB2018"},
        "retentionInDays": retention,
        "publicNetworkAccessForIngestion": "Enabled",
        "publicNetworkAccessForQuery": "Enabled",
    })
    ctx.shared["workspace"] = ref
    return ref


def log_storage(ctx: ArmContext) -> Ref:
    """A storage account for flow logs and the activity log archive (no public access, TLS 1.2)."""
    if "logstorage" in ctx.shared:
        return ctx.shared["logstorage"]
    ref = Ref("Microsoft.Storage/storageAccounts", (ctx.name_expr("storage", "logs"),))
    ctx.resource(ref.type, ref.name, kind="StorageV2", sku={"name": "Standard_GRS"},
                 props=storage_properties(public=False))
    ctx.shared["logstorage"] = ref
    return ref


def storage_properties(public: bool, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "accessTier": "Hot",
        "supportsHttpsTrafficOnly": True,
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": public,
        "allowSharedKeyAccess": False,
        "defaultToOAuthAuthentication": True,
        "publicNetworkAccess": "Enabled" if public else "Disabled",
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Allow" if public else "Deny"},
        "encryption": {
            "keySource": "Microsoft.Storage",
            "requireInfrastructureEncryption": True,
            "services": {"blob": {"enabled": True, "keyType": "Account"},
                         "file": {"enabled": True, "keyType": "Account"},
                         "queue": {"enabled": True, "keyType": "Account"},
                         "table": {"enabled": True, "keyType": "Account"}},
        },
    }
    props.update(extra or {})
    return props


def cmk_identity(ctx: ArmContext) -> Ref:
    """One user-assigned identity allowed to wrap/unwrap with the vault's keys (storage, DB, Cosmos)."""
    if "cmkid" in ctx.shared:
        return ctx.shared["cmkid"]
    kv = vault(ctx)
    ref = Ref("Microsoft.ManagedIdentity/userAssignedIdentities", (ctx.name_expr("generic", "cmk", "id"),))
    ctx.resource(ref.type, ref.name)
    ctx.extra["cmkrole"] = role_assignment(ctx, kv, ref, "kv_crypto_service_encryption_user",
                                           [ref.id, kv.id])
    ctx.shared["cmkid"] = ref
    return ref


def cmk_role(ctx: ArmContext) -> str:
    """extensionResourceId of the CMK identity's role assignment (to wait for it in dependsOn)."""
    cmk_identity(ctx)
    return ctx.extra["cmkrole"]


def role_assignment(ctx: ArmContext, scope: Ref, principal_of: Ref, role: str, depends: list[str],
                    system: bool = False) -> str:
    """Grant `role` on `scope` to the identity of `principal_of` (user-assigned, or system-assigned)."""
    role_id = ROLE[role]
    api = API[principal_of.type]
    principal = (f"reference({principal_of.id}, {q(api)}, 'full').identity.principalId" if system
                 else f"reference({principal_of.id}, {q(api)}).principalId")
    # the name must be known at compile time of the deployment: seed the guid with ids, not principals
    name = f"guid({scope.id}, {principal_of.id}, {q(role_id)})"
    ctx.resource(
        "Microsoft.Authorization/roleAssignments", x(name),
        scope=scope_of(scope), location=False, tags=False, depends=depends,
        props={
            "roleDefinitionId": x(f"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {q(role_id)})"),
            "principalId": x(principal),
            "principalType": "ServicePrincipal",
        },
    )
    return f"extensionResourceId({scope.id}, 'Microsoft.Authorization/roleAssignments', {name})"


def lock(ctx: ArmContext, target: Ref, r: IRResource) -> None:
    """deletion_protection: a CanNotDelete management lock on the resource."""
    ctx.resource("Microsoft.Authorization/locks", "delete-lock-" + child_name(r.name), scope=scope_of(target),
                 location=False, tags=False, depends=[target.id],
                 props={"level": "CanNotDelete", "notes": f"deletion_protection of {r.name} (AutoDeploy)"})


def diagnostic_settings(ctx: ArmContext, target: Ref, what: str, metrics: bool = False) -> None:
    """Send the resource's logs (category group allLogs) to the deployment's Log Analytics workspace."""
    ws = workspace(ctx)
    props: dict[str, Any] = {
        "workspaceId": x(ws.id),
        "logs": [{"categoryGroup": "allLogs", "enabled": True}],
    }
    if metrics:
        props["metrics"] = [{"category": "AllMetrics", "enabled": True}]
    ctx.resource("Microsoft.Insights/diagnosticSettings", "logs-" + child_name(what), scope=scope_of(target),
                 location=False, tags=False, depends=[target.id, ws.id], props=props)


PRIVATE_ZONES = {
    "redisCache": "privatelink.redis.cache.windows.net",
    "Table": "privatelink.table.cosmos.azure.com",
    "namespace": "privatelink.servicebus.windows.net",
    "vault": "privatelink.vaultcore.azure.net",
    "file": "privatelink.file.core.windows.net",
    "searchService": "privatelink.search.windows.net",
    "MongoDB": "privatelink.mongo.cosmos.azure.com",
}


def vault_endpoint(ctx: ArmContext, r: IRResource, net: str) -> list[str]:
    """The vault refuses public traffic: a consumer in `net` (a container app reading secrets, a gateway
    reading its certificate) reaches it through one private endpoint per network. Returns its ids."""
    key = "kvpe:" + net
    if key in ctx.shared:
        return [ctx.shared[key].id]
    plan = ctx.extra.get("subnets", {}).get(net, {})
    subnet = next((s for s in sorted(plan) if s.startswith("private-")), None) or next(
        (s for s in sorted(plan) if s.startswith("public-")), None)
    if subnet is None:
        ctx.diag("ADL5060", r.span_of("network"), name=r.name, attr="network",
                 why="the network has no public or private subnet for the Key Vault's private endpoint",
                 hint="add `private_subnets = 1` to the network")
        return []
    kv = vault(ctx)
    vnet = ctx.primary[net]
    sid = f"resourceId('Microsoft.Network/virtualNetworks/subnets', {vnet.last}, {q(subnet)})"
    pe = private_endpoint(ctx, ctx.by_name[net], kv, "vault", sid, vnet, [], extra="kvpe")
    ctx.shared[key] = pe
    return [pe.id]


def private_dns_zone(ctx: ArmContext, zone: str, vnet: Ref, expr: str | None = None) -> Ref:
    """A private DNS zone linked to `vnet`; `expr` names it with an expression (per-server zones)."""
    key = "zone:" + zone + ":" + vnet.last
    if key in ctx.shared:
        return ctx.shared[key]
    ref = Ref("Microsoft.Network/privateDnsZones", (expr or q(zone),))
    if "zone:" + zone not in ctx.shared:
        ctx.resource(ref.type, ref.name, location="global")
        ctx.shared["zone:" + zone] = ref
    link = Ref("Microsoft.Network/privateDnsZones/virtualNetworkLinks", (ref.segments[0], vnet.last))
    ctx.resource(link.type, link.name, location="global", depends=[ref.id, vnet.id], props={
        "registrationEnabled": False,
        "virtualNetwork": {"id": x(vnet.id)},
    })
    ctx.shared[key] = ref
    return ref


def private_endpoint(ctx: ArmContext, r: IRResource, target: Ref, group: str, subnet_id: str, vnet: Ref,
                     depends: list[str], extra: str = "pe") -> Ref:
    pe = Ref("Microsoft.Network/privateEndpoints", (ctx.name_expr("generic", r.name, extra),))
    ctx.resource(pe.type, pe.name, tags=ctx.tags_for(r), depends=[target.id, vnet.id, *depends], props={
        "subnet": {"id": x(subnet_id)},
        "privateLinkServiceConnections": [{
            "name": group,
            "properties": {"privateLinkServiceId": x(target.id), "groupIds": [group]},
        }],
    })
    zone = private_dns_zone(ctx, PRIVATE_ZONES[group], vnet)
    grp = Ref("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", (pe.segments[0], q("default")))
    ctx.resource(grp.type, grp.name, location=False, tags=False, depends=[pe.id, zone.id], props={
        "privateDnsZoneConfigs": [{"name": "zone", "properties": {"privateDnsZoneId": x(zone.id)}}],
    })
    return pe
