"""database -> an Azure Database for PostgreSQL / MySQL flexible server (sku from instance, storage,
backup retention, zone-redundant HA and geo-backup for multi_az, TLS enforced, delegated subnet);
mariadb -> ADL5051 (the service is retired), never a silent drop."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, lit, q, x
from .emit_network import dedicated_subnet, subnet_id
from .registry import ARM

# Storage sizes (GiB) a flexible server accepts for PostgreSQL; MySQL takes any 20..16384.
PG_STORAGE = (32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
ENGINES = {
    # VNet-injected servers resolve through a zone named <server>.private.<engine>.database.azure.com
    "postgres": ("Microsoft.DBforPostgreSQL/flexibleServers", "postgres", ".private.postgres.database.azure.com"),
    "mysql": ("Microsoft.DBforMySQL/flexibleServers", "mysql", ".private.mysql.database.azure.com"),
}


def _tier(instance: str) -> str:
    family = instance.removeprefix("Standard_")[:1].upper()
    return {"B": "Burstable", "E": "MemoryOptimized"}.get(family, "GeneralPurpose")


@ARM.register("database")
def emit_database(ctx: ArmContext, r: IRResource) -> None:
    if r.variant == "mariadb":
        ctx.diag("ADL5051", r.span, name=r.name)
        return
    type_, rule, zone = ENGINES[r.variant or "postgres"]
    name = q(r.get("name")) if r.get("name") else ctx.name_expr(rule, r.name)  # the user's own, or derived
    server = Ref(type_, (name,))
    ctx.primary[r.name] = server
    deps = ctx.deps_of(r)
    admin = ctx.param("dbAdminLogin", {"type": "string", "defaultValue": "adladmin",
                                       "metadata": {"description": "Administrator login of the database servers."}})
    pwd = ctx.param("dbAdminPassword", {"type": "securestring", "minLength": 16,
                                        "metadata": {"description": "Administrator password (supplied at deploy)."}})
    instance = r.get("instance")
    storage = int(r.get("storage") or 32)
    if r.variant == "postgres":
        fitted = next((s for s in PG_STORAGE if s >= storage), PG_STORAGE[-1])
        if fitted != storage:
            ctx.diag("ADL5055", r.span_of("storage"), name=r.name, attr="storage",
                     what=f"PostgreSQL flexible server storage comes in fixed sizes; {storage} GB -> {fitted} GB")
        storage = fitted
    backup = int(r.get("backup") or 0)
    if backup < 7:
        ctx.diag("ADL5055", r.span_of("backup"), name=r.name, attr="backup",
                 what=f"flexible servers keep backups 7..35 days; {backup} days -> 7 days")
        backup = 7
    multi_az = bool(r.get("multi_az"))
    props: dict[str, Any] = {
        "version": _version(r),
        "administratorLogin": x(admin),
        "administratorLoginPassword": x(pwd),
        "storage": {"storageSizeGB": storage, "autoGrow": "Enabled"},
        "backup": {"backupRetentionDays": backup, "geoRedundantBackup": "Enabled" if multi_az else "Disabled"},
        "highAvailability": {"mode": "ZoneRedundant" if multi_az else "Disabled"},
    }
    if r.get("iops"):
        props["storage"]["iops"] = int(r.get("iops"))
    net = dedicated_subnet(ctx, r, "db")
    if net is not None:
        vnet = ctx.primary[net[0]]
        dns = shared.private_dns_zone(ctx, r.name + zone, vnet, expr=f"concat({server.segments[0]}, {q(zone)})")
        props["network"] = {"delegatedSubnetResourceId": x(subnet_id(ctx, *net)),
                            "privateDnsZoneArmResourceId": x(dns.id)}
        props["network"]["publicNetworkAccess"] = "Disabled"
        link = Ref("Microsoft.Network/privateDnsZones/virtualNetworkLinks", (dns.segments[0], vnet.last))
        deps += [dns.id, link.id]  # the zone must be linked to the VNet before the server registers in it
        if r.get("public"):
            ctx.diag("ADL5054", r.span_of("public"), name=r.name, attr="public", value="true",
                     why="a flexible server in a delegated subnet has no public endpoint",
                     hint="remove `network` or `public`")
    else:
        props["network"] = {"publicNetworkAccess": "Enabled" if r.get("public") else "Disabled"}
        if not r.get("public"):
            ctx.diag("ADL5055", r.span, name=r.name, attr="network",
                     what="no network and not public: the server has no public access; connect through a "
                          "private endpoint added after deployment, or set `network`")
    kw: dict[str, Any] = {"sku": {"name": instance, "tier": _tier(instance)}}
    enc = r.get("encryption")
    if isinstance(enc, dict) and enc.get("ref") in ctx.primary:
        key = ctx.primary[enc["ref"]]
        kv = shared.vault(ctx)
        ident = shared.cmk_identity(ctx)
        kw["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}
        # PostgreSQL follows a versionless key (rotation without redeploy); MySQL wants a version
        key_uri = x(f"reference({key.id}).{'keyUri' if r.variant == 'postgres' else 'keyUriWithVersion'}")
        props["dataEncryption"] = {"type": "AzureKeyVault", "primaryKeyURI": key_uri,
                                   "primaryUserAssignedIdentityId": x(ident.id)}
        if multi_az:
            ctx.diag("ADL5060", r.span_of("encryption"), name=r.name, attr="encryption",
                     why="geo-redundant backup with a customer-managed key also needs a key and identity "
                         "in the paired region", hint="add geoBackupKeyURI after deployment, or turn multi_az off")
        deps += [ident.id, kv.id, key.id, shared.cmk_role(ctx)]
    ctx.resource(type_, server.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)
    if r.get("tls"):
        cfg = Ref(type_ + "/configurations", (server.segments[0], q("require_secure_transport")))
        ctx.resource(cfg.type, cfg.name, location=False, tags=False, depends=[server.id],
                     props={"value": "ON", "source": "user-override"})
    else:
        ctx.diag("ADL5060", r.span_of("tls"), name=r.name, attr="tls", why="TLS is not enforced",
                 hint="set `tls = true`")
    if r.get("deletion_protection"):
        shared.lock(ctx, server, r)
    if r.get("logs"):
        shared.diagnostic_settings(ctx, server, r.name)


def _version(r: IRResource) -> str:
    v = str(r.get("version"))
    if r.variant == "mysql" and v == "8.0":
        return "8.0.21"
    return lit(v)

