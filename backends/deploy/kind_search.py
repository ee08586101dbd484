"""search -> OpenSearch Service domain in the network's private subnets (or public when `public`):
encryption at rest, node-to-node encryption, HTTPS with TLS 1.2, fine-grained access control with
the account as IAM master, and with `logs` the slow/application (and audit) logs published to their
CloudWatch Logs group with the resource policy that lets OpenSearch write there, as main.tf declares it."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import data_services as facts
from autodeploy.backends.aws import names

from . import log_groups
from .cloud import ignore_missing, is_not_found
from .data_services import delete_parts, security_group
from .providers import Ctx, Provider, always_data, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    acct = ctx.c("sts").get_caller_identity()["Account"]
    name = ctx.named(facts.search_domain(ctx.deployment, ctx.name), ctx.pname(limit=28))
    nodes, zones, masters = int(a["nodes"]), int(a["zones"]), int(a["masters"])
    cluster: dict[str, Any] = {"InstanceType": a["instance"], "InstanceCount": nodes,
                               "ZoneAwarenessEnabled": zones > 1, "DedicatedMasterEnabled": masters > 0}
    if zones > 1:
        cluster["ZoneAwarenessConfig"] = {"AvailabilityZoneCount": zones}
    if masters:
        cluster.update(DedicatedMasterType=a.get("master_instance") or a["instance"], DedicatedMasterCount=masters)
    root = f"arn:aws:iam::{acct}:root"
    kwargs: dict[str, Any] = dict(
        DomainName=name, EngineVersion=facts.search_version(str(a["version"])), ClusterConfig=cluster,
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": int(a["storage"])},
        EncryptionAtRestOptions={"Enabled": a["encryption"] is not False},
        NodeToNodeEncryptionOptions={"Enabled": bool(a["tls"])},
        DomainEndpointOptions={"EnforceHTTPS": bool(a["tls"]), "TLSSecurityPolicy": facts.SEARCH_TLS_POLICY},
        AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": root}, "Action": "es:ESHttp*",
            "Resource": f"arn:aws:es:{ctx.cloud.region}:{acct}:domain/{name}/*"}]}),
        TagList=ctx.tag_list())
    if ctx.kms_key():
        kwargs["EncryptionAtRestOptions"]["KmsKeyId"] = ctx.kms_key()
    if a["auth"]:
        kwargs["AdvancedSecurityOptions"] = {"Enabled": True, "InternalUserDatabaseEnabled": False,
                                             "AnonymousAuthEnabled": False,
                                             "MasterUserOptions": {"MasterUserARN": root}}
    if a["logs"]:
        kwargs["LogPublishingOptions"] = _log_publishing(ctx, phys, bool(a["auth"]))
    if not a["public"]:
        vpc, subnets = ctx.subnets()
        sg = security_group(ctx, phys, vpc, "search")
        kwargs["VPCOptions"] = {"SubnetIds": subnets[:zones], "SecurityGroupIds": [sg]}
    phys["arn"] = ctx.c("opensearch").create_domain(**kwargs)["DomainStatus"]["ARN"]
    phys["domain"] = name


def _log_publishing(ctx: Ctx, phys: dict[str, Any], auth: bool) -> dict[str, Any]:
    """The log group `/aws/opensearch/<prefix>-<name>` and the resource policy letting OpenSearch write
    into it (main.tf's aws_cloudwatch_log_resource_policy), then the options naming it per log type."""
    group = facts.SEARCH_LOG_GROUP_PREFIX + names.prefixed(ctx.deployment, ctx.name)
    arn = log_groups.create(ctx, phys, "log_group", group)
    policy = facts.search_log_policy(ctx.deployment, ctx.name)
    ctx.c("logs").put_resource_policy(policyName=policy, policyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": facts.SEARCH_LOG_PRINCIPAL},
            "Action": list(facts.SEARCH_LOG_ACTIONS), "Resource": f"{arn}:*"}]}))
    phys["log_policy"] = policy
    return {t: {"CloudWatchLogsLogGroupArn": arn, "Enabled": True} for t in facts.search_logs(auth)}


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("domain"):
        ignore_missing(ctx.c("opensearch").delete_domain, DomainName=phys["domain"])
    if phys.get("log_policy"):
        ignore_missing(ctx.c("logs").delete_resource_policy, policyName=phys["log_policy"])
    log_groups.delete(ctx, phys, "log_group")
    delete_parts(ctx, phys)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        d = ctx.c("opensearch").describe_domain(DomainName=phys["domain"])["DomainStatus"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if d.get("Deleted"):
        return None
    published = sorted(t for t, o in (d.get("LogPublishingOptions") or {}).items() if o.get("Enabled"))
    return {"at_rest": bool(d.get("EncryptionAtRestOptions", {}).get("Enabled")),
            "node_to_node": bool(d.get("NodeToNodeEncryptionOptions", {}).get("Enabled")),
            "nodes": int(d.get("ClusterConfig", {}).get("InstanceCount", 0)),
            "logs": published if log_groups.exists(ctx, phys, "log_group") else []}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"at_rest": a["encryption"] is not False, "node_to_node": bool(a["tls"]), "nodes": int(a["nodes"]),
            "logs": sorted(facts.search_logs(bool(a["auth"]))) if a["logs"] else []}


provider(Provider("search", create, delete, read, expected, holds_data=always_data("a search index")))
