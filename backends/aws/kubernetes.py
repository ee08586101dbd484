"""kubernetes (EKS): the facts Terraform and deploy share, so both build the same cluster."""

from __future__ import annotations

from typing import Any

from . import names

# every control-plane log type EKS exports (CKV_AWS_37 wants all five)
LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")
CLUSTER_POLICIES = ("AmazonEKSClusterPolicy",)
NODE_POLICIES = ("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly")
FARGATE_POLICIES = ("AmazonEKSFargatePodExecutionRolePolicy",)


def cluster_name(deployment: str, name: str) -> str:
    """The EKS cluster's name: main.tf's `${var.name_prefix}-<name>` with the default prefix."""
    return names.prefixed(deployment, name)


def log_group(cluster: str) -> str:
    """EKS writes control-plane logs to this fixed group; creating it first sets retention and key."""
    return f"/aws/eks/{cluster}/cluster"


def auth_mode(attrs: dict[str, Any]) -> str:
    """`rbac = true`: IAM access entries only (API), no aws-auth ConfigMap to hand-edit."""
    return "API" if attrs.get("rbac") else "API_AND_CONFIG_MAP"


def scaling(attrs: dict[str, Any]) -> tuple[int, int, int]:
    """(min, desired, max) of the node group; EKS needs max >= 1."""
    lo, hi = int(attrs["nodes"]["min"]), int(attrs["nodes"]["max"])
    return lo, lo, max(hi, 1)


def fargate_profile(name: str, namespace: str) -> str:
    return f"{name}-{namespace}".replace("_", "-")[:63]
