"""kubernetes -> EKS cluster (private endpoint, secrets envelope-encrypted with KMS, every
control-plane log type into a KMS-encrypted log group, access entries), one managed node group in
the private subnets, and one Fargate profile per listed namespace."""

from __future__ import annotations

from autodeploy.backends.aws import kubernetes as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx, key_policy
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM


def _secrets_key(ctx: TfCtx, r: IRResource) -> Expr | None:
    """The key Kubernetes secrets are envelope-encrypted with: the referenced one, or a cluster key."""
    if not ctx.encrypted(r):
        return None
    key = ctx.key_arn(r)
    if key is not None:
        return key
    ctx.resource("aws_kms_key", f"{r.name}_secrets", {
        "description": f"{ctx.deployment}: secrets of cluster {r.name}",
        "enable_key_rotation": True,
        "deletion_window_in_days": 30,
        "policy": key_policy(ctx),
        "tags": ctx.tags(r),
    })
    return ref("aws_kms_key", f"{r.name}_secrets", "arn")


@TERRAFORM.register("kubernetes", primary=("aws_eks_cluster",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    cluster = ctx.name(n)
    ctx.role(f"{n}_cluster", "eks.amazonaws.com", facts.CLUSTER_POLICIES)
    sg = ctx.security_group(r, net, 443, what="kubernetes API of")
    key = _secrets_key(ctx, r)
    if key is not None:  # the control plane wraps and unwraps the secrets' data keys with it
        ctx.role_policy(f"{n}_cluster_kms", f"{n}_cluster", [{
            "actions": ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], "resources": [key]}])
    logs = bool(r.get("logs"))
    depends = []
    if logs:
        ctx.log_group(f"{n}_cluster", Tmpl(facts.log_group("${var.name_prefix}-" + n.replace("_", "-"))))
        depends.append(Expr(f"aws_cloudwatch_log_group.{n}_cluster"))
    depends.append(Expr(f"aws_iam_role_policy_attachment.{n}_cluster_managed_0"))
    ctx.resource("aws_eks_cluster", n, {
        "name": cluster,
        "version": str(r.get("version")),
        "role_arn": ref("aws_iam_role", f"{n}_cluster", "arn"),
        "vpc_config": Block({
            "subnet_ids": ctx.subnets(net),
            "security_group_ids": [sg],
            "endpoint_private_access": True,
            "endpoint_public_access": bool(r.get("public")),
        }),
        "encryption_config": Block({"resources": ["secrets"], "provider": Block({"key_arn": key})})
        if key is not None else None,
        "enabled_cluster_log_types": list(facts.LOG_TYPES) if logs else None,
        "access_config": Block({"authentication_mode": facts.auth_mode(r.attrs),
                                "bootstrap_cluster_creator_admin_permissions": True}),
        "tags": ctx.tags(r),
        "depends_on": depends,
    })
    lo, desired, hi = facts.scaling(r.attrs)
    ctx.role(f"{n}_nodes", "ec2.amazonaws.com", facts.NODE_POLICIES)
    ctx.resource("aws_eks_node_group", n, {
        "cluster_name": ref("aws_eks_cluster", n, "name"),
        "node_group_name": f"{n.replace('_', '-')}-nodes",
        "node_role_arn": ref("aws_iam_role", f"{n}_nodes", "arn"),
        "subnet_ids": ctx.subnets(net),
        "instance_types": [r.get("node_instance")],
        "disk_size": int(r.get("node_disk")),
        "scaling_config": Block({"min_size": lo, "desired_size": desired, "max_size": hi}),
        "update_config": Block({"max_unavailable": 1}),
        "tags": ctx.tags(r),
        "depends_on": [Expr(f"aws_iam_role_policy_attachment.{n}_nodes_managed_{i}")
                       for i in range(len(facts.NODE_POLICIES))],
    })
    namespaces = list(r.get("fargate") or [])
    if namespaces:
        ctx.role(f"{n}_fargate", "eks-fargate-pods.amazonaws.com", facts.FARGATE_POLICIES)
    for ns in namespaces:
        label = f"{n}_fargate_{ns.replace('-', '_')}"
        ctx.resource("aws_eks_fargate_profile", label, {
            "cluster_name": ref("aws_eks_cluster", n, "name"),
            "fargate_profile_name": facts.fargate_profile(n, ns),
            "pod_execution_role_arn": ref("aws_iam_role", f"{n}_fargate", "arn"),
            "subnet_ids": ctx.subnets(net),
            "selector": Block({"namespace": ns}),
            "tags": ctx.tags(r),
        })
    ctx.output(f"{n}_endpoint", ref("aws_eks_cluster", n, "endpoint"), f"API server endpoint of cluster {n}")
