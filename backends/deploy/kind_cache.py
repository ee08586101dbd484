"""cache -> ElastiCache subnet group + replication group (redis/valkey) or cache cluster (memcached)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import cache as facts

from .cloud import ignore_missing, is_not_found, unsupported_api
from .providers import Ctx, Provider, provider


def holds_data(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    # redis/valkey keep data (and snapshots, deleted with the group); memcached is a pure cache
    return "a redis/valkey cache" if phys.get("replication_group") else None


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a, engine = ctx.resource.attrs, facts.engine(ctx.resource.variant)
    ec = ctx.c("elasticache")
    _, subnets = ctx.subnets()
    name = ctx.named(facts.identifier(ctx.deployment, ctx.name), ctx.pname(limit=40))
    ec.create_cache_subnet_group(CacheSubnetGroupName=name, CacheSubnetGroupDescription=f"autodeploy {ctx.name}",
                                 SubnetIds=subnets, Tags=ctx.tag_list())
    phys["subnet_group"] = name
    if engine == "memcached":
        ec.create_cache_cluster(CacheClusterId=name, Engine="memcached", EngineVersion=a["version"],
                                CacheNodeType=a["instance"], NumCacheNodes=a["nodes"],
                                CacheSubnetGroupName=name, Tags=ctx.tag_list())
        phys["cluster"] = name
        if a["encryption"] is not False or a["tls"]:
            ctx.warn_feature("encryption", "memcached on ElastiCache has no encryption at rest", "use redis/valkey")
        return
    kwargs: dict[str, Any] = dict(
        ReplicationGroupId=name, ReplicationGroupDescription=f"autodeploy {ctx.name}", Engine=engine,
        EngineVersion=a["version"], CacheNodeType=a["instance"], NumCacheClusters=max(a["nodes"], 2 if
                                                                                      a["multi_az"] else 1),
        AutomaticFailoverEnabled=a["multi_az"], MultiAZEnabled=a["multi_az"], CacheSubnetGroupName=name,
        AtRestEncryptionEnabled=a["encryption"] is not False, TransitEncryptionEnabled=a["tls"],
        SnapshotRetentionLimit=int(a["backup"]), Tags=ctx.tag_list())
    if ctx.kms_key():
        kwargs["KmsKeyId"] = ctx.kms_key()
    if a["auth"]:
        ctx.warn_feature("auth", "an AUTH token must come from a secret the application reads; ADL has no link "
                         "from cache to secret yet", "enable AUTH/RBAC by hand")
    ec.create_replication_group(**kwargs)
    phys["replication_group"] = name


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    ec = ctx.c("elasticache")
    if phys.get("replication_group"):
        ignore_missing(ec.delete_replication_group, ReplicationGroupId=phys["replication_group"])
    if phys.get("cluster"):
        ignore_missing(ec.delete_cache_cluster, CacheClusterId=phys["cluster"])
    if phys.get("subnet_group"):
        try:
            ignore_missing(ec.delete_cache_subnet_group, CacheSubnetGroupName=phys["subnet_group"])
        except Exception as exc:  # noqa: BLE001
            api = unsupported_api(exc)
            if api is None:
                raise
            # moto 5.2 has no DeleteCacheSubnetGroup: say so rather than fail the whole destroy
            ctx.left_behind(f"cache subnet group {phys['subnet_group']}", api)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    ec = ctx.c("elasticache")
    try:
        if phys.get("replication_group"):
            g = ec.describe_replication_groups(ReplicationGroupId=phys["replication_group"])["ReplicationGroups"][0]
            if g.get("Status") == "deleting":
                return None
            return {"at_rest": bool(g.get("AtRestEncryptionEnabled")), "tls": bool(g.get("TransitEncryptionEnabled"))}
        ec.describe_cache_clusters(CacheClusterId=phys["cluster"])
        return {}
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise


def expected(r: Any) -> dict[str, Any]:
    if r.variant == "memcached":
        return {}
    return {"at_rest": r.attrs["encryption"] is not False, "tls": r.attrs["tls"]}


provider(Provider("cache", create, delete, read, expected, holds_data=holds_data))
