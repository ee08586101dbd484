"""helm_release -> a `helm_release` of the Terraform helm provider, through one helm provider per
cluster (alias = the cluster's name) that authenticates with `aws eks get-token`. Atomic installs
(a failed upgrade rolls back), the namespace created, each value one `set` (dotted keys reach nested
chart values: `"controller.replicaCount": 2`)."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Expr, ref
from .registry import TERRAFORM

HELM_PROVIDER = "~> 2.17"


def _provider(ctx: TfCtx, cluster: str) -> None:
    ctx.required["helm"] = {"source": "hashicorp/helm", "version": HELM_PROVIDER}
    ctx.providers[cluster] = {"name": "helm", "body": {
        "alias": cluster,
        "kubernetes": Block({
            "host": ref("aws_eks_cluster", cluster, "endpoint"),
            "cluster_ca_certificate": Call("base64decode", (
                Expr(f"aws_eks_cluster.{cluster}.certificate_authority[0].data"),)),
            "exec": Block({
                "api_version": "client.authentication.k8s.io/v1beta1",
                "command": "aws",
                "args": ["eks", "get-token", "--cluster-name", ref("aws_eks_cluster", cluster, "name")],
            }),
        }),
    }}


def _text(v: object) -> str:
    """helm `set` values are strings; booleans as helm writes them."""
    return str(v).lower() if isinstance(v, bool) else str(v)


@TERRAFORM.register("helm_release", primary=("helm_release",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    cluster = (r.get("cluster") or {}).get("ref")
    if not cluster:
        return
    _provider(ctx, cluster)
    values = r.get("values") or {}
    ctx.resource("helm_release", r.name, {
        "provider": Expr(f"helm.{cluster}"),
        "name": r.name.replace("_", "-"),
        "chart": r.get("chart"),
        "repository": r.get("repository"),
        "version": r.get("version"),
        "namespace": r.get("namespace") or r.name.replace("_", "-"),
        "create_namespace": True,
        "atomic": True,
        "cleanup_on_fail": True,
        "set": [Block({"name": k, "value": _text(v)}) for k, v in sorted(values.items())] or None,
        "depends_on": [Expr(f"aws_eks_node_group.{cluster}")],
    })
