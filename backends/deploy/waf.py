"""A WAFv2 web ACL as main.tf declares it (backends/terraform/emit_load_balancer.py `waf`, facts in
backends/aws/waf.py): the AWS managed rule groups, its `aws-waf-logs-*` log group (365 days), the
logging configuration and, for a regional resource, the association. Shared by load_balancer, cdn
(CLOUDFRONT scope: the ACL and its log group in us-east-1; the distribution names the ACL itself)
and api_gateway (the REST stage).

Every part is recorded in the resource's `phys` the moment it exists (`waf_acl_arn`, `waf_log_group`,
`waf_logging`, `waf_associated`), so rollback and destroy remove exactly what there is."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import waf as facts

from . import log_groups
from .cloud import ignore_missing, is_not_found
from .providers import Ctx


def _region(scope: str) -> str | None:
    return facts.CLOUDFRONT_REGION if scope == "CLOUDFRONT" else None


def _visibility(metric: str) -> dict[str, Any]:
    return {"CloudWatchMetricsEnabled": True, "MetricName": metric, "SampledRequestsEnabled": True}


def rules() -> list[dict[str, Any]]:
    return [{"Name": group, "Priority": prio + 1, "OverrideAction": {"None": {}},
             "Statement": {"ManagedRuleGroupStatement": {"Name": group, "VendorName": facts.VENDOR}},
             "VisibilityConfig": _visibility(group)}
            for prio, group in enumerate(facts.MANAGED_RULE_GROUPS)]


def create(ctx: Ctx, phys: dict[str, Any], scope: str, resource_arn: str | None = None) -> str:
    """Create the ACL, its log group and logging; associate it with `resource_arn` (regional scope).
    Returns the ACL's ARN (a distribution names it as its WebACLId)."""
    label = facts.label(ctx.resource.kind, ctx.name)
    name = ctx.named(facts.acl_name(ctx.deployment, label), ctx.pname("waf", limit=128))
    region = _region(scope)
    waf = ctx.cloud.client("wafv2", region)
    out = waf.create_web_acl(Name=name, Scope=scope, DefaultAction={"Allow": {}}, Rules=rules(),
                             VisibilityConfig=_visibility(label), Tags=ctx.tag_list())["Summary"]
    phys.update(waf_acl_arn=out["ARN"], waf_acl_id=out["Id"], waf_acl_name=name, waf_scope=scope)
    group_arn = log_groups.create(ctx, phys, "waf_log_group", facts.log_group(name), facts.LOG_RETENTION_DAYS,
                                  region)
    waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": out["ARN"],
                                                        "LogDestinationConfigs": [group_arn]})
    phys["waf_logging"] = out["ARN"]
    if resource_arn is not None:
        waf.associate_web_acl(WebACLArn=out["ARN"], ResourceArn=resource_arn)
        phys["waf_associated"] = resource_arn
    return str(out["ARN"])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    """Remove what `create` recorded, tolerating what is already gone. A distribution naming the
    ACL must be deleted first (the cdn provider does that before calling this)."""
    scope = phys.get("waf_scope", "REGIONAL")
    region = _region(scope)
    waf = ctx.cloud.client("wafv2", region)
    if phys.get("waf_associated"):
        ignore_missing(waf.disassociate_web_acl, ResourceArn=phys["waf_associated"])
    if phys.get("waf_logging"):
        ignore_missing(waf.delete_logging_configuration, ResourceArn=phys["waf_logging"])
    if phys.get("waf_acl_id"):
        try:
            token = waf.get_web_acl(Name=phys["waf_acl_name"], Scope=scope, Id=phys["waf_acl_id"])["LockToken"]
        except Exception as exc:  # noqa: BLE001
            if not is_not_found(exc):
                raise
        else:
            ignore_missing(waf.delete_web_acl, Name=phys["waf_acl_name"], Scope=scope, Id=phys["waf_acl_id"],
                           LockToken=token)
    log_groups.delete(ctx, phys, "waf_log_group", region)


def exists(ctx: Ctx, phys: dict[str, Any]) -> bool:
    """Whether the recorded ACL still exists and logs, and (regional) still guards its resource."""
    if not phys.get("waf_acl_id"):
        return False
    scope = phys.get("waf_scope", "REGIONAL")
    waf = ctx.cloud.client("wafv2", _region(scope))
    try:
        waf.get_web_acl(Name=phys["waf_acl_name"], Scope=scope, Id=phys["waf_acl_id"])
        waf.get_logging_configuration(ResourceArn=phys["waf_acl_arn"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return False
        raise
    if phys.get("waf_associated"):
        got = waf.get_web_acl_for_resource(ResourceArn=phys["waf_associated"]).get("WebACL") or {}
        return bool(got.get("ARN") == phys["waf_acl_arn"])
    return True
