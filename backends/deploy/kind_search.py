"""search -> OpenSearch Service domain in the network's private subnets (or public when `public`):
encryption at rest, node-to-node encryption, HTTPS with TLS 1.2, fine-grained access control with
the account as IAM master, as main.tf declares it."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import data_services as facts

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
    if not a["public"]:
        vpc, subnets = ctx.subnets()
        sg = security_group(ctx, phys, vpc, "search")
        kwargs["VPCOptions"] = {"SubnetIds": subnets[:zones], "SecurityGroupIds": [sg]}
    phys["arn"] = ctx.c("opensearch").create_domain(**kwargs)["DomainStatus"]["ARN"]
    phys["domain"] = name
    if a["logs"]:
        ctx.warn_feature("logs", "deploy does not create the CloudWatch log groups and their resource policy that "
                         "log publishing needs", "emit Terraform for log publishing, or enable it in the console")


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("domain"):
        ignore_missing(ctx.c("opensearch").delete_domain, DomainName=phys["domain"])
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
    return {"at_rest": bool(d.get("EncryptionAtRestOptions", {}).get("Enabled")),
            "node_to_node": bool(d.get("NodeToNodeEncryptionOptions", {}).get("Enabled")),
            "nodes": int(d.get("ClusterConfig", {}).get("InstanceCount", 0))}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"at_rest": a["encryption"] is not False, "node_to_node": bool(a["tls"]), "nodes": int(a["nodes"])}


provider(Provider("search", create, delete, read, expected, holds_data=always_data("a search index")))
