"""cache -> a Memorystore for Redis instance on private services access in the referenced VPC, AUTH
and in-transit encryption on, CMEK, RDB snapshots for `backup`; `multi_az` picks the STANDARD_HA tier.
The compiler refuses memcached/valkey on GCP with the substitute (ADL1081)."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .registry import GCP_TERRAFORM


def memory_gb(r: IRResource) -> int:
    """The capacity of a GCP cache `instance` ("5gb" -> 5)."""
    return int(str(r.get("instance")).removesuffix("gb"))


def redis_version(r: IRResource) -> str:
    major, _, minor = str(r.get("version") or "7.2").partition(".")
    return f"REDIS_{major}_{minor or '0'}" if major != "7" else "REDIS_7_2"


@GCP_TERRAFORM.register("cache", primary=("google_redis_instance",))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if int(r.get("nodes") or 1) > 1:
        ctx.diag("ADL5501", r.span_of("nodes"), kind="cache", name=n, attr="nodes", value=r.get("nodes"),
                 reason="a Memorystore for Redis instance is one primary (plus a replica in STANDARD_HA)",
                 hint="size the instance's memory instead")
    body: dict[str, object] = {
        "name": ctx.name(n),
        "tier": "STANDARD_HA" if r.get("multi_az") else "BASIC",
        "memory_size_gb": memory_gb(r),
        "region": Expr("var.region"),
        "redis_version": redis_version(r),
        "auth_enabled": bool(r.get("auth")),
        "transit_encryption_mode": "SERVER_AUTHENTICATION" if r.get("tls") else "DISABLED",
        "customer_managed_key": ctx.key_id(r, "redis"),
        "labels": ctx.labels(r),
    }
    if net is not None:
        body["authorized_network"] = ctx.network_id(net)
        body["connect_mode"] = "PRIVATE_SERVICE_ACCESS"
        ctx.private_services(net[0])
        body["depends_on"] = [Expr(f"google_service_networking_connection.{net[0]}")]
    if int(r.get("backup") or 0) > 0:
        body["persistence_config"] = Block({"persistence_mode": "RDB", "rdb_snapshot_period": "TWENTY_FOUR_HOURS"})
    ctx.resource("google_redis_instance", n, body)
    ctx.output(f"{n}_host", ref("google_redis_instance", n, "host"), f"host of cache {n}")
