"""kubernetes -> EKS: cluster and node-group IAM roles, a secrets key (unless one is referenced),
the control-plane log group, the cluster (private endpoint, secrets encryption, every log type),
one managed node group and one Fargate profile per listed namespace -- as main.tf declares them."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import kubernetes as facts
from autodeploy.backends.aws import names
from autodeploy.backends.terraform.context import log_retention

from .cloud import ignore_missing, is_not_found
from .iam_util import trust
from .providers import Ctx, Provider, provider

_ROLES = (("cluster", "eks.amazonaws.com", facts.CLUSTER_POLICIES),
          ("nodes", "ec2.amazonaws.com", facts.NODE_POLICIES),
          ("fargate", "eks-fargate-pods.amazonaws.com", facts.FARGATE_POLICIES))


def _role(ctx: Ctx, phys: dict[str, Any], which: str, service: str, policies: tuple[str, ...],
          statements: list[dict[str, Any]] | None = None) -> str:
    iam = ctx.c("iam")
    name = names.prefixed(ctx.deployment, f"{ctx.name}_{which}")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(service), Tags=ctx.tag_list())["Role"]["Arn"]
    phys[f"{which}_role"] = name
    for p in policies:
        iam.attach_role_policy(RoleName=name, PolicyArn=f"arn:aws:iam::aws:policy/{p}")
    if statements:
        iam.put_role_policy(RoleName=name, PolicyName="autodeploy", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": statements}))
    return str(arn)


def _secrets_key(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    if ctx.resource.attrs["encryption"] is False:
        return None
    key = ctx.kms_key()
    if key:
        return key
    meta = ctx.c("kms").create_key(Description=f"{ctx.deployment}: secrets of cluster {ctx.name}",
                                   Tags=ctx.tag_list("TagKey", "TagValue"))["KeyMetadata"]
    ctx.c("kms").enable_key_rotation(KeyId=meta["KeyId"])
    phys["key_id"] = meta["KeyId"]
    return str(meta["Arn"])


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    eks = ctx.c("eks")
    _, subnets = ctx.subnets()
    name = facts.cluster_name(ctx.deployment, ctx.name)
    key = _secrets_key(ctx, phys)
    kms = [{"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
            "Resource": key}] if key else None
    role = _role(ctx, phys, "cluster", _ROLES[0][1], _ROLES[0][2], kms)
    if a["logs"]:
        logs = ctx.c("logs")
        group = facts.log_group(name)
        logs.create_log_group(logGroupName=group, tags=ctx.tags)
        logs.put_retention_policy(logGroupName=group, retentionInDays=log_retention(365))
        phys["log_group"] = group
    kwargs: dict[str, Any] = dict(
        name=name, version=str(a["version"]), roleArn=role, tags=ctx.tags,
        resourcesVpcConfig={"subnetIds": subnets, "endpointPublicAccess": bool(a["public"]),
                            "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": list(facts.LOG_TYPES), "enabled": bool(a["logs"])}]},
        accessConfig={"authenticationMode": facts.auth_mode(a), "bootstrapClusterCreatorAdminPermissions": True})
    if key:
        kwargs["encryptionConfig"] = [{"resources": ["secrets"], "provider": {"keyArn": key}}]
    try:
        out = eks.create_cluster(**kwargs)["cluster"]
    except Exception as exc:  # noqa: BLE001
        # endpoints without access entries (moto) reject accessConfig: the cluster is built without it
        if "accessConfig" not in str(exc):
            raise
        kwargs.pop("accessConfig")
        ctx.warn_feature("rbac", "the endpoint does not accept EKS access entries", "set the authentication mode "
                         "to API after deployment")
        out = eks.create_cluster(**kwargs)["cluster"]
    phys["cluster"], phys["arn"] = name, out["arn"]
    lo, desired, hi = facts.scaling(a)
    node_role = _role(ctx, phys, "nodes", _ROLES[1][1], _ROLES[1][2])
    group = f"{ctx.name.replace('_', '-')}-nodes"
    eks.create_nodegroup(clusterName=name, nodegroupName=group, nodeRole=node_role, subnets=subnets,
                         instanceTypes=[a["node_instance"]], diskSize=int(a["node_disk"]),
                         scalingConfig={"minSize": lo, "desiredSize": desired, "maxSize": hi},
                         updateConfig={"maxUnavailable": 1}, tags=ctx.tags)
    phys["nodegroup"] = group
    if a["fargate"]:
        pod_role = _role(ctx, phys, "fargate", _ROLES[2][1], _ROLES[2][2])
        phys["fargate_profiles"] = []
        for ns in a["fargate"]:
            profile = facts.fargate_profile(ctx.name, ns)
            eks.create_fargate_profile(fargateProfileName=profile, clusterName=name, podExecutionRoleArn=pod_role,
                                       subnets=subnets, selectors=[{"namespace": ns}], tags=ctx.tags)
            phys["fargate_profiles"].append(profile)


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    eks = ctx.c("eks")
    if phys.get("cluster"):
        for profile in phys.get("fargate_profiles", []):
            ignore_missing(eks.delete_fargate_profile, clusterName=phys["cluster"], fargateProfileName=profile)
        if phys.get("nodegroup"):
            ignore_missing(eks.delete_nodegroup, clusterName=phys["cluster"], nodegroupName=phys["nodegroup"])
        ignore_missing(eks.delete_cluster, name=phys["cluster"])
    if phys.get("log_group"):
        ignore_missing(ctx.c("logs").delete_log_group, logGroupName=phys["log_group"])
    if phys.get("key_id"):
        ignore_missing(ctx.c("kms").schedule_key_deletion, KeyId=phys["key_id"], PendingWindowInDays=30)
    iam = ctx.c("iam")
    for which, _, policies in _ROLES:
        role = phys.get(f"{which}_role")
        if not role:
            continue
        for p in policies:
            ignore_missing(iam.detach_role_policy, RoleName=role, PolicyArn=f"arn:aws:iam::aws:policy/{p}")
        ignore_missing(iam.delete_role_policy, RoleName=role, PolicyName="autodeploy")
        ignore_missing(iam.delete_role, RoleName=role)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    eks = ctx.c("eks")
    try:
        c = eks.describe_cluster(name=phys["cluster"])["cluster"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if c.get("status") == "DELETING":
        return None
    vpc = c.get("resourcesVpcConfig") or {}
    enabled = sorted(t for entry in (c.get("logging") or {}).get("clusterLogging", []) if entry.get("enabled")
                     for t in entry.get("types", []))
    observed: dict[str, Any] = {"version": c.get("version"), "public": bool(vpc.get("endpointPublicAccess")),
                                "secrets_encrypted": bool(c.get("encryptionConfig")), "log_types": enabled}
    if phys.get("nodegroup"):
        ng = eks.describe_nodegroup(clusterName=phys["cluster"], nodegroupName=phys["nodegroup"])["nodegroup"]
        sc = ng.get("scalingConfig") or {}
        observed["nodes"] = {"min": sc.get("minSize"), "max": sc.get("maxSize")}
    return observed


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    lo, _, hi = facts.scaling(a)
    return {"version": str(a["version"]), "public": bool(a["public"]),
            "secrets_encrypted": a["encryption"] is not False,
            "log_types": sorted(facts.LOG_TYPES) if a["logs"] else [], "nodes": {"min": lo, "max": hi}}


provider(Provider("kubernetes", create, delete, read, expected))
