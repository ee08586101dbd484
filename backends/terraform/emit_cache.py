"""cache -> ElastiCache replication group (redis/valkey) or memcached cluster, subnet group,
AUTH token generated into Secrets Manager."""

from __future__ import annotations

from autodeploy.backends.aws import cache as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import ref
from .registry import TERRAFORM


@TERRAFORM.register("cache", primary=("aws_elasticache_replication_group", "aws_elasticache_cluster"))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    engine = facts.engine(r.variant)
    net = ctx.network(r)
    if net is None:
        return
    ident = facts.identifier(ctx.deployment, n)
    sg = ctx.security_group(r, net, facts.PORTS[engine])
    ctx.resource("aws_elasticache_subnet_group", n, {"name": ident, "subnet_ids": ctx.subnets(net)})
    key = ctx.key_arn(r)
    nodes = int(r.get("nodes"))
    if engine == "memcached":
        for attr, why in (("encryption", "memcached has no encryption at rest"),
                          ("auth", "memcached has no AUTH"), ("backup", "memcached has no snapshots")):
            if r.get(attr) and (attr != "backup" or "backup" in r.explicit):
                value = f"{r.get(attr):g} days" if attr == "backup" else "true"
                ctx.diag("ADL5003", r.span_of(attr), kind="cache", name=n, attr=attr, value=value,
                         reason=why, hint="use `cache ... : redis` or `valkey`")
        ctx.resource("aws_elasticache_cluster", n, {
            "cluster_id": ident, "engine": "memcached", "engine_version": str(r.get("version")),
            "node_type": r.get("instance"), "num_cache_nodes": nodes, "port": facts.PORTS[engine],
            "az_mode": "cross-az" if r.get("multi_az") and nodes > 1 else "single-az",
            "subnet_group_name": ref("aws_elasticache_subnet_group", n, "name"),
            "security_group_ids": [sg], "transit_encryption_enabled": bool(r.get("tls")),
            "tags": ctx.tags(r)})
        return
    multi_az = bool(r.get("multi_az"))
    if multi_az and nodes < 2:
        ctx.diag("ADL5003", r.span_of("multi_az"), kind="cache", name=n, attr="multi_az", value="true",
                 reason="Multi-AZ needs at least 2 nodes; emitted single-AZ", hint="set `nodes = 2`")
        multi_az = False
    auth = bool(r.get("auth")) and bool(r.get("tls"))
    if r.get("auth") and not r.get("tls"):
        ctx.diag("ADL5003", r.span_of("auth"), kind="cache", name=n, attr="auth", value="true",
                 reason="ElastiCache AUTH requires in-transit encryption", hint="set `tls = true`")
    if auth:
        ctx.flags.add("random")
        ctx.resource("random_password", f"{n}_auth", {"length": 64, "special": False})
        ctx.resource("aws_secretsmanager_secret", f"{n}_auth", {
            "name": ctx.name(f"{n}-auth"), "description": f"AUTH token of cache {n}",
            "kms_key_id": key, "recovery_window_in_days": 30})
        ctx.resource("aws_secretsmanager_secret_version", f"{n}_auth", {
            "secret_id": ref("aws_secretsmanager_secret", f"{n}_auth", "id"),
            "secret_string": ref("random_password", f"{n}_auth", "result")})
    ctx.resource("aws_elasticache_replication_group", n, {
        "replication_group_id": ident,
        "description": f"{ctx.deployment}: {n}",
        "engine": engine,
        "engine_version": str(r.get("version")),
        "node_type": r.get("instance"),
        "num_cache_clusters": nodes,
        "port": facts.PORTS[engine],
        "subnet_group_name": ref("aws_elasticache_subnet_group", n, "name"),
        "security_group_ids": [sg],
        "at_rest_encryption_enabled": ctx.encrypted(r),
        "kms_key_id": key,
        "transit_encryption_enabled": bool(r.get("tls")),
        "auth_token": ref("random_password", f"{n}_auth", "result") if auth else None,
        "multi_az_enabled": multi_az,
        "automatic_failover_enabled": multi_az,
        "snapshot_retention_limit": int(r.get("backup")),
        "auto_minor_version_upgrade": True,
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoint", ref("aws_elasticache_replication_group", n, "primary_endpoint_address"),
               f"primary endpoint of cache {n}")
