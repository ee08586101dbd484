"""cache : redis -> Azure Cache for Redis (TLS 1.2 only, non-TLS port off, sku from instance C*/P*,
private endpoint into the network); memcached/valkey -> ADL5052 (no such managed service on Azure)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref
from .emit_network import member_subnet, subnet_id
from .registry import ARM


@ARM.register("cache")
def emit_cache(ctx: ArmContext, r: IRResource) -> None:
    if r.variant != "redis":
        ctx.diag("ADL5052", r.span, name=r.name, engine=r.variant)
        return
    ref = Ref("Microsoft.Cache/redis", (ctx.name_expr("redis", r.name),))
    ctx.primary[r.name] = ref
    instance = str(r.get("instance") or "C1")
    family, capacity = instance[0], int(instance[1:])
    premium = family == "P"
    sku = {"name": "Premium" if premium else "Standard", "family": family, "capacity": capacity}
    props: dict[str, Any] = {
        "sku": sku,
        "enableNonSslPort": False,
        "minimumTlsVersion": "1.2",
        "publicNetworkAccess": "Disabled",
        "redisVersion": "6",
        "redisConfiguration": {"aad-enabled": "true" if r.get("auth") else "false"},
    }
    if str(r.get("version") or "6").split(".")[0] != "6":
        ctx.diag("ADL5055", r.span_of("version"), name=r.name, attr="version",
                 what=f"Azure Cache for Redis offers Redis 6; {r.get('version')} -> 6")
    kw: dict[str, Any] = {}
    nodes = int(r.get("nodes") or 1)
    if nodes > 1:
        if premium:
            props["shardCount"] = nodes
        else:
            ctx.diag("ADL5054", r.span_of("nodes"), name=r.name, attr="nodes", value=str(nodes),
                     why="only Premium (P*) caches can be clustered", hint='use `instance = "P1"`')
    if r.get("multi_az"):
        if premium:
            kw["zones"] = ["1", "2", "3"]
        else:
            ctx.diag("ADL5054", r.span_of("multi_az"), name=r.name, attr="multi_az", value="true",
                     why="zone redundancy needs a Premium (P*) cache", hint='use `instance = "P1"`')
    if int(r.get("backup") or 0) > 0 and "backup" in r.explicit:
        ctx.diag("ADL5054", r.span_of("backup"), name=r.name, attr="backup", value=str(r.get("backup")),
                 why="RDB persistence needs a Premium cache and a storage connection string",
                 hint="configure persistence after deployment")
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="Azure Cache for Redis encrypts its disks with platform keys; the key is not used")
    if not r.get("tls"):
        ctx.diag("ADL5055", r.span_of("tls"), name=r.name, attr="tls",
                 what="Azure Cache for Redis is emitted with the non-TLS port off regardless")
    deps = ctx.deps_of(r)
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)
    net = member_subnet(ctx, r)
    if net is not None:
        shared.private_endpoint(ctx, r, ref, "redisCache", subnet_id(ctx, *net), ctx.primary[net[0]], [])
