"""CloudWatch Logs groups that a resource owns (access logs, WAF logs, search and broker logs), made
as main.tf makes them: the name, the retention rounded up as `log_retention` rounds it, and the
resource's tags. The group is recorded in `phys[key]` the moment it exists."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.context import log_retention  # the same rounding as main.tf

from .cloud import ignore_missing
from .providers import Ctx


def create(ctx: Ctx, phys: dict[str, Any], key: str, name: str, days: float = 365,
           region: str | None = None) -> str:
    """Create the group `name` kept `days` (rounded up to an allowed value); return its ARN (no `:*`)."""
    logs = ctx.cloud.client("logs", region)
    logs.create_log_group(logGroupName=name, tags=ctx.tags)
    phys[key] = name
    logs.put_retention_policy(logGroupName=name, retentionInDays=log_retention(float(days)))
    return str(logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"][0]["arn"].removesuffix(":*"))


def delete(ctx: Ctx, phys: dict[str, Any], key: str, region: str | None = None) -> None:
    if phys.get(key):
        ignore_missing(ctx.cloud.client("logs", region).delete_log_group, logGroupName=phys[key])


def exists(ctx: Ctx, phys: dict[str, Any], key: str) -> bool:
    """Whether the recorded group is still there (drift: a log group deleted by hand)."""
    name = phys.get(key)
    if not name:
        return False
    got = ctx.c("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return any(g["logGroupName"] == name for g in got)
