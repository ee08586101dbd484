"""Waiting for the cloud: resources that exist before they are usable.

A NAT gateway is `pending` for a minute or two, an RDS instance `creating` for ten or more,
a CloudFront distribution `InProgress` for up to half an hour, an ECS service is not stable
until its tasks run. A create returns at once; dependents (routes, services, DNS) need the
resource usable, so after a create the engine polls each part here until it is ready: with
backoff (2 s, x1.5, at most 30 s), showing what is in flight and for how long, up to a
per-kind timeout. A timeout or a failed status is a coded error (ADL5165/ADL5166) and the
resource is rolled back like any failed create, so the state stays consistent.

Timeouts can be raised per kind with AUTODEPLOY_WAIT_<KIND> (seconds, e.g.
AUTODEPLOY_WAIT_DATABASE=3600); AUTODEPLOY_WAIT_POLL sets the first delay (tests use a small one).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .diagnostics import ddiag

Report = Callable[[str], None]

# seconds; generous next to the usual times (AWS docs: NAT ~1-5 min, RDS 10-20, CloudFront 5-25)
TIMEOUTS: dict[str, float] = {"network": 600, "database": 2400, "cache": 1800, "cdn": 1800, "service": 900}


@dataclass(frozen=True)
class Policy:
    timeouts: dict[str, float]
    first: float = 2.0
    factor: float = 1.5
    longest: float = 30.0


def policy() -> Policy:
    t = dict(TIMEOUTS)
    for kind in t:
        v = os.environ.get(f"AUTODEPLOY_WAIT_{kind.upper()}")
        if v:
            t[kind] = float(v)
    first = float(os.environ.get("AUTODEPLOY_WAIT_POLL") or 2.0)
    return Policy(t, first, 1.5, max(first, 30.0 if first >= 1 else first * 8))


class WaitError(Exception):
    """Carries its diagnostic (ADL5165/ADL5166) to the rollback."""

    def __init__(self, diagnostic: Any) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Target:
    what: str  # shown: "NAT gateway nat-0abc"
    probe: Callable[[], str]  # the current status
    ready: frozenset[str]
    failed: frozenset[str]
    word: str = "available"


def _nat(ctx: Any, nat: str) -> Target:
    def probe() -> str:
        got = ctx.c("ec2").describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"]
        return str(got[0]["State"]) if got else "deleted"
    return Target(f"NAT gateway {nat}", probe, frozenset({"available"}), frozenset({"failed", "deleted", "deleting"}))


def _db(ctx: Any, ident: str) -> Target:
    def probe() -> str:
        got = ctx.c("rds").describe_db_instances(DBInstanceIdentifier=ident)["DBInstances"]
        return str(got[0]["DBInstanceStatus"]) if got else "deleted"
    return Target(f"DB instance {ident}", probe, frozenset({"available"}),
                  frozenset({"failed", "deleted", "deleting", "incompatible-parameters", "incompatible-network",
                             "incompatible-restore", "inaccessible-encryption-credentials", "storage-full"}))


def _rg(ctx: Any, ident: str) -> Target:
    def probe() -> str:
        got = ctx.c("elasticache").describe_replication_groups(ReplicationGroupId=ident)["ReplicationGroups"]
        return str(got[0]["Status"]) if got else "deleted"
    return Target(f"replication group {ident}", probe, frozenset({"available"}),
                  frozenset({"create-failed", "deleted", "deleting"}))


def _cc(ctx: Any, ident: str) -> Target:
    def probe() -> str:
        got = ctx.c("elasticache").describe_cache_clusters(CacheClusterId=ident)["CacheClusters"]
        return str(got[0]["CacheClusterStatus"]) if got else "deleted"
    return Target(f"cache cluster {ident}", probe, frozenset({"available"}),
                  frozenset({"create-failed", "deleted", "deleting", "incompatible-network"}))


def _cdn(ctx: Any, ident: str) -> Target:
    def probe() -> str:
        return str(ctx.c("cloudfront").get_distribution(Id=ident)["Distribution"]["Status"])
    return Target(f"distribution {ident}", probe, frozenset({"Deployed"}), frozenset(), "deployed")


def _ecs(ctx: Any, cluster: str, service: str) -> Target:
    def probe() -> str:
        got = ctx.c("ecs").describe_services(cluster=cluster, services=[service])["services"]
        if not got or got[0].get("status") != "ACTIVE":
            return str(got[0].get("status")) if got else "MISSING"
        deps = got[0].get("deployments") or []
        # stable, as the services-stable waiter defines it: one deployment, all tasks running
        if len(deps) == 1 and got[0].get("runningCount", 0) >= got[0].get("desiredCount", 0):
            return "STABLE"
        primary: dict[str, Any] = next((d for d in deps if d.get("status") == "PRIMARY"), {})
        return str(primary.get("rolloutState") or f"{got[0].get('runningCount', 0)} of "
                   f"{got[0].get('desiredCount', 0)} tasks running")
    return Target(f"ECS service {service}", probe, frozenset({"STABLE"}), frozenset({"INACTIVE", "DRAINING",
                                                                                    "MISSING", "FAILED"}),
                  "stable")


def targets(kind: str, ctx: Any, phys: dict[str, Any]) -> list[Target]:
    """What of a freshly created resource must be waited for (from its physical ids)."""
    if kind == "network":
        return [_nat(ctx, n) for n in phys.get("nat_gateways", [])]
    if kind == "database" and phys.get("instance"):
        return [_db(ctx, phys["instance"])]
    if kind == "cache":
        if phys.get("replication_group"):
            return [_rg(ctx, phys["replication_group"])]
        return [_cc(ctx, phys["cluster"])] if phys.get("cluster") else []
    if kind == "cdn" and phys.get("distribution_id"):
        return [_cdn(ctx, phys["distribution_id"])]
    if kind == "service" and phys.get("cluster") and phys.get("service"):
        return [_ecs(ctx, phys["cluster"], phys["service"])]
    return []


def wait_ready(ctx: Any, phys: dict[str, Any], pol: Policy, report: Report,
               sleep: Callable[[float], None] = time.sleep) -> None:
    kind = ctx.resource.kind
    for t in targets(kind, ctx, phys):
        _wait(ctx, t, pol.timeouts.get(kind, 600.0), pol, report, sleep)


def _wait(ctx: Any, t: Target, timeout: float, pol: Policy, report: Report, sleep: Callable[[float], None]) -> None:
    start = time.monotonic()
    delay = pol.first
    polls = 0
    while True:
        status = t.probe()
        polls += 1
        elapsed = time.monotonic() - start
        if status in t.ready:
            if polls > 1:
                report(f"  . {ctx.name} ({ctx.resource.kind}): {t.what} {t.word} after {elapsed:.0f}s\n")
            return
        if status in t.failed:
            raise WaitError(ddiag("ADL5166", ctx.resource.span, name=ctx.name, kind=ctx.resource.kind,
                                  what=t.what, status=status, ready=t.word))
        if elapsed >= timeout:
            raise WaitError(ddiag("ADL5165", ctx.resource.span, name=ctx.name, kind=ctx.resource.kind,
                                  what=t.what, ready=t.word, seconds=f"{timeout:g}", status=status,
                                  env=ctx.resource.kind.upper()))
        report(f"  . {ctx.name} ({ctx.resource.kind}): waiting for {t.what}: {status} ({elapsed:.0f}s)\n")
        sleep(min(delay, max(timeout - elapsed, 0.0)))
        delay = min(delay * pol.factor, pol.longest)
